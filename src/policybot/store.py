"""The index on disk: chromadb for vectors, JSON tables for documents and chunks, a manifest.

Vectors are always computed by policybot and handed to chromadb; its default embedder is
never used (it is English and downloads a model at run time).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from policybot.errors import IndexMismatchError, IndexMissingError, PolicybotError
from policybot.types import Chunk, Instrument

SCHEMA_VERSION = 1
COLLECTION = "chunks"


def atomic_write(path: Path, text: str) -> None:
    """Write to a temp file in the same folder, fsync, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def chunk_to_record(chunk: Chunk, tokens: list[str]) -> dict[str, Any]:
    return {
        "id": chunk.id,
        "doc_id": chunk.doc_id,
        "text": chunk.text,
        "title": chunk.title,
        "heading": chunk.heading,
        "page": chunk.page,
        "ordinal": chunk.ordinal,
        "start": chunk.start,
        "instruments": [i.to_dict() for i in chunk.instruments],
        "lead": chunk.lead,
        "tokens": tokens,
    }


def chunk_from_record(rec: dict[str, Any]) -> Chunk:
    return Chunk(
        id=rec["id"],
        doc_id=rec["doc_id"],
        text=rec["text"],
        title=rec["title"],
        heading=rec.get("heading", ""),
        page=rec.get("page"),
        ordinal=rec.get("ordinal", 0),
        start=rec.get("start", 0),
        instruments=tuple(Instrument.from_dict(i) for i in rec.get("instruments", [])),
        lead=rec.get("lead", ""),
    )


@dataclass
class Tables:
    """Documents and chunks as plain records; what BM25, filters and citations read."""

    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    chunks: dict[str, dict[str, Any]] = field(default_factory=dict)


class IndexDir:
    """File layout of an index folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.manifest = self.root / "manifest.json"
        self.documents = self.root / "documents.json"
        self.chunks = self.root / "chunks.jsonl"
        self.chroma = self.root / "chroma"
        self.lock = self.root / ".ingest.lock"

    def exists(self) -> bool:
        return self.manifest.exists()

    def read_manifest(self) -> dict[str, Any]:
        if not self.manifest.exists():
            raise IndexMissingError(
                f"no index in {self.root}/: run `policybot ingest` (or `make run`) first"
            )
        try:
            data: dict[str, Any] = json.loads(self.manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PolicybotError(
                f"index manifest {self.manifest} is unreadable ({exc}); "
                "rebuild with `policybot ingest --rebuild`"
            ) from exc
        return data

    def read_tables(self) -> Tables:
        try:
            docs = json.loads(self.documents.read_text(encoding="utf-8"))
            chunks: dict[str, dict[str, Any]] = {}
            with self.chunks.open(encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        rec = json.loads(line)
                        chunks[rec["id"]] = rec
        except (OSError, ValueError, KeyError) as exc:
            raise PolicybotError(
                f"index in {self.root}/ is damaged ({exc}); "
                "rebuild with `policybot ingest --rebuild`"
            ) from exc
        return Tables(documents=docs, chunks=chunks)

    def write_tables(self, tables: Tables) -> None:
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in tables.chunks.values())
        atomic_write(self.chunks, lines)
        atomic_write(self.documents, json.dumps(tables.documents, ensure_ascii=False, indent=1))

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        atomic_write(self.manifest, json.dumps(manifest, ensure_ascii=False, indent=2))


def check_manifest(found: dict[str, Any], expected: dict[str, Any], root: Path) -> None:
    """Refuse to query or extend an index built with other settings."""
    if found.get("schema") != SCHEMA_VERSION:
        raise IndexMismatchError(
            f"index in {root}/ has format {found.get('schema')}, this policybot reads "
            f"{SCHEMA_VERSION}: rebuild with `policybot ingest --rebuild`"
        )
    for key in ("embedder", "dimension", "chunking", "tokenizer"):
        if found.get(key) != expected.get(key):
            raise IndexMismatchError(
                f"index in {root}/ was built with {key}={found.get(key)!r} but the current "
                f"settings use {expected.get(key)!r}: use the same settings, or rebuild with "
                "`policybot ingest --rebuild`"
            )


class VectorStore:
    """A chromadb collection of chunk vectors (cosine), local folder or `chroma run` server."""

    def __init__(self, path: Path, server_url: str | None = None) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
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
            path.mkdir(parents=True, exist_ok=True)
            self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        self._collection = self._client.get_or_create_collection(
            COLLECTION, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    def count(self) -> int:
        return int(self._collection.count())

    def ids(self) -> set[str]:
        return set(self._collection.get(include=[])["ids"])

    def upsert(self, ids: list[str], vectors: np.ndarray, doc_ids: list[str]) -> None:
        step = 1000
        for i in range(0, len(ids), step):
            self._collection.upsert(
                ids=ids[i : i + step],
                embeddings=vectors[i : i + step],
                metadatas=[{"doc_id": d} for d in doc_ids[i : i + step]],
            )

    def delete(self, ids: list[str]) -> None:
        step = 1000
        for i in range(0, len(ids), step):
            self._collection.delete(ids=ids[i : i + step])

    def query(
        self, vector: np.ndarray, n: int, ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        total = self.count()
        if total == 0 or n <= 0 or (ids is not None and not ids):
            return []
        res = self._collection.query(
            query_embeddings=[vector],
            n_results=min(n, total if ids is None else len(ids)),
            ids=ids,
            include=["distances"],
        )
        found = res["ids"][0]
        dists = (res.get("distances") or [[0.0] * len(found)])[0]
        return [(cid, 1.0 - float(d)) for cid, d in zip(found, dists, strict=False)]

    def reset(self) -> None:
        self._client.delete_collection(COLLECTION)
        self._collection = self._client.get_or_create_collection(
            COLLECTION, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )
