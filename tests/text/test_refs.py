"""refs.py: instrument references in real seed sentences and made-up ones, questions, dates."""

from __future__ import annotations

import datetime
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policybot.text.dates import find_dates, parse_date
from policybot.text.query_refs import find_query_refs
from policybot.text.refs import (
    Mention,
    RefQuery,
    find_instruments,
    find_mentions,
    ref_matches,
)
from policybot.text.symbols import INSTRUMENT_TYPES, canonical_number, instrument_key
from policybot.types import Instrument

# --- real sentences from the seed news reports --------------------------------------------------
SEED_000 = (
    "Đó chính là mục tiêu của Ban Thường vụ Huyện ủy Triệu phong đề ra nhằm cụ thể hóa thực "
    "hiện Nghị quyết số 52-NQ/TW, ngày 27/9/2019 của Bộ Chính trị về một số chủ trương, chính "
    "sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư."
)
SEED_001 = (
    "Ngày 17/12/2020, UBND tỉnh Quảng Trị đã ban hành Kế hoạch số 5807/KH-UBND về việc triển "
    "khai thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ và Kế hoạch số "
    "190-KH/TU ngày 12/8/2020 của BTV Tỉnh ủy về việc thực hiện Nghị quyết số 52-NQ/TW ngày "
    "27/9/2019 của Bộ Chính trị về một số chủ trương, chính sách chủ động tham gia cuộc Cách "
    "mạng công nghiệp lần thứ tư (CMCN 4.0)."
)
SEED_001_LATER = (
    "Để đạt được các mục tiêu đề ra, Kế hoạch số 5807/KH-UBND ngày 17/12/2020 của UBND tỉnh "
    "đã đưa ra 08 nhóm nhiệm vụ, giải pháp chủ yếu, bao gồm:"
)
SEED_001_ND = (
    "xây dựng Kế hoạch số hóa kết quả giải quyết thủ tục hành chính của các cơ quan hành chính "
    "nhà nước tỉnh Quảng Trị theo Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ; "
    "triển khai Trung tâm giám sát điều hành thông minh tỉnh;"
)
SEED_002 = (
    "Phấn đấu đến năm 2030, Quảng Trị cơ bản hoàn thành các mục tiêu tại Quyết định số "
    "749/QĐ-TTg của Thủ tướng Chính phủ; Chương trình ứng dụng công nghệ thông tin trong hoạt "
    "động của các cơ quan đảng giai đoạn 2021-2025 theo Quyết định số 27-QĐ/TW của Ban Bí thư "
    "Trung ương Đảng."
)
SEED_002_RESOLUTION = (
    "Đó là mục tiêu tổng quát được đề ra trong Nghị quyết về chuyển đổi số tỉnh Quảng Trị đến "
    "năm 2025, định hướng đến năm 2030 của Ban Chấp hành Đảng bộ tỉnh khóa XVII."
)
SEED_002_AGAIN = (
    "Mục tiêu đề ra trong Nghị quyết về chuyển đổi số tỉnh Quảng Trị đến năm 2025, định hướng "
    "đến năm 2030 là phát triển chính quyền số, nâng cao hiệu quả, hiệu lực hoạt động của các "
    "cơ quan nhà nước;"
)
SEED_003 = (
    "Ngày 18/3/2022, Ban Chấp hành Đảng bộ tỉnh Bình Thuận đã ban hành Nghị quyết số 10 về "
    "chuyển đổi số đến năm 2025, định hướng đến năm 2030 đặt mục tiêu chuyển đổi số đồng bộ, "
    "toàn diện, trọng tâm là phát triển chính quyền số, kinh tế số và xã hội số."
)
SEED_003_TU = (
    "Khẩn trương triển khai các nhiệm vụ trọng tâm được giao theo Kế hoạch của UBND tỉnh về "
    "thực hiện Nghị quyết số 10-NQ/TU của Ban Chấp hành Đảng bộ tỉnh và các kế hoạch, quyết "
    "định có liên quan chuyển đổi số."
)
SEED_003_AGAIN = (
    "đồng chí Bí thư Tỉnh ủy và Thường trực Tỉnh ủy khi quán triệt Nghị quyết số 10 đã xác "
    "định rằng: Chính quyền số, đô thị thông minh và kinh tế số, xã hội số là những nội dung "
    "mới và khó"
)


def one(text: str, province: str | None = None) -> Mention:
    mentions = find_mentions(text, province)
    assert len(mentions) == 1, mentions
    return mentions[0]


def span(text: str, m: Mention) -> str:
    return text[m.start : m.end]


def summary(insts: list[Instrument]) -> list[tuple[str | None, str | None, str | None]]:
    return [(i.number, i.date, i.issuer) for i in insts]


# --- canonical_number ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("52-nq/tw", "52-NQ/TW"),
        ("52-NQ/TW", "52-NQ/TW"),
        ("45/2020/ND-CP", "45/2020/NĐ-CP"),
        ("45/2020/nđ-cp", "45/2020/NĐ-CP"),
        ("749/QD-TTg", "749/QĐ-TTg"),
        ("749/qđ-ttg", "749/QĐ-TTg"),
        ("5807 / KH - UBND", "5807/KH-UBND"),
        ("  190-KH/TU ", "190-KH/TU"),
        ("08-qdi/tw", "08-QĐi/TW"),
        ("15–ctr/tu", "15-CTr/TU"),
        ("10/2022/NQ-HDND", "10/2022/NQ-HĐND"),
        ("06/2020/tt-btttt", "06/2020/TT-BTTTT"),
        ("10", "10"),
        ("", ""),
        # a footnote's mark glued to a heading's number, after a type's abbreviation
        ("43/2021/AL1", "43/2021/AL"),
        ("12/2020/QD1", "12/2020/QĐ"),
        ("100/2015/QH13", "100/2015/QH13"),  # a legislature's term is part of it
        ("125/KH-QĐ1", "125/KH-QĐ1"),  # not the only letters: part of the number
    ],
)
def test_canonical_number(raw: str, expected: str) -> None:
    assert canonical_number(raw) == expected


