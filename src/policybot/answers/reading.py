"""Pure-ish: a document's passages read as sentences, each with the instruments it mentions.

The registry and the lineage reader both need the same view of the text: which sentence of
which passage names which instrument, and where paragraphs start (a subject named in one
sentence can own the goals quoted in the sentence before it). Reading it once here keeps
their offsets and sentence texts identical to what citations show.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from policybot.text.refs import Mention, find_mentions
from policybot.text.segment import sentence_spans
from policybot.text.titles import find_named


@dataclass(frozen=True)
class Sent:
    """One sentence of a passage. Offsets are into the passage (chunk) text."""

    doc_id: str
    chunk_id: str
    start: int
    end: int
    text: str
    para: int  # paragraph number within the document
    mentions: tuple[Mention, ...]  # offsets into the chunk text, in order


def doc_province(doc: Mapping[str, Any]) -> str | None:
    value = doc.get("metadata", {}).get("province")
    return str(value) if value else None


def chunk_mentions(text: str, province: str | None) -> list[Mention]:
    """Numbered and unnumbered references plus titles, in order; a title never overlaps a
    reference (find_named leaves those spans alone)."""
    found = [*find_mentions(text, province), *find_named(text, province)]
    return sorted(found, key=lambda m: (m.start, -m.end))


def read_document(doc: Mapping[str, Any], chunks: Mapping[str, Mapping[str, Any]]) -> list[Sent]:
    """Sentences of the document's passages in order. Passages without any instrument are
    skipped (they cannot carry a relation), but still end the paragraph they close."""
    province = doc_province(doc)
    out: list[Sent] = []
    para = 0
    for chunk_id in doc.get("chunk_ids", []):
        rec = chunks.get(chunk_id)
        if rec is None:
            continue
        text = rec["text"]
        if not rec.get("lead"):
            para += 1  # a passage that does not start mid-paragraph opens a new one
        mentions = chunk_mentions(text, province)
        if not mentions:
            para += 1 + text.count("\n")  # never let a skipped passage join two paragraphs
            continue
        spans = sentence_spans(text)
        last_end = None
        for s, e in spans:
            if last_end is not None and "\n" in text[last_end:s]:
                para += 1
            inside = tuple(m for m in mentions if s <= m.start < e)
            out.append(Sent(doc["id"], chunk_id, s, e, text[s:e], para, inside))
            last_end = e
    return out


def read_all(
    documents: Mapping[str, Mapping[str, Any]], chunks: Mapping[str, Mapping[str, Any]]
) -> Iterable[tuple[Mapping[str, Any], list[Sent]]]:
    for doc in documents.values():
        yield doc, read_document(doc, chunks)
