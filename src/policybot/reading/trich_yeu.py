"""Pure: the trích yếu of an official document, the lines under its type name ("QUYẾT
ĐỊNH / Ban hành Quy chế ..."), up to where the grounds or the speaking body's line begin."""

from __future__ import annotations

import re

from policybot.text.casing import sentence_case

RULE = re.compile(r"[-_–—=*.]{3,}")
_PREAMBLE = re.compile(
    r"^\s*[-–•]?\s*(?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét\s|Thực\s+hiện\s|Kính\s+gửi|Điều\s+[0-9]|"
    r"Chương\s+[IVXLC0-9]|Phần\s+[IVXLC0-9]|I\.\s|1\.\s|[A-ZĐÀ-Ỹ][\wÀ-ỹ ]{2,40}ban\s+hành\s)"
)
# "V/v ..." (về việc) before a trích yếu
_V_V = re.compile(r"^\s*(?:V/v|V/V|Về\s+việc)\s*:?\s*", re.IGNORECASE)


def trich_yeu(text: str, pos: int) -> tuple[str | None, int]:
    """The trích yếu under the type line, and where the preamble starts."""
    lines: list[str] = []
    cursor = pos
    blank = False  # a blank line stands between this line and the trích yếu read so far
    for line in text[pos : pos + 1500].split("\n"):
        cursor += len(line) + 1
        stripped = line.strip(" |\t")
        if not stripped:
            blank = bool(lines)
            continue
        if blank and _PROSE.search(stripped):
            cursor -= len(line) + 1
            break  # the body's first paragraph, where no grounds come first (a chỉ thị)
        if RULE.fullmatch(stripped):
            if lines:
                break
            continue
        if lines and _FILL_IN.search(stripped):
            break  # a received-stamp's fill-in line ("Ngày: ....... Chuyển: .....")
        if _PREAMBLE.match(stripped) or len(lines) >= 5:
            cursor -= len(line) + 1
            break
        if lines and lines[0].upper() == lines[0] and stripped.upper() != stripped:
            # a trích yếu in capitals ends where the capitals do, on this line or before it
            cursor -= len(line) + 1
            caps = _CAPS_RUN.match(line)
            if caps and len(caps.group(0).split()) >= 2:  # "LUẬN PHIÊN HỌP ... 06 Ngày 15 ..."
                lines.append(caps.group(0).strip(" |\t"))
                cursor += caps.end()
            break
        if lines and is_body_name(stripped) and not _OPEN_END.search(lines[-1]):
            cursor -= len(line) + 1
            break
        lines.append(stripped)
    if not lines:
        return None, pos
    subject = " ".join(_STAMP.sub(" ", " ".join(lines)).split())
    subject = _V_V.sub("", subject)
    if subject.upper().startswith("VỀ ") or (
        subject.upper() == subject and subject.upper().startswith("VỀ")
    ):
        subject = "về " + subject[3:].lstrip()
    cased = sentence_case(subject, text)
    if cased.casefold().startswith("về "):
        cased = "về " + cased[3:]
    return cased.rstrip(" .;:"), cursor


# A paragraph of prose, not a title line: long, or opening a list ("… các vấn đề sau:").
_PROSE = re.compile(r"^.{200,}$|:$")
# the capitals a line opens with, before its first word in lower case
_CAPS_RUN = re.compile(
    r"[ \t|]*(?:[0-9A-ZĐÀ-Ỹ][0-9A-ZĐÀ-Ỹ,.;:()/-]*[ \t]+)+(?=[A-ZĐÀ-Ỹ]?[a-zđà-ỹ])"
)
# What a scan's "received" stamp puts across the trích yếu: its words and fill-in dots.
_FILL_IN = re.compile(r"\.{4,}|…{2,}|(?i:kính\s+chuyển)|^(?i:ngày)\s*[.:…]")
_STAMP = re.compile(r"C[ỔÔO]NG\s+THÔNG\s+TIN\s+ĐIỆN\s+TỬ(?:\s+CHÍNH\s+PHỦ)?|CÔNG\s+VĂN\s+ĐẾN?\b")
_OPEN_END = re.compile(r"(?i:của|thuộc|và|cho|với|tại|về|đối\s+với)\s*$")
_BODY_LINE = re.compile(
    r"(?i:thủ\s+tướng|chủ\s+tịch|bộ\s+trưởng|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân|"
    r"hội\s+đồng\s+nhân\s+dân|quốc\s+hội|chính\s+phủ|giám\s+đốc|ban\s+chấp\s+hành|"
    r"ban\s+thường\s+vụ|ban\s+bí\s+thư|cục\s+trưởng|tổng\s+cục\s+trưởng|chánh\s+án|"
    r"hội\s+đồng\s+thẩm\s+phán|ủy\s+ban\s+thường\s+vụ)(?!\w)"
)


def is_body_name(line: str) -> bool:
    """A line naming the body that speaks ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"): the preamble."""
    return bool(_BODY_LINE.match(line)) and len(line.split()) <= 14 and not re.search(r"\d", line)
