"""Format readers: text, HTML, PDF and Word files to cleaned text, each within its limits.

Every reader gets the file's bytes and returns what it found; `extract` turns whatever a
parser throws on a hostile file into a LoadError naming the file kind.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from policybot.errors import LoadError
from policybot.reading.chrome import drop_repeated_blocks
from policybot.reading.decoding import decode_text
from policybot.reading.extracted import Extracted, Limits, clean_text, short_reason
from policybot.reading.pdf import load_pdf
from policybot.reading.tables import is_layout_table, table_lines
from policybot.reading.word97 import OLE_MAGIC, load_doc, word97_text

__all__ = ["Extracted", "Limits", "clean_text", "extract"]


def _load_text(data: bytes, path: Path, limits: Limits) -> Extracted:
    raw = decode_text(data)[: limits.max_chars]
    return Extracted(text=clean_text(raw), raw=raw)


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def _html_title(data: bytes) -> str | None:
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return None
    found = tree.findtext(".//title")
    return " ".join(found.split()) if found and found.strip() else None


def _paragraphs(text: str) -> str:
    """Blank line between extracted blocks, as in the other formats; table rows stay together.

    trafilatura puts one block per line; the chunker reads blank lines as paragraph ends.
    """
    out: list[str] = []
    for line in text.split("\n"):
        if out and not (line.startswith("|") and out[-1].startswith("|")):
            out.append("")
        out.append(line)
    return "\n".join(out)


def _html_tables(text: str) -> str:
    """trafilatura's "| a | b |" rows of a header or signature table, cell by cell (see
    tables.py); data tables stay as trafilatura writes them."""
    out: list[str] = []
    block: list[str] = []
    for line in [*text.split("\n"), ""]:
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            block.append(stripped)
            continue
        if block:
            rows = [[cell.strip() for cell in row[1:-1].split("|")] for row in block]
            out.extend(table_lines(rows) if is_layout_table(rows) else block)
            block = []
        out.append(line)
    return "\n".join(out[:-1])


_INVISIBLE = ("script", "style", "noscript", "template", "head")
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|tr|td|th|table|h[1-6]|section|article|header|footer|blockquote)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]*>")


def _drop_invisible(html: str) -> str:
    """Remove comments and script/style bodies in one linear pass (no backtracking regex:
    a page with thousands of unclosed <script> tags must not take quadratic time)."""
    lower = html.lower()
    out: list[str] = []
    pos = 0
    while True:
        starts = [(lower.find(f"<{tag}", pos), f"</{tag}") for tag in _INVISIBLE]
        starts.append((lower.find("<!--", pos), "-->"))
        found = [(at, end) for at, end in starts if at >= 0]
        if not found:
            out.append(html[pos:])
            return "".join(out)
        at, end = min(found)
        out.append(html[pos:at])
        close = lower.find(end, at + 1)
        if close < 0:
            return "".join(out)
        pos = lower.find(">", close) + 1 if end != "-->" else close + 3
        if pos <= 0:
            return "".join(out)


def _strip_tags(data: bytes) -> str:
    """Text of an HTML page without a tree: the fallback when lxml gives up on a page
    (libxml2 stops at 256 levels of nesting, so a page of 10 MB of nested tags parses to
    nothing)."""
    import html as html_lib

    try:
        page = decode_text(data)
    except LoadError:
        page = data.decode("utf-8", errors="replace")
    text = _BLOCK_TAG.sub("\n", _drop_invisible(page))
    return html_lib.unescape(_ANY_TAG.sub("", text))


def _load_html(data: bytes, path: Path, limits: Limits) -> Extracted:
    """Main text via trafilatura, which drops menus, comment forms, related lists, counters."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        data,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params={"extensive_search": False},
    )
    raw, title, metadata = "", None, {}
    if extracted is not None and not isinstance(extracted, dict):
        raw = extracted.text or ""
        title = extracted.title
        for key, value in (("date", extracted.date), ("author", extracted.author)):
            if value:
                metadata[key] = str(value)
    if not raw.strip():
        raw = trafilatura.html2txt(data) or ""
    if not raw.strip():
        raw = _strip_tags(data)
    raw = raw[: limits.max_chars]
    return Extracted(
        text=clean_text(drop_repeated_blocks(_html_tables(_paragraphs(raw)))),
        raw=raw,
        title=title or _html_title(data),
        metadata=metadata,
    )


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------


def _docx_blocks(container: Any) -> Iterator[str]:
    """Paragraph texts and tables in reading order (python-docx keeps body order)."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            yield "\n".join(table_lines(_docx_rows(block)))
        else:
            yield block.text


def _docx_rows(table: Any) -> list[list[str]]:
    """Cell texts of each row (a cell's paragraphs on their own lines); merged cells once."""
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            lines = (line for block in _docx_blocks(cell) for line in block.split("\n"))
            cells.append("\n".join(" ".join(line.split()) for line in lines if line.strip()))
        rows.append(cells)
    return rows


def _check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a .docx whose archive would expand past the limit, before python-docx
    unpacks it: a 1 MB zip of zeros expands to 1 GB (a "zip bomb")."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise LoadError(f"not a valid .docx file (not a zip archive: {short_reason(exc)})") from exc
    if len(entries) > limits.max_zip_entries:
        raise LoadError(
            f"not a plausible .docx: {len(entries)} files in the archive "
            f"(at most {limits.max_zip_entries})"
        )
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.max_unpacked_bytes:
        raise LoadError(
            f"expands to {unpacked // 2**20} MB when unpacked (at most "
            f"{limits.max_unpacked_bytes // 2**20} MB): refused as a possible zip bomb"
        )


def _load_docx(data: bytes, path: Path, limits: Limits) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if data.startswith(OLE_MAGIC):  # a Word 97-2003 file saved under a .docx name
        raw = word97_text(data, limits)
        return Extracted(text=clean_text(raw), raw=raw)
    _check_zip(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(f"not a valid .docx file: {short_reason(exc)}") from exc
    raw = "\n\n".join(_docx_blocks(document))[: limits.max_chars]
    return Extracted(text=clean_text(raw), raw=raw)


_Loader = Callable[[bytes, Path, Limits], Extracted]
_LOADERS: dict[str, _Loader] = {
    ".txt": _load_text,
    ".md": _load_text,
    ".html": _load_html,
    ".htm": _load_html,
    ".pdf": load_pdf,
    ".docx": _load_docx,
    ".doc": lambda data, path, limits: load_doc(data, path, limits, _load_html, _load_docx),
}
_KIND = {
    ".doc": "Word 97-2003",
    ".txt": "text",
    ".md": "text",
    ".html": "HTML",
    ".htm": "HTML",
    ".pdf": "PDF",
}


def extract(suffix: str, data: bytes, path: Path, limits: Limits) -> Extracted:
    """Run one format's loader; whatever a parser throws on a hostile file becomes a
    LoadError naming the file kind, so one bad file can never stop an ingest."""
    kind = _KIND.get(suffix, suffix.lstrip(".").upper())
    try:
        return _LOADERS[suffix](data, path, limits)
    except LoadError:
        raise
    except MemoryError as exc:
        raise LoadError(f"{kind} file needs too much memory to read") from exc
    except RecursionError as exc:
        raise LoadError(f"{kind} file is nested too deeply to read") from exc
    except Exception as exc:
        raise LoadError(f"broken {kind} file ({type(exc).__name__}: {short_reason(exc)})") from exc
