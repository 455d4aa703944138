"""'When and by whom was X issued?' answered from a passage's mention that states it.

The registry answers this first (issuance_answers.py) when the question is one of its own
forms; this is the extractive answerer's path for the rest ("Kế hoạch 5807 của Quảng Trị ra
đời năm nào?" with a place or year to check). A passage that names "Kế hoạch số 5807/KH-UBND
ngày 17/12/2020 của UBND tỉnh" states the date and issuer whatever the passage is about, so
the answer comes from that mention, cited with its sentence, not from the sentence the
topical words happen to fit best.
"""

from __future__ import annotations

from typing import Protocol

from policybot.answers.draft import Draft
from policybot.answers.sentences import Sentences
from policybot.questions.question import QuestionSpec
from policybot.search.retrieve import Retriever
from policybot.text.refs import find_mentions, ref_matches
from policybot.types import Chunk, Hit, Instrument


class Answerer(Protocol):
    """What this needs of the extractive answerer (answer.py), named here so that the
    answerer imports this module and not the other way round."""

    retriever: Retriever
    sentences: Sentences

    def about_asked(self, spec: QuestionSpec, chunk: Chunk) -> bool: ...

    def content_left(self, spec: QuestionSpec) -> list[str]: ...


def issuance_draft(answerer: Answerer, spec: QuestionSpec) -> Draft | None:
    """'When / by whom was X issued?' answered from the mention that states it."""
    if not spec.refs or not (spec.wants_day or spec.wants_when or spec.wants_who):
        return None
    if spec.wants_signer:
        return None  # a mention states the issuing body and the date, never who signed
    if spec.relates_named:
        return None  # asked of the one amending it: a mention of the named one is no answer
    if not spec.about_issuance and answerer.content_left(spec):
        return None
    if spec.wants_number or spec.wants_list:
        return None
    retriever = answerer.retriever
    # Only passages indexed under a number the question names can hold a matching mention
    # (a passage's instruments are its mentions'), taken in passage order as a scan would.
    named = sorted({c for ref in spec.refs for c in retriever.naming(ref)}, key=retriever.position)
    for chunk in (retriever.chunks[c] for c in named):
        if not answerer.about_asked(spec, chunk):
            continue
        for mention in find_mentions(chunk.text, _chunk_province(answerer, chunk)):
            inst = mention.instrument
            if not any(ref_matches(r, inst) for r in spec.refs):
                continue
            need_date = spec.wants_day or spec.wants_when
            if (need_date and not inst.date) or (not need_date and not inst.issuer):
                continue
            if spec.years and not any((inst.date or "").startswith(y) for y in spec.years):
                continue
            sentence = answerer.sentences.around(chunk, mention.start)
            hit = Hit(chunk=chunk, score=1.0, rank=1)
            text = _issued_sentence(inst)
            return Draft(refused=False, parts=((text, hit, sentence),))
    return None


def _chunk_province(answerer: Answerer, chunk: Chunk) -> str | None:
    doc = answerer.retriever.tables.documents.get(chunk.doc_id, {})
    value = doc.get("metadata", {}).get("province")
    return str(value) if value else None


def _issued_sentence(inst: Instrument) -> str:
    name = f"{inst.type} số {inst.number}" if inst.number else f"{inst.type} {inst.name or ''}"
    parts = [name.strip(), "được"]
    if inst.issuer:
        parts.append(inst.issuer)
    parts.append("ban hành")
    if inst.date:
        y, m, d = inst.date.split("-")
        parts.append(f"ngày {int(d)}/{int(m)}/{y}")
    return " ".join(parts) + "."
