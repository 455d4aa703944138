"""Pure: full dates as Vietnamese texts write them ("17/12/2020", "ngày 27 tháng 9 năm 2019").

Only complete, possible dates count: a date put into a cited answer must be one the text
states, so "32/13/2020" or a bare year is never read as a date.
"""

from __future__ import annotations

import datetime as _dt
import re

DATE = (
    r"(?<![0-9])(?<![0-9][/.-])(?:"
    r"(?P<d>[0-9]{1,2})(?P<sep>[/.-])(?P<m>[0-9]{1,2})(?P=sep)(?P<y>[0-9]{4})"
    r"|(?P<td>[0-9]{1,2})\s+(?i:tháng)\s+(?P<tm>[0-9]{1,2})\s*,?\s+(?i:năm)\s+(?P<ty>[0-9]{4})"
    r")(?![0-9])(?![/.-][0-9])"
)
DATE_WITH_DAY = rf"(?:(?<!\w)(?i:ngày)\s+)?{DATE}"
DATE_RE = re.compile(DATE_WITH_DAY)
# A date that ends the text it is searched in: the "Ngày 17/12/2020, " before an issuer.
DATE_BEFORE = re.compile(rf"{DATE_WITH_DAY}\s*,?\s*\Z")


# "ngày 7Ó tháng ã năm 2010", "ngày #@Ô thỏng 01 nãm 2010": a day written as a date, whatever
# OCR made of its figures and words; not a draft's blanks ("ngày .... tháng .... năm 2021")
_FIGURE = r"(?=\S*[^\W_])\S{1,6}"
DAY_WRITTEN = re.compile(
    rf"(?<!\w)ngày[^\S\n]+{_FIGURE}[^\S\n]+th\w{{1,3}}ng[^\S\n]+{_FIGURE}[^\S\n]+n\w{{1,2}}m"
    r"[^\S\n]+(?P<year>\S{4})",
    re.IGNORECASE,
)


def is_year(text: str) -> bool:
    """A year as documents of this era write one ("2010")."""
    return re.fullmatch(r"(?:19|20)\d\d", text) is not None


def _garbled(text: str, written: re.Match[str]) -> bool:
    """The day written at `written` is no date that can be read."""
    date = DATE_RE.match(text, written.start())
    return date is None or iso_of(date) is None


def unreadable_day_at(text: str, pos: int = 0) -> bool:
    """The text has, at `pos`, a day written as a date ("ngày … tháng … năm …") that cannot
    be read as one: a scan's figures OCR garbled."""
    written = DAY_WRITTEN.match(text, pos)
    return written is not None and _garbled(text, written)


def year_of_partly_read(text: str) -> str | None:
    """The year of the first day written as a date whose day or month cannot be read, when
    its year can ("Hà Nội, ngày #@Ô tháng 01 năm 2010" -> "2010")."""
    for m in DAY_WRITTEN.finditer(text):
        if _garbled(text, m) and is_year(m["year"]):
            return m["year"]
    return None


def iso_of(m: re.Match[str]) -> str | None:
    """ISO form of a match of `DATE`, or None for an impossible day or a far-off year."""
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
    for m in DATE_RE.finditer(text):
        iso = iso_of(m)
        if iso:
            out.append((m.start(), m.end(), iso))
    return out


def parse_date(text: str) -> str | None:
    """The first date in the text, ISO, or None."""
    found = find_dates(text)
    return found[0][2] if found else None
