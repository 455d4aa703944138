"""Several API processes share one index: vectors in a real `chroma run` server, the BM25
and instrument tables in the shared index folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.conftest import make_settings
from tests.servers import free_port

from policybot.pipeline import build_pipeline

CHROMA = Path(sys.executable).parent / "chroma"


@pytest.fixture()
def chroma_url(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    log = tmp_path / "chroma.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                str(CHROMA),
                "run",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--path",
                str(tmp_path / "chroma-data"),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"chroma exited {proc.returncode}: {log.read_text()}")
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"chroma did not start: {log.read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_one_ingest_job_two_replicas(chroma_url: str, corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "shared-index"
    settings = make_settings(index).model_copy(
        update={"chroma_url": chroma_url, "documents_dir": corpus_copy}
    )
    writer = build_pipeline(settings)
    report = writer.ingest([corpus_copy], progress=False)
    assert report.documents == 5 and report.chunks_embedded == report.chunks > 0
    assert not (index / "chroma").exists()  # the vectors went to the server
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    for table in manifest["tables"].values():  # the tables travel with the index folder
        assert (index / table).is_file()
    assert (index / f"registry-{manifest['derived']['registry']}.sqlite").is_file()

    replica_a = build_pipeline(settings)
    replica_b = build_pipeline(settings)
    assert replica_a.vectors.count() == report.chunks
    hits = replica_a.search("Kế hoạch 5807/KH-UBND Cách mạng công nghiệp lần thứ tư", k=3)
    assert hits[0].chunk.doc_id == "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"
    assert hits[0].dense > 0.5  # a cosine from the server, not only BM25
    other = replica_b.search("Kế hoạch 5807/KH-UBND Cách mạng công nghiệp lần thứ tư", k=3)
    assert [h.chunk.id for h in other] == [h.chunk.id for h in hits]
    answer = replica_b.ask("Đến năm 2025 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?")
    assert not answer.refused and "20%" in answer.answer

    # A second run of the ingest job embeds nothing; the replicas still agree.
    again = build_pipeline(settings).ingest([corpus_copy], progress=False)
    assert again.chunks_embedded == 0 and again.unchanged == 5
    assert replica_a.vectors.count() == report.chunks

    # The job ingests a new document; a running replica picks it up without a restart.
    (corpus_copy / "ha-tinh-so-hoa.txt").write_text(
        "Hà Tĩnh số hoá hồ sơ đất đai\n\nNgày 2/3/2023, UBND tỉnh Hà Tĩnh ban hành Kế hoạch "
        "số 88/KH-UBND về số hoá toàn bộ hồ sơ đất đai trước năm 2025.\n",
        encoding="utf-8",
    )
    assert writer.ingest([corpus_copy], progress=False).added == ["ha-tinh-so-hoa.txt"]
    assert replica_b.refresh() is True and replica_b.refresh() is False
    fresh = replica_b.ask("Kế hoạch số 88/KH-UBND được ban hành ngày nào?")
    assert not fresh.refused and "2/3/2023" in fresh.answer
