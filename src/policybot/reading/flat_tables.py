"""Pure: a table that reached us one cell a line, written back as rows.

Texts converted from web pages and Word files often lose their tables' structure: the
appendix of a plan ("STT / Tên nhiệm vụ / Cơ quan chủ trì / Cơ quan phối hợp / Thời gian
hoàn thành", then "1 / Triển khai … / Sở KH&CN / … / Thường xuyên") becomes a column of
short lines, and which body leads which task is lost. Written back as " | " rows under
their header (text/table_rows.py), each task keeps its lead body and its deadline.

Only a table whose shape is certain is rebuilt: a header that opens with the ordinal
column ("STT", "TT"), then rows that each open with the next ordinal and hold exactly one
line per column; a group line ("I. NÂNG CAO NHẬN THỨC …") may stand between rows. A row
with a cell missing or spread over several lines ends the rebuilt part there; what follows
is left as it was.
"""

from __future__ import annotations

import re

_ORDINAL_HEAD = re.compile(r"^(?:stt|tt|số tt|số thứ tự)\.?$", re.IGNORECASE)
_ORDINAL = re.compile(r"^(\d{1,3})\.?$")
_GROUP = re.compile(r"^(?P<mark>[IVXLC]{1,6}|[A-ZĐ])[.)]\s+(?P<name>\S.*)$")
_BARE_GROUP = re.compile(r"^[IVXLC]{1,6}\.?$")  # "I" on its line, its name on the next
# Words no sentence or cell ends with: text ending on one was cut where its line or column
# wrapped ("Bộ Khoa học và"); clean.join_dangling reads them too.
CONNECTIVES = ("và", "các", "của", "với", "cho", "trong", "theo", "về", "để", "những", "hoặc")
_CUT = re.compile(rf"(?<!\w)(?:{'|'.join(CONNECTIVES)})$", re.IGNORECASE)
# What follows a table in an official document, never one of its cells.
AFTER_TABLE = re.compile(r"^(?:nơi nhận|(?:tm|kt|tl|tuq)\.|ghi chú|phụ lục)", re.IGNORECASE)
_MAX_COLUMNS = 8
_MAX_HEADER_CHARS = 60
_MIN_ROWS = 2


def _header_cell(line: str) -> bool:
    return (
        len(line) <= _MAX_HEADER_CHARS
        and line[:1].isupper()
        and not _ORDINAL.match(line)
        and not _GROUP.match(line)
        and not _BARE_GROUP.match(line)
        and not line.endswith((".", ";", ":", ","))
        and "|" not in line
    )


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "/") for c in cells) + " |"


def _table_at(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """The rows of a flattened table whose header opens at lines[i] (blank lines dropped
    beforehand), and the index after its last line; None when the shape is not certain."""
    width = 1
    while i + width < len(lines) and width < _MAX_COLUMNS and _header_cell(lines[i + width]):
        width += 1
    if width < 3:
        return None
    header = _row(lines[i : i + width])
    out: list[tuple[str, int]] = []  # rows, each with the lines it was read from
    j, expected, rows = i + width, 1, 0
    while j < len(lines):
        group = _GROUP.match(lines[j])
        if group:
            out.append((_row([group["mark"], group["name"], *[""] * (width - 2)]), 1))
            j += 1
            continue
        if _BARE_GROUP.match(lines[j]) and j + 1 < len(lines) and _header_cell(lines[j + 1]):
            out.append((_row([lines[j].rstrip("."), lines[j + 1], *[""] * (width - 2)]), 2))
            j += 2
            continue
        number = _ORDINAL.match(lines[j])
        if not number or int(number[1]) not in (expected, 1):
            break
        cells = lines[j + 1 : j + width]
        if len(cells) < width - 1 or any(_CUT.search(c) or _starts_row(c) for c in cells):
            break
        after = lines[j + width] if j + width < len(lines) else ""
        last = bool(after) and (AFTER_TABLE.match(after) or not _starts_row(after))
        if last and len(after) < 40 and not after.endswith((".", ":", ";")):
            break  # a short line after the last cell: a cell was spread over two lines
        out.append((_row([number[1], *cells]), width))
        rows += 1
        expected = int(number[1]) + 1
        j += width
        if last:
            break
    while out and not _ORDINAL.match(out[-1][0].split("|")[1].strip()):
        j -= out.pop()[1]  # a group line with no row of its own after it stays outside
    return ([header, *(row for row, _ in out)], j) if rows >= _MIN_ROWS else None


def _starts_row(line: str) -> bool:
    """The line opens a row or a group of the table, or what comes after the table."""
    return any(p.match(line) for p in (_ORDINAL, _GROUP, _BARE_GROUP, AFTER_TABLE))


def rebuild_flat_tables(text: str) -> str:
    """`text` with every table it holds one cell a line written as " | " rows; every other
    line as it was."""
    original = text.split("\n")
    if not any(_ORDINAL_HEAD.match(line.strip()) for line in original):
        return text
    where = [n for n, line in enumerate(original) if line.strip()]  # non-blank lines
    lines = [original[n].strip() for n in where]
    out: list[str] = []
    done = 0  # original lines written so far
    i = 0
    while i < len(lines):
        found = _table_at(lines, i) if _ORDINAL_HEAD.match(lines[i]) else None
        if found is None:
            i += 1
            continue
        rows, end = found
        out.extend(original[done : where[i]])
        out.extend(rows)
        done = where[end - 1] + 1
        i = end
    out.extend(original[done:])
    return "\n".join(out)
