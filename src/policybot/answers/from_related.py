"""A "not sure" question answered by the model from the related passages, or left not sure.

When the calibrated decision (confidence.py) does not answer but related.py found passages
close to the question, a configured chat model may read those passages (numbered as always,
prompts.py) and answer only from them. There is no extractive answer to hold the model's
text against, so what stands in for it is the question itself:

- the guardrails of every generated answer (guardrails.check): valid citations, every
  figure, date and instrument number in the passages cited, no prompt headers, no refusal;
- no hedge either ("văn bản không nêu cụ thể …"): a non-answer is not an answer;
- the kind of fact the question asks (a day, a year, a number, an instrument, a body) is
  stated, and not only repeated from the question;
- the place, year and instrument the question names are in the passages cited: a figure
  of another province or another year is not an answer, however well supported.

Anything else keeps the "not sure" refusal as it was.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from policybot.answers.draft import NOT_SURE, Draft
from policybot.answers.guardrails import Claim, check, copied_headers, find_claims
from policybot.answers.prompts import Source, select_sources
from policybot.questions.question import QuestionSpec
from policybot.search.retrieve import fold
from policybot.text.issuers import find_issuers
from policybot.text.places import bare_name
from policybot.text.refs import ref_matches
from policybot.types import Instrument

GENERATOR = "llm-from-related"  # Answer.generator of a not-sure question the model answered

# What small models write when the sources do not hold the answer, beyond the refusal the
# prompt asks for (guardrails.is_refusal): "không nêu rõ", "chưa được đề cập", "không thể
# trả lời", "không có số liệu".
_HEDGE = re.compile(
    r"(?i:(?:không|chưa)\s+(?:được\s+)?(?:nêu|đề\s+cập|nói|ghi|cung\s+cấp|quy\s+định)"
    r"(?:\s+(?:rõ|cụ\s+thể|trực\s+tiếp|đến|tới|về))?(?=[\s.,;:]|$)"
    r"|không\s+(?:thể\s+)?(?:trả\s+lời|xác\s+định)"
    r"|không\s+rõ"
    r"|(?:không|chưa)\s+có\s+(?:thông\s+tin|dữ\s+liệu|số\s+liệu|câu\s+trả\s+lời))"
)
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_NAMED_YEAR = re.compile(r"(?i:năm)\s+((?:19|20)[0-9]{2})(?![0-9])")
_KINDS: dict[str, frozenset[str]] = {
    "day": frozenset({"date", "daymonth"}),
    "when": frozenset({"date", "daymonth", "monthyear", "year"}),
    "number": frozenset({"percent", "number"}),
    "instrument": frozenset({"instrument"}),
}


@dataclass(frozen=True)
class Outcome:
    """The model's text checked: accepted (`why` None) with the sources it cites, or not."""

    text: str
    cited: tuple[Source, ...]
    why: str | None


def may_answer(draft: Draft) -> bool:
    """A "not sure" refusal with related passages (never "not found", never an answer)."""
    return draft.refused and draft.message == NOT_SURE and bool(draft.related)


def related_sources(
    draft: Draft, limit: int, doc_instruments: Mapping[str, Sequence[Instrument]]
) -> list[Source]:
    """The related passages, in the order shown to the asker, numbered for the model."""
    hits = [hit for hit, _ in draft.related]
    return select_sources(replace(draft, parts=()), hits, limit, doc_instruments)


def judge(spec: QuestionSpec, sources: Sequence[Source], raw: str) -> Outcome:
    """Accept the model's text only when it passes every check of the module docstring."""
    asked = [r.number for r in spec.refs if r.number]
    verdict = check(raw, {s.n: s.support for s in sources}, asked)
    by_n = {s.n: s for s in sources}
    cited = tuple(by_n[n] for n in verdict.cited)
    if not verdict.ok:
        return Outcome(verdict.text, cited, verdict.reason or "rejected")
    text = verdict.text
    if copied_headers(text, [h for s in sources for h in s.headers]):
        return Outcome(text, cited, "the model copied the prompt")
    if hedge := is_hedge(text):
        return Outcome(text, cited, f"not an answer: {hedge}")
    if missing := missing_kind(spec, text):
        return Outcome(text, cited, f"the asked fact is missing: {missing}")
    if absent := not_in_cited(spec, cited):
        return Outcome(text, cited, f"the cited passages are not about {absent}")
    return Outcome(text, cited, None)


def is_hedge(text: str) -> str | None:
    """The words by which the model says the sources do not answer, or None."""
    m = _HEDGE.search(text)
    return m.group(0) if m else None


def missing_kind(spec: QuestionSpec, text: str) -> str | None:
    """The kind of fact the question asks that the answer does not state (repeating the
    question's own figures states nothing), or None."""
    known = _values(find_claims(spec.text), spec.text)
    stated = {kind: vals - known for kind, vals in _by_kind(text).items()}
    for name, kinds in _KINDS.items():
        if getattr(spec, f"wants_{name}") and not any(stated.get(k) for k in kinds):
            return {"day": "a date", "when": "a date or year", "number": "a number"}.get(
                name, "an instrument"
            )
    if spec.wants_who:
        named = {name.casefold() for _, _, name in find_issuers(spec.text)}
        if not any(name.casefold() not in named for _, _, name in find_issuers(text)):
            return "a body"
    return None


def not_in_cited(spec: QuestionSpec, cited: Collection[Source]) -> str | None:
    """The place, year or instrument the question names that no cited passage is about."""
    support = fold("\n".join(s.support for s in cited))
    for place in (*spec.provinces, *spec.localities):
        if fold(bare_name(place)) not in support:
            return place
    for year in spec.years:
        if year not in support:
            return year
    named = [i for s in cited for i in s.instruments]
    for ref in spec.refs:
        if not any(ref_matches(ref, i) for i in named):
            return " ".join(p for p in (ref.type, ref.number) if p)
    return None


def _by_kind(text: str) -> dict[str, set[str]]:
    """The values stated in the text by claim kind. A year is a year, not the number asked
    for ("đến năm 2030" answers no "bao nhiêu"); a date states its year too."""
    named = set(_NAMED_YEAR.findall(text))
    out: dict[str, set[str]] = {"year": set(named), "number": set()}
    for claim in find_claims(text):
        out.setdefault(claim.kind, set()).update(claim.value)
        if claim.kind == "date":
            out["year"].update(v[:4] for v in claim.value)
        if claim.kind == "number":
            out["year"].update(v for v in claim.value if _YEAR.fullmatch(v))
    out["number"] -= named
    return out


def _values(claims: Sequence[Claim], text: str) -> set[str]:
    """Every value the question states, whatever its kind."""
    out: set[str] = set(_YEAR.findall(text))
    for claim in claims:
        out.update(claim.value)
    return out
