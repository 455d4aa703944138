"""The lead of a report: the words every one of its sentences is about.

A news report opens with its headline and a lead that sums it up ("ĐTO - UBND tỉnh vừa ban
hành kế hoạch tổ chức phong trào thi đua … giai đoạn 2021 - 2025 …"). Its later sentences
say what the campaign covers without naming it again, so a question that names the campaign
and asks what it covers shares its name's words with the lead alone. Those words are counted
for every sentence of the report as a title's are (candidates.TITLE_CREDIT). An official
document's title already says what it is about; its first lines are its header.
"""

from __future__ import annotations

from policybot.answers.per_document import PerDocument
from policybot.text.segment import sentence_spans, syllables
from policybot.types import Instrument

LEAD_SENTENCES = 2  # the headline line and the lead sentence
LEAD_WORDS = 80  # no more of them: a long first paragraph is no summary


class DocumentLeads(PerDocument):
    """Each report's lead words, read once per document."""

    def of(self, doc_id: str) -> frozenset[str]:
        return self._of(doc_id)

    def _read(self, doc_id: str) -> frozenset[str]:
        doc = self._retriever.tables.documents.get(doc_id, {})
        if Instrument.of_document(doc.get("metadata", {})) is not None:
            return frozenset()  # an official document: its title says it
        passages = self._retriever.passages_of(doc_id)
        if not passages:
            return frozenset()
        text = self._retriever.chunks[passages[0]].text
        spans = sentence_spans(text)[:LEAD_SENTENCES]
        lead = " ".join(text[s:e] for s, e in spans)
        return frozenset(syllables(lead)[:LEAD_WORDS])
