"""The chat UI's callbacks on the real seed index, and escaping of hostile document text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.conftest import make_settings

from policybot.config import Settings
from policybot.pipeline import Pipeline, build_pipeline
from policybot.web.api import create_app
from policybot.web.feedback import FeedbackStore
from policybot.web.ui import ALL, ChatService

GRDP_2025 = "Đến năm 2025 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?"


@pytest.fixture()
def service(seed_pipeline: Pipeline, seed_index: Path, tmp_path: Path) -> ChatService:
    settings = make_settings(seed_index).model_copy(update={"data_dir": tmp_path / "data"})
    return ChatService(seed_pipeline, settings)


def test_turns_show_markers_sources_and_follow_ups(service: ChatService) -> None:
    box, messages, turns, sources = service.respond(GRDP_2025, [], [], ALL, ALL, ALL)
    assert box == "" and len(messages) == 2 and messages[1]["role"] == "assistant"
    assert "20%" in messages[1]["content"] and "\\[1\\]" in messages[1]["content"]
    assert "Nguồn trích dẫn (1)" in sources and "<mark>" in sources
    assert re.search(
        r"href='/documents/[^']+\?chunk=[0-9a-f]+&amp;mark=[^']+#c-[0-9a-f]+'", sources
    )

    _, messages, turns, sources = service.respond(
        "Còn đến năm 2030 thì sao?", messages, turns, ALL, ALL, ALL
    )
    assert len(messages) == 4 and "30%" in messages[3]["content"]
    assert "Hiểu câu hỏi là: Đến năm 2030 kinh tế số" in messages[3]["content"]
    # Clicking the first answer brings its sources back.
    assert "20%" in service.select(turns, 1) and "30%" in service.select(turns, 3)


def test_filters_narrow_retrieval(service: ChatService) -> None:
    question = "Mục tiêu chuyển đổi số là gì?"

    def cited(province: str, year: str = ALL) -> set[str]:
        _, _, turns, _ = service.respond(question, [], [], province, ALL, year)
        return {c["document"]["id"] for c in turns[0]["payload"]["citations"]}

    everywhere = cited(ALL)
    assert "dong-thap-thi-dua-chuyen-doi-so-2021-2025.txt" not in everywhere
    assert cited("Đồng Tháp") == {"dong-thap-thi-dua-chuyen-doi-so-2021-2025.txt"}
    assert cited("Bình Thuận") == {"binh-thuan-nghi-quyet-10-chuyen-doi-so.txt"}
    assert cited(ALL, "1999") == set()


def test_refusal_is_shown_as_refusal(service: ChatService) -> None:
    question = "Đến năm 2030 kinh tế số của tỉnh Cà Mau chiếm bao nhiêu phần trăm GRDP?"
    _, messages, _, sources = service.respond(question, [], [], ALL, ALL, ALL)
    assert "Không có câu trả lời trong các văn bản" in messages[1]["content"]
    assert "pb-refused" in sources and "pb-source" not in sources


def test_not_sure_shows_related_passages_marked_as_no_answer(service: ChatService) -> None:
    """Bình Thuận states no 2030 share: refused, with its closest passages shown."""
    question = "Đến năm 2030 kinh tế số của tỉnh Bình Thuận chiếm bao nhiêu phần trăm GRDP?"
    _, messages, turns, sources = service.respond(question, [], [], ALL, ALL, ALL)
    payload = turns[0]["payload"]
    assert payload["refused"] and payload["related"] and payload["citations"] == []
    assert "Chưa chắc chắn" in messages[1]["content"]
    assert "pb-refused" in sources and "không phải câu trả lời" in sources
    assert sources.count("class='pb-source'") == len(payload["related"])
    assert "<mark>" in sources  # each related passage highlights its closest sentence


def test_votes_are_stored(service: ChatService) -> None:
    _, _, turns, _ = service.respond(GRDP_2025, [], [], ALL, ALL, ALL)
    assert "hữu ích" in service.vote(turns, 1, True)
    assert "chưa đúng" in service.vote(turns, 1, "Dislike")
    assert "bỏ chọn" in service.vote(turns, 1, None)
    votes = FeedbackStore(service.settings.data_dir / "feedback.sqlite3").votes()
    assert [v.vote for v in votes] == [1, -1]
    assert votes[0].question == GRDP_2025 and votes[0].citations[0]["document"]["id"]


def test_examples_and_documents_tab(service: ChatService) -> None:
    examples = service.examples()
    assert "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?" in examples
    html = service.documents_html()
    assert "5 văn bản đã lập chỉ mục" in html
    assert "Kế hoạch số 5807/KH-UBND ngày 17/12/2020 của UBND tỉnh Quảng Trị" in html


HOSTILE = (
    "Kế hoạch <script>alert('x')</script> chuyển đổi số\n\n"
    "Ngày 5/3/2021, UBND tỉnh Quảng Trị ban hành Kế hoạch số 77/KH-UBND "
    '<img src=x onerror=alert(1)> về chuyển đổi số & "dữ liệu mở".\n'
)


def test_document_text_is_escaped_everywhere(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    settings: Settings = make_settings(tmp_path / "index", backend="hash").model_copy(
        update={"data_dir": tmp_path / "data", "documents_dir": docs}
    )
    pipeline = build_pipeline(settings)
    pipeline.ingest([docs], progress=False)
    service = ChatService(pipeline, settings)
    _, messages, turns, sources = service.respond(
        "Kế hoạch số 77/KH-UBND được ban hành ngày nào?", [], [], ALL, ALL, ALL
    )
    assert turns[0]["payload"]["citations"], turns[0]["payload"]
    for html in (sources, service.documents_html()):
        assert "<script" not in html and "<img" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html or "&lt;script&gt;" in html
    assert "<img" not in messages[1]["content"] or "\\<img" in messages[1]["content"]
    with TestClient(create_app(pipeline, settings)) as c:
        link = re.search(r"href='([^']+)'", sources)
        assert link
        page = c.get(link.group(1).replace("&amp;", "&")).text
        assert "<script" not in page and "<img" not in page
        assert (
            "&lt;img src=x onerror=alert(1)&gt;" in page and "&amp; &quot;dữ liệu mở&quot;" in page
        )
