"""Pure: a sentence about another case than the one a question asks of.

Technical rules set one figure per class: "a) Cấp điện áp 220 kV: … đến 25m", "b) Cấp điện
áp 500kV: … đến 60m". Asked of 110 kV, a sentence of another voltage holds most of the
question's words and a figure of the kind asked, yet answers another case.
"""

from __future__ import annotations

import re

# A measure given as a premise: a number with the abbreviation of its unit ("110 kV").
_MEASURE = re.compile(
    r"(?<![\w/])(\d+(?:[.,]\d+)?)\s*(kv|kw|mw|kva|mva|km|cm|mm|m|kg|ha|m2|m3)(?![\w/])",
    re.IGNORECASE,
)


def _measures(text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for m in _MEASURE.finditer(text):
        found.setdefault(m.group(2).casefold(), set()).add(m.group(1).replace(",", "."))
    return found


def of_another_case(question: str, sentence: str) -> bool:
    """The sentence states a measure the question gives, with other values only ("220 kV"
    asked of "110 kV")."""
    stated = _measures(sentence)
    return any(
        unit in stated and not stated[unit] & values for unit, values in _measures(question).items()
    )
