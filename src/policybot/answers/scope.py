"""What a sentence's time and its document's levels of government allow it to answer."""

from __future__ import annotations

import re

from policybot.answers.sentences import Sentence
from policybot.questions.question import LEVEL, QuestionSpec
from policybot.search.retrieve import Retriever


def in_time(spec: QuestionSpec, years: set[str], stated: frozenset[str] | set[str]) -> bool:
    """The sentence speaks of every year the question asks of (`years`, after those that
    name something), and of some year of each period it asks of ("giai đoạn 2021-2025" is
    asked of by a sentence dated 2023 or by one of a document issued in 2022)."""
    ends = {y for period in spec.periods for y in period}
    if not (years - ends) <= stated:
        return False
    return all(
        any(str(y) in stated for y in range(int(first), int(last) + 1))
        for first, last in spec.periods
        if first in years or last in years  # not a period the title names (titled_year.py)
    )


class DocumentLevels:
    """The levels of government each document speaks of ("cấp tỉnh" -> "tỉnh"), read once
    per document."""

    def __init__(self, retriever: Retriever) -> None:
        self._retriever = retriever
        self._found: dict[str, frozenset[str]] = {}

    def of(self, doc_id: str) -> frozenset[str]:
        found = self._found.get(doc_id)
        if found is None:
            chunks = self._retriever.chunks
            found = frozenset(
                m.casefold()
                for cid in self._retriever.passages_of(doc_id)
                for m in LEVEL.findall(f"{chunks[cid].heading}\n{chunks[cid].text}")
            )
            self._found[doc_id] = found
        return found


def in_article(spec: QuestionSpec, sent: Sentence) -> bool:
    """A question naming an article ("Điều 20 quy định gì") is answered from that article,
    or by a sentence that names it ("trường hợp quy định tại Điều 20 …"); never from another
    article of a document whose passages stand in articles."""
    article = sent.hit.chunk.article()
    if not spec.articles or article is None or article in spec.articles:
        return True
    named = re.findall(r"(?<!\w)[Đđ]iều\s+(\d+[a-zđ]?)(?!\w)", sent.text)
    return any(n.lower() in spec.articles for n in named)
