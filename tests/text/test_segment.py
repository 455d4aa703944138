"""Word segmentation with underthesea's CRF loaded by policybot (the standard unpickler,
not joblib's pure-Python one): the same tags as underthesea's own loader."""

from __future__ import annotations

import sys
from pathlib import Path

from policybot.text import segment

SENTENCES = [
    "Bình Thuận đặt mục tiêu gì về chuyển đổi số đến năm 2025?",
    "Ngày 17/12/2020, UBND tỉnh Quảng Trị đã ban hành Kế hoạch số 5807/KH-UBND.",
    "Kinh tế số chiếm 20% GRDP; tỷ lệ hộ gia đình có kết nối Internet cáp quang đạt 80%.",
    "Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2021.",
]


def test_the_word_model_tags_as_underthesea_loads_it() -> None:
    assert segment.words(SENTENCES[0])[:2] == ["bình_thuận", "đặt"]
    module = sys.modules["underthesea.pipeline.word_tokenize"]
    ours = module.word_tokenize_model
    assert isinstance(ours, segment._WordTagger)  # words() installed it

    from underthesea.models.fast_crf_sequence_tagger import FastCRFSequenceTagger
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    theirs = FastCRFSequenceTagger()
    theirs.load(str(Path(module.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"))
    for sentence in SENTENCES:
        features = [[token] for token in tokenize(sentence)]
        assert ours.predict(features) == list(theirs.predict(features)), sentence
    with_ours = [segment.words(s) for s in SENTENCES]
    module.word_tokenize_model = theirs
    try:
        assert [segment.words(s) for s in SENTENCES] == with_ours
    finally:
        module.word_tokenize_model = ours
    assert "kế_hoạch" in with_ours[1] and "chuyển_đổi" in with_ours[0]


def test_a_piece_opening_in_lower_case_goes_on_with_the_sentence_before() -> None:
    """OCR left a stray period in a scan's clause (Thông tư 03/2010/TT-BCT, Điều 6): the
    deadline and what it is for stay one sentence; a capital or a list item starts one."""
    text = (
        "Trong thời hạn 10 ngày làm việc. kể từ ngày nhận được văn bản đề nghị, đơn vị quản lý"
        " lưới điện có trách nhiệm khảo sát. Đơn vị lập văn bản thỏa thuận. a) Việc A; b) Việc B."
    )
    got = [text[s:e] for s, e in segment.sentence_spans(text)]
    assert got[0].startswith("Trong thời hạn 10 ngày làm việc. kể từ ngày")
    assert got[0].endswith("có trách nhiệm khảo sát.")
    assert got[1] == "Đơn vị lập văn bản thỏa thuận."
    assert got[2].startswith("a) Việc A")


def test_a_table_row_is_one_sentence() -> None:
    text = (
        "Các nhiệm vụ cụ thể như sau. Thời hạn theo bảng.\n"
        "| 4 | Xây dựng Bộ tiêu chí đánh giá. Công bố trên Cổng. | Sở KH&CN | Quí IV-2025 |"
    )
    found = [text[s:e] for s, e in segment.sentence_spans(text)]
    assert found == [
        "Các nhiệm vụ cụ thể như sau.",
        "Thời hạn theo bảng.",
        "| 4 | Xây dựng Bộ tiêu chí đánh giá. Công bố trên Cổng. | Sở KH&CN | Quí IV-2025 |",
    ]
