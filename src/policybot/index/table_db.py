"""The index tables of one generation in one SQLite file, read on demand.

A JSON chunk table has to be parsed whole by every process that loads the index: 200 MB
and tens of seconds at 100k passages. Here the documents and passages are rows of one
SQLite file (stdlib sqlite3) written once by ingest and never changed afterwards; a loaded
index opens it read-only and fetches a record by id when a hit, a filter or a citation
needs it. What retrieval needs per question beyond a record (a document's passages in
order, the passages headed "Điều N", those that name an instrument) are indexed columns.

Integrity. The manifest records the file's sha256, its size and SQLite's own change
counter (header bytes 24-27, bumped by every write transaction). Load checks size,
counter and the row counts kept in the file (constant time): a truncated, extended or
rewritten file is refused at start. The sha256 covers every byte; it is checked when ingest
reads the tables in full (it must read them anyway), not at every load, which would read
gigabytes at national scale. A page damaged in place is met by SQLite's own page checks
when it is read, and becomes the same "damaged, rebuild" error.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from policybot.errors import PolicybotError
from policybot.text.ref_keys import number_keys
from policybot.text.source_names import source_of

ARTICLE_REF = re.compile(r"\bĐiều\s+(\d+[a-z]?)\b", re.IGNORECASE)

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents(
  id TEXT PRIMARY KEY, title TEXT NOT NULL, source TEXT, rec TEXT NOT NULL);
CREATE INDEX documents_source ON documents(source, id) WHERE source IS NOT NULL;
CREATE TABLE chunks(
  pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc_id TEXT NOT NULL,
  rec TEXT NOT NULL, tokens TEXT NOT NULL);
CREATE INDEX chunks_doc ON chunks(doc_id, pos);
CREATE TABLE numbers(key TEXT NOT NULL, pos INTEGER NOT NULL);
CREATE INDEX numbers_key ON numbers(key, pos);
CREATE TABLE articles(number TEXT NOT NULL, pos INTEGER NOT NULL);
CREATE INDEX articles_number ON articles(number, pos);
"""


REBUILD = "rebuild it with `policybot ingest --rebuild`"


def damaged(root: Path, what: str) -> PolicybotError:
    """The error for an index that cannot be trusted: what is wrong and how to rebuild."""
    return PolicybotError(f"index in {root}/ is damaged: {what}; {REBUILD}")


def brief(exc: BaseException) -> str:
    """An exception as one short line, to quote inside a message shown to users."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"


def articles_of(title: str, heading: str) -> set[str]:
    """The article numbers a passage is headed with ("Điều 143" -> "143")."""
    return {n.lower() for n in ARTICLE_REF.findall(f"{title} {heading}")}


def instrument_keys(rec: dict[str, Any]) -> set[str]:
    """The number keys (refs.number_keys) of the instruments a passage names."""
    keys: set[str] = set()
    for inst in rec.get("instruments", []):
        keys |= number_keys(inst.get("number"))
    return keys


def write(
    path: Path, documents: Mapping[str, dict[str, Any]], chunks: Mapping[str, dict[str, Any]]
) -> dict[str, Any]:
    """Write the tables into a new file at `path` (synced); return what the manifest keeps."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        con.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?)",
            (
                (
                    d,
                    str(r.get("title", "")),
                    source_of(str(r.get("title", ""))),
                    json.dumps(r, ensure_ascii=False),
                )
                for d, r in documents.items()
            ),
        )
        con.executemany("INSERT INTO chunks VALUES (?, ?, ?, ?, ?)", _chunk_rows(chunks))
        con.executemany(
            "INSERT INTO numbers VALUES (?, ?)",
            (
                (key, pos)
                for pos, r in enumerate(chunks.values())
                for key in sorted(instrument_keys(r))
            ),
        )
        con.executemany(
            "INSERT INTO articles VALUES (?, ?)",
            (
                (n, pos)
                for pos, r in enumerate(chunks.values())
                for n in sorted(articles_of(r.get("title", ""), r.get("heading", "")))
            ),
        )
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("documents", str(len(documents))), ("chunks", str(len(chunks)))],
        )
        con.commit()
    finally:
        con.close()
    with open(tmp, "rb") as fh:
        digest = hashlib.file_digest(fh, "sha256").hexdigest()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return {"sha256": digest, "bytes": path.stat().st_size, "counter": change_counter(path)}


def _document_row(doc_id: str, rec: dict[str, Any]) -> tuple[Any, ...]:
    title = str(rec.get("title", ""))
    return (doc_id, title, source_of(title), json.dumps(rec, ensure_ascii=False))


