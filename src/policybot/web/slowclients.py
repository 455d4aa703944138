"""A deadline for each HTTP request to arrive, against slow clients (slowloris).

uvicorn waits for a request head and body as long as bytes keep coming: its only timer,
`timeout_keep_alive`, runs between requests and every received byte cancels it. A client
that sends one header byte every few seconds holds a connection (and a file descriptor)
for ever, and a few hundred of them starve the server. ASGI middleware cannot help: it runs
only once the head is complete.

`deadline_protocol(seconds)` is uvicorn's httptools protocol with one more timer: armed when
a connection opens or a new request starts, disarmed when the request (head and body) is
fully received. When it fires before that, the client gets `408 Request Timeout`
(RFC 9110 allows a server to send it unasked before closing) and the connection is closed;
if a response has already begun, the connection is just closed. The time a response takes
is never limited.
"""

from __future__ import annotations

import asyncio
import logging

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["deadline_protocol"]

log = logging.getLogger("policybot.web.slowclients")

_BODY = b"Request Timeout: the request did not arrive in time.\n"
_REPLY_408 = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"content-type: text/plain; charset=utf-8\r\n"
    b"content-length: " + str(len(_BODY)).encode("ascii") + b"\r\n"
    b"connection: close\r\n\r\n" + _BODY
)


class DeadlineProtocol(HttpToolsProtocol):
    """HttpToolsProtocol that gives each request `request_timeout` seconds to arrive."""

    request_timeout: float = 10.0
    _deadline: asyncio.TimerHandle | None = None
    _head_received = False

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self.request_timeout, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()  # a client that connects and sends nothing is slow too

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_received = False
        self._arm()  # the next request on a kept-alive connection

    def on_headers_complete(self) -> None:
        self._head_received = True
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def handle_websocket_upgrade(self) -> None:
        self._disarm()  # the websocket protocol takes the connection over
        super().handle_websocket_upgrade()

    def _expired(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        client = f"{self.client[0]}:{self.client[1]}" if self.client else "?"
        log.warning("slow client %s: request not received in %gs", client, self.request_timeout)
        # 408 unless this request already has (part of) an answer, e.g. an early 413.
        if not self._head_received or not self.cycle.response_started:
            self.transport.write(_REPLY_408)
        self.transport.close()


def deadline_protocol(seconds: float) -> type[asyncio.Protocol]:
    """The protocol class to pass as uvicorn's `http=`, with `seconds` per request."""
    return type("DeadlineProtocol", (DeadlineProtocol,), {"request_timeout": float(seconds)})
