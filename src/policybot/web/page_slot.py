"""The slot at "/" that the chat page fills once it is built.

Gradio takes seconds to import and to build the page (12 s + 3.5 s on a loaded machine),
the API and the index half a second. So `serve` listens first and the page is built on a
thread of its own; until it is mounted, "/" answers 503 with `Retry-After` and a small page
that reloads itself ("đang khởi động giao diện…"), everything else under the slot 404. A
page that fails to build says so at "/" and the API keeps working.

503 rather than 200: a load balancer or a monitor probing "/" sees "not ready yet", and a
browser shows the page's body all the same and reloads it. The doors in front of the slot
(page_guard.py, guard.py) are middleware of the whole app: their rules are the same before
and after the page is mounted.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable
from html import escape
from typing import Literal

from policybot.web.guard import ASGIApp, Receive, Scope, Send, _error

log = logging.getLogger("policybot.web.page_slot")
State = Literal["starting", "ready", "failed"]
RETRY_S = 3
# What the thread hands back: the page as an ASGI app, and the lifespan that starts and
# stops its work on the server's event loop (Gradio's queue, its cleanup tasks).
Built = tuple[ASGIApp, Callable[[], contextlib.AbstractAsyncContextManager[object]]]


class PageSlot:
    def __init__(self, build: Callable[[], Built]) -> None:
        self._build = build
        self._page: ASGIApp | None = None
        self.state: State = "starting"
        self.error = ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        page = self._page
        if page is not None:
            await page(scope, receive, send)
            return
        if scope["type"] != "http" or scope.get("path") != "/":
            await _error(send, 404, "Not Found")
            return
        if self.state == "failed":
            body = _html(
                "Giao diện hỏi đáp không khởi động được",
                "Trang hỏi đáp gặp lỗi khi khởi động; API (/api/v1/) vẫn hoạt động. "
                "Người quản trị xem nhật ký máy chủ. / The chat page failed to start; "
                f"the API still works. ({self.error})",
                refresh=False,
            )
            await _send_html(scope, send, body, {})
            return
        body = _html(
            "Đang khởi động giao diện…",
            "Đang khởi động giao diện hỏi đáp, trang sẽ tự tải lại sau vài giây. "
            "/ The chat page is starting; this page reloads itself.",
            refresh=True,
        )
        await _send_html(scope, send, body, {"retry-after": str(RETRY_S)})

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """For the app's lifespan: build the page on a thread, mount it when built, and stop
        its work when the server stops."""
        stop = asyncio.Event()
        task = asyncio.create_task(self._fill(stop))
        try:
            yield
        finally:
            stop.set()
            if not task.done():
                task.cancel()  # still building: the daemon thread dies with the process
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _fill(self, stop: asyncio.Event) -> None:
        loop = asyncio.get_running_loop()
        built: asyncio.Future[Built] = loop.create_future()

        def work() -> None:
            try:
                result = self._build()
            except BaseException as exc:  # any failure is reported at "/"
                loop.call_soon_threadsafe(_settle, built, None, exc)
            else:
                loop.call_soon_threadsafe(_settle, built, result, None)

        threading.Thread(target=work, name="policybot-page", daemon=True).start()
        try:
            page, lifespan = await built
            async with lifespan():
                self._page = page
                self.state = "ready"
                log.info("chat page ready")
                await stop.wait()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("the chat page failed to start")
            self._page = None
            self.error = f"{type(exc).__name__}: {exc}"[:300]
            self.state = "failed"


def _settle(future: asyncio.Future[Built], result: Built | None, exc: BaseException | None) -> None:
    if future.done():
        return
    if exc is not None:
        future.set_exception(exc if isinstance(exc, Exception) else RuntimeError(repr(exc)))
    elif result is not None:
        future.set_result(result)


def _html(title: str, text: str, refresh: bool) -> bytes:
    meta = f'<meta http-equiv="refresh" content="{RETRY_S}">' if refresh else ""
    return (
        f'<!doctype html><html lang="vi"><meta charset="utf-8">{meta}'
        f"<title>{escape(title)}</title>"
        f'<body style="font-family:system-ui;margin:2em"><h1>{escape(title)}</h1>'
        f"<p>{escape(text)}</p></body></html>"
    ).encode()


async def _send_html(scope: Scope, send: Send, body: bytes, extra: dict[str, str]) -> None:
    headers = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"cache-control", b"no-store"),
    ]
    headers += [(k.encode(), v.encode()) for k, v in extra.items()]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    payload = b"" if scope.get("method") == "HEAD" else body
    await send({"type": "http.response.body", "body": payload})
