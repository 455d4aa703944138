"""`policybot serve` / `python app.py`: index brought up to date first, then UI and API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from tests.conftest import make_settings
from tests.servers import free_port, wait_page, wait_ready

from policybot.config import Settings
from policybot.errors import IndexMismatchError
from policybot.pipeline import build_pipeline
from policybot.web.server import prepare_index, stale_reason

ROOT = Path(__file__).parents[2]


@pytest.fixture()
def copied(corpus_copy: Path, tmp_path: Path) -> Settings:
    """The seed documents with no index yet (hash embedder: this is about the plumbing)."""
    return make_settings(tmp_path / "index", backend="hash").model_copy(
        update={"documents_dir": corpus_copy}
    )


def test_stale_reasons(copied: Settings, tmp_path: Path) -> None:
    assert stale_reason(copied) == "chưa có chỉ mục"
    prepare_index(build_pipeline(copied), copied)
    assert stale_reason(copied) is None

    docs = copied.documents_dir
    note = docs / "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"
    note.write_text(note.read_text(encoding="utf-8") + "\nThêm một dòng.\n", encoding="utf-8")
    assert stale_reason(copied) == "1 tệp đã thay đổi"
    (docs / "binh-thuan-nghi-quyet-10-chuyen-doi-so.txt").unlink()
    assert stale_reason(copied) == "1 tệp đã bị xoá"
    (docs / "moi.txt").write_text("Văn bản mới về chuyển đổi số.\n", encoding="utf-8")
    assert stale_reason(copied) == "1 tệp mới"
    prepare_index(build_pipeline(copied), copied)
    assert stale_reason(copied) is None


def test_an_index_built_with_another_tokenizer_is_built_again_on_start(
    copied: Settings,
) -> None:
    """After an upgrade that changes how text is tokenized the old index is refused; serving
    indexes documents/ again instead of failing on the first question."""
    pipeline = build_pipeline(copied)
    prepare_index(pipeline, copied)
    manifest = Path(copied.index_dir) / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["tokenizer"] = "an-older-tokenizer"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(IndexMismatchError):
        build_pipeline(copied).load()
    assert stale_reason(copied) is None  # the files did not change: only the settings did
    prepare_index(build_pipeline(copied), copied)
    rebuilt = json.loads(manifest.read_text(encoding="utf-8"))
    assert rebuilt["tokenizer"] != "an-older-tokenizer"
    assert not build_pipeline(copied).ask("Kế hoạch 5807/KH-UBND ban hành ngày nào?").refused


def test_app_py_ingests_when_stale_then_serves(copied: Settings, tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "POLICYBOT_INDEX_DIR": str(copied.index_dir),
        "POLICYBOT_DOCUMENTS_DIR": str(copied.documents_dir),
        "POLICYBOT_DATA_DIR": str(tmp_path / "data"),
        "POLICYBOT_EMBEDDER__BACKEND": "hash",
        "PYTHONPATH": str(ROOT / "src"),
    }
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(f"{base}/health", proc, log)
        wait_page(base, lambda: proc.poll() is None)
        text = log.read_text()
        assert "Lập chỉ mục" in text and "chưa có chỉ mục" in text
        assert httpx.get(f"{base}/api/v1/documents").json()["documents"]
        home = httpx.get(f"{base}/")
        assert home.status_code == 200 and "gradio" in home.text.lower()
        assert stale_reason(copied) is None
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_running_api_picks_up_a_new_ingest(copied: Settings, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from policybot.web.api import create_app

    prepare_index(build_pipeline(copied), copied)
    with TestClient(create_app(build_pipeline(copied), copied)) as client:
        assert len(client.get("/api/v1/documents").json()["documents"]) == 5
        (copied.documents_dir / "moi.txt").write_text(
            "Văn bản mới\n\nNgày 2/3/2023, UBND tỉnh ban hành Kế hoạch số 88/KH-UBND.\n",
            encoding="utf-8",
        )
        build_pipeline(copied).ingest([copied.documents_dir], progress=False)  # another job
        docs = client.get("/api/v1/documents").json()["documents"]
        assert len(docs) == 6 and "moi.txt" in {d["id"] for d in docs}
