"""Pure: a year the question gives to what a document's title names.

"Chương trình lập pháp năm 2025" asks of the 2025 programme; a document titled "… Chương
trình lập pháp năm 2026" is another one, even when one of its sentences is dated 2025 (the
day the 2026 programme was adopted). Its passages answer nothing of the question unless
they name the thing with the question's own year.
"""

from __future__ import annotations

import re

from policybot.answers.stated import ANY_YEAR
from policybot.text.dates import DATE_RE
from policybot.text.segment import syllables

# "<words> năm 2026": the year a title gives to the words before it.
_TITLED = re.compile(r"((?:\w+\s+){2})năm\s+((?:19|20)\d{2})(?![\d/-])")
_WORDS = 2
# "đến năm 2030", "trong năm 2025": a target or a period, not a year given to a name
_BEFORE_YEAR = frozenset(
    [
        "đến",
        "tới",
        "từ",
        "trong",
        "vào",
        "cuối",
        "đầu",
        "hết",
        "sau",
        "trước",
        "của",
        "các",
        "mỗi",
        "hằng",
        "hàng",
        "là",
        "cả",
    ]
)
_NUMBERED = re.compile(r"\S*\d+[/-]\S+")  # "62/2025/QH15", "26/8/2025": no year spoken of


def _named_years(text: str) -> dict[tuple[str, ...], set[str]]:
    """The last two words before each "năm YYYY", casefolded -> the years they are given."""
    out: dict[tuple[str, ...], set[str]] = {}
    for m in _TITLED.finditer(text):
        words = tuple(w.casefold() for w in syllables(m.group(1))[-_WORDS:])
        if len(words) == _WORDS and words[-1] not in _BEFORE_YEAR:
            out.setdefault(words, set()).add(m.group(2))
    return out


# "Quy hoạch phát triển … đến năm 2020": a document named by its type and title words, the
# year its title gives it included (a name, whatever the words before "năm").
_TYPE = re.compile(
    r"(?<!\w)(?:quy hoạch|kế hoạch|chương trình|chiến lược|đề án|nghị quyết|quyết định"
    r"|chỉ thị|nghị định|thông tư|luật)\s"
)
_TO_YEAR = re.compile(r"([^?.;:,]{4,160}?)\s+năm\s+((?:19|20)\d{2})(?![\d/-])")
# "quy hoạch an toàn thông tin số quốc gia đến 2020": a target year said without "năm"
_TO_BARE_YEAR = re.compile(
    r"[^?.;:,]{0,160}?(?P<words>\w+\s+\w+)\s+(?:đến|tới)\s+(?:năm\s+)?(?P<year>(?:19|20)\d{2})"
    r"(?![\d/-])"
)


def _spaced(text: str) -> str:
    return " ".join(text.casefold().split())


def _typed_years(question: str, title: str) -> dict[str, set[str]]:
    """Each year the question gives a document named by type and title words -> the years
    the title gives those same words (empty: the title does not hold them)."""
    low = _spaced(title)
    out: dict[str, set[str]] = {}
    low_q = _spaced(question)
    for start in _TYPE.finditer(low_q):  # from each type word: "quyết định phê duyệt quy hoạch"
        m = _TO_YEAR.match(low_q, start.start())
        if m:
            words = re.escape(m.group(1))
            given = set(re.findall(words + r"\s+năm\s+((?:19|20)\d{2})(?![\d/-])", low))
            out.setdefault(m.group(2), set()).update(given)
            continue
        # "… quốc gia đến 2020": the two words before the target, as the title says them
        bare = _TO_BARE_YEAR.match(low_q, start.start())
        if bare:
            words = re.escape(bare["words"])
            given = set(
                re.findall(words + r"\s+(?:đến|tới)\s+(?:năm\s+)?((?:19|20)\d{2})(?![\d/-])", low)
            )
            out.setdefault(bare["year"], set()).update(given)
    return out


# "tháng 12 năm 2009", "tháng 12/2009": a month the title gives what it names
_MONTH = re.compile(r"(?<!\w)tháng\s+(\d{1,2})(?:\s+năm\s+|\s*/\s*)((?:19|20)\d{2})(?!\d)")


def _months(text: str) -> set[tuple[int, str]]:
    return {(int(m), y) for m, y in _MONTH.findall(text.casefold())}


