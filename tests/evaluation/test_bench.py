"""policybot bench retrieval on a tiny real corpus (13 law articles, 6 questions)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policybot.config import Settings
from policybot.errors import PolicybotError
from policybot.evaluation.bench import bench_retrieval, load_bench_questions
from policybot.index.embed import HashEmbedder
from policybot.index.embedcache import CachedEmbedder, EmbeddingCache

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data" / "bench"
BIN = Path(sys.executable).parent / "policybot"
METHODS = {
    "bm25-syllables",
    "bm25",
    "bm25-paragraphs",
    "dense",
    "dense-minilm",
    "dense-hash",
    "rrf-plain",
    "hybrid",
}


def test_cached_embedder_embeds_each_text_once(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    inner = HashEmbedder(64)
    cached = CachedEmbedder(inner, cache)
    first = cached.embed_passages(["một", "hai", "một"])
    assert cached.misses == 3 and cached.hits == 0  # duplicates in one batch are embedded
    again = CachedEmbedder(inner, EmbeddingCache(tmp_path))  # a new process, same folder
    second = again.embed_passages(["hai", "một"])
    assert again.misses == 0 and again.hits == 2
    assert (second[1] == first[0]).all() and (second[0] == inner.embed_passages(["hai"])[0]).all()
    q = again.embed_query("một")  # a query is keyed apart from the same passage text
    assert again.misses == 1 and (q == inner.embed_query("một")).all()
    assert again.name == inner.name and again.dimension == 64


@pytest.fixture(scope="module")
def bench_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bench-cache")


def test_bench_measures_every_method_in_one_run(bench_cache: Path) -> None:
    result = bench_retrieval(
        DATA / "corpus.jsonl", DATA / "questions.jsonl", Settings(), bench_cache, progress=False
    )
    assert result["questions"] == 6 and result["documents"] == 13
    assert result["chunks"] > result["documents"]  # long articles were split
    rows = {m["method"]: m for m in result["methods"]}
    assert set(rows) == METHODS
    for row in rows.values():
        assert set(row) == {"method", "R@1", "R@5", "R@10", "MRR@10", "seconds"}
        assert 0 <= row["R@1"] <= row["R@5"] <= row["R@10"] <= 1
        assert row["R@1"] <= row["MRR@10"] <= 1
    assert rows["hybrid"]["R@5"] >= 0.9 and rows["hybrid"]["MRR@10"] >= 0.8
    assert result["embedded"] > result["chunks"]  # every passage and question, per embedder
    again = bench_retrieval(
        DATA / "corpus.jsonl", DATA / "questions.jsonl", Settings(), bench_cache, progress=False
    )
    assert again["embedded"] == 0  # the rerun found everything in the cache
    assert [m["MRR@10"] for m in again["methods"]] == [m["MRR@10"] for m in result["methods"]]


def test_bench_cli_prints_rows_and_writes_json(bench_cache: Path, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [str(BIN), "bench", "retrieval", "--corpus", str(DATA / "corpus.jsonl"),
         "--questions", str(DATA / "questions.jsonl"), "--out", str(out),
         "--cache", str(bench_cache)],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    printed = [line.split()[0] for line in proc.stdout.splitlines()[2:]]
    assert set(printed) == METHODS
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["corpus"].endswith("corpus.jsonl") and data["questions"] == 6
    assert {m["method"] for m in data["methods"]} == METHODS


def test_bad_bench_inputs(tmp_path: Path) -> None:
    with pytest.raises(PolicybotError, match="does not exist"):
        bench_retrieval(tmp_path / "none.jsonl", DATA / "questions.jsonl", Settings(), tmp_path)
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"id": "x", "question": "?", "relevant": []}\n', encoding="utf-8")
    with pytest.raises(PolicybotError, match=r"q.jsonl:1: 'relevant' must be"):
        load_bench_questions(bad)
    bad.write_text('{"id": "x", "question": "?", "relevant": ["không-có#1"]}\n', encoding="utf-8")
    with pytest.raises(PolicybotError, match="not in the corpus"):
        bench_retrieval(DATA / "corpus.jsonl", bad, Settings(), tmp_path / "c", progress=False)


def test_named_source_and_article_lead_the_ranking(bench_cache: Path) -> None:
    from policybot.evaluation.bench import build_retriever, corpus_index
    from policybot.index.embed import make_embedder

    settings = Settings()
    embedder = CachedEmbedder(make_embedder(settings.embedder), EmbeddingCache(bench_cache))
    corpus = DATA / "corpus.jsonl"
    retriever = build_retriever(
        corpus, settings, embedder, corpus_index(corpus, settings, bench_cache), False
    )
    # "Điều 1" heads an article of both laws: the law named decides which.
    hits = retriever.search("Điều 1 của Luật Du lịch quy định gì?", k=3)
    assert hits[0].chunk.doc_id == "luật-du-lịch#1"
    hits = retriever.search("Luật Cư trú, Điều 1: phạm vi điều chỉnh là gì?", k=3)
    assert hits[0].chunk.doc_id == "luật-cư-trú#1"
    plain = retriever.search("Hợp đồng lữ hành phải lập thành văn bản, đúng hay sai?", k=3)
    assert plain[0].chunk.doc_id == "luật-du-lịch#39"
    assert [h.rank for h in plain] == [1, 2, 3] and 0 < plain[-1].score <= plain[0].score <= 1
