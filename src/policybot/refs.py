"""Pure: recognise references to policy instruments ("Nghị quyết số 52-NQ/TW ngày 27/9/2019
của Bộ Chính trị") in Vietnamese text and in questions.

Recognition is deliberately conservative: a number counts only when it carries a symbol part
("52-NQ/TW") or follows a type word ("Nghị quyết số 10"), a date or issuer is attached only
when it sits right after the number (or in the "Ngày D, ISSUER ban hành X" opening), and an
unnumbered instrument needs a capitalised type word followed by "về <subject>". A missed
reference costs a little recall; a wrong one puts a false date or issuer into a cited answer.

All matching runs on `modern_tones(text)`, which has the same length as the text, so spans
are offsets into the caller's string while "Uỷ"/"Ủy", "hoá"/"hóa" compare equal. Every regex
is compiled once, at import.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace

from policybot.places import (
    CENTRAL_CITIES,
    UPPER_CLASS,
    canonical_province,
    modern_tones,
    province_at,
)
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
)
_TYPE_BY_LOWER = {t.lower(): t for t in INSTRUMENT_TYPES}

# Type abbreviations as they appear in symbols (canonical upper-case token -> type).
_ABBR_TYPES: dict[str, str] = {
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
}
# Document kinds with their own symbol that are not policy instruments (report, submission,
# invitation, minutes, contract, licence): a bare "12/BC-UBND" is not a mention.
_NOT_INSTRUMENTS = frozenset({"BC", "TTR", "GM", "BB", "HĐ", "GP", "GCN", "GXN", "TTRA"})

# Tokens written with plain D for Đ, and tokens whose canonical spelling is mixed case.
_ASCII_D = {
    "QD": "QĐ",
    "ND": "NĐ",
    "QDI": "QĐI",
    "HDND": "HĐND",
    "BCD": "BCĐ",
    "BKHDT": "BKHĐT",
    "BGDDT": "BGDĐT",
    "BLDTBXH": "BLĐTBXH",
}
_MIXED_CASE = {"TTG": "TTg", "QĐI": "QĐi", "CTR": "CTr", "TTR": "TTr"}

_MINISTRIES = (
    "Bộ Quốc phòng",
    "Bộ Công an",
    "Bộ Ngoại giao",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Tài chính",
    "Bộ Công Thương",
    "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Giao thông vận tải",
    "Bộ Xây dựng",
    "Bộ Tài nguyên và Môi trường",
    "Bộ Thông tin và Truyền thông",
    "Bộ Lao động - Thương binh và Xã hội",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Y tế",
    "Bộ Dân tộc và Tôn giáo",
)
# Provincial departments mirror the ministries' names.
_DEPARTMENTS = (*("Sở" + m[2:] for m in _MINISTRIES), "Sở Ngoại vụ", "Sở Du lịch")
_MINISTRY_CODES = {
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BTC": "Bộ Tài chính",
    "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BNV": "Bộ Nội vụ",
    "BTP": "Bộ Tư pháp",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BYT": "Bộ Y tế",
    "BCT": "Bộ Công Thương",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BXD": "Bộ Xây dựng",
    "BGTVT": "Bộ Giao thông vận tải",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
}


@dataclass(frozen=True)
class Mention:
    """One reference in a text; [start, end) covers type, number, date and issuer found."""

    start: int
    end: int
    instrument: Instrument


@dataclass(frozen=True)
class RefQuery:
    """An instrument a question names: type and number as far as the question gives them."""

    type: str | None
    number: str | None
    full: bool


# --- regex pieces ---------------------------------------------------------------------------
def _words(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


def _alternation(phrases: tuple[str, ...] | list[str]) -> str:
    return "|".join(_words(p) for p in sorted(phrases, key=len, reverse=True))


_LETTER = r"[^\W\d_]"
_TYPES = rf"(?i:{_alternation(INSTRUMENT_TYPES)})"
_TITLE_TYPES = _alternation(INSTRUMENT_TYPES)  # case as written: "Luật", "Nghị quyết"
_SO = r"(?i:số)"
_ABBR_WORD = r"(?:NQ|QĐ|QD|NĐ|ND|KH|CT|TT|KL|HD|TB|CV|QĐi)"

# Symbols in any case; a lower-case one must still open with a type abbreviation (checked in
# code), so "52-nq/tw" counts and "10/ha" does not.
_SYM = r"[A-Za-zĐđ]+[0-9]*"
_SEP = r"(?:[ ]?/[ ]?|[–-])"
_NUMBER = (
    rf"[0-9]{{1,5}}(?:{_SEP}[0-9]{{1,4}})*{_SEP}{_SYM}(?:{_SEP}(?:{_SYM}|[0-9]{{1,4}}))*"
    r"(?![\w])"
)
_BARE = r"[0-9]{1,5}(?![0-9])(?![/.,:–-]?[0-9A-Za-zĐđ])"

_MENTION_RE = re.compile(
    r"(?<![\w/.–-])(?:"
    # 1. a number with a symbol part, with whatever type word / abbreviation / "số" leads it
    rf"(?:(?P<tw>{_TYPES})\s+)?(?:(?P<ab>{_ABBR_WORD})\s+)?(?:(?P<so>{_SO})\s*:?\s*)?"
    rf"(?P<num>{_NUMBER})"
    # 2. a type word and a bare number: "Nghị quyết số 10", "Nghị quyết 52"
    rf"|(?P<tw2>{_TYPES})\s+(?:(?P<so2>{_SO})\s*:?\s*)?(?P<bare>{_BARE})"
    # 3. a capitalised type word and "về <subject>": checked further in code
    r"|(?P<tw3>Nghị\s+quyết|Kế\s+hoạch|Chương\s+trình|Quyết\s+định|Đề\s+án)\s+(?=về\s)"
    r")"
)

_DATE = (
    r"(?<![0-9])(?<![0-9][/.-])(?:"
    r"(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})"
    r"|(?P<td>[0-9]{1,2})\s+(?i:tháng)\s+(?P<tm>[0-9]{1,2})\s*,?\s+(?i:năm)\s+(?P<ty>[0-9]{4})"
    r")(?![0-9])(?![/.-][0-9])"
)
_DATE_WITH_DAY = rf"(?:(?<!\w)(?i:ngày)\s+)?{_DATE}"
_DATE_RE = re.compile(_DATE_WITH_DAY)
_DATE_BEFORE = re.compile(rf"{_DATE_WITH_DAY}\s*,?\s*\Z")

_VERB = r"(?:(?:đã|vừa|mới|chính\s+thức)\s+)*(?i:ban\s+hành)\s+(?:(?:các|những)\s+)?\Z"
_ISSUED_BY_SUFFIX = re.compile(rf"\s+{_VERB}")
_GENERIC_BEFORE = re.compile(
    rf"(?<!\w)(?i:ngày)\s+{_DATE}\s*,\s*{UPPER_CLASS}[^,.;:\n]{{0,80}}?\s+{_VERB}"
)
_LEAD_DATE = re.compile(r"\s*,?\s*(?:(?:được\s+)?(?i:ban\s+hành)\s+)?")
_LEAD_ISSUER = re.compile(r"\s*,?\s*(?:(?:được|đã)\s+)?(?:của|do)\s+")
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n")
_WORD_START = re.compile(r"(?<!\w)\w")

_UNITS = re.compile(
    r"\s*(?:năm|tháng|tuần|giờ|phút|lần|người|%|triệu|tỷ|tỉ|nghìn|ngàn|trăm|"
    r"chục|km|ha|tấn|đồng|USD|điểm|nhóm|mục|bước|điều|khoản|trang|xã|huyện|tỉnh|đơn\s+vị|"
    r"cơ\s+quan|doanh\s+nghiệp|nội\s+dung|nhiệm\s+vụ|giải\s+pháp|chỉ\s+tiêu|lĩnh\s+vực|dự\s+án)"
    r"(?!\w)",
    re.IGNORECASE,
)
_YEAR_LIKE = re.compile(r"(?:19|20)[0-9]{2}")

_SUBJECT_END = re.compile(
    r"\s+(?:của|là|đã)\s|[;!?\n()“”\"…]|\.(?=\s|$)"
    r"|,?\s+(?:(?i:ngày)\s+)?[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}"
)
_SUBJECT_MAX_WORDS = 20
_TITLE_TYPE_RE = re.compile(rf"(?<!\w)(?:{_TITLE_TYPES})(?!\w)")
_NAMED_REST = re.compile(rf"\s+(?P<nm>{UPPER_CLASS}[^,;.:()\n“”\"]{{0,80}}?)\s+")

# Issuers: the head is matched here, the place that follows is read in code.
_KIND = r"(?i:tỉnh|thành\s+phố|thị\s+xã|huyện|quận|xã|phường)|TP\.?|Tp\."
_ISSUER_HEAD = re.compile(
    r"(?:"
    rf"(?P<fixed>Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư(?:\s+Trung\s+ương(?:\s+Đảng)?)?"
    r"|Ban\s+Chấp\s+hành\s+Trung\s+ương(?:\s+Đảng)?|(?i:Ủy\s+ban\s+Thường\s+vụ\s+Quốc\s+hội)"
    rf"|UBTVQH|Thủ\s+tướng(?:\s+Chính\s+phủ)?|Chính\s+phủ|Quốc\s+hội"
    rf"|(?i:{_alternation(_MINISTRIES + _DEPARTMENTS)}))"
    r"|(?P<body>UBND|(?i:Ủy\s+ban\s+nhân\s+dân)|HĐND|(?i:Hội\s+đồng\s+nhân\s+dân))"
    rf"(?:\s+(?P<kind>{_KIND}))?"
    r"|(?:(?P<pre>Ban\s+Thường\s+vụ|BTV|Thường\s+trực)\s+)?"
    r"(?P<party>(?i:Tỉnh\s+ủy|Thành\s+ủy|Huyện\s+ủy|Thị\s+ủy|Quận\s+ủy))"
    rf"|(?P<bch>Ban\s+Chấp\s+hành|BCH)\s+Đảng\s+bộ(?:\s+(?P<bkind>{_KIND}))?"
    r")(?!\w)"
)
_FIXED_CANON = {" ".join(p.casefold().split()): p for p in (*_MINISTRIES, *_DEPARTMENTS)}
_FIXED_CANON.update(
    {
        "ủy ban thường vụ quốc hội": "Ủy ban Thường vụ Quốc hội",
        "ubtvqh": "Ủy ban Thường vụ Quốc hội",
        "thủ tướng": "Thủ tướng Chính phủ",
    }
)
_PLACE_WORDS = re.compile(
    rf"\s+({UPPER_CLASS}{_LETTER}*(?:[ \t]+{UPPER_CLASS}{_LETTER}*){{0,3}}"
    r"|[0-9]{1,3}(?![0-9]))(?!\w)"
)
_TERM = re.compile(r"\s+(?i:khóa)\s+([IVXLC]+)(?!\w)")

_QUERY_NUMBER = re.compile(
    r"(?<![\w/.–-])"
    rf"(?:(?P<tw>{_TYPES})\s+)?(?:(?P<ab>{_ABBR_WORD})\s+)?(?:{_SO}\s*:?\s*)?"
    r"(?P<num>(?i:[0-9]{1,5}(?:\s?[/–-]\s?[0-9]{1,4})*\s?[/–-]\s?[a-zđ][a-zđ]*[0-9]*"
    r"(?:\s?[/–-]\s?(?:[a-zđ][a-zđ]*[0-9]*|[0-9]{1,4}))*))(?!\w)"
)
_QUERY_BARE = re.compile(
    rf"(?<![\w/.–-])(?:(?P<tw>{_TYPES})|(?P<ab>{_ABBR_WORD}))\s+(?:(?P<so>{_SO})\s*:?\s*)?"
    rf"(?P<bare>{_BARE})"
)
_LEADING = re.compile(r"[0-9]+")
_GAP = re.compile(r"[ \t]+")
_SPACED_SEP = re.compile(r"\s*([/-])\s*")
_SPLIT_KEEP = re.compile(r"([/-])")
_SPLIT = re.compile(r"[/-]")
_UBTVQH = re.compile(r"UBTVQH[0-9]*")
_QH = re.compile(r"QH[0-9]*")
_AGENCY = re.compile(r"[A-ZĐ]{2,}")
_SLASH_FIRST = re.compile(r"[0-9]+ ?/")


# --- numbers --------------------------------------------------------------------------------
def _canon_token(token: str) -> str:
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
    return "".join(p if p in ("/", "-") else _canon_token(p) for p in parts).strip()


def _symbol_tokens(number: str) -> list[str]:
    return [t for t in _SPLIT.split(number) if t and not t.isdigit()]


def _is_full(number: str) -> bool:
    """Has a letter symbol part ("52-NQ/TW"), unlike a bare "10"."""
    return bool(_symbol_tokens(number))


def _type_of_symbol(number: str) -> str | None:
    tokens = _symbol_tokens(number)
    return _ABBR_TYPES.get(tokens[0].upper()) if tokens else None


def _type_of_word(word: str | None) -> str | None:
    if not word:
        return None
    return _TYPE_BY_LOWER.get(" ".join(word.lower().split()))


def _issuer_of_symbol(number: str) -> str | None:
    """Issuers a symbol states beyond doubt; "/TW" or "-UBND" alone do not say which body."""
    ups = [t.upper() for t in _symbol_tokens(number)]
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
    return _MINISTRY_CODES.get(ups[-1]) if len(ups) == 2 else None


def instrument_key(inst: Instrument) -> str:
    """Identity for deduplication and the registry.

    A number with a symbol part is the key by itself ("52-NQ/TW"). A bare number is only
    unique within its type, so it keeps the type ("Nghị quyết 10"); an unnumbered
    instrument is its type and normalised subject.
    """
    if inst.number:
        number = canonical_number(inst.number)
        return number if _is_full(number) else f"{inst.type} {number}"
    name = " ".join((inst.name or "").casefold().split()).strip(" ,.;:")
    return f"{inst.type}: {name}" if name else inst.type


# --- dates ----------------------------------------------------------------------------------
def _iso(m: re.Match[str]) -> str | None:
    if m.group("d"):
        d, mo, y = m.group("d"), m.group("m"), m.group("y")
    else:
        d, mo, y = m.group("td"), m.group("tm"), m.group("ty")
    try:
        day = _dt.date(int(y), int(mo), int(d))
    except ValueError:
        return None
    return day.isoformat() if 1900 <= day.year <= 2199 else None


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, iso) of each full date, "ngày " included in the span when written.

    Accepts d/m/yyyy, d-m-yyyy, d.m.yyyy and "ngày d tháng m năm yyyy"; impossible dates
    (32/13/2020) and years outside 1900-2199 are not dates.
    """
    out = []
    for m in _DATE_RE.finditer(text):
        iso = _iso(m)
        if iso:
            out.append((m.start(), m.end(), iso))
    return out


