"""Bytes of a text file to str: byte-order marks, UTF-16 without one, UTF-8, the legacy
Vietnamese encodings, then charset-normalizer's guess; binary data is refused, not indexed.
"""

from __future__ import annotations

import unicodedata

from policybot.errors import LoadError
from policybot.reading import legacy

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_MAX_CONTROL_SHARE = 0.01


def _looks_binary(text: str) -> bool:
    """Text with more than a sprinkle of control characters is binary data, not a document."""
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls > max(1, len(text) * _MAX_CONTROL_SHARE)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a byte-order mark: in mostly-ASCII text every other byte is 0."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * half and even < 0.05 * half:
        codec = "utf-16-le"
    elif even > 0.3 * half and odd < 0.05 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


_BINARY_BYTES = [b for b in range(32) if b not in b"\t\n\r\f\x1a"] + [0x7F]


def _binary_share(data: bytes) -> float:
    """Share of control bytes in the first MB: text encodings (but UTF-16/32) have none."""
    sample = data[: 2**20]
    return sum(sample.count(b) for b in _BINARY_BYTES) / max(1, len(sample))


def decode_text(data: bytes) -> str:
    """Bytes of a text file -> str.

    Order: a byte-order mark; UTF-16 without one; UTF-8; then the legacy Vietnamese
    encodings (Windows-1258, TCVN3, VNI: whichever reads as Vietnamese, see legacy.py);
    then charset-normalizer's guess for anything else. Control bytes mean binary data.
    """
    from charset_normalizer import from_bytes

    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise LoadError(f"not valid {codec.upper()} although it starts like it") from exc
    text = _utf16_without_bom(data)
    if text is None:
        if _binary_share(data) > _MAX_CONTROL_SHARE:
            raise LoadError("binary data, not text (wrong file extension?)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = legacy.decode_bytes(data)
            if text is None:
                best = from_bytes(data).best()
                if best is None:
                    raise LoadError("not valid UTF-8 nor a known encoding") from None
                text = str(best)
    if _looks_binary(text):
        raise LoadError("binary data, not text (wrong file extension?)")
    return text
