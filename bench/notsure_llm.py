"""What the LLM adds on "not sure": two `policybot eval` runs compared, question by question.

Run the eval set extractive (all questions), write the questions that came back "not sure"
(refused with related passages) to a file, run `policybot eval` on that file with an LLM
configured, then:

    python bench/notsure_llm.py EXTRACTIVE/records.jsonl LLM/records.jsonl [...] \
        --questions eval/officials.jsonl --out docs/bench/notsure_llm

writes OUT.jsonl (one line a question: both outcomes, the model's answer or why it was not
taken) and OUT.json (per split: answerable not-sure questions that gained the expected fact
with the right document, wrong answers, unanswerable questions answered), and prints the
Markdown table of docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def outcome(rec: dict[str, Any]) -> str:
    if not rec["refused"]:
        return "answered"
    return "not sure" if rec["related"] else "not found"


def row(ext: dict[str, Any], llm: dict[str, Any], split: str) -> dict[str, Any]:
    answered = not llm["refused"]
    gained = answered and llm["answerable"] and llm["fact_ok"] and llm["citation_ok"]
    why = (
        (llm["reason"] or "").split("rejected: ", 1)[1]
        if "rejected: " in (llm["reason"] or "")
        else ""
    )
    return {
        "id": llm["id"],
        "split": split,
        "type": llm["type"],
        "answerable": llm["answerable"],
        "extractive": outcome(ext),
        "llm": outcome(llm),
        "gained_fact": bool(gained),
        "answer": llm["answer"] if answered else "",
        "cited": [c["doc_id"] for c in llm["citations"]],
        "expected_docs": llm["expected_docs"],
        "facts_found": llm.get("facts_found"),
        "rejected_because": why,
        "latency_s": round(llm["latency_ms"] / 1000, 1),
    }


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    ans = [r for r in rows if r["answerable"]]
    una = [r for r in rows if not r["answerable"]]
    reasons = Counter(
        re.sub(r"^\S+ (?=is )", "FIGURE ", r["rejected_because"].split(":")[0])
        for r in rows
        if r["rejected_because"]
    )
    latencies = sorted(r["latency_s"] for r in rows)
    return {
        "not_sure_answerable": len(ans),
        "answered": sum(r["llm"] == "answered" for r in ans),
        "gained_fact_and_document": sum(r["gained_fact"] for r in ans),
        "answered_without_the_fact": sum(
            r["llm"] == "answered" and not r["gained_fact"] for r in ans
        ),
        "not_sure_unanswerable": len(una),
        "unanswerable_answered": sum(r["llm"] == "answered" for r in una),
        "rejections": dict(reasons.most_common()),
        "p50_s": latencies[len(latencies) // 2] if latencies else None,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("extractive", type=Path)
    ap.add_argument("llm", type=Path, nargs="+")
    ap.add_argument("--questions", type=Path, default=Path("eval/officials.jsonl"))
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    split = {q["id"]: q.get("split", "all") for q in read(args.questions)}
    ext = {r["id"]: r for r in read(args.extractive)}
    rows = [row(ext[r["id"]], r, split[r["id"]]) for path in args.llm for r in read(path)]
    rows.sort(key=lambda r: (r["split"], r["id"]))
    out = {s: summary([r for r in rows if r["split"] == s]) for s in sorted({*split.values()})}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    args.out.with_suffix(".jsonl").write_text(lines, encoding="utf-8")
    text = json.dumps(out, ensure_ascii=False, indent=2) + "\n"
    args.out.with_suffix(".json").write_text(text, encoding="utf-8")
    print(
        "| split | not sure, answerable | answered by the model | with the expected fact and "
        "document | without it | not sure, unanswerable | answered |"
    )
    print("|---|---|---|---|---|---|---|")
    for s, v in out.items():
        print(
            f"| {s} | {v['not_sure_answerable']} | {v['answered']} | "
            f"{v['gained_fact_and_document']} | {v['answered_without_the_fact']} | "
            f"{v['not_sure_unanswerable']} | {v['unanswerable_answered']} |"
        )
    for r in rows:
        if r["llm"] == "answered":
            print(
                r["split"],
                r["id"],
                r["type"],
                "FACT" if r["gained_fact"] else "-",
                r["answer"][:140],
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
