"""An instrument asked of in the official's own words, not by number ("Quyết định của Bắc
Ninh bỏ quy định về cán bộ chuyên trách tin học có hiệu lực từ ngày nào?"): answered from
the instrument whose document retrieval ranks first when the question agrees with it in
province, year and type; a question about another province's instrument is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import hashed_index, make_settings

from policybot.pipeline import Pipeline, build_pipeline

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    index = hashed_index(tmp_path_factory.mktemp("topic"), "official", "validity")
    return build_pipeline(make_settings(index, backend="hash"))


@pytest.mark.parametrize(
    "question",
    [
        "Quyết định của Bắc Ninh bỏ quy định về cán bộ chuyên trách công nghệ thông tin"
        " có hiệu lực từ ngày nào?",
        "Văn bản bỏ quy định quản lý chuyên môn với cán bộ chuyên trách tin học có hiệu lực"
        " khi nào?",
    ],
)
def test_an_instrument_named_in_own_words_is_answered(pipeline: Pipeline, question: str) -> None:
    answer = pipeline.ask(question)
    assert not answer.refused, answer.answer
    assert "20 tháng 11 năm 2025" in answer.answer
    assert "451" in answer.citations[0].document.title


def test_another_provinces_instrument_is_not_this_one(pipeline: Pipeline) -> None:
    answer = pipeline.ask(
        "Quyết định của Hưng Yên bỏ quy định về cán bộ chuyên trách công nghệ thông tin"
        " có hiệu lực từ ngày nào?"
    )
    assert "20 tháng 11 năm 2025" not in answer.answer


def test_law_in_general_names_no_type(pipeline: Pipeline) -> None:
    """ "văn bản pháp luật" is any legal text: the decision is still the one asked of."""
    answer = pipeline.ask(
        "Văn bản pháp luật của Bắc Ninh bỏ quy định về cán bộ chuyên trách công nghệ thông tin"
        " có hiệu lực từ ngày nào?"
    )
    assert not answer.refused, answer.answer
    assert "20 tháng 11 năm 2025" in answer.answer


def test_who_decided_the_matter_its_trich_yeu_names(pipeline: Pipeline) -> None:
    """ "… do cơ quan nào quyết định?": "quyết định" is the verb, not the type asked, and
    the matter decided is what the decision is about: its issuer answers."""
    answer = pipeline.ask(
        "Việc bãi bỏ quy định về cán bộ chuyên trách công nghệ thông tin ở Bắc Ninh do cơ quan"
        " nào quyết định?"
    )
    assert not answer.refused, answer.answer
    assert "451" in answer.answer and "Bắc Ninh" in answer.answer
    assert "ban hành" in answer.answer


def test_who_decides_a_matter_inside_the_instrument_is_not_its_issuer(pipeline: Pipeline) -> None:
    """The matter asked is not what the trích yếu names: who issued the decision is no
    answer to who decides it."""
    answer = pipeline.ask(
        "Khó khăn, vướng mắc phát sinh khi thực hiện việc bãi bỏ quy định về cán bộ chuyên"
        " trách công nghệ thông tin ở Bắc Ninh do cơ quan nào quyết định?"
    )
    assert "theo phần đầu của văn bản" not in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        # another act than the one its trích yếu names
        "Việc sửa đổi quy định về cán bộ chuyên trách công nghệ thông tin ở Bắc Ninh do cơ"
        " quan nào quyết định?",
        # another year than its own
        "Việc bãi bỏ quy định về cán bộ chuyên trách công nghệ thông tin ở Bắc Ninh năm 2019"
        " do cơ quan nào quyết định?",
    ],
)
def test_who_decided_another_act_or_year_is_not_its_issuer(
    pipeline: Pipeline, question: str
) -> None:
    assert "theo phần đầu của văn bản" not in pipeline.ask(question).answer