def parse_date(text: str) -> str | None:
    """The first date in the text, ISO, or None."""
    found = find_dates(text)
    return found[0][2] if found else None


# --- issuers --------------------------------------------------------------------------------
def _title(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words.split())


def _place_after(norm: str, pos: int) -> tuple[str, int] | None:
    """A place name after whitespace at `pos`: a known province first, else capitalised words."""
    gap = _GAP.match(norm, pos)
    if gap:
        hit = province_at(norm, gap.end())
        if hit:
            return hit
    m = _PLACE_WORDS.match(norm, pos)
    return (_title(m.group(1)), m.end()) if m else None


def _local_name(body: str, kind: str | None, place: str | None, province: str | None) -> str:
    """UBND + tỉnh + Quảng Trị; a province given by the caller fills a missing place."""
    if (
        place is None
        and province
        and (kind == "tỉnh" or (kind == "thành phố" and province in CENTRAL_CITIES))
    ):
        place = province
    if place and canonical_province(place):
        canon = canonical_province(place) or place
        if canon.startswith("Thành phố "):
            return f"{body} {canon}"
        if kind in (None, "tỉnh", "thành phố"):
            kind = "thành phố" if canon in CENTRAL_CITIES else "tỉnh"
    return " ".join(p for p in (body, kind, place) if p)


