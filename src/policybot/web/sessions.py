"""Signed page sessions: a cookie the server can check without keeping a table.

The cookie holds who (empty for an anonymous page), until when, and a nonce, signed with
HMAC-SHA256. Replicas that share `page.session_secret` accept each other's sessions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from dataclasses import dataclass

COOKIE = "policybot_session"


@dataclass(frozen=True)
class Session:
    user: str
    expires: float


class SessionSigner:
    def __init__(self, secret: bytes | None, hours: float) -> None:
        self.secret = secret or os.urandom(32)
        self.seconds = int(hours * 3600)

    def issue(self, user: str = "", now: float | None = None) -> str:
        now = time.time() if now is None else now
        body = {"u": user, "e": int(now) + self.seconds, "n": os.urandom(6).hex()}
        payload = _b64(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())
        return f"{payload}.{self._sign(payload)}"

    def read(self, value: str, now: float | None = None) -> Session | None:
        """The session, or None when the cookie is forged, damaged or expired."""
        payload, _, signature = value.partition(".")
        if not payload or not hmac.compare_digest(signature, self._sign(payload)):
            return None
        try:
            body = json.loads(_unb64(payload))
            session = Session(str(body["u"]), float(body["e"]))
        except (ValueError, KeyError, TypeError):
            return None
        if session.expires < (time.time() if now is None else now):
            return None
        return session

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self.secret, payload.encode(), hashlib.sha256).digest())


def cookie_value(cookie_header: str) -> str:
    for part in cookie_header.split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value
    return ""


def set_cookie(value: str, max_age: int, secure: bool) -> str:
    """Lax: sent when a person follows a link to the page from a portal, never with another
    site's POST or script request (so no other site can join the queue as them)."""
    flags = f"; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Lax"
    return f"{COOKIE}={value}{flags}{'; Secure' if secure else ''}"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
