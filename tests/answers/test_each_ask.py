"""Two things asked in one question: the answer states both, each cited to its sentence."""

from __future__ import annotations

from policybot.pipeline import Pipeline


def test_each_of_two_asks_is_answered(seed_pipeline: Pipeline) -> None:
    # no one sentence states both: each ask is answered on its own
    a = seed_pipeline.ask(
        "Kế hoạch 5807 của Quảng Trị đưa ra mấy nhóm nhiệm vụ, giải pháp và đến năm 2025"
        " kinh tế số chiếm bao nhiêu phần trăm GRDP của tỉnh?"
    )
    assert not a.refused, a.answer
    assert "08 nhóm nhiệm vụ" in a.answer and "20%" in a.answer
    assert a.confidence is not None


def test_an_ask_nothing_answers_is_said_to_be_unanswered(seed_pipeline: Pipeline) -> None:
    a = seed_pipeline.ask(
        "Kế hoạch 5807 của Quảng Trị đưa ra mấy nhóm nhiệm vụ, giải pháp và tỉnh chi bao nhiêu"
        " tỷ đồng cho trạm phát sóng vệ tinh?"
    )
    assert not a.refused and "08 nhóm nhiệm vụ" in a.answer
    assert a.answer.endswith(
        "Không tìm thấy thông tin về “tỉnh chi bao nhiêu tỷ đồng cho trạm phát sóng vệ tinh”"
        " trong các văn bản hiện có."
    ), a.answer
