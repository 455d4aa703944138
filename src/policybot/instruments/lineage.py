"""Pure: relations between instruments, read from the sentences that name both.

Officials ask which plans carry out a resolution and what a plan rests on; the texts say so
in a few fixed ways, always between two references in one sentence:

- implements: "Kế hoạch A về việc triển khai thực hiện Nghị quyết B", "cụ thể hóa", "thực hiện"
- based on:   "Kế hoạch A ... theo Nghị định B", "căn cứ (vào) B", "dựa trên B"
- targets:    "(A) hoàn thành các mục tiêu tại Quyết định B"

The words between the two references (the gap) must end with the cue and stay short and
inside one clause, so a cue that belongs to another clause never links two instruments.
Three shapes carry a relation to more than the nearest reference:

- a list: "A thực hiện B và C" gives A->B and A->C; "B và C về việc thực hiện D" gives
  B->D and C->D (the trailing "về ..." describes both items);
- a subject that is a body, not a document: "mục tiêu của Ban Thường vụ Huyện ủy X đề ra
  nhằm cụ thể hóa Nghị quyết B" gives an implied, unnumbered document of that body -> B;
- a quoted goal whose owner is named after it: "“... hoàn thành các mục tiêu tại Quyết
  định B ...” - Đó là mục tiêu tổng quát được đề ra trong Nghị quyết A" gives A->B, and the
  relation keeps both sentences so either can be cited.

Every relation keeps the sentence it was read from: an answer cites it, never a summary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from policybot.answers.reading import Sent
from policybot.text.issuers import find_issuers
from policybot.text.places import modern_tones
from policybot.text.refs import Mention
from policybot.types import IMPLIED_TYPE, Instrument

IMPLEMENTS = "implements"
BASED_ON = "based_on"
TARGETS = "targets"
KINDS = (IMPLEMENTS, BASED_ON, TARGETS)
# How a relation reads in an answer: "A <verb> B" and, turned round, "B <passive> A".
VERB = {IMPLEMENTS: "triển khai thực hiện", BASED_ON: "căn cứ", TARGETS: "hướng tới mục tiêu tại"}
"""Type of an instrument the text implies without naming (a body's programme of action)."""

_TARGET = (
    r"(?:hoàn thành|đạt được|đạt|thực hiện)(?: (?:các|những))? (?:mục tiêu|chỉ tiêu)"
    r"(?: (?:đề ra|nêu|đặt ra))? (?:tại|của|trong|theo)"
)
_BASE = r"căn cứ(?: vào)?|dựa trên|dựa vào|trên cơ sở|theo"
_IMPL = (
    r"cụ thể hóa(?: (?:và )?(?:triển khai )?thực hiện)?|(?:triển khai|tổ chức) thực hiện"
    r"|tổ chức triển khai|hiện thực hóa|thực hiện|triển khai|thi hành"
)
_OBJECT_TAIL = (
    r"(?: (?:các|những))?(?: (?:nội dung|quy định|nhiệm vụ|yêu cầu|tinh thần|chủ trương))?"
    r"(?: (?:tại|của|trong))?"
)
_CUE_END = re.compile(rf"(?:^|[\s,])(?P<cue>{_TARGET}|{_BASE}|{_IMPL}){_OBJECT_TAIL}\s*$")
_KIND_OF = ((re.compile(rf"^(?:{_TARGET})"), TARGETS), (re.compile(rf"^(?:{_BASE})$"), BASED_ON))
_FRONTED = re.compile(rf"^(?:để |nhằm )?(?P<cue>{_BASE}|{_IMPL}){_OBJECT_TAIL}\s*$")
_COORD = re.compile(r"^\s*(?:,|;|và|, và|; và|cùng|cùng với|hoặc|cũng như)\s*$")
_ISSUED_OPENING = re.compile(r"(?<!\w)ban hành(?!\w)")
_CLAUSE_BREAK = re.compile(r"[.;:!?\n]")
_NEGATION = re.compile(r"(?<!\w)(?:không|chưa|chẳng|thay thế|bãi bỏ|sửa đổi)(?!\w)")
_OWNER = re.compile(
    r"(?:đó|đây)\s+(?:chính\s+)?là\s+[^.;:]{0,40}?"
    r"(?:mục tiêu|nhiệm vụ|chỉ tiêu|định hướng|giải pháp)"
    r"[^.;:]{0,80}?\s(?:trong|tại|của)\s*$"
)
# Between a body and the cue: "(đã) đề ra / ban hành (...) nhằm / để".
_ACTOR_LINK = re.compile(
    r"(?:(?:đã|vừa) )?(?:đề ra|ban hành|xác định|đặt ra)(?: [^ ,]+){0,4}? (?:nhằm|để) "
)
_TAKES_OBJECT = re.compile(
    r"(?<!\w)(?:bởi|của|tại|theo|về|sửa đổi|bổ sung|thay thế|bãi bỏ|và|hoặc|cũng như)\s*$"
)
_MAX_GAP_WORDS = 12
_MAX_ACTOR_GAP_WORDS = 8
_OWNER_LOOKAHEAD = 3


@dataclass(frozen=True)
class Passage:
    """A sentence a relation or mention was read from, where to find it, verbatim."""

    doc_id: str
    chunk_id: str
    sentence: str
    start: int  # offsets of the sentence in the passage (chunk) text
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "chunk_id": self.chunk_id,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Passage:
        return cls(d["doc_id"], d["chunk_id"], d["sentence"], int(d["start"]), int(d["end"]))

    @classmethod
    def of(cls, sent: Sent) -> Passage:
        return cls(sent.doc_id, sent.chunk_id, sent.text, sent.start, sent.end)


@dataclass(frozen=True)
class Endpoint:
    """One side of a relation as read: a reference (or, when implied, the body's name) at
    [start, end) of a passage."""

    doc_id: str
    chunk_id: str
    start: int
    end: int
    instrument: Instrument
    sentence: Passage
    implied: bool = False


@dataclass(frozen=True)
class Reading:
    """source <kind> target, as one passage states it."""

    source: Endpoint
    target: Endpoint
    kind: str
    cue: str  # the words that state it, lower-cased: "triển khai thực hiện", "theo"
    passage: Passage
    support: Passage | None = None  # where the source is named, when that is elsewhere


def kind_of(cue: str) -> str:
    for pattern, kind in _KIND_OF:
        if pattern.match(cue):
            return kind
    return IMPLEMENTS


def _norm(text: str) -> str:
    return " ".join(modern_tones(text).casefold().split())


def cue_at_end(gap: str, max_words: int = _MAX_GAP_WORDS) -> str | None:
    """The relation cue that ends `gap`, when the gap is short, in one clause, not negated."""
    g = _norm(gap)
    if len(g.split()) > max_words or _CLAUSE_BREAK.search(gap) or _NEGATION.search(g):
        return None
    m = _CUE_END.search(g)
    return m.group("cue") if m else None


def _subject_follows(gap: str) -> bool:
    """After a fronted "Căn cứ / Thực hiện A ...", whether the next instrument is the
    sentence's subject ("..., UBND tỉnh đã ban hành C"), not an object: not when a ";" or a
    line break goes on listing grounds ("Căn cứ A ...; B ..."), nor when the words before it
    take it as their object ("được sửa đổi, bổ sung bởi C", "... cập nhật Chương trình ...
    thực hiện C")."""
    if re.search(r"[;\n]", gap):
        return False
    tail = gap.rsplit(",", 1)[-1]
    return not cue_at_end(tail) and not _TAKES_OBJECT.search(_norm(tail))


def _short(inst: Instrument) -> str:
    if inst.number:
        return f"{inst.type} số {inst.number}"
    return " ".join(p for p in (inst.type, inst.name) if p)


def _place_tail(issuer: str, text: str, end: int, places: Sequence[str]) -> tuple[str, int]:
    """'Huyện ủy Triệu' + text 'phong' -> 'Huyện ủy Triệu Phong' when the document names
    huyện Triệu Phong: a lower-case slip must not cut the body's name in half."""
    for place in places:
        words = place.split()
        for k in range(1, len(words)):
            if not issuer.endswith(" " + " ".join(words[:k])):
                continue
            rest = " ".join(words[k:])
            at = end + 1 if text[end : end + 1] == " " else end
            following = text[at : at + len(rest) + 1]
            if _norm(following[: len(rest)]) == _norm(rest) and (
                len(following) == len(rest) or not following[len(rest)].isalnum()
            ):
                return f"{issuer} {rest}", at + len(rest)
    return issuer, end


class _SentenceReader:
    """Reads one sentence; `owner()` looks ahead in the paragraph for the quoted-goal owner."""

    def __init__(
        self,
        sents: Sequence[Sent],
        index: int,
        chunk_texts: dict[str, str],
        province: str | None,
        places: Sequence[str],
    ) -> None:
        self.sents = sents
        self.index = index
        self.sent = sents[index]
        self.chunk_texts = chunk_texts
        self.text = chunk_texts[self.sent.chunk_id]
        self.province = province
        self.places = places
        self.passage = Passage.of(self.sent)
        self.out: list[Reading] = []

    def endpoint(self, m: Mention) -> Endpoint:
        s = self.sent
        return Endpoint(s.doc_id, s.chunk_id, m.start, m.end, m.instrument, self.passage)

    def add(
        self, src: Endpoint, dst: Endpoint, cue: str, support: Passage | None = None
    ) -> Reading:
        reading = Reading(src, dst, kind_of(cue), cue, self.passage, support)
        self.out.append(reading)
        return reading

    def read(self) -> list[Reading]:
        ms = self.sent.mentions
        governors: dict[int, list[Reading]] = {}  # mention index -> relations it is target of
        group: list[int] = []  # indices coordinated with the current mention
        fronted: tuple[str, list[int]] | None = None
        for j, n in enumerate(ms):
            prev = ms[j - 1] if j else None
            target = self.endpoint(n)
            if prev is not None and prev.start <= n.start < prev.end:
                cue = cue_at_end(self.text[prev.start : n.start], _MAX_GAP_WORDS + 8)
                if cue:
                    governors[j] = [self.add(self.endpoint(prev), target, cue)]
                continue
            if prev is not None:
                gap = self.text[prev.end : n.start]
                opens = _ISSUED_OPENING.search(_norm(self.text[n.start : n.end]))
                if (
                    fronted is not None
                    and ("," in gap or opens)
                    and (opens or not _COORD.match(gap))
                    and (opens or _subject_follows(gap))
                ):
                    # "Thực hiện A (và B), UBND tỉnh ban hành C": C is the subject
                    fcue, objects = fronted
                    governors[j] = []
                    for i in objects:
                        self.add(target, self.endpoint(ms[i]), fcue)
                    fronted = None
                    group = [j]
                    continue
                if _COORD.match(gap):
                    inherited = governors.get(j - 1, [])
                    governors[j] = [self.add(r.source, target, r.cue, r.support) for r in inherited]
                    group.append(j)
                    if fronted is not None and j - 1 in fronted[1]:
                        fronted[1].append(j)
                    continue
                cue = cue_at_end(gap)
                if cue:
                    sources = [j - 1]
                    if _norm(gap).lstrip(", ").startswith("về"):
                        sources = [i for i in group if i < j] or [j - 1]
                    governors[j] = [self.add(self.endpoint(ms[i]), target, cue) for i in sources]
                    group = [j]
                    continue
            group = [j]
            floor = prev.end if prev is not None else self.sent.start
            breaks = [floor + b.end() for b in _CLAUSE_BREAK.finditer(self.text[floor : n.start])]
            clause_start = max([floor, *breaks])
            clause = self.text[clause_start : n.start]
            cue = cue_at_end(clause, 40)
            if not cue:
                continue
            if clause_start == self.sent.start and _FRONTED.match(_norm(clause)):
                fronted = (cue, [j])
                continue
            actor = self.actor(clause_start, n.start, cue, target)
            if actor is not None:
                governors[j] = [self.add(actor, target, cue)]
                continue
            owner = self.owner(n)
            if owner is not None:
                src, support = owner
                governors[j] = [self.add(src, target, cue, support)]
        return self.out

    def actor(self, lo: int, hi: int, cue: str, target: Endpoint) -> Endpoint | None:
        """A body that sets out something in order to carry out the target: the subject is
        a document of that body the text does not name ("mục tiêu của Ban Thường vụ Huyện
        ủy X đề ra nhằm cụ thể hóa ..."). A body merely tasked with drafting or carrying
        out ("Sở X chủ trì xây dựng và triển khai ...") is not one."""
        segment = self.text[lo:hi]
        issuers = find_issuers(segment, self.province)
        if not issuers:
            return None
        start, end, name = issuers[-1]
        name, end = _place_tail(name, segment, end, self.places)
        between = _norm(segment[end:])
        cue_pos = between.rfind(cue)
        if cue_pos < 0 or not _ACTOR_LINK.fullmatch(between[:cue_pos]):
            return None
        inst = Instrument(IMPLIED_TYPE, None, None, name, f"{cue} {_short(target.instrument)}")
        s = self.sent
        return Endpoint(s.doc_id, s.chunk_id, lo + start, lo + end, inst, self.passage, True)

    def owner(self, n: Mention) -> tuple[Endpoint, Passage] | None:
        """The instrument a quoted goal belongs to: "... - Đó là mục tiêu tổng quát được
        đề ra trong Nghị quyết A", later in the same paragraph (or sentence)."""
        here = self.sent
        for k in range(self.index, min(len(self.sents), self.index + 1 + _OWNER_LOOKAHEAD)):
            other = self.sents[k]
            if other.para != here.para:
                break
            text = self.chunk_texts[other.chunk_id]
            for m in other.mentions:
                if k == self.index and m.start <= n.start:
                    continue
                if _OWNER.search(_norm(text[other.start : m.start])):
                    passage = Passage.of(other)
                    ep = Endpoint(
                        other.doc_id, other.chunk_id, m.start, m.end, m.instrument, passage
                    )
                    return ep, passage
        return None


def read_relations(
    sents: Sequence[Sent],
    chunk_texts: dict[str, str],
    province: str | None = None,
    places: Sequence[str] = (),
) -> list[Reading]:
    """Every relation the document's sentences state, in reading order. `places` are the
    localities the document names ("Triệu Phong"), to mend a body's name cut by a slip."""
    out: list[Reading] = []
    for i, sent in enumerate(sents):
        if len(sent.mentions) == 0:
            continue
        reader = _SentenceReader(sents, i, chunk_texts, province, places)
        out.extend(reader.read())
    return out
