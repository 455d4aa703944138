"""Load test of the chat page's own route: N clients asking through Gradio's queue, as the
page does, for a fixed time; plus the routes a script would try instead.

    python bench/load_ui.py [--url http://127.0.0.1:8000] [--clients 16] [--seconds 20]
                            [--questions eval/questions.jsonl] [--out FILE]

Each client opens the page (GET /, which sets the page session cookie), then asks one
question after another: POST /gradio_api/queue/join, then the answer from
/gradio_api/queue/data. All clients come from one address, so with the rate limit on they
share one budget (`api.rate_limit_per_minute`), as they would on /api/*. Alongside, every
second: Gradio's API routes (/gradio_api/info, /gradio_api/call/respond) must answer 404, a
join without the page's cookie 403, a question over the length limit 400.

Reports statuses, answers per second, latency percentiles and the most questions worked on
at once, as the server counts them (/health "working": API and page together), which must
not exceed its `api.concurrency`; what the clients saw (process_starts to
process_completed, later by the delivery time) is shown beside it. Exit 1 on a 5xx, an
answer through a closed route, or more questions at once than the limit.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from load_api import load_questions, percentile  # noqa: E402

ALL = "Tất cả"


async def respond_index(http: httpx.AsyncClient) -> int:
    for dep in (await http.get("/config")).json()["dependencies"]:
        if dep.get("api_name") == "respond":
            return int(dep["id"])
    raise SystemExit("no respond event in the page config")


async def one_question(
    http: httpx.AsyncClient, index: int, question: str
) -> tuple[int | str, float, tuple[float, float] | None]:
    """(status, seconds, (started, finished) of the work on the server side, if answered)."""
    session = uuid.uuid4().hex[:11]
    t0 = time.perf_counter()
    body = {"data": [question, None, None, ALL, ALL, ALL], "fn_index": index,
            "event_data": None, "trigger_id": 0, "session_hash": session}  # fmt: skip
    try:
        res = await http.post("/gradio_api/queue/join", json=body)
        if res.status_code != 200:
            return res.status_code, time.perf_counter() - t0, None
        event = res.json()["event_id"]
        started = None
        async with http.stream(
            "GET", "/gradio_api/queue/data", params={"session_hash": session}
        ) as stream:
            async for line in stream.aiter_lines():
                if not line.startswith("data:"):
                    continue
                msg = json.loads(line[5:])
                if msg.get("event_id") != event:
                    continue
                if msg.get("msg") == "process_starts":
                    started = time.monotonic()
                if msg.get("msg") == "process_completed":
                    ok = bool(msg.get("success"))
                    span = (started or time.monotonic(), time.monotonic())
                    return (200 if ok else "failed"), time.perf_counter() - t0, span
        return "no-result", time.perf_counter() - t0, None
    except httpx.HTTPError as exc:
        return type(exc).__name__, time.perf_counter() - t0, None


async def asker(
    url: str, questions: list[str], start: int, deadline: float, out: list[Any], timeout: float
) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=timeout) as http:
        page = await http.get("/")
        if page.status_code != 200:
            raise SystemExit(f"page: {page.status_code}")
        index = await respond_index(http)
        i = start
        while time.monotonic() < deadline:
            status, seconds, span = await one_question(http, index, questions[i % len(questions)])
            i += 1
            out.append((status, seconds, span))
            if status == 429:
                await asyncio.sleep(0.5)  # as a person would wait; keeps the run about answers


async def prober(url: str, deadline: float, out: Counter[str], leaks: list[str]) -> None:
    """The routes around the page, once a second: each must refuse."""
    question = "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        await http.get("/")
        index = await respond_index(http)
        cookieless = httpx.AsyncClient(base_url=url, timeout=30)
        while time.monotonic() < deadline:
            call = await http.post("/gradio_api/call/respond", json={"data": [question]})
            checks = [
                ("info", await http.get("/gradio_api/info"), 404),
                ("call", call, 404),
                ("no-cookie", await cookieless.post(
                    "/gradio_api/queue/join",
                    json={"data": [question], "fn_index": index, "session_hash": "x"}), 403),
                ("too-long", await http.post(
                    "/gradio_api/queue/join",
                    json={"data": ["Kế hoạch " * 500], "fn_index": index, "session_hash": "x"}),
                 400),
            ]  # fmt: skip
            for name, res, wanted in checks:
                ok = res.status_code == wanted or (name == "too-long" and res.status_code == 429)
                out[f"{name}:{res.status_code}"] += 1
                if not ok:
                    leaks.append(f"{name}: {res.status_code} {res.text[:120]}")
            await asyncio.sleep(1.0)
        await cookieless.aclose()


def most_at_once(spans: list[tuple[float, float]]) -> int:
    edges = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    now = best = 0
    for _, step in edges:
        now += step
        best = max(best, now)
    return best


async def run(args: argparse.Namespace) -> dict[str, Any]:
    questions = load_questions(args.questions)
    results: list[tuple[int | str, float, tuple[float, float] | None]] = []
    probes: Counter[str] = Counter()
    leaks: list[str] = []
    async with httpx.AsyncClient(base_url=args.url, timeout=30) as http:
        health = await http.get("/health")
        if health.status_code != 200:
            raise SystemExit(f"server not ready: {health.status_code} {health.text}")
    started = time.monotonic()
    deadline = started + args.seconds
    await asyncio.gather(
        prober(args.url, deadline, probes, leaks),
        *(
            asker(args.url, questions, n * 7, deadline, results, args.timeout)
            for n in range(args.clients)
        ),
    )
    elapsed = time.monotonic() - started
    async with httpx.AsyncClient(base_url=args.url, timeout=30) as http:
        working = (await http.get("/health")).json().get("working") or {}
    every = [s for _, s, _ in results]
    answered = [s for status, s, _ in results if status == 200]
    by_status = Counter(str(status) for status, _, _ in results)
    spans = [span for _, _, span in results if span]
    return {
        "url": args.url,
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "questions": len(results),
        "answered": len(answered),
        "answers_per_second": round(len(answered) / elapsed, 2),
        "status": dict(sorted(by_status.items())),
        "server_errors_5xx": sum(n for s, n in by_status.items() if s.startswith("5")),
        "most_answers_at_once_server": working.get("peak", -1),
        "concurrency_limit": working.get("limit", -1),
        "most_answers_at_once_seen_by_clients": most_at_once(spans),
        "closed_routes": dict(sorted(probes.items())),
        "closed_route_failures": leaks,
        "latency_ms": {
            "p50_answered": round(percentile(answered, 0.50) * 1000, 1),
            "p95_answered": round(percentile(answered, 0.95) * 1000, 1),
            "max": round(max(every, default=0.0) * 1000, 1),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "questions.jsonl")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.clients < 1 or args.seconds <= 0:
        parser.error("--clients must be >= 1 and --seconds > 0")
    report = asyncio.run(run(args))
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    bad = (
        report["server_errors_5xx"]
        or report["closed_route_failures"]
        or not 0 < report["most_answers_at_once_server"] <= report["concurrency_limit"]
    )
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
