"""PDF: each page from its text layer, or by OCR when the page has none worth reading.

pypdf opens the file first: it refuses encrypted and broken files and counts the pages
within the limit before anything else runs. The text layer comes from poppler's pdftotext
(it keeps Vietnamese words whole where pypdf splits "Ngh ị"), else from pypdf. A page whose
layer is empty, a watermark, a signature stamp, or text that is not Vietnamese as written
(an old OCR layer without marks, a legacy font) is read by Tesseract (ocr.py); whichever of
the two readings holds more well-formed syllables is kept. Then running heads and page
numbers go (page_text.py) and sentences broken across lines are joined again.
"""

from __future__ import annotations

import io
import logging
import re
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from policybot.errors import LoadError
from policybot.reading import legacy
from policybot.reading.extracted import Extracted, Limits, clean_text, short_reason
from policybot.reading.ocr import missing_tools, ocr_pages, read_right_column
from policybot.reading.ocr_text import drop_stamps, repair_by_context, tidy_ocr
from policybot.reading.orthography import is_syllable, words
from policybot.reading.page_text import continues_over, rejoin_lines, strip_running_heads
from policybot.reading.signature import column_signer, has_recipients, signature_block

__all__ = ["load_pdf", "needs_ocr", "well_formed"]

_INLINE_IMAGE = re.compile(rb"(?:^|\s)BI\s")
MIN_WORDS = 20  # fewer words than this on a page: a scan with a watermark or a stamp
_MARKED_SHARE = 0.2  # Vietnamese as written has far more marked syllables than this
_SHAPED_SHARE = 0.4  # ... and without its marks still reads as syllable shapes (English ~0.2)
_BROKEN_SHARE = 0.3  # non-ASCII words that are no syllables: a font without a proper map


def well_formed(text: str) -> int:
    """Number of well-formed Vietnamese syllables written with their marks."""
    return sum(1 for w in words(text) if not w.isascii() and is_syllable(w))


def needs_ocr(layer: str) -> bool:
    """True when a page's text layer is no reading of a Vietnamese page: (almost) empty,
    or Vietnamese that lost its marks ("Quyet dinh"), or letters from a font without a
    Unicode map. An English page keeps its layer: its words are not syllable shapes."""
    found = words(layer)
    if len(found) < MIN_WORDS:
        return True
    if well_formed(layer) / len(found) >= _MARKED_SHARE:
        return False
    shaped = sum(1 for w in found if is_syllable(w.lower())) / len(found)
    foreign = [w for w in found if not w.isascii()]
    broken = sum(1 for w in foreign if not is_syllable(w)) / len(found)
    return shaped >= _SHAPED_SHARE or broken >= _BROKEN_SHARE


