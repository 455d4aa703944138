"""A small eval in CI: `policybot eval` on eight questions of the set, with thresholds, so a
drop in answer quality fails `make test`. Also the command's run folder and errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
BIN = Path(sys.executable).parent / "policybot"
# One or two of each kind: date, number, instrument, who, list, follow-up, two refusals.
CI_IDS = ("d01", "n01", "i01", "w02", "l02", "f01", "u02", "u04")
THRESHOLDS = (
    "--min", "fact_accuracy=0.8",
    "--min", "citation_accuracy=1.0",
    "--min", "refusal_recall=1.0",
    "--min", "recall@5=1.0",
)  # fmt: skip


def _ci_set(tmp_path: Path) -> Path:
    lines = (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    chosen = [line for line in lines if json.loads(line)["id"] in CI_IDS]
    assert len(chosen) == len(CI_IDS)
    path = tmp_path / "ci.jsonl"
    path.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return path


def _eval(*args: str, index: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "POLICYBOT_INDEX_DIR": str(index), **extra}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [str(BIN), "eval", *args], capture_output=True, text=True, env=env, timeout=600,
        check=False,
    )  # fmt: skip


def test_small_eval_meets_thresholds(seed_index: Path, tmp_path: Path) -> None:
    questions = _ci_set(tmp_path)
    first = tmp_path / "runs" / "one"
    out = _eval(str(questions), "--out", str(first), *THRESHOLDS, index=seed_index)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "8/8 passed" in out.stdout or "7/8 passed" in out.stdout
    report = (first / "report.html").read_text(encoding="utf-8")
    assert len(re.findall(r"data:image/svg\+xml;base64,", report)) >= 3
    records = [json.loads(x) for x in (first / "records.jsonl").read_text().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(CI_IDS)
    for r in records:
        assert {"retrieved", "answer", "citations", "refused", "latency_ms", "recall@5"} <= set(r)
    summary = json.loads((first / "summary.json").read_text())
    assert summary["overall"]["questions"] == 8 and "followup" in summary["by_type"]
    assert (first / "summary.md").read_text().startswith("# policybot eval one")

    second = tmp_path / "runs" / "two"
    again = _eval(str(questions), "--out", str(second), index=seed_index)
    assert again.returncode == 0, again.stderr
    page = (second / "report.html").read_text(encoding="utf-8")
    assert "compared with the previous run <b>one</b>" in page
    assert len(re.findall(r"data:image/svg\+xml;base64,", page)) == 4  # with the trend


def test_threshold_failure_exits_1_naming_the_metric(seed_index: Path, tmp_path: Path) -> None:
    questions = _ci_set(tmp_path)
    out = _eval(
        str(questions), "--out", str(tmp_path / "r"), "--min", "fact_accuracy=1.01",
        index=seed_index,
    )  # fmt: skip
    assert out.returncode == 1
    assert (
        out.stderr.strip().splitlines()[-1].startswith("policybot: fact_accuracy")
        and "below the minimum 1.01" in out.stderr
    )
    assert (tmp_path / "r" / "report.html").exists()  # the report is written all the same


def test_bad_arguments_are_one_line(seed_index: Path, tmp_path: Path) -> None:
    unknown = _eval("--min", "accuracy=0.9", index=seed_index)
    assert unknown.returncode == 1 and "METRIC=VALUE" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    missing = _eval(str(tmp_path / "none.jsonl"), index=seed_index)
    assert missing.returncode == 1 and "does not exist" in missing.stderr
    no_index = _eval(
        str(_ci_set(tmp_path)),
        index=tmp_path / "no-index",
        POLICYBOT_DOCUMENTS_DIR=str(tmp_path / "no-documents"),
    )
    assert no_index.returncode == 1 and "policybot ingest" in no_index.stderr


def test_fresh_checkout_indexes_documents_first(tmp_path: Path) -> None:
    """No index yet: eval builds one from the documents folder, then reports (hash embedder:
    this checks the plumbing, not quality)."""
    out = _eval(
        str(_ci_set(tmp_path)), "--out", str(tmp_path / "run"),
        index=tmp_path / "index",
        POLICYBOT_DOCUMENTS_DIR=str(ROOT / "tests" / "data" / "corpus"),
        POLICYBOT_EMBEDDER__BACKEND="hash",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "indexing" in out.stderr and (tmp_path / "index" / "manifest.json").exists()
    assert (tmp_path / "run" / "report.html").exists()
