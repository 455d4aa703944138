"""The extractive answerer: picks the sentences that answer, or refuses.

A similarity threshold cannot tell an answer from a loosely related passage, so what the
question pins down must hold in the evidence: the instrument it names, the province or
district, the year, and the kind of fact asked for (a date, a number, an instrument).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from policybot.dates import find_dates
from policybot.places import bare_name
from policybot.querytext import retrieval_text
from policybot.question import QuestionSpec, analyze, split_pairs
from policybot.refs import find_mentions, ref_matches
from policybot.retrieve import Retriever, fold
from policybot.segment import sentence_spans, syllables
from policybot.types import Chunk, Citation, DocRef, Hit, Instrument

# Function words and question words: they say nothing about which passage answers.
_STOPWORDS_TEXT = """
à ạ ai anh bao bằng biết bị bởi cả các cái cần cho chứ chưa có của cùng cũng đã đang đây để
đến đều điều do đó được gì hãy hay hoặc khi không là lại làm lên mà mấy mỗi một nào này nên
nếu ngày nhiêu như những nhưng nơi ở phải qua ra rằng rồi sao sau sẽ so tại thì thế theo tới
trên trong từ và vào vẫn về vì với vậy xin chỉ hỏi
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
REFUSAL = "Không tìm thấy thông tin {what} trong các văn bản hiện có."
_NUM = re.compile(r"(?<![\w/])(\d+(?:[.,]\d+)?)\s*(%|phần trăm)?(?![\w/])")
_DAY_MONTH = re.compile(r"\bngày\s+\d{1,2}/\d{1,2}\b", re.IGNORECASE)
_ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_ORG = re.compile(
    r"\b(Sở|UBND|Ủy ban|Uỷ ban|Ban|Bộ|Chính phủ|Thủ tướng|Tỉnh ủy|Tỉnh uỷ|Huyện ủy|Huyện uỷ|"
    r"Hội đồng|Mặt trận|Văn phòng|Trung tâm|Cục|Chi cục|cơ quan|đơn vị)\b"
)
_LIST_ITEM = re.compile(r"^\s*(Thứ\s+\w+|[-+•–]|[a-zđ]\)|\d+[.)]|[IVX]+\.)", re.IGNORECASE)
_TERM_NUMERAL = re.compile(r"(?<!\w)(?:khóa|khoá|nhiệm kỳ)\s+[IVXLC]+(?!\w)")
MIN_COVERAGE = 0.5
MAX_ANSWER_CHARS = 1600


@dataclass(frozen=True)
class Sentence:
    hit: Hit
    text: str
    start: int  # offset within the chunk
    scope_years: frozenset[str]


@dataclass(frozen=True)
class Scored:
    sentence: Sentence
    score: float
    coverage: float


@dataclass(frozen=True)
class Draft:
    """What the answerer decided, before citations are numbered."""

    refused: bool
    parts: tuple[tuple[str, Hit, str], ...]  # (text to show, hit cited, sentence it rests on)
    reason: str | None = None
    message: str | None = None
    note: str | None = None  # said after the cited parts: what part of the question is unanswered


