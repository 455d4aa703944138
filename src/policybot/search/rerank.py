"""Cross-encoder reranking of the blend's best candidates, when a model is configured.

A cross-encoder reads the question and a passage together, so it can see a paraphrase
that the embedder and BM25 miss; it costs one model pass per candidate, which is why it
reads only the top of the blend and is off unless a model is named (settings.rerank).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from policybot.config import RerankSettings
from policybot.errors import PolicybotError


class Reranker(Protocol):
    """Scores (question, passage) pairs; higher is more relevant. It reorders the best
    `candidates` passages of the blend."""

    name: str
    candidates: int

    def scores(self, question: str, passages: Sequence[str]) -> np.ndarray: ...


class CrossEncoderReranker:
    """A sentence-transformers CrossEncoder from a local folder or a model name."""

    def __init__(self, settings: RerankSettings) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import CrossEncoder
        except ImportError as exc:  # pragma: no cover - install problem
            raise PolicybotError("the reranker needs `pip install sentence-transformers`") from exc
        try:
            self._model = CrossEncoder(
                settings.model, device=settings.device, max_length=settings.max_length
            )
        except Exception as exc:
            raise PolicybotError(
                f"cannot load reranker model {settings.model!r}: {type(exc).__name__}: {exc}"
            ) from exc
        self._batch = settings.batch_size
        self.candidates = settings.candidates
        self.name = f"cross-encoder/{settings.model}"

    def scores(self, question: str, passages: Sequence[str]) -> np.ndarray:
        if not passages:
            return np.zeros(0, dtype=np.float32)
        pairs = [(question, p) for p in passages]
        found = self._model.predict(pairs, batch_size=self._batch, show_progress_bar=False)
        return np.asarray(found, dtype=np.float32).reshape(len(passages), -1)[:, -1]


def rerank(reranker: Reranker, question: str, ids: list[str], texts: list[str]) -> list[str]:
    """`ids` in the reranker's order (ties keep their order)."""
    order = np.argsort(-reranker.scores(question, texts), kind="stable")
    return [ids[i] for i in order]
