"""Pure checks that a generated answer says what the extractive evidence says.

Every figure of a generated answer can be in its sources and the answer still be wrong: a
year where the question asked for the day, another body than the one that leads, a list with
half its items gone. The extractive answer holds the sentences that answer; these checks
compare the generated answer with it, each for one kind of question, and name what is
missing (None when nothing is).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from policybot.answers.guardrails import Claim, Evidence, find_claims
from policybot.text.issuers import find_issuers
from policybot.text.symbols import canonical_number

FACT_KINDS: dict[str, frozenset[str]] = {
    "day": frozenset({"date", "daymonth"}),
    "when": frozenset({"date", "daymonth", "monthyear", "year"}),
    "number": frozenset({"percent", "number"}),
    "instrument": frozenset({"instrument"}),
}
_YEAR_VALUE = re.compile(r"(?:19|20)[0-9]{2}")


def missing_fact(
    answer: str, evidence_answer: str, kinds: frozenset[str], asked: Collection[str] = ()
) -> str | None:
    """The asked-for fact of the evidence answer, when the generated answer states none of it.

    A model can pick a figure that is in its sources but answers something else ("năm 2025"
    for the day a resolution was issued, where the passage also names 2025 as a target). The
    extractive answer holds the sentence that answers; its date, number or instrument of the
    kind asked must also be in the generated answer. Returns what is missing, or None.
    """
    wanted: list[Claim] = []
    asked_keys = {canonical_number(a) for a in asked}
    for claim in find_claims(evidence_answer):
        kind = claim.kind
        is_year = kind == "number" and any(_YEAR_VALUE.fullmatch(v) for v in claim.value)
        if is_year:
            kind = "year"
        if kind not in kinds or claim.value & asked_keys:
            continue
        wanted.append(Claim(kind if kind != "year" else "number", claim.value, claim.text))
    if not wanted:
        return None
    stated = Evidence.of([answer])
    if any(stated.supports(c) for c in wanted):
        return None
    return ", ".join(dict.fromkeys(c.text for c in wanted))


_SYLLABLE = re.compile(r"[^\W\d_]+")


def _syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(text.casefold())


def _unasked(question: str, stopwords: Collection[str]) -> set[str]:
    """Words that ask nothing of an answer: the question's own and function words."""
    return set(_syllables(question)) | set(stopwords)


MIN_CONTENT_SHARE = 0.5


def missing_content(
    answer: str, evidence_answer: str, question: str, stopwords: Collection[str]
) -> str | None:
    """What the evidence says that the generated answer leaves out, when it leaves out most.

    For questions with no single fact to check (what, which goals, how), the extractive
    answer's sentences are what the passages say in answer; a fluent reply that keeps less
    than half of their content words (not the question's own, not function words) answers
    something else from the same sources. Returns a few of the missing words, or None.
    """
    skip = _unasked(question, stopwords)
    wanted = [w for w in dict.fromkeys(_syllables(evidence_answer)) if w not in skip]
    if len(wanted) < 4:
        return None
    said = set(_syllables(answer))
    kept = [w for w in wanted if w in said]
    if len(kept) >= MIN_CONTENT_SHARE * len(wanted):
        return None
    return " ".join(w for w in wanted if w not in said)[:80]


_TERM_SUFFIX = re.compile(r"\s+khóa\s+[IVXLC]+$", re.I)


def _body_key(name: str) -> str:
    return _TERM_SUFFIX.sub("", " ".join(name.split())).casefold()


def _same_body(a: str, b: str) -> bool:
    """One body, perhaps named more fully on one side ("UBND tỉnh" / "UBND tỉnh Quảng Trị")."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def missing_body(
    answer: str, evidence_answer: str, question: str, province: str | None = None
) -> str | None:
    """The body the evidence names, when a who-question's generated answer names none of it.

    Figures alone do not catch a wrong actor: an answer naming the Prime Minister for a
    resolution of the provincial Party Committee has every figure right. So for a question
    that asks who (issued, leads, reports to), the bodies named by the extractive answer's
    sentences, other than those the question itself names, are the asked fact; the generated
    answer must name one of them. `province` (the one the question names) completes "UBND
    tỉnh" on both sides. Returns the missing bodies, or None.
    """
    named = {_body_key(name) for _, _, name in find_issuers(question, province)}
    wanted = [
        name
        for _, _, name in find_issuers(evidence_answer, province)
        if not any(_same_body(_body_key(name), q) for q in named)
    ]
    if not wanted:
        return None
    stated = [_body_key(name) for _, _, name in find_issuers(answer, province)]
    if any(_same_body(_body_key(w), s) for w in wanted for s in stated):
        return None
    return ", ".join(dict.fromkeys(wanted))


# One item of a list: what lies between commas, semicolons, colons, line breaks, bullets,
# "và"/"hoặc" and citation markers. What ends in a colon leads the list ("… gồm:") and is no
# item; a numbering label ("Thứ nhất", "a)", "2.", "-") is no item either.
_ITEM_BREAK = re.compile(r"[,;:\n•]|\s(?:và|hoặc)\s|\[[0-9]+\]")
_ITEM_LABEL = re.compile(
    r"^\s*(?:thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)|[-+–•]|[a-zđ]\)|[0-9]+[.)]"
    r"|[IVX]+\.)\s*",
    re.IGNORECASE,
)
MIN_ITEM_SHARE = 0.7


def _list_items(evidence_answer: str, skip: Collection[str]) -> list[tuple[str, list[str]]]:
    """The items of the evidence's list, each with its content words (not those in `skip`).

    A body's name is one item though it has commas in it ("Sở Văn hóa, Thể thao và Du lịch").
    """
    text = evidence_answer
    for start, end, _ in find_issuers(text):
        text = text[:start] + _ITEM_BREAK.sub(" ", text[start:end]) + text[end:]
    items: list[tuple[str, list[str]]] = []
    group: list[tuple[str, list[str]]] = []  # items since the last ";", line or marker
    pos = 0
    for brk in [*_ITEM_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        piece, pos = _ITEM_LABEL.sub("", text[pos:end]), (brk.end() if brk else end)
        words = [w for w in _syllables(piece) if w not in skip]
        if words:
            group.append((" ".join(piece.split()), words))
        sep = brk.group() if brk else ""
        if sep == ":":
            group = []  # all of it since the last break leads the list ("… giao các sở, ngành:")
        elif sep != "," and sep.strip() not in ("và", "hoặc"):
            items.extend(group)
            group = []
    items.extend(group)
    return items


def missing_items(
    answer: str, evidence_answer: str, question: str, stopwords: Collection[str]
) -> str | None:
    """The evidence's list items a generated list answer drops, when it drops too many.

    A list answer can keep most of the evidence's words and still leave out whole groups
    ("cán bộ", "hộ gia đình"); officials read a list as complete. Each item of the extractive
    answer (its content words, not the question's, not function words) counts as kept when the
    answer has at least half of its words, in any order; fewer than 70 % of the items kept is
    a rejection (so a list of two or three must keep them all: the fallback is the extractive
    answer, never a refusal). Returns the first few dropped items, or None.
    """
    items = _list_items(evidence_answer, _unasked(question, stopwords))
    if len(items) < 2:
        return None
    said = set(_syllables(answer))
    dropped = [text for text, words in items if 2 * sum(w in said for w in words) < len(words)]
    if len(items) - len(dropped) >= MIN_ITEM_SHARE * len(items):
        return None
    return "; ".join(dropped[:4])[:120]
