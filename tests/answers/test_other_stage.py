"""A sentence of another stage than the one asked is no answer (answers/other_stage.py)."""

from __future__ import annotations

import pytest

from policybot.answers.other_stage import of_another_stage, stages

TITLE = "Về việc đẩy mạnh triển khai thực hiện giai đoạn 2 Đề án 30"


def test_stages_are_read_in_figures_roman_numerals_and_words() -> None:
    said = "giai đoạn 2, giai đoạn thứ III, đợt hai, giai đoạn 2021 - 2025, giai đoạn năm 2025"
    assert stages(said) == {"giai đoạn": frozenset({2, 3}), "đợt": frozenset({2})}
    assert stages("Thi đua giai đoạn 2021-2025") == {}
    assert stages("Kế hoạch giai đoạn 5 năm 2021 - 2025") == {}  # a length, not stage five


@pytest.mark.parametrize(
    ("question", "other"),
    [
        ("Giai đoạn 3 của Đề án 30 phải xong trước ngày nào?", True),
        ("Giai đoạn III của Đề án 30 phải xong trước ngày nào?", True),
        ("Giai đoạn 2 của Đề án 30 phải xong trước ngày nào?", False),
        ("Giai đoạn hai của Đề án 30 phải xong trước ngày nào?", False),
        ("Đợt 3 phải xong trước ngày nào?", False),  # the text names no "đợt"
        ("Đề án 30 phải xong trước ngày nào?", False),  # no stage asked
    ],
)
def test_a_sentence_of_another_stage_is_of_another_case(question: str, other: bool) -> None:
    assert of_another_stage(question, f"{TITLE}\nCác đơn vị gửi báo cáo trước ngày 25.") is other


def test_a_sentence_naming_the_stage_asked_stays_whatever_its_title() -> None:
    said = f"{TITLE}\nGiai đoạn 3 sẽ được triển khai sau khi có kết quả rà soát."
    assert not of_another_stage("Giai đoạn 3 triển khai khi nào?", said)
