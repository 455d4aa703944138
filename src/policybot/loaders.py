"""Turn files on disk into cleaned Documents.

One loader per format, all ending in the same place: NFC text without page chrome
(clean.clean), a title, and string metadata merged from an optional sidecar
`X.ext.meta.json`. A file that cannot be read is a LoadError with a reason a person can act
on; load_paths collects those instead of stopping, so one broken PDF never blocks an ingest.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from policybot import legacy
from policybot.clean import clean, extract_published
from policybot.errors import LoadError
from policybot.types import Document

__all__ = [
    "SUPPORTED",
    "Discovery",
    "Limits",
    "LoadFailure",
    "LoadResult",
    "check_size",
    "discover",
    "discover_all",
    "discover_with_skipped",
    "file_fingerprint",
    "load_file",
    "load_file_with_failures",
    "load_paths",
]

SUPPORTED = (".txt", ".md", ".pdf", ".html", ".htm", ".docx", ".jsonl")
SIDECAR_SUFFIX = ".meta.json"
DEFAULT_MAX_BYTES = 50 * 2**20
MAX_TITLE_CHARS = 200


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
class LoadFailure:
    """A file (or a line of a .jsonl) that was not loaded, and why, in plain words."""

    path: str
    reason: str


@dataclass(frozen=True)
class LoadResult:
    documents: list[Document]
    failures: list[LoadFailure]
    skipped: list[str]  # unsupported files and orphan sidecars: nothing is silently ignored


@dataclass(frozen=True)
class _Extracted:
    """What a format loader found before titles and metadata are settled."""

    text: str  # cleaned
    raw: str = ""  # before cleaning, for the publication date in page chrome
    title: str | None = None
    metadata: dict[str, str] | None = None
    page_starts: tuple[int, ...] = ()


# --------------------------------------------------------------------------------------------
# discovery
# --------------------------------------------------------------------------------------------


def _is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def _is_hidden(path: Path, root: Path) -> bool:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = (path.name,)
    return any(part.startswith(".") for part in parts)


def _sidecar_for(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def _is_readme(path: Path) -> bool:
    """README.md in a documents folder describes the folder; indexing it would put
    instructions among the policy texts."""
    return path.name.lower().split(".")[0] == "readme"


def _is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED and not _is_sidecar(path)


@dataclass(frozen=True)
class _Walk:
    files: list[tuple[Path, Path]]  # (file, root it is named relative to)
    skipped: list[Path]
    missing: list[Path]
    refused: list[tuple[Path, str]]  # (path, reason): links leaving the folder, bad names


def _refusal(path: Path, root: Path) -> str | None:
    """Why a path under `root` must not be read, or None.

    A symbolic link that leads out of the documents folder would let whoever can write to
    the folder make policybot publish any file it can read (/etc/passwd, keys); it is not
    followed. A name that is not UTF-8 cannot be shown or stored: the file must be renamed.
    """
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8: rename the file"
    if not path.is_symlink():  # rglob does not descend into linked folders
        return None
    target = path.resolve()
    if not target.exists():
        return f"broken symbolic link (to {target.as_posix()})"
    inside = root.resolve()
    if target != inside and inside not in target.parents:
        kind = "folder" if target.is_dir() else "file"
        return (
            f"symbolic link to a {kind} outside the documents folder ({target.as_posix()}): "
            "not followed; copy the file into the folder instead"
        )
    return None


def _walk(paths: Sequence[Path]) -> _Walk:
    """Everything under `paths`, split into loadable files, skipped files and missing paths.

    A sidecar whose document is present is consumed with it; an orphan sidecar is skipped
    (and listed) so a misnamed metadata file is noticed. A README inside a folder is
    skipped too; named explicitly, it loads. Links that leave a folder are refused.
    """
    files: dict[Path, Path] = {}
    skipped: set[Path] = set()
    missing: list[Path] = []
    refused: dict[Path, str] = {}
    for given in paths:
        if given.is_dir():
            root = given
            candidates = []
            for p in given.rglob("*"):
                if _is_hidden(p, given):
                    continue
                reason = _refusal(p, given)
                if reason is not None:
                    refused[p] = reason
                elif p.is_file():
                    candidates.append(p)
        elif given.is_file():
            root = given.parent
            candidates = [given]
        else:
            missing.append(given)
            continue
        for path in candidates:
            if _is_supported(path) and (path == given or not _is_readme(path)):
                files.setdefault(path, root)
            elif not _is_used_sidecar(path):
                skipped.add(path)
    return _Walk(sorted(files.items()), sorted(skipped), missing, sorted(refused.items()))


def _is_used_sidecar(path: Path) -> bool:
    """A sidecar beside a loadable file: read with that file, not listed as skipped."""
    if not _is_sidecar(path):
        return False
    target = path.with_name(path.name[: -len(SIDECAR_SUFFIX)])
    return _is_supported(target) and target.is_file()


def discover(paths: Sequence[Path]) -> list[Path]:
    """Loadable files under the given files and folders (recursive), sorted.

    Hidden files and folders (".git", ".DS_Store"), README files and *.meta.json sidecars
    are not loaded.
    """
    return [path for path, _root in _walk(paths).files]


def discover_with_skipped(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """discover() plus what was not taken (unsupported files, orphan sidecars), for reports."""
    walk = _walk(paths)
    return [path for path, _root in walk.files], [_display_path(p) for p in walk.skipped]


@dataclass(frozen=True)
class Discovery:
    files: list[Path]
    skipped: list[str]  # not a document type policybot reads
    refused: list[LoadFailure]  # could be read but must not be (links out, bad names)


def discover_all(paths: Sequence[Path]) -> Discovery:
    """What an ingest reads, skips and refuses under `paths`, each refusal with its reason."""
    walk = _walk(paths)
    return Discovery(
        files=[path for path, _root in walk.files],
        skipped=[_display_path(p) for p in walk.skipped],
        refused=[LoadFailure(_link_path(p), reason) for p, reason in walk.refused],
    )


# --------------------------------------------------------------------------------------------
# naming
# --------------------------------------------------------------------------------------------


def _display_path(path: Path) -> str:
    """The path as a person would type it: relative to the working directory if inside it.

    Bytes of a non-UTF-8 name show as "\ufffd" so the name can still be printed and stored.
    """
    resolved = path.resolve()
    try:
        shown = resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        shown = resolved.as_posix()
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _link_path(path: Path) -> str:
    """Like _display_path, but a link is named by itself, not by where it points."""
    absolute = path.absolute()
    try:
        shown = absolute.relative_to(Path.cwd().absolute()).as_posix()
    except ValueError:
        shown = absolute.as_posix()
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _doc_id(path: Path, root: Path | None) -> str:
    """Stable id: the path under the ingested folder, so moving the folder keeps the ids."""
    base = root if root is not None else path.parent
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.name


def _readable_stem(path: Path) -> str:
    """'ke-hoach_5807-kh-ubnd.txt' -> 'Ke hoach 5807 kh ubnd': a title of last resort."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    words = re.sub(r"[-_.]+", " ", stem).split()
    text = " ".join(words) or path.name
    return text[:1].upper() + text[1:]


