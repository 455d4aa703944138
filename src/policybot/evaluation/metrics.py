"""Pure metrics for evaluation and benchmarks: per question, then aggregated.

Kept free of I/O and models so they can be checked on fixed records.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

# Quality metrics in the order reports show them; higher is better for all of them.
QUALITY = (
    "pass_rate",
    "fact_accuracy",
    "fact_recall",
    "citation_accuracy",
    "refusal_precision",
    "refusal_recall",
    "recall@1",
    "recall@5",
    "recall@10",
    "mrr@10",
)
LATENCY = ("latency_p50_ms", "latency_p95_ms")  # lower is better


def compact(text: str) -> str:
    """Case- and whitespace-blind key: '08 Nhóm' and '08nhóm' compare equal."""
    return "".join(unicodedata.normalize("NFC", text).casefold().split())


def fact_found(answer: str, alternatives: Iterable[str]) -> bool:
    key = compact(answer)
    return any(compact(alt) in key for alt in alternatives)


def first_seen(ids: Iterable[str]) -> list[str]:
    """Documents in the order of their best-ranked passage (duplicates dropped)."""
    return list(dict.fromkeys(ids))


def recall_at(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """Share of the relevant ids among the first k of the ranking."""
    wanted = set(relevant)
    if not wanted:
        raise ValueError("recall needs at least one relevant id")
    return len(wanted & set(ranked[:k])) / len(wanted)


def reciprocal_rank(ranked: Sequence[str], relevant: Iterable[str], k: int = 10) -> float:
    wanted = set(relevant)
    for rank, rid in enumerate(ranked[:k], start=1):
        if rid in wanted:
            return 1.0 / rank
    return 0.0


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def score_question(
    *,
    expected_docs: Sequence[str],
    facts: Sequence[Sequence[str]],
    answerable: bool,
    retrieved: Sequence[str],
    answer: str,
    refused: bool,
    cited_docs: Sequence[str],
) -> dict[str, Any]:
    """Every per-question metric. None means 'does not apply to this question'."""
    out: dict[str, Any] = {}
    for k in (1, 5, 10):
        out[f"recall@{k}"] = recall_at(retrieved, expected_docs, k) if expected_docs else None
    out["mrr@10"] = reciprocal_rank(retrieved, expected_docs, 10) if expected_docs else None
    found = [not refused and fact_found(answer, alts) for alts in facts]
    out["facts_found"] = found
    if answerable:
        out["fact_ok"] = all(found) and not refused
        out["fact_recall"] = (sum(found) / len(found)) if found else float(not refused)
        cited = set(cited_docs)
        out["citation_ok"] = (
            None if refused or not expected_docs else bool(cited & set(expected_docs))
        )
        out["passed"] = bool(out["fact_ok"] and out["citation_ok"] in (True, None))
    else:
        out["fact_ok"] = None
        out["fact_recall"] = None
        out["citation_ok"] = None
        out["passed"] = refused
    return out


def _mean(values: Iterable[Any]) -> float | None:
    vals = [float(v) for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def summarize(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Aggregates over records that carry score_question's fields plus answerable, refused,
    latency_ms."""
    answerable = [r for r in records if r["answerable"]]
    refused = [r for r in records if r["refused"]]
    unanswerable = [r for r in records if not r["answerable"]]
    right_refusals = [r for r in refused if not r["answerable"]]
    latencies = [float(r["latency_ms"]) for r in records if r.get("latency_ms") is not None]
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    return {
        "questions": len(records),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "refused": len(refused),
        "passed": sum(bool(r["passed"]) for r in records),
        "pass_rate": _mean(r["passed"] for r in records),
        "fact_accuracy": _mean(r["fact_ok"] for r in answerable),
        "fact_recall": _mean(r["fact_recall"] for r in answerable),
        "citation_accuracy": _mean(r["citation_ok"] for r in answerable),
        "refusal_precision": round(len(right_refusals) / len(refused), 4) if refused else None,
        "refusal_recall": (
            round(len(right_refusals) / len(unanswerable), 4) if unanswerable else None
        ),
        "recall@1": _mean(r["recall@1"] for r in records),
        "recall@5": _mean(r["recall@5"] for r in records),
        "recall@10": _mean(r["recall@10"] for r in records),
        "mrr@10": _mean(r["mrr@10"] for r in records),
        "latency_p50_ms": None if p50 is None else round(p50, 1),
        "latency_p95_ms": None if p95 is None else round(p95, 1),
    }


def summarize_by_type(records: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    types = sorted({r["type"] for r in records})
    return {t: summarize([r for r in records if r["type"] == t]) for t in types}


def parse_bounds(pairs: Sequence[str]) -> dict[str, float]:
    """'fact_accuracy=0.9' pairs -> {metric: value}; unknown metrics are an error."""
    known = (*QUALITY, *LATENCY)
    out: dict[str, float] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or name not in known:
            raise ValueError(
                f"threshold must look like METRIC=VALUE with METRIC one of {', '.join(known)}; "
                f"got {pair!r}"
            )
        try:
            out[name] = float(value)
        except ValueError:
            raise ValueError(f"threshold {name} needs a number, got {value!r}") from None
    return out


def check_bounds(
    summary: dict[str, Any], minimum: dict[str, float], maximum: dict[str, float]
) -> list[str]:
    """One message per metric outside its bound; a metric with no value fails too."""
    problems: list[str] = []
    for name, bound in minimum.items():
        value = summary.get(name)
        if value is None or value < bound:
            problems.append(f"{name} {_show(value)} is below the minimum {bound:g}")
    for name, bound in maximum.items():
        value = summary.get(name)
        if value is None or value > bound:
            problems.append(f"{name} {_show(value)} is above the maximum {bound:g}")
    return problems


def _show(value: Any) -> str:
    return "n/a" if value is None else f"{value:.4g}"
