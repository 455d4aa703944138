"""Which words of a question an answer should hold, and what each weighs."""

from __future__ import annotations

from policybot.answers.question_words import UNSEEN_WEIGHT, QuestionWords, unasked_share, words
from policybot.index.lexical import TermCounts
from policybot.questions.question import analyze

PASSAGES = [
    "Cơ quan, đơn vị cần xin ý kiến ít nhất 03 ngày làm việc trước thời hạn quy định.",
    "Sở Tài chính thẩm định dự toán kinh phí thực hiện Kế hoạch.",
    "Kinh tế số chiếm khoảng 30% tổng sản phẩm trong tỉnh.",
    "Sở Nội vụ chủ trì biểu dương, khen thưởng các doanh nghiệp.",
]


def _words() -> QuestionWords:
    return QuestionWords(TermCounts.count(PASSAGES))


def test_a_word_no_passage_holds_weighs_less_than_its_idf() -> None:
    qw = _words()
    assert qw.idf("gánh") > qw.idf("kinh")  # unseen: the highest idf there is
    assert qw.weight("gánh") == qw.idf("gánh") * UNSEEN_WEIGHT < qw.idf("gánh")
    assert qw.weight("kinh") == qw.idf("kinh")  # a word the passages hold keeps its idf


def test_how_long_asks_a_length_of_time_and_is_not_a_content_word() -> None:
    spec = analyze("Đơn vị phải gửi trước thời hạn bao lâu?")
    left = _words().content_left(spec)
    assert "lâu" not in left and "gửi" in left


def test_before_the_deadline_is_said_as_the_texts_say_it() -> None:
    asked = words("phải gửi sớm hơn hạn chót ít nhất mấy ngày")
    stated = words("cần gửi ít nhất 03 ngày làm việc trước thời hạn quy định")
    assert {"trước", "thời", "hạn", "tối", "thiểu"} <= set(asked) & set(stated)
    assert "chót" not in asked
    # a deadline asked as such is still the latest date ("chậm nhất")
    assert "chậm" in words("hạn chót nộp báo cáo là ngày nào")


def test_the_unasked_share_of_a_lists_opening_line() -> None:
    asked = set(words("Công dân, tổ chức Việt Nam lập quỹ thì tài sản tối thiểu là bao nhiêu?"))
    ours = "2. Đối với quỹ do công dân, tổ chức Việt Nam thành lập:"
    theirs = "3. Trường hợp có cá nhân, tổ chức nước ngoài góp tài sản với công dân Việt Nam:"
    assert unasked_share(ours, asked) < unasked_share(theirs, asked)
    assert unasked_share("", asked) == 0.0 and unasked_share("Việt Nam", asked) == 0.0