def _kind_name(raw: str | None) -> str | None:
    if not raw:
        return None
    low = " ".join(raw.lower().split())
    return "thành phố" if low.startswith("tp") else low


def _issuer_at(norm: str, pos: int, province: str | None) -> tuple[str, int] | None:
    """(canonical issuer, end) for an issuer starting exactly at `pos`."""
    m = _ISSUER_HEAD.match(norm, pos)
    if not m:
        return None
    end = m.end()
    if m.group("fixed"):
        text = " ".join(m.group("fixed").split())
        return _FIXED_CANON.get(text.casefold(), text), end
    if m.group("body"):
        body = "HĐND" if m.group("body")[0] in "HĐh" else "UBND"
        city = _place_after(norm, m.end("body"))  # "UBND TP.HCM", "UBND Thành phố Hồ Chí Minh"
        if city and canonical_province(city[0]):
            return _local_name(body, None, city[0], province), city[1]
    place_hit = _place_after(norm, end)
    place, place_end = place_hit if place_hit else (None, end)
    if m.group("body"):
        kind = _kind_name(m.group("kind"))
        if kind is None and not (place and canonical_province(place)):
            return None  # "UBND các huyện": no single body
        return _local_name(body, kind, place, province), place_end
    if m.group("party"):
        party = " ".join(m.group("party").split())
        party = party[:1].upper() + party[1:].lower()
        pre = m.group("pre")
        if pre is not None:
            pre = "Ban Thường vụ" if pre == "BTV" else " ".join(pre.split())
        if (
            place is None
            and province
            and (party == "Tỉnh ủy" or (party == "Thành ủy" and province in CENTRAL_CITIES))
        ):
            place = province
        return " ".join(p for p in (pre, party, place) if p), place_end
    kind = _kind_name(m.group("bkind"))
    if kind is None:
        place, place_end = None, end
    if place is None and province and kind == "tỉnh":
        place = province
    name = " ".join(p for p in ("Ban Chấp hành Đảng bộ", kind, place) if p)
    term = _TERM.match(norm, place_end)
    if term:
        name, place_end = f"{name} khóa {term.group(1)}", term.end()
    return name, place_end


