"""'Luật này', 'Thông tư này' speak of the document's own instrument: such a sentence is no
evidence about another instrument the question names and the sentence does not."""

from __future__ import annotations

import pytest

from policybot.answers.stated import of_another, pinned
from policybot.questions.question import analyze
from policybot.types import Instrument

OLD_LAW = "Luật Giao thông đường bộ số 23/2008/QH12 có hiệu lực thi hành từ ngày nào?"
NEW_LAW = Instrument("Luật", "36/2024/QH15")
EFFECT = "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025."


def test_a_new_laws_own_effective_date_does_not_date_the_old_one() -> None:
    assert of_another(analyze(OLD_LAW), EFFECT, NEW_LAW)


def test_the_same_sentence_answers_for_its_own_instrument() -> None:
    assert not of_another(analyze(OLD_LAW), EFFECT, Instrument("Luật", "23/2008/QH12"))
    asked = analyze("Luật 36/2024/QH15 có hiệu lực từ ngày nào?")
    assert not of_another(asked, EFFECT, NEW_LAW)


@pytest.mark.parametrize(
    "sentence",
    [
        # names the instrument asked: it states something of that one
        "Luật Giao thông đường bộ số 23/2008/QH12 hết hiệu lực kể từ ngày Luật này có hiệu lực.",
        # no self-reference at all
        "Các quy định chuyển tiếp được áp dụng từ ngày 01 tháng 01 năm 2025.",
    ],
)
def test_sentences_that_name_it_or_speak_of_no_instrument_are_kept(sentence: str) -> None:
    assert not of_another(analyze(OLD_LAW), sentence, NEW_LAW)


def test_no_instrument_asked_or_none_known_blocks_nothing() -> None:
    assert not of_another(analyze("Luật có hiệu lực từ ngày nào?"), EFFECT, NEW_LAW)
    assert not of_another(analyze(OLD_LAW), EFFECT, None)
    # "Bộ luật này", "Thông tư này", "Án lệ này" are self-references too
    for text in ("Bộ luật này có hiệu lực", "Thông tư này có hiệu lực", "Án lệ này áp dụng"):
        assert of_another(analyze(OLD_LAW), text, NEW_LAW)


def test_a_sentence_on_another_instrument_of_the_type_asked_answers_not_for_it() -> None:
    asked = analyze("Kế hoạch 190-KH/TU của Tỉnh ủy Quảng Trị đề ra bao nhiêu nhóm nhiệm vụ?")
    other = "Kế hoạch số 5807/KH-UBND ngày 17/12/2020 của UBND tỉnh đưa ra 08 nhóm nhiệm vụ."
    assert of_another(asked, other, None)
    # naming the one asked, or no instrument of that type, it may answer
    assert not of_another(asked, "Thực hiện Kế hoạch 190-KH/TU, tỉnh đề ra 08 nhóm nhiệm vụ.", None)
    assert not of_another(asked, "Tỉnh đề ra 08 nhóm nhiệm vụ theo Nghị quyết 52-NQ/TW.", None)
    # the document's own instrument is the one asked: what it cites does not matter
    own = Instrument("Kế hoạch", "190-KH/TU")
    assert not of_another(asked, other, own)


def test_the_issuer_named_after_the_instrument_asked_is_no_topic_word() -> None:
    asked = analyze("Quy định 384-QĐ/TW của Ban Bí thư có cho thu phí khi chia sẻ dữ liệu không?")
    assert {"bí", "thư"} <= pinned(asked)
    assert not {"thu", "phí"} & pinned(asked)
    # a body the question names elsewhere is what it asks about
    other = analyze("Bộ Công an làm gì theo Nghị định 13/2023/NĐ-CP?")
    assert not {"công", "an"} & pinned(other)


def test_a_sentence_of_its_own_document_is_kept_when_that_documents_instrument_is_unknown() -> None:
    asked = analyze("Kế hoạch 190-KH/TU đề ra bao nhiêu nhóm nhiệm vụ?")
    # "Kế hoạch này" may be the one asked: its document's own number was not read
    assert not of_another(asked, "Kế hoạch này thay thế Kế hoạch số 12/KH-UBND.", None)
