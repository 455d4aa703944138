"""Pure: the spans of a question that a follow-up can swap for its own: a year or period
("đến năm 2030", "giai đoạn 2021-2025"), an instrument ("Kế hoạch số 5807/KH-UBND"), a
province or a district, each with where it stands in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policybot.text.places import find_localities, province_at
from policybot.text.query_refs import find_query_refs

_YEAR_PHRASE = re.compile(
    r"(?:(?:đến|tới|trong|vào|từ|sau|trước|cho)\s+)?(?:(?:năm|giai\s+đoạn|thời\s+kỳ)\s+)?"
    r"(?<![\d/.\-])(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?(?![\d/])",
    re.IGNORECASE,
)
_INSTRUMENT_PHRASE = re.compile(
    r"(?:(?:nghị\s+quyết|kế\s+hoạch|quyết\s+định|nghị\s+định|chỉ\s+thị|thông\s+tư|"
    r"chương\s+trình|đề\s+án|công\s+văn|kết\s+luận|luật)\s+)?(?:số\s+)?"
    r"\d+[\w./\-]*(?:/[\w./\-]+)?",
    re.IGNORECASE,
)
_WORD_START = re.compile(r"(?<!\w)\w")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def year_phrases(text: str) -> list[Span]:
    taken = [(s.start, s.end) for s in instrument_phrases(text)]
    return [
        Span(m.start(), m.end(), m.group(0))
        for m in _YEAR_PHRASE.finditer(text)
        if not any(s <= m.start() < e for s, e in taken)
    ]


def instrument_phrases(text: str) -> list[Span]:
    """Phrases naming an instrument ("Kế hoạch số 5807/KH-UBND", "Nghị quyết 52-NQ/TW")."""
    out = []
    for m in _INSTRUMENT_PHRASE.finditer(text):
        phrase = m.group(0).rstrip(".,")
        bare = not re.match(r"\D", phrase)
        if bare and "/" not in phrase and "-" not in phrase:
            continue  # a lone number is a year or an amount, not an instrument
        if find_query_refs(phrase):
            out.append(Span(m.start(), m.start() + len(phrase), phrase))
    return out


def provinces(text: str) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for m in _WORD_START.finditer(text):
        if m.start() < pos:
            continue
        found = province_at(text, m.start())
        if found:
            _, end = found
            out.append(Span(m.start(), end, text[m.start() : end]))
            pos = end
    return out


def localities(text: str) -> list[Span]:
    out = []
    for name in find_localities(text):
        pattern = r"\s+".join(re.escape(w) for w in name.split())
        m = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE)
        if m:
            out.append(Span(m.start(), m.end(), m.group(0)))
    return out
