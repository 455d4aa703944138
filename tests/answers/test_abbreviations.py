"""A question in full words is answered by a sentence that writes them as the abbreviations
its document defines ("≥ 60% DNNVV, HTX, HKD")."""

from __future__ import annotations

import pytest
from tests.conftest import embedded_pipeline

from policybot.pipeline import Pipeline
from policybot.questions.question import analyze

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
    _, answerer = plan.load()
    spec, hits = analyze(QUESTION), plan.search(QUESTION)
    answer = plan.ask(QUESTION)
    assert answer.confidence is not None and answer.confidence >= answerer.model.answer_at
    spelled = answerer._score(spec, hits)[0]
    monkeypatch.setattr(answerer.abbreviations, "spell_out", lambda text, doc_id: text)
    bare = answerer._score(spec, hits)[0]
    # the plan's title says "doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh" too, which
    # counts for every sentence of it (candidates.TITLE_CREDIT): less, but still a margin
    assert spelled.coverage > bare.coverage + 0.05


def test_the_document_defines_what_it_abbreviates(plan: Pipeline) -> None:
    _, answerer = plan.load()
    doc = next(iter(plan.load()[0].tables.documents))
    table = answerer.abbreviations.table(doc)
    assert table["DNNVV"] == "doanh nghiệp nhỏ và vừa"
    assert table["HKD"] == "hộ kinh doanh"


def test_the_year_of_issue_is_the_time_of_a_sentence_that_names_none(plan: Pipeline) -> None:
    # the plan was issued on 01/12/2025; "Huy động nguồn lực tổng hợp của Nhà nước, doanh
    # nghiệp, hiệp hội …" speaks of no year, so it may answer for 2025, not for another year
    _, answerer = plan.load()
    retriever = plan.load()[0]

    def candidates(question: str) -> list[str]:
        spec = analyze(question)
        return [s.sentence.text for s in answerer._score(spec, retriever.search(question, k=8))]

    asked = "Năm 2025, Đồng Tháp yêu cầu huy động nguồn lực tổng hợp của những ai?"
    assert any("Huy động nguồn lực" in s for s in candidates(asked))
    other = asked.replace("2025", "2031")
    assert not any("Huy động nguồn lực" in s for s in candidates(other))
