"""Vietnamese text from before Unicode: Windows-1258, TCVN3 (ABC) and VNI, back to Unicode.

Offices still hold files typed with the .VnTime (TCVN3) and VNI-Times fonts. Saved as plain
text those are 8-bit bytes; pasted into Word, HTML or PDF they become Unicode text that only
*looks* right in the old font ("NghÞ quyÕt" for "Nghị quyết", "Nghò quyeát" in VNI). Either
way search finds nothing in them, so they are recognised and converted here.

The tables are built from the published character maps:
- TCVN3 (TCVN 5712:1993, VN3, the "ABC" fonts): one byte per lower-case letter with its tone
  in 0xA1-0xFE; of the capitals only Ă Â Ê Ô Ơ Ư Đ have codes (toned capitals were drawn
  with a second font), so those are all a TCVN3 file can hold.
- VNI Windows: a base letter followed by a byte for the mark ("e" + "á" = "ế"); ơ, ư, đ and
  the i-vowels with tones are single bytes.
Which reading is right is decided by counting well-formed Vietnamese syllables.
"""

from __future__ import annotations

import re
import unicodedata

from policybot.reading.orthography import TONES, syllable_score

__all__ = [
    "decode_bytes",
    "decode_tcvn3",
    "decode_vni",
    "encode_tcvn3",
    "encode_vni",
    "repair",
]


# --------------------------------------------------------------------------------------------
# TCVN3: byte -> letter
# --------------------------------------------------------------------------------------------

# Each row: base letter, its own byte (None for plain ASCII vowels), then the five toned
# forms in tone order.
_TCVN3_ROWS: tuple[tuple[str, int | None, tuple[int, int, int, int, int]], ...] = (
    ("a", None, (0xB8, 0xB5, 0xB6, 0xB7, 0xB9)),
    ("ă", 0xA8, (0xBE, 0xBB, 0xBC, 0xBD, 0xC6)),
    ("â", 0xA9, (0xCA, 0xC7, 0xC8, 0xC9, 0xCB)),
    ("e", None, (0xD0, 0xCC, 0xCE, 0xCF, 0xD1)),
    ("ê", 0xAA, (0xD5, 0xD2, 0xD3, 0xD4, 0xD6)),
    ("i", None, (0xDD, 0xD7, 0xD8, 0xDC, 0xDE)),
    ("o", None, (0xE3, 0xDF, 0xE1, 0xE2, 0xE4)),
    ("ô", 0xAB, (0xE8, 0xE5, 0xE6, 0xE7, 0xE9)),
    ("ơ", 0xAC, (0xED, 0xEA, 0xEB, 0xEC, 0xEE)),
    ("u", None, (0xF3, 0xEF, 0xF1, 0xF2, 0xF4)),
    ("ư", 0xAD, (0xF8, 0xF5, 0xF6, 0xF7, 0xF9)),
    ("y", None, (0xFD, 0xFA, 0xFB, 0xFC, 0xFE)),
)
_TCVN3_SINGLE = {
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
    0xAE: "đ",
}


def _build_tcvn3() -> dict[int, str]:
    table = dict(_TCVN3_SINGLE)
    for base, own, toned in _TCVN3_ROWS:
        if own is not None:
            table[own] = base
        for tone, code in zip(TONES, toned, strict=True):
            table[code] = unicodedata.normalize("NFC", base + tone)
    return table


_TCVN3 = _build_tcvn3()
_TCVN3_ENCODE = {ch: code for code, ch in _TCVN3.items()}

# --------------------------------------------------------------------------------------------
# Windows-1252 view of single bytes: how legacy bytes look once read as "ANSI" text
# --------------------------------------------------------------------------------------------


def _cp1252_char(code: int) -> str:
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81 0x8D 0x8F 0x90 0x9D: undefined, kept as Latin-1
        return chr(code)


_CP1252 = [_cp1252_char(code) for code in range(256)]
_CP1252_INVERSE = {ch: code for code, ch in enumerate(_CP1252)}

# --------------------------------------------------------------------------------------------
# VNI: base letter + mark byte
# --------------------------------------------------------------------------------------------

