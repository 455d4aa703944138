"""OCR of PDF pages with Tesseract: rendered by pdftoppm, read by tesseract, in parallel.

Each page is one pair of processes (`pdftoppm` renders it at `dpi`, `tesseract -l vie`
reads the image), several pages at a time, each pair under `timeout` so a page that cannot
finish costs at most `page_timeout_s` and is reported by number. OCR costs seconds of CPU
per page, so what tesseract read is kept in `cache_dir` under the file's sha256: a re-ingest
of the same scan reads nothing again. A long job shows a progress bar, and tells whoever
waits on the reading process (sandbox.py) that it is still working after every page.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "OcrOptions",
    "PageResult",
    "missing_tools",
    "ocr_pages",
    "read_right_column",
    "set_heartbeat",
]

_TOOLS = ("pdftoppm", "tesseract", "timeout")
_KILL_AFTER_S = 5
_heartbeat: Callable[[], None] | None = None


@dataclass(frozen=True)
class OcrOptions:
    """How scanned pages are read (config.OcrSettings holds the documented settings)."""

    enabled: bool = True
    languages: str = "vie"
    dpi: int = 300
    workers: int = 0  # 0: one per core
    page_timeout_s: float = 180.0
    cache_dir: Path | None = None
    progress_from_pages: int = 3  # show a progress bar for jobs of at least this many pages
    max_pages: int = 500  # pages of one file read by OCR at most (about 40 CPU minutes)


@dataclass(frozen=True)
class PageResult:
    number: int  # 1-based
    text: str | None  # None when the page could not be read
    problem: str = ""  # why, in plain words
    cached: bool = False


def set_heartbeat(callback: Callable[[], None] | None) -> None:
    """Called once per finished page (the sandbox uses it to extend the file's time)."""
    global _heartbeat
    _heartbeat = callback


def missing_tools(options: OcrOptions) -> str | None:
    """Why OCR cannot run here, or None."""
    if not options.enabled:
        return "OCR is switched off (ocr.enabled)"
    missing = [tool for tool in _TOOLS if shutil.which(tool) is None]
    if missing:
        return (
            f"{', '.join(missing)} not installed: `make install` installs tesseract-ocr, "
            "tesseract-ocr-vie and poppler-utils"
        )
    return None


def _workers(options: OcrOptions, pages: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    wanted = options.workers if options.workers > 0 else (cores or 1)
    return max(1, min(wanted, pages))


def _cache_file(options: OcrOptions, digest: str, number: int, part: str = "") -> Path | None:
    if options.cache_dir is None:
        return None
    name = f"{options.dpi}dpi-{options.languages.replace('+', '_')}-p{number}{part}.txt"
    return options.cache_dir.expanduser() / "ocr" / digest[:2] / digest / name


def _store(target: Path | None, text: str) -> None:
    if target is None:
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    except OSError:
        pass  # a read-only cache only costs time


def _run(command: list[str], budget: float) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per page; pages run side by side
    limited = ["timeout", "-k", str(_KILL_AFTER_S), f"{budget:g}", *command]
    return subprocess.run(limited, capture_output=True, env=env, check=False)


def _read_page(pdf: Path, work: Path, number: int, options: OcrOptions) -> PageResult:
    budget = options.page_timeout_s
    prefix = work / f"p{number}"
    render = _run(
        [
            *("pdftoppm", "-r", str(options.dpi), "-gray", "-png", "-singlefile"),
            *("-f", str(number), "-l", str(number), str(pdf), str(prefix)),
        ],
        budget,
    )
    image = prefix.with_suffix(".png")
    if render.returncode == 124 or render.returncode == 137:
        return PageResult(number, None, f"rendering took over {budget:g} s")
    if render.returncode != 0 or not image.is_file():
        reason = render.stderr.decode("utf-8", "replace").strip().splitlines()
        return PageResult(number, None, f"cannot render ({reason[-1] if reason else 'no image'})")
    try:
        read = _run(["tesseract", str(image), "stdout", "-l", options.languages], budget)
    finally:
        image.unlink(missing_ok=True)
    if read.returncode in (124, 137):
        return PageResult(number, None, f"OCR gave up after {budget:g} s")
    if read.returncode != 0:
        reason = read.stderr.decode("utf-8", "replace").strip().splitlines()
        return PageResult(number, None, f"OCR failed ({reason[-1] if reason else 'no reason'})")
    return PageResult(number, read.stdout.decode("utf-8", "replace"))


def ocr_pages(
    data: bytes, numbers: Sequence[int], options: OcrOptions, label: str = ""
) -> list[PageResult]:
    """Tesseract's text of the given pages (1-based) of the PDF `data`, in page order."""
    from tqdm import tqdm

    digest = hashlib.sha256(data).hexdigest()
    results: dict[int, PageResult] = {}
    todo: list[int] = []
    for number in numbers:
        cached = _cache_file(options, digest, number)
        if cached is not None and cached.is_file():
            results[number] = PageResult(number, cached.read_text(encoding="utf-8"), cached=True)
        else:
            todo.append(number)
    if todo:
        with tempfile.TemporaryDirectory(prefix="policybot-ocr-") as tmp:
            pdf = Path(tmp) / "scan.pdf"
            pdf.write_bytes(data)
            bar = tqdm(
                total=len(todo),
                desc=f"OCR {label}".strip(),
                unit="trang",
                leave=False,
                disable=len(todo) < options.progress_from_pages or None,
            )
            with ThreadPoolExecutor(max_workers=_workers(options, len(todo))) as pool:
                futures = [pool.submit(_read_page, pdf, Path(tmp), n, options) for n in todo]
                for future in as_completed(futures):
                    result = future.result()
                    results[result.number] = result
                    if result.text is not None:
                        _store(_cache_file(options, digest, result.number), result.text)
                    bar.update(1)
                    if _heartbeat is not None:
                        _heartbeat()
            bar.close()
    return [results[n] for n in numbers]


# The right column of a page, where a signature block stands beside the nơi nhận list: read
# alone, as one block of text (psm 6), the signer's name under a stamp comes out that a
# reading of the whole page drops (reading/signature.column_signer).
_COLUMN_FROM = 0.45  # share of the page's width left of the column


def read_right_column(data: bytes, number: int, width_pt: float, options: OcrOptions) -> str | None:
    """Tesseract's text of the right part of page `number` (1-based), cached like a page;
    None when it cannot be read."""
    digest = hashlib.sha256(data).hexdigest()
    cached = _cache_file(options, digest, number, "-right")
    if cached is not None and cached.is_file():
        return cached.read_text(encoding="utf-8")
    width = int(width_pt * options.dpi / 72)
    left = int(width * _COLUMN_FROM)
    budget = options.page_timeout_s
    with tempfile.TemporaryDirectory(prefix="policybot-ocr-") as tmp:
        pdf = Path(tmp) / "scan.pdf"
        pdf.write_bytes(data)
        prefix = Path(tmp) / "column"
        render = _run(
            [
                *("pdftoppm", "-r", str(options.dpi), "-gray", "-png", "-singlefile"),
                *("-f", str(number), "-l", str(number)),
                *("-x", str(left), "-y", "0", "-W", str(width - left), "-H", "100000"),
                *(str(pdf), str(prefix)),
            ],
            budget,
        )
        image = prefix.with_suffix(".png")
        if render.returncode != 0 or not image.is_file():
            return None
        read = _run(
            ["tesseract", str(image), "stdout", "-l", options.languages, "--psm", "6"], budget
        )
    if read.returncode != 0:
        return None
    text = read.stdout.decode("utf-8", "replace")
    _store(cached, text)
    return text
