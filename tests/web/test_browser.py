"""The chat UI and the portal widget in a real browser (Debian's Chromium, Playwright).

The real app runs under uvicorn on a free port; a portal page is served from another origin.
Screenshots go to tmp, or to $POLICYBOT_SCREENSHOTS (docs/ for the README).
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright
from tests.conftest import make_settings
from tests.servers import free_port, wait_page

from policybot.config import ApiSettings
from policybot.pipeline import Pipeline
from policybot.web.feedback import FeedbackStore
from policybot.web.server import build_app

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
KEY = "portal-key-123"
ISSUED = "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"
GRDP_2025 = "Đến năm 2025 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?"
TIMEOUT = 90_000


@dataclass
class Live:
    app: str
    portal_port: int
    data_dir: Path
    shots: Path


@pytest.fixture(scope="module")
def live(
    seed_pipeline: Pipeline, seed_index: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Live]:
    root = tmp_path_factory.mktemp("browser")
    app_port, portal_port = free_port(), free_port()
    app_url = f"http://127.0.0.1:{app_port}"
    settings = make_settings(seed_index).model_copy(
        update={
            "data_dir": root / "data",
            "api": ApiSettings(
                api_keys=[KEY],
                cors_origins=[f"http://127.0.0.1:{portal_port}"],
                rate_limit_per_minute=0,
            ),
        }
    )
    server = uvicorn.Server(
        uvicorn.Config(
            build_app(seed_pipeline, settings), host="127.0.0.1", port=app_port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()

    portal = root / "portal"
    portal.mkdir()
    for name, key in (("portal.html", KEY), ("nokey.html", "")):
        (portal / name).write_text(_portal_page(app_url, key), encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(portal))
    httpd = ThreadingHTTPServer(("127.0.0.1", portal_port), handler)
    portal_thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    portal_thread.start()

    deadline = time.monotonic() + 120
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        assert thread.is_alive(), "uvicorn stopped"
        time.sleep(0.1)
    wait_page(app_url, thread.is_alive)
    shots = Path(os.environ.get("POLICYBOT_SCREENSHOTS") or root / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    try:
        yield Live(app_url, portal_port, root / "data", shots)
    finally:
        server.should_exit = True
        httpd.shutdown()
        thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Chromium missing: `make install` runs apt-get install chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    pg = context.new_page()
    outside: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if not _local(r.url) else None)
    yield pg
    context.close()
    assert outside == [], f"the page called out to: {outside}"


def ask_ui(page: Page, question: str, answers_before: int) -> None:
    """Ask in the chat and wait for the answer (each answer gets its own 👍 button)."""
    page.fill("#question textarea", question)
    page.click("#send")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat button[aria-label=\"Like\"]').length > n",
        arg=answers_before,
        timeout=TIMEOUT,
    )


def test_ui_answer_sources_follow_up_vote_and_document(page: Page, live: Live) -> None:
    page.goto(live.app + "/")
    page.wait_for_selector("#question textarea", timeout=TIMEOUT)
    assert "Câu hỏi mẫu" in page.inner_text("body")

    ask_ui(page, ISSUED, 0)
    chat = page.inner_text("#chat")
    assert "17/12/2020" in chat and "[1]" in chat
    source = page.locator("#sources .pb-source").first
    source.wait_for(timeout=TIMEOUT)
    card = source.inner_text()
    assert "[1]" in card
    assert "Kế hoạch số 5807/KH-UBND ngày 17/12/2020 của UBND tỉnh Quảng Trị" in card
    assert "17/12/2020" in source.locator("mark").inner_text()

    # Follow-up in context, then a vote on that answer.
    ask_ui(page, GRDP_2025, 1)
    ask_ui(page, "Còn đến năm 2030 thì sao?", 2)
    chat = page.inner_text("#chat")
    assert "30%" in chat and "Hiểu câu hỏi là" in chat
    page.locator("#chat button[aria-label='Like']").last.click()
    page.wait_for_function(
        "() => document.querySelector('#vote-status').innerText.includes('Đã ghi nhận')",
        timeout=TIMEOUT,
    )
    votes = FeedbackStore(live.data_dir / "feedback.sqlite3").votes()
    assert votes and votes[-1].vote == 1 and "2030" in votes[-1].question
    page.screenshot(path=str(live.shots / "ui.png"), full_page=True)

    # The source opens the whole document at the cited passage.
    with page.context.expect_page() as opened:
        page.locator("#sources a.pb-open").first.click()
    doc = opened.value
    doc.wait_for_load_state()
    assert "#c-" in doc.url
    hit = doc.locator("section.hit")
    assert hit.count() == 1 and "30%" in hit.locator("mark").inner_text()
    assert "Kế hoạch số 5807/KH-UBND" in doc.inner_text("body")


def test_ui_filter_and_documents_tab(page: Page, live: Live) -> None:
    page.goto(live.app + "/")
    page.wait_for_selector("#question textarea", timeout=TIMEOUT)
    page.locator("input[aria-label='Tỉnh/thành phố']").click()
    page.get_by_role("option", name="Đồng Tháp").click()
    ask_ui(page, "Mục tiêu chuyển đổi số là gì?", 0)
    page.locator("#sources .pb-source").first.wait_for(timeout=TIMEOUT)
    titles = page.locator("#sources .pb-title").all_inner_texts()
    assert titles and all("Đồng Tháp" in t for t in titles)

    page.get_by_role("tab", name="Văn bản", exact=True).click()
    docs = page.locator("#documents")
    docs.wait_for(timeout=TIMEOUT)
    assert "5 văn bản đã lập chỉ mục" in docs.inner_text()
    assert "Kế hoạch số 5807/KH-UBND ngày 17/12/2020" in docs.inner_text()


def test_instruments_tab_filter_graph_and_detail(page: Page, live: Live) -> None:
    page.goto(live.app + "/")
    page.get_by_role("tab", name="Văn bản chính sách").click()
    rows = page.locator("#instrument-table tr[data-key]")
    rows.first.wait_for(timeout=TIMEOUT)
    everything = rows.count()
    assert everything >= 10
    page.locator("#instrument-filter input").press_sequentially("52-NQ", delay=60)
    # Narrowed to the resolution, first, and the two instruments whose titles name it.
    page.wait_for_function(
        "() => { const r = document.querySelectorAll('#instrument-table tr[data-key]');"
        " return r.length === 3 && r[0].dataset.key === '52-NQ/TW'; }",
        timeout=TIMEOUT,
    )
    assert "Bộ Chính trị" in rows.first.inner_text()
    assert f"3 / {everything} văn bản" in page.inner_text("#instrument-table")

    page.locator("#lineage a.node[data-key='52-NQ/TW']").click()
    detail = page.locator("#instrument-detail .pb-detail[data-instrument='52-NQ/TW']")
    detail.wait_for(timeout=TIMEOUT)
    text = detail.inner_text()
    assert "Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị" in text
    carried = detail.locator(".pb-rel", has_text="Được thực hiện bởi").inner_text()
    assert "Kế hoạch số 190-KH/TU ngày 12/8/2020" in carried
    assert "Nghị quyết số 50/NQ-CP" in carried and "Huyện ủy Triệu Phong" in carried
    assert (
        "Kế hoạch số 5807/KH-UBND" in detail.locator(".pb-rel", has_text="Gián tiếp").inner_text()
    )
    assert "Các đoạn nhắc đến (2)" in text
    assert detail.locator(".pb-passage mark").all_inner_texts() == [
        "Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị",
        "Nghị quyết số 52-NQ/TW, ngày 27/9/2019 của Bộ Chính trị",
    ]
    assert "#instrument=52-NQ%2FTW" in page.url
    page.screenshot(path=str(live.shots / "instruments.png"), full_page=True)

    # A related instrument in the panel, then a row of the table, show theirs.
    detail.locator("a[data-key='190-KH/TU']").first.click()
    page.locator("#instrument-detail .pb-detail[data-instrument='190-KH/TU']").wait_for(
        timeout=TIMEOUT
    )
    page.locator("#instrument-filter input").fill("")
    page.locator("#instrument-filter input").press_sequentially("5807", delay=60)
    page.locator("#instrument-table tr[data-key='5807/KH-UBND']").click()
    five = page.locator("#instrument-detail .pb-detail[data-instrument='5807/KH-UBND']")
    five.wait_for(timeout=TIMEOUT)
    assert "Văn bản này thực hiện" in five.inner_text()


def test_widget_on_an_allowed_portal(page: Page, live: Live) -> None:
    page.set_viewport_size({"width": 1100, "height": 760})
    page.goto(f"http://127.0.0.1:{live.portal_port}/portal.html")
    widget_ask(page, GRDP_2025)
    page.wait_for_selector("#policybot-widget .srcs", timeout=TIMEOUT)
    widget_ask(page, "Còn đến năm 2030 thì sao?")
    page.wait_for_function(
        "() => document.querySelector('#policybot-widget').shadowRoot"
        ".querySelectorAll('.srcs').length >= 2",
        timeout=TIMEOUT,
    )
    text = page.inner_text("#policybot-widget .msgs")
    assert "20%" in text and "30%" in text and "[1]" in text
    assert "Kế hoạch số 5807/KH-UBND ngày 17/12/2020" in text
    page.screenshot(path=str(live.shots / "widget.png"))
    with page.context.expect_page() as opened:
        page.locator("#policybot-widget .src a").last.click()
    doc = opened.value
    doc.wait_for_load_state()
    assert "#c-" in doc.url and "30%" in doc.locator("section.hit mark").inner_text()


def test_widget_without_key_gets_no_answer(page: Page, live: Live) -> None:
    page.goto(f"http://127.0.0.1:{live.portal_port}/nokey.html")
    widget_ask(page, ISSUED)
    error = page.locator("#policybot-widget .error")
    error.wait_for(timeout=TIMEOUT)
    assert "khóa API" in error.inner_text()
    assert page.locator("#policybot-widget .srcs").count() == 0


def test_widget_from_a_disallowed_origin_gets_no_answer(page: Page, live: Live) -> None:
    # Same files, other origin: http://localhost:PORT is not in the allowed list.
    page.goto(f"http://localhost:{live.portal_port}/portal.html")
    widget_ask(page, ISSUED)
    error = page.locator("#policybot-widget .error")
    error.wait_for(timeout=TIMEOUT)
    assert "Không kết nối được" in error.inner_text()
    assert page.locator("#policybot-widget .srcs").count() == 0


def widget_ask(page: Page, question: str) -> None:
    box = page.locator("#policybot-widget input")
    box.wait_for(timeout=TIMEOUT)
    page.wait_for_function(
        "() => !document.querySelector('#policybot-widget').shadowRoot"
        ".querySelector('form button').disabled",
        timeout=TIMEOUT,
    )
    box.fill(question)
    page.locator("#policybot-widget form button").click()


def _portal_page(app_url: str, key: str) -> str:
    key_attr = f' data-key="{key}"' if key else ""
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        "<title>Cổng thông tin điện tử tỉnh</title><link rel='icon' href='data:,'></head>"
        '<body style="font-family:system-ui,sans-serif;margin:40px">'
        "<h1>Cổng thông tin điện tử tỉnh</h1><p>Trang thử nhúng trợ lý hỏi đáp chính sách.</p>"
        f'<script src="{app_url}/static/widget.js" data-api="{app_url}"{key_attr} '
        'data-open="true" defer></script></body></html>'
    )


def _local(url: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return urlparse(url).hostname in ("127.0.0.1", "localhost")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
