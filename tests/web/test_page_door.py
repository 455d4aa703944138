"""The parts of the page's door: password hashes, the users file, signed sessions, trusted
proxies, and the guard's decisions (in front of a recording app, over httpx's ASGI transport)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from policybot.config import ApiSettings, PageSettings
from policybot.errors import PolicybotError
from policybot.web.forwarded import ForwardedMiddleware, TrustedProxies
from policybot.web.guard import RateLimiter
from policybot.web.page_guard import PageGuard
from policybot.web.sessions import SessionSigner
from policybot.web.users import UserFile, hash_password, remove_user, set_user, verify_password


def test_password_hashes() -> None:
    stored = hash_password("mật khẩu")
    assert stored.startswith("scrypt$") and "mật khẩu" not in stored
    assert verify_password("mật khẩu", stored)
    assert not verify_password("mat khau", stored)
    assert stored != hash_password("mật khẩu")  # salted
    assert not verify_password("mật khẩu", stored[:-4] + "AAAA")
    assert not verify_password("x", "plain-text") and not verify_password("x", "md5$1$2$3$4$5")
    with pytest.raises(PolicybotError):
        hash_password("")


def test_users_file_is_reread_and_edited_in_place(tmp_path: Path) -> None:
    path = tmp_path / "users.txt"
    path.write_text("# người dùng trang hỏi đáp\n", encoding="utf-8")
    users = UserFile(path)
    assert users.users() == {}
    assert set_user(path, "an", "một")
    assert users.check("an", "một") and not users.check("an", "hai")
    time.sleep(0.02)
    assert not set_user(path, "an", "hai")  # a new password, same line
    assert users.check("an", "hai") and not users.check("an", "một")
    assert path.read_text(encoding="utf-8").startswith("# người dùng")
    assert path.stat().st_mode & 0o077 == 0
    time.sleep(0.02)
    assert remove_user(path, "an") and not remove_user(path, "an")
    assert not users.has("an") and not users.check("an", "hai")
    with pytest.raises(PolicybotError):
        set_user(path, "có dấu cách", "x")
    with pytest.raises(PolicybotError):
        UserFile(tmp_path / "missing.txt")


def test_sessions_are_signed_and_expire() -> None:
    signer = SessionSigner(b"k" * 32, hours=1)
    value = signer.issue("an", now=1000.0)
    session = signer.read(value, now=1001.0)
    assert session is not None and session.user == "an"
    assert signer.read(value, now=1000.0 + 3601) is None
    payload, _, sig = value.partition(".")
    assert signer.read(payload + "." + sig[:-2] + "AA", now=1001.0) is None
    assert SessionSigner(b"x" * 32, hours=1).read(value, now=1001.0) is None
    assert signer.read("", now=1001.0) is None and signer.read("a.b.c", now=1001.0) is None


def test_forwarded_address_is_the_last_hop_not_a_trusted_proxy() -> None:
    trusted = TrustedProxies(["10.0.0.0/8", "127.0.0.1"])
    assert "10.2.3.4" in trusted and "11.0.0.1" not in trusted and "nonsense" not in trusted
    assert trusted.client("10.0.0.1", "203.0.113.7, 10.0.0.9") == "203.0.113.7"
    # What the client wrote itself (left) does not move it into another bucket.
    assert trusted.client("10.0.0.1", "6.6.6.6, 203.0.113.7") == "203.0.113.7"
    assert "anything" in TrustedProxies(["*"])
    with pytest.raises(PolicybotError):
        TrustedProxies(["not-an-ip"])


class Recorder:
    """The app behind the guard: records what reached it."""

    def __init__(self) -> None:
        self.seen: list[dict[str, Any]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.seen.append({"path": scope["path"], "client": scope["client"][0], **headers})
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _door(
    page: PageSettings, rate: int = 0, trusted: tuple[str, ...] = ("127.0.0.1",)
) -> tuple[Recorder, Any]:
    inner = Recorder()
    api = ApiSettings(rate_limit_per_minute=rate, trusted_proxies=list(trusted))
    guard = PageGuard(inner, api, page, RateLimiter(rate))
    return inner, ForwardedMiddleware(guard, list(trusted))


def _get(app: Any, peer: str, path: str, headers: dict[str, str]) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=(peer, 1234))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            return await http.get(path, headers=headers)

    return asyncio.run(go())


def test_user_header_only_from_a_trusted_proxy() -> None:
    inner, app = _door(PageSettings(user_header="X-Forwarded-User"))
    head = {"X-Forwarded-User": "an", "Accept": "text/html"}
    assert _get(app, "127.0.0.1", "/", head).status_code == 200
    assert inner.seen[-1]["x-policybot-user"] == "an"
    refused = _get(app, "192.0.2.50", "/", head)
    assert refused.status_code == 401 and "cổng đăng nhập của tỉnh" in refused.text
    assert len(inner.seen) == 1


def test_a_client_cannot_name_itself_to_the_callbacks() -> None:
    inner, app = _door(PageSettings())
    _get(app, "192.0.2.50", "/", {"X-Policybot-User": "gi%C3%A1m-%C4%91%E1%BB%91c"})
    assert "x-policybot-user" not in inner.seen[-1]


def test_page_rate_limit_counts_the_forwarded_client() -> None:
    _, app = _door(PageSettings(), rate=2)
    signer_cookie = _get(app, "127.0.0.1", "/", {}).headers["set-cookie"].split(";")[0]

    def join(peer: str, forwarded: str) -> int:
        async def go() -> int:
            transport = httpx.ASGITransport(app=app, client=(peer, 1))
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
                res = await http.post(
                    "/gradio_api/queue/join",
                    json={"data": ["câu hỏi"], "fn_index": 1, "session_hash": "s"},
                    headers={"X-Forwarded-For": forwarded, "Cookie": signer_cookie},
                )
                return res.status_code

        return asyncio.run(go())

    # Behind the trusted proxy, two people get two budgets of 2.
    assert [join("127.0.0.1", "198.51.100.1") for _ in range(3)] == [200, 200, 429]
    assert join("127.0.0.1", "198.51.100.2") == 200
    # From an untrusted peer, the header is ignored: one budget, the peer's.
    assert [join("192.0.2.9", f"198.51.100.{i}") for i in range(3, 6)] == [200, 200, 429]


def test_bad_door_settings_stop_the_app_at_start(tmp_path: Path) -> None:
    from tests.conftest import make_settings

    from policybot.pipeline import build_pipeline
    from policybot.web.api import create_app

    base = make_settings(tmp_path / "index", backend="hash")
    for update, message in (
        ({"page": PageSettings(users_file=tmp_path / "none.txt")}, "does not exist"),
        ({"api": ApiSettings(trusted_proxies=["proxy.local"])}, "is not an address"),
    ):
        settings = base.model_copy(update=update)
        with pytest.raises(PolicybotError, match=message):
            create_app(build_pipeline(settings), settings)
