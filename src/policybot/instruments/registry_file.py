"""The instrument registry kept in an SQLite file beside the index, read by key on demand.

A registry read whole from JSON costs every process its full size in memory and seconds at
the first instrument question; at national scale (hundreds of thousands of documents) the
file is large and the entries' mentions are most of it. Here each entry is a row, its
mentions rows of their own, and what an answer looks up (an entry by key or alias, the
entries a document holds, the entries a number can name, a document's local instruments)
is an indexed column, so a loaded registry fetches only what a question touches.

The file is named by the fingerprint of the tables it was built from
(`registry-<fingerprint>.sqlite`), written once and never changed: a process reading one
keeps reading the same content while an ingest writes the next. The manifest records the
fingerprint at ingest, so a load compares two strings instead of reading every document.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from policybot.errors import PolicybotError
from policybot.index.table_db import ReadOnlyDb
from policybot.instruments.registry import REGISTRY_VERSION, Registry
from policybot.instruments.registry_records import Entry, MentionRec, Relation
from policybot.text.ref_keys import number_keys
from policybot.text.refs import RefQuery, ref_matches

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries(
  rank INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, own_doc TEXT, local INTEGER NOT NULL,
  unnumbered_name INTEGER NOT NULL, head TEXT NOT NULL);
CREATE INDEX entries_own ON entries(own_doc, rank) WHERE own_doc IS NOT NULL;
CREATE INDEX entries_named ON entries(rank) WHERE unnumbered_name = 1;
CREATE INDEX entries_local ON entries(rank) WHERE local = 1;
CREATE TABLE aliases(alias TEXT NOT NULL, rank INTEGER NOT NULL);
CREATE INDEX aliases_alias ON aliases(alias, rank);
CREATE TABLE numbers(key TEXT NOT NULL, rank INTEGER NOT NULL);
CREATE INDEX numbers_key ON numbers(key, rank);
CREATE TABLE mentions(
  rank INTEGER NOT NULL, seq INTEGER NOT NULL, doc_id TEXT NOT NULL, rec TEXT NOT NULL,
  PRIMARY KEY(rank, seq)) WITHOUT ROWID;
CREATE INDEX mentions_doc ON mentions(doc_id, rank);
CREATE TABLE relations(
  list TEXT NOT NULL, seq INTEGER NOT NULL, rec TEXT NOT NULL, source TEXT NOT NULL,
  target TEXT NOT NULL, PRIMARY KEY(list, seq));
CREATE INDEX relations_source ON relations(list, source, seq);
CREATE INDEX relations_target ON relations(list, target, seq);
"""
CACHED_ENTRIES = 4096


def file_name(source: str) -> str:
    return f"registry-{source}.sqlite"


def _head(entry: Entry) -> str:
    data = entry.to_dict()
    del data["mentions"]
    return json.dumps(data, ensure_ascii=False)


def _entry_rows(registry: Registry) -> Iterator[tuple[Any, ...]]:
    for rank, e in enumerate(registry.entries.values()):
        named = not e.number and not e.implied and bool(e.name)
        yield (rank, e.key, e.own_doc, int(e.local), int(named), _head(e))


def write(folder: Path, registry: Registry) -> Path:
    """The registry as a new file in `folder` (synced, then renamed into place)."""
    path = folder / file_name(registry.source)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    entries = list(registry.entries.values())
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        con.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?)", _entry_rows(registry))
        con.executemany(
            "INSERT INTO aliases VALUES (?, ?)",
            ((a, rank) for rank, e in enumerate(entries) for a in e.aliases),
        )
        con.executemany(
            "INSERT INTO numbers VALUES (?, ?)",
            ((k, rank) for rank, e in enumerate(entries) for k in sorted(number_keys(e.number))),
        )
        con.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?)",
            (
                (rank, seq, m.doc_id, json.dumps(m.to_dict(), ensure_ascii=False))
                for rank, e in enumerate(entries)
                for seq, m in enumerate(e.mentions)
            ),
        )
        lists = {"relations": registry.relations, "validity": registry.validity}
        con.executemany(
            "INSERT INTO relations VALUES (?, ?, ?, ?, ?)",
            (
                (name, seq, json.dumps(r.to_dict(), ensure_ascii=False), r.source, r.target)
                for name, rels in lists.items()
                for seq, r in enumerate(rels)
            ),
        )
        meta = {"version": str(REGISTRY_VERSION), "source": registry.source}
        meta["entries"] = str(len(entries))
        con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        con.commit()
    finally:
        con.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


