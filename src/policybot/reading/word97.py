"""Word 97-2003 (.doc) files, read by antiword (catdoc when antiword cannot).

Both are small Debian converters (`make install` installs them). antiword keeps each
paragraph on one line (`-w 0`) and draws tables with "|" between cells; those rows are
turned into lines by tables.py. Text typed in the old TCVN3 or VNI fonts comes out as
Latin-1 look-alikes ("S¾C LÖNH") and is converted by legacy.repair in clean_text.
A file named .doc that is something else (HTML or .docx saved under the old name) is
read as what it is; anything else gets a reason.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from policybot.errors import LoadError
from policybot.reading.extracted import Extracted, Limits, clean_text
from policybot.reading.tables import table_lines

__all__ = ["OLE_MAGIC", "load_doc", "word97_text"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CONVERTERS = (
    ("antiword", ["antiword", "-w", "0", "-m", "UTF-8.txt"]),
    ("catdoc", ["catdoc", "-w", "-d", "utf-8"]),
)


def _rows_to_lines(text: str) -> str:
    """antiword's "|a |b |" table rows -> table_lines; other lines unchanged."""
    out: list[str] = []
    block: list[list[str]] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            block.append(stripped[1:-1].split("|"))
            continue
        if block:
            out.extend(table_lines(_unwrapped(block)))
            block = []
        out.append(line)
    if block:
        out.extend(table_lines(_unwrapped(block)))
    return "\n".join(out)


def _unwrapped(rows: list[list[str]]) -> list[list[str]]:
    """antiword wraps a cell's text at its column's width onto the next line, as a row of
    its own ("|Công ty cổ phần nghe nhìn toàn   |Toàn quốc |…" then "|cầu AVG |  |…"). A row
    is such a continuation when each of its words could not have fitted on the line above in
    its column, and it leaves empty some column the row above filled; it is joined to it.
    Cells come padded to their column's width, so the widths are known."""
    out: list[list[str]] = []
    last: list[str] = []  # each column's text on the line above
    for raw in rows:
        cells = [c.strip() for c in raw]
        if out and _continues(raw, cells, last, out[-1]):
            out[-1] = [f"{p} {c}".strip() if c else p for p, c in zip(out[-1], cells, strict=True)]
        else:
            out.append(cells)
        last = cells
    return out


def _continues(raw: list[str], cells: list[str], last: list[str], above: list[str]) -> bool:
    if len(cells) != len(last) or not any(cells):
        return False
    emptied = sum(1 for prev, cell in zip(above, cells, strict=True) if prev and not cell)
    if not emptied:
        return False  # a row as full as the one above is a row of its own
    # Word wraps at a cell's width on the page, which antiword's columns only approximate:
    # a row leaving most of the row above's cells empty, one of its cells going on with a
    # sentence the cell above left open ("… phát sóng truyền hình" / "số khu vực Bắc Bộ."),
    # is that row's wrapped text, though "Việt Nam" would have fitted after "Đài Truyền hình"
    widths = [len(r) for r in raw]
    if 2 * emptied >= sum(1 for prev in above if prev) and any(
        _goes_on(prev, cell, width) for prev, cell, width in zip(last, cells, widths, strict=True)
    ):
        return True
    for width, prev, cell in zip(widths, last, cells, strict=True):
        if cell and (not prev or len(prev) + 1 + len(cell.split()[0]) <= width):
            return False  # this word would have fitted above: a new cell
    return True


# an item of its own under a merged cell ("a) xây dựng nền tảng số", "- đào tạo")
_ITEM = re.compile(r"^(?:[a-zđ]\)|[-+•–])")


def _goes_on(prev: str, cell: str, width: int) -> bool:
    """`cell` carries on the sentence `prev` left open: a word in lower case, no item's mark,
    after a line with no stop that fills at least half its column (a wrapped line)."""
    if not (prev and cell) or _ITEM.match(cell):
        return False
    return cell[0].islower() and prev[-1] not in ".;:!?" and 2 * len(prev) >= width


def _convert(data: bytes, limits: Limits) -> str:
    reasons: list[str] = []
    with tempfile.TemporaryDirectory(prefix="policybot-doc-") as tmp:
        source = Path(tmp) / "file.doc"
        source.write_bytes(data)
        for name, command in _CONVERTERS:
            if shutil.which(command[0]) is None:
                reasons.append(f"{name} not installed")
                continue
            try:
                done = subprocess.run(
                    [*command, str(source)],
                    capture_output=True,
                    timeout=limits.tool_timeout_s,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                reasons.append(f"{name} gave up after {limits.tool_timeout_s:g} s")
                continue
            text = done.stdout.decode("utf-8", "replace")[: limits.max_chars]
            if done.returncode == 0 and text.strip():
                return _rows_to_lines(text) if name == "antiword" else text
            error = done.stderr.decode("utf-8", "replace").strip().splitlines()
            reasons.append(f"{name}: {error[-1] if error else 'no text'}")
    if all(reason.endswith("not installed") for reason in reasons):
        raise LoadError("Word 97-2003 file needs antiword or catdoc: `make install` installs them")
    raise LoadError(f"Word 97-2003 file could not be read ({'; '.join(reasons)})")


def word97_text(data: bytes, limits: Limits) -> str:
    """Raw text of an OLE2 Word file (before cleaning)."""
    return _convert(data, limits)


def load_doc(
    data: bytes,
    path: Path,
    limits: Limits,
    html: Callable[[bytes, Path, Limits], Extracted],
    docx: Callable[[bytes, Path, Limits], Extracted],
) -> Extracted:
    """A .doc by what its bytes are: Word 97-2003, else HTML or a .docx under that name."""
    head = data[:1024].lstrip().lower()
    if data.startswith(OLE_MAGIC):
        raw = word97_text(data, limits)
        return Extracted(text=clean_text(raw), raw=raw)
    if data.startswith(b"PK\x03\x04"):
        return docx(data, path, limits)
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<meta")):
        return html(data, path, limits)
    if head.startswith(b"{\\rtf"):
        raise LoadError("an RTF file named .doc: open it in Word and save it as .docx")
    raise LoadError("not a Word 97-2003 file (no Word header): save it again as .docx")