_VNI_TONE = ("ù", "ø", "û", "õ", "ï")  # after a, e, o, u, y, ơ, ư
_VNI_CIRCUMFLEX = ("â", ("á", "à", "å", "ã", "ä"))  # â ê ô: plain, then with each tone
_VNI_BREVE = ("ê", ("é", "è", "ú", "ü", "ë"))  # ă
_VNI_I = ("í", "ì", "æ", "ó", "ò")  # i with tones: single bytes
_VNI_Y_DOT = "î"  # ỵ is a single byte; the other y tones are y + tone byte
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ"}


def _vni_lower() -> dict[str, str]:
    """Unicode lower-case letter -> its VNI spelling (as Windows-1252 characters)."""
    out: dict[str, str] = {}

    def put(base: str, tone_index: int | None, spelling: str) -> None:
        tone = "" if tone_index is None else TONES[tone_index]
        out[unicodedata.normalize("NFC", base + tone)] = spelling

    for vowel in "aeouy":
        for t, mark in enumerate(_VNI_TONE):
            put(vowel, t, vowel + mark)
    put("y", 4, _VNI_Y_DOT)
    for t, mark in enumerate(_VNI_I):
        put("i", t, mark)
    for vowel in "aeo":
        plain, toned = _VNI_CIRCUMFLEX
        put(unicodedata.normalize("NFC", vowel + "\u0302"), None, vowel + plain)
        for t, mark in enumerate(toned):
            put(unicodedata.normalize("NFC", vowel + "\u0302"), t, vowel + mark)
    plain, toned = _VNI_BREVE
    put("ă", None, "a" + plain)
    for t, mark in enumerate(toned):
        put("ă", t, "a" + mark)
    for letter in ("ơ", "ư"):
        put(letter, None, _VNI_SINGLE[letter])
        for t, mark in enumerate(_VNI_TONE):
            put(letter, t, _VNI_SINGLE[letter] + mark)
    out["đ"] = _VNI_SINGLE["đ"]
    return out


def _build_vni() -> dict[str, str]:
    lower = _vni_lower()
    table = dict(lower)
    for letter, spelling in lower.items():
        table[letter.upper()] = spelling.upper()
    return table


_VNI_ENCODE = _build_vni()


def _build_vni_decode() -> dict[str, str]:
    """VNI spelling -> letter; a capital base takes either case of mark (typists mixed)."""
    decode: dict[str, str] = {}
    for letter, spelling in _VNI_ENCODE.items():
        decode[spelling] = letter
        if len(spelling) == 2:
            base, mark = spelling[0], spelling[1]
            swapped = mark.lower() if mark.isupper() else mark.upper()
            decode.setdefault(base + swapped, letter)
    return decode


_VNI_DECODE = _build_vni_decode()
_VNI_PATTERN = re.compile(
    "|".join(re.escape(s) for s in sorted(_VNI_DECODE, key=len, reverse=True))
)

# --------------------------------------------------------------------------------------------
# encode / decode
# --------------------------------------------------------------------------------------------


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 bytes -> Unicode (bytes outside the map read as Windows-1252)."""
    return "".join(_TCVN3.get(b, _CP1252[b]) for b in data)


def encode_tcvn3(text: str) -> bytes:
    """Unicode -> TCVN3; ValueError for a letter TCVN3 cannot hold (toned capitals)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        elif ord(ch) < 0x80:
            out.append(ord(ch))
        else:
            raise ValueError(f"{ch!r} has no TCVN3 code")
    return bytes(out)


def _vni_text(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group(0)], text)


def decode_vni(data: bytes) -> str:
    """VNI Windows bytes -> Unicode."""
    return _vni_text("".join(_CP1252[b] for b in data))


