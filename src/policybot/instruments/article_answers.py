""" "What does Điều N of <instrument> say?": the article itself, from the instrument's own text.

Passages keep their place in the document (Chương > Điều > Khoản, chunk.heading), so an
article of an instrument held in full is found by its number, not by search: the answer is
the article's title and its opening text, verbatim, each passage cited with where it stands
("Điều 5 khoản 1, Thông tư …"). A question that names a clause ("khoản 2 Điều 5") gets that
clause. An article the instrument does not have is refused ("not found"), so a question
about Điều 40 of a 30-article decree is never answered from another article.

Only questions that ask what the article says are routed here; a question asking a fact
from it ("mức phạt theo Điều 12 là bao nhiêu?") goes to retrieval, which sees the article
number in every passage's heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from policybot.answers.draft import Draft, refuse
from policybot.instruments.cited_lines import Part
from policybot.instruments.registry_records import Entry
from policybot.types import Chunk, Hit

_ASKED = re.compile(
    r"(?<!\w)(?:khoản\s+(?P<clause>\d+[a-zđ]?)\s*(?:,\s*|của\s+|tại\s+)?)?"
    r"điều\s+(?P<article>\d+[a-zđ]?)(?!\w)"
    r"(?:\s*,?\s*khoản\s+(?P<clause_after>\d+[a-zđ]?)(?!\w))?"
)
# what the article says, not a fact out of it
_SAYS = re.compile(
    r"(?<!\w)(?:quy định (?:gì|những gì|về (?:gì|vấn đề gì|nội dung gì)|thế nào|như thế nào|ra sao"
    r"|(?:tội|tội danh|hành vi|vấn đề|việc) gì)"
    r"|nói (?:gì|về gì|những gì|về (?:vấn đề|nội dung) gì)|nêu (?:gì|những gì|rõ gì)"
    r"|có nội dung (?:gì|là gì|như thế nào)|nội dung (?:của|là|gồm|chính|quy định)"
    r"|gồm (?:những )?(?:nội dung|gì)|đề cập (?:gì|đến gì|đến vấn đề gì)|viết gì"
    r"|yêu cầu (?:gì|những gì))"
)
_ARTICLE_TITLE = re.compile(r"(?:^|> )((?:Điều|ĐIỀU)\s+\d+[^>]*)")
_WHERE = re.compile(r"Điều (\S+)(?: khoản (\S+))?")  # what Chunk.where() writes
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+")
SHOWN = 700  # characters of the article shown before "…"


@dataclass(frozen=True)
class ArticleAsked:
    article: str
    clause: str | None


def article_asked(low: str) -> ArticleAsked | None:
    """The article (and clause) a question asks the content of, from its lowered text."""
    m = _ASKED.search(low)
    if not m or not _SAYS.search(low):
        return None
    return ArticleAsked(m.group("article"), m.group("clause") or m.group("clause_after"))


def _article_of(chunk: Chunk) -> tuple[str, str] | None:
    """(number, heading text) of the article a passage stands in (Chunk.where reads the
    number from its heading)."""
    where = _WHERE.fullmatch(chunk.where())
    if not where:
        return None
    title = _ARTICLE_TITLE.search(chunk.heading)
    return where.group(1).lower(), " ".join(title.group(1).split()) if title else where.group(0)


def _clause_of(chunk: Chunk) -> str | None:
    where = _WHERE.fullmatch(chunk.where())
    return where.group(2).lower() if where and where.group(2) else None


def _clause_text(body: str, clause: str) -> str | None:
    """Clause `clause` ("2. …" up to "3. …") of an article's text whose passage is not cut
    by clause."""
    following = str(int(clause) + 1) if clause.isdigit() else None
    end = rf"(?=\s{following}\.\s)" if following else "$"
    m = re.search(rf"(?:^|(?<=\s)){re.escape(clause)}\.\s.*?(?:{end}|$)", body)
    return m.group(0).strip() if m else None


def _opening(text: str, budget: int) -> str:
    """Whole sentences of `text` up to about `budget` characters (at least one)."""
    out: list[str] = []
    used = 0
    for sentence in _SENTENCE_END.split(" ".join(text.split())):
        if out and used + len(sentence) > budget:
            break
        out.append(sentence)
        used += len(sentence) + 1
    return " ".join(out)


def answer_article(entry: Entry, chunks: Sequence[Chunk], asked: ArticleAsked) -> Draft | None:
    """The article's text from the instrument's own passages (in document order); a refusal
    when the instrument is structured in articles but has not this one; None when it has no
    articles at all (then retrieval answers)."""
    articles = [(c, _article_of(c)) for c in chunks]
    if not any(a for _, a in articles):
        return None
    found = [(c, a) for c, a in articles if a and a[0] == asked.article]
    if asked.clause is not None:
        clauses = [(c, a) for c, a in found if _clause_of(c) == asked.clause.lower()]
        found = clauses or found
    where = f"Điều {asked.article}" + (f" khoản {asked.clause}" if asked.clause else "")
    if not found:
        return refuse(f"về {where} của {entry.title()}", "article-not-in-instrument")
    heading = found[0][1][1] if found[0][1] else where
    clause_found = asked.clause is not None and any(_clause_of(c) for c, _ in found)
    parts: list[Part] = []
    budget = SHOWN
    for i, (chunk, _) in enumerate(found):
        body = " ".join(chunk.text.split())
        if body.startswith(heading):
            body = body[len(heading) :].strip(" .:")
        if asked.clause is not None and not clause_found:
            body = _clause_text(body, asked.clause) or body
        shown = _opening(body, budget)
        if not shown:
            continue
        budget -= len(shown)
        text = shown if parts else f"{heading} ({entry.title()}): {shown}"
        more = i < len(found) - 1 and budget < 120
        if len(shown) < len(body) or more:
            text += " …"
        parts.append((text, Hit(chunk=chunk, score=1.0, rank=1), _opening(shown, 0)))
        if more:
            break
    if not parts:
        return None
    return Draft(refused=False, parts=tuple(parts))
