"""A sanction asked ("bị xử lý thế nào") is answered only by a sentence that states one."""

from __future__ import annotations

import pytest

from policybot.answers.stated import SANCTION_STATED
from policybot.questions.question import analyze


@pytest.mark.parametrize(
    "question",
    [
        "Đơn vị góp ý trễ hạn trên hệ thống thì bị xử lý thế nào?",
        "Cán bộ để lộ mật khẩu hộp thư công vụ bị kỷ luật ra sao?",
        "Vi phạm quy chế này thì chế tài gì?",
        "Người đi xe máy không đội mũ bảo hiểm thì bị phạt bao nhiêu tiền?",
    ],
)
def test_a_sanction_is_asked(question: str) -> None:
    assert analyze(question).wants_sanction


def test_processing_is_no_sanction() -> None:
    assert not analyze("Hồ sơ được xử lý trong bao nhiêu ngày?").wants_sanction
    assert not SANCTION_STATED.search(
        "Đơn vị chủ trì phối hợp thu thập, xử lý, tổng hợp thông tin có liên quan."
    )
    assert not SANCTION_STATED.search("“Góp ý kiến điện tử” là việc gửi lại thông tin phản hồi.")


def test_a_sanction_is_stated() -> None:
    for sentence in (
        "Tổ chức, cá nhân vi phạm thì tùy theo tính chất, mức độ bị xử lý kỷ luật.",
        "Phạt tiền từ 400.000 đồng đến 600.000 đồng.",
        "Trường hợp vi phạm sẽ bị xử lý theo quy định của pháp luật.",
    ):
        assert SANCTION_STATED.search(sentence), sentence
