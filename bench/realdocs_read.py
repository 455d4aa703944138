"""Read every file of the real-documents corpus and measure each format's reader.

    nice python bench/realdocs_read.py [--files ../shared/realdocs/files]
                                       [--out docs/bench/realdocs_read.json] [--workers 0]

Per format (as the corpus manifest names it: pdf-scan, pdf-text, doc, docx, html, txt):
files read and failed (with reasons), pages, seconds, pages/s and the cores OCR used, and
text quality: the share of words that are well-formed Vietnamese syllables written with
their marks (orthography.syllable_share), in what the reader produced (before repair:
the converter's or tesseract's raw text) and in the stored text (after legacy-font
repair, OCR word repair, noise, stamp and chrome removal); for PDFs also in the text layer
as pypdf alone reads it (the reader before OCR and pdftotext). OCR runs without its cache,
so seconds are real. The files are read in place; nothing is copied.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from machine import ROOT, machine, setup_env

setup_env()

from policybot.errors import LoadError  # noqa: E402
from policybot.reading.extracted import Limits  # noqa: E402
from policybot.reading.formats import extract  # noqa: E402
from policybot.reading.ocr import OcrOptions  # noqa: E402
from policybot.reading.orthography import syllable_share, words  # noqa: E402


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _pypdf_text(path: Path) -> str:
    """The text layer as the previous reader (pypdf alone) saw it, for comparison."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _formats(files: Path) -> dict[str, str]:
    manifest = files.parent / "manifest.jsonl"
    found: dict[str, str] = {}
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found[Path(record["file"]).name] = record["format"]
    return found


def _weighted(parts: list[tuple[float, int]]) -> float | None:
    total = sum(n for _, n in parts)
    return round(sum(q * n for q, n in parts) / total, 3) if total else None


def run(files: Path, workers: int, cache: Path | None) -> dict[str, Any]:
    kinds = _formats(files)
    warm = cache is not None and any((cache / "ocr").glob("*/*/*.txt"))
    limits = Limits(ocr=OcrOptions(workers=workers, cache_dir=cache, progress_from_pages=2))
    per: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"files": 0, "read": 0, "failed": [], "pages": 0, "seconds": 0.0}
    )
    quality: dict[str, dict[str, list[tuple[float, int]]]] = defaultdict(
        lambda: {"before": [], "after": [], "pypdf": []}
    )
    ocr = {"pages": 0, "seconds": 0.0, "cpu_seconds": 0.0}
    for path in sorted(p for p in files.iterdir() if p.is_file()):
        kind = kinds.get(path.name, path.suffix.lstrip(".").lower())
        row = per[kind]
        row["files"] += 1
        cpu0, start = _children_cpu(), time.perf_counter()
        try:
            found = extract(path.suffix.lower(), path.read_bytes(), path, limits)
        except LoadError as exc:
            row["failed"].append({"file": path.name, "reason": str(exc)})
            continue
        seconds = time.perf_counter() - start
        row["read"] += 1
        row["seconds"] += seconds
        row["pages"] += len(found.page_starts) or 1
        row.setdefault("problems", []).extend(f"{path.name}: {p}" for p in found.problems)
        if found.ocr_pages:
            ocr["pages"] += found.ocr_pages
            ocr["seconds"] += seconds
            ocr["cpu_seconds"] += _children_cpu() - cpu0
        if path.suffix.lower() == ".pdf":
            old = _pypdf_text(path)
            quality[kind]["pypdf"].append((syllable_share(old), len(words(old))))
        quality[kind]["before"].append((syllable_share(found.raw), len(words(found.raw))))
        quality[kind]["after"].append((syllable_share(found.text), len(words(found.text))))
        print(f"{kind:9} {path.name[:60]:60} {seconds:6.1f} s  ocr pages {found.ocr_pages}")
    for kind, row in per.items():
        row["seconds"] = round(row["seconds"], 2)
        row["pages_per_s"] = round(row["pages"] / row["seconds"], 2) if row["seconds"] else None
        row["quality_before"] = _weighted(quality[kind]["before"])
        row["quality_after"] = _weighted(quality[kind]["after"])
        if quality[kind]["pypdf"]:
            row["quality_pypdf_layer"] = _weighted(quality[kind]["pypdf"])
    cores = len(os.sched_getaffinity(0))
    ocr_summary = {
        "pages": ocr["pages"],
        "seconds": round(ocr["seconds"], 1),
        "pages_per_s": round(ocr["pages"] / ocr["seconds"], 3) if ocr["seconds"] else None,
        "cpu_seconds_per_page": round(ocr["cpu_seconds"] / ocr["pages"], 2)
        if ocr["pages"]
        else None,
        "cores_available": cores,
        "workers": workers or cores,
        "cores_used": round(ocr["cpu_seconds"] / ocr["seconds"], 2) if ocr["seconds"] else None,
    }
    ocr_summary["cache_warm"] = warm  # seconds are OCR's own only when False
    return {"machine": machine(), "formats": dict(sorted(per.items())), "ocr": ocr_summary}


def chart(result: dict[str, Any], out: Path) -> None:
    """Bars of text quality per format: pypdf-only layer, raw reading, stored text."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = list(result["formats"])
    series = [
        ("quality_pypdf_layer", "PDF layer as pypdf reads it", "#bbbbbb"),
        ("quality_before", "reader output (before repair)", "#6baed6"),
        ("quality_after", "stored text (after repair)", "#2171b5"),
    ]
    fig, ax = plt.subplots(figsize=(7, 3.2), dpi=110)
    width = 0.27
    for k, (key, label, colour) in enumerate(series):
        values = [result["formats"][kind].get(key) or 0 for kind in kinds]
        ax.bar(
            [i + (k - 1) * width for i in range(len(kinds))],
            values,
            width,
            label=label,
            color=colour,
        )
    ax.set_xticks(range(len(kinds)), kinds)
    ax.set_ylim(0, 1)
    ax.set_ylabel("well-formed syllables")
    ax.set_title("Reading real documents: text quality per format")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=Path, default=ROOT.parent / "shared/realdocs/files")
    parser.add_argument("--out", type=Path, default=ROOT / "docs/bench/realdocs_read.json")
    parser.add_argument("--workers", type=int, default=0, help="OCR pages at once (0: cores)")
    parser.add_argument(
        "--cache", type=Path, default=None, help="OCR cache folder (default: none, real timing)"
    )
    args = parser.parse_args()
    if not args.files.is_dir():
        shared = ROOT.parent.parent / "shared/realdocs/files"
        args.files = shared if shared.is_dir() else args.files
    result = run(args.files, args.workers, args.cache)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    chart(result, args.out.with_suffix(".png"))
    print(json.dumps({k: v for k, v in result.items() if k != "machine"}, ensure_ascii=False))


if __name__ == "__main__":
    main()
