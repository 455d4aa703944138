"""Turn files on disk into cleaned Documents.

Discovery (discovery.py) says which files to read; the format readers (formats.py) turn
each file's bytes into text; this module settles what every format ends in: NFC text
without page chrome (clean.clean), a title, and string metadata merged from an optional
sidecar `X.ext.meta.json`. A file that cannot be read is a LoadError with a reason a person can act
on; load_paths collects those instead of stopping, so one broken PDF never blocks an ingest.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from policybot.errors import LoadError
from policybot.reading import legacy
from policybot.reading.decoding import decode_text
from policybot.reading.discovery import (
    SIDECAR_SUFFIX,
    SUPPORTED,
    Discovery,
    LoadFailure,
    discover,
    discover_all,
    discover_with_skipped,
    display_path,
    is_sidecar,
    link_path,
    sidecar_for,
    walk_paths,
)
from policybot.reading.formats import Limits, clean_text, extract
from policybot.reading.official import with_anatomy
from policybot.reading.published import extract_published
from policybot.reading.reading_version import READING_VERSION
from policybot.types import Document

__all__ = [
    "SUPPORTED",
    "Discovery",
    "Limits",
    "LoadFailure",
    "LoadResult",
    "check_size",
    "discover",
    "discover_all",
    "discover_with_skipped",
    "file_fingerprint",
    "load_file",
    "load_file_with_failures",
    "load_paths",
]


MAX_TITLE_CHARS = 200
# READING_VERSION (reading_version.py, with its history) is part of every file's
# fingerprint: bumped when reading changes what an ingested file becomes.


@dataclass(frozen=True)
class LoadResult:
    documents: list[Document]
    failures: list[LoadFailure]
    skipped: list[str]  # unsupported files and orphan sidecars: nothing is silently ignored


def _doc_id(path: Path, root: Path | None) -> str:
    """Stable id: the path under the ingested folder, so moving the folder keeps the ids."""
    base = root if root is not None else path.parent
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.name


def _readable_stem(path: Path) -> str:
    """'ke-hoach_5807-kh-ubnd.txt' -> 'Ke hoach 5807 kh ubnd': a title of last resort."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    words = re.sub(r"[-_.]+", " ", stem).split()
    text = " ".join(words) or path.name
    return text[:1].upper() + text[1:]


def _first_line_title(text: str, markdown: bool) -> str | None:
    for line in text.split("\n"):
        line = line.strip()
        if markdown:
            line = line.lstrip("#").strip()
        if line:
            return line if len(line) <= MAX_TITLE_CHARS else None
    return None


# --------------------------------------------------------------------------------------------
# sidecar metadata
# --------------------------------------------------------------------------------------------


