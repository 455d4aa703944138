"""The lexical side of an index: BM25 over passages and over paragraphs, and term counts.

All three are built once, at ingest, from the chunk table (its stored tokens, so nothing is
segmented again) and saved as numpy arrays beside it. A process that answers questions
memory-maps them: loading costs a few file opens whatever the corpus size, and replicas on
one host share the pages. Before this they were rebuilt from the chunk table in every
process, which took a minute at 100k passages.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from policybot.index import document_text, passage_ids
from policybot.index.document_text import DocumentTexts
from policybot.index.store import chunk_from_record, gc_paused
from policybot.text.segment import syllables

FORMAT = 1


class Lexical:
    """A BM25 index over `size` pre-tokenised texts; scores come in their order."""

    def __init__(self, size: int, tokens: Sequence[list[str]] | None = None) -> None:
        """Index `tokens` (one list per text); with tokens None, an index to be loaded."""
        import bm25s

        self.size = size
        self._bm25 = bm25s.BM25()
        self._empty = not size
        if size and tokens is not None:
            self._bm25.index([t or [""] for t in tokens], show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> Lexical:
        """The index `save` wrote, its score arrays memory-mapped (read only)."""
        import bm25s

        index = cls(size)
        if size:
            index._bm25 = bm25s.BM25.load(folder, mmap=True, show_progress=False)
            found = int(index._bm25.scores["num_docs"])
            if found != size:
                raise ValueError(f"{folder.name} indexes {found} texts, expected {size}")
        return index

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if not self._empty:
            self._bm25.save(folder, show_progress=False)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every text; zero where no query token occurs.

        Each known token's column of the score matrix is added in query order, in float32,
        as bm25s adds them (`np.add.at`, the fastest scatter on numpy 2: `np.bincount` of
        the concatenated columns was three times slower at 1M passages), so the sums are
        bm25s's bit for bit. A column that holds every text (a heading word such as "điều"
        heads every paragraph) lists them in order, and is added as one dense vector."""
        out = np.zeros(self.size, dtype=np.float32)
        if self._empty or not query_tokens:
            return out
        vocab = self._bm25.vocab_dict
        tids = [vocab[t] for t in query_tokens if t in vocab]
        if not tids:
            return out
        if self._bm25.nonoccurrence_array is not None:  # BM25L / BM25+: bm25s's own sum
            return np.asarray(self._bm25.get_scores(tids), dtype=np.float32)
        data, indices = self._bm25.scores["data"], self._bm25.scores["indices"]
        indptr = self._bm25.scores["indptr"]
        for tid in tids:
            start, end = int(indptr[tid]), int(indptr[tid + 1])
            if end - start == self.size:  # columns list texts in ascending order (CSC)
                out += data[start:end]
            else:
                np.add.at(out, indices[start:end], data[start:end])
        return out

    def document_frequency(self, token: str) -> int:
        """How many passages contain `token` (its column length in the score matrix)."""
        if self._empty:
            return 0
        tid = self._bm25.vocab_dict.get(token)
        if tid is None:
            return 0
        indptr = self._bm25.scores["indptr"]
        return int(indptr[tid + 1] - indptr[tid])

    def vocabulary(self) -> dict[str, int]:
        """Every indexed token and its id."""
        return {} if self._empty else dict(self._bm25.vocab_dict)

    def postings(self, token_ids: Iterable[int]) -> np.ndarray:
        """The texts (positions, sorted, distinct) that hold any of these tokens: read off
        the score matrix's columns, no text is read."""
        if self._empty:
            return np.zeros(0, dtype=np.int64)
        indptr, indices = self._bm25.scores["indptr"], self._bm25.scores["indices"]
        parts = [np.asarray(indices[indptr[t] : indptr[t + 1]]) for t in token_ids]
        if not parts:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.concatenate(parts)).astype(np.int64)


class TermCounts:
    """In how many passages each syllable occurs: the answerer's measure of how telling a
    word of the question is."""

    def __init__(self, vocab: dict[str, int], counts: np.ndarray, passages: int) -> None:
        self._vocab = vocab
        self._counts = counts
        self.passages = passages

    @classmethod
    def count(cls, texts: Iterable[str]) -> TermCounts:
        vocab: dict[str, int] = {}
        counts: list[int] = []
        n = 0
        for text in texts:
            n += 1
            for tok in set(syllables(text)):
                i = vocab.setdefault(tok, len(vocab))
                if i == len(counts):
                    counts.append(0)
                counts[i] += 1
        return cls(vocab, np.asarray(counts, dtype=np.int32), n)

    def get(self, token: str) -> int:
        i = self._vocab.get(token)
        return 0 if i is None else int(self._counts[i])

    def save(self, folder: Path) -> None:
        _write_json(folder / "terms.json", {"passages": self.passages, "vocab": list(self._vocab)})
        np.save(folder / "terms.npy", self._counts)

    @classmethod
    def load(cls, folder: Path) -> TermCounts:
        meta = json.loads((folder / "terms.json").read_text(encoding="utf-8"))
        counts = np.load(folder / "terms.npy", mmap_mode="r")
        vocab = {tok: i for i, tok in enumerate(meta["vocab"])}
        if len(counts) != len(vocab):
            raise ValueError("terms.npy and terms.json disagree")
        return cls(vocab, counts, int(meta["passages"]))


