"""Pure: what a sentence states of what a question asks.

The answerer weighs a sentence by the question's topical words; the words that only name
the kind of fact asked ("bao nhiêu", "ngày nào"), the goal phrasing ("phấn đấu", "mục tiêu")
and the constraints checked on their own (instrument, place, year) must not count towards
that. A number answers a "how many" question only when it counts what the question counts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policybot.questions.question import LEVEL, SIGNED_VERB, QuestionSpec
from policybot.text.dates import find_dates
from policybot.text.identity import level_of
from policybot.text.measures import GLUED_UNIT, unit_spellings
from policybot.text.refs import find_mentions, ref_matches
from policybot.text.segment import syllables
from policybot.text.symbols import INSTRUMENT_TYPES
from policybot.types import Instrument

# Function words, question words and the particles of speech ("hả", "nha", "cỡ"): they say
# nothing about which passage answers.
_STOPWORDS_TEXT = """
à ạ ai anh bao bằng biết bị bởi cả các cái cần cho chứ chưa có của cùng cũng đã đang đây để
đến đều điều do đó được gì hãy hay hoặc khi không là lại làm lên mà mấy mỗi một nào này nên
nếu ngày nhiêu như những nhưng nơi ở phải qua ra rằng rồi sao sau sẽ so tại thì thế theo tới
trên trong từ và vào vẫn về vì với vậy xin chỉ hỏi
mình muốn tôi em nhé nhỉ đấy ơi hôm
hả hở nha nhen nghen hen chị bác cỡ chừng lận vầy nữa rứa răng nớ kìa
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
# A number, with its percent sign; or glued to the abbreviation of a measure ("60m", "1,0m",
# "500kV", "16mm"), which the number counts, not a name ("Quốc lộ 1A", "lô 12M").
NUM = re.compile(
    r"(?<![\w/])(\d+(?:[.,]\d+)?)"
    rf"(?:\s*(%|phần trăm)(?![\w/])|(?={GLUED_UNIT})|(?![\w/]))"
)
# "ngày 20/11", "ngày 15 tháng 02": a day of every year (a yearly deadline)
DAY_MONTH = re.compile(r"\bngày\s+\d{1,2}(?:/\d{1,2}|\s+tháng\s+\d{1,2})\b", re.IGNORECASE)
# A day of the week as documents write it ("thứ Sáu", "Chủ nhật"; "thứ năm" lower case is
# "fifth" unless a week follows: "thứ năm hằng tuần").
WEEKDAY = re.compile(
    r"(?<!lần )(?<!họp )(?<!khóa )(?<!khoá )(?<!phiên )(?<!đợt )(?<!Đại hội )"  # ordinals
    r"(?<!\w)(?:[Tt]hứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)|[Cc]hủ\s+[Nn]hật)(?!\w)"
    r"|(?<!\w)thứ\s+(?:hai|ba|tư|năm|sáu|bảy)\s+(?:hằng|hàng|trong|mỗi)\s+tuần"
)
ANY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# What a length of time is counted in: "48 giờ", "15 ngày làm việc", "03 tháng".
TIME_UNITS = frozenset({"giây", "phút", "giờ", "tiếng", "ngày", "tuần", "tháng", "quý", "năm"})
# What "bao nhiêu tiền" is counted in: "100.000 đồng", "2 triệu đồng", "5 tỷ", "1.000 USD".
MONEY_UNITS = frozenset({"đồng", "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "usd", "đô"})
# A share written as a fraction: "2/3 nghĩa vụ", "1/2 số xã" (never "ngày 2/3", a date).
FRACTION = re.compile(r"(?<![\w/])(?<!ngày )([1-9])/([2-9]|10)(?![\w/])", re.IGNORECASE)
_SPELLED_OUT = re.compile(r"^\s*\([^)]{1,40}\)")  # "24 (hai mươi tư) giờ"
_TERM_NUMERAL = re.compile(r"(?<!\w)(?:khóa|khoá|nhiệm kỳ)\s+[IVXLC]+(?!\w)")


# Words that ask for a target or plan in general; they name no topic of their own.
_GOAL_WORDS = "phấn đấu mục tiêu đặt đạt đề ra hướng tới nhằm điều"

_KIND_WORDS = {
    "number": "bao nhiêu phần trăm tỷ lệ tỉ lệ tỷ trọng tỉ trọng con số mấy",
    "day": "ngày tháng năm nào khi bao giờ",
    "when": "thời gian điểm khi nào bao giờ năm",
    "instrument": "văn bản",
    "who": "ai cơ quan đơn vị",
}


def pinned(spec: QuestionSpec) -> set[str]:
    """Words checked as constraints (instrument, place, year) or naming the kind of fact:
    they are enforced on their own, so they do not count towards topical coverage."""
    words: list[str] = [*spec.years, *_GOAL_WORDS.split()]
    for ref in spec.refs:
        words.extend(syllables(f"{ref.type or ''} số {ref.number or ''}"))
    for place in (*spec.provinces, *spec.localities):
        words.extend(syllables(place))
    for kind, listed in _KIND_WORDS.items():
        if getattr(spec, f"wants_{kind}"):
            words.extend(listed.split())
    if spec.duration:  # "bao lâu" asks a length of time, as "bao nhiêu" asks a number
        words.append("lâu")
    return set(words)


# "Luật này", "Thông tư này": the document speaking of its own instrument.
_SELF = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(t.casefold()) for t in sorted(INSTRUMENT_TYPES, key=len, reverse=True))
    + r"|quy chế|án lệ|công điện)\s+này(?!\w)"
)


