"""Pure: when an official document says it takes effect ("Thông tư này có hiệu lực thi hành
từ ngày …", "… kể từ ngày ký"), and whether the day it gives can be read at all."""

from __future__ import annotations

import re

from policybot.text.dates import DATE_RE, iso_of, unreadable_day_at

# Effective date: "có hiệu lực (thi hành) (kể) từ ngày ...", "... kể từ ngày ký (ban hành)".
EFFECTIVE = re.compile(
    r"(?i:có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+chính\s+thức)?\s*,?\s*(?:k[ểếe]\s+)?từ)"
    r"\s+(?P<rest>[^.;\n]{0,80})"
)
_SIGNING_DAY = re.compile(r"(?i:(?:k[ểếe]\s+)?từ\s+ngày\s+ký)")


_THIS = re.compile(
    r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Thông\s+tư(?:\s+liên\s+tịch)?"
    r"|Chỉ\s+thị|Kế\s+hoạch|Quy\s+định|Quy\s+chế|Văn\s+bản)\s+này\s+\Z"
)


def effective_of(text: str) -> str | None:
    """The date the text says the document takes effect: ISO, or "ngày ký". A sentence
    about the document itself ("Thông tư này có hiệu lực ...") comes before any other."""
    own = [
        m
        for m in EFFECTIVE.finditer(text)
        if _THIS.search(text[max(0, m.start() - 40) : m.start()])
    ]
    for m in own + list(EFFECTIVE.finditer(text)):
        before = text[max(0, m.start() - 40) : m.start()].casefold()
        if "chưa" in before[-10:] or "hết" in before[-6:]:
            continue
        rest = m.group("rest")
        if _SIGNING_DAY.match(rest.strip()) or rest.strip().casefold().startswith(
            ("ký", "ngày ký")
        ):
            return "ngày ký"
        date = DATE_RE.search(rest)
        if date:
            iso = iso_of(date)
            if iso:
                return iso
    return None


def unreadable_effective_day(sentence: str) -> bool:
    """The sentence says when the document takes effect only by a day written as a date that
    cannot be read as one (a scan's figures OCR garbled): it does not say when."""
    return effective_of(sentence) is None and any(
        unreadable_day_at(sentence, m.start("rest")) for m in EFFECTIVE.finditer(sentence)
    )
