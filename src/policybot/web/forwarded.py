"""Who is really asking: the client address behind a reverse proxy the operator trusts.

uvicorn can rewrite the client address from `X-Forwarded-For` itself, but then the address
of the proxy that sent the request is lost, and a header such as `X-Forwarded-User` may only
be believed when that proxy is one the operator named. So policybot does it in one outermost
middleware: the peer is checked against `api.trusted_proxies`; only then are the forwarded
client address and scheme taken, and the scope records that the peer was trusted.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from policybot.web.guard import ASGIApp, Receive, Scope, Send

TRUSTED = "policybot.trusted_peer"


class TrustedProxies:
    """Addresses and networks ("10.0.0.5", "10.0.0.0/24", "*") whose forwarded headers count."""

    def __init__(self, entries: list[str]) -> None:
        self.any = "*" in entries
        self.networks: list[Any] = []
        for entry in entries:
            if entry == "*":
                continue
            try:
                self.networks.append(ipaddress.ip_network(entry.strip(), strict=False))
            except ValueError as exc:
                from policybot.errors import PolicybotError

                raise PolicybotError(f"trusted proxy {entry!r} is not an address") from exc

    def __contains__(self, host: object) -> bool:
        if self.any:
            return True
        try:
            address = ipaddress.ip_address(str(host))
        except ValueError:
            return False
        return any(address in net for net in self.networks)

    def client(self, peer: str, forwarded_for: str) -> str:
        """The right-most address of `X-Forwarded-For` that is not a trusted proxy: the one
        the trusted chain saw. Addresses further left were written by the client itself."""
        hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
        for hop in reversed(hops):
            if hop not in self:
                return hop
        return hops[0] if hops else peer


class ForwardedMiddleware:
    """Outermost: believes X-Forwarded-For/-Proto only from trusted proxies."""

    def __init__(self, app: ASGIApp, trusted: list[str]) -> None:
        self.app = app
        self.trusted = TrustedProxies(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            peer = (scope.get("client") or ("", 0))[0]
            trusted = bool(peer) and peer in self.trusted
            scope[TRUSTED] = trusted
            if trusted:
                headers = {k.lower(): v for k, v in scope.get("headers", [])}
                forwarded = headers.get(b"x-forwarded-for", b"").decode("latin-1")
                if forwarded:
                    scope["client"] = (self.trusted.client(peer, forwarded), 0)
                proto = headers.get(b"x-forwarded-proto", b"").decode("latin-1").strip()
                if proto in ("http", "https") and scope["type"] == "http":
                    scope["scheme"] = proto
        await self.app(scope, receive, send)
