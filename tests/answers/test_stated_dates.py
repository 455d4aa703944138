"""Which dates can answer a date question: a sentence that does not speak of effect does not
date an entry into force, and a province's instrument is not dated by central ones. The
sentences are from real documents (Quyết định 2610/QĐ-UBND Cần Thơ, Kế hoạch 617/KH-UBND
Đồng Tháp, the Bình Thuận report of the seed corpus)."""

from __future__ import annotations

from policybot.answers.stated import DAY_MONTH, dated_text, dates_what_is_asked
from policybot.answers.stated_numbers import number_of
from policybot.questions.question import analyze
from policybot.text.dates import find_dates

CAN_CU = "Căn cứ Luật Giao dịch điện tử ngày 22 tháng 6 năm 2023;"
IN_FORCE = "Quyết định này có hiệu lực thi hành kể từ ngày 20 tháng 11 năm 2025."
CENTRAL = (
    "Thực hiện Kế hoạch số 283/KH-UBND ngày 24/9/2025 của Uỷ ban nhân dân Tỉnh về thực hiện "
    "Nghị quyết số 71/NQ-CP ngày 01/5/2025 của Chính phủ và Chương trình hành động số "
    "10-CTr/TU ngày 13/8/2025 của Ban Thường vụ Tỉnh uỷ về thực hiện Nghị quyết số 57-NQ/TW "
    "ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ đổi mới sáng "
    "tạo và chuyển đổi số trên địa bàn tỉnh Đồng Tháp"
)
PROVINCIAL = (
    "Ngày 18/3/2022, Ban Chấp hành Đảng bộ tỉnh Bình Thuận đã ban hành Nghị quyết số "
    "10-NQ/TU về chuyển đổi số tỉnh Bình Thuận đến năm 2025, định hướng đến năm 2030."
)


def test_effect_needs_a_sentence_about_effect() -> None:
    spec = analyze("Luật Giao dịch điện tử năm 2023 có hiệu lực từ ngày nào?")
    assert not dates_what_is_asked(spec, CAN_CU)
    assert dates_what_is_asked(spec, IN_FORCE)
    # an issue date is still dated by the same preamble line
    assert dates_what_is_asked(analyze("Luật Giao dịch điện tử được thông qua ngày nào?"), CAN_CU)


def test_a_provinces_instrument_is_not_dated_by_central_ones() -> None:
    spec = analyze("Tỉnh Đồng Tháp ban hành nghị quyết chuyển đổi số vào ngày nào?")
    assert not dates_what_is_asked(spec, CENTRAL)
    bt = analyze("Tỉnh Bình Thuận ban hành nghị quyết chuyển đổi số vào ngày nào?")
    assert dates_what_is_asked(bt, PROVINCIAL)
    # a plan is asked: the sentence's plan is the province's own
    assert dates_what_is_asked(analyze("Tỉnh Đồng Tháp ban hành kế hoạch nào ngày nào?"), CENTRAL)


DISTRICT = (
    "Đó chính là mục tiêu của Ban Thường vụ Huyện ủy Triệu Phong đề ra nhằm cụ thể hóa thực "
    "hiện Nghị quyết số 52-NQ/TW, ngày 27/9/2019 của Bộ Chính trị về chủ động tham gia cuộc "
    "Cách mạng công nghiệp lần thứ tư."
)


def test_a_districts_document_is_not_dated_by_the_resolution_it_carries_out() -> None:
    spec = analyze(
        "Văn bản của Ban Thường vụ Huyện ủy Triệu Phong về cách mạng công nghiệp lần thứ tư "
        "là số mấy, ban hành ngày nào?"
    )
    assert not dates_what_is_asked(spec, DISTRICT)
    own = "Ngày 12/3/2020, Huyện ủy Triệu Phong ban hành Kế hoạch số 45-KH/HU về việc này."
    assert dates_what_is_asked(spec, own)


