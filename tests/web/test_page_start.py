"""`serve` listens before the chat page is built: the API answers at once, "/" says the page
is starting (503, Retry-After, reloads itself), and the page's door holds before and after
the page is mounted. A page that cannot be built is reported at "/" and the API keeps working.

A real `policybot serve` process, and real uvicorn servers in this process where the page's
build is held back (or made to fail) so the "before" can be looked at as long as needed."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from tests.conftest import make_settings
from tests.servers import free_port, wait_page
from tests.web.page_protocol import ALL, ask, fn_index, join

from policybot.pipeline import build_pipeline
from policybot.web import ui
from policybot.web.server import build_app

ROOT = Path(__file__).parents[2]
QUESTION = "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"
ANSWER = "17/12/2020"
CLOSED = ["/gradio_api/info", "/gradio_api/openapi.json", "/config", "/monitoring"]


def _api_answers(http: httpx.Client) -> None:
    res = http.post("/api/v1/search", json={"query": "kế hoạch 5807", "k": 2})
    assert res.status_code == 200 and res.json()["hits"], res.text[:200]


def _gradio_closed(http: httpx.Client) -> None:
    for path in CLOSED[:2]:
        assert http.get(path).status_code == 404, path
    for name in ("respond", "on_like", "documents_html"):
        res = http.post(f"/gradio_api/call/{name}", json={"data": [QUESTION]})
        assert res.status_code == 404 and ANSWER not in res.text


def _starting_page(http: httpx.Client) -> None:
    """'/' while the page is being built, and what lies behind it."""
    home = http.get("/")
    assert home.status_code == 503 and "đang khởi động giao diện" in home.text.lower()
    assert home.headers["retry-after"].isdigit() and 'http-equiv="refresh"' in home.text
    assert "policybot_session" in http.cookies  # the guard's cookie, valid once it is up
    head = http.head("/")
    assert head.status_code == 503 and head.content == b""
    for path in CLOSED:
        assert http.get(path).status_code == 404, path
    # With the session the guard lets the queue through; there is no queue yet: 404.
    assert join(http, 0, [QUESTION, None, None, ALL, ALL, ALL], "s1").status_code == 404
    _gradio_closed(http)


def test_real_serve_answers_before_the_page_and_serves_it_after(
    hash_index: Path, tmp_path: Path
) -> None:
    port = free_port()
    env = {
        **os.environ,
        "POLICYBOT_INDEX_DIR": str(hash_index),
        "POLICYBOT_DATA_DIR": str(tmp_path / "data"),
        "POLICYBOT_EMBEDDER__BACKEND": "hash",
        "PYTHONPATH": str(ROOT / "src"),
    }
    log = tmp_path / "serve.log"
    base = f"http://127.0.0.1:{port}"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "policybot.cli", "serve", "--no-ingest", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        health = None
        deadline = time.monotonic() + 240
        while health is None:
            assert proc.poll() is None, log.read_text()[-2000:]
            assert time.monotonic() < deadline, log.read_text()[-2000:]
            try:
                res = httpx.get(f"{base}/health", timeout=2)
                health = res.json() if res.status_code == 200 else None
            except httpx.HTTPError:
                time.sleep(0.1)
        assert health["ui"] in ("starting", "ready") and health["documents"] == 5
        with httpx.Client(base_url=base, timeout=60) as http:
            _api_answers(http)
            if http.get("/health").json()["ui"] == "starting":
                _starting_page(http)  # usually: Gradio takes seconds to import and build
            wait_page(base, lambda: proc.poll() is None)
            home = http.get("/")
            assert home.status_code == 200 and "gradio" in home.text.lower()
            assert ANSWER in str(ask(http, fn_index(http, "respond"), QUESTION)[1])
            _gradio_closed(http)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _serve_in_thread(hash_index: Path, root: Path) -> Iterator[tuple[str, threading.Thread]]:
    settings = make_settings(hash_index, backend="hash").model_copy(update={"data_dir": root})
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            build_app(build_pipeline(settings), settings),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}", thread
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture()
def held(
    hash_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, threading.Thread, threading.Event]]:
    """A server whose page is built only once the test sets the event."""
    release = threading.Event()
    real = ui.chat_page

    def held_back(*args: Any) -> Any:
        assert release.wait(120), "never released"
        return real(*args)

    monkeypatch.setattr(ui, "chat_page", held_back)
    for base, thread in _serve_in_thread(hash_index, tmp_path):
        yield base, thread, release
    release.set()


def test_page_guard_holds_before_and_after_the_page_is_mounted(
    held: tuple[str, threading.Thread, threading.Event],
) -> None:
    base, thread, release = held
    with httpx.Client(base_url=base, timeout=60) as http:
        health = http.get("/health")
        assert health.status_code == 200 and health.json()["ui"] == "starting"
        _api_answers(http)
        _starting_page(http)
        other = uuid.uuid4().hex[:11]  # without the page's session: the guard's 403
        with httpx.Client(base_url=base, timeout=30) as stranger:
            assert join(stranger, 0, [QUESTION], other).status_code == 403
        release.set()
        wait_page(base, thread.is_alive)
        home = http.get("/")
        assert home.status_code == 200 and "gradio" in home.text.lower()
        assert ANSWER in str(ask(http, fn_index(http, "respond"), QUESTION)[1])
        _gradio_closed(http)
        with httpx.Client(base_url=base, timeout=30) as stranger:
            assert join(stranger, 0, [QUESTION], other).status_code == 403


def test_a_page_that_fails_to_build_is_reported_and_the_api_works(
    hash_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("theme file unreadable")

    monkeypatch.setattr(ui, "chat_page", broken)
    for base, _ in _serve_in_thread(hash_index, tmp_path):
        with httpx.Client(base_url=base, timeout=60) as http:
            deadline = time.monotonic() + 60
            while http.get("/health").json()["ui"] == "starting":
                assert time.monotonic() < deadline
                time.sleep(0.1)
            health = http.get("/health")
            assert health.status_code == 200 and health.json()["ui"] == "failed"
            home = http.get("/")
            assert home.status_code == 503 and "không khởi động được" in home.text
            assert "theme file unreadable" in home.text and "retry-after" not in home.headers
            _api_answers(http)
            _gradio_closed(http)
