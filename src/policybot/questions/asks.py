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
_JOIN = re.compile(r"\s*[;,]?\s+(?:còn|và|đồng thời)\s+|\s*;\s*", re.IGNORECASE)
# Words an ask needs to stand alone: a question of its own ("Ai chủ trì?", not "Ngày
# nào?"), or a part of one ("gồm những hạng nào", not "Những tổ chức nào" before "và cá
# nhân nào …")
_SENTENCE_WORDS = 3
_PART_WORDS = 5
# "…, cơ quan thực hiện và người có thẩm quyền quyết định là ai?": two roles sharing one ask
_SHARED_WHO = re.compile(
    r"^(?P<lead>.*,\s*)?(?P<a>[^,]+?)\s+và\s+(?P<b>[^,]+?)\s+"
    r"(?P<ask>là\s+(?:ai|những\s+ai|cơ\s+quan\s+nào|đơn\s+vị\s+nào))$",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"(?:người|cơ quan|đơn vị|cán bộ|công chức|thủ trưởng|chủ tịch|giám đốc|tổ chức|cá nhân)"
    r"\s+\w+",
    re.IGNORECASE,
)


def _an_ask(text: str, words: int) -> bool:
    return bool(_ASK.search(text)) and len(text.split()) >= words


def split_asks(question: str) -> list[str]:
    """The parts of a question that asks two things, each as a question of its own; empty
    when it asks one. Two question sentences are two asks; within one, a "; còn", "và" or
    "đồng thời" with a question word on each side joins two, not the "và" of a name ("Sở
    Khoa học và Công nghệ"), whose next word is capitalised."""
    sentences = [s.strip() for s in re.split(r"\?+", question) if s.strip()]
    if len(sentences) >= 2 and all(_an_ask(s, _SENTENCE_WORDS) for s in sentences):
        return [f"{s}?" for s in sentences]
    text = question.strip().rstrip("?").strip()
    for join in _JOIN.finditer(text):
        left, right = text[: join.start()].strip(" ,"), text[join.end() :].strip(" ,")
        if _an_ask(left, _PART_WORDS) and _an_ask(right, _PART_WORDS) and not right[:1].isupper():
            return [f"{left}?", f"{right}?"]
    return _shared_who(text)


def _shared_who(text: str) -> list[str]:
    """Two roles asked with one "là ai", each asked of its own, after the same lead."""
    m = _SHARED_WHO.match(text)
    if not m:
        return []
    a, b = m.group("a"), m.group("b")
    if min(len(a.split()), len(b.split())) < 2 or _ASK.search(a) or _ASK.search(b):
        return []
    # each side a role of its own ("Người có quyền và nghĩa vụ liên quan", "Bộ phận tiếp
    # nhận và trả kết quả" are one); not names ("Chủ tịch và Phó Chủ tịch …")
    if not (_ROLE.match(a) and _ROLE.match(b)) or b[:1].isupper():
        return []
    lead, ask = m.group("lead") or "", m.group("ask")
    return [f"{lead}{a} {ask}?", f"{lead}{b} {ask}?"]
