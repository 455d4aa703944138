"""A finished evaluation run: its folder, per-question records and summary.

Its own module so that the reports read runs without importing the evaluator that makes
them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Run:
    """One evaluation: its folder, the records and the aggregates."""

    folder: Path
    records: list[dict[str, Any]]
    summary: dict[str, Any]


def previous_runs(folder: Path) -> list[Run]:
    """Sibling run folders that finished, oldest first (by the time they started)."""
    parent = folder.resolve().parent
    if not parent.is_dir():
        return []
    runs: list[Run] = []
    for sib in parent.iterdir():
        if sib.resolve() == folder.resolve() or not (sib / "summary.json").is_file():
            continue
        try:
            summary = json.loads((sib / "summary.json").read_text(encoding="utf-8"))
            records = read_records(sib / "records.jsonl")
        except (OSError, ValueError):
            continue  # a damaged or foreign folder is not a run to compare with
        if isinstance(summary, dict) and "overall" in summary:
            runs.append(Run(sib, records, summary))
    return sorted(runs, key=lambda r: (str(r.summary.get("started", "")), r.folder.name))


def read_records(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
