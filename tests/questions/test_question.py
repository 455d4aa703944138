"""Pure question analysis: the kind of fact asked for and what the question pins down."""

from __future__ import annotations

import pytest

from policybot.questions.question import analyze, normalize_question, split_pairs


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Kế hoạch 5807 được ban hành ngày nào?", "day"),
        ("Nghị quyết số 10 ra đời khi nào?", "when"),
        ("Xã phải gửi kết quả lên tỉnh vào những mốc nào?", "when"),  # a point in time
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


def test_the_next_few_years_is_a_period_not_a_count() -> None:
    spec = analyze("Phong trào thi đua cho mấy năm tới mang chủ đề gì?")
    assert not spec.wants_number and spec.unit is None
    spec = analyze("Trong mấy tháng qua tỉnh đã cấp bao nhiêu giấy phép?")
    assert spec.wants_number and spec.unit == "giấy"
    assert analyze("Tỉnh có mấy huyện?").unit == "huyện"


def test_a_decade_pins_no_year() -> None:
    assert analyze("Tới giữa thập niên 2040 tỉnh muốn đạt mức nào?").years == ()
    assert analyze("Trong những năm 2030, tỉnh làm gì?").years == ()
    assert analyze("Năm 2040 tỉnh muốn đạt mức nào?").years == ("2040",)
    assert analyze("Những năm 2021 - 2025 tỉnh làm gì?").years == ("2021", "2025")


@pytest.mark.parametrize(
    ("question", "unit", "percent"),
    [
        ("Bình Thuận có bao nhiêu doanh nghiệp công nghệ số?", "doanh", False),
        ("Kế hoạch đưa ra mấy nhóm nhiệm vụ?", "nhóm", False),
        ("Kinh tế số chiếm bao nhiêu phần trăm GRDP?", None, True),
        ("Tỷ lệ này là bao nhiêu?", None, True),
        ("Kinh tế số chiếm bao nhiêu?", None, False),
        ("Kinh tế số chiếm bao nhiêu GRDP?", None, True),
        # the value of what is money by nature, asked last, is counted in currency
        ("Lập quỹ thì tài sản đóng góp tối thiểu phải là bao nhiêu?", "tiền", False),
        ("Kinh phí thực hiện kế hoạch là bao nhiêu?", "tiền", False),
        ("Vốn đối ứng tối thiểu là bao nhiêu?", None, False),  # capital may be a share
        ("Lệ phí trước bạ là bao nhiêu?", "phí", False),  # a fee: money, or a percentage
        ("Kinh phí là bao nhiêu ạ?", "tiền", False),
        ("Tiền gửi có kỳ hạn bao nhiêu?", None, False),  # a length of time
        ("Có bao nhiêu loại tài sản được góp?", "loại", False),
    ],
)
def test_what_a_number_question_counts(question: str, unit: str | None, percent: bool) -> None:
    spec = analyze(question)
    assert spec.wants_number and spec.unit == unit and spec.percent is percent


def test_issuance_questions() -> None:
    assert analyze("Quyết định 27-QĐ/TW của ai?").about_issuance
    assert analyze("Nghị quyết 52 do cơ quan nào ban hành?").about_issuance
    assert not analyze("Kế hoạch 5807 yêu cầu báo cáo khi nào?").about_issuance


@pytest.mark.parametrize(
    ("question", "signer"),
    [
        ("Nghị định 13/2023/NĐ-CP do ai ký?", True),
        ("Ai ký Quyết định 3783/QĐ-UBND năm 2010?", True),
        ("Luật số 16/2008/QH12 do Chủ tịch Quốc hội nào ký?", True),
        ("Người ký Chỉ thị 02/CT-BCT là ai?", True),
        ("Quyết định 61/QĐ-CTN do ai kí thay mặt Chủ tịch nước?", True),
        ("Quyết định 749/QĐ-TTg được ký ban hành ngày nào?", False),
        ("Nghị quyết 52 do ai ban hành?", False),
        ("Kế hoạch ứng dụng chữ ký số do ai chủ trì?", False),
        ("Kế hoạch do ai chủ trì triển khai chữ ký số?", False),
        ("Người ký số phải đáp ứng điều kiện gì?", False),
        ("Bộ nào ký kết thỏa thuận hợp tác với Google?", False),
        ("Ai thay mặt Chính phủ ký Nghị quyết 04/NQ-CP?", True),
        ("Quyết định 5 được ký bởi ai?", True),
        ("Quyết định năm 2010 do lãnh đạo nào của UBND TP.HCM ký?", True),
        ("Sở nào của tỉnh ký kết hợp đồng với nhà thầu?", False),
    ],
)
def test_who_signed_is_a_person_asked(question: str, signer: bool) -> None:
    assert analyze(question).wants_signer is signer


