"""What stands between a portal and the pipeline: body size, API keys, rate limit.

One ASGI middleware in front of /api/*, so the order is fixed whatever a route does: an
oversized body is refused before it is parsed, a missing key before any work, a client over
its budget before the question reaches the (CPU-bound) pipeline.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from policybot.config import ApiSettings
from policybot.errors import PolicybotError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class KeyRing:
    """API keys from settings and from a keys file (re-read when the file changes)."""

    def __init__(self, keys: list[str], keys_file: Path | None) -> None:
        self._static = [k for k in keys if k]
        self._file = keys_file
        self._file_keys: list[str] = []
        self._mtime: float | None = None
        self._lock = threading.Lock()
        if keys_file is not None and not keys_file.is_file():
            raise PolicybotError(f"API keys file {keys_file} does not exist")
        self._reload()

    def _reload(self) -> None:
        if self._file is None:
            return
        try:
            mtime = self._file.stat().st_mtime
        except OSError:
            return  # keep the keys we had; a file being replaced must not open the API
        if mtime == self._mtime:
            return
        with self._lock:
            lines = self._file.read_text(encoding="utf-8").splitlines()
            self._file_keys = [
                s for s in (ln.split("#", 1)[0].strip() for ln in lines) if s and " " not in s
            ]
            self._mtime = mtime

    def keys(self) -> list[str]:
        self._reload()
        return self._static + self._file_keys

    def enabled(self) -> bool:
        return self._file is not None or bool(self._static)

    def check(self, presented: str) -> bool:
        """Constant-time comparison against every key, so timing says nothing about them."""
        given = presented.encode()
        ok = False
        for key in self.keys():
            ok |= hmac.compare_digest(given, key.encode())
        return ok


class RateLimiter:
    """A token bucket per client: `per_minute` requests a minute, bursts up to the same."""

    def __init__(self, per_minute: int, max_clients: int = 10_000) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.max_clients = max_clients
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, client: str, now: float | None = None) -> float:
        """0 when the request may go ahead, else the seconds to wait before retrying."""
        if self.capacity <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[client] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self._buckets[client] = (tokens, now)
                wait = (1.0 - tokens) / self.rate
            if len(self._buckets) > self.max_clients:
                self._forget_idle(now)
        return wait

    def _forget_idle(self, now: float) -> None:
        full = self.capacity / self.rate
        for client, (_, last) in list(self._buckets.items()):
            if now - last >= full:
                del self._buckets[client]


def client_id(token: str) -> str:
    """A key is never kept in memory tables as itself: buckets are named by its hash."""
    return "key:" + hashlib.sha256(token.encode()).hexdigest()[:16]


class PortalGuard:
    """ASGI middleware for paths under /api/: body limit (400), API key (401), rate (429)."""

    def __init__(
        self, app: ASGIApp, settings: ApiSettings, limiter: RateLimiter | None = None
    ) -> None:
        self.app = app
        self.settings = settings
        self.keys = KeyRing(settings.api_keys, settings.keys_file)
        self.limiter = limiter or RateLimiter(settings.rate_limit_per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith("/api/"):
            await self.app(scope, receive, send)
            return
        if scope.get("method") == "OPTIONS":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        limit = self.settings.max_body_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _error(send, 400, _too_large(int(declared), limit))
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        if self.keys.enabled():
            scheme, _, token = headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                await _error(
                    send,
                    401,
                    "Thiếu khóa API: gửi kèm header `Authorization: Bearer KEY`. "
                    "/ Missing API key: send `Authorization: Bearer KEY`.",
                    {"www-authenticate": "Bearer"},
                )
                return
            if not self.keys.check(token.strip()):
                await _error(
                    send,
                    401,
                    "Khóa API không hợp lệ. / Invalid API key.",
                    {"www-authenticate": 'Bearer error="invalid_token"'},
                )
                return
            client = client_id(token.strip())
        else:
            client = f"ip:{client}"
        body = await admitted(self.limiter, client, receive, send, limit)
        if body is None:
            return
        await self.app(scope, _replay(body, receive), send)


async def admitted(
    limiter: RateLimiter, client: str, receive: Receive, send: Send, limit: int
) -> bytes | None:
    """The request's body, once `client` is within its rate and the body within `limit`;
    None when the request was answered with 429 or 400 instead."""
    wait = limiter.take(client)
    if wait > 0:
        retry = max(1, math.ceil(wait))
        await _error(
            send,
            429,
            f"Quá nhiều yêu cầu; hãy thử lại sau {retry} giây. "
            f"/ Too many requests; retry in {retry} s.",
            {"retry-after": str(retry)},
        )
        return None
    body, too_big = await _read_body(receive, limit)
    if too_big:
        await _error(send, 400, _too_large(too_big, limit))
        return None
    return body


def too_long(length: int, limit: int, what: str = "question") -> str:
    """The one wording of an over-long question (or search query), for the API and the page."""
    vi = "Câu hỏi" if what == "question" else "Truy vấn"
    return (
        f"{vi} quá dài ({length} ký tự; tối đa {limit}). "
        f"/ The {what} is too long ({length} characters; at most {limit})."
    )


def _too_large(size: int, limit: int) -> str:
    return (
        f"Yêu cầu quá lớn ({size} byte; tối đa {limit}). "
        f"/ Request body too large ({size} bytes; at most {limit})."
    )


async def _read_body(receive: Receive, limit: int) -> tuple[bytes, int]:
    """The whole body, or (b"", bytes seen) once it passes `limit`."""
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return b"", size
        parts.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(parts), 0


def _replay(body: bytes, upstream: Receive) -> Receive:
    """The body already read, then the client's own messages (a streaming response waits on
    them to notice a disconnect)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await upstream()

    return receive


async def _error(
    send: Send, status: int, message: str, extra: dict[str, str] | None = None
) -> None:
    payload = json.dumps({"error": message}, ensure_ascii=False).encode()
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(payload)).encode()),
    ]
    headers += [(k.encode(), v.encode()) for k, v in (extra or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