class Answerer:
    """Extractive and grounded; built once per loaded index."""

    def __init__(self, retriever: Retriever) -> None:
        self.retriever = retriever
        self._df: dict[str, int] = {}
        for chunk in retriever.chunks.values():
            for tok in set(syllables(chunk.embed_text())):
                self._df[tok] = self._df.get(tok, 0) + 1
        self._n = max(1, len(retriever.chunks))
        self._sentences: dict[str, list[tuple[int, int]]] = {}
        self._corpus_text = {
            doc_id: fold(f"{rec['title']}\n" + " ".join(str(v) for v in rec["metadata"].values()))
            for doc_id, rec in retriever.tables.documents.items()
        }

    # -- public -------------------------------------------------------------------------
    def answer(self, question: str, hits: Sequence[Hit]) -> Draft:
        spec = analyze(question)
        missing = self._absent_from_corpus(spec)
        if missing:
            return _refuse(f"về {missing}", "not-in-corpus")
        registry = self._from_registry(spec)
        if registry is not None:
            return registry
        scored = self._score(spec, hits)
        pairs = split_pairs(spec)
        if pairs and not (scored and _states_all(spec, scored[0])):
            return self._answer_each(spec, pairs, hits)
        if not scored:
            return _refuse(self._what(spec), "no-evidence")
        best = scored[0]
        if best.coverage < MIN_COVERAGE:
            return _refuse(self._what(spec), f"low-coverage {best.coverage:.2f}")
        parts = self._compose(spec, scored)
        if spec.wants_instrument and not spec.refs:
            parts = [self._with_instrument(parts[0]), *parts[1:]]
        return Draft(refused=False, parts=tuple(parts))

    def _answer_each(
        self, spec: QuestionSpec, pairs: list[tuple[str, QuestionSpec]], hits: Sequence[Hit]
    ) -> Draft:
        """Two places or two years asked side by side: each answered from its own evidence,
        labelled, and the one the documents do not answer said to be missing.

        A sentence that names another member of the pair is not evidence for this one
        ("Huyện ủy Triệu Phong đề ra 07 nhóm" does not answer for the province), and no
        sentence answers twice.
        """
        parts: list[tuple[str, Hit, str]] = []
        missing: list[str] = []
        used: set[str] = set()
        labels = [label for label, _ in pairs]
        for label, sub in pairs:
            # The question's own top passages may all be about one of the two.
            more = self.retriever.search(sub.text, k=max(5, len(hits)))
            pool = list({h.chunk.id: h for h in (*hits, *more)}.values())
            others = [fold(bare_name(o)) for o in labels if o != label]
            best = next(
                (
                    sc
                    for sc in self._score(sub, pool)
                    if sc.coverage >= MIN_COVERAGE
                    and sc.sentence.text not in used
                    and not any(o in fold(sc.sentence.text) for o in others)
                ),
                None,
            )
            if best is None:
                missing.append(label)
                continue
            found = self._compose(sub, [best])
            if spec.wants_instrument and not spec.refs:
                found = [self._with_instrument(found[0]), *found[1:]]
            used.update(part[2] for part in found)
            first = found[0]
            parts.append((f"{label}: {first[0]}", first[1], first[2]))
            parts.extend(found[1:])
        if not parts:
            return _refuse(self._what(spec), "no-evidence")
        note = REFUSAL.format(what=f"cho {', '.join(missing)}") if missing else None
        return Draft(refused=False, parts=tuple(parts), note=note)

    def out_of_corpus(self, question: str) -> Draft | None:
        """A refusal when the question names an instrument or place no document mentions."""
        missing = self._absent_from_corpus(analyze(question))
        return _refuse(f"về {missing}", "not-in-corpus") if missing else None

    # -- constraints --------------------------------------------------------------------
    def _absent_from_corpus(self, spec: QuestionSpec) -> str | None:
        """An instrument, province or district the question names that no document mentions."""
        chunks = self.retriever.chunks.values()
        for ref in spec.refs:
            if not any(ref_matches(ref, i) for c in chunks for i in c.instruments):
                return " ".join(p for p in (ref.type, ref.number) if p)
        for place in (*spec.provinces, *spec.localities):
            key = fold(bare_name(place))
            if not any(key in fold(c.embed_text()) for c in chunks) and not any(
                key in meta for meta in self._corpus_text.values()
            ):
                return place
        return None

    def _place_ok(self, spec: QuestionSpec, chunk: Chunk) -> bool:
        meta = self._corpus_text.get(chunk.doc_id, "")
        text = fold(chunk.embed_text())
        for place in (*spec.provinces, *spec.localities):
            key = fold(bare_name(place))
            if key not in text and key not in meta:
                return False
        return True

    def _refs_ok(self, spec: QuestionSpec, chunk: Chunk) -> bool:
        if not spec.refs:
            return True
        doc = self.retriever.tables.documents.get(chunk.doc_id, {})
        insts = [Instrument.from_dict(i) for i in doc.get("instruments", [])]
        insts.extend(chunk.instruments)
        return any(ref_matches(r, i) for r in spec.refs for i in insts)

    def _kind_ok(self, spec: QuestionSpec, sent: Sentence) -> bool:
        text = sent.text
        if spec.wants_day:
            return bool(find_dates(text) or _DAY_MONTH.search(text))
        if spec.wants_when:
            return bool(find_dates(text) or _DAY_MONTH.search(text) or _ANY_YEAR.search(text))
        if spec.wants_number:
            return _number_of(text, spec)
        if spec.wants_instrument:
            asked = spec.refs
            if not asked and sent.hit.chunk.instruments:
                return True  # the passage's instrument is named with the answer
            return any(
                not any(ref_matches(r, m.instrument) for r in asked) for m in find_mentions(text)
            )
        return True

    # -- scoring ------------------------------------------------------------------------
    def _idf(self, tok: str) -> float:
        df = self._df.get(tok, 0)
        return math.log(1 + (self._n - df + 0.5) / (df + 0.5))

    def _content(self, text: str) -> list[str]:
        return [t for t in syllables(text) if t not in STOPWORDS]

    def _sentences_of(self, hit: Hit) -> list[Sentence]:
        chunk = hit.chunk
        spans = self._sentences.get(chunk.id)
        if spans is None:
            spans = sentence_spans(chunk.text)
            self._sentences[chunk.id] = spans
        out: list[Sentence] = []
        base = frozenset(_ANY_YEAR.findall(chunk.heading))
        scope = base | frozenset(_ANY_YEAR.findall(chunk.lead))
        last_para_end = -1
        for s, e in spans:
            text = chunk.text[s:e]
            if last_para_end >= 0 and "\n" in chunk.text[last_para_end:s]:
                scope = base
            years = frozenset(_ANY_YEAR.findall(text))
            if years:
                scope = years
            out.append(Sentence(hit, text, s, scope | years))
            last_para_end = e
        return out

    def _content_left(self, spec: QuestionSpec) -> list[str]:
        """Question words that are neither function words nor checked as constraints."""
        words = self._content(retrieval_text(spec.text))
        return [t for t in dict.fromkeys(words) if t not in _pinned(spec)]

    def _score(self, spec: QuestionSpec, hits: Sequence[Hit]) -> list[Scored]:
        q = self._content_left(spec)
        total = sum(self._idf(t) for t in q)
        q_bigrams = set(pairwise(q))
        out: list[Scored] = []
        for hit in hits:
            if not self._place_ok(spec, hit.chunk) or not self._refs_ok(spec, hit.chunk):
                continue
            title = set(syllables(hit.chunk.title + " " + hit.chunk.heading))
            context = fold(f"{hit.chunk.title}\n{hit.chunk.heading}\n{hit.chunk.lead}")
            context += self._corpus_text.get(hit.chunk.doc_id, "")
            prev: set[str] = set()
            for sent in self._sentences_of(hit):
                toks = syllables(sent.text)
                tokset = set(toks)
                near = context + fold(sent.text)
                if spec.years and not set(spec.years) <= sent.scope_years:
                    prev = tokset
                    continue
                # A district's or city's own target: the sentence or the passage's heading and
                # document must be about that place, not only mention it in another sentence.
                if any(fold(bare_name(loc)) not in near for loc in spec.localities):
                    prev = tokset
                    continue
                if not self._kind_ok(spec, sent):
                    prev = tokset
                    continue
                got = 0.0
                for t in q:
                    if t in tokset:
                        got += self._idf(t)
                    elif t in title or t in prev:
                        got += 0.5 * self._idf(t)
                coverage = got / total if total else 1.0
                bigrams = set(pairwise(toks))
                phrase = len(q_bigrams & bigrams) / len(q_bigrams) if q_bigrams else 0.0
                bonus = 0.1 if spec.wants_who and _ORG.search(sent.text) else 0.0
                if spec.refs and _names_ref(spec, sent.text):
                    bonus += 0.2
                places = (*spec.localities, *spec.provinces)
                if places and all(fold(bare_name(p)) in fold(sent.text) for p in places):
                    bonus += 0.2
                score = coverage + 0.25 * phrase + 0.15 * hit.score + bonus
                out.append(Scored(sent, score, coverage))
                prev = tokset
        out.sort(key=lambda s: -s.score)
        return out

    # -- composing ----------------------------------------------------------------------
    def _compose(self, spec: QuestionSpec, scored: list[Scored]) -> list[tuple[str, Hit, str]]:
        best = scored[0].sentence
        parts = [(best.text, best.hit, best.text)]
        if spec.wants_list or best.text.rstrip().endswith(":"):
            parts.extend(self._list_after(best))
        if len(parts) == 1:
            for other in scored[1:]:
                s = other.sentence
                if other.score < 0.85 * scored[0].score or other.coverage < MIN_COVERAGE:
                    break
                if s.hit.chunk.doc_id != best.hit.chunk.doc_id and s.text != best.text:
                    parts.append((s.text, s.hit, s.text))
                    break
        out: list[tuple[str, Hit, str]] = []
        size = 0
        for part in parts:
            size += len(part[0])
            if out and size > MAX_ANSWER_CHARS:
                break
            out.append(part)
        return out

    def _with_instrument(self, part: tuple[str, Hit, str]) -> tuple[str, Hit, str]:
        """Name the instrument a "which plan/resolution" answer comes from when its sentence
        does not: the passage's own instrument, preferring the one its document is about.

        "Kinh tế số chiếm khoảng 30% GRDP" answers "văn bản nào ...?" only with the plan it
        is a target of; the name is read from the cited passage, never guessed.
        """
        shown, hit, sentence = part
        if find_mentions(sentence):
            return part
        own = hit.chunk.instruments
        if not own:
            return part
        doc = self.retriever.tables.documents.get(hit.chunk.doc_id, {})
        main = [Instrument.from_dict(i) for i in doc.get("instruments", [])[:1]]
        inst = next((i for i in own if main and i == main[0]), own[0])
        name = " ".join(p for p in (inst.type, "số" if inst.number else None, inst.number) if p)
        name = name if inst.number else f"{inst.type} {inst.name or ''}".strip()
        return (f"Theo {name}: {shown}", hit, sentence)

    def _list_after(self, first: Sentence) -> list[tuple[str, Hit, str]]:
        """The items that follow a list's lead sentence, in this passage and the next."""
        items: list[tuple[str, Hit, str]] = []
        hit = first.hit
        sents = [s for s in self._sentences_of(hit) if s.start > first.start]
        nxt = self._next_chunk(hit.chunk)
        if nxt is not None:
            follow = Hit(chunk=nxt, score=hit.score, rank=hit.rank)
            sents.extend(self._sentences_of(follow))
        for s in sents:
            if not _LIST_ITEM.match(s.text) and items:
                break
            if not _LIST_ITEM.match(s.text) and not first.text.rstrip().endswith(":"):
                break
            items.append((s.text, s.hit, s.text))
            if len(items) >= 12:
                break
        return items

    def _next_chunk(self, chunk: Chunk) -> Chunk | None:
        doc = self.retriever.tables.documents.get(chunk.doc_id)
        if not doc:
            return None
        ids = doc["chunk_ids"]
        pos = ids.index(chunk.id) if chunk.id in ids else -1
        if pos < 0 or pos + 1 >= len(ids):
            return None
        return self.retriever.chunks.get(ids[pos + 1])

    # -- instrument facts ---------------------------------------------------------------
    def _from_registry(self, spec: QuestionSpec) -> Draft | None:
        """'When / by whom was X issued?' answered from the mention that states it."""
        if not spec.refs or not (spec.wants_day or spec.wants_when or spec.wants_who):
            return None
        if not spec.about_issuance and self._content_left(spec):
            return None
        if spec.wants_number or spec.wants_list:
            return None
        for chunk in self.retriever.chunks.values():
            if not self._place_ok(spec, chunk):
                continue
            for mention in find_mentions(chunk.text, chunk_province(self, chunk)):
                inst = mention.instrument
                if not any(ref_matches(r, inst) for r in spec.refs):
                    continue
                need_date = spec.wants_day or spec.wants_when
                if (need_date and not inst.date) or (not need_date and not inst.issuer):
                    continue
                if spec.years and not any((inst.date or "").startswith(y) for y in spec.years):
                    continue
                sentence = _sentence_around(self, chunk, mention.start)
                hit = Hit(chunk=chunk, score=1.0, rank=1)
                text = _issued_sentence(inst)
                return Draft(refused=False, parts=((text, hit, sentence),))
        return None

    def _what(self, spec: QuestionSpec) -> str:
        bits = []
        if spec.refs:
            bits.append(" ".join(p for p in (spec.refs[0].type, spec.refs[0].number) if p))
        bits.extend(spec.localities or spec.provinces)
        bits.extend(f"năm {y}" for y in spec.years)
        return "trả lời cho câu hỏi này" + (f" ({', '.join(bits)})" if bits else "")


