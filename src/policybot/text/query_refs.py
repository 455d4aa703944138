"""Pure: the instruments a question names, typed as officials type them.

"Kế hoạch 5807", "nghị quyết 52", "NQ 52", "5807/KH-UBND", and the number with its year
("Quyết định 445/2013", "Nghị định 144/2006"), which names the instrument of that number
issued that year. Mentions in documents are read by refs.py; a question's references are
matched to them with refs.ref_matches.
"""

from __future__ import annotations

import re

from policybot.text.places import modern_tones
from policybot.text.refs import (
    ABBR_WORD,
    BARE,
    SO,
    TYPES,
    UNITS,
    YEAR_LIKE,
    RefQuery,
    date_at,
)
from policybot.text.symbols import (
    ABBR_TYPES,
    canon_token,
    canonical_number,
    symbol_tokens,
    type_of_symbol,
    type_of_word,
)

_QUERY_NUMBER = re.compile(
    r"(?<![\w/.–-])"
    rf"(?:(?P<tw>{TYPES})\s+)?(?:(?P<ab>{ABBR_WORD})\s+)?(?:{SO}\s*:?\s*)?"
    r"(?P<num>(?i:[0-9]{1,5}(?:\s?[/–-]\s?[0-9]{1,4})*\s?[/–-]\s?[a-zđ][a-zđ]*[0-9]*"
    r"(?:\s?[/–-]\s?(?:[a-zđ][a-zđ]*[0-9]*|[0-9]{1,4}))*))(?!\w)"
)
# "Quyết định 445/2013": a type, the number and the year it was issued, no symbol.
_QUERY_NUMBER_YEAR = re.compile(
    rf"(?<![\w/.–-])(?:(?P<tw>{TYPES})|(?P<ab>{ABBR_WORD}))\s+(?:{SO}\s*:?\s*)?"
    r"(?P<num>[0-9]{1,5})\s?/\s?(?P<year>(?:19|20)[0-9]{2})(?![0-9/–-]|\w)"
)
_QUERY_BARE = re.compile(
    rf"(?<![\w/.–-])(?:(?P<tw>{TYPES})|(?P<ab>{ABBR_WORD}))\s+(?:(?P<so>{SO})\s*:?\s*)?"
    rf"(?P<bare>{BARE})"
)


def _kind(m: re.Match[str]) -> str | None:
    return type_of_word(m.group("tw")) or ABBR_TYPES.get(canon_token(m.group("ab") or "").upper())


def find_query_refs(question: str) -> list[RefQuery]:
    """Instruments a question names, in order.

    Questions are typed casually, so type words and symbols may be lower-case; a lower-case
    symbol must still start with a known type abbreviation ("52-nq/tw", not "10/ha").
    """
    if not question:
        return []
    q = modern_tones(question)
    found: list[tuple[int, RefQuery]] = []
    taken: list[tuple[int, int]] = []
    for m in _QUERY_NUMBER.finditer(q):
        number = canonical_number(m.group("num"))
        tokens = symbol_tokens(number)
        raw_tokens = symbol_tokens(m.group("num"))
        if not tokens or not (raw_tokens[0][:1].isupper() or tokens[0].upper() in ABBR_TYPES):
            continue
        kind = type_of_symbol(number) or _kind(m)
        found.append((m.start(), RefQuery(kind, number, True)))
        taken.append((m.start(), m.end()))
    for m in _QUERY_NUMBER_YEAR.finditer(q):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        found.append((m.start(), RefQuery(_kind(m), f"{m.group('num')}/{m.group('year')}", False)))
        taken.append((m.start(), m.end()))
    for m in _QUERY_BARE.finditer(q):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        number = m.group("bare")
        if not m.group("so") and (
            YEAR_LIKE.fullmatch(number) or (UNITS.match(q, m.end()) and not date_at(q, m.end()))
        ):
            continue
        found.append((m.start(), RefQuery(_kind(m), number, False)))
    found.sort(key=lambda x: x[0])
    return list(dict.fromkeys(r for _, r in found))
