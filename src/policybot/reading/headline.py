"""Pure: the identity of official documents whose header is not the two-column layout.

- A heading written as one sentence, as Công báo and older printed collections set it:
  "QUYẾT ĐỊNH / CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 63/QĐ-TTg NGÀY 13 THÁNG 01 NĂM 2010 / PHÊ
  DUYỆT ...", "LUẬT / SỬA ĐỔI ... / CỦA QUỐC HỘI KHÓA XII, KỲ HỌP THỨ 3, SỐ 16/2008/QH12 /
  NGÀY 03 THÁNG 06 NĂM 2008": type, trích yếu, "của" the issuer, số, ngày in one run of
  capitals.
- A precedent: "ÁN LỆ SỐ 43/2021/AL / Về ... / Được Hội đồng Thẩm phán ... thông qua ngày
  ... và được công bố theo Quyết định số ... ngày ...": the date is the publication's.
- An official database's record of a document (vbpl.vn "Thuộc tính"): label lines ("Số
  hiệu", "Loại văn bản", "Ngày ban hành", "Cơ quan ban hành", "Người ký") each followed by
  its value.
- The adoption sentence of a law ("Luật này đã được Quốc hội ... thông qua ngày ..."), the
  date of a document whose header gives none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from policybot.reading.trich_yeu import is_body_name
from policybot.text.casing import sentence_case
from policybot.text.dates import DATE_RE, iso_of
from policybot.text.symbols import canonical_number


@dataclass(frozen=True)
class Headline:
    type: str
    number: str | None
    date: str | None
    issuer: str | None
    subject: str | None
    body_start: int
    signer: str | None = None
    signer_title: str | None = None
    effective: str | None = None
    expired: str | None = None  # ISO: a database record's "Ngày hết hiệu lực"
    status: str | None = None  # … and its "Tình trạng hiệu lực" ("Hết hiệu lực toàn bộ")


_NUM = r"[0-9]{1,6}(?:\s?[/-]\s?[0-9A-Za-zĐđ]+)*(?:\s?[/-]\s?[A-Za-zĐđ]+[0-9]*)"
_SO = re.compile(r"(?<![\wÀ-ỹ])(?i:số)\s*:?\s*(?P<n>" + _NUM + r")")
# an older heading numbers its document alone: "SẮC LỆNH ... SỐ 65 NGÀY 23 THÁNG 11 NĂM 1945"
_SO_BARE = re.compile(r"(?<![\wÀ-ỹ])SỐ\s*:?\s*(?P<n>[0-9]{1,5})(?=\s*,?\s+NGÀY\s)")
# a single digit glued to the symbol at the end of a heading line is a footnote mark
# ("ÁN LỆ SỐ 43/2021/AL1"); sessions of the National Assembly have two ("QH12")
_FOOTNOTE = re.compile(r"(?<=/[A-ZĐ]{2})[0-9]$|(?<=/[A-ZĐ]{3})[0-9]$")
_ISSUER_END = re.compile(r"\s*(?:,|\s(?:KHÓA|KHOÁ|KỲ\s+HỌP|TẠI)\s).*$")
_ADOPTED = re.compile(
    r"(?i:được)\s+(?P<issuer>[^\n.;]{3,120}?)\s+(?i:thông\s+qua)\s+(?i:vào\s+)?"
    r"(?P<d1>(?i:ngày)\s+[^.;]{6,30}?)"
    r"(?:\s+(?i:và\s+được\s+công\s+bố\s+theo)\s+[^.;]{0,80}?(?P<d2>(?i:ngày)\s+[^.;]{6,30}?))?"
    r"(?:\s+(?i:của)\s+[^\n.]{0,80})?\s*\."
)
_LAW_ADOPTED = re.compile(
    r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết)\s+này\s+(?:đã\s+)?được\s+[^\n.]{0,160}?"
    r"thông\s+qua\s+(?P<d>ngày\s+[^\n.]{6,30})"
)


def _first_date(text: str) -> str | None:
    m = DATE_RE.search(text)
    return iso_of(m) if m else None


def _number(raw: str) -> str:
    return canonical_number(_FOOTNOTE.sub("", re.sub(r"\s+", "", raw)))


def _subject(words: str, body: str) -> str | None:
    subject = " ".join(words.split()).strip(" ,.;:-")
    if not subject:
        return None
    subject = re.sub(r"^(?:V/v|Về\s+việc)\s*:?\s*", "", subject, flags=re.I)
    cased = sentence_case(subject, body)
    if cased.casefold().startswith("về "):
        cased = "về " + cased[3:]
    return cased


def heading_sentence(text: str, types: dict[str, str]) -> Headline | None:
    """The identity a one-sentence heading gives: its first lines are a type name then
    capitals holding "SỐ <number>" (and "CỦA <issuer>", "NGÀY ...")."""
    lines = text[:2000].split("\n")
    pos = 0
    start_line = None
    for i, line in enumerate(lines[:4]):
        stripped = line.strip(" |\t")
        head = " ".join(stripped.split()[:3])
        kind = next(
            (types[t] for t in sorted(types, key=len, reverse=True) if head.startswith(t)), None
        )
        if kind and stripped.upper() == stripped:
            start_line = i
            break
        pos += len(line) + 1
    if start_line is None or kind is None:
        return None
    taken: list[str] = []
    cursor = pos
    for line in lines[start_line : start_line + 8]:
        stripped = line.strip(" |\t")
        letters = [c for c in _SO.sub("", stripped) if c.isalpha()]
        if not stripped and len(taken) == 1:  # a blank line under the type name
            cursor += len(line) + 1
            continue
        if taken and (not stripped or is_body_name(stripped)):
            break
        if letters and sum(c.isupper() for c in letters) < 0.9 * len(letters):
            break
        taken.append(stripped)
        cursor += len(line) + 1
    heading = " ".join(" ".join(taken).split())
    num = _SO.search(heading) or _SO_BARE.search(heading)
    if not num:
        return None
    type_end = len(kind)
    before = heading[type_end : num.start()]
    cua = before.rfind(" CỦA ")
    issuer = None
    if cua >= 0:
        issuer_caps = _ISSUER_END.sub("", before[cua + 5 :]).strip(" ,")
        issuer = sentence_case(issuer_caps, text) if issuer_caps else None
        before = before[:cua]
    after = heading[num.end() :]
    date = None
    dm = DATE_RE.search(after)
    if dm and dm.start() <= 3:
        date = iso_of(dm)
        after = after[dm.end() :]
    return Headline(
        type=kind,
        number=_number(num.group("n")),
        date=date,
        issuer=issuer,
        subject=_subject(f"{before} {after}", text),
        body_start=min(cursor, len(text)),
    )


def precedent(text: str) -> Headline | None:
    """An "Án lệ số N/YYYY/AL" heading, its trích yếu and the sentence of its adoption."""
    m = re.match(r"\s*(?i:án\s+lệ)\s+(?i:số)\s*:?\s*(?P<n>" + _NUM + r")", text)
    if not m:
        return None
    rest = text[m.end() : m.end() + 1500]
    adopted = _ADOPTED.search(rest)
    subject_end = adopted.start() if adopted else rest.find("\n", 1)
    subject = _subject(rest[: max(subject_end, 0)], text)
    date = issuer = None
    if adopted:
        date = _first_date(adopted.group("d2") or "") or _first_date(adopted.group("d1"))
        issuer = adopted.group("issuer").strip()
    return Headline(
        type="Án lệ",
        number=_number(m.group("n")),
        date=date,
        issuer=issuer,
        subject=subject,
        body_start=m.end() + (adopted.end() if adopted else max(subject_end, 0)),
    )


_LABELS = {
    "số hiệu": "number",
    "số ký hiệu": "number",
    "loại văn bản": "type",
    "ngày ban hành": "date",
    "cơ quan ban hành": "issuer",
    "người ký": "signer",
    "chức danh": "signer_title",
    "ngày có hiệu lực": "effective",
    "ngày hết hiệu lực": "expired",
    "tình trạng hiệu lực": "status",
    "trích yếu": "subject",
}


def property_list(text: str, types: dict[str, str]) -> Headline | None:
    """A database record's label lines, each followed by its value line; the type must be
    one of `types` and the record must give a number."""
    lines = [line.strip(" |\t") for line in text[:6000].split("\n")]
    lines = [line for line in lines if line]
    found: dict[str, str] = {}
    for label, value in pairwise(lines):
        key = _LABELS.get(label.rstrip(" :").casefold())
        if key and key not in found and value.casefold() not in _LABELS and value != "--":
            found[key] = value
    kind = types.get(found.get("type", "").upper())
    number = found.get("number")
    if not kind or not number or not re.match(_NUM, number):
        return None
    subject = found.get("subject")
    if not subject:  # "Quyết định số 77/2006/QĐ-TTg Ban hành Quy chế ..."
        title = re.compile(
            re.escape(kind) + r"\s+(?i:số)\s*" + re.escape(number) + r"\s+(?P<s>[^\n]{3,300})"
        ).search(text[:6000])
        subject = title.group("s").strip() if title else None
    if subject:
        subject = subject[0].lower() + subject[1:]
    effective = _first_date(found.get("effective", ""))
    return Headline(
        type=kind,
        number=canonical_number(number),
        date=_first_date(found.get("date", "")),
        issuer=found.get("issuer"),
        subject=subject,
        body_start=0,
        signer=found.get("signer"),
        signer_title=found.get("signer_title"),
        effective=effective,
        expired=_first_date(found.get("expired", "")),
        status=found.get("status"),
    )


def adoption_date(text: str) -> str | None:
    """The date "Luật này đã được Quốc hội ... thông qua ngày ..." states."""
    m = _LAW_ADOPTED.search(text)
    return _first_date(m.group("d")) if m else None