# --- mentions -------------------------------------------------------------------------------
@dataclass
class _Draft:
    start: int
    end: int
    type: str
    number: str | None = None
    name: str | None = None
    date: str | None = None
    issuer: str | None = None


def _date_at(norm: str, pos: int) -> tuple[str | None, int] | None:
    """(iso, end) for a date written at `pos`; iso is None for an impossible one (32/13)."""
    lead = _LEAD_DATE.match(norm, pos)
    at = lead.end() if lead else pos
    m = _DATE_RE.match(norm, at)
    return (_iso(m), m.end()) if m else None


def _attach_after(norm: str, draft: _Draft, province: str | None) -> None:
    """Date and issuer written right after the reference, in either order."""
    for _ in range(2):
        if draft.date is None:
            hit = _date_at(norm, draft.end)
            if hit:
                draft.date, draft.end = hit
                if draft.date:
                    continue
        if draft.issuer is None:
            lead = _LEAD_ISSUER.match(norm, draft.end)
            found = _issuer_at(norm, lead.end(), province) if lead else None
            if found:
                draft.issuer, draft.end = found
                continue
        break


def _attach_before(norm: str, draft: _Draft, floor: int, province: str | None) -> None:
    """The opening "Ngày 17/12/2020, UBND tỉnh Quảng Trị đã ban hành <draft>", same sentence."""
    lo = max(floor, draft.start - 300, 0)
    prefix = norm[lo : draft.start]
    ends = [m.end() for m in _SENTENCE_END.finditer(prefix)]
    if ends:
        lo, prefix = lo + ends[-1], prefix[ends[-1] :]
    verb = _ISSUED_BY_SUFFIX.search(prefix)
    if not verb:
        return
    head = prefix[: verb.start()]
    for w in _WORD_START.finditer(head, max(0, len(head) - 160)):
        found = _issuer_at(norm, lo + w.start(), province)
        if found and found[1] == lo + verb.start():
            if draft.issuer is None:
                draft.issuer = found[0]
            draft.start = lo + w.start()
            date_lo = max(0, w.start() - 60)
            date = _DATE_BEFORE.search(head, date_lo, w.start())
            iso = _iso(date) if date else None
            if date and iso and draft.date is None:
                draft.date, draft.start = iso, lo + date.start()
            return
    generic = _GENERIC_BEFORE.search(prefix)
    if generic and draft.date is None:
        draft.date = _iso(generic)
        if draft.date:
            draft.start = lo + generic.start()


