"""The "not sure" outcome: refused, with the passages closest to the question.

When the calibrated decision (confidence.py) does not answer, the asker still sees where
the documents come nearest: each candidate passage once, best first, shown with the sentence
closest to the question; without candidates, the retrieved passages about the place asked,
each with its sentence closest in meaning. None of them is offered as the answer. When even
the nearest passage is further from the question in meaning than any answerable training
question's was (Model.related_at: gibberish, an instruction, a question about something
else entirely), there is nothing related to show, and the outcome is "not found".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

import numpy as np

from policybot.answers.confidence import Scored
from policybot.answers.draft import NOT_SURE, Draft
from policybot.answers.sentences import Sentences
from policybot.index.sentence_vectors import SentenceVectors
from policybot.questions.question import QuestionSpec
from policybot.types import Chunk, Hit

RELATED = 3  # passages shown when not sure


class Answerer(Protocol):
    """What this needs of the extractive answerer (answer.py)."""

    sentences: Sentences
    sentence_vectors: SentenceVectors | None

    @property
    def related_floor(self) -> float: ...

    def about_asked(self, spec: QuestionSpec, chunk: Chunk) -> bool: ...

    def question_vector(self, spec: QuestionSpec) -> np.ndarray: ...


def nothing_near(hits: Sequence[Hit], floor: float) -> bool:
    """No passage comes as close in meaning to the question as the related floor."""
    return bool(hits) and max(h.dense for h in hits) < floor


def not_sure(
    answerer: Answerer,
    spec: QuestionSpec,
    hits: Sequence[Hit],
    scored: Sequence[Scored],
    refusal: Draft,
    confidence: float | None,
) -> Draft:
    """`refusal` with the closest passages as `related` (unchanged when there are none, or
    when no passage comes as close in meaning as the fitted floor: then nothing is)."""
    shown = _closest(answerer, spec, hits, scored)
    if not shown:
        return refusal
    return replace(refusal, message=NOT_SURE, confidence=confidence, related=shown)


def _closest(
    answerer: Answerer, spec: QuestionSpec, hits: Sequence[Hit], scored: Sequence[Scored]
) -> tuple[tuple[Hit, str], ...]:
    """The passages to show as related, each by a sentence: the candidates' closest in
    meaning and words first, then the passages about what is asked by their sentence
    closest in meaning; none when nothing is near (the related floor)."""
    if nothing_near(hits, answerer.related_floor):
        return ()
    related: dict[str, tuple[Hit, str]] = {}
    for sc in sorted(scored, key=lambda s: -(s.semantic + s.coverage)):
        related.setdefault(sc.sentence.hit.chunk.id, (sc.sentence.hit, sc.sentence.text))
    for hit in hits:
        if len(related) >= RELATED:
            break
        if hit.chunk.id not in related and answerer.about_asked(spec, hit.chunk):
            related[hit.chunk.id] = (hit, closest_sentence(answerer, spec, hit))
    return tuple(list(related.values())[:RELATED])


# refusals with nothing related: an instrument or place no document names, an article the
# instrument does not have
_NOTHING_RELATED = frozenset(
    {"not-in-corpus", "instrument-not-in-registry", "article-not-in-instrument"}
)


def shows_related(refusal: Draft) -> bool:
    """A refusal of the registry that the closest passages may complete (with_related)."""
    return refusal.refused and not refusal.related and refusal.reason not in _NOTHING_RELATED


def with_related(
    answerer: Answerer, spec: QuestionSpec, hits: Sequence[Hit], refusal: Draft
) -> Draft:
    """A refusal of the registry ("no signature read", "no relation known") with the
    passages closest to the question, each by its sentence closest in meaning: what the
    documents do say. Unchanged when nothing is near (related floor)."""
    shown = _closest(answerer, spec, hits, ())
    if not shown:
        return refusal
    message = f"{(refusal.message or '').rstrip()} Các đoạn liên quan nhất:".lstrip()
    return replace(refusal, message=message, related=shown)


def closest_sentence(answerer: Answerer, spec: QuestionSpec, hit: Hit) -> str:
    """The passage's sentence closest in meaning to the question ("" without vectors)."""
    sents = [s.text for s in answerer.sentences.of(hit)]
    if answerer.sentence_vectors is None or not sents:
        return ""
    qv = answerer.question_vector(spec)
    vectors = answerer.sentence_vectors.get(sents)
    return max(sents, key=lambda t: float(qv @ vectors[t]) if t in vectors else -1.0)


def close_sentences(answerer: Answerer, spec: QuestionSpec, hit: Hit, margin: float) -> list[str]:
    """The passage's sentences within `margin` (cosine) of its closest to the question in
    meaning; all of them without sentence vectors."""
    sents = [s.text for s in answerer.sentences.of(hit)]
    if answerer.sentence_vectors is None or not sents:
        return sents
    qv = answerer.question_vector(spec)
    vectors = answerer.sentence_vectors.get(sents)
    cos = {t: float(qv @ vectors[t]) for t in sents if t in vectors}
    if not cos:
        return sents
    best = max(cos.values())
    return [t for t in sents if t not in cos or cos[t] >= best - margin]
