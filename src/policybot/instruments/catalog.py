"""What is indexed, summarised for people: instruments across documents, filter choices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from policybot.text.symbols import instrument_key
from policybot.types import Instrument


@dataclass(frozen=True)
class Choices:
    provinces: list[str]
    types: list[str]
    years: list[int]


def instruments_across(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each instrument once, with the documents that mention it; the most cited first.

    The same instrument is often found with and without its date or issuer; the fullest
    record wins so the label is as complete as the documents allow.
    """
    seen: dict[str, tuple[Instrument, list[str]]] = {}
    for doc in documents:
        for raw in doc.get("instruments", []):
            inst = Instrument.from_dict(raw)
            key = instrument_key(inst)
            best, docs = seen.get(key, (inst, []))
            if _fullness(inst) > _fullness(best):
                best = inst
            if doc["id"] not in docs:
                docs.append(doc["id"])
            seen[key] = (best, docs)
    rows: list[dict[str, Any]] = [
        {
            "label": inst.label(),
            "type": inst.type,
            "number": inst.number,
            "date": inst.date,
            "issuer": inst.issuer,
            "documents": docs,
        }
        for inst, docs in seen.values()
    ]
    rows.sort(key=lambda r: (-len(r["documents"] or ()), str(r["label"])))
    return rows


def _fullness(inst: Instrument) -> int:
    return sum(1 for v in (inst.number, inst.date, inst.issuer, inst.name) if v)


def filter_choices(documents: list[dict[str, Any]]) -> Choices:
    """The provinces, instrument types and years a filter can pick from, as indexed."""
    provinces: set[str] = set()
    types: set[str] = set()
    years: set[int] = set()
    for doc in documents:
        meta = doc.get("metadata") or {}
        if meta.get("province"):
            provinces.add(str(meta["province"]))
        if meta.get("doc_type"):
            types.add(str(meta["doc_type"]))
        year = Instrument.issued_when(meta)[:4]
        if year.isdigit():
            years.add(int(year))
        for raw in doc.get("instruments", []):
            inst = Instrument.from_dict(raw)
            types.add(inst.type)
            if inst.date and inst.date[:4].isdigit():
                years.add(int(inst.date[:4]))
    return Choices(sorted(provinces), sorted(types), sorted(years, reverse=True))
