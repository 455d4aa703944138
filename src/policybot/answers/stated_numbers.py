"""Pure: the numbers a sentence states, and whether one counts what a question counts.

"08 nhóm" answers "mấy nhóm", "100.000 đồng/năm" answers a yearly fee, "48 giờ" a length
of time; a date, a year, an instrument's number and the numbers the question itself gives
are none of them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policybot.answers.stated import ANY_YEAR, ITEM_SEP, blanked, mention_spans
from policybot.questions.question import QuestionSpec
from policybot.text.dates import find_dates
from policybot.text.measures import GLUED_UNIT, unit_spellings
from policybot.text.segment import syllables

# A number, with its percent sign; or glued to the abbreviation of a measure ("60m", "1,0m",
# "500kV", "16mm"), which the number counts, not a name ("Quốc lộ 1A", "lô 12M").
NUM = re.compile(
    r"(?<![\w/])(\d+(?:[.,]\d+)?)"
    rf"(?:\s*(%|phần trăm)(?![\w/])|(?={GLUED_UNIT})|(?![\w/]))"
)
# What a length of time is counted in: "48 giờ", "15 ngày làm việc", "03 tháng".
TIME_UNITS = frozenset({"giây", "phút", "giờ", "tiếng", "ngày", "tuần", "tháng", "quý", "năm"})
# What "bao nhiêu tiền" is counted in: "100.000 đồng", "2 triệu đồng", "5 tỷ", "1.000 USD".
MONEY_UNITS = frozenset({"đồng", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "usd", "đô"})
# A share written as a fraction: "2/3 nghĩa vụ", "1/2 số xã" (never "ngày 2/3", a date).
FRACTION = re.compile(r"(?<![\w/])(?<!ngày )([1-9])/([2-9]|10)(?![\w/])", re.IGNORECASE)
_SPELLED_OUT = re.compile(r"^\s*\([^)]{1,40}\)")  # "24 (hai mươi tư) giờ"
_TERM_NUMERAL = re.compile(r"(?<!\w)(?:khóa|khoá|nhiệm kỳ)\s+[IVXLC]+(?!\w)")


def number_of(text: str, spec: QuestionSpec) -> bool:
    """A number of what the question counts: a percentage when it asks for one, else a
    number followed within a few words by the unit it names ("08 nhóm", "100% ... xã")."""
    if spec.term:
        return bool(_TERM_NUMERAL.search(text))
    numbers = stated_numbers(text, spec)
    if not numbers:
        return False
    if spec.percent:
        shares = [n for n in numbers if n.rstrip().endswith(("%", "phần trăm"))]
        return any(_of_what_is_asked(text, n, spec.text) for n in shares)
    if spec.per is not None and not any(_per_unit(text, n, spec.per) for n in numbers):
        return False
    if spec.unit == "phí" and any(n.rstrip().endswith(("%", "phần trăm")) for n in numbers):
        return True  # a fee may be a share of a value
    units = TIME_UNITS if spec.duration else _units_of(spec.unit)
    if units is None:
        return True
    low = text.casefold()
    for n in numbers:
        at = low.find(n.casefold())
        rest = low[at + len(n) :] if at >= 0 else ""
        if spec.duration:  # the unit right after the number: "48 giờ", "24 (hai mươi tư) giờ"
            after = syllables(_SPELLED_OUT.sub(" ", rest, count=1))[:1]
        else:
            after = syllables(rest.replace("/", " "))[:6]  # "100.000 đồng/năm/cá nhân"
            # "30% của Thủ tướng": what follows "của" owns the number, it is not counted
            after = after[: after.index("của")] if "của" in after else after
        if units & set(after):
            return True
    return False


# "các trụ cột chính là A, B, C", "gồm 03 nhóm: …": the counted things named, then listed.
_LISTED_AFTER = r"[^.;:?]{0,40}?(?:\s(?:là|gồm|bao gồm)\s|:)\s*([^.?]+)"


def enumerates(text: str, spec: QuestionSpec) -> bool:
    """A count asked ("mấy trụ cột") answered by naming the things counted one by one
    ("với các trụ cột chính là địa phương số, kinh tế số, xã hội số"): the unit, counted
    ("các", "những", a number), then "là", "gồm" or ":", then at least two items."""
    unit = spec.unit
    if unit is None or spec.percent or spec.duration or unit in TIME_UNITS:
        return False
    if unit in MONEY_UNITS or unit in ("tiền", "kinh"):
        return False
    low = text.casefold()
    noun = re.escape(unit)
    # "mấy cột chính" said of "các trụ cột chính": the unit may end a two-word noun when the
    # word the question puts after it follows it too (not "mấy vụ vi phạm" of "các nhiệm vụ")
    after = re.search(rf"(?:bao nhiêu|mấy)\s+{noun}\s+(\w+)", spec.text.casefold())
    if after is not None:
        noun = rf"(?:\w+\s+)?{noun}(?=\s+{re.escape(after.group(1))}(?!\w))|{noun}"
    counted = rf"(?<!\w)(?:các|những|\d+)\s+(?:{noun})(?!\w)"
    for m in re.finditer(counted + _LISTED_AFTER, low):
        items = [i for i in ITEM_SEP.split(m.group(1)) if i.strip()]
        if len(items) >= 2:
            return True
    return False


# Words that say nothing of what a share is of
_FUNCTION_WORDS = frozenset(
    (
        *("của", "các", "những", "và", "đến", "tới", "trong", "trên", "có", "được", "là"),
        *("cho", "với", "từ", "theo", "tại", "ở", "bao", "nhiêu", "mấy", "phần", "trăm"),
        *("khoảng", "đạt", "dưới", "ít", "nhất", "tối", "thiểu", "đa", "năm"),
    )
)
_AFTER_SHARE = 12  # syllables after a share that say what it is of


def _of_what_is_asked(text: str, number: str, question: str) -> bool:
    """The words around a share name some word of the question: from its clause's start,
    and what follows it up to the clause's end ("≥ 60% DNNVV, HTX, HKD … ứng dụng công nghệ
    số"). "Internet băng thông rộng phủ 100% đến các xã" is no share of the digital
    economy asked."""
    at = text.find(number)
    if at < 0:
        return True
    start = max(text.rfind(c, 0, at) for c in ",;:") + 1
    ends = [i for i in (text.find(c, at + len(number)) for c in ";:.") if i >= 0]
    after = syllables(text[at + len(number) : min(ends, default=len(text))].casefold())
    said = set(syllables(text[start:at].casefold())) | set(after[:_AFTER_SHARE])
    said = {w for w in said - _FUNCTION_WORDS if any(c.isalpha() for c in w)}
    # a bare figure ("đ) Đến hết năm 2045: 100%") names nothing else: its list's line does
    return not said or bool(said & set(syllables(question.casefold())))


def _per_unit(text: str, number: str, per: str) -> bool:
    """The number can be an amount per `per` ("100.000 đồng/năm"): no share ("100% giá vé
    theo tháng"), no length of time ("trong 03 năm đầu") and no amount per another period
    ("50.000 đồng/tháng" for a year)."""
    if number.rstrip().endswith(("%", "phần trăm")):
        return False
    low = text.casefold()
    at = low.find(number.casefold())
    if at < 0:
        return True
    after = low[at + len(number) :]
    if syllables(after)[:1] and syllables(after)[0] in TIME_UNITS:
        return False
    rate = re.match(r"^[^,.;]{0,24}?(?:/\s*|(?<!\w)(?:mỗi|một|hằng|hàng|theo)\s+)(\w+)", after)
    return rate is None or rate.group(1) not in TIME_UNITS or rate.group(1) == per


def _units_of(unit: str | None) -> set[str] | frozenset[str] | None:
    """What a number must be followed by to count what the question counts."""
    if unit is None:
        return None
    if unit in ("tiền", "kinh", "phí"):
        return MONEY_UNITS
    return unit_spellings(unit)


# A number written with its one-letter unit ("5G", "4G", "3D", "4K"): a generation, a
# dimension, a resolution; not a name ("Quốc lộ 1A", "khu 3B").
_GLUED = re.compile(r"(?<![\w/])\d[GDK](?!\w)")
_ASKS_HOW_MANY = re.compile(r"(?<!\w)(?:bao nhiêu|mấy)(?!\w)", re.IGNORECASE)


def _plain(number: str) -> str:
    return "".join(number.split()).replace("phầntrăm", "%")


@lru_cache(maxsize=64)
def _given_numbers(question: str) -> frozenset[str]:
    """The numbers a question asking "bao nhiêu / mấy" states as its premise ("vượt quá 0,4
    miligam …"); a question that only names a figure ("mục tiêu 30% GRDP là văn bản nào")
    gives none, and "30" of "Đề án 30" is not "30%"."""
    if not _ASKS_HOW_MANY.search(question):
        return frozenset()
    given = {m.group(0) for m in FRACTION.finditer(question)}
    return frozenset(given | {_plain(m.group(0)) for m in NUM.finditer(question)})


def stated_numbers(text: str, spec: QuestionSpec) -> list[str]:
    """Numbers stated in a sentence, other than dates, years, instrument numbers and the
    numbers the question itself states ("vượt quá 0,4 miligam … phạt bao nhiêu?" asks a
    number other than 0,4; read once per question, not once per candidate sentence); a
    fraction ("2/3") is one number."""
    dates = [(s, e) for s, e, _ in find_dates(text)]
    masked = blanked(text, [*dates, *mention_spans(text)])
    given = _given_numbers(spec.text)
    found = [
        m.group(0)
        for m in FRACTION.finditer(masked)
        if int(m.group(1)) < int(m.group(2)) and m.group(0) not in given
    ]
    found.extend(m.group(0) for m in _GLUED.finditer(masked))  # "phủ sóng 5G"
    for num in NUM.finditer(masked):
        value = num.group(1)
        if (ANY_YEAR.fullmatch(value) and not num.group(2)) or _plain(num.group(0)) in given:
            continue
        found.append(num.group(0))
    return found
