"""Ingest throughput against the embedder's raw throughput, re-ingest of an unchanged corpus,
and warm ask / search latency on the seed corpus.

    python bench/speed.py [--corpus ../shared/bench/alqac/corpus.jsonl] [--articles 200]
                          [--out docs/bench/speed.json]

Prints a markdown table; --out keeps the numbers and the machine they ran on.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Any

from machine import ROOT, machine, percentile, setup_env, shared_bench

setup_env()

from tqdm import tqdm  # noqa: E402

from policybot.config import Settings  # noqa: E402
from policybot.evaluation.evalset import load_questions  # noqa: E402
from policybot.index.embed import make_embedder  # noqa: E402
from policybot.index.store import IndexDir, chunk_from_record  # noqa: E402
from policybot.pipeline import build_pipeline  # noqa: E402


def sample_corpus(corpus: Path, articles: int, into: Path) -> Path:
    """Every n-th article, so all laws (short and long articles) are represented."""
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    step = max(1, len(lines) // articles)
    path = into / "sample.jsonl"
    path.write_text("\n".join(lines[::step][:articles]) + "\n", encoding="utf-8")
    return path


def ingest_throughput(corpus: Path, articles: int, work: Path, rounds: int) -> dict[str, Any]:
    """Ingest and the bare embedder alternate `rounds` times on the same passages, so both
    see the same (shared, varying) machine load; the share compares their medians."""
    sample = sample_corpus(corpus, articles, work)
    ingest_rates: list[float] = []
    raw_rates: list[float] = []
    first = None
    settings = Settings()
    for r in range(rounds):
        settings = Settings(index_dir=work / f"index-{r}")
        report = build_pipeline(settings).ingest([sample], progress=True)
        first = first or report
        ingest_rates.append(report.chunks / report.seconds)
        tables = IndexDir(settings.index_dir).read_tables()
        texts = [chunk_from_record(rec).embed_text() for rec in tables.chunks.values()]
        raw = make_embedder(settings.embedder)  # a fresh model, as ingest had
        batch = settings.embedder.batch_size
        t0 = time.perf_counter()
        for i in tqdm(range(0, len(texts), batch), desc="raw embedder", unit="batch"):
            raw.embed_passages(texts[i : i + batch])
        raw_rates.append(len(texts) / (time.perf_counter() - t0))
    assert first is not None
    again = build_pipeline(settings).ingest([sample], progress=False)
    ingest_rate, raw_rate = median(ingest_rates), median(raw_rates)
    return {
        "articles": first.documents,
        "chunks": first.chunks,
        "characters": sum(len(t) for t in texts),
        "rounds": rounds,
        "ingest_chunks_per_s": [round(x, 2) for x in ingest_rates],
        "embedder_chunks_per_s": [round(x, 2) for x in raw_rates],
        "ingest_share_of_embedder": round(ingest_rate / raw_rate, 3),
        "reingest_seconds": again.seconds,
        "reingest_chunks_embedded": again.chunks_embedded,
        "reingest_unchanged_documents": again.unchanged,
    }


def warm_latency(work: Path, rounds: int) -> dict[str, Any]:
    settings = Settings(index_dir=work / "seed-index")
    pipeline = build_pipeline(settings)
    pipeline.ingest([ROOT / "documents"], progress=False)
    pipeline.load()
    questions = [q.question for q in load_questions(ROOT / "eval" / "questions.jsonl")]
    for q in questions[:3]:  # warm: first query pays lazy imports and caches
        pipeline.ask(q)
    search_ms: list[float] = []
    ask_ms: list[float] = []
    for _ in range(rounds):
        for q in tqdm(questions, desc="warm search + ask", unit="q"):
            t0 = time.perf_counter()
            pipeline.search(q)
            t1 = time.perf_counter()
            pipeline.ask(q)
            t2 = time.perf_counter()
            search_ms.append((t1 - t0) * 1000)
            ask_ms.append((t2 - t1) * 1000)
    return {
        "questions": len(questions),
        "rounds": rounds,
        "search_p50_ms": round(percentile(search_ms, 50), 1),
        "search_p95_ms": round(percentile(search_ms, 95), 1),
        "ask_p50_ms": round(percentile(ask_ms, 50), 1),
        "ask_p95_ms": round(percentile(ask_ms, 95), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=shared_bench("alqac") / "corpus.jsonl")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if not args.corpus.is_file():
        parser.error(f"corpus {args.corpus} not found (a JSONL corpus, e.g. shared/bench/alqac)")
    with tempfile.TemporaryDirectory(prefix="policybot-speed-") as tmp:
        work = Path(tmp)
        ingest = ingest_throughput(args.corpus, args.articles, work, args.rounds)
        warm = warm_latency(work, args.rounds)
    result = {"machine": machine(), "corpus": str(args.corpus), "ingest": ingest, "warm": warm}
    print("| measure | value |\n|---|---|")
    for part in ("ingest", "warm"):
        for key, value in result[part].items():
            print(f"| {part}.{key} | {value} |")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