@given(st.text())
@settings(max_examples=400, deadline=None)
def test_canonical_number_is_idempotent(raw: str) -> None:
    once = canonical_number(raw)
    assert canonical_number(once) == once


# --- number forms -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "number", "covered"),
    [
        ("theo Nghị quyết số 52-NQ/TW.", "Nghị quyết", "52-NQ/TW", "Nghị quyết số 52-NQ/TW"),
        ("Nghị quyết số 50/NQ-CP", "Nghị quyết", "50/NQ-CP", "Nghị quyết số 50/NQ-CP"),
        ("Quyết định số 749/QĐ-TTg,", "Quyết định", "749/QĐ-TTg", "Quyết định số 749/QĐ-TTg"),
        ("Kế hoạch số 5807/KH-UBND", "Kế hoạch", "5807/KH-UBND", "Kế hoạch số 5807/KH-UBND"),
        ("Kế hoạch số 190-KH/TU", "Kế hoạch", "190-KH/TU", "Kế hoạch số 190-KH/TU"),
        ("Nghị định số 45/2020/NĐ-CP", "Nghị định", "45/2020/NĐ-CP", "Nghị định số 45/2020/NĐ-CP"),
        ("Quyết định số 27-QĐ/TW", "Quyết định", "27-QĐ/TW", "Quyết định số 27-QĐ/TW"),
        ("Nghị quyết số 10-NQ/TU", "Nghị quyết", "10-NQ/TU", "Nghị quyết số 10-NQ/TU"),
        (
            "Thông tư số 06/2020/TT-BTTTT",
            "Thông tư",
            "06/2020/TT-BTTTT",
            "Thông tư số 06/2020/TT-BTTTT",
        ),
        ("Quyết định 1234/QĐ-UBND", "Quyết định", "1234/QĐ-UBND", "Quyết định 1234/QĐ-UBND"),
        ("Nghị quyết số 10 về chuyển đổi số", "Nghị quyết", "10", "Nghị quyết số 10"),
        ("Theo Nghị quyết 52, tỉnh", "Nghị quyết", "52", "Nghị quyết 52"),
        ("NQ 52-NQ/TW", "Nghị quyết", "52-NQ/TW", "NQ 52-NQ/TW"),
        ("Nghị định 45/2020/ND-CP", "Nghị định", "45/2020/NĐ-CP", "Nghị định 45/2020/ND-CP"),
        ("theo 749/QD-TTg", "Quyết định", "749/QĐ-TTg", "749/QD-TTg"),
        # the type comes from the abbreviation when no type word is written
        ("bản 5807/KH-UBND", "Kế hoạch", "5807/KH-UBND", "5807/KH-UBND"),
        ("số 16/CT-TTg", "Chỉ thị", "16/CT-TTg", "số 16/CT-TTg"),
        ("số 08-QĐi/TW", "Quy định", "08-QĐi/TW", "số 08-QĐi/TW"),
        ("số 15-KL/TW", "Kết luận", "15-KL/TW", "số 15-KL/TW"),
        ("số 10-HD/BTGTW", "Hướng dẫn", "10-HD/BTGTW", "số 10-HD/BTGTW"),
        (
            "số 03/2021/TTLT-BNV-BTC",
            "Thông tư liên tịch",
            "03/2021/TTLT-BNV-BTC",
            "số 03/2021/TTLT-BNV-BTC",
        ),
        ("Công văn số 1234/UBND-KT", "Công văn", "1234/UBND-KT", "Công văn số 1234/UBND-KT"),
        ("số 1234/UBND-KT", "Công văn", "1234/UBND-KT", "số 1234/UBND-KT"),
        ("NGHỊ QUYẾT SỐ 52-NQ/TW", "Nghị quyết", "52-NQ/TW", "NGHỊ QUYẾT SỐ 52-NQ/TW"),
        ("các nghị quyết số 52-NQ/TW", "Nghị quyết", "52-NQ/TW", "nghị quyết số 52-NQ/TW"),
        ("Chương trình 135 của", "Chương trình", "135", "Chương trình 135"),
        (
            "Pháp lệnh số 02/2022/UBTVQH15",
            "Pháp lệnh",
            "02/2022/UBTVQH15",
            "Pháp lệnh số 02/2022/UBTVQH15",
        ),
    ],
)
def test_number_forms(text: str, kind: str, number: str, covered: str) -> None:
    m = one(text)
    assert (m.instrument.type, m.instrument.number) == (kind, number)
    assert span(text, m) == covered


def test_a_law_gets_its_type_and_name_across_the_name() -> None:
    text = "theo Luật An toàn thông tin mạng số 86/2015/QH13, các cơ quan"
    m = one(text)
    assert m.instrument == Instrument(
        "Luật", "86/2015/QH13", issuer="Quốc hội", name="An toàn thông tin mạng"
    )
    assert span(text, m) == "Luật An toàn thông tin mạng số 86/2015/QH13"


