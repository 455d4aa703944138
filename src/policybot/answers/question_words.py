"""The words of a question an answer should hold, and how much each one weighs.

Coverage (the share of the question a candidate sentence holds) weighs each question word by
its idf over the passages of the index: a rare word says more about what is asked than a
common one. Function words, and words checked on their own as constraints (place, year,
instrument, the kind of fact asked: stated.pinned), are not counted.
"""

from __future__ import annotations

import math

from policybot.answers.stated import STOPWORDS, pinned
from policybot.index.lexical import TermCounts
from policybot.questions.question import QuestionSpec
from policybot.search.querytext import retrieval_text, without_source
from policybot.text.acronyms import in_full
from policybot.text.bounds import same_bounds
from policybot.text.everyday import written_words
from policybot.text.segment import syllables

# A question word no passage holds ("mảng", "gánh": the asker's own) is in no candidate, so
# at its full idf, the highest there is, it would only pull every candidate's coverage
# down; it counts half, still a sign that the corpus may not speak of what is asked.
UNSEEN_WEIGHT = 0.5


def words(text: str) -> list[str]:
    """Lower-cased syllables with bounds and everyday words written one way (both sides of
    a comparison go through this)."""
    return syllables(same_bounds(written_words(text)))


def unasked_share(text: str, asked: set[str]) -> float:
    """The share of `text`'s content words (no function words, list marks or numbers) that
    are not among `asked`; 0 for a text with none."""
    own = {
        t
        for t in words(text)
        if t not in STOPWORDS and len(t) > 1 and not any(c.isdigit() for c in t)
    }
    return sum(t not in asked for t in own) / len(own) if own else 0.0


class QuestionWords:
    """Question words and their weights over one index's passages."""

    def __init__(self, df: TermCounts) -> None:
        self._df = df  # syllable document frequencies, saved at ingest
        self._n = max(1, df.passages)

    def idf(self, tok: str) -> float:
        df = self._df.get(tok)
        return math.log(1 + (self._n - df + 0.5) / (df + 0.5))

    def weight(self, tok: str) -> float:
        """A question word's weight in coverage: its idf, less for a word no passage holds."""
        return self.idf(tok) * (UNSEEN_WEIGHT if not self._df.get(tok) else 1.0)

    def content_left(self, spec: QuestionSpec) -> list[str]:
        """Question words that are neither function words nor checked as constraints.

        Exam and article phrasing (querytext.py) is not asked of the answer; when nothing
        else is left ("Mục tiêu nào được đề cập trong tin bài?"), the question as asked is.
        """
        skip = pinned(spec)
        asked = retrieval_text(spec.text)
        for text in (without_source(asked), asked, spec.text):
            said = dict.fromkeys(words(in_full(text)))
            found = [t for t in said if t not in STOPWORDS and t not in skip]
            if found:
                return found
        return []