def _as_str(value: Any) -> str | None:
    """Metadata values are strings; lists read as "a, b", objects as JSON, null is absent."""
    if value is None:
        return None
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.strip())
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _str_dict(data: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        text = _as_str(value)
        if text:
            out[str(key)] = text
    return out


def _read_sidecar(path: Path) -> dict[str, str]:
    sidecar = sidecar_for(path)
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LoadError(f"bad metadata file {sidecar.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise LoadError(f"bad metadata file {sidecar.name}: must be a JSON object")
    return _str_dict(data)


# --------------------------------------------------------------------------------------------
# JSONL
# --------------------------------------------------------------------------------------------


def _jsonl_record(line: str) -> tuple[str | None, str | None, str, dict[str, str]]:
    """(id, title, text, metadata) of one line, or LoadError with the reason."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LoadError(f"invalid JSON ({exc.msg})") from exc
    if not isinstance(record, dict):
        raise LoadError("not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise LoadError('missing "text"')
    metadata = record.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise LoadError('"metadata" must be an object')
    return _as_str(record.get("id")), _as_str(record.get("title")), text, _str_dict(metadata)


def _load_jsonl(
    data: bytes, path: Path, root: Path | None, sidecar: dict[str, str]
) -> tuple[list[Document], list[LoadFailure]]:
    """One Document per line; a bad line is a failure naming its line number, not a stop."""
    source = display_path(path)
    file_id = _doc_id(path, root)
    docs: list[Document] = []
    failures: list[LoadFailure] = []
    seen: set[str] = set()
    defaults = {k: v for k, v in sidecar.items() if k != "title"}
    for number, line in enumerate(decode_text(data).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            doc_id, title, raw, metadata = _jsonl_record(line)
            doc_id = doc_id or f"{file_id}#{number}"
            if doc_id in seen:
                raise LoadError(f"duplicate id {doc_id!r}")
            text = clean_text(raw)
            if not text:
                raise LoadError("no text after cleaning")
        except LoadError as exc:
            failures.append(LoadFailure(source, f"line {number}: {exc}"))
            continue
        seen.add(doc_id)
        merged = {**defaults, **metadata}
        if "date" not in merged and (published := extract_published(raw)):
            merged["date"] = published
        docs.append(
            Document(
                id=doc_id,
                title=title or _first_line_title(text, False) or f"{_readable_stem(path)} {doc_id}",
                text=text,
                source=f"{source}#{doc_id}",
                metadata=merged,
            )
        )
    if not docs and not failures:
        raise LoadError("empty file")
    return docs, failures


def _size_label(n: int) -> str:
    return f"{n // 2**20} MB" if n % 2**20 == 0 else f"{n} bytes"


def _file_size_label(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n} bytes"


def check_size(path: Path, max_bytes: int) -> None:
    """LoadError if the file is over the limit, decided from its size alone: a 200 MB
    file is refused without being read (or hashed)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise LoadError("no such file") from exc
    except PermissionError as exc:
        raise LoadError("permission denied") from exc
    if size > max_bytes:
        raise LoadError(
            f"larger than {_size_label(max_bytes)} ({_file_size_label(size)}): not read; "
            "raise max_file_mb to index it"
        )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    check_size(path, max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # a file that grew since stat() stays bounded
    except FileNotFoundError as exc:
        raise LoadError("no such file") from exc
    except IsADirectoryError as exc:
        raise LoadError("is a folder, not a file") from exc
    except PermissionError as exc:
        raise LoadError("permission denied") from exc
    except OSError as exc:
        raise LoadError(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise LoadError(f"larger than {_size_label(max_bytes)}: not read")
    if not data.strip():
        raise LoadError("empty file")
    return data


def _load(
    path: Path, root: Path | None, limits: Limits
) -> tuple[list[Document], list[LoadFailure]]:
    """Documents of one file and per-line failures (only .jsonl has those)."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED or is_sidecar(path):
        raise LoadError(f"unsupported file type {path.suffix or '(none)'}")
    data = _read_bytes(path, limits.max_bytes)
    sidecar = _read_sidecar(path)
    if suffix == ".jsonl":
        return _load_jsonl(data, path, root, sidecar)
    found = extract(suffix, data, path, limits)
    if not found.text:
        raise LoadError("no text after cleaning")
    metadata = {**(found.metadata or {}), **{k: v for k, v in sidecar.items() if k != "title"}}
    if "date" not in metadata and (published := extract_published(found.raw)):
        metadata["date"] = published
    title = (
        sidecar.get("title")
        or (found.title and " ".join(found.title.split()))
        or _first_line_title(found.text, suffix == ".md")
        or _readable_stem(path)
    )
    problems = [
        LoadFailure(display_path(path), f"{p} (the rest is indexed)") for p in found.problems
    ]
    doc = Document(
        id=_doc_id(path, root),
        title=unicodedata.normalize("NFC", legacy.repair(title)),
        text=found.text,
        source=display_path(path),
        metadata=metadata,
        page_starts=found.page_starts,
    )
    return [with_anatomy(doc, sidecar)], problems


def _limits(limits: Limits | None, max_bytes: int | None) -> Limits:
    limits = limits or Limits()
    return replace(limits, max_bytes=max_bytes) if max_bytes is not None else limits


def load_file_with_failures(
    path: Path,
    root: Path | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> tuple[list[Document], list[LoadFailure]]:
    """load_file() that also returns the bad lines of a .jsonl instead of dropping them.

    Raises LoadError when the file as a whole cannot be read.
    """
    return _load(path, root, _limits(limits, max_bytes))


def load_file(
    path: Path,
    root: Path | None = None,
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> list[Document]:
    """Documents of one file (many for .jsonl); LoadError(reason) when it cannot be read.

    `root` is the folder ids are relative to (default: the file's folder). Bad lines of a
    .jsonl are left out here; load_paths reports them.
    """
    docs, failures = _load(path, root, _limits(limits, max_bytes))
    if not docs:
        raise LoadError("; ".join(f.reason for f in failures) or "no documents")
    return docs


def load_paths(
    paths: Sequence[Path], max_bytes: int | None = None, limits: Limits | None = None
) -> LoadResult:
    """Load every supported file under `paths`; never raises for a bad file.

    Each failure is recorded with its reason and loading goes on, so an ingest of a folder
    reports "3 loaded, 1 failed: PDF is encrypted" instead of stopping at the first problem.
    """
    walk = walk_paths(paths)
    limits = _limits(limits, max_bytes)
    documents: list[Document] = []
    failures = [LoadFailure(display_path(p), "no such file or folder") for p in walk.missing]
    failures += [LoadFailure(link_path(p), reason) for p, reason in walk.refused]
    for path, root in walk.files:
        try:
            docs, line_failures = _load(path, root, limits)
        except LoadError as exc:
            failures.append(LoadFailure(display_path(path), str(exc)))
            continue
        documents.extend(docs)
        failures.extend(line_failures)
    return LoadResult(documents, failures, [display_path(p) for p in walk.skipped])


def file_fingerprint(path: Path) -> str:
    """sha256 of the file, its sidecar and READING_VERSION: changes when either file
    changes or when this code reads files differently, for re-ingest."""
    digest = hashlib.sha256(f"reading {READING_VERSION}\0".encode("ascii"))
    _hash_file(digest, path)
    sidecar = sidecar_for(path)
    if sidecar.is_file():
        # The marker keeps "file" and "file + empty sidecar" apart.
        digest.update(b"\0" + SIDECAR_SUFFIX.encode("ascii") + b"\0")
        _hash_file(digest, sidecar)
    return digest.hexdigest()


def _hash_file(digest: Any, path: Path) -> None:
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(2**20), b""):
            digest.update(block)
