"""Pure: the small regex building blocks shared by the instrument, date and issuer readers."""

from __future__ import annotations

import re

# One letter in any script, no digit or underscore.
LETTER = r"[^\W\d_]"


def words(phrase: str) -> str:
    """A phrase as a pattern that allows any run of whitespace between its words."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


def alternation(phrases: tuple[str, ...] | list[str]) -> str:
    """Phrases as one alternation, longest first so "Thông tư liên tịch" beats "Thông tư"."""
    return "|".join(words(p) for p in sorted(phrases, key=len, reverse=True))