def chunk_province(answerer: Answerer, chunk: Chunk) -> str | None:
    doc = answerer.retriever.tables.documents.get(chunk.doc_id, {})
    value = doc.get("metadata", {}).get("province")
    return str(value) if value else None


def _sentence_around(answerer: Answerer, chunk: Chunk, offset: int) -> str:
    hit = Hit(chunk=chunk, score=1.0, rank=1)
    for s in answerer._sentences_of(hit):
        if s.start <= offset < s.start + len(s.text):
            return s.text
    return chunk.text


def _issued_sentence(inst: Instrument) -> str:
    name = f"{inst.type} số {inst.number}" if inst.number else f"{inst.type} {inst.name or ''}"
    parts = [name.strip(), "được"]
    if inst.issuer:
        parts.append(inst.issuer)
    parts.append("ban hành")
    if inst.date:
        y, m, d = inst.date.split("-")
        parts.append(f"ngày {int(d)}/{int(m)}/{y}")
    return " ".join(parts) + "."


# Words that ask for a target or plan in general; they name no topic of their own.
_GOAL_WORDS = "phấn đấu mục tiêu đặt đạt đề ra hướng tới nhằm điều"

_KIND_WORDS = {
    "number": "bao nhiêu phần trăm tỷ lệ tỉ lệ tỷ trọng tỉ trọng con số mấy",
    "day": "ngày tháng năm nào khi bao giờ",
    "when": "thời gian điểm khi nào bao giờ năm",
    "instrument": "văn bản",
    "who": "ai cơ quan đơn vị",
}


