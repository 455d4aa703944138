"""The only importer of underthesea: sentences and words for search.

underthesea is imported on first use only, and without its optional pipelines: its package
import tries translate, classify, sentiment and the like, and translate alone pulls in
transformers and torch (about 3 s of a cold CLI start, for features policybot never calls).
"""

from __future__ import annotations

import re
import sys
import threading
import unicodedata
from functools import lru_cache
from typing import Any

_PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)
# underthesea loads its models on first call and tags with one shared CRF tagger: two
# threads at once (a web server's worker pool) crash it ("'NoneType' object has no
# attribute 'process'"). Calls are short, so they simply take turns.
_LOCK = threading.Lock()
_BLANK_LINES = re.compile(r"\n\s*\n")


# underthesea's __init__ imports these inside try/except ImportError; a None entry in
# sys.modules makes such an import raise ImportError at once (Python's documented way to
# block one), so the package loads with word and sentence tokenisation only.
_UNUSED_PIPELINES = (
    "underthesea.pipeline.classification",
    "underthesea.pipeline.sentiment",
    "underthesea.pipeline.lang_detect",
    "underthesea.pipeline.dependency_parse",
    "underthesea.pipeline.translate",
    "underthesea.agent",
    "underthesea.address",
)


@lru_cache(maxsize=1)
def _underthesea() -> Any:
    if "underthesea" in sys.modules:
        return sys.modules["underthesea"]
    blocked = [m for m in _UNUSED_PIPELINES if m not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import underthesea
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return underthesea


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Blank-line or line separated paragraphs with their start offsets, verbatim."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            out.append((pos + line.index(stripped[0]), stripped))
        pos += len(line) + 1
    return out


def sentences(text: str) -> list[str]:
    """Sentences of one paragraph, verbatim (underthesea's splitter, Vietnamese-aware)."""
    text = text.strip()
    if not text:
        return []
    with _LOCK:
        found = _underthesea().sent_tokenize(text)
    return [s for s in found if s.strip()]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in `text`, so passages stay verbatim."""
    spans: list[tuple[int, int]] = []
    for start, para in paragraphs(text):
        cursor = 0
        for sent in sentences(para):
            at = para.find(sent, cursor)
            if at < 0:
                continue
            spans.append((start + at, start + at + len(sent)))
            cursor = at + len(sent)
    return spans


def words(text: str) -> list[str]:
    """Word-segmented, lower-cased search tokens: 'Kế hoạch' -> 'kế_hoạch'. Punctuation dropped."""
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        return []
    with _LOCK:
        tokens = _underthesea().word_tokenize(text)
    return [t.lower().replace(" ", "_") for t in tokens if not _PUNCT.match(t)]


def syllables(text: str) -> list[str]:
    """Lower-cased syllables: the plain baseline tokenizer, no segmentation."""
    text = unicodedata.normalize("NFC", text).lower()
    return [t for t in re.findall(r"\w+(?:[-/.]\w+)*", text) if not _PUNCT.match(t)]
