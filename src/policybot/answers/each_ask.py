"""A question that asks two things (questions/asks.py) is answered in both.

Answered as a whole, the sentence that answers it comes first, then the sentence of the same
document that best answers each ask it left unanswered; an ask none answers is said to be
unanswered. When no sentence answers the whole surely (each states half of what it asks),
each ask is answered on its own from the passages of the document that answers the whole
best (a later ask with the places, years and instruments the first names), and the question
is answered only when every ask is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from policybot.answers.compose import MIN_COVERAGE
from policybot.answers.confidence import Scored
from policybot.answers.draft import Part
from policybot.questions.asks import split_asks
from policybot.questions.question import QuestionSpec, analyze
from policybot.types import Hit

Scorer = Callable[[QuestionSpec, Sequence[Hit]], list[Scored]]
Sure = Callable[[QuestionSpec, list[Scored], Sequence[Hit]], float | None]
Compose = Callable[[QuestionSpec, list[Scored]], list[Part]]


def _asks(question: str) -> list[QuestionSpec]:
    """Each ask as a question; a later one pinned to what the first names ("Huyện ủy Triệu
    Phong đề ra mấy nhóm …, và đến năm 2025 kinh tế số chiếm bao nhiêu?": the second is of
    Triệu Phong), not the first to what a later one names (its year is its own)."""
    specs = [analyze(ask) for ask in split_asks(question)]
    first = specs[0] if specs else None
    return [
        replace(
            sub,
            refs=sub.refs or first.refs,
            provinces=sub.provinces or first.provinces,
            localities=sub.localities or first.localities,
            years=sub.years or first.years,
        )
        if first is not None and sub is not first
        else sub
        for sub in specs
    ]


def _of_document(scored: list[Scored], hits: Sequence[Hit]) -> list[Hit]:
    """The retrieved passages of the document whose sentence answers best."""
    doc = scored[0].sentence.hit.chunk.doc_id
    return [hit for hit in hits if hit.chunk.doc_id == doc]


def other_asks(
    spec: QuestionSpec,
    scored: list[Scored],
    hits: Sequence[Hit],
    parts: list[Part],
    score: Scorer,
) -> tuple[list[Part], list[str]]:
    """Parts answering the asks `parts` leave unanswered, from the best sentence's document,
    and the asks no sentence of it answers."""
    asks = _asks(spec.text)
    if not asks:
        return [], []
    pool = _of_document(scored, hits)
    used = {part[2] for part in parts}
    out: list[Part] = []
    missing: list[str] = []
    for ask in asks:
        found = score(ask, pool)
        if found and found[0].coverage >= MIN_COVERAGE:
            best = found[0].sentence
            if best.text not in used:
                out.append((best.shown(), best.hit, best.text))
                used.add(best.text)
        # no sentence holds the ask's words ("hạn chót là khi nào?"): a shown one stating
        # the kind of fact it asks (a row's "Thời gian hoàn thành: Quí IV-2025") answers it
        elif not any(s.sentence.text in used for s in found):
            missing.append(ask.text)
    return out, missing


def each_ask(
    spec: QuestionSpec,
    scored: list[Scored],
    hits: Sequence[Hit],
    score: Scorer,
    sure: Sure,
    compose: Compose,
) -> tuple[list[Part], float] | None:
    """Parts answering every ask on its own, with the least sure of their confidences; None
    when the question asks one thing or some ask is answered by no sentence surely.
    `scored`: the whole question's candidates."""
    asks = _asks(spec.text)
    if not asks or not scored:
        return None
    pool = _of_document(scored, hits)
    parts: list[Part] = []
    least = 1.0
    for sub in asks:
        found = score(sub, pool)
        confidence = sure(sub, found, hits) if found else None
        if confidence is None:
            return None
        least = min(least, confidence)
        parts.extend(p for p in compose(sub, found) if p[2] not in {q[2] for q in parts})
    return parts, least
