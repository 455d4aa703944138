"""The passage ids in passage order, saved at ingest and memory-mapped at load.

A loaded index needs the id of a passage position (a score array's index) and the position
of an id (a hit, a filter). Read from the table file into a list and a dict, that is two
Python objects per passage: seconds and hundreds of MB at a million passages, in every
process. Saved as arrays beside the lexical indexes (fixed-width UTF-8 ids in passage
order, the same sorted, and their positions), a process maps them: the id at a position is one
read, the position of an id a binary search (over a sorted copy), and replicas on a host
share the pages.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import overload

import numpy as np

IDS, ORDER, SORTED = "ids.npy", "id_order.npy", "ids_sorted.npy"


def save(ids: Sequence[str], folder: Path) -> str:
    """Write the arrays into `folder`; return the digest `open_ids` checks."""
    raw = np.asarray([i.encode("utf-8") for i in ids], dtype=bytes if ids else "S1")
    order = np.argsort(raw, kind="stable").astype(np.int64)
    np.save(folder / IDS, raw)
    np.save(folder / ORDER, order)
    np.save(folder / SORTED, raw[order])
    return digest(raw)


def digest(raw: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(raw).tobytes()).hexdigest()


class PassageIds(Sequence[str]):
    """Passage ids by position, memory-mapped."""

    def __init__(self, raw: np.ndarray, order: np.ndarray, ordered: np.ndarray) -> None:
        self._raw = raw
        self._order = order
        self._sorted = ordered  # raw[order]: searched by numpy, not a Python bisect

    @classmethod
    def open(cls, folder: Path, size: int, expected_digest: str) -> PassageIds:
        """The saved ids; ValueError when they are not the `size` ids saved with them."""
        raw = np.load(folder / IDS, mmap_mode="r")
        order = np.load(folder / ORDER, mmap_mode="r")
        if len(raw) != size or len(order) != size:
            raise ValueError(f"{IDS} holds {len(raw)} ids, expected {size}")
        if digest(raw) != expected_digest:
            raise ValueError(f"{IDS} is not the ids saved with the indexes")
        if (folder / SORTED).is_file():
            ordered = np.load(folder / SORTED, mmap_mode="r")
        else:  # saved before the sorted copy was
            ordered = raw[np.asarray(order)]
        if len(ordered) != size or (size and ordered[0] != raw[order[0]]):
            raise ValueError(f"{SORTED} does not match {IDS}")
        # Plain views of the maps: np.memmap's Python-level __getitem__ cost ~10 µs a lookup,
        # and an ask makes about a thousand.
        return cls(raw.view(np.ndarray), order.view(np.ndarray), ordered.view(np.ndarray))

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [bytes(b).decode("utf-8") for b in self._raw[i]]
        return bytes(self._raw[i]).decode("utf-8")

    def __len__(self) -> int:
        return len(self._raw)

    def __iter__(self) -> Iterator[str]:
        for start in range(0, len(self._raw), 65536):
            yield from (bytes(b).decode("utf-8") for b in self._raw[start : start + 65536])

    def position(self, cid: str) -> int | None:
        key = cid.encode("utf-8")
        if len(key) > self._sorted.dtype.itemsize or b"\x00" in key:
            return None  # longer than any saved id (numpy would cut it and match a prefix)
        k = int(np.searchsorted(self._sorted, key))
        if k < len(self._sorted) and bytes(self._sorted[k]) == key:
            return int(self._order[k])
        return None


class Positions(Mapping[str, int]):
    """Passage id -> position, by binary search over the saved ids."""

    def __init__(self, ids: PassageIds) -> None:
        self._ids = ids

    def __getitem__(self, cid: str) -> int:
        pos = self._ids.position(cid) if isinstance(cid, str) else None
        if pos is None:
            raise KeyError(cid)
        return pos

    def __contains__(self, cid: object) -> bool:
        return isinstance(cid, str) and self._ids.position(cid) is not None

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)
