"""The duties an article sets for one body (a real excerpt: Quy chế kèm Quyết định
2610/QĐ-UBND, Cần Thơ, Chương V): asked who does one, the answer names the body its
article is about; asked what a body does, the answer is its article, every clause; asked
what a body the text never tasks does, nothing answers."""

from __future__ import annotations

import pytest
from tests.conftest import hashed_index, make_settings

from policybot.pipeline import Pipeline, build_pipeline


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    root = tmp_path_factory.mktemp("duties")
    return build_pipeline(make_settings(hashed_index(root, "duties"), backend="hash"))


def test_who_does_a_duty_is_the_body_of_its_article(pipeline: Pipeline) -> None:
    a = pipeline.ask("Ai giám sát an toàn thông tin mạng cho Hệ thống lấy ý kiến điện tử?")
    assert not a.refused, a.answer
    assert "Công an thành phố" in a.answer


def test_what_a_body_does_is_its_whole_article(pipeline: Pipeline) -> None:
    a = pipeline.ask("Trách nhiệm của Công an thành phố là gì?")
    assert not a.refused, a.answer
    assert "Giám sát công tác bảo đảm an toàn thông tin mạng" in a.answer
    assert "Thẩm định và đề xuất chủ quản Hệ thống" in a.answer
    assert "Thủ trưởng các cơ quan" not in a.answer  # the next article is another body's


def test_a_body_the_text_never_tasks_is_not_answered(pipeline: Pipeline) -> None:
    a = pipeline.ask("Theo quy chế lấy ý kiến điện tử, Sở Tài chính chịu trách nhiệm những gì?")
    assert a.refused, a.answer


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    """Kế hoạch 552/KH-UBND (Đồng Tháp), its "Tổ chức thực hiện": a body's line, then its
    tasks as bullets that name no subject."""
    root = tmp_path_factory.mktemp("tasks")
    return build_pipeline(make_settings(hashed_index(root, "tasks"), backend="hash"))


def test_who_does_a_bulleted_task_is_the_body_heading_it(plan: Pipeline) -> None:
    a = plan.ask(
        "Cơ quan nào là cơ quan thường trực, chủ trì tham mưu triển khai, theo dõi, đôn đốc"
        " và tổng hợp tình hình thực hiện Kế hoạch lộ trình đổi mới công nghệ?"
    )
    assert not a.refused, a.answer
    # the heading's body, without its list number, and the task without its bullet; the
    # Ủy ban it advises is not the actor
    assert a.answer.startswith("Sở Khoa học và Công nghệ: Là cơ quan thường trực"), a.answer
