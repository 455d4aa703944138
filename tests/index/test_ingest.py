"""Ingest for real: incremental, content-hashed, failures reported, settings checked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import make_settings

from policybot.errors import IndexMismatchError, PolicybotError
from policybot.index.ingest import ingest_lock
from policybot.index.store import IndexDir
from policybot.index.vectors import VectorIndex
from policybot.pipeline import Pipeline, build_pipeline
from policybot.reading import loaders

KH5807 = "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"
DONG_THAP = "dong-thap-thi-dua-chuyen-doi-so-2021-2025.txt"


def _chunk_ids(index: Path) -> set[str]:
    return set(IndexDir(index).read_tables().chunks)


def test_reingest_unchanged_changes_nothing(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    first = pipeline.ingest([corpus_copy], progress=False)
    assert first.documents == 5 and len(first.added) == 5 and first.chunks_embedded == first.chunks
    before = _chunk_ids(index)
    second = pipeline.ingest([corpus_copy], progress=False)
    assert second.chunks_embedded == 0 and second.unchanged == 5
    assert not second.added and not second.updated and not second.removed
    assert _chunk_ids(index) == before
    assert pipeline.vectors.ids() == before


def test_an_unchanged_ingest_opens_no_vector_store_unless_it_differs(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening chromadb's client is a second of an unchanged ingest: it is skipped when the
    store's own SQLite file, read directly, holds exactly the passages' ids. A store holding
    what a killed ingest left, or missing vectors, is opened and brought in line."""
    index = tmp_path / "index"
    build_pipeline(make_settings(index, backend="hash")).ingest([corpus_copy], progress=False)
    opened: list[Path] = []
    real = Pipeline._store

    def counting(self: Pipeline, path: Path, must_exist: bool = False) -> VectorIndex:
        opened.append(path)
        return real(self, path, must_exist)

    monkeypatch.setattr(Pipeline, "_store", counting)
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    assert pipeline.ingest([corpus_copy], progress=False).unchanged == 5
    assert opened == []
    # a vector of no committed passage, as a killed ingest leaves it
    store = pipeline.vectors
    store.upsert(["orphan"], np.ones((1, pipeline.embedder.dimension), np.float32), ["gone"])
    opened.clear()
    assert pipeline.ingest([corpus_copy], progress=False).unchanged == 5
    assert opened
    assert pipeline.vectors.ids() == _chunk_ids(index)
    # vectors lost from outside the ingest
    pipeline.vectors.delete(sorted(_chunk_ids(index))[:2])
    opened.clear()
    report = pipeline.ingest([corpus_copy], progress=False)
    assert opened and report.chunks_embedded == 2
    assert pipeline.vectors.ids() == _chunk_ids(index)
    opened.clear()
    assert pipeline.ingest([corpus_copy], progress=False).chunks_embedded == 0
    assert opened == []


