"""Pure: the source a title names, "<source> — <heading>" ("Bộ luật Dân sự 2015 — Điều 3")."""

from __future__ import annotations

import re
import unicodedata

_SEPARATOR = re.compile(r"\s+[—–-]\s+|:\s+")
_YEAR = re.compile(r"(?:\s+năm)?\s+(?:19|20)\d{2}$", re.IGNORECASE)
_WORD = re.compile(r"\w+")
MIN_WORDS = 2  # "Luật" alone names nothing


def source_of(title: str) -> str | None:
    """'Bộ Luật Dân sự 2015 — Điều 1. Phạm vi' -> 'Bộ Luật Dân sự' (year dropped)."""
    parts = _SEPARATOR.split(unicodedata.normalize("NFC", title).strip(), maxsplit=1)
    if len(parts) < 2:
        return None
    name = _YEAR.sub("", parts[0].strip())
    return name if len(_WORD.findall(name)) >= MIN_WORDS else None
