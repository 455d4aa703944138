"""Questions about instruments, answered from the registry and its lineage with citations.

The router step before the extractive answerer: registry_question.py reads which registry
question is asked ("Những văn bản nào triển khai Nghị quyết 52-NQ/TW?", "Nghị quyết 52 do
ai ban hành, khi nào?"), lineage_answers.py and issuance_answers.py compose the answer,
every relation, date and issuer cited [n] to the sentence it was read from. A question that
is not one of these returns None and goes to ordinary retrieval.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from policybot.answers.draft import Draft, refuse
from policybot.instruments.clause_effective import clause_effective
from policybot.instruments.issuance_answers import IssuanceAnswers
from policybot.instruments.lineage_answers import LineageAnswers
from policybot.instruments.own_answers import OwnAnswers
from policybot.instruments.own_cues import EFFECTIVE_CUE
from policybot.instruments.registry import Registry
from policybot.instruments.registry_question import (
    asked_entries,
    grounds_asked,
    lowered,
    read_question,
)
from policybot.instruments.registry_records import Entry
from policybot.instruments.validity_answers import ValidityAnswers
from policybot.instruments.which_answers import WhichAnswers
from policybot.questions.question import QuestionSpec
from policybot.types import Chunk, Hit


class InstrumentQA:
    """The router step before the extractive answerer; built once per loaded index."""

    def __init__(
        self,
        registry: Registry,
        chunks: Mapping[str, Chunk],
        of_document: Callable[[str], list[str]] | None = None,
    ) -> None:
        """`of_document`: a document's passage ids, looked up (Retriever.passages_of)."""
        self.registry = registry
        self.chunks = chunks
        self._lineage = LineageAnswers(registry, chunks)
        self._own = OwnAnswers(registry, chunks, of_document)
        self._issuance = IssuanceAnswers(registry, chunks, self._own.preamble)
        self._which = WhichAnswers(self._own)
        self._validity = ValidityAnswers(registry, chunks)

    def from_hits(self, spec: QuestionSpec, hits: Sequence[Hit]) -> Draft | None:
        """When it takes effect, who signed it, what it replaces, asked of an instrument
        the question names in its own words, not by number: the one held in full whose
        document retrieval ranked first, when the question agrees with it (OwnAnswers
        .of_document); which instrument it is, when that is what is asked (WhichAnswers);
        None otherwise."""
        if not hits:
            return None
        low, doc_id = lowered(spec.text), hits[0].chunk.doc_id
        found = None
        if not spec.refs and EFFECTIVE_CUE.search(low.replace("hết hiệu lực", " ")):
            # the rule retrieval ranked first may take effect on a day of its own
            try:
                passages = self._own.by_doc[doc_id]
            except KeyError:  # no passage of it held (a document removed since)
                passages = []
            found = clause_effective(spec.text, hits, passages)
        if not spec.refs and found is None:
            entries = self._own.of_document(doc_id, low, spec.provinces)
            # what it rests on, asked in words ("… căn cứ vào những nghị định nào?"), before
            # what its name says it does ("Quyết định … bãi bỏ …")
            found = self._rests_on_asked(entries, spec)
            if found is None and entries:
                found = self._own.answer(entries, spec)
        # which instrument regulates what the question describes (which_answers.py)
        ranked = list(dict.fromkeys(h.chunk.doc_id for h in hits))
        return found or self._which.answer(spec, ranked, low)

    def _rests_on_asked(self, entries: tuple[Entry, ...], spec: QuestionSpec) -> Draft | None:
        """What instruments named in words rest on, when that is asked and the registry
        knows it."""
        grounds = grounds_asked(entries, spec) if entries else None
        rested = self._lineage.rests_on(grounds) if grounds is not None else None
        return rested if rested is not None and not rested.refused else None

    def answer(self, spec: QuestionSpec) -> Draft | None:
        """The registry's answer, a refusal naming what the registry lacks, or None when
        the question is not about instruments' lineage or issuing."""
        if not self.registry.entries:
            return None
        q = read_question(self.registry, spec)
        entries = q.entries if q is not None else asked_entries(self.registry, spec)
        rested = self._rests_on_asked(entries, spec) if q is None else None
        if rested is not None:
            return rested
        # still in force, or what ended it, asked of an instrument named by number
        ended = self._validity.answer(entries, lowered(spec.text)) if spec.refs else None
        if ended is not None:
            return ended
        own = self._own.answer(entries, spec)
        if own is not None:
            return own
        if spec.wants_signer:
            # who signed is read from a signature block: of an instrument the corpus only
            # names, or whose block it could not read, its issuance is no answer
            if entries:
                return refuse(f"về người ký {entries[0].title()}", "signer-not-in-corpus")
            return None  # no instrument known: a passage may say who signed
        if q is None:
            return None
        if q.kind == "not-in-registry":
            return refuse(f"về {q.said}", "instrument-not-in-registry")
        if q.kind == "carried-out-by":
            return self._lineage.carried_out_by(q)
        if q.kind == "rests-on":
            # the text of an instrument the corpus holds may say what it rests on in words
            # the lineage does not read ("công bố theo Quyết định số …"): its passages answer
            found = self._lineage.rests_on(q)
            return None if found.refused and any(e.own_doc for e in q.entries) else found
        if q.kind == "place-rests-on":
            return self._lineage.place_rests_on(q)
        if q.kind == "issued":
            return self._issuance.issued(q)
        if q.kind == "mentioned-in":
            return self._issuance.mentioned_in(q)
        return self._issuance.issued_by_place(q)
