"""Whether an instrument is still in force and what ended or amended it, asked of one named
by number, answered from the validity relations the newer documents state (real documents:
a decree ending an older one, a decision abolishing one, a circular amending two)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import hashed_index, make_settings

from policybot.instruments.validity_answers import asked
from policybot.pipeline import Pipeline, build_pipeline


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    index: Path = hashed_index(tmp_path_factory.mktemp("validity-qa"), "official", "validity")
    return build_pipeline(make_settings(index, backend="hash"))


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "Quyết định 445/2013/QĐ-UBND còn hiệu lực không?",
            "Quyết định số 445/2013/QĐ-UBND bị bãi bỏ bởi Quyết định số 451/QĐ-UBND",
        ),
        (
            "Nghị định 144/2006 đã bị thay thế bởi văn bản nào?",
            "Nghị định số 144/2006/NĐ-CP bị thay thế bởi Nghị định số 19/2019/NĐ-CP",
        ),
        (
            "Thông tư 09/2025/TT-BCT được sửa đổi bởi thông tư nào?",
            "Thông tư số 09/2025/TT-BCT bị sửa đổi bởi Thông tư số 54/2025/TT-BCT",
        ),
    ],
)
def test_what_ended_it_is_answered_and_cited(pipeline: Pipeline, question: str, said: str) -> None:
    answer = pipeline.ask(question)
    assert not answer.refused, answer.answer
    assert said in answer.answer
    assert answer.generator == "registry" and answer.citations


def test_an_ended_instrument_ends_when_the_newer_one_takes_effect(pipeline: Pipeline) -> None:
    answer = pipeline.ask("Nghị định 144/2006 hết hiệu lực khi nào, do văn bản nào thay thế?")
    assert not answer.refused, answer.answer
    assert "bị thay thế bởi Nghị định số 19/2019/NĐ-CP" in answer.answer
    assert "kể từ ngày 5/4/2019" in answer.answer


def test_an_abolition_is_no_replacement(pipeline: Pipeline) -> None:
    answer = pipeline.ask("Bỏ Quyết định 445/2013 rồi thì tỉnh thay bằng quy định nào?")
    assert answer.refused and answer.reason == "validity-not-stated"
    assert "bị bãi bỏ bởi Quyết định số 451/QĐ-UBND" in answer.answer


def test_an_instrument_the_corpus_says_nothing_of_gets_no_status(pipeline: Pipeline) -> None:
    answer = pipeline.ask("Luật 61/2024/QH15 còn hiệu lực không?")
    assert answer.reason != "validity-not-stated"
    assert "bị thay thế bởi" not in answer.answer and "bị bãi bỏ bởi" not in answer.answer


def test_what_is_asked() -> None:
    assert asked("quyết định 445/2013 còn hiệu lực không?") == "status"
    assert asked("văn bản nào thay thế nghị định 144/2006?") == "replaces"
    assert asked("nghị định 144 bị bãi bỏ bởi văn bản nào?") == "abolishes"
    assert asked("thông tư 09 được sửa đổi, bổ sung bởi thông tư nào?") == "amends"
    assert asked("nghị định 144 có hiệu lực từ ngày nào?") is None
