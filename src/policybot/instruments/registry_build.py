"""Building the instrument registry from the index tables, and keeping it in its file
beside them (registry_file.py).

Built at the end of each ingest. Rebuilding from the tables is cheap (regexes, and sentence
splitting only of passages that name an instrument), so "incremental" is simply: rebuild
whenever the tables change; the file records a fingerprint of the tables it was built from,
and so does the manifest.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from policybot.answers.reading import Sent, doc_province, read_document
from policybot.index.store import IndexDir, TableView
from policybot.instruments import registry_file
from policybot.instruments.lineage import Reading, read_relations
from policybot.instruments.own_entries import apply_own, own_instrument, own_mention
from policybot.instruments.registry import REGISTRY_VERSION, Registry
from policybot.instruments.registry_records import Entry, MentionRec, Relation
from policybot.text.identity import GENERIC_PARTY, Naming, entry_key, is_full, level_of, merge_keys
from policybot.text.places import find_localities, find_provinces, modern_tones
from policybot.text.symbols import canonical_number
from policybot.types import Instrument

_DRAFTING = re.compile(
    r"(?i:xây\s+dựng|soạn\s+thảo|chủ\s+trì\s+xây\s+dựng)(?:\s+và\s+(?i:triển\s+khai|ban\s+hành))?"
    r"\s+\Z"
)
_ABOUT_AFTER = re.compile(r"\s*,?\s*(?P<s>về\s)")
_SUBJECT_STOP = re.compile(
    r"[;!?\n()“”\"…]|\.(?=\s|$)|:\s"
    r"|\s(?:đặt|là|đã|được|nhằm|có|với|tạo|giúp|sẽ|để|gồm|bao gồm|trong đó|đưa ra|nêu)(?!\w)"
    r"|,?\s+(?:(?i:ngày)\s+)?[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}"
)


def tables_fingerprint(tables: TableView) -> str:
    """Changes whenever a passage or a document's metadata does."""
    h = hashlib.sha256()
    for doc_id, rec in sorted(tables.documents.items(), key=lambda item: item[0]):
        h.update(doc_id.encode())
        h.update(json.dumps(rec.get("metadata", {}), sort_keys=True, ensure_ascii=False).encode())
        for cid in rec.get("chunk_ids", []):
            h.update(cid.encode())
    h.update(str(REGISTRY_VERSION).encode())
    return h.hexdigest()[:16]


@dataclass
class _Occ:
    """One naming of an instrument while building."""

    key: str
    inst: Instrument
    mention: MentionRec
    province: str | None  # the document's
    subject: str | None
    drafting: bool
    implied: bool = False

    @property
    def naming(self) -> Naming:
        return Naming(
            self.key, self.inst, self.mention.doc_id, self.mention.sentence, self.province
        )


def build(tables: TableView) -> Registry:
    """The registry of every instrument the indexed passages name, and their relations."""
    occs: list[_Occ] = []
    readings: list[Reading] = []
    chunk_texts = {cid: rec["text"] for cid, rec in tables.chunks.items()}
    for doc in tables.documents.values():
        sents = read_document(doc, tables.chunks)
        province = doc_province(doc)
        occs.extend(_occurrences(sents, chunk_texts, province))
        # the document's own instrument is an entry even when no sentence of it names another
        own = own_instrument(doc)
        mention = own_mention(doc, tables.chunks, own) if own else None
        if own and mention:
            occs.append(_Occ(entry_key(own), own, mention, province, None, False))
        if not sents:
            continue
        places = _places(doc, sents)
        found = read_relations(sents, chunk_texts, province, places)
        readings.extend(found)
        for r in found:
            if r.source.implied:
                occs.append(_implied_occ(r, province))
    alias = merge_keys([o.naming for o in occs])
    entries, validity, grounds = apply_own(
        _entries(occs, alias), alias, tables.documents, tables.chunks
    )
    relations = _merged(_relations(readings, alias, entries), grounds)
    return Registry(entries, relations, tables_fingerprint(tables), validity)


