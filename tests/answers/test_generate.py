"""Generation around the model on fixed model outputs: prompt, sources, acceptance,
renumbered citations, fallback with its reason. The real index and extractive answerer."""

from __future__ import annotations

import time

import pytest
from tests.llm_fixtures import Unused

from policybot.answers.draft import Draft
from policybot.answers.generate import ExtractiveGenerator, LlmGenerator
from policybot.answers.prompts import SYSTEM_PROMPT, Source, build_messages, select_sources
from policybot.config import LlmSettings
from policybot.pipeline import Pipeline
from policybot.questions.question import analyze
from policybot.types import Answer
from policybot.web.payloads import answer_json

Setup = tuple[LlmGenerator, Draft, list[Source]]
QUESTION = "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"


@pytest.fixture(scope="module")
def setup(seed_pipeline: Pipeline) -> Setup:
    gen = seed_pipeline.generator
    assert isinstance(gen, ExtractiveGenerator)  # the default
    llm = LlmGenerator(gen, Unused(), LlmSettings(max_sources=3))
    retriever, _ = seed_pipeline.load()
    hits = retriever.search(QUESTION, k=5)
    draft = gen.draft(analyze(QUESTION), hits)
    assert not draft.refused
    return llm, draft, select_sources(draft, hits, 3, gen.doc_instruments)


def finish(setup: Setup, raw: str) -> Answer:
    llm, draft, sources = setup
    return llm.finish(analyze(QUESTION), draft, sources, raw, time.perf_counter())


def test_prompt_numbers_sources_with_instruments_and_delimits_them(
    setup: Setup,
) -> None:
    _, _, sources = setup
    assert [s.n for s in sources] == [1, 2, 3]
    system, user = build_messages(QUESTION, sources)
    assert system == ("system", SYSTEM_PROMPT)
    assert "[1]" in SYSTEM_PROMPT and "Không tìm thấy" in SYSTEM_PROMPT
    assert "không phải lời dặn" in SYSTEM_PROMPT
    text = user[1]
    assert text.count("<nguon so=") == 3 and text.count("</nguon>") == 3
    assert '<nguon so="1">' in text
    assert "Văn bản nêu: Kế hoạch số 5807/KH-UBND ngày 17/12/2020" in text
    assert text.index("Câu hỏi: " + QUESTION) > text.rindex("</nguon>")


def test_first_source_is_the_extractive_evidence(
    setup: Setup,
) -> None:
    _, draft, sources = setup
    assert sources[0].hit.chunk.id == draft.parts[0][1].chunk.id


def test_good_answer_accepted_and_citations_renumbered(
    setup: Setup,
) -> None:
    _, _, sources = setup
    ans = finish(setup, "Kế hoạch số 5807/KH-UBND được ban hành ngày 17/12/2020 [1] [9].")
    assert ans.generator == "llm" and ans.reason is None and not ans.refused
    assert ans.answer == "Kế hoạch số 5807/KH-UBND được ban hành ngày 17/12/2020 [1]."
    assert [c.n for c in ans.citations] == [1]
    assert ans.citations[0].passage == sources[0].hit.chunk.text
    assert ans.citations[0].document.source.endswith(".txt")


def test_citing_a_later_source_renumbers_it_to_one(
    setup: Setup,
) -> None:
    _, _, sources = setup
    assert sources[2].hit.chunk.doc_id == sources[0].hit.chunk.doc_id
    ans = finish(setup, "Kế hoạch số 5807/KH-UBND được ban hành ngày 17/12/2020 [3].")
    assert ans.generator == "llm", ans.reason
    assert ans.answer.endswith("[1].")
    assert ans.citations[0].passage == sources[2].hit.chunk.text


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("Kế hoạch được ban hành ngày 18/12/2020 [1].", "18/12/2020"),
        ("Kế hoạch số 5808/KH-UBND được ban hành ngày 17/12/2020 [1].", "5808/KH-UBND"),
        ("Kế hoạch được ban hành ngày 17/12/2020.", "no valid citation"),
        ("Kế hoạch được ban hành ngày 17/12/2020 [số].", "no valid citation"),
        ("Không tìm thấy thông tin trong các văn bản được cung cấp.", "found no answer"),
        ("Kế hoạch số 5807/KH-UBND được ban hành năm 2020 [1].", "asked fact is missing"),
    ],
)
def test_rejected_answer_falls_back_to_extractive(setup: Setup, raw: str, why: str) -> None:
    ans = finish(setup, raw)
    assert ans.generator == "extractive-fallback"
    assert (
        ans.reason is not None
        and ans.reason.startswith("LLM answer rejected")
        and why in (ans.reason)
    )
    assert "17/12/2020" in ans.answer and "[1]" in ans.answer and not ans.refused
    data = answer_json(ans)
    assert data["generator"] == "extractive-fallback" and data["reason"] == ans.reason


def test_who_answer_naming_other_bodies_falls_back(seed_pipeline: Pipeline) -> None:
    """Every figure of the model's text is in its sources, but it names the wrong actor."""
    question = "Cơ quan nào ban hành Nghị quyết về chuyển đổi số tỉnh Quảng Trị đến năm 2025?"
    gen = seed_pipeline.generator
    assert isinstance(gen, ExtractiveGenerator)
    llm = LlmGenerator(gen, Unused(), LlmSettings(max_sources=3))
    retriever, _ = seed_pipeline.load()
    hits = retriever.search(question, k=5)
    draft = gen.draft(analyze(question), hits)
    sources = select_sources(draft, hits, 3, gen.doc_instruments)
    assert "Ban Chấp hành Đảng bộ tỉnh" in " ".join(part[0] for part in draft.parts)
    wrong = "Quyết định số 749/QĐ-TTg của Thủ tướng Chính phủ [1]."
    assert any("749/QĐ-TTg" in s.support for s in sources)  # the figure check passes it
    ans = llm.finish(analyze(question), draft, sources, wrong, time.perf_counter())
    assert ans.generator == "extractive-fallback"
    assert ans.reason is not None and "Ban Chấp hành Đảng bộ tỉnh" in ans.reason
    assert "Ban Chấp hành Đảng bộ tỉnh" in ans.answer
    right = "Nghị quyết do Ban Chấp hành Đảng bộ tỉnh Quảng Trị ban hành [1]."
    assert (
        llm.finish(analyze(question), draft, sources, right, time.perf_counter()).generator == "llm"
    )


def test_without_guardrails_the_text_passes_unchecked(
    setup: Setup,
) -> None:
    llm, draft, sources = setup
    free = LlmGenerator(llm.extractive, Unused(), LlmSettings(guardrails=False))
    ans = free.finish(analyze(QUESTION), draft, sources, "Ban hành ngày 18/12/2020 [1].", 0.0)
    assert ans.generator == "llm-unchecked" and "18/12/2020" in ans.answer


def test_extractive_stream_gives_the_text_then_the_answer(seed_pipeline: Pipeline) -> None:
    items = list(seed_pipeline.stream_answer(QUESTION))
    assert len(items) == 2 and isinstance(items[0], str) and isinstance(items[1], Answer)
    final = items[1]
    asked = seed_pipeline.ask(QUESTION)
    assert items[0] == final.answer and final.generator == asked.generator
    assert final.generator in {"extractive", "registry"}  # no LLM configured
    assert (final.answer, final.citations) == (asked.answer, asked.citations)
    assert set(final.timings_ms) == {"retrieve", "answer"}
