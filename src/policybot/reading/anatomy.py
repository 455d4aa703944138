"""Pure: the anatomy of an official document as Nghị định 30/2020/NĐ-CP (Phụ lục I) lays it
out, read from the clean text a loader returns.

    CƠ QUAN CHỦ QUẢN            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    CƠ QUAN BAN HÀNH            Độc lập - Tự do - Hạnh phúc
    Số: 54/2025/TT-BCT          Hà Nội, ngày 21 tháng 11 năm 2025
                  THÔNG TƯ
        Sửa đổi, bổ sung ... (trích yếu)
    Căn cứ ...;  body (Chương / Mục / Điều / khoản / điểm) ...
    Nơi nhận: ...                KT. BỘ TRƯỞNG / THỨ TRƯỞNG / (chữ ký, dấu) / Họ và tên

Loaders flatten this in different ways (one line per cell, a whole header row on one line
with "|" between cells, "Số:" and the number on two lines), so the header is read from the
first lines as a window of text rather than as a grid. Nothing here is tuned to one
document: every rule is a part of the prescribed layout.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from policybot.reading.effective import effective_of
from policybot.reading.headline import (
    Headline,
    adoption_date,
    heading_sentence,
    precedent,
    property_list,
)
from policybot.reading.signature import signature_block
from policybot.reading.trich_yeu import RULE, trich_yeu
from policybot.text.casing import name_case, sentence_case
from policybot.text.dates import DATE_RE, iso_of, year_of_partly_read
from policybot.text.issuers import party_organ
from policybot.text.symbols import INSTRUMENT_TYPES, canonical_number

# Document types whose name stands alone, in capitals, above the trích yếu: every instrument
# type, and the papers around instruments that carry the same layout.
TYPES = (*INSTRUMENT_TYPES, "Báo cáo", "Tờ trình", "Văn bản hợp nhất")
_TYPE_BY_UPPER = {t.upper(): t for t in TYPES}


def _bare(text: str) -> str:
    """Capitals without their marks, one space apart ("CHÍ THỊ" -> "CHI THI")."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


# A type line as OCR may read it off a scan, a mark wrong or lost ("CHÍ THỊ", "QUYÉT ĐỊNH"):
# no two type names are the same letters.
_TYPE_BY_BARE = {_bare(t.upper()): t for t in TYPES}
_TYPE_LINE = re.compile(
    r"^\s*(?P<t>" + "|".join(sorted((t.upper() for t in TYPES), key=len, reverse=True)) + r")"
    r"\s*:?\s*$"
)
_MOTTO = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
)
_MOTTO_LINE2 = re.compile(r"Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc", re.IGNORECASE)
# "Số: 6⁄7 /QĐ-CTN": a number line, however OCR garbled its digits; not "Số lượng: 3"
_NUMBER_LINE = re.compile(r"(?m)^[ \t|]*(?i:số)\s*[:.]?\s*\S*\d")
# "Số: 54/2025/TT-BCT", "Số 383-QĐ/TW", "Luật số: 116/2025/QH15", "Số:\n143/2025/QĐ-UBND",
# "Số: 44 /2025/QĐ-TTg".
_NUMBER = re.compile(
    r"(?<!\w)(?i:số)(?:\s+(?i:và\s+)?(?i:ký\s+hiệu))?\s*:?\s*"
    r"(?P<n>[0-9]{1,6}(?:\s?[/-]\s?[0-9A-Za-zĐđ]+)*(?:\s?[/-]\s?[A-Za-zĐđ]+[0-9]*))"
)
_PLACE_DATE = re.compile(
    r"(?P<place>[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*){0,4})\s*,\s*" r"(?=(?i:ngày)\s)"
)
_PREAMBLE_LINE = re.compile(
    r"(?m)^[ \t|]*(?:Căn\s+cứ|Thực\s+hiện|Theo\s+đề\s+nghị|Xét\s|Kính\s+gửi|Điều\s+1\b)"
)
# what may stand before a document's own "Số:" on its line: a cell border, the type word
_LINE_START = re.compile(r"(?:^|\n)[ \t|]*(?:[A-ZĐ][\wÀ-ỹ]*(?:[ \t]+[\wÀ-ỹ]+)?[ \t]+)?\Z")
_TITLE_LINE = re.compile(
    r"^(?i:" + "|".join(sorted((t for t in TYPES), key=len, reverse=True)) + r")\s+(?!(?i:số)\b)\w"
)
_HEADER_WORDS = 10  # a header line holding a number: issuer, type word, "Số:", the number
_TOKEN = re.compile(r"\w+|[^\w\s]+")

