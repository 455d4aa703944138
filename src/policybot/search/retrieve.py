"""Hybrid retrieval: paragraph BM25, passage BM25, dense and phrase overlap blended by
normalised score; the instrument, source and article a question names boosted by rank fusion;
filters."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import numpy as np

from policybot.config import RetrievalSettings
from policybot.index.embed import Embedder
from policybot.index.lexical import LexicalIndexes
from policybot.index.lexical import build as build_lexical
from policybot.index.passage_ids import PassageIds, Positions
from policybot.index.passages import ChunkMap, lookups, titles
from policybot.index.store import TableView
from policybot.index.table_db import ARTICLE_REF, DocumentRecords
from policybot.index.vectors import VectorIndex
from policybot.search.filters import Filters
from policybot.search.held import holding
from policybot.search.phrases import PhraseScorer
from policybot.search.querytext import search_text
from policybot.search.rerank import Reranker, rerank
from policybot.search.sources import SourceIndex
from policybot.search.text_lookup import TextLookup
from policybot.text.query_refs import find_query_refs
from policybot.text.ref_keys import number_keys
from policybot.text.refs import RefQuery, ref_matches
from policybot.text.segment import syllables, words
from policybot.types import Chunk, Hit

BASE_WEIGHT = 2.0  # the blended list counts as much as the dense and BM25 lists it replaced


def _minmax(x: np.ndarray) -> np.ndarray:
    lo, hi = float(x.min()), float(x.max())
    return (x - lo) / (hi - lo) if hi > lo else np.zeros_like(x)


def _runs(part_of: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Where each passage's paragraphs start and which passage they belong to, when the
    paragraphs are stored in passage order (as ingest writes them); None otherwise."""
    if not len(part_of):
        return None
    owners = np.asarray(part_of)
    if np.any(owners[1:] < owners[:-1]):
        return None
    starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
    return starts, owners[starts]


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
        tables: TableView,
        vectors: VectorIndex,
        embedder: Embedder,
        settings: RetrievalSettings,
        lexical: LexicalIndexes
        | Callable[[Callable[[], list[str]]], LexicalIndexes | None]
        | None = None,
        reranker: Reranker | None = None,
    ) -> None:
        """`lexical` is what ingest saved beside the tables (memory-mapped); without it the
        lexical indexes are built here from the tables, as benchmarks of other settings do.
        It may be a function that opens what ingest saved, given a function that reads the
        passage ids in order from the tables (not called when the ids were saved too)."""
        self.tables = tables
        self.settings = settings
        self.reranker = reranker
        self._vectors = vectors
        self._embedder = embedder
        self.embedder_name = embedder.name
        self._query_vectors: dict[str, np.ndarray] = {}  # the last questions' vectors
        self._lookups = lookups(tables.chunks)
        if callable(lexical):
            lexical = lexical(self._lookups.ids)
        if lexical is None:
            ids = self._lookups.ids()
            lexical = replace(build_lexical([tables.chunks[c] for c in ids]), ids=ids)
        self.ids: Sequence[str] = lexical.ids if lexical.ids is not None else self._lookups.ids()
        self._pos: Mapping[str, int] = (
            Positions(self.ids)
            if isinstance(self.ids, PassageIds)
            else {cid: i for i, cid in enumerate(self.ids)}
        )
        self.chunks: Mapping[str, Chunk] = ChunkMap(tables.chunks, self._pos)
        self.lexical = lexical.words
        self.parts = lexical.parts
        self._part_of = lexical.part_of
        self._runs = _runs(lexical.part_of)
        self.terms = lexical.terms
        self.text = TextLookup(self.parts, self._part_of, self.ids, self.chunks)
        self.document_texts = lexical.documents  # saved at ingest, else None
        self.phrases = PhraseScorer(self._syllable_idf)
        docs = tables.documents
        self.sources = (
            SourceIndex.from_sources(docs.sources())
            if isinstance(docs, DocumentRecords)
            else SourceIndex(titles(docs))
        )

    def _syllable_idf(self, syllable: str) -> float:
        """How rare a syllable is among paragraphs (the phrase overlap weighs pairs by it)."""
        n = self.parts.size
        return max(0.0, math.log(n / (1 + self.parts.document_frequency(syllable)))) if n else 0.0

    def query_vector(self, text: str) -> np.ndarray:
        """The embedder's vector of a search text, kept for the few latest texts: the
        answerer scores sentences against the vector retrieval already computed."""
        vector = self._query_vectors.get(text)
        if vector is None:
            vector = np.asarray(self._embedder.embed_query(text), dtype=np.float32)
            if len(self._query_vectors) >= 64:
                self._query_vectors.pop(next(iter(self._query_vectors)))
            self._query_vectors[text] = vector
        return vector

    def allowed(self, filters: Filters) -> list[str] | None:
        if filters.empty():
            return None
        docs = sorted(d for d, rec in self.tables.documents.items() if filters.accepts(rec))
        found = [c for d in docs for c in self._lookups.of_document(d)]
        return sorted(found, key=self._pos.__getitem__)

    def search(self, query: str, k: int | None = None, filters: Filters | None = None) -> list[Hit]:
        k = k or self.settings.k
        filters = filters or Filters()
        allowed = self.allowed(filters)
        if allowed is not None and not allowed:
            return []
        n = self.settings.candidates
        text = search_text(query)
        query_syllables = syllables(text)
        bm25 = self.lexical.scores(words(text))
        parts = self._part_scores(query_syllables)
        if allowed is not None:
            mask = self._mask(allowed)
            bm25, parts = np.where(mask, bm25, 0.0), np.where(mask, parts, 0.0)
        vector = self.query_vector(text)
        # Vectors a killed ingest left behind (not in the tables) must not take the places
        # of real candidates: ask for as many more as there are, then drop them.
        extra = 0 if allowed is not None else max(0, self._vectors.count() - len(self.ids))
        found = self._vectors.query(vector, n + extra, ids=allowed)
        dense = dict([(cid, score) for cid, score in found if cid in self.chunks][:n])
        blended = self._blend(query_syllables, bm25, parts, dense)
        if self.reranker is not None and blended:
            head = blended[: self.reranker.candidates]
            texts = [self.chunks[c].embed_text() for c in head]
            blended = rerank(self.reranker, text, head, texts) + blended[len(head) :]
        rankings: list[tuple[Sequence[str], float]] = [(blended, BASE_WEIGHT)]
        refs = find_query_refs(query)
        held = holding(refs, self.naming, self.chunks, self.tables.documents)
        boost_ids = self._instrument_matches(refs, allowed, bm25, held)
        if boost_ids:
            rankings.append((boost_ids, self.settings.instrument_boost))
        rankings += self._within_named_sources(
            query, query_syllables, allowed, (bm25, parts, vector), held
        )
        rankings = [(ids, w) for ids, w in rankings if ids and w > 0]
        fused = rrf_fuse(rankings, self.settings.rrf_k)
        best = sum(w for _, w in rankings) / (self.settings.rrf_k + 1) or 1.0
        top = sorted(fused.items(), key=lambda kv: -kv[1])[:k]
        # A passage only lexical search found keeps `dense` 0, not its cosine: the
        # confidence model was fitted so, and with true cosines it answered two more
        # unanswerable questions, refitted or not (docs/BENCHMARKS.md, 2026-12-07 third).
        cosine = dense
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

    def _top(self, scores: np.ndarray, n: int, within: np.ndarray | None = None) -> list[str]:
        """The n best positive scores, ties in passage order: the head of a stable argsort,
        found by partition (linear) instead of sorting every passage. `within` (positions,
        ascending) looks at those passages only, as if the others scored nothing."""
        if n <= 0 or not len(scores):
            return []
        sub = scores if within is None else scores[within]
        if n < len(sub):
            kth = np.partition(sub, len(sub) - n)[len(sub) - n]  # the n-th largest
            head = np.flatnonzero(sub >= kth)
        else:
            head = np.arange(len(sub))
        order = head[np.argsort(-sub[head], kind="stable")][:n]
        if within is not None:
            order = within[order]
        return [self.ids[i] for i in order if scores[i] > 0]

    def _part_scores(self, query: str | list[str]) -> np.ndarray:
        """Each passage's best paragraph BM25 score (query as text or as its syllables)."""
        terms = syllables(query) if isinstance(query, str) else query
        best = np.zeros(len(self.ids), dtype=np.float32)
        if not len(self._part_of):
            return best
        scores = self.parts.scores(terms)
        if self._runs is None:
            np.maximum.at(best, self._part_of, scores)
        else:  # paragraphs stored passage by passage: one max per run, no scatter
            starts, owners = self._runs
            best[owners] = np.maximum.reduceat(scores, starts)
        return best

    def _blend(
        self,
        query: list[str],
        bm25: np.ndarray,
        parts: np.ndarray,
        dense: dict[str, float],
        pool: np.ndarray | None = None,
    ) -> list[str]:
        """Candidates of each signal, ranked by a weighted sum of min-max normalised scores.

        Rank fusion treats a passage missing from one top list as irrelevant to it, which
        costs the strongest signal its best answers; normalised scores keep the margin.
        A passage outside the dense top list gets the lowest cosine seen in it. Phrase
        overlap (`phrases.py`) is computed for these candidates only. With `pool`
        (positions, ascending) only those passages compete."""
        n = self.settings.candidates
        if pool is not None:  # its passages only (positions, ascending)
            inside = set(pool.tolist())
            dense = {c: v for c, v in dense.items() if self._pos[c] in inside}
        cands = list(dict.fromkeys([*self._top(parts, n, pool), *self._top(bm25, n, pool), *dense]))
        if not cands:
            return []
        idx = np.asarray([self._pos[c] for c in cands])
        floor = min(dense.values()) if dense else 0.0
        cos = np.asarray([dense.get(c, floor) for c in cands], dtype=np.float32)
        s = self.settings
        score = (
            s.clause_weight * _minmax(parts[idx])
            + s.lexical_weight * _minmax(bm25[idx])
            + s.dense_weight * _minmax(cos)
        )
        if s.phrase_weight > 0:
            texts = [(c, self.chunks[c].embed_text()) for c in cands]
            score = score + s.phrase_weight * _minmax(self.phrases.coverage(query, texts))
        return [cands[i] for i in np.argsort(-score, kind="stable")]

    def _within_named_sources(
        self,
        query: str,
        query_syllables: list[str],
        allowed: list[str] | None,
        signals: tuple[np.ndarray, np.ndarray, np.ndarray],  # bm25, paragraphs, query vector
        held: set[str],
    ) -> list[tuple[Sequence[str], float]]:
        """The same blend restricted to the sources the question names ("Theo Luật Du lịch",
        "BLDS", an instrument by number: held.py) and to its articles ("Điều 143")."""
        weight = self.settings.source_boost
        if weight <= 0:
            return []
        bm25, parts, vector = signals
        docs = (self.sources.named(query) if self.sources else set()) | held
        pool = np.asarray(self._lookups.positions_of(docs), dtype=np.int64)
        articles = {n.lower() for n in ARTICLE_REF.findall(query)}
        if articles:
            headed = np.unique(
                np.asarray(
                    [p for a in articles for p in self._lookups.headed_positions(a)],
                    dtype=np.int64,
                )
            )
            narrowed = np.intersect1d(pool, headed) if len(pool) else headed
            pool = narrowed if len(narrowed) else pool  # a heading the corpus lacks: no narrowing
        if allowed is not None:
            pool = np.intersect1d(pool, [self._pos[c] for c in allowed])
        if not len(pool):
            return []
        ids = [self.ids[int(p)] for p in pool]
        dense = dict(self._vectors.query(vector, self.settings.candidates, ids=ids))
        return [(self._blend(query_syllables, bm25, parts, dense, pool), weight)]

    def passages_of(self, doc_id: str) -> list[str]:  # in passage order, looked up
        return self._lookups.of_document(doc_id)

    def position(self, chunk_id: str) -> int:  # in passage (table) order
        return self._pos[chunk_id]

    def naming(self, ref: RefQuery) -> list[str]:
        """Every passage that may name `ref` (under one of its number keys), in order."""
        return self._lookups.naming(number_keys(ref.number))

    def mentions(self, ref: RefQuery) -> bool:
        """Some passage names the instrument `ref`: only the passages indexed under its
        number keys are looked at, not every passage."""
        return any(
            ref_matches(ref, i)
            for cid in self._lookups.naming(number_keys(ref.number))
            for i in self.chunks[cid].instruments
        )

    def _instrument_matches(
        self, refs: list[RefQuery], allowed: list[str] | None, bm25: np.ndarray, held: set[str]
    ) -> list[str]:
        """Passages that mention an instrument the query names, best BM25 first; only its
        own document's when the corpus holds it (`held`): a passage citing a circular is
        no evidence of what the circular says."""
        if not refs:
            return []
        keys = set().union(*(number_keys(q.number) for q in refs))
        pool = self._lookups.naming(keys)  # every passage that can match, in passage order
        if allowed is not None:
            keep = set(allowed)
            pool = [c for c in pool if c in keep]
        hits = [
            cid
            for cid in pool
            if any(ref_matches(q, i) for q in refs for i in self.chunks[cid].instruments)
        ]
        hits = [c for c in hits if self.chunks[c].doc_id in held] or hits
        return sorted(hits, key=lambda c: -float(bm25[self._pos[c]]))[: self.settings.candidates]
