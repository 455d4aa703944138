"""Which instrument sets what a question describes in its own words, none named: what is
described is answered as a question of its own and the instrument whose sentence answers
it is named (excerpt of Nghị quyết 73/2025/NQ-HĐND of Hà Nội: its header and Điều 4)."""

from __future__ import annotations

import pytest
from tests.conftest import embedded_pipeline

from policybot.answers.sets_described import agrees, asks_which_sets, described_content
from policybot.pipeline import Pipeline
from policybot.questions.question import analyze
from policybot.types import Instrument

RESOLUTION = Instrument(
    type="Nghị quyết", number="73/2025/NQ-HĐND", issuer="Hội đồng nhân dân Thành phố Hà Nội"
)


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return embedded_pipeline(tmp_path_factory.mktemp("which"), "which-by-content")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "Việc nâng hạng thẻ nhân lực công nghệ cao sau 20 năm được quy định ở văn bản số mấy?",
            "đủ 20 năm",
        ),
        (
            "Thẻ nhân lực công nghệ cao cấp bằng bản giấy hay bản điện tử đều có giá trị pháp lý"
            " như nhau, điều này nằm trong văn bản nào?",
            "giá trị pháp lý như nhau",
        ),
    ],
)
def test_the_instrument_whose_sentence_says_it_is_named(
    pipeline: Pipeline, question: str, said: str
) -> None:
    answer = pipeline.ask(question)
    assert not answer.refused, answer.answer
    assert "73/2025/NQ-HĐND" in answer.answer and said in answer.answer


def test_another_type_and_issuer_asked_is_not_this_one(pipeline: Pipeline) -> None:
    answer = pipeline.ask(
        "Việc nâng hạng thẻ nhân lực công nghệ cao sau 20 năm được quy định trong quyết định"
        " nào của UBND?"
    )
    assert answer.refused


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Mức phạt vượt đèn đỏ được quy định ở văn bản nào?", True),
        ("Quy định về hạng thẻ nằm trong văn bản nào?", True),
        ("Người làm ở khu công nghệ cao được hỗ trợ học phí theo nghị quyết nào?", True),
        ("Kế hoạch này được ban hành theo nghị quyết nào?", False),  # what it rests on
        # a lineage word that describes, away from the noun asked for
        ("Cá nhân thực hiện thủ tục cấp đổi thẻ trước khi hết hạn, quy định ở văn bản nào?", True),
        # which one amends or carries it out: the lineage's, not a sentence's
        ("Văn bản nào sửa đổi quy định về thẻ nhân lực công nghệ cao?", False),
        ("Kế hoạch nào triển khai quy định về thẻ nhân lực?", False),
        # which one the thing described is: its trích yếu's
        ("Kế hoạch thi đua chuyển đổi số 2021-2025 là kế hoạch số mấy?", False),
        # an instrument named by number: what it says is asked of it
        ("Nghị quyết 73/2025/NQ-HĐND quy định hạng thẻ ở văn bản nào?", False),
    ],
)
def test_which_instrument_sets_it_is_asked(question: str, asked: bool) -> None:
    assert asks_which_sets(analyze(question)) is asked


def test_the_instrument_agrees_with_the_type_and_issuer_named() -> None:
    assert agrees(analyze("Hạng thẻ được quy định ở văn bản nào?"), RESOLUTION)
    assert agrees(analyze("Hạng thẻ quy định ở nghị quyết nào của HĐND Hà Nội?"), RESOLUTION)
    assert agrees(analyze("Hạng thẻ quy định ở văn bản nào của HĐND TP. Hà Nội?"), RESOLUTION)
    # "quy định" there is the verb; the noun asked for is the one nearest "nào"
    assert not agrees(analyze("Hạng thẻ quy định ở quyết định nào?"), RESOLUTION)
    assert not agrees(analyze("Hạng thẻ quy định ở văn bản nào của UBND tỉnh?"), RESOLUTION)
    assert not agrees(analyze("Hạng thẻ được quy định ở văn bản nào?"), None)  # a report
    assert not agrees(
        analyze("Hạng thẻ được quy định ở văn bản nào?"), Instrument(type="Nghị quyết")
    )


def test_what_is_described_is_asked_without_the_words_asking_for_an_instrument() -> None:
    spec = described_content(
        analyze("Hạng thẻ được quy định ở văn bản nào của HĐND thành phố Hà Nội, số mấy?")
    )
    assert spec.text == "Hạng thẻ được quy định ở , số mấy?"
    assert not spec.wants_instrument and not spec.wants_symbol
