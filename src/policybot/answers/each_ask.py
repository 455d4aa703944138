"""A question that asks two things (questions/asks.py) is answered in both.

Answered as a whole, the sentence that answers it comes first, then the sentence of the
same document that best answers each ask it left unanswered; an ask none answers is said
to be unanswered. When no sentence answers the
whole surely (each states half of what it asks), each ask is answered on its own from the
same passages, and the question is answered only when every ask is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from policybot.answers.compose import MIN_COVERAGE
from policybot.answers.confidence import Scored
from policybot.answers.draft import Part
from policybot.questions.asks import split_asks
from policybot.questions.question import QuestionSpec, analyze
from policybot.types import Hit

Scorer = Callable[[QuestionSpec, Sequence[Hit]], list[Scored]]
Sure = Callable[[QuestionSpec, list[Scored], Sequence[Hit]], float | None]
Composer = Callable[[QuestionSpec, list[Scored]], list[Part]]


def other_asks(
    spec: QuestionSpec, scored: list[Scored], parts: list[Part], score: Scorer
) -> tuple[list[Part], list[str]]:
    """Parts answering the asks `parts` leave unanswered, from the best sentence's document,
    and the asks no sentence of it answers."""
    asks = split_asks(spec.text)
    if not asks:
        return [], []
    doc = scored[0].sentence.hit.chunk.doc_id
    pool = list(
        {
            s.sentence.hit.chunk.id: s.sentence.hit
            for s in scored
            if s.sentence.hit.chunk.doc_id == doc
        }.values()
    )
    used = {part[2] for part in parts}
    out: list[Part] = []
    missing: list[str] = []
    for ask in asks:
        sub = analyze(ask)
        found = score(sub, pool)
        if found and found[0].coverage >= MIN_COVERAGE:
            best = found[0].sentence
            if best.text not in used:
                out.append((best.shown(), best.hit, best.text))
                used.add(best.text)
            continue
        # no sentence holds the ask's words ("hạn chót là khi nào?"): one shown that states
        # the kind of fact it asks (a row's "Thời gian hoàn thành: Quí IV-2025") answers it
        if sub.kind == "general" or not any(s.sentence.text in used for s in found):
            missing.append(ask)
    return out, missing


def each_ask(
    spec: QuestionSpec, hits: Sequence[Hit], score: Scorer, sure: Sure, compose: Composer
) -> tuple[list[Part], float] | None:
    """Parts answering every ask on its own, with the least sure of their confidences; None
    when the question asks one thing or some ask is answered by no sentence surely."""
    asks = split_asks(spec.text)
    if not asks:
        return None
    parts: list[Part] = []
    least = 1.0
    for ask in asks:
        sub = analyze(ask)
        found = score(sub, hits)
        confidence = sure(sub, found, hits) if found else None
        if confidence is None:
            return None
        least = min(least, confidence)
        parts.extend(p for p in compose(sub, found) if p[2] not in {q[2] for q in parts})
    return parts, least
