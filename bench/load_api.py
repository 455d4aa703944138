"""Load test: N concurrent clients asking a running policybot server for a fixed time.

    python bench/load_api.py [--url http://127.0.0.1:8000] [--clients 16] [--seconds 60]
                             [--key KEY] [--questions eval/questions.jsonl] [--out FILE.json]

Each client sends POST /api/v1/ask one question after another (the eval questions in turn)
until the time is up, then the run stops by itself; a request still in flight gets at most
--timeout seconds. Prints requests, throughput, errors by status and latency percentiles.
Run the server with the rate limit off (POLICYBOT_API__RATE_LIMIT_PER_MINUTE=0) to measure
capacity, or with it on to see the 429s a busy portal would get.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).parents[1]


def load_questions(path: Path) -> list[str]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r["question"] for r in rows if r.get("question")]


async def client(
    http: httpx.AsyncClient,
    url: str,
    questions: list[str],
    start: int,
    deadline: float,
    results: list[tuple[int | str, float, bool]],
) -> None:
    i = start
    while time.monotonic() < deadline:
        question = questions[i % len(questions)]
        i += 1
        t0 = time.perf_counter()
        try:
            res = await http.post(url, json={"question": question})
            status: int | str = res.status_code
            refused = status == 200 and bool(res.json().get("refused"))
        except httpx.HTTPError as exc:
            status, refused = type(exc).__name__, False
        results.append((status, time.perf_counter() - t0, refused))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


async def run(args: argparse.Namespace) -> dict[str, Any]:
    questions = load_questions(args.questions)
    headers = {"Authorization": f"Bearer {args.key}"} if args.key else {}
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    results: list[tuple[int | str, float, bool]] = []
    async with httpx.AsyncClient(
        base_url=args.url, headers=headers, timeout=args.timeout, limits=limits
    ) as http:
        health = await http.get("/health")
        if health.status_code != 200:
            raise SystemExit(f"server not ready: {health.status_code} {health.text}")
        started = time.monotonic()
        deadline = started + args.seconds
        await asyncio.gather(
            *(
                client(http, "/api/v1/ask", questions, n * 7, deadline, results)
                for n in range(args.clients)
            )
        )
        elapsed = time.monotonic() - started
    ok = [lat for status, lat, _ in results if status == 200]
    every = [lat for _, lat, _ in results]
    by_status = Counter(str(status) for status, _, _ in results)
    return {
        "url": args.url,
        "clients": args.clients,
        "seconds": round(elapsed, 1),
        "requests": len(results),
        "requests_per_second": round(len(results) / elapsed, 2),
        "status": dict(sorted(by_status.items())),
        "errors": sum(n for s, n in by_status.items() if s != "200"),
        "server_errors_5xx": sum(n for s, n in by_status.items() if s.startswith("5")),
        "refused_answers": sum(1 for _, _, r in results if r),
        "latency_ms": {
            "p50": round(percentile(every, 0.50) * 1000, 1),
            "p95": round(percentile(every, 0.95) * 1000, 1),
            "p99": round(percentile(every, 0.99) * 1000, 1),
            "max": round(max(every, default=0.0) * 1000, 1),
            "mean_ok": round(statistics.fmean(ok) * 1000, 1) if ok else 0.0,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--key", default="")
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
    sys.exit(1 if report["server_errors_5xx"] else 0)


if __name__ == "__main__":
    main()
