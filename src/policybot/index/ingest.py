"""documents/ -> index/: load, chunk, segment, embed, store. Incremental and lock-protected."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from policybot.config import Settings
from policybot.errors import LoadError, PolicybotError
from policybot.index.chunk import chunk_document
from policybot.index.embed import Embedder, passages_per_call
from policybot.index.lexical import build as build_lexical
from policybot.index.lexical import save as save_lexical
from policybot.index.store import (
    IndexDir,
    Tables,
    check_manifest,
    chunk_from_record,
    chunk_to_record,
    expected_manifest,
)
from policybot.index.vectors import VectorIndex, stored_ids
from policybot.reading.loaders import (
    Limits,
    LoadFailure,
    check_size,
    discover_all,
    file_fingerprint,
)
from policybot.reading.ocr import OcrOptions
from policybot.reading.sandbox import IsolatedLoader, SandboxLimits
from policybot.text.acronyms import spell_out, table_of
from policybot.text.places import province_of_text
from policybot.text.segment import words
from policybot.types import Document


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    chunks_embedded: int = 0
    chunks_removed: int = 0
    documents: int = 0
    chunks: int = 0
    failures: list[LoadFailure] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def ocr_options(settings: Settings) -> OcrOptions:
    """Settings.ocr as the reader's options; the cache lives under cache_dir/ocr."""
    ocr = settings.ocr
    return OcrOptions(
        enabled=ocr.enabled,
        languages=ocr.languages,
        dpi=ocr.dpi,
        workers=ocr.workers,
        page_timeout_s=ocr.page_timeout_s,
        max_pages=ocr.max_pages,
        cache_dir=settings.cache_dir.expanduser() if ocr.cache else None,
    )


