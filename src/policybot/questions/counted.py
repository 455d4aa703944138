"""Pure: what a number question counts: the thing after "bao nhiêu / mấy", a share, an
amount per period, a sum of money; and the "mấy" that counts nothing ("mấy năm tới",
"mấy cái đó")."""

from __future__ import annotations

import re

# "mấy ngành nào": which ones, a list; not "điều mấy của luật nào"
WHICH_FEW = r"\bmấy(?:\s+(?!của\b|ở\b|và\b|tại\b|trong\b)\w+){1,3}?\s+nào\b"

# "bao nhiêu doanh nghiệp": the thing counted, which a number in the answer must be of.
# "mấy năm tới", "mấy tháng qua": the next / last few years, a period, not a count asked;
# nor "mấy năm 2021 tới 2025": the years named (a range)
_FEW = re.compile(
    r"\bmấy (?:năm|tháng|tuần|ngày|hôm) (?:tới|qua|nay|gần đây|sắp tới|trước|vừa qua)\b"
    r"|\bmấy năm(?= (?:19|20)\d\d\s*(?:-|–|tới|đến)\s*(?:19|20)\d\d\b)"
)
# "mấy" in everyday speech is also "those" ("mấy cái đó", "mấy biểu mẫu này"): with a
# demonstrative right after its noun it counts nothing; "mấy lần, vào thời điểm nào" counts.
_THOSE = re.compile(
    r"\bmấy\s+(?:(?!(?:ở|tại|của|trong|thuộc|trên|với)\b)\w+\s+){0,3}?(?:đó|này|kia|ấy)\b"
)
# "có áp dụng cho mấy cơ sở quốc phòng không?": inside a yes-no question "mấy" is "those"
# (a count would not end in "không"; "mấy xã không có sóng" counts: "không" goes on)
_YES_NO_FEW = re.compile(r"\bmấy\b(?=[^?]*\bkhông\s*(?:[,?.!]|hay\b|$))")


# In a question asking who, "mấy" before a noun is "those" ("sở nào lo khen thưởng mấy
# doanh nghiệp làm giỏi", "ai chịu trách nhiệm về chất lượng mấy biểu mẫu"); it still counts
# after a noun it numbers ("tờ trình số mấy", "khóa mấy") and before times, steps, people
# or sums ("báo cáo mấy lần", "mấy ngày", "mấy triệu đồng").
_THOSE_OF_WHO = re.compile(
    r"(?<!\bsố\s)(?<!\bkhóa\s)(?<!\bkhoá\s)(?<!\bkỳ\s)(?<!\bthứ\s)(?<!\bđiều\s)"
    r"(?<!\bkhoản\s)(?<!\bchương\s)(?<!\bmục\s)"
    r"\bmấy\b(?!\s*%|\s+(?:lần|lượt|đợt|bước|ngày|tháng|năm|giờ|tuần|quý|người|phần|nào"
    r"|triệu|tỷ|tỉ|nghìn|ngàn|đồng)(?!\w))"
)


def counting(low: str, who: bool = False) -> str:
    """The question with the "mấy" that counts nothing, and "mấy năm tới", blanked; `who`:
    the question asks who."""
    low = _YES_NO_FEW.sub(" ", low) if re.search(r"\bcó\b", low) else low
    if who:
        low = _THOSE_OF_WHO.sub(" ", low)
    return re.sub(WHICH_FEW, " ", _THOSE.sub(" ", _FEW.sub(" ", low)))


# "mấy cái trụ cột": a classifier before the noun counts nothing of its own; a unit spelled
# out with hyphens ("héc-ta", "ki-lô-mét") is one word.
_UNIT = re.compile(
    r"\b(?:bao nhiêu|mấy)\s+(?:(?:cái|chiếc)\s+)?(?!phần trăm|%)(\w+(?:-\w+)*(?:\s+\w+)?)"
)


