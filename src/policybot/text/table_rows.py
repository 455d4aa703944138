"""Pure: rows of a data table as reading put them in the text ("a | b | c", one per line),
and the header row that names each cell.

A plan's task table ("STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn
thành") says who leads each task and by when only through its header: a row alone is a list
of names and dates. A passage cut inside the table keeps the header as its lead
(index/chunk.lead_in); an answer shows a row with its columns named.
"""

from __future__ import annotations

import re

_ORDINAL_COLUMN = re.compile(r"(?:số\s+)?(?:stt|tt)\.?", re.IGNORECASE)
_MAX_BACK = 400  # rows walked back to a table's first


def cells(line: str) -> list[str] | None:
    """The cells of a table row (at least two), or None for a line of prose."""
    if line.count("|") < 1:
        return None
    parts = [c.strip() for c in line.strip().strip("|").split("|")]
    return parts if len(parts) >= 2 else None


def _is_header(row: list[str]) -> bool:
    """Column names: words, no cell a figure or a date."""
    filled = [c for c in row if c]
    return bool(filled) and not any(re.search(r"\d", c) for c in filled)


def header_before(text: str, pos: int) -> str:
    """The header row of the table the line at `pos` is a row of ("" when that line is no
    row, is the header itself, or the table's first row names no columns). Rows run line
    after line; a blank line or prose ends the table above."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    own = cells(text[line_start : line_end if line_end >= 0 else len(text)])
    if own is None:
        return ""
    first, end = "", line_start  # `end`: just past the newline that ends the line above
    for _ in range(_MAX_BACK):
        if end <= 0:
            break
        start = text.rfind("\n", 0, end - 1) + 1
        line, end = text[start : end - 1], start
        if not line.strip() or cells(line) is None:
            break  # prose, or a blank line: another table may stand above
        first = line
    row = cells(first) if first else None
    return first.strip() if row and len(row) == len(own) and _is_header(row) else ""


def _paired(row: str, header: str) -> list[tuple[str, str]] | None:
    """(column name, cell) for each cell; None when row and header do not line up."""
    values, names = cells(row), cells(header)
    if not values or not names or len(values) != len(names):
        return None
    return list(zip(names, values, strict=True))


def labelled(row: str, header: str) -> str | None:
    """The row with each cell after its column's name ("Nhiệm vụ: …; Cơ quan chủ trì: …"),
    the ordinal column and empty cells left out; None when the two do not line up."""
    pairs = _paired(row, header)
    if pairs is None:
        return None
    parts = [
        f"{name}: {value}"
        for name, value in pairs
        if value and name and not _ORDINAL_COLUMN.fullmatch(name)
    ]
    return "; ".join(parts) if parts else None


def cell_under(row: str, header: str, words: set[str]) -> str | None:
    """The row's cell in the first column whose name holds one of `words` ("chủ trì")."""
    for name, value in _paired(row, header) or []:
        low = name.casefold()
        if value and any(w in low for w in words):
            return value
    return None
