"""The eval run as a self-contained HTML report (inline SVG charts) and a markdown summary.

Built so a reader sees first what got better or worse since the previous run: coloured
changes on the headline metrics, the questions that flipped, then the charts and details.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from policybot.evaluation.metrics import LATENCY, QUALITY
from policybot.evaluation.report_changes import change, flipped, fmt, fmt_diff
from policybot.evaluation.report_charts import (
    latency_chart,
    metrics_chart,
    trend_chart,
    types_chart,
)
from policybot.evaluation.run import Run

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
    note = f"{arrow} {fmt_diff(name, diff)}" if has_previous and diff is not None else ""
    return (
        f'<div class="card {cls if has_previous else ""}"><span>{escape(name)}</span>'
        f'<b>{fmt(name, now)}</b><span class="{cls}">{escape(note)}</span></div>'
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
                f"{fmt_diff(c, diff)}</span>"
                if way
                else ""
            )
            cells.append(f"<td>{fmt(c, s.get(c))}{note}</td>")
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
            f"| {m} | {fmt(m, now.get(m))} | {fmt(m, before.get(m))} | {fmt_diff(m, diff)}{mark} |"
        )
    lines += [
        "",
        "| type | n | " + " | ".join(TYPE_COLUMNS) + " |",
        "|---|---|" + "---|" * len(TYPE_COLUMNS),
    ]
    for t, s in sorted(run.summary["by_type"].items()):
        lines.append(
            f"| {t} | {s['questions']} | "
            + " | ".join(fmt(c, s.get(c)) for c in TYPE_COLUMNS)
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
