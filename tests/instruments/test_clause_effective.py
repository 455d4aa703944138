"""A rule a law gives a day of its own is answered with that day, not the law's: an excerpt
of Luật Trật tự, an toàn giao thông đường bộ 36/2024/QH15 (Điều 10 and Điều 88)."""

from __future__ import annotations

import pytest
from tests.conftest import hashed_index, make_settings

from policybot.instruments.clause_effective import own_days
from policybot.pipeline import Pipeline, build_pipeline
from policybot.types import Chunk


@pytest.fixture(scope="module")
def law(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    index = hashed_index(tmp_path_factory.mktemp("clause-effective"), "clause-effective")
    return build_pipeline(make_settings(index, backend="hash"))


def test_the_clause_described_takes_effect_on_its_own_day(law: Pipeline) -> None:
    a = law.ask(
        "Quy định không cho trẻ em dưới 10 tuổi ngồi cùng hàng ghế với người lái xe ô tô"
        " bắt đầu áp dụng từ khi nào?"
    )
    assert not a.refused, a.answer
    assert "01 tháng 01 năm 2026" in a.answer and "Khoản 3 Điều 10" in a.answer
    assert "2025" not in a.answer  # the law's own day is not this rule's


def test_another_clause_of_the_article_is_not_given_that_day(law: Pipeline) -> None:
    a = law.ask(
        "Quy định người tham gia giao thông phải đi bên phải theo chiều đi của mình"
        " có hiệu lực từ ngày nào?"
    )
    assert a.refused or "2026" not in a.answer, a.answer


def test_a_day_given_to_another_instruments_part_is_not_the_documents_own() -> None:
    text = (
        "Điều 88. Hiệu lực thi hành\n"
        "1. Khoản 3 Điều 10 của Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.\n"
        "2. Điều 5 Nghị định số 100/2019/NĐ-CP có hiệu lực thi hành từ ngày 01 tháng 3 năm"
        " 2026.\n"
    )
    chunk = Chunk(id="c", doc_id="d", text=text, title="Luật", ordinal=0)
    assert [(c, a) for c, a, _, _ in own_days([chunk])] == [("3", "10")]


def test_a_part_excepted_from_the_laws_day_is_not_given_that_day() -> None:
    text = (
        "1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025, trừ trường hợp quy"
        " định tại khoản 3 Điều 10 của Luật này.\n"
        "2. Khoản 3 Điều 10 của Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.\n"
    )
    chunk = Chunk(id="c", doc_id="d", text=text, title="Luật", ordinal=0)
    [(clause, article, sentence, _)] = own_days([chunk])
    assert (clause, article) == ("3", "10") and "2026" in sentence