def _places(doc: Mapping[str, Any], sents: list[Sent]) -> list[str]:
    names: list[str] = []
    district = doc.get("metadata", {}).get("district")
    if district:
        names.append(str(district))
    for loc in find_localities(" ".join(s.text for s in sents)):
        name = loc.split(" ", 1)[1] if " " in loc else loc
        for kind in ("xã ", "thị xã ", "thành phố "):
            if loc.startswith(kind):
                name = loc[len(kind) :]
        names.append(name)
    return list(dict.fromkeys(names))


def _occurrences(
    sents: list[Sent], chunk_texts: dict[str, str], province: str | None
) -> list[_Occ]:
    out = []
    for s in sents:
        text = chunk_texts[s.chunk_id]
        for m in s.mentions:
            inst = m.instrument
            rec = MentionRec(
                s.doc_id,
                s.chunk_id,
                m.start,
                m.end,
                text[m.start : m.end],
                s.text,
                s.start,
                inst.date,
                inst.issuer,
            )
            subject = _subject_after(text, m.end, s.end) if inst.number else None
            before = text[max(s.start, m.start - 60) : m.start]
            drafting = bool(_DRAFTING.search(before))
            out.append(_Occ(entry_key(inst), inst, rec, province, subject, drafting))
    return out


def _implied_occ(r: Reading, province: str | None) -> _Occ:
    src = r.source
    rec = MentionRec(
        src.doc_id,
        src.chunk_id,
        src.start,
        src.end,
        src.sentence.sentence[src.start - src.sentence.start : src.end - src.sentence.start],
        src.sentence.sentence,
        src.sentence.start,
        None,
        src.instrument.issuer,
    )
    return _Occ(entry_key(src.instrument), src.instrument, rec, province, None, False, True)


def _subject_after(text: str, pos: int, limit: int) -> str | None:
    """'về ...' right after a numbered reference, up to where the title plainly ends."""
    m = _ABOUT_AFTER.match(text, pos)
    if not m:
        return None
    start = m.start("s")
    window = modern_tones(text[start:limit])
    stop = _SUBJECT_STOP.search(window, 3)
    cut = stop.start() if stop else len(window)
    subject = " ".join(window[:cut].split()).rstrip(" ,")
    words = subject.split()
    if len(words) < 3:
        return None
    if len(words) > 30:
        subject = " ".join(words[:30]) + " …"
    return subject


