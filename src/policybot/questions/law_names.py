"""Pure: laws a question names by name and year ("Bộ luật Dân sự 2015", "Luật Đất đai năm
2013", "Hiến pháp 2013").

Such a year names the law; it is no period asked about. Not "Luật Đất đai có hiệu lực năm
2024" (a verb between), nor "Luật nào năm 2020", "Theo Luật thì năm 2024" (no name): a name
opens with a capital and has two words at least, none of them a verb or a function word.
"""

from __future__ import annotations

import re

LAW_YEAR = re.compile(
    r"(?<!\w)(?P<type>Bộ luật|Luật|Hiến pháp)(?P<words>(?:\s+\w+){0,6}?)"
    r"\s+(?:năm\s+)?(?P<year>(?:19|20)\d{2})(?!\d)"
)
_NOT_NAME_WORDS = """có được là đã sẽ ban hành thông qua hiệu lực từ trong vào ngày tháng năm số
theo của nào gì mấy thì mới này hiện quy định"""
_NOT_NAME = frozenset(_NOT_NAME_WORDS.split())
_NAME_WORDS = 2  # "Luật Đất đai"; "Luật BHXH" (an abbreviation) is not read as a name


def verbal(words: str) -> bool:
    """Words between a law's type and a year that say something of it, not name it."""
    return any(w.casefold() in _NOT_NAME for w in words.split())


def law_years(text: str) -> tuple[str, ...]:
    """The years that name a law in `text`, in order, once each."""
    return tuple(
        dict.fromkeys(m["year"] for m in LAW_YEAR.finditer(text) if not verbal(m["words"]))
    )


def laws_named(text: str) -> tuple[str, ...]:
    """The laws `text` names by name and year, without the year ("Luật Bảo hiểm xã hội")."""
    out = []
    for m in LAW_YEAR.finditer(text):
        words = m["words"].split()
        if verbal(m["words"]) or len(words) < _NAME_WORDS or not words[0][:1].isupper():
            continue
        if words[0].isupper() and len(words[0]) > 1:
            continue  # an abbreviation ("Luật BHXH …"): the corpus may spell it out
        out.append(f"{m['type']} {' '.join(words)}")
    return tuple(dict.fromkeys(out))


def without_law_years(text: str) -> str:
    """`text` with each law's name and year blanked (its year pins no period)."""
    return LAW_YEAR.sub(lambda m: m.group(0) if verbal(m["words"]) else " ", text)