CITED_ONLY = (
    "Nhiệm vụ của Sở Thông tin và Truyền thông là xây dựng Kế hoạch số hóa kết quả giải "
    "quyết thủ tục hành chính theo Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ; "
    "triển khai Trung tâm giám sát điều hành thông minh tỉnh."
)


def test_a_citation_date_does_not_date_what_else_is_asked() -> None:
    """The date inside "Nghị định số 45/2020/NĐ-CP ngày 08/4/2020" dates the decree, not
    when a centre opens; it still answers questions about instruments and issuing."""
    opens = analyze("Trung tâm giám sát điều hành thông minh đi vào hoạt động từ ngày nào?")
    assert not find_dates(dated_text(opens, CITED_ONLY))
    assert find_dates(dated_text(opens, "Trung tâm đi vào hoạt động từ ngày 01/7/2021."))
    for asks_instrument in (
        "Nghị định 45/2020/NĐ-CP ban hành ngày nào?",
        "Bình Thuận ban hành Nghị quyết về chuyển đổi số ngày nào?",
    ):
        spec = analyze(asks_instrument)
        assert find_dates(dated_text(spec, CITED_ONLY + PROVINCIAL)), asks_instrument


def test_how_long_is_answered_by_a_length_of_time() -> None:
    """ "Trong bao lâu" asks a number of hours, days, months: "08 nhóm" is not one."""
    spec = analyze("Cơ quan phải trả lời kiến nghị trong bao lâu?")
    assert spec.wants_number and spec.duration
    assert number_of("Cơ quan trả lời trong thời hạn 15 ngày làm việc.", spec)
    assert number_of("Khôi phục liên lạc trong vòng 24 (hai mươi tư) giờ.", spec)
    assert not number_of("Kế hoạch đưa ra 08 nhóm nhiệm vụ.", spec)
    assert not number_of("Kế hoạch đưa ra 08 nhóm nhiệm vụ trong năm 2022.", spec)
    assert not analyze("Kế hoạch đưa ra mấy nhóm nhiệm vụ?").duration


ENDS_OLD = (
    "Kể từ ngày Thông tư này có hiệu lực thi hành, Thông tư số 15/2024/TT-BKHĐT ngày 30 "
    "tháng 9 năm 2024 của Bộ trưởng Bộ Kế hoạch và Đầu tư hết hiệu lực thi hành."
)


def test_a_citations_date_is_never_a_date_of_effect() -> None:
    """The date in the citation of the circular that ends is its issue date, not the day it
    took effect: no date is left to answer when it took effect (Thông tư 98/2025/TT-BTC)."""
    spec = analyze("Thông tư 15/2024/TT-BKHĐT có hiệu lực từ ngày nào?")
    assert not find_dates(dated_text(spec, ENDS_OLD))
    assert find_dates(dated_text(spec, IN_FORCE))
    # asked when it was issued, the citation's date is the answer
    issued = analyze("Thông tư 15/2024/TT-BKHĐT được ban hành ngày nào?")
    assert find_dates(dated_text(issued, ENDS_OLD))


def test_a_yearly_deadline_is_a_day_stated() -> None:
    """ "nộp trước ngày 15 tháng 02 của năm liền kề" (Thông tư 37/2025/TT-BNNMT) names a day
    of every year; a month alone or a number of days does not."""
    assert DAY_MONTH.search("Báo cáo được lập và nộp trước ngày 15 tháng 02 của năm liền kề")
    assert DAY_MONTH.search("báo cáo kết quả thực hiện trước ngày 20/11 về Sở")
    assert not DAY_MONTH.search("báo cáo trong tháng 02 hằng năm")
    assert not DAY_MONTH.search("trả lời trong 15 ngày làm việc")


