"""Pure: when two namings are one instrument, and what level of government issued it.

A number with a symbol is the identity ("52-NQ/TW", however spelled). A bare number
("Nghị quyết số 10") joins the full number of the same type and leading number ("10-NQ/TU")
when one document, or one province, makes that the only candidate and the issuers do not
disagree. An unnumbered title joins a numbered instrument of the same type and issuer in the
same document when its words are that instrument's words, and joins another unnumbered one
of the same type, province and issuer family when one subject contains the other ("về chuyển
đổi số đến năm 2025" in "về chuyển đổi số tỉnh Quảng Trị đến năm 2025"). Anything less sure
stays apart: two entries for one instrument cost less than one entry mixing two.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from policybot.text.acronyms import in_full
from policybot.text.places import find_provinces, modern_tones
from policybot.text.symbols import instrument_key
from policybot.types import IMPLIED_TYPE, Instrument

_CENTRAL_SYMBOLS = re.compile(r"^(?:TW|CP|TTG|QH[0-9]*|UBTVQH[0-9]*|B[A-ZĐ]{1,7})$")
_CENTRAL_ISSUERS = re.compile(
    r"^(?:Bộ\s|Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương|Chính phủ|Thủ tướng|Quốc hội"
    r"|Ủy ban Thường vụ Quốc hội)"
)
_DISTRICT = re.compile(r"(?i:huyện|thị xã|quận|Huyện ủy|Thị ủy|Quận ủy)(?!\w)")
_PROVINCE_BODY = re.compile(r"(?:(?i:tỉnh|Tỉnh ủy|Thành ủy|thành phố)(?!\w)|^Sở\s)")
_WORD = re.compile(r"\w+(?:[-/]\w+)*")
GENERIC_PARTY = re.compile(r"^(?:Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy)(?:\s|$)")
_TERM = re.compile(r"\s+khóa\s+[IVXLC]+$")
_STOP_TOKENS = frozenset(["về", "việc", "của", "các", "và", "tỉnh", "huyện", "thành", "phố", "số"])


@dataclass(frozen=True)
class Naming:
    """One place an instrument is named, as much as identity needs to know."""

    key: str
    inst: Instrument
    doc_id: str
    sentence: str
    province: str | None  # the document's


def entry_key(inst: Instrument) -> str:
    if inst.type == IMPLIED_TYPE and inst.issuer:
        return f"{IMPLIED_TYPE} của {inst.issuer}: {fold(inst.name or '')}"
    return instrument_key(inst)


# --- merging --------------------------------------------------------------------------------
def fold(text: str) -> str:
    return " ".join(_WORD.findall(modern_tones(text).casefold()))


def _leading(number: str) -> str:
    m = re.match(r"[0-9]+", number)
    return (m.group(0).lstrip("0") or "0") if m else ""


def is_full(number: str | None) -> bool:
    return bool(number and re.search(r"[A-Za-zĐđ]", number))


def _issuer_parts(issuer: str) -> tuple[str, str | None]:
    """(body family, province) for comparing two names of one body."""
    name = _TERM.sub("", issuer)
    provinces = find_provinces(name)
    place = provinces[0] if provinces else None
    for prov in provinces:
        name = name.replace(prov, "")
    body = " ".join(name.split())
    body = re.sub(r"\s+(?:tỉnh|thành phố)$", "", body, flags=re.IGNORECASE)  # "Thành phố Hà Nội"
    return body, place


def same_body(a: str | None, b: str | None) -> bool:
    """Two names of one body: equal, or one the generic party name ("Tỉnh ủy X") of the
    other's party body ("Ban Chấp hành Đảng bộ tỉnh X"), places not disagreeing."""
    if not a or not b:
        return False
    if a == b:
        return True
    # "UBND tỉnh Lạng Sơn" is "Ủy ban nhân dân tỉnh Lạng Sơn"
    body_a, place_a = _issuer_parts(in_full(a))
    body_b, place_b = _issuer_parts(in_full(b))
    if place_a and place_b and place_a != place_b:
        return False
    if body_a.casefold() == body_b.casefold():
        return True
    party = ("Tỉnh ủy", "Thành ủy", "Ban Chấp hành Đảng bộ", "Ban Thường vụ Tỉnh ủy")
    generic_a = bool(GENERIC_PARTY.match(body_a))
    generic_b = bool(GENERIC_PARTY.match(body_b))
    in_party = any(body_a.startswith(p) for p in party) and any(body_b.startswith(p) for p in party)
    return in_party and (generic_a or generic_b)


def _tokens(text: str) -> set[str]:
    toks = set(fold(text).split())
    return {t for t in toks if t not in _STOP_TOKENS}


