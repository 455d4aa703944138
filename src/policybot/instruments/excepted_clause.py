"""The clause a sentence sets aside: "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm
2025, trừ trường hợp quy định tại khoản 2 Điều này." is half an answer without "2. Khoản 3
Điều 10 của Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026."."""

from __future__ import annotations

import re

_EXCEPT = re.compile(
    r"(?<!\w)trừ\s+(?:(?:các\s+)?trường\s+hợp\s+)?(?:quy\s+định\s+)?(?:tại\s+)?(?:các\s+)?"
    r"(?:điểm\s+\w\s+)?khoản\s+(?P<n>\d{1,2})(?P<more>(?:\s*(?:,|và)\s*(?:khoản\s+)?\d{1,2})*)\s+Điều\s+này(?!\w)",
    re.IGNORECASE,
)
_MORE = re.compile(r"\d{1,2}")
_NEXT_ARTICLE = re.compile(r"(?m)^\s*Điều\s+\d+")
_FIRST_SENTENCE = re.compile(r"[^\n]+?(?:[.;](?=\s|$)|$)", re.MULTILINE)


def excepted_clauses(sentence: str, text: str, after: int) -> list[tuple[int, int]]:
    """Spans in `text` of the first sentence of each clause of the same article that
    `sentence` sets aside ("trừ trường hợp quy định tại khoản 2 Điều này"), looked for from
    `after` (where the sentence ends) to the next article; none when it sets none aside."""
    m = _EXCEPT.search(sentence)
    if m is None:
        return []
    numbers = [m.group("n"), *_MORE.findall(m.group("more"))]
    end = _NEXT_ARTICLE.search(text, after)
    article = text[: end.start() if end else len(text)]
    spans = []
    for n in numbers:
        clause = re.compile(rf"(?m)^[ \t]*(?P<c>{n}\.\s+)").search(article, after)
        first = _FIRST_SENTENCE.match(article, clause.end()) if clause else None
        if clause is not None and first is not None:
            spans.append((clause.start("c"), first.end()))
    return spans