@contextmanager
def ingest_lock(index: IndexDir) -> Iterator[None]:
    """One writer at a time; a second ingest refuses at once with a clear message."""
    index.root.mkdir(parents=True, exist_ok=True)
    with open(index.lock, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise PolicybotError(
                f"another ingest is writing {index.root}/ ({holder}); wait for it to finish"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _under(path: str, roots: list[Path]) -> bool:
    p = Path(path).resolve()
    return any(p == r or r in p.parents for r in roots)


def _doc_record(
    doc: Document,
    file: str,
    fingerprint: str,
    chunk_ids: list[str],
    instruments: list[dict[str, Any]],
) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "source": doc.source,
        "metadata": doc.metadata,
        "file": file,
        "fingerprint": fingerprint,
        "pages": len(doc.page_starts) or None,
        "chars": len(doc.text),
        "instruments": instruments,
        "chunk_ids": chunk_ids,
    }


def _digest(table: dict[str, str]) -> str:
    """Identifies what a document's abbreviations stand for."""
    said = json.dumps(sorted(table.items()), ensure_ascii=False)
    return hashlib.sha256(said.encode("utf-8")).hexdigest()[:16]


def _checkpoint(name: str) -> None:
    """Test hook for the crash tests: POLICYBOT_TEST_CRASH_AT=NAME kills this process
    (SIGKILL, as a power cut or the OOM killer would) when the ingest reaches NAME."""
    if os.environ.get("POLICYBOT_TEST_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def ingest(
    paths: Sequence[Path],
    settings: Settings,
    embedder: Embedder,
    open_vectors: Callable[[], VectorIndex],
    rebuild: bool = False,
    progress: bool = True,
    derive: Callable[[IndexDir, Tables], dict[str, Any]] | None = None,
) -> IngestReport:
    """Bring the index in line with `paths`. Unchanged files cost a hash; nothing is lost
    when a file fails to load (its previous chunks stay).

    Crash safety: new vectors are upserted first (ids are content hashes, so a vector
    already there is reused), then the new tables are written as new files, then the
    manifest is replaced atomically (the commit), and only then are vectors and files of
    the old generation deleted. Killed before the commit, the old index is whole; after
    it, the new one is. With rebuild, the store must be a fresh one (see Pipeline).

    The store is opened (`open_vectors`) only when something is to be written or cleared:
    an ingest that finds nothing changed first reads the ids the store holds without
    opening it (`stored_ids`; chromadb's client alone is a second), and returns when they
    are the passages' own. A store damaged from outside (vectors lost, its folder gone) or
    holding what a killed ingest left is opened and brought in line.
    """
    started = time.perf_counter()
    index = IndexDir(settings.index_dir)
    report = IngestReport()
    expected = expected_manifest(settings, embedder)
    with ingest_lock(index):
        old = Tables()
        if index.exists() and not rebuild:
            manifest = index.read_manifest()
            check_manifest(manifest, expected, index.root)
            old = index.read_tables(manifest)
        missing = [str(p) for p in paths if not Path(p).exists()]
        if missing:
            raise PolicybotError(f"no such file or folder: {', '.join(missing)}")
        found = discover_all(paths)
        report.skipped = found.skipped
        report.failures.extend(found.refused)
        roots = [Path(p).resolve() for p in paths]
        new = Tables()
        by_file: dict[str, list[str]] = {}
        for doc_id, rec in old.documents.items():
            by_file.setdefault(rec["file"], []).append(doc_id)
        seen_files: set[str] = set()
        fresh: list[tuple[Document, str, str]] = []
        limits = Limits(
            max_bytes=settings.max_file_mb * 2**20,
            max_pdf_pages=settings.limits.max_pdf_pages,
            max_unpacked_bytes=settings.limits.max_unpacked_mb * 2**20,
            ocr=ocr_options(settings),
        )
        sandbox = SandboxLimits(
            timeout_s=settings.limits.file_timeout_s, memory_mb=settings.limits.loader_memory_mb
        )
        with IsolatedLoader(limits, sandbox) as loader:
            for path in tqdm(found.files, desc="Đọc tài liệu", unit="tệp", disable=not progress):
                file = str(path.resolve())
                seen_files.add(file)
                previous = by_file.get(file, [])
                try:
                    check_size(path, limits.max_bytes)
                    fingerprint = file_fingerprint(path)
                except (LoadError, OSError) as exc:
                    reason = str(exc) if isinstance(exc, LoadError) else exc.strerror
                    report.failures.append(LoadFailure(_shown(path), f"cannot read: {reason}"))
                    _keep(old, new, previous)
                    continue
                if previous and all(
                    old.documents[d]["fingerprint"] == fingerprint for d in previous
                ):
                    _keep(old, new, previous)
                    report.unchanged += len(previous)
                    continue
                try:
                    docs, line_failures = loader.load(path, _root_of(path, roots))
                except PolicybotError as exc:
                    report.failures.append(LoadFailure(_shown(path), str(exc)))
                    _keep(old, new, previous)
                    continue
                report.failures.extend(line_failures)
                for doc in docs:
                    fresh.append((doc, file, fingerprint))
        _checkpoint("loaded")
        # Documents from files outside the given paths stay, unless their file is gone.
        for doc_id, rec in old.documents.items():
            if rec["file"] in seen_files or doc_id in new.documents:
                continue
            if _under(rec["file"], roots) or not Path(rec["file"]).exists():
                report.removed.append(doc_id)
            else:
                _keep(old, new, [doc_id])
        _add_fresh(fresh, old, new, settings, report, progress)
        current = index.read_manifest() if index.exists() and not rebuild else {}
        derived_kept = derive is None or "derived" in current
        unchanged = bool(current.get("lexical")) and derived_kept and _same(old, new)
        if unchanged and stored_ids(index.vectors_dir(current), settings) == new.chunks.keys():
            # Nothing changed, and the store holds a vector for every passage, nothing else.
            index.remove_unused(current)
            return _done(report, new, started)
        vectors = open_vectors()
        if rebuild and vectors.count():
            vectors.reset()  # only when a caller passed the current store; Pipeline does not
        present = vectors.ids()
        to_embed = [cid for cid in new.chunks if cid not in present]
        if unchanged and not to_embed:
            # Nothing changed: the committed generation (tables, registry, vectors) stays;
            # only what a killed ingest may have left behind is cleared.
            vectors.delete(sorted(present - set(new.chunks)))
            index.remove_unused(current)
            return _done(report, new, started)
        step = passages_per_call(settings.embedder)
        _embed(to_embed, new, embedder, vectors, step, progress)
        report.chunks_embedded = len(to_embed)
        # What is derived from the tables (the instrument registry) is written before the
        # commit and carries the tables' fingerprint: a crash before the manifest commits
        # leaves it unmatched, and it is then rebuilt from the tables in use.
        derived = derive(index, new) if derive is not None else None
        _checkpoint("embedded")
        manifest = dict(expected)
        if derived is not None:  # what a load compares instead of reading the tables
            manifest["derived"] = derived
        manifest.update(index.write_generation(new))
        lexical = index.fresh_lexical_dir()
        records, ids = list(new.chunks.values()), list(new.chunks)
        save_lexical(
            build_lexical(records),
            ids,
            lexical,
            manifest["sha256"].get("db"),
            new.documents.values(),
        )
        stored = vectors.commit(new.chunks.keys())
        _checkpoint("tables-written")
        manifest.update(
            lexical=lexical.name,
            vectors=stored,
            documents=len(new.documents),
            chunks=len(new.chunks),
            updated=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        )
        index.write_manifest(manifest)
        _checkpoint("committed")
        stale = sorted(vectors.ids() - set(new.chunks))
        vectors.delete(stale)
        report.chunks_removed = len(stale)
        index.remove_unused(manifest)
        _checkpoint("cleaned")
    return _done(report, new, started)


def _done(report: IngestReport, new: Tables, started: float) -> IngestReport:
    report.documents = len(new.documents)
    report.chunks = len(new.chunks)
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def _same(old: Tables, new: Tables) -> bool:
    """The new tables are the old ones: same documents with the same records, same chunks."""
    return new.chunks.keys() == old.chunks.keys() and new.documents == old.documents


def _shown(path: Path) -> str:
    """A path that can be printed and stored even when its name is not UTF-8."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _root_of(path: Path, roots: list[Path]) -> Path:
    resolved = path.resolve()
    for root in roots:
        if root.is_dir() and (resolved == root or root in resolved.parents):
            return root
    return resolved.parent


def _keep(old: Tables, new: Tables, doc_ids: list[str]) -> None:
    for doc_id in doc_ids:
        rec = old.documents[doc_id]
        new.documents[doc_id] = rec
        for cid in rec["chunk_ids"]:
            if cid in old.chunks:
                new.chunks[cid] = old.chunks[cid]


def _add_fresh(
    fresh: list[tuple[Document, str, str]],
    old: Tables,
    new: Tables,
    settings: Settings,
    report: IngestReport,
    progress: bool,
) -> None:
    for doc, file, fingerprint in tqdm(
        fresh, desc="Cắt đoạn", unit="văn bản", disable=not progress or not fresh
    ):
        if doc.id in new.documents:
            report.failures.append(
                LoadFailure(doc.source, f"duplicate document id {doc.id!r}; kept the first")
            )
            continue
        if not doc.metadata.get("province"):
            province = province_of_text(f"{doc.title}\n{doc.text}")
            if province:
                doc = Document(
                    doc.id,
                    doc.title,
                    doc.text,
                    doc.source,
                    {**doc.metadata, "province": province},
                    doc.page_starts,
                )
        chunks, instruments = chunk_document(doc, settings.chunking)
        # an abbreviation counts for the words it stands for too: "HTX" is found by "hợp tác
        # xã" (the passage's vector is of its text as written). What it stands for is read
        # from the whole document, so a passage's words are kept only while that holds.
        abbreviations = table_of(doc.text)
        spelled = _digest(abbreviations)
        kept = old.documents.get(doc.id, {}).get("abbreviations") == spelled
        for c in chunks:
            rec = old.chunks.get(c.id) if kept else None
            tokens = rec["tokens"] if rec else words(spell_out(c.embed_text(), abbreviations))
            new.chunks[c.id] = chunk_to_record(c, tokens)
        record = _doc_record(
            doc, file, fingerprint, [c.id for c in chunks], [i.to_dict() for i in instruments]
        )
        new.documents[doc.id] = {**record, "abbreviations": spelled}
        (report.updated if doc.id in old.documents else report.added).append(doc.id)


def _embed(
    ids: list[str],
    tables: Tables,
    embedder: Embedder,
    vectors: VectorIndex,
    batch: int,
    progress: bool,
) -> None:
    if not ids:
        return
    bar = tqdm(total=len(ids), desc="Nhúng vector", unit="đoạn", disable=not progress)
    for i in range(0, len(ids), batch):
        part = ids[i : i + batch]
        texts = [chunk_from_record(tables.chunks[c]).embed_text() for c in part]
        vecs = np.asarray(embedder.embed_passages(texts), dtype=np.float32)
        vectors.upsert(part, vecs, [tables.chunks[c]["doc_id"] for c in part])
        bar.update(len(part))
        _checkpoint("embedding")
    bar.close()
