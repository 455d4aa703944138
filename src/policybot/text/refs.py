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

import re
from dataclasses import dataclass, replace

from policybot.text.dates import DATE, DATE_BEFORE, DATE_RE, iso_of
from policybot.text.issuers import issuer_at, province_name
from policybot.text.places import UPPER_CLASS, modern_tones
from policybot.text.symbols import (
    ABBR_TYPES,
    INSTRUMENT_TYPES,
    NOT_INSTRUMENTS,
    canon_token,
    canonical_number,
    instrument_key,
    is_full,
    issuer_of_symbol,
    symbol_tokens,
    type_of_symbol,
    type_of_word,
)
from policybot.text.textpatterns import alternation
from policybot.types import Instrument


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
TYPES = rf"(?i:{alternation(INSTRUMENT_TYPES)})"
_TITLE_TYPES = alternation(INSTRUMENT_TYPES)  # case as written: "Luật", "Nghị quyết"
SO = r"(?i:số)"
ABBR_WORD = r"(?:NQ|QĐ|QD|NĐ|ND|KH|CT|TT|KL|HD|TB|CV|QĐi)"

# Symbols in any case; a lower-case one must still open with a type abbreviation (checked in
# code), so "52-nq/tw" counts and "10/ha" does not.
_SYM = r"[A-Za-zĐđ]+[0-9]*"
_SEP = r"(?:[ ]?/[ ]?|[–-])"
_NUMBER = (
    rf"[0-9]{{1,5}}(?:{_SEP}[0-9]{{1,4}})*{_SEP}{_SYM}(?:{_SEP}(?:{_SYM}|[0-9]{{1,4}}))*"
    r"(?![\w])"
)
BARE = r"[0-9]{1,5}(?![0-9])(?![/.,:–-]?[0-9A-Za-zĐđ])"

_MENTION_RE = re.compile(
    r"(?<![\w/.–-])(?:"
    # 1. a number with a symbol part, with whatever type word / abbreviation / "số" leads it
    rf"(?:(?P<tw>{TYPES})\s+)?(?:(?P<ab>{ABBR_WORD})\s+)?(?:(?P<so>{SO})\s*:?\s*)?"
    rf"(?P<num>{_NUMBER})"
    # 2. a type word and a bare number: "Nghị quyết số 10", "Nghị quyết 52"
    rf"|(?P<tw2>{TYPES})\s+(?:(?P<so2>{SO})\s*:?\s*)?(?P<bare>{BARE})"
    # 3. a capitalised type word and "về <subject>": checked further in code
    r"|(?P<tw3>Nghị\s+quyết|Kế\s+hoạch|Chương\s+trình|Quyết\s+định|Đề\s+án)\s+(?=về\s)"
    r")"
)

ISSUED_VERB = r"(?:(?:đã|vừa|mới|chính\s+thức)\s+)*(?i:ban\s+hành)\s+(?:(?:các|những)\s+)?\Z"
_ISSUED_BY_SUFFIX = re.compile(rf"\s+{ISSUED_VERB}")
_GENERIC_BEFORE = re.compile(
    rf"(?<!\w)(?i:ngày)\s+{DATE}\s*,\s*{UPPER_CLASS}[^,.;:\n]{{0,80}}?\s+{ISSUED_VERB}"
)
_LEAD_DATE = re.compile(r"\s*,?\s*(?:(?:được\s+)?(?i:ban\s+hành)\s+)?")
_LEAD_ISSUER = re.compile(r"\s*,?\s*(?:(?:được|đã)\s+)?(?:của|do)\s+")
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n")
_WORD_START = re.compile(r"(?<!\w)\w")

