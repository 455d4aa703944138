"""Pure: text written in capitals put back in the case the document writes its words."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from policybot.text.places import PROVINCES


def _case_map(text: str) -> tuple[dict[str, str], set[str]]:
    """casefold word -> how the body writes it mid-sentence (proper nouns keep capitals),
    and the words it writes in capitals mid-sentence (abbreviations: "UBND", "IoT")."""
    counts: Counter[tuple[str, str]] = Counter()
    caps: set[str] = set()
    for m in re.finditer(r"(?<=[a-zà-ỹđ,] )(\w+)", text[:300000]):
        word = m.group(1)
        if len(word) > 1 and word.isupper():
            if re.fullmatch(r"[A-ZĐ0-9]+", word):
                caps.add(word)
            continue
        counts[(word.casefold(), word)] += 1
    best: dict[str, tuple[int, str]] = {}
    for (low, word), n in counts.items():
        if low not in best or n > best[low][0]:
            best[low] = (n, word)
    return {low: word for low, (_, word) in best.items()}, caps


def sentence_case(caps: str, body: str) -> str:
    """A trích yếu written in capitals, in the case the body writes its words: "BAN HÀNH
    QUY CHẾ ... TỈNH ĐỒNG THÁP" -> "Ban hành Quy chế ... tỉnh Đồng Tháp"."""
    letters = [c for c in caps if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return caps
    cases, upper = _case_map(body)

    def one(m: re.Match[str]) -> str:
        tok = m.group(0)
        if any(ch.isdigit() for ch in tok):
            return tok
        low = tok.casefold()
        if low in cases:
            return cases[low]
        return tok if tok in upper else low

    text = _province_case(re.sub(r"[0-9][\w/.-]*\w|\w+", one, caps))
    return text[0].upper() + text[1:] if text else text


def name_case(caps: str, body: str) -> str:
    """A name written in capitals ("BỘ KHOA HỌC VÀ CÔNG NGHỆ"), as the body writes that
    same name in running text ("Bộ Khoa học và Công nghệ"), capitals and all; word by word
    (sentence_case) when the body never writes it whole."""
    words = caps.split()
    if not words:
        return caps
    pattern = re.compile(
        r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE
    )
    found = Counter(
        " ".join(m.group(0).split())
        for m in pattern.finditer(body[:300000])
        if m.group(0)[0].isupper() and not m.group(0).isupper()
    )
    if found:
        return found.most_common(1)[0][0]
    return sentence_case(caps, body)


@cache
def _provinces() -> tuple[re.Pattern[str], dict[str, str]]:
    names = [n.removeprefix("Thành phố ") for n in PROVINCES]
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)
    return pattern, {n.casefold(): n for n in names}


def _province_case(text: str) -> str:
    """A province's name as it is written ("Đồng Tháp"), whatever case the body's commoner
    use of its words gave them ("đồng" as in "đồng bộ")."""
    pattern, written = _provinces()
    return pattern.sub(lambda m: written.get(m.group(0).casefold(), m.group(0)), text)
