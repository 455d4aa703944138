"""The passages of a loaded index as `Chunk`s by id, and the lookups retrieval needs.

For tables in memory (tests, benchmarks of other settings, indexes with JSON tables) the
lookups are maps built once, as before. For a table file (table_db.py) they are queries on
its indexed columns, and a `Chunk` is made from its row when asked for, the latest few
thousand kept: loading no longer costs a `Chunk` object and a map entry per passage.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Protocol

from policybot.index.store import chunk_from_record
from policybot.index.table_db import ChunkRecords, DocumentRecords, articles_of, instrument_keys
from policybot.types import Chunk


class Lookups(Protocol):
    def ids(self) -> list[str]: ...

    def of_document(self, doc_id: str) -> list[str]: ...

    def headed(self, number: str) -> set[str]: ...

    def positions_of(self, doc_ids: Iterable[str]) -> list[int]: ...

    def headed_positions(self, number: str) -> list[int]: ...

    def naming(self, keys: set[str]) -> list[str]: ...


class MemoryLookups:
    """The lookups as maps over chunk records held in memory."""

    def __init__(self, chunks: Mapping[str, dict[str, Any]]) -> None:
        self._ids = list(chunks)
        self._by_doc: dict[str, list[str]] = {}
        self._by_article: dict[str, set[str]] = {}
        self._by_key: dict[str, list[str]] = {}
        for cid, rec in chunks.items():
            self._by_doc.setdefault(rec["doc_id"], []).append(cid)
            for number in articles_of(rec.get("title", ""), rec.get("heading", "")):
                self._by_article.setdefault(number, set()).add(cid)
            for key in instrument_keys(rec):
                self._by_key.setdefault(key, []).append(cid)
        self._order = {cid: i for i, cid in enumerate(self._ids)}

    def ids(self) -> list[str]:
        return list(self._ids)

    def of_document(self, doc_id: str) -> list[str]:
        return list(self._by_doc.get(doc_id, []))

    def headed(self, number: str) -> set[str]:
        return set(self._by_article.get(number, set()))

    def positions_of(self, doc_ids: Iterable[str]) -> list[int]:
        return sorted(self._order[c] for d in set(doc_ids) for c in self._by_doc.get(d, []))

    def headed_positions(self, number: str) -> list[int]:
        return sorted(self._order[c] for c in self._by_article.get(number, set()))

    def naming(self, keys: set[str]) -> list[str]:
        found = {c for k in keys for c in self._by_key.get(k, [])}
        return sorted(found, key=self._order.__getitem__)


def lookups(chunks: Mapping[str, dict[str, Any]]) -> Lookups:
    return chunks if isinstance(chunks, ChunkRecords) else MemoryLookups(chunks)


def titles(documents: Mapping[str, dict[str, Any]]) -> dict[str, str]:
    """Document id -> title, read from the title column of a table file."""
    if isinstance(documents, DocumentRecords):
        return documents.titles()
    return {d: str(rec["title"]) for d, rec in documents.items()}


class ChunkMap(Mapping[str, Chunk]):
    """Passages by id as `Chunk`s: made from the records when first asked for, the latest
    `keep` of them kept. Membership is answered from `positions` (the passage order)."""

    def __init__(
        self, records: Mapping[str, dict[str, Any]], positions: Mapping[str, int], keep: int = 4096
    ) -> None:
        self._records = records
        self._positions = positions
        self._keep = keep
        self._cache: OrderedDict[str, Chunk] = OrderedDict()
        if not isinstance(records, ChunkRecords):  # in memory anyway: make them all once
            self._cache = OrderedDict((c, chunk_from_record(r)) for c, r in records.items())
            self._keep = len(self._cache)

    def __getitem__(self, cid: str) -> Chunk:
        chunk = self._cache.get(cid)
        if chunk is not None:
            return chunk
        if cid not in self._positions:
            raise KeyError(cid)
        chunk = chunk_from_record(self._records[cid])
        self._cache[cid] = chunk
        if len(self._cache) > self._keep:
            self._cache.popitem(last=False)
        return chunk

    def __contains__(self, cid: object) -> bool:
        return cid in self._positions

    def __len__(self) -> int:
        return len(self._positions)

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def values(self) -> Any:
        """Every passage, in one pass over the records (not a lookup each)."""
        return _Chunks(self)

    def items(self) -> Any:
        return _Chunks(self, pairs=True)


class _Chunks:
    def __init__(self, owner: ChunkMap, pairs: bool = False) -> None:
        self._owner = owner
        self._pairs = pairs

    def __iter__(self) -> Iterator[Any]:
        owner = self._owner
        records = owner._records
        if not isinstance(records, ChunkRecords) or len(owner._cache) == len(owner):
            rows: Iterator[tuple[str, Chunk]] = ((c, owner[c]) for c in owner)
        else:
            rows = ((c, chunk_from_record(r)) for c, r in records.records())
        for cid, chunk in rows:
            yield (cid, chunk) if self._pairs else chunk

    def __len__(self) -> int:
        return len(self._owner)


class Derived(Mapping[str, str]):
    """A value computed from each record when first asked for (and kept), instead of for
    every record at load; `values()` computes them all in one pass over the records."""

    def __init__(
        self, records: Mapping[str, dict[str, Any]], make: Callable[[dict[str, Any]], str]
    ) -> None:
        self._records = records
        self._make = make
        self._done: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        value = self._done.get(key)
        if value is None:
            value = self._make(self._records[key])
            self._done[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._done or key in self._records

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def values(self) -> Any:
        return _Values(self)


class _Values:
    def __init__(self, owner: Derived) -> None:
        self._owner = owner

    def __iter__(self) -> Iterator[str]:
        owner = self._owner
        for key, rec in owner._records.items():
            value = owner._done.get(key)
            yield value if value is not None else owner._make(rec)

    def __len__(self) -> int:
        return len(self._owner)


class SourcePaths(Mapping[str, str]):
    """Document id -> source path, read from the tables when a citation needs it."""

    def __init__(self, documents: Mapping[str, dict[str, Any]]) -> None:
        self._docs = documents

    def __getitem__(self, doc_id: str) -> str:
        return str(self._docs[doc_id]["source"])

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    def __len__(self) -> int:
        return len(self._docs)

    def __iter__(self) -> Iterator[str]:
        return iter(self._docs)