def encode_vni(text: str) -> bytes:
    """Unicode -> VNI Windows; ValueError for a character outside it."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        spelling = _VNI_ENCODE.get(ch)
        if spelling is not None:
            out.extend(_CP1252_INVERSE[c] for c in spelling)
        elif ord(ch) < 0x80:
            out.append(ord(ch))
        else:
            raise ValueError(f"{ch!r} has no VNI code")
    return bytes(out)


# --------------------------------------------------------------------------------------------
# repair text that is Unicode only in name
# --------------------------------------------------------------------------------------------

_TCVN3_REPAIR = {ord(_CP1252[code]): ch for code, ch in _TCVN3.items()}
_VIETNAMESE = frozenset(_VNI_ENCODE)


def _signature(chars: set[str]) -> re.Pattern[str]:
    """Characters a reading uses that proper Vietnamese text never contains."""
    odd = sorted(ch for ch in chars if not ch.isascii() and ch not in _VIETNAMESE)
    return re.compile("[" + "".join(re.escape(ch) for ch in odd) + "]")


_READINGS = {
    # TCVN3 shows many letters as other Vietnamese letters ("mới" as "míi", "nhất" as
    # "nhÊt"), so any of its characters makes a line a suspect; the syllable count decides.
    "tcvn3": (
        re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TCVN3_REPAIR)) + "]"),
        lambda line: _tcvn3_line(line),
    ),
    # VNI also shows as a vowel followed by a mark ("quyeát"); proper text has some of
    # those pairs too ("hoàng"), which the syllable count then leaves alone.
    "vni": (
        re.compile(
            _signature({ch for s in _VNI_ENCODE.values() for ch in s}).pattern
            + "|"
            + "|".join(re.escape(k) for k in _VNI_DECODE if len(k) == 2)
        ),
        _vni_text,
    ),
}


def _tcvn3_line(line: str) -> str:
    """A line in TCVN3. The capitals font (.VnTimeH) draws every letter as a capital from
    the lower-case codes, so a line whose plain letters are all capitals is all capitals."""
    converted = line.translate(_TCVN3_REPAIR)
    plain = [ch for ch in line if ch.isascii() and ch.isalpha()]
    if len(plain) >= 2 and all(ch.isupper() for ch in plain):
        return converted.upper()
    return converted


def repair(text: str) -> str:
    """Convert lines written in TCVN3 or VNI fonts to Unicode; proper text is left alone.

    The reading (TCVN3 or VNI) is chosen once for the whole text, by which gains more
    well-formed syllables; then each line is converted if that makes it better, so a
    document that mixes Unicode paragraphs with old-font ones keeps the Unicode ones.
    Some old-font words are proper words too (VNI "toái" is "tối"; TCVN3 "sè" is "số"): a
    line made only of such words is converted when the rest of the text shows the old font
    and the line holds nothing an old font could not produce (no letter outside cp1252).
    Alone, such a line is left as it is: no program can tell which was meant.
    """
    lines = text.split("\n")
    best_gain, best_lines = 0, {}
    for signature, read in _READINGS.values():
        better: dict[int, str] = {}
        ties: dict[int, str] = {}
        gain = 0
        for i, line in enumerate(lines):
            if not signature.search(line):
                continue
            converted = read(line)
            delta = syllable_score(converted) - syllable_score(line)
            if delta > 0:
                better[i] = converted
                gain += delta
            elif delta == 0 and converted != line and _could_be_old_font(line):
                ties[i] = converted
        if gain > best_gain:
            best_gain, best_lines = gain, better | ties
    if not best_lines:
        return text
    for i, line in best_lines.items():
        lines[i] = line
    return "\n".join(lines)


def _could_be_old_font(line: str) -> bool:
    """Old-font text read as Windows text holds only Windows-1252 characters."""
    return all(ch in _CP1252_INVERSE for ch in line)


def decode_bytes(data: bytes) -> str | None:
    """Bytes that are not UTF-8 -> the legacy Vietnamese reading, or None if none fits.

    Tries Windows-1258 and the TCVN3 / VNI readings; returns the one with the most
    well-formed syllables, if it has any.
    """
    candidates = [
        unicodedata.normalize("NFC", data.decode("cp1258", errors="replace")),
        unicodedata.normalize("NFC", decode_tcvn3(data)),
        unicodedata.normalize("NFC", decode_vni(data)),
    ]
    scored = [(syllable_score(text), -i, text) for i, text in enumerate(candidates)]
    score, _, best = max(scored)
    return best if score > 0 else None