def _pick(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return max(counts, key=lambda v: (counts[v], not GENERIC_PARTY.match(v), len(v)))


def _entries(occs: list[_Occ], alias: dict[str, str]) -> dict[str, Entry]:
    groups: dict[str, list[_Occ]] = {}
    for o in occs:
        groups.setdefault(alias[o.key], []).append(o)
    entries: dict[str, Entry] = {}
    for key, group in groups.items():
        insts = [o.inst for o in group]
        main = [o for o in group if o.key == key] or group
        number = next((i.number for i in insts if is_full(i.number)), None) or main[0].inst.number
        issuer = _pick(i.issuer for i in insts)
        name = _pick(o.inst.name for o in main) if not number else None
        level = level_of(number, issuer, name)
        province = None
        if issuer and find_provinces(issuer):
            province = find_provinces(issuer)[0]
        elif level in ("tỉnh", "huyện", "xã"):
            province = _pick(o.province for o in group)
        elif name and find_provinces(name):
            province = find_provinces(name)[0]
        subject = _pick(o.subject for o in group)
        if subject is None and name and name.startswith("về "):
            subject = name
        mentions = sorted(
            {(o.mention.chunk_id, o.mention.start): o.mention for o in group}.values(),
            key=lambda m: (m.doc_id, m.chunk_id, m.start),
        )
        entries[key] = Entry(
            key=key,
            type=Counter(i.type for i in insts).most_common(1)[0][0],
            number=canonical_number(number) if number else None,
            date=_pick(i.date for i in insts),
            issuer=issuer,
            level=level,
            province=province,
            subject=subject,
            name=name,
            implied=all(o.implied for o in group),
            planned=not number
            and all(o.drafting for o in group)
            and not any(i.date for i in insts),
            aliases=tuple(sorted({o.key for o in group} - {key})),
            mentions=tuple(mentions),
        )
    return entries


def _relations(
    readings: list[Reading], alias: dict[str, str], entries: dict[str, Entry]
) -> list[Relation]:
    by_pos: dict[tuple[str, int], str] = {}
    for e in entries.values():
        for m in e.mentions:
            by_pos[(m.chunk_id, m.start)] = e.key
    merged: dict[tuple[str, str, str], Relation] = {}
    for r in readings:
        src = by_pos.get((r.source.chunk_id, r.source.start))
        dst = by_pos.get((r.target.chunk_id, r.target.start))
        if src is None or dst is None or src == dst:
            continue
        k = (src, dst, r.kind)
        rel = merged.get(k)
        if rel is None:
            rel = Relation(src, dst, r.kind, r.cue, ())
        if r.passage not in rel.passages:
            rel = replace(rel, passages=(*rel.passages, r.passage))
        if r.support is not None and r.support not in rel.support:
            rel = replace(rel, support=(*rel.support, r.support))
        merged[k] = rel
    return list(merged.values())


def _merged(relations: list[Relation], more: list[Relation]) -> list[Relation]:
    """`relations` with `more` added; one relation per (source, target, kind)."""
    at = {(r.source, r.target, r.kind): i for i, r in enumerate(relations)}
    out = list(relations)
    for r in more:
        i = at.get((r.source, r.target, r.kind))
        if i is None:
            at[(r.source, r.target, r.kind)] = len(out)
            out.append(r)
            continue
        extra = tuple(p for p in r.passages if p not in out[i].passages)
        out[i] = replace(out[i], passages=(*out[i].passages, *extra))
    return out


def legacy_path(index: IndexDir) -> Path:
    """Where indexes written before the registry file kept it, as JSON."""
    return index.root / "registry.json"


def registry_path(index: IndexDir, source: str) -> Path:
    return index.root / registry_file.file_name(source)


def write(index: IndexDir, registry: Registry) -> dict[str, Any]:
    """The registry's file, and what the manifest keeps of it: the fingerprint a load
    compares instead of reading the tables, and the file's name (the index removes other
    registry files once the manifest is committed)."""
    path = registry_file.write(index.root, registry)
    legacy_path(index).unlink(missing_ok=True)
    return {"registry": registry.source, "files": [path.name]}


def manifest_source(manifest: dict[str, Any]) -> str | None:
    """The registry's fingerprint as ingest recorded it (None for an index from before)."""
    derived = manifest.get("derived")
    source = derived.get("registry") if isinstance(derived, dict) else None
    return source if isinstance(source, str) else None


def load(index: IndexDir, tables: TableView, source: str | None = None) -> Registry:
    """The registry on disk when it matches the tables, else one rebuilt in memory (an index
    written before the registry existed, or a file that was damaged).

    `source` is the tables' fingerprint as ingest recorded it in the manifest; without it
    (an index from before it was recorded) the fingerprint is computed from the tables,
    a pass over every document record, and the older JSON file is read."""
    if source:
        stored = registry_file.open_registry(registry_path(index, source), source)
        return stored if stored is not None else build(tables)
    path = legacy_path(index)
    fingerprint = tables_fingerprint(tables)
    stored = registry_file.open_registry(registry_path(index, fingerprint), fingerprint)
    if stored is not None:
        return stored
    try:
        reg = Registry.from_json(path.read_text(encoding="utf-8"))
        if reg.source == fingerprint:
            return reg
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return build(tables)
