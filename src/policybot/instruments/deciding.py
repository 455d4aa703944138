"""Pure: who decides, as a decision's own header says it.

Under the trích yếu of a decision stands the authority that issues it (Nghị định
30/2020/NĐ-CP, Phụ lục I: "thẩm quyền ban hành"): "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
"BỘ TRƯỞNG BỘ CÔNG THƯƠNG". The header's top line names the body ("ỦY BAN NHÂN DÂN TỈNH LẠNG
SƠN"); a decision of its chairman, minister or director is that person's, and "who issued
it" is answered with the position.
"""

from __future__ import annotations

import re

from policybot.index.document_text import fold
from policybot.text.casing import name_case

_POSITION = re.compile(
    r"^[ \t]*(CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|TỔNG GIÁM ĐỐC|GIÁM ĐỐC|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG"
    r"|CHÁNH ÁN|VIỆN TRƯỞNG|THỐNG ĐỐC|TRƯỞNG BAN)[ \t]+([^\n]{3,120}?)[ \t]*$",
    re.MULTILINE,
)
# the grounds ("Căn cứ …") follow the authority's line; a signature block is far below them
_GROUNDS = re.compile(r"^[ \t]*(?:Căn cứ|Xét|Theo đề nghị|Điều 1\b)", re.MULTILINE)
# the issuer's name with its place after it ("trung tâm phục vụ hành chính công" + " thành
# phố hà nội"), lower-cased: a level and a name of at most three syllables
_PLACE_ADDED = re.compile(r" (?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)(?: \w+){1,3}")
_HEAD = 3000  # characters of a header without grounds


# A circular's or a minister's decision's enacting line, after its grounds: "Bộ trưởng Bộ
# Dân tộc và Tôn giáo ban hành Thông tư quy định …"
_ENACTING = re.compile(
    r"^[ \t]*(Bộ trưởng|Chủ tịch|Thủ tướng|Thống đốc|Chánh án|Viện trưởng|Tổng Kiểm toán)"
    r"[ \t]+([^\n]{3,120}?)[ \t]+ban hành[ \t]+(?:Thông tư|Quyết định)(?!\w)",
    re.MULTILINE,
)


def _same_body(body: str, issuer: str) -> str | None:
    """`body` as the issuer's name when it is the issuer, with at most its place added."""
    said, known = fold(body), fold(issuer)
    if said == known:
        return body
    if known.startswith(said) and known[len(said) :].startswith(" "):
        return issuer  # "… TỈNH" under "ỦY BAN NHÂN DÂN / TỈNH CÀ MAU": the place added
    return body if _PLACE_ADDED.fullmatch(said[len(known) :]) else None


def deciding(header: str, issuer: str | None) -> str | None:
    """The position heading the issuing body that decides ("Chủ tịch Ủy ban nhân dân tỉnh
    Lạng Sơn"), from the capitalised line above the grounds; None when the header has none
    or it heads another body than `issuer`."""
    if not issuer:
        return None
    grounds = _GROUNDS.search(header)
    head = header[: grounds.start()] if grounds else header[:_HEAD]
    for m in _POSITION.finditer(head):
        if not m.group(0).strip().isupper():
            continue
        body = _same_body(name_case(m.group(2), header), issuer)
        if body is None:
            continue  # another body, or more than its place ("… VÀ CÁC PHÓ CHỦ TỊCH")
        return f"{m.group(1).capitalize()} {body}"
    return None


def enacting(header: str, issuer: str | None) -> str | None:
    """The position a circular's enacting line names after its grounds ("Bộ trưởng Bộ Dân
    tộc và Tôn giáo ban hành Thông tư …"), of the issuing body; None when there is none.
    The body issues it; the position is who, within it, enacts it."""
    if not issuer:
        return None
    for m in _ENACTING.finditer(header[: _HEAD * 2]):
        body = _same_body(m.group(2), issuer)
        if body is not None:
            return f"{m.group(1)} {body}"
    return None
