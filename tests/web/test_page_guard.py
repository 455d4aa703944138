"""The chat page is the only way into Gradio: its programmatic API is closed, and the
page's own route (the queue) passes the same limits as /api/*. Against a real `serve`."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from tests.servers import free_port, wait_page, wait_ready
from tests.web.page_protocol import ALL, ask, fn_index, join, result

from policybot.web.feedback import FeedbackStore

ROOT = Path(__file__).parents[2]
QUESTION = "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"
ANSWER = "17/12/2020"
RATE = 12
# Every named endpoint the page's Gradio app listed at /gradio_api/info before the guard.
OLD_NAMES = [
    "respond", "respond_1", "on_like", "on_select", "table", "table_1", "table_2",
    "picked", "picked_1", "picked_2", "reload", "documents_html", "lambda", "lambda_1",
    "load_example",
]  # fmt: skip
CLOSED_GETS = (
    "/gradio_api/info",
    "/gradio_api/info?all_endpoints=true",
    "/gradio_api/openapi.json",
    "/gradio_api/startup-events",
    "/monitoring",
    "/gradio_api/dev/reload",
)


@dataclass
class Served:
    base: str
    feedback: Path

    def votes(self) -> int:
        return len(FeedbackStore(self.feedback).votes()) if self.feedback.exists() else 0


@pytest.fixture(scope="module")
def server(hash_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {
        **os.environ,
        "POLICYBOT_INDEX_DIR": str(hash_index),
        "POLICYBOT_DATA_DIR": str(root / "data"),
        "POLICYBOT_EMBEDDER__BACKEND": "hash",
        "POLICYBOT_API__RATE_LIMIT_PER_MINUTE": str(RATE),
        "POLICYBOT_API__MAX_QUESTION_CHARS": "300",
        "PYTHONPATH": str(ROOT / "src"),
    }
    log = root / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "policybot.cli", "serve", "--no-ingest", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(f"{base}/health", proc, log)
        wait_page(base, lambda: proc.poll() is None)
        yield Served(base, root / "data" / "feedback.sqlite3")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_gradio_api_is_neither_listed_nor_callable(server: Served) -> None:
    with httpx.Client(base_url=server.base, timeout=30) as http:
        for path in CLOSED_GETS:
            res = http.get(path)
            assert res.status_code == 404, (path, res.status_code, res.text[:200])
            assert "respond" not in res.text
        payload = {"data": [QUESTION, [], None, ALL, ALL, ALL]}
        for name in OLD_NAMES:
            for route in ("call", "call/v2", "run", "api"):
                res = http.post(f"/gradio_api/{route}/{name}", json=payload)
                assert res.status_code == 404, (route, name, res.status_code, res.text[:200])
                assert ANSWER not in res.text
            assert http.get(f"/gradio_api/call/{name}/abc").status_code == 404
        # The queue, as the page uses it, but without having opened the page: no session.
        session = uuid.uuid4().hex[:11]
        for index in range(20):
            res = join(http, index, [QUESTION, None, None, ALL, ALL, ALL], session)
            assert res.status_code == 403, (index, res.status_code, res.text[:200])
            liked = {"index": 1, "value": ["x"], "liked": True}
            assert join(http, index, [None], session, liked).status_code == 403
        forged = {"policybot_session": "eyJ1IjoiIiwiZSI6OTk5OTk5OTk5OX0.AAAA"}
        res = http.post(
            "/gradio_api/queue/join",
            json={"data": [QUESTION], "fn_index": 8, "session_hash": session},
            cookies=forged,
        )
        assert res.status_code == 403
        data = http.get("/gradio_api/queue/data", params={"session_hash": session})
        assert data.status_code == 403 and ANSWER not in data.text
        assert http.post("/gradio_api/upload", files={"files": ("a.txt", b"x")}).status_code == 404
        assert http.post("/login", data={"username": "a", "password": "b"}).status_code == 404
    assert server.votes() == 0


def test_page_route_has_the_api_limits(server: Served) -> None:
    with httpx.Client(base_url=server.base, timeout=60) as http:
        page = http.get("/")
        assert page.status_code == 200 and "policybot_session" in http.cookies
        respond, on_like = fn_index(http, "respond"), fn_index(http, "on_like")
        session = uuid.uuid4().hex[:11]

        too_long = join(http, respond, ["Kế hoạch " * 60, None, None, ALL, ALL, ALL], session)
        assert too_long.status_code == 400 and "quá dài" in too_long.json()["error"]
        huge = join(http, respond, [QUESTION, "x" * 20_000, None, ALL, ALL, ALL], session)
        assert huge.status_code == 400 and "quá lớn" in huge.json()["error"]

        # Through the page's route a question is answered, and a vote on it is stored.
        out = ask(http, respond, QUESTION, session)
        assert ANSWER in str(out[1])
        liked = {"index": 1, "value": [str(out[1][-1]["content"])], "liked": True}
        res = join(http, on_like, [None], session, liked)
        assert "Đã ghi nhận" in str(result(http, session, res.json()["event_id"])[0])
        assert server.votes() == 1
        # The page's answering is counted in the one concurrency limit it shares with /api/*.
        working = http.get("/health").json()["working"]
        assert working["limit"] == 4 and 1 <= working["peak"] <= 4

        statuses = [
            join(http, respond, [QUESTION, None, None, ALL, ALL, ALL], session).status_code
            for _ in range(RATE)
        ]
        assert statuses[-1] == 429 and statuses.count(429) >= 1, statuses
        limited = join(http, respond, [QUESTION, None, None, ALL, ALL, ALL], session)
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        # One budget per client for both doors.
        api = http.post("/api/v1/ask", json={"question": QUESTION})
        assert api.status_code == 429 and ANSWER not in api.text
