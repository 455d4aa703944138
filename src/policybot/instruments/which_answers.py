"""Which instrument regulates X, asked by what it is about, not by number.

Officials ask "Văn bản nào của Chính phủ hướng dẫn thi hành Bộ luật Dân sự về các biện pháp
bảo đảm?" or "Danh sách các dự án luật trình Quốc hội năm 2026 được quyết định tại nghị quyết
nào?". The answer is an instrument the corpus holds in full, named by type, number, date and
issuer, and cited to its own header. It is the first, in retrieval's order of their
documents, that the question agrees with: the type asked ("nghị quyết nào"), the issuer and
the province it names, some words of its trích yếu (own_answers.TOPIC_SHARE), and not an
instrument the question itself names (the law a decree guides, whose text shares the
question's words and is often ranked first). Only the first few documents are read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policybot.answers.draft import Draft
from policybot.instruments.own_answers import OwnAnswers
from policybot.instruments.registry_records import Entry
from policybot.instruments.topic_words import TOPIC_SHARE, topic_share
from policybot.questions.question import QuestionSpec
from policybot.text.issuers import find_issuers
from policybot.text.refs import ref_matches
from policybot.text.symbols import TYPE_WORDS

# The noun a question word asks of, up to three words before it: "văn bản nào", "tại nghị
# quyết nào", "văn bản pháp luật nào"; not "có hiệu lực khi nào" (a time asked), nor the
# "pháp luật" of "văn bản pháp luật" (law in general, no type).
_NOUN = rf"(?:văn bản|(?<!pháp )(?:{TYPE_WORDS}))"
_WHICH = re.compile(
    rf"(?<!\w){_NOUN}(?: (?!khi|lúc|ngày|năm|tháng|thời|cơ|đơn|ai)[^ ?,]+){{0,3}}? nào(?!\w)"
    rf"|(?<!\w){_NOUN} (?:gì|số mấy)(?!\w)"  # "văn bản gì", not "nghị định có nội dung gì"
)
_NOUNS = re.compile(rf"(?<!\w){_NOUN}(?!\w)")
_ISSUED_ALONE = frozenset(
    ["luật", "bộ luật", "pháp lệnh", "nghị định", "thông tư", "nghị quyết", "chỉ thị"]
)
# "Kế hoạch … là để thực hiện kế hoạch số mấy", "Nghị định … căn cứ vào văn bản nào": the
# instrument asked is one the instrument described carries out or rests on, not itself;
# "muốn ký hợp đồng … thì phải căn cứ vào nghị định nào" describes no instrument first
_CARRIED_OUT = re.compile(
    rf"(?<!\w){_NOUN}(?!\w).*(?<!\w)(?:thực hiện|triển khai|làm theo|cụ thể hóa|thi hành"
    r"|căn cứ(?: vào)?"
    rf"|dựa (?:trên|vào)) (?:[^ ?,]+ ){{0,2}}?{_NOUN}(?: [^ ?,]+){{0,3}}? (?:nào|gì|số mấy)(?!\w)"
)
_SYMBOL = re.compile(r"(?<!\w)(?:số hiệu|ký hiệu)(?!\w)")
# "Kế hoạch … của Đồng Tháp là số mấy vậy?": an instrument's number, asked last (of one the
# question names by type; "đường dây nóng … là số mấy" asks a telephone number)
_NUMBER_LAST = re.compile(
    r"(?<!\w)(?:là|mang|có) số (?:mấy|bao nhiêu)(?: (?:vậy|ạ|nhỉ|thế|hả|đấy))*\s*\??\s*$"
)
DOCUMENTS = 3  # the documents retrieval ranked first whose instruments may answer
# … a document retrieval ranked below the first needs more of its trích yếu in the question:
# half of it ("bảo vệ dữ liệu cá nhân" alone is no decree on fines in that field)
BELOW_FIRST_SHARE = 0.5
_ON_BEHALF = frozenset(["bộ chính trị", "ban bí thư"])  # of the Party's Central Committee
# Abbreviated bodies as questions write them; the registry writes them out.
_BODIES = (("ubnd", "ủy ban nhân dân"), ("hđnd", "hội đồng nhân dân"), ("uỷ", "ủy"))


def asked_type(low: str) -> str | None:
    """The type of instrument a question asks for ("" for any document), or None when it
    asks for none."""
    m = _WHICH.search(low)
    if m is None:
        if not (_SYMBOL.search(low) or (_NUMBER_LAST.search(low) and _NOUNS.search(low))):
            return None
        # "Nghị định xử phạt … mang số hiệu gì?": the number of a decree, so a decree; a
        # plan or a regulation is often issued with a decision, whose number it then has
        named = _NOUNS.findall(low)
        return named[0] if named and named[0] in _ISSUED_ALONE else ""
    noun = _NOUNS.findall(m.group(0))[-1]  # the nearest to the question
    return "" if noun == "văn bản" else noun


def _body(name: str) -> str:
    low = " ".join(name.casefold().split())
    for short, full in _BODIES:
        low = re.sub(rf"(?<!\w){short}(?!\w)", full, low)
    return low


# "… gửi qua hệ thống do Bộ Tư pháp vận hành": the body doing something the question
# describes, not the issuer asked for (which "do … ban hành / ký / phê duyệt" names)
_AGENT_OF_OTHER = re.compile(
    r"\s*+(?:(?:đã|vừa|mới|đang|cùng)\s+)*+(?:khóa\s+\w+\s+)?+"  # "do Quốc hội khóa XV thông qua"
    r"(?!ban hành|ký|phê duyệt|thông qua|quyết định|ra(?!\w)|về(?!\w)|và(?!\w)|[?,.;]|$)\w"
)
_DO_BEFORE = re.compile(r"(?<!\w)do\s+$", re.IGNORECASE)


def _issuers_named(text: str) -> list[str]:
    """The bodies a question names as an issuer: all but one named as the agent ("do …")
    of another act than issuing."""
    return [
        _body(name)
        for start, end, name in find_issuers(text)
        if not (_DO_BEFORE.search(text[:start]) and _AGENT_OF_OTHER.match(text[end:]))
    ]


def issuer_agrees(text: str, entry: Entry) -> bool:
    """Every body the question names as an issuer is the instrument's issuer, or part of
    its name ("Quốc hội" of "Ủy ban Thường vụ Quốc hội"); a question naming none agrees."""
    named = _issuers_named(text)
    if not named:
        return True
    issuer = _body(entry.issuer or "")
    if "trung ương" in issuer:  # the Politburo and the Secretariat issue in its name (…/TW)
        named = ["trung ương" if n in _ON_BEHALF else n for n in named]
    return bool(issuer) and any(n in issuer or issuer in n for n in named)


class WhichAnswers:
    """Built once per loaded index, beside OwnAnswers (whose passages it cites)."""

    def __init__(self, own: OwnAnswers) -> None:
        self.own = own

    def answer(self, spec: QuestionSpec, doc_ids: Sequence[str], low: str) -> Draft | None:
        """The first held instrument of the documents retrieval ranked first (`doc_ids`, in
        order), when the question asks which instrument and agrees with it; None otherwise."""
        wanted = asked_type(low)
        if wanted is None or _CARRIED_OUT.search(low):
            return None  # "… để thực hiện kế hoạch số mấy?": what it carries out (lineage)
        held = (
            (e, rank)
            for rank, d in enumerate(doc_ids[:DOCUMENTS])
            for e in self.own.registry.held([d])
        )
        for entry, rank in held:
            if wanted and entry.type.casefold() != wanted:
                continue
            if any(ref_matches(r, entry.instrument) for r in spec.refs):
                continue  # the instrument the question names is not its answer
            if spec.provinces and entry.local and entry.province not in spec.provinces:
                continue
            if not issuer_agrees(spec.text, entry):
                continue
            share = topic_share(entry, low)
            if share is None or share < (TOPIC_SHARE if rank == 0 else BELOW_FIRST_SHARE):
                continue
            return self._named(entry)
        return None

    def _named(self, entry: Entry) -> Draft | None:
        if not entry.own_doc or entry.own_doc not in self.own.by_doc:
            return None
        hit = self.own.header(entry)
        subject = f" {entry.subject.strip()}" if entry.subject else ""
        text = f"{entry.label()}:{subject}."
        return Draft(refused=False, parts=((text, hit, hit.chunk.text.split("\n")[0]),))
