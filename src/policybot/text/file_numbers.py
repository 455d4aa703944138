"""Pure: a document's own number read from its file name, when its header cannot be read.

A scan's number is often filled in by hand or stamped after printing, and OCR reads it as
noise ("Số: 6⁄7 /QĐ-CTN", "Số: ¿5 /QĐ-TTg") while the printed symbol stays legible. People
who file such scans name them by the number ("QD_61-QD-CTN_2010_….pdf", "61-QĐ-CTN.pdf").
The file name is used only for the digits, and only when it writes the same symbol as the
header: a name that writes no number with that symbol gives nothing. When OCR misread the
symbol too ("CL-RCT" for "CT-BCT"), the name's symbol still counts if it has the header's
shape (the same parts, each as long, each at most one letter off) and stands for the type
the header's type line reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from policybot.text.symbols import canonical_number, type_of_symbol

# "61-QD-CTN", "77_2006_QD-TTg", "03-2010-TT-BCT", "52-NQ-TW": digits, an optional year,
# then (checked after the match) the symbol; separators as file names write them.
_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])(?P<digits>\d{1,5})(?:[-_ ](?P<year>(?:19|20)\d{2}))?[-_ ](?=[A-Za-zĐđ])"
)


def _key(symbol: str) -> str:
    """A symbol compared as file names write it: ASCII, upper case, '-' between parts."""
    ascii_ = unicodedata.normalize("NFD", symbol.replace("Đ", "D").replace("đ", "d"))
    ascii_ = "".join(c for c in ascii_ if not unicodedata.combining(c))
    return re.sub(r"[-_/\s]+", "-", ascii_.upper()).strip("-")


def number_in_file_name(
    name: str,
    symbol: str,
    year: str | None = None,
    cited: Collection[str] = (),
    type_name: str | None = None,
) -> str | None:
    """The first number the file name writes with `symbol` (the header's legible symbol,
    "QĐ-CTN"), spelled as the header spells the symbol: ("QD_61-QD-CTN_2010.pdf",
    "QĐ-CTN") -> "61/QĐ-CTN". A number of another `year` than the header shows, or one the
    text `cited` (canonical numbers), is not the document's; None when no other is. With
    the header's `type_name`, a symbol OCR misread matches the name's (see the module)."""
    wanted = _key(symbol)
    if not wanted:
        return None
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for m in _NUMBER.finditer(stem):
        after = _key(stem[m.end() :])  # the symbol, then whatever the name goes on with
        written = m.group("year") or year
        if after == wanted or after.startswith(wanted + "-"):
            spelled = symbol
        elif type_name and (misread := _misread_as(wanted, after, type_name)):
            spelled = misread
        else:
            continue
        if year and m.group("year") and m.group("year") != year:
            continue
        dated = f"{m.group('digits')}/{written}" if written else m.group("digits")
        number = canonical_number(f"{dated}/{spelled}")
        if number not in cited:
            return number
    return None


def _misread_as(read: str, after: str, type_name: str) -> str | None:
    """The name's symbol (from `after`) that OCR read as `read`: as many parts, each as long
    and at most one letter off, standing for `type_name`; None when it is not one."""
    parts = read.split("-")
    named = after.split("-")[: len(parts)]
    if len(named) != len(parts):
        return None
    for got, filed in zip(parts, named, strict=True):
        if len(got) != len(filed) or sum(a != b for a, b in zip(got, filed, strict=True)) > 1:
            return None
    symbol = "-".join(named)
    return symbol if type_of_symbol(canonical_number(f"1/{symbol}")) == type_name else None
