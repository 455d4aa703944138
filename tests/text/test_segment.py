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
