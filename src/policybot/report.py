"""The eval run as a self-contained HTML report (inline SVG charts) and a markdown summary.

Built so a reader sees first what got better or worse since the previous run: coloured
changes on the headline metrics, the questions that flipped, then the charts and details.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from policybot.metrics import LATENCY, QUALITY

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from policybot.evaluate import Run

HEADLINE = (
    "pass_rate",
    "fact_accuracy",
    "citation_accuracy",
    "refusal_recall",
    "refusal_precision",
    "recall@5",
    "mrr@10",
    "latency_p95_ms",
)
TYPE_COLUMNS = ("pass_rate", "fact_accuracy", "citation_accuracy", "recall@5", "refusal_recall")
GREEN, RED, GREY, BLUE = "#1a7f37", "#cf222e", "#8c959f", "#0969da"


# -- changes --------------------------------------------------------------------------------
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


def _fmt(name: str, value: Any) -> str:
    if value is None:
        return "n/a"
    return f"{value:.0f} ms" if name in LATENCY else f"{value:.3f}"


def _fmt_diff(name: str, diff: float | None) -> str:
    if diff is None:
        return ""
    return f"{diff:+.0f} ms" if name in LATENCY else f"{diff:+.3f}"


# -- charts ---------------------------------------------------------------------------------
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


# -- HTML -----------------------------------------------------------------------------------
CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#1f2328}
h1{font-size:22px;margin:0} h2{font-size:17px;margin:28px 0 8px}
.sub{color:#59636e} .cards{display:flex;flex-wrap:wrap;gap:8px;margin:14px 0}
.card{border:1px solid #d1d9e0;border-radius:6px;padding:8px 12px;min-width:112px}
.card b{display:block;font-size:20px} .card span{font-size:12px;color:#59636e}
.up{color:#1a7f37} .down{color:#cf222e} .same{color:#8c959f}
.card.up{border-color:#1a7f37;background:#dafbe1}
.card.down{border-color:#cf222e;background:#ffebe9}
table{border-collapse:collapse;width:100%;font-size:13px} td,th{border-bottom:1px solid #d1d9e0;
padding:4px 6px;text-align:left;vertical-align:top} th{background:#f6f8fa}
img{max-width:100%} .charts{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.flip{display:flex;gap:16px} .flip>div{flex:1} .small{font-size:12px}
"""


def _card(name: str, now: Any, before: Any, has_previous: bool) -> str:
    diff, way = change(name, now, before)
    cls = {1: "up", -1: "down"}.get(way, "same")
    arrow = {1: "▲", -1: "▼"}.get(way, "=")
    note = f"{arrow} {_fmt_diff(name, diff)}" if has_previous and diff is not None else ""
    return (
        f'<div class="card {cls if has_previous else ""}"><span>{escape(name)}</span>'
        f'<b>{_fmt(name, now)}</b><span class="{cls}">{escape(note)}</span></div>'
    )


def _question_rows(records: Sequence[dict[str, Any]]) -> str:
    rows = []
    for r in records:
        missing = [
            " / ".join(f) for f, ok in zip(r["facts"], r["facts_found"], strict=False) if not ok
        ]
        why = "refused" if r["refused"] else "answered"
        if r["refused"] and r.get("reason"):
            why += f" ({r['reason']})"
        if not r["answerable"] and not r["refused"]:
            why += " but should refuse"
        if r["answerable"] and r["citation_ok"] is False:
            why += "; cites no expected document"
        rows.append(
            f"<tr><td>{escape(r['id'])}</td><td>{escape(r['type'])}</td>"
            f"<td>{escape(r['question'])}</td><td>{escape(why)}</td>"
            f"<td>{escape('; '.join(missing))}</td>"
            f"<td class='small'>{escape(r['answer'][:400])}</td>"
            f"<td class='small'>{escape(', '.join(dict.fromkeys(r['retrieved'][:3])))}</td></tr>"
        )
    head = (
        "<tr><th>id</th><th>type</th><th>question</th><th>outcome</th>"
        "<th>missing facts</th><th>answer</th><th>top documents</th></tr>"
    )
    return f"<table>{head}{''.join(rows)}</table>"


def _flip_list(records: Sequence[dict[str, Any]], cls: str) -> str:
    if not records:
        return "<p class='same'>none</p>"
    items = "".join(f"<li><b>{escape(r['id'])}</b> {escape(r['question'])}</li>" for r in records)
    return f"<ul class='{cls}'>{items}</ul>"


