"""The extractive answerer: picks the sentences that answer, or refuses.

A similarity threshold cannot tell an answer from a loosely related passage, so what the
question pins down must hold in the evidence: the instrument it names, the province or
district, the year, and the kind of fact asked for (a date, a number, an instrument).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

import numpy as np

from policybot.answers.abbreviations import Abbreviations
from policybot.answers.compose import MIN_COVERAGE, Composer
from policybot.answers.confidence import Model, Scored, load_model, signals
from policybot.answers.draft import REFUSAL, Draft, refuse
from policybot.answers.each_ask import each_ask, other_asks
from policybot.answers.focus import focus
from policybot.answers.kinds import states_kind_asked
from policybot.answers.mention_issuance import issuance_draft
from policybot.answers.other_case import of_another_case
from policybot.answers.question_words import QuestionWords, unasked_share, words
from policybot.answers.related import not_sure
from policybot.answers.roles import (
    BODY,
    DESTINATION_ASKED,
    acts_as_asked,
    kind_asked,
    roles_asked,
)
from policybot.answers.scope import (
    DocumentArticles,
    DocumentLevels,
    in_article,
    in_time,
    row_of_another_place,
    speaks_of_bodies,
)
from policybot.answers.sentences import Sentences
from policybot.answers.stated import (
    ANY_YEAR,
    lists_items,
    names_ref,
    of_another,
    of_another_level,
)
from policybot.answers.titled_year import issue_year_named, other_titled_year, titled_years
from policybot.index.document_text import document_text, fold
from policybot.index.passages import Derived
from policybot.index.sentence_vectors import SentenceVectors
from policybot.questions.question import QuestionSpec, split_pairs
from policybot.search.held import holding
from policybot.search.querytext import retrieval_text
from policybot.search.retrieve import Retriever
from policybot.text.places import bare_name
from policybot.text.refs import ref_matches
from policybot.text.segment import syllables
from policybot.types import Chunk, Hit, Instrument

MIN_WORDS = 3  # "Điều 3.", "1.": a heading or a marker alone states nothing
ACTOR_TIER = 1.0  # a who-answer's body doing the role asked ranks above all others
LIST_TIER = 1.0  # a list asked: a sentence naming items one by one, by how much it is about it
# A figure asked: of two items of sibling lists ("2. Đối với quỹ do công dân … Việt Nam …:",
# "3. … có cá nhân, tổ chức nước ngoài góp …:"), the one whose list opens with fewer words the
# question does not say is the case asked; this much per share of such words.
OPENER_EXTRA = 0.25


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
        self.model = model or load_model()
        self.related_floor = self.model.floor(retriever.embedder_name)
        self.words = QuestionWords(retriever.terms)
        self.sentences = Sentences()
        self.composer = Composer(retriever, self.sentences)
        self._corpus_text = Derived(retriever.tables.documents, document_text)
        chunks = retriever.chunks
        self.abbreviations = Abbreviations(retriever.passages_of, lambda c: chunks[c].text)
        self._levels = DocumentLevels(retriever)
        self._articles = DocumentArticles(retriever)

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
        if not scored:
            return not_sure(self, spec, hits, scored, refuse(self._what(spec), "no-evidence"), None)
        confidence = self._confidence(spec, scored, hits)
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
        return None

    def _in_metadata(self, key: str) -> bool:
        """A document's folded title and metadata (ingest's file, else each record) hold key."""
        saved = self.retriever.document_texts
        if saved is not None:
            return saved.contain(key)
        return any(key in meta for meta in self._corpus_text.values())

    def about_asked(self, spec: QuestionSpec, chunk: Chunk) -> bool:
        """Of the places the question names and the year it gives a titled name (titled_year)."""
        if other_titled_year(spec.text, chunk.title, chunk.text):
            return False
        meta = self._corpus_text.get(chunk.doc_id, "")
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
    def content_left(self, spec: QuestionSpec) -> list[str]:
        return self.words.content_left(spec)

    def _score(self, spec: QuestionSpec, hits: Sequence[Hit]) -> list[Scored]:
        hits = [h for h in hits if self.about_asked(spec, h.chunk) and self._refs_ok(spec, h.chunk)]
        r = self.retriever
        held = holding(spec.refs, r.naming, r.chunks, r.tables.documents) if spec.refs else set()
        for first in focus(spec, hits, held):  # the instrument named, its article (focus.py)
            scored = self._score_sentences(spec, first)
            if scored:
                return scored
        return self._score_sentences(spec, hits)

    def _score_sentences(self, spec: QuestionSpec, hits: Sequence[Hit]) -> list[Scored]:
        q = self.content_left(spec)
        weight = {t: self.words.weight(t) for t in q}
        total = sum(weight.values())
        q_bigrams = set(pairwise(q))
        roles = roles_asked(spec.text) if spec.wants_who else set()
        destination = bool(DESTINATION_ASKED.search(spec.text))
        kind = kind_asked(spec.text) if spec.wants_who else None
        out: list[Scored] = []
        for hit in hits:
            title = set(syllables(hit.chunk.title + " " + hit.chunk.heading))
            context = fold(f"{hit.chunk.title}\n{hit.chunk.heading}\n{hit.chunk.lead}")
            context += self._corpus_text.get(hit.chunk.doc_id, "")
            prev: set[str] = set()
            meta = self.retriever.tables.documents.get(hit.chunk.doc_id, {}).get("metadata", {})
            own = Instrument.of_document(meta)
            years = set(spec.years) - titled_years(spec.text, hit.chunk.title)
            years -= issue_year_named(spec.text, own.date if own else None)
            # when it was issued, or for a report, published
            dated = own.date if own and own.date else str(meta.get("date") or "")
            issued = {dated[:4]} if ANY_YEAR.fullmatch(dated[:4]) else set()
            if of_another_level(spec, f"{hit.chunk.heading}\n{hit.chunk.text}"):
                continue  # the passage sets what another level of government does
            articles = self._articles.of(hit.chunk.doc_id, hits) if spec.articles else frozenset()
            spoken = self._levels.of(hit.chunk.doc_id) if spec.levels else frozenset()
            if spoken and not set(spec.levels) & spoken:
                continue  # its document speaks of levels, never of the one asked
            for sent in self.sentences.of(hit):
                toks = words(self.abbreviations.spell_out(sent.text, hit.chunk.doc_id))
                tokset, head = set(toks), set(syllables(f"{sent.header} {sent.opener}"))
                near = context + fold(sent.text)
                # the year the document was issued in is the time of a sentence that
                # speaks of no year ("Thành lập phường … 4.951 nhân khẩu", issued 2010)
                undated = issued if not sent.scope_years else set()
                # a figure set for a period is not that of a year inside it; any other fact
                # of a plan for "2021 - 2025" holds in 2022
                inside = sent.period_years if not spec.wants_number else frozenset()
                fits = (
                    in_time(spec, years, sent.scope_years | undated | inside)
                    # a district's or city's own target: the sentence or the passage's heading
                    # and document are about that place, not only another sentence
                    and all(fold(bare_name(loc)) in near for loc in spec.localities)
                    and len(sent.text.split()) >= MIN_WORDS
                    and in_article(spec, sent, articles)
                    and speaks_of_bodies(spec, sent)
                    and not row_of_another_place(spec, sent)
                    and states_kind_asked(spec, sent)
                    and not of_another(spec, sent.text, own)
                    and not of_another_case(spec.text, f"{sent.opener}\n{sent.text}", spec.unit)
                )
                if not fits:
                    prev = tokset
                    continue
                got = 0.0
                for t in q:
                    if t in tokset:
                        got += weight[t]
                    elif t in title or t in prev or t in head:
                        got += 0.5 * weight[t]
                coverage = got / total if total else 1.0
                bigrams = set(pairwise(toks))
                phrase = len(q_bigrams & bigrams) / len(q_bigrams) if q_bigrams else 0.0
                bonus = 0.0
                if spec.wants_who:
                    acts = acts_as_asked(sent, roles, destination=destination, kind=kind)
                    if acts or BODY.search(sent.text):
                        bonus = ACTOR_TIER if acts and coverage >= MIN_COVERAGE else 0.1
                if spec.refs and names_ref(spec, sent.text):
                    bonus += 0.2
                if spec.wants_list and lists_items(sent.text):
                    bonus += LIST_TIER * coverage  # "những ngành nào": one naming them
                # a sentence naming the places asked; not when they are several and its
                # document's title names them all: then every sentence speaks of them
                places = [fold(bare_name(p)) for p in (*spec.localities, *spec.provinces)]
                joint = len(places) > 1 and all(p in fold(hit.chunk.title) for p in places)
                if places and not joint and all(p in fold(sent.text) for p in places):
                    bonus += 0.2
                score = coverage + 0.25 * phrase + 0.15 * hit.score + bonus
                out.append(Scored(sent, score, coverage, phrase))
                prev = tokset
        if spec.wants_number:
            out = _least_unasked_opener_first(out, set(words(spec.text)))
        out = self._with_meaning(spec, out)
        out.sort(key=lambda s: -s.score)
        return out

    def question_vector(self, spec: QuestionSpec) -> np.ndarray:
        """The question's vector: the one retrieval computed for the same text."""
        return self.retriever.query_vector(retrieval_text(spec.text))

    def _with_meaning(self, spec: QuestionSpec, scored: list[Scored]) -> list[Scored]:
        """Each candidate's cosine to the question (sentence vectors stored at ingest),
        added to its rank score with the model's weight."""
        if self.sentence_vectors is None or not scored:
            return scored
        qv = self.question_vector(spec)
        vectors = self.sentence_vectors.get([s.sentence.text for s in scored])
        w = self.model.rank_semantic
        out = []
        for s in scored:
            v = vectors.get(s.sentence.text)
            sem = float(qv @ v) if v is not None and v.shape == qv.shape else 0.0
            out.append(replace(s, score=s.score + w * sem, semantic=sem))
        return out

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


def _least_unasked_opener_first(scored: list[Scored], asked: set[str]) -> list[Scored]:
    """Items of sibling lists (candidates under two or more opening lines): each loses
    OPENER_EXTRA for each share of its opener's words the question does not say, beyond the
    least any of those openers has; the others keep their score."""
    openers = {s.sentence.opener for s in scored if s.sentence.opener}
    if len(openers) < 2:
        return scored
    share = {o: unasked_share(o, asked) for o in openers}
    least = min(share.values())
    return [
        replace(s, score=s.score - OPENER_EXTRA * (share[s.sentence.opener] - least))
        if s.sentence.opener
        else s
        for s in scored
    ]
