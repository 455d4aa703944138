"""The vector store: chunk vectors in a chromadb collection, a local folder or a server.

Kept apart from the index folder (store.py) because it is the one part that talks to chromadb.
Vectors are always computed by policybot and handed to chromadb; its default embedder is
never used (it is English and downloads a model at run time).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Collection
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from policybot.errors import PolicybotError
from policybot.index.exact_vectors import EXACT_MAX, ExactSearch
from policybot.index.store import IndexDir, brief, damaged

if TYPE_CHECKING:
    from policybot.config import Settings

COLLECTION = "chunks"


class VectorIndex(Protocol):
    """What ingest and retrieval ask of a vector store (chromadb, mapped_vectors.py)."""

    path: Path

    def check_covers(self, chunks: int) -> None: ...

    def count(self) -> int: ...

    def ids(self) -> set[str]: ...

    def upsert(self, ids: list[str], vectors: np.ndarray, doc_ids: list[str]) -> None: ...

    def delete(self, ids: list[str]) -> None: ...

    def query(
        self, vector: np.ndarray, n: int, ids: list[str] | None = None
    ) -> list[tuple[str, float]]: ...

    def commit(self, keep: Collection[str]) -> str: ...

    def reset(self) -> None: ...


class VectorStore:
    """A chromadb collection of chunk vectors (cosine), local folder or `chroma run` server."""

    def __init__(self, path: Path, server_url: str | None = None, must_exist: bool = False) -> None:
        """Open (or create) the collection. With must_exist, a missing or unreadable local
        folder is an error that says how to rebuild, instead of a silently empty store."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self.path = Path(path)
        self._exact: ExactSearch | None = None  # all vectors in memory (exact_vectors.py)
        self._exact_key: tuple[int, int, int] = (0, 0, 0)
        self._exact_lock = threading.Lock()
        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        root = self.path.parent
        try:
            if server_url:
                from urllib.parse import urlparse

                url = urlparse(server_url)
                self._client = chromadb.HttpClient(
                    host=url.hostname or "127.0.0.1",
                    port=url.port or 8000,
                    ssl=url.scheme == "https",
                    settings=chroma_settings,
                )
            else:
                if must_exist and not (self.path / "chroma.sqlite3").is_file():
                    raise damaged(root, f"the vector store {self.path.name}/ is missing")
                self.path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(
                    path=str(self.path), settings=chroma_settings
                )
            self._collection = self._client.get_or_create_collection(
                COLLECTION, embedding_function=None, metadata={"hnsw:space": "cosine"}
            )
            self._collection.count()
        except PolicybotError:
            raise
        except Exception as exc:
            raise damaged(
                root, f"the vector store {self.path.name}/ cannot be opened ({brief(exc)})"
            ) from exc

    def check_covers(self, chunks: int) -> None:
        """The store holds at least a vector per chunk of the tables; else dense search
        would silently miss. A count, not the id list: materialising a million ids costs
        seconds and hundreds of MB at every load. Ingest writes every chunk's vector before
        the manifest that names the chunk commits, and a killed ingest only ever leaves
        extra vectors (ignored by search), so a store with fewer vectors than chunks is
        the damage this can meet (a lost or replaced folder, deleted vectors)."""
        try:
            found = self.count()
        except Exception as exc:
            raise damaged(
                self.path.parent, f"the vector store cannot be read ({brief(exc)})"
            ) from exc
        if found < chunks:
            raise damaged(self.path.parent, f"{chunks - found} chunks have no vector")

    def count(self) -> int:
        return int(self._collection.count())

    def ids(self) -> set[str]:
        return set(self._collection.get(include=[])["ids"])

    def upsert(self, ids: list[str], vectors: np.ndarray, doc_ids: list[str]) -> None:
        self._exact = None
        step = 1000
        for i in range(0, len(ids), step):
            self._collection.upsert(
                ids=ids[i : i + step],
                embeddings=vectors[i : i + step],
                metadatas=[{"doc_id": d} for d in doc_ids[i : i + step]],
            )

    def delete(self, ids: list[str]) -> None:
        self._exact = None
        step = 1000
        for i in range(0, len(ids), step):
            self._collection.delete(ids=ids[i : i + step])

    def query(
        self, vector: np.ndarray, n: int, ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        total = self.count()
        if total == 0 or n <= 0 or (ids is not None and not ids):
            return []
        if total <= EXACT_MAX:
            return self._exact_search(total).top(vector, n, ids)
        res = self._collection.query(
            query_embeddings=[vector],
            n_results=min(n, total if ids is None else len(ids)),
            ids=ids,
            include=["distances"],
        )
        found = res["ids"][0]
        dists = (res.get("distances") or [[0.0] * len(found)])[0]
        return [(cid, 1.0 - float(d)) for cid, d in zip(found, dists, strict=False)]

    def _exact_search(self, total: int) -> ExactSearch:
        """Every vector in memory, read again when the store changed: written here, or by
        another process (an ingest beside a server: its file's time and size change even
        when a chunk is replaced one for one). One thread reads; the others wait for it."""
        key = (total, *self._written())
        with self._exact_lock:
            if self._exact is None or self._exact_key != key:
                got = self._collection.get(include=["embeddings"])
                vectors = np.asarray(got["embeddings"], dtype=np.float32)
                self._exact, self._exact_key = ExactSearch(got["ids"], vectors), key
            return self._exact

    def _written(self) -> tuple[int, int]:
        """When and how much the local store's database file was last written ((0, 0) for
        a server, whose count alone tells)."""
        try:
            stat = (self.path / "chroma.sqlite3").stat()
        except OSError:
            return (0, 0)
        return (stat.st_mtime_ns, stat.st_size)

    def commit(self, keep: Collection[str]) -> str:
        """The folder the manifest names: this one (chromadb is updated in place; vectors
        the tables no longer keep are deleted after the manifest commits)."""
        return self.path.name

    def reset(self) -> None:
        self._exact = None
        self._client.delete_collection(COLLECTION)
        self._collection = self._client.get_or_create_collection(
            COLLECTION, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )


MAPPED_PREFIX = "vectors-"  # folders of the memory-mapped store (mapped_vectors.py)


def open_store(path: Path, settings: Settings, must_exist: bool = False) -> VectorIndex:
    """The store in the folder `path`: a memory-mapped one for vectors-* folders, else
    chromadb (a local folder, or the `chroma_url` server)."""
    if path.name.startswith(MAPPED_PREFIX):
        from policybot.index.mapped_vectors import MappedVectorStore

        return MappedVectorStore(
            path, must_exist, settings.vectors.nprobe, settings.vectors.ivf_min_rows
        )
    return VectorStore(path, server_url=settings.chroma_url or None, must_exist=must_exist)


# The ids of the collection's records, as chromadb's SQLite file holds them (its metadata
# segment is written in the same transaction as the vectors' log the vector segment replays).
_IDS_SQL = """
SELECT e.embedding_id FROM embeddings e
JOIN segments s ON s.id = e.segment_id AND s.scope = 'METADATA'
JOIN collections c ON c.id = s.collection AND c.name = ?
"""


def stored_ids(path: Path, settings: Settings) -> set[str] | None:
    """The ids of the vectors in the local chromadb folder `path`, read from its SQLite file
    read-only, without opening chromadb (whose client costs a second and writes to that
    file). None when they cannot be known so: a server, another backend, a missing folder,
    a file not laid out as expected; the caller then opens the store."""
    db = path / "chroma.sqlite3"
    if settings.chroma_url or path.name.startswith(MAPPED_PREFIX) or not db.is_file():
        return None
    try:
        with closing(sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)) as con:
            return {row[0] for row in con.execute(_IDS_SQL, (COLLECTION,))}
    except sqlite3.Error:
        return None


def store_dir(index: IndexDir, settings: Settings, fresh: bool = False) -> Path:
    """The folder of the store the manifest names; for an index not written yet, or with
    `fresh` (a rebuild), a new folder of the configured backend."""
    mapped = settings.vectors.backend == "faiss"
    if fresh:
        return index.fresh_vectors_dir(MAPPED_PREFIX if mapped else "chroma-")
    if index.exists():
        return index.vectors_dir()
    return index.root / (f"{MAPPED_PREFIX}new" if mapped else index.chroma.name)
