"""Per-split report of a `policybot eval` run: passed per question type, and the confusion
of outcomes (answered / not sure / not found) against answerable / unanswerable.

    python bench/split_report.py eval/officials.jsonl eval/runs/<run>/records.jsonl \
        [--split heldout]

The split comes from the question file (its `split` field; none counts as train), so the
held-out figures are read apart from the training ones the answerer was fitted on.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any


def outcome(record: dict[str, Any]) -> str:
    if not record["refused"]:
        return "answered"
    return "not sure" if record.get("related") else "not found"


def report(questions: Path, records: Path, split: str) -> list[str]:
    splits = {}
    for line in questions.read_text(encoding="utf-8").splitlines():
        if line.strip():
            q = json.loads(line)
            splits[q["id"]] = q.get("split", "train")
    rows = [
        json.loads(line)
        for line in records.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rows = [r for r in rows if splits.get(r["id"]) == split]
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_type[r["type"]].append(r)
    out = [f"split {split}: {len(rows)} questions", "", "| type | n | passed |", "|---|---|---|"]
    for name in [*sorted(by_type), "all"]:
        part = rows if name == "all" else by_type[name]
        passed = sum(bool(r["passed"]) for r in part)
        out.append(f"| {name} | {len(part)} | {passed} ({passed / max(len(part), 1):.0%}) |")
    cells = Counter((r["answerable"], outcome(r), bool(r["passed"])) for r in rows)
    out += [
        "",
        "| | answered (right) | answered (wrong) | not sure | not found |",
        "|---|---|---|---|---|",
    ]
    for answerable, label in ((True, "answerable"), (False, "unanswerable")):
        right = cells[(answerable, "answered", True)]
        wrong = cells[(answerable, "answered", False)]
        sure = sum(v for (a, o, _), v in cells.items() if a == answerable and o == "not sure")
        found = sum(v for (a, o, _), v in cells.items() if a == answerable and o == "not found")
        if not answerable:
            right, wrong = 0, right + wrong
        out.append(f"| {label} | {right} | {wrong} | {sure} | {found} |")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("questions", type=Path)
    ap.add_argument("records", type=Path)
    ap.add_argument("--split", default="heldout")
    args = ap.parse_args()
    print("\n".join(report(args.questions, args.records, args.split)))


if __name__ == "__main__":
    main()