UNITS = re.compile(
    r"\s*(?:năm|tháng|tuần|giờ|phút|lần|người|%|triệu|tỷ|tỉ|nghìn|ngàn|trăm|"
    r"chục|km|ha|tấn|đồng|USD|điểm|nhóm|mục|bước|điều|khoản|trang|xã|huyện|tỉnh|đơn\s+vị|"
    r"cơ\s+quan|doanh\s+nghiệp|nội\s+dung|nhiệm\s+vụ|giải\s+pháp|chỉ\s+tiêu|lĩnh\s+vực|dự\s+án)"
    r"(?!\w)",
    re.IGNORECASE,
)
YEAR_LIKE = re.compile(r"(?:19|20)[0-9]{2}")

_SUBJECT_END = re.compile(
    r"\s+(?:của|là|đã)\s|[;!?\n()“”\"…]|\.(?=\s|$)"
    r"|,?\s+(?:(?i:ngày)\s+)?[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}"
)
_SUBJECT_MAX_WORDS = 20
_TITLE_TYPE_RE = re.compile(rf"(?<!\w)(?:{_TITLE_TYPES})(?!\w)")
_NAMED_REST = re.compile(rf"\s+(?P<nm>{UPPER_CLASS}[^,;.:()\n“”\"]{{0,80}}?)\s+")


_LEADING = re.compile(r"[0-9]+")
_YEAR_PART = re.compile(r"/((?:19|20)[0-9]{2})(?:/|$)")
_AGENCY = re.compile(r"[A-ZĐ]{2,}")
_SLASH_FIRST = re.compile(r"[0-9]+ ?/")


# --- mentions -------------------------------------------------------------------------------
@dataclass
class Draft:
    start: int
    end: int
    type: str
    number: str | None = None
    name: str | None = None
    date: str | None = None
    issuer: str | None = None


def date_at(norm: str, pos: int) -> tuple[str | None, int] | None:
    """(iso, end) for a date written at `pos`; iso is None for an impossible one (32/13)."""
    lead = _LEAD_DATE.match(norm, pos)
    at = lead.end() if lead else pos
    m = DATE_RE.match(norm, at)
    return (iso_of(m), m.end()) if m else None


def attach_after(norm: str, draft: Draft, province: str | None) -> None:
    """Date and issuer written right after the reference, in either order."""
    for _ in range(2):
        if draft.date is None:
            hit = date_at(norm, draft.end)
            if hit:
                draft.date, draft.end = hit
                if draft.date:
                    continue
        if draft.issuer is None:
            lead = _LEAD_ISSUER.match(norm, draft.end)
            found = issuer_at(norm, lead.end(), province) if lead else None
            if found:
                draft.issuer, draft.end = found
                continue
        break


def attach_before(norm: str, draft: Draft, floor: int, province: str | None) -> None:
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
        found = issuer_at(norm, lo + w.start(), province)
        if found and found[1] == lo + verb.start():
            if draft.issuer is None:
                draft.issuer = found[0]
            draft.start = lo + w.start()
            date_lo = max(0, w.start() - 60)
            date = DATE_BEFORE.search(head, date_lo, w.start())
            iso = iso_of(date) if date else None
            if date and iso and draft.date is None:
                draft.date, draft.start = iso, lo + date.start()
            return
    generic = _GENERIC_BEFORE.search(prefix)
    if generic and draft.date is None:
        draft.date = iso_of(generic)
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
    kind = type_of_word(last.group(0))
    return (kind, " ".join(rest.group("nm").split()), last.start()) if kind else None


def _numbered(norm: str, m: re.Match[str], floor: int) -> Draft | None:
    number = canonical_number(m.group("num"))
    tokens = symbol_tokens(number)
    first = tokens[0].upper() if tokens else ""
    raw_first = symbol_tokens(m.group("num"))[0]
    if not (raw_first[:1].isupper() or first in ABBR_TYPES):
        return None
    word_type = type_of_word(m.group("tw")) or ABBR_TYPES.get(
        canon_token(m.group("ab") or "").upper()
    )
    kind = type_of_symbol(number) or word_type
    start, name = m.start(), None
    if kind is None and first in NOT_INSTRUMENTS:
        return None
    if kind is None and m.group("so"):
        named = _named_type(norm, m.start(), floor)
        if named:
            kind, name, start = named
    if kind is None and _AGENCY.fullmatch(raw_first) and _SLASH_FIRST.match(m["num"]):
        kind = "Công văn"  # "số 1234/UBND-KT": official letters carry no type abbreviation
    if kind is None:
        return None
    return Draft(start, m.end(), kind, number=number, name=name)


