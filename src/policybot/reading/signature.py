"""Pure: the signature block of an official document (authority line, position, signer)
and where the nơi nhận list starts, so neither becomes answer material."""

from __future__ import annotations

import re

from policybot.text.casing import sentence_case

# Signature block: an authority line ("TM. CHÍNH PHỦ", "KT. BỘ TRƯỞNG"), a position in
# capitals ("THỨ TRƯỞNG"), perhaps "(Đã ký)", then the signer's name.
AUTHORITY = re.compile(r"^(?:TM|KT|TL|TUQ|Q|PP|T/M|K/T|T/L)(?:\.\s*|\s)", re.IGNORECASE)
_SIGNED_MARK = re.compile(
    r"\(\s*(?:đã\s+ký|ký\s+tên[^)]*|ký[^)]*đóng\s+dấu[^)]*)\s*\)|\[[^\]]*\]", re.I
)
_NAME = re.compile(
    r"(?<![\wÀ-ỹ])(?P<name>[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:[ \t]+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4})[ \t]*(?:\||$)",
    re.MULTILINE,
)
# A name alone: two to five words, each a capital and then small letters ("Hoàng Trung Hải").
_PERSON = re.compile(r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]+(?:[ \t]+[A-ZĐÀ-Ỹ][a-zà-ỹđ]+){1,4}")
_SHORT_LINE = 90  # a line of the list or the block, not of an appendix's prose
# What OCR leaves around a line of a scan's signature block: stray marks, not letters.
_NOISE = re.compile(r"^[\s\W\d_]+|[\s\W\d_]+$")
_TAIL_LINES = 60
# Where the signature block has ended: an appendix's heading in capitals or a numbered item.
_APPENDIX = re.compile(r"(?:PHỤ\s+LỤC|DANH\s+SÁCH|BIỂU\s+MẪU|MẪU\s+SỐ)(?![\wÀ-ỹ])|\d{1,3}[.)]\s")
# Vietnamese family names: a scan's name line must open with one, so that a recipient or a
# name OCR cut short ("Huy Hoàng" for "Vũ Huy Hoàng") is not taken for the signer.
_SURNAMES_TEXT = """
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Trương
Lương Mai Tạ Lưu Vương Quách Kiều Triệu Từ Lục Chu Tăng Hứa Nghiêm Phùng Khúc Âu Tống
Mạc Hầu Lã Lò Nông Thân Tôn Doãn Diệp Đàm Khổng Khương Liêu Mã Nhữ Quản Thạch Tiêu Trình
Trịnh Đoàn Tô
"""  # not those that also open place names (Hà, Lâm, Cao, Ninh, Sơn, Đồng …)
SURNAMES = frozenset(_SURNAMES_TEXT.split())
# A scan's position lines: an authority and what follows it ("KT. BỘ TRƯỞNG"), or a
# position by itself ("THỨ TRƯỞNG"), as whole runs of capitals.
_SCAN_POSITION = re.compile(
    r"(?<![\wÀ-ỹ])(?:(?:TM|KT|TL|TUQ|PP)\.\s*[A-ZĐÀ-Ỹ]{2,}(?:[ \t]+[A-ZĐÀ-Ỹ]{2,})*"
    r"|(?:PHÓ[ \t]+)?(?:THỦ[ \t]+TƯỚNG|BỘ[ \t]+TRƯỞNG|THỨ[ \t]+TRƯỞNG|CHỦ[ \t]+TỊCH|GIÁM[ \t]+ĐỐC"
    r"|CỤC[ \t]+TRƯỞNG|TỔNG[ \t]+CỤC[ \t]+TRƯỞNG|CHÁNH[ \t]+ÁN|BÍ[ \t]+THƯ))(?![\wÀ-ỹ])"
)
# "Nơi nhận:", and as OCR reads it off a scan ("Nơi nhữn:", "Nơi nhân:")
_RECIPIENTS = re.compile(r"(?m)(?:^|\|)[ \t]*N[ơoớờ]i\s+nh\w{1,2}n\s*:")
_POSITION_WORDS = re.compile(
    r"TRƯỞNG|TƯỚNG|TỊCH|GIÁM\s+ĐỐC|THƯ|CHÁNH|VIỆN|TỔNG|ỦY\s+VIÊN|THƯỜNG\s+TRỰC|PHÓ|CHỦ\s+NHIỆM"
)


