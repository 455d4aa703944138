"""Whether an instrument is still in force, and what ended or amended it, asked of one the
question names: "Quyết định 445/2013/QĐ-UBND còn hiệu lực không?", "… bị bãi bỏ bởi văn
bản nào?", "Văn bản nào thay thế …?".

Answered from the validity relations the registry read in the newer documents (what a
document held in full says of others), each line cited to the sentence that states it. A
question asking what replaced an instrument the corpus shows only abolished is refused, and
the refusal says what did end it: an abolition is no replacement. An instrument the corpus
says nothing of is left to the other routes (nothing here guesses "còn hiệu lực").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from policybot.answers.draft import REFUSAL, Draft, Part
from policybot.instruments.cited_lines import CitedLines
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Entry, Relation
from policybot.instruments.validity_status import (
    ABOLISHES,
    VALIDITY_VERB,
    effective_day,
    validity_kind,
)
from policybot.reading.validity import AMENDS, REPLACES
from policybot.types import Chunk

_TYPE = (
    r"(?:văn\s+bản|quyết\s+định|nghị\s+định|thông\s+tư|luật|nghị\s+quyết|quy\s+định|quy\s+chế"
    r"|chỉ\s+thị|kế\s+hoạch)"
)
# What ended it is asked: "bị bãi bỏ bởi văn bản nào", "văn bản nào thay thế", "thay bằng
# quy định nào".
_BY = r"(?:bị|được|đã\s+bị)\s+(?:{verb})\s+(?:bởi|bằng|theo|tại)\b[^?]*?\b(?:nào|gì)"
_WHICH = _TYPE + r"\s+(?:nào|gì)\s+(?:đã\s+)?(?:{verb})"
_ASKED = {
    REPLACES: r"thay\s+thế|thay\s+cho",
    ABOLISHES: r"bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ",
    AMENDS: r"sửa\s+đổi(?:,?\s+bổ\s+sung)?",
}
_ENDED_ASKED = {
    kind: re.compile(rf"(?<!\w)(?:{_BY.format(verb=v)}|{_WHICH.format(verb=v)})")
    for kind, v in _ASKED.items()
}
# "… rồi thì thay bằng quy định nào?", "ban hành quy định mới nào thay vào": a replacement.
_REPLACEMENT = re.compile(
    r"(?<!\w)thay\s+(?:bằng|vào)(?!\w)[^?]*?(?:nào|gì)|(?:nào|gì)\s+thay\s+vào"
)
# "còn hiệu lực không", "hết hiệu lực chưa", "có bị bãi bỏ không": its status.
_STATUS = re.compile(
    r"(?<!\w)(?:còn\s+(?:hiệu\s+lực|được\s+áp\s+dụng|áp\s+dụng)|hết\s+hiệu\s+lực\s+chưa"
    r"|có\s+(?:còn\s+)?bị\s+(?:thay\s+thế|bãi\s+bỏ|sửa\s+đổi)|đã\s+bị\s+(?:thay\s+thế|bãi\s+bỏ)"
    r"\s+(?:chưa|không))(?!\w)"
)


def asked(low: str) -> str | None:
    """What validity question `low` (lowered) asks: a relation kind, "status", or None."""
    if _REPLACEMENT.search(low):
        return REPLACES
    for kind, pattern in _ENDED_ASKED.items():
        if pattern.search(low):
            return kind
    return "status" if _STATUS.search(low) else None


class ValidityAnswers:
    def __init__(self, registry: Registry, chunks: Mapping[str, Chunk]) -> None:
        self.registry = registry
        self.lines = CitedLines(registry, chunks)

    def answer(self, entries: Sequence[Entry], low: str) -> Draft | None:
        """The answer for the first entry the corpus says something of, or None."""
        kind = asked(low)
        if kind is None:
            return None
        for entry in entries:
            said = self._said_of(entry)
            if said:
                return self._answer(entry, said, kind)
        return None

    def _said_of(self, entry: Entry) -> list[tuple[str, Relation]]:
        """What newer instruments say of `entry`: (finer kind, relation)."""
        return [
            (validity_kind(rel.kind, rel.cue), rel)
            for rel in self.registry.validity_to(entry.key)
            if rel.source != entry.key and rel.passages
        ]

    def _answer(self, entry: Entry, said: list[tuple[str, Relation]], kind: str) -> Draft:
        chosen = said if kind == "status" else [(k, rel) for k, rel in said if k == kind]
        if not chosen:
            return self._not_that(entry, said, kind)
        parts: list[Part] = []
        for k, rel in chosen[:3]:
            newer = self.registry.get(rel.source)
            if newer is None:
                continue
            text = _ended(entry, k, newer)
            if newer.effective and k != AMENDS:  # it ends when the newer one takes effect
                text += f", kể từ {effective_day(newer.effective)}"
            parts.extend(self.lines.relation(rel, f"{text}."))
        if not parts:
            return self._not_that(entry, said, kind)
        return Draft(refused=False, parts=tuple(parts))

    def _not_that(self, entry: Entry, said: list[tuple[str, Relation]], kind: str) -> Draft:
        """Refused: the corpus says the entry was ended or amended, but not in the way
        asked; the message says what it does show."""
        shown = []
        for k, rel in said:
            newer = self.registry.get(rel.source)
            if newer is not None:
                shown.append(_ended(entry, k, newer))
        what = f"về văn bản {VALIDITY_VERB.get(kind, 'thay thế')} {entry.title()}"
        message = REFUSAL.format(what=what)
        if shown:
            message += " Các văn bản hiện có chỉ cho biết: " + "; ".join(shown) + "."
        return Draft(refused=True, parts=(), reason="validity-not-stated", message=message)


def _ended(entry: Entry, kind: str, newer: Entry) -> str:
    return f"{entry.title()} bị {VALIDITY_VERB[kind]} bởi {newer.label()}"
