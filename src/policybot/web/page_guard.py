"""The chat page's door: Gradio serves only what the page itself uses, through the same
limits as /api/*, and, when a province wants it, only after a login.

Gradio exposes a programmatic API beside the page (/gradio_api/info, /call/<name>, /run,
/api, /upload, ...). A hidden endpoint (`api_visibility="private"`) is only left out of the
listing: it can still be called by name. So this ASGI middleware decides by path, before
Gradio sees the request:

- /api/*, /health, /openapi.json, /static/widget.js: the API's door (guard.py), untouched.
- /login, /logout: ours when a login is configured, else 404.
- the page's files (/, /assets/..., /theme.css, ...) and /documents/...: GET only.
- /gradio_api/: only what the page uses (queue/join, queue/data, heartbeat, cancel), and
  only with a page session: the cookie set when the page was served (or a login). A join
  passes the body limit, the rate limit (the same buckets as /api/*: by person when known,
  else by client address), and every text it carries the question-length limit. Anything
  else under /gradio_api/ is 404.
The work a join starts runs under the API's concurrency limit (ui.py calls Service.run).
"""

from __future__ import annotations

import json
import math
from typing import Any
from urllib.parse import parse_qs, quote

from policybot.config import ApiSettings, PageSettings, Settings
from policybot.web.forwarded import TRUSTED, TrustedProxies
from policybot.web.guard import (
    ASGIApp,
    KeyRing,
    RateLimiter,
    Receive,
    Scope,
    Send,
    _error,
    _read_body,
    _replay,
    _too_large,
    admitted,
    too_long,
)
from policybot.web.login_page import login_html
from policybot.web.sessions import COOKIE, Session, SessionSigner, cookie_value, set_cookie
from policybot.web.users import UserFile

USER_HEADER = b"x-policybot-user"  # set here for Gradio callbacks; never taken from outside
API_DOOR = ("/api/", "/health", "/openapi.json", "/static/widget.js")
PAGE_FILES = {"/", "/theme.css", "/favicon.ico", "/robots.txt", "/manifest.json", "/config"}
PAGE_PREFIXES = ("/assets/", "/static/", "/svelte/", "/documents/", "/pwa_icon")
QUEUE = {
    ("POST", "/gradio_api/queue/join"),
    ("GET", "/gradio_api/queue/data"),
    ("POST", "/gradio_api/cancel"),
}


def check_doors(settings: Settings) -> None:
    """A missing keys or users file, or a proxy that is no address, stops `serve` at start
    with one line. (Middleware is built on the first request, too late to say so.)"""
    KeyRing(settings.api.api_keys, settings.api.keys_file)
    TrustedProxies(settings.api.trusted_proxies)
    if settings.page.users_file is not None:
        UserFile(settings.page.users_file)


