"""A number answers "bao nhiêu X" only when it counts X: a fraction is a number, money is
counted in đồng, triệu, tỷ; a day written d/m is no fraction. Sentences from real texts
(Án lệ 55/2022/AL, Nghị quyết 77/2025/NQ-HĐND of Hà Nội)."""

from __future__ import annotations

import pytest

from policybot.answers.stated import lists_items
from policybot.answers.stated_numbers import enumerates, number_of, stated_numbers
from policybot.questions.question import analyze

SHARE = "Hợp đồng được công nhận khi bên nhận chuyển nhượng đã thực hiện bao nhiêu nghĩa vụ?"
MONEY = "Mỗi cá nhân được hỗ trợ chi phí chứng thư chữ ký số tối đa bao nhiêu tiền một năm?"


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("nhưng bên nhận chuyển nhượng đã thực hiện 2/3 nghĩa vụ của mình.", True),
        ("từ ngày 2/3 bên nhận đã thực hiện nghĩa vụ.", False),  # a day
        ("bên nhận đã thực hiện 3/2 nghĩa vụ.", False),  # no fraction of a whole
        ("bên nhận đã thực hiện nghĩa vụ theo Quyết định 2/3.", False),
    ],
)
def test_a_fraction_counts_what_is_asked(sentence: str, counts: bool) -> None:
    assert number_of(sentence, analyze(SHARE)) is counts


def test_a_fraction_is_one_number() -> None:
    assert stated_numbers("đã thực hiện 2/3 nghĩa vụ", analyze(SHARE)) == ["2/3"]


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("Chi phí hỗ trợ cho mỗi cá nhân không vượt quá 100.000 đồng/năm.", True),
        ("Mức hỗ trợ 2 triệu đồng cho mỗi tổ chức.", True),
        ("Hỗ trợ 100 cá nhân mỗi năm.", False),
    ],
)
def test_money_is_counted_in_currency(sentence: str, counts: bool) -> None:
    assert number_of(sentence, analyze(MONEY)) is counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("Nghị quyết với các trụ cột chính là địa phương số, kinh tế số, xã hội số.", True),
        ("Tỉnh xác định 03 trụ cột gồm: chính quyền số; kinh tế số; xã hội số.", True),
        ("Trụ cột của chuyển đổi số là người dân.", False),  # one thing, not counted ones
        ("Mục tiêu cụ thể: hạ tầng số, dữ liệu số.", False),  # no pillars listed
    ],
)
def test_a_count_is_answered_by_the_things_listed(sentence: str, counts: bool) -> None:
    spec = analyze("Nghị quyết dựa trên mấy cái trụ cột chính?")
    assert spec.unit == "trụ"  # the classifier "cái" counts nothing
    assert enumerates(sentence, spec) is counts


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("Chi phí hỗ trợ cho mỗi cá nhân không vượt quá 100.000 đồng/năm.", True),
        ("Mức hỗ trợ là 05 triệu đồng mỗi năm cho mỗi người.", True),
        ("Hỗ trợ 100% chi phí cấp mới chứng thư chữ ký số trong năm.", False),  # a share
        ("Hỗ trợ 300.000 đồng/tháng cho mỗi người.", False),  # per month, not per year
    ],
)
def test_a_rate_asked_is_an_amount_per_period(sentence: str, counts: bool) -> None:
    spec = analyze("Người dân được hỗ trợ tối đa bao nhiêu một năm?")
    assert spec.per == "năm"
    assert spec.unit is None  # "một" counts nothing
    assert number_of(sentence, spec) is counts


def test_a_length_of_time_is_no_amount_per_period() -> None:
    spec = analyze("Người có thẻ được hỗ trợ tiền thuê nhà bao nhiêu mỗi tháng?")
    assert not number_of("Hỗ trợ 100% giá vé theo tháng trong thời gian 03 năm đầu.", spec)
    assert number_of("Hỗ trợ 2.000.000 đồng/tháng tiền thuê nhà.", spec)


