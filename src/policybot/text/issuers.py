"""Pure: the bodies that issue instruments ("UBND tỉnh Quảng Trị", "Ban Thường vụ Huyện ủy
Triệu Phong", "Bộ Chính trị"), read in one canonical spelling.

Local bodies are named with their place; a province the caller knows (the document's) fills
a place the text leaves out ("UBND tỉnh" in a Quảng Trị plan is UBND tỉnh Quảng Trị).
"""

from __future__ import annotations

import re

from policybot.text.places import (
    CENTRAL_CITIES,
    UPPER_CLASS,
    canonical_province,
    modern_tones,
    province_at,
)
from policybot.text.textpatterns import LETTER, alternation

MINISTRIES = (
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
DEPARTMENTS = (*("Sở" + m[2:] for m in MINISTRIES), "Sở Ngoại vụ", "Sở Du lịch")
MINISTRY_CODES = {
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


# Issuers: the head is matched here, the place that follows is read in code.
_KIND = r"(?i:tỉnh|thành\s+phố|thị\s+xã|huyện|quận|xã|phường)|TP\.?|Tp\."
_ISSUER_HEAD = re.compile(
    r"(?:"
    rf"(?P<fixed>Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư(?:\s+Trung\s+ương(?:\s+Đảng)?)?"
    r"|Ban\s+Chấp\s+hành\s+Trung\s+ương(?:\s+Đảng)?|(?i:Ủy\s+ban\s+Thường\s+vụ\s+Quốc\s+hội)"
    rf"|UBTVQH|Thủ\s+tướng(?:\s+Chính\s+phủ)?|Chính\s+phủ|Quốc\s+hội"
    rf"|(?i:{alternation(MINISTRIES + DEPARTMENTS)}))"
    r"|(?P<body>UBND|(?i:Ủy\s+ban\s+nhân\s+dân)|HĐND|(?i:Hội\s+đồng\s+nhân\s+dân))"
    rf"(?:\s+(?P<kind>{_KIND}))?"
    r"|(?:(?P<pre>Ban\s+Thường\s+vụ|BTV|Thường\s+trực)\s+)?"
    r"(?P<party>(?i:Tỉnh\s+ủy|Thành\s+ủy|Huyện\s+ủy|Thị\s+ủy|Quận\s+ủy))"
    rf"|(?P<bch>Ban\s+Chấp\s+hành|BCH)\s+Đảng\s+bộ(?:\s+(?P<bkind>{_KIND}))?"
    r")(?!\w)"
)
_FIXED_CANON = {" ".join(p.casefold().split()): p for p in (*MINISTRIES, *DEPARTMENTS)}
_FIXED_CANON.update(
    {
        "ủy ban thường vụ quốc hội": "Ủy ban Thường vụ Quốc hội",
        "ubtvqh": "Ủy ban Thường vụ Quốc hội",
        "thủ tướng": "Thủ tướng Chính phủ",
    }
)
_PLACE_WORDS = re.compile(
    rf"\s+({UPPER_CLASS}{LETTER}*(?:[ \t]+{UPPER_CLASS}{LETTER}*){{0,3}}"
    r"|[0-9]{1,3}(?![0-9]))(?!\w)"
)
_TERM = re.compile(r"\s+(?i:khóa)\s+([IVXLC]+)(?!\w)")
_GAP = re.compile(r"[ \t]+")


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


def issuer_at(norm: str, pos: int, province: str | None) -> tuple[str, int] | None:
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


def province_name(province: str | None) -> str | None:
    """The canonical name of the caller's province, or None when none is given."""
    if not province or not province.strip():
        return None
    return canonical_province(province) or " ".join(province.split())


def find_issuers(text: str, province: str | None = None) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of each issuing body named in the text: "Ban Thường vụ
    Huyện ủy Triệu Phong", "UBND tỉnh Quảng Trị", "Bộ Chính trị". Used where a sentence makes
    a body, not an instrument, the actor ("mục tiêu của Ban Thường vụ Huyện ủy ... nhằm cụ
    thể hóa Nghị quyết ...")."""
    if not text:
        return []
    norm = modern_tones(text)
    prov = province_name(province)
    out: list[tuple[int, int, str]] = []
    pos = 0
    while True:
        m = _ISSUER_HEAD.search(norm, pos)
        if m is None:
            break
        if m.start() > 0 and norm[m.start() - 1].isalnum():
            pos = m.start() + 1
            continue
        found = issuer_at(norm, m.start(), prov)
        if found is None:
            pos = m.end()
            continue
        out.append((m.start(), found[1], found[0]))
        pos = found[1]
    return out


# A Party document's header names the committee ("BAN CHẤP HÀNH TRUNG ƯƠNG", "TỈNH ỦY
# QUẢNG TRỊ"); the organ that issues it signs on the committee's behalf ("T/M BỘ CHÍNH TRỊ",
# "T/M BAN BÍ THƯ", "T/M BAN THƯỜNG VỤ").
_PARTY_COMMITTEE = re.compile(
    r"^(?:Ban Chấp hành Trung ương|(?:Tỉnh|Thành|Huyện|Quận|Thị|Đảng)\s+(?:ủy|uỷ)\b)",
    re.IGNORECASE,
)
_ON_BEHALF = re.compile(r"^(?:T/M|TM)\.?\s*(?P<organ>[^,]+)", re.IGNORECASE)
_PARTY_ORGANS = ("Bộ Chính trị", "Ban Bí thư", "Ban Thường vụ", "Thường trực")
_CENTRAL_ORGANS = ("Bộ Chính trị", "Ban Bí thư")


def party_organ(issuer: str | None, signer_title: str | None) -> str | None:
    """The organ that issued a Party document: the one its signer signs for ("T/M Bộ Chính
    trị") when the header names the committee; a local committee's organ with its name
    ("Ban Thường vụ Tỉnh ủy Quảng Trị"). Any other document's issuer as it is."""
    if not issuer or not signer_title or not _PARTY_COMMITTEE.match(issuer):
        return issuer
    m = _ON_BEHALF.match(signer_title.strip())
    said = " ".join(m.group("organ").split()).casefold() if m else ""
    organ = next((o for o in _PARTY_ORGANS if said == o.casefold()), None)
    if organ is None:
        return issuer
    central = issuer.casefold().startswith("ban chấp hành trung ương")
    if organ in _CENTRAL_ORGANS:
        return organ if central else issuer
    return organ if central else f"{organ} {issuer}"
