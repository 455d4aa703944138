"""The HTML report and markdown summary from fixed runs: what changed is shown first."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from policybot.evaluation.evaluate import Run, build_summary
from policybot.evaluation.metrics import score_question
from policybot.evaluation.report import html_report, markdown_summary
from policybot.evaluation.report_changes import change


def _rec(qid: str, qtype: str, ok: bool, ms: float = 20.0) -> dict:
    metrics = score_question(
        expected_docs=["kh.txt"],
        facts=[["20%"]],
        answerable=True,
        retrieved=["kh.txt"],
        answer="khoảng 20% GRDP" if ok else "không rõ",
        refused=False,
        cited_docs=["kh.txt"],
    )
    return {
        "id": qid,
        "type": qtype,
        "question": f"câu hỏi {qid}?",
        "answerable": True,
        "refused": False,
        "reason": None,
        "answer": "khoảng 20%" if ok else "không rõ",
        "latency_ms": ms,
        "retrieved": ["kh.txt"],
        "facts": [["20%"]],
        **metrics,
    }


def _run(folder: Path, oks: dict[str, bool], started: str) -> Run:
    records = [_rec(q, "number" if q.startswith("n") else "date", ok) for q, ok in oks.items()]
    return Run(folder, records, build_summary(records, {"started": started}))


def test_change_direction() -> None:
    assert change("fact_accuracy", 0.9, 0.8)[1] == 1
    assert change("fact_accuracy", 0.8, 0.9)[1] == -1
    assert change("fact_accuracy", 0.801, 0.8)[1] == 0
    assert change("latency_p95_ms", 200.0, 100.0)[1] == -1  # slower is worse
    assert change("latency_p95_ms", 105.0, 100.0)[1] == 0
    assert change("fact_accuracy", 0.9, None) == (None, 0)


def test_report_shows_what_flipped(tmp_path: Path) -> None:
    before = _run(tmp_path / "a", {"n1": True, "n2": False, "d1": True}, "2026-01-01T00:00:00")
    now = _run(tmp_path / "b", {"n1": False, "n2": True, "d1": True}, "2026-01-02T00:00:00")
    page = html_report(now, [before])
    failing = page.split("Newly failing (1)")[1].split("Newly passing")[0]
    assert "n1" in failing and "n2" not in failing
    assert "n2" in page.split("Newly passing (1)")[1].split("</ul>")[0]
    charts = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    assert len(charts) == 4  # metrics, types, trend, latency
    assert all(base64.b64decode(c).lstrip().startswith(b"<?xml") for c in charts)
    assert "compared with the previous run <b>a</b>" in page
    md = markdown_summary(now, before)
    assert "Newly failing: n1" in md and "Newly passing: n2" in md
    assert "| fact_accuracy | 0.667 | 0.667 | +0.000 |" in md


def test_first_run_has_no_comparison(tmp_path: Path) -> None:
    only = _run(tmp_path / "a", {"n1": True, "d1": False}, "2026-01-01T00:00:00")
    page = html_report(only, [])
    assert "no previous run" in page and "Newly failing (0)" in page
    assert len(re.findall(r"data:image/svg\+xml;base64", page)) == 3  # no trend yet
    assert "Failing questions (1)" in page and "câu hỏi d1?" in page
