"""The registry built at ingest from the seed corpus: one entry per instrument, exact fields,
the merges the texts make clear, the relations read from them, persisted in index/."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from tests.conftest import make_settings

from policybot.index.store import IndexDir
from policybot.instruments import registry_file
from policybot.instruments.registry import Registry
from policybot.instruments.registry_build import (
    build,
    legacy_path,
    load,
    registry_path,
    tables_fingerprint,
)
from policybot.instruments.registry_file import StoredRegistry
from policybot.pipeline import Pipeline, build_pipeline

KH5807 = "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"
QT_NQ = "quang-tri-nghi-quyet-chuyen-doi-so-2025-2030.txt"
TRIEU_PHONG = "quang-tri-trieu-phong-thuc-hien-nghi-quyet-52-cmcn4.txt"
BINH_THUAN = "binh-thuan-nghi-quyet-10-chuyen-doi-so.txt"
QT_RESOLUTION = "Nghị quyết: về chuyển đổi số tỉnh quảng trị đến năm 2025, định hướng đến năm 2030"
TRIEU_PHONG_DOC = (
    "Văn bản của Ban Thường vụ Huyện ủy Triệu Phong: cụ thể hóa thực hiện nghị quyết số 52-nq/tw"
)
SO_HOA = (
    "Kế hoạch: số hóa kết quả giải quyết thủ tục hành chính của các cơ quan hành chính nhà "
    "nước tỉnh quảng trị"
)
CHUONG_TRINH = (
    "Chương trình: ứng dụng công nghệ thông tin trong hoạt động của các cơ quan đảng giai "
    "đoạn 2021-2025"
)
KH_BINH_THUAN = "Kế hoạch: về thực hiện nghị quyết số 10-nq/tu"


@pytest.fixture(scope="module")
def registry(seed_pipeline: Pipeline) -> Registry:
    return seed_pipeline.registry()


def test_seed_relations_are_exactly_these(registry: Registry) -> None:
    got = {(r.source, r.kind, r.target) for r in registry.relations}
    assert got == {
        ("5807/KH-UBND", "implements", "50/NQ-CP"),
        ("5807/KH-UBND", "implements", "190-KH/TU"),
        ("190-KH/TU", "implements", "52-NQ/TW"),
        ("50/NQ-CP", "implements", "52-NQ/TW"),
        (TRIEU_PHONG_DOC, "implements", "52-NQ/TW"),
        (QT_RESOLUTION, "targets", "749/QĐ-TTg"),
        (QT_RESOLUTION, "targets", CHUONG_TRINH),
        (CHUONG_TRINH, "based_on", "27-QĐ/TW"),
        (SO_HOA, "based_on", "45/2020/NĐ-CP"),
        (KH_BINH_THUAN, "implements", "10-NQ/TU"),
    }


def test_each_relation_cites_the_sentence_naming_both_ends(registry: Registry) -> None:
    by = {(r.source, r.target): r for r in registry.relations}
    kh = by[("5807/KH-UBND", "50/NQ-CP")]
    assert kh.cue == "triển khai thực hiện"
    assert kh.passages[0].doc_id == KH5807
    assert "5807/KH-UBND" in kh.passages[0].sentence and "50/NQ-CP" in kh.passages[0].sentence
    assert by[(TRIEU_PHONG_DOC, "52-NQ/TW")].cue == "cụ thể hóa thực hiện"
    so_hoa = by[(SO_HOA, "45/2020/NĐ-CP")]
    assert so_hoa.cue == "theo" and "Kế hoạch số hóa" in so_hoa.passages[0].sentence
    # the quoted goal names 749/QĐ-TTg; the resolution is named in the next passage
    target = by[(QT_RESOLUTION, "749/QĐ-TTg")]
    assert target.cue == "hoàn thành các mục tiêu tại"
    assert "749/QĐ-TTg" in target.passages[0].sentence
    assert "Đó là mục tiêu tổng quát" in target.support[0].sentence
    assert target.support[0].chunk_id != target.passages[0].chunk_id
    for rel in registry.relations:
        for p in rel.passages:
            assert _CHUNKS[p.chunk_id][p.start : p.end] == p.sentence


_CHUNKS: dict[str, str] = {}


@pytest.fixture(autouse=True, scope="module")
def _chunk_texts(seed_pipeline: Pipeline) -> None:
    retriever, _ = seed_pipeline.load()
    _CHUNKS.update({cid: c.text for cid, c in retriever.chunks.items()})


@pytest.mark.parametrize(
    ("key", "type_", "date", "issuer", "level", "province"),
    [
        ("52-NQ/TW", "Nghị quyết", "2019-09-27", "Bộ Chính trị", "trung ương", None),
        ("50/NQ-CP", "Nghị quyết", "2020-04-17", "Chính phủ", "trung ương", None),
        ("5807/KH-UBND", "Kế hoạch", "2020-12-17", "UBND tỉnh Quảng Trị", "tỉnh", "Quảng Trị"),
        (
            "190-KH/TU",
            "Kế hoạch",
            "2020-08-12",
            "Ban Thường vụ Tỉnh ủy Quảng Trị",
            "tỉnh",
            "Quảng Trị",
        ),
        ("45/2020/NĐ-CP", "Nghị định", "2020-04-08", "Chính phủ", "trung ương", None),
        ("749/QĐ-TTg", "Quyết định", None, "Thủ tướng Chính phủ", "trung ương", None),
        ("27-QĐ/TW", "Quyết định", None, "Ban Bí thư Trung ương Đảng", "trung ương", None),
        (
            "10-NQ/TU",
            "Nghị quyết",
            "2022-03-18",
            "Ban Chấp hành Đảng bộ tỉnh Bình Thuận",
            "tỉnh",
            "Bình Thuận",
        ),
        (
            QT_RESOLUTION,
            "Nghị quyết",
            None,
            "Ban Chấp hành Đảng bộ tỉnh Quảng Trị khóa XVII",
            "tỉnh",
            "Quảng Trị",
        ),
        (
            TRIEU_PHONG_DOC,
            "Văn bản",
            None,
            "Ban Thường vụ Huyện ủy Triệu Phong",
            "huyện",
            "Quảng Trị",
        ),
    ],
)
def test_seed_entries(
    registry: Registry,
    key: str,
    type_: str,
    date: str | None,
    issuer: str,
    level: str,
    province: str | None,
) -> None:
    e = registry.entries[key]
    assert (e.type, e.date, e.issuer, e.level, e.province) == (
        type_,
        date,
        issuer,
        level,
        province,
    )


def test_bare_number_joins_the_full_number_of_the_same_province(registry: Registry) -> None:
    """ "Nghị quyết số 10" (with the date) and "Nghị quyết số 10-NQ/TU" are one resolution."""
    e = registry.entries["10-NQ/TU"]
    assert "Nghị quyết 10" in e.aliases and "Nghị quyết 10" not in registry.entries
    assert len(e.mentions) == 4 and {m.doc_id for m in e.mentions} == {BINH_THUAN}
    assert e.subject == "về chuyển đổi số đến năm 2025, định hướng đến năm 2030"
    assert registry.find("Nghị quyết 10") == [e]


def test_two_names_of_the_quang_tri_resolution_are_one_entry(registry: Registry) -> None:
    e = registry.entries[QT_RESOLUTION]
    assert e.aliases == ("Nghị quyết: về chuyển đổi số đến năm 2025, định hướng đến năm 2030",)
    texts = [m.text for m in e.mentions]
    assert any(t.startswith("Nghị quyết của Tỉnh ủy về chuyển đổi số") for t in texts)
    assert e.subject == "về chuyển đổi số tỉnh Quảng Trị đến năm 2025, định hướng đến năm 2030"


def test_headline_title_joins_the_numbered_plan(registry: Registry) -> None:
    e = registry.entries["5807/KH-UBND"]
    assert e.aliases == ("Kế hoạch: triển khai thực hiện một số chủ trương",)
    assert e.subject == "về việc triển khai thực hiện Nghị quyết số 50/NQ-CP"
    assert len(e.mentions) == 3


def test_titles_to_be_drafted_are_planned(registry: Registry) -> None:
    planned = {k for k, e in registry.entries.items() if e.planned}
    assert SO_HOA in planned and "Kế hoạch: chuyển đổi số tỉnh quảng trị" in planned
    assert not registry.entries["5807/KH-UBND"].planned
    assert not any(e.planned for e in registry.entries.values() if e.number)


def test_no_entry_from_a_body_merely_tasked(registry: Registry) -> None:
    implied = [e.key for e in registry.entries.values() if e.implied]
    assert implied == [TRIEU_PHONG_DOC]


def test_every_mention_is_verbatim(registry: Registry) -> None:
    for e in registry.entries.values():
        for m in e.mentions:
            text = _CHUNKS[m.chunk_id]
            assert text[m.start : m.end] == m.text
            assert text[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence


def _manifest(index: Path) -> dict:
    return json.loads((index / "manifest.json").read_text(encoding="utf-8"))


def test_registry_is_written_at_ingest_and_follows_changes(
    corpus_copy: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    pipeline.ingest([corpus_copy], progress=False)
    source = _manifest(index)["derived"]["registry"]
    path = registry_path(IndexDir(index), source)
    written = StoredRegistry(path)
    keys = set(written.entries)
    assert {"52-NQ/TW", "5807/KH-UBND", "10-NQ/TU"} <= keys
    tables = IndexDir(index).read_tables()
    assert written.source == source == tables_fingerprint(tables)
    assert load(IndexDir(index), tables, source).to_json() == build(tables).to_json()
    assert isinstance(pipeline.registry(), StoredRegistry)  # read from its file
    # a removed document takes its instruments and relations with it
    (corpus_copy / KH5807).unlink()
    (corpus_copy / f"{KH5807}.meta.json").unlink()
    pipeline.ingest([corpus_copy], progress=False)
    after_source = _manifest(index)["derived"]["registry"]
    after = StoredRegistry(registry_path(IndexDir(index), after_source))
    assert "5807/KH-UBND" not in after.entries and "50/NQ-CP" not in after.entries
    assert "52-NQ/TW" in after.entries  # Triệu Phong still names it
    assert all("5807" not in r.source for r in after.relations)
    assert after_source != source and not path.exists()  # the old file is gone
    assert sorted(p.name for p in index.glob("registry*")) == [f"registry-{after_source}.sqlite"]


def test_unchanged_ingest_keeps_the_registry_file(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    pipeline.ingest([corpus_copy], progress=False)
    path = registry_path(IndexDir(index), _manifest(index)["derived"]["registry"])
    stamp = path.stat().st_mtime_ns
    pipeline.ingest([corpus_copy], progress=False)
    assert path.stat().st_mtime_ns == stamp  # nothing changed: not rebuilt


def test_stale_or_damaged_registry_file_is_rebuilt_in_memory(
    corpus_copy: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    build_pipeline(make_settings(index, backend="hash")).ingest([corpus_copy], progress=False)
    idx = IndexDir(index)
    source = _manifest(index)["derived"]["registry"]
    tables = idx.read_tables()
    registry_path(idx, source).write_bytes(b"not sqlite")
    rebuilt = load(idx, tables, source)
    assert not isinstance(rebuilt, StoredRegistry)
    assert rebuilt.to_json() == build(tables).to_json()
    registry_path(idx, source).unlink()
    assert "52-NQ/TW" in load(idx, tables, source).entries
    # a file built from other tables is not used either
    registry_file.write(index, replace(build(tables), source="other")).rename(
        registry_path(idx, source)
    )
    assert not isinstance(load(idx, tables, source), StoredRegistry)


def test_an_index_from_before_the_registry_file_reads_its_json(
    corpus_copy: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    build_pipeline(make_settings(index, backend="hash")).ingest([corpus_copy], progress=False)
    idx = IndexDir(index)
    tables = idx.read_tables()
    built = build(tables)
    for path in index.glob("registry-*.sqlite"):
        path.unlink()
    legacy_path(idx).write_text(built.to_json(), encoding="utf-8")
    assert load(idx, tables).to_json() == built.to_json()  # no fingerprint in the manifest
    legacy_path(idx).write_text("{not json", encoding="utf-8")
    assert load(idx, tables).to_json() == built.to_json()
