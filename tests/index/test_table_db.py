"""The table file read on demand: a loaded index fetches records by id and answers exactly
like the tables held in memory; load reads no record; a damaged file is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import make_settings

from policybot.errors import PolicybotError
from policybot.index.passages import MemoryLookups, lookups
from policybot.index.store import IndexDir, StoredTables
from policybot.pipeline import Pipeline, build_pipeline
from policybot.search.retrieve import Filters, Retriever
from policybot.text.ref_keys import number_keys

QUERIES = (
    "Kế hoạch 5807/KH-UBND được ban hành ngày nào?",
    "nghị quyết 52 về cách mạng công nghiệp lần thứ tư",
    "Điều 3 quy định gì?",
    "chuyển đổi số Đồng Tháp thi đua",
    "Bình Thuận đặt mục tiêu gì về chuyển đổi số đến năm 2025?",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    from tests.conftest import CORPUS

    index = tmp_path_factory.mktemp("tables") / "index"
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    pipeline.ingest([CORPUS], progress=False)
    return pipeline


def test_load_reads_no_record_and_answers_like_memory(built: Pipeline) -> None:
    pipeline = build_pipeline(built.settings)
    retriever, _ = pipeline.load()
    assert isinstance(retriever.tables, StoredTables)
    assert not retriever.chunks._cache  # type: ignore[attr-defined]
    memory = Retriever(
        IndexDir(built.settings.index_dir).read_tables(),
        retriever._vectors,
        pipeline.embedder,
        retriever.settings,
    )
    assert list(retriever.ids) == memory.ids
    for q in QUERIES:
        stored_hits = retriever.search(q, k=8)
        memory_hits = memory.search(q, k=8)
        assert [(h.chunk, h.score) for h in stored_hits] == [
            (h.chunk, h.score) for h in memory_hits
        ]
    province = Filters(province="Bình Thuận")
    assert [h.chunk.id for h in retriever.search("chuyển đổi số", filters=province)] == [
        h.chunk.id for h in memory.search("chuyển đổi số", filters=province)
    ]
    assert pipeline.ask(QUERIES[0]).answer == build_pipeline(built.settings).ask(QUERIES[0]).answer


def test_stored_lookups_equal_the_maps(built: Pipeline) -> None:
    index = IndexDir(built.settings.index_dir)
    stored = index.open_tables()
    tables = index.read_tables()
    assert isinstance(stored, StoredTables)
    disk, memory = lookups(stored.chunks), MemoryLookups(tables.chunks)
    assert disk.ids() == memory.ids() == list(tables.chunks)
    for doc_id in tables.documents:
        assert disk.of_document(doc_id) == memory.of_document(doc_id)
        assert stored.documents[doc_id] == tables.documents[doc_id]
    numbers = {
        i["number"] for r in tables.chunks.values() for i in r["instruments"] if i.get("number")
    }
    assert numbers
    for number in sorted(numbers):
        assert disk.naming(number_keys(number)) == memory.naming(number_keys(number))
        assert disk.naming(number_keys(number))
    for article in ("1", "3", "10"):
        assert disk.headed(article) == memory.headed(article)
    position = {cid: i for i, cid in enumerate(tables.chunks)}
    docs = sorted(tables.documents)
    for chosen in ([docs[0]], docs[::2], docs, ["no-such-document"], []):
        expected = sorted(position[c] for d in chosen for c in memory.of_document(d))
        assert disk.positions_of(chosen) == memory.positions_of(chosen) == expected
    bare = {cid: {k: v for k, v in r.items() if k != "tokens"} for cid, r in tables.chunks.items()}
    assert dict(stored.chunks.items()) == bare
    assert "no-such-id" not in stored.chunks and len(stored.chunks) == len(tables.chunks)
    with pytest.raises(KeyError):
        stored.chunks["no-such-id"]


def test_a_byte_changed_in_place_is_caught_by_the_checksum(built: Pipeline, tmp_path: Path) -> None:
    """Size and change counter unchanged: load's constant-time checks pass, and the full
    read ingest does (sha256) refuses the file."""
    import shutil

    index = tmp_path / "index"
    shutil.copytree(built.settings.index_dir, index)
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    path = index / manifest["tables"]["db"]
    data = bytearray(path.read_bytes())
    at = data.find("chuyển đổi số".encode())
    assert at > 0
    data[at : at + 3] = b"XYZ"
    path.write_bytes(bytes(data))
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    pipeline.load()
    with pytest.raises(PolicybotError, match=r"does not match the manifest.*rebuild"):
        pipeline.ingest([built.settings.documents_dir], progress=False)


def test_mentions_equals_the_scan_of_every_passage(built: Pipeline) -> None:
    from policybot.text.refs import RefQuery, ref_matches

    retriever, _ = build_pipeline(built.settings).load()
    chunks = list(retriever.chunks.values())
    named = {(i.type, i.number) for c in chunks for i in c.instruments if i.number}
    refs = [RefQuery(type=t, number=n, full="/" in (n or "")) for t, n in sorted(named)]
    refs += [RefQuery(type=t, number=n.split("/")[0], full=False) for t, n in sorted(named)]
    refs += [RefQuery(type=None, number="9999/QĐ-UBND", full=True), RefQuery(None, "0052", False)]
    found = 0
    for ref in refs:
        scan = any(ref_matches(ref, i) for c in chunks for i in c.instruments)
        assert retriever.mentions(ref) == scan, ref
        found += scan
    assert 0 < found < len(refs)


def test_sources_found_at_ingest_name_the_same_documents(tmp_path: Path) -> None:
    from policybot.index.table_db import DocumentRecords, TableFile, write
    from policybot.search.sources import SourceIndex

    titles = {
        "dl-1": "Luật Du lịch 2017 — Điều 1. Phạm vi điều chỉnh",
        "dl-39": "Luật Du lịch năm 2017 - Điều 39. Hợp đồng lữ hành",
        "ds-3": "Bộ luật Dân sự 2015 — Điều 3. Nguyên tắc",
        "ds-4": "Bộ luật Dân sự 2015 — Điều 4. Áp dụng",
        "tin": "Thúc đẩy chuyển đổi số trong hệ thống chính trị",
    }
    docs = {d: {"id": d, "title": t, "chunk_ids": []} for d, t in titles.items()}
    write(tmp_path / "t.sqlite", docs, {})
    db = TableFile(tmp_path / "t.sqlite")
    stored = SourceIndex.from_sources(DocumentRecords(db, db.documents).sources())
    memory = SourceIndex(titles)
    for q in ("Theo Luật Du lịch, hợp đồng lữ hành gồm gì?", "Theo BLDS thì sao?", "Luật Dân sự"):
        assert stored.named(q) == memory.named(q)
    assert stored.named("Theo Luật Du lịch, ai?") == {"dl-1", "dl-39"}
    assert stored.named("BLDS") == {"ds-3", "ds-4"}


def test_article_positions_equal_the_headed_ids(built: Pipeline, tmp_path: Path) -> None:
    """The seed corpus heads no passage with an article: head some, write a table file."""
    tables = IndexDir(built.settings.index_dir).read_tables()
    for i, rec in enumerate(tables.chunks.values()):
        rec["heading"] = f"Điều {i % 3 + 1}. Phạm vi" if i % 2 else rec.get("heading", "")
    index = IndexDir(tmp_path / "index")
    written = index.write_generation(tables)
    counts = {"documents": len(tables.documents), "chunks": len(tables.chunks)}
    stored = index.open_tables({**written, **counts})
    disk, memory = lookups(stored.chunks), MemoryLookups(tables.chunks)
    position = {cid: i for i, cid in enumerate(tables.chunks)}
    for article in ("1", "2", "3", "4"):
        expected = sorted(position[c] for c in memory.headed(article))
        assert disk.headed_positions(article) == memory.headed_positions(article) == expected
        assert bool(expected) == (article != "4")
