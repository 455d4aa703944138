"""The records of the instrument registry: an entry per instrument (Entry), each passage that
names it (MentionRec) and a relation read between two entries (Relation), with the JSON form
they take in the registry file (registry_file.py).

The JSON form is read off the dataclass fields, in declaration order, so a field added to a
record is written and read back without a second list of names to keep in step.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TypeVar

from policybot.instruments.lineage import Passage
from policybot.types import Instrument

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_R = TypeVar("_R", bound="DataclassInstance")


def _as_json(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_as_json(v) for v in value]
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if to_dict is not None else value


def _record_dict(record: DataclassInstance) -> dict[str, Any]:
    """Every field by name; tuples become lists and nested records their own dicts."""
    return {f.name: _as_json(getattr(record, f.name)) for f in fields(record)}


def _record_from(
    cls: type[_R], d: Mapping[str, Any], **nested: Callable[[dict[str, Any]], Any]
) -> _R:
    """The record `d` describes. A field `d` lacks keeps its default (files written before
    the field existed); lists become tuples, of the records `nested` names for a field."""
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in d:
            continue
        value = d[f.name]
        if f.name in nested:
            value = tuple(nested[f.name](v) for v in value)
        elif isinstance(value, list):
            value = tuple(value)
        values[f.name] = value
    return cls(**values)


@dataclass(frozen=True)
class MentionRec:
    """Where an entry is named: [start, end) of the passage (chunk) text, and its sentence."""

    doc_id: str
    chunk_id: str
    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int = 0  # offset of the sentence in the passage
    date: str | None = None  # what this mention itself states
    issuer: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _record_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> MentionRec:
        return _record_from(cls, d)


@dataclass(frozen=True)
class Entry:
    key: str
    type: str
    number: str | None
    date: str | None
    issuer: str | None
    level: str | None
    province: str | None
    subject: str | None
    name: str | None
    implied: bool = False  # a document the text implies but does not name
    planned: bool = False  # only ever named as something to be drafted ("xây dựng Kế hoạch ...")
    aliases: tuple[str, ...] = ()  # other keys merged into this one
    mentions: tuple[MentionRec, ...] = ()
    # When the corpus holds the instrument's own text (read from its layout):
    own_doc: str | None = None  # the document that is this instrument
    effective: str | None = None  # ISO, or "ngày ký"
    expired: str | None = None  # ISO: when it ceased to be in force, as its record says
    recorded_status: str | None = None  # its record's "Tình trạng hiệu lực"
    signer: str | None = None  # "Nguyễn Hoàng Long"
    signer_title: str | None = None  # "KT. Bộ trưởng, Thứ trưởng"
    issued_year: str | None = None  # its own text's year of issue when the day is unread
    # Validity as far as the corpus shows it: the entries that replace, abolish or amend it.
    replaced_by: tuple[str, ...] = ()  # replaced or abolished by
    amended_by: tuple[str, ...] = ()
    abolished_by: tuple[str, ...] = ()  # those of replaced_by that say "bãi bỏ"
    # And what this instrument itself ends or amends, by title.
    replaces: tuple[str, ...] = ()
    abolishes: tuple[str, ...] = ()
    amends: tuple[str, ...] = ()

    def status(self) -> str:
        """'còn hiệu lực từ ...', 'đã bị thay thế / bãi bỏ bởi ...' as far as the corpus shows."""
        if self.replaced_by:
            return "đã bị thay thế hoặc bãi bỏ bởi " + ", ".join(self.replaced_by)
        parts = []
        if self.effective:
            eff = self.effective
            if eff != "ngày ký":
                y, m, d = eff.split("-")
                eff = f"ngày {int(d)}/{int(m)}/{y}"
            parts.append(f"có hiệu lực từ {eff}")
        if self.amended_by:
            parts.append("được sửa đổi, bổ sung bởi " + ", ".join(self.amended_by))
        return "; ".join(parts)

    @property
    def instrument(self) -> Instrument:
        return Instrument(self.type, self.number, self.date, self.issuer, self.name)

    @property
    def local(self) -> bool:
        """Issued by a province's, district's or commune's own bodies."""
        return self.level in ("tỉnh", "huyện", "xã")

    @property
    def year(self) -> int | None:
        if self.date:
            return int(self.date[:4])
        return int(self.issued_year) if self.issued_year else None

    def title(self) -> str:
        """'Kế hoạch số 5807/KH-UBND', 'Nghị quyết về chuyển đổi số ...', 'Văn bản của X ...'."""
        if self.number:
            return f"{self.type} số {self.number}"
        if self.implied:
            return f"{self.type} của {self.issuer} (không nêu số, tên)"
        return " ".join(p for p in (self.type, self.name) if p)

    def label(self) -> str:
        """Title with date and issuer: how an answer names it."""
        parts = [self.title()]
        if self.date:
            y, m, d = self.date.split("-")
            parts.append(f"ngày {int(d)}/{int(m)}/{y}")
        if self.issuer and not self.implied:
            parts.append(f"của {self.issuer}")
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return _record_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entry:
        return _record_from(cls, d, mentions=MentionRec.from_dict)


@dataclass(frozen=True)
class Relation:
    """source <kind> target ("5807/KH-UBND" implements "50/NQ-CP"), with the passages that
    state it. `support` passages name the source where the stating sentence does not."""

    source: str
    target: str
    kind: str
    cue: str
    passages: tuple[Passage, ...]
    support: tuple[Passage, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return _record_dict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Relation:
        return _record_from(cls, d, passages=Passage.from_dict, support=Passage.from_dict)