def of_another(spec: QuestionSpec, text: str, own: Instrument | None) -> bool:
    """The sentence states something of its own document's instrument ("Luật này có hiệu
    lực …") while the question asks of another one, which it does not name: a passage of
    a new law that cites the old one does not date the old one."""
    if not spec.refs or own is None or not _SELF.search(text.casefold()):
        return False
    return not names_ref(spec, text) and not any(ref_matches(r, own) for r in spec.refs)


# What a sanction is stated with: a fine, discipline, a suspension, a duty to compensate.
SANCTION_STATED = re.compile(
    r"(?<!\w)(?:xử\s+lý\s+(?:vi\s+phạm|kỷ\s+luật|trách\s+nhiệm|nghiêm|theo\s+quy\s+định\s+của"
    r"\s+pháp\s+luật)|xử\s+phạt|phạt|kỷ\s+luật|khiển\s+trách|cảnh\s+cáo|đình\s+chỉ|bồi\s+thường"
    r"|truy\s+cứu|cách\s+chức|buộc\s+thôi\s+việc|hạ\s+bậc|tước)(?!\w)",
    re.IGNORECASE,
)


def of_another_level(spec: QuestionSpec, passage: str) -> bool:
    """The question asks of a level of government ("kiến trúc sư trưởng cấp huyện") and the
    passage speaks of levels, none of them that one ("Điều 9. … Kiến trúc sư trưởng cấp
    tỉnh"): what it sets is another level's."""
    if not spec.levels:
        return False
    stated = {m.casefold() for m in LEVEL.findall(passage)}
    return bool(stated) and not stated & set(spec.levels)


def names_ref(spec: QuestionSpec, text: str) -> bool:
    """The sentence itself names an instrument the question asks about."""
    return any(ref_matches(r, m.instrument) for m in find_mentions(text) for r in spec.refs)


def number_of(text: str, spec: QuestionSpec) -> bool:
    """A number of what the question counts: a percentage when it asks for one, else a
    number followed within a few words by the unit it names ("08 nhóm", "100% ... xã")."""
    if spec.term:
        return bool(_TERM_NUMERAL.search(text))
    numbers = stated_numbers(text, spec)
    if not numbers:
        return False
    if spec.percent:
        return any(n.rstrip().endswith(("%", "phần trăm")) for n in numbers)
    if spec.per is not None and not any(_per_unit(text, n, spec.per) for n in numbers):
        return False
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
        if units & set(after):
            return True
    return False


# "các trụ cột chính là A, B, C", "gồm 03 nhóm: …": the counted things named, then listed.
_LISTED_AFTER = r"[^.;:?]{0,40}?(?:\s(?:là|gồm|bao gồm)\s|:)\s*([^.?]+)"
_ITEM_SEP = re.compile(r"(?<!\d),|,(?!\d)|;|\svà\s")  # not a decimal comma ("1,5 tỷ")


_ITEM_WORDS = 6
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_LIST_START = re.compile(
    r"(?::|(?<!\w)(?<!cũng\s)(?:như|gồm|bao gồm)(?!\w)"
    r"|(?<!\w)(?:các|những)(?:\s+\w+){1,4}\s+là(?!\w))"
    r"\s*([^.?]+)",
    re.IGNORECASE,
)