@pytest.mark.parametrize(
    "text",
    [
        "ngày 27/9/2019 và 27-9-2019 và 17.12.2020",
        "giai đoạn 2021-2025",
        "giai đoạn 2021 - 2025",
        "tham gia cuộc Cách mạng công nghiệp lần thứ tư (CMCN 4.0).",
        "Đến năm 2030, phủ sóng mạng di động 5G",
        "Internet băng thông rộng phủ 100% đến các xã.",
        "Kinh tế số chiếm khoảng 20% tổng sản phẩm trong tỉnh (GRDP).",
        "đã đề ra 07 nhóm nhiệm vụ, giải pháp thực hiện",
        "báo cáo UBND tỉnh kết quả thực hiện vào ngày 15/11 hàng năm",
        "Tổng lượt truy cập: 87030219",
        "gọi 0912 345 678 hoặc 0912/345/678",
        "một nửa (1/2) số hộ, năng suất 10 tấn/ha",
        "Kế hoạch 5 năm 2021-2025",
        "Kế hoạch 2025 của tỉnh",
        "kế hoạch 10 nhiệm vụ",
        "Báo cáo số 12/BC-UBND",
        "phòng, chống COVID-19",
        "Chiến lược phát triển kinh tế - xã hội 10 năm 2021-2030",
    ],
)
def test_not_instruments(text: str) -> None:
    assert find_mentions(text) == []


# --- lowercase generic words and unnumbered instruments -----------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "theo kế hoạch của tỉnh",
        "thực hiện các nghị quyết về chuyển đổi số của Đảng",
        "Nghị quyết chuyển đổi số của tỉnh với các trụ cột chính là địa phương số",
        "thắng lợi Nghị quyết của Tỉnh ủy về chuyển đổi số đến năm 2025",
        "xây dựng Kế hoạch chuyển đổi số tỉnh Quảng Trị",
        "UBND tỉnh vừa ban hành kế hoạch tổ chức phong trào thi đua",
        "Nghị quyết về đâu",  # a subject of one word says nothing
        "Kế hoạch về " + " ".join(["việc"] * 30) + ".",  # too long to be a name
    ],
)
def test_generic_words_are_not_mentions(text: str) -> None:
    assert find_mentions(text) == []


def test_unnumbered_resolution_from_seed_002() -> None:
    m = one(SEED_002_RESOLUTION)
    assert m.instrument == Instrument(
        "Nghị quyết",
        name="về chuyển đổi số tỉnh Quảng Trị đến năm 2025, định hướng đến năm 2030",
        issuer="Ban Chấp hành Đảng bộ tỉnh khóa XVII",
    )
    assert span(SEED_002_RESOLUTION, m) == (
        "Nghị quyết về chuyển đổi số tỉnh Quảng Trị đến năm 2025, định hướng đến năm 2030 "
        "của Ban Chấp hành Đảng bộ tỉnh khóa XVII"
    )


def test_unnumbered_resolution_takes_the_province_when_given() -> None:
    m = one(SEED_002_RESOLUTION, province="Quảng Trị")
    assert m.instrument.issuer == "Ban Chấp hành Đảng bộ tỉnh Quảng Trị khóa XVII"


def test_unnumbered_subject_ends_before_the_verb() -> None:
    m = one(SEED_002_AGAIN)
    assert m.instrument == Instrument(
        "Nghị quyết", name="về chuyển đổi số tỉnh Quảng Trị đến năm 2025, định hướng đến năm 2030"
    )


def test_unnumbered_mentions_of_one_instrument_merge() -> None:
    insts = find_instruments(SEED_002_AGAIN + " " + SEED_002_RESOLUTION, province="Quảng Trị")
    assert insts == [
        Instrument(
            "Nghị quyết",
            name="về chuyển đổi số tỉnh Quảng Trị đến năm 2025, định hướng đến năm 2030",
            issuer="Ban Chấp hành Đảng bộ tỉnh Quảng Trị khóa XVII",
        )
    ]


def test_unnumbered_plan_with_old_style_tones() -> None:
    m = one("Đề án về phát triển văn hoá số của Uỷ ban nhân dân tỉnh Quảng Trị.")
    assert m.instrument == Instrument(
        "Đề án", name="về phát triển văn hóa số", issuer="UBND tỉnh Quảng Trị"
    )


# --- seeds: dates, issuers, the list sentence ---------------------------------------------------
def test_seed_000_date_after_comma_and_issuer() -> None:
    m = one(SEED_000)
    assert m.instrument == Instrument("Nghị quyết", "52-NQ/TW", "2019-09-27", "Bộ Chính trị")
    assert span(SEED_000, m) == "Nghị quyết số 52-NQ/TW, ngày 27/9/2019 của Bộ Chính trị"


def test_seed_001_list_sentence_with_province() -> None:
    mentions = find_mentions(SEED_001, province="Quảng Trị")
    assert summary([m.instrument for m in mentions]) == [
        ("5807/KH-UBND", "2020-12-17", "UBND tỉnh Quảng Trị"),
        ("50/NQ-CP", "2020-04-17", "Chính phủ"),
        ("190-KH/TU", "2020-08-12", "Ban Thường vụ Tỉnh ủy Quảng Trị"),
        ("52-NQ/TW", "2019-09-27", "Bộ Chính trị"),
    ]
    assert [m.instrument.type for m in mentions] == [
        "Kế hoạch",
        "Nghị quyết",
        "Kế hoạch",
        "Nghị quyết",
    ]
    assert [span(SEED_001, m) for m in mentions] == [
        "Ngày 17/12/2020, UBND tỉnh Quảng Trị đã ban hành Kế hoạch số 5807/KH-UBND",
        "Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ",
        "Kế hoạch số 190-KH/TU ngày 12/8/2020 của BTV Tỉnh ủy",
        "Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị",
    ]


