"""Sentences of retrieved passages, each with the years it speaks of.

A target sentence often names no year of its own ("Phủ sóng 5G toàn tỉnh") and takes it from
the paragraph's lead, the heading ("Đến năm 2025: …") or the document's title ("Kế hoạch …
giai đoạn 2026 - 2030"); the answerer checks a question's year
against that scope, not against the sentence alone. Spans are split once per passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policybot.answers.stated import ANY_YEAR
from policybot.index.chunk import LIST_ITEM, opens_list
from policybot.text.segment import sentence_spans
from policybot.text.table_rows import cells, header_before, labelled
from policybot.types import Chunk, Hit


@dataclass(frozen=True)
class Sentence:
    hit: Hit
    text: str
    start: int  # offset within the chunk
    scope_years: frozenset[str]
    row: str = ""  # a table row the sentence stands in, whole
    header: str = ""  # … and the table's header row, naming its cells
    opener: str = ""  # the line opening the list it is an item of ("Phạt tiền từ … sau đây:")
    # the years strictly inside a period its scope states ("giai đoạn 2021 - 2025": 2022 to
    # 2024): a plan or campaign for the period holds in each of them
    period_years: frozenset[str] = frozenset()

    def shown(self) -> str:
        """As an answer shows it: a table row with its columns named, else the sentence."""
        return (labelled(self.row, self.header) if self.header else None) or self.text


# An instrument's number ("77/2025/NQ-HĐND", "số 179/KH-UBND"): its year dates the document,
# it is no period the document speaks of.
_NUMBER = re.compile(r"\S*\d+/\S+")
# A list item's line, after a mark OCR may leave before its number ("„2. Người …").
_ITEM_LINE = re.compile(r"[^\w\s]{0,2}" + LIST_ITEM.pattern)


def title_years(title: str) -> frozenset[str]:
    """The years of the period a document's title gives it ("Kế hoạch … đến năm 2035",
    "giai đoạn 2026 - 2030"): the scope of each of its sentences that names no year."""
    return frozenset(ANY_YEAR.findall(_NUMBER.sub(" ", title)))


# "2021 - 2025", "2021–2025", "từ năm 2021 đến năm 2025": a period and its ends.
_PERIOD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:-|–|—|đến(?:\s+năm)?)\s*((?:19|20)\d{2})(?!\d)")
_LONGEST_PERIOD = 30


def inside_periods(text: str) -> frozenset[str]:
    """The years strictly between the ends of each period the text states."""
    out: set[str] = set()
    for m in _PERIOD.finditer(_NUMBER.sub(" ", text)):
        first, last = int(m.group(1)), int(m.group(2))
        if 0 < last - first <= _LONGEST_PERIOD:
            out.update(str(y) for y in range(first + 1, last))
    return frozenset(out)


def _marker(text: str, line_start: int) -> str | None:
    """The kind of list marker opening the line ("1." or "(1)" -> "number", "a)" -> "letter",
    "-" -> "dash"), None for a line that is no item."""
    m = _ITEM_LINE.match(text, line_start)
    if m is None:
        return None
    mark = m.group(0).strip(" \t")
    return "number" if any(c.isdigit() for c in mark) else "letter" if ")" in mark else "dash"


def _row_at(chunk: Chunk, offset: int) -> tuple[str, str]:
    """The table row at `offset` and its header row, from the passage or, when the passage
    opens inside the table, its lead; ("", "") for prose."""
    text = chunk.text
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    row = text[start : end if end >= 0 else len(text)].strip()
    if cells(row) is None:
        return "", ""
    # a passage opening inside the table: its first row may be data, the lead is the header
    first = text[: text.find("\n")] if "\n" in text else text
    if cells(first) is not None and labelled(row, chunk.lead) is not None:
        return row, chunk.lead
    return row, header_before(text, offset)


def _heads_line(line: str, chunk: Chunk, end: int) -> bool:
    """A short numbered line with no colon ("4. Bộ Công an") that ends here and is followed
    by a lettered or dashed item heads that item's list."""
    rest = chunk.text[end:].lstrip("\n ")
    return _marker(rest, 0) in ("letter", "dash") and opens_list(line) and line[:1].isdigit()


class Sentences:
    """Sentence spans per passage, split on first use."""

    def __init__(self) -> None:
        self._spans: dict[str, list[tuple[int, int]]] = {}

    def of(self, hit: Hit) -> list[Sentence]:
        """The passage's sentences, each with the years it is about."""
        chunk = hit.chunk
        spans = self._spans.get(chunk.id)
        if spans is None:
            spans = sentence_spans(chunk.text)
            self._spans[chunk.id] = spans
        out: list[Sentence] = []
        base = frozenset(ANY_YEAR.findall(chunk.heading)) | title_years(chunk.title)
        # the years of the line that opens the list its items stand in ("đến năm 2030:"),
        # first those of the lead (the list a passage continues, or its paragraph's start)
        intro = frozenset(ANY_YEAR.findall(chunk.lead))
        scope = base | intro
        base_inside = inside_periods(f"{chunk.heading}\n{chunk.title}")
        intro_inside = inside_periods(chunk.lead)
        inside = base_inside | intro_inside
        # … and the opening line itself, which states what its items share (a fine, a sum)
        opener = chunk.lead if opens_list(chunk.lead) else ""
        level = _marker(chunk.lead, 0)  # an item marked like its opener is its sibling
        item = bool(opener) and bool(LIST_ITEM.match(chunk.text))
        last_para_end = -1
        for s, e in spans:
            text = chunk.text[s:e]
            if last_para_end >= 0 and "\n" in chunk.text[last_para_end:s]:
                # the line's own start: a splitter may cut "3. Bà mẹ …" after its "3."
                line = chunk.text.rfind("\n", 0, s) + 1
                item = bool(_ITEM_LINE.match(chunk.text, line))
                intro = intro if item else frozenset()
                intro_inside = intro_inside if item else frozenset()
                sibling = level is not None and _marker(chunk.text, line) == level
                opener = opener if item and not sibling else ""
                scope, inside = base | intro, base_inside | intro_inside
            years = frozenset(ANY_YEAR.findall(text))
            if years:
                scope, inside = years, inside_periods(text)
            row, header = _row_at(chunk, s)
            opened = opener if item else ""
            out.append(Sentence(hit, text, s, scope | years, row, header, opened, inside))
            # the sentence's whole line: a splitter may cut "4. Bộ Công an" after its "4."
            whole = chunk.text[chunk.text.rfind("\n", 0, s) + 1 : e].strip()
            if opens_list(text) or ("\n" not in chunk.text[s:e] and _heads_line(whole, chunk, e)):
                intro, opener = scope, text.strip() if opens_list(text) else whole
                intro_inside = inside
                level = _marker(chunk.text, chunk.text.rfind("\n", 0, s) + 1)
            last_para_end = e
        return out

    def around(self, chunk: Chunk, offset: int) -> str:
        """The sentence of `chunk` holding character `offset` (the passage if none does)."""
        for s in self.of(Hit(chunk=chunk, score=1.0, rank=1)):
            if s.start <= offset < s.start + len(s.text):
                return s.text
        return chunk.text