class PageGuard:
    def __init__(
        self, app: ASGIApp, api: ApiSettings, page: PageSettings, limiter: RateLimiter
    ) -> None:
        self.app = app
        self.api = api
        self.page = page
        self.limiter = limiter
        self.users = UserFile(page.users_file) if page.users_file is not None else None
        secret = page.session_secret.get_secret_value().encode() if page.session_secret else None
        self.signer = SessionSigner(secret, page.session_hours)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await self.app(scope, receive, send)
            return
        scope["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() != USER_HEADER]
        path = str(scope.get("path", ""))
        if path.startswith(API_DOOR[0]) or path in API_DOOR[1:]:
            await self.app(scope, receive, send)
            return
        method = str(scope.get("method", "GET"))
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        session = self.signer.read(cookie_value(headers.get("cookie", "")))
        user = self._user(scope, headers, session)
        if path in ("/login", "/logout"):
            if not self.page.login_required:
                await _error(send, 404, "Not Found")
            elif path == "/logout":
                await _redirect(send, "/login", set_cookie("", 0, _secure(scope)))
            else:
                await self._login(scope, receive, send, method)
            return
        if self.page.login_required and user is None:
            await self._ask_login(send, headers)
            return
        if path.startswith("/gradio_api/"):
            await self._gradio(scope, receive, send, method, path, session, user)
            return
        if method not in ("GET", "HEAD"):
            await _error(send, 405, "Method Not Allowed")
            return
        if path in PAGE_FILES or path.startswith(PAGE_PREFIXES):
            if path == "/" and session is None:
                value = self.signer.issue(user or "")
                cookie = set_cookie(value, self.signer.seconds, _secure(scope))
                send = _with_header(send, b"set-cookie", cookie.encode("latin-1"))
            await self.app(_as_user(scope, user), receive, send)
            return
        await _error(send, 404, "Not Found")

    def _user(self, scope: Scope, headers: dict[str, str], session: Session | None) -> str | None:
        """The person: from the trusted proxy's header, else from a login session."""
        name = self.page.user_header.lower()
        if name and scope.get(TRUSTED) and headers.get(name, "").strip():
            return headers[name].strip()
        if (
            session is not None
            and session.user
            and (self.users is None or self.users.has(session.user))
        ):
            return session.user
        return None

    async def _gradio(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        method: str,
        path: str,
        session: Session | None,
        user: str | None,
    ) -> None:
        allowed = (method, path) in QUEUE or (
            method == "GET" and path.startswith("/gradio_api/heartbeat/")
        )
        if not allowed:
            await _error(send, 404, "Not Found")
            return
        if session is None and user is None:
            await _error(
                send,
                403,
                "Chỉ trang hỏi đáp được gọi đường này; hãy mở trang chủ. "
                "/ Only the chat page may call this; open the page first.",
            )
            return
        if path != "/gradio_api/queue/join":
            await self.app(_as_user(scope, user), receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        limit = self.api.max_body_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _error(send, 400, _too_large(int(declared), limit))
            return
        client = f"user:{user}" if user else f"ip:{(scope.get('client') or ('unknown', 0))[0]}"
        body = await admitted(self.limiter, client, receive, send, limit)
        if body is None:
            return
        problem = self._check_join(body)
        if problem:
            await _error(send, 400, problem)
            return
        await self.app(_as_user(scope, user), _replay(body, receive), send)

    def _check_join(self, body: bytes) -> str:
        """'' when the join is well formed and no text in it is longer than a question may be."""
        try:
            data = json.loads(body or b"null")
        except ValueError:
            return "Yêu cầu không phải JSON. / The request is not JSON."
        if not isinstance(data, dict) or not isinstance(data.get("fn_index"), int):
            return "Yêu cầu không hợp lệ. / Invalid request."
        limit = self.api.max_question_chars
        longest = max((len(t) for t in _texts(data.get("data"))), default=0)
        if longest > limit:
            return too_long(longest, limit)
        return ""

    async def _login(self, scope: Scope, receive: Receive, send: Send, method: str) -> None:
        if self.users is None:
            await _html(send, 401, login_html(sso_only=True))
            return
        if method != "POST":
            await _html(send, 200, login_html())
            return
        client = f"ip:{(scope.get('client') or ('unknown', 0))[0]}"
        wait = self.limiter.take(client)
        if wait > 0:
            await _html(send, 429, login_html(f"Thử quá nhiều lần; đợi {math.ceil(wait)} giây."))
            return
        body, too_big = await _read_body(receive, 4096)
        form = parse_qs(body.decode("utf-8", "replace")) if not too_big else {}
        name = (form.get("username") or [""])[0].strip()
        password = (form.get("password") or [""])[0]
        if not name or not self.users.check(name, password):
            await _html(send, 401, login_html("Sai tên đăng nhập hoặc mật khẩu."))
            return
        cookie = set_cookie(self.signer.issue(name), self.signer.seconds, _secure(scope))
        await _redirect(send, "/", cookie)

    async def _ask_login(self, send: Send, headers: dict[str, str]) -> None:
        if "text/html" in headers.get("accept", ""):
            await _html(send, 401, login_html(sso_only=self.users is None))
            return
        await _error(send, 401, "Cần đăng nhập. / Login required.")


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    return []


def _as_user(scope: Scope, user: str | None) -> Scope:
    if user:
        scope["headers"] = [*scope["headers"], (USER_HEADER, quote(user).encode("latin-1"))]
    return scope


def _secure(scope: Scope) -> bool:
    return scope.get("scheme") == "https"


def _with_header(send: Send, name: bytes, value: bytes) -> Send:
    async def wrapped(message: Any) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), (name, value)]
        await send(message)

    return wrapped


async def _html(send: Send, status: int, html: str) -> None:
    body = html.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _redirect(send: Send, location: str, cookie: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode()),
                (b"set-cookie", cookie.encode("latin-1")),
                (b"content-length", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})


__all__ = ["COOKIE", "USER_HEADER", "PageGuard", "check_doors"]
