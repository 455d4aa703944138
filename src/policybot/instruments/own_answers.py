"""Questions officials ask of one instrument whose own text the corpus holds: who signed it,
when it takes effect, which instruments it replaces, abolishes or amends, what an article
says (article_answers.py).

"Ai ký" is answered from the signature block (read at ingest, never a passage of its own),
cited to the document's header passage; the effective date and the replaced instruments
from the sentences of the body that state them ("Thông tư này có hiệu lực thi hành từ ngày
...", "... hết hiệu lực kể từ ngày ..."): "Thông tư này" is the instrument the question
names, because the passage is in that instrument's own document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Protocol

from policybot.answers.draft import REFUSAL, Draft
from policybot.instruments.article_answers import answer_article, article_asked
from policybot.instruments.cited_lines import CitedLines, Part
from policybot.instruments.deciding import deciding, enacting
from policybot.instruments.excepted_clause import excepted_clauses
from policybot.instruments.own_cues import (
    AMENDING_NAME,
    DAY_ASKED,
    EFFECTIVE_CUE,
    EXPIRY_ASKED,
    ISSUER_ASKED,
    REMOVAL,
    REPLACES_CUE,
    SUBSTITUTE_ASKED,
    SUBSTITUTES,
    TASK,
)
from policybot.instruments.own_grounds import BODY_START
from policybot.instruments.proposer import PROPOSER_ASKED, proposer_answer
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Entry
from policybot.instruments.topic_words import TOPIC_SHARE, lowered_text, matter_decided, topic_share
from policybot.instruments.validity_status import effective_day, recorded_status
from policybot.questions.question import QuestionSpec
from policybot.reading.effective import EFFECTIVE, unreadable_effective_day
from policybot.reading.signature import AUTHORITY
from policybot.reading.validity import REPLACES, passage_statements
from policybot.types import Chunk, Hit

# A question may name an instrument by what it is about and a word for any document
# ("Văn bản của Đảng về ...", "Hướng dẫn của Hội đồng Thẩm phán về ...") instead of its type;
# "pháp luật" is law in general, no type.
_ANY_TYPE = re.compile(
    r"(?<!\w)(?:văn bản|hướng dẫn|quy định|quyết định|nghị quyết|nghị định|thông tư|chỉ thị"
    r"|kế hoạch|(?<!pháp )luật|công văn|công điện|thông báo|án lệ)(?!\w)"
)
# "quyết định" as a verb, no type: "do cơ quan nào quyết định?", "ai được quyết định …"
_DECIDES = re.compile(
    r"(?<!\w)(?:ai|nào|được|sẽ|đã|tự|quyền)\s+quyết định(?!\s+(?:số|này|\d))"
    r"|(?<!\w)do\s+(?:[^ ?.,]+\s+){1,5}?(?<!theo )(?<!tại )quyết định\s*(?:[?.,]|$)"
)


_OWN_EFFECTIVE = re.compile(
    r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Thông\s+tư|Chỉ\s+thị"
    r"|Kế\s+hoạch|Quy\s+định|Quy\s+chế|Văn\s+bản)\s+này\s+có\s+hiệu\s+lực(?:\s+thi\s+hành)?"
    r"(?:\s+chính\s+thức)?\s*,?\s*(?:kể\s+)?từ"
)
# "… chịu trách nhiệm thi hành Quyết định này kể từ ngày 01 tháng 5 năm 2026": the day it
# is carried out from, said in its closing article instead of "có hiệu lực"
_EXECUTED_FROM = re.compile(
    r"thi\s+hành\s+(?:\S+\s+){0,3}?này\s+(?:kể\s+)?từ\s+ngày\s+\d", re.IGNORECASE
)
_SENTENCE = re.compile(r"[^.;\n]+[.;]?")
_PREAMBLE_PASSAGES = 4  # a header with its grounds is read from at most this many passages


def _day(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d):02d}/{int(m):02d}/{y}"


class PassagesByDocument(Protocol):
    def __getitem__(self, doc_id: str, /) -> list[Chunk]: ...

    def __contains__(self, doc_id: object, /) -> bool: ...


class DocumentPassages:
    """A document's passages in reading order, looked up when asked for (the latest kept)."""

    def __init__(self, chunks: Mapping[str, Chunk], of_document: Callable[[str], list[str]]):
        self._chunks = chunks
        self._of_document = of_document
        self._kept: dict[str, list[Chunk]] = {}

    def __getitem__(self, doc_id: str) -> list[Chunk]:
        found = self._kept.get(doc_id)
        if found is None:
            found = sorted(
                (self._chunks[c] for c in self._of_document(doc_id)), key=lambda c: c.ordinal
            )
            if not found:
                raise KeyError(doc_id)
            if len(self._kept) >= 256:
                self._kept.pop(next(iter(self._kept)))
            self._kept[doc_id] = found
        return found

    def __contains__(self, doc_id: object) -> bool:
        return isinstance(doc_id, str) and (doc_id in self._kept or bool(self._of_document(doc_id)))


