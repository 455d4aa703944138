"""build_pipeline(settings): the one place where parts are chosen and wired."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policybot.answers.answer import Answerer
from policybot.answers.draft import Draft
from policybot.answers.generate import ExtractiveGenerator, Generator, LlmGenerator
from policybot.answers.prompts import Chat
from policybot.answers.related import shows_related, with_related
from policybot.answers.rewrite import standalone_question
from policybot.config import LlmSettings, Settings
from policybot.index import store as index_store
from policybot.index.embed import Embedder, make_embedder
from policybot.index.lexical import LexicalIndexes
from policybot.index.lexical import load as load_lexical
from policybot.index.passages import SourcePaths
from policybot.index.sentence_vectors import SentenceVectors
from policybot.index.store import IndexDir, Tables, brief, check_manifest, damaged
from policybot.index.vectors import VectorIndex, open_store, store_dir
from policybot.instruments.ended import naming_the_ended, validity_note
from policybot.instruments.instrument_qa import InstrumentQA
from policybot.instruments.registry import Registry
from policybot.instruments.registry_build import build as build_registry
from policybot.instruments.registry_build import load as load_registry
from policybot.instruments.registry_build import manifest_source
from policybot.instruments.registry_build import write as write_registry
from policybot.questions.checks import MAX_QUESTION_CHARS, check_k, check_text
from policybot.questions.question import QuestionSpec, analyze
from policybot.search.rerank import Reranker
from policybot.search.retrieve import Filters, Retriever
from policybot.types import Answer, Hit

if TYPE_CHECKING:  # ingest (readers, OCR, chunking) is imported by Pipeline.ingest only
    from policybot.index.ingest import IngestReport


@dataclass(frozen=True)
class _Prepared:
    """A question ready to answer: standalone, and routed to the registry or to retrieval."""

    spec: QuestionSpec  # the one analysis of the question, handed down to every stage
    retriever: Retriever
    draft: Draft | None  # the registry's answer, when it is an instrument question
    t0: float  # when answering started, after the index was loaded
    timings: dict[str, float]


class Pipeline:
    """Ingest, search and ask over one index. Models load once, on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.index = IndexDir(settings.index_dir)
        self._lock = threading.Lock()
        self._loaded: tuple[Retriever, Answerer] | None = None
        self._instruments: InstrumentQA | None = None
        self._loaded_stamp: tuple[int, int] | None = None
        self._registry_source: str | None = None  # the manifest's, for the registry file
        self._stores: dict[Path, VectorIndex] = {}
        self._generator: Generator | None = None
        self._extractive: ExtractiveGenerator | None = None
        self.sentence_timing: tuple[int, float] | None = None  # last ingest: embedded, ms

    @cached_property
    def embedder(self) -> Embedder:
        return make_embedder(self.settings.embedder)

    @cached_property
    def reranker(self) -> Reranker | None:
        """The cross-encoder over the blend's top, when settings.rerank names a model."""
        if not self.settings.rerank.model:
            return None
        from policybot.search.rerank import CrossEncoderReranker

        return CrossEncoderReranker(self.settings.rerank)

    def _store(self, path: Path, must_exist: bool = False) -> VectorIndex:
        store = self._stores.get(path)
        if store is None:
            store = open_store(path, self.settings, must_exist=must_exist)
            self._stores[path] = store
        return store

    @property
    def vectors(self) -> VectorIndex:
        """The store the manifest names (the configured backend's for a new index)."""
        return self._store(store_dir(self.index, self.settings))

    @cached_property
    def chat(self) -> Chat | None:
        """The configured chat model, or None for the extractive default."""
        return make_chat(self.settings.llm)

    # -- writing ------------------------------------------------------------------------
    def ingest(
        self, paths: Sequence[Path] | None = None, rebuild: bool = False, progress: bool = True
    ) -> IngestReport:
        """A rebuild writes its vectors into a new folder: the index in use stays whole
        (and queryable) until the new manifest replaces it, even if the old one is damaged."""
        from policybot.index.ingest import ingest

        paths = list(paths or [self.settings.documents_dir])
        path = store_dir(self.index, self.settings, fresh=rebuild)
        self.sentence_timing = (0, 0.0)  # stays so when nothing changed (nothing derived)
        report = ingest(
            paths,
            self.settings,
            self.embedder,
            lambda: self._store(path),  # opened only when there is something to write
            rebuild,
            progress,
            lambda index, tables: self._derive(index, tables, progress),
        )
        self._loaded = None
        self._instruments = None
        self._stores = {path: self._stores[path]} if path in self._stores else {}
        return report

    def _sentence_vectors(self) -> SentenceVectors:
        return SentenceVectors(self.index.root, self.embedder)

    def _derive(self, index: IndexDir, tables: Tables, progress: bool = False) -> dict[str, Any]:
        """What ingest derives from the tables: the instrument registry, and the vector of
        every sentence and title not embedded before (the answerer matches questions by
        meaning).
        Returns what the manifest records of it (the registry's fingerprint)."""
        derived = write_registry(index, build_registry(tables))
        t = time.perf_counter()
        vectors = self._sentence_vectors()
        added = vectors.add((rec["text"] for rec in tables.chunks.values()), progress=progress)
        added += vectors.add_whole(rec["title"] for rec in tables.chunks.values())
        self.sentence_timing = (added, _ms(t, time.perf_counter()))
        return derived

    # -- reading ------------------------------------------------------------------------
    def _manifest_stamp(self) -> tuple[int, int] | None:
        try:
            st = self.index.manifest.stat()
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns)

    def load(self) -> tuple[Retriever, Answerer]:
        """The loaded index; loaded again when an ingest has committed a new one since.

        Loading checks the whole index (manifest, table checksums, every chunk has a
        vector), so a damaged index/ is reported at start with how to rebuild it.
        """
        with self._lock:
            stamp = self._manifest_stamp()
            if self._loaded is None or stamp != self._loaded_stamp:
                manifest = self.index.read_manifest()
                expected = index_store.expected_manifest(self.settings, self.embedder)
                check_manifest(manifest, expected, self.index.root)
                saved = self.index.lexical_dir(manifest) is not None
                tables = self.index.open_tables(manifest, tokens=not saved)
                vectors = self._store(self.index.vectors_dir(manifest), must_exist=True)
                vectors.check_covers(len(tables.chunks))
                retriever = Retriever(
                    tables,
                    vectors,
                    self.embedder,
                    self.settings.retrieval,
                    lambda ids: self._lexical(manifest, ids),
                    self.reranker,
                )
                answerer = Answerer(retriever, self._sentence_vectors())
                self._extractive = ExtractiveGenerator(answerer, SourcePaths(tables.documents))
                chat = self.chat
                self._generator = (
                    self._extractive
                    if chat is None
                    else LlmGenerator(self._extractive, chat, self.settings.llm)
                )
                self._loaded = (retriever, answerer)
                self._loaded_stamp = stamp
                self._registry_source = manifest_source(manifest)
            return self._loaded

    def _lexical(
        self, manifest: dict[str, Any], ids: Callable[[], list[str]]
    ) -> LexicalIndexes | None:
        """The lexical indexes ingest saved, memory-mapped; None (built from the tables)
        for an index from before they were saved."""
        folder = self.index.lexical_dir(manifest)
        if folder is None:
            return None
        try:
            sha = manifest.get("sha256", {}).get("db")
            return load_lexical(folder, ids, int(manifest.get("chunks", -1)), sha)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise damaged(
                self.index.root, f"the lexical indexes in {folder.name}/ ({brief(exc)})"
            ) from exc

    def instrument_qa(self) -> InstrumentQA:
        """The registry of instruments and its question answerer (index/registry-*.sqlite)."""
        retriever, _ = self.load()
        with self._lock:
            if self._instruments is None:
                registry = load_registry(self.index, retriever.tables, self._registry_source)
                self._instruments = InstrumentQA(registry, retriever.chunks, retriever.passages_of)
            return self._instruments

    def registry(self) -> Registry:
        return self.instrument_qa().registry

    def refresh(self) -> bool:
        """Forget the loaded index when another process (an ingest job) has rewritten it, so
        long-running servers pick up new documents; True when it will be reloaded."""
        with self._lock:
            if self._loaded is None or self._manifest_stamp() == self._loaded_stamp:
                return False
            self._loaded = None
            self._instruments = None
            return True

    def _registry_answer(self, question: str, draft: Draft) -> Answer:
        """An instrument question answered from the registry, cited like any other."""
        self.load()
        assert self._extractive is not None
        return replace(self._extractive.from_draft(question, draft), generator="registry")

    @property
    def generator(self) -> Generator:
        self.load()
        assert self._generator is not None
        return self._generator

    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> list[Hit]:
        query = check_text(query, "query")
        check_k(k)
        retriever, _ = self.load()
        return retriever.search(query, k=k, filters=filters)

    def standalone(self, question: str, history: Sequence[Any]) -> str:
        """A follow-up made standalone before retrieval: by the configured chat model, whose
        rewrite passes rewrite.rewrite_question's checks; otherwise, or when the model's
        rewrite fails them, by the rule-based rewrite of conversation.py."""
        return standalone_question(self.chat, history, question, MAX_QUESTION_CHARS)

    def _prepare(
        self,
        question: str,
        filters: Filters | None,
        k: int | None,
        history: Sequence[Any],
    ) -> _Prepared:
        """What ask and stream_answer share: the checked, standalone question, the loaded
        retriever, and the registry's draft when the question is about an instrument.

        Questions about instruments (what carries out X, what X rests on, who issued X) are
        answered from the registry; anything else goes to retrieval (draft None).
        """
        question = check_text(question, "question")
        check_k(k)
        timings: dict[str, float] = {}
        if history:
            t = time.perf_counter()
            question = self.standalone(question, history)
            timings["rewrite"] = _ms(t, time.perf_counter())
        retriever, answerer = self.load()
        t0 = time.perf_counter()
        spec = analyze(question)
        draft = None
        if filters is None or filters.empty():
            draft = self.instrument_qa().answer(spec)
            if draft is not None and not draft.refused:
                # The registry knows instruments, not places: "Quảng Nam's plan for 52-NQ/TW"
                # must not be answered with 52-NQ/TW's own date.
                draft = answerer.out_of_corpus(spec) or draft
        return _Prepared(spec, retriever, draft, t0, timings)

    def ask(
        self,
        question: str,
        filters: Filters | None = None,
        k: int | None = None,
        history: Sequence[dict[str, Any]] = (),
    ) -> Answer:
        answer: Answer | None = None
        for item in self._answer(question, filters, k, history, streaming=False):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None
        return answer

    def stream_answer(
        self,
        question: str,
        filters: Filters | None = None,
        k: int | None = None,
        history: Sequence[dict[str, Any]] = (),
    ) -> Iterator[str | Answer]:
        """Text pieces as the generator writes them, then the checked Answer (last item).

        The final Answer is what counts: when the LLM's text fails the checks, it carries
        the extractive answer instead (generator "extractive-fallback").
        """
        return self._answer(question, filters, k, history, streaming=True)

    def _answer(
        self,
        question: str,
        filters: Filters | None,
        k: int | None,
        history: Sequence[Any],
        streaming: bool,
    ) -> Iterator[str | Answer]:
        asked = self._prepare(question, filters, k, history)
        spec, t0, draft = asked.spec, asked.t0, asked.draft
        question = spec.text
        k = k or self.settings.retrieval.k
        hits: list[Hit] = []
        if draft is None:
            hits = asked.retriever.search(question, k=k, filters=filters)
            if filters is None or filters.empty():  # an instrument named by what it is about
                found = self.instrument_qa().from_hits(spec, hits)
                draft = found and (self.load()[1].out_of_corpus(spec) or found)
                hits = naming_the_ended(self.registry(), spec.refs, hits)
        if draft is not None and shows_related(draft):  # what the documents do say
            near = hits or asked.retriever.search(question, k=k, filters=filters)
            draft = with_related(self.load()[1], spec, near, draft)
        if draft is not None:
            answer = self._registry_answer(question, draft)
            t1 = time.perf_counter()
            timings = asked.timings | {"retrieve": _ms(t0, t1), "answer": 0.0}
            answer = self._with_validity(replace(answer, timings_ms=timings))
            yield answer.answer
            yield answer
            return
        t1 = time.perf_counter()
        items: Iterable[str | Answer] = (
            self.generator.stream(spec, hits)
            if streaming
            else [self.generator.generate(spec, hits)]
        )
        for item in items:
            if isinstance(item, Answer):
                timings = asked.timings | {
                    "retrieve": _ms(t0, t1),
                    "answer": _ms(t1, time.perf_counter()),
                }
                item = replace(item, timings_ms=timings | item.timings_ms)
                item = self._with_validity(item)
            yield item

    def _with_validity(self, answer: Answer) -> Answer:
        """An answer citing an instrument the corpus shows replaced or abolished says so."""
        if answer.refused or not answer.citations:
            return answer
        note = validity_note(self.registry(), [c.document.id for c in answer.citations])
        return replace(answer, answer=f"{answer.answer}\n\n{note}") if note else answer

    def documents(self) -> list[dict[str, Any]]:
        retriever, _ = self.load()
        return [
            {
                "id": rec["id"],
                "title": rec["title"],
                "source": rec["source"],
                "metadata": rec["metadata"],
                "chunks": len(rec["chunk_ids"]),
                "instruments": rec["instruments"],
            }
            for rec in retriever.tables.documents.values()
        ]


def _ms(start: float, end: float) -> float:
    return round((end - start) * 1000, 1)


def make_chat(settings: LlmSettings) -> Chat | None:
    """The one place an LLM backend is chosen. llm.py (langchain) is imported only here."""
    if settings.backend == "extractive":
        return None
    from policybot.answers import llm

    if settings.backend == "openai-compatible":
        return llm.openai_compatible(settings)
    return llm.llama_cpp(settings)


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    return Pipeline(settings or Settings())