def test_seed_001_without_province_keeps_issuers_as_written() -> None:
    mentions = find_mentions(SEED_001)
    assert [m.instrument.issuer for m in mentions] == [
        "UBND tỉnh Quảng Trị",
        "Chính phủ",
        "Ban Thường vụ Tỉnh ủy",
        "Bộ Chính trị",
    ]


def test_date_of_the_next_instrument_is_not_taken() -> None:
    text = (
        "Kế hoạch số 12/KH-UBND về việc triển khai thực hiện Nghị quyết số 50/NQ-CP "
        "ngày 17/4/2020 của Chính phủ"
    )
    first, second = find_mentions(text)
    assert first.instrument == Instrument("Kế hoạch", "12/KH-UBND")
    assert second.instrument.date == "2020-04-17"


def test_seed_001_later_mention_fills_province() -> None:
    m = one(SEED_001_LATER, province="Quảng Trị")
    assert m.instrument == Instrument(
        "Kế hoạch", "5807/KH-UBND", "2020-12-17", "UBND tỉnh Quảng Trị"
    )
    assert span(SEED_001_LATER, m) == "Kế hoạch số 5807/KH-UBND ngày 17/12/2020 của UBND tỉnh"


def test_seed_001_decree() -> None:
    m = one(SEED_001_ND, province="Quảng Trị")
    assert m.instrument == Instrument("Nghị định", "45/2020/NĐ-CP", "2020-04-08", "Chính phủ")


def test_seed_002_issuers() -> None:
    assert [m.instrument for m in find_mentions(SEED_002, province="Quảng Trị")] == [
        Instrument("Quyết định", "749/QĐ-TTg", issuer="Thủ tướng Chính phủ"),
        Instrument("Quyết định", "27-QĐ/TW", issuer="Ban Bí thư Trung ương Đảng"),
    ]


def test_seed_003_before_pattern_with_bare_number() -> None:
    m = one(SEED_003, province="Bình Thuận")
    assert m.instrument == Instrument(
        "Nghị quyết", "10", "2022-03-18", "Ban Chấp hành Đảng bộ tỉnh Bình Thuận"
    )
    assert span(SEED_003, m) == (
        "Ngày 18/3/2022, Ban Chấp hành Đảng bộ tỉnh Bình Thuận đã ban hành Nghị quyết số 10"
    )


def test_seed_003_symbol_form_and_province() -> None:
    m = one(SEED_003_TU, province="Bình Thuận")
    assert m.instrument == Instrument(
        "Nghị quyết", "10-NQ/TU", issuer="Ban Chấp hành Đảng bộ tỉnh Bình Thuận"
    )
    assert one(SEED_003_TU).instrument.issuer == "Ban Chấp hành Đảng bộ tỉnh"


def test_seed_003_instruments_keep_bare_and_full_apart() -> None:
    text = " ".join((SEED_003, SEED_003_TU, SEED_003_AGAIN))
    insts = find_instruments(text, province="Bình Thuận")
    assert insts == [
        Instrument("Nghị quyết", "10", "2022-03-18", "Ban Chấp hành Đảng bộ tỉnh Bình Thuận"),
        Instrument("Nghị quyết", "10-NQ/TU", issuer="Ban Chấp hành Đảng bộ tỉnh Bình Thuận"),
    ]
    assert [instrument_key(i) for i in insts] == ["Nghị quyết 10", "10-NQ/TU"]
    assert ref_matches(RefQuery("Nghị quyết", "10", False), insts[1])


def test_find_instruments_merges_later_details_in_first_seen_order() -> None:
    text = (
        "UBND tỉnh triển khai Kế hoạch số 5807/KH-UBND về chuyển đổi số và Nghị quyết số "
        "52-NQ/TW. Kế hoạch số 5807/KH-UBND ngày 17/12/2020 của UBND tỉnh Quảng Trị nêu rõ; "
        "Nghị quyết số 52-nq/tw ngày 27/9/2019 của Bộ Chính trị."
    )
    assert find_instruments(text) == [
        Instrument("Kế hoạch", "5807/KH-UBND", "2020-12-17", "UBND tỉnh Quảng Trị"),
        Instrument("Nghị quyết", "52-NQ/TW", "2019-09-27", "Bộ Chính trị"),
    ]


def test_find_instruments_keeps_types_of_bare_numbers_apart() -> None:
    text = "Nghị quyết số 10 và Kế hoạch số 10 của tỉnh"
    assert [(i.type, i.number) for i in find_instruments(text)] == [
        ("Nghị quyết", "10"),
        ("Kế hoạch", "10"),
    ]


# --- dates and issuers attached -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "date", "issuer"),
    [
        ("Nghị quyết số 52-NQ/TW, ngày 27/9/2019 của Bộ Chính trị", "2019-09-27", "Bộ Chính trị"),
        ("Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ", "2020-04-17", "Chính phủ"),
        ("Nghị quyết số 52-NQ/TW của Bộ Chính trị ngày 27/9/2019", "2019-09-27", "Bộ Chính trị"),
        (
            "Chỉ thị 05-CT/TW ngày 15 tháng 5 năm 2016 của Bộ Chính trị về",
            "2016-05-15",
            "Bộ Chính trị",
        ),
        (
            "Thông tư số 06/2020/TT-BTTTT ngày 17.12.2020",
            "2020-12-17",
            "Bộ Thông tin và Truyền thông",
        ),
        ("Quyết định số 749/QĐ-TTg ngày 3-6-2020", "2020-06-03", "Thủ tướng Chính phủ"),
        ("Kế hoạch số 5807/KH-UBND được ban hành ngày 17/12/2020", "2020-12-17", None),
        ("Quyết định số 749/QĐ-TTg do Thủ tướng Chính phủ ban hành", None, "Thủ tướng Chính phủ"),
        # an impossible date is no date, and the issuer after it is still read
        ("Nghị quyết số 52-NQ/TW, ngày 32/13/2019 của Bộ Chính trị", None, "Bộ Chính trị"),
    ],
)
def test_date_and_issuer_after(text: str, date: str | None, issuer: str | None) -> None:
    inst = one(text).instrument
    assert (inst.date, inst.issuer) == (date, issuer)


