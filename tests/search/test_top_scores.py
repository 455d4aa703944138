"""The linear-time top-n and per-passage paragraph maximum give exactly what the sorting and
scattering versions gave, ties and zeros included."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from policybot.search.retrieve import Retriever, _runs


def _sorted_top(ids: list[str], scores: np.ndarray, n: int) -> list[str]:
    order = np.argsort(-scores, kind="stable")[:n]
    return [ids[i] for i in order if scores[i] > 0]


def test_top_equals_the_stable_sort() -> None:
    rng = np.random.default_rng(3)
    for size, n in ((1, 1), (10, 30), (500, 30), (2000, 1), (2000, 100)):
        ids = [f"c{i}" for i in range(size)]
        fake = SimpleNamespace(ids=ids)
        for scores in (
            rng.random(size).astype(np.float32),
            rng.integers(0, 4, size).astype(np.float32),  # many ties and zeros
            np.zeros(size, dtype=np.float32),
        ):
            assert Retriever._top(fake, scores, n) == _sorted_top(ids, scores, n)  # type: ignore[arg-type]


def test_top_within_a_pool_equals_the_masked_scores() -> None:
    """A named law's passages compete among themselves: looking at their positions only
    gives what zeroing every other passage gave (ties in passage order, zeros left out)."""
    rng = np.random.default_rng(5)
    size = 3000
    ids = [f"c{i}" for i in range(size)]
    fake = SimpleNamespace(ids=ids)
    for scores in (
        rng.random(size).astype(np.float32),
        rng.integers(0, 3, size).astype(np.float32),
    ):
        for pool_size, n in ((1, 30), (40, 30), (900, 30), (900, 1), (3000, 100)):
            pool = np.sort(rng.choice(size, pool_size, replace=False))
            mask = np.zeros(size, dtype=bool)
            mask[pool] = True
            masked = np.where(mask, scores, 0.0)
            expected = _sorted_top(ids, masked, n)
            assert Retriever._top(fake, scores, n, pool) == expected  # type: ignore[arg-type]


def test_paragraph_maximum_by_runs_equals_the_scatter() -> None:
    rng = np.random.default_rng(4)
    passages = 300
    counts = rng.integers(0, 5, passages)  # some passages have no paragraph
    part_of = np.repeat(np.arange(passages), counts)
    scores = rng.random(len(part_of)).astype(np.float32) * (rng.random(len(part_of)) > 0.3)
    expected = np.zeros(passages, dtype=np.float32)
    np.maximum.at(expected, part_of, scores)
    runs = _runs(part_of)
    assert runs is not None
    best = np.zeros(passages, dtype=np.float32)
    best[runs[1]] = np.maximum.reduceat(scores, runs[0])
    assert np.array_equal(best, expected)
    assert _runs(part_of[::-1].copy()) is None
