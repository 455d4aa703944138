"""Every document's title and metadata, folded, in one file memory-mapped at load.

The answerer refuses a question about a place no document mentions; a place may be stated
only in a document's metadata (its province, district, issuer). Asking that of every
document record is a pass over the table file (a quarter of a million records at national
scale). Ingest writes each document's folded title and metadata as one line of
`documents.txt` beside the lexical indexes; "does any document state this folded phrase" is
then one substring search over mapped bytes. A folded text holds no line break, so a match
never spans two documents.
"""

from __future__ import annotations

import mmap
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FILE = "documents.txt"


def fold(text: str) -> str:
    """Case- and spacing-insensitive comparison key that keeps Vietnamese diacritics (the
    answerer's: search/retrieve.py gives it under the same name)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def document_text(rec: dict[str, Any]) -> str:
    """A document's title and metadata, folded: where a place or name may be stated."""
    return fold(f"{rec['title']}\n" + " ".join(str(v) for v in rec["metadata"].values()))


def save(records: Iterable[dict[str, Any]], folder: Path) -> None:
    with open(folder / FILE, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(document_text(rec) + "\n")


class DocumentTexts:
    """The saved lines, mapped (an empty file maps nothing)."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as fh:
            size = fh.seek(0, 2)
            self._map = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else None

    @classmethod
    def open(cls, folder: Path) -> DocumentTexts | None:
        """The folder's file, or None for lexical indexes saved before it was written."""
        return cls(folder / FILE) if (folder / FILE).is_file() else None

    def contain(self, folded: str) -> bool:
        """Some document's folded title and metadata contain `folded` (itself folded)."""
        if "\n" in folded:
            return False
        if not folded:
            return True
        return self._map is not None and self._map.find(folded.encode("utf-8")) >= 0
