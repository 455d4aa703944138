"""Pure: what a question asks for and what it pins down (instrument, place, year, fact kind)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from itertools import pairwise

from policybot.questions.counted import (
    SHARE,
    WHICH_FEW,
    counting,
    money_rate,
    per_unit,
    share_of,
    unit_counted,
)
from policybot.questions.law_names import law_years, laws_named, without_law_years
from policybot.text.places import bare_name, find_localities, find_provinces
from policybot.text.query_refs import find_query_refs
from policybot.text.refs import RefQuery
from policybot.text.spoken import written_question_words
from policybot.text.symbols import TYPE_WORDS

_DAY = re.compile(
    r"\b(ngày nào|ngày bao nhiêu|ngày mấy|ngày tháng năm nào|ngày, tháng, năm nào|hôm nào)\b"
)
# "vào thứ mấy", "ngày nào trong tuần": a day of the week asked ("thứ mấy" alone may be an
# ordinal: "phiên họp thứ mấy").
_WEEKDAY = re.compile(
    r"(?:ngày|vào)\s+thứ mấy|ngày nào trong tuần|thứ mấy (?:trong|hằng|hàng) tuần"
)
# "thời hạn" asks a deadline ("thời hạn nộp báo cáo là khi nào"), not inside "trước thời
# hạn", "trong thời hạn", nor when the question counts it ("thời hạn … là bao nhiêu ngày").
_WHEN = re.compile(
    r"\b(khi nào|bao giờ|thời gian nào|thời điểm nào|lúc nào|năm nào|mốc nào"
    r"|(?<!trước )(?<!trong )(?<!hơn )(?<!với )(?:thời hạn|hạn chót)"
    r"(?![^?]*(?:bao nhiêu|mấy|bao lâu)))\b"
)
_WEEKLY = re.compile(r"\b(?:hằng|hàng|mỗi) tuần\b")
_NUMBER = re.compile(r"\b(bao nhiêu|mấy|phần trăm|bao lâu)\b|%")
# Nouns of a figure ("tỷ lệ", "con số", "chỉ tiêu"): a number asked only when the question
# asks nothing else; "sở nào xem xét con số dự trù" asks a body.
_NUMBER_NOUN = re.compile(r"\b(tỷ lệ|tỉ lệ|tỷ trọng|tỉ trọng|con số|chỉ tiêu|số lượng)\b")
# "trong bao lâu", "mất bao lâu", "thời hạn bao lâu": a length of time, a number of hours,
# days, months or years ("trong vòng 48 giờ", "15 ngày làm việc").
_DURATION = re.compile(r"\bbao lâu\b")
# "khóa mấy", "nhiệm kỳ nào": the term of a Party committee or council, written in Roman numerals.
_TERM = re.compile(r"\b(khóa|khoá|nhiệm kỳ) (mấy|nào|bao nhiêu|thứ mấy)\b")
_INSTRUMENT = re.compile(
    r"\b(nghị quyết|quyết định|kế hoạch|văn bản|nghị định|chỉ thị|thông tư|chương trình|đề án)"
    # within a clause: not "Đề án 30, đơn vị nào"; not past its number, where the instrument
    # is named and another thing asked ("Nghị định 231/2025/NĐ-CP do nguồn nào bảo đảm")
    r"(\s+(?![^\s]*\d[^\s]*/|\d+\s+(?!năm))(?:năm\s+\d{4}|[^\s,;.?]+)){0,3}?\s+(nào|gì)\b"
    # "căn cứ vào đâu", "dựa trên cơ sở nào"; not "được coi là căn cứ", "kinh tế dựa trên …"
    # "căn cứ pháp lý nào", "cơ sở pháp lý gì", "dựa trên căn cứ nào"
    r"|\b(?:căn cứ(?:\s+pháp\s+lý)?|cơ sở\s+pháp\s+lý)\s+(?:nào|gì)\b"
    r"|\b(?:căn cứ|dựa)\s+(?:(?:vào|trên|theo)\s+)?(?:đâu|gì|cái gì|cơ sở nào"
    r"|(?:nghị quyết|quyết định|kế hoạch|văn bản|nghị định|chỉ thị|thông tư|luật)\b[^?]*?"
    r"\b(?:nào|gì))\b"
)
# Everyday words for a body: "bên nào lo …" (not "nếu bên nào vi phạm thì …", any party),
# "phòng nào" (not "dự phòng nào", a reserve)
EVERYDAY_WHO = r"(?<!nếu )(?<!khi )(?<!hợp )bên nào(?!\s+thì)|(?<!dự )phòng nào"
_WHO = re.compile(
    r"(^|\s)(ai|cơ quan nào|đơn vị nào|sở nào|ban nào|bộ nào|cấp nào|tổ chức nào|người nào|do ai"
    rf"|hội nào|hiệp hội nào|{EVERYDAY_WHO}|(?:về|gửi|nộp)\s+(?:ở\s+|tại\s+)?đâu)"
    r"(\s|\?|$)"
)
# A role asks who holds it ("Đơn vị chủ trì triển khai?", "Cục nào chủ trì …", "Chủ trì là
# đơn vị gì?") unless the question asks something else of the body that holds it: a task,
# an amount, a time, an instrument, a yes or no ("công chức được giao kiêm nhiệm thì được
# cộng bao nhiêu", "Sở … chịu trách nhiệm những gì", "Đơn vị chủ trì phải làm gì?"). A
# question word after a noun for a body or a person asks who, not something else.
_ROLE = re.compile(r"\b(chủ trì|chịu trách nhiệm|phụ trách|đảm nhiệm|được giao)\b")
_BODY_ASKED = re.compile(
    r"(?<!\w)(?:cơ quan|đơn vị|tổ chức|sở|ban|bộ|cục|(?<!nhiệm )(?<!dịch )vụ|chi cục"
    r"|(?<!dự )phòng|bộ phận|lãnh đạo|người"
    r"|cán bộ|cấp|ngành|lực lượng|hội|ủy ban|uỷ ban|trung tâm|chủ tịch|phó chủ tịch|giám đốc"
    r"|thủ trưởng|cá nhân|doanh nghiệp|bên|địa phương)\s+(?:nào|gì)(?!\w)"
)
_ASKS_OTHER = re.compile(
    r"(?<!\w)(?:gì|nào|đâu|bao nhiêu|mấy|bao lâu|bao giờ|thế nào|ra sao)(?!\w)"
    r"|(?<!\w)không(?:\s+(?:ạ|nhỉ|vậy|hả|anh|chị|em|nhé))*\s*\?*\s*$"
)
# "Ai" asking for a group, not a body doing something: who may take part or benefits
# ("những ai được đăng ký", "ai được hỗ trợ"), who is at the centre ("lấy ai làm trung tâm",
# "ai là đối tượng"). Not "ai được giao …" (the body assigned), "ai là người ký".
_GROUP_ASKED = re.compile(
    r"(?<!\w)(?:(?:những|các) )?ai (?:sẽ |thì |cũng )?(?="
    r"(?:là (?:người|đối tượng) )?"
    r"được (?:hưởng|thụ hưởng|cấp(?! có thẩm quyền)|hỗ trợ|tham gia|đăng ký|xét|tặng|nhận"
    r"|đặt vào|ưu tiên)"
    r"|là (?:người |đối tượng )?(?:trung tâm|chủ thể|động lực|tâm điểm|đối tượng|lực lượng)"
    r"|làm (?:trung tâm|chủ thể|động lực|tâm điểm))"
    r"|(?<!\w)(?<=lấy |coi )ai (?=là |làm )"
)
# A person who signed ("do ai ký", "Phó Thủ tướng nào ký", "người ký", "ký thay"): only a
# signature block or a sentence saying who signed answers it, never the issuing body.
# "ký" as signing: not "ký kết", "ký số", "ký hiệu" (answers/stated.py reads sentences with it)
SIGNED_VERB = r"k[ýí](?!\w)(?!\s+(?:kết|số|hiệu|tên|gửi|nhận|túc))"
_SIGNER = re.compile(
    r"(?<!\w)(?:ai(?:\s+là\s+người)?\s+(?:đã\s+)?(?:đứng\s+tên\s+|đặt\s+bút\s+)?"
    + SIGNED_VERB
    + r"|người\s+(?:đặt\s+bút\s+)?"  # "người đặt bút ký": who put pen to it, signed
    + SIGNED_VERB
    + r"|nào(?:\s+của\s+[^?,]{2,40}?)?\s+(?:đã\s+)?"  # "lãnh đạo nào của UBND tỉnh ký"
    + SIGNED_VERB
    + r"|ai\s+thay\s+mặt\s+[^?,]{2,40}?\s"
    + SIGNED_VERB
    + r"|k[ýí]\s+(?:thay\s+mặt|thay|bởi))"
)
# "Điều 4", "khoản 2 Điều 341": the article whose text must hold the answer.
_ARTICLE = re.compile(r"(?<!\w)điều\s+(\d+[a-zđ]?)(?!\w)")
_LIST = re.compile(
    r"\b(những|các)\b.+\b(nào|gì)\b|\b(gồm|bao gồm|liệt kê|kể tên|mấy nhóm|nhóm nhiệm vụ)\b"
    r"|" + WHICH_FEW  # "ưu tiên mấy ngành nào": which ones
)
# What one instrument does to another: amends, replaces, abolishes, guides it.
_AMENDS = r"sửa đổi|bổ sung|thay thế|bãi bỏ|hủy bỏ|quy định chi tiết|hướng dẫn"
_RELATING = re.compile(  # the one asked unnamed: "Nghị định 168/… quy định chi tiết Luật 36/…"
    rf"(?<!\w)(?:{TYPE_WORDS})(?!\s+(?:số\s+)?\d)(?:\s+\S+){{0,8}}?\s+"
    rf"(?:{_AMENDS})(?:,?\s+(?:bổ sung|một số điều|của))*"
    rf"\s+(?:{TYPE_WORDS})\s+(?:số\s+)?\d"
)
# "ra nghị quyết", "cho ra một kế hoạch": issuing one, in everyday words.
# (not "Quy chế ban hành kèm theo Quyết định …": the name of an attached text)
_ISSUED = re.compile(
    r"\b(ban hành(?! kèm)|ký|kí|ra đời|thông qua)\b"
    # "do ai" of what is done by it ("chi phí do ai chi trả") asks no issuer
    r"|\b(của|do) (ai|cơ quan nào|cấp nào|ban nào|bộ nào)\b"
    r"(?!\s+(?:chi trả|trả|chi|chịu|thực hiện|chủ trì|phụ trách|quản lý|thu|nộp|đóng|đầu tư"
    r"|tổ chức|giải quyết|xử lý|hỗ trợ|bảo đảm|đảm bảo|cung cấp|thẩm định|kiểm tra|cấp phép"
    r"|quyết định đầu tư|vận hành|cấp kinh phí|bố trí)\b)"
    r"|\b(?:ra|đưa ra|phát hành)\s+(?:(?:một|cái|bản)\s+)?(?:nghị quyết|kế hoạch|"
    r"chỉ thị|thông tư|nghị định|văn bản|công văn|chương trình|đề án|quy chế|quy định)\b"
)
# "có số hiệu là gì", "ký hiệu nào", "số mấy": the instrument's number is what is asked.
_SYMBOL = re.compile(
    r"\b(?:số hiệu|ký hiệu|kí hiệu)\b|\b(?:văn bản|kế hoạch|nghị quyết|quyết định) số mấy\b"
    # "… có căn cứ vào chương trình chuyển đổi số quốc gia không, số mấy?": a question about
    # an instrument that ends asking its number
    r"|(?=.*\b(?:văn bản|nghị quyết|quyết định|kế hoạch|nghị định|thông tư|chỉ thị"
    r"|chương trình|đề án|luật|căn cứ)\b)"
    r".*,\s*(?:là\s+)?số\s+(?:mấy|bao nhiêu)\s*[?.!]*\s*$"
)
# "… là văn bản sửa đổi quyết định nào?", "thay thế những văn bản nào": the instrument
# asked is the one acted on, which the answer must write, not the one acting
_ACTED_ON = re.compile(
    rf"\b(?:{_AMENDS}|huỷ bỏ|căn cứ|triển khai|thực hiện|thi hành|cụ thể hóa|cụ thể hoá)"
    rf"\s+(?:cho\s+|vào\s+|theo\s+)?(?:những\s+|các\s+)?(?:{TYPE_WORDS}|văn bản)\s+nào\b"
)
_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/])")
# "giai đoạn 2021-2025": a period; a sentence of any year in it speaks of it
_PERIOD = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?![\d/])")
_LONGEST_PERIOD = 30
_DECADE = re.compile(r"(?i:thập niên|thập kỷ|thập kỉ|những năm)\s+(?:19|20)\d0\b")
# "năm 2025 và năm 2030", "2025, 2030": years asked side by side, not a range ("2021-2025").
_YEAR_PAIR = re.compile(
    r"(?:19|20)\d{2}\s*(?:,|và|hoặc|cùng)\s*(?:(?:năm|đến năm)\s+)?(?:19|20)\d{2}"
)
_AND = re.compile(r"\s(?:và|với|cùng|hoặc)\s")
# "A, B" lists places only when nothing but the comma (and B's level) stands between: in
# "bỏ quy định về cán bộ chuyên lo máy tính, CNTT của Bắc Giang" the comma is the phrase's.
_COMMA = re.compile(r"\s*,\s*(?:(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|xã|phường)\s+)?")
# the address a site is reached at ("địa chỉ truy cập là gì", "trang web … địa chỉ vào là
# gì"), not where an office is ("trụ sở ở địa chỉ nào") nor any address a system records
_ADDRESS = re.compile(
    r"(?<!\w)(?:địa\s+chỉ\s+(?:truy\s+cập|trang\s+web|website|web|internet|điện\s+tử|mạng)"
    r"|địa\s+chỉ\s+(?:của\s+)?(?:cổng|trang\s+web|website)|đường\s+(?:link|dẫn)"
    r"|(?:trang\s+web|website|cổng\s+thông\s+tin|cổng\s+dịch\s+vụ\s+công)\b"
    r"(?:(?!trụ\s+sở)[^?]){0,80}?\bđịa\s+chỉ\s+(?:vào|truy\s+cập|là\s+gì|nào))(?!\w)"
)
# "bị xử lý thế nào", "bị phạt bao nhiêu", "hình thức kỷ luật nào": a sanction is asked.
_SANCTION = re.compile(
    r"(?<!\w)(?:bị\s+(?:xử\s+lý|xử\s+phạt|phạt|kỷ\s+luật)|chế\s+tài|hình\s+thức\s+"
    r"(?:xử\s+lý|kỷ\s+luật|xử\s+phạt)|mức\s+phạt)(?!\w)"
)
# "cấp huyện", "cấp bộ": the level of government something asked is of ("cung cấp cơ sở dữ
# liệu", "cung cấp bộ công cụ" supply something: no level).
LEVEL = re.compile(
    r"(?<!\w)(?<!cung\s)cấp\s+"
    r"(trung ương|quốc gia|bộ|tỉnh|huyện|xã|cơ sở|dự án|thành phố|quận|phường)(?!\w)",
    re.IGNORECASE,
)
_FOLLOW_UP = re.compile(r"^(còn|vậy|thế|và|nếu vậy|vậy thì)\b", re.IGNORECASE)


@dataclass(frozen=True)
class QuestionSpec:
    text: str
    wants_day: bool
    wants_when: bool
    wants_number: bool
    wants_instrument: bool
    wants_who: bool
    wants_list: bool
    about_issuance: bool
    refs: tuple[RefQuery, ...]
    provinces: tuple[str, ...]
    localities: tuple[str, ...]
    years: tuple[str, ...]
    unit: str | None = None
    percent: bool = False
    term: bool = False  # asks which term ("khóa XVII"), a Roman numeral
    wants_symbol: bool = False  # asks an instrument's number ("số hiệu là gì")
    wants_acted_on: bool = False  # asks which instrument one acts on ("sửa đổi quyết định nào")
    wants_signer: bool = False  # asks the person who signed ("do ai ký")
    duration: bool = False  # the number asked is a length of time ("trong bao lâu")
    articles: tuple[str, ...] = ()  # articles named ("Điều 4" -> "4"), lowered
    law_years: tuple[str, ...] = ()  # years naming a law ("Bộ luật Dân sự 2015"), not asked
    laws: tuple[str, ...] = ()  # laws named by name and year, without the year ("Luật Đất đai")
    weekday: bool = False  # the day asked is a day of the week ("vào thứ mấy")
    per: str | None = None  # a rate asked ("bao nhiêu một năm" -> "năm")
    # asks of an instrument that amends, replaces or guides the one it names ("Quyết định …
    # sửa đổi Quyết định 622/QĐ-TTg ngày 17/5/2009 ban hành ngày nào?"), not of that one
    relates_named: bool = False
    levels: tuple[str, ...] = ()  # levels of government asked of ("cấp huyện" -> "huyện")
    wants_sanction: bool = False  # asks what befalls who breaks a rule ("bị xử lý thế nào")
    wants_address: bool = False  # asks a site's web address ("địa chỉ truy cập là gì")
    periods: tuple[tuple[str, str], ...] = ()  # periods asked of ("2021-2025"), first and last

    @property
    def kind(self) -> str:
        for name in ("day", "when", "number", "who", "instrument", "list"):
            if getattr(self, f"wants_{name}"):
                return name
        return "general"


def normalize_question(text: str) -> str:
    """NFC, control characters out, whitespace collapsed, spoken question words written
    ("hồi nào" -> "khi nào")."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return written_question_words(" ".join(text.split()))