@pytest.mark.parametrize(
    ("issuer", "province", "expected"),
    [
        ("Bộ Chính trị", None, "Bộ Chính trị"),
        ("Ban Bí thư", None, "Ban Bí thư"),
        ("Ban Bí thư Trung ương Đảng", None, "Ban Bí thư Trung ương Đảng"),
        ("Ban Chấp hành Trung ương", None, "Ban Chấp hành Trung ương"),
        ("Chính phủ", None, "Chính phủ"),
        ("Thủ tướng Chính phủ", None, "Thủ tướng Chính phủ"),
        ("Thủ tướng", None, "Thủ tướng Chính phủ"),
        ("Quốc hội", None, "Quốc hội"),
        ("Ủy ban Thường vụ Quốc hội", None, "Ủy ban Thường vụ Quốc hội"),
        ("Uỷ ban Thường vụ Quốc hội", None, "Ủy ban Thường vụ Quốc hội"),
        ("Bộ Thông tin và Truyền thông", None, "Bộ Thông tin và Truyền thông"),
        ("Bộ Văn hoá, Thể thao và Du lịch", None, "Bộ Văn hóa, Thể thao và Du lịch"),
        ("Bộ Giáo dục và Đào tạo", None, "Bộ Giáo dục và Đào tạo"),
        ("Sở Thông tin và Truyền thông", None, "Sở Thông tin và Truyền thông"),
        ("UBND tỉnh Quảng Trị", None, "UBND tỉnh Quảng Trị"),
        ("Ủy ban nhân dân tỉnh Quảng Trị", None, "UBND tỉnh Quảng Trị"),
        ("Uỷ ban nhân dân Tỉnh Quảng Trị", None, "UBND tỉnh Quảng Trị"),
        ("UBND tỉnh", "Quảng Trị", "UBND tỉnh Quảng Trị"),
        ("UBND tỉnh", None, "UBND tỉnh"),
        ("UBND tỉnh Bà Rịa - Vũng Tàu", "Quảng Trị", "UBND tỉnh Bà Rịa - Vũng Tàu"),
        ("UBND thành phố Hà Nội", None, "UBND thành phố Hà Nội"),
        ("UBND TP.HCM", None, "UBND Thành phố Hồ Chí Minh"),
        ("UBND thành phố Đông Hà", "Quảng Trị", "UBND thành phố Đông Hà"),
        ("UBND huyện Triệu Phong", "Quảng Trị", "UBND huyện Triệu Phong"),
        ("HĐND tỉnh Bình Thuận", None, "HĐND tỉnh Bình Thuận"),
        ("Hội đồng nhân dân tỉnh", "Bình Thuận", "HĐND tỉnh Bình Thuận"),
        ("Tỉnh ủy Quảng Trị", None, "Tỉnh ủy Quảng Trị"),
        ("Tỉnh uỷ", "Quảng Trị", "Tỉnh ủy Quảng Trị"),
        ("Ban Thường vụ Tỉnh ủy", "Quảng Trị", "Ban Thường vụ Tỉnh ủy Quảng Trị"),
        ("BTV Tỉnh ủy", "Quảng Trị", "Ban Thường vụ Tỉnh ủy Quảng Trị"),
        ("BTV Tỉnh ủy", None, "Ban Thường vụ Tỉnh ủy"),
        ("Ban Thường vụ Huyện ủy Triệu Phong", "Quảng Trị", "Ban Thường vụ Huyện ủy Triệu Phong"),
        ("Ban Chấp hành Đảng bộ tỉnh Bình Thuận", None, "Ban Chấp hành Đảng bộ tỉnh Bình Thuận"),
        ("BCH Đảng bộ tỉnh", "quảng trị", "Ban Chấp hành Đảng bộ tỉnh Quảng Trị"),
        ("UBND các huyện", "Quảng Trị", None),
        ("Văn phòng Chính phủ", None, None),
    ],
)
def test_issuer_forms(issuer: str, province: str | None, expected: str | None) -> None:
    text = f"Kế hoạch số 12/KH-ABC ngày 5/5/2021 của {issuer} về việc triển khai"
    inst = one(text, province).instrument
    assert inst.issuer == expected
    assert inst.date == "2021-05-05"


@pytest.mark.parametrize(
    ("after", "issuer"),
    [
        (" về chuyển đổi số", "Bộ Chính trị"),
        (", các cơ quan", "Bộ Chính trị"),
        ("; các cơ quan", "Bộ Chính trị"),
        (". Các cơ quan", "Bộ Chính trị"),
        (" (sau đây gọi là Nghị quyết)", "Bộ Chính trị"),
    ],
)
def test_issuer_stops(after: str, issuer: str) -> None:
    text = f"Nghị quyết số 52-NQ/TW của Bộ Chính trị{after}"
    m = one(text)
    assert m.instrument.issuer == issuer
    assert span(text, m) == "Nghị quyết số 52-NQ/TW của Bộ Chính trị"


