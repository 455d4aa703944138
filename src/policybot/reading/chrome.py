"""Page chrome: drop web-page furniture from text saved from a news or portal page.

If comment forms, "other news" lists and visitor counters are indexed, searches for
"chuyển đổi số" return the related-news list instead of the article, and citations point at
"Thống kê truy cập". Which single lines are chrome is decided in chrome_lines.py; this module
decides what to drop from a whole page. Pure str -> str, so it can be re-run on any text.
"""

from __future__ import annotations

from itertools import pairwise

from policybot.reading.chrome_lines import is_caps_byline, is_chrome_line, is_cut_marker

__all__ = ["strip_page_chrome"]


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
