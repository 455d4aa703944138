"""Who proposed an instrument: the preamble line "Theo đề nghị của Giám đốc Sở …" or
"Xét Tờ trình số … của Ủy ban nhân dân …", read from the document held in full.

Officials ask "Quyết định bãi bỏ … là do cơ quan nào trình?": not the issuer (the header
says that), not a body tasked in the text, but the one whose proposal the instrument rests on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policybot.answers.draft import Draft
from policybot.instruments.own_grounds import BODY_START
from policybot.instruments.registry_records import Entry
from policybot.types import Chunk, Hit

_WHO = r"(?:ai|cơ quan nào|sở nào|bộ nào|đơn vị nào|ngành nào|cấp nào)"
# "do cơ quan nào trình lên?", "sở nào đề xuất ban hành, tờ trình số mấy?", "theo đề nghị
# của ai?"; not a task the text gives ("Sở nào đề xuất giải pháp …": the verb has an object).
PROPOSER_ASKED = re.compile(
    rf"(?<!\w){_WHO}\s+(?:đã\s+)?(?:đứng\s+ra\s+)?(?:trình|đề nghị|đề xuất|tham mưu)"
    r"(?:\s+(?:lên|ra))?(?:\s+(?:chính phủ|thủ tướng(?: chính phủ)?|ủy ban nhân dân|ubnd"
    r"|hội đồng nhân dân|hđnd)(?: tỉnh| thành phố)?"
    r"|(?<=lên)\s+(?:tỉnh|thành phố|huyện|bộ|trên|cấp trên))?(?:\s+ban hành)?"
    r"(?=\s*(?:vậy|ạ|nhỉ|thế|đấy|hả)?\s*(?:[?.,]|$))"
    rf"|(?<!\w)(?:theo|trên cơ sở|xét)\s+(?:đề nghị|đề xuất|tờ trình)\s+của\s+{_WHO}(?!\w)"
    r"|(?<!\w)tờ trình\s+(?:số mấy|nào|số bao nhiêu)(?!\w)"
)
# … up to its end: ";", ".", the next line of the preamble, or a comma ending its passage
# or the preamble ("Xét đề nghị của Bộ Tài chính," before "QUYẾT ĐỊNH :"); never a bare
# passage end, which may cut a proposal in two ("… tại Tờ trình số" | "110/TTr-SKHCN …")
# or the comma before the issuer's enacting words, as the Party's texts end their preamble
# ("Xét đề nghị của Chánh Văn phòng Trung ương Đảng, Ban Bí thư quy định …")
_END = (
    r"(?=;|\.\s|\.$|,\s*$|\n\s*(?:Căn|QUYẾT|Điều|Xét)"
    r"|,\s+(?=[A-ZĐỦ])(?:(?!tại|về|số|Tờ)[^,;.\n]){0,60}?\s"
    r"(?:quy định|quyết định|ban hành|kết luận|chỉ thị)(?!\w))"
)
# "để nghị": a scan's "đề nghị" with the wrong mark, a word of its own OCR repair keeps
_PROPOSED = re.compile(
    r"(?:Theo|Xét)\s+(?:[đĐ][ềể]\s+nghị|đề\s+xuất)\s+của\s+[^;]+?"
    + _END
    + r"|Xét\s+Tờ\s+trình\s+[^;]+?\s+của\s+[^;]+?"
    + _END,
)
_LONGEST = 320


def proposal(chunks: Sequence[Chunk]) -> tuple[str, Chunk] | None:
    """The first proposal line of the preamble (the text before the body starts) and the
    passage holding it."""
    for chunk in chunks:
        body = BODY_START.search(chunk.text)
        text = chunk.text[: body.start()] if body else chunk.text
        m = _PROPOSED.search(text.rstrip())
        if m and len(m.group(0)) <= _LONGEST:
            return " ".join(m.group(0).split()).rstrip(","), chunk
        if body or chunk.heading:
            return None
    return None


def proposer_answer(entry: Entry, chunks: Sequence[Chunk]) -> Draft | None:
    """The instrument's title and the line naming who proposed it, cited; None when its
    preamble names no proposal."""
    found = proposal(chunks)
    if found is None:
        return None
    line, chunk = found
    hit = Hit(chunk=chunk, score=1.0, rank=1)
    return Draft(refused=False, parts=((f"{entry.title()}: {line}.", hit, line),))
