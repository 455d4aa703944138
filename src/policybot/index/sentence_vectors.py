"""Sentence vectors: every sentence of every passage embedded once, at ingest.

The extractive answerer looks for the sentence that states the asked fact; a question in
an official's own words often shares no word with it ("bớt phải đến cơ quan làm giấy tờ" /
"giảm tối đa giao dịch trực tiếp"). Each sentence's vector is kept in a sqlite table keyed
by the model and the sentence's text hash (as embedcache.py keys passages), so a re-ingest
embeds only the sentences it has not seen, an interrupted one loses nothing, and a lookup
at question time costs a query, not a model call.

Sentences are the spans text.segment.sentence_spans gives of a passage's text, the same
spans answers/sentences.py reads. Documents' titles are kept the same way, whole: a
sentence closer in meaning to its title than to the question is about the document, not
what is asked (answers/candidates.py).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from tqdm import tqdm

from policybot.index.embed import Embedder
from policybot.index.embedcache import text_key
from policybot.text.segment import sentence_spans

FOLDER = "sentences"


def sentence_texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


class SentenceVectors:
    """The sentence vectors of one index folder (index/sentences/embeddings.sqlite).

    One connection shared by the server's threads, behind a lock."""

    def __init__(self, root: Path, embedder: Embedder) -> None:
        folder = Path(root) / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(folder / "embeddings.sqlite", check_same_thread=False)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors ("
            "model TEXT NOT NULL, key TEXT NOT NULL, vector BLOB NOT NULL, "
            "PRIMARY KEY (model, key))"
        )
        self._db.commit()
        self._lock = threading.Lock()
        self.embedder = embedder
        self.label = f"{embedder.name}/sentence"
        self.embedded = 0  # sentences embedded by this object (the rest were stored)

    def add(self, passages: Iterable[str], batch: int = 32, progress: bool = False) -> int:
        """Embed the sentences of `passages` not stored yet; how many were embedded
        (with a progress bar when asked: a first ingest embeds tens of thousands)."""
        return self.add_whole((s for p in passages for s in sentence_texts(p)), batch, progress)

    def add_whole(self, texts: Iterable[str], batch: int = 32, progress: bool = False) -> int:
        """Embed these texts whole (sentences, documents' titles), those not stored yet;
        how many were embedded."""
        return self._embed(list(dict.fromkeys(texts)), batch, progress)

    def get(self, sentences: list[str]) -> dict[str, np.ndarray]:
        """Stored vectors of these sentence texts, by text; a sentence not stored is embedded
        now and stored (an index written before sentence vectors existed still works)."""
        texts = list(dict.fromkeys(sentences))
        found = self._read([text_key("passage", t) for t in texts])
        missing = [t for t in texts if text_key("passage", t) not in found]
        if missing:
            self._embed(missing)
            found.update(self._read([text_key("passage", t) for t in missing]))
        return {t: found[k] for t in texts if (k := text_key("passage", t)) in found}

    def _embed(self, texts: list[str], batch: int = 32, progress: bool = False) -> int:
        have = self._read([text_key("passage", t) for t in texts])
        todo = [t for t in texts if text_key("passage", t) not in have]
        bar = tqdm(total=len(todo), desc="Nhúng câu", unit="câu", disable=not progress or not todo)
        for i in range(0, len(todo), batch):
            part = todo[i : i + batch]
            vecs = np.asarray(self.embedder.embed_passages(part), dtype=np.float32)
            rows = [
                (self.label, text_key("passage", t), v.tobytes())
                for t, v in zip(part, vecs, strict=True)
            ]
            with self._lock:
                self._db.executemany(
                    "INSERT OR REPLACE INTO vectors (model, key, vector) VALUES (?, ?, ?)", rows
                )
                self._db.commit()
            bar.update(len(part))
        bar.close()
        self.embedded += len(todo)
        return len(todo)

    def _read(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                part = keys[i : i + 500]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})",
                    [self.label, *part],
                )
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found