# A normative document's number carries its year ("03/2010/TT-BCT").
_NUMBER_YEAR = re.compile(r"^\d+/((?:19|20)\d{2})/")
# The time a digital signature stamp gives ("Thời gian ký: 03.02.2021 09:57:41"): when the
# file was signed for the portal, not the document's date
_SIGNED_AT = re.compile(r"(?i:gian\s+k[ýíỷyi]|ngày\s+ký)\s*:?\s*\Z")
# … its line, and a portal's name ("CHINHPHU.VN"): no issuing body
_STAMP_LINE = re.compile(r"(?i:gian\s+k[ýíỷyi]|ký\s+bởi)|(?i:\w\.vn)(?!\w)")
# An official letter has no type line: "V/v ..." under its number is its trích yếu.
_V_V_LINE = re.compile(r"(?m)^[ \t|]*(?:V/v|V/V)\s*:?\s*(?P<s>[^|\n]+)")
_ADDRESSED = re.compile(r"(?m)^[ \t|]*Kính\s+gửi")
# Laws are named by their trích yếu: "Luật An ninh mạng số 116/2025/QH15".
_NAMED_BY_SUBJECT = ("Bộ luật", "Luật", "Pháp lệnh")
_AMENDING = re.compile(r"(?i:sửa\s+đổi|bổ\s+sung|bãi\s+bỏ)")


@dataclass(frozen=True)
class Anatomy:
    """What the layout says of a document; None where the text does not show it."""

    type: str | None = None  # "Thông tư"
    number: str | None = None  # "54/2025/TT-BCT"
    date: str | None = None  # ISO, the date under the motto
    year: str | None = None  # the year under the motto when its day cannot be read
    place: str | None = None  # "Hà Nội"
    issuer: str | None = None  # "Bộ Công Thương"
    subject: str | None = None  # the trích yếu: "Sửa đổi, bổ sung một số điều của ..."
    signer: str | None = None  # "Nguyễn Hoàng Long"
    signer_title: str | None = None  # "KT. Bộ trưởng, Thứ trưởng"
    effective: str | None = None  # ISO, or "ngày ký" when it takes effect when signed
    expired: str | None = None  # ISO: when it ceased to be in force, as a record says
    status: str | None = None  # a record's validity status ("Hết hiệu lực toàn bộ")
    body_start: int = 0  # where căn cứ / the body begin
    tail: tuple[int, int] | None = None  # nơi nhận and the signature block: no answer

    def title(self) -> str | None:
        """'Thông tư 54/2025/TT-BCT sửa đổi, bổ sung ...': type, number, trích yếu."""
        if not self.type or not (self.number or self.subject):
            return None
        if self.type in _NAMED_BY_SUBJECT and self.subject:
            own = self.subject  # "An ninh mạng"; an amending law: "sửa đổi, bổ sung ..."
            first = own[0].lower() if _AMENDING.match(own) else own[0].upper()
            name = f"{self.type} {first}{own[1:]}"
            return f"{name} số {self.number}" if self.number else name
        parts = [self.type]
        if self.number:
            parts.append(self.number)
        if self.subject:
            subject = self.subject
            if not subject.startswith(tuple(t for t in TYPES)):
                subject = subject[0].lower() + subject[1:]
            parts.append(subject)
        title = " ".join(parts)
        return title if len(title) <= 240 else title[:240].rsplit(" ", 1)[0] + " …"

    def year_of_issue(self) -> str | None:
        """The year of issue: the date's, the year a date line read in part shows, or the
        year the number carries ("03/2010/TT-BCT")."""
        if self.date:
            return self.date[:4]
        written = _NUMBER_YEAR.match(self.number or "")
        return self.year or (written.group(1) if written else None)

    def metadata(self) -> dict[str, str]:
        """The string metadata a Document carries; empty fields left out."""
        fields = {
            "instrument_type": self.type,
            "number": self.number,
            "date": self.date,
            "issued_year": None if self.date else self.year_of_issue(),
            "place": self.place,
            "issuer": self.issuer,
            "subject": self.subject,
            "signer": self.signer,
            "signer_title": self.signer_title,
            "effective": self.effective,
            "expired": self.expired,
            "status": self.status,
        }
        return {k: v for k, v in fields.items() if v}


