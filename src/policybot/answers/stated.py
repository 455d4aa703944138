"""Pure: what a sentence states of what a question asks.

The answerer weighs a sentence by the question's topical words; the words that only name
the kind of fact asked ("bao nhiêu", "ngày nào"), the goal phrasing ("phấn đấu", "mục tiêu")
and the constraints checked on their own (instrument, place, year) must not count towards
that. Numbers are read in stated_numbers.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policybot.questions.question import LEVEL, SIGNED_VERB, QuestionSpec
from policybot.text.dates import find_dates
from policybot.text.identity import level_of
from policybot.text.issuers import find_issuers
from policybot.text.refs import find_mentions, ref_matches
from policybot.text.segment import syllables
from policybot.text.symbols import INSTRUMENT_TYPES, TYPE_WORDS
from policybot.types import Instrument

# Function words, question words and the particles of speech ("hả", "nha", "cỡ"): they say
# nothing about which passage answers.
_STOPWORDS_TEXT = """
à ạ ai anh bao bằng biết bị bởi cả các cái cần cho chứ chưa có của cùng cũng đã đang đây để
đến đều điều do đó được gì hãy hay hoặc khi không là lại làm lên mà mấy mỗi một nào này nên
nếu ngày nhiêu như những nhưng nơi ở phải qua ra rằng rồi sao sau sẽ so tại thì thế theo tới
trên trong từ và vào vẫn về vì với vậy xin chỉ hỏi
mình muốn tôi em nhé nhỉ đấy ơi hôm
hả hở nha nhen nghen hen chị bác cỡ chừng lận vầy nữa rứa răng nớ kìa ta
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
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
    words.extend(_issuer_of_ref(spec))
    for place in (*spec.provinces, *spec.localities):
        words.extend(syllables(place))
    for kind, listed in _KIND_WORDS.items():
        if getattr(spec, f"wants_{kind}"):
            words.extend(listed.split())
    if spec.duration:  # "bao lâu" asks a length of time, as "bao nhiêu" asks a number
        words.append("lâu")
    return set(words)


# "Quy định 384-QĐ/TW của Ban Bí thư": the issuer named right after the instrument asked
_OF_ISSUER = re.compile(r"\s+(?:của|do)\s+$")
_REF_BEFORE = 12  # characters between the instrument's number and "của"


def _issuer_of_ref(spec: QuestionSpec) -> list[str]:
    """The words of the body that issued the instrument the question names, as it names it
    ("Quy định 384-QĐ/TW của Ban Bí thư"): they say which instrument, not what is asked."""
    if not spec.refs:
        return []
    numbers = [r.number for r in spec.refs if r.number]
    out: list[str] = []
    for start, end, _ in find_issuers(spec.text):
        before = spec.text[:start]
        of = _OF_ISSUER.search(before)
        if of and any(
            n in before[max(0, of.start() - _REF_BEFORE - len(n)) : of.start()] for n in numbers
        ):
            out.extend(syllables(spec.text[start:end]))
    return out


# "Luật này", "Thông tư này": the document speaking of its own instrument.
SELF = re.compile(r"(?<!\w)(?:" + TYPE_WORDS + r")\s+này(?!\w)")


def of_another(spec: QuestionSpec, text: str, own: Instrument | None) -> bool:
    """The sentence states something of another instrument than the one the question asks
    of, which it does not name: of its own document's ("Luật này có hiệu lực …"; a passage
    of a new law that cites the old one does not date the old one), or of another one of
    the type asked ("Kế hoạch số 5807/KH-UBND … đưa ra 08 nhóm" does not count the groups
    of Kế hoạch 190-KH/TU, which its document only cites)."""
    if not spec.refs or names_ref(spec, text):
        return False
    if own is not None and any(ref_matches(r, own) for r in spec.refs):
        return False
    if SELF.search(text.casefold()):
        return own is not None  # its own instrument's, which is not the one asked, or unknown
    types = {r.type.casefold() for r in spec.refs if r.type}
    return any(m.instrument.type.casefold() in types for m in find_mentions(text))


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


ITEM_SEP = re.compile(r"(?<!\d),|,(?!\d)|;|\svà\s")  # not a decimal comma ("1,5 tỷ")


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
        items = [i.split() for i in ITEM_SEP.split(m.group(1)) if i.strip()]
        # things named, not clauses: most items a few words long
        if len(items) >= 3 and sum(len(i) <= _ITEM_WORDS for i in items) >= 3:
            return True
    return False


def leads_list(text: str) -> bool:
    """The sentence is the line a list follows ("… thực hiện các bước sau:"): the composer
    quotes the items under it."""
    return text.rstrip().endswith(":")


