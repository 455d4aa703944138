"""Passage ids saved beside the lexical indexes and memory-mapped at load: the same ids and
positions as the list and dict read from the table file, and refused when damaged."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import make_settings

from policybot.index.passage_ids import IDS, PassageIds, Positions, save
from policybot.pipeline import build_pipeline


def test_ids_and_positions_equal_a_list_and_dict(tmp_path: Path) -> None:
    rng = random.Random(2)
    ids = [f"{rng.getrandbits(64):016x}-{i}" for i in range(3000)] + ["điều-1", "c1", "c10"]
    rng.shuffle(ids)
    digest = save(ids, tmp_path)
    mapped = PassageIds.open(tmp_path, len(ids), digest)
    positions = Positions(mapped)
    assert list(mapped) == ids and len(mapped) == len(ids)
    assert [mapped[i] for i in (0, 17, len(ids) - 1)] == [ids[0], ids[17], ids[-1]]
    assert mapped[5:9] == ids[5:9]
    assert all(positions[c] == i for i, c in enumerate(ids))
    for missing in ("c", "c100", "", "zzz", "0"):
        assert missing not in positions
        with pytest.raises(KeyError):
            positions[missing]


def test_damaged_or_foreign_ids_are_refused(tmp_path: Path) -> None:
    digest = save(["a", "b", "c"], tmp_path)
    with pytest.raises(ValueError):
        PassageIds.open(tmp_path, 4, digest)
    np.save(tmp_path / IDS, np.asarray([b"a", b"c", b"b"]))
    with pytest.raises(ValueError):
        PassageIds.open(tmp_path, 3, digest)


def test_a_loaded_index_maps_its_ids(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    pipeline.ingest([corpus_copy], progress=False)
    retriever, _ = pipeline.load()
    assert isinstance(retriever.ids, PassageIds)
    from_table = retriever._lookups.ids()
    assert list(retriever.ids) == from_table
    assert all(retriever.position(c) == i for i, c in enumerate(from_table))
    hits = retriever.search("chuyển đổi số tỉnh Quảng Trị", k=5)
    assert hits and all(h.chunk.id in retriever.chunks for h in hits)


def test_lexical_indexes_saved_without_ids_still_load(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    pipeline.ingest([corpus_copy], progress=False)
    mapped = list(pipeline.load()[0].ids)
    folder = next(index.glob("lexical-*"))
    meta = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
    del meta["ids_file_sha256"], meta["tables_sha256"]  # as saved before the ids were
    (folder / "lexical.json").write_text(json.dumps(meta), encoding="utf-8")
    (folder / IDS).unlink()
    retriever, _ = build_pipeline(make_settings(index, backend="hash")).load()
    assert isinstance(retriever.ids, list) and retriever.ids == mapped
