"""Whether the best sentence answers: a calibrated model over general signals.

The extractive answerer ranks the sentences of the retrieved passages that keep what the
question pins down (place, year, instrument, kind of fact). Whether the best of them states
the answer is not a word-overlap threshold but a logistic model over signals any question
has: how much of the question the sentence covers in words and in meaning, whether it
states the kind of fact asked (for a who-question, a body doing what is asked), whether it
names the place, year and instrument asked, how clearly retrieval preferred its passage,
and how far it ranks above the next candidate. The coefficients are fitted offline on a
training split of the eval questions (scripts/fit_confidence.py) and stored beside this
module in confidence.json, with the threshold above which the answerer answers and the
floor below which it has nothing related to show (Model.related_at).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from policybot.answers.roles import acts_as_question_asks
from policybot.answers.sentences import Sentence
from policybot.answers.stated import ANY_YEAR, names_ref
from policybot.index.document_text import fold
from policybot.questions.question import QuestionSpec
from policybot.text.places import bare_name
from policybot.types import Hit

FEATURES = (
    "coverage",  # share of the question's content words (idf-weighted) the sentence holds
    "phrase",  # share of the question's word pairs it holds
    "semantic",  # cosine of the sentence's vector and the question's
    "semantic_lift",  # how far above the other candidates' mean its cosine is
    "semantic_top",  # no other candidate is closer in meaning
    "retrieval",  # fused retrieval score of its passage
    "passage_dense",  # cosine of its passage's vector and the question's
    "dense_margin",  # how far its passage's cosine is above the other passages' best
    "kind_asked",  # the question asks a kind of fact the sentence was checked to state
    "place_stated",  # the question names places and the sentence names them all
    "year_stated",  # the question names years and the sentence itself states one
    "ref_stated",  # the question names instruments and the sentence names one
    "top_passage",  # its passage is the one retrieval ranked first
    "score_margin",  # how far its rank score is above the next candidate's (1 when alone)
    "actor_missing",  # a who-question, and no body in it does what the question asks
)
MODEL_PATH = Path(__file__).with_name("confidence.json")


@dataclass(frozen=True)
class Scored:
    """A candidate sentence with its signals; `score` ranks candidates."""

    sentence: Sentence
    score: float
    coverage: float
    phrase: float = 0.0
    semantic: float = 0.0


@dataclass(frozen=True)
class Model:
    bias: float
    weights: Mapping[str, float]
    answer_at: float  # answer when the confidence reaches this; below, "not sure"
    rank_semantic: float  # weight of the semantic cosine when ranking candidates
    means: Mapping[str, float] = field(default_factory=dict)  # features are centred
    scales: Mapping[str, float] = field(default_factory=dict)  # … and scaled by these
    # Below this cosine between the question and its nearest passage nothing in the corpus
    # is about the question: "not found", no related passages. A cosine is a property of
    # the embedder, so the floor holds only for the one it was fitted with.
    related_at: float = 0.0
    fitted_with: str = ""

    def floor(self, embedder: str) -> float:
        """The related floor for an index embedded by `embedder` (0: no floor)."""
        return self.related_at if embedder == self.fitted_with else 0.0

    def confidence(self, signals: Mapping[str, float]) -> float:
        z = self.bias
        for name, w in self.weights.items():
            x = signals.get(name, 0.0)
            z += w * (x - self.means.get(name, 0.0)) / (self.scales.get(name, 1.0) or 1.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def load_model(path: Path = MODEL_PATH) -> Model:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(
        bias=float(data["bias"]),
        weights={k: float(v) for k, v in data["weights"].items()},
        answer_at=float(data["answer_at"]),
        rank_semantic=float(data["rank_semantic"]),
        means={k: float(v) for k, v in data.get("means", {}).items()},
        scales={k: float(v) for k, v in data.get("scales", {}).items()},
        related_at=float(data.get("related_at", 0.0)),
        fitted_with=str(data.get("fitted_with", "")),
    )


def _first_by_meaning(spec: QuestionSpec, hits: Sequence[Hit]) -> str:
    """The passage retrieval ranked first, not counting those only lexical search found when
    the question names an instrument by number: its number alone lifts the instrument's
    header and the passages citing it, whatever is asked of it (the first passage still
    counts as first: the header answers what the instrument is about)."""
    if spec.refs:
        hits = [h for h in hits if h.dense > 0.0] or hits
    return hits[0].chunk.id if hits else ""


def signals(
    spec: QuestionSpec, best: Scored, scored: Sequence[Scored], hits: Sequence[Hit]
) -> dict[str, float]:
    """The model's inputs for the best candidate (see FEATURES)."""
    text = fold(best.sentence.text)
    others = [s.semantic for s in scored[1:]]
    places = (*spec.provinces, *spec.localities)
    hit = best.sentence.hit
    other_dense = [h.dense for h in hits if h.chunk.id != hit.chunk.id]
    return {
        "coverage": best.coverage,
        "phrase": best.phrase,
        "semantic": best.semantic,
        "semantic_lift": best.semantic - (sum(others) / len(others) if others else best.semantic),
        "semantic_top": float(all(best.semantic >= s for s in others)),
        "retrieval": hit.score,
        "passage_dense": hit.dense,
        # alone (the passages naming an abolished instrument), no margin over another
        "dense_margin": hit.dense - max(other_dense, default=hit.dense),
        "kind_asked": float(spec.kind != "general"),
        "place_stated": float(bool(places) and all(fold(bare_name(p)) in text for p in places)),
        "year_stated": float(
            bool(spec.years) and bool(set(spec.years) & set(ANY_YEAR.findall(text)))
        ),
        "ref_stated": float(bool(spec.refs) and names_ref(spec, best.sentence.text)),
        "top_passage": float(
            bool(hits) and hit.chunk.id in (hits[0].chunk.id, _first_by_meaning(spec, hits))
        ),
        "score_margin": min(1.0, best.score - scored[1].score) if len(scored) > 1 else 1.0,
        "actor_missing": float(
            spec.wants_who and not acts_as_question_asks(spec.text, best.sentence)
        ),
    }
