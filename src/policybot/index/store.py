"""The index folder on disk: JSON tables for documents and chunks, and the manifest naming them.

The manifest is what makes an ingest all-or-nothing and what refuses a query against an index
built with other settings. The vectors live beside the tables in a chromadb folder the
manifest names; vectors.py opens it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import secrets
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from policybot.errors import IndexMismatchError, IndexMissingError
from policybot.index import table_db
from policybot.index.table_db import brief, damaged
from policybot.types import Chunk, Instrument

if TYPE_CHECKING:
    from policybot.config import Settings
    from policybot.index.embed import Embedder

SCHEMA_VERSION = 1


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable: without this a power cut can undo it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
    _fsync_dir(path.parent)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of small lists and dicts are made
    (tables read, indexes built): its full passes over them made loading superlinear."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


class TableView(Protocol):
    """Records by id, in memory (Tables) or on disk (StoredTables): what readers need."""

    @property
    def documents(self) -> Mapping[str, dict[str, Any]]: ...

    @property
    def chunks(self) -> Mapping[str, dict[str, Any]]: ...


class StoredTables:
    """The tables of a loaded index, read from their SQLite file on demand (table_db.py)."""

    def __init__(self, db: table_db.TableFile) -> None:
        self.db = db
        self.documents = table_db.DocumentRecords(db, db.documents)
        self.chunks = table_db.ChunkRecords(db, db.chunks)


class IndexDir:
    """File layout of an index folder.

    An index is one *generation* of files named by the manifest: the table file
    (tables-GEN.sqlite, table_db.py: documents and passages; older indexes have JSON
    tables, chunks-GEN.jsonl and documents-GEN.json), the lexical indexes built from the
    chunk table (lexical-GEN/, lexical.py) and the vector store. An ingest writes new
    files beside the current ones and then replaces the manifest in one atomic rename: that
    rename is the commit. Killed at any moment before it, the old manifest still names
    complete old files; files no manifest names are removed by the next ingest. The manifest
    holds the sha256 of each table and the table file's size and change counter, so a
    truncated or edited table is detected on load instead of giving wrong answers.
    """

    LEGACY_TABLES: ClassVar[dict[str, str]] = {
        "chunks": "chunks.jsonl",
        "documents": "documents.json",
    }

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.manifest = self.root / "manifest.json"
        self.chroma = self.root / "chroma"  # vectors of an index whose manifest names none
        self.lock = self.root / ".ingest.lock"

    def exists(self) -> bool:
        return self.manifest.exists()

    def read_manifest(self) -> dict[str, Any]:
        if not self.manifest.exists():
            raise IndexMissingError(
                f"no index in {self.root}/: run `policybot ingest` (or `make run`) first"
            )
        try:
            data = json.loads(self.manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise damaged(self.root, f"manifest.json is unreadable ({brief(exc)})") from exc
        if not isinstance(data, dict) or "schema" not in data:
            raise damaged(self.root, "manifest.json is not a policybot manifest")
        return data

    def vectors_dir(self, manifest: dict[str, Any] | None = None) -> Path:
        """The chromadb folder the manifest names (index/chroma for older indexes)."""
        if manifest is None:
            manifest = self.read_manifest() if self.exists() else {}
        name = manifest.get("vectors", self.chroma.name)
        if not isinstance(name, str) or not _SAFE_NAME.fullmatch(name):
            raise damaged(self.root, f"manifest names a bad vector folder {name!r}")
        return self.root / name

    def fresh_vectors_dir(self, prefix: str = "chroma-") -> Path:
        """A new, empty folder name for a rebuild, so the current vectors stay untouched."""
        return self.root / f"{prefix}{new_generation()}"

    def lexical_dir(self, manifest: dict[str, Any]) -> Path | None:
        """The folder of saved lexical indexes the manifest names (None for older indexes,
        whose lexical indexes are built at load)."""
        name = manifest.get("lexical")
        if name is None:
            return None
        if not isinstance(name, str) or not _SAFE_NAME.fullmatch(name):
            raise damaged(self.root, f"manifest names a bad lexical folder {name!r}")
        return self.root / name

    def fresh_lexical_dir(self) -> Path:
        return self.root / f"lexical-{new_generation()}"

    def _table_paths(self, manifest: dict[str, Any]) -> dict[str, Path]:
        """{"db": file} for an index of table files, {"chunks", "documents"} for JSON ones."""
        tables = manifest.get("tables", self.LEGACY_TABLES)
        keys = ("db",) if isinstance(tables, dict) and "db" in tables else ("chunks", "documents")
        paths: dict[str, Path] = {}
        for key in keys:
            name = tables.get(key) if isinstance(tables, dict) else None
            if not isinstance(name, str) or not _SAFE_NAME.fullmatch(name):
                raise damaged(self.root, f"manifest names a bad {key} table {name!r}")
            paths[key] = self.root / name
        return paths

    def read_tables(self, manifest: dict[str, Any] | None = None, tokens: bool = True) -> Tables:
        """Every record of the tables, in memory (ingest, index builds, tests)."""
        tables = self._tables(manifest, tokens, lazy=False)
        assert isinstance(tables, Tables)
        return tables

    def open_tables(
        self, manifest: dict[str, Any] | None = None, tokens: bool = False
    ) -> Tables | StoredTables:
        """A table file opened, records read on demand (JSON tables: read whole)."""
        return self._tables(manifest, tokens=tokens, lazy=True)

    def _tables(
        self, manifest: dict[str, Any] | None, tokens: bool, lazy: bool
    ) -> Tables | StoredTables:
        """The tables the manifest names, checked against it. Without `tokens`, chunk
        records drop their word tokens (only ingest and index building need them). With
        `lazy`, a table file is opened, not read: records are fetched on demand, and the
        checks are the constant-time ones (size, SQLite's change counter, row counts; see
        table_db.py); without it every byte is read and checked against the sha256."""
        manifest = manifest if manifest is not None else self.read_manifest()
        paths = self._table_paths(manifest)
        if "db" not in paths:
            return self._read_json_tables(manifest, paths, tokens)
        path = paths["db"]
        stamp = manifest.get("table_file") or {}
        try:
            size = path.stat().st_size
            counter = table_db.change_counter(path)
        except (OSError, ValueError) as exc:
            raise damaged(self.root, f"{path.name} is missing ({brief(exc)})") from exc
        if size != stamp.get("bytes") or counter != stamp.get("counter"):
            raise damaged(self.root, f"{path.name} does not match the manifest")
        if not lazy and table_db.file_sha256(path) != (manifest.get("sha256") or {}).get("db"):
            raise damaged(self.root, f"{path.name} does not match the manifest")
        try:
            stored = StoredTables(table_db.TableFile(path))
            for key, found in (("documents", stored.db.documents), ("chunks", stored.db.chunks)):
                if manifest.get(key) != found:
                    raise damaged(
                        self.root, f"{found} {key} on disk, the manifest says {manifest.get(key)}"
                    )
            if lazy and not tokens:  # with tokens (no saved lexical indexes): read whole
                return stored
            with gc_paused():
                docs = dict(stored.documents.records())
                chunks = dict(stored.chunks.records())
                if tokens:
                    rows = stored.db.stream("SELECT id, tokens FROM chunks ORDER BY pos")
                    for cid, toks in rows:
                        chunks[cid]["tokens"] = json.loads(toks)
        except (sqlite3.Error, ValueError, KeyError, TypeError) as exc:
            raise damaged(self.root, f"a table cannot be read ({brief(exc)})") from exc
        tables = Tables(documents=docs, chunks=chunks)
        _check_tables(tables, manifest, self.root)
        return tables

    def _read_json_tables(
        self, manifest: dict[str, Any], paths: dict[str, Path], tokens: bool
    ) -> Tables:
        """The JSON tables of an index written before table files."""
        sums = manifest.get("sha256") or {}
        raw: dict[str, bytes] = {}
        for key, path in paths.items():
            try:
                raw[key] = path.read_bytes()
            except OSError as exc:
                raise damaged(self.root, f"{path.name} is missing ({brief(exc)})") from exc
            if key in sums and hashlib.sha256(raw[key]).hexdigest() != sums[key]:
                raise damaged(self.root, f"{path.name} does not match the manifest")
        try:
            with gc_paused():
                docs = json.loads(raw["documents"].decode("utf-8"))
                chunks: dict[str, dict[str, Any]] = {}
                for line in raw["chunks"].decode("utf-8").splitlines():
                    if line.strip():
                        rec = json.loads(line)
                        if not tokens:
                            rec.pop("tokens", None)
                        chunks[rec["id"]] = rec
        except (ValueError, KeyError, TypeError) as exc:
            raise damaged(self.root, f"a table cannot be read ({brief(exc)})") from exc
        tables = Tables(documents=docs, chunks=chunks)
        _check_tables(tables, manifest, self.root)
        return tables

    def write_generation(self, tables: Tables) -> dict[str, Any]:
        """Write the tables as a new file; return what the manifest must say about it."""
        name = f"tables-{new_generation()}.sqlite"
        self.root.mkdir(parents=True, exist_ok=True)
        stamp = table_db.write(self.root / name, tables.documents, tables.chunks)
        _fsync_dir(self.root)
        return {
            "tables": {"db": name},
            "sha256": {"db": stamp["sha256"]},
            "table_file": {"bytes": stamp["bytes"], "counter": stamp["counter"]},
        }

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        atomic_write(self.manifest, json.dumps(manifest, ensure_ascii=False, indent=2))

    def remove_unused(self, manifest: dict[str, Any]) -> list[str]:
        """Delete table files, vector folders and temp files the manifest does not name:
        what a killed or superseded ingest left behind (and files of the kind, same prefix
        and suffix, of those in `derived.files`). Returns the names removed."""
        files = (manifest.get("derived") or {}).get("files", [])
        keep = {p.name for p in self._table_paths(manifest).values()} | set(files)
        kinds = {(f.split("-", 1)[0] + "-", Path(f).suffix) for f in files if "-" in f}
        keep |= {d.name for d in (self.vectors_dir(manifest), self.lexical_dir(manifest)) if d}
        removed: list[str] = []
        for path in self.root.iterdir():
            name = path.name
            ours = (
                _GENERATION_FILE.fullmatch(name)
                or name in self.LEGACY_TABLES.values()
                or name == self.chroma.name
                or name.startswith(("chroma-", "vectors-", "lexical-"))
                or (name.startswith(".") and name.endswith(".tmp"))
                or any(name.startswith(k) and name.endswith(x) for k, x in kinds)
            )
            if not ours or name in keep:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(name)
        return sorted(removed)


_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,100}")
_GENERATION_FILE = re.compile(
    r"(?:chunks-[\w-]+\.jsonl|documents-[\w-]+\.json|tables-[\w-]+\.sqlite)"
)


def new_generation() -> str:
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}"


def _check_tables(tables: Tables, manifest: dict[str, Any], root: Path) -> None:
    """The two tables agree with each other and with the counts in the manifest."""
    if not isinstance(tables.documents, dict):
        raise damaged(root, "the document table is not a JSON object")
    for key, found in (("documents", len(tables.documents)), ("chunks", len(tables.chunks))):
        expected = manifest.get(key)
        if isinstance(expected, int) and expected != found:
            raise damaged(root, f"{found} {key} on disk, the manifest says {expected}")
    for doc_id, rec in tables.documents.items():
        missing = [cid for cid in rec.get("chunk_ids", []) if cid not in tables.chunks]
        if missing:
            raise damaged(root, f"document {doc_id!r} lists {len(missing)} chunks that are gone")
    orphans = sum(1 for rec in tables.chunks.values() if rec.get("doc_id") not in tables.documents)
    if orphans:
        raise damaged(root, f"{orphans} chunks belong to no document")


def expected_manifest(settings: Settings, embedder: Embedder) -> dict[str, Any]:
    """What a manifest must say for these settings and this embedder to read the index."""
    return {
        "schema": SCHEMA_VERSION,
        "embedder": embedder.name,
        "dimension": embedder.dimension,
        "chunking": settings.chunking.model_dump(),
        "tokenizer": "underthesea-words-lower-modern-tones-abbreviations-spelled",
    }


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
