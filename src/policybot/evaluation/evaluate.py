"""policybot eval: the eval set through the real pipeline -> a run folder a person can diff.

A run folder holds records.jsonl (one line a question), summary.json (overall and per
type), summary.md and report.html. The previous run is the newest sibling folder with a
summary.json, so runs kept side by side compare themselves.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from policybot.config import Settings
from policybot.errors import PolicybotError
from policybot.evaluation.evalset import EvalQuestion, load_questions
from policybot.evaluation.metrics import (
    QUALITY,
    check_bounds,
    parse_bounds,
    score_question,
    summarize,
    summarize_by_type,
)
from policybot.evaluation.report import html_report, markdown_summary
from policybot.evaluation.run import Run, previous_runs
from policybot.index.store import atomic_write
from policybot.pipeline import Pipeline, build_pipeline

SEARCH_K = 10


def evaluate_question(pipeline: Pipeline, q: EvalQuestion) -> dict[str, Any]:
    """Ask one question as a user would, search it at k=10, and score both."""
    hits = pipeline.search(q.question, k=SEARCH_K)
    retrieved = [h.chunk.doc_id for h in hits]
    t0 = time.perf_counter()
    answer = pipeline.ask(q.question, history=list(q.history))
    latency = (time.perf_counter() - t0) * 1000
    cited = [c.document.id for c in answer.citations]
    metrics = score_question(
        expected_docs=q.expected_docs,
        facts=q.facts,
        answerable=q.answerable,
        retrieved=retrieved,
        answer=answer.answer,
        refused=answer.refused,
        cited_docs=cited,
    )
    return {
        "id": q.id,
        "type": q.type,
        "question": q.question,
        "history": list(q.history),
        "answerable": q.answerable,
        "expected_docs": list(q.expected_docs),
        "facts": [list(f) for f in q.facts],
        "retrieved": retrieved,
        "answer": answer.answer,
        "refused": answer.refused,
        "reason": answer.reason,
        "citations": [
            {"n": c.n, "doc_id": c.document.id, "sentence": c.sentence, "passage": c.passage}
            for c in answer.citations
        ],
        "latency_ms": round(latency, 1),
        **metrics,
    }


def run_eval(
    pipeline: Pipeline, questions: Sequence[EvalQuestion], progress: bool = True
) -> list[dict[str, Any]]:
    from tqdm import tqdm

    pipeline.load()  # models and index load once, outside the timed questions
    records = []
    bar = tqdm(questions, desc="eval", unit="q", disable=not progress, dynamic_ncols=True)
    for q in bar:
        rec = evaluate_question(pipeline, q)
        records.append(rec)
        done = sum(r["passed"] for r in records)
        bar.set_postfix_str(f"passed {done}/{len(records)}")
    return records


def build_summary(records: list[dict[str, Any]], meta: dict[str, Any]) -> dict[str, Any]:
    return {
        **meta,
        "overall": summarize(records),
        "by_type": summarize_by_type(records),
    }


def default_run_folder(root: Path = Path("eval/runs")) -> Path:
    return root / datetime.now().strftime("%Y%m%d-%H%M%S")


def write_run(run: Run, earlier: Sequence[Run]) -> None:
    """records.jsonl, summary.json, summary.md and report.html into the run folder."""
    run.folder.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in run.records)
    atomic_write(run.folder / "records.jsonl", lines)
    atomic_write(
        run.folder / "summary.json", json.dumps(run.summary, ensure_ascii=False, indent=2) + "\n"
    )
    previous = earlier[-1] if earlier else None
    atomic_write(run.folder / "summary.md", markdown_summary(run, previous))
    atomic_write(run.folder / "report.html", html_report(run, earlier))


def evaluate(
    pipeline: Pipeline,
    questions: Sequence[EvalQuestion],
    eval_file: Path,
    folder: Path | None = None,
    progress: bool = True,
) -> Run:
    """Run the set and write the run folder; the one entry point the CLI calls."""
    folder = folder or default_run_folder()
    started = datetime.now().isoformat(timespec="seconds")
    records = run_eval(pipeline, questions, progress)
    meta = {
        "started": started,
        "finished": datetime.now().isoformat(timespec="seconds"),
        "eval_file": str(eval_file),
        "index_dir": str(pipeline.settings.index_dir),
        "embedder": pipeline.embedder.name,
        "search_k": SEARCH_K,
        "ask_k": pipeline.settings.retrieval.k,
    }
    run = Run(folder, records, build_summary(records, meta))
    write_run(run, previous_runs(folder))
    return run


def run_eval_command(
    settings: Settings,
    eval_file: Path,
    out: Path | None,
    minimum: Sequence[str] | None,
    maximum: Sequence[str] | None,
) -> int:
    """What `policybot eval` does: check bounds first, run, print, and return the exit code."""
    try:
        low, high = parse_bounds(minimum or []), parse_bounds(maximum or [])
    except ValueError as exc:
        raise PolicybotError(str(exc)) from None
    questions = load_questions(eval_file)
    pipeline = build_pipeline(settings)
    if not pipeline.index.exists():
        docs = settings.documents_dir
        if not Path(docs).is_dir():
            raise PolicybotError(
                f"no index in {settings.index_dir}/ and no {docs}/ to build one from: "
                "run `policybot ingest PATH` first"
            )
        print(f"no index in {settings.index_dir}/: indexing {docs}/ first", file=sys.stderr)
        pipeline.ingest([docs], progress=True)
    run = evaluate(pipeline, questions, eval_file, out)
    overall = run.summary["overall"]
    shown = ", ".join(f"{m} {overall[m]:.3f}" for m in QUALITY if overall.get(m) is not None)
    print(
        f"{overall['passed']}/{overall['questions']} passed; {shown}; "
        f"p50 {overall['latency_p50_ms']} ms, p95 {overall['latency_p95_ms']} ms"
    )
    print(f"report: {run.folder / 'report.html'}")
    problems = check_bounds(overall, low, high)
    if problems:
        print(f"policybot: {'; '.join(problems)}", file=sys.stderr)
        return 1
    return 0
