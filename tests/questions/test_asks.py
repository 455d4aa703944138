"""A question asking two things is split into its asks; one asking one thing is not."""

from __future__ import annotations

import pytest

from policybot.questions.asks import split_asks


def test_two_question_sentences_are_two_asks() -> None:
    q = "Luật này có hiệu lực từ ngày nào? Có khoản nào áp dụng muộn hơn không?"
    assert split_asks(q) == [
        "Luật này có hiệu lực từ ngày nào?",
        "Có khoản nào áp dụng muộn hơn không?",
    ]


@pytest.mark.parametrize(
    ("question", "second"),
    [
        (
            "Thẻ gồm những hạng nào và thẻ có giá trị tối đa bao lâu?",
            "thẻ có giá trị tối đa bao lâu?",
        ),
        (
            "Phải thông báo trước bao lâu; còn nếu gặp sự cố thì trong thời hạn nào?",
            "nếu gặp sự cố thì trong thời hạn nào?",
        ),
    ],
)
def test_a_question_word_on_each_side_of_và_or_còn_makes_two_asks(
    question: str, second: str
) -> None:
    asks = split_asks(question)
    assert len(asks) == 2 and asks[1] == second


@pytest.mark.parametrize(
    "question",
    [
        "Sở Khoa học và Công nghệ chủ trì việc gì?",  # "và" inside a name
        "Cơ quan nào chủ trì và phối hợp thực hiện?",  # one ask, two verbs
        "Còn năm 2030 thì sao?",
        "Tỉnh nào và huyện nào đạt chuẩn?",  # too short a side to be an ask of its own
        "Những tổ chức nào và cá nhân nào được cấp phép hoạt động?",
        "Cơ quan nào phối hợp với Sở Khoa học và Công nghệ để làm gì?",  # "và" in a name
        "Kế hoạch đưa ra mấy nhóm giải pháp? Ngày nào?",  # no ask of its own
        "Kế hoạch đưa ra mấy nhóm giải pháp? Nói rõ hơn được không?",
        "Mức phạt đối với xe ô tô và xe máy là bao nhiêu?",  # one figure of two vehicles
        "Chủ tịch và Phó Chủ tịch Ủy ban là ai?",  # names, not roles of a procedure
        "Bộ phận tiếp nhận và trả kết quả ở Quảng Trị là cơ quan nào?",  # one body
        "Người có quyền và nghĩa vụ liên quan là ai?",  # one role
        "Đối tượng thực hiện và cơ quan thực hiện thủ tục này là ai?",
    ],
)
def test_one_ask_is_not_split(question: str) -> None:
    assert split_asks(question) == []


def test_two_roles_sharing_one_who_are_two_asks_after_the_same_lead() -> None:
    asked = "Với thủ tục công nhận kết quả thăm dò, cơ quan thực hiện và người quyết định là ai?"
    assert split_asks(asked) == [
        "Với thủ tục công nhận kết quả thăm dò, cơ quan thực hiện là ai?",
        "Với thủ tục công nhận kết quả thăm dò, người quyết định là ai?",
    ]
