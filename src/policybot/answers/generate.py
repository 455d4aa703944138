"""Generators turn a question and its retrieved passages into a cited Answer.

- ExtractiveGenerator wraps the extractive answerer (answer.py): grounded and terse, the
  default, and the fallback of every other generator.
- LlmGenerator lets a chat model write a fluent answer from numbered sources (prompts.py),
  then checks it: figures and citations against the sources (guardrails.py), the asked
  fact, body, content and list items against the extractive evidence (agreement.py).
  Whether to answer at all is decided before the model is called, from the retrieval
  evidence the extractive answerer weighs: a model is never asked to judge whether the
  documents hold an answer, only to word one that they hold.

Both stream: text pieces as they come, then the final, checked Answer. A streamed LLM text
may still be rejected; the final Answer (generator "extractive-fallback") then replaces it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cached_property
from typing import Protocol

from policybot.answers import from_related
from policybot.answers.agreement import (
    FACT_KINDS,
    missing_body,
    missing_content,
    missing_fact,
    missing_items,
)
from policybot.answers.answer import Answerer
from policybot.answers.draft import Draft, build_citations, build_related
from policybot.answers.guardrails import (
    check,
    clean_markers,
    copied_headers,
    is_refusal,
    renumber,
)
from policybot.answers.prompts import Chat, Source, build_messages, select_sources
from policybot.answers.related import close_sentences
from policybot.answers.stated import STOPWORDS
from policybot.config import LlmSettings
from policybot.questions.question import QuestionSpec
from policybot.types import Answer, Citation, DocRef, Hit, Instrument


class Generator(Protocol):
    name: str

    def generate(self, spec: QuestionSpec, hits: Sequence[Hit]) -> Answer: ...

    def stream(self, spec: QuestionSpec, hits: Sequence[Hit]) -> Iterator[str | Answer]: ...


# --- extractive --------------------------------------------------------------------------
class ExtractiveGenerator:
    """The extractive answerer as a Generator; its logic stays in answer.py."""

    name = "extractive"

    def __init__(self, answerer: Answerer, sources: Mapping[str, str]) -> None:
        self.answerer = answerer
        self.sources = sources  # document id -> source path, for the citations

    @cached_property
    def doc_instruments(self) -> dict[str, tuple[Instrument, ...]]:
        docs = self.answerer.retriever.tables.documents
        return {
            doc_id: tuple(Instrument.from_dict(i) for i in rec.get("instruments", []))
            for doc_id, rec in docs.items()
        }

    def draft(self, spec: QuestionSpec, hits: Sequence[Hit]) -> Draft:
        return self.answerer.answer(spec, hits)

    def from_draft(self, question: str, draft: Draft) -> Answer:
        text, citations = build_citations(draft)
        message = draft.message or ""
        related: tuple[Citation, ...] = ()
        if draft.refused and draft.related:
            message, related = build_related(draft)
        return Answer(
            question=question,
            answer=message if draft.refused else text,
            refused=draft.refused,
            citations=() if draft.refused else self._sourced(citations),
            timings_ms={},
            reason=draft.reason,
            confidence=draft.confidence,
            related=self._sourced(related),
        )

    def _sourced(self, citations: tuple[Citation, ...]) -> tuple[Citation, ...]:
        return tuple(
            replace(c, document=replace(c.document, source=self.sources.get(c.document.id, "")))
            for c in citations
        )

    def generate(self, spec: QuestionSpec, hits: Sequence[Hit]) -> Answer:
        return self.from_draft(spec.text, self.draft(spec, hits))

    def stream(self, spec: QuestionSpec, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        answer = self.generate(spec, hits)
        yield answer.answer
        yield answer


# --- sources and prompt ------------------------------------------------------------------
# --- LLM ---------------------------------------------------------------------------------
class LlmGenerator:
    """A chat model writes; guardrails check; the extractive answer stands in when it fails."""

    name = "llm"

    def __init__(self, extractive: ExtractiveGenerator, chat: Chat, settings: LlmSettings) -> None:
        self.extractive = extractive
        self.chat = chat
        self.settings = settings

    def generate(self, spec: QuestionSpec, hits: Sequence[Hit]) -> Answer:
        result: Answer | None = None
        for item in self._run(spec, hits, streaming=False):
            if isinstance(item, Answer):
                result = item
        assert result is not None
        return result

    def stream(self, spec: QuestionSpec, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        return self._run(spec, hits, streaming=True)

    def _run(
        self, spec: QuestionSpec, hits: Sequence[Hit], streaming: bool
    ) -> Iterator[str | Answer]:
        question = spec.text
        draft = self.extractive.draft(spec, hits)
        if draft.refused and self.settings.from_related and from_related.may_answer(draft):
            yield from self._from_related(spec, draft)
            return
        if draft.refused:
            refusal = self.extractive.from_draft(question, draft)
            yield refusal.answer
            yield refusal
            return
        sources = select_sources(
            draft, hits, self.settings.max_sources, self.extractive.doc_instruments
        )
        messages = build_messages(question, sources)
        t0 = time.perf_counter()
        pieces: list[str] = []
        try:
            if streaming:
                for piece in self.chat.stream(messages):
                    pieces.append(piece)
                    yield piece
            else:
                pieces.append(self.chat.complete(messages))
        except Exception as exc:
            yield self._fallback(question, draft, f"model error: {type(exc).__name__}", t0)
            return
        yield self.finish(spec, draft, sources, "".join(pieces), t0)

    def _from_related(self, spec: QuestionSpec, draft: Draft) -> Iterator[str | Answer]:
        """A "not sure" question put to the model with its related passages (from_related.py).

        Not streamed: most such texts fail the checks, and the asker should not watch an
        answer appear and then be replaced by the refusal.
        """
        sources = from_related.related_sources(
            draft, self.settings.max_sources, self.extractive.doc_instruments
        )
        t0 = time.perf_counter()
        try:
            raw = self.chat.complete(build_messages(spec.text, sources))
        except Exception as exc:
            answer = self._not_sure(spec.text, draft, f"model error: {type(exc).__name__}", t0)
        else:
            answer = self.finish_related(spec, draft, sources, raw, t0)
        yield answer.answer
        yield answer

    def finish_related(
        self, spec: QuestionSpec, draft: Draft, sources: Sequence[Source], raw: str, t0: float
    ) -> Answer:
        """The model's answer from related passages when it passes, else the "not sure"."""
        answerer = self.extractive.answerer
        close = {
            s.n: close_sentences(answerer, spec, s.hit, from_related.CLOSE_MARGIN) for s in sources
        }
        outcome = from_related.judge(spec, sources, raw, close)
        if outcome.why is not None:
            return self._not_sure(spec.text, draft, outcome.why, t0)
        closest = {hit.chunk.id: sentence for hit, sentence in draft.related}
        citations = tuple(
            self._citation(i, s, closest.get(s.hit.chunk.id, ""))
            for i, s in enumerate(outcome.cited, start=1)
        )
        mapping = {s.n: i for i, s in enumerate(outcome.cited, start=1)}
        return Answer(
            question=spec.text,
            answer=renumber(outcome.text, mapping),
            refused=False,
            citations=citations,
            timings_ms={"llm": _ms(t0)},
            generator=from_related.GENERATOR,
            reason=draft.reason,
            confidence=draft.confidence,
        )

    def _not_sure(self, question: str, draft: Draft, why: str, t0: float) -> Answer:
        """The "not sure" refusal as the extractive answerer gave it; why the model's answer
        was not taken is added to its reason."""
        answer = self.extractive.from_draft(question, draft)
        reason = f"{draft.reason}; LLM answer from related passages rejected: {why}"
        return replace(answer, reason=reason, timings_ms={"llm": _ms(t0)})

    def finish(
        self, spec: QuestionSpec, draft: Draft, sources: Sequence[Source], raw: str, t0: float
    ) -> Answer:
        """Check the model's text against its sources; accept it or fall back."""
        question = spec.text
        by_n = {s.n: s for s in sources}
        if not self.settings.guardrails:
            text, cited, _ = clean_markers(raw, by_n.keys())
            unchecked = [by_n[n] for n in cited]
            answer = self._accept(question, draft, unchecked, text, t0, "llm-unchecked")
            refused = is_refusal(text)
            return replace(answer, refused=refused, citations=() if refused else answer.citations)
        asked = [r.number for r in spec.refs if r.number]
        verdict = check(raw, {s.n: s.support for s in sources}, asked)
        if not verdict.ok:
            return self._fallback(question, draft, verdict.reason or "rejected", t0)
        if copied_headers(verdict.text, [h for s in sources for h in s.headers]):
            return self._fallback(question, draft, "the model copied the prompt", t0)
        missing = _missing_asked_fact(spec, draft, verdict.text, asked)
        if missing:
            return self._fallback(question, draft, f"the asked fact is missing: {missing}", t0)
        return self._accept(
            question, draft, [by_n[n] for n in verdict.cited], verdict.text, t0, "llm"
        )

    def _accept(
        self,
        question: str,
        draft: Draft,
        cited: Sequence[Source],
        text: str,
        t0: float,
        generator: str,
    ) -> Answer:
        mapping = {s.n: i for i, s in enumerate(cited, start=1)}
        sentences = {part[1].chunk.id: part[2] for part in reversed(draft.parts)}
        citations = tuple(
            self._citation(i, s, sentences.get(s.hit.chunk.id, ""))
            for i, s in enumerate(cited, start=1)
        )
        return Answer(
            question=question,
            answer=renumber(text, mapping),
            refused=False,
            citations=citations,
            timings_ms={"llm": _ms(t0)},
            generator=generator,
        )

    def _citation(self, n: int, source: Source, sentence: str) -> Citation:
        chunk = source.hit.chunk
        ref = DocRef(
            id=chunk.doc_id,
            title=chunk.title,
            source=self.extractive.sources.get(chunk.doc_id, ""),
            page=chunk.page,
        )
        return Citation(
            n=n,
            document=ref,
            instruments=source.instruments or chunk.instruments,
            passage=chunk.text,
            score=source.hit.score,
            sentence=sentence,
            where=chunk.where(),
        )

    def _fallback(self, question: str, draft: Draft, why: str, t0: float) -> Answer:
        answer = self.extractive.from_draft(question, draft)
        return replace(
            answer,
            generator="extractive-fallback",
            reason=f"LLM answer rejected: {why}",
            timings_ms={"llm": _ms(t0)},
        )


