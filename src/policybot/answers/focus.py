"""Pure: which of the retrieved passages a question is answered from first.

"Theo Điều 4 Thông tư 37/2025/TT-BNNMT …" is answered from that circular's article 4, not
from a decision that cites the circular, nor from another law's article 4. Each group is
tried in turn, narrowest first; when none of its sentences states the kind of fact asked,
the answerer scores every passage as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from policybot.questions.question import QuestionSpec
from policybot.types import Hit


def focus(spec: QuestionSpec, hits: Sequence[Hit], held: set[str]) -> list[list[Hit]]:
    """The groups of hits to score before all of them. `held`: the documents that are the
    instrument the question names (search/held.py), or a law it names with its year ("Bộ
    luật Dân sự 2015": a title with that year). With one among the hits: its named
    article, then all its passages; else the named article of the best placed document
    that has one."""
    own = [
        h for h in hits if h.chunk.doc_id in held or any(y in h.chunk.title for y in spec.law_years)
    ]
    groups = [_article(spec, own), own] if own else [_article(spec, hits)]
    return [g for g in groups if g]


def _article(spec: QuestionSpec, hits: Sequence[Hit]) -> list[Hit]:
    """The hits in an article the question names, of one document (the best placed)."""
    in_article = [h for h in hits if h.chunk.article() in spec.articles]
    return [h for h in in_article if h.chunk.doc_id == in_article[0].chunk.doc_id]
