"""How load time, memory and search / ask latency grow with the index: 1k, 10k, 100k chunks.

`--backend faiss` writes the memory-mapped vector store (index/mapped_vectors.py) instead
of chromadb; the tables are the SQLite table file either way (index/table_db.py).

The index is written as ingest writes it, lexical indexes (lexical-GEN/) included, so the
load measured is the memory-mapped one.

    python bench/scale.py [--sizes 1000,10000,100000] [--out docs/bench/scale.json]
                          [--plot docs/bench/scale.png]

BM25 gets real Vietnamese text: ALQAC law articles, word-segmented once, repeated (each copy
drops a random tenth of its words so copies differ). The dense side gets random unit
vectors (the embedder's dimension) in the real vector store. Each size is written as a
real index folder, then a fresh process loads it through Pipeline and is measured, so
memory is what a server holding that index would use.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from machine import machine, percentile, rss_mb, setup_env, shared_bench

setup_env()

import numpy as np  # noqa: E402
from tqdm import tqdm  # noqa: E402

ALQAC = shared_bench("alqac")
POOL_SIZE = 1500  # distinct passages segmented with underthesea
QUERIES = 40


def passage_pool(corpus: Path, size: int) -> list[dict[str, Any]]:
    """Real chunks of the corpus with their tokens, cut and segmented as ingest does."""
    from policybot.config import ChunkSettings
    from policybot.index.chunk import chunk_document
    from policybot.text.segment import words
    from policybot.types import Document

    lines = [json.loads(x) for x in corpus.read_text(encoding="utf-8").splitlines() if x]
    random.Random(1).shuffle(lines)
    pool: list[dict[str, Any]] = []
    with tqdm(total=size, desc="segmenting passages", unit="chunk") as bar:
        for rec in lines:
            doc = Document(rec["id"], rec["title"], rec["text"], f"alqac#{rec['id']}")
            chunks, _ = chunk_document(doc, ChunkSettings())
            for c in chunks:
                pool.append({"chunk": c, "tokens": words(c.embed_text())})
                bar.update(1)
            if len(pool) >= size:
                return pool[:size]
    return pool


def write_index(
    root: Path, size: int, pool: list[dict[str, Any]], dim: int, manifest: dict, backend: str
) -> None:
    """A real index folder: the table file, lexical indexes, manifest and vectors."""
    from dataclasses import replace

    from policybot.index.mapped_vectors import MappedVectorStore
    from policybot.index.store import IndexDir, Tables, chunk_to_record
    from policybot.index.vectors import VectorIndex, VectorStore

    rng = random.Random(size)
    index = IndexDir(root)
    tables = Tables()
    for i in tqdm(range(size), desc=f"{size} chunks: records", unit="chunk", leave=False):
        src = pool[i % len(pool)]
        tokens = src["tokens"]
        if i >= len(pool):
            tokens = [t for t in tokens if rng.random() > 0.1]
        doc_id = f"doc{i // 4}"
        chunk = replace(src["chunk"], id=f"c{i}", doc_id=doc_id, ordinal=i % 4)
        tables.chunks[chunk.id] = chunk_to_record(chunk, tokens)
        doc = tables.documents.setdefault(
            doc_id,
            {"id": doc_id, "title": chunk.title, "source": f"synthetic#{doc_id}", "file": "",
             "fingerprint": "", "metadata": {}, "instruments": [], "chunk_ids": []},
        )  # fmt: skip
        doc["chunk_ids"].append(chunk.id)
    written = index.write_generation(tables)
    from policybot.instruments.registry_build import build as build_registry
    from policybot.instruments.registry_build import write as write_registry

    t0 = time.perf_counter()
    derived = write_registry(index, build_registry(tables))  # as ingest does
    print(f"{size} chunks: registry built in {time.perf_counter() - t0:.1f} s", flush=True)
    from policybot.index.lexical import build, save

    t0 = time.perf_counter()
    lexical = index.fresh_lexical_dir()
    # as ingest saves them: with the passage ids and documents' texts, marked with the table
    # file's sha256, so a load maps them instead of reading every id from the table file
    save(
        build(list(tables.chunks.values())),
        list(tables.chunks),
        lexical,
        written["sha256"].get("db"),
        tables.documents.values(),
    )
    print(f"{size} chunks: lexical indexes built in {time.perf_counter() - t0:.1f} s", flush=True)
    t0 = time.perf_counter()
    store: VectorIndex = (
        MappedVectorStore(root / "vectors-new") if backend == "faiss" else VectorStore(index.chroma)
    )
    gen = np.random.default_rng(size)
    ids = list(tables.chunks)
    for i in tqdm(range(0, size, 5000), desc=f"{size} chunks: vectors", unit="batch", leave=False):
        part = ids[i : i + 5000]
        vecs = gen.standard_normal((len(part), dim)).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        store.upsert(part, vecs, [tables.chunks[c]["doc_id"] for c in part])
    name = store.commit(ids)
    print(f"{size} chunks: vectors written in {time.perf_counter() - t0:.1f} s", flush=True)
    index.write_manifest(
        {**manifest, **written, "vectors": name, "lexical": lexical.name,
         "documents": len(tables.documents), "chunks": size, "derived": derived}
    )  # fmt: skip


def rss_parts() -> dict[str, float]:
    """Anonymous (this process's own) and file-backed (memory-mapped, shareable between
    processes) resident memory, MB."""
    parts = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("RssAnon:", "RssFile:")):
            parts[line.split(":")[0]] = int(line.split()[1]) / 1024
    return parts


def measure(root: str, queries: list[str], out: mp.Queue) -> None:
    """In a fresh process: load the index through Pipeline, then time search and ask."""
    setup_env()
    from policybot.config import Settings
    from policybot.pipeline import build_pipeline

    pipeline = build_pipeline(Settings(index_dir=Path(root)))
    pipeline.embedder.embed_query("khởi động")  # the model is not part of the index's cost
    base, base_parts = rss_mb(), rss_parts()
    t0 = time.perf_counter()
    retriever, _ = pipeline.load()
    load_s = time.perf_counter() - t0
    loaded, loaded_parts = rss_mb(), rss_parts()
    t0 = time.perf_counter()
    pipeline.ask(queries[0])  # opens the instrument registry
    first_ask_s = time.perf_counter() - t0
    for q in queries[1:3]:
        pipeline.ask(q)
    search_ms, ask_ms, bm25_ms, dense_ms, store_ms = [], [], [], [], []
    from policybot.text.segment import words

    for q in queries:
        t0 = time.perf_counter()
        pipeline.search(q)
        t1 = time.perf_counter()
        pipeline.ask(q)
        t2 = time.perf_counter()
        retriever.lexical.scores(words(q))
        t3 = time.perf_counter()
        vector = pipeline.embedder.embed_query(q)
        retriever._vectors.query(vector, 30)
        t4 = time.perf_counter()
        retriever._vectors.query(vector, 30)
        store_ms.append((time.perf_counter() - t4) * 1000)
        search_ms.append((t1 - t0) * 1000)
        ask_ms.append((t2 - t1) * 1000)
        bm25_ms.append((t3 - t2) * 1000)
        dense_ms.append((t4 - t3) * 1000)
    out.put(
        {
            "load_seconds": round(load_s, 2),
            "first_ask_seconds": round(first_ask_s, 2),
            "rss_mb_index": round(loaded - base, 1),
            "rss_mb_index_anon": round(loaded_parts["RssAnon"] - base_parts["RssAnon"], 1),
            "rss_mb_index_file": round(loaded_parts["RssFile"] - base_parts["RssFile"], 1),
            "rss_mb_index_after_queries": round(rss_mb() - base, 1),
            "rss_mb_index_after_queries_anon": round(
                rss_parts()["RssAnon"] - base_parts["RssAnon"], 1
            ),
            "rss_mb_index_after_queries_file": round(
                rss_parts()["RssFile"] - base_parts["RssFile"], 1
            ),
            "rss_mb_total": round(rss_mb(), 1),
            **{
                f"{name}_p{q}_ms": round(percentile(vals, q), 1)
                for name, vals in (
                    ("search", search_ms),
                    ("ask", ask_ms),
                    ("bm25", bm25_ms),
                    ("dense_query", dense_ms),
                    ("store", store_ms),
                )
                for q in (50, 95)
            },
        }
    )


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["chunks"] for r in rows]
    fig, (ax, mem) = plt.subplots(1, 2, figsize=(10, 3.8))
    for key, style in (("search", "-o"), ("ask", "-s"), ("bm25", "--^"), ("dense_query", "--v")):
        ax.plot(sizes, [r[f"{key}_p50_ms"] for r in rows], style, label=f"{key} p50")
    if all("store_p50_ms" in r for r in rows):
        ax.plot(sizes, [r["store_p50_ms"] for r in rows], "--D", label="vector store query p50")
    ax.plot(sizes, [r["search_p95_ms"] for r in rows], ":o", color="C0", label="search p95")
    ax.set(xscale="log", yscale="log", xlabel="chunks in the index", ylabel="ms",
           title="Latency against index size")  # fmt: skip
    ax.legend(fontsize=7)
    mem.plot(
        sizes, [r["rss_mb_index"] for r in rows], "-o", label="memory of the loaded index (MB)"
    )
    mem.plot(sizes, [r["load_seconds"] for r in rows], "-s", label="load time (s)")
    mem.set(xscale="log", yscale="log", xlabel="chunks in the index", title="Memory and load time")
    mem.legend(fontsize=7)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--corpus", type=Path, default=ALQAC / "corpus.jsonl")
    parser.add_argument("--questions", type=Path, default=ALQAC / "questions.jsonl")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--plot", type=Path, default=None)
    parser.add_argument("--backend", choices=("chromadb", "faiss"), default="chromadb")
    parser.add_argument(
        "--keep", type=Path, default=None, help="write the indexes here and keep them"
    )
    args = parser.parse_args()
    if not args.corpus.is_file() or not args.questions.is_file():
        parser.error("needs the ALQAC corpus and questions (shared/bench/alqac)")
    from policybot.config import Settings
    from policybot.index.embed import make_embedder
    from policybot.index.store import expected_manifest

    settings = Settings()
    embedder = make_embedder(settings.embedder)
    manifest = expected_manifest(settings, embedder)
    sizes = [int(s) for s in args.sizes.split(",")]
    pool = passage_pool(args.corpus, min(POOL_SIZE, max(sizes)))
    questions = [json.loads(x)["question"] for x in args.questions.read_text().splitlines() if x]
    queries = random.Random(7).sample(questions, min(QUERIES, len(questions)))
    rows = []
    ctx = mp.get_context("spawn")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"policybot-scale-{size}-") as scratch:
            tmp = str(args.keep / f"{args.backend}-{size}") if args.keep else scratch
            t0 = time.perf_counter()
            if not (Path(tmp) / "manifest.json").is_file():  # a kept index is measured again
                write_index(Path(tmp), size, pool, embedder.dimension, manifest, args.backend)
            build_s = time.perf_counter() - t0
            disk = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file())
            queue: mp.Queue = ctx.Queue()
            proc = ctx.Process(target=measure, args=(tmp, queries, queue))
            proc.start()
            row = queue.get()
            proc.join()
        row = {"chunks": size, "backend": args.backend, "write_seconds": round(build_s, 1),
               "disk_mb": round(disk / 2**20, 1), **row}  # fmt: skip
        rows.append(row)
        print(json.dumps(row), flush=True)
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |\n|" + "---|" * len(keys))
    for r in rows:
        print("| " + " | ".join(str(r[k]) for k in keys) + " |")
    if args.plot:
        plot(rows, args.plot)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        result = {"machine": machine(), "dense": "random unit vectors", "rows": rows}
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
