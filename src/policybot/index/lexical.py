"""BM25 over underthesea word tokens (bm25s), scored over the whole corpus for masking."""

from __future__ import annotations

import numpy as np


class Lexical:
    """A BM25 index over pre-tokenised passages, in the order of `ids`."""

    def __init__(self, ids: list[str], tokens: list[list[str]]) -> None:
        import bm25s

        self.ids = ids
        self._bm25 = bm25s.BM25()
        self._empty = not ids
        if ids:
            self._bm25.index([t or [""] for t in tokens], show_progress=False)
        self._df: dict[str, int] = {}
        for toks in tokens:
            for t in set(toks):
                self._df[t] = self._df.get(t, 0) + 1

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage; zero where no query token occurs."""
        if self._empty or not query_tokens:
            return np.zeros(len(self.ids), dtype=np.float32)
        vocab = self._bm25.vocab_dict
        known = [t for t in query_tokens if t in vocab]
        if not known:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def document_frequency(self, token: str) -> int:
        """How many passages contain `token`: the answerer's measure of how telling a word is."""
        return int(self._df.get(token, 0))
