"""Which instrument sets what a question describes in its own words, none named: the
instrument whose own sentence says it, named with the answer (excerpt of Nghị quyết
73/2025/NQ-HĐND of Hà Nội: its header and Điều 4)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import embedded_pipeline

from policybot.answers.kinds import states_kind_asked
from policybot.answers.sentences import Sentence
from policybot.questions.question import analyze
from policybot.types import Chunk, Hit, Instrument


def test_the_instrument_whose_sentence_says_it_is_named(tmp_path: Path) -> None:
    pipeline = embedded_pipeline(tmp_path, "which-by-content")
    for question, said in (
        (
            "Việc nâng hạng thẻ nhân lực công nghệ cao sau 20 năm được quy định ở văn bản số mấy?",
            "đủ 20 năm",
        ),
        (
            "Mỗi người chỉ được giữ một hạng thẻ tại một thời điểm, quy định này ở văn bản nào?",
            "một hạng thẻ duy nhất",
        ),
    ):
        answer = pipeline.ask(question)
        assert not answer.refused, question
        assert "73/2025/NQ-HĐND" in answer.answer and said in answer.answer
    # a city no document speaks of is no answer, whatever the resolution says
    elsewhere = pipeline.ask("Đà Nẵng quy định thời hạn thẻ nhân lực công nghệ cao ở văn bản nào?")
    assert elsewhere.refused


def _sentence(text: str) -> Sentence:
    chunk = Chunk(id="c", doc_id="d", text=text, title="Nghị định")
    return Sentence(
        hit=Hit(chunk=chunk, score=1.0, rank=1), text=text, start=0, scope_years=frozenset()
    )


def test_its_own_sentence_answers_which_instrument_only_when_none_is_named() -> None:
    said = _sentence("Quỹ hoạt động trong phạm vi xã: 100.000.000 (một trăm triệu đồng).")
    decree = Instrument(type="Nghị định", number="03/2026/NĐ-CP")
    which = analyze("Mức tài sản tối thiểu lập quỹ quy định ở văn bản số mấy?")
    assert states_kind_asked(which, said, decree)
    assert not states_kind_asked(which, said, None)  # a report is no instrument
    assert not states_kind_asked(which, said, Instrument(type="Nghị định", number=""))
    # which instrument the thing described is: its trích yếu says so, not a sentence of it
    identity = analyze("Kế hoạch thi đua chuyển đổi số 2021-2025 là kế hoạch số mấy?")
    assert not states_kind_asked(identity, said, decree)
    # an instrument named: what it points to must be written in the sentence
    named = analyze("Nghị định 03/2026/NĐ-CP thay thế văn bản số mấy?")
    assert not states_kind_asked(named, said, decree)
