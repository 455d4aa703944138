"""Pure: a sentence about another case than the one a question asks of.

Technical rules set one figure per class: "a) Cấp điện áp 220 kV: … đến 25m", "b) Cấp điện
áp 500kV: … đến 60m". Asked of 110 kV, a sentence of another voltage holds most of the
question's words and a figure of the kind asked, yet answers another case.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policybot.text.measures import UNIT, unit_spellings

# A measure: a number with the abbreviation of its unit, glued or not ("110 kV", "500kV").
_MEASURE = re.compile(rf"(?<![\w/])(\d+(?:[.,]\d+)?)\s*({UNIT})(?![\w/])")
# A bound, not a class: "đến 220 kV", "dưới 35 kV", "từ 66 kV" cover more than one value.
_BOUND = re.compile(r"(?:từ|đến|tới|dưới|trên|không\s+quá|tối\s+đa|tối\s+thiểu)\s*$", re.I)


def _value(number: str) -> float:
    return float(number.replace(".", "").replace(",", ".")) if "," in number else float(number)


def _measures(text: str, bounds: bool) -> dict[str, set[float]]:
    found: dict[str, set[float]] = {}
    for m in _MEASURE.finditer(text):
        if not bounds and _BOUND.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        found.setdefault(m.group(2), set()).add(_value(m.group(1)))
    return found


@lru_cache(maxsize=64)
def _premises(question: str) -> tuple[tuple[str, frozenset[float]], ...]:
    """The measures a question gives, read once per question, not once per candidate."""
    return tuple((u, frozenset(v)) for u, v in _measures(question, bounds=True).items())


def of_another_case(question: str, sentence: str, asked_unit: str | None = None) -> bool:
    """The sentence states a measure the question gives as its premise ("110 kV") with other
    values only ("220 kV"): a class of its own, not a bound ("đến 220 kV") nor the unit the
    question asks for ("bao nhiêu mét" of a 20 m mast)."""
    premises = _premises(question)
    if not premises:
        return False
    asked = unit_spellings(asked_unit) if asked_unit else set()
    stated = _measures(sentence, bounds=False)
    return any(
        unit not in asked and unit in stated and not stated[unit] & values
        for unit, values in premises
    )
