"""When the rule a question describes takes effect, where its law gives that rule a day of
its own.

A law takes effect on one day "trừ trường hợp quy định tại khoản 2 Điều này", and "2. Khoản 3
Điều 10 của Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026". Asked when the rule
on children's seats applies, retrieval ranks that rule (Điều 10, its clause 3) first, and
the law's own day is the wrong answer: the sentence naming that clause is the right one. It
answers only when the question names no instrument, the passage retrieval ranked first is
the article the sentence names, and of that article's clauses the one named holds more of
the question's words than any other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policybot.answers.draft import Draft
from policybot.answers.question_words import words
from policybot.answers.stated import STOPWORDS
from policybot.reading.effective import EFFECTIVE, effective_of
from policybot.text.refs import find_mentions
from policybot.types import Chunk, Hit

# "Khoản 3 Điều 10 của Luật này", "Điều 12": the part of the document a sentence names
_PART = re.compile(r"(?<!\w)(?:(?i:khoản)\s+(\d+)\s+)?Điều\s+(\d+[a-zđ]?)(?![\w/])")
_SENTENCE = re.compile(r"[^.;\n]+(?:\.(?!\d)|;|$)", re.MULTILINE)
# a numbered clause of an article, opening a line or following a sentence's end
_CLAUSE = re.compile(r"(?:^|(?<=[.:;])\s|\n)\s*(\d{1,2})\.\s+(?=\S)", re.MULTILINE)


def own_days(chunks: Sequence[Chunk]) -> list[tuple[str | None, str, str, Chunk]]:
    """The sentences of a document giving one of its own parts a day it takes effect:
    (clause or None, article, sentence, passage). A part of another instrument ("Điều 5 Nghị
    định 100/2019/NĐ-CP hết hiệu lực") is not the document's own."""
    out: list[tuple[str | None, str, str, Chunk]] = []
    for chunk in chunks:
        if "hiệu lực" not in chunk.text:
            continue
        for m in _SENTENCE.finditer(chunk.text):
            sentence = m.group(0).strip()
            verb = EFFECTIVE.search(sentence)
            if verb is None:
                continue
            # the parts that take effect are said before the verb; one after it is an
            # exception to the rest ("Luật này có hiệu lực …, trừ … khoản 3 Điều 10")
            parts = list(_PART.finditer(sentence[: verb.start()]))
            if (
                not parts
                or effective_of(sentence) is None
                or any(mention.instrument.number for mention in find_mentions(sentence))
            ):
                continue
            out.extend((p[1] or None, p[2], sentence, chunk) for p in parts)
    return out


def _clauses(text: str) -> dict[str, str]:
    """An article's numbered clauses, by number, as far as the passage holds them."""
    marks = list(_CLAUSE.finditer(text))
    return {
        m.group(1): text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        for i, m in enumerate(marks)
    }


def _best_clause(question: str, text: str) -> str | None:
    """The clause of the article holding more of the question's content words than any
    other (at least two); None when none stands out."""
    asked = {t for t in words(question) if t not in STOPWORDS and not t.isdigit()}
    scores = sorted(
        ((len(asked & set(words(body))), n) for n, body in _clauses(text).items()), reverse=True
    )
    if not scores or scores[0][0] < 2 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


def clause_effective(question: str, hits: Sequence[Hit], doc: Sequence[Chunk]) -> Draft | None:
    """The sentence giving the first-ranked passage's article (and the clause the question
    describes) its own day; None when its document gives it none. `doc`: the passages of
    the document of hits[0], in order."""
    if not hits or not doc:
        return None
    top = hits[0].chunk
    article = top.article()
    if article is None:
        return None
    for clause, named, sentence, chunk in own_days(doc):
        if named.lower() != article:
            continue
        if clause is not None and _best_clause(question, top.text) != clause:
            continue
        hit = Hit(chunk=chunk, score=1.0, rank=1)
        said = f"{chunk.title}: {sentence.rstrip('.;')}."
        return Draft(refused=False, parts=((said, hit, sentence),))
    return None