def test_issuer_then_date_stops_at_the_date() -> None:
    text = "Kế hoạch số 12/KH-UBND của UBND tỉnh Quảng Trị ngày 5/5/2021 về việc"
    m = one(text)
    assert (m.instrument.issuer, m.instrument.date) == ("UBND tỉnh Quảng Trị", "2021-05-05")
    assert span(text, m) == "Kế hoạch số 12/KH-UBND của UBND tỉnh Quảng Trị ngày 5/5/2021"


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("căn cứ Quyết định số 749/QĐ-TTg,", "Thủ tướng Chính phủ"),
        ("căn cứ Nghị quyết số 50/NQ-CP,", "Chính phủ"),
        ("căn cứ Nghị định số 45/2020/NĐ-CP,", "Chính phủ"),
        ("căn cứ Luật số 86/2015/QH13,", "Quốc hội"),
        ("căn cứ Nghị quyết số 52-NQ/TW,", None),
        ("căn cứ Quyết định số 27-QĐ/TW,", None),
        ("căn cứ Kế hoạch số 5807/KH-UBND,", None),
        ("căn cứ Nghị quyết số 10/2022/NQ-HĐND,", None),
    ],
)
def test_issuer_inferred_only_from_a_telling_symbol(text: str, issuer: str | None) -> None:
    assert one(text, province="Quảng Trị").instrument.issuer == issuer


def test_before_pattern_without_a_date() -> None:
    text = "UBND tỉnh Quảng Trị vừa ban hành Kế hoạch số 5807/KH-UBND về chuyển đổi số."
    m = one(text)
    assert m.instrument == Instrument("Kế hoạch", "5807/KH-UBND", issuer="UBND tỉnh Quảng Trị")
    assert span(text, m) == "UBND tỉnh Quảng Trị vừa ban hành Kế hoạch số 5807/KH-UBND"


def test_before_pattern_with_unknown_issuer_keeps_only_the_date() -> None:
    text = "Ngày 5/1/2021, Sở Y tế tỉnh Quảng Trị đã ban hành Kế hoạch số 12/KH-SYT về"
    m = one(text)
    assert m.instrument == Instrument("Kế hoạch", "12/KH-SYT", "2021-01-05")
    assert span(text, m) == (
        "Ngày 5/1/2021, Sở Y tế tỉnh Quảng Trị đã ban hành Kế hoạch số 12/KH-SYT"
    )


@pytest.mark.parametrize(
    "text",
    [
        # the date is in the previous sentence
        "Ngày 17/12/2020, UBND tỉnh họp. Kế hoạch số 5807/KH-UBND nêu rõ",
        # the verb between the issuer and the plan is not "ban hành"
        "Ngày 17/12/2020, UBND tỉnh Quảng Trị đã họp và thông qua Kế hoạch số 5807/KH-UBND",
        # "ban hành" governs the first plan of a list, not the second
        "Ngày 17/12/2020, UBND tỉnh Quảng Trị đã ban hành Kế hoạch số 1/KH-UBND và "
        "Kế hoạch số 5807/KH-UBND",
    ],
)
def test_before_pattern_needs_adjacent_ban_hanh(text: str) -> None:
    last = find_mentions(text, province="Quảng Trị")[-1]
    assert last.instrument == Instrument("Kế hoạch", "5807/KH-UBND")


# --- questions ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Kế hoạch 5807 ban hành ngày nào?", [RefQuery("Kế hoạch", "5807", False)]),
        ("5807/KH-UBND ban hành khi nào?", [RefQuery("Kế hoạch", "5807/KH-UBND", True)]),
        ("Kế hoạch 5807/KH-UBND do ai ban hành?", [RefQuery("Kế hoạch", "5807/KH-UBND", True)]),
        ("nghị quyết 52 nói gì về chuyển đổi số?", [RefQuery("Nghị quyết", "52", False)]),
        ("NQ 52 của Bộ Chính trị", [RefQuery("Nghị quyết", "52", False)]),
        ("Nghị định 45/2020/NĐ-CP quy định gì?", [RefQuery("Nghị định", "45/2020/NĐ-CP", True)]),
        ("nghị định 45/2020/nd-cp", [RefQuery("Nghị định", "45/2020/NĐ-CP", True)]),
        ("Quyết định 749 có mục tiêu gì?", [RefQuery("Quyết định", "749", False)]),
        ("nghị quyết 52-nq/tw", [RefQuery("Nghị quyết", "52-NQ/TW", True)]),
        ("Nghị quyết số 10 của Bình Thuận", [RefQuery("Nghị quyết", "10", False)]),
        (
            "Nghị quyết số 10 và Kế hoạch 5807/KH-UBND",
            [RefQuery("Nghị quyết", "10", False), RefQuery("Kế hoạch", "5807/KH-UBND", True)],
        ),
        ("Kế hoạch 5807 ngày 17/12/2020 gồm gì?", [RefQuery("Kế hoạch", "5807", False)]),
        ("Kế hoạch 5807 và kế hoạch 5807?", [RefQuery("Kế hoạch", "5807", False)]),
        ("năng suất 10/ha là bao nhiêu?", []),
        ("kế hoạch 5 năm có gì?", []),
        ("kế hoạch 2021-2025 của tỉnh?", []),
        ("tỷ lệ 100% năm 2025 là bao nhiêu?", []),
        ("Kế hoạch chuyển đổi số của Quảng Trị?", []),
        ("", []),
    ],
)
def test_find_query_refs(question: str, expected: list[RefQuery]) -> None:
    assert find_query_refs(question) == expected


_52 = Instrument("Nghị quyết", "52-NQ/TW", "2019-09-27", "Bộ Chính trị")


