"""Answers to questions about lineage: which instruments carry out an instrument, which it
rests on, and which a place's own instruments rest on.

Passages ranked by similarity answer these badly (the plan that carries out a resolution
rarely looks like the question), so the registry's relations answer them, each line cited
to the sentence the relation was read from. Links through intermediate instruments are
followed a few steps and shown apart from the direct ones.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from policybot.answers.draft import Draft, refuse
from policybot.instruments.cited_lines import CitedLines, Part
from policybot.instruments.lineage import BASED_ON, IMPLEMENTS, TARGETS
from policybot.instruments.registry import Registry
from policybot.instruments.registry_question import RegistryQuestion, lowered
from policybot.instruments.registry_records import Entry, Relation
from policybot.text.identity import level_of
from policybot.types import Chunk

LEVELS = frozenset({"trung ương", "tỉnh", "huyện", "xã"})

_MAX_DEPTH = 4


class LineageAnswers:
    """Built once per loaded index."""

    def __init__(self, registry: Registry, chunks: Mapping[str, Chunk]) -> None:
        self.registry = registry
        self.cite = CitedLines(registry, chunks)

    def carried_out_by(self, q: RegistryQuestion) -> Draft:
        parts: list[Part] = []
        for target in q.entries:
            direct = self._filter(self.registry.incoming(target.key), q, "source")
            if not direct:
                continue
            intro = f"{target.label()} được các văn bản sau triển khai, căn cứ:"
            for i, rel in enumerate(_by_date(direct, self.registry, "source")):
                src = self.registry.entries[rel.source]
                line = f"- {src.label()} {rel.cue} {target.title()}."
                parts.extend(self.cite.relation(rel, (f"{intro}\n" if i == 0 else "\n") + line))
            parts.extend(self._indirect(target, {r.source for r in direct}))
        if not parts:
            return refuse(f"về văn bản triển khai {q.said}", "no-relation")
        return Draft(refused=False, parts=tuple(parts))

    def _indirect(self, target: Entry, direct: set[str]) -> list[Part]:
        """Instruments that reach the target only through others, each with its first link."""
        parts: list[Part] = []
        seen = {target.key, *direct}
        frontier = sorted(direct)
        first = True
        for _ in range(_MAX_DEPTH):
            nxt: list[str] = []
            for mid in frontier:
                for rel in self.registry.incoming(mid):
                    if rel.kind == TARGETS or rel.source in seen:
                        continue
                    seen.add(rel.source)
                    nxt.append(rel.source)
                    links = [
                        r
                        for r in self.registry.outgoing(rel.source)
                        if r.target in seen and r.target != rel.source and r.kind != TARGETS
                    ] or [rel]
                    src = self.registry.entries[rel.source]
                    by_chunk: dict[str, list[Relation]] = {}
                    for link in links:
                        by_chunk.setdefault(link.passages[0].chunk_id, []).append(link)
                    for group in by_chunk.values():
                        vias = " và ".join(self.registry.entries[r.target].title() for r in group)
                        head = "\nGián tiếp (qua văn bản trung gian):\n" if first else "\n"
                        first = False
                        line = f"{head}- {src.label()} {group[0].cue} {vias}."
                        parts.extend(self.cite.relation(group[0], line))
            frontier = nxt
        return parts

    def rests_on(self, q: RegistryQuestion) -> Draft:
        parts: list[Part] = []
        for source in q.entries:
            direct = self._filter(self.registry.outgoing(source.key), q, "target")
            if not direct:
                continue
            intro = f"{source.label()} căn cứ, triển khai các văn bản sau:"
            for i, rel in enumerate(_by_date(direct, self.registry, "target")):
                dst = self.registry.entries[rel.target]
                line = f"- {rel.cue} {dst.label()}."
                parts.extend(self.cite.relation(rel, (f"{intro}\n" if i == 0 else "\n") + line))
            seen = {source.key} | {r.target for r in direct}
            frontier = [r.target for r in direct]
            first = True
            for _ in range(_MAX_DEPTH):
                nxt = []
                for mid in frontier:
                    for rel in self.registry.outgoing(mid):
                        if rel.target in seen:
                            continue
                        seen.add(rel.target)
                        nxt.append(rel.target)
                        head = "\nCác văn bản đó lại dựa trên:\n" if first else "\n"
                        first = False
                        line = (
                            f"{head}- {self.registry.entries[mid].title()} {rel.cue} "
                            f"{self.registry.entries[rel.target].label()}."
                        )
                        parts.extend(self.cite.relation(rel, line))
                frontier = nxt
        if not parts:
            return refuse(f"về văn bản mà {q.said} căn cứ, triển khai", "no-relation")
        return Draft(refused=False, parts=tuple(parts))

    def place_rests_on(self, q: RegistryQuestion) -> Draft | None:
        """ "Huyện Triệu Phong cụ thể hóa nghị quyết nào của Bộ Chính trị?": the relations
        of the place's own instruments."""
        parts: list[Part] = []
        for entry in q.entries:
            rels = self._filter(self.registry.outgoing(entry.key), q, "target")
            rels = [r for r in rels if r.kind in q.kinds]
            for rel in rels:
                dst = self.registry.entries[rel.target]
                parts.extend(self.cite.relation(rel, f"{entry.label()} {rel.cue} {dst.label()}."))
        return Draft(refused=False, parts=tuple(parts)) if parts else None

    def _filter(self, rels: list[Relation], q: RegistryQuestion, side: str) -> list[Relation]:
        """Keep relations whose other side has the type and issuer the question asks for."""
        out = []
        for rel in rels:
            other = self.registry.entries.get(getattr(rel, side))
            if other is None:
                continue
            if q.other_type and other.type != q.other_type:
                continue
            if q.other_issuer and not _issued_by(other, q.other_issuer):
                continue
            out.append(rel)
        order = {IMPLEMENTS: 0, BASED_ON: 1, TARGETS: 2}
        return sorted(out, key=lambda r: order.get(r.kind, 3))


def _issued_by(entry: Entry, asked: str) -> bool:
    """The asked issuer names the entry's ("bộ chính trị"), or its level ("trung ương":
    any central body's instrument, "52-NQ/TW" as well as a ministry's circular)."""
    if asked in lowered(entry.issuer or ""):
        return True
    level = re.sub(r"^cấp ", "", asked)
    return level in LEVELS and level_of(entry.number, entry.issuer, entry.name) == level


def _by_date(rels: list[Relation], registry: Registry, side: str) -> list[Relation]:
    def key(r: Relation) -> tuple[int, str]:
        e = registry.entries[getattr(r, side)]
        return (0 if e.date else 1, e.date or "")

    return sorted(rels, key=key)