def test_a_number_the_question_gives_is_not_the_answer() -> None:
    """Asked the fine beyond a limit the question names, the item restating the limit does
    not state what is asked; its list's opening line, with the fine, does (Nghị định
    168/2024/NĐ-CP words its alcohol items so)."""
    spec = analyze("Lái ô tô mà nồng độ cồn vượt quá 0,4 miligam/1 lít khí thở thì phạt bao nhiêu?")
    item = "c) Điều khiển xe mà nồng độ cồn vượt quá 0,4 miligam/1 lít khí thở;"
    assert not stated_numbers(item, spec)
    assert not number_of(item, spec)
    assert stated_numbers(item, analyze("Mức nồng độ cồn bị phạt nặng nhất là bao nhiêu?"))
    assert number_of("Phạt tiền từ 30.000.000 đồng đến 40.000.000 đồng đối với:", spec)
    # a number naming something ("Đề án 30") is not the percentage asked; a question naming
    # a figure to find its instrument asks no number away
    share = analyze("Đề án 30 bắt các bộ cắt ít nhất bao nhiêu phần trăm thủ tục?")
    assert number_of("đạt chỉ tiêu tối thiểu 30% của Thủ tướng Chính phủ.", share)
    fine = analyze("Nồng độ cồn vượt quá 0,4 miligam/1 lít khí thở thì bị phạt tiền bao nhiêu?")
    assert fine.unit == "tiền"  # a fine is counted in currency: "80 miligam" is no fine
    assert not number_of("vượt quá 80 miligam/100 mililít máu hoặc 0,4 miligam/1 lít;", fine)
    which = analyze("Văn bản nào đặt mục tiêu kinh tế số chiếm 30% GRDP?")
    assert stated_numbers("Kinh tế số chiếm khoảng 30% GRDP.", which) == ["30%"]


def test_a_generation_is_a_number_written_with_its_letter() -> None:
    spec = analyze("Huyện tính tới năm 2030 sẽ phủ sóng mạng di động thế hệ mấy?")
    assert number_of("Đến năm 2030, phủ sóng mạng di động 5G toàn huyện.", spec)
    assert not number_of("Đến năm 2030, phủ sóng mạng di động toàn huyện.", spec)
    # a letter naming a road or a zone is no unit
    assert not number_of("Đến năm 2030, phủ sóng mạng di động dọc Quốc lộ 1A.", spec)


@pytest.mark.parametrize(
    ("sentence", "lists"),
    [
        ("Ưu tiên chuyển đổi số trong một số lĩnh vực như: nông nghiệp, y tế, giáo dục.", True),
        ("Nghị quyết với các trụ cột chính là địa phương số, kinh tế số, xã hội số.", True),
        ("Kế hoạch thi đua với chủ đề: “Xây dựng chính quyền số, kinh tế số, xã hội số”.", False),
        ("Kế hoạch gồm hai nhiệm vụ chính.", False),
        # decimal commas split no item; "cũng như" is "as well as", no list
        ("Tổng kinh phí gồm 1,5 tỷ đồng năm 2026 và 2,25 tỷ đồng năm 2027.", False),
        ("Sở chủ trì cũng như Sở Tài chính, Sở Nội vụ, Sở Xây dựng phối hợp thực hiện.", False),
    ],
)
def test_a_sentence_naming_things_one_by_one(sentence: str, lists: bool) -> None:
    assert lists_items(sentence) is lists


def test_clauses_after_a_label_are_no_list() -> None:
    note = (
        "Ghi chú: Bộ Nông nghiệp và Phát triển nông thôn có trách nhiệm quản lý các tiền chất "
        "dùng làm nguyên liệu sản xuất thuốc thú y theo quy định tại Nghị định số 105/2021/NĐ-CP, "
        "thực hiện việc cấp phép theo quy định hiện hành."
    )
    assert not lists_items(note)


@pytest.mark.parametrize(
    ("question", "sentence", "counts"),
    [
        # a length glued to its unit's abbreviation (Thông tư 03/2010/TT-BCT, Điều 5)
        (
            "Phạm vi nối đất là bao nhiêu mét?",
            "b) Cấp điện áp 500kV: đến 60m tính từ mép dây.",
            True,
        ),
        ("Phạm vi nối đất là bao nhiêu mét?", "Cọc dài không nhỏ hơn 1,0m.", True),
        ("Đường dài bao nhiêu km?", "Tuyến đường dài 12 km.", True),
        ("Phạm vi nối đất là bao nhiêu mét?", "Quốc lộ 1A đi qua địa bàn.", False),  # a name
        ("Phạm vi nối đất là bao nhiêu mét?", "Giao lô 12M cho nhà thầu.", False),  # a lot
        ("Phạm vi nối đất là bao nhiêu mét?", "Hành lang rộng 25 ngày.", False),
        # a unit spelled out with hyphens, as people say it, and the text's abbreviation
        ("Phường rộng bao nhiêu héc-ta?", "Phường có 1.121,3 ha diện tích tự nhiên.", True),
        ("Phường rộng bao nhiêu héc-ta?", "Phường có 4.951 nhân khẩu.", False),
        ("Phường có bao nhiêu dân?", "Phường có 4.951 nhân khẩu.", True),
        ("Phường có bao nhiêu dân?", "Phường có 1.200 hộ dân.", False),  # households
        ("Có bao nhiêu người được hỗ trợ?", "Đã hỗ trợ 1.200 hộ dân.", False),
        ("Tuyến dài bao nhiêu ki-lô-mét?", "Tuyến đường dài 12 km.", True),
        # the everyday counting noun for the text's own
        ("Huyện chia việc thành bao nhiêu mảng?", "Huyện đề ra 07 nhóm nhiệm vụ.", True),
        ("Huyện chia việc thành bao nhiêu mảng?", "Huyện có 07 xã đạt chuẩn.", False),
    ],
)
def test_a_length_is_counted_by_its_unit_or_abbreviation(
    question: str, sentence: str, counts: bool
) -> None:
    assert number_of(sentence, analyze(question)) is counts


