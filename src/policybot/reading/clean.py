"""Text cleaning: make every loaded text look the same, and drop web-page chrome.

`normalize` gives any text one canonical form; `clean` is what every loader stores: the text
normalized, with page chrome (see chrome.py) removed. Both are pure str -> str functions so
they can be tested on their own and re-run on any text.

Nothing here changes the characters of a word: no lowercasing, no punctuation rewriting, so a
number like "5807/KH-UBND" survives exactly and can be searched and cited.
"""

from __future__ import annotations

import re
import unicodedata

from policybot.reading.chrome import strip_page_chrome
from policybot.reading.flat_tables import AFTER_TABLE, CONNECTIVES, rebuild_flat_tables

__all__ = ["clean", "join_dangling", "normalize"]

# Characters that end a line in some writer or other (CR, NEL, LS, PS, VT, FF). Form feed is
# what PDF extractors put between pages; treating it as a line break keeps the words apart.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Horizontal whitespace of any kind (tab, NBSP, thin spaces, ideographic space...).
_HSPACE = re.compile(r"[^\S\n]+")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def _keep_char(ch: str) -> bool:
    """False for characters that are invisible and carry no text.

    Format characters (category Cf: zero-width space/joiners, BOM, soft hyphen, bidi marks)
    split words for search without being visible; control characters (Cc) and lone
    surrogates (Cs) are debris from broken encodings or binary data.
    """
    if ch == "\n":
        return True
    return unicodedata.category(ch) not in ("Cc", "Cf", "Cs")


def normalize(text: str) -> str:
    """One canonical form for any text: NFC, plain spaces, "\\n" line ends, tidy blank lines.

    NFC matters most: Vietnamese typed on different systems arrives composed ("ệ") or
    decomposed ("e" + marks), and the two never match each other in search. Leading
    indentation is dropped too: web pages indent with runs of NBSP that mean nothing.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = text.replace("\t", " ")
    text = "".join(ch for ch in text if _keep_char(ch))
    text = _HSPACE.sub(" ", text)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    text = _MANY_BLANK_LINES.sub("\n\n", text).strip("\n")
    # Removing characters can bring a base letter next to its combining mark: compose again.
    return unicodedata.normalize("NFC", text)


# A line ending in a word no sentence ends with ("… chủ trì, phối hợp với" | "Sở Xây dựng
# …"): the sentence goes on in the next line, whatever its case. Lower case only: a heading
# in capitals ending "VÀ" is a heading.
_DANGLING = re.compile(
    rf"(?<![\w|])(?:{'|'.join((*CONNECTIVES, 'tại', 'bởi', 'từ', 'đến', 'thuộc', 'gồm', 'trừ'))})$"
)
# … unless the next line starts a block: an article, a chapter, an annex, a numbered,
# lettered or dashed item ("1.", "1.1", "a)", "a.", "(1)", a lone ordinal), a table row, or
# what ends a document (nơi nhận, "KT. CHỦ TỊCH", "Lưu:")
_NEW_BLOCK = re.compile(
    r"(?:điều|khoản|chương|mục|phần|phụ lục)\s+[\dIVXLC]"
    r"|[a-zđ][.)]\s|\(\w{1,4}\)|\d+(?:\.\d+)*[.)]?(?:\s|$)|[IVXLC]+[.)]\s|[-+•*–—|]|lưu\s*:",
    re.IGNORECASE,
)


def join_dangling(text: str) -> str:
    """Each line ending in a word no sentence ends with joined to the line after it."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        goes_on = bool(out) and bool(line) and "|" not in out[-1]
        starts = _NEW_BLOCK.match(line) or AFTER_TABLE.match(line)
        if goes_on and _DANGLING.search(out[-1].rstrip()) and not starts:
            out[-1] = out[-1].rstrip() + " " + line
        else:
            out.append(line)
    return "\n".join(out)


def clean(text: str) -> str:
    """The text every loader stores: normalized, without page chrome, a sentence broken
    after a word no sentence ends with joined again, and with a table that came one cell a
    line written back as rows (flat_tables.py)."""
    return rebuild_flat_tables(join_dangling(normalize(strip_page_chrome(normalize(text)))))
