"""Starting real servers in tests: a free loopback port, and waiting until one answers."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 240) -> None:
    """Until `url` answers 200; fails with the server's log when it exits or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            raise AssertionError(f"server exited {proc.returncode}:\n{tail}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-2000:]
    raise AssertionError(f"{url} not ready after {timeout} s:\n{tail}")


def wait_page(base: str, alive: Callable[[], bool], timeout: float = 240) -> None:
    """Until /health says the chat page is mounted (`serve` listens first and builds the
    page meanwhile); fails when the server stops or the page failed to build."""
    deadline = time.monotonic() + timeout
    state = None
    while time.monotonic() < deadline:
        assert alive(), "server stopped"
        try:
            state = httpx.get(f"{base}/health", timeout=2).json().get("ui")
        except (httpx.HTTPError, ValueError):
            state = None
        if state == "ready":
            return
        assert state != "failed", httpx.get(f"{base}/", timeout=5).text
        time.sleep(0.2)
    raise AssertionError(f"chat page not ready after {timeout} s (ui: {state})")
