"""kill -9 during ingest: the previous index stays whole and queryable, the next ingest
completes, and every chunk is in the index exactly once. Real processes, real SIGKILL."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import CORPUS

from policybot.errors import PolicybotError
from policybot.index.ingest import ingest_lock
from policybot.index.store import IndexDir

BIN = Path(sys.executable).parent / "policybot"
ROOT = Path(__file__).parents[2]
SRC = ROOT / "src"
BEFORE_COMMIT = ("loaded", "embedding", "embedded", "tables-written")
AFTER_COMMIT = ("committed", "cleaned")
TIMED_KILLS_S = (0.5, 2.0, 3.5, 5.0, 6.5, 8.0)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "POLICYBOT_TEST_CRASH_AT"}
    env.update(
        POLICYBOT_EMBEDDER__BACKEND="hash",
        POLICYBOT_EMBEDDER__BATCH_SIZE="4",
        PYTHONPATH=os.pathsep.join([str(SRC), str(ROOT), os.environ.get("PYTHONPATH", "")]),
    )
    env.update(extra)
    return env


def _ingest_cmd(docs: Path, index: Path) -> list[str]:
    return [str(BIN), "ingest", str(docs), "--index", str(index)]


def _ingest(docs: Path, index: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _ingest_cmd(docs, index),
        capture_output=True,
        text=True,
        env=_env(**extra),
        timeout=600,
        check=False,
    )


def _probe(index: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "tests.crash_probe", str(index)],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        timeout=600,
        check=True,
    )
    return json.loads(out.stdout)


def _assert_whole(state: dict[str, Any]) -> None:
    """Queryable, and each chunk of the tables exactly once, with its vector."""
    assert "error" not in state, state.get("error")
    assert state["chunk_lines"] == len(state["table_ids"]) == len(set(state["table_ids"]))
    assert set(state["table_ids"]) <= set(state["chroma_ids"])


def _version_two(docs: Path) -> None:
    """Corpus v2: one file changed, one removed, twenty added (so embedding takes a while)."""
    changed = docs / "dong-thap-thi-dua-chuyen-doi-so-2021-2025.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n\nĐoạn bổ sung số 7 về chuyển đổi số.\n",
        encoding="utf-8",
    )
    (docs / "binh-thuan-nghi-quyet-10-chuyen-doi-so.txt").unlink()
    (docs / "binh-thuan-nghi-quyet-10-chuyen-doi-so.txt.meta.json").unlink()
    source = (docs / "quang-tri-nghi-quyet-chuyen-doi-so-2025-2030.txt").read_text(encoding="utf-8")
    for i in range(20):
        (docs / f"ban-sao-{i:02d}.txt").write_text(
            f"Bản sao số {i} của nghị quyết.\n\n"
            + source.replace("chuyển đổi số", f"chuyển đổi số (bản {i})"),
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Index of v1, its probe; folder of v2 and the probe of a clean v2 index."""
    return _versions(tmp_path_factory.mktemp("crash"), {})


