"""What the extractive answerer decided, and how it becomes text with [n] citations.

A Draft is the parts of an answer (the text shown, the passage cited, the sentence it rests
on) or a refusal with its reason; every generator starts from one, so the citation numbering
and the refusal wording live here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policybot.types import Citation, DocRef, Hit

Part = tuple[str, Hit, str]  # (text to show, hit cited, sentence it rests on)

REFUSAL = "Không tìm thấy thông tin {what} trong các văn bản hiện có."
NOT_SURE = "Văn bản không nêu trực tiếp; các đoạn liên quan nhất:"


@dataclass(frozen=True)
class Draft:
    """What the answerer decided, before citations are numbered."""

    refused: bool
    parts: tuple[Part, ...]
    reason: str | None = None
    message: str | None = None
    note: str | None = None  # said after the cited parts: what part of the question is unanswered
    confidence: float | None = None  # answers/confidence.py: the best sentence answers
    related: tuple[tuple[Hit, str], ...] = ()  # not sure: closest passages and their sentence


def refuse(what: str, reason: str) -> Draft:
    return Draft(refused=True, parts=(), reason=reason, message=REFUSAL.format(what=what))


def build_citations(draft: Draft) -> tuple[str, tuple[Citation, ...]]:
    """Number the cited passages in order of first use and write the [n] markers."""
    numbers: dict[str, int] = {}
    cites: list[Citation] = []
    pieces: list[str] = []
    for text, hit, sentence in draft.parts:
        cid = hit.chunk.id
        if cid not in numbers:
            numbers[cid] = len(numbers) + 1
            cites.append(_citation(numbers[cid], hit, sentence))
        text = text.rstrip()
        marker = f"[{numbers[cid]}]"
        if text.endswith((".", ";", ":")) and not text.endswith("..."):
            pieces.append(f"{text[:-1]} {marker}{text[-1]}")
        else:
            pieces.append(f"{text} {marker}")
    if draft.note:
        pieces.append(draft.note)
    return " ".join(pieces), tuple(cites)


def build_related(draft: Draft) -> tuple[str, tuple[Citation, ...]]:
    """A "not sure" refusal's text and its related passages, each shown by the sentence
    closest to the question. They are numbered "(đoạn n)", never "[n]": an [n] names a
    citation, and a refusal cites nothing (the passages go in `related`)."""
    cites = tuple(_citation(n, hit, s) for n, (hit, s) in enumerate(draft.related, start=1))
    shown = [f"(đoạn {c.n}) {_clip(c.sentence or c.passage)} ({c.document.title})" for c in cites]
    return f"{draft.message or NOT_SURE} " + "; ".join(shown), cites


def _clip(text: str, size: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size].rsplit(" ", 1)[0] + " …"


def _citation(n: int, hit: Hit, sentence: str) -> Citation:
    chunk = hit.chunk
    return Citation(
        n=n,
        document=DocRef(id=chunk.doc_id, title=chunk.title, source="", page=chunk.page),
        instruments=chunk.instruments,
        passage=chunk.text,
        score=hit.score,
        sentence=sentence,
        where=chunk.where(),
    )


def describe(draft: Draft) -> dict[str, Any]:
    return {"refused": draft.refused, "reason": draft.reason, "parts": len(draft.parts)}
