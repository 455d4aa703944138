"""The candidate sentences of retrieved passages, scored against a question.

A sentence is a candidate when it fits what the question pins down (its year, place, level
of government, article, the kind of fact asked); its score is how much of the question's
own words it covers, their phrases, the passage's retrieval score, the tiers of a who- or
list-question, and its meaning's cosine to the question's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

import numpy as np

from policybot.answers.abbreviations import Abbreviations
from policybot.answers.about_itself import (
    annex_caption,
    restates_title,
    scope_asked,
    states_its_scope,
)
from policybot.answers.cited_only import subject_asked, without_citations
from policybot.answers.compose import MIN_COVERAGE
from policybot.answers.confidence import Model, Scored
from policybot.answers.kinds import states_kind_asked
from policybot.answers.leads import DocumentLeads
from policybot.answers.other_case import of_another_case
from policybot.answers.other_stage import of_another_stage
from policybot.answers.question_words import QuestionWords, unasked_share, words
from policybot.answers.roles import (
    BODY,
    DESTINATION_ASKED,
    PARENT_ASKED,
    acts_as_asked,
    kind_asked,
    roles_asked,
)
from policybot.answers.scope import (
    DocumentArticles,
    DocumentLevels,
    clause_asked,
    in_article,
    in_clause,
    in_time,
    row_of_another_place,
    speaks_of_bodies,
)
from policybot.answers.sentences import Sentences
from policybot.answers.stated import (
    ANY_YEAR,
    leads_list,
    lists_items,
    names_ref,
    of_another,
    of_another_level,
)
from policybot.answers.titled_year import instrument_years, issue_year_named, titled_years
from policybot.index.document_text import document_text, fold
from policybot.index.passages import Derived
from policybot.index.sentence_vectors import SentenceVectors
from policybot.questions.question import QuestionSpec
from policybot.search.held import holding
from policybot.search.querytext import search_text
from policybot.search.retrieve import Retriever
from policybot.text.places import bare_name
from policybot.text.refs import RefQuery
from policybot.text.segment import syllables
from policybot.types import Hit, Instrument

MIN_WORDS = 3  # "Điều 3.", "1.": a heading or a marker alone states nothing
ACTOR_TIER = 1.0  # a who-answer's body doing the role asked ranks above all others
LIST_TIER = 1.0  # a list asked: a sentence naming items one by one, by how much it is about it
# A figure asked: of two items of sibling lists ("2. Đối với quỹ do công dân … Việt Nam …:",
# "3. … có cá nhân, tổ chức nước ngoài góp …:"), the one whose list opens with fewer words the
# question does not say is the case asked; this much per share of such words.
OPENER_EXTRA = 1.0
# A sentence closer in meaning to its document's title than to the question restates what
# the document is about ("Hệ thống … được xây dựng nhằm …"): it loses this much of the excess
TITLE_ECHO = 1.0
SCOPE_TIER = 0.5  # what a document governs asked: the sentence in which it says so
CLAUSE_TIER = 0.5  # a clause of an article named: its sentences before the article's others
TITLE_CREDIT = 0.75  # a word of the document's title, a report's lead (leads.py) or the
# passage's heading: said of all its sentences


class SentenceScorer:
    """Scores the sentences of retrieved passages; built once per loaded index."""

    def __init__(
        self, retriever: Retriever, sentence_vectors: SentenceVectors | None, model: Model
    ) -> None:
        self.retriever = retriever
        self.sentence_vectors = sentence_vectors  # None: lexical signals only
        self.model = model
        self.words = QuestionWords(retriever.terms)
        self.sentences = Sentences()
        self.corpus_text = Derived(retriever.tables.documents, document_text)
        chunks = retriever.chunks
        self.abbreviations = Abbreviations(retriever.passages_of, lambda c: chunks[c].text)
        self.levels = DocumentLevels(retriever)
        self.articles = DocumentArticles(retriever)
        self.leads = DocumentLeads(retriever)

    def score(
        self,
        spec: QuestionSpec,
        hits: Sequence[Hit],
        held: Mapping[RefQuery, set[str]] | None = None,
    ) -> list[Scored]:
        """Every sentence of the hits that fits what the question pins down, best first.
        `held`: the documents that are each instrument the question names (held_by_ref)."""
        if held is None:
            held = self.held_by_ref(spec)
        q = self.words.content_left(spec)
        weight = {t: self.words.weight(t) for t in q}
        total = sum(weight.values())
        q_bigrams = set(pairwise(q))
        roles = roles_asked(spec.text) if spec.wants_who else set()
        destination = bool(DESTINATION_ASKED.search(spec.text))
        parent = bool(PARENT_ASKED.search(spec.text))
        kind = kind_asked(spec.text) if spec.wants_who else None
        scope = scope_asked(spec.text)
        figure_asked = spec.wants_number or spec.wants_day or spec.wants_when
        # instruments named by number that no document is (the corpus only cites them),
        # unless what one is about is asked (its citation says it)
        about = subject_asked(spec.text)
        cited_refs = [] if about else [ref for ref, docs in held.items() if ref.number and not docs]
        # an instrument named, and anything but what it is about asked: its name says nothing
        named_only = bool(spec.refs) and not about and not spec.wants_instrument
        clause = clause_asked(spec.text)
        # the documents that are the instruments the question names
        named_docs: set[str] = set().union(*held.values())
        # … of the instrument the question names, when the corpus holds it
        clause_docs = named_docs if clause else set()
        out: list[Scored] = []
        for hit in hits:
            title = set(syllables(hit.chunk.title + " " + hit.chunk.heading))
            title |= self.leads.of(hit.chunk.doc_id)
            context = fold(f"{hit.chunk.title}\n{hit.chunk.heading}\n{hit.chunk.lead}")
            context += self.corpus_text.get(hit.chunk.doc_id, "")
            prev: set[str] = set()
            meta = self.retriever.tables.documents.get(hit.chunk.doc_id, {}).get("metadata", {})
            own = Instrument.of_document(meta)
            years = set(spec.years) - titled_years(spec.text, hit.chunk.title)
            # when it was issued (for a report, published; for a scan whose day is unread,
            # the year)
            dated = Instrument.issued_when(meta)
            # a year the question gives the instrument it names: the document's, or for a
            # report, the year it was published ("… kế hoạch thực hiện Nghị quyết 52 năm 2020")
            years -= issue_year_named(spec.text, dated or None)
            if not dated and hit.chunk.doc_id in named_docs:
                # the instrument the question names, its date unread (a scan's header): the
                # year the question gives it names it too
                years -= instrument_years(spec.text)
            issued = {dated[:4]} if ANY_YEAR.fullmatch(dated[:4]) else set()
            if of_another_level(spec, f"{hit.chunk.heading}\n{hit.chunk.text}"):
                continue  # the passage sets what another level of government does
            articles = self.articles.of(hit.chunk.doc_id, hits) if spec.articles else frozenset()
            spoken = self.levels.of(hit.chunk.doc_id) if spec.levels else frozenset()
            if spoken and not set(spec.levels) & spoken:
                continue  # its document speaks of levels, never of the one asked
            sents = self.sentences.of(hit)
            # the lines items follow, with the items after them in this passage
            leading = {other.opener for other in sents if other.opener}
            for sent in sents:
                # of an instrument only cited, the citation's words are not the sentence's
                own_words = without_citations(sent.text, cited_refs) if cited_refs else None
                citing = own_words is not None
                said = own_words if own_words is not None else sent.text
                toks = words(self.abbreviations.spell_out(said, hit.chunk.doc_id))
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
                    # a figure or a date asked: numbers in its document's name are none; an
                    # instrument only cited: the name of the one citing it says nothing of it
                    and not (
                        (figure_asked or cited_refs or named_only)
                        and restates_title(sent.text, hit.chunk.title)
                    )
                    # which instrument an annex comes with answers only which instrument
                    and not (annex_caption(sent.text) and not spec.wants_instrument)
                    and not of_another_case(spec.text, f"{sent.opener}\n{sent.text}", spec.unit)
                    and not of_another_stage(spec.text, f"{hit.chunk.title}\n{sent.text}")
                )
                if not fits:
                    prev = tokset
                    continue
                got = 0.0
                for t in q:
                    if t in tokset:
                        got += weight[t]
                    elif citing:
                        # nor its document's title, heading or list: "Bãi bỏ … 445/2013 …"
                        continue
                    elif t in title:
                        got += TITLE_CREDIT * weight[t]
                    elif t in prev or t in head:
                        got += 0.5 * weight[t]
                coverage = got / total if total else 1.0
                bigrams = set(pairwise(toks))
                phrase = len(q_bigrams & bigrams) / len(q_bigrams) if q_bigrams else 0.0
                bonus = 0.0
                if spec.wants_who:
                    acts = acts_as_asked(
                        sent, roles, destination=destination, kind=kind, parent=parent
                    )
                    if acts or BODY.search(sent.text):
                        bonus = ACTOR_TIER if acts and coverage >= MIN_COVERAGE else 0.1
                if spec.refs and names_ref(spec, sent.text):
                    bonus += 0.2
                # "những ngành nào": one naming them, or, nothing else asked ("gồm những
                # bước nào"), the line they follow
                lead = (
                    spec.kind == "list"
                    and leads_list(sent.text)
                    and any(sent.text.strip() in o for o in leading)
                )
                if spec.wants_list and (lists_items(sent.text) or lead):
                    bonus += LIST_TIER * coverage
                # a sentence naming the places asked; not when they are several and its
                # document's title names them all: then every sentence speaks of them
                places = [fold(bare_name(p)) for p in (*spec.localities, *spec.provinces)]
                joint = len(places) > 1 and all(p in fold(hit.chunk.title) for p in places)
                if places and not joint and all(p in fold(sent.text) for p in places):
                    bonus += 0.2
                if scope and states_its_scope(sent.text, hit.chunk.heading):
                    bonus += SCOPE_TIER
                if (
                    clause
                    and (not clause_docs or hit.chunk.doc_id in clause_docs)
                    and in_clause(sent, *clause)
                ):
                    bonus += CLAUSE_TIER  # "khoản 5 Điều 3 …": a sentence of that clause
                score = coverage + 0.25 * phrase + 0.15 * hit.score + bonus
                out.append(Scored(sent, score, coverage, phrase))
                prev = tokset
        if spec.wants_number:
            out = _least_unasked_opener_first(out, set(words(spec.text)))
        out = self._with_meaning(spec, out)
        out.sort(key=lambda s: -s.score)
        return out

    def held_by_ref(self, spec: QuestionSpec) -> dict[RefQuery, set[str]]:
        """For each instrument the question names, the documents that are it."""
        r = self.retriever
        return {ref: holding([ref], r.naming, r.chunks, r.tables.documents) for ref in spec.refs}

    def question_vector(self, spec: QuestionSpec) -> np.ndarray:
        """The question's vector: the one retrieval computed for the same text."""
        return self.retriever.query_vector(search_text(spec.text))

    def _with_meaning(self, spec: QuestionSpec, scored: list[Scored]) -> list[Scored]:
        """Each candidate's cosine to the question (sentence vectors stored at ingest),
        added to its rank score with the model's weight, less what it is closer to its
        document's title than to the question."""
        if self.sentence_vectors is None or not scored:
            return scored
        qv = self.question_vector(spec)
        titles = list(dict.fromkeys(s.sentence.hit.chunk.title for s in scored))
        vectors = self.sentence_vectors.get([s.sentence.text for s in scored] + titles)
        w = self.model.rank_semantic
        out = []
        for s in scored:
            v = vectors.get(s.sentence.text)
            sem = float(qv @ v) if v is not None and v.shape == qv.shape else 0.0
            t = vectors.get(s.sentence.hit.chunk.title)
            echo = float(t @ v) if v is not None and t is not None and t.shape == v.shape else 0.0
            about_document = TITLE_ECHO * max(0.0, echo - sem)
            out.append(replace(s, score=s.score + w * (sem - about_document), semantic=sem))
        return out


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
