"""Chrome lines: which single lines of a saved web page are furniture, not article.

Policy texts reach us as pages saved from provincial portals and newspapers. Besides the
article they carry comment forms, "other news" lists, visitor counters and footers. This
module only recognises such lines one at a time (whole-line matches, so a sentence that
merely contains "trực tuyến" stays); chrome.py decides what to drop from a page.
"""

from __future__ import annotations

import re

__all__ = [
    "TIMESTAMP_LINE",
    "is_caps_byline",
    "is_chrome_line",
    "is_cut_marker",
    "line_key",
]


def line_key(line: str) -> str:
    """A line reduced for matching: casefolded, single-spaced, without edge punctuation,
    bullets or a trailing count like "(0)", so "Bình luận bạn đọc (0)" ~ "bình luận bạn đọc"."""
    key = " ".join(line.casefold().split())
    key = re.sub(r"^[\s•·*\-–—>»›|]+", "", key)
    key = re.sub(r"\s*\(\d+\)\s*$", "", key)
    key = re.sub(r"^\(\d+\)\s*", "", key)
    return key.strip(" :.!»›>|-–—")


def _pattern(*alternatives: str) -> re.Pattern[str]:
    """Whole-key pattern from word alternatives, tolerant of any spacing between words."""
    alts = "|".join(a.replace(" ", r"\s+") for a in alternatives)
    return re.compile(rf"(?:{alts})")


# Headings that open the part of a page after the article: comment forms, lists of other
# news, visitor counters. Matched against the whole line (see line_key).
_CUT_WHOLE = _pattern(
    # comments
    r"bình luận của bạn",
    r"gửi bình luận(?: của bạn)?",
    r"viết bình luận",
    r"bình luận(?: bạn đọc)?",
    r"ý kiến bạn đọc",
    r"ý kiến của bạn",
    r"gửi ý kiến(?: của bạn)?",
    r"comments?",
    r"leave a (?:comment|reply)",
    # other news
    r"các tin khác",
    r"tin khác",
    r"tin liên quan",
    r"bài liên quan",
    r"bài viết liên quan",
    r"tin cùng chuyên mục",
    r"cùng chuyên mục",
    r"tin mới(?: nhất| hơn)?",
    r"tin đã đưa",
    r"tin đọc nhiều(?: nhất)?",
    r"đọc nhiều(?: nhất)?",
    r"xem thêm",
    r"related (?:articles|news|posts|stories)",
    r"read more",
    r"focus",
    r"do not miss",
    r"don't miss",
    r"most read",
    # counters
    r"thống kê truy cập",
    r"người trực tuyến",
    r"đang trực tuyến",
    r"lượt truy cập",
    r"tổng lượt truy cập",
)
# The same kind of heading followed by something short ("Thống kê truy cập - Tin cơ sở",
# "Bình luận bạn đọc (0)"). Only unambiguous phrases: "Xem thêm: ..." mid-article is a link
# inside the article and must not end it.
_CUT_PREFIX = _pattern(
    r"bình luận của bạn",
    r"gửi bình luận",
    r"bình luận bạn đọc",
    r"ý kiến bạn đọc",
    r"thống kê truy cập",
    r"các tin khác",
    r"tin cùng chuyên mục",
)
# ... and then a separator: "Các tin khác được cập nhật." is a sentence, not a heading.
_CUT_PREFIX_LINE = re.compile(rf"{_CUT_PREFIX.pattern}\s*[-–—:|(/]")
_SHORT_LINE = 60

