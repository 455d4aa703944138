"""Hybrid retrieval: dense and BM25 fused by rank, instrument matches boosted, filters."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from policybot.config import RetrievalSettings
from policybot.embed import Embedder
from policybot.errors import PolicybotError
from policybot.lexical import Lexical
from policybot.querytext import retrieval_text
from policybot.refs import RefQuery, find_query_refs, ref_matches
from policybot.segment import words
from policybot.sources import SourceIndex
from policybot.store import Tables, VectorStore, chunk_from_record
from policybot.types import Chunk, Hit, Instrument


def fold(text: str) -> str:
    """Case- and spacing-insensitive comparison key that keeps Vietnamese diacritics."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(frozen=True)
class Filters:
    """Narrow retrieval to documents about a province, instrument type/number, issuer or year."""

    province: str | None = None
    type: str | None = None
    number: str | None = None
    issuer: str | None = None
    year: int | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, Any] | None) -> Filters:
        data = {k: v for k, v in (data or {}).items() if v not in (None, "")}
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise PolicybotError(
                f"unknown filter {', '.join(unknown)}: use one of {', '.join(sorted(names))}"
            )
        year = data.get("year")
        if year is not None:
            try:
                year = int(str(year).strip())
            except ValueError:
                raise PolicybotError(f"filter year must be a number, got {year!r}") from None
        return cls(
            province=_opt(data.get("province")),
            type=_opt(data.get("type")),
            number=_opt(data.get("number")),
            issuer=_opt(data.get("issuer")),
            year=year,
        )

    @classmethod
    def from_pairs(cls, pairs: Sequence[str]) -> Filters:
        data: dict[str, str] = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise PolicybotError(f"filter must look like KEY=VALUE, got {pair!r}")
            data[key.strip()] = value.strip()
        return cls.from_mapping(data)

    def empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def accepts(self, doc: dict[str, Any]) -> bool:
        meta = doc.get("metadata", {})
        insts = [Instrument.from_dict(i) for i in doc.get("instruments", [])]
        if self.province and fold(self.province) not in fold(meta.get("province", "")):
            return False
        if (
            self.type
            and not any(fold(i.type) == fold(self.type) for i in insts)
            and fold(self.type) != fold(meta.get("doc_type", ""))
        ):
            return False
        if self.number:
            q = RefQuery(type=None, number=self.number, full="/" in self.number)
            if not any(ref_matches(q, i) for i in insts):
                return False
        if (
            self.issuer
            and not any(fold(self.issuer) in fold(i.issuer or "") for i in insts)
            and fold(self.issuer) not in fold(meta.get("issuer", ""))
        ):
            return False
        if self.year is not None:
            years = {str(meta.get("date", ""))[:4]} | {(i.date or "")[:4] for i in insts}
            if str(self.year) not in years:
                return False
        return True


def _opt(value: Any) -> str | None:
    return None if value is None else str(value).strip() or None


def rrf_fuse(rankings: Sequence[tuple[Sequence[str], float]], k: int = 60) -> dict[str, float]:
    """Reciprocal rank fusion: sum of weight / (k + rank) over the lists an id appears in."""
    fused: dict[str, float] = {}
    for ids, weight in rankings:
        for rank, cid in enumerate(ids, start=1):
            fused[cid] = fused.get(cid, 0.0) + weight / (k + rank)
    return fused