@pytest.mark.parametrize(
    ("query", "inst", "expected"),
    [
        (RefQuery("Nghị quyết", "52", False), _52, True),
        (RefQuery(None, "52", False), _52, True),
        (RefQuery("Kế hoạch", "52", False), _52, False),
        (RefQuery("Nghị quyết", "52", False), Instrument("Quyết định", "520/QĐ-TTg"), False),
        (RefQuery(None, "52", False), Instrument("Quyết định", "520/QĐ-TTg"), False),
        (RefQuery(None, "52", False), Instrument("Kế hoạch", "5807/KH-UBND"), False),
        (RefQuery(None, "5", False), Instrument("Kế hoạch", "5807/KH-UBND"), False),
        (RefQuery("Kế hoạch", "5807", False), Instrument("Kế hoạch", "5807/KH-UBND"), True),
        (RefQuery("Nghị quyết", "10", False), Instrument("Nghị quyết", "10-NQ/TU"), True),
        (RefQuery("Nghị quyết", "10", False), Instrument("Nghị quyết", "10"), True),
        (RefQuery("Thông tư", "6", False), Instrument("Thông tư", "06/2020/TT-BTTTT"), True),
        (RefQuery("Kế hoạch", "5807/KH-UBND", True), Instrument("Kế hoạch", "5807/KH-UBND"), True),
        (RefQuery("Kế hoạch", "5807/kh-ubnd", True), Instrument("Kế hoạch", "5807/KH-UBND"), True),
        (
            RefQuery("Nghị định", "45/2020/ND-CP", True),
            Instrument("Nghị định", "45/2020/NĐ-CP"),
            True,
        ),
        (
            RefQuery(None, "45 / 2020 / NĐ - CP", True),
            Instrument("Nghị định", "45/2020/NĐ-CP"),
            True,
        ),
        (
            RefQuery("Nghị định", "45/2019/NĐ-CP", True),
            Instrument("Nghị định", "45/2020/NĐ-CP"),
            False,
        ),
        (
            RefQuery("Quyết định", "749/QĐ-TTg", True),
            Instrument("Quyết định", "749/QĐ-UBND"),
            False,
        ),
        # a text that only says "Nghị quyết số 10" is the same resolution as 10-NQ/TU
        (RefQuery("Nghị quyết", "10-NQ/TU", True), Instrument("Nghị quyết", "10"), True),
        (RefQuery("Nghị quyết", "10-NQ/TU", True), Instrument("Kế hoạch", "10"), False),
        # a code is a law: "Luật 45/2019" names the Bộ luật of that number
        (RefQuery("Luật", "45/2019", False), Instrument("Bộ luật", "45/2019/QH14"), True),
        (RefQuery("Nghị định", "45/2019", False), Instrument("Bộ luật", "45/2019/QH14"), False),
        (RefQuery("Nghị quyết", None, False), _52, False),
        (
            RefQuery("Nghị quyết", "52", False),
            Instrument("Nghị quyết", name="về chuyển đổi số"),
            False,
        ),
    ],
)
def test_ref_matches(query: RefQuery, inst: Instrument, expected: bool) -> None:
    assert ref_matches(query, inst) is expected


def test_query_refs_match_the_mentions_they_name() -> None:
    insts = find_instruments(SEED_001, province="Quảng Trị")
    for question, number in [
        ("Kế hoạch 5807 ban hành ngày nào?", "5807/KH-UBND"),
        ("nghị quyết 52 của ai?", "52-NQ/TW"),
        ("Nghị quyết 50/NQ-CP ngày nào?", "50/NQ-CP"),
        ("NQ 52", "52-NQ/TW"),
    ]:
        (q,) = find_query_refs(question)
        assert [i.number for i in insts if ref_matches(q, i)] == [number]


# --- keys ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("inst", "key"),
    [
        (Instrument("Nghị quyết", "52-NQ/TW"), "52-NQ/TW"),
        (Instrument("Nghị quyết", "52-nq/tw"), "52-NQ/TW"),
        (Instrument("Nghị định", "45/2020/ND-CP"), "45/2020/NĐ-CP"),
        (Instrument("Nghị quyết", "10"), "Nghị quyết 10"),
        (Instrument("Nghị quyết", name=" về  Chuyển đổi số. "), "Nghị quyết: về chuyển đổi số"),
        (Instrument("Nghị quyết"), "Nghị quyết"),
    ],
)
def test_instrument_key(inst: Instrument, key: str) -> None:
    assert instrument_key(inst) == key


def test_instrument_types_are_canonical() -> None:
    assert len(INSTRUMENT_TYPES) == 22 == len(set(INSTRUMENT_TYPES))
    assert "Thông tư liên tịch" in INSTRUMENT_TYPES and "Kế hoạch" in INSTRUMENT_TYPES
    assert all(unicodedata.is_normalized("NFC", t) for t in INSTRUMENT_TYPES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dispatch's "CĐ" (or "CD" typed without the stroke) says Công điện, not Công văn
        ("Công điện số 223/CĐ-TTg ngày 1/11/2025", ("Công điện", "223/CĐ-TTg", "2025-11-01")),
        ("theo công điện 223/CD-TTg", ("Công điện", "223/CĐ-TTg", None)),
        ("Án lệ số 55/2022/AL về", ("Án lệ", "55/2022/AL", None)),
        ("ban hành Quy chế số 5/QC-UBND", ("Quy chế", "5/QC-UBND", None)),
        # a bare number after a type word the old texts use
        ("Theo Sắc lệnh số 65 ngày 23/11/1945", ("Sắc lệnh", "65", "1945-11-23")),
        # a code's name between its type word and its number
        ("Căn cứ Bộ luật Hình sự số 100/2015/QH13;", ("Bộ luật", "100/2015/QH13", None)),
    ],
)
def test_types_beyond_the_common_ones_are_found(
    text: str, expected: tuple[str, str, str | None]
) -> None:
    [m] = find_mentions(text)
    assert (m.instrument.type, m.instrument.number, m.instrument.date) == expected


