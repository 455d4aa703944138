"""build_pipeline(settings): the one place where parts are chosen and wired."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

from policybot.answer import Answerer, build_citations
from policybot.config import Settings
from policybot.conversation import resolve_follow_up
from policybot.embed import Embedder, make_embedder
from policybot.errors import PolicybotError
from policybot.ingest import IngestReport, expected_manifest, ingest
from policybot.instrument_qa import InstrumentQA
from policybot.question import normalize_question
from policybot.registry import Registry
from policybot.registry import load as load_registry
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
        self._instruments: InstrumentQA | None = None
        self._loaded_stamp: int | None = None

    @cached_property
    def embedder(self) -> Embedder:
        return make_embedder(self.settings.embedder)

    @cached_property
    def vectors(self) -> VectorStore:
        return VectorStore(self.index.chroma, server_url=self.settings.chroma_url or None)

    # -- writing ------------------------------------------------------------------------
    def ingest(
        self, paths: Sequence[Path] | None = None, rebuild: bool = False, progress: bool = True
    ) -> IngestReport:
        paths = list(paths or [self.settings.documents_dir])
        report = ingest(paths, self.settings, self.embedder, self.vectors, rebuild, progress)
        self._loaded = None
        self._instruments = None
        return report

    # -- reading ------------------------------------------------------------------------
    def load(self) -> tuple[Retriever, Answerer]:
        with self._lock:
            if self._loaded is None:
                self._loaded_stamp = self._manifest_stamp()
                manifest = self.index.read_manifest()
                check_manifest(
                    manifest, expected_manifest(self.settings, self.embedder), self.index.root
                )
                tables = self.index.read_tables()
                retriever = Retriever(tables, self.vectors, self.embedder, self.settings.retrieval)
                self._loaded = (retriever, Answerer(retriever))
            return self._loaded

    def instrument_qa(self) -> InstrumentQA:
        """The registry of instruments and its question answerer (index/registry.json)."""
        retriever, _ = self.load()
        with self._lock:
            if self._instruments is None:
                registry = load_registry(self.index, retriever.tables)
                self._instruments = InstrumentQA(registry, retriever.chunks)
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

    def _manifest_stamp(self) -> int | None:
        try:
            return self.index.manifest.stat().st_mtime_ns
        except OSError:
            return None

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
        if history:
            question = resolve_follow_up(question, history)
        retriever, answerer = self.load()
        t0 = time.perf_counter()
        # Questions about instruments (what carries out X, what X rests on, who issued X)
        # are answered from the registry; anything else goes to retrieval.
        draft = None
        if filters is None or filters.empty():
            draft = self.instrument_qa().answer(question)
        generator = "extractive" if draft is None else "registry"
        hits = (
            []
            if draft
            else retriever.search(question, k=k or self.settings.retrieval.k, filters=filters)
        )
        t1 = time.perf_counter()
        if draft is None:
            draft = answerer.answer(question, hits)
        text, citations = build_citations(draft)
        docs = retriever.tables.documents
        citations = tuple(
            replace(c, document=replace(c.document, source=docs[c.document.id]["source"]))
            for c in citations
        )
        t2 = time.perf_counter()
        return Answer(
            question=question,
            answer=(draft.message or "") if draft.refused else text,
            refused=draft.refused,
            citations=() if draft.refused else citations,
            timings_ms={
                "retrieve": round((t1 - t0) * 1000, 1),
                "answer": round((t2 - t1) * 1000, 1),
            },
            generator=generator,
            reason=draft.reason,
        )

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


def build_pipeline(settings: Settings | None = None) -> Pipeline:
    return Pipeline(settings or Settings())
