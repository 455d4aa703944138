"""Follow-up questions made standalone: the model's rewrite when it passes its checks, the
rule-based rewrite otherwise. Fixed model outputs here; the real server in test_llm.py."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from tests.conftest import make_settings
from tests.llm_fixtures import free_port

from policybot.answers.prompts import Message
from policybot.answers.rewrite import standalone_question
from policybot.pipeline import Pipeline, build_pipeline
from policybot.questions.conversation import resolve_follow_up, rewrite
from policybot.search.retrieve import Filters

HISTORY = [
    {"role": "user", "content": "Kế hoạch số 5807/KH-UBND của tỉnh Quảng Trị nói về gì?"},
    {"role": "assistant", "content": "Kế hoạch triển khai Nghị quyết 52-NQ/TW [1]."},
]
FOLLOW_UP = "Nó được ban hành ngày nào?"
RULE_BASED = resolve_follow_up(FOLLOW_UP, HISTORY)


class Fixed:
    """A Chat that always replies with the same text (or raises it, when an exception)."""

    name = "fixed"

    def __init__(self, reply: str | Exception) -> None:
        self.reply = reply
        self.calls = 0

    def complete(self, messages: Sequence[Message]) -> str:
        self.calls += 1
        if isinstance(self.reply, Exception):
            raise self.reply
        return self.reply

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        yield self.complete(messages)


def test_rule_based_rewrite_resolves_the_reference() -> None:
    assert "5807/KH-UBND" in RULE_BASED and RULE_BASED != FOLLOW_UP


def test_the_models_rewrite_is_used_when_it_passes_its_checks() -> None:
    good = "Kế hoạch số 5807/KH-UBND của tỉnh Quảng Trị được ban hành ngày nào?"
    chat = Fixed(f"Câu hỏi đầy đủ: {good}")
    assert standalone_question(chat, HISTORY, FOLLOW_UP) == good
    assert chat.calls == 1


def test_a_failed_model_rewrite_falls_back_to_the_rule_based_one() -> None:
    failures: list[str | Exception] = [
        ConnectionError("down"),  # model error
        "",  # nothing
        "Kế hoạch được ban hành ngày 17/12/2020.",  # an answer, not a question
        "Kế hoạch số 9999/KH-UBND được ban hành ngày 1/1/2021?",  # figures nobody gave
        HISTORY[0]["content"],  # a copy of an earlier question
    ]
    for reply in failures:
        chat = Fixed(reply)
        assert standalone_question(chat, HISTORY, FOLLOW_UP) == RULE_BASED, reply
        assert chat.calls == 1
    assert standalone_question(None, HISTORY, FOLLOW_UP) == RULE_BASED


def test_extractive_pipeline_rewrites_by_rules(seed_pipeline: Pipeline) -> None:
    ans = seed_pipeline.ask(FOLLOW_UP, history=HISTORY)
    assert ans.question == RULE_BASED
    assert "rewrite" in ans.timings_ms and "17/12/2020" in ans.answer
    assert "rewrite" not in seed_pipeline.ask(RULE_BASED).timings_ms


def test_ask_and_stream_share_routing_and_rewrite(seed_pipeline: Pipeline) -> None:
    for filters in (None, Filters(province="Quảng Trị")):
        asked = seed_pipeline.ask(FOLLOW_UP, filters, history=HISTORY)
        streamed = list(seed_pipeline.stream_answer(FOLLOW_UP, filters, history=HISTORY))[-1]
        assert not isinstance(streamed, str)
        assert (streamed.question, streamed.answer, streamed.generator) == (
            asked.question,
            asked.answer,
            asked.generator,
        )
    # Without filters the issuance question goes to the registry, with one to retrieval.
    quang_tri = Filters(province="Quảng Trị")
    assert seed_pipeline.ask(FOLLOW_UP, history=HISTORY).generator == "registry"
    assert seed_pipeline.ask(FOLLOW_UP, quang_tri, history=HISTORY).generator == "extractive"


def test_unreachable_model_rewrites_by_rules(seed_index: Path) -> None:
    """A configured endpoint that is down: the rewrite falls back, then the answer does."""
    settings = make_settings(seed_index)
    llm = settings.llm.model_validate(
        {
            "backend": "openai-compatible",
            "base_url": f"http://127.0.0.1:{free_port()}/v1",
            "timeout": 5,
        }
    )
    pipeline = build_pipeline(settings.model_copy(update={"llm": llm}))
    assert pipeline.chat is not None
    ans = pipeline.ask(FOLLOW_UP, Filters(province="Quảng Trị"), history=HISTORY)
    assert ans.question == RULE_BASED
    assert ans.generator == "extractive-fallback" and "17/12/2020" in ans.answer


def test_a_model_rewrite_that_drops_the_resolved_instrument_is_not_used() -> None:
    from policybot.answers.rewrite import standalone_question

    class Dropping:
        def complete(self, messages: object) -> str:
            return "Cơ quan nào ban hành nghị quyết về chuyển đổi số?"

        def stream(self, messages: object) -> object:
            raise NotImplementedError

    history = [
        {"role": "user", "content": "Nghị quyết 52-NQ/TW ban hành ngày nào?"},
        {
            "role": "assistant",
            "content": "Nghị quyết số 52-NQ/TW được ban hành ngày 27/9/2019 [1].",
        },
    ]
    asked = standalone_question(Dropping(), history, "Vậy cơ quan nào ban hành nghị quyết này?")  # type: ignore[arg-type]
    assert "52-NQ/TW" in asked


def test_a_district_takes_the_place_of_the_province_with_its_level() -> None:
    previous = "Tỉnh Quảng Trị đặt mục tiêu kinh tế số bao nhiêu phần trăm GRDP?"
    got = rewrite("Còn huyện Triệu Phong thì sao?", previous)
    assert got == "Huyện Triệu Phong đặt mục tiêu kinh tế số bao nhiêu phần trăm GRDP?"
    inside = rewrite("Còn huyện Triệu Phong thì sao?", "Kế hoạch của tỉnh Quảng Trị có mấy nhóm?")
    assert "tỉnh huyện" not in inside and "của huyện Triệu Phong" in inside
