"""A question of one level of government is not answered by what a passage sets for another."""

from __future__ import annotations

from policybot.answers.stated import of_another_level
from policybot.questions.question import analyze

PROVINCE = (
    "Điều 9. Tiêu chí tuyển chọn Kiến trúc sư trưởng cấp tỉnh\n"
    "1. Có ít nhất 07 năm kinh nghiệm làm việc liên tục trong lĩnh vực chuyển đổi số."
)


def test_the_levels_asked_are_read_once() -> None:
    spec = analyze("Kiến trúc sư trưởng cấp huyện và cấp Bộ cần mấy năm kinh nghiệm?")
    assert spec.levels == ("huyện", "bộ")
    assert analyze("Kiến trúc sư trưởng cần mấy năm kinh nghiệm?").levels == ()


def test_a_passage_of_another_level_does_not_answer() -> None:
    asked = analyze("Kiến trúc sư trưởng cấp huyện cần mấy năm kinh nghiệm?")
    assert of_another_level(asked, PROVINCE)
    same = analyze("Kiến trúc sư trưởng cấp tỉnh cần mấy năm kinh nghiệm?")
    assert not of_another_level(same, PROVINCE)


def test_a_passage_naming_no_level_or_several_may_answer() -> None:
    asked = analyze("Kiến trúc sư trưởng cấp huyện cần mấy năm kinh nghiệm?")
    assert not of_another_level(asked, "Có ít nhất 05 năm kinh nghiệm làm việc liên tục.")
    both = "UBND cấp tỉnh và cấp huyện bố trí cán bộ có ít nhất 03 năm kinh nghiệm."
    assert not of_another_level(asked, both)
    # a question naming no level is never held to one
    assert not of_another_level(analyze("Cần mấy năm kinh nghiệm?"), PROVINCE)


def test_supplying_something_names_no_level() -> None:
    supplies = "Sở Khoa học và Công nghệ cung cấp cơ sở dữ liệu và cung cấp bộ công cụ đánh giá."
    assert not of_another_level(analyze("Cấp huyện báo cáo mấy lần?"), supplies)
    assert analyze("Cung cấp cơ sở dữ liệu cho cấp xã thế nào?").levels == ("xã",)
