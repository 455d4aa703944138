"""Extractive vs LLM vs LLM + guardrails on the eval set, measured in one run.

    python bench/llm_compare.py [--questions eval/questions.jsonl] [--documents documents]
        [--model models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf] [--out docs/bench]

Modes:
- extractive: the default answerer.
- llm: the model sees the top passages of every question and answers on its own (it decides
  refusals itself); its [n] markers are kept when they name a given passage. No checks.
- llm+guardrails: what policybot ships: refusal decided from retrieval evidence before the
  model is called, the answer checked against its cited passages, the extractive answer as
  fallback. Where the model is called with the same sources as in `llm`, its text is reused
  (temperature 0), so the two differ only by the checks.

Unsupported figures: numbers, percentages, dates and instrument numbers in an answer that are
found neither in its cited passages (with their document's title and instruments, as the
model saw them) nor among the instrument numbers the question names.

Per-question records go to OUT/llm_compare.jsonl (one line per question and mode, written as
they come) and the summary to OUT/llm_compare.json; `--markdown` prints the table.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policybot.answers.generate import LlmGenerator  # noqa: E402
from policybot.answers.guardrails import find_claims, unsupported_claims  # noqa: E402
from policybot.answers.prompts import build_messages, select_sources  # noqa: E402
from policybot.config import Settings  # noqa: E402
from policybot.pipeline import build_pipeline  # noqa: E402
from policybot.questions.conversation import resolve_follow_up  # noqa: E402
from policybot.text.query_refs import find_query_refs  # noqa: E402
from policybot.types import Answer  # noqa: E402

MODES = ("extractive", "llm", "llm+guardrails")


def fact_found(alternatives: list[str], answer: str) -> bool:
    """A fact counts when one of its spellings is in the answer; dates compare by value."""
    folded = answer.casefold()
    answer_dates = {v for c in find_claims(answer) if c.kind == "date" for v in c.value}
    for alt in alternatives:
        if alt.casefold() in folded:
            return True
        alt_dates = {v for c in find_claims(alt) if c.kind == "date" for v in c.value}
        if alt_dates and alt_dates <= answer_dates:
            return True
    return False


def record(q: dict[str, Any], mode: str, ans: Answer, seconds: float) -> dict[str, Any]:
    passages = [c.passage + "\n" + c.document.title for c in ans.citations]
    passages += [i.label() for c in ans.citations for i in c.instruments]
    asked = [r.number for r in find_query_refs(q["question"]) if r.number]
    bad = [] if ans.refused else unsupported_claims(ans.answer, passages, asked)
    facts = q.get("facts") or []
    found = [fact_found(f, ans.answer) for f in facts] if not ans.refused else [False] * len(facts)
    return {
        "id": q["id"],
        "mode": mode,
        "answerable": q["answerable"],
        "refused": ans.refused,
        "facts": len(facts),
        "facts_found": sum(found),
        "unsupported": [c.text for c in bad],
        "generator": ans.generator,
        "reason": ans.reason,
        "seconds": round(seconds, 3),
        "answer": ans.answer,
        "cited": [c.document.id for c in ans.citations],
    }


def summarise(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for mode in MODES:
        rs = [r for r in records if r["mode"] == mode]
        if not rs:
            continue
        answerable = [r for r in rs if r["answerable"]]
        unanswerable = [r for r in rs if not r["answerable"]]
        secs = sorted(r["seconds"] for r in rs)
        llm_rs = [r for r in rs if r["generator"] in ("llm", "llm-unchecked")]
        rows.append(
            {
                "mode": mode,
                "questions": len(rs),
                "fact_accuracy": round(
                    sum(r["facts_found"] for r in answerable)
                    / max(1, sum(r["facts"] for r in answerable)),
                    3,
                ),
                "answers_with_unsupported": sum(1 for r in rs if r["unsupported"]),
                "unsupported_claims": sum(len(r["unsupported"]) for r in rs),
                "refusals_kept": f"{sum(r['refused'] for r in unanswerable)}/{len(unanswerable)}",
                "false_refusals": sum(r["refused"] for r in answerable),
                "llm_answers_shown": len(llm_rs),
                "fallbacks": sum(1 for r in rs if r["generator"] == "extractive-fallback"),
                "p50_s": round(statistics.median(secs), 2),
                "p95_s": round(secs[min(len(secs) - 1, int(0.95 * len(secs)))], 2),
            }
        )
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    head = (
        "| mode | fact accuracy | answers with unsupported figures | unsupported figures | "
        "refusals kept | false refusals | LLM answers shown | fallbacks | p50 s | p95 s |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n"
    )
    body = "".join(
        f"| {r['mode']} | {r['fact_accuracy']:.2f} | {r['answers_with_unsupported']} | "
        f"{r['unsupported_claims']} | {r['refusals_kept']} | {r['false_refusals']} | "
        f"{r['llm_answers_shown']} | {r['fallbacks']} | {r['p50_s']} | {r['p95_s']} |\n"
        for r in rows
    )
    return head + body


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, default=ROOT / "eval/questions.jsonl")
    ap.add_argument("--documents", type=Path, default=ROOT / "documents")
    ap.add_argument("--index", type=Path, help="an index of --documents (built when absent)")
    ap.add_argument(
        "--model", type=Path, default=ROOT / "models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    )
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--out", type=Path, default=ROOT / "docs/bench")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--only", default="", help="comma-separated question ids")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()

    questions = [json.loads(line) for line in args.questions.open() if line.strip()]
    if args.only:
        questions = [q for q in questions if q["id"] in args.only.split(",")]
    if args.limit:
        questions = questions[: args.limit]
    index = args.index or Path(tempfile.mkdtemp(prefix="llm-compare-")) / "index"
    settings = Settings(
        index_dir=index,
        documents_dir=args.documents,
        llm={
            "backend": "llama-cpp",
            "model_path": args.model,
            "n_threads": args.threads,
            "max_tokens": 300,
        },
    )
    pipeline = build_pipeline(settings)
    if not (index / "manifest.json").exists():
        pipeline.ingest([args.documents], progress=False)
    retriever, _ = pipeline.load()
    generator = pipeline.generator
    assert isinstance(generator, LlmGenerator)
    extractive = generator.extractive
    chat = generator.chat
    no_checks = settings.llm.model_copy(update={"guardrails": False})
    unchecked = LlmGenerator(extractive, chat, no_checks)
    args.out.mkdir(parents=True, exist_ok=True)
    records: list[dict[str, Any]] = []
    log = (args.out / "llm_compare.jsonl").open("w")
    chat.complete([("user", "Xin chào")])  # load the model outside the timings

    def emit(rec: dict[str, Any]) -> None:
        records.append(rec)
        log.write(json.dumps(rec, ensure_ascii=False) + "\n")
        log.flush()

    for q in questions:
        # Follow-ups are resolved from their history the same way for every mode.
        asked = resolve_follow_up(q["question"], q.get("history") or [])
        t0 = time.perf_counter()
        hits = retriever.search(asked, k=settings.retrieval.k)
        t_search = time.perf_counter() - t0
        t1 = time.perf_counter()
        draft = extractive.draft(asked, hits)
        ext = extractive.from_draft(asked, draft)
        t_ext = time.perf_counter() - t1
        emit(record(q, "extractive", ext, t_search + t_ext))

        sources = select_sources(draft, hits, settings.llm.max_sources, extractive.doc_instruments)
        t2 = time.perf_counter()
        raw = chat.complete(build_messages(asked, sources))
        t_llm = time.perf_counter() - t2
        free = unchecked.finish(asked, draft, sources, raw, t2)
        emit(record(q, "llm", free, t_search + t_ext + t_llm))

        if draft.refused:
            guarded = ext
            t_guarded = t_search + t_ext
        else:
            guarded = generator.finish(asked, draft, sources, raw, time.perf_counter())
            t_guarded = t_search + t_ext + t_llm
        emit(record(q, "llm+guardrails", guarded, t_guarded))
        print(f"{q['id']}: {t_llm:.1f}s {guarded.generator} {guarded.reason or ''}", flush=True)

    rows = summarise(records)
    summary = {
        "questions": len(questions),
        "model": args.model.name,
        "threads": args.threads or "all",
        "rows": rows,
    }
    (args.out / "llm_compare.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2))
    print(markdown(rows) if args.markdown else json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
