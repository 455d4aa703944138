"""Filters that narrow retrieval to documents about a province, instrument type or number,
issuer or year: from the API's JSON, the CLI's KEY=VALUE pairs, the UI's fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from policybot.errors import PolicybotError
from policybot.index.document_text import fold
from policybot.text.refs import RefQuery, ref_matches
from policybot.types import Instrument


@dataclass(frozen=True)
class Filters:
    """Narrow retrieval to documents about a province, instrument type/number, issuer or year."""

    province: str | None = None
    type: str | None = None
    number: str | None = None
    issuer: str | None = None
    year: int | None = None

    @classmethod
    def from_mapping(cls, data: dict[str, Any] | None) -> Filters:
        data = {k: v for k, v in (data or {}).items() if v not in (None, "")}
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise PolicybotError(
                f"unknown filter {', '.join(unknown)}: use one of {', '.join(sorted(names))}"
            )
        year = data.get("year")
        if year is not None:
            try:
                year = int(str(year).strip())
            except ValueError:
                raise PolicybotError(f"filter year must be a number, got {year!r}") from None
        return cls(
            province=_opt(data.get("province")),
            type=_opt(data.get("type")),
            number=_opt(data.get("number")),
            issuer=_opt(data.get("issuer")),
            year=year,
        )

    @classmethod
    def from_pairs(cls, pairs: Sequence[str]) -> Filters:
        data: dict[str, str] = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise PolicybotError(f"filter must look like KEY=VALUE, got {pair!r}")
            data[key.strip()] = value.strip()
        return cls.from_mapping(data)

    def empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    def accepts(self, doc: dict[str, Any]) -> bool:
        meta = doc.get("metadata", {})
        insts = [Instrument.from_dict(i) for i in doc.get("instruments", [])]
        if self.province and fold(self.province) not in fold(meta.get("province", "")):
            return False
        if (
            self.type
            and not any(fold(i.type) == fold(self.type) for i in insts)
            and fold(self.type) != fold(meta.get("doc_type", ""))
        ):
            return False
        if self.number:
            q = RefQuery(type=None, number=self.number, full="/" in self.number)
            if not any(ref_matches(q, i) for i in insts):
                return False
        if (
            self.issuer
            and not any(fold(self.issuer) in fold(i.issuer or "") for i in insts)
            and fold(self.issuer) not in fold(meta.get("issuer", ""))
        ):
            return False
        if self.year is not None:
            years = {str(meta.get("date", ""))[:4], str(meta.get("issued_year", ""))}
            years |= {(i.date or "")[:4] for i in insts}
            if str(self.year) not in years:
                return False
        return True


def _opt(value: Any) -> str | None:
    return None if value is None else str(value).strip() or None