def _missing_asked_fact(
    spec: QuestionSpec, draft: Draft, text: str, asked: Sequence[str]
) -> str | None:
    """What the question asks and the extractive evidence states, absent from `text`.

    The extractive answer holds the sentences that answer; whatever of the asked kind they
    state (a day, a time, a number, an instrument, and for who-questions a body) must be in
    the model's answer too, or the model answered something else from the same sources; a
    list the question asks for must keep most of the evidence's items.
    """
    question = spec.text
    evidence = " ".join(part[0] for part in draft.parts)
    # Each kind asked is checked on its own: "Văn bản nào đặt mục tiêu 30 %…?" wants the
    # instrument, and the 30 % it repeats from the question does not stand in for it.
    groups = [g for name, g in FACT_KINDS.items() if getattr(spec, f"wants_{name}")]
    kinds = frozenset().union(*groups)
    missing = next(
        (m for g in groups if (m := missing_fact(text, evidence, g, asked)) is not None), None
    )
    if missing is None and spec.wants_who:
        province = spec.provinces[0] if len(spec.provinces) == 1 else None
        missing = missing_body(text, evidence, question, province)
    if missing is None and not kinds and not spec.wants_who:
        missing = missing_content(text, evidence, question, STOPWORDS)
    if missing is None and not kinds and spec.wants_list:
        missing = missing_items(text, evidence, question, STOPWORDS)
    return missing


def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 1)
