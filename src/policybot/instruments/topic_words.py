"""Whether a question's words name what an instrument's trích yếu says.

A question may name an instrument by what it is about ("quy chế thư điện tử công vụ mới
của Ninh Bình"), or ask who decided a matter that an instrument's trích yếu names ("Việc
thành lập phường Chiềng Cơi … do cơ quan nào quyết định?"). Both compare the question's
words with the trích yếu's, as lowered, modern-toned words.
"""

from __future__ import annotations

import re

from policybot.instruments.own_cues import DECIDED_ASKED
from policybot.instruments.registry_records import Entry
from policybot.text.acronyms import with_common
from policybot.text.everyday import written_words
from policybot.text.places import modern_tones

_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_STOP = frozenset(
    [
        "về",
        "việc",
        "của",
        "các",
        "và",
        "trên",
        "địa",
        "bàn",
        "số",
        "năm",
        "ngày",
        "quy",
        "định",
        "ban",
        "hành",
        "này",
        "một",
    ]
)


def lowered_text(text: str) -> str:
    return " ".join(modern_tones(text).casefold().split())


# Of the trích yếu's words, the share a question that retrieval led to the document must
# hold: enough to be about it, not the most of it a question naming it by topic holds.
TOPIC_SHARE = 0.3


_MONTH = re.compile(r"(?<!\w)tháng\s+0?(\d{1,2})\s*(?:năm|/)\s*((?:19|20)\d{2})(?!\d)")


def _months(text: str) -> set[tuple[int, str]]:
    return {(int(m), y) for m, y in _MONTH.findall(text)}


# "nghị quyết mới (thay cho nghị quyết năm 2024)": the year of the instrument another one
# replaces or amends, not of the one asked
_OTHERS_YEAR = re.compile(
    r"(?<!\w)(?:thay cho|thay thế|thế cho|sửa đổi|bãi bỏ|hủy bỏ)\s+(?:\w+\s+){0,3}?"
    r"(?:nghị quyết|quyết định|nghị định|thông tư|chỉ thị|kế hoạch|luật|quy định|văn bản)"
    r"[^,;?()]{0,60}?\s+năm\s+((?:19|20)\d\d)(?!\d)"
)


def topic_share(e: Entry, low: str) -> float | None:
    """The share of the entry's trích yếu words the question holds; None when the question
    gives a year of issue that is not the entry's (a year that is no part of the trích yếu:
    "Nghị định về ... năm 2019"; another year is another text)."""
    if not e.subject:
        return None
    years = set(_YEAR.findall(low)) - set(_OTHERS_YEAR.findall(low))
    issued_in = years - set(_YEAR.findall(e.subject))
    if issued_in and e.year is not None and str(e.year) not in issued_in:
        return None
    # a month the trích yếu speaks of ("phiên họp … tháng 12 năm 2009") and another the
    # question gives the same thing ("… tháng 01 năm 2010"): another text
    said, asked = _months(lowered_text(e.subject)), _months(low)
    if said and asked and not said & asked:
        return None
    # one-letter tokens are OCR fragments of a scan's words ("Chiền g"), not topic
    # "CNTT" in one and "công nghệ thông tin" in the other are the same words
    # "dẹp bỏ" and "bãi bỏ", "tin học" and "công nghệ thông tin": everyday words written one way
    subject = lowered_text(with_common(written_words(e.subject)))
    words = {w for w in _WORD.findall(subject) if len(w) > 1} - _STOP
    if len(words) < 2:
        return None
    asked = set(_WORD.findall(lowered_text(with_common(written_words(low)))))
    return len(words & (asked - _STOP)) / len(words)


MATTER_SHARE = 0.7  # of the matter's words, those its trích yếu holds
# instruments that decide a matter themselves (found, dissolve, approve, appoint); a decree,
# law or circular sets rules, and who decides each case under them is in its body
_DECIDING_TYPES = frozenset({"quyết định", "nghị quyết"})


def matter_decided(e: Entry, low: str) -> bool:
    """ "<matter> do cơ quan nào quyết định?", asked of a decision or resolution whose trích
    yếu names that matter: its act first ("Việc thành lập phường Chiềng Cơi …": "thành
    lập", not "giải thể"), most of its words, and the year the question gives, if any; not
    a matter inside the instrument ("Vướng mắc vượt thẩm quyền trong kế hoạch …")."""
    m = DECIDED_ASKED.search(low)
    if m is None or not e.subject or e.type.casefold() not in _DECIDING_TYPES:
        return False
    years = set(_YEAR.findall(low))
    if years and str(e.year) not in years:
        return False
    matter = [
        w
        for w in _WORD.findall(lowered_text(with_common(low[: m.start()])))
        if len(w) > 1 and w not in _STOP and w not in years
    ]
    said = set(_WORD.findall(lowered_text(with_common(e.subject))))
    if not matter or matter[0] not in said:
        return False
    return len(set(matter) & said) / len(set(matter)) >= MATTER_SHARE
