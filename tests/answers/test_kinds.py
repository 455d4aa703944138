"""Whether a sentence states the kind of fact asked (answers/kinds.py)."""

from policybot.answers.kinds import states_kind_asked
from policybot.answers.sentences import Sentence
from policybot.questions.question import analyze
from policybot.types import Chunk, Hit, Instrument


def said(text: str) -> Sentence:
    chunk = Chunk(id="c", doc_id="d", text=text, title="Quy chế", ordinal=0)
    return Sentence(Hit(chunk=chunk, score=1.0, rank=1), text, 0, frozenset())


def test_a_time_limit_answers_by_when() -> None:
    spec = analyze("Công chứng sau 16 giờ thì phải cập nhật dữ liệu chậm nhất khi nào?")
    late = "Trường hợp công chứng sau 16 giờ thì phải cập nhật trước 10 giờ sáng ngày làm việc"
    assert states_kind_asked(spec, said(late + " tiếp theo."))
    assert states_kind_asked(spec, said("Cơ quan phải trả lời trong 15 ngày kể từ ngày nhận."))
    assert states_kind_asked(spec, said("Trong thời hạn 30 ngày, kể từ ngày nhận được đơn."))
    # the hour the question gives is no answer, nor a count of hours
    assert not states_kind_asked(spec, said("Văn phòng công chứng làm việc đến 16 giờ."))
    assert not states_kind_asked(spec, said("Khóa bồi dưỡng có 12 giờ học."))


def test_an_hour_answers_when_only_a_deadline_is_asked() -> None:
    opening = said("Bộ phận một cửa làm việc từ 7 giờ sáng các ngày trong tuần.")
    assert not states_kind_asked(analyze("Bộ phận một cửa mở cửa khi nào?"), opening)


def test_a_floor_does_not_answer_a_ceiling_asked() -> None:
    ceiling = analyze("Cơ quan được hỏi ý kiến phải trả lời trong tối đa mấy ngày?")
    floor = said("Cơ quan lấy ý kiến gửi ít nhất 03 ngày làm việc trước thời hạn quy định.")
    assert not states_kind_asked(ceiling, floor)
    assert states_kind_asked(analyze("Phải gửi trước ít nhất mấy ngày?"), floor)
    both = said("Thời gian góp ý tối thiểu 03 ngày và tối đa 10 ngày làm việc.")
    assert states_kind_asked(ceiling, both)
    plain = said("Cơ quan được hỏi ý kiến trả lời trong 05 ngày làm việc.")  # no bound said
    assert states_kind_asked(ceiling, plain)


def test_a_web_address_asked_is_answered_by_one_written() -> None:
    spec = analyze("Hệ thống lấy ý kiến điện tử của Cần Thơ có địa chỉ truy cập là gì?")
    at = "Hệ thống lấy ý kiến điện tử thành phố Cần Thơ tại địa chỉ https://ykien.cantho.gov.vn."
    assert states_kind_asked(spec, said(at))
    assert states_kind_asked(spec, said("Hệ thống đặt tại ykien.cantho.gov.vn."))
    assert not states_kind_asked(spec, said("Hệ thống lấy ý kiến điện tử được xây dựng năm 2025."))


def test_the_instrument_acted_on_is_answered_by_a_sentence_that_writes_it() -> None:
    """ "… là văn bản sửa đổi quyết định nào?": the sentence must name the decision it
    amends, not only stand in a passage of the amending one; asked the other way round
    ("Văn bản nào sửa đổi …"), the passage's own instrument answers as before."""
    chunk = Chunk(
        id="c",
        doc_id="d",
        text="x",
        title="Quyết định 25/QĐ-TTg",
        ordinal=0,
        instruments=(Instrument("Quyết định", "25/QĐ-TTg", None, "Thủ tướng Chính phủ"),),
    )
    hit = Hit(chunk=chunk, score=1.0, rank=1)

    def in_decision(text: str) -> Sentence:
        return Sentence(hit, text, 0, frozenset())

    acted_on = analyze("Quyết định hỗ trợ lãi suất năm 2010 là văn bản sửa đổi quyết định nào?")
    assert acted_on.wants_acted_on
    figure = in_decision("Ngân hàng Nhà nước trích 17.000 tỷ đồng để cấp cho Ngân hàng.")
    amends = in_decision("Sửa đổi khoản 2 Điều 1 Quyết định số 622/QĐ-TTg ngày 17/5/2009.")
    assert not states_kind_asked(acted_on, figure)
    assert states_kind_asked(acted_on, amends)
    assert not analyze("Kinh phí thực hiện kế hoạch lấy từ nguồn nào?").wants_acted_on
    acting = analyze("Văn bản nào sửa đổi quy định hỗ trợ lãi suất năm 2009?")
    assert not acting.wants_acted_on and states_kind_asked(acting, figure)


def test_a_symbol_asked_is_answered_by_a_number_with_its_letters() -> None:
    spec = analyze("Nghị quyết về chuyển đổi số của Tỉnh ủy Bình Thuận ký hiệu đầy đủ là gì?")
    assert not states_kind_asked(spec, said("Khi quán triệt Nghị quyết số 10, Tỉnh ủy xác định."))
    assert states_kind_asked(
        spec, said("Tỉnh ủy ban hành Nghị quyết số 10-NQ/TU về chuyển đổi số.")
    )
    # a number asked ("số mấy") is answered by a bare one too
    bare = analyze("Nghị quyết về chuyển đổi số của Tỉnh ủy Bình Thuận là nghị quyết số mấy?")
    assert states_kind_asked(bare, said("Khi quán triệt Nghị quyết số 10, Tỉnh ủy xác định."))
