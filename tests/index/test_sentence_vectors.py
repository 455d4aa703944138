"""Sentence vectors are stored once per sentence text and reused across ingests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from policybot.config import EmbedderSettings, Settings
from policybot.index.embed import make_embedder
from policybot.index.sentence_vectors import SentenceVectors, sentence_texts
from policybot.pipeline import Pipeline, build_pipeline

PASSAGE = (
    "Phấn đấu kinh tế số chiếm khoảng 20% GRDP. Huyện giảm tối đa giao dịch trực tiếp. "
    "Người dân tra cứu hồ sơ trực tuyến."
)


def test_each_sentence_is_embedded_once_and_kept(tmp_path: Path) -> None:
    embedder = make_embedder(EmbedderSettings(backend="hash"))
    store = SentenceVectors(tmp_path, embedder)
    sentences = sentence_texts(PASSAGE)
    assert len(sentences) >= 2
    assert store.add([PASSAGE]) == len(sentences)
    assert store.add([PASSAGE]) == 0  # an ingest that changes nothing embeds nothing
    again = SentenceVectors(tmp_path, embedder)  # a new process reads what was stored
    found = again.get(sentences)
    assert set(found) == set(sentences) and again.embedded == 0
    expected = embedder.embed_passages([sentences[0]])[0]
    assert np.allclose(found[sentences[0]], expected)


def test_a_sentence_not_stored_is_embedded_when_asked(tmp_path: Path) -> None:
    store = SentenceVectors(tmp_path, make_embedder(EmbedderSettings(backend="hash")))
    found = store.get(["Một câu chưa từng được lưu."])
    assert len(found) == 1 and store.embedded == 1


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ke-hoach.txt").write_text(PASSAGE, encoding="utf-8")
    return docs


def _pipeline(index: Path) -> Pipeline:
    return build_pipeline(Settings(index_dir=index, embedder={"backend": "hash"}))


def test_ingest_stores_sentence_vectors_once(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    pipeline = _pipeline(tmp_path / "index")
    pipeline.ingest([docs], progress=False)
    assert pipeline.sentence_timing is not None and pipeline.sentence_timing[0] >= 2
    assert (tmp_path / "index" / "sentences" / "embeddings.sqlite").is_file()
    pipeline.ingest([docs], progress=False)
    assert pipeline.sentence_timing is not None and pipeline.sentence_timing[0] == 0
    # the documents' titles too, whole: asking finds them stored
    retriever, _ = pipeline.load()
    titles = {c.title for c in retriever.chunks.values()}
    assert titles
    stored = SentenceVectors(tmp_path / "index", pipeline.embedder)
    assert set(stored.get(sorted(titles))) == titles and stored.embedded == 0


def test_ingest_shows_the_sentence_step_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _docs(tmp_path)
    _pipeline(tmp_path / "index").ingest([docs], progress=True)
    assert "Nhúng câu" in capsys.readouterr().err  # a first ingest says it embeds sentences
    _pipeline(tmp_path / "quiet").ingest([docs], progress=False)  # as much to embed, quiet
    assert "Nhúng câu" not in capsys.readouterr().err
    assert (tmp_path / "quiet" / "sentences" / "embeddings.sqlite").is_file()