def other_titled_month(question: str, title: str, passage: str) -> bool:
    """The question asks of a month ("phiên họp … tháng 11 năm 2009") of a year the title
    gives only another month of ("Phiên họp Chính phủ thường kỳ tháng 12 năm 2009"), and
    the passage never names the month asked."""
    titled, spoken = _months(title), _months(passage)
    return any(
        (month, year) not in titled
        and any(y == year for _, y in titled)
        and (month, year) not in spoken
        for month, year in _months(question)
    )


def other_titled_year(question: str, title: str, passage: str) -> bool:
    """The question gives a year to words the document's title gives only other years to,
    and the passage never speaks of the question's year (a day or a number with it does not);
    or a month of that year the title does not give (other_titled_month)."""
    if other_titled_month(question, title, passage):
        return True
    asked, titled = _named_years(question), _named_years(title)
    conflicts = [ys for words, ys in asked.items() if titled.get(words) and not ys & titled[words]]
    typed = _typed_years(question, title)
    conflicts += [{y} for y, given in typed.items() if given and y not in given]
    if not conflicts:
        return False
    spoken = set(ANY_YEAR.findall(_NUMBERED.sub(" ", DATE_RE.sub(" ", passage))))
    return any(not (years & spoken) for years in conflicts)


def titled_years(question: str, title: str) -> set[str]:
    """The years the question gives to words the document's title gives the same year: they
    name the document ("Chương trình lập pháp năm 2026", "Quy hoạch … đến năm 2020"), not a
    year its sentences must speak of (it was adopted on a day of 2025)."""
    titled = _named_years(title)
    named = {
        y for words, ys in _named_years(question).items() for y in ys & titled.get(words, set())
    }
    return named | {y for y, given in _typed_years(question, title).items() if y in given}


# "Quy định trực ban … của TP.HCM năm 2010", "Chỉ thị … năm 2010": an instrument named with
# the year it was issued; not "đến năm 2030", a target.
_ISSUED_IN = re.compile(
    r"(?<!\w)(?:quy định|quy chế|" + _TYPE.pattern[len(r"(?<!\w)(?:") : -len(r")\s")] + r")"
    r"\s(?:[^?.;:]|\.(?=\S)){0,160}?(?<!đến)(?<!tới)(?<!trong)(?<!sau)(?<!trước)\s+năm\s+((?:19|20)\d{2})(?![\d/-])"
)


# "Chỉ thị 02/CT-BCT năm 2010", "Quyết định 61/QĐ-CTN của Chủ tịch nước năm 2010": the year
# right after an instrument's number (and its issuer), not one further on ("… yêu cầu năm
# 2011 làm gì?")
_NUMBER_YEAR = re.compile(
    r"\d+[/-][\w/.-]*[^\W\d_][\w/.-]*(?:\s+của\s+[^,?.;]{1,60}?)?\s+năm\s+((?:19|20)\d{2})(?!\d)"
)


def instrument_years(question: str) -> set[str]:
    """The years the question gives right after the number of an instrument it names."""
    return set(_NUMBER_YEAR.findall(question))


# "Năm 2010 Thủ tướng sửa quyết định …", "Hồi 2021, tỉnh ban hành kế hoạch …": a question
# opening with the year in which someone issued the instrument it then names
_YEAR_ISSUED = re.compile(
    r"^(?:(?:hồi|vào|trong|đầu|cuối)\s+)?(?:năm\s+)?((?:19|20)\d{2})\s*,?\s+[^?.;:]{0,60}?"
    r"(?<!\w)(?:(?:ban hành|sửa|sửa đổi|ký|thông qua|phê duyệt)\s+(?:\w+\s+){0,2}?"
    # "ra" issues when the instrument follows it; "đề ra", "đưa ra" issue nothing
    r"|(?<!đề )(?<!đưa )ra\s+(?:cái\s+|một\s+)?)" + _TYPE.pattern[len(r"(?<!\w)") :]
)


def issue_year_named(question: str, issued: str | None) -> set[str]:
    """The year of issue of the passage's document (`issued`, ISO date) when the question
    gives it to an instrument it names: that year names the document, it is no period its
    sentences must speak of."""
    if not issued:
        return set()
    year = issued[:4]
    low = _spaced(question)
    opening = _YEAR_ISSUED.match(low)
    named = set(_ISSUED_IN.findall(low)) | ({opening.group(1)} if opening else set())
    return {year} if year in named else set()
