"""Pure: everyday words for what official texts say in their own words.

Officials ask "phải gửi sớm hơn hạn mấy ngày", "doanh nghiệp xài công nghệ số", "xin góp ý
qua mạng"; the texts write "gửi trước thời hạn", "sử dụng", "trực tuyến". Word overlap
between a question and the sentence that answers it counts each pair as one word: both
sides are put in the written form (as text/bounds.py does for bounds). Only pairs that mean
the same wherever they occur belong here.
"""

from __future__ import annotations

import re

_EVERYDAY = (
    ("sử dụng", r"xài"),
    ("trước", r"sớm\s+hơn"),
    # online only where the phrase ends ("qua mạng?", "trên mạng internet"): "trên mạng
    # lưới", "mạng truyền hình cáp", "mạng nội bộ" are networks
    ("trực tuyến", r"(?:trên|qua)\s+mạng(?:\s+internet)?(?=\s*(?:[?.,;:!)]|$|thì\b|không\b))"),
    ("người dân", r"bà\s+con(?!\s+(?:họ|thân|ruột))"),  # not kin ("bà con họ hàng")
    ("kinh doanh", r"buôn\s+bán"),
    ("tối thiểu", r"ít\s+ra"),  # "at least" ("ít nhất": text/bounds.py)
)
_PATTERNS = tuple(
    (written, re.compile(rf"(?<!\w)(?:{said})(?!\w)", re.IGNORECASE)) for written, said in _EVERYDAY
)


def written_words(text: str) -> str:
    """The text with each everyday word replaced by the written one."""
    for written, pattern in _PATTERNS:
        text = pattern.sub(written, text)
    return text
