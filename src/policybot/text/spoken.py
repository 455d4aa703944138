"""Pure: question words as officials say them, written the way the rules read them.

In speech, and in the South especially, "bữa nào" asks which day, "hồi nào" and "chừng
nào" ask when, "nhiêu" asks how many. The analysis of a question (questions/question.py)
and the rules that route it read the written forms ("ngày nào", "khi nào", "bao nhiêu"),
so a question is put in those forms once, when it is normalised.
"""

from __future__ import annotations

import re
from functools import partial

_SPOKEN = (
    ("ngày nào", r"bữa\s+nào|hôm\s+nào"),
    ("khi nào", r"hồi\s+nào|chừng\s+nào"),
    # "Hồi 2010 Bộ …", "…, hồi năm 2009": back in that year; where it opens the question or
    # a clause only ("phục hồi năm 2021", "phản hồi năm 2023" are other words)
    ("năm", r"(?:^|(?<=[,;:(]\s)|(?<=từ\s)|(?<=vào\s))hồi(?:\s+năm)?(?=\s+(?:19|20)\d{2}(?!\d))"),
    # "bao nhiêu" itself is kept; "nhiêu" alone before a unit or at the end asks it
    (
        "bao nhiêu",
        r"(?<!bao\s)nhiêu(?=\s+(?:tiền|người|ngày|năm|tháng|phần|%|lần|một|mỗi)|\s*[?]|\s*$)",
    ),
)
_PATTERNS = tuple(
    (written, re.compile(rf"(?<!\w)(?:{spoken})(?!\w)", re.IGNORECASE))
    for written, spoken in _SPOKEN
)


def written_question_words(text: str) -> str:
    """The text with each spoken question word replaced by its written form."""
    for written, pattern in _PATTERNS:
        text = pattern.sub(partial(_cased, written), text)
    return text


def _cased(written: str, said: re.Match[str]) -> str:
    return written.capitalize() if said[0][0].isupper() else written
