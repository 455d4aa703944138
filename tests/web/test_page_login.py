"""The page behind a login: a users file (scrypt hashes) or the province proxy's header.
A real uvicorn server on a free port; the API door is not changed by the page's login."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from tests.conftest import make_settings
from tests.servers import free_port, wait_page
from tests.web.page_protocol import ask, fn_index, join, result

from policybot.config import PageSettings
from policybot.pipeline import build_pipeline
from policybot.web.feedback import FeedbackStore
from policybot.web.server import build_app
from policybot.web.users import remove_user, set_user

QUESTION = "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"
PASSWORD = "mật khẩu đủ dài 1"
HTML = {"Accept": "text/html"}


@dataclass
class Live:
    base: str
    users: Path
    data: Path


@pytest.fixture(scope="module")
def live(hash_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    root = tmp_path_factory.mktemp("login")
    users = root / "users.txt"
    set_user(users, "an", PASSWORD)
    set_user(users, "binh", "khác hẳn 2")
    settings = make_settings(hash_index, backend="hash").model_copy(
        update={
            "data_dir": root / "data",
            "page": PageSettings(users_file=users, user_header="X-Forwarded-User"),
        }
    )
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            build_app(build_pipeline(settings), settings),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            proxy_headers=False,
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.1)
    wait_page(f"http://127.0.0.1:{port}", thread.is_alive)
    try:
        yield Live(f"http://127.0.0.1:{port}", users, root / "data" / "feedback.sqlite3")
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_nothing_but_the_login_form_without_a_login(live: Live) -> None:
    with httpx.Client(base_url=live.base, timeout=30) as http:
        page = http.get("/", headers=HTML)
        assert page.status_code == 401 and "Đăng nhập" in page.text
        assert "gradio" not in page.text.lower() and "policybot_session" not in http.cookies
        for path in ("/config", "/theme.css", "/assets/index.js", "/documents/x.txt",
                     "/gradio_api/info", "/gradio_api/heartbeat/abc"):  # fmt: skip
            res = http.get(path)
            assert res.status_code == 401, (path, res.status_code)
        res = http.post("/gradio_api/queue/join", json={"data": [QUESTION], "fn_index": 8})
        assert res.status_code == 401 and "17/12/2020" not in res.text
        # The API keeps its own door (no keys configured here: open).
        assert http.get("/health").status_code == 200
        assert http.get("/api/v1/documents").status_code == 200
        assert http.get("/static/widget.js").status_code == 200


def test_login_ask_vote_records_the_user_then_logout(live: Live) -> None:
    with httpx.Client(base_url=live.base, timeout=60) as http:
        wrong = http.post("/login", data={"username": "an", "password": "sai"})
        assert wrong.status_code == 401 and "Sai tên đăng nhập" in wrong.text
        nobody = http.post("/login", data={"username": "ai", "password": PASSWORD})
        assert nobody.status_code == 401 and "policybot_session" not in http.cookies
        ok = http.post("/login", data={"username": "an", "password": PASSWORD})
        assert ok.status_code == 303 and ok.headers["location"] == "/"
        assert "HttpOnly" in ok.headers["set-cookie"] and "SameSite=Lax" in ok.headers["set-cookie"]

        page = http.get("/", headers=HTML)
        assert page.status_code == 200 and "gradio" in page.text.lower()
        session = uuid.uuid4().hex[:11]
        out = ask(http, fn_index(http, "respond"), QUESTION, session)
        assert "17/12/2020" in str(out[1])
        liked = {"index": 1, "value": ["x"], "liked": True}
        res = join(http, fn_index(http, "on_like"), [None], session, liked)
        assert "Đã ghi nhận" in str(result(http, session, res.json()["event_id"])[0])
        votes = FeedbackStore(live.data).votes()
        assert [(v.user, v.vote, v.source) for v in votes] == [("an", 1, "ui")]

        out = http.get("/logout")
        assert out.status_code == 303 and "Max-Age=0" in out.headers["set-cookie"]
        assert http.get("/", headers=HTML).status_code == 401


def test_a_removed_user_is_out_on_the_next_request(live: Live) -> None:
    with httpx.Client(base_url=live.base, timeout=30) as http:
        assert (
            http.post("/login", data={"username": "binh", "password": "khác hẳn 2"}).status_code
            == 303
        )
        assert http.get("/", headers=HTML).status_code == 200
        time.sleep(0.05)  # a new mtime for the file
        assert remove_user(live.users, "binh")
        assert http.get("/", headers=HTML).status_code == 401
        assert http.get("/config").status_code == 401


def test_header_from_the_trusted_proxy_is_a_login(live: Live) -> None:
    with httpx.Client(base_url=live.base, timeout=30) as http:
        # 127.0.0.1 is the default trusted proxy: the header it sets names the person.
        page = http.get("/", headers={**HTML, "X-Forwarded-User": "chi@quangtri.gov.vn"})
        assert page.status_code == 200 and "gradio" in page.text.lower()


@pytest.mark.slow
def test_login_in_a_browser_then_ask(live: Live) -> None:
    from playwright.sync_api import sync_playwright

    chromium = Path("/usr/bin/chromium")
    assert chromium.exists(), "Chromium missing: `make install` runs apt-get install chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(chromium),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page(locale="vi-VN")
            page.goto(live.base + "/")
            assert page.locator("#login").count() == 1 and page.locator("#chat").count() == 0
            page.fill("#username", "an")
            page.fill("#password", "sai rồi")
            page.click("button[type=submit]")
            assert "Sai tên đăng nhập" in page.inner_text("#login-error")
            page.fill("#username", "an")
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_selector("#question textarea", timeout=90_000)
            page.fill("#question textarea", QUESTION)
            page.click("#send")
            page.wait_for_function(
                "() => document.querySelector('#chat').innerText.includes('17/12/2020')",
                timeout=90_000,
            )
        finally:
            browser.close()