def _pinned(spec: QuestionSpec) -> set[str]:
    """Words checked as constraints (instrument, place, year) or naming the kind of fact:
    they are enforced on their own, so they do not count towards topical coverage."""
    words: list[str] = [*spec.years, *_GOAL_WORDS.split()]
    for ref in spec.refs:
        words.extend(syllables(f"{ref.type or ''} số {ref.number or ''}"))
    for place in (*spec.provinces, *spec.localities):
        words.extend(syllables(place))
    for kind, listed in _KIND_WORDS.items():
        if getattr(spec, f"wants_{kind}"):
            words.extend(listed.split())
    return set(words)


def _states_all(spec: QuestionSpec, best: Scored) -> bool:
    """One sentence answers for every place and year the question pairs."""
    text = fold(best.sentence.text)
    places = (*spec.provinces, *spec.localities)
    return best.coverage >= MIN_COVERAGE and all(fold(bare_name(p)) in text for p in places)


def _names_ref(spec: QuestionSpec, text: str) -> bool:
    """The sentence itself names an instrument the question asks about."""
    return any(ref_matches(r, m.instrument) for m in find_mentions(text) for r in spec.refs)


def _number_of(text: str, spec: QuestionSpec) -> bool:
    """A number of what the question counts: a percentage when it asks for one, else a
    number followed within a few words by the unit it names ("08 nhóm", "100% ... xã")."""
    if spec.term:
        return bool(_TERM_NUMERAL.search(text))
    numbers = _numbers(text, spec)
    if not numbers:
        return False
    if spec.percent:
        return any(n.rstrip().endswith(("%", "phần trăm")) for n in numbers)
    if not spec.unit:
        return True
    low = text.casefold()
    for n in numbers:
        at = low.find(n.casefold())
        after = syllables(low[at + len(n) :])[:6] if at >= 0 else []
        if spec.unit in after:
            return True
    return False