def _first_line_title(text: str, markdown: bool) -> str | None:
    for line in text.split("\n"):
        line = line.strip()
        if markdown:
            line = line.lstrip("#").strip()
        if line:
            return line if len(line) <= MAX_TITLE_CHARS else None
    return None


# --------------------------------------------------------------------------------------------
# sidecar metadata
# --------------------------------------------------------------------------------------------


def _as_str(value: Any) -> str | None:
    """Metadata values are strings; lists read as "a, b", objects as JSON, null is absent."""
    if value is None:
        return None
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.strip())
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _str_dict(data: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        text = _as_str(value)
        if text:
            out[str(key)] = text
    return out


def _read_sidecar(path: Path) -> dict[str, str]:
    sidecar = _sidecar_for(path)
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LoadError(f"bad metadata file {sidecar.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise LoadError(f"bad metadata file {sidecar.name}: must be a JSON object")
    return _str_dict(data)


# --------------------------------------------------------------------------------------------
# plain text
# --------------------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_MAX_CONTROL_SHARE = 0.01


def _looks_binary(text: str) -> bool:
    """Text with more than a sprinkle of control characters is binary data, not a document."""
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls > max(1, len(text) * _MAX_CONTROL_SHARE)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: in mostly-ASCII text every other byte is 0."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * half and even < 0.05 * half:
        codec = "utf-16-le"
    elif even > 0.3 * half and odd < 0.05 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


_BINARY_BYTES = [b for b in range(32) if b not in b"\t\n\r\f\x1a"] + [0x7F]


def _binary_share(data: bytes) -> float:
    """Share of control bytes in the first MB: text encodings (but UTF-16/32) have none."""
    sample = data[: 2**20]
    return sum(sample.count(b) for b in _BINARY_BYTES) / max(1, len(sample))


def _decode_text(data: bytes) -> str:
    """Bytes of a text file -> str.

    Order: a byte-order mark; UTF-16 without one; UTF-8; then the legacy Vietnamese
    encodings (Windows-1258, TCVN3, VNI: whichever reads as Vietnamese, see legacy.py);
    then charset-normalizer's guess for anything else. Control bytes mean binary data.
    """
    from charset_normalizer import from_bytes

    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise LoadError(f"not valid {codec.upper()} although it starts like it") from exc
    text = _utf16_without_bom(data)
    if text is None:
        if _binary_share(data) > _MAX_CONTROL_SHARE:
            raise LoadError("binary data, not text (wrong file extension?)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = legacy.decode_bytes(data)
            if text is None:
                best = from_bytes(data).best()
                if best is None:
                    raise LoadError("not valid UTF-8 nor a known encoding") from None
                text = str(best)
    if _looks_binary(text):
        raise LoadError("binary data, not text (wrong file extension?)")
    return text


def _clean(raw: str) -> str:
    """clean() after converting lines typed in the TCVN3 or VNI fonts to Unicode."""
    return clean(legacy.repair(raw))


def _load_text(data: bytes, path: Path, limits: Limits) -> _Extracted:
    raw = _decode_text(data)[: limits.max_chars]
    return _Extracted(text=_clean(raw), raw=raw)


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
        page = _decode_text(data)
    except LoadError:
        page = data.decode("utf-8", errors="replace")
    text = _BLOCK_TAG.sub("\n", _drop_invisible(page))
    return html_lib.unescape(_ANY_TAG.sub("", text))


def _load_html(data: bytes, path: Path, limits: Limits) -> _Extracted:
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
    return _Extracted(
        text=_clean(_paragraphs(raw)),
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


def _load_pdf(data: bytes, path: Path, limits: Limits) -> _Extracted:
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
    pages = [_clean(page) for page in raw_pages]
    if not any(pages):
        raise LoadError("no text layer (scanned PDF?): needs OCR")
    text, starts = _join_pages(pages)
    return _Extracted(text=text, raw="\n\n".join(raw_pages), page_starts=starts)


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


def _load_docx(data: bytes, path: Path, limits: Limits) -> _Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_zip(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(f"not a valid .docx file: {_short(exc)}") from exc
    raw = "\n\n".join(_docx_blocks(document))[: limits.max_chars]
    return _Extracted(text=_clean(raw), raw=raw)


# --------------------------------------------------------------------------------------------
# JSONL
# --------------------------------------------------------------------------------------------


def _jsonl_record(line: str) -> tuple[str | None, str | None, str, dict[str, str]]:
    """(id, title, text, metadata) of one line, or LoadError with the reason."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LoadError(f"invalid JSON ({exc.msg})") from exc
    if not isinstance(record, dict):
        raise LoadError("not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LoadError('missing "text"')
    metadata = record.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise LoadError('"metadata" must be an object')
    return _as_str(record.get("id")), _as_str(record.get("title")), text, _str_dict(metadata)


def _load_jsonl(
    data: bytes, path: Path, root: Path | None, sidecar: dict[str, str]
) -> tuple[list[Document], list[LoadFailure]]:
    """One Document per line; a bad line is a failure naming its line number, not a stop."""
    source = _display_path(path)
    file_id = _doc_id(path, root)
    docs: list[Document] = []
    failures: list[LoadFailure] = []
    seen: set[str] = set()
    defaults = {k: v for k, v in sidecar.items() if k != "title"}
    for number, line in enumerate(_decode_text(data).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            doc_id, title, raw, metadata = _jsonl_record(line)
            doc_id = doc_id or f"{file_id}#{number}"
            if doc_id in seen:
                raise LoadError(f"duplicate id {doc_id!r}")
            text = _clean(raw)
            if not text:
                raise LoadError("no text after cleaning")
        except LoadError as exc:
            failures.append(LoadFailure(source, f"line {number}: {exc}"))
            continue
        seen.add(doc_id)
        merged = {**defaults, **metadata}
        if "date" not in merged and (published := extract_published(raw)):
            merged["date"] = published
        docs.append(
            Document(
                id=doc_id,
                title=title or _first_line_title(text, False) or f"{_readable_stem(path)} {doc_id}",
                text=text,
                source=f"{source}#{doc_id}",
                metadata=merged,
            )
        )
    if not docs and not failures:
        raise LoadError("empty file")
    return docs, failures


# --------------------------------------------------------------------------------------------
# one file
# --------------------------------------------------------------------------------------------

_Loader = Callable[[bytes, Path, Limits], _Extracted]
_LOADERS: dict[str, _Loader] = {
    ".txt": _load_text,
    ".md": _load_text,
    ".html": _load_html,
    ".htm": _load_html,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
}
_KIND = {".txt": "text", ".md": "text", ".html": "HTML", ".htm": "HTML", ".pdf": "PDF"}


def _size_label(n: int) -> str:
    return f"{n // 2**20} MB" if n % 2**20 == 0 else f"{n} bytes"


def _file_size_label(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n} bytes"


def check_size(path: Path, max_bytes: int) -> None:
    """LoadError if the file is over the limit, decided from its size alone: a 200 MB
    file is refused without being read (or hashed)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise LoadError("no such file") from exc
    except PermissionError as exc:
        raise LoadError("permission denied") from exc
    if size > max_bytes:
        raise LoadError(
            f"larger than {_size_label(max_bytes)} ({_file_size_label(size)}): not read; "
            "raise max_file_mb to index it"
        )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    check_size(path, max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # a file that grew since stat() stays bounded
    except FileNotFoundError as exc:
        raise LoadError("no such file") from exc
    except IsADirectoryError as exc:
        raise LoadError("is a folder, not a file") from exc
    except PermissionError as exc:
        raise LoadError("permission denied") from exc
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise LoadError(f"larger than {_size_label(max_bytes)}: not read")
    if not data.strip():
        raise LoadError("empty file")
    return data


def _extract(suffix: str, data: bytes, path: Path, limits: Limits) -> _Extracted:
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


def _load(
    path: Path, root: Path | None, limits: Limits
) -> tuple[list[Document], list[LoadFailure]]:
    """Documents of one file and per-line failures (only .jsonl has those)."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED or _is_sidecar(path):
        raise LoadError(f"unsupported file type {path.suffix or '(none)'}")
    data = _read_bytes(path, limits.max_bytes)
    sidecar = _read_sidecar(path)
    if suffix == ".jsonl":
        return _load_jsonl(data, path, root, sidecar)
    found = _extract(suffix, data, path, limits)
    if not found.text:
        raise LoadError("no text after cleaning")
    metadata = {**(found.metadata or {}), **{k: v for k, v in sidecar.items() if k != "title"}}
    if "date" not in metadata and (published := extract_published(found.raw)):
        metadata["date"] = published
    title = (
        sidecar.get("title")
        or (found.title and " ".join(found.title.split()))
        or _first_line_title(found.text, suffix == ".md")
        or _readable_stem(path)
    )
    doc = Document(
        id=_doc_id(path, root),
        title=unicodedata.normalize("NFC", legacy.repair(title)),
        text=found.text,
        source=_display_path(path),
        metadata=metadata,
        page_starts=found.page_starts,
    )
    return [doc], []


def _limits(limits: Limits | None, max_bytes: int | None) -> Limits:
    limits = limits or Limits()
    return replace(limits, max_bytes=max_bytes) if max_bytes is not None else limits


def load_file_with_failures(
    path: Path,
    root: Path | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> tuple[list[Document], list[LoadFailure]]:
    """load_file() that also returns the bad lines of a .jsonl instead of dropping them.

    Raises LoadError when the file as a whole cannot be read.
    """
    return _load(path, root, _limits(limits, max_bytes))


def load_file(
    path: Path,
    root: Path | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> list[Document]:
    """Documents of one file (many for .jsonl); LoadError(reason) when it cannot be read.

    `root` is the folder ids are relative to (default: the file's folder). Bad lines of a
    .jsonl are left out here; load_paths reports them.
    """
    docs, failures = _load(path, root, _limits(limits, max_bytes))
    if not docs:
        raise LoadError("; ".join(f.reason for f in failures) or "no documents")
    return docs


def load_paths(
    paths: Sequence[Path], max_bytes: int | None = None, limits: Limits | None = None
) -> LoadResult:
    """Load every supported file under `paths`; never raises for a bad file.

    Each failure is recorded with its reason and loading goes on, so an ingest of a folder
    reports "3 loaded, 1 failed: PDF is encrypted" instead of stopping at the first problem.
    """
    walk = _walk(paths)
    limits = _limits(limits, max_bytes)
    documents: list[Document] = []
    failures = [LoadFailure(_display_path(p), "no such file or folder") for p in walk.missing]
    failures += [LoadFailure(_link_path(p), reason) for p, reason in walk.refused]
    for path, root in walk.files:
        try:
            docs, line_failures = _load(path, root, limits)
        except LoadError as exc:
            failures.append(LoadFailure(_display_path(path), str(exc)))
            continue
        documents.extend(docs)
        failures.extend(line_failures)
    return LoadResult(documents, failures, [_display_path(p) for p in walk.skipped])


def file_fingerprint(path: Path) -> str:
    """sha256 of the file and its sidecar: changes when either changes, for re-ingest."""
    digest = hashlib.sha256()
    _hash_file(digest, path)
    sidecar = _sidecar_for(path)
    if sidecar.is_file():
        # The marker keeps "file" and "file + empty sidecar" apart.
        digest.update(b"\0" + SIDECAR_SUFFIX.encode("ascii") + b"\0")
        _hash_file(digest, sidecar)
    return digest.hexdigest()


def _hash_file(digest: Any, path: Path) -> None:
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(2**20), b""):
            digest.update(block)