def test_normalize_question() -> None:
    assert normalize_question("  Ke\u0302\u0301 hoa\u0323ch\x00 5807 \n ") == "Kế hoạch 5807"


def test_two_provinces_side_by_side_become_one_sub_question_each() -> None:
    spec = analyze("Đồng Tháp và Quảng Trị ưu tiên chuyển đổi số trong những lĩnh vực nào?")
    pairs = split_pairs(spec)
    assert [label for label, _ in pairs] == ["Đồng Tháp", "Quảng Trị"]
    for label, sub in pairs:
        assert sub.provinces == (label,)
        other = "Quảng Trị" if label == "Đồng Tháp" else "Đồng Tháp"
        assert other not in sub.text and label in sub.text
        assert sub.wants_list == spec.wants_list


def test_two_years_joined_by_va_are_split_but_a_period_is_not() -> None:
    pairs = split_pairs(analyze("Kinh tế số chiếm bao nhiêu phần trăm GRDP năm 2025 và năm 2030?"))
    assert [(label, sub.years) for label, sub in pairs] == [
        ("năm 2025", ("2025",)),
        ("năm 2030", ("2030",)),
    ]
    assert split_pairs(analyze("Đồng Tháp thi đua chuyển đổi số giai đoạn 2021-2025 ra sao?")) == []


def test_a_district_and_its_province_are_one_place() -> None:
    spec = analyze("Huyện Triệu Phong, tỉnh Quảng Trị đề ra mấy nhóm nhiệm vụ?")
    assert split_pairs(spec) == []


def test_provinces_listed_with_commas_are_asked_each_but_a_comma_inside_a_phrase_is_not() -> None:
    listed = analyze("Đồng Tháp, tỉnh Quảng Trị và Bình Thuận ưu tiên những lĩnh vực nào?")
    assert [label for label, _ in split_pairs(listed)] == ["Đồng Tháp", "Quảng Trị", "Bình Thuận"]
    # one instrument of Bắc Ninh about Bắc Giang's old rules: one subject
    one = analyze(
        "Quyết định Bắc Ninh bỏ quy định về cán bộ chuyên lo máy tính, CNTT của Bắc Giang cũ "
        "có hiệu lực ngày nào?"
    )
    assert one.provinces == ("Bắc Ninh", "Bắc Giang") and split_pairs(one) == []


@pytest.mark.parametrize(
    "question",
    [
        "Tỉnh ủy Bình Thuận ra nghị quyết về chuyển đổi số vào hôm nào?",
        "Bộ đưa ra thông tư về dữ liệu khi nào?",
        "Tỉnh cho ra một kế hoạch chuyển đổi số năm nào?",
    ],
)
def test_issuing_in_everyday_words_is_asked_about_issuance(question: str) -> None:
    assert analyze(question).about_issuance


def test_ra_alone_is_not_issuing() -> None:
    assert not analyze("Tỉnh đề ra mấy nhóm nhiệm vụ?").about_issuance
    assert not analyze("Kết quả rà soát quyết định được công bố khi nào?").about_issuance
    # "ra quyết định" is making a decision (a role), not issuing a document
    assert not analyze("Ai có thẩm quyền ra quyết định xử phạt?").about_issuance
    # who pays is not who issued
    assert not analyze("Theo Quyết định 80/QĐ-BTTTT chi phí do ai chi trả?").about_issuance
    assert analyze("Nghị quyết 10 là của ai vậy?").about_issuance
    assert analyze("Nghị quyết 10 của cơ quan nào nhé?").about_issuance
    assert not analyze("Dự án do ai quyết định đầu tư?").about_issuance


@pytest.mark.parametrize(
    ("question", "address"),
    [
        ("Hệ thống lấy ý kiến điện tử có địa chỉ truy cập là gì?", True),
        ("Cái trang web góp ý đó, địa chỉ vào là gì nhỉ?", True),
        ("Cho xin đường link của cổng dịch vụ công?", True),
        ("Văn bản này có link tải không?", False),
        ("Địa chỉ trụ sở Sở Tư pháp ở đâu?", False),
        ("Hệ thống đặt ở địa chỉ trụ sở nào?", False),
        ("Hệ thống phải ghi rõ địa chỉ người gửi không?", False),
        ("Cổng thông tin điện tử tỉnh đặt trụ sở ở địa chỉ nào?", False),
        ("Địa chỉ Cổng dịch vụ công quốc gia là gì?", True),
    ],
)
def test_a_web_address_asked(question: str, address: bool) -> None:
    assert analyze(question).wants_address is address