def _numbers(text: str, spec: QuestionSpec) -> list[str]:
    """Numbers stated in a sentence, other than dates, years and instrument numbers."""
    masked = text
    for s, e, _ in find_dates(text):
        masked = masked[:s] + " " * (e - s) + masked[e:]
    for m in find_mentions(text):
        masked = masked[: m.start] + " " * (m.end - m.start) + masked[m.end :]
    found = []
    for num in _NUM.finditer(masked):
        value = num.group(1)
        if _ANY_YEAR.fullmatch(value) and not num.group(2):
            continue
        found.append(num.group(0))
    return found


def _refuse(what: str, reason: str) -> Draft:
    return Draft(refused=True, parts=(), reason=reason, message=REFUSAL.format(what=what))


def build_citations(draft: Draft) -> tuple[str, tuple[Citation, ...]]:
    """Number the cited passages in order of first use and write the [n] markers."""
    numbers: dict[str, int] = {}
    cites: list[Citation] = []
    pieces: list[str] = []
    for text, hit, sentence in draft.parts:
        cid = hit.chunk.id
        if cid not in numbers:
            numbers[cid] = len(numbers) + 1
            cites.append(_citation(numbers[cid], hit, sentence))
        text = text.rstrip()
        marker = f"[{numbers[cid]}]"
        if text.endswith((".", ";", ":")) and not text.endswith("..."):
            pieces.append(f"{text[:-1]} {marker}{text[-1]}")
        else:
            pieces.append(f"{text} {marker}")
    if draft.note:
        pieces.append(draft.note)
    return " ".join(pieces), tuple(cites)


def _citation(n: int, hit: Hit, sentence: str) -> Citation:
    chunk = hit.chunk
    return Citation(
        n=n,
        document=DocRef(id=chunk.doc_id, title=chunk.title, source="", page=chunk.page),
        instruments=chunk.instruments,
        passage=chunk.text,
        score=hit.score,
        sentence=sentence,
    )


def describe(draft: Draft) -> dict[str, Any]:
    return {"refused": draft.refused, "reason": draft.reason, "parts": len(draft.parts)}
