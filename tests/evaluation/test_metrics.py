"""Evaluation metrics on fixed records: no model, exact numbers."""

from __future__ import annotations

import pytest

from policybot.evaluation.metrics import (
    check_bounds,
    fact_found,
    first_seen,
    parse_bounds,
    percentile,
    recall_at,
    reciprocal_rank,
    score_question,
    summarize,
    summarize_by_type,
)


def test_fact_matching_ignores_case_and_spaces() -> None:
    answer = "Kế hoạch đưa ra 08 NHÓM nhiệm vụ, giai đoạn 2021 - 2025."
    assert fact_found(answer, ["8 nhóm", "08 nhóm"])
    assert fact_found(answer, ["2021-2025"])
    assert not fact_found(answer, ["07 nhóm"])
    assert not fact_found(answer, [])


def test_recall_and_mrr_over_a_ranking() -> None:
    ranked = ["a", "b", "a", "c", "d"]
    assert first_seen(ranked) == ["a", "b", "c", "d"]
    assert recall_at(ranked, ["c"], 1) == 0.0
    assert recall_at(ranked, ["c"], 5) == 1.0
    assert recall_at(ranked, ["a", "c"], 3) == 0.5
    assert reciprocal_rank(ranked, ["c"]) == pytest.approx(1 / 4)
    assert reciprocal_rank(ranked, ["z"]) == 0.0
    assert reciprocal_rank(ranked, ["d"], k=4) == 0.0
    with pytest.raises(ValueError):
        recall_at(ranked, [], 5)


def test_percentile_interpolates() -> None:
    assert percentile([], 50) is None
    assert percentile([10.0], 95) == 10.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == pytest.approx(2.5)
    assert percentile(list(map(float, range(101))), 95) == pytest.approx(95.0)


def _score(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "expected_docs": ["kh.txt"],
        "facts": [["17/12/2020"]],
        "answerable": True,
        "retrieved": ["kh.txt", "tp.txt"],
        "answer": "Ban hành ngày 17/12/2020 [1].",
        "refused": False,
        "cited_docs": ["kh.txt"],
    }
    base.update(kw)
    return score_question(**base)  # type: ignore[arg-type]


def test_score_question_answered_right() -> None:
    s = _score()
    assert s["passed"] and s["fact_ok"] and s["citation_ok"]
    assert s["recall@1"] == 1.0 and s["mrr@10"] == 1.0 and s["fact_recall"] == 1.0


def test_score_question_wrong_citation_or_missing_fact() -> None:
    wrong_doc = _score(cited_docs=["tp.txt"])
    assert wrong_doc["fact_ok"] and wrong_doc["citation_ok"] is False and not wrong_doc["passed"]
    partial = _score(facts=[["17/12/2020"], ["08 nhóm"]])
    assert not partial["fact_ok"] and partial["fact_recall"] == 0.5 and not partial["passed"]
    assert partial["facts_found"] == [True, False]


def test_score_question_refusals() -> None:
    refused_answerable = _score(refused=True, answer="Không tìm thấy 17/12/2020", cited_docs=[])
    assert not refused_answerable["fact_ok"] and refused_answerable["citation_ok"] is None
    assert refused_answerable["facts_found"] == [False]  # a refusal states no fact
    unanswerable = _score(answerable=False, expected_docs=[], facts=[], refused=True)
    assert unanswerable["passed"] and unanswerable["recall@5"] is None
    answered_anyway = _score(answerable=False, expected_docs=[], facts=[], refused=False)
    assert not answered_anyway["passed"]


def _record(qid: str, qtype: str, answerable: bool, refused: bool, ok: bool, ms: float) -> dict:
    rec = _score(
        answerable=answerable,
        expected_docs=["kh.txt"] if answerable else [],
        facts=[["17/12/2020"]] if answerable else [],
        refused=refused,
        answer="17/12/2020" if ok else "một ngày khác",
        retrieved=["kh.txt"] if ok else ["tp.txt", "kh.txt"],
    )
    return {
        "id": qid,
        "type": qtype,
        "answerable": answerable,
        "refused": refused,
        "latency_ms": ms,
        **rec,
    }


def test_summary_of_fixed_records() -> None:
    records = [
        _record("d1", "date", True, False, True, 10.0),
        _record("d2", "date", True, False, False, 20.0),
        _record("d3", "date", True, True, False, 30.0),  # wrongly refused
        _record("u1", "unanswerable", False, True, False, 40.0),
        _record("u2", "unanswerable", False, False, False, 50.0),  # should have refused
    ]
    s = summarize(records)
    assert s["questions"] == 5 and s["answerable"] == 3 and s["unanswerable"] == 2
    assert s["passed"] == 2 and s["pass_rate"] == 0.4
    assert s["fact_accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["citation_accuracy"] == 1.0  # both answered questions cite kh.txt
    assert s["refusal_precision"] == 0.5 and s["refusal_recall"] == 0.5
    assert s["recall@1"] == pytest.approx(1 / 3, abs=1e-4) and s["recall@5"] == 1.0
    assert s["mrr@10"] == pytest.approx((1 + 0.5 + 0.5) / 3, abs=1e-4)
    assert s["latency_p50_ms"] == 30.0 and s["latency_p95_ms"] == 48.0
    by_type = summarize_by_type(records)
    assert set(by_type) == {"date", "unanswerable"}
    assert by_type["unanswerable"]["refusal_recall"] == 0.5
    assert by_type["unanswerable"]["fact_accuracy"] is None
    assert by_type["date"]["refusal_precision"] == 0.0


def test_bounds_parse_and_check() -> None:
    low = parse_bounds(["fact_accuracy=0.9", "recall@5=1"])
    high = parse_bounds(["latency_p95_ms=100"])
    assert low == {"fact_accuracy": 0.9, "recall@5": 1.0}
    summary = {"fact_accuracy": 0.85, "recall@5": 1.0, "latency_p95_ms": 120.0}
    problems = check_bounds(summary, low, high)
    assert problems == [
        "fact_accuracy 0.85 is below the minimum 0.9",
        "latency_p95_ms 120 is above the maximum 100",
    ]
    assert check_bounds({"refusal_recall": None}, {"refusal_recall": 1.0}, {}) == [
        "refusal_recall n/a is below the minimum 1"
    ]
    with pytest.raises(ValueError, match="METRIC=VALUE"):
        parse_bounds(["accuracy=0.9"])
    with pytest.raises(ValueError, match="needs a number"):
        parse_bounds(["fact_accuracy=high"])