def _bare(norm: str, m: re.Match[str]) -> Draft | None:
    kind = type_of_word(m.group("tw2"))
    number = m.group("bare")
    if kind is None:
        return None
    if not m.group("so2") and (
        not m.group("tw2")[0].isupper()
        or YEAR_LIKE.fullmatch(number)
        or (UNITS.match(norm, m.end()) and not date_at(norm, m.end()))
    ):
        return None  # "kế hoạch 5 năm", "Kế hoạch 2025": not a number of an instrument
    return Draft(m.start(), m.end(), kind, number=number)


def _unnumbered(norm: str, m: re.Match[str]) -> Draft | None:
    kind = type_of_word(m.group("tw3"))
    if kind is None:
        return None
    if _SUBJECT_END.search(norm, m.end(), m.end() + 300) is None and m.end() + 300 < len(norm):
        return None  # no end to the subject within reach: not a title
    found = subject_at(norm, m.end())
    return Draft(m.start(), found[1], kind, name=found[0]) if found else None


def subject_at(norm: str, pos: int) -> tuple[str, int] | None:
    """(subject, end) of the "về <subject>" at `pos`: cut at the first stop, 2-20 words."""
    window = norm[pos : pos + 300]
    stop = _SUBJECT_END.search(window)
    cut = stop.start() if stop else len(window)
    subject = " ".join(window[:cut].split()).rstrip(" ,")
    if not 3 <= len(subject.split()) <= _SUBJECT_MAX_WORDS + 1:  # "về" + 2..20 words
        return None
    return subject, pos + cut


def _draft(norm: str, m: re.Match[str], floor: int) -> Draft | None:
    if m.group("num"):
        return _numbered(norm, m, floor)
    if m.group("bare"):
        return _bare(norm, m)
    return _unnumbered(norm, m)


def find_mentions(text: str, province: str | None = None) -> list[Mention]:
    """Every reference to an instrument in the text, in order, with date and issuer attached
    where the text states them for that instrument (or its symbol states the issuer)."""
    if not text:
        return []
    norm = modern_tones(text)
    prov = province_name(province)
    drafts: list[Draft] = []
    for m in _MENTION_RE.finditer(norm):
        # Mentions nest only shallowly (a subject naming another instrument), so the last
        # few drafts are enough to find where the previous reference ended.
        floor = max((d.end for d in drafts[-4:] if d.end <= m.start()), default=0)
        draft = _draft(norm, m, floor)
        if draft is None:
            continue
        attach_after(norm, draft, prov)
        if draft.date is None or draft.issuer is None:
            attach_before(norm, draft, floor, prov)
        if draft.issuer is None and draft.number:
            draft.issuer = issuer_of_symbol(draft.number)
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
    if q.full and is_full(inst.number):
        return _fold_number(q.number) == _fold_number(inst.number)
    lead_q, lead_i = _leading(q.number), _leading(inst.number)
    if lead_q is None or lead_q != lead_i:
        return False
    # "Quyết định 445/2013": the year, when the instrument's number states one too
    year_q, year_i = _YEAR_PART.search(q.number), _YEAR_PART.search(inst.number)
    if year_q and year_i and year_q.group(1) != year_i.group(1):
        return False
    return not (q.type and inst.type and _kin(q.type) != _kin(inst.type))


def _kin(kind: str) -> str:
    """A code is a law: "Luật 45/2019" names "Bộ luật số 45/2019/QH14" too."""
    return "Luật" if kind == "Bộ luật" else kind
