"""Publication date: the date a saved web page shows in its timestamp line.

Kept apart from chrome removal because it reads the timestamp before chrome.py drops it, and
it must never mistake the date of a resolution named in a sentence for the page's date.
"""

from __future__ import annotations

import re
from datetime import date

from policybot.reading.chrome_lines import TIMESTAMP_LINE, line_key
from policybot.reading.clean import normalize

__all__ = ["extract_published"]

_TOP_LINES = 12


def _iso(day_month_year: str) -> str | None:
    parts = re.split(r"[/.-]", day_month_year)
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0])).isoformat()
    except (ValueError, IndexError):
        return None


def extract_published(text: str) -> str | None:
    """The publication date shown near the top of a saved page, as ISO "2020-12-28".

    Only timestamp lines count ("Ngày cập nhật: 28/12/2020 10:02:36 SA", "08/06/2023, 05:40"),
    never a date inside a sentence: "Nghị quyết số 52-NQ/TW, ngày 27/9/2019" is the date of
    a resolution, not of the article.
    """
    lines = [line for line in normalize(text).split("\n") if line.strip()][:_TOP_LINES]
    for line in lines:
        match = TIMESTAMP_LINE.fullmatch(line_key(line))
        if match:
            found = match.group("d1") or match.group("d2") or match.group("d3")
            iso = _iso(found) if found else None
            if iso:
                return iso
    return None