class Retriever:
    """Searches one loaded index. Built once per process by the pipeline."""

    def __init__(
        self,
        tables: Tables,
        vectors: VectorStore,
        embedder: Embedder,
        settings: RetrievalSettings,
    ) -> None:
        self.tables = tables
        self.settings = settings
        self._vectors = vectors
        self._embedder = embedder
        self.ids = list(tables.chunks)
        self._pos = {cid: i for i, cid in enumerate(self.ids)}
        self.chunks: dict[str, Chunk] = {
            cid: chunk_from_record(rec) for cid, rec in tables.chunks.items()
        }
        self.lexical = Lexical(self.ids, self._lexical_terms(settings.title_repeat))
        self.sources = SourceIndex({d: rec["title"] for d, rec in tables.documents.items()})
        self._by_doc: dict[str, list[str]] = {}
        for cid in self.ids:
            self._by_doc.setdefault(self.chunks[cid].doc_id, []).append(cid)

    def _lexical_terms(self, title_repeat: int) -> list[list[str]]:
        """Each passage's stored words, plus its document title again: a passage under the
        heading a question names ("Điều 27. Điều kiện đăng ký tạm trú") should outrank
        passages that only share words with it."""
        if title_repeat <= 0:
            return [self.tables.chunks[c]["tokens"] for c in self.ids]
        titles: dict[str, list[str]] = {}
        out = []
        for cid in self.ids:
            title = self.chunks[cid].title
            if title not in titles:
                titles[title] = words(title)
            out.append(self.tables.chunks[cid]["tokens"] + titles[title] * title_repeat)
        return out

    def allowed(self, filters: Filters) -> list[str] | None:
        if filters.empty():
            return None
        docs = {d for d, rec in self.tables.documents.items() if filters.accepts(rec)}
        return [cid for cid in self.ids if self.chunks[cid].doc_id in docs]

    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> list[Hit]:
        k = k or self.settings.k
        filters = filters or Filters()
        allowed = self.allowed(filters)
        if allowed is not None and not allowed:
            return []
        n = self.settings.candidates
        text = retrieval_text(query)
        bm25 = self.lexical.scores(words(text))
        if allowed is not None:
            bm25 = np.where(self._mask(allowed), bm25, 0.0)
        lexical_ids = self._top(bm25, n)
        vector = self._embedder.embed_query(text)
        dense = self._vectors.query(vector, n, ids=allowed)
        dense_ids = [cid for cid, _ in dense if cid in self.chunks]
        rankings: list[tuple[Sequence[str], float]] = [
            (dense_ids, self.settings.dense_weight),
            (lexical_ids, self.settings.lexical_weight),
        ]
        refs = find_query_refs(query)
        boost_ids = self._instrument_matches(refs, allowed, bm25)
        if boost_ids:
            rankings.append((boost_ids, self.settings.instrument_boost))
        rankings += self._within_named_sources(query, allowed, bm25, vector)
        rankings = [(ids, w) for ids, w in rankings if ids and w > 0]
        fused = rrf_fuse(rankings, self.settings.rrf_k)
        best = sum(w for _, w in rankings) / (self.settings.rrf_k + 1) or 1.0
        top = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        cosine = dict(dense)
        return [
            Hit(
                chunk=self.chunks[cid],
                score=round(score / best, 4),
                rank=i,
                dense=round(cosine.get(cid, 0.0), 4),
                lexical=round(float(bm25[self._pos[cid]]), 4),
            )
            for i, (cid, score) in enumerate(top, start=1)
        ]

    def _mask(self, allowed: Sequence[str]) -> np.ndarray:
        mask = np.zeros(len(self.ids), dtype=bool)
        mask[[self._pos[c] for c in allowed]] = True
        return mask

    def _top(self, scores: np.ndarray, n: int) -> list[str]:
        order = np.argsort(-scores, kind="stable")[:n]
        return [self.ids[i] for i in order if scores[i] > 0]

    def _within_named_sources(
        self, query: str, allowed: list[str] | None, bm25: np.ndarray, vector: np.ndarray
    ) -> list[tuple[Sequence[str], float]]:
        """BM25 and dense lists restricted to the sources the question names, so the articles
        of "Luật Du lịch" compete among themselves and not with every other law's."""
        weight = self.settings.source_boost
        docs = self.sources.named(query) if weight > 0 and self.sources else set()
        pool = [c for d in sorted(docs) for c in self._by_doc.get(d, [])]
        if allowed is not None:
            keep = set(allowed)
            pool = [c for c in pool if c in keep]
        if not pool:
            return []
        n = self.settings.candidates
        lexical = self._top(np.where(self._mask(pool), bm25, 0.0), n)
        dense = [cid for cid, _ in self._vectors.query(vector, n, ids=pool)]
        return [(dense, weight), (lexical, weight)]

    def _instrument_matches(
        self, refs: list[RefQuery], allowed: list[str] | None, bm25: np.ndarray
    ) -> list[str]:
        """Passages that mention an instrument the query names, best BM25 first."""
        if not refs:
            return []
        pool = allowed if allowed is not None else self.ids
        hits = [
            cid
            for cid in pool
            if any(ref_matches(q, i) for q in refs for i in self.chunks[cid].instruments)
        ]
        return sorted(hits, key=lambda c: -float(bm25[self._pos[c]]))[: self.settings.candidates]
