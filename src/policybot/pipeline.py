"""build_pipeline(settings): the one place where parts are chosen and wired."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

from policybot.answer import Answerer
from policybot.config import LlmSettings, Settings
from policybot.embed import Embedder, make_embedder
from policybot.errors import PolicybotError
from policybot.generate import Chat, ExtractiveGenerator, Generator, LlmGenerator
from policybot.ingest import IngestReport, expected_manifest, ingest
from policybot.question import normalize_question
from policybot.retrieve import Filters, Retriever
from policybot.store import IndexDir, VectorStore, check_manifest
from policybot.types import Answer, Hit

MAX_QUESTION_CHARS = 2000


class Pipeline:
    """Ingest, search and ask over one index. Models load once, on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.index = IndexDir(settings.index_dir)
        self._lock = threading.Lock()
        self._loaded: tuple[Retriever, Answerer] | None = None
        self._generator: Generator | None = None

    @cached_property
    def embedder(self) -> Embedder:
        return make_embedder(self.settings.embedder)

    @cached_property
    def vectors(self) -> VectorStore:
        return VectorStore(self.index.chroma)

    @cached_property
    def chat(self) -> Chat | None:
        """The configured chat model, or None for the extractive default."""
        return make_chat(self.settings.llm)

    # -- writing ------------------------------------------------------------------------
    def ingest(
        self, paths: Sequence[Path] | None = None, rebuild: bool = False, progress: bool = True
    ) -> IngestReport:
        paths = list(paths or [self.settings.documents_dir])
        report = ingest(paths, self.settings, self.embedder, self.vectors, rebuild, progress)
        self._loaded = None
        return report

    # -- reading ------------------------------------------------------------------------
    def load(self) -> tuple[Retriever, Answerer]:
        with self._lock:
            if self._loaded is None:
                manifest = self.index.read_manifest()
                check_manifest(
                    manifest, expected_manifest(self.settings, self.embedder), self.index.root
                )
                tables = self.index.read_tables()
                retriever = Retriever(tables, self.vectors, self.embedder, self.settings.retrieval)
                answerer = Answerer(retriever)
                sources = {d: rec["source"] for d, rec in retriever.tables.documents.items()}
                extractive = ExtractiveGenerator(answerer, sources)
                chat = self.chat
                self._generator = (
                    extractive
                    if chat is None
                    else LlmGenerator(extractive, chat, self.settings.llm)
                )
                self._loaded = (retriever, answerer)
            return self._loaded

    @property
    def generator(self) -> Generator:
        self.load()
        assert self._generator is not None
        return self._generator

    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> list[Hit]:
        query = _check_text(query, "query")
        retriever, _ = self.load()
        return retriever.search(query, k=k, filters=filters)

    def ask(
        self,
        question: str,
        filters: Filters | None = None,
        k: int | None = None,
        history: Sequence[dict[str, Any]] = (),
    ) -> Answer:
        question = _check_text(question, "question")
        retriever, _ = self.load()
        t0 = time.perf_counter()
        hits = retriever.search(question, k=k or self.settings.retrieval.k, filters=filters)
        t1 = time.perf_counter()
        answer = self.generator.generate(question, hits)
        timings = {"retrieve": _ms(t0, t1), "answer": _ms(t1, time.perf_counter())}
        return replace(answer, timings_ms=timings | answer.timings_ms)

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
        question = _check_text(question, "question")
        retriever, _ = self.load()
        t0 = time.perf_counter()
        hits = retriever.search(question, k=k or self.settings.retrieval.k, filters=filters)
        t1 = time.perf_counter()
        for item in self.generator.stream(question, hits):
            if isinstance(item, Answer):
                timings = {"retrieve": _ms(t0, t1), "answer": _ms(t1, time.perf_counter())}
                item = replace(item, timings_ms=timings | item.timings_ms)
            yield item

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


def _check_text(text: str, what: str) -> str:
    if not isinstance(text, str):
        raise PolicybotError(f"the {what} must be text")
    cleaned = normalize_question(text)
    if not cleaned:
        raise PolicybotError(
            f"the {what} is empty: ask something, e.g. "
            '"Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"'
        )
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise PolicybotError(
            f"the {what} is too long ({len(cleaned)} characters; at most {MAX_QUESTION_CHARS})"
        )
    return cleaned


def _ms(start: float, end: float) -> float:
    return round((end - start) * 1000, 1)


def make_chat(settings: LlmSettings) -> Chat | None:
    """The one place an LLM backend is chosen. llm.py (langchain) is imported only here."""
    if settings.backend == "extractive":
        return None
    from policybot import llm

    if settings.backend == "openai-compatible":
        return llm.openai_compatible(settings)
    return llm.llama_cpp(settings)


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    return Pipeline(settings or Settings())