# Words after "bao nhiêu" that are not the thing counted: verbs, particles, prepositions.
_NOT_UNITS = {
    *("là", "được", "có", "đã", "sẽ", "thì", "vậy", "của", "trong", "so", "khi"),
    *("vào", "cho", "với", "ở", "tại", "trên", "đến", "tới", "từ", "nữa", "ạ", "không"),
    *("một", "mỗi"),  # "bao nhiêu một năm": a rate, the amount is what is counted
}
# "bao nhiêu phần (các xã)": a share, asked as a fraction, answered as a percentage.
SHARE = re.compile(r"\b(?:bao nhiêu|mấy) phần\b(?! trăm)")


def unit_counted(text: str, who: bool = False) -> str | None:
    """The thing a number question counts ("bao nhiêu doanh nghiệp"); `who` as counting."""
    m = _UNIT.search(counting(text.casefold(), who))
    if not m or share_of(text) or SHARE.search(text.casefold()):
        return None
    first = m.group(1).split()[0]
    return None if first in _NOT_UNITS else first


# "bao nhiêu một năm", "tối đa bao nhiêu tiền mỗi người": an amount per year, per person.
_PER = re.compile(r"\b(?:bao nhiêu|mấy)(?:\s+\w+)?\s+(?:một|mỗi)\s+(\w+)")


# "hỗ trợ tiền thuê nhà bao nhiêu mỗi tháng": a sum of money per period.
_MONEY = re.compile(r"\b(?:tiền|kinh phí|chi phí|lệ phí|phí|lương|mức hỗ trợ|mức chi)\b")


# "bị phạt (tiền) bao nhiêu", "mức phạt là bao nhiêu": a fine, counted in currency.
_FINE = re.compile(r"\b(?:phạt(?:\s+tiền)?|mức\s+phạt)\s+(?:là\s+)?(?:bao nhiêu|mấy)\b")


# "tài sản đóng góp tối thiểu phải là bao nhiêu?", "kinh phí là bao nhiêu ạ?": the value of
# what is money by nature, asked last; not a share of it ("… chiếm bao nhiêu") nor a length
# of time ("… có thời hạn bao nhiêu"). A fee, a level of support, capital may be a percentage
# ("lệ phí trước bạ 2%", "vốn đối ứng 30%"): not counted here.
_MONEY_VALUE = re.compile(
    r"\b(?:tiền|kinh phí|tài sản)\b"
    r"(?:(?!\b(?:chiếm|đạt|tăng|giảm|bằng|tỷ lệ|tỉ lệ|thời hạn|thời gian|kỳ hạn)\b)[^?,;.])*?"
    r"\b(?:bao nhiêu|mấy)(?:\s+(?:tiền|đồng))?(?:\s+(?:ạ|vậy|nhỉ|nhé|thế|hả))*\s*\??\s*$"
)


# "lệ phí cấp thẻ là bao nhiêu?", "giá vé bao nhiêu?": a fee or a price, in currency or as a
# percentage ("lệ phí trước bạ 2%"), never a count of papers; not "đánh giá", "định giá"
_FEE_VALUE = re.compile(
    r"\b(?:lệ phí|phí|(?<!đánh )(?<!định )giá(?! trị)|mức thu)\b[^?,;.]*?"
    r"\b(?:là\s+)?(?:bao nhiêu|mấy)(?:\s+(?:tiền|đồng))?(?:\s+(?:ạ|vậy|nhỉ|nhé|thế|hả))*\s*\??\s*$"
)


def money_rate(low: str) -> str | None:
    """The unit of a rate asked of money, of a fine, or of a sum of money's value: counted
    in currency ("tiền"); of a fee or a price: in currency or as a share ("phí")."""
    if (per_unit(low) and _MONEY.search(low)) or _FINE.search(low) or _MONEY_VALUE.search(low):
        return "tiền"
    return "phí" if _FEE_VALUE.search(low) else None


def per_unit(low: str) -> str | None:
    m = _PER.search(low)
    return m.group(1) if m else None


def share_of(text: str) -> bool:
    """'chiếm bao nhiêu GRDP': an acronym after the question word asks for a share of it."""
    m = re.search(r"(?:bao nhiêu|mấy)\s+(\w+)", text, re.IGNORECASE)
    return bool(m and len(m.group(1)) >= 2 and m.group(1).isupper())
