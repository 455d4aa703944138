"""The registry as the API, the UI and the CLI list it: a searchable table of instruments,
and one instrument with its relations and every passage that names it.

Pure functions over a `Registry` returning JSON-ready dicts, so every edge shows the same
rows in the same order.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from policybot.instruments.lineage import BASED_ON, IMPLEMENTS, TARGETS
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Entry, Relation
from policybot.instruments.validity_status import VALIDITY_VERB, status_text
from policybot.text.places import modern_tones

VERB_SHORT = {IMPLEMENTS: "thực hiện", BASED_ON: "căn cứ", TARGETS: "mục tiêu", **VALIDITY_VERB}


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", modern_tones(text)).casefold().split())


def instrument_row(entry: Entry, registry: Registry | None = None) -> dict[str, Any]:
    """One instrument as the API lists it."""
    row: dict[str, Any] = {
        "key": entry.key,
        "type": entry.type,
        "number": entry.number,
        "date": entry.date,
        "year": entry.year,  # the year of issue, also when the day is unread (a scan's)
        "issuer": entry.issuer,
        "level": entry.level,
        "province": entry.province,
        "subject": entry.subject,
        "name": entry.name,
        "label": entry.label(),
        "implied": entry.implied,
        "planned": entry.planned,
        "mentions": len(entry.mentions),
        "documents": sorted({m.doc_id for m in entry.mentions}),
        "effective": entry.effective,
        "status": status_text(entry),
    }
    if registry is not None:
        row["relations"] = registry.relation_count(entry.key)
    return row


def _outgoing(registry: Registry, key: str) -> list[Relation]:
    """Relations out of an instrument: lineage first, then validity (replaces, amends)."""
    return [*registry.outgoing(key), *registry.validity_from(key)]


def _incoming(registry: Registry, key: str) -> list[Relation]:
    return [*registry.incoming(key), *registry.validity_to(key)]


def list_instruments(
    registry: Registry,
    query: str | None = None,
    type: str | None = None,
    province: str | None = None,
    year: int | str | None = None,
    level: str | None = None,
) -> list[dict[str, Any]]:
    """The registry as a table, narrowed by free text (number, title, issuer, subject),
    type, province, year of issue and level. Dated instruments first, newest first."""
    words = _fold(query or "").split()
    year_s = str(year).strip() if year not in (None, "") else None
    out = []
    for e in registry.entries.values():
        if type and _fold(e.type) != _fold(type):
            continue
        if province and _fold(province) not in _fold(e.province or ""):
            continue
        if level and _fold(level) != _fold(e.level or ""):
            continue
        if year_s and str(e.year) != year_s:
            continue
        if words:
            hay = _fold(
                " ".join(
                    p or "" for p in (e.key, e.label(), e.subject, e.name, e.province, *e.aliases)
                )
            )
            if not all(w in hay for w in words):
                continue
        out.append(e)
    out.sort(key=lambda e: (e.date is None, "" if e.date is None else _neg(e.date), e.key))
    return [instrument_row(e, registry) for e in out]


def _neg(date: str) -> str:
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)


def resolve(registry: Registry, ident: str) -> list[Entry]:
    """Instruments an identifier names: a key, a number in any spelling, a bare number,
    "Nghị quyết 52", or a title."""
    return registry.find(ident)


def _relation_json(rel: Relation, other: Entry, registry: Registry) -> dict[str, Any]:
    return {
        "kind": rel.kind,
        "cue": rel.cue,
        "verb": VERB_SHORT.get(rel.kind, rel.kind),
        "source": rel.source,
        "target": rel.target,
        "other": instrument_row(other, registry),
        "passages": [p.to_dict() for p in rel.passages],
        "support": [p.to_dict() for p in rel.support],
    }


def instrument_detail(registry: Registry, ident: str) -> dict[str, Any] | None:
    """One instrument with what it carries out or rests on (out), what carries it out or
    rests on it (in), and every passage that names it. None when nothing matches; other
    matches of an ambiguous identifier are listed under "others"."""
    found = resolve(registry, ident)
    if not found:
        return None
    entry = found[0]
    out = [
        _relation_json(r, registry.entries[r.target], registry)
        for r in _outgoing(registry, entry.key)
        if r.target in registry.entries
    ]
    inc = [
        _relation_json(r, registry.entries[r.source], registry)
        for r in _incoming(registry, entry.key)
        if r.source in registry.entries
    ]
    return {
        "instrument": instrument_row(entry, registry),
        "aliases": list(entry.aliases),
        "outgoing": out,
        "incoming": inc,
        "mentions": [m.to_dict() for m in entry.mentions],
        "others": [instrument_row(e, registry) for e in found[1:]],
    }