# "… do Thủ tướng ký", "ký thay mặt", "đã ký Quyết định": signing, not "đăng ký", "chữ ký",
# "ký kết", "ký số", "ký hiệu".
_SIGNED = re.compile(r"(?<!\w)(?<!đăng )(?<!chữ )" + SIGNED_VERB, re.IGNORECASE)


def says_signed(text: str) -> bool:
    """The sentence says someone signed (an answer to "do ai ký")."""
    return bool(_SIGNED.search(text))


_EFFECT = re.compile(r"(?<!\w)hiệu\s+lực(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=256)
def _dates_given(question: str) -> frozenset[str]:
    """The full dates (ISO) a question states: read once, not for each sentence scored."""
    return frozenset(iso for _, _, iso in find_dates(question))


def dated_text(spec: QuestionSpec, text: str) -> str:
    """The part of the sentence whose dates can answer a day or year question. When the
    question names no instrument and asks nothing about issuing one, the date written in an
    instrument's citation ("theo Nghị định số 45/2020/NĐ-CP ngày 08/4/2020") dates that
    instrument, not what is asked ("đi vào hoạt động từ ngày nào"): such citations are
    blanked out. Nor is a citation's date ever a deadline or a date of effect ("Kể từ ngày
    Thông tư này có hiệu lực, Thông tư số 15/2024/TT-BKHĐT ngày 30 tháng 9 năm 2024 … hết
    hiệu lực"), nor, asked of the one amending an instrument, a date of any it cites."""
    # a date the question itself gives ("… Quyết định 622/QĐ-TTg ngày 17/5/2009 …") is
    # what it knows, not what it asks
    given = _dates_given(spec.text)
    told = [(s, e) for s, e, iso in find_dates(text) if iso in given] if given else []
    effect = bool(_EFFECT.search(spec.text)) and not spec.about_issuance
    due = bool(_DEADLINE.search(spec.text.casefold())) and not spec.about_issuance
    # asked of the instrument amending the one named: no citation's date is its date
    named = spec.refs or spec.about_issuance or spec.wants_instrument
    if not spec.relates_named and not (effect or due) and named:
        return blanked(text, told) if told else text
    return blanked(text, [*mention_spans(text), *told])


# A deadline asked ("hoàn thành … trước ngày nào", "hạn chót"): the date a citation gives
# an instrument ("Công điện số 227/CĐ-TTg ngày 09/11/2025") is when it was issued, no
# deadline, even of the instrument the question names.
_DEADLINE = re.compile(r"\b(?:trước ngày|hạn chót|thời hạn|chậm nhất|muộn nhất|hoàn thành)\b")


def mention_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in find_mentions(text)]


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with these spans turned to spaces, every offset kept."""
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text


# "… áp dụng đến hết ngày nào?", "từ ngày nào đến ngày nào?": the end of a period is asked,
# which a sentence states after "đến", "tới" or "hết" ("đến hết ngày 31 tháng 12 năm 2017")
_END_ASKED = re.compile(r"(?<!\w)(?:đến|tới)\s+(?:hết\s+)?(?:ngày|thời điểm|lúc)\s+nào(?!\w)", re.I)
_END_STATED = re.compile(
    r"(?:(?<!\w)(?:đến|tới|hết)|\d\s*[-–])\s+(?:hết\s+)?(?:ngày\s+)?"  # "… 2021 - 31/12/2025"
    r"\d{1,2}(?:\s*[/.-]\s*\d{1,2}|\s+tháng)",
    re.I,
)
# "tới lúc nào" asks no day: "Đến hết năm 2045: 100%" ends with a year
_END_YEAR = re.compile(r"(?<!\w)(?:đến|tới)\s+(?:hết\s+)?năm\s+\d{4}(?!\d)", re.I)


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
    if _END_ASKED.search(spec.text) and not (
        _END_STATED.search(text) or (not spec.wants_day and _END_YEAR.search(text))
    ):
        return False  # "áp dụng đến hết ngày nào": a date something lasts until
    if not (spec.about_issuance and (spec.provinces or spec.localities)) or spec.refs:
        return True
    low = spec.text.casefold()
    asked = {t for t in INSTRUMENT_TYPES if re.search(rf"(?<!\w){t.casefold()}(?!\w)", low)}
    if re.search(r"(?<!\w)văn bản(?!\w)", low):  # "văn bản của huyện …": of any type
        asked = set(INSTRUMENT_TYPES)
    named = [m.instrument for m in find_mentions(text) if m.instrument.type in asked]
    return not named or any(level_of(i.number, i.issuer) != "trung ương" for i in named)
