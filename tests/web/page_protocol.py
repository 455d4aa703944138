"""What the chat page does over HTTP, done by hand: join Gradio's queue, read the result.

Used to call the page's own route from outside a browser, as a script would.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx

ALL = "Tất cả"


def fn_index(http: httpx.Client, api_name: str) -> int:
    """The index of an event by the name Gradio gave its function (from the page's config)."""
    for dep in http.get("/config").json()["dependencies"]:
        if dep.get("api_name") == api_name:
            return int(dep["id"])
    raise AssertionError(f"no event {api_name!r} in the page config")


def join(
    http: httpx.Client,
    index: int,
    data: list[Any],
    session: str,
    event_data: dict[str, Any] | None = None,
) -> httpx.Response:
    body = {
        "data": data,
        "event_data": event_data,
        "fn_index": index,
        "trigger_id": 0,
        "session_hash": session,
    }
    return http.post("/gradio_api/queue/join", json=body)


def result(http: httpx.Client, session: str, event_id: str, timeout: float = 60) -> list[Any]:
    """The output data of one event, read from the queue's event stream."""
    with http.stream(
        "GET", "/gradio_api/queue/data", params={"session_hash": session}, timeout=timeout
    ) as res:
        assert res.status_code == 200, res.status_code
        for line in res.iter_lines():
            if not line.startswith("data:"):
                continue
            msg = json.loads(line[5:])
            if msg.get("event_id") == event_id and msg.get("msg") == "process_completed":
                assert msg.get("success"), msg
                return list(msg["output"]["data"])
    raise AssertionError("the queue closed without a result")


def ask(http: httpx.Client, index: int, question: str, session: str | None = None) -> list[Any]:
    session = session or uuid.uuid4().hex[:11]
    res = join(http, index, [question, None, None, ALL, ALL, ALL], session)
    assert res.status_code == 200, res.text
    return result(http, session, res.json()["event_id"])