class _StoredEntries(Mapping[str, Entry]):
    """Entries by key, each read (with its mentions) when asked for; the latest kept."""

    def __init__(self, db: ReadOnlyDb, size: int) -> None:
        self.db = db
        self._size = size
        self.by_rank = lru_cache(maxsize=CACHED_ENTRIES)(self._by_rank)

    def _by_rank(self, rank: int) -> Entry:
        row = self.db.one("SELECT head FROM entries WHERE rank = ?", (rank,))
        if row is None:
            raise KeyError(rank)
        mentions = tuple(
            MentionRec.from_dict(self.db.record(r[0]))
            for r in self.db.rows("SELECT rec FROM mentions WHERE rank = ? ORDER BY seq", (rank,))
        )
        return replace(Entry.from_dict(self.db.record(row[0])), mentions=mentions)

    def rank(self, key: str) -> int | None:
        row = self.db.one("SELECT rank FROM entries WHERE key = ?", (key,))
        return None if row is None else int(row[0])

    def __getitem__(self, key: str) -> Entry:
        rank = self.rank(key) if isinstance(key, str) else None
        if rank is None:
            raise KeyError(key)
        return self.by_rank(rank)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.rank(key) is not None

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[str]:
        return (r[0] for r in self.db.stream("SELECT key FROM entries ORDER BY rank"))


