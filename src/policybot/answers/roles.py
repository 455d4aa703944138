"""Pure: who a sentence names, and whether it names them doing what a who-question asks.

"Cơ quan nào chủ trì …?" is answered by a sentence whose subject is a body taking that role
("Sở Công Thương chủ trì, phối hợp …"), more surely than by one that only mentions a body
somewhere ("… theo hướng dẫn của Bộ …") and far more than by one naming none.
"""

from __future__ import annotations

import re

# A body named ("Sở Công Thương", "Ban Cơ yếu"); not the verb "Ban hành" opening a sentence.
BODY = re.compile(
    r"\b(Sở|UBND|Ủy ban|Uỷ ban|Ban(?!\s+hành)|Bộ|Chính phủ|Thủ tướng|Tỉnh ủy|Tỉnh uỷ|Huyện ủy"
    r"|Huyện uỷ|Hội đồng|Mặt trận|Văn phòng|Trung tâm|Cục|Chi cục|Chủ tịch|cơ quan|đơn vị)\b"
)
# The roles officials ask about: who leads, answers for, is in charge of, decides ("quyết
# định" the verb, not "Quyết định 12/QĐ-UBND" or "Quyết định này", the instrument).
ROLE = re.compile(
    r"\b(chủ trì|chịu trách nhiệm|phụ trách|đảm nhiệm|thẩm quyền"
    r"|quyết định(?!\s+(?:số\b|\d|này\b|ban hành\b))|tiếp nhận"
    r"|thực hiện|triển khai|hướng dẫn|trả lời|giải quyết)\b",
    re.IGNORECASE,
)
# A body that is the subject of a role: named, then the role within a few words
# ("Sở Công Thương chủ trì", "Bộ Công an có trách nhiệm"), not across a clause.
_NEAR = 8


def roles_asked(question: str) -> set[str]:
    """The roles a question asks of a body ("… đơn vị nào chủ trì …" -> {"chủ trì"})."""
    return {m.group(1).lower() for m in ROLE.finditer(question)}


def names_actor(sentence: str, roles: set[str]) -> bool:
    """The sentence's subject is a body taking one of `roles` (any role when none asked)."""
    for body in BODY.finditer(sentence):
        tail = sentence[body.end() :]
        clause = re.split(r"[;:.]|\s-\s|\bphối hợp\b", tail, maxsplit=1)[0]
        words = clause.split()[: _NEAR + 2]
        near = " ".join(words).lower()
        for m in ROLE.finditer(near):
            if not roles or m.group(1).lower() in roles:
                return True
    return False
