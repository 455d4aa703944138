"""A document that speaks of levels of government, never of the one a question asks of,
answers nothing of that level, even from a passage that names no level itself. The text is
an excerpt of Nghị định 231/2025/NĐ-CP (two articles: one with no level, one "cấp tỉnh")."""

from __future__ import annotations

import pytest
from tests.conftest import hashed_index, make_settings

from policybot.pipeline import Pipeline, build_pipeline
from policybot.questions.question import analyze


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    root = tmp_path_factory.mktemp("levels")
    return build_pipeline(make_settings(hashed_index(root, "levels"), backend="hash"))


def test_a_level_the_document_never_speaks_of_is_not_answered(pipeline: Pipeline) -> None:
    q = "Kiến trúc sư trưởng cấp huyện được chọn tối đa mấy người giúp việc?"
    retriever, answerer = pipeline.load()
    spec = analyze(q)
    candidates = answerer._score(spec, retriever.search(q, k=8))
    assert not any("10 người" in c.sentence.text for c in candidates)
    assert pipeline.ask(q).refused
    # asked of no level, the article that names none is a candidate
    free = "Tổng công trình sư Hệ thống được chọn tối đa mấy người giúp việc?"
    found = answerer._score(analyze(free), retriever.search(free, k=8))
    assert any("10 người" in c.sentence.text for c in found)


def test_the_level_it_speaks_of_is_answered(pipeline: Pipeline) -> None:
    a = pipeline.ask("Kiến trúc sư trưởng cấp tỉnh được chọn tối đa mấy người giúp việc?")
    assert not a.refused, a.answer
    assert "03 người" in a.answer
