"""What a sentence's time and its document's levels of government allow it to answer."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policybot.answers.sentences import Sentence
from policybot.questions.question import LEVEL, QuestionSpec
from policybot.search.retrieve import Retriever
from policybot.types import Hit


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


class DocumentArticles:
    """The numbers of the articles each document is set out in, read once per document."""

    def __init__(self, retriever: Retriever) -> None:
        self._retriever = retriever
        self._found: dict[str, frozenset[str]] = {}

    def of(self, doc_id: str, hits: Sequence[Hit] = ()) -> frozenset[str]:
        """Its articles, those of the passages in `hits` of the same document included."""
        found = self._found.get(doc_id)
        if found is None:
            chunks = self._retriever.chunks
            numbers = (chunks[cid].article() for cid in self._retriever.passages_of(doc_id))
            found = frozenset(n for n in numbers if n is not None)
            self._found[doc_id] = found
        seen = (h.chunk.article() for h in hits if h.chunk.doc_id == doc_id)
        return found | {n for n in seen if n is not None}


def in_article(spec: QuestionSpec, sent: Sentence, articles: frozenset[str]) -> bool:
    """A question naming an article its document (set out in `articles`) does not have
    ("Điều 20" of a 17-article regulation) is answered by none of its sentences, unless one
    names that article ("trường hợp quy định tại Điều 20 …"). A named article the document
    has may state nothing asked: its other articles may answer (focus.py tries it first)."""
    if not spec.articles or not articles or set(spec.articles) & articles:
        return True
    named = re.findall(r"(?<!\w)[Đđ]iều\s+(\d+[a-zđ]?)(?!\w)", sent.text)
    return any(n.lower() in spec.articles for n in named)
