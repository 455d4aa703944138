"""Pure: instrument types and numbers: "52-nq/tw" and "52-NQ/TW" are one number, "NQ" says
Nghị quyết, "-TTg" says the Prime Minister issued it.

One spelling per number is what makes an instrument one registry entry and lets a question
typed casually match the passage that names it.
"""

from __future__ import annotations

import re

from policybot.text.issuers import MINISTRY_CODES
from policybot.types import Instrument

INSTRUMENT_TYPES: tuple[str, ...] = (
    "Nghị quyết",
    "Quyết định",
    "Kế hoạch",
    "Nghị định",
    "Chỉ thị",
    "Thông tư",
    "Chương trình",
    "Luật",
    "Pháp lệnh",
    "Công văn",
    "Thông báo",
    "Đề án",
    "Chiến lược",
    "Kết luận",
    "Quy định",
    "Hướng dẫn",
    "Thông tư liên tịch",
    "Bộ luật",
    "Công điện",
    "Quy chế",
    "Sắc lệnh",
    "Án lệ",
)
_TYPE_BY_LOWER = {t.lower(): t for t in INSTRUMENT_TYPES}
# The types lower-cased as a regex alternation, the longest first ("thông tư liên tịch"
# before "thông tư")
TYPE_WORDS = "|".join(t.casefold() for t in sorted(INSTRUMENT_TYPES, key=len, reverse=True))

# Type abbreviations as they appear in symbols (canonical upper-case token -> type).
ABBR_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "KH": "Kế hoạch",
    "NĐ": "Nghị định",
    "CT": "Chỉ thị",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "CV": "Công văn",
    "TB": "Thông báo",
    "KL": "Kết luận",
    "QĐI": "Quy định",
    "HD": "Hướng dẫn",
    "CTR": "Chương trình",
    "ĐA": "Đề án",
    "CĐ": "Công điện",
    "QC": "Quy chế",
    "SL": "Sắc lệnh",
    "AL": "Án lệ",
}
# Document kinds with their own symbol that are not policy instruments (report, submission,
# invitation, minutes, contract, licence): a bare "12/BC-UBND" is not a mention.
NOT_INSTRUMENTS = frozenset({"BC", "TTR", "GM", "BB", "HĐ", "GP", "GCN", "GXN", "TTRA"})

# Tokens written with plain D for Đ, and tokens whose canonical spelling is mixed case.
_ASCII_D = {
    "QD": "QĐ",
    "CD": "CĐ",
    "ND": "NĐ",
    "QDI": "QĐI",
    "HDND": "HĐND",
    "BCD": "BCĐ",
    "BKHDT": "BKHĐT",
    "BGDDT": "BGDĐT",
    "BLDTBXH": "BLĐTBXH",
}
_MIXED_CASE = {"TTG": "TTg", "QĐI": "QĐi", "CTR": "CTr", "TTR": "TTr"}

_SPACED_SEP = re.compile(r"\s*([/-])\s*")
_FOOTNOTE = re.compile(r"(?<=[/-])([A-ZĐa-zđ]{2,4})[0-9]$")
_SPLIT_KEEP = re.compile(r"([/-])")
_SPLIT = re.compile(r"[/-]")
_UBTVQH = re.compile(r"UBTVQH[0-9]*")
_QH = re.compile(r"QH[0-9]*")


def canon_token(token: str) -> str:
    up = token.upper()
    up = _ASCII_D.get(up, up)
    return _MIXED_CASE.get(up, up)


def canonical_number(raw: str) -> str:
    """One spelling per number: 52-nq/tw -> 52-NQ/TW, 45/2020/ND-CP -> 45/2020/NĐ-CP.

    Why: the same instrument is written with ASCII D, stray spaces and any case; one spelling
    makes it one key for deduplication and for matching a question to a passage.
    """
    s = raw.replace("–", "-").replace("—", "-")
    s = _SPACED_SEP.sub(r"\1", s)
    parts = _SPLIT_KEEP.split(s)
    number = "".join(p if p in ("/", "-") else canon_token(p) for p in parts).strip()
    # a footnote's mark glued to a heading's number ("ÁN LỆ SỐ 43/2021/AL1"): a type's
    # abbreviation, the number's only letters, has no digit of its own after it
    glued = _FOOTNOTE.search(number)
    if glued and len(symbol_tokens(number)) == 1 and canon_token(glued[1]) in ABBR_TYPES:
        return number[: glued.start(1)] + canon_token(glued[1])
    return number


def symbol_tokens(number: str) -> list[str]:
    return [t for t in _SPLIT.split(number) if t and not t.isdigit()]


def is_full(number: str) -> bool:
    """Has a letter symbol part ("52-NQ/TW"), unlike a bare "10"."""
    return bool(symbol_tokens(number))


def type_of_symbol(number: str) -> str | None:
    tokens = symbol_tokens(number)
    return ABBR_TYPES.get(tokens[0].upper()) if tokens else None


def type_of_word(word: str | None) -> str | None:
    if not word:
        return None
    return _TYPE_BY_LOWER.get(" ".join(word.lower().split()))


def issuer_of_symbol(number: str) -> str | None:
    """Issuers a symbol states beyond doubt; "/TW" or "-UBND" alone do not say which body."""
    ups = [t.upper() for t in symbol_tokens(number)]
    if not ups:
        return None
    if "TTG" in ups:
        return "Thủ tướng Chính phủ"
    if ups[0] in ("NQ", "NĐ") and ups[-1] == "CP":
        return "Chính phủ"
    if any(_UBTVQH.fullmatch(t) for t in ups):
        return "Ủy ban Thường vụ Quốc hội"
    if any(_QH.fullmatch(t) for t in ups):
        return "Quốc hội"
    # "TT-BTTTT": one ministry; a joint circular (TTLT-BNV-BTC) has several, so no answer.
    return MINISTRY_CODES.get(ups[-1]) if len(ups) == 2 else None


def instrument_key(inst: Instrument) -> str:
    """Identity for deduplication and the registry.

    A number with a symbol part is the key by itself ("52-NQ/TW"). A bare number is only
    unique within its type, so it keeps the type ("Nghị quyết 10"); an unnumbered
    instrument is its type and normalised subject.
    """
    if inst.number:
        number = canonical_number(inst.number)
        return number if is_full(number) else f"{inst.type} {number}"
    name = " ".join((inst.name or "").casefold().split()).strip(" ,.;:")
    return f"{inst.type}: {name}" if name else inst.type
