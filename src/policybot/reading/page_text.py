"""Pure: the text of printed pages made into running text.

A PDF's text layer (and OCR) keeps the page's line breaks: "cấp giấy phép / lái xe quốc
tế" is one sentence on two lines, and a search for the phrase across the break misses it.
Printed gazettes repeat a running header on every page ("CÔNG BÁO/Số 82/Ngày 04-02-2026")
and number the pages; those lines would otherwise sit in the middle of an article.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["continues_over", "is_page_number", "rejoin_lines", "strip_running_heads"]

_EDGE_LINES = 3  # lines at the top and the bottom of a page where running heads sit
_MIN_PAGES = 3
_SHARE = 0.4  # a head repeated on this share of the pages is furniture
_PAGE_NUMBER = re.compile(
    r"(?:-\s*)?(?:trang\s+|page\s+)?\d{1,4}(?:\s*(?:/|trên|of)\s*\d{1,4})?(?:\s*-)?",
    re.IGNORECASE,
)
# The Official Gazette's running header, with the page number on either side, at the
# start or the end of a line.
_GAZETTE_HEAD = (
    r"(?:\d{1,5}\s+)?công\s*báo\s*/\s*số\s*[\d\s+]+/\s*"
    r"ngày\s*\d{1,2}[-./]\d{1,2}[-./]\d{4}(?:\s+\d{1,5})?"
)
_GAZETTE_HEAD_AT_EDGE = re.compile(rf"^{_GAZETTE_HEAD}\s*|\s*{_GAZETTE_HEAD}$", re.IGNORECASE)


def is_page_number(line: str) -> bool:
    """ "12", "- 12 -", "Trang 3", "3/12": a line that only numbers the page."""
    return _PAGE_NUMBER.fullmatch(line.strip()) is not None


def _key(line: str) -> str:
    """A head line reduced so page numbers and dates do not tell pages apart."""
    return " ".join(re.sub(r"\d+", " ", line.casefold()).split())


def _edges(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]))


def strip_running_heads(pages: list[str]) -> list[str]:
    """Pages without their running headers/footers and page numbers.

    A line at the top or bottom of a page is dropped when it is a page number, a gazette
    header, or (in a document of three pages or more) when the same line, numbers aside,
    tops or tails at least 40% of the pages.
    """
    split = [page.split("\n") for page in pages]
    counts: Counter[str] = Counter()
    for lines in split:
        counts.update({_key(lines[i]) for i in _edges(lines) if _key(lines[i])})
    threshold = max(2, int(len(pages) * _SHARE + 0.999))
    repeated = (
        {key for key, n in counts.items() if n >= threshold} if len(pages) >= _MIN_PAGES else set()
    )
    out: list[str] = []
    for lines in split:
        drop = {i for i in _edges(lines) if is_page_number(lines[i]) or _key(lines[i]) in repeated}
        kept = [_without_gazette_head(line) for i, line in enumerate(lines) if i not in drop]
        out.append("\n".join(line for line in kept if line is not None))
    return out


def _without_gazette_head(line: str) -> str | None:
    """The line without a gazette header at its start or end (text extraction puts it
    anywhere on a page of tables, sometimes on one line with a table heading); None when
    the header was all the line held."""
    stripped = _GAZETTE_HEAD_AT_EDGE.sub("", line.strip())
    if stripped == line.strip():
        return line
    return stripped or None


# --------------------------------------------------------------------------------------------
# rejoining lines
# --------------------------------------------------------------------------------------------

# Lines that start something of their own: articles, clauses, list items, headings.
_STARTS_BLOCK = re.compile(
    r"(?:điều|khoản|chương|mục|phần|phụ lục|mẫu|biểu)\s+(?-i:[\dIVXLC])"
    r"|[a-zđ]\)|\d+(?:\.\d+)*[.)]\s|[IVXLC]+[.)]\s|[-+•*–—]",
    re.IGNORECASE,
)
_ENDS_SENTENCE = re.compile(r"[.:;!?…]\W*$")


def _is_caps_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _continues(previous: str, line: str, full_width: int) -> bool:
    """True when `line` goes on with the sentence `previous` broke off."""
    if not previous or not line:
        return False
    if _ENDS_SENTENCE.search(previous) or _is_caps_line(previous):
        return False
    if _STARTS_BLOCK.match(line) or "|" in previous or "|" in line:
        return False  # a new block, or rows of a table
    first = line[0]
    if first.islower():
        return True
    # "... tỉnh Sơn / La trên cơ sở", "... năm / 2019;": a capital or a number goes on a
    # line that was filled to the margin
    return (
        (first.isupper() or first.isdigit())
        and not _is_caps_line(line)
        and (len(previous) >= full_width)
    )


def continues_over(last_line: str, next_page: str) -> bool:
    """True when the next page's first line goes on with the sentence `last_line` broke off
    (lower-case start only: a page break is too strong a boundary to guess more)."""
    first = next_page.lstrip().split("\n", 1)[0].strip()
    return bool(first) and first[0].islower() and _continues(last_line.strip(), first, 10**9)


_FULL_LINE = 0.85  # of the page's long lines: a line this long was wrapped, not ended
_MIN_LINES_FOR_WIDTH = 6


def _full_width(lines: list[str]) -> int:
    """Length from which a line counts as filled to the right margin (a huge number when
    the page has too few lines to tell)."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < _MIN_LINES_FOR_WIDTH:
        return 10**9
    return int(lengths[int(len(lengths) * 0.9)] * _FULL_LINE)


def rejoin_lines(text: str) -> str:
    """Join lines that break a sentence: the line before ends without a full stop, colon or
    semicolon, and the next one starts in lower case or with a number, or with a capital
    after a line filled to the margin. Headings in capitals, article and clause starts and
    list items keep their own lines."""
    lines = text.split("\n")
    full_width = _full_width(lines)
    out: list[str] = []
    for raw in lines:
        line = raw.strip()
        if out and _continues(out[-1].strip(), line, full_width):
            out[-1] = out[-1].rstrip() + " " + line
        elif _across_blank(out, line):
            out.pop()
            out[-1] = out[-1].rstrip() + " " + line
        else:
            out.append(raw)
    return "\n".join(out)


def _across_blank(out: list[str], line: str) -> bool:
    """A line in lower case after one blank line, going on with the sentence the line
    before the blank broke off ("… gói kích cầu 17.000" | "" | "tỷ đồng để cấp …"): a
    paragraph break OCR or the layout put inside a sentence. Not after a short line (a
    header's "Độc lập - Tự do - Hạnh phúc"), nor before a label ("số: …")."""
    return (
        len(out) >= 2
        and not out[-1].strip()
        and len(out[-2].strip()) >= _BODY_LINE
        and line[:1].islower()
        and not _LABEL.match(line)
        and _continues(out[-2].strip(), line, 10**9)
    )


_BODY_LINE = 40  # characters: shorter lines are a header's or a heading's
_LABEL = re.compile(r"[^\W\d_]+(?:\s[^\W\d_]+)?\s*:")
