"""A damaged or partial index/ is detected when it is loaded, with a message saying how to
rebuild it, and `ingest --rebuild` repairs it. Each case damages a real index on disk."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import CORPUS, make_settings

from policybot.errors import PolicybotError
from policybot.index.store import IndexDir
from policybot.pipeline import build_pipeline

BIN = Path(sys.executable).parent / "policybot"
SRC = Path(__file__).parents[2] / "src"
REBUILD = "policybot ingest --rebuild"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index = tmp_path_factory.mktemp("damage") / "index"
    report = build_pipeline(make_settings(index, backend="hash")).ingest([CORPUS], progress=False)
    assert report.documents == 5
    return index


def _manifest(index: Path) -> dict[str, object]:
    return json.loads((index / "manifest.json").read_text(encoding="utf-8"))


def _table(index: Path) -> Path:
    return index / _manifest(index)["tables"]["db"]  # type: ignore[index]


def _vectors(index: Path) -> Path:
    return index / str(_manifest(index)["vectors"])


def _cut_table(index: Path) -> None:
    path = _table(index)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _delete_a_row(index: Path) -> None:
    """An edit through SQLite itself: the file keeps its size (freed page), but its change
    counter moves."""
    with sqlite3.connect(_table(index)) as con:
        con.execute("DELETE FROM chunks WHERE pos = (SELECT max(pos) FROM chunks)")
    assert _manifest(index)["table_file"]["bytes"] == _table(index).stat().st_size  # type: ignore[index]


def _scramble_table(index: Path) -> None:
    """Same size and header, every page after it garbage: met when the file is opened."""
    path = _table(index)
    data = path.read_bytes()
    path.write_bytes(data[:100] + os.urandom(len(data) - 100))


def _old_style_index_missing_a_line(index: Path) -> None:
    """An index from before table files and checksums: JSON tables, which only the
    cross-checks of the tables can tell are incomplete."""
    tables = IndexDir(index).read_tables()
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in tables.chunks.values()]
    (index / "chunks.jsonl").write_text("".join(lines[:-1]), encoding="utf-8")
    (index / "documents.json").write_text(json.dumps(tables.documents), encoding="utf-8")
    manifest = _manifest(index)
    for key in ("sha256", "table_file"):
        del manifest[key]
    manifest["tables"] = {"chunks": "chunks.jsonl", "documents": "documents.json"}
    (index / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _garbage_manifest(index: Path) -> None:
    (index / "manifest.json").write_bytes(b"\x00\x9c{garbage")


def _list_manifest(index: Path) -> None:
    (index / "manifest.json").write_text("[]", encoding="utf-8")


def _no_vectors(index: Path) -> None:
    shutil.rmtree(_vectors(index))


def _corrupt_sqlite(index: Path) -> None:
    path = _vectors(index) / "chroma.sqlite3"
    with path.open("r+b") as handle:
        handle.write(os.urandom(8192))


def _no_table_file(index: Path) -> None:
    _table(index).unlink()


def _lost_vectors(index: Path) -> None:
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    store = pipeline.vectors
    store.delete(sorted(store.ids())[:3])


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "table file cut": (_cut_table, "does not match the manifest"),
    "table row deleted": (_delete_a_row, "does not match the manifest"),
    "table file scrambled": (_scramble_table, "cannot be read"),
    "old index missing a line": (_old_style_index_missing_a_line, "chunks"),
    "garbage manifest": (_garbage_manifest, "manifest.json is unreadable"),
    "manifest not an object": (_list_manifest, "not a policybot manifest"),
    "chroma folder missing": (_no_vectors, "is missing"),
    "chroma sqlite corrupted": (_corrupt_sqlite, "vector store"),
    "table file missing": (_no_table_file, "is missing"),
    "vectors lost": (_lost_vectors, "have no vector"),
}


# Tables intact, vectors missing: a plain ingest embeds what lacks a vector again.
HEALED_BY_INGEST = {"chroma folder missing", "vectors lost"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_damage_is_detected_and_rebuild_repairs(built: Path, tmp_path: Path, case: str) -> None:
    damage, words = CASES[case]
    index = tmp_path / "index"
    shutil.copytree(built, index)
    damage(index)
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    with pytest.raises(PolicybotError) as info:
        pipeline.search("Kế hoạch 5807/KH-UBND")
    message = str(info.value)
    assert words in message and REBUILD in message and "\n" not in message
    if case in HEALED_BY_INGEST:
        report = pipeline.ingest([CORPUS], progress=False)  # re-embeds what has no vector
        assert report.chunks_embedded > 0
    else:
        with pytest.raises(PolicybotError, match="rebuild"):
            pipeline.ingest([CORPUS], progress=False)
        report = pipeline.ingest([CORPUS], rebuild=True, progress=False)
    assert report.documents == 5
    fresh = build_pipeline(make_settings(index, backend="hash"))
    hits = fresh.search("Kế hoạch 5807/KH-UBND", k=1)
    assert hits[0].chunk.doc_id == "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"
    tables = IndexDir(index).read_tables()
    assert fresh.vectors.ids() == set(tables.chunks)
    assert len([p for p in index.iterdir() if p.name.startswith("chroma")]) == 1


def test_cli_says_how_to_rebuild_and_rebuild_works(built: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    shutil.copytree(built, index)
    _cut_table(index)
    env = {
        **os.environ,
        "POLICYBOT_INDEX_DIR": str(index),
        "POLICYBOT_EMBEDDER__BACKEND": "hash",
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN), *args], capture_output=True, text=True, env=env, timeout=600, check=False
        )

    broken = run("ask", "Kế hoạch 5807/KH-UBND được ban hành ngày nào?")
    assert broken.returncode == 1 and REBUILD in broken.stderr
    assert "Traceback" not in broken.stderr and len(broken.stderr.strip().splitlines()) == 1
    assert run("ingest", str(CORPUS), "--rebuild").returncode == 0
    fixed = run("ask", "Kế hoạch 5807/KH-UBND được ban hành ngày nào?", "--json")
    assert fixed.returncode == 0 and "17/12/2020" in json.loads(fixed.stdout)["answer"]