def analyze(question: str) -> QuestionSpec:
    text = normalize_question(question)
    low = text.casefold()
    refs = tuple(find_query_refs(text))
    years = tuple(dict.fromkeys(_YEAR.findall(_strip_refs(text))))
    day = bool(_DAY.search(low))
    # the day of something done every week is a day of the week ("hằng tuần … ngày nào")
    weekday = bool(_WEEKDAY.search(low) or (day and _WEEKLY.search(low)))
    asked = _GROUP_ASKED.sub(" ", low)
    who = bool(
        _WHO.search(asked)
        or (_ROLE.search(asked) and not _ASKS_OTHER.search(_BODY_ASKED.sub(" ", asked)))
    )
    when = bool(_WHEN.search(low))
    counted = counting(_SYMBOL.sub(" ", low), who)
    instrument = bool(_INSTRUMENT.search(low) or _SYMBOL.search(low))
    number = bool(_NUMBER.search(counted)) or (
        bool(_NUMBER_NOUN.search(counted)) and not (who or when or instrument)
    )
    return QuestionSpec(
        text=text,
        wants_day=day or weekday,
        wants_when=when,
        wants_number=number and not (day or weekday),
        wants_instrument=instrument,
        wants_who=who,
        wants_list=bool(_LIST.search(low)),
        about_issuance=bool(_ISSUED.search(low)),
        relates_named=bool(_RELATING.search(low)),
        wants_signer=bool(_SIGNER.search(low)),
        refs=refs,
        provinces=tuple(find_provinces(text)),
        localities=tuple(find_localities(text)),
        years=years,
        unit=unit_counted(text, who) or money_rate(low),
        percent=bool(re.search(r"phần trăm|%|tỷ lệ|tỉ lệ", low) or SHARE.search(low))
        or share_of(text),
        term=bool(_TERM.search(low)),
        wants_symbol=bool(_SYMBOL.search(low)),
        wants_acted_on=bool(_ACTED_ON.search(low)),
        duration=bool(_DURATION.search(low)),
        articles=tuple(dict.fromkeys(_ARTICLE.findall(low))),
        weekday=weekday,
        per=per_unit(low),
        levels=tuple(dict.fromkeys(m.casefold() for m in LEVEL.findall(low))),
        wants_sanction=bool(_SANCTION.search(low)),
        wants_address=bool(_ADDRESS.search(low)),
        periods=tuple(
            (a, b)
            for a, b in _PERIOD.findall(_strip_refs(text))
            if 0 < int(b) - int(a) <= _LONGEST_PERIOD
        ),
        law_years=law_years(text),
        laws=laws_named(text),
    )


