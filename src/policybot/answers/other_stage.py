"""Pure: a sentence of another stage than the one a question asks of.

A programme runs in stages ("giai đoạn 2 Đề án 30", "đợt 3"). Asked "giai đoạn 3 phải xong
trước ngày nào?", a directive on stage 2 holds most of the question's words and a date of
the kind asked, yet sets that date for another stage.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A stage and its number, in figures, Roman numerals or words ("giai đoạn 2", "đợt thứ II",
# "giai đoạn hai"); "năm" is left out: "giai đoạn năm 2025" is a year, not stage five.
_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "sáu": 6, "bảy": 7, "tám": 8}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}
_STAGE = re.compile(
    r"(?<!\w)(?P<kind>giai\s+đoạn|đợt)\s+(?:thứ\s+)?"
    r"(?P<n>[1-9]|(?-i:I{1,3}|IV|VI{0,3}|V|IX)|một|hai|ba|bốn|tư|sáu|bảy|tám)(?![\w/])(?![.,-]\d)",
    re.IGNORECASE,
)


_LENGTH = re.compile(r"\s+(?:năm|tháng)(?!\w)", re.IGNORECASE)


def _number(said: str) -> int:
    return int(said) if said.isdigit() else _ROMAN.get(said) or _NUMBERS[said.casefold()]


def stages(text: str) -> dict[str, frozenset[int]]:
    """The stages `text` names, by kind ("giai đoạn", "đợt"), with their numbers."""
    found: dict[str, set[int]] = {}
    for m in _STAGE.finditer(text):
        kind = " ".join(m["kind"].casefold().split())
        if kind == "giai đoạn" and _LENGTH.match(text, m.end()):
            continue  # "giai đoạn 5 năm 2021 - 2025": a period five years long
        found.setdefault(kind, set()).add(_number(m["n"]))
    return {kind: frozenset(numbers) for kind, numbers in found.items()}


@lru_cache(maxsize=64)
def _asked(question: str) -> tuple[tuple[str, frozenset[int]], ...]:
    return tuple(stages(question).items())


def of_another_stage(question: str, text: str) -> bool:
    """`text` (a sentence with its document's title) names stages of the kind the question
    asks of, and never the one asked."""
    stated = stages(text)
    return any(kind in stated and not stated[kind] & numbers for kind, numbers in _asked(question))
