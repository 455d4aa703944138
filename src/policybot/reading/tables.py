"""Pure: table rows to lines — data tables row by row, layout tables cell by cell.

Word documents put the header of an official text (issuer and number on the left, the
national motto and the date on the right) and the signature block in a borderless table.
Read row by row, that table runs both columns together ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ
HỘI ..."); read column by column, each part is a line of its own, as on paper. Any other
table keeps one line per row with its cells separated by " | ".
"""

from __future__ import annotations

import re

__all__ = ["is_layout_table", "table_lines"]

_MAX_COLUMNS = 3
_MAX_ROWS = 8
# What the header and signature blocks of an official document hold (Decree 30/2020 form).
_LAYOUT_MARK = re.compile(
    r"cộng hòa xã hội|cộng hoà xã hội|độc lập\s*[-–]\s*tự do|^số\s*:|"
    r"^(?:tm|kt|tl|tuq)\.|^nơi nhận|ngày\s+\d+\s+tháng",
    re.IGNORECASE | re.MULTILINE,
)


def is_layout_table(rows: list[list[str]]) -> bool:
    """A small table (<= 3 columns, <= 8 rows) holding a header or signature block."""
    if not rows or len(rows) > _MAX_ROWS or max(len(r) for r in rows) > _MAX_COLUMNS:
        return False
    return any(_LAYOUT_MARK.search(cell.strip()) for row in rows for cell in row)


def table_lines(rows: list[list[str]]) -> list[str]:
    """Lines of a table: a layout table column by column, every cell's lines on their own;
    a data table one line per row, cells joined by " | " (a cell's lines by spaces)."""
    if is_layout_table(rows):
        width = max(len(r) for r in rows)
        out: list[str] = []
        for column in range(width):
            for row in rows:
                if column < len(row):
                    cell = row[column].split("\n")
                    out.extend(line.strip() for line in cell if any(c.isalnum() for c in line))
        return out
    lines = []
    for row in rows:
        cells = [" ".join(cell.split()) for cell in row]
        if any(cells):
            lines.append(" | ".join(cells))
    return lines
