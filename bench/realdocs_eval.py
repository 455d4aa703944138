"""The real-documents question set (eval/realdocs.jsonl) over ../shared/realdocs/files.

    nice python bench/realdocs_eval.py [--split train|heldout|heldout2|all] [--files GLOB ...]
                                       [--index-dir DIR] [--out docs/bench/realdocs.json]

Ingests the files (every format: scans are OCR'd, .doc read with antiword) into an index
with the real embedder (the index folder is kept between runs, so a rerun only embeds what
changed), asks every question of the split whose expected files were all ingested, and
scores each one:

- answerable: passes when it is not refused, every fact group has one of its spellings in
  the answer, and one citation is an expected file ("right fact, right document");
- unanswerable: passes when it is refused.

Questions whose expected files were not ingested are listed as excluded, with the reason.
Prints a markdown table per question type and per format.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from machine import ROOT, machine, setup_env

setup_env()

from policybot.config import Settings  # noqa: E402
from policybot.index.embed import make_embedder  # noqa: E402
from policybot.index.embedcache import CachedEmbedder, EmbeddingCache  # noqa: E402
from policybot.pipeline import build_pipeline  # noqa: E402

REALDOCS = ROOT.parent / "shared" / "realdocs" / "files"
if not REALDOCS.is_dir():
    REALDOCS = ROOT.parent.parent / "shared" / "realdocs" / "files"


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[“”\"'’]", " ", text).split())


def score(question: dict[str, Any], answer: Any) -> dict[str, Any]:
    cited = [Path(c.document.source).name for c in answer.citations]
    said = norm(answer.answer)
    if not question["answerable"]:
        return {"passed": answer.refused, "facts": None, "doc": None, "cited": cited}
    facts = [any(norm(alt) in said for alt in group) for group in question["facts"]]
    doc_ok = any(name in question["expected_docs"] for name in cited)
    fact_ok = all(facts) and not answer.refused
    return {
        "passed": fact_ok and doc_ok,
        "facts": sum(facts) / len(facts) if facts and not answer.refused else 0.0,
        "doc": doc_ok,
        "cited": cited,
    }


def table(rows: list[dict[str, Any]], key: str) -> list[str]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    out = [
        f"| {key} | n | passed | fact accuracy | right document cited |",
        "|---|---|---|---|---|",
    ]
    for name in [*sorted(groups), "all"]:
        part = rows if name == "all" else groups[name]
        answerable = [r for r in part if r["answerable"]]
        facts = [r["facts"] for r in answerable]
        docs = [r["doc"] for r in answerable]
        passed = sum(r["passed"] for r in part)
        fact = f"{sum(facts) / len(facts):.0%}" if facts else "–"
        doc = f"{sum(docs) / len(docs):.0%}" if docs else "–"
        out.append(
            f"| {name} | {len(part)} | {passed} ({passed / len(part):.0%}) | {fact} | {doc} |"
        )
    return out


def _ingest(pipeline: Any, staged: Path, ingested: list[Path]) -> tuple[Any, float]:
    """Copy the chosen files into the staged folder (exactly those) and ingest it."""
    staged.mkdir(parents=True, exist_ok=True)
    for old in staged.iterdir():  # the ingested folder holds exactly this run's files
        if old.name not in {p.name for p in ingested}:
            old.unlink()
    for p in ingested:  # copies: the loader does not follow links out of its folder
        copy = staged / p.name
        if copy.is_symlink() or not copy.exists() or copy.stat().st_size != p.stat().st_size:
            copy.unlink(missing_ok=True)
            shutil.copyfile(p, copy)
    t0 = time.perf_counter()
    report = pipeline.ingest([staged], progress=True)
    ingest_s = time.perf_counter() - t0
    print(
        f"ingested {report.documents} documents, {report.chunks} passages "
        f"({report.chunks_embedded} embedded now) in {ingest_s:.0f} s; "
        f"{len(report.failures)} failures"
    )
    for failure in report.failures[:20]:
        print(f"  failed: {failure.path}: {failure.reason}")
    return report, ingest_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--split", default="train", help="a question's split (train, heldout, heldout2 …) or all"
    )
    parser.add_argument(
        "--files",
        nargs="*",
        help="glob(s) under realdocs/files (default: the files the split's questions name)",
    )
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "realdocs.jsonl")
    parser.add_argument(
        "--index-dir",
        type=Path,
        default=Path("~/.cache/policybot/realdocs-index").expanduser(),
        help="kept between runs: a rerun embeds only what changed",
    )
    parser.add_argument("--out", type=Path)
    parser.add_argument("--show", action="store_true", help="print every failure")
    parser.add_argument("--ingest-only", action="store_true", help="build the index, ask nothing")
    parser.add_argument(
        "--no-ingest",
        action="store_true",
        help="ask the index as it is (another checkout's answers over the same passages)",
    )
    args = parser.parse_args()

    questions = [json.loads(line) for line in args.questions.read_text().splitlines() if line]
    named = sorted(
        {
            d
            for q in questions
            if args.split == "all" or q["split"] == args.split
            for d in q["expected_docs"]
        }
    )
    files = sorted({p for g in (args.files or named) for p in REALDOCS.glob(g) if p.is_file()})
    if not files:  # never let an empty selection empty a kept index
        raise SystemExit(f"no file of {REALDOCS} matches {args.files or 'the questions'}")
    ingested = files
    settings = Settings(index_dir=args.index_dir)
    pipeline = build_pipeline(settings)
    # passage vectors cached by text, like the retrieval bench's: a rebuilt index re-embeds
    # only passages it has never seen (same model name, so the same index)
    pipeline.embedder = CachedEmbedder(
        make_embedder(settings.embedder), EmbeddingCache(settings.cache_dir)
    )
    staged = args.index_dir.with_name(args.index_dir.name + "-files")
    if args.no_ingest:
        ingested = [p for p in files if (staged / p.name).is_file()]
        report = None
        ingest_s = 0.0
    else:
        report, ingest_s = _ingest(pipeline, staged, ingested)
    if args.ingest_only:
        return
    # the registry is derived from the tables; rebuild it with this checkout's code
    (args.index_dir / "registry.json").unlink(missing_ok=True)
    names = {p.name for p in ingested}
    rows: list[dict[str, Any]] = []
    excluded: list[tuple[str, str]] = []
    for q in questions:
        if args.split != "all" and q["split"] != args.split:
            continue
        missing = [d for d in q["expected_docs"] if d not in names]
        if missing:
            reason = "not in the ingested subset"
            excluded.append((q["id"], f"{missing[0]}: {reason}"))
            continue
        answer = pipeline.ask(q["question"])
        result = score(q, answer)
        rows.append(
            {
                "id": q["id"],
                "type": q["type"],
                "format": q["format"],
                "answerable": q["answerable"],
                "answer": answer.answer,
                "refused": answer.refused,
                **result,
            }
        )
        if args.show and not result["passed"]:
            print(f"\nFAIL {q['id']} [{q['type']}] {q['question']}")
            print(f"  expected: {q['facts']} in {q['expected_docs']}")
            print(f"  got{' (refused)' if answer.refused else ''}: {answer.answer[:400]}")
            print(f"  cited: {result['cited'][:4]}")
    print(f"\nsplit {args.split}: {len(rows)} questions asked, {len(excluded)} excluded")
    print("\n".join(table(rows, "type")))
    print()
    print("\n".join(table(rows, "format")))
    if excluded:
        print("\nexcluded:", "; ".join(f"{i} ({why})" for i, why in excluded))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            json.dumps(
                {
                    "split": args.split,
                    "machine": machine(),
                    "ingest_seconds": round(ingest_s, 1),
                    "documents": report.documents if report else len(ingested),
                    "passages": report.chunks if report else None,
                    "rows": rows,
                    "excluded": excluded,
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
