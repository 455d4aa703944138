"""Passages whose text contains a phrase, found through the lexical index, not by reading
every passage.

The answerer asks whether any passage names a place ("no document mentions Huế"): the same
question as `key in fold(passage text)` over every passage, which at a million passages
reads gigabytes. The paragraph BM25 index already lists, per syllable, the paragraphs that
hold it. Each run of word characters of the phrase lies inside a run of the passage's text,
and so inside one of its syllable tokens (runs of word characters joined by - / .), so the
passages holding, for each run, some token that contains it are a superset of the answer;
each is then checked with the same substring test, in passage order. The result is the scan's
(chunking makes no passage without a non-blank line, so each has a paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from policybot.index.document_text import fold
from policybot.index.lexical import Lexical
from policybot.text.places import modern_tones
from policybot.types import Chunk

_RUN = re.compile(r"\w+")


class TextLookup:
    """`containing(key)`: the passages whose folded text contains `key`, in passage order."""

    def __init__(
        self,
        parts: Lexical,
        part_of: np.ndarray,
        ids: Sequence[str],
        chunks: Mapping[str, Chunk],
    ) -> None:
        self._parts = parts
        self._part_of = part_of
        self._ids = ids
        self._chunks = chunks
        self._folded: dict[str, list[int]] | None = None

    def _vocabulary(self) -> dict[str, list[int]]:
        """Folded token -> token ids; made on first use from the index's vocabulary
        (syllables, their tones placed the modern way: tens of thousands at most)."""
        if self._folded is None:
            folded: dict[str, list[int]] = {}
            for token, tid in self._parts.vocabulary().items():
                folded.setdefault(fold(token), []).append(tid)
            self._folded = folded
        return self._folded

    def candidates(self, key: str) -> np.ndarray:
        """Positions of the passages that may contain `key` (a superset), sorted."""
        found: np.ndarray | None = None
        vocab = self._vocabulary()
        runs = {r for r in _RUN.findall(key) if r.strip("_")}
        for word in sorted(runs, key=len, reverse=True):  # longer: fewer tokens
            # the index's tokens place tones the modern way ("hoá" is "hóa"); a piece of a
            # word keeps its own ("hoà" of "hoàn")
            forms = {word, modern_tones(word)}
            tids = [t for tok, ts in vocab.items() if any(f in tok for f in forms) for t in ts]
            paragraphs = self._parts.postings(tids)
            passages = np.unique(self._part_of[paragraphs]) if len(paragraphs) else paragraphs
            found = passages if found is None else np.intersect1d(found, passages)
            if not len(found):
                break
        return found if found is not None else np.arange(len(self._ids))

    def containing(self, key: str) -> Iterator[Chunk]:
        for pos in self.candidates(key):
            chunk = self._chunks[self._ids[int(pos)]]
            if key in fold(chunk.embed_text()):
                yield chunk
