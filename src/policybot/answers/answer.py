"""The extractive answerer: picks the sentences that answer, or refuses.

A similarity threshold cannot tell an answer from a loosely related passage, so what the
question pins down must hold in the evidence: the instrument it names, the province or
district, the year, and the kind of fact asked for (a date, a number, an instrument).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from policybot.answers.candidates import SentenceScorer
from policybot.answers.compose import MIN_COVERAGE, Composer
from policybot.answers.confidence import Model, Scored, load_model, signals
from policybot.answers.draft import REFUSAL, Draft, refuse
from policybot.answers.each_ask import each_ask, other_asks
from policybot.answers.focus import focus
from policybot.answers.mention_issuance import issuance_draft
from policybot.answers.related import not_sure, nothing_near
from policybot.answers.sets_described import (
    COVERAGE,
    SURE,
    TITLE_WORDS,
    agrees,
    asks_which_sets,
    described_content,
)
from policybot.answers.titled_year import other_titled_year
from policybot.index.document_text import fold
from policybot.index.sentence_vectors import SentenceVectors
from policybot.questions.question import QuestionSpec, split_pairs
from policybot.search.retrieve import Retriever
from policybot.text.places import bare_name
from policybot.text.refs import ref_matches
from policybot.text.segment import syllables
from policybot.types import Chunk, Hit, Instrument


class Answerer:
    """Extractive and grounded; built once per loaded index."""

    def __init__(
        self,
        retriever: Retriever,
        sentence_vectors: SentenceVectors | None = None,
        model: Model | None = None,
    ) -> None:
        self.retriever = retriever
        self.sentence_vectors = sentence_vectors  # None: lexical signals only
        self.scorer = SentenceScorer(retriever, sentence_vectors, model or load_model())
        self.words = self.scorer.words
        self.sentences = self.scorer.sentences
        self.abbreviations = self.scorer.abbreviations
        self.composer = Composer(retriever, self.sentences)

    @property
    def model(self) -> Model:
        """The confidence model; the scorer ranks with its semantic weight."""
        return self.scorer.model

    @model.setter
    def model(self, model: Model) -> None:
        self.scorer.model = model

    @property
    def related_floor(self) -> float:
        """Below this cosine to its nearest passage a question has nothing related."""
        return self.model.floor(self.retriever.embedder_name)

    # -- public -------------------------------------------------------------------------
    def answer(self, spec: QuestionSpec, hits: Sequence[Hit]) -> Draft:
        missing = self._absent_from_corpus(spec)
        if missing:
            return refuse(f"về {missing}", "not-in-corpus")
        registry = issuance_draft(self, spec)
        if registry is not None:
            return registry
        scored = self._score(spec, hits)
        pairs = split_pairs(spec)
        if (
            pairs
            and not (scored and _states_all(spec, scored[0]))
            and not _titled_together(spec, hits)
        ):
            return self._answer_each(spec, pairs, hits)
        near = not nothing_near(hits, self.related_floor)
        confidence = self._confidence(spec, scored, hits) if scored else 0.0
        if asks_which_sets(spec) and near and confidence < self.model.answer_at:
            found = self._which_sets(spec, hits)
            if found is not None:
                return found
        if not scored:
            return not_sure(self, spec, hits, scored, refuse(self._what(spec), "no-evidence"), None)
        if not near:
            # no passage is about the question ("Công thức nấu phở bò?"): whatever sentence
            # scores best is no answer, however sure the model of answers is
            return refuse(self._what(spec), "nothing-near")
        if confidence < self.model.answer_at:
            each = each_ask(spec, scored, hits, self._score, self._sure, self.composer.compose)
            if each is not None:  # two things asked, each answered on its own
                return Draft(refused=False, parts=tuple(each[0]), confidence=each[1])
            refusal = refuse(self._what(spec), f"not-sure {confidence:.2f}")
            return not_sure(self, spec, hits, scored, refusal, confidence)
        parts = self.composer.compose(spec, scored)
        if spec.wants_instrument and not spec.refs:
            parts = [self.composer.with_instrument(parts[0]), *parts[1:]]
        more, unanswered = other_asks(spec, scored, hits, parts, self._score)
        asked = ", ".join(f"“{ask.rstrip('?')}”" for ask in unanswered)
        note = REFUSAL.format(what=f"về {asked}") if unanswered else None
        return Draft(refused=False, parts=(*parts, *more), confidence=confidence, note=note)

    def _which_sets(self, spec: QuestionSpec, hits: Sequence[Hit]) -> Draft | None:
        """Which instrument sets what the question describes (sets_described.py): what is
        described answered as a question of its own, surely, from a sentence of a numbered
        instrument the question agrees with, named with it; None otherwise."""
        content = described_content(spec)
        scored = self._score(content, hits)
        if not scored:
            return None
        confidence = self._confidence(content, scored, hits)
        if confidence < max(SURE, self.model.answer_at) or scored[0].coverage < COVERAGE:
            return None
        chunk = scored[0].sentence.hit.chunk
        meta = self.retriever.tables.documents.get(chunk.doc_id, {}).get("metadata", {})
        if not agrees(spec, Instrument.of_document(meta)):
            return None
        # an instrument about what is described: its name shares words with the question
        # (a civil code mentioning labour contracts is not the one that regulates them)
        shared = set(self.words.content_left(content)) & set(syllables(chunk.title))
        if len(shared) < TITLE_WORDS:
            return None
        parts = self.composer.compose(content, scored)
        named = self.composer.with_instrument(parts[0])
        return Draft(refused=False, parts=(named, *parts[1:]), confidence=confidence)

    def _confidence(self, spec: QuestionSpec, scored: list[Scored], hits: Sequence[Hit]) -> float:
        """The confidence of answering with the best of `scored` (rounded as shown)."""
        return round(self.model.confidence(signals(spec, scored[0], scored, hits)), 3)

    def _sure(self, spec: QuestionSpec, scored: list[Scored], hits: Sequence[Hit]) -> float | None:
        """The confidence of answering with the best of `scored`, when enough to answer."""
        confidence = self._confidence(spec, scored, hits)
        return confidence if confidence >= self.model.answer_at else None

    def _answer_each(
        self, spec: QuestionSpec, pairs: list[tuple[str, QuestionSpec]], hits: Sequence[Hit]
    ) -> Draft:
        """Two places or two years asked side by side: each answered from its own evidence,
        labelled, and the one the documents do not answer said to be missing.

        A sentence that names another member of the pair is not evidence for this one
        ("Huyện ủy Triệu Phong đề ra 07 nhóm" does not answer for the province), and no
        sentence answers twice.
        """
        parts: list[tuple[str, Hit, str]] = []
        missing: list[str] = []
        used: set[str] = set()
        labels = [label for label, _ in pairs]
        for label, sub in pairs:
            # The question's own top passages may all be about one of the two.
            more = self.retriever.search(sub.text, k=max(5, len(hits)))
            pool = list({h.chunk.id: h for h in (*hits, *more)}.values())
            others = [fold(bare_name(o)) for o in labels if o != label]
            best = next(
                (
                    sc
                    for sc in self._score(sub, pool)
                    if sc.coverage >= MIN_COVERAGE
                    and sc.sentence.text not in used
                    and not any(o in fold(sc.sentence.text) for o in others)
                ),
                None,
            )
            if best is None:
                missing.append(label)
                continue
            found = self.composer.compose(sub, [best])
            if spec.wants_instrument and not spec.refs:
                found = [self.composer.with_instrument(found[0]), *found[1:]]
            used.update(part[2] for part in found)
            first = found[0]
            parts.append((f"{label}: {first[0]}", first[1], first[2]))
            parts.extend(found[1:])
        if not parts:
            return refuse(self._what(spec), "no-evidence")
        note = REFUSAL.format(what=f"cho {', '.join(missing)}") if missing else None
        return Draft(refused=False, parts=tuple(parts), note=note)

    def out_of_corpus(self, spec: QuestionSpec) -> Draft | None:
        """A refusal when the question names an instrument or place no document mentions."""
        missing = self._absent_from_corpus(spec)
        return refuse(f"về {missing}", "not-in-corpus") if missing else None

    # -- constraints --------------------------------------------------------------------
    def _absent_from_corpus(self, spec: QuestionSpec) -> str | None:
        """An instrument, province or district the question names that no document mentions."""
        for ref in spec.refs:
            if not self.retriever.mentions(ref):
                return " ".join(p for p in (ref.type, ref.number) if p)
        for place in (*spec.provinces, *spec.localities):
            key = fold(bare_name(place))
            seen = next(self.retriever.text.containing(key), None) is not None
            if not seen and not self._in_metadata(key):
                return place
        for law in spec.laws:  # "Luật Bảo hiểm xã hội năm 2024": named by no passage
            key = fold(law)
            named = next(self.retriever.text.containing(key), None) is not None
            if not named and not self._in_metadata(key):
                return law
        return None

    def _in_metadata(self, key: str) -> bool:
        """A document's folded title and metadata (ingest's file, else each record) hold key."""
        saved = self.retriever.document_texts
        if saved is not None:
            return saved.contain(key)
        return any(key in meta for meta in self.scorer.corpus_text.values())

    def about_asked(self, spec: QuestionSpec, chunk: Chunk) -> bool:
        """Of the places the question names and the year it gives a titled name (titled_year)."""
        if other_titled_year(spec.text, chunk.title, chunk.text):
            return False
        meta = self.scorer.corpus_text.get(chunk.doc_id, "")
        text = fold(chunk.embed_text())
        for place in (*spec.provinces, *spec.localities):
            key = fold(bare_name(place))
            if key not in text and key not in meta:
                return False
        return True

    def _refs_ok(self, spec: QuestionSpec, chunk: Chunk) -> bool:
        if not spec.refs:
            return True
        doc = self.retriever.tables.documents.get(chunk.doc_id, {})
        insts = [Instrument.from_dict(i) for i in doc.get("instruments", [])]
        insts.extend(chunk.instruments)
        return any(ref_matches(r, i) for r in spec.refs for i in insts)

    # -- scoring ------------------------------------------------------------------------
    def question_vector(self, spec: QuestionSpec) -> np.ndarray:
        """The question's vector: the one retrieval computed for the same text."""
        return self.scorer.question_vector(spec)

    def content_left(self, spec: QuestionSpec) -> list[str]:
        return self.words.content_left(spec)

    def _score(self, spec: QuestionSpec, hits: Sequence[Hit]) -> list[Scored]:
        hits = [h for h in hits if self.about_asked(spec, h.chunk) and self._refs_ok(spec, h.chunk)]
        held = self.scorer.held_by_ref(spec)  # looked up once for every group scored
        own = set().union(*held.values())
        for first in focus(spec, hits, own):  # the instrument named, its article (focus.py)
            scored = self.scorer.score(spec, first, held)
            if scored:
                return scored
        return self.scorer.score(spec, hits, held)

    def _what(self, spec: QuestionSpec) -> str:
        bits = []
        if spec.refs:
            bits.append(" ".join(p for p in (spec.refs[0].type, spec.refs[0].number) if p))
        bits.extend(spec.localities or spec.provinces)
        bits.extend(f"năm {y}" for y in spec.years)
        return "trả lời cho câu hỏi này" + (f" ({', '.join(bits)})" if bits else "")


def _titled_together(spec: QuestionSpec, hits: Sequence[Hit]) -> bool:
    """A retrieved document's title names every place the question pairs ("Công điện … ứng
    phó lũ tại Khánh Hòa, Đắk Lắk và Gia Lai"): the places are one subject, not asked each."""
    places = [fold(bare_name(p)) for p in (*spec.provinces, *spec.localities)]
    if len(places) < 2:  # years asked side by side are still asked each
        return False
    return any(all(p in fold(h.chunk.title) for p in places) for h in hits)


def _states_all(spec: QuestionSpec, best: Scored) -> bool:
    """One sentence answers for every place and year the question pairs."""
    text = fold(best.sentence.text)
    places = (*spec.provinces, *spec.localities)
    return best.coverage >= MIN_COVERAGE and all(fold(bare_name(p)) in text for p in places)
