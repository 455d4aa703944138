"""What a document held in full rests on and carries out, read from its preamble.

An official document lists its grounds before its body, one a line: "Căn cứ Quyết định số
749/QĐ-TTg ...;" and a plan often opens with "Thực hiện Kế hoạch số 283/KH-UBND ...". The
sentence names only the other instrument, the document itself is the subject, so the
lineage reader (lineage.py), which wants both in one sentence, misses them. Here the
document's own registry entry is the source: "Căn cứ" gives based on, "Thực hiện" and the
like give implements, to the first instrument the line names (the ones after it are what
that instrument itself carries out: "Căn cứ Kế hoạch số 46/KH-UBND ... thực hiện Nghị quyết
số 71/NQ-CP" rests on 46/KH-UBND). The preamble ends at the first headed passage or the
first line of the body ("QUYẾT ĐỊNH:", "Điều 1.", "I. MỤC ĐÍCH").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from policybot.instruments.lineage import BASED_ON, IMPLEMENTS, Passage
from policybot.instruments.registry_records import Entry, Relation

_GROUND = re.compile(
    r"^[ \t]*[-–]?[ \t]*(?P<cue>(?i:căn\s+cứ(?:\s+vào)?|(?:để\s+)?(?:tiếp\s+tục\s+)?"
    r"(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai|cụ\s+thể\s+hóa|thi\s+hành)))\s[^\n]*",
    re.MULTILINE,
)
BODY_START = re.compile(
    r"^[ \t]*(?:(?:QUYẾT\s+ĐỊNH|NGHỊ\s+QUYẾT|CHỈ\s+THỊ|QUYẾT\s+NGHỊ)\s*:|Điều\s+1\b|"
    r"(?:I|1)\.\s|Phần\s+(?:I|1|thứ\s+nhất)\b|Chương\s+(?:I|1)\b)",
    re.MULTILINE,
)


def _preamble(
    doc: Mapping[str, Any], chunks: Mapping[str, Mapping[str, Any]]
) -> Iterator[tuple[str, str]]:
    """(chunk id, text) of the document's passages up to where its body starts."""
    for cid in doc.get("chunk_ids", []):
        chunk = chunks.get(cid, {})
        if chunk.get("heading"):
            return
        text = str(chunk.get("text", ""))
        body = BODY_START.search(text)
        yield cid, text[: body.start()] if body else text
        if body:
            return


def preamble_relations(
    key: str,
    doc_id: str,
    doc: Mapping[str, Any],
    chunks: Mapping[str, Mapping[str, Any]],
    entries: Mapping[str, Entry],
) -> list[Relation]:
    """The relations of the document's own entry `key` that its preamble lines state."""
    at: dict[tuple[str, int], str] = {}
    for e in entries.values():
        for m in e.mentions:
            at.setdefault((m.chunk_id, m.start), e.key)
    out: dict[tuple[str, str], Relation] = {}
    for cid, text in _preamble(doc, chunks):
        for line in _GROUND.finditer(text):
            named = sorted(
                (start, k)
                for (c, start), k in at.items()
                if c == cid and line.start("cue") <= start < line.end() and k != key
            )
            if not named:
                continue
            target = named[0][1]
            cue = " ".join(line.group("cue").split())
            kind = BASED_ON if cue.lower().startswith("căn cứ") else IMPLEMENTS
            said = Passage(doc_id, cid, line.group(0).strip(), *_trimmed(line))
            rel = out.get((target, kind)) or Relation(key, target, kind, cue, ())
            if said not in rel.passages:
                out[(target, kind)] = Relation(key, target, kind, cue, (*rel.passages, said))
    return list(out.values())


def _trimmed(line: re.Match[str]) -> tuple[int, int]:
    text = line.group(0)
    return line.start() + len(text) - len(text.lstrip()), line.end() - (
        len(text) - len(text.rstrip())
    )
