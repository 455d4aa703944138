"""A small index for tests about the web plumbing (hash embedder: fast, deterministic)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import CORPUS, make_settings

from policybot.pipeline import build_pipeline


@pytest.fixture(scope="session")
def hash_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index = tmp_path_factory.mktemp("hash-seed") / "index"
    report = build_pipeline(make_settings(index, backend="hash")).ingest([CORPUS], progress=False)
    assert report.documents == 5 and not report.failures
    return index
