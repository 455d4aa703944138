"""Two things asked in one question: the answer states both, each cited to its sentence."""

from __future__ import annotations

from collections.abc import Sequence

from policybot.answers.confidence import Scored
from policybot.answers.each_ask import other_asks
from policybot.answers.sentences import Sentence
from policybot.pipeline import Pipeline
from policybot.questions.question import QuestionSpec, analyze
from policybot.types import Chunk, Hit


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


def _scored(text: str, coverage: float) -> Scored:
    chunk = Chunk(id="c", doc_id="d", text=text, title="Quy định", ordinal=0)
    return Scored(
        Sentence(Hit(chunk=chunk, score=1.0, rank=1), text, 0, frozenset()), 1.0, coverage
    )


# Two sentences of one article, as the answerer scored them for each ask (coverage: the
# share of the ask's words each holds)
NOTICE = _scored("Phải thông báo công khai ít nhất 7 ngày làm việc trước khi tạm ngừng.", 0.8)
URGENT = _scored("Trường hợp bất khả kháng, thông báo trong vòng 24 giờ.", 0.7)


def _score(ask: QuestionSpec, pool: Sequence[Hit]) -> list[Scored]:
    if "bất khả kháng" in ask.text:
        return [URGENT, _scored(NOTICE.sentence.text, 0.2)]
    if "hạn chót" in ask.text:  # no sentence holds its words
        return [_scored(URGENT.sentence.text, 0.0)]
    return [NOTICE, _scored(URGENT.sentence.text, 0.3)]


def test_a_shown_sentence_of_the_kind_asked_does_not_answer_an_ask_another_holds() -> None:
    asked = analyze(
        "Phải thông báo trước bao lâu khi tạm ngừng; còn nếu bất khả kháng thì trong bao lâu?"
    )
    shown = [(URGENT.sentence.text, URGENT.sentence.hit, URGENT.sentence.text)]
    more, missing = other_asks(asked, [URGENT, NOTICE], [URGENT.sentence.hit], shown, _score)
    # both sentences state a duration; the first ask is answered by the one holding its words
    assert [p[2] for p in more] == [NOTICE.sentence.text] and missing == []


def test_a_shown_sentence_of_the_kind_asked_answers_an_ask_no_sentence_holds() -> None:
    asked = analyze("Trường hợp bất khả kháng thông báo trong bao lâu, và hạn chót là khi nào?")
    shown = [(URGENT.sentence.text, URGENT.sentence.hit, URGENT.sentence.text)]
    more, missing = other_asks(asked, [URGENT], [URGENT.sentence.hit], shown, _score)
    assert more == [] and missing == []
