"""The eval set file: the shipped set is valid and covers the issue; bad lines name their line."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from policybot.errors import PolicybotError
from policybot.evaluation.evalset import load_questions

ROOT = Path(__file__).parents[2]


def test_shipped_eval_set_covers_every_type() -> None:
    questions = load_questions(ROOT / "eval" / "questions.jsonl")
    assert len(questions) >= 80
    types = Counter(q.type for q in questions)
    for t in ("date", "number", "instrument", "list", "who", "cross", "paraphrase", "followup"):
        assert types[t] >= 5, t
    assert sum(not q.answerable for q in questions) >= 15
    documents = {p.name for p in (ROOT / "documents").glob("*.txt")}
    for q in questions:
        assert set(q.expected_docs) <= documents, q.id
        assert q.answerable == bool(q.facts), q.id
    follow_ups = [q for q in questions if q.type == "followup"]
    assert all(q.history and q.history[0]["role"] == "user" for q in follow_ups)
    assert all(len(q.expected_docs) >= 2 for q in questions if q.type == "cross")


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = (
    '{"id": "a", "type": "date", "question": "Khi nào?", "expected_docs": ["x.txt"], '
    '"facts": [["1/1/2020"]], "answerable": true}'
)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "q.jsonl:2:"),
        ('{"id": "b", "question": "?", "facts": "1/1", "answerable": true}', "facts must be"),
        ('{"id": "b", "question": "?", "answerable": true}', "needs facts or expected_docs"),
        ('{"id": "b", "question": "", "answerable": false}', "missing or empty 'question'"),
        ('{"id": "b", "question": "?", "answerable": "yes"}', "true or false"),
        (
            '{"id": "b", "question": "?", "answerable": false, '
            '"history": [{"role": "bot", "content": "x"}]}',
            "history must be",
        ),
        (GOOD, "duplicate id 'a'"),
    ],
)
def test_bad_lines_are_reported_with_their_line(tmp_path: Path, line: str, message: str) -> None:
    with pytest.raises(PolicybotError, match=message) as err:
        load_questions(_write(tmp_path, GOOD, line))
    assert "q.jsonl:2" in str(err.value)


def test_missing_or_empty_file(tmp_path: Path) -> None:
    with pytest.raises(PolicybotError, match="does not exist"):
        load_questions(tmp_path / "none.jsonl")
    with pytest.raises(PolicybotError, match="no questions"):
        load_questions(_write(tmp_path, ""))


def test_history_is_kept(tmp_path: Path) -> None:
    line = (
        '{"id": "f", "type": "followup", "question": "Còn năm 2030?", "facts": [["30%"]], '
        '"answerable": true, "history": [{"role": "user", "content": "2025?"}, '
        '{"role": "assistant", "content": "20%"}]}'
    )
    (q,) = load_questions(_write(tmp_path, line))
    assert q.history == (
        {"role": "user", "content": "2025?"},
        {"role": "assistant", "content": "20%"},
    )
    assert q.facts == (("30%",),) and q.expected_docs == ()


def test_history_as_question_answer_pairs(tmp_path: Path) -> None:
    line = (
        '{"id": "f", "type": "followup", "question": "Còn năm 2030?", "facts": [["30%"]], '
        '"history": [{"question": "2025?", "answer": "20%"}]}'
    )
    (q,) = load_questions(_write(tmp_path, line))
    assert q.history == (
        {"role": "user", "content": "2025?"},
        {"role": "assistant", "content": "20%"},
    )


def test_shipped_question_sets_load() -> None:
    """Every set in eval/ loads as policybot eval reads it (officials' follow-ups included)."""
    root = Path(__file__).parents[2] / "eval"
    names = sorted(p.name for p in root.glob("*.jsonl"))
    assert {"questions.jsonl", "officials.jsonl", "realdocs.jsonl"} <= set(names)
    for name in names:
        questions = load_questions(root / name)
        assert len({q.id for q in questions}) == len(questions) >= 40, name
    followups = [q for q in load_questions(root / "officials.jsonl") if q.history]
    assert followups and all(q.history[0]["role"] == "user" for q in followups)
