"""The eval report's charts: matplotlib figures as inline SVG data URIs.

Kept apart from the HTML page because it is the only part that needs matplotlib, imported
lazily so the rest of policybot never pays for it. Inline SVG keeps report.html one file.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from policybot.evaluation.metrics import QUALITY
from policybot.evaluation.report_changes import change
from policybot.evaluation.run import Run

if TYPE_CHECKING:
    from matplotlib.figure import Figure


GREEN, RED, GREY, BLUE = "#1a7f37", "#cf222e", "#8c959f", "#0969da"


def _svg(fig: Figure) -> str:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.size": 9,
            "svg.fonttype": "path",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt


def metrics_chart(run: Run, previous: Run | None) -> str:
    """Horizontal bars per quality metric, this run against the previous one."""
    plt = _plt()
    now, before = run.summary["overall"], (previous.summary["overall"] if previous else {})
    names = [m for m in QUALITY if now.get(m) is not None][::-1]
    fig, ax = plt.subplots(figsize=(7, 0.38 * len(names) + 0.8))
    ys = range(len(names))
    h = 0.38 if previous else 0.6
    if previous:
        ax.barh(
            [y - h / 2 for y in ys],
            [before.get(m) or 0 for m in names],
            h,
            color=GREY,
            label=f"previous ({previous.folder.name})",
        )
    bars = ax.barh(
        [y + (h / 2 if previous else 0) for y in ys],
        [now[m] for m in names],
        h,
        color=BLUE,
        label=f"this run ({run.folder.name})",
    )
    for bar, m in zip(bars, names, strict=True):
        diff, way = change(m, now[m], before.get(m))
        text = f"{now[m]:.2f}" + (f"  {diff:+.2f}" if diff is not None and way else "")
        ax.text(
            bar.get_width() + 0.01,
            bar.get_y() + bar.get_height() / 2,
            text,
            va="center",
            color={1: GREEN, -1: RED}.get(way, "black"),
            fontsize=8,
        )
    ax.set_yticks(list(ys), names)
    ax.set_xlim(0, 1.18)
    ax.set_title("Metrics (higher is better)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2, fontsize=7, frameon=False)
    return _svg(fig)


def types_chart(run: Run, previous: Run | None) -> str:
    """Pass rate per question type, this run against the previous one."""
    plt = _plt()
    now = run.summary["by_type"]
    before = previous.summary.get("by_type", {}) if previous else {}
    types = sorted(now)
    fig, ax = plt.subplots(figsize=(7, 3))
    xs = range(len(types))
    w = 0.38 if previous else 0.6
    if previous:
        ax.bar(
            [x - w / 2 for x in xs],
            [(before.get(t) or {}).get("pass_rate") or 0 for t in types],
            w,
            color=GREY,
            label="previous",
        )
    bars = ax.bar(
        [x + (w / 2 if previous else 0) for x in xs],
        [now[t]["pass_rate"] or 0 for t in types],
        w,
        color=BLUE,
        label="this run",
    )
    for bar, t in zip(bars, types, strict=True):
        _, way = change("pass_rate", now[t]["pass_rate"], (before.get(t) or {}).get("pass_rate"))
        ax.text(
            bar.get_x() + bar.get_width() / 2,
            bar.get_height() + 0.02,
            f"{now[t]['passed']}/{now[t]['questions']}",
            ha="center",
            fontsize=7,
            color={1: GREEN, -1: RED}.get(way, "black"),
        )
    ax.set_xticks(list(xs), types, rotation=30, ha="right")
    ax.set_ylim(0, 1.15)
    ax.set_ylabel("pass rate")
    ax.set_title("Pass rate by question type")
    ax.legend(fontsize=7)
    return _svg(fig)


def trend_chart(run: Run, earlier: Sequence[Run]) -> str:
    """Key metrics over the runs kept in the same folder (last 20)."""
    plt = _plt()
    runs = [*earlier, run][-20:]
    fig, ax = plt.subplots(figsize=(7, 2.8))
    for name in ("pass_rate", "fact_accuracy", "citation_accuracy", "refusal_recall", "mrr@10"):
        ax.plot(
            range(len(runs)), [r.summary["overall"].get(name) for r in runs], marker="o", label=name
        )
    ax.set_xticks(
        range(len(runs)), [r.folder.name[-15:] for r in runs], rotation=30, ha="right", fontsize=7
    )
    ax.set_ylim(0, 1.05)
    ax.set_title("Runs in this folder")
    ax.legend(fontsize=7, ncol=3, loc="lower left")
    return _svg(fig)


def latency_chart(run: Run) -> str:
    plt = _plt()
    values = [r["latency_ms"] for r in run.records]
    fig, ax = plt.subplots(figsize=(7, 2.4))
    ax.hist(values, bins=min(30, max(5, len(values) // 3)), color=BLUE)
    for name, style in (("latency_p50_ms", "--"), ("latency_p95_ms", ":")):
        value = run.summary["overall"].get(name)
        if value is not None:
            ax.axvline(value, color=RED, linestyle=style, label=f"{name[8:11]} {value:.0f} ms")
    ax.set_xlabel("ask latency (ms)")
    ax.set_title("Latency per question")
    ax.legend(fontsize=7)
    return _svg(fig)
