"""Both vector stores (chromadb, memory-mapped faiss) behave the same under ingest's protocol:
upsert, commit the generation, delete what the tables dropped, reopen by the manifest's name."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.conftest import make_settings

from policybot.config import Settings, VectorSettings
from policybot.errors import PolicybotError
from policybot.index.store import IndexDir
from policybot.index.vectors import VectorIndex, open_store, store_dir, stored_ids
from policybot.pipeline import Pipeline, build_pipeline

DIM = 16
KINDS = ("chromadb", "faiss-flat", "faiss-ivf")


def _settings(root: Path, kind: str) -> Settings:
    backend = "chromadb" if kind == "chromadb" else "faiss"
    ivf_min = 50 if kind == "faiss-ivf" else 1_000_000
    return Settings(
        index_dir=root,
        vectors={"backend": backend, "ivf_min_rows": ivf_min, "nprobe": 64},  # type: ignore[arg-type]
    )


def _vectors(n: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _write(store: VectorIndex, ids: list[str], vecs: np.ndarray, keep: list[str]) -> str:
    """What ingest does: upsert, commit (the manifest would name the result), drop stale."""
    store.upsert(ids, vecs, ["doc"] * len(ids))
    name = store.commit(keep)
    store.delete(sorted(store.ids() - set(keep)))
    return name


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_write_reopen_query(tmp_path: Path, kind: str) -> None:
    settings = _settings(tmp_path, kind)
    tmp_path.mkdir(exist_ok=True)
    ids = [f"c{i:03d}" for i in range(200)]
    vecs = _vectors(200, 1)
    name = _write(open_store(store_dir(IndexDir(tmp_path), settings), settings), ids, vecs, ids)
    store = open_store(tmp_path / name, settings, must_exist=True)
    assert store.count() == 200 and store.ids() == set(ids)
    store.check_covers(200)
    with pytest.raises(PolicybotError, match="1 chunks have no vector"):
        store.check_covers(201)
    for i in (0, 57, 199):
        found = store.query(vecs[i], 5)
        assert found[0][0] == ids[i] and found[0][1] == pytest.approx(1.0, abs=0.02)
        assert len(found) == 5 and [s for _, s in found] == sorted(
            (s for _, s in found), reverse=True
        )
    subset = ids[100:120]
    found = store.query(vecs[110], 30, ids=subset)
    assert {c for c, _ in found} == set(subset) and found[0][0] == ids[110]
    if kind != "chromadb":  # rows read with pread: the scores of the mapped rows, exactly
        scattered = [*ids[3:9], ids[40], *ids[150:152], ids[199], ids[0]]
        found = store.query(vecs[5], 30, ids=scattered)
        rows = sorted(ids.index(c) for c in scattered)
        q = vecs[5] / float(np.linalg.norm(vecs[5]))
        mapped = np.asarray(store._vectors[rows], dtype=np.float32) @ q  # type: ignore[attr-defined]
        assert dict(found) == {ids[r]: float(s) for r, s in zip(rows, mapped, strict=True)}
    assert store.query(vecs[0], 5, ids=[]) == []


def test_incremental_generation_drops_and_adds(tmp_path: Path, kind: str) -> None:
    settings = _settings(tmp_path, kind)
    ids = [f"c{i:03d}" for i in range(120)]
    vecs = _vectors(120, 2)
    first = _write(open_store(store_dir(IndexDir(tmp_path), settings), settings), ids, vecs, ids)
    store = open_store(tmp_path / first, settings, must_exist=True)
    new_ids = [f"n{i:02d}" for i in range(10)]
    new_vecs = _vectors(10, 3)
    keep = ids[20:] + new_ids  # a changed file: 20 passages gone, 10 new
    second = _write(store, new_ids, new_vecs, keep)
    again = open_store(tmp_path / second, settings, must_exist=True)
    assert again.ids() == set(keep) and again.count() == len(keep)
    assert again.query(new_vecs[4], 1)[0][0] == "n04"
    assert again.query(vecs[50], 1)[0][0] == "c050"
    assert not {c for c, _ in again.query(vecs[5], 110)} & set(ids[:20])


def test_killed_before_commit_leaves_the_named_store_whole(tmp_path: Path, kind: str) -> None:
    settings = _settings(tmp_path, kind)
    ids = [f"c{i:03d}" for i in range(80)]
    vecs = _vectors(80, 4)
    name = _write(open_store(store_dir(IndexDir(tmp_path), settings), settings), ids, vecs, ids)
    store = open_store(tmp_path / name, settings, must_exist=True)
    store.upsert(["x1", "x2"], _vectors(2, 5), ["doc", "doc"])  # then the process dies
    reopened = open_store(tmp_path / name, settings, must_exist=True)
    assert set(ids) <= reopened.ids()  # chromadb may hold the extra ones: search skips them
    assert reopened.query(vecs[3], 1)[0][0] == "c003"


def test_chroma_ids_read_without_chromadb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What an unchanged ingest compares with the passages before opening chromadb: the same
    ids as the store's own, after upserts and deletes, from a relative path too; None where
    they cannot be read so (no folder, a file that is not chromadb's, another backend)."""
    settings = _settings(tmp_path, "chromadb")
    path = store_dir(IndexDir(tmp_path), settings)
    assert stored_ids(path, settings) is None
    ids = [f"c{i:03d}" for i in range(30)]
    store = open_store(path, settings)
    _write(store, ids, _vectors(30, 2), ids[5:])
    assert stored_ids(path, settings) == store.ids() == set(ids[5:])
    monkeypatch.chdir(tmp_path)
    assert stored_ids(Path(path.name), settings) == set(ids[5:])
    (path / "chroma.sqlite3").write_bytes(b"not a database" * 100)
    assert stored_ids(path, settings) is None
    faiss = _settings(tmp_path, "faiss-flat")
    assert stored_ids(store_dir(IndexDir(tmp_path / "f"), faiss), faiss) is None


