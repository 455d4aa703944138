"""Hybrid retrieval on the real seed index: instruments found, filters narrow, RRF is sound."""

from __future__ import annotations

import pytest

from policybot.errors import PolicybotError
from policybot.pipeline import Pipeline
from policybot.search.retrieve import Filters, rrf_fuse

KH5807 = "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"
TRIEU_PHONG = "quang-tri-trieu-phong-thuc-hien-nghi-quyet-52-cmcn4.txt"
BINH_THUAN = "binh-thuan-nghi-quyet-10-chuyen-doi-so.txt"


def test_rrf_rewards_agreement() -> None:
    fused = rrf_fuse([(["a", "b", "c"], 1.0), (["b", "a"], 1.0), (["c"], 2.0)], k=60)
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["c"] == pytest.approx(1 / 63 + 2 / 61)
    assert max(fused, key=fused.__getitem__) == "c"


@pytest.mark.parametrize("query", ["Kế hoạch 5807", "5807/KH-UBND", "kế hoạch số 5807"])
def test_instrument_number_finds_its_passages(seed_pipeline: Pipeline, query: str) -> None:
    hits = seed_pipeline.search(query, k=3)
    assert hits[0].chunk.doc_id == KH5807
    assert any(i.number == "5807/KH-UBND" for i in hits[0].chunk.instruments)


def test_short_resolution_name_finds_it(seed_pipeline: Pipeline) -> None:
    hits = seed_pipeline.search("nghị quyết 52", k=3)
    assert {h.chunk.doc_id for h in hits} & {KH5807, TRIEU_PHONG}
    assert any(i.number == "52-NQ/TW" for i in hits[0].chunk.instruments)


def test_filters_narrow(seed_pipeline: Pipeline) -> None:
    hits = seed_pipeline.search(
        "chuyển đổi số", k=10, filters=Filters.from_pairs(["province=Bình Thuận"])
    )
    assert hits and {h.chunk.doc_id for h in hits} == {BINH_THUAN}
    hits = seed_pipeline.search(
        "chuyển đổi số", k=10, filters=Filters.from_pairs(["number=5807/KH-UBND"])
    )
    assert {h.chunk.doc_id for h in hits} == {KH5807}
    hits = seed_pipeline.search("chuyển đổi số", k=10, filters=Filters.from_pairs(["year=2022"]))
    docs = {h.chunk.doc_id for h in hits}
    assert BINH_THUAN in docs and KH5807 not in docs
    hits = seed_pipeline.search(
        "chuyển đổi số", k=10, filters=Filters.from_pairs(["issuer=Bộ Chính trị"])
    )
    assert {h.chunk.doc_id for h in hits} <= {KH5807, TRIEU_PHONG} and hits
    assert seed_pipeline.search("chuyển đổi số", filters=Filters(province="Cà Mau")) == []


def test_bad_filters_are_clear() -> None:
    with pytest.raises(PolicybotError, match="unknown filter"):
        Filters.from_pairs(["tinh=Quảng Trị"])
    with pytest.raises(PolicybotError, match="KEY=VALUE"):
        Filters.from_pairs(["Quảng Trị"])
    with pytest.raises(PolicybotError, match="year"):
        Filters.from_pairs(["year=hai nghìn"])


def test_scores_are_ranked_and_bounded(seed_pipeline: Pipeline) -> None:
    hits = seed_pipeline.search("đô thị thông minh Đông Hà", k=5)
    assert [h.rank for h in hits] == [1, 2, 3, 4, 5]
    assert all(0 < h.score <= 1 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