def test_a_province_and_a_district_joined_by_va_are_two_places() -> None:
    spec = analyze("Tỉnh Quảng Trị và huyện Triệu Phong đặt mục tiêu gì về mạng di động?")
    pairs = split_pairs(spec)
    assert [label for label, _ in pairs] == ["Quảng Trị", "huyện Triệu Phong"]
    province, district = pairs[0][1], pairs[1][1]
    assert (province.provinces, province.localities) == (("Quảng Trị",), ())
    assert (district.provinces, district.localities) == ((), ("huyện Triệu Phong",))
    assert "Triệu Phong" not in province.text and "Quảng Trị" not in district.text


@pytest.mark.parametrize(
    ("question", "years", "law_years"),
    [
        ("Theo Điều 468 Bộ luật Dân sự 2015, lãi suất vay tối đa là bao nhiêu?", (), ("2015",)),
        ("Luật Viên chức năm 2010 quy định viên chức là ai?", (), ("2010",)),
        # a verb between: the year is asked, not the law's name
        ("Luật Đất đai có hiệu lực năm 2024 phải không?", ("2024",), ()),
        ("Năm 2025 Quảng Trị ban hành luật gì?", ("2025",), ()),
    ],
)
def test_a_laws_year_names_it_and_pins_no_sentence(
    question: str, years: tuple[str, ...], law_years: tuple[str, ...]
) -> None:
    spec = analyze(question)
    assert spec.years == years
    assert spec.law_years == law_years


@pytest.mark.parametrize(
    ("question", "when", "number"),
    [
        ("Thời hạn nộp báo cáo định kỳ là khi nào?", True, False),
        ("Thời hạn hoàn thành đề án?", True, False),
        # the days counted are asked; the deadline is only their frame
        ("Phải gửi ít nhất bao nhiêu ngày làm việc trước thời hạn?", False, True),
        ("Thời hạn giải quyết thủ tục là bao nhiêu ngày?", False, True),
        ("Phải gửi sớm hơn hạn chót tối thiểu mấy ngày?", False, True),
        ("Hạn chót nộp hồ sơ?", True, False),
    ],
)
def test_thời_hạn_asks_a_deadline_only_when_nothing_is_counted(
    question: str, when: bool, number: bool
) -> None:
    spec = analyze(question)
    assert (spec.wants_when, spec.wants_number) == (when, number)


def test_a_rate_of_money_is_counted_in_currency() -> None:
    spec = analyze("Người có thẻ được hỗ trợ tiền thuê nhà bao nhiêu mỗi tháng?")
    assert (spec.per, spec.unit) == ("tháng", "tiền")
    assert analyze("Mỗi năm tỉnh tuyển bao nhiêu người?").per is None


@pytest.mark.parametrize(
    ("question", "number", "kind"),
    [
        # "mấy" as "those": a demonstrative after its noun
        ("Mấy cái đó là để cụ thể hóa nghị quyết nào vậy?", False, "instrument"),
        ("Mấy biểu mẫu này ai chịu trách nhiệm về chất lượng?", False, "who"),
        ("Lương mấy người giúp việc đó được bao nhiêu tiền?", True, "number"),
        # another question word does not make "mấy" a determiner
        ("Mỗi năm kiểm tra mấy lần, vào thời điểm nào?", True, "when"),
        ("Có mấy xã ở huyện này đạt chuẩn?", True, "number"),
        ("Phong trào ưu tiên đẩy mạnh ở mấy ngành nào?", False, "list"),
        # inside a yes-no question "mấy" is "those"; a "không" that goes on still counts
        ("Nghị định có áp dụng cho mấy cơ sở quốc phòng không?", False, "general"),
        ("Có mấy xã không có sóng di động?", True, "number"),
        # counting, and the other questions "mấy" makes
        ("Kế hoạch đó đưa ra mấy nhóm nhiệm vụ, giải pháp?", True, "number"),
        ("Huyện tính tới năm 2030 sẽ phủ sóng mạng di động thế hệ mấy?", True, "number"),
        # an instrument's number asked last is no count
        ("Năm 2025 Bắc Ninh có ra văn bản nào bỏ quy định đó, số mấy?", False, "instrument"),
        ("Quyết định đó có căn cứ vào chương trình quốc gia không, số mấy?", False, "instrument"),
        ("Huyện có bao nhiêu xã, số mấy?", True, "number"),
        # asking who, "mấy" before a noun is "those"; after a noun it numbers, or before a
        # time or unit, it still counts
        ("Ai chịu trách nhiệm về chất lượng mấy biểu mẫu rà soát?", False, "who"),
        ("Khen thưởng mấy doanh nghiệp làm giỏi thì sở nào lo?", False, "who"),
        ("Sở nào phải báo cáo mấy lần một năm?", True, "number"),
        ("Ai được hỗ trợ mấy triệu đồng?", True, "number"),
        ("Ai được hưởng mấy % kinh phí?", True, "number"),
        ("Quyết định do cơ quan nào trình, tờ trình số mấy?", True, "number"),
    ],
)
def test_may_counts_only_when_nothing_else_is_asked(question: str, number: bool, kind: str) -> None:
    spec = analyze(question)
    assert (spec.wants_number, spec.kind) == (number, kind)