def _named_type(norm: str, start: int, floor: int) -> tuple[str, str, int] | None:
    """Type word, name and start in "Luật An toàn thông tin mạng số 86/2015/QH13"."""
    lo = max(floor, start - 100, 0)
    types = list(_TITLE_TYPE_RE.finditer(norm, lo, start))
    if not types:
        return None
    last = types[-1]  # the type word nearest the number owns it
    rest = _NAMED_REST.fullmatch(norm, last.end(), start)
    if not rest or len(rest.group("nm").split()) > 12:
        return None
    kind = _type_of_word(last.group(0))
    return (kind, " ".join(rest.group("nm").split()), last.start()) if kind else None


def _numbered(norm: str, m: re.Match[str], floor: int) -> _Draft | None:
    number = canonical_number(m.group("num"))
    tokens = _symbol_tokens(number)
    first = tokens[0].upper() if tokens else ""
    raw_first = _symbol_tokens(m.group("num"))[0]
    if not (raw_first[:1].isupper() or first in _ABBR_TYPES):
        return None
    word_type = _type_of_word(m.group("tw")) or _ABBR_TYPES.get(
        _canon_token(m.group("ab") or "").upper()
    )
    kind = _type_of_symbol(number) or word_type
    start, name = m.start(), None
    if kind is None and first in _NOT_INSTRUMENTS:
        return None
    if kind is None and m.group("so"):
        named = _named_type(norm, m.start(), floor)
        if named:
            kind, name, start = named
    if kind is None and _AGENCY.fullmatch(raw_first) and _SLASH_FIRST.match(m["num"]):
        kind = "Công văn"  # "số 1234/UBND-KT": official letters carry no type abbreviation
    if kind is None:
        return None
    return _Draft(start, m.end(), kind, number=number, name=name)


