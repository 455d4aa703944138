"""Which documents a question names by their source: "Theo Luật Du lịch, …", "theo BLDS".

Legal corpora title each article "<source> — <heading>" ("Bộ luật Dân sự 2015 — Điều 3.
…"). A question that names the source ("Luật Du lịch", "Bộ luật Dân sự năm 2015", or the
usual initials "BLDS") is about that source's articles. A source is a title prefix that
several documents share, so plain headlines never count as one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from policybot.text.segment import syllables
from policybot.text.source_names import source_of

__all__ = ["SourceIndex", "initials", "source_of"]

_WORD = re.compile(r"\w+")
MIN_SHARED = 2  # a prefix is a source when at least this many documents share it


def initials(name: str) -> str:
    """'Bộ Luật Dân sự' -> 'BLDS', 'Luật Lao động' -> 'LLĐ': how officials abbreviate codes."""
    return "".join(w[0] for w in _WORD.findall(name)).upper()


class SourceIndex:
    """Source names of a corpus and the documents under each."""

    def __init__(self, titles: Mapping[str, str]) -> None:
        names = {d: source_of(t) for d, t in titles.items()}
        self._build({d: n for d, n in names.items() if n})

    @classmethod
    def from_sources(cls, sources: Mapping[str, str]) -> SourceIndex:
        """From each document's source name, found at ingest (table_db.py)."""
        index = cls.__new__(cls)
        index._build(sources)
        return index

    def _build(self, sources: Mapping[str, str]) -> None:
        groups: dict[str, list[str]] = {}
        for doc_id, name in sources.items():
            groups.setdefault(name.casefold(), []).append(doc_id)
        self._phrases: dict[tuple[str, ...], set[str]] = {}
        self._initials: dict[str, set[str]] = {}
        for name, docs in groups.items():
            if len(docs) < MIN_SHARED:
                continue
            words = tuple(syllables(name))
            variants = {words}
            if words[:2] == ("bộ", "luật"):
                variants.add(words[1:])  # "Luật Dân sự" for "Bộ luật Dân sự"
            for v in variants:
                self._phrases.setdefault(v, set()).update(docs)
            if len(words) >= 3:
                self._initials.setdefault(initials(name), set()).update(docs)
        self._longest = max((len(p) for p in self._phrases), default=0)

    def __bool__(self) -> bool:
        return bool(self._phrases)

    def named(self, question: str) -> set[str]:
        """Documents of every source the question names (longest name wins where nested)."""
        if not self._phrases:
            return set()
        words = syllables(question)
        found: set[str] = set()
        i = 0
        while i < len(words):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                docs = self._phrases.get(tuple(words[i : i + n]))
                if docs:
                    found |= docs
                    i += n - 1
                    break
            i += 1
        for token in re.findall(r"\b[A-ZĐ]{3,}\b", unicodedata.normalize("NFC", question)):
            found |= self._initials.get(token, set())
        return found
