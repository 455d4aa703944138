"""Pure: what a well-formed Vietnamese syllable is, to tell Vietnamese from mojibake.

Text read with the wrong legacy font table still looks like accented Latin ("Nghò quyeát"),
so "has diacritics" proves nothing; a syllable is Vietnamese only when its onset, vowel group
and final are ones the language has and its one tone sits where Vietnamese spelling puts it.
legacy.py counts such syllables to choose between readings of the same bytes.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Tone order used by the legacy tables too: sắc, huyền, hỏi, ngã, nặng.
TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")

ONSETS = [
    "ngh",
    "ng",
    "gh",
    "gi",
    "kh",
    "nh",
    "ph",
    "th",
    "tr",
    "ch",
    "qu",
    "b",
    "c",
    "d",
    "đ",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "q",
    "r",
    "s",
    "t",
    "v",
    "x",
]
# Vowel groups that may be followed by a final consonant, and those that end the syllable
# themselves (they end in a glide, or are ia/ua/ưa): "quay" is a syllable, "quayng" is not.
CLOSABLE = [
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
    "oa",
    "oă",
    "oe",
    "oo",
    "uâ",
    "uê",
    "uô",
    "uơ",
    "uy",
    "ươ",
    "iê",
    "yê",
    "uyê",
]
OPEN = [
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "eo",
    "êu",
    "ia",
    "iu",
    "oi",
    "ôi",
    "ơi",
    "ua",
    "ui",
    "ưa",
    "ưi",
    "ưu",
    "iêu",
    "yêu",
    "oai",
    "oay",
    "oao",
    "oeo",
    "uôi",
    "ươi",
    "ươu",
    "uây",
    "uya",
    "uyu",
]
CODAS = ["ch", "ng", "nh", "c", "m", "n", "p", "t"]


def _alternatives(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_CODA_PATTERN = re.compile(rf"(?:{_alternatives(CODAS)})?")
_ONSET_CHOICES = ("", *ONSETS)
_CLOSABLE_SET = frozenset(CLOSABLE)
_OPEN_SET = frozenset(OPEN)
_MARKED = frozenset("ăâêôơư")
# Open vowel groups whose tone may sit on either vowel: old style "hóa", new style "hoá".
_TONE_EITHER = frozenset({"oa", "oe", "uy", "oo"})
_WORD = re.compile(r"[^\W\d_]+")
_TONE_SET = frozenset(TONES)
# Every lower-case Vietnamese letter: the plain ones, đ, and each vowel with each tone.
_LETTERS = frozenset(
    "abcdeghiklmnopqrstuvxyđ"
    + "".join(
        unicodedata.normalize("NFC", vowel + tone) for vowel in "aăâeêioôơuưy" for tone in TONES
    )
    + "ăâêôơư"
)
# Latin-1 symbols that stand for letters in TCVN3 and are not written in Vietnamese text.
_JUNK = frozenset("¡¢£¤¥¦§¨ª¬\xad®¯±²³´µ¶·¸¹º»¼½¾¿")


def tone_places(nucleus: str, closed: bool) -> frozenset[int]:
    """Where Vietnamese spelling puts the tone mark in a vowel group: on the (last) vowel
    with a mark of its own ("người"), else on the last vowel before a final consonant
    ("toán"), else on the first vowel of a falling pair ("mái", "múa"), on either vowel of
    oa/oe/uy, and on the middle one of three ("ngoái", "khuỷu")."""
    marked = [i for i, ch in enumerate(nucleus) if ch in _MARKED]
    if marked:
        return frozenset({marked[-1]})
    if closed or len(nucleus) == 1:
        return frozenset({len(nucleus) - 1})
    if nucleus in _TONE_EITHER:
        return frozenset({0, 1})
    return frozenset({1 if len(nucleus) == 3 else 0})


def _spellings(bare: str) -> list[tuple[int, frozenset[int]]]:
    """Each way `bare` (no tone) splits into onset + vowel group (+ final): where its vowel
    group starts and where a tone may sit in it ("gia" is gi + a and g + ia)."""
    out: list[tuple[int, frozenset[int]]] = []
    for onset in _ONSET_CHOICES:
        if not bare.startswith(onset):
            continue
        rest = bare[len(onset) :]
        if rest in _OPEN_SET:
            out.append((len(onset), tone_places(rest, closed=False)))
        for cut in range(len(rest), 0, -1):
            nucleus, coda = rest[:cut], rest[cut:]
            if nucleus in _CLOSABLE_SET and _CODA_PATTERN.fullmatch(coda):
                out.append((len(onset), tone_places(nucleus, closed=bool(coda))))
    return out


def _well_cased(word: str) -> bool:
    """lower, UPPER or Title: TCVN3 shows "nhất" as "nhÊt", a capital no writer puts there."""
    return word == word.lower() or word == word.upper() or word[1:] == word[1:].lower()


@lru_cache(maxsize=4096)
def _is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable: onset, vowel group, final, at most one tone and
    that one where Vietnamese puts it. Misreadings of old fonts often pass a looser check:
    VNI "baù" (bá) as "bau" with a tone on the u, TCVN3 "cÊp" (cấp) as "cêp"."""
    if not _well_cased(word):
        return False
    lowered = word.lower()
    if not all(ch in _LETTERS for ch in lowered):
        return False  # "ñ" decomposes to n + tilde, but it is no Vietnamese letter
    letters: list[str] = []
    toned: list[int] = []
    for ch in lowered:
        parts = unicodedata.normalize("NFD", ch)
        if any(m in _TONE_SET for m in parts):
            toned.append(len(letters))
        bare = "".join(m for m in parts if m not in _TONE_SET)
        letters.append(unicodedata.normalize("NFC", bare))
    if len(toned) > 1:
        return False
    spellings = _spellings("".join(letters))
    return any(not toned or toned[0] - start in places for start, places in spellings)


def syllable_score(text: str) -> int:
    """Evidence that `text` is proper Vietnamese: +1 per well-formed syllable with a mark,
    -1 per word with non-ASCII letters that is not a syllable, -1 per stray symbol."""
    score = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        score += 1 if _is_syllable(word) else -1
    return score - sum(1 for ch in text if ch in _JUNK or ch == "\ufffd")


def is_syllable(word: str) -> bool:
    """A well-formed Vietnamese syllable (public form of the check legacy.py relies on)."""
    return bool(word) and _is_syllable(word)


def words(text: str) -> list[str]:
    """The letter runs of `text`: what syllable_share counts."""
    return _WORD.findall(text)


def syllable_share(text: str) -> float:
    """Share of words that are well-formed Vietnamese syllables written with their marks.

    Proper Vietnamese prose scores about 0.5-0.7 (the rest are syllables without marks,
    numbers' neighbours, names); text that lost its marks, mojibake from an old font and
    OCR noise score near 0. Words without any non-ASCII letter count as not well-formed,
    because "quyet dinh" is what a text layer without diacritics reads.
    """
    found = _WORD.findall(text)
    if not found:
        return 0.0
    good = sum(1 for word in found if not word.isascii() and _is_syllable(word))
    return good / len(found)
