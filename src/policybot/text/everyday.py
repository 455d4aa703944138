"""Pure: everyday words for what official texts say in their own words.

Officials ask "phải gửi sớm hơn hạn mấy ngày", "doanh nghiệp xài công nghệ số", "xin góp ý
qua mạng"; the texts write "gửi trước thời hạn", "sử dụng", "trực tuyến". Word overlap
between a question and the sentence that answers it counts each pair as one word: both
sides are put in the written form (as text/bounds.py does for bounds). Only pairs that mean
the same wherever they occur belong here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# The lexicon is data (everyday.tsv beside this module): written form, everyday form, note.
LEXICON = Path(__file__).with_name("everyday.tsv")


def read_lexicon(path: Path = LEXICON) -> tuple[tuple[str, str], ...]:
    """The (written, everyday pattern) pairs of a lexicon file, in order."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].strip() or not fields[1].strip():
            raise ValueError(f"{path.name}:{number}: expected 'written<TAB>everyday[<TAB>note]'")
        pairs.append((fields[0].strip(), fields[1].strip()))
    return tuple(pairs)


_PAIRS = read_lexicon()
_PATTERNS = tuple(
    (written, re.compile(rf"(?<!\w)(?:{said})(?!\w)", re.IGNORECASE)) for written, said in _PAIRS
)
# Any everyday word at all: most sentences hold none, and one search says so (a pair only
# reads what an earlier one wrote when that one matched)
_ANY = re.compile(
    r"(?<!\w)(?:" + "|".join(f"(?:{said})" for _, said in _PAIRS) + r")(?!\w)", re.IGNORECASE
)


@lru_cache(maxsize=1 << 16)
def written_words(text: str) -> str:
    """The text with each everyday word replaced by the written one (kept for the texts
    seen last: every question compares the same passages' sentences again)."""
    if not _ANY.search(text):
        return text
    for written, pattern in _PATTERNS:
        text = pattern.sub(written, text)
    return text
