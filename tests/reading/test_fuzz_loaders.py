"""Fuzz the loaders: random bytes, and valid files with bytes flipped or cut, into every
loader type. The only exception allowed out is LoadError, each file within a time bound."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.bad_corpus import docx_bytes, text_pdf

from policybot.errors import LoadError
from policybot.reading.loaders import load_file

SUFFIXES = (".txt", ".md", ".html", ".pdf", ".docx", ".jsonl")
SECONDS_PER_FILE = 20.0
EXAMPLES = 150  # per strategy and suffix: see docs/RELIABILITY.md

HTML = (
    "<html><head><title>Kế hoạch 5807</title><script>x()</script></head><body><article>"
    "<p>Kế hoạch số 5807/KH-UBND ngày 17/12/2020 của UBND tỉnh Quảng Trị.</p>"
    "<table><tr><td>a</td><td>b</td></tr></table></article></body></html>"
).encode()
JSONL = b'{"id": "a", "title": "T", "text": "Ngh\\u1ecb quy\\u1ebft s\\u1ed1 10."}\n{"id": 1}\n'


def _valid(suffix: str) -> bytes:
    if suffix == ".pdf":
        return text_pdf(["Nghi quyet so 10", "Ke hoach 5807/KH-UBND"])
    if suffix == ".docx":
        return docx_bytes(["Nghị quyết số 10 về chuyển đổi số.", "Kế hoạch 5807/KH-UBND."])
    if suffix == ".html":
        return HTML
    if suffix == ".jsonl":
        return JSONL
    return "Nghị quyết số 10 về chuyển đổi số.\n\nKế hoạch 5807/KH-UBND.".encode()


@st.composite
def mutated(draw: st.DrawFn, suffix: str) -> bytes:
    """A valid file of the type with a few bytes changed, a piece cut out, or truncated."""
    data = bytearray(_valid(suffix))
    for _ in range(draw(st.integers(1, 8))):
        what = draw(st.sampled_from(["flip", "cut", "truncate", "insert"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if what == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif what == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif what == "truncate":
            del data[at:]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=32))
    return bytes(data)


def _load_bounded(tmp: Path, suffix: str, data: bytes) -> None:
    path = tmp / f"fuzz{suffix}"
    path.write_bytes(data)
    started = time.perf_counter()
    try:
        load_file(path)
    except LoadError as exc:
        assert str(exc).strip()
    assert time.perf_counter() - started < SECONDS_PER_FILE


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_random_bytes(tmp_path: Path, suffix: str) -> None:
    @FUZZ
    @given(st.binary(max_size=4096))
    def run(data: bytes) -> None:
        _load_bounded(tmp_path, suffix, data)

    run()


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_mutated_valid_files(tmp_path: Path, suffix: str) -> None:
    @FUZZ
    @given(mutated(suffix))
    def run(data: bytes) -> None:
        _load_bounded(tmp_path, suffix, data)

    run()


def test_valid_seeds_load(tmp_path: Path) -> None:
    """The seeds of the mutations are good files: the fuzzing starts from real formats."""
    for suffix in SUFFIXES:
        path = tmp_path / f"seed{suffix}"
        path.write_bytes(_valid(suffix))
        assert load_file(path), suffix
