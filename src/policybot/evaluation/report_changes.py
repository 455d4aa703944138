"""Changes between two eval runs: which metrics got better or worse, which questions flipped.

Shared by the HTML page, its charts and the markdown summary so all three colour and word a
change the same way.
"""

from __future__ import annotations

from typing import Any

from policybot.evaluation.metrics import LATENCY
from policybot.evaluation.run import Run


def change(name: str, now: Any, before: Any) -> tuple[float | None, int]:
    """(difference, direction): +1 better, -1 worse, 0 same or not comparable."""
    if now is None or before is None:
        return None, 0
    diff = float(now) - float(before)
    if name in LATENCY:
        rel = diff / max(float(before), 1e-9)
        return diff, 0 if abs(rel) < 0.10 else (-1 if diff > 0 else 1)
    return diff, 0 if abs(diff) < 0.005 else (1 if diff > 0 else -1)


def flipped(run: Run, previous: Run | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(newly failing, newly passing) questions, matched by id."""
    if previous is None:
        return [], []
    before = {r["id"]: bool(r["passed"]) for r in previous.records}
    worse = [r for r in run.records if before.get(r["id"]) is True and not r["passed"]]
    better = [r for r in run.records if before.get(r["id"]) is False and r["passed"]]
    return worse, better


def fmt(name: str, value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.0f} ms" if name in LATENCY else f"{value:.3f}"


def fmt_diff(name: str, diff: float | None) -> str:
    if diff is None:
        return ""
    return f"{diff:+.0f} ms" if name in LATENCY else f"{diff:+.3f}"
