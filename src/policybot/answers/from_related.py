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
  of another province or another year is not an answer, however well supported;
- the asked figure is stated by a sentence among the closest to the question in meaning in
  its passage (CLOSE_MARGIN), not by one about something else;
- an instrument named for a place's document was issued by that place;
- the answer says more than the question (at least MIN_NEW_WORDS words of its own).

Anything else keeps the "not sure" refusal as it was.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from policybot.answers.draft import NOT_SURE, Draft
from policybot.answers.guardrails import Claim, Evidence, check, copied_headers, find_claims
from policybot.answers.prompts import Source, select_sources
from policybot.answers.stated import ANY_YEAR, STOPWORDS
from policybot.index.document_text import fold
from policybot.questions.question import QuestionSpec
from policybot.text.issuers import find_issuers
from policybot.text.places import bare_name
from policybot.text.refs import ref_matches
from policybot.text.segment import syllables
from policybot.text.symbols import canonical_number
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
_NAMED_YEAR = re.compile(r"(?i:năm)\s+((?:19|20)[0-9]{2})(?![0-9])")
_MARKER = re.compile(r"\[[0-9]+\]")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;])\s+|\n+")
MIN_NEW_WORDS = 2
CLOSE_MARGIN = 0.05  # cosine below a passage's closest sentence to the question
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


def judge(
    spec: QuestionSpec,
    sources: Sequence[Source],
    raw: str,
    close: Mapping[int, Sequence[str]] | None = None,
) -> Outcome:
    """Accept the model's text only when it passes every check of the module docstring.

    `close`: each source's sentences closest to the question in meaning (see
    off_topic_fact); None checks no figure's sentence.
    """
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
    if restates(spec, text):
        return Outcome(text, cited, "not an answer: it restates the question")
    if missing := missing_kind(spec, text):
        return Outcome(text, cited, f"the asked fact is missing: {missing}")
    if absent := not_in_cited(spec, cited):
        return Outcome(text, cited, f"the cited passages are not about {absent}")
    near = {n: close[n] for n in verdict.cited} if close is not None else None
    if near is not None and (stray := off_topic_fact(spec, text, near)):
        return Outcome(text, cited, f"{stray} is stated by no cited sentence close to the question")
    if other := other_issuer(spec, text, cited):
        return Outcome(text, cited, f"{other} is not an instrument of the place asked")
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


def restates(spec: QuestionSpec, text: str) -> bool:
    """True when the answer states no figure, date or instrument number of its own and adds
    fewer than MIN_NEW_WORDS content words to the question's: it says the question back
    ("Quảng Trị muốn cải thiện vị trí trên bảng xếp hạng [1].")."""
    known = _values(find_claims(spec.text), spec.text)
    if any(not c.value <= known for c in find_claims(text)):
        return False  # a figure, date or instrument number of its own is something said
    asked = set(syllables(spec.text))
    said = {t for t in syllables(_MARKER.sub(" ", text)) if not t.isdigit()}
    return len(said - asked - STOPWORDS) < MIN_NEW_WORDS


def off_topic_fact(spec: QuestionSpec, text: str, close: Mapping[int, Sequence[str]]) -> str | None:
    """The asked figure (a number, a date) when no sentence stating it is among the cited
    passages' closest to the question in meaning (`close`: source number -> those
    sentences, related.close_sentences): a figure of something else from the same passage
    ("phủ 100% đến các xã" for "kinh tế số chiếm bao nhiêu phần trăm")."""
    kinds = {k for name, ks in _KINDS.items() if getattr(spec, f"wants_{name}") for k in ks}
    kinds -= {"instrument", "year"}
    known = _values(find_claims(spec.text), spec.text)
    wanted = [c for c in find_claims(text) if c.kind in kinds and not c.value <= known]
    if not wanted:
        return None
    sentences = [t for ts in close.values() for t in ts]
    for claim in wanted:
        if any(Evidence.of([t]).supports(claim) for t in sentences):
            return None
    return wanted[0].text


def other_issuer(spec: QuestionSpec, text: str, cited: Collection[Source]) -> str | None:
    """For "which document did <place> issue", the instrument named when none of those it
    could be was issued by that place ("Đông Hà's plan" is not the province's 5807/KH-UBND)."""
    places = spec.localities or spec.provinces
    if not spec.wants_instrument or not places:
        return None
    asked = {canonical_number(r.number) for r in spec.refs if r.number}
    named = [c for c in find_claims(text) if c.kind == "instrument" and not c.value <= asked]
    if not named:
        return None
    key = fold(bare_name(places[0]))
    numbers = set().union(*(c.value for c in named))
    insts = [i for s in cited for i in s.instruments if i.number]
    if any(
        canonical_number(i.number or "") in numbers and key in fold(i.issuer or "") for i in insts
    ):
        return None
    return named[0].text


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
            out["year"].update(v for v in claim.value if ANY_YEAR.fullmatch(v))
    out["number"] -= named
    return out


def _values(claims: Sequence[Claim], text: str) -> set[str]:
    """Every value the question states, whatever its kind."""
    out: set[str] = set(ANY_YEAR.findall(text))
    for claim in claims:
        out.update(claim.value)
    return out
