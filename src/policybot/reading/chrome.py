"""Page chrome: drop web-page furniture from text saved from a news or portal page.

If comment forms, "other news" lists and visitor counters are indexed, searches for
"chuyển đổi số" return the related-news list instead of the article, and citations point at
"Thống kê truy cập". Which single lines are chrome is decided in chrome_lines.py; this module
decides what to drop from a whole page. Pure str -> str, so it can be re-run on any text.
"""

from __future__ import annotations

import re
from itertools import pairwise

from policybot.reading.chrome_lines import is_caps_byline, is_chrome_line, is_cut_marker

__all__ = ["drop_repeated_blocks", "strip_page_chrome"]


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
        if is_cut_marker(line):
            if seen_text:
                return kept
            continue
        if line.strip() and not is_chrome_line(line, ""):
            seen_text = True
        kept.append(line)
    return kept


def _drop_chrome_lines(lines: list[str]) -> list[str]:
    nonempty = _content_indexes(lines)
    following = {a: lines[b] for a, b in pairwise(nonempty)}
    return [line for i, line in enumerate(lines) if not is_chrome_line(line, following.get(i, ""))]


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
    if len(nonempty) >= 2 and is_caps_byline(lines[nonempty[-1]]):
        lines = lines[: nonempty[-1]]
    return lines


_CRUMB_SEPARATOR = re.compile(r"[-•*\s]*[>»›/]+\s*")
_CRUMB_ZONE = 15  # non-empty lines at the top of a page where a breadcrumb trail sits
_CRUMB_ITEM = 300


def _drop_breadcrumb(lines: list[str]) -> list[str]:
    """Drop breadcrumb trails near the top of a page ("Trang chủ > Văn bản ... > Title"):
    short lines joined by lines that hold only ">" (or "»", "/"), two separators at least."""
    nonempty = _content_indexes(lines)[:_CRUMB_ZONE]
    drop: set[int] = set()
    k = 0
    while k < len(nonempty):
        trail = [nonempty[k]]
        while (
            k + 2 < len(nonempty)
            and _CRUMB_SEPARATOR.fullmatch(lines[nonempty[k + 1]])
            and not _CRUMB_SEPARATOR.fullmatch(lines[nonempty[k + 2]])
        ):
            trail += [nonempty[k + 1], nonempty[k + 2]]
            k += 2
        k += 1
        if len(trail) >= 5 and all(len(lines[i]) <= _CRUMB_ITEM for i in trail):
            drop.update(trail)
    return [line for i, line in enumerate(lines) if i not in drop]


_REPEAT_MIN_CHARS = 40  # lines this long are rarely written twice on purpose
_REPEAT_RUN = 5  # so this many of them again, in order, are a second copy of the body


def drop_repeated_blocks(text: str) -> str:
    """Remove a second copy of a run of text: portal pages hold the body twice (a "content"
    tab and an "original" tab). A run of five or more long lines that repeats, in the same
    order, lines seen earlier goes; single repeated lines stay."""
    lines = text.split("\n")
    long_lines = [i for i, line in enumerate(lines) if len(line.strip()) >= _REPEAT_MIN_CHARS]
    first: dict[str, int] = {}
    for rank, i in enumerate(long_lines):
        first.setdefault(lines[i].strip(), rank)
    drop: set[int] = set()
    rank = 0
    while rank < len(long_lines):
        earlier = first[lines[long_lines[rank]].strip()]
        run = 0
        while (
            rank + run < len(long_lines)
            and earlier + run < rank
            and lines[long_lines[earlier + run]].strip() == lines[long_lines[rank + run]].strip()
        ):
            run += 1
        if earlier < rank and run >= _REPEAT_RUN:
            start, end = long_lines[rank], long_lines[rank + run - 1]
            drop.update(range(start, end + 1))
            rank += run
        else:
            rank += 1
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _strip_once(text: str) -> str:
    lines = text.split("\n")
    lines = _drop_breadcrumb(lines)
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
