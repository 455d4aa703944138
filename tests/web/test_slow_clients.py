"""Slow clients (slowloris) against a real `policybot serve`: each request has
`api.request_timeout_s` to arrive; slower ones get 408 and are closed, and meanwhile
everyone else is served at once."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.conftest import make_settings
from tests.servers import free_port, wait_page, wait_ready

from policybot.pipeline import build_pipeline
from policybot.web.server import prepare_index

ROOT = Path(__file__).parents[2]
TIMEOUT = 3.0  # the server's request_timeout_s in these tests
SLOW = 300  # slow connections held open at once


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Iterator[str]:
    root = tmp_path_factory.mktemp("slow")
    settings = make_settings(root / "index", backend="hash").model_copy(
        update={"documents_dir": corpus_dir}
    )
    prepare_index(build_pipeline(settings), settings)
    port = free_port()
    env = {
        **os.environ,
        "POLICYBOT_INDEX_DIR": str(settings.index_dir),
        "POLICYBOT_DOCUMENTS_DIR": str(corpus_dir),
        "POLICYBOT_DATA_DIR": str(root / "data"),
        "POLICYBOT_EMBEDDER__BACKEND": "hash",
        "POLICYBOT_API__REQUEST_TIMEOUT_S": str(TIMEOUT),
        "POLICYBOT_API__RATE_LIMIT_PER_MINUTE": "0",
        "PYTHONPATH": str(ROOT / "src"),
    }
    log = root / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "policybot.cli", "serve", "--port", str(port), "--no-ingest"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(f"{base}/health", proc, log)
        wait_page(base, lambda: proc.poll() is None)  # no page build beside the timings
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import CORPUS

    docs = tmp_path_factory.mktemp("docs") / "documents"
    shutil.copytree(CORPUS, docs)
    return docs


async def _slow_client(
    port: int, first: bytes, trickle: bytes, every: float
) -> tuple[bytes, float]:
    """Send `first`, then one byte of `trickle` every `every` s until the server answers or
    closes; return what it sent and after how many seconds."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    start = time.monotonic()
    writer.write(first)
    got = b""
    try:
        for i in range(10_000):
            try:
                chunk = await asyncio.wait_for(reader.read(4096), timeout=every)
            except TimeoutError:
                writer.write(trickle[i % len(trickle) : i % len(trickle) + 1])
                await writer.drain()
                continue
            got += chunk
            if not chunk:
                break
    except (ConnectionResetError, BrokenPipeError):
        pass
    finally:
        writer.close()
    return got, time.monotonic() - start


async def _response(reader: asyncio.StreamReader) -> bytes:
    """One whole HTTP response (head, then as many body bytes as content-length says)."""
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=5)
    length = 0
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return head + await asyncio.wait_for(reader.readexactly(length), timeout=5)


def _port(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def test_slow_clients_get_408_and_others_are_served(server: str) -> None:
    port = _port(base=server)

    async def scenario() -> tuple[list[tuple[bytes, float]], list[float]]:
        head = b"GET /health HTTP/1.1\r\nHost: x\r\n"
        slow = [
            asyncio.create_task(_slow_client(port, head, b"X-Slow: yes\r\n", 0.5))
            for _ in range(SLOW)
        ]
        await asyncio.sleep(1.0)  # all slow connections are open and trickling
        latencies = []
        async with httpx.AsyncClient(base_url=server, timeout=10) as client:
            for _ in range(5):
                t = time.monotonic()
                health = await client.get("/health")
                found = await client.post("/api/v1/search", json={"query": "chuyển đổi số"})
                latencies.append(time.monotonic() - t)
                assert health.status_code == 200 and found.status_code == 200
                assert found.json()["hits"]
        return await asyncio.gather(*slow), latencies

    results, latencies = asyncio.run(scenario())
    assert max(latencies) < 1.5, latencies  # served promptly while 300 slow clients wait
    for got, seconds in results:
        assert got.startswith(b"HTTP/1.1 408 "), got[:80]
        assert TIMEOUT - 0.5 <= seconds <= TIMEOUT + 3, seconds


def test_idle_connection_and_slow_body_get_408(server: str) -> None:
    port = _port(base=server)
    body = b'{"query": "chuyen doi so"}'
    slow_body = (
        b"POST /api/v1/search HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
        b"content-length: " + str(len(body)).encode() + b"\r\n\r\n"
    )

    async def scenario() -> list[tuple[bytes, float]]:
        return await asyncio.gather(
            _slow_client(port, b"", b"", 60.0),  # connects and says nothing
            _slow_client(port, slow_body, body, 0.5),  # body one byte every 0.5 s
        )

    for got, seconds in asyncio.run(scenario()):
        assert got.startswith(b"HTTP/1.1 408 "), got[:80]
        assert TIMEOUT - 0.5 <= seconds <= TIMEOUT + 3, seconds


def test_kept_alive_connection_gets_a_new_deadline_per_request(server: str) -> None:
    """A fast first request on a connection, then a slow second one: the second is cut
    after the timeout, counted from its own first byte."""
    port = _port(base=server)
    fast = b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"

    async def scenario() -> tuple[bytes, bytes, float]:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(fast)
        first = await _response(reader)
        await asyncio.sleep(TIMEOUT * 0.6)  # idle, within uvicorn's keep-alive (5 s)
        writer.write(b"GET /health HTTP/1.1\r\n")
        start = time.monotonic()
        rest = b""
        while not rest.endswith(b"in time.\n"):
            try:
                chunk = await asyncio.wait_for(reader.read(4096), timeout=0.5)
            except TimeoutError:
                writer.write(b"X")
                continue
            if not chunk:
                break
            rest += chunk
        writer.close()
        return first, rest, time.monotonic() - start

    first, second, seconds = asyncio.run(scenario())
    assert first.startswith(b"HTTP/1.1 200 ")
    assert second.startswith(b"HTTP/1.1 408 ")
    assert TIMEOUT - 0.5 <= seconds <= TIMEOUT + 3, seconds


def test_a_normal_request_is_not_limited_by_the_deadline(server: str) -> None:
    """Several requests on one kept-alive connection over more than the timeout: the
    deadline is for a request to arrive, not for a connection to live."""
    with httpx.Client(base_url=server, timeout=10) as client:
        start = time.monotonic()
        while time.monotonic() - start < TIMEOUT * 1.5:
            assert client.get("/health").status_code == 200
            time.sleep(0.4)


def test_idle_connection_outlives_the_clients_pool_expiry(server: str) -> None:
    """uvicorn's default keep-alive (5 s) equals httpx's idle expiry, so a request sent as
    the server closes the connection was lost; serve keeps idle connections 20 s."""
    port = _port(base=server)
    request = b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"

    async def scenario() -> tuple[bytes, bytes]:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request)
        first = await _response(reader)
        await asyncio.sleep(6.5)
        writer.write(request)
        second = await _response(reader)
        writer.close()
        return first, second

    first, second = asyncio.run(scenario())
    assert first.startswith(b"HTTP/1.1 200 ") and second.startswith(b"HTTP/1.1 200 ")
