"""👍/👎 on answers, kept in SQLite under the data folder and exported as eval candidates.

Votes are how the evaluation set grows from real use: a liked answer becomes a question
with its expected documents (and the date or figure it gave) for a person to check; a
disliked one is flagged for review. The export uses eval/questions.jsonl's schema.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policybot.errors import PolicybotError
from policybot.questions.question import analyze
from policybot.text.dates import find_dates
from policybot.text.query_refs import find_query_refs

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    refused INTEGER NOT NULL,
    citations TEXT NOT NULL,
    vote INTEGER NOT NULL,
    source TEXT NOT NULL DEFAULT 'ui',
    user TEXT NOT NULL DEFAULT ''
)
"""
_KIND_TO_TYPE = {
    "day": "date",
    "when": "date",
    "number": "number",
    "who": "who",
    "instrument": "instrument",
    "list": "list",
    "general": "general",
}
_FIGURE = re.compile(r"(?<![\w/])\d+(?:[.,]\d+)?\s*%")


@dataclass(frozen=True)
class Vote:
    id: int
    time: str
    question: str
    answer: str
    refused: bool
    citations: list[dict[str, Any]]
    vote: int  # +1 or -1
    source: str
    user: str = ""  # who voted, when the page knows (a login); "" otherwise


def parse_vote(value: Any) -> int:
    """+1 for up/like/👍/true/1, -1 for down/dislike/👎/false/-1; anything else is an error."""
    text = str(value).strip().casefold()
    if text in {"1", "+1", "up", "like", "👍", "true", "yes"}:
        return 1
    if text in {"-1", "down", "dislike", "👎", "false", "no", "0"}:
        return -1
    raise PolicybotError(f"vote must be up or down (👍/👎), got {value!r}")


class FeedbackStore:
    """One SQLite file; a connection per call, so threads of the server never share one."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._db() as db:
            db.execute(_SCHEMA)
            columns = {row[1] for row in db.execute("PRAGMA table_info(feedback)")}
            if "user" not in columns:  # a database from before votes named their person
                db.execute("ALTER TABLE feedback ADD COLUMN user TEXT NOT NULL DEFAULT ''")

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            with db:
                yield db
        finally:
            db.close()

    def add(
        self,
        question: str,
        answer: str,
        refused: bool,
        citations: list[dict[str, Any]],
        vote: int,
        source: str = "ui",
        user: str = "",
    ) -> int:
        if vote not in (1, -1):
            raise PolicybotError("vote must be +1 or -1")
        if not question.strip():
            raise PolicybotError("feedback needs the question that was asked")
        with self._db() as db:
            cur = db.execute(
                "INSERT INTO feedback"
                " (time, question, answer, refused, citations, vote, source, user)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    question,
                    answer,
                    int(refused),
                    json.dumps(citations, ensure_ascii=False),
                    vote,
                    source,
                    user,
                ),
            )
            return int(cur.lastrowid or 0)

    def votes(self) -> list[Vote]:
        with self._db() as db:
            rows = db.execute(
                "SELECT id, time, question, answer, refused, citations, vote, source, user "
                "FROM feedback ORDER BY id"
            ).fetchall()
        return [
            Vote(r[0], r[1], r[2], r[3], bool(r[4]), json.loads(r[5]), int(r[6]), r[7], r[8])
            for r in rows
        ]

    def export(self, vote: int | None = None) -> list[dict[str, Any]]:
        """Eval candidates, the latest vote per question, oldest question first."""
        latest: dict[str, Vote] = {}
        for v in self.votes():
            latest.pop(v.question, None)
            latest[v.question] = v
        return [candidate(v) for v in latest.values() if vote is None or v.vote == vote]


def candidate(v: Vote) -> dict[str, Any]:
    """One eval/questions.jsonl row from a vote, with the vote kept under "review"."""
    spec = analyze(v.question)
    docs = list(dict.fromkeys(c["document"]["id"] for c in v.citations if c.get("document")))
    liked = v.vote > 0
    qtype = _KIND_TO_TYPE.get(spec.kind, "general")
    if v.refused and liked:
        qtype = "unanswerable"
    facts: list[list[str]] = []
    if liked and not v.refused:
        facts = _facts(qtype, v.answer)
    return {
        "id": f"fb{v.id:04d}",
        "type": qtype,
        "question": v.question,
        "expected_docs": docs if liked and not v.refused else [],
        "instruments": [r.number for r in find_query_refs(v.question) if r.number and r.full],
        "facts": facts,
        "answerable": not (v.refused and liked),
        "review": {
            "vote": "up" if liked else "down",
            "answer": v.answer,
            "refused": v.refused,
            "time": v.time,
            "source": v.source,
            **({"user": v.user} if v.user else {}),
            "checked": False,
        },
    }


def _facts(qtype: str, answer: str) -> list[list[str]]:
    text = re.sub(r"\s*\[\d+\]", "", answer)
    if qtype == "date":
        isos = [iso for _, _, iso in find_dates(text) if iso and iso.count("-") == 2]
        if not isos:
            return []
        y, m, d = isos[0].split("-")
        return [[f"{int(d)}/{int(m)}/{y}"]]
    if qtype == "number":
        figures = _FIGURE.findall(text)
        return [[figures[0].replace(" ", "")]] if figures else []
    return []


def write_jsonl(rows: list[dict[str, Any]], path: Path | None) -> str:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return text
