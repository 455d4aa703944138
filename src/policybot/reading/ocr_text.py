"""Pure: what OCR text needs before it is indexed — misread words repaired, noise dropped.

Tesseract reads most of a clean scan well but misplaces marks ("QUYÉT" for "QUYẾT",
"Cơ quari" for "Cơ quan", "l2" for "12") and reads stamps, signature boxes and the
digital-signature block of the Government portal ("Ký bởi: Cổng Thông tin điện tử Chính
phủ", "Cơ quan: ...", "Thời gian ký: ...") as if they were text. Only words that are not
well-formed Vietnamese syllables are touched, and only when one small edit makes them one;
among several edits the one the rest of the document uses most wins.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from policybot.reading.orthography import TONES, is_syllable, words

__all__ = [
    "drop_noise_lines",
    "drop_stamps",
    "is_noise_line",
    "repair_by_context",
    "repair_words",
    "tidy_ocr",
]

# Letters OCR confuses with each other: the same vowel with another hat or hook, d and đ.
_VARIANTS = ("aăâ", "eê", "oôơ", "uư", "dđ", "iíìỉĩị")
_VARIANT_OF = {ch: group for group in _VARIANTS for ch in group}
# Letter pairs OCR reads for one letter, and the reverse.
_SPLITS = (("ri", "n"), ("rn", "m"), ("in", "m"), ("cl", "d"), ("li", "h"), ("ii", "u"))
_DIGIT_LOOKALIKES = str.maketrans(
    {"l": "1", "I": "1", "O": "0", "o": "0", "Ô": "0", "Q": "0", "Ø": "0", "ø": "0"}
)
# The slash of an instrument's symbol read as a Z ("3907ZQĐ-BCT" for "3907/QĐ-BCT").
_SLASH_AS_Z = re.compile(r"(?<![\w/])(\d{1,5})[Zz]([A-ZĐ]{1,6}-[A-ZĐ])")
_TOKEN = re.compile(r"[^\W_]+")


def _bare_and_tone(ch: str) -> tuple[str, str]:
    parts = unicodedata.normalize("NFD", ch)
    tone = "".join(m for m in parts if m in TONES)
    bare = "".join(m for m in parts if m not in TONES)
    return unicodedata.normalize("NFC", bare), tone


def _with_tone(bare: str, tone: str) -> str:
    return unicodedata.normalize("NFC", bare + tone)


def _one_edits(word: str) -> Iterator[str]:
    """Words one OCR confusion away: another hat on a vowel (tone kept), d/đ, a tone
    removed or moved to another vowel, a letter pair read for one letter, odd capitals."""
    lower = word.lower()
    if lower != word and word[:1].isupper():
        yield word[:1] + word[1:].lower()  # "KÍnh" -> "Kính"
    for i, ch in enumerate(word):
        bare, tone = _bare_and_tone(ch.lower())
        group = _VARIANT_OF.get(bare)
        if group is None:
            continue
        for other in group:
            if other != bare:
                new = _with_tone(other, tone)
                yield word[:i] + (new.upper() if ch.isupper() else new) + word[i + 1 :]
        if tone:
            plain = list(word)
            plain[i] = bare.upper() if ch.isupper() else bare
            yield "".join(plain)
            for j, other_ch in enumerate(word):  # the tone on another vowel
                if j != i and _bare_and_tone(other_ch.lower())[0] in _VARIANT_OF:
                    moved = list(plain)
                    moved[j] = _with_tone(other_ch, tone)
                    yield "".join(moved)
    for wrong, right in _SPLITS:
        start = lower.find(wrong)
        while start >= 0:
            yield word[:start] + right + word[start + len(wrong) :]
            start = lower.find(wrong, start + 1)


def repair_words(text: str) -> str:
    """Replace each word that is not a Vietnamese syllable by the one-edit syllable the
    document itself uses most (ties: the first edit tried); digits read as letters inside
    numbers ("l2", "Ô7", "Ø2") become digits, a symbol's slash read as a Z a slash again.
    Well-formed words are never changed."""
    counts = Counter(w.lower() for w in words(text) if not w.isascii() and is_syllable(w))
    cache: dict[str, str] = {}

    def fix(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in cache:
            return cache[token]
        fixed = token
        if any(ch.isdigit() for ch in token):
            candidate = token.translate(_DIGIT_LOOKALIKES)
            if candidate.isdigit():
                fixed = candidate
        elif _repairable(token):
            options = [w for w in dict.fromkeys(_one_edits(token)) if is_syllable(w)]
            if options:
                fixed = max(options, key=lambda w: counts[w.lower()])
        cache[token] = fixed
        return fixed

    text = _SLASH_AS_Z.sub(r"\1/\2", text)
    return "\n".join(_TOKEN.sub(fix, line) for line in text.split("\n"))


def _repairable(token: str) -> bool:
    """A word worth an edit: not a syllable, not an abbreviation, not a short ASCII bit."""
    if token.isascii() and len(token) <= 2:
        return False
    return not is_syllable(token) and not _is_acronym(token)


def _is_acronym(token: str) -> bool:
    """UBND, HĐND, NQ, BTCN: capitals without a vowel group are abbreviations, not words."""
    return token.isupper() and len(token) <= 6 and all(ch.isascii() or ch == "Đ" for ch in token)


def _tone_variants(word: str) -> Iterator[str]:
    """Well-formed words that differ from `word` in one vowel's hat or tone ("quyên" ->
    "quyền", "cầu" -> "cấu", "đữ" -> "dữ")."""
    for i, ch in enumerate(word):
        bare, _tone = _bare_and_tone(ch.lower())
        group = _VARIANT_OF.get(bare)
        if group is None:
            continue
        for other in group:
            for tone in ("", *TONES):
                new = _with_tone(other, tone)
                new = new.upper() if ch.isupper() else new
                if new != ch:
                    candidate = word[:i] + new + word[i + 1 :]
                    if is_syllable(candidate):
                        yield candidate


_CONTEXT_SEEN = 3  # a pair must be this common elsewhere in the document to win


def repair_by_context(texts: list[str], reference: str) -> list[str]:
    """Fix tone misreads that still are syllables ("quyên hạn", "cơ cầu tổ chức") where
    the document itself says otherwise: a word pair seen once is replaced by the pair that
    differs in one hat or tone and occurs at least three times in `reference` (the whole
    document). Pairs the document does not repeat are left alone."""
    pairs: Counter[tuple[str, str]] = Counter()
    for line in reference.split("\n"):
        found = [w.lower() for w in words(line)]
        pairs.update(itertools.pairwise(found))

    def better(first: str, second: str) -> tuple[str, str] | None:
        if pairs[(first.lower(), second.lower())] > 1:
            return None
        options = [(a, second) for a in _tone_variants(first)]
        options += [(first, b) for b in _tone_variants(second)]
        scored = [(pairs[(a.lower(), b.lower())], a, b) for a, b in options]
        best = max(scored, default=(0, first, second))
        return (best[1], best[2]) if best[0] >= _CONTEXT_SEEN else None

    def fix_line(line: str) -> str:
        tokens = list(_TOKEN.finditer(line))
        replaced = {m.start(): m.group(0) for m in tokens}
        for left, right in itertools.pairwise(tokens):
            gap = line[left.end() : right.start()]
            if gap.strip():
                continue  # punctuation between: not a word pair
            found = better(replaced[left.start()], replaced[right.start()])
            if found is not None:
                replaced[left.start()], replaced[right.start()] = found
        out, pos = [], 0
        for m in tokens:
            out += [line[pos : m.start()], replaced[m.start()]]
            pos = m.end()
        return "".join([*out, line[pos:]])

    return ["\n".join(fix_line(line) for line in text.split("\n")) for text in texts]


# --------------------------------------------------------------------------------------------
# noise lines
# --------------------------------------------------------------------------------------------

# Digital-signature blocks printed on documents published by the Government portal and
# ministries; the strong labels mark the block, the weak ones are dropped next to them.
_SIGNATURE_STRONG = re.compile(
    r"^\W*(?:ký bởi|người ký|thời gian ký|ngày ký|signed by)\s*:", re.IGNORECASE
)
_SIGNATURE_WEAK = re.compile(r"^\W*(?:cơ quan|email|tổ chức|chức vụ|date)\s*:", re.IGNORECASE)
# The incoming-mail stamp ("CÔNG VĂN ĐẾN / Số: ... Ngày: ... Chuyển: ...").
_MAIL_STAMP = re.compile(r"^\W*c[ôo]ng v[ăa]n đ[ếe]n\b|\bkính chuyển\b", re.IGNORECASE)
_PUNCT_RUN = re.compile(r"[.…_\-–—:·,]{4,}")
_NEAR = 3


def _is_good_word(word: str) -> bool:
    return is_syllable(word) or _is_acronym(word)


def is_noise_line(line: str) -> bool:
    """A line made mostly of non-words: stamp fragments, smudges read as letters.

    Counts letter runs that are not Vietnamese syllables (nor abbreviations) against those
    that are; a line needs at least two bad runs and more bad than good to be noise, so a
    line with a foreign name or a chemical in it stays.
    """
    found = words(line)
    if not found:
        stripped = line.strip()
        if len(stripped) > 3 and not any(ch.isalnum() for ch in stripped):
            return True
        symbols = sum(1 for ch in stripped if not ch.isalnum() and not ch.isspace())
        return bool(stripped) and symbols > len(stripped) / 2 and len(stripped) > 3
    bad = sum(1 for w in found if not _is_good_word(w))
    good = len(found) - bad
    return bad >= 2 and bad > good


def drop_stamps(text: str) -> str:
    """Remove digital-signature blocks and incoming-mail stamps (any PDF page has them)."""
    return _drop(text, noise=False)


def drop_noise_lines(text: str) -> str:
    """Remove digital-signature blocks, mail stamps and lines of mostly non-words (OCR)."""
    return _drop(text, noise=True)


def _drop(text: str, noise: bool) -> str:
    lines = text.split("\n")
    strong = [i for i, line in enumerate(lines) if _SIGNATURE_STRONG.search(line)]
    drop: set[int] = set(strong)
    for i, line in enumerate(lines):
        near = any(abs(i - j) <= _NEAR for j in strong)
        if (
            (near and _SIGNATURE_WEAK.search(line))
            or _MAIL_STAMP.search(line)
            or (noise and (is_noise_line(line) or is_noise_line(_PUNCT_RUN.sub(" ", line))))
        ):
            drop.add(i)
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


# "gói kích cầu 17. 000 tỷ": a thousands point OCR read with a space after it, inside a
# line (at a line's start "2. 100 …" is a list item's number and a figure)
# (a point only: a comma is the decimal mark, or separates a list's numbers "Điều 104, 105")
_SPACED_THOUSANDS = re.compile(r"(?<=[^\W\d_] )(\d{1,3})(\.) (\d{3})(?![\d%])")


def tidy_ocr(text: str) -> str:
    """What OCR text becomes before cleaning: misread words repaired, then noise dropped,
    and figures whose thousands point OCR spaced written whole."""
    return _SPACED_THOUSANDS.sub(r"\1\2\3", drop_noise_lines(repair_words(text)))
