"""What a sentence's time and its document's levels of government allow it to answer."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policybot.answers.per_document import PerDocument
from policybot.answers.roles import BODY, WH_WORDS
from policybot.answers.sentences import Sentence
from policybot.index.document_text import fold
from policybot.questions.question import LEVEL, QuestionSpec
from policybot.search.querytext import without_source
from policybot.text.places import bare_name, find_localities, find_provinces
from policybot.types import Hit


def in_time(spec: QuestionSpec, years: set[str], stated: frozenset[str] | set[str]) -> bool:
    """The sentence speaks of every year the question asks of (`years`, after those that
    name something), and of some year of each period it asks of ("giai đoạn 2021-2025" is
    asked of by a sentence dated 2023 or by one of a document issued in 2022)."""
    ends = {y for period in spec.periods for y in period}
    if not (years - ends) <= stated:
        return False
    return all(
        any(str(y) in stated for y in range(int(first), int(last) + 1))
        for first, last in spec.periods
        if first in years or last in years  # not a period the title names (titled_year.py)
    )


class DocumentLevels(PerDocument):
    """The levels of government each document speaks of ("cấp tỉnh" -> "tỉnh"), read once
    per document."""

    def of(self, doc_id: str) -> frozenset[str]:
        return self._of(doc_id)

    def _read(self, doc_id: str) -> frozenset[str]:
        chunks = self._retriever.chunks
        return frozenset(
            m.casefold()
            for cid in self._retriever.passages_of(doc_id)
            for m in LEVEL.findall(f"{chunks[cid].heading}\n{chunks[cid].text}")
        )


class DocumentArticles(PerDocument):
    """The numbers of the articles each document is set out in, read once per document."""

    def of(self, doc_id: str, hits: Sequence[Hit] = ()) -> frozenset[str]:
        """Its articles, those of the passages in `hits` of the same document included."""
        seen = (h.chunk.article() for h in hits if h.chunk.doc_id == doc_id)
        return self._of(doc_id) | {n for n in seen if n is not None}

    def _read(self, doc_id: str) -> frozenset[str]:
        chunks = self._retriever.chunks
        numbers = (chunks[cid].article() for cid in self._retriever.passages_of(doc_id))
        return frozenset(n for n in numbers if n is not None)


def in_article(spec: QuestionSpec, sent: Sentence, articles: frozenset[str]) -> bool:
    """A question naming an article its document (set out in `articles`) does not have
    ("Điều 20" of a 17-article regulation) is answered by none of its sentences, unless one
    names that article ("trường hợp quy định tại Điều 20 …"). A named article the document
    has may state nothing asked: its other articles may answer (focus.py tries it first)."""
    if not spec.articles or not articles or set(spec.articles) & articles:
        return True
    named = re.findall(r"(?<!\w)[Đđ]iều\s+(\d+[a-zđ]?)(?!\w)", sent.text)
    return any(n.lower() in spec.articles for n in named)


# "khoản 5 Điều 3", "Điều 3 khoản 5": a clause of an article asked
_CLAUSE_ASKED = re.compile(
    r"(?<!\w)khoản\s+(?P<clause>\d+)\s*(?:,\s*|của\s+|tại\s+)?điều\s+(?P<article>\d+[a-zđ]?)"
    r"|(?<!\w)điều\s+(?P<article2>\d+[a-zđ]?)\s*,?\s*khoản\s+(?P<clause2>\d+)(?!\w)",
    re.IGNORECASE,
)
# A clause's opening line within its article's passage ("5. Tổng công trình sư …")
_CLAUSE_LINE = re.compile(r"(?m)^\s*(\d{1,2})\.\s")


def clause_asked(question: str) -> tuple[str, str] | None:
    """(article, clause) a question names, lowered ("Khoản 5 Điều 3" -> ("3", "5"))."""
    m = _CLAUSE_ASKED.search(question)
    if not m:
        return None
    if m["article"]:
        return m["article"].lower(), m["clause"]
    return m["article2"].lower(), m["clause2"]


def in_clause(sent: Sentence, article: str, clause: str) -> bool:
    """The sentence stands in that clause of that article: the last clause line before it
    in its article's passage is that clause's, or with none, its passage's heading says so."""
    chunk = sent.hit.chunk
    if chunk.article() != article:
        return False
    # up to the sentence's own marker ("6. …" is clause 6's)
    lines = _CLAUSE_LINE.findall(chunk.text[: sent.start + min(len(sent.text), 5)])
    if lines:
        return lines[-1] == clause
    where = chunk.where()
    return " khoản " in where and where.rsplit(" ", 1)[-1] == clause


