"""A bound written the way officials say it and the way texts set it is the same words."""

from __future__ import annotations

import pytest

from policybot.text.bounds import same_bounds


@pytest.mark.parametrize(
    ("asked", "set_in_text"),
    [
        ("được chọn tối đa mấy người", "không quá 03 người"),
        ("tối đa bao nhiêu", "không vượt quá 5 triệu đồng"),
        ("ít nhất bao nhiêu phần trăm", "đạt chỉ tiêu tối thiểu 30%"),
        ("hạn chót là ngày nào", "chậm nhất ngày 15/11"),
        ("ít nhất mấy phần trăm doanh nghiệp", "Có ≥60% DNNVV ứng dụng công nghệ số"),
        ("nhiều nhất mấy người", "≤ 5 người"),
    ],
)
def test_a_bound_is_one_way_of_writing(asked: str, set_in_text: str) -> None:
    bounds = {"tối đa", "tối thiểu", "chậm nhất"}
    said = {b for b in bounds if b in same_bounds(asked)}
    assert said and said == {b for b in bounds if b in same_bounds(set_in_text)}


def test_other_words_are_kept() -> None:
    text = "Không quá 03 người; số người nhiều hơn dưới mức quy định."
    assert same_bounds(text) == "tối đa 03 người; số người nhiều hơn dưới mức quy định."