def has_recipients(text: str) -> bool:
    """The text holds a "Nơi nhận:" line (the page where a signature block stands)."""
    return _RECIPIENTS.search(text) is not None


def signature_block(
    text: str, body_start: int
) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(name, position, span of nơi nhận and the signature block). The first "Nơi nhận"
    after the body anchors the block (appendices and forms follow it); without one, the
    end of the text."""
    rec = _RECIPIENTS.search(text, body_start)
    lo = max(body_start, (rec.start() - 1200) if rec else len(text) - 1500)
    hi = min(len(text), (rec.end() + 3000) if rec else len(text))
    window = text[lo:hi]
    found: tuple[str, str, int, int] | None = None
    for m in _NAME.finditer(window):
        if any(w[1:] != w[1:].lower() for w in m.group("name").split()):
            continue  # capitals ("QUỐC TẾ") are the position's, not a name
        before = _SIGNED_MARK.sub(" ", window[max(0, m.start() - 160) : m.start()])
        tokens = before.replace("|", " ").split()
        caps_words: list[str] = []
        while tokens and tokens[-1].upper() == tokens[-1] and any(c.isalpha() for c in tokens[-1]):
            caps_words.insert(0, tokens.pop())
        marks = [i for i, w in enumerate(caps_words) if AUTHORITY.match(w + " ")]
        if marks:
            caps_words = caps_words[marks[-1] :]
        else:
            cut = [i for i, w in enumerate(caps_words) if w[-1] in ",;:.)("]
            caps_words = caps_words[cut[-1] + 1 :] if cut else caps_words
        block = " ".join(caps_words)
        if not block or not _POSITION_WORDS.search(block):
            continue
        block_at = before.rfind(caps_words[0])
        found = (
            m.group("name"),
            block,
            lo + m.start() - len(before) + block_at,
            lo + m.end("name"),
        )
        break
    spans: list[tuple[int, int]] = []
    if rec:
        end = rec.end()
        for line in text[rec.end() :].split("\n")[:60]:
            stripped = line.strip()
            if stripped and not stripped.startswith(("-", "+", "•", "|")) and end > rec.end() + 1:
                break
            end += len(line) + 1
        if found is None:
            found = _scanned_block(text, rec.start(), min(end, len(text)))
            end = max(end, found[3]) if found else end
        spans.append((rec.start(), min(end, len(text))))
    if found:
        spans.append((max(lo, text.rfind("\n", 0, found[2]) + 1), found[3]))
    if not spans:
        return None, None, None
    span = (min(s for s, _ in spans), max(e for _, e in spans))
    if span[1] - span[0] > 5000:  # two far-apart pieces: keep the recipients alone
        span = spans[0]
    if found is None:
        return None, None, span
    return found[0], _position(found[1], text), span


def _scanned_block(text: str, start: int, end: int) -> tuple[str, str, int, int] | None:
    """The signature block of a scan, whose two columns OCR interleaves with the nơi nhận
    list: the position's capitals scattered among the recipients ("Nơi nhận: KT. BỘ
    TRƯỞNG", "- Văn phòng Chính phủ, THỨ TRƯỞNG"), and the name on a line of its own or
    after a recipient ("- Các cơ quan thuộc Bộ; Đỗ Hữu Hào"). The name is looked for only
    among the list's lines and the short lines after it, before any prose: the last one."""
    lines: list[str] = []
    for line in text[start:].split("\n")[:_TAIL_LINES]:
        bare = line.strip()
        if len(line) > _SHORT_LINE and not bare.startswith(("-", "+", "•")):
            break  # prose: an appendix or the body, past the list and the block
        if _APPENDIX.match(bare):
            break  # "PHỤ LỤC", "DANH SÁCH …", "1. …": what follows is not the block
        lines.append(line)
    name = None
    for line in reversed(lines):
        bare = line.strip()
        # a recipient ("- Lưu Văn Thư.") is not a name; a name may follow its ";"
        if bare.startswith(("-", "+", "•")):
            pieces = [bare.rsplit(";", 1)[1]] if ";" in bare else []
        else:
            pieces = [bare]
        for piece in pieces:
            candidate = _NOISE.sub("", piece).strip()
            if _PERSON.fullmatch(candidate) and candidate.split()[0] in SURNAMES:
                name = candidate
                break
        if name:
            break
    if name is None:
        return None
    region = "\n".join(lines)
    block = " ".join(m.group(0) for m in _SCAN_POSITION.finditer(region))
    at = text.find(name, start)
    return name, block, start, max(end, at + len(name))