def _head_window(text: str, limit: int = 4000) -> tuple[int, int]:
    """(start, end) of the header: from the issuer lines above the motto (or the text's
    start) on; web pages put a breadcrumb first, so the motto anchors it when there."""
    motto = _MOTTO.search(text, 0, limit)
    if not motto:
        return 0, min(len(text), limit)
    start = text.rfind("\n", 0, motto.start()) + 1
    while start > 0:
        prev = text.rfind("\n", 0, start - 1) + 1
        line = text[prev : start - 1].strip(" |\t")
        # "Số: 168/2024/NĐ-CP", "QUỐC HỘI Luật số: 116/2025/QH15": the left header cell
        # before the motto; a sentence that cites a number is longer
        own_number = _NUMBER.search(line) is not None and len(line.split()) <= _HEADER_WORDS
        if _TITLE_LINE.match(line):
            break  # a web page's title above the header ("LUẬT AN NINH MẠNG SỐ …")
        if line and not own_number and (line.upper() != line or line.startswith("- ")):
            break
        start = prev
    return start, min(len(text), start + limit)


def _type_at(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """(type, line start, line end) of the first line that is a type name alone."""
    pos = start
    for line in text[start:end].split("\n"):
        m = _TYPE_LINE.match(line)
        if m:
            return _TYPE_BY_UPPER[" ".join(m.group("t").split())], pos, pos + len(line)
        bare = line.strip().rstrip(":").strip()
        if bare.isupper() and _bare(bare) in _TYPE_BY_BARE:
            return _TYPE_BY_BARE[_bare(bare)], pos, pos + len(line)
        pos += len(line) + 1
    return None


def _upper_lines(segment: str) -> list[str]:
    """The capitalised openings of a header segment's lines (cells), in order."""
    lines = []
    for raw in re.split(r"[|\n]|" + RULE.pattern, segment):
        if _STAMP_LINE.search(raw):
            continue  # a digital signature stamp ("CHINHPHU.VN Thời gian ký: …"): no body
        words = []
        for word in raw.split():
            if word.upper() != word:
                break
            words.append(word)
        if words and any(c.isalpha() for c in "".join(words)):
            lines.append(" ".join(words))
    return lines


def _issuer(header: str, body: str) -> str | None:
    """The issuing body: the lines above the number, left of the motto. A parent body on the
    first line ("BỘ TÀI CHÍNH / CỤC THUẾ") gives way to the second; "ỦY BAN NHÂN DÂN /
    TỈNH ĐỒNG THÁP" is one name on two lines. A scan read right column first puts the
    motto above the issuer: then the lines between the motto and the number."""
    motto, number = _MOTTO.search(header), _NUMBER.search(header)
    cut = min((m.start() for m in (motto, number) if m), default=len(header))
    lines = _upper_lines(header[:cut])
    if not lines and motto:
        line2 = _MOTTO_LINE2.search(header, motto.end(), motto.end() + 80)
        after = (line2 or motto).end()
        # up to the number's line
        end = _NUMBER_LINE.search(header, after)
        if end:
            lines = [
                line
                for line in _upper_lines(header[after : end.start()])
                if not _TYPE_LINE.match(line)  # "ĐƠN ĐỀ NGHỊ", "QUYẾT ĐỊNH": no issuer
            ]
    if not lines:
        return None
    lines = lines[-3:]
    joined = lines[-1]
    two_lines = len(lines) >= 2 and (
        lines[-2].endswith((" VÀ", " VỤ", ","))
        or bool(
            re.match(r"(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|ĐẢNG|TÒA ÁN)\b", lines[-1])
        )
        or bool(re.fullmatch(r"(?:ỦY|UỶ) BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN", lines[-2]))
    )
    if two_lines:
        joined = f"{lines[-2]} {lines[-1]}"
    return name_case(joined.replace("UỶ", "ỦY"), body)


def read_anatomy(text: str) -> Anatomy:
    """The document's identity, signer and effective date, where its layout shows them."""
    start, end = _head_window(text)
    first = _PREAMBLE_LINE.search(text, start, end)
    # the type line stands above the grounds; "QUYẾT ĐỊNH:" after them opens the body
    found = _type_at(text, start, first.start() if first else end)
    kind, subject, body_start = None, None, 0
    head_end = end
    letter = _V_V_LINE.search(text, start, end)
    if found:
        kind, line_start, line_end = found
        head_end = line_start
        subject, body_start = trich_yeu(text, line_end)
    elif letter:  # an official letter: its trích yếu is the "V/v" line, its body follows
        kind = "Công văn"
        subject = sentence_case(" ".join(letter.group("s").split()).rstrip(" .;:"), text)
        addressed = _ADDRESSED.search(text, letter.end(), end)
        head_end = addressed.start() if addressed else min(end, letter.end() + 300)
        body_start = head_end
    if not found and not letter and first:  # no type line: the header ends at the grounds
        head_end = first.start()
    header = text[start:head_end]
    motto = _MOTTO.search(header)
    number = None
    num = _NUMBER.search(header)
    if num and (not motto or not found) and not _LINE_START.search(header[: num.start()]):
        num = None  # "số 749/QĐ-TTg" inside a sentence is a reference, not this document's
    if not found and not letter:
        other = (
            precedent(text)
            or heading_sentence(text, _TYPE_BY_UPPER)
            or property_list(text, _TYPE_BY_UPPER)
        )
        if other:
            return _from_headline(text, other)
    if not motto and not num:  # a type line alone, then a heading sentence ("LUẬT / ... SỐ")
        other = None if letter else heading_sentence(text, _TYPE_BY_UPPER)
        return _from_headline(text, other) if other else Anatomy()
    if num:
        number = canonical_number(re.sub(r"\s+", "", num.group("n")))
    date = place = None
    for m in DATE_RE.finditer(header):
        iso = iso_of(m)
        if iso and not _SIGNED_AT.search(header[max(0, m.start() - 30) : m.start()]):
            date = iso
            pm = _PLACE_DATE.search(header[max(0, m.start() - 60) : m.start() + 6])
            if pm:
                words = pm.group("place").split()
                ends = [i for i, w in enumerate(words[:-1]) if w.endswith(".")]
                words = words[ends[-1] + 1 :] if ends else words  # "... Nhà nước. Hà Nội"
                while len(words) > 1 and len(words[0]) > 1 and words[0].isupper():
                    words.pop(0)  # a symbol's tail before the place: "... BKHCN Hà Nội"
                place = " ".join(words)
            break
    issuer = _issuer(header, text)
    signer, position, tail = signature_block(text, body_start)
    body = text[body_start : tail[0] if tail else len(text)]
    if date is None:
        date = adoption_date(body)
    return Anatomy(
        type=kind,
        number=number,
        date=date,
        year=None if date else year_of_partly_read(header),
        place=place,
        issuer=party_organ(issuer, position),
        subject=subject if kind else None,
        signer=signer,
        signer_title=position,
        effective=effective_of(body),
        body_start=body_start,
        tail=tail,
    )


def _from_headline(text: str, h: Headline) -> Anatomy:
    """The anatomy of a document whose heading is not the two-column layout."""
    signer, position, tail = signature_block(text, h.body_start)
    body = text[h.body_start : tail[0] if tail else len(text)]
    return Anatomy(
        type=h.type,
        number=h.number,
        date=h.date or adoption_date(body),
        issuer=h.issuer,
        subject=h.subject,
        signer=h.signer or signer,
        signer_title=h.signer_title or position,
        # a precedent's body is a judgment quoting other instruments' validity
        effective=h.effective or (effective_of(body) if h.type != "Án lệ" else None),
        expired=h.expired,
        status=h.status,
        body_start=h.body_start,
        tail=tail,
    )
