"""The registry read from its SQLite file answers every lookup as the registry built in
memory does (same entries, same order), on the seed corpus's registry and on a few
thousand synthetic entries, without reading its entries whole."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from tests.conftest import make_settings
from tests.instruments.test_registry_lookups import _entries

from policybot.index.store import IndexDir
from policybot.instruments.ended import validity_note
from policybot.instruments.registry import Registry
from policybot.instruments.registry_build import build, registry_path
from policybot.instruments.registry_file import StoredRegistry, write
from policybot.instruments.registry_records import Entry, MentionRec, Relation
from policybot.pipeline import build_pipeline


def _same_lookups(built: Registry, stored: StoredRegistry) -> None:
    assert stored.to_json() == built.to_json()
    assert len(stored.entries) == len(built.entries)
    for e in built.entries.values():
        for key in (e.key, *e.aliases):
            assert stored.get(key) == built.get(key), key
        for text in (e.key, e.title(), e.label(), e.number or "", e.name or ""):
            assert stored.find(text) == built.find(text), text
        assert stored.outgoing(e.key) == built.outgoing(e.key)
        assert stored.incoming(e.key) == built.incoming(e.key)
    assert stored.get("không có") is None and stored.find("không có") == []
    ends = {k for r in (*built.relations, *built.validity) for k in (r.source, r.target)}
    for key in [*sorted(ends | set(built.entries)), "không có"]:
        for reg in (built, stored):  # looked up by end: what a scan of the lists finds
            assert reg.outgoing(key) == [r for r in reg.relations if r.source == key]
            assert reg.incoming(key) == [r for r in reg.relations if r.target == key]
            assert reg.validity_from(key) == [r for r in reg.validity if r.source == key]
            assert reg.validity_to(key) == [r for r in reg.validity if r.target == key]
            by_end = (reg.outgoing, reg.incoming, reg.validity_from, reg.validity_to)
            assert reg.relation_count(key) == sum(len(f(key)) for f in by_end)
    docs = {m.doc_id for e in built.entries.values() for m in e.mentions}
    docs |= {e.own_doc for e in built.entries.values() if e.own_doc}
    assert stored.held() == built.held()
    for doc in [*sorted(docs), "không có"]:
        assert stored.held([doc]) == built.held([doc])
        assert list(stored.local_counts(doc).items()) == list(built.local_counts(doc).items())
        assert validity_note(stored, [doc]) == validity_note(built, [doc])
    assert stored.held(sorted(docs)) == built.held(sorted(docs))
    provinces = {e.province for e in built.entries.values() if e.province} | {"Không Có"}
    for place in provinces:

        def where(province: str | None, issuer: str | None, p: str = place) -> bool:
            return p in (province or "") or p in (issuer or "")

        assert stored.local_entries(where) == built.local_entries(where)


def test_the_seed_corpus_registry_from_its_file(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    build_pipeline(make_settings(index, backend="hash")).ingest([corpus_copy], progress=False)
    tables = IndexDir(index).read_tables()
    built = build(tables)
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    stored = StoredRegistry(registry_path(IndexDir(index), manifest["derived"]["registry"]))
    assert built.relations and any(e.local for e in built.entries.values())
    assert any(built.local_counts(d) for d in {c["doc_id"] for c in tables.chunks.values()})
    _same_lookups(built, stored)


def _with_mentions(entries: list[Entry]) -> list[Entry]:
    out = []
    for i, e in enumerate(entries):
        mentions = tuple(
            MentionRec(f"doc-{(i * 7 + j) % 50}", f"c{i}-{j}", j, j + 3, "abc", "abc def", 0)
            for j in range(i % 4)
        )
        level = "tỉnh" if i % 3 == 0 else None
        province = "Quảng Trị" if i % 6 == 0 else ("Bình Thuận" if i % 3 == 0 else None)
        name = None if i % 5 else f"phát triển vùng số {i} đến năm 2030"
        number = None if name else e.number
        out.append(
            replace(e, mentions=mentions, level=level, province=province, name=name, number=number)
        )
    return out


@pytest.mark.parametrize("size", [600])
def test_synthetic_entries_from_the_file(tmp_path: Path, size: int) -> None:
    entries = _with_mentions(_entries(size))
    built = Registry({e.key: e for e in entries}, [], "synthetic")
    stored = StoredRegistry(write(tmp_path, built))
    _same_lookups(built, stored)
    named = next(e for e in entries if e.name)
    text = f"Theo {named.type} {named.name} thì"
    assert stored.match_name(text) == built.match_name(text) != []


def test_lookups_do_not_read_every_entry(tmp_path: Path) -> None:
    entries = _with_mentions(_entries(2000))
    built = Registry({e.key: e for e in entries}, [], "synthetic")
    stored = StoredRegistry(write(tmp_path, built))
    read: list[int] = []
    fetch = stored._stored._by_rank
    stored._stored.by_rank = lambda rank: read.append(rank) or fetch(rank)  # type: ignore[method-assign]
    alias = next(e for e in entries if e.aliases)
    assert stored.get(alias.aliases[0]) == alias
    assert stored.find(entries[7].number or entries[7].key) == built.find(
        entries[7].number or entries[7].key
    )
    assert stored.local_counts("doc-3") == built.local_counts("doc-3")
    assert len(read) < 10  # the entries the answers name, not the registry


def _related(entries: list[Entry]) -> tuple[list[Relation], list[Relation]]:
    keys = [e.key for e in entries]
    lineage = [
        Relation(keys[i], keys[(i * 7 + 3) % len(keys)], "implements", "thực hiện", ())
        for i in range(0, len(keys), 2)
    ]
    lineage += [Relation(keys[1], keys[i], "based_on", "căn cứ", ()) for i in range(5, 40, 5)]
    validity = [Relation(keys[i], keys[i + 1], "replaces", "thay thế", ()) for i in range(0, 60, 3)]
    return lineage, validity


def test_relations_are_looked_up_by_key_not_read_whole(tmp_path: Path) -> None:
    """An instrument's relations come from an indexed query; every relation is read only
    when something asks for all of them. A file without the ends as columns (written
    before) reads them whole at open and answers the same."""
    entries = _entries(300)
    lineage, validity = _related(entries)
    built = Registry({e.key: e for e in entries}, lineage, "synthetic", validity)
    path = write(tmp_path, built)
    stored = StoredRegistry(path)
    for key in [e.key for e in entries[:60]]:
        assert stored.outgoing(key) == built.outgoing(key)
        assert stored.incoming(key) == built.incoming(key)
        assert stored.validity_from(key) == built.validity_from(key)
        assert stored.validity_to(key) == built.validity_to(key)
    assert stored.outgoing(entries[1].key) and stored.validity_to(entries[1].key)
    assert stored._lists is None  # nothing read whole
    assert stored.relations == lineage and stored.validity == validity
    _same_lookups(built, stored)
    con = sqlite3.connect(path)
    con.executescript(
        "DROP INDEX relations_source; DROP INDEX relations_target;"
        "ALTER TABLE relations DROP COLUMN source; ALTER TABLE relations DROP COLUMN target;"
    )
    con.close()
    older = StoredRegistry(path)
    assert older._lists is not None  # read at open, as before
    _same_lookups(built, older)