def _join_pages(pages: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """Pages joined by a blank line (a space where a sentence runs on), with the offset
    where each page's text starts.

    An empty page starts where the next text would, so page_at() never points at it.
    """
    text = ""
    starts: list[int] = []
    for page in pages:
        if page and text:
            # a sentence that runs on over the page break is one line again
            text += " " if continues_over(text[text.rfind("\n") + 1 :], page) else "\n\n"
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


def _open(data: bytes, limits: Limits) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError as exc:
            raise LoadError(f"PDF is encrypted ({short_reason(exc)})") from exc
        if not opened:
            raise LoadError("PDF is password-protected: save a copy without a password")
    _pdf_page_count(reader, limits.max_pdf_pages)
    return reader


def _pypdf_pages(reader: Any, limits: Limits) -> list[str]:
    pages: list[str] = []
    kept = 0
    for page in reader.pages:
        pages.append(page.extract_text() or "")
        kept += len(pages[-1])
        if kept > limits.max_chars:
            break
    return pages


def _pdftotext_pages(data: bytes, count: int, limits: Limits) -> list[str] | None:
    """Pages from poppler's pdftotext (form feed between pages), or None to use pypdf."""
    with tempfile.TemporaryDirectory(prefix="policybot-pdf-") as tmp:
        pdf = Path(tmp) / "file.pdf"
        pdf.write_bytes(data)
        try:
            done = subprocess.run(
                ["pdftotext", "-q", "-enc", "UTF-8", str(pdf), "-"],
                capture_output=True,
                timeout=limits.tool_timeout_s,
                check=False,
            )
        except (FileNotFoundError, subprocess.TimeoutExpired):
            return None
    if done.returncode != 0:
        return None
    pages = done.stdout.decode("utf-8", "replace")[: limits.max_chars].split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages if len(pages) == count else None


def load_pdf(data: bytes, path: Path, limits: Limits) -> Extracted:
    from pypdf.errors import PdfReadError, PyPdfError

    # pypdf logs what it repairs ("EOF marker not found"); the reason reaches the report.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = _open(data, limits)
        count = len(reader.pages)
        raw_pages = _pdftotext_pages(data, count, limits) or _pypdf_pages(reader, limits)
    except LoadError:
        raise
    except (PyPdfError, PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"broken PDF: {short_reason(exc)}") from exc
    if not raw_pages:
        raise LoadError("PDF has no pages")
    layers = [legacy.repair(drop_stamps(page)) for page in raw_pages]
    wanted = [
        n
        for n, layer in enumerate(layers, start=1)
        if needs_ocr(layer) and _has_image(reader.pages[n - 1])
    ]
    pages, problems, ocr_raw = _with_ocr(data, path, layers, wanted, limits)
    if ocr_raw:  # tone misreads the rest of the document contradicts
        fixed = repair_by_context([pages[n - 1] for n in ocr_raw], "\n".join(pages))
        for n, page in zip(ocr_raw, fixed, strict=True):
            pages[n - 1] = page
    raw_pages = [ocr_raw.get(n, page) for n, page in enumerate(raw_pages, start=1)]
    signer = None
    if ocr_raw and not missing_tools(limits.ocr):
        signer = _column_signer(data, reader, pages, sorted(ocr_raw), limits)
    pages = strip_running_heads(pages)
    cleaned = [clean_text(rejoin_lines(page)) for page in pages]
    if not any(cleaned):
        if problems:
            raise LoadError(f"no text read from any page ({'; '.join(problems)})")
        raise LoadError("no text on any page, not even by OCR (blank or unreadable scan?)")
    text, starts = _join_pages(cleaned)
    return Extracted(
        text=text,
        raw="\n\n".join(raw_pages),
        page_starts=starts,
        problems=tuple(problems),
        ocr_pages=len(ocr_raw),
        metadata={"signer": signer} if signer else None,
    )


def _has_image(page: Any, depth: int = 3) -> bool:
    """True when the page draws a picture (an image XObject, also inside a form XObject, or
    an inline image): only such a page can hold text that OCR would find."""
    try:
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        objects = resources.get("/XObject") if resources is not None else None
        if objects is not None:
            for ref in objects.get_object().values():
                item = ref.get_object()
                kind = item.get("/Subtype")
                if kind == "/Image":
                    return True
                if kind == "/Form" and depth > 0 and _has_image(item, depth - 1):
                    return True
        contents = page.get_contents() if hasattr(page, "get_contents") else None
        return contents is not None and _INLINE_IMAGE.search(contents.get_data()) is not None
    except Exception:  # a damaged resource tree: let OCR try
        return True


def _with_ocr(
    data: bytes, path: Path, layers: list[str], wanted: list[int], limits: Limits
) -> tuple[list[str], list[str], dict[int, str]]:
    """Pages with OCR where the layer needs it (`wanted`), what could not be read (by
    page), and what tesseract read on the pages where its reading was kept."""
    if not wanted:
        return layers, [], {}
    unavailable = missing_tools(limits.ocr)
    if unavailable is not None:
        if not any(words(layer) for layer in layers):
            raise LoadError(f"no text layer (scanned PDF?): needs OCR, but {unavailable}")
        return layers, [f"pages {_ranges(wanted)} not read by OCR: {unavailable}"], {}
    pages = list(layers)
    problems: list[str] = []
    kept: dict[int, str] = {}
    if len(wanted) > limits.ocr.max_pages:
        skipped, wanted = wanted[limits.ocr.max_pages :], wanted[: limits.ocr.max_pages]
        problems.append(
            f"pages {_ranges(skipped)} not read by OCR: over {limits.ocr.max_pages} scanned "
            "pages in one file (ocr.max_pages)"
        )
    for result in ocr_pages(data, wanted, limits.ocr, label=path.name):
        if result.text is None:
            problems.append(f"page {result.number}: {result.problem}")
            continue
        read = tidy_ocr(result.text)
        layer = layers[result.number - 1]
        if well_formed(read) > well_formed(layer):
            pages[result.number - 1] = read
            kept[result.number] = result.text
    return pages, problems, kept


def _column_signer(
    data: bytes, reader: Any, pages: list[str], scanned: list[int], limits: Limits
) -> str | None:
    """The signer of a scan whose signature block OCR read without the name: the right
    column of its signing page (the one with "Nơi nhận", else the last scanned) read again
    on its own (ocr.read_right_column). The signature block's own reading, when it names
    someone, wins over it (reading/official.py)."""
    if signature_block("\n".join(pages), 0)[0] is not None:
        return None
    number = next((n for n in scanned if has_recipients(pages[n - 1])), scanned[-1])
    try:
        width = float(reader.pages[number - 1].mediabox.width)
    except Exception:  # a damaged page box: no second reading
        return None
    column = read_right_column(data, number, width, limits.ocr)
    return column_signer(column) if column else None


def _ranges(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")
