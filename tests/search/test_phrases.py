"""Phrase overlap (phrases.py) on small Vietnamese law passages, and its place in the blend."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from tests.conftest import make_settings

from policybot.config import RetrievalSettings
from policybot.index.lexical import Lexical
from policybot.pipeline import Pipeline, build_pipeline
from policybot.search.phrases import PhraseScorer
from policybot.text.segment import syllables

PASSAGES = [
    json.loads(line)
    for line in (Path(__file__).parents[1] / "data" / "phrases" / "passages.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]
TEXT = {p["id"]: p["text"] for p in PASSAGES}


@pytest.fixture()
def scorer() -> PhraseScorer:
    """Idf from a real BM25 index over the passages' syllables, as the retriever builds it."""
    terms = [syllables(p["text"]) for p in PASSAGES]
    index = Lexical(len(PASSAGES), terms)
    n = len(PASSAGES)
    return PhraseScorer(lambda s: max(0.0, math.log(n / (1 + index.document_frequency(s)))))


def cover(scorer: PhraseScorer, query: str, ids: list[str]) -> dict[str, float]:
    values = scorer.coverage(syllables(query), [(i, TEXT[i]) for i in ids])
    return dict(zip(ids, map(float, values), strict=True))


def test_ordered_phrase_beats_the_same_words_scattered(scorer: PhraseScorer) -> None:
    query = "Tài sản riêng có phải nhập vào tài sản chung không"
    got = cover(scorer, query, ["nhap-tai-san", "ho-so", "tai-san-chung"])
    # "ho-so" holds riêng, nhập, vào, chung, tài, sản too, but not side by side.
    assert got["nhap-tai-san"] > got["tai-san-chung"] > 0
    assert got["nhap-tai-san"] > got["ho-so"]
    assert all(0.0 <= v <= 1.0 for v in got.values())


def test_rare_pairs_weigh_more_than_boilerplate(scorer: PhraseScorer) -> None:
    # Each passage repeats two pairs of the question; "theo quy định" is in most passages.
    got = cover(scorer, "Sổ hộ khẩu dùng theo quy định nào", ["so-ho-khau", "dang-ky"])
    assert got["so-ho-khau"] > got["dang-ky"] > 0


def test_whole_question_inside_a_passage_covers_it(scorer: PhraseScorer) -> None:
    got = cover(scorer, "hợp đồng lữ hành phải được lập thành văn bản", ["hop-dong", "dang-ky"])
    assert got["hop-dong"] == pytest.approx(1.0)
    assert got["dang-ky"] == 0.0


def test_one_word_or_empty_question_has_no_pairs(scorer: PhraseScorer) -> None:
    assert cover(scorer, "hộ khẩu", ["so-ho-khau"])["so-ho-khau"] == pytest.approx(1.0)
    assert cover(scorer, "khẩu", ["so-ho-khau"])["so-ho-khau"] == 0.0
    assert scorer.coverage([], [("so-ho-khau", TEXT["so-ho-khau"])]).tolist() == [0.0]
    assert scorer.coverage(syllables("hộ khẩu"), []).shape == (0,)


def test_cache_stays_bounded_and_gives_the_same_answers(scorer: PhraseScorer) -> None:
    small = PhraseScorer(scorer._idf, cache_size=2)
    ids = [p["id"] for p in PASSAGES]
    query = "Hồ sơ cấp thẻ hướng dẫn viên lập theo quy định"
    first = cover(small, query, ids)
    again = cover(small, query, list(reversed(ids)))
    assert len(small._cache) == 2
    assert first == pytest.approx(again)
    assert max(first, key=first.__getitem__) == "huong-dan-vien"


def test_phrase_weight_orders_the_hybrid(seed_index: Path, seed_pipeline: Pipeline) -> None:
    """With every other signal weighed 0, search ranks by phrase overlap alone: the wiring
    from settings into the blend is real, and the passage quoting the question leads."""
    only = RetrievalSettings(clause_weight=0, lexical_weight=0, dense_weight=0, phrase_weight=1)
    pipeline = build_pipeline(make_settings(seed_index).model_copy(update={"retrieval": only}))
    query = "Quyết tâm phải cao, nỗ lực phải lớn, làm thật, làm quyết liệt"
    hits = pipeline.search(query, k=5)
    retriever, _ = pipeline.load()
    values = retriever.phrases.coverage(
        syllables(query), [(h.chunk.id, h.chunk.embed_text()) for h in hits]
    )
    assert "nỗ lực phải lớn, làm thật" in hits[0].chunk.text
    assert values[0] == pytest.approx(1.0)
    assert list(values) == sorted(values, reverse=True)
    # The shipped weights still put that passage first.
    assert seed_pipeline.search(query, k=1)[0].chunk.id == hits[0].chunk.id