class _Groups:
    """Occurrences grouped by key, with what merging needs to know of each group."""

    def __init__(self, occs: Sequence[Naming]) -> None:
        self.by_key: dict[str, list[Naming]] = {}
        for o in occs:
            self.by_key.setdefault(o.key, []).append(o)

    def docs(self, key: str) -> set[str]:
        return {o.doc_id for o in self.by_key[key]}

    def issuers(self, key: str) -> set[str]:
        return {o.inst.issuer for o in self.by_key[key] if o.inst.issuer}

    def province(self, key: str) -> str | None:
        for issuer in self.issuers(key):
            found = find_provinces(issuer)
            if found:
                return found[0]
        provs = Counter(o.province for o in self.by_key[key] if o.province)
        return provs.most_common(1)[0][0] if provs else None

    def first(self, key: str) -> Instrument:
        return self.by_key[key][0].inst

    def words(self, key: str) -> set[str]:
        out: set[str] = set()
        for o in self.by_key[key]:
            out |= _tokens(o.sentence)
        return out

    def issuers_agree(self, a: str, b: str) -> bool:
        ia, ib = self.issuers(a), self.issuers(b)
        return not ia or not ib or any(same_body(x, y) for x in ia for y in ib)


def merge_keys(occs: Sequence[Naming]) -> dict[str, str]:
    """key -> the key it merges into (keys that stay map to themselves)."""
    g = _Groups(occs)
    alias = {k: k for k in g.by_key}
    full = [k for k in g.by_key if is_full(g.first(k).number)]
    # bare numbers into the full number of the same type and leading number
    for key in g.by_key:
        inst = g.first(key)
        if not inst.number or is_full(inst.number) or inst.type == IMPLIED_TYPE:
            continue
        cands = [
            k
            for k in full
            if g.first(k).type == inst.type
            and _leading(g.first(k).number or "") == _leading(inst.number)
            and g.issuers_agree(key, k)
        ]
        same_doc = [k for k in cands if g.docs(k) & g.docs(key)]
        prov = g.province(key)
        same_prov = [k for k in cands if prov and g.province(k) == prov]
        pick = same_doc if len(same_doc) == 1 else same_prov if len(same_prov) == 1 else []
        if pick:
            alias[key] = pick[0]
    numbered = [k for k in g.by_key if g.first(k).number and alias[k] == k]
    unnumbered = [k for k in g.by_key if not g.first(k).number and g.first(k).type != IMPLIED_TYPE]
    # titles into the numbered instrument of the same type and issuer in the same document
    for key in unnumbered:
        inst = g.first(key)
        if not g.issuers(key):
            continue
        name = _tokens(inst.name or "")
        cands = [
            k
            for k in numbered
            if g.first(k).type == inst.type
            and g.docs(k) & g.docs(key)
            and any(same_body(a, b) for a in g.issuers(key) for b in g.issuers(k))
        ]
        if len(cands) == 1 and name and len(name & g.words(cands[0])) >= 0.6 * len(name):
            alias[key] = cands[0]
    # unnumbered into unnumbered: one subject inside the other, same province and body
    rest = sorted(
        (k for k in unnumbered if alias[k] == k),
        key=lambda k: -len(_tokens(g.first(k).name or "")),
    )
    for i, key in enumerate(rest):
        inst = g.first(key)
        small = _tokens(inst.name or "") - _tokens(g.province(key) or "")
        if len(small) < 2:
            continue
        for big in rest[:i]:
            other = g.first(big)
            if alias[big] != big or other.type != inst.type:
                continue
            if g.province(big) != g.province(key):
                continue
            both = g.issuers(key) and g.issuers(big)
            if both and not g.issuers_agree(key, big):
                continue
            if not both and not (g.docs(big) & g.docs(key)):
                continue
            if small <= _tokens(other.name or ""):
                alias[key] = big
                break
    return {k: _root(alias, k) for k in alias}


def _root(alias: dict[str, str], key: str) -> str:
    seen = set()
    while alias[key] != key and key not in seen:
        seen.add(key)
        key = alias[key]
    return key


def level_of(number: str | None, issuer: str | None, name: str | None = None) -> str | None:
    """trung ương / tỉnh / huyện / xã, from the issuer or else the symbol ("TW", "CP",
    "TTg", a ministry -> trung ương; "TU" -> tỉnh; "HU" -> huyện)."""
    if issuer:
        if _CENTRAL_ISSUERS.match(issuer):
            return "trung ương"
        if _DISTRICT.search(issuer):
            return "huyện"
        if re.search(r"(?i:\bxã\b|phường|thị trấn)", issuer) and not _DISTRICT.search(issuer):
            return "xã"
        if _PROVINCE_BODY.search(issuer) or find_provinces(issuer):
            return "tỉnh"
        if re.search(r"Ban Chấp hành Đảng bộ|Tỉnh ủy|HĐND|UBND", issuer):
            return "tỉnh"
    if number:
        tokens = [t.upper() for t in re.split(r"[/-]", number) if t and not t.isdigit()]
        if tokens:
            last = tokens[-1]
            if _CENTRAL_SYMBOLS.match(last):
                return "trung ương"
            if last in ("TU", "TỈNH ỦY"):
                return "tỉnh"
            if last in ("HU", "QU", "THU"):
                return "huyện"
    if name:
        if re.search(r"(?<!\w)(?:tỉnh|thành phố)\s+\w", name) and find_provinces(name):
            return "tỉnh"
        if re.search(r"(?<!\w)(?:huyện|thị xã|quận)\s+[A-ZĐ]", name):
            return "huyện"
    return None
