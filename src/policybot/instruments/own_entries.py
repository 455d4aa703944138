"""The instruments whose own text the corpus holds: each document laid out as an official
document (reading/anatomy.py) is an entry of the registry by its own number, with its
issuer, date, signer and effective date from its layout, and what it says of other
instruments' validity (reading/validity.py) becomes their status: replaced or abolished by
it, or amended by it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from policybot.instruments.lineage import Passage
from policybot.instruments.own_grounds import preamble_relations
from policybot.instruments.registry_records import Entry, MentionRec, Relation
from policybot.instruments.validity_status import ABOLISHES, validity_kind
from policybot.reading.validity import AMENDS, passage_statements
from policybot.text.dates import is_year
from policybot.text.refs import find_instruments
from policybot.text.symbols import canonical_number, instrument_key
from policybot.types import Instrument


def _year(value: Any) -> str | None:
    """A year of issue as metadata gives it, if it is one ("2010"); a sidecar may say more."""
    text = str(value or "").strip()
    return text if is_year(text) else None


def own_instrument(doc: Mapping[str, Any]) -> Instrument | None:
    """The instrument a document is, from the metadata its layout gave it."""
    own = Instrument.of_document(doc.get("metadata", {}))
    return replace(own, number=canonical_number(own.number or "")) if own else None


def own_mention(
    doc: Mapping[str, Any], chunks: Mapping[str, Mapping[str, Any]], inst: Instrument
) -> MentionRec | None:
    """Where the document states its own number: its "Số: …" line in the header passages;
    else its first line. A scan whose handwritten digits OCR could not read still carries
    its number (from its file name: reading/official.py), and it is still an instrument the
    corpus holds, so it is an entry like any other."""
    digits = re.escape((inst.number or "").split("/")[0].split("-")[0])
    ids = doc.get("chunk_ids", [])
    for cid in ids[:3]:
        text = chunks.get(cid, {}).get("text", "")
        m = re.search(rf"(?i:số)\s*:?\s*{digits}\b[^\n|]*", text)
        if m:
            return _mention(doc, cid, text, inst, m.start(), m.end())
    first = next((cid for cid in ids if chunks.get(cid, {}).get("text", "").strip()), None)
    if first is None:
        return None
    text = chunks[first]["text"]
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    return _mention(doc, first, text, inst, start, end if end >= 0 else len(text))


def _mention(
    doc: Mapping[str, Any], cid: str, text: str, inst: Instrument, start: int, end: int
) -> MentionRec:
    """The mention [start, end) of a passage, with the line it stands on as its sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    said = text[start:end]
    return MentionRec(
        doc["id"], cid, start, end, said, line or said, line_start, inst.date, inst.issuer
    )


def apply_own(
    entries: dict[str, Entry],
    alias: Mapping[str, str],
    documents: Mapping[str, Mapping[str, Any]],
    chunks: Mapping[str, Mapping[str, Any]],
) -> tuple[dict[str, Entry], list[Relation], list[Relation]]:
    """Entries of instruments held in full get their own identity and validity fields; the
    validity statements also come back as relations (replaces / abolishes / amends), each
    with the sentence that states it, and so do the grounds its preamble lists (based on,
    implements: own_grounds.py)."""
    out = dict(entries)
    edges: dict[tuple[str, str, str], Relation] = {}
    by_number = {e.number: k for k, e in out.items() if e.number}
    held: dict[str, tuple[str, Instrument]] = {}
    for doc_id, doc in documents.items():
        inst = own_instrument(doc)
        if inst is None:
            continue
        key = alias.get(instrument_key(inst), instrument_key(inst))
        entry = out.get(key)
        if entry is None:
            continue
        meta = doc.get("metadata", {})
        out[key] = replace(
            entry,
            own_doc=doc_id,
            type=inst.type,
            date=inst.date or entry.date,
            issuer=inst.issuer or entry.issuer,
            subject=meta.get("subject") or entry.subject,
            effective=meta.get("effective"),
            expired=meta.get("expired"),
            recorded_status=meta.get("status"),
            signer=meta.get("signer"),
            signer_title=meta.get("signer_title"),
            issued_year=_year(meta.get("issued_year")),
        )
        held[doc_id] = (key, inst)
    # Second pass, so every title below is the one the instrument's own text gives it.
    grounds: list[Relation] = []
    for doc_id, (key, inst) in held.items():
        grounds.extend(preamble_relations(key, doc_id, documents[doc_id], chunks, out))
        ids = documents[doc_id].get("chunk_ids", [])
        texts = [chunks.get(cid, {}).get("text", "") for cid in ids]
        for cid, text, found in zip(ids, texts, passage_statements(texts), strict=True):
            for st in found:
                kind = validity_kind(st.kind, st.cue)
                for target in find_instruments(text[st.start : st.end]):
                    if not target.number or canonical_number(target.number) == inst.number:
                        continue
                    tkey = by_number.get(canonical_number(target.number))
                    if tkey is None or tkey == key:
                        continue
                    _link(out, key, tkey, kind)
                    rel = edges.get((key, tkey, kind)) or Relation(key, tkey, kind, st.cue, ())
                    said = _passage(doc_id, cid, text, st.start, st.end)
                    if said not in rel.passages:
                        rel = replace(rel, passages=(*rel.passages, said))
                    edges[(key, tkey, kind)] = rel
    return out, list(edges.values()), grounds


def _link(out: dict[str, Entry], key: str, tkey: str, kind: str) -> None:
    """Record on both entries that `key` replaces, abolishes or amends `tkey`."""
    src, dst = out[key], out[tkey]
    mine, theirs = src.title(), dst.title()

    def add(items: tuple[str, ...], title: str) -> tuple[str, ...]:
        return items if title in items else (*items, title)

    if kind == AMENDS:
        out[tkey] = replace(dst, amended_by=add(dst.amended_by, mine))
        out[key] = replace(src, amends=add(src.amends, theirs))
        return
    dst = replace(dst, replaced_by=add(dst.replaced_by, mine))
    if kind == ABOLISHES:
        out[tkey] = replace(dst, abolished_by=add(dst.abolished_by, mine))
        out[key] = replace(src, abolishes=add(src.abolishes, theirs))
    else:
        out[tkey] = dst
        out[key] = replace(src, replaces=add(src.replaces, theirs))


def _passage(doc_id: str, chunk_id: str, text: str, start: int, end: int) -> Passage:
    """The statement's text without the whitespace around it, with its offsets."""
    said = text[start:end]
    start += len(said) - len(said.lstrip())
    end -= len(said) - len(said.rstrip())
    return Passage(doc_id, chunk_id, text[start:end], start, end)
