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
