"""Abbreviations a text defines, and sentences with them spelled out."""

from __future__ import annotations

from policybot.text.acronyms import COMMON, defined, in_full, spell_out, with_common


def test_a_bracketed_abbreviation_after_its_words_is_defined() -> None:
    text = (
        "Thúc đẩy chuyển đổi số trong các doanh nghiệp (DN), nhất là doanh nghiệp nhỏ và vừa "
        "(DNNVV), hợp tác xã (HTX), hộ kinh doanh (HKD) trên địa bàn."
    )
    assert defined(text) == {
        "DN": "doanh nghiệp",
        "DNNVV": "doanh nghiệp nhỏ và vừa",
        "HTX": "hợp tác xã",
        "HKD": "hộ kinh doanh",
    }


def test_and_may_give_its_letter_or_not() -> None:
    assert defined("Sở Khoa học và Công nghệ (KH&CN) chủ trì") == {"KH&CN": "Khoa học và Công nghệ"}
    assert defined("các cơ quan hành chính nhà nước (CQHCNN)") == {
        "CQHCNN": "cơ quan hành chính nhà nước"
    }


def test_the_wording_sau_day_goi_tat_la_defines_too() -> None:
    text = "Hệ thống thông tin giải quyết thủ tục hành chính (sau đây gọi tắt là TTHC) của tỉnh"
    assert defined(text)["TTHC"] == "thủ tục hành chính"


def test_brackets_that_are_not_initials_define_nothing() -> None:
    text = (
        "Đề án đơn giản hóa thủ tục hành chính (Đề án 30) và Quyết định (sửa đổi), "
        "Ủy ban nhân dân (UBND) tỉnh (QĐ) theo mẫu (ABC), Ủy ban nhân dân tỉnh (UBNDX)."
    )
    found = defined(text)
    assert "ABC" not in found and "QĐ" not in found
    assert found == {"UBND": "Ủy ban nhân dân"}


def test_spell_out_writes_the_words_after_each_abbreviation_it_knows() -> None:
    table = {**COMMON, "HKD": "hộ kinh doanh"}
    out = spell_out("Có ≥ 85% HKD và UBND xã, nhưng không XYZ hay HKDX.", table)
    assert (
        out
        == "Có ≥ 85% HKD (hộ kinh doanh) và UBND (Ủy ban nhân dân) xã, nhưng không XYZ hay HKDX."
    )
    assert spell_out("không đổi", {}) == "không đổi"


def test_the_common_ones_are_spelled_out_in_any_case() -> None:
    out = with_common("cán bộ chuyên trách cntt của ubnd tỉnh")
    assert "cntt (công nghệ thông tin)" in out and "ubnd (Ủy ban nhân dân)" in out
    assert with_common("chuyên trách tin học") == "chuyên trách tin học"


def test_the_askers_common_abbreviations_are_replaced_by_their_words() -> None:
    assert in_full("báo cáo về Sở KH&CN và Bộ TT&TT") == (
        "báo cáo về Sở khoa học và công nghệ và Bộ thông tin và truyền thông"
    )
    assert in_full("chuyên trách tin học") == "chuyên trách tin học"


def test_the_abbreviations_officials_type_for_whom_a_plan_is_are_replaced() -> None:
    assert in_full("DN nhỏ, HTX làm CĐS") == "doanh nghiệp nhỏ, hợp tác xã làm chuyển đổi số"
    assert in_full("cập nhật CSDL về BHXH") == "cập nhật cơ sở dữ liệu về bảo hiểm xã hội"