def row_of_another_place(spec: QuestionSpec, sent: Sentence) -> bool:
    """A table row naming places, none of them the one asked ("| Nam Định | 47 (VTV3) | 50 |"
    asked of Quảng Ninh): another place's row of a table set out by place."""
    asked = (*spec.provinces, *spec.localities)
    if not sent.row or not asked:
        return False
    named = [*find_provinces(sent.row), *find_localities(sent.row)]
    row = fold(sent.row)
    return bool(named) and not any(fold(bare_name(p)) in row for p in asked)


# "Sở Tài chính", "Bộ Công an": a body named by its kind and name. Every Party committee
# has a "Ban Thường vụ" and a "Ban Chấp hành": those are told apart by the committee's
# place, which is checked as a place, not by their own name.
_NAMED_BODY = re.compile(
    r"(?<!\w)(Sở|Bộ|Ban(?!\s+(?:Thường|Chấp)\b)|Cục|Chi cục|Công an|Văn phòng|Trung tâm"
    r"|Hiệp hội|Hội)\s+(\w+)(?:\s+(\w+))?"
)
# A body after a preposition is an owner, partner or recipient ("Hệ thống thông tin của Bộ
# Tư pháp", "chỉ thị của Bộ Công Thương", "phối hợp với Sở Y tế", "các đơn vị thuộc Bộ
# Công Thương"), not the one whose doings are asked, unless its duties are what is asked
# ("nhiệm vụ của Sở Y tế")
_AFTER_PREPOSITION = re.compile(r"(?<!\w)(?:của|với|cho|qua|tới|đến|từ|tại|trên|thuộc)\s+$", re.I)
_DUTIES_OF = re.compile(
    r"(?<!\w)(?:nhiệm vụ|trách nhiệm|quyền hạn|chức năng|vai trò|quyền|việc)\s+của\s+$", re.I
)
# "… do Bộ Công Thương ban hành": its issuer, by the verb after it ("do Sở Y tế thực hiện"
# is the body doing it)
_ISSUED_AFTER = re.compile(r"\s*(?:ban hành|ký|phê duyệt)(?!\w)")


def _not_asked(before: str, after: str) -> bool:
    if _AFTER_PREPOSITION.search(before) and not _DUTIES_OF.search(before):
        return True
    return before.rstrip().endswith(" do") and bool(_ISSUED_AFTER.match(after))


def bodies_named(question: str) -> list[str]:
    """The bodies a question asks of, named by kind and a capitalised name ("Sở Tài chính"),
    folded: their first two words, enough to find them ("sở tài")."""
    out = []
    for m in _NAMED_BODY.finditer(question):
        if m.group(2)[0].isupper() and not _not_asked(question[: m.start()], question[m.end() :]):
            out.append(fold(f"{m.group(1)} {m.group(2)}"))
    return out


# "… chỉ tiêu của Thủ tướng Chính phủ", "các đơn vị thuộc Bộ": a body that owns is no actor
# ("giao cho Sở …", "đối với Sở …" name the one that acts)
_OWNER_BEFORE = re.compile(r"(?<!\w)(?:của|thuộc)\s+(?:các\s+|những\s+)?$", re.I)


def _names_an_actor(text: str) -> bool:
    """The text names a body that does something in it, not only one it belongs to."""
    end, owned = -1, False
    for m in BODY.finditer(text):
        # a name's next word ("Thủ tướng Chính phủ") is owned as its first is
        if not (end >= 0 and owned and not text[end : m.start()].strip()):
            owned = bool(_OWNER_BEFORE.search(text[: m.start()]))
        if not owned:
            return True
        end = m.end()
    return False


def speaks_of_bodies(spec: QuestionSpec, sent: Sentence) -> bool:
    """A question about what a named body does ("Sở Tài chính chịu trách nhiệm gì?") is
    answered by a sentence that names it, in itself, its list's opening line, its table row
    or its article's heading; a who-question names none of its own to hold, nor does a
    clause naming the document asked of ("Theo kế hoạch của Bộ TTTT, …"). A body its
    document's title names speaks in the sentences that name no body of their own ("Bộ
    Công Thương bắt các đơn vị …" of the Ministry's own directive: "Phải bảo đảm … chỉ tiêu
    của Thủ tướng Chính phủ": that body is whose the target is, no actor)."""
    if WH_WORDS.search(spec.text):
        return True
    asked = bodies_named(without_source(spec.text))
    if not asked:
        return True
    chunk = sent.hit.chunk
    title = "" if _names_an_actor(sent.text) else chunk.title
    said = fold(f"{title}\n{chunk.heading}\n{sent.opener}\n{sent.row}\n{sent.text}")
    return all(body in said for body in asked)
