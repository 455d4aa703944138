"""What of a question is worth searching for: exam and chat phrasing removed.

"…, đúng hay sai?", "Chọn câu trả lời đúng nhất", "điều nào sau đây" say how to answer,
not what about; their words ("đúng", "sai", "sau đây") occur all over legal text and pull
BM25 and the embedding towards passages that merely share them. Only retrieval sees the
shortened text; the answerer still reads the question as asked.
"""

from __future__ import annotations

import re

_TAIL = re.compile(
    r"[\s,.;:–-]*(?:là\s+)?(?:"
    r"(?:có\s+)?đúng\s+hay\s+(?:là\s+)?sai|đúng\s+hay\s+không|(?:có\s+)?(?:đúng|phải)\s+không"
    r"|có\s+phải\s+không|phải\s+vậy\s+không|hay\s+không"
    r")\s*[?.!…]*\s*$",
    re.IGNORECASE,
)
_PHRASES = re.compile(
    r"\b(?:hãy\s+)?chọn\s+(?:câu\s+trả\s+lời|đáp\s+án|phương\s+án)\s+(?:đúng|chính\s+xác)"
    r"(?:\s+nhất)?\s*[.:]?"
    r"|\b(?:sau|dưới)\s+đây\b"
    r"|^\s*(?:xin\s+)?(?:cho\s+(?:tôi|em)\s+hỏi|hỏi)\s*[,:]?\s*",
    re.IGNORECASE,
)


def retrieval_text(question: str) -> str:
    """The question without answer-format phrasing; never empty when the question is not."""
    text = question
    for _ in range(2):  # "…, là đúng hay sai? Chọn câu trả lời đúng nhất."
        text = _PHRASES.sub(" ", text)
        text = _TAIL.sub("", text)
    text = " ".join(text.split()).strip(" ,;:")
    return text or question.strip()
