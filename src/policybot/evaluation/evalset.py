"""The eval set: one JSON question a line, checked so a typo fails with its line number."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policybot.errors import PolicybotError

ROLES = ("user", "assistant")


@dataclass(frozen=True)
class EvalQuestion:
    """One question with what a correct answer must show (see eval/README.md)."""

    id: str
    type: str
    question: str
    expected_docs: tuple[str, ...]
    instruments: tuple[str, ...]
    facts: tuple[tuple[str, ...], ...]
    answerable: bool
    history: tuple[dict[str, str], ...] = ()


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read and validate an eval file; every problem names the file and line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise PolicybotError(f"eval file {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicybotError(f"cannot read eval file {path}: {exc}") from None
    out: list[EvalQuestion] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            question = parse_question(data)
        except (ValueError, TypeError) as exc:
            raise PolicybotError(f"{path}:{number}: {exc}") from None
        if question.id in seen:
            raise PolicybotError(f"{path}:{number}: duplicate id {question.id!r}")
        seen.add(question.id)
        out.append(question)
    if not out:
        raise PolicybotError(f"eval file {path} holds no questions")
    return out


def parse_question(data: Any) -> EvalQuestion:
    if not isinstance(data, dict):
        raise ValueError("each line must be a JSON object")
    qid = _text(data, "id")
    question = _text(data, "question")
    answerable = data.get("answerable", True)
    if not isinstance(answerable, bool):
        raise ValueError(f"{qid}: answerable must be true or false")
    facts = data.get("facts", [])
    if not isinstance(facts, list) or not all(
        isinstance(f, list) and f and all(isinstance(s, str) and s.strip() for s in f)
        for f in facts
    ):
        raise ValueError(f"{qid}: facts must be a list of non-empty lists of strings")
    expected = _strings(data, "expected_docs", qid)
    if answerable and not (facts or expected):
        raise ValueError(f"{qid}: an answerable question needs facts or expected_docs")
    history = _turns(data.get("history", []))
    if not isinstance(history, list) or not all(
        isinstance(t, dict) and t.get("role") in ROLES and isinstance(t.get("content"), str)
        for t in history
    ):
        raise ValueError(f"{qid}: history must be a list of {{'role': user|assistant, 'content'}}")
    return EvalQuestion(
        id=qid,
        type=str(data.get("type") or "general"),
        question=question,
        expected_docs=tuple(expected),
        instruments=tuple(_strings(data, "instruments", qid)),
        facts=tuple(tuple(f) for f in facts),
        answerable=answerable,
        history=tuple({"role": t["role"], "content": t["content"]} for t in history),
    )


def _turns(history: Any) -> Any:
    """Earlier turns as role/content; a {"question", "answer"} pair (how people write a
    conversation down) becomes a user turn and an assistant turn."""
    if not isinstance(history, list):
        return history
    turns: list[Any] = []
    for t in history:
        if isinstance(t, dict) and "role" not in t and {"question", "answer"} <= t.keys():
            turns += [
                {"role": "user", "content": t["question"]},
                {"role": "assistant", "content": t["answer"]},
            ]
        else:
            turns.append(t)
    return turns


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"missing or empty {key!r}")
    return value.strip()


def _strings(data: dict[str, Any], key: str, qid: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise ValueError(f"{qid}: {key} must be a list of strings")
    return list(value)