def test_files_read_by_an_older_reader_are_read_again(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade that reads files differently, the next ingest reads every file
    again (even though no file changed), and passages whose text is the same keep their
    vectors instead of being embedded again."""
    index = tmp_path / "index"
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    first = pipeline.ingest([corpus_copy], progress=False)
    monkeypatch.setattr(loaders, "READING_VERSION", loaders.READING_VERSION + 1)
    again = pipeline.ingest([corpus_copy], progress=False)
    assert len(again.updated) == first.documents and again.unchanged == 0
    assert again.chunks_embedded == 0 and again.chunks == first.chunks
    for rec in IndexDir(index).read_tables().documents.values():
        assert rec["fingerprint"] == loaders.file_fingerprint(Path(rec["file"]))


def test_changed_file_replaced_and_removed_file_leaves_nothing(
    corpus_copy: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    pipeline.ingest([corpus_copy], progress=False)
    tables = IndexDir(index).read_tables()
    old_dt = set(tables.documents[DONG_THAP]["chunk_ids"])

    path = corpus_copy / DONG_THAP
    text = path.read_text(encoding="utf-8")
    assert "NHẬT ANH" in text
    path.write_text(
        text.replace("NHẬT ANH", "Đoạn mới về chuyển đổi số.\n\nNHẬT ANH"), encoding="utf-8"
    )
    (corpus_copy / KH5807).unlink()
    (corpus_copy / f"{KH5807}.meta.json").unlink()
    report = pipeline.ingest([corpus_copy], progress=False)

    assert report.updated == [DONG_THAP] and report.removed == [KH5807]
    tables = IndexDir(index).read_tables()
    assert KH5807 not in tables.documents
    assert all(c["doc_id"] != KH5807 for c in tables.chunks.values())
    new_dt = set(tables.documents[DONG_THAP]["chunk_ids"])
    assert new_dt != old_dt
    assert pipeline.vectors.ids() == set(tables.chunks)
    texts = " ".join(c["text"] for c in tables.chunks.values())
    assert "Đoạn mới về chuyển đổi số." in texts


def test_bad_file_reported_rest_indexed(corpus_copy: Path, tmp_path: Path) -> None:
    (corpus_copy / "hong.txt").write_bytes(b"")
    (corpus_copy / "bang.xlsx").write_bytes(b"PK\x03\x04")
    pipeline = build_pipeline(make_settings(tmp_path / "index", backend="hash"))
    report = pipeline.ingest([corpus_copy], progress=False)
    assert report.documents == 5
    assert [Path(f.path).name for f in report.failures] == ["hong.txt"]
    assert "empty" in report.failures[0].reason
    assert any(s.endswith("bang.xlsx") for s in report.skipped)


def test_failing_file_keeps_its_previous_version(corpus_copy: Path, tmp_path: Path) -> None:
    pipeline = build_pipeline(make_settings(tmp_path / "index", backend="hash"))
    pipeline.ingest([corpus_copy], progress=False)
    (corpus_copy / DONG_THAP).write_bytes(b"")
    report = pipeline.ingest([corpus_copy], progress=False)
    assert [Path(f.path).name for f in report.failures] == [DONG_THAP]
    assert DONG_THAP in IndexDir(tmp_path / "index").read_tables().documents


def test_query_with_other_embedder_is_refused(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    build_pipeline(make_settings(index, backend="hash")).ingest([corpus_copy], progress=False)
    other = build_pipeline(make_settings(index, backend="hash", dimension=64))
    with pytest.raises(IndexMismatchError, match="rebuild"):
        other.search("chuyển đổi số")
    with pytest.raises(IndexMismatchError):
        other.ingest([corpus_copy], progress=False)
    report = other.ingest([corpus_copy], rebuild=True, progress=False)
    assert report.documents == 5
    manifest = json.loads((index / "manifest.json").read_text())
    assert manifest["embedder"] == "hash-64" and manifest["dimension"] == 64


def test_missing_index_and_path_are_clear(tmp_path: Path) -> None:
    pipeline = build_pipeline(make_settings(tmp_path / "none", backend="hash"))
    with pytest.raises(PolicybotError, match="policybot ingest"):
        pipeline.ask("Kế hoạch 5807 ban hành ngày nào?")
    with pytest.raises(PolicybotError, match="no such file"):
        pipeline.ingest([tmp_path / "khong-co"], progress=False)


def test_second_ingest_refused_while_first_holds_lock(tmp_path: Path) -> None:
    index = IndexDir(tmp_path / "index")
    with (
        ingest_lock(index),
        pytest.raises(PolicybotError, match="another ingest"),
        ingest_lock(index),
    ):
        pass


def test_jsonl_corpus_keeps_ids(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    rows = [
        {
            "id": "luat-1",
            "title": "Điều 1",
            "text": "Luật này quy định về giao dịch điện tử.",
            "metadata": {"province": "Hà Nội"},
        },
        {
            "id": "luat-2",
            "title": "Điều 2",
            "text": "Cơ quan, tổ chức, cá nhân lựa chọn giao dịch.",
        },
    ]
    corpus.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{bad\n", encoding="utf-8"
    )
    pipeline = build_pipeline(make_settings(tmp_path / "index", backend="hash"))
    report = pipeline.ingest([corpus], progress=False)
    assert sorted(IndexDir(tmp_path / "index").read_tables().documents) == ["luat-1", "luat-2"]
    assert len(report.failures) == 1 and "3" in report.failures[0].reason + report.failures[0].path


def test_copy_of_index_folder_is_self_contained(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    build_pipeline(make_settings(index, backend="hash")).ingest([corpus_copy], progress=False)
    moved = tmp_path / "moved"
    shutil.copytree(index, moved)
    hits = build_pipeline(make_settings(moved, backend="hash")).search("Kế hoạch 5807", k=3)
    assert hits and hits[0].chunk.doc_id == KH5807
