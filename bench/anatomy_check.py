"""How well the reader finds each real document's own identity (issue 14, item 1).

    nice python bench/anatomy_check.py [--files ../shared/realdocs] [--out docs/bench/anatomy.json]

Every file of the realdocs corpus is read as ingest reads it (scans from the OCR cache when
there is one), and the identity its layout gave the document (type, số/ký hiệu, date,
issuer, and the title: 80% of the words of the manifest's trích yếu in it) is compared with the
corpus manifest, which was written by hand from each
document. Prints the share right per field and per format, and every miss; the misses are
findings to generalise from, never to special-case.
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from machine import ROOT, machine, setup_env

setup_env()

from tqdm import tqdm  # noqa: E402

from policybot.config import Settings  # noqa: E402
from policybot.errors import LoadError  # noqa: E402
from policybot.index.ingest import ocr_options  # noqa: E402
from policybot.reading.extracted import Limits  # noqa: E402
from policybot.reading.loaders import load_file  # noqa: E402
from policybot.text.identity import same_body  # noqa: E402
from policybot.text.symbols import canonical_number  # noqa: E402

FIELDS = ("instrument_type", "number", "date", "issuer", "title")
_WORDS = re.compile(r"\w+")
_LEAD = re.compile(r"^\s*(?:v/v\s*:?|về\s+việc|về)\s+", re.IGNORECASE)


def _norm(text: str | None) -> str:
    text = " ".join(unicodedata.normalize("NFC", text or "").casefold().split())
    text = text.replace("uỷ", "ủy")  # the manifest abbreviates bodies, the header does not
    return text.replace("ubnd", "ủy ban nhân dân").replace("hđnd", "hội đồng nhân dân")


def agrees(field: str, expected: str | None, found: str | None) -> bool:
    if not expected:
        return not found
    if not found:
        return False
    if field == "number":
        return canonical_number(expected) == canonical_number(found)
    if field == "title":  # the trích yếu's words, whatever the case or the lead-in
        want = _WORDS.findall(_norm(_LEAD.sub("", expected)).split(" — ")[0])
        have = set(_WORDS.findall(_norm(found)))
        return bool(want) and sum(w in have for w in want) >= 0.8 * len(want)
    if field == "issuer":
        return _norm(expected) == _norm(found) or same_body(expected, found)
    return _norm(expected) == _norm(found)


def check(corpus: Path) -> dict[str, Any]:
    rows = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text().splitlines()]
    limits = Limits(ocr=ocr_options(Settings()))  # as ingest reads: its OCR cache too
    results = []
    for row in tqdm(rows, desc="Đọc", unit="tệp"):
        path = corpus / row["file"]
        try:
            doc = load_file(path, limits=limits)[0]
            meta = {**doc.metadata, "title": doc.title}
        except LoadError as exc:
            results.append({"file": path.name, "format": row["format"], "error": str(exc)})
            continue
        found = {f: meta.get(f) for f in FIELDS}
        ok = {f: agrees(f, row.get(f), found[f]) for f in FIELDS}
        expected = {f: row.get(f) for f in FIELDS}
        results.append(
            {
                "file": path.name,
                "format": row["format"],
                "ok": ok,
                "found": found,
                "expected": expected,
            }
        )
    return {"machine": machine(), "files": results}


def table(results: list[dict[str, Any]]) -> list[str]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        groups[r["format"]].append(r)
    out = ["| format | files | " + " | ".join(FIELDS) + " |", "|---" * (len(FIELDS) + 2) + "|"]
    for name in [*sorted(groups), "all"]:
        part = results if name == "all" else groups[name]
        cells = []
        for f in FIELDS:
            right = sum(1 for r in part if r.get("ok", {}).get(f))
            cells.append(f"{right}/{len(part)}")
        out.append(f"| {name} | {len(part)} | " + " | ".join(cells) + " |")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=Path, default=ROOT.parent / "shared" / "realdocs")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if not (args.files / "manifest.jsonl").is_file():
        raise SystemExit(f"no manifest.jsonl in {args.files}")
    report = check(args.files)
    print("\n".join(table(report["files"])))
    for r in report["files"]:
        if "error" in r:
            print(f"  {r['file']}: not read ({r['error']})")
            continue
        for f in FIELDS:
            if not r["ok"][f]:
                print(f"  {r['file']}: {f} expected {r['expected'][f]!r}, found {r['found'][f]!r}")
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