class OwnAnswers:
    """Built once per loaded index."""

    def __init__(
        self,
        registry: Registry,
        chunks: Mapping[str, Chunk],
        of_document: Callable[[str], list[str]] | None = None,
    ) -> None:
        """`of_document` gives a document's passage ids (an index lookup); without it the
        passages are grouped by document here, reading every one."""
        self.registry = registry
        self.chunks = chunks
        self.cite = CitedLines(registry, chunks)
        self.by_doc: PassagesByDocument
        if of_document is not None:
            self.by_doc = DocumentPassages(chunks, of_document)
            return
        by_doc: dict[str, list[Chunk]] = {}
        for chunk in chunks.values():
            by_doc.setdefault(chunk.doc_id, []).append(chunk)
        for doc_chunks in by_doc.values():
            doc_chunks.sort(key=lambda c: c.ordinal)
        self.by_doc = by_doc

    def by_subject(self, low: str, provinces: tuple[str, ...] = ()) -> tuple[Entry, ...]:
        """The instrument held in full that a question names by type and trích yếu, not by
        number ("Nghị định về họ, hụi, biêu, phường năm 2019 do ai ký?"), of the province
        it names if it names one."""
        best: tuple[float, Entry] | None = None
        said = _DECIDES.sub(" ", low)
        for e in self.registry.held():
            if provinces and e.local and e.province not in provinces:
                continue  # a province's own instrument, and the question names another
            # its own type named, or another word for a document and more of its words
            need = 0.6 if e.type.lower() in said else 0.75 if _ANY_TYPE.search(said) else None
            share = topic_share(e, low)
            if need is None or share is None or share < need:
                continue
            if best is None or share > best[0]:
                best = (share, e)
        return (best[1],) if best else ()

    def of_document(self, doc_id: str, low: str, provinces: tuple[str, ...]) -> tuple[Entry, ...]:
        """The instrument held in full that retrieval's best passage stands in, for a
        question that names it in words of its own ("quy chế thư điện tử công vụ mới của
        Ninh Bình"): when the question's province, year and type words agree with it and
        it shares some words of its trích yếu (TOPIC_SHARE), not most of them."""
        said = _DECIDES.sub(" ", low)
        types = {t for t in _ANY_TYPE.findall(said) if t not in ("văn bản", "quy định")}
        for e in self.registry.held([doc_id]):
            if types and e.type.lower() not in types and not _issues_one_of(e, types):
                continue
            if provinces and e.local and e.province not in provinces:
                continue  # a province's own instrument, and the question names another
            share = topic_share(e, low)
            if share is not None and share >= TOPIC_SHARE:
                return (e,)
        return ()

    def answer(self, entries: tuple[Entry, ...], spec: QuestionSpec) -> Draft | None:
        """The answer when the question asks one of these of an instrument held in full."""
        low, wants_signer = lowered_text(spec.text), spec.wants_signer
        own = [e for e in entries if e.own_doc and e.own_doc in self.by_doc]
        # an instrument it names by title only, that the corpus only cites ("Kế hoạch xuất
        # khẩu … như sau", issued with a decision): the one held whose trích yếu it names;
        # never for a number the corpus only cites (another instrument)
        if not own and not any(e.number for e in entries):
            own = [e for e in self.by_subject(low, spec.provinces) if e.own_doc in self.by_doc]
        if not own:
            return None
        entry = own[0]
        article = article_asked(low)
        if article is not None:
            return answer_article(entry, self.by_doc[entry.own_doc or ""], article)
        if PROPOSER_ASKED.search(low):  # who proposed it: the preamble, or no answer here
            proposed = proposer_answer(entry, self.by_doc[entry.own_doc or ""])
            if proposed is not None and entry.issuer and ISSUER_ASKED.search(low):
                # "… do cấp nào ban hành và theo đề nghị của cơ quan nào?": both, each cited
                return Draft(refused=False, parts=(*self._issuer(entry).parts, *proposed.parts))
            return proposed
        if entry.recorded_status and EXPIRY_ASKED.search(low):
            return self._recorded(entry)  # its own record says whether it is in force
        # when it takes effect and who signed first: an amending law's own name says "sửa
        # đổi, bổ sung", which alone is no question of what it replaces
        effective = bool(EFFECTIVE_CUE.search(low.replace("hết hiệu lực", " ")))
        replaces = bool(REPLACES_CUE.search(AMENDING_NAME.sub(r"\1", low)))
        if effective and (DAY_ASKED.search(low) or not replaces):
            found = self._effective(entry)
            if wants_signer and entry.signer:
                # "… có hiệu lực từ khi nào và ai ký?": both, each from its own part
                signed = self._signer(entry)
                return Draft(refused=False, parts=(*(found.parts if found else ()), *signed.parts))
            return found
        if wants_signer and entry.signer:
            return self._signer(entry)
        # who issued an instrument named in words (by number, the registry's issuance answer
        # says it with the date); never who signed: a block not read is no issuer's answer
        if (
            not spec.refs
            and not wants_signer
            and entry.issuer
            and (ISSUER_ASKED.search(low) or matter_decided(entry, low))
            and not TASK.search(low)
        ):
            return self._issuer(entry)
        if not replaces:
            return None
        found = self._replaces(entry, bool(REMOVAL.search(low)))
        if SUBSTITUTE_ASKED.search(low) and not (
            found and any(SUBSTITUTES.search(p[2]) for p in found.parts)
        ):
            # "thay bằng quyết định nào": what only abolished the old rule names no newer one
            message = REFUSAL.format(what="về văn bản thay thế")
            if found:
                message += f" Các văn bản hiện có chỉ cho biết: {found.parts[0][0].rstrip('.')}."
            return Draft(refused=True, parts=(), reason="no-replacement", message=message)
        return found

    def preamble(self, doc_id: str) -> str:
        """A document's text up to where its body starts ("" for a document not held): its
        header, grounds and enacting line, which may stand in a passage of their own."""
        if doc_id not in self.by_doc:
            return ""
        out = []
        for chunk in self.by_doc[doc_id]:
            body = BODY_START.search(chunk.text)
            out.append(chunk.text[: body.start()] if body else chunk.text)
            if body or len(out) >= _PREAMBLE_PASSAGES:
                break
        return "\n".join(out)

    def header(self, entry: Entry) -> Hit:
        chunk = self.by_doc[entry.own_doc or ""][0]
        return Hit(chunk=chunk, score=1.0, rank=1)

    def _signer(self, entry: Entry) -> Draft:
        title = entry.signer_title or ""
        # "T/M Ban Bí thư": signed on a body's behalf, with no position of the signer's own
        behalf_only = ", " not in title and bool(AUTHORITY.match(title + " "))
        position = "" if behalf_only else title.split(", ")[-1]
        on_behalf = f" ({title.split(', ')[0]})" if ", " in title or behalf_only else ""
        text = (
            f"{entry.label()} do {position + ' ' if position else ''}{entry.signer}"
            f"{on_behalf} ký (theo phần chữ ký của văn bản)."
        )
        hit = self.header(entry)
        return Draft(refused=False, parts=((text, hit, hit.chunk.text.split("\n")[0]),))

    def _recorded(self, entry: Entry) -> Draft:
        """Its validity as its database record states it, cited to the record's line."""
        hit = self.header(entry)
        text = f"{entry.title()}: {recorded_status(entry)}."
        return Draft(refused=False, parts=((text, hit, _line_with(hit, entry.recorded_status)),))

    def _issuer(self, entry: Entry) -> Draft:
        hit = self.header(entry)
        header = hit.chunk.text.split("\n")[0]
        dated = f" ngày {_day(entry.date)}" if entry.date else ""
        preamble = self.preamble(entry.own_doc or "")
        by = deciding(preamble, entry.issuer) or entry.issuer
        enacted = enacting(preamble, entry.issuer)
        within = f"; {enacted} ban hành" if enacted else ""
        text = f"{entry.title()}{dated} do {by} ban hành{within} (theo phần đầu của văn bản)."
        return Draft(refused=False, parts=((text, hit, header),))

    def _effective(self, entry: Entry) -> Draft | None:
        found = self._sentences(
            entry, lambda s: bool(_OWN_EFFECTIVE.search(s)) and "trước ngày" not in s
        )
        found = found or self._sentences(entry, lambda s: bool(EFFECTIVE.search(s)))
        found = found or self._sentences(entry, lambda s: bool(_EXECUTED_FROM.search(s)))
        if not found and entry.effective and entry.effective != "ngày ký":
            # no sentence says it: a database record's "Ngày có hiệu lực" does
            hit = self.header(entry)
            y, m, d = entry.effective[:10].split("-")
            text = (
                f"{entry.title()}: có hiệu lực từ {effective_day(entry.effective)}"
                " (theo thuộc tính văn bản)."
            )
            return Draft(refused=False, parts=((text, hit, _line_with(hit, f"{d}/{m}/{y}")),))
        if not found:
            return None
        sentence, hit = found[0]
        if unreadable_effective_day(sentence):
            # the day is there, but not legible: the passage, not a date it does not give
            return Draft(
                refused=True,
                parts=(),
                reason="effective-day-unreadable",
                message=f"{entry.title()}: ngày có hiệu lực trong văn bản không đọc rõ được"
                " (bản quét); đoạn nêu hiệu lực:",
                related=((hit, sentence.strip()),),
            )
        text = f"{entry.title()}: {sentence.strip()}"
        if entry.effective == "ngày ký" and entry.date:
            text += f" (ngày ký: {_day(entry.date)})"
        parts: list[Part] = [(text, hit, sentence.strip())]
        # "…, trừ trường hợp quy định tại khoản 2 Điều này": and what that clause sets
        body = hit.chunk.text
        at = body.find(sentence)
        for start, end in excepted_clauses(sentence, body, at + len(sentence)) if at >= 0 else []:
            clause = " ".join(body[start:end].split())
            parts.append((clause, hit, clause))
        return Draft(refused=False, parts=tuple(parts))

    def _replaces(self, entry: Entry, removal: bool) -> Draft | None:
        """What it replaces, abolishes or amends; what it ends only, when the question asks
        what is no longer in force (`removal`)."""
        parts: list[Part] = []
        chunks = self.by_doc[entry.own_doc or ""]
        for chunk, found in zip(chunks, passage_statements([c.text for c in chunks]), strict=True):
            for st in found:
                if removal and st.kind != REPLACES:
                    continue
                stated = " ".join(chunk.text[st.start : st.end].split())
                if not re.search(r"\d+/", stated):
                    continue
                if (
                    entry.number
                    and entry.number in stated
                    and st.kind == REPLACES
                    and not re.search(r"hết\s+hiệu\s+lực|thay\s+thế|bãi\s+bỏ", stated)
                ):
                    continue
                parts.append((stated, Hit(chunk=chunk, score=1.0, rank=1), stated))
                if len(parts) >= 3:
                    break
            if len(parts) >= 3:
                break
        if not parts:
            return None
        first = parts[0]
        parts[0] = (f"{entry.title()}: {first[0]}", first[1], first[2])
        return Draft(refused=False, parts=tuple(parts))

    def _sentences(self, entry: Entry, keep: object) -> list[tuple[str, Hit]]:
        out = []
        for chunk in self.by_doc[entry.own_doc or ""]:
            for m in _SENTENCE.finditer(chunk.text):
                if keep(m.group(0)):  # type: ignore[operator]
                    out.append((m.group(0), Hit(chunk=chunk, score=1.0, rank=1)))
        return out


_ISSUES = re.compile(r"^(?:về việc )?(?:ban hành|phê duyệt)(?: [^ ]+){0,2}? (?P<type>[^ ]+ [^ ]+)")


def _issues_one_of(e: Entry, types: set[str]) -> bool:
    """The entry issues or approves an instrument of one of these types ("Quyết định …:
    Phê duyệt Kế hoạch chuyển đổi …" is what a question calls "Kế hoạch …")."""
    m = _ISSUES.match(lowered_text(e.subject or ""))
    return m is not None and m.group("type") in types


def _line_with(hit: Hit, said: str | None) -> str:
    """The passage's first line holding `said` (a record's value), else its first line."""
    lines = [line.strip() for line in hit.chunk.text.split("\n") if line.strip()]
    low = (said or "").casefold()
    return next((x for x in lines if low and low in x.casefold()), lines[0] if lines else "")