class StoredRegistry(Registry):
    """A registry read from its file: the same lookups as one built in memory, each a
    query by an indexed column. An instrument's relations are looked up by its key; every
    relation is read only when something asks for all of them (the lineage graph). A file
    written before relations had their ends as columns has them read whole at open."""

    def __init__(self, path: Path) -> None:  # not the dataclass's: nothing is read whole
        self.db = ReadOnlyDb(path)
        meta = dict(self.db.rows("SELECT key, value FROM meta"))
        if meta.get("version") != str(REGISTRY_VERSION):
            raise ValueError(f"registry version {meta.get('version')}")
        self.source = meta["source"]
        self._stored = _StoredEntries(self.db, int(meta["entries"]))
        self.entries = self._stored  # type: ignore[assignment]
        self._lists: dict[str, list[Relation]] | None = None
        self._ends = {}
        columns = {r[1] for r in self.db.rows("PRAGMA table_info(relations)")}
        self._keyed = {"source", "target"} <= columns
        self._counts: Counter[str] | None = None
        if not self._keyed:
            self._read_relations()
        self._named: list[tuple[int, str, str]] | None = None
        self._locals: list[tuple[int, str | None, str | None]] | None = None

    def _read_relations(self) -> dict[str, list[Relation]]:
        if self._lists is None:
            lists: dict[str, list[Relation]] = {"relations": [], "validity": []}
            for name, text in self.db.rows("SELECT list, rec FROM relations ORDER BY list, seq"):
                lists[name].append(Relation.from_dict(self.db.record(text)))
            self._lists = lists
        return self._lists

    @property
    def relations(self) -> list[Relation]:
        return self._read_relations()["relations"]

    @relations.setter
    def relations(self, value: list[Relation]) -> None:
        self._read_relations()["relations"] = value

    @property
    def validity(self) -> list[Relation]:
        return self._read_relations()["validity"]

    @validity.setter
    def validity(self, value: list[Relation]) -> None:
        self._read_relations()["validity"] = value

    def relation_count(self, key: str) -> int:
        """Counted for every instrument at once, off the ends' indexes (a listing asks for
        each instrument's), and kept."""
        if not self._keyed:
            return super().relation_count(key)
        if self._counts is None:
            counts: Counter[str] = Counter()
            for end in ("source", "target"):
                sql = f"SELECT {end}, COUNT(*) FROM relations GROUP BY {end}"
                counts.update(dict(self.db.rows(sql)))
            self._counts = counts
        return self._counts[key]

    def _at_end(self, name: str, end: str, key: str) -> list[Relation]:
        if not self._keyed:
            return super()._at_end(name, end, key)
        assert end in ("source", "target")
        sql = f"SELECT rec FROM relations WHERE list = ? AND {end} = ? ORDER BY seq"
        rows = self.db.rows(sql, (name, key))
        return [Relation.from_dict(self.db.record(r[0])) for r in rows]

    def _entries_at(self, ranks: Iterator[int] | list[int]) -> list[Entry]:
        return [self._stored.by_rank(r) for r in ranks]

    def get(self, key: str) -> Entry | None:
        rank = self._stored.rank(key)
        if rank is None:
            row = self.db.one("SELECT rank FROM aliases WHERE alias = ? ORDER BY rank", (key,))
            rank = None if row is None else int(row[0])
        return None if rank is None else self._stored.by_rank(rank)

    def held(self, doc_ids: Any = None) -> list[Entry]:
        if doc_ids is None:
            sql = "SELECT rank FROM entries WHERE own_doc IS NOT NULL ORDER BY rank"
            return self._entries_at([r[0] for r in self.db.rows(sql)])
        docs = sorted(set(doc_ids))
        if not docs:
            return []
        marks = ",".join("?" * len(docs))
        sql = f"SELECT rank FROM entries WHERE own_doc IN ({marks}) ORDER BY rank"
        return self._entries_at([r[0] for r in self.db.rows(sql, tuple(docs))])

    def match_ref(self, ref: RefQuery) -> list[Entry]:
        keys = sorted(number_keys(ref.number))
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        sql = f"SELECT DISTINCT rank FROM numbers WHERE key IN ({marks}) ORDER BY rank"
        found = self._entries_at([r[0] for r in self.db.rows(sql, tuple(keys))])
        return [e for e in found if e.number and ref_matches(ref, e.instrument)]

    def named_heads(self) -> list[tuple[int, str, str]]:
        """(rank, type, name) of the unnumbered, named entries: what `match_name` reads,
        kept after the first question that needs it (titles only, no mentions)."""
        if self._named is None:
            sql = "SELECT rank, head FROM entries WHERE unnumbered_name = 1 ORDER BY rank"
            heads = ((r, self.db.record(h)) for r, h in self.db.rows(sql))
            self._named = [(r, str(h["type"]), str(h["name"])) for r, h in heads]
        return self._named

    def match_name(self, text: str) -> list[Entry]:
        return self._entries_at([r for r, t, n in self.named_heads() if self.names(text, t, n)])

    def local_entries(self, where: Callable[[str | None, str | None], bool]) -> list[Entry]:
        if self._locals is None:  # province and issuer of each local entry, kept once read
            sql = "SELECT rank, head FROM entries WHERE local = 1 ORDER BY rank"
            heads = ((r, self.db.record(h)) for r, h in self.db.rows(sql))
            self._locals = [(r, h.get("province"), h.get("issuer")) for r, h in heads]
        return self._entries_at([r for r, p, i in self._locals if where(p, i)])

    def local_counts(self, doc_id: str) -> Counter[str]:
        sql = (
            "SELECT e.key, COUNT(*) FROM mentions m JOIN entries e ON e.rank = m.rank "
            "WHERE m.doc_id = ? AND e.local = 1 GROUP BY m.rank ORDER BY m.rank"
        )
        return Counter(dict(self.db.rows(sql, (doc_id,))))


def open_registry(path: Path, source: str) -> Registry | None:
    """The registry in `path` when it was built from the tables `source` names; None when
    the file is missing, of another version or another source, or unreadable."""
    try:
        reg = StoredRegistry(path)
    except (OSError, ValueError, KeyError, TypeError, sqlite3.Error, PolicybotError):
        return None
    return reg if reg.source == source else None