def _bare(norm: str, m: re.Match[str]) -> _Draft | None:
    kind = _type_of_word(m.group("tw2"))
    number = m.group("bare")
    if kind is None:
        return None
    if not m.group("so2") and (
        not m.group("tw2")[0].isupper()
        or _YEAR_LIKE.fullmatch(number)
        or (_UNITS.match(norm, m.end()) and not _date_at(norm, m.end()))
    ):
        return None  # "kế hoạch 5 năm", "Kế hoạch 2025": not a number of an instrument
    return _Draft(m.start(), m.end(), kind, number=number)


def _unnumbered(norm: str, m: re.Match[str]) -> _Draft | None:
    kind = _type_of_word(m.group("tw3"))
    if kind is None:
        return None
    window = norm[m.end() : m.end() + 300]
    stop = _SUBJECT_END.search(window)
    if stop is None and m.end() + 300 < len(norm):
        return None
    cut = stop.start() if stop else len(window)
    subject = " ".join(window[:cut].split()).rstrip(" ,")
    if not 3 <= len(subject.split()) <= _SUBJECT_MAX_WORDS + 1:  # "về" + 2..20 words
        return None
    return _Draft(m.start(), m.end() + cut, kind, name=subject)


def _draft(norm: str, m: re.Match[str], floor: int) -> _Draft | None:
    if m.group("num"):
        return _numbered(norm, m, floor)
    if m.group("bare"):
        return _bare(norm, m)
    return _unnumbered(norm, m)


def _province_name(province: str | None) -> str | None:
    if not province or not province.strip():
        return None
    return canonical_province(province) or " ".join(province.split())


def find_mentions(text: str, province: str | None = None) -> list[Mention]:
    """Every reference to an instrument in the text, in order, with date and issuer attached
    where the text states them for that instrument (or its symbol states the issuer)."""
    if not text:
        return []
    norm = modern_tones(text)
    prov = _province_name(province)
    drafts: list[_Draft] = []
    for m in _MENTION_RE.finditer(norm):
        # Mentions nest only shallowly (a subject naming another instrument), so the last
        # few drafts are enough to find where the previous reference ended.
        floor = max((d.end for d in drafts[-4:] if d.end <= m.start()), default=0)
        draft = _draft(norm, m, floor)
        if draft is None:
            continue
        _attach_after(norm, draft, prov)
        if draft.date is None or draft.issuer is None:
            _attach_before(norm, draft, floor, prov)
        if draft.issuer is None and draft.number:
            draft.issuer = _issuer_of_symbol(draft.number)
        drafts.append(draft)
    drafts.sort(key=lambda d: (d.start, d.end))
    return [
        Mention(d.start, d.end, Instrument(d.type, d.number, d.date, d.issuer, d.name))
        for d in drafts
    ]


def find_instruments(text: str, province: str | None = None) -> list[Instrument]:
    """Distinct instruments in first-seen order; a later mention fills a date, issuer or name
    the first one lacked ("Kế hoạch số 5807/KH-UBND" ... "5807/KH-UBND ngày 17/12/2020")."""
    by_key: dict[str, Instrument] = {}
    for mention in find_mentions(text, province):
        inst = mention.instrument
        key = instrument_key(inst)
        seen = by_key.get(key)
        if seen is None:
            by_key[key] = inst
            continue
        by_key[key] = replace(
            seen,
            date=seen.date or inst.date,
            issuer=seen.issuer or inst.issuer,
            name=seen.name or inst.name,
        )
    return list(by_key.values())


# --- questions ------------------------------------------------------------------------------
def find_query_refs(question: str) -> list[RefQuery]:
    """Instruments a question names: "Kế hoạch 5807", "nghị quyết 52", "NQ 52", "5807/KH-UBND".

    Questions are typed casually, so type words and symbols may be lower-case; a lower-case
    symbol must still start with a known type abbreviation ("52-nq/tw", not "10/ha").
    """
    if not question:
        return []
    q = modern_tones(question)
    found: list[tuple[int, RefQuery]] = []
    taken: list[tuple[int, int]] = []
    for m in _QUERY_NUMBER.finditer(q):
        number = canonical_number(m.group("num"))
        tokens = _symbol_tokens(number)
        raw_tokens = _symbol_tokens(m.group("num"))
        if not tokens or not (raw_tokens[0][:1].isupper() or tokens[0].upper() in _ABBR_TYPES):
            continue
        kind = (
            _type_of_symbol(number)
            or _type_of_word(m.group("tw"))
            or _ABBR_TYPES.get(_canon_token(m.group("ab") or "").upper())
        )
        found.append((m.start(), RefQuery(kind, number, True)))
        taken.append((m.start(), m.end()))
    for m in _QUERY_BARE.finditer(q):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        number = m.group("bare")
        if not m.group("so") and (
            _YEAR_LIKE.fullmatch(number) or (_UNITS.match(q, m.end()) and not _date_at(q, m.end()))
        ):
            continue
        kind = _type_of_word(m.group("tw")) or _ABBR_TYPES.get(
            _canon_token(m.group("ab") or "").upper()
        )
        found.append((m.start(), RefQuery(kind, number, False)))
    found.sort(key=lambda x: x[0])
    return list(dict.fromkeys(r for _, r in found))


