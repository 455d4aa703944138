"""The lines of a registry answer, each cited to the sentence it was read from.

A registry answer is built line by line: "Kế hoạch X triển khai Nghị quyết Y." rests on the
sentence that states the relation, "Nghị quyết Y được Bộ Chính trị ban hành ngày ..." on a
sentence naming Y with that date and issuer. The passage holding the sentence is what [n]
points at, so every line carries its passage as a Hit.
"""

from __future__ import annotations

from collections.abc import Mapping

from policybot.answers.draft import Part
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import MentionRec, Relation
from policybot.types import Chunk, Hit


class CitedLines:
    """Makes cited lines from registry records; built once per loaded index."""

    def __init__(self, registry: Registry, chunks: Mapping[str, Chunk]) -> None:
        self.registry = registry
        self.chunks = chunks

    def hit(self, chunk_id: str) -> Hit | None:
        chunk = self.chunks.get(chunk_id)
        return Hit(chunk=chunk, score=1.0, rank=1) if chunk is not None else None

    def mention(self, mention: MentionRec, text: str) -> Part:
        hit = self.hit(mention.chunk_id)
        if hit is None:
            raise KeyError(mention.chunk_id)
        return (text, hit, mention.sentence)

    def relation(self, rel: Relation, text: str) -> list[Part]:
        """The line citing where the relation is stated; when its source is named in
        another passage (a quoted goal and its owner), that passage is cited too."""
        main = rel.passages[0]
        hit = self.hit(main.chunk_id)
        if hit is None:
            return []
        support = rel.support[0] if rel.support else None
        if support is not None and support.chunk_id != main.chunk_id and text:
            sup_hit = self.hit(support.chunk_id)
            cut = _split_after_source(text, self.registry.entries[rel.source].label())
            if sup_hit is not None and cut:
                return [
                    (text[:cut], sup_hit, support.sentence),
                    (text[cut:].lstrip(), hit, main.sentence),
                ]
        return [(text, hit, main.sentence)]


def _split_after_source(text: str, source_label: str) -> int | None:
    pos = text.find(source_label)
    return pos + len(source_label) if pos >= 0 else None
