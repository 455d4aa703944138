"""A question in full words is answered by a sentence that writes them as the abbreviations
its document defines ("≥ 60% DNNVV, HTX, HKD")."""

from __future__ import annotations

import pytest
from tests.conftest import embedded_pipeline

from policybot.pipeline import Pipeline

QUESTION = (
    "Đồng Tháp đặt mục tiêu đến hết năm 2030 có bao nhiêu phần trăm doanh nghiệp nhỏ và vừa, "
    "hợp tác xã, hộ kinh doanh ứng dụng công nghệ số?"
)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return embedded_pipeline(tmp_path_factory.mktemp("abbreviations"), "abbreviations")


def test_the_sentence_in_abbreviations_answers_the_question_in_words(plan: Pipeline) -> None:
    answer = plan.ask(QUESTION)
    assert not answer.refused, answer.answer
    assert "60%" in answer.answer and "2030" in answer.answer
    assert answer.citations[0].document.source.endswith("KH_617-KH-UBND_DongThap_trich.txt")


def test_spelling_out_is_what_makes_it_sure(
    plan: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    sure = plan.ask(QUESTION).confidence
    _, answerer = plan.load()
    monkeypatch.setattr(answerer.abbreviations, "spell_out", lambda text, doc_id: text)
    unsure = plan.ask(QUESTION).confidence
    assert sure is not None and unsure is not None
    assert sure > unsure + 0.1


def test_the_document_defines_what_it_abbreviates(plan: Pipeline) -> None:
    _, answerer = plan.load()
    doc = next(iter(plan.load()[0].tables.documents))
    table = answerer.abbreviations.table(doc)
    assert table["DNNVV"] == "doanh nghiệp nhỏ và vừa"
    assert table["HKD"] == "hộ kinh doanh"
