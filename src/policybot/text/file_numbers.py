"""Pure: a document's own number read from its file name, when its header cannot be read.

A scan's number is often filled in by hand or stamped after printing, and OCR reads it as
noise ("Số: 6⁄7 /QĐ-CTN", "Số: ¿5 /QĐ-TTg") while the printed symbol stays legible. People
who file such scans name them by the number ("QD_61-QD-CTN_2010_….pdf", "61-QĐ-CTN.pdf").
The file name is used only for the digits, and only when it writes the same symbol as the
header: a name that writes no number with that symbol gives nothing.
"""

from __future__ import annotations

import re
import unicodedata

from policybot.text.symbols import canonical_number

# "61-QD-CTN", "77_2006_QD-TTg", "03-2010-TT-BCT", "52-NQ-TW": digits, an optional year,
# then the symbol's letters; separators as file names write them.
_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])(?P<digits>\d{1,5})(?:[-_ ](?P<year>(?:19|20)\d{2}))?[-_ ]"
    r"(?P<symbol>[A-Za-zĐđ]+(?:[-_][A-Za-zĐđ0-9]+)*)"
)


def _key(symbol: str) -> str:
    """A symbol compared as file names write it: ASCII, upper case, '-' between parts."""
    ascii_ = unicodedata.normalize("NFD", symbol.replace("Đ", "D").replace("đ", "d"))
    ascii_ = "".join(c for c in ascii_ if not unicodedata.combining(c))
    return re.sub(r"[-_/\s]+", "-", ascii_.upper()).strip("-")


def number_in_file_name(name: str, symbol: str) -> str | None:
    """The first number the file name writes with `symbol` (the header's legible symbol,
    "QĐ-CTN"), spelled as the header spells the symbol: ("QD_61-QD-CTN_2010.pdf",
    "QĐ-CTN") -> "61/QĐ-CTN"; None when the name writes no number with that symbol."""
    wanted = _key(symbol)
    if not wanted:
        return None
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for m in _NUMBER.finditer(stem):
        found = _key(m.group("symbol"))
        if found == wanted or found.startswith(wanted + "-"):
            year = f"/{m.group('year')}" if m.group("year") else ""
            return canonical_number(f"{m.group('digits')}{year}/{symbol}")
    return None
