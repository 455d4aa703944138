"""A vector store made of files that every process memory-maps: for national scale.

chromadb keeps its HNSW graph in each process's memory (1M x 384 dims: several GB, and
minutes to load). This store is one folder per index generation, written once by ingest:

- `ids.npy`      the passage ids, sorted (bytes), so an id is found by binary search;
- `vectors.npy`  unit vectors in the same order, float16 (1M x 384: 768 MB on disk);
- `ivf.faiss`    from `ivf_min_rows` vectors on: a faiss IVF index with 8-bit scalar
                 quantised codes (1M x 384: 384 MB), read with IO_FLAG_MMAP, so a query
                 touches the centroids and the `nprobe` lists it scans, nothing else;
- `store.json`   written last: what the folder holds.

Below `ivf_min_rows`, and for a query restricted to given passages (a named law, a filter),
the score is the exact cosine over the float16 rows. Pages are shared by every process on
the host and only those touched become resident.

Ingest writes a store the way it writes tables: vectors upserted during an ingest go to a
spill folder (`.spill-*.tmp`); `commit(keep)` writes a new generation folder with the
passages the new tables keep, and the manifest names it. Killed before the manifest
commits, the old folder is whole and named; the next ingest removes what no manifest names.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

import numpy as np

from policybot.index.table_db import brief, damaged

FORMAT = 1
PREFIX = "vectors-"
_BATCH = 50_000


class MappedVectorStore:
    """The vector store of one generation folder (empty when the folder does not exist)."""

    def __init__(
        self,
        path: Path,
        must_exist: bool = False,
        nprobe: int = 32,
        ivf_min_rows: int = 50_000,
    ) -> None:
        self.nprobe = nprobe
        self.ivf_min_rows = ivf_min_rows
        self._attach(Path(path), must_exist)

    def _attach(self, path: Path, must_exist: bool) -> None:
        """Read the generation folder at `path`, with nothing spilled."""
        self.path = path
        self._ids = np.empty(0, dtype="S1")
        self._vectors: np.ndarray | None = None
        self._ivf: Any = None
        self._dim = 0
        self._spill: Path | None = None
        self._spilled: dict[str, int] = {}  # id -> row of the spill file
        self._spill_rows = 0
        self._empty = False  # reset() until the next commit
        if (self.path / "store.json").is_file():
            self._open()
        elif must_exist or self.path.exists():
            raise damaged(self.path.parent, f"the vector store {self.path.name}/ is missing")

    def _open(self) -> None:
        try:
            meta = json.loads((self.path / "store.json").read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"format {meta.get('format')}")
            self._ids = np.load(self.path / "ids.npy", mmap_mode="r")
            self._vectors = np.load(self.path / "vectors.npy", mmap_mode="r")
            self._dim = int(meta["dimension"])
            rows = int(meta["count"])
            if len(self._ids) != rows or self._vectors.shape != (rows, self._dim):
                raise ValueError("ids.npy and vectors.npy disagree with store.json")
            if meta.get("ivf"):
                import faiss

                self._ivf = faiss.read_index(
                    str(self.path / "ivf.faiss"), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY
                )
                if self._ivf.ntotal != rows:
                    raise ValueError("ivf.faiss indexes other rows")
                self._ivf.nprobe = self.nprobe
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            raise damaged(
                self.path.parent,
                f"the vector store {self.path.name}/ cannot be opened ({brief(exc)})",
            ) from exc

    # -- what ingest and load ask ------------------------------------------------------------
    def count(self) -> int:
        base = 0 if self._empty else len(self._ids)
        return base + sum(1 for c in self._spilled if not self._has(c))

    def ids(self) -> set[str]:
        base = set() if self._empty else {i.decode("utf-8") for i in self._ids}
        return base | set(self._spilled)

    def check_covers(self, chunks: int) -> None:
        """At least a vector per chunk (see VectorStore.check_covers)."""
        found = self.count()
        if found < chunks:
            raise damaged(self.path.parent, f"{chunks - found} chunks have no vector")

    def _rows_of(self, ids: list[str]) -> tuple[np.ndarray, list[str]]:
        """Rows of the ids present (binary search in the sorted ids), and those ids."""
        if self._empty or not len(self._ids) or not ids:
            return np.empty(0, dtype=np.int64), []
        width = self._ids.dtype.itemsize
        ids = [i for i in ids if len(i.encode("utf-8")) <= width]  # longer: not here
        if not ids:
            return np.empty(0, dtype=np.int64), []
        keys = np.asarray([i.encode("utf-8") for i in ids], dtype=self._ids.dtype)
        rows = np.searchsorted(self._ids, keys)
        rows = np.minimum(rows, len(self._ids) - 1)
        found = self._ids[rows] == keys
        return rows[found], [i for i, ok in zip(ids, found, strict=True) if ok]

    def _read_rows(self, rows: np.ndarray) -> np.ndarray:
        """Rows (ascending) as float32, read with pread, not through the memory map: the
        passages of a law a question names lie all over the file, and each page fault maps
        the cached pages around it too (fault-around), so the few thousand rows of one law
        made most of the 768 MB file resident in every process that asked. Runs of
        consecutive rows are read at once."""
        assert isinstance(self._vectors, np.memmap)
        width = self._dim * self._vectors.dtype.itemsize
        runs = np.split(rows, np.flatnonzero(np.diff(rows) != 1) + 1)
        out = bytearray()
        fd = os.open(self.path / "vectors.npy", os.O_RDONLY)
        try:
            for run in runs:
                size = len(run) * width
                got = os.pread(fd, size, self._vectors.offset + int(run[0]) * width)
                if len(got) != size:
                    raise ValueError("vectors.npy is shorter than store.json says")
                out += got
        finally:
            os.close(fd)
        block = np.frombuffer(out, dtype=self._vectors.dtype).reshape(len(rows), -1)
        return block.astype(np.float32)

    def _has(self, cid: str) -> bool:
        return bool(len(self._rows_of([cid])[0]))

    def query(
        self, vector: np.ndarray, n: int, ids: list[str] | None = None
    ) -> list[tuple[str, float]]:
        """The n nearest passages by cosine (restricted to `ids` when given)."""
        if n <= 0 or self._empty or self._vectors is None or not len(self._ids):
            return []
        q = np.asarray(vector, dtype=np.float32).reshape(-1)
        q = q / (float(np.linalg.norm(q)) or 1.0)
        if ids is not None:
            rows, found = self._rows_of(ids)
            if not len(rows):
                return []
            order = np.argsort(rows)
            rows, names = rows[order], [found[i] for i in order]
            scores = self._read_rows(rows) @ q
            top = _top(scores, n)
            return [(names[i], float(scores[i])) for i in top]
        if self._ivf is not None:
            dist, rows = self._ivf.search(q.reshape(1, -1), min(n, len(self._ids)))
            return [
                (self._ids[r].decode("utf-8"), float(d))
                for d, r in zip(dist[0], rows[0], strict=True)
                if r >= 0
            ]
        scores = np.empty(len(self._ids), dtype=np.float32)
        for start in range(0, len(self._ids), _BATCH):
            part = np.asarray(self._vectors[start : start + _BATCH], dtype=np.float32)
            scores[start : start + len(part)] = part @ q
        return [(self._ids[i].decode("utf-8"), float(scores[i])) for i in _top(scores, n)]

    # -- what ingest writes ------------------------------------------------------------------
    def upsert(self, ids: list[str], vectors: np.ndarray, doc_ids: list[str]) -> None:
        """Spill the vectors to disk; they join the store at `commit`."""
        vecs = np.asarray(vectors, dtype=np.float32)
        if not len(ids):
            return
        if self._dim and vecs.shape[1] != self._dim:
            raise ValueError(f"vectors of {vecs.shape[1]} dimensions, the store has {self._dim}")
        self._dim = vecs.shape[1]
        if self._spill is None:
            self._spill = Path(
                tempfile.mkdtemp(dir=self.path.parent, prefix=".spill-", suffix=".tmp")
            )
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        vecs = (vecs / np.where(norms > 0, norms, 1.0)).astype(np.float16)
        with open(self._spill / "vectors.f16", "ab") as fh:
            fh.write(vecs.tobytes())
        for i, cid in enumerate(ids):
            self._spilled[cid] = self._spill_rows + i
        self._spill_rows += len(ids)

    def delete(self, ids: list[str]) -> None:
        """Nothing to do: a generation holds only what its tables keep (see `commit`)."""
        for cid in ids:
            self._spilled.pop(cid, None)

    def reset(self) -> None:
        self._empty = True

    def commit(self, keep: Collection[str]) -> str:
        """Write a new generation folder with the vectors of `keep` (spilled ones first,
        then this generation's); this store then reads it. Returns its name."""
        folder = (
            self.path.parent / f"{PREFIX}{time.strftime('%Y%m%dT%H%M%S')}-{os.urandom(4).hex()}"
        )
        tmp = Path(tempfile.mkdtemp(dir=self.path.parent, prefix=f".{folder.name}.", suffix=".tmp"))
        spill = None
        if self._spill is not None and self._spill_rows:
            spill = np.memmap(
                self._spill / "vectors.f16", dtype=np.float16, mode="r",
                shape=(self._spill_rows, self._dim),
            )  # fmt: skip
        keep_set = set(keep)
        from_spill = sorted(c for c in self._spilled if c in keep_set)
        base_keep = [c for c in keep_set if c not in self._spilled]
        base_rows, base_ids = self._rows_of(sorted(base_keep))
        missing = len(base_keep) - len(base_ids)
        if missing:
            shutil.rmtree(tmp, ignore_errors=True)
            raise damaged(self.path.parent, f"{missing} chunks have no vector")
        names = base_ids + from_spill
        order = np.argsort(
            np.asarray([n.encode("utf-8") for n in names], dtype=bytes), kind="stable"
        )
        width = max((len(n.encode("utf-8")) for n in names), default=1)
        ids = np.asarray([names[i].encode("utf-8") for i in order], dtype=f"S{width}")
        if not names:
            np.save(tmp / "vectors.npy", np.empty((0, self._dim), dtype=np.float16))
        out = np.lib.format.open_memmap(
            tmp / "vectors.npy", mode="r+" if not names else "w+", dtype=np.float16,
            shape=(len(names), self._dim),
        )  # fmt: skip
        n_base = len(base_ids)
        for start in range(0, len(order), _BATCH):
            part = order[start : start + _BATCH]
            block = np.empty((len(part), self._dim), dtype=np.float16)
            is_base = part < n_base
            if is_base.any():
                assert self._vectors is not None
                block[is_base] = self._vectors[base_rows[part[is_base]]]
            if (~is_base).any():
                assert spill is not None
                spill_rows = [self._spilled[from_spill[i - n_base]] for i in part[~is_base]]
                block[~is_base] = spill[spill_rows]
            out[start : start + len(part)] = block
        out.flush()
        del out
        np.save(tmp / "ids.npy", ids)
        ivf = len(ids) >= self.ivf_min_rows
        if ivf:
            _write_ivf(tmp / "ivf.faiss", np.load(tmp / "vectors.npy", mmap_mode="r"))
        meta = {"format": FORMAT, "count": len(ids), "dimension": self._dim, "ivf": ivf}
        (tmp / "store.json").write_text(json.dumps(meta), encoding="utf-8")
        for path in tmp.iterdir():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o755)  # mkdtemp's 0700 would hide it from replicas of another user
        os.replace(tmp, folder)
        _fsync(self.path.parent)
        if self._spill is not None:
            shutil.rmtree(self._spill, ignore_errors=True)
        self._attach(folder, must_exist=True)
        return folder.name


def _top(scores: np.ndarray, n: int) -> np.ndarray:
    n = min(n, len(scores))
    head = np.argpartition(-scores, n - 1)[:n] if n < len(scores) else np.arange(len(scores))
    return head[np.argsort(-scores[head], kind="stable")]


def ivf_lists(rows: int) -> int:
    """Inverted lists for `rows` vectors: about the square root, at most 1024, and at
    least 39 training vectors a list (faiss's minimum for a sound k-means)."""
    return int(max(1, min(1024, rows // 39, round(rows**0.5))))


def _write_ivf(path: Path, vectors: np.ndarray) -> None:
    """An IVF index with 8-bit scalar-quantised codes over the rows (ids = row numbers)."""
    import faiss

    rows, dim = vectors.shape
    nlist = ivf_lists(rows)
    quantizer = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFScalarQuantizer(
        quantizer, dim, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
    )
    sample = np.random.default_rng(0).choice(rows, size=min(rows, nlist * 64), replace=False)
    index.train(np.asarray(vectors[np.sort(sample)], dtype=np.float32))
    for start in range(0, rows, _BATCH):
        index.add(np.asarray(vectors[start : start + _BATCH], dtype=np.float32))
    faiss.write_index(index, str(path))


def _fsync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