@pytest.mark.parametrize(
    ("question", "instrument"),
    [
        ("Ý kiến nhờ công nghệ gì xác thực để được coi là căn cứ chính thức?", False),
        ("Mảng kinh tế dựa trên công nghệ số đóng góp bao nhiêu?", False),
        ("Kế hoạch này căn cứ vào đâu?", True),
        ("Quyết định duyệt kế hoạch dựa vào thông tư quy hoạch kênh tần số nào?", True),
        ("Việc chuyển kênh tần số dựa trên căn cứ pháp lý nào?", True),
        ("Cơ sở pháp lý gì để Sở tổ chức lấy ý kiến?", True),
        ("Cơ sở nào được hỗ trợ kinh phí chuyển đổi số?", False),
    ],
)
def test_can_cu_asks_an_instrument_only_as_a_question(question: str, instrument: bool) -> None:
    assert analyze(question).wants_instrument is instrument


def test_a_period_asked_is_read_whole() -> None:
    spec = analyze("Đợt thi đua chuyển đổi số 2021-2025 của Đồng Tháp ưu tiên ngành nào?")
    assert spec.periods == (("2021", "2025"),)
    assert analyze("Kế hoạch 617/KH-UBND năm 2025 nói gì?").periods == ()
    spaced = analyze("Kế hoạch giai đoạn 2021 - 2025 ưu tiên ngành nào?")
    assert spaced.periods == (("2021", "2025"),)


@pytest.mark.parametrize(
    "question",
    [
        "Kế hoạch đề nghị những hội, hiệp hội nào tham gia vận động hội viên?",
        "Các cơ quan phải gửi báo cáo hằng năm về đâu?",
        "Hồ sơ nộp ở đâu?",
        "Bên nào lo giám sát an toàn thông tin mạng cho hệ thống?",
        "Phòng nào của huyện tiếp nhận hồ sơ?",
        "Ai được giao chủ trì xây dựng kế hoạch?",  # the body assigned
        "Ai được đặt hàng cung cấp dịch vụ sự nghiệp công?",
        "Ai được cấp có thẩm quyền giao nhiệm vụ thẩm định?",
        "Ai là chủ đầu tư dự án?",
    ],
)
def test_bodies_and_destinations_are_asked_as_who(question: str) -> None:
    assert analyze(question).wants_who


@pytest.mark.parametrize(
    "question",
    [
        "Nguồn dự phòng nào được sử dụng để chi?",  # a reserve, not an office
        "Nếu bên nào vi phạm hợp đồng thì bị phạt bao nhiêu?",  # any party
        # a group who may take part, benefit, or stands at the centre: no body acts
        "Bên tập thể thì những ai được đăng ký tham gia phong trào thi đua?",
        "Chuyển đổi số phải lấy ai làm trung tâm?",
        "Tỉnh xác định ai là người được đặt vào vị trí trọng tâm?",
        "Ai là đối tượng được hỗ trợ học phí?",
    ],
)
def test_everyday_who_words_in_other_senses_ask_no_body(question: str) -> None:
    assert not analyze(question).wants_who


def test_who_signed_in_everyday_words() -> None:
    assert analyze("Quy chế đó là ai đứng tên ký ban hành?").wants_signer
    # who "put pen" to it signed it
    assert analyze("Ai là người đặt bút ký quyết định lập ra trung tâm đó?").wants_signer
    assert analyze("Người đặt bút ký thông tư này là ai?").wants_signer
    assert not analyze("Ai đặt bút viết lời tựa cho cuốn sách?").wants_signer
    # "mấy người giúp việc đó" names those people: the money is what is counted
    assert analyze("Lương mấy người giúp việc đó cỡ bao nhiêu một tháng?").unit == "tiền"