def test_missing_or_damaged_folder_is_reported(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "faiss-ivf")
    ids = [f"c{i:03d}" for i in range(60)]
    store = open_store(store_dir(IndexDir(tmp_path), settings), settings)
    name = _write(store, ids, _vectors(60, 6), ids)
    assert (tmp_path / name / "ivf.faiss").is_file()
    with pytest.raises(PolicybotError, match="is missing"):
        open_store(tmp_path / "vectors-gone", settings, must_exist=True)
    (tmp_path / name / "ids.npy").write_bytes(b"garbage")
    with pytest.raises(PolicybotError, match=r"cannot be opened.*rebuild"):
        open_store(tmp_path / name, settings, must_exist=True)


QUERIES = ("Kế hoạch 5807/KH-UBND", "chuyển đổi số Đồng Tháp", "Bình Thuận nghị quyết 10")


def _pipeline(index: Path, backend: str, ivf_min: int = 1_000_000) -> Pipeline:
    settings = make_settings(index, backend="hash").model_copy(
        update={"vectors": VectorSettings(backend=backend, ivf_min_rows=ivf_min, nprobe=64)}  # type: ignore[arg-type]
    )
    return build_pipeline(settings)


def test_faiss_backend_answers_like_chromadb_and_stays_incremental(
    corpus_copy: Path, tmp_path: Path
) -> None:
    chroma, mapped = (
        _pipeline(tmp_path / "chroma", "chromadb"),
        _pipeline(tmp_path / "faiss", "faiss"),
    )
    chroma.ingest([corpus_copy], progress=False)
    report = mapped.ingest([corpus_copy], progress=False)
    assert report.chunks_embedded == report.chunks > 0
    for q in QUERIES:
        assert [h.chunk.id for h in mapped.search(q, k=5)] == [
            h.chunk.id for h in chroma.search(q, k=5)
        ]
    names = [p.name for p in (tmp_path / "faiss").iterdir()]
    assert len([n for n in names if n.startswith("vectors-")]) == 1 and "chroma" not in names

    (corpus_copy / "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt").unlink()
    again = mapped.ingest([corpus_copy], progress=False)
    assert again.removed == ["quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"]
    tables = IndexDir(tmp_path / "faiss").read_tables()
    fresh = _pipeline(tmp_path / "faiss", "faiss")
    assert fresh.vectors.ids() == set(tables.chunks)
    assert all(
        h.chunk.doc_id != "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"
        for h in fresh.search(QUERIES[0], k=5)
    )
    names = [p.name for p in (tmp_path / "faiss").iterdir()]
    assert len([n for n in names if n.startswith("vectors-")]) == 1, names
    assert not [n for n in names if n.endswith(".tmp")], names

    rebuilt = _pipeline(tmp_path / "faiss", "faiss", ivf_min=10).ingest(
        [corpus_copy], rebuild=True, progress=False
    )
    assert rebuilt.chunks_embedded == rebuilt.chunks
    store = next((tmp_path / "faiss").glob("vectors-*"))
    assert (store / "ivf.faiss").is_file()
    hits = _pipeline(tmp_path / "faiss", "faiss").search(QUERIES[1], k=3)
    assert hits and hits[0].chunk.doc_id == "dong-thap-thi-dua-chuyen-doi-so-2021-2025.txt"
