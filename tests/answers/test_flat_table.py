"""A plan's appendix whose table reached us one cell a line: who leads a task, and by
when, is answered from the task's row (reading/flat_tables.py)."""

from __future__ import annotations

import pytest
from tests.conftest import embedded_pipeline

from policybot.pipeline import Pipeline


@pytest.fixture(scope="module")
def appendix(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return embedded_pipeline(tmp_path_factory.mktemp("flat-table"), "flat-table")


def test_the_lead_body_of_a_task_is_its_rows(appendix: Pipeline) -> None:
    answer = appendix.ask(
        "Ở Đồng Tháp, việc biểu dương, khen thưởng doanh nghiệp có thành tích chuyển đổi số "
        "do cơ quan nào chủ trì?"
    )
    assert not answer.refused, answer.answer
    assert "Sở Nội vụ" in answer.answer
    assert "Cơ quan chủ trì: Sở Nội vụ" in answer.answer  # the row, its columns named


def test_the_deadline_of_a_task_is_its_rows(appendix: Pipeline) -> None:
    answer = appendix.ask(
        "Đồng Tháp giao hoàn thành Bộ tiêu chí đánh giá mức độ chuyển đổi số doanh nghiệp khi nào?"
    )
    assert not answer.refused, answer.answer
    assert "Quí IV-2025" in answer.answer


def test_a_row_answering_both_asks_answers_the_question_whole(appendix: Pipeline) -> None:
    answer = appendix.ask(
        "Ở Đồng Tháp, cơ quan nào chủ trì xây dựng Bộ tiêu chí đánh giá mức độ chuyển đổi số"
        " doanh nghiệp, và hạn chót là khi nào?"
    )
    assert not answer.refused, answer.answer
    assert "Sở KH&CN" in answer.answer and "Quí IV-2025" in answer.answer
    assert "Không tìm thấy" not in answer.answer  # the row's deadline answers the second ask