def test_the_measure_a_question_gives_is_no_answer() -> None:
    spec = analyze("Đường dây cấp điện áp 500kV thì phạm vi nối đất là bao nhiêu mét?")
    assert stated_numbers("Cấp điện áp 500kV: đến 60m.", spec) == ["60"]


def test_a_share_asked_is_a_share_of_what_the_question_names() -> None:
    spec = analyze("Thành phố Đông Hà phấn đấu kinh tế số chiếm bao nhiêu phần trăm GRDP?")
    broadband = "Các lĩnh vực: Y tế, giáo dục, Internet băng thông rộng phủ 100% đến các xã."
    assert not number_of(broadband, spec)
    assert number_of("Phấn đấu kinh tế số chiếm khoảng 20% tổng sản phẩm trong tỉnh.", spec)
    # what follows the share says what it is of, past a list of abbreviations
    listed = analyze("Đến năm 2030 bao nhiêu phần trăm hộ kinh doanh ứng dụng công nghệ số?")
    assert number_of("Đến hết năm 2030: Có ≥ 60% DNNVV, HTX, HKD ứng dụng công nghệ số.", listed)
    # a bare figure of a list item names nothing else to disagree with
    assert number_of("đ) Đến hết năm 2045: 100%", listed)


def test_a_count_asked_by_the_last_word_of_its_noun_is_answered_by_the_things_listed() -> None:
    # "mấy cột chính" asks of "các trụ cột chính"; "các mục tiêu" lists no "cột"
    spec = analyze("Nghị quyết dựa trên mấy cột chính?")
    assert spec.unit == "cột"
    listed = "Nghị quyết với các trụ cột chính là địa phương số, kinh tế số, xã hội số."
    assert enumerates(listed, spec)
    assert not enumerates("Với các mục tiêu chính là hạ tầng số, dữ liệu số.", spec)
    # a compound ending in the unit is another noun unless the question's next word follows
    tasks = "Kế hoạch giao các nhiệm vụ: tuyên truyền, kiểm tra, xử lý."
    assert not enumerates(tasks, analyze("Năm nay có mấy vụ vi phạm?"))
    towns = "Tỉnh có các thị xã: Đông Hà, Quảng Trị."
    assert not enumerates(towns, analyze("Tỉnh có mấy xã đạt chuẩn?"))


def test_a_number_owned_by_what_follows_counts_nothing_of_it() -> None:
    # "thủ tục" counted; "30% của Thủ tướng" is the Prime Minister's target, no procedures
    counted = analyze("Bộ Công Thương đã đơn giản hóa được bao nhiêu thủ tục hành chính?")
    assert not number_of("Bảo đảm đạt chỉ tiêu tối thiểu 30% của Thủ tướng Chính phủ.", counted)
    assert number_of("Bộ đã đơn giản hóa 120 thủ tục hành chính trong năm.", counted)


def test_a_fee_asked_is_a_sum_of_money_or_a_share() -> None:
    spec = analyze("Lệ phí cấp thẻ nhân lực công nghệ cao của Hà Nội là bao nhiêu?")
    assert spec.unit == "phí"
    assert number_of("Lệ phí cấp thẻ là 200.000 đồng.", spec)
    assert number_of("Mức thu lệ phí trước bạ là 2%.", spec)
    # a count of papers is no fee
    assert not number_of("Đơn vị lập 01 bộ hồ sơ cấp mới thẻ nhân lực công nghệ cao.", spec)
    assert analyze("Giá trị hợp đồng là bao nhiêu?").unit is None  # a value, not a price
