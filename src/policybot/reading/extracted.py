"""What every format reader shares: its limits, what it returns, how it words a reason."""

from __future__ import annotations

from dataclasses import dataclass, field

from policybot.reading import legacy
from policybot.reading.clean import clean
from policybot.reading.ocr import OcrOptions

DEFAULT_MAX_BYTES = 50 * 2**20
_REASON_CHARS = 120


@dataclass(frozen=True)
class Limits:
    """How much one file may cost. A file over a limit is refused with the limit named,
    before the parser that would choke on it sees it."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_pdf_pages: int = 2000
    max_unpacked_bytes: int = 200 * 2**20  # a .docx is a zip: what it expands to
    max_zip_entries: int = 5000
    max_chars: int = 20_000_000  # extracted text kept per file
    ocr: OcrOptions = field(default_factory=OcrOptions)
    tool_timeout_s: float = 120.0  # pdftotext, antiword: one run on one file


@dataclass(frozen=True)
class Extracted:
    """What a format loader found before titles and metadata are settled."""

    text: str  # cleaned
    raw: str = ""  # before cleaning, for the publication date in page chrome
    title: str | None = None
    metadata: dict[str, str] | None = None
    page_starts: tuple[int, ...] = ()
    problems: tuple[str, ...] = ()  # parts not read ("page 3: OCR gave up after 180 s")
    ocr_pages: int = 0  # pages whose text came from OCR


def clean_text(raw: str) -> str:
    """clean() after converting lines typed in the TCVN3 or VNI fonts to Unicode."""
    return clean(legacy.repair(raw))


def short_reason(exc: BaseException) -> str:
    reason = " ".join(str(exc).split()) or type(exc).__name__
    return reason if len(reason) <= _REASON_CHARS else reason[: _REASON_CHARS - 1] + "…"
