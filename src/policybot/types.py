"""The values that flow between stages. Frozen, plain, JSON-friendly."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

# The type given to an instrument known only by what it does ("văn bản triển khai ..."),
# never by a number: it has no type word of its own.
IMPLIED_TYPE = "Văn bản"


@dataclass(frozen=True)
class Instrument:
    """A policy instrument named in a text: "Kế hoạch số 5807/KH-UBND ngày 17/12/2020"."""

    type: str  # "Nghị quyết", "Kế hoạch", "Quyết định", ...
    number: str | None = None  # canonical: "52-NQ/TW", "45/2020/NĐ-CP", "10-NQ/TU", "10"
    date: str | None = None  # ISO "2019-09-27"
    issuer: str | None = None  # "Bộ Chính trị", "UBND tỉnh Quảng Trị"
    name: str | None = None  # subject when the text names it: "về chuyển đổi số ..."

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "name" or v}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Instrument:
        return cls(
            type=str(data["type"]),
            number=data.get("number"),
            date=data.get("date"),
            issuer=data.get("issuer"),
            name=data.get("name"),
        )

    @classmethod
    def of_document(cls, metadata: dict[str, Any]) -> Instrument | None:
        """The instrument a document is, as its layout or its sidecar gave it, or None."""
        number, kind = metadata.get("number"), metadata.get("instrument_type")
        if not number or not kind:
            return None
        return cls(str(kind), str(number), metadata.get("date"), metadata.get("issuer"))

    @staticmethod
    def issued_when(metadata: dict[str, Any]) -> str:
        """When a document was issued as its metadata says: its ISO date, else the year of
        issue its header or number showed when the day could not be read ("2010"), else ""."""
        return str(metadata.get("date") or metadata.get("issued_year") or "")

    def label(self) -> str:
        """Human label: 'Kế hoạch số 5807/KH-UBND ngày 17/12/2020 của UBND tỉnh Quảng Trị'."""
        parts = [self.type]
        if self.number:
            parts.append(f"số {self.number}")
        elif self.name:
            parts.append(self.name)
        if self.date:
            y, m, d = self.date.split("-")
            parts.append(f"ngày {int(d)}/{int(m)}/{y}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        return " ".join(parts)


@dataclass(frozen=True)
class Document:
    """One loaded, cleaned source text."""

    id: str
    title: str
    text: str
    source: str  # path as given to ingest, or "corpus.jsonl#id"
    metadata: dict[str, str] = field(default_factory=dict)  # date, province, issuer, url ...
    page_starts: tuple[int, ...] = ()  # char offset where each PDF page starts (page 1 first)

    def page_at(self, offset: int) -> int | None:
        if not self.page_starts:
            return None
        page = 1
        for i, start in enumerate(self.page_starts, start=1):
            if start <= offset:
                page = i
        return page


@dataclass(frozen=True)
class Chunk:
    """A passage of a document: the unit that is embedded, searched and cited."""

    id: str  # content hash of what is embedded
    doc_id: str
    text: str  # verbatim from the document
    title: str  # document title, carried into what is embedded
    heading: str = ""  # "Chương II > Điều 5" where the text has that structure
    page: int | None = None
    ordinal: int = 0  # position within its document
    start: int = 0  # char offset in the document text
    instruments: tuple[Instrument, ...] = ()
    lead: str = ""  # paragraph text just before the passage, when it starts mid-paragraph

    def embed_text(self) -> str:
        head = f"{self.title}\n{self.heading}\n" if self.heading else f"{self.title}\n"
        return head + self.text

    def article(self) -> str | None:
        """The number of the article the passage stands in ("5", "12a"), or None."""
        m = _ARTICLE_NO.search(self.heading)
        return m.group(1).lower() if m else None

    def where(self) -> str:
        """Where in its document the passage stands, as a citation says it: "Điều 5 khoản
        1", "Chương II", or "" for text outside any article."""
        return where_of(self.heading)


_ARTICLE_NO = re.compile(r"(?:^|> )(?:Điều|ĐIỀU)\s+(\d+[a-zđ]?)")
_CLAUSE_NO = re.compile(r"> Khoản (\d+[a-z]?)")
_PART_NO = re.compile(r"(?:^|> )((?:Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)\s+[IVXLCDM\d]+)")


def where_of(heading: str) -> str:
    """'Chương II > Điều 5. Hiệu lực > Khoản 1' -> 'Điều 5 khoản 1'; 'Chương II' alone."""
    article = _ARTICLE_NO.search(heading)
    if not article:
        parts = _PART_NO.findall(heading)
        return parts[-1].capitalize() if parts else ""
    clause = _CLAUSE_NO.search(heading)
    return f"Điều {article.group(1)}" + (f" khoản {clause.group(1)}" if clause else "")


@dataclass(frozen=True)
class DocRef:
    id: str
    title: str
    source: str
    page: int | None = None


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float  # fused, 1.0 = first in every list
    rank: int
    dense: float = 0.0  # cosine similarity to the query
    lexical: float = 0.0  # BM25 score


@dataclass(frozen=True)
class Citation:
    n: int
    document: DocRef
    instruments: tuple[Instrument, ...]
    passage: str
    score: float
    sentence: str = ""  # the sentence of the passage the answer rests on
    where: str = ""  # "Điều 5 khoản 1": where the passage stands in its document

    def label(self) -> str:
        """'Điều 5 khoản 1, Nghị định 13/2023/NĐ-CP ...': the article and the document."""
        return f"{self.where}, {self.document.title}" if self.where else self.document.title


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    refused: bool
    citations: tuple[Citation, ...]
    timings_ms: dict[str, float]
    generator: str = "extractive"
    reason: str | None = None
    # How sure the extractive answerer is that its best sentence answers (0-1, calibrated,
    # answers/confidence.py); None when the answer did not come from that decision.
    confidence: float | None = None
    # "Not sure": the passages closest to the question, cited and marked uncertain.
    related: tuple[Citation, ...] = ()
