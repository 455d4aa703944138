"""A "not sure" question answered by the model from its related passages, or kept not sure.

The checks on fixed texts; the whole path through a tiny OpenAI-compatible HTTP server that
returns a fixed answer (real HTTP, real langchain client, the real index and answerer); the
acceptance path with the real model is in test_llm.py.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import doubting, make_settings
from tests.llm_fixtures import Unused

from policybot.answers import from_related
from policybot.answers.draft import NOT_SURE, Draft
from policybot.answers.generate import ExtractiveGenerator, LlmGenerator
from policybot.answers.guardrails import unsupported_claims
from policybot.answers.prompts import select_sources
from policybot.config import LlmSettings
from policybot.pipeline import Pipeline, build_pipeline
from policybot.questions.question import analyze
from policybot.web.payloads import answer_json

# Not sure on the seed corpus: no sentence states a share of households with fibre; the
# related passage of Triệu Phong's plan states "Internet băng thông rộng phủ 100% đến các xã",
# a figure of something else.
NOT_SURE_Q = "Triệu Phong tính cho bao nhiêu phần trăm hộ có cáp quang?"
# Not sure too, and the first related passage states the answer: "đã đề ra 07 nhóm nhiệm vụ".
GROUPS_Q = "Huyện Triệu Phong đưa ra mấy nhóm việc cần làm?"
GROUPS_A = "Ban Thường vụ Huyện ủy Triệu Phong đã đề ra 07 nhóm nhiệm vụ, giải pháp [1]."
TRIEU_PHONG = "quang-tri-trieu-phong-thuc-hien-nghi-quyet-52-cmcn4.txt"
NOT_FOUND_Q = "Tỉnh Cà Mau đặt mục tiêu kinh tế số chiếm bao nhiêu GRDP?"


@dataclass
class FakeModel:
    """An OpenAI-compatible chat endpoint that always answers `reply`, counting requests."""

    reply: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture(scope="module")
def fake_model() -> Iterator[tuple[FakeModel, str]]:
    model = FakeModel()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            model.requests.append(body)
            out = {
                "id": "fake",
                "object": "chat.completion",
                "created": 0,
                "model": "fake",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": model.reply},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
            data = json.dumps(out).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield model, f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def fake_pipeline(index: Path, base_url: str, **llm: Any) -> Pipeline:
    settings = make_settings(index)
    config = {
        "backend": "openai-compatible",
        "base_url": base_url,
        "timeout": 30,
        "from_related": True,
        **llm,
    }
    pipeline = build_pipeline(
        settings.model_copy(update={"llm": settings.llm.model_validate(config)})
    )
    pipeline.load()
    return doubting(pipeline)


def ask(fake: tuple[FakeModel, str], pipeline: Pipeline, reply: str, question: str) -> Any:
    model, _ = fake
    model.reply = reply
    model.requests.clear()
    return pipeline.ask(question)


@pytest.fixture(scope="module")
def unsure(seed_index: Path) -> Pipeline:
    """The seed index with no model, unsure of every extractive answer."""
    return doubting(build_pipeline(make_settings(seed_index)))


@pytest.fixture(scope="module")
def with_fake(seed_index: Path, fake_model: tuple[FakeModel, str]) -> Pipeline:
    return fake_pipeline(seed_index, fake_model[1])


def test_without_a_model_not_sure_stays_as_it_was(unsure: Pipeline) -> None:
    assert isinstance(unsure.generator, ExtractiveGenerator)
    ans = unsure.ask(NOT_SURE_Q)
    assert ans.refused and ans.answer.startswith(NOT_SURE) and ans.related
    assert ans.generator == "extractive" and "llm" not in ans.timings_ms
    assert TRIEU_PHONG in {c.document.id for c in ans.related}


def test_a_supported_answer_from_related_passages_is_answered(
    fake_model: tuple[FakeModel, str], with_fake: Pipeline, unsure: Pipeline
) -> None:
    before = unsure.ask(GROUPS_Q)
    assert before.refused and before.answer.startswith(NOT_SURE)
    ans = ask(fake_model, with_fake, GROUPS_A, GROUPS_Q)
    model, _ = fake_model
    assert len(model.requests) == 1
    prompt = model.requests[0]["messages"][-1]["content"]
    # The related passages, numbered as any sources are, the first one shown to the asker first.
    first = prompt.split('<nguon so="1">')[1].split("</nguon>")[0]
    assert "07 nhóm" in first and before.related[0].passage in first
    assert not ans.refused and ans.generator == from_related.GENERATOR
    assert ans.answer == GROUPS_A and ans.related == ()
    assert [c.document.id for c in ans.citations] == [TRIEU_PHONG]
    assert "07 nhóm" in ans.citations[0].passage
    assert unsupported_claims(ans.answer, [c.passage for c in ans.citations]) == []
    # Still marked as what the extractive answerer was not sure of.
    assert ans.confidence is not None and ans.confidence < with_fake.load()[1].model.answer_at
    data = answer_json(ans)
    assert data["generator"] == "llm-from-related" and data["refused"] is False
    assert data["citations"][0]["n"] == 1


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        ("Triệu Phong phấn đấu 85% hộ gia đình có cáp quang [1].", "not in the cited sources: 85%"),
        ("Văn bản không nêu cụ thể tỷ lệ hộ có cáp quang [1].", "not an answer"),
        ("Không tìm thấy thông tin trong các văn bản được cung cấp.", "found no answer"),
        ("Huyện Triệu Phong xây dựng chính quyền điện tử [1].", "the asked fact is missing"),
        ("Internet băng thông rộng phủ 100% đến các xã [7].", "no valid citation"),
        ("Triệu Phong tính cho bao nhiêu phần trăm hộ có cáp quang [1].", "restates"),
    ],
)
def test_a_model_answer_that_fails_a_check_stays_not_sure(
    fake_model: tuple[FakeModel, str],
    with_fake: Pipeline,
    unsure: Pipeline,
    reply: str,
    why: str,
) -> None:
    ans = ask(fake_model, with_fake, reply, NOT_SURE_Q)
    assert len(fake_model[0].requests) == 1  # the model was asked
    before = unsure.ask(NOT_SURE_Q)
    assert ans.refused and ans.answer == before.answer and ans.citations == ()
    assert ans.related == before.related and ans.confidence == before.confidence
    assert ans.reason is not None and ans.reason.startswith(str(before.reason))
    assert why in ans.reason
    assert answer_json(ans)["related"] == answer_json(before)["related"]


def test_a_supported_figure_of_another_thing_stays_not_sure(
    fake_model: tuple[FakeModel, str], with_fake: Pipeline, unsure: Pipeline
) -> None:
    # Supported by the passage it cites, but said of communes' broadband, not of households'
    # fibre: the sentence stating it is not among the passage's closest to the question.
    before = unsure.ask(NOT_SURE_Q)
    held = [n for n, c in enumerate(before.related, 1) if "băng thông rộng phủ 100%" in c.passage]
    assert held, [c.passage[:60] for c in before.related]
    reply = f"Internet băng thông rộng phủ 100% đến các xã [{held[0]}]."
    ans = ask(fake_model, with_fake, reply, NOT_SURE_Q)
    assert ans.refused and ans.answer == before.answer and ans.citations == ()
    assert ans.reason is not None and "no cited sentence close" in ans.reason


def test_not_found_never_asks_the_model(
    fake_model: tuple[FakeModel, str], with_fake: Pipeline
) -> None:
    ans = ask(fake_model, with_fake, "Cà Mau đặt mục tiêu 20% GRDP [1].", NOT_FOUND_Q)
    assert ans.refused and ans.related == () and not ans.answer.startswith(NOT_SURE)
    assert fake_model[0].requests == []


def test_off_unless_switched_on() -> None:
    assert LlmSettings().from_related is False


def test_switched_off_the_model_is_not_asked_when_not_sure(
    seed_index: Path, fake_model: tuple[FakeModel, str], unsure: Pipeline
) -> None:
    pipeline = fake_pipeline(seed_index, fake_model[1], from_related=False)
    ans = ask(fake_model, pipeline, "Internet băng thông rộng phủ 100% đến các xã [1].", NOT_SURE_Q)
    assert fake_model[0].requests == []
    assert ans.refused and ans.answer == unsure.ask(NOT_SURE_Q).answer


def test_a_figure_of_another_year_is_no_answer(unsure: Pipeline) -> None:
    """Every figure supported, the kind asked stated, but the year asked is in no passage
    the answer cites: not an answer to this question."""
    question = "Đến năm 2035 Triệu Phong tính cho bao nhiêu phần trăm hộ có cáp quang?"
    retriever, answerer = unsure.load()
    spec = analyze(question)
    draft = answerer.answer(spec, retriever.search(question, k=5))
    assert from_related.may_answer(draft)
    gen = unsure.generator
    assert isinstance(gen, ExtractiveGenerator)
    sources = from_related.related_sources(draft, 3, gen.doc_instruments)
    n = next(s.n for s in sources if "100%" in s.support)
    assert "2035" not in sources[n - 1].support
    outcome = from_related.judge(spec, sources, f"Internet phủ 100% đến các xã [{n}].", None)
    assert outcome.why == "the cited passages are not about 2035"
    llm = LlmGenerator(gen, Unused(), LlmSettings())
    ans = llm.finish_related(spec, draft, sources, f"Internet phủ 100% đến các xã [{n}].", 0.0)
    assert ans.refused and ans.answer.startswith(NOT_SURE)


@pytest.mark.parametrize(
    ("text", "hedge"),
    [
        ("Văn bản không nêu rõ tỷ lệ này [1].", True),
        ("Nguồn [1] chưa được đề cập đến số liệu cụ thể.", True),
        ("Tôi không thể trả lời câu hỏi này.", True),
        ("Hiện chưa có số liệu về tỷ lệ này [2].", True),
        ("Huyện giảm tối đa giao dịch trực tiếp, không dùng giấy tờ [1].", False),
        ("Người dân không phải đến trụ sở để nộp hồ sơ [1].", False),
    ],
)
def test_hedges_are_told_from_answers(text: str, hedge: bool) -> None:
    assert (from_related.is_hedge(text) is not None) is hedge


@pytest.mark.parametrize(
    ("question", "text", "missing"),
    [
        ("Kế hoạch được ban hành ngày nào?", "Kế hoạch được ban hành năm 2020 [1].", "a date"),
        ("Kế hoạch được ban hành ngày nào?", "Ban hành ngày 17/12/2020 [1].", None),
        ("Tỷ lệ bao nhiêu phần trăm đến năm 2025?", "Đến năm 2025 đạt mục tiêu [1].", "a number"),
        ("Tỷ lệ bao nhiêu phần trăm đến năm 2025?", "Đến năm 2025 đạt 80% [1].", None),
        ("Tỷ lệ là bao nhiêu?", "Phấn đấu đến năm 2030 [1].", "a number"),
        ("Cơ quan nào chủ trì thực hiện?", "Việc này được thực hiện nghiêm túc [1].", "a body"),
        ("Cơ quan nào chủ trì thực hiện?", "Sở Thông tin và Truyền thông chủ trì [1].", None),
    ],
)
def test_the_kind_of_fact_asked_must_be_stated(question: str, text: str, missing: str) -> None:
    assert from_related.missing_kind(analyze(question), text) == missing


def test_the_chat_marks_an_answer_from_related_passages(
    fake_model: tuple[FakeModel, str], with_fake: Pipeline
) -> None:
    from policybot.web.ui_cards import chat_message

    data = answer_json(ask(fake_model, with_fake, GROUPS_A, GROUPS_Q))
    shown = chat_message(GROUPS_Q, data)
    assert shown.startswith("❔ **Văn bản không nêu trực tiếp; mô hình đọc các đoạn liên quan:**")
    assert "07 nhóm" in shown
    data["generator"] = "llm"
    assert "❔" not in chat_message(GROUPS_Q, data)


def test_a_place_s_instrument_must_be_issued_by_it(unsure: Pipeline) -> None:
    """The province's plan names Đông Hà; it is not Đông Hà's own plan."""
    question = "Thành phố Đông Hà ban hành kế hoạch đô thị thông minh số hiệu gì?"
    retriever, _ = unsure.load()
    spec = analyze(question)
    gen = unsure.generator
    assert isinstance(gen, ExtractiveGenerator)
    hits = retriever.search(question, k=5)
    sources = select_sources(Draft(refused=True, parts=()), hits, 3, gen.doc_instruments)
    n = next(s.n for s in sources if any(i.number == "5807/KH-UBND" for i in s.instruments))
    text = f"Thành phố Đông Hà thực hiện theo Kế hoạch số 5807/KH-UBND [{n}]."
    assert from_related.other_issuer(spec, text, sources) == "5807/KH-UBND"
    province = analyze("Tỉnh Quảng Trị ban hành kế hoạch đô thị thông minh số hiệu gì?")
    assert from_related.other_issuer(province, text, sources) is None


@pytest.mark.parametrize(
    ("question", "text", "restated"),
    [
        (
            "Quảng Trị muốn cải thiện vị trí trên bảng xếp hạng nào?",
            "Quảng Trị muốn cải thiện vị trí trên bảng xếp hạng [1].",
            True,
        ),
        (
            "Quảng Trị muốn cải thiện vị trí trên bảng xếp hạng nào?",
            "Quảng Trị muốn cải thiện vị trí trên bảng xếp hạng chỉ số DTI [1].",
            False,
        ),
        # An instrument number is something said, though its syllables are few.
        (
            "Văn bản của Tỉnh ủy Bình Thuận về chuyển đổi số mang số hiệu gì?",
            "Văn bản của Tỉnh ủy Bình Thuận về chuyển đổi số mang số hiệu 10-NQ/TU [1].",
            False,
        ),
        (
            "Văn bản 10-NQ/TU của Tỉnh ủy Bình Thuận nói về gì?",
            "Văn bản 10-NQ/TU của Tỉnh ủy Bình Thuận [1].",
            True,
        ),
    ],
)
def test_an_answer_that_says_the_question_back_is_none(
    question: str, text: str, restated: bool
) -> None:
    assert from_related.restates(analyze(question), text) is restated
