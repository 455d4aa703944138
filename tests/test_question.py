"""Pure question analysis: the kind of fact asked for and what the question pins down."""

from __future__ import annotations

import pytest

from policybot.question import analyze, normalize_question


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Kế hoạch 5807 được ban hành ngày nào?", "day"),
        ("Nghị quyết số 10 ra đời khi nào?", "when"),
        ("Kinh tế số chiếm bao nhiêu phần trăm GRDP?", "number"),
        ("Cơ quan nào chủ trì xây dựng kế hoạch?", "who"),
        ("Kế hoạch 5807 thực hiện nghị quyết nào của Chính phủ?", "instrument"),
        ("Đồng Tháp ưu tiên những lĩnh vực nào?", "list"),
        ("Tầm nhìn đến năm 2045 của Quảng Trị là gì?", "general"),
    ],
)
def test_kind(question: str, kind: str) -> None:
    assert analyze(question).kind == kind


def test_constraints_are_read() -> None:
    spec = analyze(
        "Đến năm 2030 huyện Triệu Phong và tỉnh Quảng Trị thực hiện Kế hoạch 5807 ra sao?"
    )
    assert spec.years == ("2030",)
    assert spec.localities == ("huyện Triệu Phong",)
    assert "Quảng Trị" in spec.provinces
    assert [(r.type, r.number) for r in spec.refs] == [("Kế hoạch", "5807")]


def test_years_inside_instrument_numbers_are_not_periods() -> None:
    assert analyze("Nghị định 45/2020/NĐ-CP quy định gì?").years == ()


@pytest.mark.parametrize(
    ("question", "unit", "percent"),
    [
        ("Bình Thuận có bao nhiêu doanh nghiệp công nghệ số?", "doanh", False),
        ("Kế hoạch đưa ra mấy nhóm nhiệm vụ?", "nhóm", False),
        ("Kinh tế số chiếm bao nhiêu phần trăm GRDP?", None, True),
        ("Tỷ lệ này là bao nhiêu?", None, True),
        ("Kinh tế số chiếm bao nhiêu?", None, False),
        ("Kinh tế số chiếm bao nhiêu GRDP?", None, True),
    ],
)
def test_what_a_number_question_counts(question: str, unit: str | None, percent: bool) -> None:
    spec = analyze(question)
    assert spec.wants_number and spec.unit == unit and spec.percent is percent


def test_issuance_questions() -> None:
    assert analyze("Quyết định 27-QĐ/TW của ai?").about_issuance
    assert analyze("Nghị quyết 52 do cơ quan nào ban hành?").about_issuance
    assert not analyze("Kế hoạch 5807 yêu cầu báo cáo khi nào?").about_issuance


def test_normalize_question() -> None:
    assert normalize_question("  Ke\u0302\u0301 hoa\u0323ch\x00 5807 \n ") == "Kế hoạch 5807"