def lists_items(text: str) -> bool:
    """The sentence names things one by one after a colon, "như", "gồm" or "các … là" ("trong
    một số lĩnh vực như: nông nghiệp, y tế, giáo dục và đào tạo"): at least three items; not a
    name quoted ("với chủ đề: “Thi đua xây dựng chính quyền số, …”")."""
    for m in _LIST_START.finditer(_QUOTED.sub(" ", text)):
        items = [i.split() for i in _ITEM_SEP.split(m.group(1)) if i.strip()]
        # things named, not clauses: most items a few words long
        if len(items) >= 3 and sum(len(i) <= _ITEM_WORDS for i in items) >= 3:
            return True
    return False


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
    counted = rf"(?<!\w)(?:các|những|\d+)\s+{re.escape(unit)}(?!\w)"  # not "mục tiêu"
    for m in re.finditer(counted + _LISTED_AFTER, low):
        items = [i for i in _ITEM_SEP.split(m.group(1)) if i.strip()]
        if len(items) >= 2:
            return True
    return False


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
    if unit in ("tiền", "kinh"):
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
    masked = _blanked(text, [*dates, *_mention_spans(text)])
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


# "… do Thủ tướng ký", "ký thay mặt", "đã ký Quyết định": signing, not "đăng ký", "chữ ký",
# "ký kết", "ký số", "ký hiệu".
_SIGNED = re.compile(r"(?<!\w)(?<!đăng )(?<!chữ )" + SIGNED_VERB, re.IGNORECASE)


def says_signed(text: str) -> bool:
    """The sentence says someone signed (an answer to "do ai ký")."""
    return bool(_SIGNED.search(text))


_EFFECT = re.compile(r"(?<!\w)hiệu\s+lực(?!\w)", re.IGNORECASE)


def dated_text(spec: QuestionSpec, text: str) -> str:
    """The part of the sentence whose dates can answer a day or year question. When the
    question names no instrument and asks nothing about issuing one, the date written in an
    instrument's citation ("theo Nghị định số 45/2020/NĐ-CP ngày 08/4/2020") dates that
    instrument, not what is asked ("đi vào hoạt động từ ngày nào"): such citations are
    blanked out. Nor is a citation's date ever a deadline or a date of effect ("Kể từ ngày
    Thông tư này có hiệu lực, Thông tư số 15/2024/TT-BKHĐT ngày 30 tháng 9 năm 2024 … hết
    hiệu lực")."""
    effect = bool(_EFFECT.search(spec.text)) and not spec.about_issuance
    due = bool(_DEADLINE.search(spec.text.casefold())) and not spec.about_issuance
    if not (effect or due) and (spec.refs or spec.about_issuance or spec.wants_instrument):
        return text
    return _blanked(text, _mention_spans(text))


# A deadline asked ("hoàn thành … trước ngày nào", "hạn chót"): the date a citation gives
# an instrument ("Công điện số 227/CĐ-TTg ngày 09/11/2025") is when it was issued, no
# deadline, even of the instrument the question names.
_DEADLINE = re.compile(r"\b(?:trước ngày|hạn chót|thời hạn|chậm nhất|muộn nhất|hoàn thành)\b")


def _mention_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in find_mentions(text)]


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans turned to spaces, every offset kept."""
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text


def dates_what_is_asked(spec: QuestionSpec, text: str) -> bool:
    """A date in the sentence can be the one asked. When the question asks when something
    takes effect, the sentence must speak of effect: the date in "Căn cứ Luật Giao dịch
    điện tử ngày 22 tháng 6 năm 2023" is the law's adoption, not its entry into force. When
    it asks when a province or district issued an instrument of a type ("Tỉnh X ban hành
    nghị quyết … ngày nào?", "văn bản của Huyện ủy Y … ban hành ngày nào?"), a sentence
    whose instruments of that type are all central (a Government resolution, a Politburo
    one) dates none of the place's."""
    if _EFFECT.search(spec.text) and not _EFFECT.search(text):
        return False
    if not (spec.about_issuance and (spec.provinces or spec.localities)) or spec.refs:
        return True
    low = spec.text.casefold()
    asked = {t for t in INSTRUMENT_TYPES if re.search(rf"(?<!\w){t.casefold()}(?!\w)", low)}
    if re.search(r"(?<!\w)văn bản(?!\w)", low):  # "văn bản của huyện …": of any type
        asked = set(INSTRUMENT_TYPES)
    named = [m.instrument for m in find_mentions(text) if m.instrument.type in asked]
    return not named or any(level_of(i.number, i.issuer) != "trung ương" for i in named)