def _strip_refs(text: str) -> str:
    """Years inside instrument numbers (45/2020/NĐ-CP) or a law's name are not a period the
    question asks about, nor is a decade ("thập niên 2040", "những năm 2030"): no sentence
    states it as a year, so it pins nothing."""
    text = _DECADE.sub(" ", text)
    text = without_law_years(text)
    return re.sub(r"\S*\d+/\S+", " ", text)


def is_follow_up(text: str) -> bool:
    return bool(_FOLLOW_UP.match(text.strip()))


def split_pairs(spec: QuestionSpec) -> list[tuple[str, QuestionSpec]]:
    """One sub-question per place or per year when a question asks about two side by side
    ("Đồng Tháp và Quảng Trị ưu tiên ...", "... năm 2025 và năm 2030?"), labelled with it.

    Each must be answered by its own evidence: one passage rarely states both, and a
    passage about one place must not answer for the other. Empty when there is no pair.
    """
    # Two provinces or two districts side by side; a district and a province only when
    # joined by "và" (with a comma, "huyện Triệu Phong, tỉnh Quảng Trị" is one place).
    places = (*spec.provinces, *spec.localities)
    same_kind = len(spec.provinces) >= 2 or len(spec.localities) >= 2
    if len(places) >= 2 and _side_by_side(spec.text, places, comma=same_kind):
        return [
            (
                p,
                replace(
                    spec,
                    text=_without(spec.text, places, p),
                    provinces=(p,) if p in spec.provinces else (),
                    localities=(p,) if p in spec.localities else (),
                ),
            )
            for p in places
        ]
    if len(spec.years) >= 2 and _YEAR_PAIR.search(spec.text):
        return [
            (
                f"năm {year}",
                replace(spec, text=_without(spec.text, spec.years, year), years=(year,)),
            )
            for year in spec.years
        ]
    return []


def _side_by_side(text: str, places: tuple[str, ...], comma: bool) -> bool:
    """Some two of the places are written joined: "A và B", "A, B" (when `comma`)."""
    low = text.casefold()
    spots = sorted(
        (at, at + len(name))
        for name in (bare_name(p).casefold() for p in places)
        if (at := low.find(name)) >= 0
    )
    return any(
        start - end <= 60 and (_AND.search(between) or (comma and _COMMA.fullmatch(between)))
        for (_, end), (start, _) in pairwise(spots)
        if (between := low[end:start]) is not None
    )


def _without(text: str, names: tuple[str, ...], keep: str) -> str:
    """The question with the other names of the pair taken out."""
    for name in names:
        if name != keep:
            text = re.sub(re.escape(bare_name(name)), " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())