@pytest.mark.parametrize(
    ("question", "asks_instrument"),
    [
        ("Theo Đề án 30, đơn vị nào thẩm định kết quả rà soát?", False),  # a body is asked
        ("Chỉ thị 02/CT-BCT, đơn vị nào phải gửi biểu mẫu?", False),
        ("Văn bản nào quy định việc này?", True),
        ("Nghị quyết của Tỉnh ủy về chuyển đổi số là nghị quyết nào?", True),
    ],
)
def test_an_instrument_word_asks_which_only_within_its_clause(
    question: str, asks_instrument: bool
) -> None:
    assert analyze(question).wants_instrument is asks_instrument


def test_a_figure_noun_in_a_who_question_is_its_topic_not_what_is_asked() -> None:
    spec = analyze("Sở nào ngồi xem xét con số dự trù kinh phí rồi đề xuất tỉnh cấp?")
    assert spec.wants_who and not spec.wants_number
    assert analyze("Tỷ lệ hộ gia đình có cáp quang của tỉnh đến năm 2025?").wants_number
    assert analyze("Sở nào báo cáo, tỷ lệ bao nhiêu?").wants_number  # "bao nhiêu" asks one


def test_a_law_is_named_by_a_capitalised_name_of_two_words_or_more() -> None:
    assert analyze("Theo Luật Bảo hiểm xã hội năm 2024 thì sao?").laws == ("Luật Bảo hiểm xã hội",)
    for question in (
        "Theo Luật thì năm 2024 ra sao?",
        "Luật mới 2025 có gì?",
        "Luật này năm 2020 quy định gì?",
        "Luật BHXH 2024 quy định gì?",
        "Luật nào năm 2020 sửa đổi luật xử lý vi phạm?",
    ):
        assert analyze(question).laws == (), question


def test_ngay_may_asks_a_day_and_an_instrument_named_by_number_is_not_asked() -> None:
    spec = analyze("Các đơn vị phải nộp báo cáo trước ngày mấy hằng tháng?")
    assert spec.wants_day and not spec.wants_number
    assert not analyze("Trong mấy ngày phải trả lời?").wants_day  # how many days
    # the instrument is named by its number; what is asked is a source of money
    spec = analyze("Kinh phí thực hiện Nghị định 231/2025/NĐ-CP do nguồn nào bảo đảm?")
    assert not spec.wants_instrument
    assert not analyze("Kế hoạch 617 giao sở nào chủ trì?").wants_instrument
    assert analyze("Quyết định 12/QĐ-UBND căn cứ vào văn bản nào?").wants_instrument
    assert analyze("Nghị định năm 2019 nào quy định về họ, hụi?").wants_instrument


def test_the_years_named_after_may_nam_are_no_count() -> None:
    spec = analyze("Đợt thi đua mấy năm 2021 tới 2025 thì khẩu hiệu là gì?")
    assert not spec.wants_number and spec.unit is None
    assert analyze("Kế hoạch kéo dài mấy năm?").unit == "năm"


@pytest.mark.parametrize(
    ("question", "asks_who"),
    [
        ("Đơn vị chủ trì triển khai kế hoạch?", True),  # the role alone: who holds it
        ("Cơ quan nào chịu trách nhiệm thẩm định?", True),
        # a body asked by a noun of its own, or "là đơn vị gì": still who
        ("Cục nào chủ trì hướng dẫn thi hành?", True),
        ("Lãnh đạo nào phụ trách lĩnh vực này?", True),
        ("Chủ trì lập dự trù kinh phí là đơn vị gì?", True),
        ("Cơ quan chủ trì tiếp nhận bản sao hồ sơ?", True),
        # with another question word, the role says of whom something else is asked
        ("Công chức được giao kiêm nhiệm thì được cộng thêm bao nhiêu lương?", False),
        ("Sở Tài chính chịu trách nhiệm những gì?", False),
        ("Quyết định bỏ quy định về cán bộ phụ trách CNTT áp dụng từ hôm nào?", False),
        ("Việc triển khai trung tâm giám sát được giao trong kế hoạch nào?", False),
        ("Sở Tài chính có chủ trì việc thẩm định không?", False),
        ("Sở Tài chính có chủ trì việc thẩm định không ạ?", False),
        ("Đơn vị chủ trì phải làm gì?", False),
        ("Sở Nội vụ được giao những nhiệm vụ nào?", False),
        ("Người chịu trách nhiệm tổ chức đám tang cần tuân thủ nguyên tắc gì?", False),
    ],
)
def test_a_role_asks_who_only_when_nothing_else_is_asked(question: str, asks_who: bool) -> None:
    assert analyze(question).wants_who is asks_who
