"""Exact cosine search: the nearest vectors by a full matrix product, the same in every
process, restricted to given ids; and chromadb's store answers with it, seeing its writes."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy as np

from policybot.index.exact_vectors import ExactSearch
from policybot.index.vectors import VectorStore

DIM = 24


def _cloud(n: int, seed: int) -> np.ndarray:
    # passage vectors bunched in one cone, as a sentence embedder's are
    rng = np.random.default_rng(seed)
    return np.ones(DIM, dtype=np.float32) * 3 + rng.standard_normal((n, DIM)).astype(np.float32)


def _brute(vecs: np.ndarray, query: np.ndarray, n: int) -> list[int]:
    unit = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    return [int(i) for i in np.argsort(-(unit @ (query / np.linalg.norm(query))))[:n]]


def test_the_nearest_by_cosine_in_order_and_within_the_ids_given() -> None:
    vecs = _cloud(500, 1)
    ids = [f"p{i}" for i in range(500)]
    search = ExactSearch(ids, vecs * 7.5)  # lengths do not matter, directions do
    query = np.random.default_rng(2).standard_normal(DIM).astype(np.float32)
    found = search.top(query, 10)
    assert [cid for cid, _ in found] == [ids[i] for i in _brute(vecs, query, 10)]
    assert all(a[1] >= b[1] for a, b in pairwise(found))
    allowed = [*ids[100:200], "not-stored"]
    within = search.top(query, 5, allowed)
    assert [cid for cid, _ in within] == [ids[100 + i] for i in _brute(vecs[100:200], query, 5)]
    assert search.top(query, 0) == [] and search.top(np.zeros(DIM), 3) == []


def test_the_chroma_store_answers_exactly_and_sees_its_own_writes(tmp_path: Path) -> None:
    store = VectorStore(tmp_path / "chroma")
    vecs = _cloud(1500, 3)
    ids = [f"p{i}" for i in range(1500)]
    store.upsert(ids, vecs, ["doc"] * 1500)
    query = np.random.default_rng(4).standard_normal(DIM).astype(np.float32)
    assert [cid for cid, _ in store.query(query, 30)] == [ids[i] for i in _brute(vecs, query, 30)]
    # a vector written after the first query is found by the next one
    store.upsert(["new"], (query * 2)[None, :], ["doc"])
    assert store.query(query, 1)[0][0] == "new"
    store.delete(["new"])
    assert store.query(query, 1)[0][0] == ids[_brute(vecs, query, 1)[0]]


def test_a_chunk_replaced_one_for_one_by_another_process_is_seen(tmp_path: Path) -> None:
    server = VectorStore(tmp_path / "chroma")  # a server's store, its vectors in memory
    vecs = _cloud(300, 5)
    ids = [f"p{i}" for i in range(300)]
    server.upsert(ids, vecs, ["doc"] * 300)
    query = np.random.default_rng(6).standard_normal(DIM).astype(np.float32)
    assert server.query(query, 1)[0][0] != "new"
    ingest = VectorStore(tmp_path / "chroma")  # an ingest beside it: as many vectors after
    ingest.delete(["p0"])
    ingest.upsert(["new"], (query * 2)[None, :], ["doc"])
    assert server.count() == 300
    assert server.query(query, 1)[0][0] == "new"
