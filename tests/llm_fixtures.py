"""A real OpenAI-compatible server for the LLM tests: llama.cpp's, serving the 0.5B model.

Imported by the test modules that need it (`from tests.llm_fixtures import ...`), so the
server starts once per session and only when such a test runs.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from tests.servers import free_port, wait_ready

from policybot.answers.llm import Message
from policybot.models import MODELS, ensure_model

ROOT = Path(__file__).parents[1]
SMALL = MODELS["qwen2.5-coder-0.5b"]
START_TIMEOUT = 180


@pytest.fixture(scope="session")
def small_model() -> Path:
    """The 0.5B GGUF (`make test-model` fetches it first; here it is only checked)."""
    return ensure_model(SMALL, ROOT / "models")


@pytest.fixture(scope="session")
def llm_server(small_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`python -m llama_cpp.server` on a free port; yields its /v1 base URL."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("llm-server") / "server.log"
    cmd = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(small_model),
        "--model_alias",
        "qwen2.5-coder-0.5b",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "4096",
        "--n_threads",
        "2",
    ]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}/v1"
        try:
            wait_ready(f"{base}/models", proc, log_path, START_TIMEOUT)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class Unused:
    """A chat model that must not be called: tests that hand the generator the model's text
    themselves, or check that a path never reaches the model."""

    name = "unused"

    def complete(self, messages: Sequence[Message]) -> str:
        raise AssertionError("the model must not be called")

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        raise AssertionError("the model must not be called")