# --- dates --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("27/9/2019", [(0, 9, "2019-09-27")]),
        ("ký ngày 27/9/2019.", [(3, 17, "2019-09-27")]),
        ("Ngày 17/12/2020, UBND", [(0, 15, "2020-12-17")]),
        ("27-9-2019", [(0, 9, "2019-09-27")]),
        ("17.12.2020", [(0, 10, "2020-12-17")]),
        ("ngày 17 tháng 12 năm 2020", [(0, 25, "2020-12-17")]),
        ("Hà Nội, ngày 08 tháng 4 năm 2020", [(8, 32, "2020-04-08")]),
        ("(29/4/2021)", [(1, 10, "2021-04-29")]),
        ("32/13/2020 và 29/2/2021 và 31/4/2020", []),
        ("29/2/2020", [(0, 9, "2020-02-29")]),
        ("ngày 15/11 hàng năm", []),
        ("Nghị định số 45/2020/NĐ-CP", []),
        ("giai đoạn 2021-2025", []),
        ("27/9/2019/2020", []),
        ("1.2.3.2020", []),
        ("27/9-2019", []),
        ("1/1/1899", []),
        ("", []),
    ],
)
def test_find_dates(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert find_dates(text) == expected


def test_parse_date() -> None:
    assert parse_date(SEED_001) == "2020-12-17"
    assert parse_date("Cập nhật ngày: 16/06/2022 05:36:50") == "2022-06-16"
    assert parse_date("không có ngày") is None


@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2199, 12, 31)),
    st.booleans(),
    st.sampled_from(["", "Theo báo cáo, ", "ban hành "]),
)
def test_find_dates_round_trips(day: datetime.date, textual: bool, before: str) -> None:
    if textual:
        written = f"ngày {day.day} tháng {day.month} năm {day.year}"
    else:
        written = f"{day.day}/{day.month}/{day.year}"
    text = f"{before}{written} của tỉnh."
    assert find_dates(text) == [(len(before), len(before) + len(written), day.isoformat())]


# --- robustness and speed -----------------------------------------------------------------------
_FRAGMENTS = st.sampled_from(
    [
        "Nghị quyết",
        "nghị quyết",
        "Kế hoạch",
        "Quyết định",
        "số",
        " ",
        ", ",
        ". ",
        "\n",
        "về",
        "của",
        "ngày",
        "tháng",
        "năm",
        "52",
        "-",
        "/",
        "NQ",
        "TW",
        "KH",
        "UBND",
        "tỉnh",
        "Quảng",
        "Trị",
        "Ngày 17/12/2020",
        "ban hành",
        "đã",
        "Bộ Chính trị",
        "BTV Tỉnh ủy",
        "Ủy ban",
        "17/4/2020",
        "32/13/2020",
        "2021-2025",
        "5807/KH-UBND",
        "QĐ-TTg",
        "\x00",
        "\u200b",
        "Luật",
        "Đảng bộ",
        "khóa",
        "XVII",
        "(",
        "“",
        "Uỷ",
        "hoá",
        "TP.",
        "HCM",
        "…",
    ]
)


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_never_crashes_on_any_text(text: str) -> None:
    for province in (None, "Quảng Trị", text[:10]):
        for m in find_mentions(text, province):
            assert 0 <= m.start < m.end <= len(text)
        find_instruments(text, province)
    find_query_refs(text)
    for start, end, _ in find_dates(text):
        assert 0 <= start < end <= len(text)
    parse_date(text)


@given(st.lists(_FRAGMENTS, max_size=40).map("".join))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_never_crashes_on_reference_like_text(text: str) -> None:
    mentions = find_mentions(text, "Quảng Trị")
    assert mentions == sorted(mentions, key=lambda m: (m.start, m.end))
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert m.instrument.type in INSTRUMENT_TYPES
        if m.instrument.number:
            assert canonical_number(m.instrument.number) == m.instrument.number
    keys = [instrument_key(i) for i in find_instruments(text, "Quảng Trị")]
    assert len(keys) == len(set(keys))
    for q in find_query_refs(text):
        for m in mentions:
            ref_matches(q, m.instrument)


@given(
    st.builds(
        RefQuery, st.none() | st.text(max_size=12), st.none() | st.text(max_size=12), st.booleans()
    ),
    st.builds(Instrument, st.text(max_size=12), st.none() | st.text(max_size=12)),
)
def test_ref_matches_never_crashes(query: RefQuery, inst: Instrument) -> None:
    assert ref_matches(query, inst) in (True, False)


def test_huge_and_odd_inputs() -> None:
    assert find_mentions("") == [] and find_instruments("") == [] and find_query_refs("") == []
    odd = "\x00\x01\ud800" + "9" * 5000 + "/" * 3000 + "Nghị quyết về " * 300
    find_mentions(odd)
    find_query_refs(odd)
    assert ref_matches(RefQuery(None, "1" * 5000, False), Instrument("Nghị quyết", "1" * 5000))


def test_speed_on_30kb() -> None:
    base = " ".join(
        [
            SEED_000,
            SEED_001,
            SEED_001_LATER,
            SEED_001_ND,
            SEED_002,
            SEED_002_RESOLUTION,
            SEED_002_AGAIN,
            SEED_003,
            SEED_003_TU,
            SEED_003_AGAIN,
        ]
    )
    text = (base + "\n") * (30_000 // len(base) + 1)
    assert len(text) >= 30_000
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        mentions = find_mentions(text, province="Quảng Trị")
        best = min(best, time.perf_counter() - t0)
    assert len(mentions) > 100
    assert best < 0.05
