"""Composing an answer from the sentences the answerer ranked: the best one, the items of
a list it opens (in this passage and the next), one more document's sentence when it
scores near the best, and the instrument a "which plan" answer comes from."""

from __future__ import annotations

import re

from policybot.answers.confidence import Scored
from policybot.answers.draft import Part
from policybot.answers.roles import BODY, duty_holder, heads_items, names_actor, roles_asked
from policybot.answers.sentences import Sentence, Sentences
from policybot.answers.stated_numbers import number_of
from policybot.questions.question import QuestionSpec
from policybot.search.retrieve import Retriever
from policybot.text.refs import find_mentions
from policybot.types import Chunk, Hit, Instrument

# A list item as the answer reads one: "Thứ nhất", "-", "a)", "1.", "II."
_ITEM = re.compile(r"^\s*(Thứ\s+\w+|[-+•–]|[a-zđ]\)|\d+[.)]|[IVX]+\.)", re.IGNORECASE)
# The marks a who-answer drops: the list number before a body, the bullet before a task
_MARK = re.compile(r"^\W*(?:[0-9IVX]{1,4}|[a-zđ])[.)]\s+")  # "1. ", "a) " before a body
_BULLET = re.compile(r"^(?:[-+•–]\s*|(?:[a-zđ]|\d{1,2})[.)]\s+)")  # "- ", "a) ", "2. "
MIN_COVERAGE = 0.5
MAX_ANSWER_CHARS = 1600


class Composer:
    """Built once per loaded index, with the answerer's sentence splits."""

    def __init__(self, retriever: Retriever, sentences: Sentences) -> None:
        self.retriever = retriever
        self.sentences = sentences

    def compose(self, spec: QuestionSpec, scored: list[Scored]) -> list[Part]:
        best = scored[0].sentence
        shown = best.shown()
        if spec.wants_number and best.opener and not number_of(best.text, spec):
            # the number asked is its list's (an item passed the kind check only so)
            shown = f"{best.opener} {shown}"
        elif spec.wants_who:
            roles = roles_asked(spec.text)
            duties = duty_holder(best.hit.chunk.heading)
            if names_actor(best.text, roles):
                pass
            elif best.opener and heads_items(best.opener, best.text, roles):
                # the body asked is the one its list names: "Sở Tài chính: Là cơ quan …"
                opener = _MARK.sub("", best.opener.rstrip().rstrip(":"))
                shown = f"{opener}: {_BULLET.sub('', shown)}"
            elif duties and not BODY.match(best.text.lstrip("-+•– ")):
                shown = f"{duties}: {shown}"  # the article sets that body's duties
        parts = [(shown, best.hit, best.text)]
        titles = _titles_article(best)  # "Trách nhiệm của Công an thành phố": what follows
        shown = f"{shown.rstrip(':. ')}:" if titles else shown
        if spec.wants_list or best.text.rstrip().endswith(":") or titles:
            parts.extend(self._list_after(best, opened=titles))
        if len(parts) == 1:
            for other in scored[1:]:
                s = other.sentence
                if other.score < 0.85 * scored[0].score or other.coverage < MIN_COVERAGE:
                    break
                if s.hit.chunk.doc_id != best.hit.chunk.doc_id and s.text != best.text:
                    parts.append((s.shown(), s.hit, s.text))
                    break
        out: list[Part] = []
        size = 0
        for part in parts:
            size += len(part[0])
            if out and size > MAX_ANSWER_CHARS:
                break
            out.append(part)
        return out

    def with_instrument(self, part: Part) -> Part:
        """Name the instrument a "which plan/resolution" answer comes from when its sentence
        does not: the passage's own instrument, preferring the one its document is about.

        "Kinh tế số chiếm khoảng 30% GRDP" answers "văn bản nào ...?" only with the plan it
        is a target of; the name is read from the cited passage, never guessed.
        """
        shown, hit, sentence = part
        if find_mentions(sentence):
            return part
        own = hit.chunk.instruments
        doc = self.retriever.tables.documents.get(hit.chunk.doc_id, {})
        # an official document's passage is its own instrument's, whatever else it cites
        itself = Instrument.of_document(doc.get("metadata", {}))
        if not own and itself is None:
            return part
        main = [Instrument.from_dict(i) for i in doc.get("instruments", [])[:1]]
        inst = itself or next((i for i in own if main and i == main[0]), own[0])
        name = " ".join(p for p in (inst.type, "số" if inst.number else None, inst.number) if p)
        name = name if inst.number else f"{inst.type} {inst.name or ''}".strip()
        return (f"Theo {name}: {shown}", hit, sentence)

    def _list_after(self, first: Sentence, opened: bool = False) -> list[Part]:
        """The items that follow a list's lead sentence (or an article's title, `opened`), in
        this passage and the next."""
        items: list[Part] = []
        hit = first.hit
        sents = [s for s in self.sentences.of(hit) if s.start > first.start]
        nxt = self._next_chunk(hit.chunk)
        if nxt is not None:
            follow = Hit(chunk=nxt, score=hit.score, rank=hit.rank)
            sents.extend(self.sentences.of(follow))
        marker = ""
        for s in sents:
            if not any(c.isalpha() for c in s.text):
                marker = s.text.strip()  # "1.", a marker the splitter cut from its item
                continue
            if _heading_only(s.text):
                break  # "I. MỤC ĐÍCH, YÊU CẦU": the next section, not an item
            if opened and s.hit.chunk.article() != first.hit.chunk.article():
                break  # the next article
            item = bool(marker or _ITEM.match(s.text))
            if not item and (items or not (opened or first.text.rstrip().endswith(":"))):
                break
            items.append((f"{marker} {s.text}".strip(), s.hit, s.text))
            marker = ""
            if len(items) >= 12:
                break
        return items

    def _next_chunk(self, chunk: Chunk) -> Chunk | None:
        doc = self.retriever.tables.documents.get(chunk.doc_id)
        ids = doc["chunk_ids"] if doc else []
        if chunk.id not in ids or ids[-1] == chunk.id:
            return None
        return self.retriever.chunks.get(ids[ids.index(chunk.id) + 1])


def _heading_only(text: str) -> bool:
    """A section's heading in capitals ("I. MỤC ĐÍCH, YÊU CẦU") or next to no words: the
    list before it has ended."""
    words = _ITEM.sub("", text, count=1)
    letters = [c for c in words if c.isalpha()]
    return len(letters) < 3 or all(c.isupper() for c in letters)


def _titles_article(sent: Sentence) -> bool:
    """The sentence is the title of the article its passage stands in ("Điều 15. Trách
    nhiệm của Công an thành phố"): its content is what follows."""
    title = sent.text.strip().rstrip(".:")
    return len(title) > 3 and sent.hit.chunk.heading.rstrip().rstrip(".:").endswith(title)
