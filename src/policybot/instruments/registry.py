"""The registry of policy instruments: one entry per instrument however the texts write it,
with every passage that names it and the relations read between them (lineage.py).

This module is the registry itself and its lookups: an instrument by key, by a question's
reference or by its quoted title, and the relations into and out of it. The records it holds
are in registry_records.py; building it from the index tables is registry_build.py, its
file (read by key on demand) registry_file.py. Which namings are one instrument is identity.py.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from policybot.instruments.registry_records import Entry, Relation
from policybot.text.identity import fold
from policybot.text.query_refs import find_query_refs
from policybot.text.refs import RefQuery, ref_matches
from policybot.text.symbols import canonical_number

REGISTRY_VERSION = 11  # 2: own identity, signer, effective date, validity; 3: validity edges;
# 4: a document held in full is an entry even when it names no other instrument; a fronted
# "Căn cứ A ..." is no ground of an instrument A's own title carries out; 5: "chấm dứt hiệu
# lực" replaces, a list item's title ("c) Thông tư số … sửa đổi …") amends nothing; 6: "sửa
# đổi" amends only an instrument that is its object; a title's ";" ends no sentence; 7: nor
# does one inside a list opened on the same line ("… các Nghị định sau: A; B."); 8: a line
# broken after the verb goes on ("… thay thế\nQuyết định số …"); a list's ";" runs on only
# before its next instrument; 9: a database record's validity status and end date; 10: the
# year of issue of an instrument whose own day is unread (Entry.issued_year); 11: Bộ luật,
# Công điện, Quy chế, Sắc lệnh and Án lệ are types of the instruments a text names


@dataclass
class Registry:
    """Entries are fixed once the registry is built or loaded: the lookups by alias and by
    document are made then, so an answer's lookups do not grow with the registry."""

    entries: dict[str, Entry] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    source: str = ""  # fingerprint of the tables it was built from
    # What the documents held in full say of others' validity: replaces / abolishes / amends
    # relations, kept apart from `relations` (implements, based on, targets), which the
    # lineage answers walk; the graph and the listings show both.
    validity: list[Relation] = field(default_factory=list)
    # Made from the entries in __post_init__:
    _by_alias: dict[str, Entry] = field(init=False, repr=False, compare=False)
    _held: dict[str, list[Entry]] = field(init=False, repr=False, compare=False)
    _rank: dict[str, int] = field(init=False, repr=False, compare=False)
    _local_counts: dict[str, Counter[str]] | None = field(
        init=False, repr=False, compare=False, default=None
    )
    # Relations by source and by target, made on first use from the lists (and again if a
    # list is replaced or grows): a listing or a lineage walk looks up each instrument's
    # relations, which was a scan of every relation each time.
    _ends: dict[str, Any] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._by_alias, self._held, self._rank = {}, {}, {}
        for rank, e in enumerate(self.entries.values()):
            self._rank[e.key] = rank
            for alias in e.aliases:
                self._by_alias.setdefault(alias, e)  # the first entry to list it, as a scan
            if e.own_doc:
                self._held.setdefault(e.own_doc, []).append(e)

    # -- lookups ------------------------------------------------------------------------
    def get(self, key: str) -> Entry | None:
        """The entry of a key, or of another key merged into it (an alias)."""
        entry = self.entries.get(key)
        return entry if entry is not None else self._by_alias.get(key)

    def held(self, doc_ids: Iterable[str] | None = None) -> list[Entry]:
        """Entries whose own text the corpus holds (in these documents, or in any), in the
        registry's order."""
        if doc_ids is None:
            found = [e for entries in self._held.values() for e in entries]
        else:
            found = [e for d in set(doc_ids) for e in self._held.get(d, ())]
        return sorted(found, key=lambda e: self._rank[e.key])

    def outgoing(self, key: str) -> list[Relation]:
        """Lineage relations out of `key`, in the registry's order."""
        return self._at_end("relations", "source", key)

    def incoming(self, key: str) -> list[Relation]:
        """Lineage relations into `key`, in the registry's order."""
        return self._at_end("relations", "target", key)

    def validity_from(self, key: str) -> list[Relation]:
        """What `key` says of others' validity (replaces, abolishes, amends)."""
        return self._at_end("validity", "source", key)

    def validity_to(self, key: str) -> list[Relation]:
        """What other instruments say of `key`'s validity."""
        return self._at_end("validity", "target", key)

    def relation_count(self, key: str) -> int:
        """How many relations, lineage and validity, go out of or into `key` (a relation
        of an instrument to itself counts twice), as the listing shows."""
        return sum(
            len(self._by_end(name, end).get(key, ()))
            for name in ("relations", "validity")
            for end in ("source", "target")
        )

    def _at_end(self, name: str, end: str, key: str) -> list[Relation]:
        """The relations of list `name` whose `end` (source or target) is `key`."""
        return list(self._by_end(name, end).get(key, ()))

    def _by_end(self, name: str, end: str) -> dict[str, list[Relation]]:
        rels: list[Relation] = getattr(self, name)
        cached = self._ends.get(f"{name}.{end}")
        if cached is None or cached[0] is not rels or cached[1] != len(rels):
            index: dict[str, list[Relation]] = {}
            for r in rels:
                index.setdefault(getattr(r, end), []).append(r)
            cached = (rels, len(rels), index)
            self._ends[f"{name}.{end}"] = cached
        return cached[2]

    def match_ref(self, ref: RefQuery) -> list[Entry]:
        """Entries a question's reference names ("Nghị quyết 52", "5807/KH-UBND")."""
        out = []
        for e in self.entries.values():
            if e.number and ref_matches(ref, e.instrument):
                out.append(e)
        if ref.full and not out:
            return []
        return out

    def match_name(self, text: str) -> list[Entry]:
        """Unnumbered entries whose title a text quotes ("Kế hoạch số hóa kết quả giải quyết
        thủ tục hành chính ..."): the type and the first words of the name, in order."""
        out = []
        for e in self.entries.values():
            if e.number or e.implied or not e.name:
                continue
            if self.names(text, e.type, e.name):
                out.append(e)
        return out

    @staticmethod
    def names(text: str, type: str, name: str) -> bool:
        """Does the text quote this type and the first words of this name?"""
        words = fold(name).split()
        head = " ".join(words[: min(len(words), 6)])
        return len(words) >= 3 and f"{fold(type)} {head}" in fold(text)

    def local_entries(self, where: Callable[[str | None, str | None], bool]) -> list[Entry]:
        """Entries issued by local bodies whose (province, issuer) `where` accepts, in the
        registry's order."""
        return [e for e in self.entries.values() if e.local and where(e.province, e.issuer)]

    def local_counts(self, doc_id: str) -> Counter[str]:
        """How often a document names each local instrument, in the registry's order."""
        if self._local_counts is None:
            found: dict[str, Counter[str]] = {}
            for e in self.entries.values():
                if e.local:
                    for m in e.mentions:
                        found.setdefault(m.doc_id, Counter())[e.key] += 1
            self._local_counts = found
        return Counter(self._local_counts.get(doc_id, {}))

    def find(self, text: str) -> list[Entry]:
        """Entries a free text names: a key, a number, a reference or a title."""
        text = " ".join(text.split())
        if not text:
            return []
        direct = self.get(text) or self.get(canonical_number(text))
        if direct is not None:
            return [direct]
        refs = find_query_refs(text)
        if not refs and re.fullmatch(r"[0-9]{1,5}", text):
            refs = [RefQuery(None, text, False)]
        found: dict[str, Entry] = {}
        for ref in refs:
            for e in self.match_ref(ref):
                found.setdefault(e.key, e)
        for e in self.match_name(text):
            found.setdefault(e.key, e)
        return list(found.values())

    # -- persistence --------------------------------------------------------------------
    def to_json(self) -> str:
        data = {
            "version": REGISTRY_VERSION,
            "source": self.source,
            "instruments": [e.to_dict() for e in self.entries.values()],
            "relations": [r.to_dict() for r in self.relations],
            "validity": [r.to_dict() for r in self.validity],
        }
        return json.dumps(data, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Registry:
        data = json.loads(text)
        if data.get("version") != REGISTRY_VERSION:
            raise ValueError(f"registry version {data.get('version')}")
        entries = [Entry.from_dict(e) for e in data.get("instruments", [])]
        return cls(
            entries={e.key: e for e in entries},
            relations=[Relation.from_dict(r) for r in data.get("relations", [])],
            source=str(data.get("source", "")),
            validity=[Relation.from_dict(r) for r in data.get("validity", [])],
        )