def _type_table(run: Run, previous: Run | None) -> str:
    before = previous.summary.get("by_type", {}) if previous else {}
    head = "<tr><th>type</th><th>n</th>" + "".join(f"<th>{c}</th>" for c in TYPE_COLUMNS)
    rows = []
    for t, s in sorted(run.summary["by_type"].items()):
        cells = []
        for c in TYPE_COLUMNS:
            diff, way = change(c, s.get(c), (before.get(t) or {}).get(c))
            note = (
                f" <span class='{ {1: 'up', -1: 'down'}.get(way, 'same') }'>"
                f"{_fmt_diff(c, diff)}</span>"
                if way
                else ""
            )
            cells.append(f"<td>{_fmt(c, s.get(c))}{note}</td>")
        rows.append(f"<tr><td>{escape(t)}</td><td>{s['questions']}</td>{''.join(cells)}</tr>")
    return f"<table>{head}</tr>{''.join(rows)}</table>"


def html_report(run: Run, earlier: Sequence[Run]) -> str:
    previous = earlier[-1] if earlier else None
    now = run.summary["overall"]
    before = previous.summary["overall"] if previous else {}
    worse, better = flipped(run, previous)
    failing = [r for r in run.records if not r["passed"]]
    compared = (
        f"compared with the previous run <b>{escape(previous.folder.name)}</b>"
        if previous
        else "no previous run in this folder to compare with"
    )
    cards = "".join(_card(m, now.get(m), before.get(m), previous is not None) for m in HEADLINE)
    charts = [("Metrics", metrics_chart(run, previous)), ("By type", types_chart(run, previous))]
    if earlier:
        charts.append(("Trend", trend_chart(run, earlier)))
    charts.append(("Latency", latency_chart(run)))
    imgs = "".join(f'<img alt="{escape(t)}" src="{uri}">' for t, uri in charts)
    meta = run.summary
    return f"""<!doctype html><html lang="en"><meta charset="utf-8">
<title>policybot eval {escape(run.folder.name)}</title><style>{CSS}</style>
<h1>policybot eval — {escape(run.folder.name)}</h1>
<p class="sub">{now["questions"]} questions from {escape(str(meta.get("eval_file", "")))},
index {escape(str(meta.get("index_dir", "")))}, embedder {escape(str(meta.get("embedder", "")))};
{now["passed"]} passed; {compared}.</p>
<div class="cards">{cards}</div>
<div class="flip"><div><h2 class="down">Newly failing ({len(worse)})</h2>{_flip_list(worse, "down")}
</div><div><h2 class="up">Newly passing ({len(better)})</h2>{_flip_list(better, "up")}</div></div>
<h2>Charts</h2><div class="charts">{imgs}</div>
<h2>By question type</h2>{_type_table(run, previous)}
<h2>Failing questions ({len(failing)})</h2>{_question_rows(failing)}
</html>
"""


# -- markdown -------------------------------------------------------------------------------
def markdown_summary(run: Run, previous: Run | None) -> str:
    now = run.summary["overall"]
    before = previous.summary["overall"] if previous else {}
    lines = [f"# policybot eval {run.folder.name}", ""]
    lines.append(
        f"{now['questions']} questions, {now['passed']} passed"
        + (f"; previous run: {previous.folder.name}" if previous else "")
        + "."
    )
    lines += ["", "| metric | this run | previous | change |", "|---|---|---|---|"]
    for m in (*QUALITY, *LATENCY):
        diff, way = change(m, now.get(m), before.get(m))
        mark = {1: " better", -1: " worse"}.get(way, "")
        lines.append(
            f"| {m} | {_fmt(m, now.get(m))} | {_fmt(m, before.get(m))} | "
            f"{_fmt_diff(m, diff)}{mark} |"
        )
    lines += [
        "",
        "| type | n | " + " | ".join(TYPE_COLUMNS) + " |",
        "|---|---|" + "---|" * len(TYPE_COLUMNS),
    ]
    for t, s in sorted(run.summary["by_type"].items()):
        lines.append(
            f"| {t} | {s['questions']} | "
            + " | ".join(_fmt(c, s.get(c)) for c in TYPE_COLUMNS)
            + " |"
        )
    worse, better = flipped(run, previous)
    if previous:
        lines += [
            "",
            f"Newly failing: {', '.join(r['id'] for r in worse) or 'none'}",
            f"Newly passing: {', '.join(r['id'] for r in better) or 'none'}",
        ]
    failing = [r for r in run.records if not r["passed"]]
    lines += ["", f"## Failing ({len(failing)})", ""]
    lines += [f"- {r['id']} ({r['type']}): {r['question']}" for r in failing]
    return "\n".join(lines) + "\n"
