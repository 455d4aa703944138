"""The contract's JSON shapes (shared/CONTRACT.md), built from the typed values."""

from __future__ import annotations

from typing import Any

from policybot.types import Answer, Citation, DocRef, Hit, Instrument


def instrument_json(inst: Instrument) -> dict[str, Any]:
    return {"type": inst.type, "number": inst.number, "date": inst.date, "issuer": inst.issuer}


def document_json(ref: DocRef) -> dict[str, Any]:
    return {"id": ref.id, "title": ref.title, "source": ref.source, "page": ref.page}


def citation_json(c: Citation) -> dict[str, Any]:
    return {
        "n": c.n,
        "document": document_json(c.document),
        "instruments": [instrument_json(i) for i in c.instruments],
        "passage": c.passage,
        "sentence": c.sentence,
        "where": c.where,
        "cited_as": c.label(),
        "score": c.score,
    }


def answer_json(a: Answer) -> dict[str, Any]:
    out: dict[str, Any] = {
        "question": a.question,
        "answer": a.answer,
        "refused": a.refused,
        "citations": [citation_json(c) for c in a.citations],
        "timings_ms": a.timings_ms,
        "generator": a.generator,
        "confidence": a.confidence,
        "related": [citation_json(c) for c in a.related],
    }
    if a.reason:
        out["reason"] = a.reason
    return out


def hit_json(h: Hit, sources: dict[str, str]) -> dict[str, Any]:
    c = h.chunk
    ref = DocRef(id=c.doc_id, title=c.title, source=sources.get(c.doc_id, ""), page=c.page)
    return {
        "rank": h.rank,
        "score": h.score,
        "document": document_json(ref),
        "passage": c.text,
        "where": c.where(),
        "instruments": [instrument_json(i) for i in c.instruments],
    }


def search_json(query: str, hits: list[Hit], sources: dict[str, str]) -> dict[str, Any]:
    return {"query": query, "hits": [hit_json(h, sources) for h in hits]}
