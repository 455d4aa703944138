"""Exact cosine search over a store's vectors held in memory.

chromadb answers queries from an HNSW graph. On our corpora that graph loses the true
nearest passages for some questions (a question's vector lies outside the cloud of passage
vectors it was built from): asked of the real-documents index, one question's five
nearest passages (cosine 0.87-0.91) were all missing from its top 30, which began at 0.85.
Up to EXACT_MAX vectors (150 MB at 384 dimensions) a matrix product over all of them costs
a few milliseconds, is exact, and gives the same answer in every process.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

EXACT_MAX = 100_000  # above this many vectors, the store's own (approximate) index is used


class ExactSearch:
    """Every vector of a store, unit length, with its id; searched by cosine."""

    def __init__(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        self.ids = list(ids)
        matrix = np.asarray(vectors, dtype=np.float32).reshape(len(self.ids), -1)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self._matrix = matrix / np.where(norms == 0, 1.0, norms)
        self._row = {cid: i for i, cid in enumerate(self.ids)}

    def top(
        self, vector: np.ndarray, n: int, ids: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """The n ids nearest to `vector` by cosine, nearest first (ties in store order),
        among `ids` when given (ids the store lacks are skipped)."""
        if n <= 0 or not self.ids:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        norm = float(np.linalg.norm(query))
        if norm == 0 or query.shape[0] != self._matrix.shape[1]:
            return []
        rows = (
            np.arange(len(self.ids))
            if ids is None
            else np.asarray(sorted({self._row[c] for c in ids if c in self._row}), dtype=np.int64)
        )
        if not len(rows):
            return []
        scores = self._matrix[rows] @ (query / norm)
        order = np.argsort(-scores, kind="stable")[:n]
        return [(self.ids[rows[i]], float(scores[i])) for i in order]
