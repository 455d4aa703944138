"""A plan's task table cut into passages: a passage cut inside the table keeps the header row
as its lead, and a row is read and shown with its columns named ("Cơ quan chủ trì: …")."""

from __future__ import annotations

from policybot.answers.sentences import Sentences
from policybot.config import ChunkSettings
from policybot.index.chunk import chunk_document
from policybot.types import Document, Hit

HEADER = "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |"
ROWS = [
    f"| {i} | Nhiệm vụ số {i} về dữ liệu của ngành thứ {i} | Sở ngành {i} | Các sở, ngành"
    f" | Quý {1 + i % 4}/2026 |"
    for i in range(1, 31)
]
PLAN = "III. NHIỆM VỤ CỤ THỂ\n\n" + HEADER + "\n" + "\n".join(ROWS) + "\n\nIV. TỔ CHỨC\n"


def test_a_passage_cut_inside_a_table_has_its_header_as_lead() -> None:
    doc = Document("d", "Kế hoạch 308/KH-UBND", PLAN, "kh.txt")
    chunks, _ = chunk_document(doc, ChunkSettings(target_chars=400, max_chars=600))
    inside = [c for c in chunks if c.text.lstrip().startswith("| ") and HEADER not in c.text]
    assert len(inside) >= 2
    assert all(c.lead == HEADER for c in inside)
    # and each of its rows is read under that header
    last = inside[-1]
    rows = [s for s in Sentences().of(Hit(chunk=last, score=1.0, rank=1)) if s.row]
    assert rows and all(s.header == HEADER for s in rows)
    shown = rows[-1].shown()
    assert "Cơ quan chủ trì: Sở ngành" in shown and "Thời gian hoàn thành: Quý" in shown
    assert "STT" not in shown


def test_prose_is_shown_as_written() -> None:
    doc = Document("d", "Kế hoạch", "Sở Nội vụ chủ trì, phối hợp với các sở.", "kh.txt")
    chunks, _ = chunk_document(doc, ChunkSettings())
    sent = Sentences().of(Hit(chunk=chunks[0], score=1.0, rank=1))[0]
    assert (sent.row, sent.header) == ("", "") and sent.shown() == sent.text