def _fold_number(number: str) -> str:
    """Comparison form: canonical, Đ as D, upper case, leading zeros of the number dropped."""
    n = canonical_number(number).upper().replace("Đ", "D")
    lead = _LEADING.match(n)
    if lead:
        n = (lead.group(0).lstrip("0") or "0") + n[lead.end() :]
    return n


def _leading(number: str) -> str | None:
    m = _LEADING.match(number.strip())
    return (m.group(0).lstrip("0") or "0") if m else None


def ref_matches(q: RefQuery, inst: Instrument) -> bool:
    """Does the instrument answer to what the question named?

    A full number must equal the instrument's (case, spacing and Đ/D aside). A bare number
    must be the instrument's leading number as a whole token ("52" is 52-NQ/TW, never
    520/QĐ-TTg), and the types must agree when both are known. A text that only says
    "Nghị quyết số 10" is compared the bare way even when the question gives 10-NQ/TU.
    """
    if not q.number or not inst.number:
        return False
    if q.full and _is_full(inst.number):
        return _fold_number(q.number) == _fold_number(inst.number)
    lead_q, lead_i = _leading(q.number), _leading(inst.number)
    if lead_q is None or lead_q != lead_i:
        return False
    return not (q.type and inst.type and q.type != inst.type)


# --- instruments named by title (for the registry) -----------------------------------------
_NAMED_TYPES = r"Nghị\s+quyết|Kế\s+hoạch|Chương\s+trình|Quyết\s+định|Đề\s+án|Chiến\s+lược|Chỉ\s+thị"
_NAMED_RE = re.compile(
    rf"(?<![\w/])(?:(?P<cap>{_NAMED_TYPES})|(?P<low>(?i:{_NAMED_TYPES})))(?=\s+\w)(?!\s+(?i:số)\s*:?\s*[0-9])"
)
# What may stand right before a title: a verb of drafting, issuing or carrying out, or a list
# separator after another reference ("...749/QĐ-TTg; Chương trình ứng dụng ...").
_TITLE_CONTEXT = re.compile(
    r"(?i:xây\s+dựng|ban\s+hành|triển\s+khai|phê\s+duyệt|thực\s+hiện|hoàn\s+thành|trình|"
    r"tại|theo|quán\s+triệt)"
    r"(?:\s+(?:và|,)\s+(?i:xây\s+dựng|ban\s+hành|triển\s+khai|phê\s+duyệt|thực\s+hiện))?\s+\Z"
)
_ISSUED_CONTEXT = re.compile(rf"\s{_VERB}")
_NAME_FIRST_STOP = re.compile(
    r"(?i:này|đó|trên|nói\s+trên|của|về|được|đã|là|và|có|sẽ|nêu|hành\s+động\s+số|các|những)(?!\w)"
)
_NAME_STOP = re.compile(
    r"\s*[,;:!?()\n]|\.(?=\s|$)"
    r"|\s+(?i:theo|nhằm|để|với|do|được|đã|sẽ|là|trên\s+cơ\s+sở|căn\s+cứ|ngày|đến\s+nay)(?!\w)"
    r"|\s+và\s+(?i:triển\s+khai|thực\s+hiện|phối\s+hợp|xây\s+dựng|tổ\s+chức|ban\s+hành|"
    r"báo\s+cáo|chỉ\s+đạo|các|những)(?!\w)"
)
_NAME_MAX_WORDS = 25
_OF_ISSUER = re.compile(r"\s+của\s+")
_ABOUT = re.compile(r"\s+về\s")


def _name_end(norm: str, pos: int, province: str | None) -> int | None:
    """End of a title that starts at `pos`: the first stop outside quotes, or None when the
    title runs on too long to be one."""
    quoted = False
    i = pos
    limit = min(len(norm), pos + 400)
    while i < limit:
        ch = norm[i]
        if ch in '“”"':
            quoted = ch == "“" or (ch == '"' and not quoted)
            i += 1
            continue
        if not quoted:
            stop = _NAME_STOP.match(norm, i)
            if stop:
                return i
            of = _OF_ISSUER.match(norm, i)
            if of and _issuer_at(norm, of.end(), province):
                return i
        i += 1
    return len(norm) if limit == len(norm) else None