_BODIES_NAMED_BY_TITLE = frozenset(("BAN BÍ THƯ", "ĐOÀN CHỦ TỊCH"))


def _position(block: str, body: str) -> str:
    """'KT. BỘ TRƯỞNG THỨ TRƯỞNG' -> 'KT. Bộ trưởng, Thứ trưởng'."""
    words = " ".join(block.split())
    lead = AUTHORITY.match(words + " ")
    out = []
    if lead:
        auth = lead.group(0).strip()
        rest = words[len(auth) :].strip()
        # the authority names the head or the body; the signer's own position follows it
        m = re.match(
            r"(.*?)\s+((?:PHÓ\s+)?(?:THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|"
            r"CHÁNH ÁN|CHÁNH VĂN PHÒNG|CỤC TRƯỞNG|TỔNG CỤC TRƯỞNG|BÍ THƯ|TRƯỞNG BAN|"
            r"THƯỜNG TRỰC|VỤ TRƯỞNG))$",
            rest,
        )
        # "T/M BAN BÍ THƯ", "TM. ĐOÀN CHỦ TỊCH": bodies whose names end in a title
        if m and m.group(1) and rest not in _BODIES_NAMED_BY_TITLE:
            out = [
                f"{auth.upper()} {sentence_case(m.group(1), body)}",
                sentence_case(m.group(2), body),
            ]
        else:
            out = [f"{auth.upper()} {sentence_case(rest, body)}"]
    else:
        out = [sentence_case(words, body)]
    return ", ".join(out)


# The end of a line of a scan's right column that is a name: two to five words, each a
# capital then small letters or all capitals ("ĐỖ HOÀNG ANH TUẤN"), then only OCR's marks.
_COLUMN_NAME = re.compile(
    r"(?:^|[^\wÀ-ỹ])(?P<name>[A-ZĐÀ-Ỹ][a-zà-ỹđA-ZĐÀ-Ỹ]+(?:[ \t]+[A-ZĐÀ-Ỹ][a-zà-ỹđA-ZĐÀ-Ỹ]+){1,4})"
    r"[\s|`_.,'’\-–—]*$"
)
_COLUMN_LINES = 8  # the name is among the last lines of the column read


def column_signer(column: str) -> str | None:
    """The signer's name from the OCR of a scan's right column (ocr.read_right_column): the
    last of its final lines that ends in a name opening with a family name, written as a
    name is ("Đỗ Hoàng Anh Tuấn" for "ĐỖ HOÀNG ANH TUẤN"); None when no line does."""
    lines = [line for line in column.splitlines() if line.strip()][-_COLUMN_LINES:]
    for line in reversed(lines):
        m = _COLUMN_NAME.search(line.rstrip())
        if m is None:
            continue
        words = m.group("name").split()
        # the run may begin with OCR debris ("ICM, Vũ Huy Hoàng"): from its first family name
        named = [w[:1] + w[1:].lower() for w in words]
        for i, word in enumerate(named[:-1]):
            whole = all(w[1:] == w[1:].lower() or w.isupper() for w in words[i:])
            if word in SURNAMES and whole and len(named) - i >= 2:
                return " ".join(named[i:])
    return None
