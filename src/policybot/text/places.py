"""Pure: which Vietnamese provinces and sub-province units a text names.

Province names are matched whole-word against a fixed list (the 63 units that existed before
the 2025 merger), so a syllable such as "Bình" or "Nam" never counts on its own and the five
"Quảng ..." provinces stay distinct. Localities (huyện, thị xã, xã ...) have no list: they are
recognised by their kind word followed by a capitalised name.

Texts are expected in NFC. Old-style tone placement ("Hoà", "Uỷ") is folded to the modern one
("Hòa", "Ủy") before matching, so both spellings of a name are the same name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# The 63 provinces and centrally-run cities before the 2025 merger, canonical spelling.
PROVINCES: tuple[str, ...] = (
    "Hà Nội",
    "Thành phố Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
)

# Centrally-run cities: their UBND/HĐND/Thành ủy say "thành phố", not "tỉnh".
CENTRAL_CITIES: frozenset[str] = frozenset(PROVINCES[:5])

# Other spellings people write. Bare "Hồ Chí Minh" is left out on purpose: in policy texts it
# is far more often the person ("tư tưởng Hồ Chí Minh") than the city.
_ALIASES: dict[str, str] = {
    "TP. Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    "TP Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    "Tp. Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    "TP.HCM": "Thành phố Hồ Chí Minh",
    "TP. HCM": "Thành phố Hồ Chí Minh",
    "TP HCM": "Thành phố Hồ Chí Minh",
    "TPHCM": "Thành phố Hồ Chí Minh",
    "Sài Gòn": "Thành phố Hồ Chí Minh",
    "Thừa Thiên - Huế": "Thừa Thiên Huế",
    "Huế": "Thừa Thiên Huế",
    "Đăk Lăk": "Đắk Lắk",
    "Đắc Lắc": "Đắk Lắk",
    "Đắk Lăk": "Đắk Lắk",
    "Daklak": "Đắk Lắk",
    "Đăk Nông": "Đắk Nông",
    "Đắc Nông": "Đắk Nông",
    "Bắc Cạn": "Bắc Kạn",
    "Kontum": "Kon Tum",
    "Bà Rịa Vũng Tàu": "Bà Rịa - Vũng Tàu",
}

# Names that are also ordinary lowercase words ("hòa bình" = peace, "cao bằng" = as high as):
# only their capitalised or upper-case spelling names the province.
_CASED_ONLY: frozenset[str] = frozenset(
    {"Hòa Bình", "Thái Bình", "Bình Định", "Cao Bằng", "Long An", "Huế"}
)

_LETTER = r"[^\W\d_]"
_UPPER = "".join(
    ch
    for cp in (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00))
    if (ch := chr(cp)).isupper()
)
UPPER_CLASS = f"[{re.escape(_UPPER)}]"
"""A regex class of the upper-case Latin letters Vietnamese uses (A-Z, Đ, Ầ, Ự ...)."""

# --- old-style tone placement -------------------------------------------------------------
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?![^\W\d_])")


def _move_tone(m: re.Match[str]) -> str:
    parts = unicodedata.normalize("NFD", m.group(2))
    first = unicodedata.normalize("NFC", m.group(1) + parts[1:])
    out = first + parts[:1]
    return out if len(out) == 2 else m.group(0)


def modern_tones(text: str) -> str:
    """Rewrite "hoá", "Uỷ", "khoẻ" as "hóa", "Ủy", "khỏe"; the result has the same length.

    Why: both placements are in use and must compare equal, and keeping every offset
    unchanged lets callers match on the folded text while reporting spans in the original.
    Only open syllables change ("hoàn" stays), and "qu" is left alone ("quý").
    """
    return _OLD_TONE.sub(_move_tone, text)


# --- provinces ----------------------------------------------------------------------------
_DASH = re.compile(r"\s*[-–]\s*")
_SPACES = re.compile(r"\s+")
_NAME_PARTS = re.compile(r"(\s*-\s*|\s+|\.\s*)")


def _fold(name: str) -> str:
    """A comparison key: tones modernised, case folded, spaces and dashes squeezed."""
    name = modern_tones(name).casefold()
    name = _DASH.sub("-", name)
    return _SPACES.sub(" ", name).strip()


def _name_regex(name: str) -> str:
    parts = _NAME_PARTS.split(name)
    out = []
    for part in parts:
        if not part:
            continue
        if part.strip() == "-":
            out.append(r"\s*[-–]\s*")
        elif part.strip() == ".":
            out.append(r"\.\s*")
        elif part.isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(part))
    return "".join(out)


def _cased_regex(name: str) -> str:
    """Title spelling or all capitals, nothing in between."""
    return f"(?:{_name_regex(name)}|{_name_regex(name.upper())})"


_CANONICAL: dict[str, str] = {_fold(p): p for p in PROVINCES}
_CANONICAL.update({_fold(a): p for a, p in _ALIASES.items()})

_ALL_NAMES = sorted({*PROVINCES, *_ALIASES}, key=len, reverse=True)
_FIRST_CHARS = "".join(sorted({c for n in _ALL_NAMES for c in (n[0].lower(), n[0].upper())}))
_PROVINCE_RE = re.compile(
    rf"(?<!\w)(?=[{_FIRST_CHARS}])(?:"
    + "|".join(
        _cased_regex(n) if n in _CASED_ONLY else f"(?i:{_name_regex(n)})" for n in _ALL_NAMES
    )
    + r")(?!\w)"
)


def canonical_province(name: str) -> str | None:
    """The canonical name for any accepted spelling ("quảng trị", "TP.HCM"), else None."""
    return _CANONICAL.get(_fold(name))


def province_at(text: str, pos: int) -> tuple[str, int] | None:
    """(canonical name, end offset) when a province name starts exactly at `pos`."""
    if pos < 0 or pos > len(text):
        return None
    m = _PROVINCE_RE.match(modern_tones(text[pos : pos + 40]))
    if not m:
        return None
    canon = _CANONICAL.get(_fold(m.group(0)))
    return (canon, pos + m.end()) if canon else None


def _province_hits(text: str) -> list[str]:
    hits = []
    for m in _PROVINCE_RE.finditer(modern_tones(text)):
        canon = _CANONICAL.get(_fold(m.group(0)))
        if canon:
            hits.append(canon)
    return hits


def find_provinces(text: str) -> list[str]:
    """Canonical province names mentioned, first-seen order, each once."""
    return list(dict.fromkeys(_province_hits(text)))


def province_of_text(text: str) -> str | None:
    """The province a text is about: the most mentioned one, ties going to the first seen."""
    hits = _province_hits(text)
    if not hits:
        return None
    counts = Counter(hits)
    best = max(counts.values())
    return next(p for p in hits if counts[p] == best)


# --- localities ---------------------------------------------------------------------------
def _kind_regex(kind: str) -> str:
    """Lower-case or capitalised spelling of a kind word; ALL CAPS is a heading, not a unit."""
    return r"\s+".join(f"[{w[0]}{w[0].upper()}]{re.escape(w[1:])}" for w in kind.split())


_KINDS = ("thị xã", "thị trấn", "thành phố", "huyện", "quận", "xã", "phường")
_PARTY_KINDS = {"huyện ủy": "huyện", "thị ủy": "thị xã", "thành ủy": "thành phố", "quận ủy": "quận"}
_SYLLABLE = f"{UPPER_CLASS}{_LETTER}*"
_LOCALITY_RE = re.compile(
    r"(?<!\w)(?:"
    + r"(?P<party>"
    + "|".join(_kind_regex(k) for k in _PARTY_KINDS)
    + r")[ \t]+"
    + r"|(?P<tp>T[Pp]\.[ \t]*|TP[ \t]+)"
    + r"|(?<![Tt]hị\s)(?P<kind>"
    + "|".join(_kind_regex(k) for k in _KINDS)
    + r")[ \t]+"
    + r")"
    + rf"(?P<name>{_SYLLABLE}(?:[ \t]+{_SYLLABLE}){{0,3}}|[0-9]{{1,3}}(?![0-9]|[/.,:-][0-9]))"
    + r"(?!\w)"
)
_NEXT_WORD = re.compile(rf"[ \t]+({_LETTER}+)(?!\w)")

# Common words that follow a place name; a lower-case syllable from this list after a
# one-syllable name is the sentence going on, not the second half of the name.
_NOT_NAME_WORDS = """à ạ ban bị bảo bằng các cán cần cấp chỉ cho chủ chưa có còn của cũng dân
    đã đang đạt
    đầu để đề đến đều đi điều đó được gồm giao hiện hơn hướng huyện khi không là lại làm lên
    luôn mà mới một nay này nên người nhằm nhận những nơi phải phát phấn phối quy ra rất sau sẽ
    tại tăng thành thì thôn thực theo thứ tiếp tiến tỉnh tổ trên triển trong trở từ và vào vẫn
    về vì với vừa xã xây xác"""
_NOT_NAME = frozenset(_NOT_NAME_WORDS.split())


def _title(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def _kind_of(m: re.Match[str]) -> str:
    if m.group("party"):
        return _PARTY_KINDS[" ".join(m.group("party").lower().split())]
    if m.group("tp"):
        return "thành phố"
    return " ".join(m.group("kind").lower().split())


def find_localities(text: str) -> list[str]:
    """Sub-province units named with their kind ("huyện Triệu Phong", "quận 1"), first seen.

    A one-syllable capitalised name followed by a lower-case syllable ("Triệu phong") is
    taken as a miscapitalised two-syllable name when the text spells that name properly
    elsewhere or the syllable is not a common function word: Vietnamese unit names are
    almost never one syllable.
    """
    folded = modern_tones(text)
    matches = list(_LOCALITY_RE.finditer(folded))
    proper = {_fold(m.group("name")) for m in matches}
    out: list[str] = []
    for m in matches:
        kind = _kind_of(m)
        name = m.group("name")
        if name.isdigit() and kind not in ("quận", "phường"):
            continue
        nxt = _NEXT_WORD.match(folded, m.end())
        tail = nxt.group(1) if nxt else ""
        if tail[:1].islower() and " " not in name and not name.isdigit():
            two = f"{name} {tail}"
            if _fold(two) in proper or tail.lower() not in _NOT_NAME:
                name = two
        if kind == "thành phố" and _is_central_city(m.group(0), name):
            continue
        out.append(f"{kind} {_title(name)}")
    return list(dict.fromkeys(out))


def _is_central_city(matched: str, name: str) -> bool:
    """'thành phố Hà Nội', 'TP.HCM': the province itself, not a unit inside one."""
    if name.upper() in ("HCM", "HỒ CHÍ MINH"):
        return True
    canon = canonical_province(name) or canonical_province(matched)
    return canon in CENTRAL_CITIES


def bare_name(place: str) -> str:
    """'huyện Triệu Phong' -> 'Triệu Phong': the name is what texts repeat."""
    for kind in ("huyện ", "thị xã ", "thành phố ", "quận ", "xã ", "phường ", "tỉnh "):
        if place.casefold().startswith(kind):
            return place[len(kind) :]
    return place
