"""A report's lead: the words of its headline and first sentence, which its later sentences
are about without repeating them."""

from __future__ import annotations

from policybot.answers.leads import DocumentLeads
from policybot.pipeline import Pipeline

REPORT = "dong-thap-thi-dua-chuyen-doi-so-2021-2025.txt"


def test_a_reports_lead_words_and_none_for_an_official_document(seed_pipeline: Pipeline) -> None:
    retriever, _ = seed_pipeline.load()
    leads = DocumentLeads(retriever)
    report = next(d for d in retriever.tables.documents if d.endswith(REPORT))
    words = leads.of(report)
    # the campaign is named in the lead ("phong trào thi đua … giai đoạn 2021 - 2025"), not
    # in what the report says of it later ("Đối tượng thi đua, về cá nhân …")
    assert {"phong", "trào", "thi", "đua", "2021"} <= words
    assert "cá" not in words
