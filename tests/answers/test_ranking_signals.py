"""Two ranking signals on the seed corpus: a list question prefers the sentence naming the
items over the one announcing them, and a report's publication date is the time of its
sentences that name no year."""

from __future__ import annotations

import pytest

import policybot.answers.candidates as candidates_module
from policybot.answers.stated import lists_items
from policybot.pipeline import Pipeline
from policybot.questions.question import analyze

LIST_ASKED = "Phong trào thi đua chuyển đổi số ở Đồng Tháp chú trọng những lĩnh vực nào?"


def _top(pipeline: Pipeline, question: str) -> str:
    retriever, answerer = pipeline.load()
    scored = answerer._score(analyze(question), retriever.search(question, k=8))
    assert scored, question
    return scored[0].sentence.text


def _scores(pipeline: Pipeline, question: str) -> dict[str, float]:
    retriever, answerer = pipeline.load()
    scored = answerer._score(analyze(question), retriever.search(question, k=8))
    return {s.sentence.text: s.score for s in scored}


def test_a_list_asked_is_answered_by_the_sentence_naming_the_items(
    seed_pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    top = _top(seed_pipeline, LIST_ASKED)
    assert lists_items(top) and "nông nghiệp" in top and "y tế" in top
    # the list signal lifts the sentence naming the items, and no other
    listed = _scores(seed_pipeline, LIST_ASKED)
    monkeypatch.setattr(candidates_module, "LIST_TIER", 0.0)
    unlisted = _scores(seed_pipeline, LIST_ASKED)
    assert listed[top] - unlisted[top] > 0.3
    assert all(listed[t] == unlisted[t] for t in listed if not lists_items(t))


def test_a_report_speaks_of_the_year_it_was_published(seed_pipeline: Pipeline) -> None:
    # the report on the campaign was published on 16/6/2022; its sentence names no year
    same = seed_pipeline.ask(
        "Năm 2022, Đồng Tháp ưu tiên thi đua chuyển đổi số trong những lĩnh vực nào?"
    )
    assert not same.refused and "nông nghiệp" in same.answer, same.answer
    before = seed_pipeline.ask(
        "Năm 2019, Đồng Tháp ưu tiên thi đua chuyển đổi số trong những lĩnh vực nào?"
    )
    assert before.refused, before.answer


def test_a_sentence_about_its_document_ranks_behind_one_about_the_question(
    seed_pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    # asked what the campaign wants done with open data, the report's lead ("UBND tỉnh vừa
    # ban hành kế hoạch tổ chức phong trào thi đua …") restates its title: it is closer in
    # meaning to the title than to the question, and loses the excess
    question = "Về dữ liệu mở, phong trào thi đua số hóa của Đồng Tháp đòi hỏi những gì?"
    retriever, answerer = seed_pipeline.load()
    vectors = answerer.sentence_vectors
    assert vectors is not None
    adjusted = _scores(seed_pipeline, question)
    monkeypatch.setattr(candidates_module, "TITLE_ECHO", 0.0)
    raw = _scores(seed_pipeline, question)
    qv = answerer.scorer.question_vector(analyze(question))
    title = {h.chunk.text: h.chunk.title for h in retriever.search(question, k=8)}
    lowered = []
    for hit in retriever.search(question, k=8):
        for sentence in answerer.sentences.of(hit):
            if sentence.text not in raw:
                continue
            got = vectors.get([sentence.text, title[hit.chunk.text]])
            excess = float(got[title[hit.chunk.text]] @ got[sentence.text]) - float(
                qv @ got[sentence.text]
            )
            w = answerer.model.rank_semantic
            expected = raw[sentence.text] - w * max(0.0, excess)
            assert adjusted[sentence.text] == pytest.approx(expected, abs=1e-4)
            if excess > 0:
                lowered.append(sentence.text)
    assert any("vừa ban hành kế hoạch" in t for t in lowered), lowered
    # the lead loses more than the sentence stating what is asked
    lead = next(t for t in raw if "vừa ban hành kế hoạch" in t)
    data = next(t for t in raw if "dữ liệu mở" in t)
    assert adjusted[lead] - adjusted[data] < raw[lead] - raw[data] - 0.05
