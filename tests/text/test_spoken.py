"""Question words said the spoken way read as the written ones."""

from __future__ import annotations

import pytest

from policybot.questions.question import analyze
from policybot.text.spoken import written_question_words


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("Quyết định đó có hiệu lực từ bữa nào?", "Quyết định đó có hiệu lực từ ngày nào?"),
        ("Ai làm và phải xong hồi nào?", "Ai làm và phải xong khi nào?"),
        ("Chừng nào thì phải báo cáo?", "Khi nào thì phải báo cáo?"),
        ("Hỗ trợ nhiêu tiền?", "Hỗ trợ bao nhiêu tiền?"),
        ("Lương cỡ nhiêu một tháng?", "Lương cỡ bao nhiêu một tháng?"),
        ("Được hỗ trợ bao nhiêu?", "Được hỗ trợ bao nhiêu?"),
    ],
)
def test_a_spoken_question_word_is_written(spoken: str, written: str) -> None:
    assert written_question_words(spoken) == written


def test_the_analysis_reads_spoken_question_words() -> None:
    assert analyze("Quyết định đó có hiệu lực từ bữa nào?").wants_day
    assert analyze("Bộ tiêu chí đó phải xong hồi nào?").wants_when
    assert analyze("Mỗi hộ được hỗ trợ nhiêu tiền?").wants_number
    # other words holding the same letters are kept
    assert (
        written_question_words("Bữa ăn nhiều món; thời hồi phục")
        == "Bữa ăn nhiều món; thời hồi phục"
    )


def test_back_in_a_year_is_that_year() -> None:
    assert written_question_words("Hồi 2010 Bộ giao gì?") == "Năm 2010 Bộ giao gì?"
    assert written_question_words("Theo đó, hồi năm 2009 thì sao") == "Theo đó, năm 2009 thì sao"
    # revoking (thu hồi) and "hồi đó" stay
    for kept in (
        "thu hồi 2010 giấy phép",
        "hồi đó Bộ giao gì?",
        "Kinh tế tỉnh phục hồi năm 2021 tăng bao nhiêu?",
        "Tỷ lệ phản hồi năm 2023 là bao nhiêu?",
    ):
        assert written_question_words(kept) == kept