@dataclass
class LexicalIndexes:
    """What a loaded index searches lexically, for passages in the chunk table's order."""

    words: Lexical  # BM25 over underthesea words of each passage
    parts: Lexical  # BM25 over syllables of each paragraph, with its document title
    part_of: np.ndarray  # the passage (position) each paragraph belongs to
    terms: TermCounts  # syllable document frequencies over passages
    ids: Sequence[str] | None = None  # the passage ids in order, when saved with them
    documents: DocumentTexts | None = None  # documents' folded titles and metadata, if saved


def paragraph_terms(title: str, heading: str, text: str) -> list[list[str]]:
    """Each paragraph of a passage as syllables, headed by the passage's title and heading:
    a question usually restates one clause, and a clause-sized BM25 unit is not diluted by
    the rest of a long article. Syllables are interned: a corpus has a few thousand distinct
    ones and hundreds of millions of occurrences, each otherwise its own string object."""
    head = [sys.intern(s) for s in syllables(f"{title} {heading}")]
    return [
        head + [sys.intern(s) for s in syllables(line)] for line in text.split("\n") if line.strip()
    ]


def build(records: Sequence[dict[str, Any]]) -> LexicalIndexes:
    """Build every lexical index from chunk records (with their stored word tokens)."""
    owner: list[int] = []
    terms: list[list[str]] = []
    with gc_paused():
        for i, rec in enumerate(records):
            for part in paragraph_terms(rec["title"], rec.get("heading", ""), rec["text"]):
                owner.append(i)
                terms.append(part)
        return LexicalIndexes(
            words=Lexical(len(records), [rec["tokens"] for rec in records]),
            parts=Lexical(len(terms), terms),
            part_of=np.asarray(owner, dtype=np.int64),
            terms=TermCounts.count(chunk_from_record(rec).embed_text() for rec in records),
        )


def ids_digest(ids: Sequence[str]) -> str:
    """Identifies the passage order the arrays were built for."""
    return hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()


def save(
    indexes: LexicalIndexes,
    ids: Sequence[str],
    folder: Path,
    tables_sha256: str | None = None,
    documents: Iterable[dict[str, Any]] | None = None,
) -> None:
    """Write the indexes into `folder` (new), every file synced before the manifest names it.
    The passage ids are saved too (passage_ids.py), marked with the table file they were
    read from (`tables_sha256`), so a load maps them instead of reading the table file."""
    folder.mkdir(parents=True, exist_ok=False)
    ids_file = passage_ids.save(ids, folder)
    if documents is not None:
        document_text.save(documents, folder)
    indexes.words.save(folder / "words")
    indexes.parts.save(folder / "parts")
    np.save(folder / "part_of.npy", indexes.part_of)
    indexes.terms.save(folder)
    _write_json(
        folder / "lexical.json",
        {
            "format": FORMAT,
            "passages": indexes.words.size,
            "paragraphs": indexes.parts.size,
            "ids_sha256": ids_digest(ids),
            "ids_file_sha256": ids_file,
            "tables_sha256": tables_sha256,
        },
    )
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
    for sub in (folder / "words", folder / "parts", folder):
        _fsync_dir(sub)


def load(
    folder: Path,
    ids: Sequence[str] | Callable[[], Sequence[str]],
    size: int | None = None,
    tables_sha256: str | None = None,
) -> LexicalIndexes:
    """The saved indexes, memory-mapped; ValueError/OSError when they do not fit the
    passages. `ids` are the passage ids in order, or a function that reads them (from the
    table file); it is not called when the folder holds the ids saved from the table file
    whose sha256 is `tables_sha256` (the manifest's), with `size` passages."""
    meta = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
    saved = (
        callable(ids)
        and size is not None
        and tables_sha256 is not None
        and meta.get("tables_sha256") == tables_sha256
        and bool(meta.get("ids_file_sha256"))
    )
    if saved:
        assert size is not None
        ids = passage_ids.PassageIds.open(folder, size, str(meta["ids_file_sha256"]))
    elif callable(ids):
        ids = ids()
    assert not callable(ids)
    if meta.get("format") != FORMAT or meta.get("passages") != len(ids):
        raise ValueError(f"{folder.name} was built for {meta.get('passages')} passages")
    if not saved and meta.get("ids_sha256") != ids_digest(ids):
        raise ValueError(f"{folder.name} was built for other passages")
    paragraphs = int(meta["paragraphs"])
    part_of = np.load(folder / "part_of.npy", mmap_mode="r")
    if len(part_of) != paragraphs:
        raise ValueError("part_of.npy is incomplete")
    terms = TermCounts.load(folder)
    if terms.passages != len(ids):
        raise ValueError("terms.json counts other passages")
    return LexicalIndexes(
        words=Lexical.load(folder / "words", len(ids)),
        parts=Lexical.load(folder / "parts", paragraphs),
        part_of=part_of,
        terms=terms,
        ids=ids,
        documents=document_text.DocumentTexts.open(folder) if saved else None,
    )


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _fsync_dir(folder: Path) -> None:
    if not folder.is_dir():
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
