"""places.py: provinces and localities in real seed sentences and made-up ones."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policybot.text.places import (
    PROVINCES,
    canonical_province,
    find_localities,
    find_provinces,
    modern_tones,
    province_at,
    province_of_text,
)

# Real sentences from the seed news reports.
SEED_000 = (
    "Phát huy hiệu quả các cơ hội, nguồn lực từ cuộc Cách mạng lần thứ tư đem lại để thúc đẩy "
    "quá trình đổi mới mô hình tăng trưởng, cơ cấu lại nền kinh tế, xây dựng huyện Triệu Phong "
    "giàu đẹp, văn minh"
)
SEED_000_TYPO = (
    "Đó chính là mục tiêu của Ban Thường vụ Huyện ủy Triệu phong đề ra nhằm cụ thể hóa thực "
    "hiện Nghị quyết số 52-NQ/TW"
)
SEED_001 = (
    "Phấn đấu đến năm 2025 thành phố Đông Hà và thị xã Quảng Trị đáp ứng các tiêu chí cơ bản "
    "của đô thị thông minh"
)
SEED_001_UNITS = (
    "Các Sở, ban ngành và UBND các huyện, thị xã, thành phố căn cứ vào nhiệm vụ được phân công "
    "chủ trì theo dõi"
)
SEED_003 = (
    "Nắm bắt thời cơ, xu thế chuyển đổi số sẽ tạo nên đột phá trong phát triển kinh tế - xã hội "
    "tỉnh Bình Thuận, thay đổi tổng thể và toàn diện con người về cách sống"
)
SEED_004 = (
    "Đối tượng thi đua, về tập thể bao gồm: Thành viên các Khối, Cụm thi đua tỉnh, tổ chức hợp "
    "pháp trên địa bàn tỉnh Đồng Tháp; về cá nhân bao gồm: cán bộ, công chức"
)


# --- the list -----------------------------------------------------------------------------------
def test_province_list() -> None:
    assert len(PROVINCES) == 63 == len(set(PROVINCES))
    for name in (
        "Quảng Trị",
        "Bình Thuận",
        "Đồng Tháp",
        "Hà Nội",
        "Thành phố Hồ Chí Minh",
        "Thừa Thiên Huế",
        "Bà Rịa - Vũng Tàu",
        "Đắk Lắk",
        "Khánh Hòa",
        "Bắc Kạn",
    ):
        assert name in PROVINCES
    assert all(unicodedata.is_normalized("NFC", p) for p in PROVINCES)


def test_every_province_is_found_by_its_own_name() -> None:
    for name in PROVINCES:
        assert find_provinces(f"trên địa bàn {name}.") == [name]


# --- find_provinces -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SEED_003, ["Bình Thuận"]),
        (SEED_004, ["Đồng Tháp"]),
        (SEED_001, ["Quảng Trị"]),  # "thị xã Quảng Trị" counts for the province: accepted
        (SEED_000, []),
        (
            "Quảng Nam, Quảng Ngãi, Quảng Ninh, Quảng Bình và Quảng Trị",
            ["Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Bình", "Quảng Trị"],
        ),
        ("tỉnh Quảng Ngãi", ["Quảng Ngãi"]),
        ("tỉnh Quảng Ninh", ["Quảng Ninh"]),
        ("Hà Nam và Nam Định", ["Hà Nam", "Nam Định"]),
        ("Bình Dương, Bình Phước, Bình Định", ["Bình Dương", "Bình Phước", "Bình Định"]),
        ("miền Nam, tỉnh Bình, Quảng và Nam Bộ", []),
        ("quảng trị", ["Quảng Trị"]),
        ("QUẢNG TRỊ", ["Quảng Trị"]),
        ("tỉnh quảng trị và tỉnh Quảng Trị", ["Quảng Trị"]),
        ("Quảng Trịnh", []),
        ("Long Anh và Hà Namh", []),
        ("TP.HCM", ["Thành phố Hồ Chí Minh"]),
        ("TP. Hồ Chí Minh", ["Thành phố Hồ Chí Minh"]),
        ("Tp. Hồ Chí Minh", ["Thành phố Hồ Chí Minh"]),
        ("thành phố Hồ Chí Minh", ["Thành phố Hồ Chí Minh"]),
        ("Sài Gòn", ["Thành phố Hồ Chí Minh"]),
        ("tư tưởng Hồ Chí Minh", []),
        ("Huế", ["Thừa Thiên Huế"]),
        ("Thừa Thiên Huế và Huế", ["Thừa Thiên Huế"]),
        ("Thừa Thiên - Huế", ["Thừa Thiên Huế"]),
        ("Bà Rịa-Vũng Tàu", ["Bà Rịa - Vũng Tàu"]),
        ("Bà Rịa – Vũng Tàu", ["Bà Rịa - Vũng Tàu"]),
        ("Đăk Lăk", ["Đắk Lắk"]),
        ("Khánh Hoà và Thanh Hoá", ["Khánh Hòa", "Thanh Hóa"]),
        ("Hoà Bình", ["Hòa Bình"]),
        ("HÒA BÌNH", ["Hòa Bình"]),
        ("giữ vững hòa bình, thái bình, cao bằng nhau", []),
        ("Hà Nội, Đà Nẵng, Hà Nội", ["Hà Nội", "Đà Nẵng"]),
        ("", []),
    ],
)
def test_find_provinces(text: str, expected: list[str]) -> None:
    assert find_provinces(text) == expected


def test_province_of_text() -> None:
    assert province_of_text(SEED_003 + " " + SEED_004 + " Bình Thuận") == "Bình Thuận"
    assert province_of_text("Đồng Tháp và Bình Thuận") == "Đồng Tháp"  # tie: first seen
    assert province_of_text("Đồng Tháp, Bình Thuận, Bình Thuận") == "Bình Thuận"
    assert province_of_text(SEED_000) is None
    assert province_of_text("") is None


def test_canonical_province_and_province_at() -> None:
    assert canonical_province("quảng trị") == "Quảng Trị"
    assert canonical_province("TP.HCM") == "Thành phố Hồ Chí Minh"
    assert canonical_province("Khánh Hoà") == "Khánh Hòa"
    assert canonical_province("Bình") is None
    text = "UBND tỉnh Quảng Trị đã ban hành"
    assert province_at(text, 10) == ("Quảng Trị", 19)
    assert province_at(text, 0) is None
    assert province_at(text, 999) is None
    assert province_at(text, -1) is None


def test_modern_tones() -> None:
    assert modern_tones("Uỷ ban, hoá, khoẻ, Thuỷ, HOÁ") == "Ủy ban, hóa, khỏe, Thủy, HÓA"
    assert modern_tones("quý, quỷ, hoàn, thuyết, khuya") == "quý, quỷ, hoàn, thuyết, khuya"


# --- find_localities ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SEED_000, ["huyện Triệu Phong"]),
        (SEED_001, ["thành phố Đông Hà", "thị xã Quảng Trị"]),
        (SEED_001_UNITS, []),
        (SEED_003, []),
        (SEED_000_TYPO, ["huyện Triệu Phong"]),
        ("Huyện Triệu Phong và Thị xã Quảng Trị", ["huyện Triệu Phong", "thị xã Quảng Trị"]),
        (
            "UBND huyện Gio Linh, xã Vĩnh Tú và thị trấn Ái Tử",
            ["huyện Gio Linh", "xã Vĩnh Tú", "thị trấn Ái Tử"],
        ),
        ("quận 1, Phường 5 và xã 3", ["quận 1", "phường 5"]),
        ("TP. Đông Hà", ["thành phố Đông Hà"]),
        ("Thành ủy Đông Hà", ["thành phố Đông Hà"]),
        ("thành phố Vinh tổ chức", ["thành phố Vinh"]),
        ("huyện triệu phong", []),
        ("thành phố Hồ Chí Minh, TP.HCM, thành phố Hà Nội", []),
        ("các tỉnh, thành phố trực thuộc Trung ương", []),
        ("tỉnh Quảng Trị", []),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", []),
        ("các tổ chức chính trị - xã hội. Xây dựng", []),
        ("xã A B C D E", ["xã A B C D"]),
        ("huyện Triệu Phong và huyện Triệu Phong", ["huyện Triệu Phong"]),
    ],
)
def test_find_localities(text: str, expected: list[str]) -> None:
    assert find_localities(text) == expected


def test_miscapitalised_name_is_recovered_from_the_same_text() -> None:
    text = "huyện Vĩnh Linh đạt. Huyện ủy Vĩnh linh đã đề ra"
    assert find_localities(text) == ["huyện Vĩnh Linh"]


# --- robustness ---------------------------------------------------------------------------------
@given(st.text())
@settings(max_examples=300, deadline=None)
def test_places_never_crash(text: str) -> None:
    assert set(find_provinces(text)) <= set(PROVINCES)
    assert province_of_text(text) in (None, *PROVINCES)
    for loc in find_localities(text):
        assert loc.split()[0] in ("huyện", "thị", "thành", "quận", "xã", "phường")
        assert loc == " ".join(loc.split())
    assert len(modern_tones(text)) == len(text)
    canonical_province(text)
    province_at(text, len(text) // 2)


@given(
    st.lists(
        st.sampled_from(
            [
                "huyện",
                "Huyện ủy",
                "thị xã",
                "xã",
                "TP.",
                "thành phố",
                " ",
                ", ",
                "Quảng",
                "Trị",
                "Hà",
                "Nội",
                "HCM",
                "Triệu",
                "phong",
                "Hoà",
                "Bình",
                "1",
                "\n",
                "Uỷ",
                "Đông",
                "Hà",
            ]
        ),
        max_size=30,
    ).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_places_never_crash_on_place_like_text(text: str) -> None:
    kinds = ("thị xã ", "thị trấn ", "thành phố ", "huyện ", "quận ", "xã ", "phường ")
    for loc in find_localities(text):
        kind = next(k for k in kinds if loc.startswith(k))
        assert loc[len(kind) :].strip() == loc[len(kind) :]
        assert loc[len(kind) :][:1].isupper() or loc[len(kind) :].isdigit()
    assert set(find_provinces(text)) <= set(PROVINCES)
