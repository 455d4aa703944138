"""Format readers: text, HTML, PDF and Word files to cleaned text, each within its limits.

Every reader gets the file's bytes and returns what it found; `extract` turns whatever a
parser throws on a hostile file into a LoadError naming the file kind.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policybot.errors import LoadError
from policybot.reading import legacy
from policybot.reading.clean import clean
from policybot.reading.decoding import decode_text

DEFAULT_MAX_BYTES = 50 * 2**20


@dataclass(frozen=True)
class Limits:
    """How much one file may cost. A file over a limit is refused with the limit named,
    before the parser that would choke on it sees it."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_pdf_pages: int = 2000
    max_unpacked_bytes: int = 200 * 2**20  # a .docx is a zip: what it expands to
    max_zip_entries: int = 5000
    max_chars: int = 20_000_000  # extracted text kept per file


@dataclass(frozen=True)
class Extracted:
    """What a format loader found before titles and metadata are settled."""

    text: str  # cleaned
    raw: str = ""  # before cleaning, for the publication date in page chrome
    title: str | None = None
    metadata: dict[str, str] | None = None
    page_starts: tuple[int, ...] = ()


def clean_text(raw: str) -> str:
    """clean() after converting lines typed in the TCVN3 or VNI fonts to Unicode."""
    return clean(legacy.repair(raw))


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
        text=clean_text(_paragraphs(raw)),
        raw=raw,
        title=title or _html_title(data),
        metadata=metadata,
    )


# --------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------

_REASON_CHARS = 120


def _short(exc: BaseException) -> str:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return reason if len(reason) <= _REASON_CHARS else reason[: _REASON_CHARS - 1] + "…"


def _join_pages(pages: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """Pages joined by a blank line, with the offset where each page's text starts.

    An empty page starts where the next text would, so page_at() never points at it.
    """
    text = ""
    starts: list[int] = []
    for page in pages:
        if page and text:
            text += "\n\n"
        starts.append(len(text))
        text += page
    return text, tuple(starts)


def _pdf_page_count(reader: Any, limit: int) -> int:
    """Pages of the PDF, counted by walking the page tree with a budget.

    pypdf builds the whole page list before saying how long it is; a 2 KB file whose page
    tree points at itself or fans out to 10^9 pages would keep it busy. Counting here
    stops as soon as the document is over the limit, whatever /Count claims.
    """
    root = reader.trailer["/Root"].get_object()["/Pages"].get_object()
    declared = root.get("/Count")
    if isinstance(declared, int) and declared > limit:
        raise LoadError(f"PDF has {declared} pages; at most {limit} are read (max_pdf_pages)")
    stack, pages, visited = [root], 0, 0
    while stack:
        node = stack.pop()
        visited += 1
        if visited > 2 * limit + 1000:
            raise LoadError(f"PDF page tree is malformed or over {limit} pages: not read")
        kids = node.get("/Kids")
        if kids is None:
            pages += 1
            if pages > limit:
                raise LoadError(f"PDF has more than {limit} pages (max_pdf_pages): not read")
        else:
            stack.extend(kid.get_object() for kid in kids.get_object())
    return pages


def _load_pdf(data: bytes, path: Path, limits: Limits) -> Extracted:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError, PyPdfError

    # pypdf logs what it repairs ("EOF marker not found"); the reason reaches the report.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError as exc:
                raise LoadError(f"PDF is encrypted ({_short(exc)})") from exc
            if not opened:
                raise LoadError("PDF is password-protected: save a copy without a password")
        _pdf_page_count(reader, limits.max_pdf_pages)
        raw_pages: list[str] = []
        kept = 0
        for page in reader.pages:
            raw_pages.append(page.extract_text() or "")
            kept += len(raw_pages[-1])
            if kept > limits.max_chars:
                break
    except LoadError:
        raise
    except (PyPdfError, PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"broken PDF: {_short(exc)}") from exc
    if not raw_pages:
        raise LoadError("PDF has no pages")
    pages = [clean_text(page) for page in raw_pages]
    if not any(pages):
        raise LoadError("no text layer (scanned PDF?): needs OCR")
    text, starts = _join_pages(pages)
    return Extracted(text=text, raw="\n\n".join(raw_pages), page_starts=starts)


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------


def _docx_blocks(container: Any) -> Iterator[str]:
    """Paragraph texts and table rows in reading order (python-docx keeps body order)."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            yield "\n".join(_docx_rows(block))
        else:
            yield block.text


def _docx_rows(table: Any) -> Iterator[str]:
    """One line per row, cells separated by " | "; merged cells are counted once."""
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(" ".join(_docx_blocks(cell)).split()))
        if any(cells):
            yield " | ".join(cells)


def _check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a .docx whose archive would expand past the limit, before python-docx
    unpacks it: a 1 MB zip of zeros expands to 1 GB (a "zip bomb")."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise LoadError(f"not a valid .docx file (not a zip archive: {_short(exc)})") from exc
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

    _check_zip(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(f"not a valid .docx file: {_short(exc)}") from exc
    raw = "\n\n".join(_docx_blocks(document))[: limits.max_chars]
    return Extracted(text=clean_text(raw), raw=raw)


_Loader = Callable[[bytes, Path, Limits], Extracted]
_LOADERS: dict[str, _Loader] = {
    ".txt": _load_text,
    ".md": _load_text,
    ".html": _load_html,
    ".htm": _load_html,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
}
_KIND = {".txt": "text", ".md": "text", ".html": "HTML", ".htm": "HTML", ".pdf": "PDF"}


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
        raise LoadError(f"broken {kind} file ({type(exc).__name__}: {_short(exc)})") from exc
