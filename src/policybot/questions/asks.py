"""Pure: the asks of a question that asks two things at once.

"Luật … có hiệu lực từ ngày nào? Có khoản nào áp dụng muộn hơn không?", "thẻ gồm những
hạng nào và có giá trị tối đa bao lâu?", "phải thông báo trước bao lâu; còn nếu gặp sự cố
bất khả kháng thì trong thời hạn nào?": each part is answered by a sentence of its own, and
the answer needs both.
"""

from __future__ import annotations

import re

_ASK = re.compile(
    r"(?<!\w)(?:bao nhiêu|bao lâu|bao giờ|khi nào|nào|gì|ai|mấy|ở đâu|thế nào|ra sao)(?!\w)",
    re.IGNORECASE,
)
_YES_NO = re.compile(r"(?<!\w)(?:không|chưa)\s*$", re.IGNORECASE)
_JOIN = re.compile(r"\s*[;,]?\s+(?:còn|và|đồng thời)\s+|\s*;\s*", re.IGNORECASE)


def _asks(text: str) -> bool:
    return bool(_ASK.search(text) or _YES_NO.search(text))


def split_asks(question: str) -> list[str]:
    """The parts of a question that asks two things, each as a question of its own; empty
    when it asks one. Two question sentences are two asks; within one, a "; còn", "và" or
    "đồng thời" with a question word on each side joins two."""
    sentences = [s.strip() for s in re.split(r"\?+", question) if s.strip()]
    if len(sentences) >= 2 and all(_asks(s) for s in sentences):
        return [f"{s}?" for s in sentences]
    text = question.strip().rstrip("?").strip()
    for join in _JOIN.finditer(text):
        left, right = text[: join.start()].strip(" ,"), text[join.end() :].strip(" ,")
        if (
            _ASK.search(left)
            and _ASK.search(right)
            and min(len(left.split()), len(right.split())) >= 3
        ):
            return [f"{left}?", f"{right}?"]
    return []
