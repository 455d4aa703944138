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

from policybot.instruments.registry_records import Entry, MentionRec
from policybot.reading.validity import REPLACES, validity_statements
from policybot.text.refs import find_instruments
from policybot.text.symbols import canonical_number, instrument_key
from policybot.types import Instrument


def own_instrument(doc: Mapping[str, Any]) -> Instrument | None:
    """The instrument a document is, from the metadata its layout gave it."""
    meta = doc.get("metadata", {})
    number, kind = meta.get("number"), meta.get("instrument_type")
    if not number or not kind:
        return None
    return Instrument(kind, canonical_number(number), meta.get("date"), meta.get("issuer"))


def own_mention(
    doc: Mapping[str, Any], chunks: Mapping[str, Mapping[str, Any]], inst: Instrument
) -> MentionRec | None:
    """Where the document states its own number (its header passage)."""
    digits = re.escape((inst.number or "").split("/")[0].split("-")[0])
    for cid in doc.get("chunk_ids", [])[:3]:
        text = chunks.get(cid, {}).get("text", "")
        m = re.search(rf"(?i:số)\s*:?\s*{digits}\b[^\n|]*", text)
        if m:
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
            return MentionRec(
                doc["id"],
                cid,
                m.start(),
                m.end(),
                m.group(0),
                line or m.group(0),
                line_start,
                inst.date,
                inst.issuer,
            )
    return None


def apply_own(
    entries: dict[str, Entry],
    alias: Mapping[str, str],
    documents: Mapping[str, Mapping[str, Any]],
    chunks: Mapping[str, Mapping[str, Any]],
) -> dict[str, Entry]:
    """Entries of instruments held in full get their own identity and validity fields."""
    out = dict(entries)
    by_number = {e.number: k for k, e in out.items() if e.number}
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
            signer=meta.get("signer"),
            signer_title=meta.get("signer_title"),
        )
        for cid in doc.get("chunk_ids", []):
            text = chunks.get(cid, {}).get("text", "")
            for st in validity_statements(text):
                for target in find_instruments(text[st.start : st.end]):
                    if not target.number or canonical_number(target.number) == inst.number:
                        continue
                    tkey = by_number.get(canonical_number(target.number))
                    if tkey is None or tkey == key:
                        continue
                    t = out[tkey]
                    label = out[key].title()
                    if st.kind == REPLACES and label not in t.replaced_by:
                        out[tkey] = replace(t, replaced_by=(*t.replaced_by, label))
                    elif st.kind != REPLACES and label not in t.amended_by:
                        out[tkey] = replace(t, amended_by=(*t.amended_by, label))
    return out
