"""Pure: a bound on a quantity or a deadline, written the one way whichever way it is said.

Officials ask "tối đa mấy người", "ít nhất bao nhiêu phần trăm", "hạn chót là ngày nào";
the texts set "không quá 03 người", "tối thiểu 30%", "chậm nhất ngày …". Word overlap between
a question and the sentence that answers it counts these as the same words.
"""

from __future__ import annotations

import re

_BOUNDS = (
    ("tối đa", r"không\s+(?:được\s+)?(?:vượt\s+)?quá|nhiều\s+nhất|cao\s+nhất\s+là|tối\s+đa"),
    ("tối thiểu", r"ít\s+nhất|không\s+(?:ít|thấp)\s+hơn|không\s+dưới|tối\s+thiểu|tối\s+thiếu"),
    ("chậm nhất", r"hạn\s+chót|muộn\s+nhất|chậm\s+nhất"),
)
_PATTERNS = tuple(
    (canonical, re.compile(rf"(?<!\w)(?:{variants})(?!\w)", re.IGNORECASE))
    for canonical, variants in _BOUNDS
)


# "gửi trước hạn chót", "so với hạn chót": the deadline itself, the texts' "thời hạn"
_DEADLINE_NOUN = re.compile(r"(?<!\w)(trước|so\s+với)\s+hạn\s+chót(?!\w)", re.IGNORECASE)


def same_bounds(text: str) -> str:
    """The text with each way of writing a bound replaced by one of them."""
    text = text.replace("≥", " tối thiểu ").replace("≤", " tối đa ")  # "Có ≥60% …"
    text = _DEADLINE_NOUN.sub(r"\1 thời hạn", text)
    for canonical, pattern in _PATTERNS:
        text = pattern.sub(canonical, text)
    return text
