"""How long `policybot serve` takes to answer: start -> /health 200, start -> chat page.

    python bench/serve_start.py --index IDX [--src other/src] [--runs 3] [--out f.json]

Starts `python -m policybot.cli serve --no-ingest` on a free port with the code of `--src`
(default: this checkout's src/; pass another checkout's src/ to compare, run for run),
polls every 0.1 s and records two times from the process start: the first 200 of /health,
and the first 200 of "/" carrying the Gradio page. The index must already be up to date.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from machine import ROOT, machine, setup_env

setup_env()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ok(url: str, marker: str = "") -> bool:
    try:
        res = httpx.get(url, timeout=2)
    except httpx.HTTPError:
        return False
    return res.status_code == 200 and marker in res.text.lower()


def one_run(index: Path, src: Path, timeout: float) -> dict[str, Any]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data:
        env = {
            **os.environ,
            "PYTHONPATH": str(src),
            "POLICYBOT_INDEX_DIR": str(index),
            "POLICYBOT_DATA_DIR": data,
            "POLICYBOT_EMBEDDER__BACKEND": os.environ.get("POLICYBOT_EMBEDDER__BACKEND", "hash"),
        }
        cmd = [sys.executable, "-m", "policybot.cli", "serve", "--no-ingest", "--port", str(port)]
        start = time.monotonic()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        health = page = None
        try:
            while time.monotonic() - start < timeout and proc.poll() is None:
                now = time.monotonic() - start
                if health is None and ok(f"{base}/health"):
                    health = now
                if health is not None and ok(f"{base}/", "gradio"):
                    page = time.monotonic() - start
                    break
                time.sleep(0.1)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return {"health_s": health, "page_s": page}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--src", type=Path, action="append", help="src/ to run (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=180)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    sources = args.src or [ROOT / "src"]
    rows: list[dict[str, Any]] = []
    for run in range(args.runs):
        for src in sources:  # alternating, so both see the same machine load
            row = {"run": run, "src": str(src), "load": os.getloadavg()[0]}
            row.update(one_run(args.index, src, args.timeout))
            print(json.dumps(row), flush=True)
            rows.append(row)
    if args.out:
        payload = {"machine": machine(), "runs": rows}
        args.out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