# Lines that are chrome wherever they appear. All are matched against the whole key.
_NAV_WORDS = (
    r"liên hệ",
    r"trang chủ",
    r"tải về",
    r"giới thiệu",
    r"góp ý",
    r"quay lại",
    r"trở về",
    r"trở lại",
    r"về đầu trang",
    r"lên đầu trang",
    r"đầu trang",
    r"go top",
    r"back to top",
    r"top",
    r"in bài(?: viết)?",
    r"bản in",
    r"gửi email",
    r"gửi bài viết",
    r"chia sẻ",
    r"share",
    r"print",
    r"email",
    r"tweet",
    r"facebook",
    r"zalo",
)
_NAV_LINE = re.compile(
    r"(?:(?:\d+|[-–—|/•·!:,])\s*)*"
    rf"(?:{'|'.join(_NAV_WORDS)})"
    r"(?:\s*(?:\d+|[-–—|/•·!:,])*\s*(?:" + "|".join(_NAV_WORDS) + r"))*"
    r"(?:\s*(?:\d+|[-–—|/•·!:,]))*"
)
# Visitor counters. Strong labels are chrome on their own ("Người trực tuyến"); weak ones
# ("Khách", "Hôm nay") only with a number, and "Tổng" only doubled ("Tổng Tổng 761") or as
# "Tổng lượt truy cập", since "Tổng 1.234" can be a row of a budget table.
_COUNTER_STRONG = (
    r"tổng (?:số )?lượt truy cập",
    r"lượt truy cập",
    r"người trực tuyến",
    r"đang trực tuyến",
    r"đang truy cập",
    r"đang online",
    r"lượt xem",
    r"visitors?(?: online)?",
)
_COUNTER_WEAK = (
    r"khách",
    r"thành viên",
    r"tổng tổng",
    r"trực tuyến",
    r"online",
    r"hôm nay",
    r"hôm qua",
    r"tuần này",
    r"tháng này",
    r"năm nay",
)
_COUNTER_LABEL = "|".join(_COUNTER_STRONG + _COUNTER_WEAK)
_COUNTER_LINE = re.compile(rf"(?:(?:{_COUNTER_LABEL})\s*:?\s*)+(?P<n>\d[\d.,\s]*)?")
_COUNTER_STRONG_RE = re.compile("|".join(_COUNTER_STRONG))
_POLL_LINE = re.compile(r"hiện (?:tại )?(?:không có|chưa có) (?:cuộc )?bình chọn.*")
_CAPTCHA_LINE = re.compile(
    r"(?:ảnh |mã )?captcha.*|nhập mã (?:bảo mật|xác nhận|xác thực|captcha)(?: trên| ở trên)?"
    r"|mã (?:bảo mật|xác nhận)|nhập (?:các )?ký tự.*(?:trên|hình)"
)
_FOOTER_LINE = re.compile(r"(?:copyright\b|©|\(c\) ?\d{4}|powered by\b|bản quyền thuộc\b).*")
_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:sa|ch|am|pm))?(?:\s*\(?gmt\s*[+-]\s*\d+\)?)?"
_WEEKDAY = r"(?:thứ (?:hai|ba|tư|năm|sáu|bảy|\d)|chủ nhật)"
_DATE_LABEL = (
    r"(?:ngày cập nhật|cập nhật ngày|cập nhật lúc|cập nhật|ngày đăng|đăng ngày|đăng lúc|"
    r"ngày xuất bản|xuất bản|thời gian đăng|published|posted(?: on)?|updated)"
)
# "Ngày cập nhật: 28/12/2020 10:02:36 SA", "Thứ Năm, 08/06/2023, 05:40", "08/06/2023, 05:40".
# A bare date without a label needs a time: "17/12/2020" alone may be part of a document.
TIMESTAMP_LINE = re.compile(
    rf"(?:{_DATE_LABEL}\s*:?\s*(?:{_WEEKDAY}\s*,?\s*)?(?P<d1>{_DATE})(?:\s*[,|-]?\s*{_TIME})?"
    rf"|(?:{_WEEKDAY}\s*,?\s*)?(?P<d2>{_DATE})\s*[,|-]?\s*{_TIME}"
    rf"|{_WEEKDAY}\s*,?\s*(?P<d3>{_DATE}))"
)
_IMAGE_FILE = re.compile(r"[\w\-.()]+\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?)", re.IGNORECASE)
_BIG_NUMBER = re.compile(r"\d{1,3}(?:[.,\s]\d{3})+|\d{5,}")
# A byline in capitals: two to four words, letters only ("THIỆN ĐẠT", "DỤNG VĂN DUY").
_CAPS_BYLINE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){1,3}")


def is_cut_marker(line: str) -> bool:
    """True for a heading after which a page has no more article (comments, other news)."""
    key = line_key(line)
    if not key:
        return False
    if _CUT_WHOLE.fullmatch(key):
        return True
    return len(line) <= _SHORT_LINE and _CUT_PREFIX_LINE.match(key) is not None


def _is_counter(key: str) -> bool:
    """Visitor-counter lines: labels and numbers only ("Khách Khách 761")."""
    match = _COUNTER_LINE.fullmatch(key)
    if match is None:
        return False
    return match.group("n") is not None or _COUNTER_STRONG_RE.search(key) is not None


def is_chrome_line(line: str, next_line: str) -> bool:
    """True for a single line of page furniture that can appear anywhere on the page.

    `next_line` is the next non-empty line: "Trực tuyến" alone is chrome only when a counter
    number follows it.
    """
    key = line_key(line)
    if not key:
        return False
    stripped = line.strip()
    if _BIG_NUMBER.fullmatch(stripped):
        return True
    if key in ("trực tuyến", "online") and _BIG_NUMBER.fullmatch(next_line.strip()):
        return True
    return any(
        (
            _NAV_LINE.fullmatch(key) is not None,
            _is_counter(key),
            _POLL_LINE.fullmatch(key) is not None,
            len(stripped) <= _SHORT_LINE and _CAPTCHA_LINE.fullmatch(key) is not None,
            len(stripped) <= 200 and _FOOTER_LINE.fullmatch(key) is not None,
            TIMESTAMP_LINE.fullmatch(key) is not None,
            _IMAGE_FILE.fullmatch(stripped) is not None,
        )
    )


def is_caps_byline(line: str) -> bool:
    stripped = line.strip()
    return (
        len(stripped) <= 40 and stripped.isupper() and _CAPS_BYLINE.fullmatch(stripped) is not None
    )
