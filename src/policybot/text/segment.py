"""The only importer of underthesea: sentences and words for search.

underthesea is imported on first use only, and without its optional pipelines: its package
import tries translate, classify, sentiment and the like, and translate alone pulls in
transformers and torch (about 3 s of a cold CLI start, for features policybot never calls).
Its word segmentation model is loaded here, with the standard unpickler (see _WordTagger).
"""

from __future__ import annotations

import pickle
import re
import sys
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from policybot.text.places import modern_tones
from policybot.text.table_rows import cells

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


class _WordTagger:
    """underthesea's word segmentation CRF, as its FastCRFSequenceTagger loads it, but read
    with the standard (C) unpickler: its features and dictionary files are plain pickles
    written by joblib, and joblib reads them with its pure-Python unpickler (0.13 s for the
    72,547-word dictionary) after importing joblib (0.05-0.25 s), on every cold start."""

    def __init__(self, folder: Path) -> None:
        from underthesea_core import CRFFeaturizer, CRFTagger

        with (folder / "features.bin").open("rb") as fh:
            features = pickle.load(fh)
        with (folder / "dictionary.bin").open("rb") as fh:
            dictionary = pickle.load(fh)
        self.featurizer = CRFFeaturizer(features, dictionary)
        self.estimator = CRFTagger()
        self.estimator.load(str(folder / "models.bin"))

    def predict(self, tokens: list[list[str]]) -> list[str]:
        return list(self.estimator.tag(self.featurizer.process([tokens])[0]))


@lru_cache(maxsize=1)
def _word_model() -> None:
    """Give underthesea's word_tokenize its model, loaded by _WordTagger, unless it has one;
    when its files are not where and what underthesea 9.5 keeps, underthesea loads it
    itself as usual."""
    module = sys.modules.get("underthesea.pipeline.word_tokenize")
    if module is None or getattr(module, "word_tokenize_model", None) is not None:
        return
    folder = Path(module.__file__ or "").parent / "models" / "ws_crf_vlsp2013_20230727"
    try:
        module.word_tokenize_model = _WordTagger(folder)  # type: ignore[attr-defined]
    except (OSError, pickle.UnpicklingError, ValueError, ImportError):
        return


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
    """(start, end) offsets of each sentence in `text`, so passages stay verbatim. A
    sentence opens with a capital: a piece the splitter cut off that opens in lower case
    goes on with the one before it (an OCR stray period: "Trong thời hạn 10 ngày làm việc.
    kể từ ngày nhận được …"), unless it is a list item ("b) …"). A table row is one
    sentence: a task's cells (its lead body, its deadline) answer together."""
    spans: list[tuple[int, int]] = []
    for start, para in paragraphs(text):
        if cells(para) is not None:
            spans.append((start, start + len(para)))
            continue
        cursor = 0
        first = len(spans)
        for sent in sentences(para):
            at = para.find(sent, cursor)
            if at < 0:
                continue
            if len(spans) > first and sent[0].islower() and not _ITEM_MARK.match(sent):
                spans[-1] = (spans[-1][0], start + at + len(sent))
            else:
                spans.append((start + at, start + at + len(sent)))
            cursor = at + len(sent)
    return spans


_ITEM_MARK = re.compile(r"[a-zđ][).]\s")  # "b) ", "đ. ": a list item, not a sentence going on


def words(text: str) -> list[str]:
    """Word-segmented, lower-cased search tokens: 'Kế hoạch' -> 'kế_hoạch'. Punctuation dropped.
    Tones stand where modern spelling puts them ("hoá" is "hóa", "ma tuý" "ma túy")."""
    text = modern_tones(unicodedata.normalize("NFC", text))
    if not text.strip():
        return []
    with _LOCK:
        tool = _underthesea()
        _word_model()
        tokens = tool.word_tokenize(text)
    return [t.lower().replace(" ", "_") for t in tokens if not _PUNCT.match(t)]


def syllables(text: str) -> list[str]:
    """Lower-cased syllables: the plain baseline tokenizer, no segmentation; tones placed
    the modern way, as words() does."""
    text = modern_tones(unicodedata.normalize("NFC", text)).lower()
    return [t for t in re.findall(r"\w+(?:[-/.]\w+)*", text) if not _PUNCT.match(t)]