def _chunk_rows(chunks: Mapping[str, dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
    for pos, (cid, rec) in enumerate(chunks.items()):
        body = {k: v for k, v in rec.items() if k != "tokens"}
        yield (
            pos,
            cid,
            rec["doc_id"],
            json.dumps(body, ensure_ascii=False),
            json.dumps(rec.get("tokens", []), ensure_ascii=False),
        )


def change_counter(path: Path) -> int:
    """SQLite's file change counter (header offset 24, big-endian)."""
    with open(path, "rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise ValueError(f"{path.name} is not an SQLite file")
    return int.from_bytes(header[24:28], "big")


def file_sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


class ReadOnlyDb:
    """An SQLite file written once and then only read (`immutable=1`); a connection per
    thread. Any read error becomes the index's "damaged, rebuild" error. Stages above the
    index keep their own derived files this way (the instrument registry)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = self._connect()
            self._local.con = con
        return con

    def _connect(self) -> sqlite3.Connection:
        uri = f"file:{self.path}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    def _damaged(self, exc: BaseException) -> PolicybotError:
        return damaged(self.path.parent, f"{self.path.name} cannot be read ({brief(exc)})")

    def rows(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._con().execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise self._damaged(exc) from exc

    def stream(self, sql: str, args: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows of a long query, fetched in batches on a connection of its own (so a
        caller may look records up while iterating)."""
        try:
            con = self._connect()
            try:
                cur = con.execute(sql, args)
                while batch := cur.fetchmany(2000):
                    yield from batch
            finally:
                con.close()
        except sqlite3.Error as exc:
            raise self._damaged(exc) from exc

    def one(self, sql: str, args: tuple[Any, ...]) -> tuple[Any, ...] | None:
        try:
            row: tuple[Any, ...] | None = self._con().execute(sql, args).fetchone()
        except sqlite3.Error as exc:
            raise self._damaged(exc) from exc
        return row

    def record(self, text: str) -> dict[str, Any]:
        try:
            rec = json.loads(text)
        except ValueError as exc:
            raise self._damaged(exc) from exc
        if not isinstance(rec, dict):
            raise self._damaged(TypeError("a record is not an object"))
        return rec


class TableFile(ReadOnlyDb):
    """One generation's table file, opened read-only."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        meta = dict(self.rows("SELECT key, value FROM meta"))
        self.documents = int(meta["documents"])
        self.chunks = int(meta["chunks"])


class _Records(Mapping[str, dict[str, Any]]):
    """Records of one table by id, fetched on demand (a fresh dict each time)."""

    _table = ""

    def __init__(self, db: TableFile, size: int) -> None:
        self.db = db
        self._size = size

    def __getitem__(self, key: str) -> dict[str, Any]:
        row = self.db.one(f"SELECT rec FROM {self._table} WHERE id = ?", (key,))
        if row is None:
            raise KeyError(key)
        return self.db.record(row[0])

    def __contains__(self, key: object) -> bool:
        return (
            isinstance(key, str)
            and self.db.one(f"SELECT 1 FROM {self._table} WHERE id = ?", (key,)) is not None
        )

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[str]:
        return (r[0] for r in self.db.stream(f"SELECT id FROM {self._table} {self._order}"))

    _order = ""

    def records(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every (id, record) in table order, in one pass."""
        sql = f"SELECT id, rec FROM {self._table} {self._order}"
        return ((i, self.db.record(r)) for i, r in self.db.stream(sql))

    def items(self) -> Any:  # one query instead of a lookup per key
        return _View(self.records)

    def values(self) -> Any:
        return _View(lambda: (r for _, r in self.records()))


class _View:
    """An iterable that runs its query again each time it is iterated."""

    def __init__(self, make: Any) -> None:
        self._make = make

    def __iter__(self) -> Iterator[Any]:
        return iter(self._make())


class DocumentRecords(_Records):
    _table = "documents"

    def sources(self) -> dict[str, str]:
        """The source name of every document whose title has one (text/source_names.py),
        found at ingest: no title is parsed at load."""
        sql = "SELECT id, source FROM documents WHERE source IS NOT NULL"
        return dict(self.db.stream(sql))

    def titles(self) -> dict[str, str]:
        """Every document's title, from its own column (no record decoded)."""
        return dict(self.db.stream("SELECT id, title FROM documents"))


class ChunkRecords(_Records):
    _table = "chunks"
    _order = "ORDER BY pos"

    def ids(self) -> list[str]:
        """Every passage id in table order (the lexical indexes' order). Read through the
        id index (ids and positions only), not the table, whose pages hold the text."""
        ids: list[str] = [""] * self._size
        sql = "SELECT pos, id FROM chunks ORDER BY id"  # covered by the UNIQUE(id) index
        for pos, cid in self.db.stream(sql):
            if not 0 <= pos < self._size:
                raise self.db._damaged(ValueError(f"passage position {pos} out of range"))
            ids[pos] = cid
        return ids

    def of_document(self, doc_id: str) -> list[str]:
        sql = "SELECT id FROM chunks WHERE doc_id = ? ORDER BY pos"
        return [r[0] for r in self.db.rows(sql, (doc_id,))]

    def positions_of(self, doc_ids: Iterable[str]) -> list[int]:
        """Positions of these documents' passages, ascending. Read off the (doc_id, pos)
        index alone: no passage row, whose pages hold the text, is read (a law named in a
        question can have thousands of documents at national scale)."""
        docs = sorted(set(doc_ids))
        found: list[int] = []
        for start in range(0, len(docs), 500):
            part = docs[start : start + 500]
            sql = f"SELECT pos FROM chunks WHERE doc_id IN ({','.join('?' * len(part))})"
            found += [r[0] for r in self.db.rows(sql, tuple(part))]
        return sorted(found)

    def headed(self, number: str) -> set[str]:
        sql = "SELECT c.id FROM articles a JOIN chunks c ON c.pos = a.pos WHERE a.number = ?"
        return {r[0] for r in self.db.rows(sql, (number,))}

    def headed_positions(self, number: str) -> list[int]:
        """Positions of the passages headed by article `number`, ascending (index only)."""
        sql = "SELECT DISTINCT pos FROM articles WHERE number = ? ORDER BY pos"
        return [r[0] for r in self.db.rows(sql, (number,))]

    def naming(self, keys: set[str]) -> list[str]:
        """Passages naming an instrument under one of `keys`, in table order."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        sql = (
            "SELECT DISTINCT c.pos, c.id FROM numbers n JOIN chunks c ON c.pos = n.pos "
            f"WHERE n.key IN ({marks}) ORDER BY c.pos"
        )
        return [r[1] for r in self.db.rows(sql, tuple(sorted(keys)))]