@pytest.fixture(scope="module")
def versions_faiss(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The same with the memory-mapped vector store (a folder per generation)."""
    backend = {"POLICYBOT_VECTORS__BACKEND": "faiss", "POLICYBOT_VECTORS__IVF_MIN_ROWS": "50"}
    return _versions(tmp_path_factory.mktemp("crash-faiss"), backend)


def _versions(root: Path, backend: dict[str, str]) -> dict[str, Any]:
    v1, v2 = root / "v1", root / "v2"
    shutil.copytree(CORPUS, v1)
    shutil.copytree(CORPUS, v2)
    _version_two(v2)
    index1 = root / "index-v1"
    assert _ingest(v1, index1, **backend).returncode == 0
    index2 = root / "index-v2"
    started = time.perf_counter()
    assert _ingest(v1, index2, **backend).returncode == 0
    assert _ingest(v2, index2, **backend).returncode == 0
    seconds = time.perf_counter() - started
    probe1, probe2 = _probe(index1), _probe(index2)
    _assert_whole(probe1)
    _assert_whole(probe2)
    assert probe1["results"] != probe2["results"]
    return {
        "root": root,
        "v2": v2,
        "index1": index1,
        "probe1": probe1,
        "probe2": probe2,
        "seconds": seconds,
        "backend": backend,
        "vectors": "vectors-" if backend else "chroma",
    }


def _fresh_copy(versions: dict[str, Any], name: str) -> Path:
    index = versions["root"] / name
    shutil.copytree(versions["index1"], index)
    return index


def _recover_and_check(index: Path, versions: dict[str, Any]) -> None:
    again = _ingest(versions["v2"], index, **versions["backend"])
    assert again.returncode == 0, again.stderr
    state = _probe(index)
    _assert_whole(state)
    assert state["chroma_ids"] == state["table_ids"], "orphan vectors left after recovery"
    assert state["results"] == versions["probe2"]["results"]
    assert state["documents"] == versions["probe2"]["documents"]
    names = {p.name for p in index.iterdir()}
    assert len([n for n in names if n.startswith("tables-")]) == 1, names
    assert len([n for n in names if n.startswith(versions["vectors"])]) == 1, names
    assert not [n for n in names if n.endswith(".tmp")], names


@pytest.mark.parametrize("point", BEFORE_COMMIT + AFTER_COMMIT)
def test_kill_at_each_step(versions: dict[str, Any], point: str) -> None:
    _kill_at(versions, point)


@pytest.mark.parametrize("point", BEFORE_COMMIT + AFTER_COMMIT)
def test_kill_at_each_step_mapped_vectors(versions_faiss: dict[str, Any], point: str) -> None:
    _kill_at(versions_faiss, point)


def _kill_at(versions: dict[str, Any], point: str) -> None:
    index = _fresh_copy(versions, f"at-{point}")
    backend = versions["backend"]
    killed = _ingest(versions["v2"], index, POLICYBOT_TEST_CRASH_AT=point, **backend)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    state = _probe(index)
    _assert_whole(state)
    expected = versions["probe1"] if point in BEFORE_COMMIT else versions["probe2"]
    assert state["results"] == expected["results"]
    assert state["answer"] == expected["answer"]
    _recover_and_check(index, versions)


@pytest.mark.parametrize("after_s", TIMED_KILLS_S)
def test_kill_after_a_while(versions: dict[str, Any], after_s: float) -> None:
    index = _fresh_copy(versions, f"after-{after_s}")
    process = subprocess.Popen(
        _ingest_cmd(versions["v2"], index),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(after_s)
    process.send_signal(signal.SIGKILL)
    code = process.wait(60)
    state = _probe(index)
    _assert_whole(state)
    assert state["results"] in (versions["probe1"]["results"], versions["probe2"]["results"])
    if code == -signal.SIGKILL:
        _recover_and_check(index, versions)


def test_two_ingests_at_once_second_refuses(versions: dict[str, Any]) -> None:
    index = _fresh_copy(versions, "two")
    first = subprocess.Popen(
        _ingest_cmd(versions["v2"], index), env=_env(), stdout=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = (index / ".ingest.lock").read_text() if (index / ".ingest.lock").exists() else ""
        if f"pid {first.pid}" in text:
            break
        time.sleep(0.05)
    second = _ingest(versions["v2"], index)
    assert first.wait(600) == 0
    assert second.returncode == 1 and "another ingest" in second.stderr
    assert "Traceback" not in second.stderr
    _assert_whole(_probe(index))


def test_lock_of_a_killed_holder_is_released(tmp_path: Path) -> None:
    """flock belongs to the open file: when its holder dies (even by SIGKILL) it is free."""
    index = IndexDir(tmp_path / "index")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from policybot.index.ingest import ingest_lock;"
            "from policybot.index.store import IndexDir\n"
            f"with ingest_lock(IndexDir(Path({str(index.root)!r}))):\n"
            "    print('locked', flush=True); time.sleep(600)",
        ],
        env=_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    with pytest.raises(PolicybotError, match="another ingest"), ingest_lock(index):
        pass
    holder.send_signal(signal.SIGKILL)
    holder.wait(30)
    with ingest_lock(index):
        assert f"pid {os.getpid()}" in index.lock.read_text()


def test_reader_process_dies_with_a_killed_ingest(tmp_path: Path) -> None:
    """The file-reading child must not outlive an ingest that was killed."""
    doc = tmp_path / "a.txt"
    doc.write_text("Nghị quyết số 10 về chuyển đổi số.", encoding="utf-8")
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from pathlib import Path; from policybot.reading.loaders import Limits\n"
            "from policybot.reading.sandbox import IsolatedLoader, SandboxLimits\n"
            "loader = IsolatedLoader(Limits(), SandboxLimits())\n"
            f"loader.load(Path({str(doc)!r}), None)\n"
            "print(loader._process.pid, flush=True); time.sleep(600)",
        ],
        env=_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    assert Path(f"/proc/{child}").exists()
    parent.send_signal(signal.SIGKILL)
    parent.wait(30)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    status = Path(f"/proc/{child}/status")
    assert not status.exists() or "zombie" in status.read_text()
