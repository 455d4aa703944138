"""Document -> passages: sentence-aware, article-aware, content-hashed ids."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from policybot.config import ChunkSettings
from policybot.reading.anatomy import read_anatomy
from policybot.text.refs import find_instruments
from policybot.text.segment import sentence_spans
from policybot.text.symbols import instrument_key
from policybot.text.table_rows import header_before
from policybot.types import Chunk, Document, Instrument

# Lines that open a structural unit of a legal text. Khoản (numbered clauses) stay inside
# their Điều: splitting there would cut the clause from the article it belongs to.
_CHAPTER = re.compile(r"^(?:Chương|CHƯƠNG|Phần|PHẦN)\s+[IVXLCDM\d]+\b.*$")
_SECTION = re.compile(r"^(?:Mục|MỤC)\s+[IVXLCDM\d]+\b.*$")
_ARTICLE = re.compile(r"^(?:Điều|ĐIỀU)\s+\d+[a-z]?\s*[.:]?.*$")
# A part of an article numbered in Roman numerals ("Điều 1. Phê duyệt Quy hoạch … với các
# nội dung chủ yếu sau:" | "III. CÁC MỤC TIÊU PHÁT TRIỂN ĐẾN NĂM 2015"): the plan an article
# approves; its numbered items are not khoản. A heading ends in no period, semicolon or comma
# ("… từ cấp I đến cấp" | "V. Chi tiết quy định … Nghị định 156/2018/NĐ-CP." is a wrapped
# sentence).
_PART = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})\.\s+\S.{0,200}(?<![.;,])$")
_HEADING_MAX = 160
# A line that is an item of a list: "(4) …", "4. …", "a) …", "- …".
LIST_ITEM = re.compile(r"[ \t]*(?:\(\d{1,3}\)|\d{1,3}[.)]|[a-zđ]\)|[-–+•])\s")
MAX_ITEMS_BACK = 60  # lines looked back for the line that opens a list
HEADING_LINE = 90  # a numbered line this short with no sentence end heads the items below
# A khoản opens a line with its number: "1. Thông tư này có hiệu lực ...".
_CLAUSE = re.compile(r"(?m)^[ \t]*(\d{1,3})\.[ \t]+\S")


@dataclass(frozen=True)
class _Section:
    heading: str
    start: int
    end: int


def _heading_line(line: str) -> str:
    line = line.strip()
    return line if len(line) <= _HEADING_MAX else line[:_HEADING_MAX].rsplit(" ", 1)[0] + "…"


def sections(text: str) -> list[_Section]:
    """Split at Chương / Mục / Điều lines and Roman-numbered parts; each section knows its
    heading path."""
    chapter = section = article = ""
    bounds: list[tuple[int, str]] = [(0, "")]
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if _CHAPTER.match(stripped):
            chapter, section, article = _heading_line(stripped), "", ""
            bounds.append((pos, chapter))
        elif _SECTION.match(stripped):
            section, article = _heading_line(stripped), ""
            bounds.append((pos, " > ".join(p for p in (chapter, section) if p)))
        elif _ARTICLE.match(stripped):
            article = _heading_line(stripped)
            bounds.append((pos, " > ".join(p for p in (chapter, section, article) if p)))
        elif article and _PART.match(stripped):
            part = _heading_line(stripped)
            bounds.append((pos, " > ".join(p for p in (chapter, section, article, part) if p)))
        pos += len(line) + 1
    out: list[_Section] = []
    for i, (start, heading) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        if text[start:end].strip():
            out.append(_Section(heading, start, end))
    return out


def _split_long(start: int, end: int, limit: int, text: str) -> list[tuple[int, int]]:
    """A sentence longer than the ceiling is cut at the last space before it."""
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def _pack(
    spans: list[tuple[int, int]], settings: ChunkSettings, text: str
) -> list[tuple[int, int]]:
    """Greedy packing of sentence spans into passages of about target_chars, preferring to
    break where a paragraph starts so a passage keeps the lead-in ("Định hướng đến năm
    2030: ...") its sentences depend on."""
    groups: list[tuple[int, int]] = []
    cur: list[tuple[int, int]] = []
    for i, span in enumerate(spans):
        if cur:
            size = span[1] - cur[0][0]
            new_para = "\n" in text[cur[-1][1] : span[0]]
            para_end = _paragraph_end(spans, i, text)
            fits_para = para_end - cur[0][0] <= settings.target_chars
            half_full = cur[-1][1] - cur[0][0] >= settings.target_chars // 2
            if size > settings.target_chars or (new_para and half_full and not fits_para):
                groups.append((cur[0][0], cur[-1][1]))
                keep = cur[-settings.overlap_sentences :] if settings.overlap_sentences else []
                cur = [s for s in keep if span[1] - s[0] <= settings.max_chars]
        cur.append(span)
    if cur:
        groups.append((cur[0][0], cur[-1][1]))
    return groups


def _paragraph_end(spans: list[tuple[int, int]], i: int, text: str) -> int:
    """End offset of the paragraph that the span at index i starts."""
    end = spans[i][1]
    for j in range(i + 1, len(spans)):
        if "\n" in text[spans[j - 1][1] : spans[j][0]]:
            break
        end = spans[j][1]
    return end


def lead_in(text: str, start: int, limit: int = 300) -> str:
    """The part of the paragraph before `start`: context a mid-paragraph passage inherits;
    for a passage that opens with an item of a list, the line that opens the list
    ("Mục tiêu cụ thể đến năm 2030:"), when only items stand between; for a passage cut
    inside a data table, the table's header row (text/table_rows.py)."""
    header = header_before(text, start)
    if header:
        return header
    para_start = text.rfind("\n", 0, start) + 1
    lead = text[max(para_start, start - limit) : start].strip()
    if lead or not LIST_ITEM.match(text, start):
        return lead
    end = para_start
    first = _mark(text[start : start + 8])
    for _ in range(MAX_ITEMS_BACK):
        if end <= 0:
            break
        line_start = text.rfind("\n", 0, end - 1) + 1
        line = text[line_start:end].strip()
        end = line_start
        if line.endswith(":"):
            return line[-limit:]
        if line and not LIST_ITEM.match(line):
            break
        if _heads(line, first):
            return line
    return ""


def _mark(line: str) -> str | None:
    """The kind of an item's mark: "number" (1. / (1)), "letter" (a)), "dash"; None."""
    m = LIST_ITEM.match(line)
    if m is None:
        return None
    mark = m.group(0).strip()
    return "number" if any(c.isdigit() for c in mark) else "letter" if ")" in mark else "dash"


def unmarked(line: str) -> str:
    """The line without its item mark ("4. Bộ Công an" -> "Bộ Công an"): a mark is no number
    the line states."""
    m = LIST_ITEM.match(line)
    return line[m.end() :] if m else line


def opens_list(line: str) -> bool:
    """The line opens the items after it: it ends in ":", or it is a short numbered line
    with no sentence end ("4. Bộ Công an") that lettered items stand under."""
    return line.rstrip().endswith(":") or _heads(line.strip(), "letter")


def _heads(line: str, below: str | None) -> bool:
    """A numbered line of a few words with no colon ("4. Bộ Công an") opens the lettered
    or dashed items under it, as a line ending in ":" would."""
    return (
        below in ("letter", "dash")
        and _mark(line) == "number"
        and len(line) <= HEADING_LINE
        and not line.rstrip().endswith((".", ";", ","))
    )


def chunk_id(doc_id: str, embedded: str) -> str:
    return hashlib.sha256(f"{doc_id}\x00{embedded}".encode()).hexdigest()[:32]


def _clause_at(text: str, sec: _Section, start: int) -> str:
    """The khoản of an article a passage starting at `start` falls in ("" outside one, and
    in a Roman-numbered part of one: its numbered items are the part's, not khoản)."""
    if "Điều" not in sec.heading and "ĐIỀU" not in sec.heading:
        return ""
    if _PART.match(sec.heading.rsplit(" > ", 1)[-1]):
        return ""
    last = ""
    for m in _CLAUSE.finditer(text, sec.start, start + 1):
        last = m.group(1)
    return last


def _outside(spans: list[tuple[int, int]], cut: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Sentence spans that are not in `cut` (nơi nhận and the signature block)."""
    if cut is None:
        return spans
    lo, hi = cut
    return [(s, e) for s, e in spans if e <= lo or s >= hi]


def _packed_around(
    spans: list[tuple[int, int]], cut: tuple[int, int] | None, settings: ChunkSettings, text: str
) -> list[tuple[int, int]]:
    """Passages of the spans outside `cut`, those before it and those after it packed apart:
    a passage spanning the cut would hold the nơi nhận and signature block between them."""
    kept = _outside(spans, cut)
    if cut is None:
        return _pack(kept, settings, text)
    before = [s for s in kept if s[1] <= cut[0]]
    after = [s for s in kept if s[0] >= cut[1]]
    return _pack(before, settings, text) + _pack(after, settings, text)


def chunk_document(
    doc: Document,
    settings: ChunkSettings,
    split_sentences: Callable[[str], list[tuple[int, int]]] = sentence_spans,
) -> tuple[list[Chunk], list[Instrument]]:
    """Cut a document into passages and find the instruments in each and in the whole."""
    province = doc.metadata.get("province") or None
    doc_instruments = find_instruments(doc.text, province=province)
    # the heading may write its number in a form references are not found by ("... KỲ HỌP
    # THỨ 3, SỐ 16/2008/QH12", "ÁN LỆ SỐ 43/2021/AL"): the passage stating it names it
    own = Instrument.of_document(doc.metadata)
    if own is not None and instrument_key(own) not in {instrument_key(i) for i in doc_instruments}:
        doc_instruments.insert(0, own)
    by_key = {instrument_key(i): i for i in doc_instruments}
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    tail = read_anatomy(doc.text).tail
    for sec in sections(doc.text):
        body = doc.text[sec.start : sec.end]
        spans: list[tuple[int, int]] = []
        for s, e in split_sentences(body):
            spans.extend(_split_long(sec.start + s, sec.start + e, settings.max_chars, doc.text))
        for start, end in _packed_around(spans, tail, settings, doc.text):
            text = doc.text[start:end]
            clause = _clause_at(doc.text, sec, start)
            found = find_instruments(text, province=province)
            # the header passage names the document's own instrument even when its number
            # is illegible there (a scan's handwritten digits, read from the file name)
            if (
                own is not None
                and (not chunks or _states_number(text, own))
                and instrument_key(own) not in {instrument_key(i) for i in found}
            ):
                found.insert(0, own)
            instruments = tuple(by_key.get(instrument_key(i), i) for i in found)
            draft = Chunk(
                id="",
                doc_id=doc.id,
                text=text,
                title=doc.title,
                heading=f"{sec.heading} > Khoản {clause}" if clause else sec.heading,
                page=doc.page_at(start),
                ordinal=len(chunks),
                start=start,
                instruments=instruments,
                lead=lead_in(doc.text, start),
            )
            chunks.append(_with_id(draft, seen))
    return chunks, doc_instruments


def _states_number(text: str, inst: Instrument) -> bool:
    return (inst.number or "").casefold() in re.sub(r"\s+", "", text).casefold()


def _with_id(chunk: Chunk, seen: dict[str, int]) -> Chunk:
    """Content-hash id; a passage that repeats earlier in the same document (a signature
    block, a standard clause) gets its occurrence number mixed in, so ids stay unique and
    the first occurrence keeps the id it would have alone."""
    embedded = chunk.embed_text()
    repeat = seen.get(embedded, 0)
    seen[embedded] = repeat + 1
    key = embedded if repeat == 0 else f"{embedded}\x00{repeat}"
    return replace(chunk, id=chunk_id(chunk.doc_id, key))
