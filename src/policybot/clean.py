"""Text cleaning: make every loaded text look the same, and drop web-page chrome.

Policy texts reach us as pages saved from provincial portals and newspapers. Besides the
article they carry comment forms, "other news" lists, visitor counters and footers. If that
chrome is indexed, searches for "chuyển đổi số" return the related-news list instead of the
article, and citations point at "Thống kê truy cập". Everything here is a pure str -> str
function so it can be tested on its own and re-run on any text.

Nothing here changes the characters of a word: no lowercasing, no punctuation rewriting, so a
number like "5807/KH-UBND" survives exactly and can be searched and cited.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from itertools import pairwise

__all__ = ["clean", "extract_published", "normalize", "strip_page_chrome"]

# --------------------------------------------------------------------------------------------
# normalize
# --------------------------------------------------------------------------------------------

# Characters that end a line in some writer or other (CR, NEL, LS, PS, VT, FF). Form feed is
# what PDF extractors put between pages; treating it as a line break keeps the words apart.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Horizontal whitespace of any kind (tab, NBSP, thin spaces, ideographic space...).
_HSPACE = re.compile(r"[^\S\n]+")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def _keep_char(ch: str) -> bool:
    """False for characters that are invisible and carry no text.

    Format characters (category Cf: zero-width space/joiners, BOM, soft hyphen, bidi marks)
    split words for search without being visible; control characters (Cc) and lone
    surrogates (Cs) are debris from broken encodings or binary data.
    """
    if ch == "\n":
        return True
    return unicodedata.category(ch) not in ("Cc", "Cf", "Cs")


def normalize(text: str) -> str:
    """One canonical form for any text: NFC, plain spaces, "\\n" line ends, tidy blank lines.

    NFC matters most: Vietnamese typed on different systems arrives composed ("ệ") or
    decomposed ("e" + marks), and the two never match each other in search. Leading
    indentation is dropped too: web pages indent with runs of NBSP that mean nothing.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = text.replace("\t", " ")
    text = "".join(ch for ch in text if _keep_char(ch))
    text = _HSPACE.sub(" ", text)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    text = _MANY_BLANK_LINES.sub("\n\n", text).strip("\n")
    # Removing characters can bring a base letter next to its combining mark: compose again.
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------------------------
# strip_page_chrome
# --------------------------------------------------------------------------------------------


def _key(line: str) -> str:
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
# news, visitor counters. Matched against the whole line (see _key).
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
_TIMESTAMP_LINE = re.compile(
    rf"(?:{_DATE_LABEL}\s*:?\s*(?:{_WEEKDAY}\s*,?\s*)?(?P<d1>{_DATE})(?:\s*[,|-]?\s*{_TIME})?"
    rf"|(?:{_WEEKDAY}\s*,?\s*)?(?P<d2>{_DATE})\s*[,|-]?\s*{_TIME}"
    rf"|{_WEEKDAY}\s*,?\s*(?P<d3>{_DATE}))"
)
_IMAGE_FILE = re.compile(r"[\w\-.()]+\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?)", re.IGNORECASE)
_BIG_NUMBER = re.compile(r"\d{1,3}(?:[.,\s]\d{3})+|\d{5,}")
# A byline in capitals: two to four words, letters only ("THIỆN ĐẠT", "DỤNG VĂN DUY").
_CAPS_BYLINE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){1,3}")


def _is_cut_marker(line: str) -> bool:
    """True for a heading after which a page has no more article (comments, other news)."""
    key = _key(line)
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


def _is_chrome_line(line: str, next_line: str) -> bool:
    """True for a single line of page furniture that can appear anywhere on the page.

    `next_line` is the next non-empty line: "Trực tuyến" alone is chrome only when a counter
    number follows it.
    """
    key = _key(line)
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
            _TIMESTAMP_LINE.fullmatch(key) is not None,
            _IMAGE_FILE.fullmatch(stripped) is not None,
        )
    )


def _is_caps_byline(line: str) -> bool:
    stripped = line.strip()
    return (
        len(stripped) <= 40 and stripped.isupper() and _CAPS_BYLINE.fullmatch(stripped) is not None
    )


def _content_indexes(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.strip()]


def _cut_at_marker(lines: list[str]) -> list[str]:
    """Drop everything from the first cut marker that follows some article text.

    A marker before any text (a "Tin mới" box above the article) is only dropped itself,
    so a page that starts with one does not lose its article.
    """
    seen_text = False
    kept: list[str] = []
    for line in lines:
        if _is_cut_marker(line):
            if seen_text:
                return kept
            continue
        if line.strip() and not _is_chrome_line(line, ""):
            seen_text = True
        kept.append(line)
    return kept


def _drop_chrome_lines(lines: list[str]) -> list[str]:
    nonempty = _content_indexes(lines)
    following = {a: lines[b] for a, b in pairwise(nonempty)}
    return [line for i, line in enumerate(lines) if not _is_chrome_line(line, following.get(i, ""))]


def _drop_trailing_title_and_byline(lines: list[str]) -> list[str]:
    """Drop a last line that repeats the title, then a capitalised author byline.

    Pages often print the headline again in a footer or share box; a capitalised name as
    the last line is the author, not part of the text. Mixed-case names at the end of the
    last paragraph are left alone: they cannot be told apart from text.
    """
    nonempty = _content_indexes(lines)
    if len(nonempty) >= 3 and lines[nonempty[-1]].strip() == lines[nonempty[0]].strip():
        lines = lines[: nonempty[-1]]
        nonempty = nonempty[:-1]
    if len(nonempty) >= 2 and _is_caps_byline(lines[nonempty[-1]]):
        lines = lines[: nonempty[-1]]
    return lines


def _strip_once(text: str) -> str:
    lines = text.split("\n")
    lines = _cut_at_marker(lines)
    lines = _drop_chrome_lines(lines)
    lines = _drop_trailing_title_and_byline(lines)
    return "\n".join(lines)


def strip_page_chrome(text: str) -> str:
    """Remove web-page furniture from text saved from a news or portal page.

    Line based: a comment-form, other-news or counter heading ends the article (it and
    everything after it go); other chrome lines (timestamps, nav links, captcha, copyright,
    bare image file names, big bare numbers) go one by one. Matching is on whole lines, so a
    sentence that merely contains "trực tuyến" or "bình luận" stays. Repeated until nothing
    changes, so running it twice gives the same text.
    """
    for _ in range(text.count("\n") + 2):
        stripped = _strip_once(text)
        if stripped == text:
            break
        text = stripped
    return text


# --------------------------------------------------------------------------------------------
# extract_published
# --------------------------------------------------------------------------------------------

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
        match = _TIMESTAMP_LINE.fullmatch(_key(line))
        if match:
            found = match.group("d1") or match.group("d2") or match.group("d3")
            iso = _iso(found) if found else None
            if iso:
                return iso
    return None


# --------------------------------------------------------------------------------------------
# clean
# --------------------------------------------------------------------------------------------


def clean(text: str) -> str:
    """The text every loader stores: normalized, without page chrome."""
    return normalize(strip_page_chrome(normalize(text)))
