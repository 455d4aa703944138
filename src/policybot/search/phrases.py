"""Phrase overlap: how much of a question's wording a passage repeats in the same order.

BM25 counts words one by one, so a passage that shares "tài sản", "riêng" and "chung"
scattered over three clauses scores like one that says "tài sản riêng … tài sản chung".
Vietnamese meaning sits in syllable pairs ("hộ khẩu", "phúc thẩm"), so the share of the
question's adjacent syllable pairs a passage contains, each pair weighted by how rare its
syllables are, separates a restated clause from a passage that merely shares vocabulary.
It is computed only for the few dozen candidates a search ranks, from their text, so it
needs no index of its own; a bounded cache keeps the pairs of recently ranked passages.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from itertools import pairwise

import numpy as np

from policybot.text.segment import syllables


def pair_keys(tokens: Sequence[str]) -> list[int]:
    """Adjacent syllable pairs as hashes (stable within the process that compares them)."""
    return [hash(pair) for pair in pairwise(tokens)]


class PhraseScorer:
    """Idf-weighted share of a query's syllable pairs found in each passage."""

    def __init__(self, idf: Callable[[str], float], cache_size: int = 4096) -> None:
        self._idf = idf
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size

    def _pairs(self, key: str, text: str) -> np.ndarray:
        pairs = self._cache.get(key)
        if pairs is None:
            pairs = np.unique(np.asarray(pair_keys(syllables(text)), dtype=np.int64))
            self._cache[key] = pairs
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return pairs

    def coverage(self, query: Sequence[str], passages: Sequence[tuple[str, str]]) -> np.ndarray:
        """For each (key, text) passage, the weighted share in [0, 1] of the query's pairs
        it contains; a pair weighs the mean idf of its two syllables. Zero for a one-word
        query (no pairs)."""
        weights: dict[int, float] = {}
        for a, b in pairwise(query):
            weights[hash((a, b))] = (self._idf(a) + self._idf(b)) / 2
        out = np.zeros(len(passages), dtype=np.float32)
        total = sum(weights.values())
        if not weights or total <= 0:
            return out
        keys = np.fromiter(weights, dtype=np.int64, count=len(weights))
        w = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
        for i, (key, text) in enumerate(passages):
            found = np.isin(keys, self._pairs(key, text), assume_unique=True)
            out[i] = float(w[found].sum() / total)
        return out