def find_named(text: str, province: str | None = None) -> list[Mention]:
    """Unnumbered instruments written as a title: "xây dựng Kế hoạch số hóa kết quả giải quyết
    thủ tục hành chính ...", "vừa ban hành kế hoạch tổ chức phong trào thi đua “...”",
    "Nghị quyết của Tỉnh ủy về chuyển đổi số ...".

    Kept out of `find_mentions` on purpose: a title is recognised from its context (a verb of
    drafting or issuing before it, a capital letter mid-sentence), less surely than a number.
    The registry reads both and merges a title into the numbered instrument it names when
    one document makes that clear. Spans that `find_mentions` covers are left to it.
    """
    if not text:
        return []
    norm = modern_tones(text)
    prov = _province_name(province)
    taken = [(m.start, m.end) for m in find_mentions(text, province)]
    out: list[Mention] = []
    for m in _NAMED_RE.finditer(norm):
        if any(s <= m.start() < e for s, e in taken):
            continue
        kind = _type_of_word(m.group(0))
        if kind is None:
            continue
        line_start = max(norm.rfind("\n", 0, m.start()), norm.rfind(". ", 0, m.start())) + 1
        before = norm[max(line_start, m.start() - 80) : m.start()]
        draft = _Draft(m.start(), m.end(), kind)
        of = _OF_ISSUER.match(norm, m.end())
        if m.group("cap") and of:
            # "Kế hoạch của UBND tỉnh về thực hiện ...": the issuer, then the subject.
            found = _issuer_at(norm, of.end(), prov)
            about = _ABOUT.match(norm, found[1]) if found else None
            if not found or not about:
                continue
            named = _unnumbered_subject(norm, about.start() + 1)
            if named is None:
                continue
            draft.issuer, draft.name, draft.end = found[0], named[0], named[1]
        else:
            if m.group("low") and not _ISSUED_CONTEXT.search(before + " "):
                continue
            if m.group("cap") and not before.strip():
                continue  # sentence-initial capital says nothing
            if not (_TITLE_CONTEXT.search(before) or _after_reference(before, norm, m, taken)):
                continue
            start = m.end() + 1
            if _NAME_FIRST_STOP.match(norm, start):
                continue
            end = _name_end(norm, start, prov)
            if end is None:
                continue
            name = " ".join(norm[start:end].split()).strip(" ,")
            if not 2 <= len(name.split()) <= _NAME_MAX_WORDS:
                continue
            draft.name, draft.end = name, end
        _attach_after(norm, draft, prov)
        if draft.issuer is None:
            _attach_before(norm, draft, 0, prov)
        inst = Instrument(kind, None, draft.date, draft.issuer, draft.name)
        out.append(Mention(draft.start, draft.end, inst))
    return out


def _after_reference(
    before: str, norm: str, m: re.Match[str], taken: list[tuple[int, int]]
) -> bool:
    """A title right after "; " that follows another reference: an item of the same list."""
    stripped = before.rstrip()
    if not stripped.endswith((";", ",")):
        return False
    sep = m.start() - (len(before) - len(stripped)) - 1
    return any(e <= sep and sep - e <= 60 for _, e in taken)


def _unnumbered_subject(norm: str, pos: int) -> tuple[str, int] | None:
    """The "về <subject>" at `pos`, cut as for unnumbered mentions."""
    window = norm[pos : pos + 300]
    stop = _SUBJECT_END.search(window)
    cut = stop.start() if stop else len(window)
    subject = " ".join(window[:cut].split()).rstrip(" ,")
    if not 3 <= len(subject.split()) <= _SUBJECT_MAX_WORDS + 1:
        return None
    return subject, pos + cut


def find_issuers(text: str, province: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of each issuing body named in the text: "Ban Thường vụ
    Huyện ủy Triệu Phong", "UBND tỉnh Quảng Trị", "Bộ Chính trị". Used where a sentence makes
    a body, not an instrument, the actor ("mục tiêu của Ban Thường vụ Huyện ủy ... nhằm cụ
    thể hóa Nghị quyết ...")."""
    if not text:
        return []
    norm = modern_tones(text)
    prov = _province_name(province)
    out: list[tuple[int, int, str]] = []
    pos = 0
    while True:
        m = _ISSUER_HEAD.search(norm, pos)
        if m is None:
            break
        if m.start() > 0 and norm[m.start() - 1].isalnum():
            pos = m.start() + 1
            continue
        found = _issuer_at(norm, m.start(), prov)
        if found is None:
            pos = m.end()
            continue
        out.append((m.start(), found[1], found[0]))
        pos = found[1]
    return out