def test_a_day_of_the_week_is_a_day_asked_by_weekday() -> None:
    from policybot.answers.stated import WEEKDAY
    from policybot.questions.question import analyze

    spec = analyze("Báo cáo hằng tuần gửi trước mấy giờ, vào ngày nào trong tuần?")
    assert spec.wants_day and spec.weekday
    assert analyze("Cuộc họp giao ban diễn ra vào thứ mấy?").weekday
    # an ordinal is no weekday: "phiên họp thứ mấy", "lần thứ năm"
    assert not analyze("Nghị quyết được thông qua tại phiên họp thứ mấy?").weekday
    assert WEEKDAY.search("gửi báo cáo trước 15:00 ngày thứ Sáu hàng tuần")
    assert WEEKDAY.search("họp vào thứ năm hằng tuần")
    assert not WEEKDAY.search("Kỳ họp thứ năm, Quốc hội khóa XV")
    assert not WEEKDAY.search("Hội nghị lần thứ Năm Ban Chấp hành Trung ương")
    assert not WEEKDAY.search("Kỳ họp thứ Bảy, Hội đồng nhân dân tỉnh")


def test_the_day_of_a_weekly_report_is_a_day_of_the_week() -> None:
    """Asked "ngày nào" of something done every week, a weekday answers."""
    spec = analyze("Báo cáo hằng tuần phải gửi trước mấy giờ, ngày nào?")
    assert spec.wants_day and spec.weekday
    assert not analyze("Báo cáo phải gửi trước ngày nào?").weekday


def test_a_citations_date_is_no_deadline() -> None:
    """Asked by when a named instrument's task is due, the date its citation gives it is the
    day it was issued, not the deadline."""
    cited = (
        "Hỗ trợ Nhân dân sửa chữa nhà bị tốc mái, hoàn thành theo chỉ đạo tại Công điện số "
        "227/CĐ-TTg ngày 09 tháng 11 năm 2025 của Thủ tướng Chính phủ."
    )
    due = analyze("Công điện 227/CĐ-TTg yêu cầu hoàn thành sửa chữa nhà trước ngày nào?")
    assert not find_dates(dated_text(due, cited))
    issued = analyze("Công điện 227/CĐ-TTg được ban hành ngày nào?")
    assert find_dates(dated_text(issued, cited))


def test_the_end_of_a_period_asked_is_a_date_after_den_or_het() -> None:
    asked = analyze("Kế hoạch chuyển kênh giai đoạn 2014-2017 áp dụng đến hết ngày nào?")
    assert dates_what_is_asked(asked, "Quyết định có hiệu lực đến hết ngày 31 tháng 12 năm 2017.")
    assert dates_what_is_asked(asked, "Trực ban từ ngày 01/6 đến 31/12 hằng năm.")
    # a row's start date is no end
    assert not dates_what_is_asked(asked, "| Hà Nội | kênh 26 | 01/6/2014 | Giải phóng kênh 26 |")
    assert dates_what_is_asked(analyze("Kế hoạch áp dụng từ ngày nào?"), "| Hà Nội | 01/6/2014 |")


def test_an_end_is_also_a_date_after_a_range_dash_or_written_with_dots() -> None:
    asked = analyze("Kế hoạch áp dụng đến hết ngày nào?")
    assert dates_what_is_asked(asked, "Giai đoạn từ 01/01/2021 - 31/12/2025.")
    assert dates_what_is_asked(asked, "Thực hiện đến ngày 31.12.2025.")


def test_an_end_asked_without_a_day_is_also_a_year_after_den_or_toi() -> None:
    # "tới lúc nào" asks no day: a year the item runs to answers it
    asked = analyze("Kế hoạch tính tới lúc nào thì mọi hợp tác xã dùng công nghệ số?")
    assert dates_what_is_asked(asked, "đ) Đến hết năm 2045: 100%")
    assert not dates_what_is_asked(asked, "Năm 2045 có 100% hợp tác xã.")
    # a day asked still wants a day
    assert not dates_what_is_asked(analyze("Áp dụng đến hết ngày nào?"), "Đến hết năm 2045.")
