"""`policybot serve`: bring the index up to date, then serve the UI and the API with uvicorn.

One process, one FastAPI app: the API routes, the document pages and the widget first, the
Gradio chat at "/" after them. The server listens as soon as the index is loaded; the chat
page is built on a thread meanwhile and mounted when ready (page_slot.py), so the API does
not wait for Gradio.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from policybot.config import Settings
from policybot.errors import IndexMismatchError, PolicybotError
from policybot.index.store import IndexDir, check_manifest, expected_manifest
from policybot.pipeline import Pipeline, build_pipeline
from policybot.reading.loaders import discover, file_fingerprint
from policybot.web.api import create_app
from policybot.web.page_slot import Built, PageSlot

log = logging.getLogger("policybot.web.server")


def offline_env() -> None:
    """No analytics, no model hub, no telemetry: policybot calls nothing out."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def build_app(pipeline: Pipeline, settings: Settings) -> FastAPI:
    """The API app with the chat page's slot at "/"; the page is built once the app starts."""
    offline_env()
    app = create_app(pipeline, settings)
    service = app.state.service
    cors = [m for m in app.user_middleware if m.cls is CORSMiddleware]

    def build() -> Built:
        from policybot.web.ui import chat_page  # imports gradio: seconds, off the event loop

        return chat_page(pipeline, settings, service.run, cors)

    slot = PageSlot(build)
    service.page = slot
    app.mount("/", slot)
    api_lifespan = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with api_lifespan(app), slot.running():
            yield

    app.router.lifespan_context = lifespan
    return app


def stale_reason(settings: Settings) -> str | None:
    """Why the index does not match documents/ (missing, files added, removed or changed),
    or None when it does. Costs one hash per file, like an incremental ingest."""
    index = IndexDir(settings.index_dir)
    if not index.exists():
        return "chưa có chỉ mục"
    folder = settings.documents_dir
    if not folder.exists():
        return None
    root = folder.resolve()
    indexed: dict[str, str] = {}
    for rec in index.open_tables().documents.values():
        file = Path(rec["file"])
        if file == root or root in file.parents:
            indexed[rec["file"]] = rec["fingerprint"]
    current = {str(p.resolve()): p for p in discover([folder])}
    added = sorted(set(current) - set(indexed))
    removed = sorted(set(indexed) - set(current))
    if added:
        return f"{len(added)} tệp mới"
    if removed:
        return f"{len(removed)} tệp đã bị xoá"
    changed = [f for f, p in current.items() if file_fingerprint(p) != indexed[f]]
    if changed:
        return f"{len(changed)} tệp đã thay đổi"
    return None


def built_otherwise(pipeline: Pipeline, settings: Settings) -> list[Path] | None:
    """The files to index again when the index was built with other settings (another
    tokenizer after an upgrade, another chunking): documents/ and every other file it holds
    that is still there; None when it matches (or there is none)."""
    index = IndexDir(settings.index_dir)
    if not index.exists():
        return None
    expected = expected_manifest(settings, pipeline.embedder)
    try:
        check_manifest(index.read_manifest(), expected, index.root)
    except IndexMismatchError:
        folder = settings.documents_dir.resolve()
        try:
            held = {Path(rec["file"]) for rec in index.open_tables().documents.values()}
        except PolicybotError:  # an older format's tables: documents/ alone
            held = set()
        others = sorted(f for f in held if f.exists() and folder not in f.parents)
        return [settings.documents_dir, *others]
    return None


def prepare_index(pipeline: Pipeline, settings: Settings) -> None:
    """Ingest documents/ when the index is missing or stale, and index its files again when
    it was built with other settings; say what happened."""
    again = built_otherwise(pipeline, settings)
    reason = "lập với thiết lập khác, lập lại" if again else stale_reason(settings)
    if reason is None:
        print(f"Chỉ mục {settings.index_dir}/ đã khớp với {settings.documents_dir}/.", flush=True)
        return
    print(f"Lập chỉ mục {settings.documents_dir}/ ({reason})…", flush=True)
    report = pipeline.ingest(again or [settings.documents_dir], rebuild=bool(again), progress=False)
    print(
        f"Đã lập chỉ mục {report.documents} văn bản, {report.chunks} đoạn "
        f"({report.chunks_embedded} đoạn mới được nhúng, {report.seconds:.1f} s).",
        flush=True,
    )
    for failure in report.failures:
        print(f"  không đọc được {failure.path}: {failure.reason}", flush=True)


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    import uvicorn

    offline_env()
    pipeline = build_pipeline(settings)
    if settings.api.ingest_on_start and settings.documents_dir.exists():
        prepare_index(pipeline, settings)
    app = build_app(pipeline, settings)
    host = host or settings.api.host
    port = port or settings.api.port
    print(f"policybot: http://{host}:{port}/  (API: /api/v1/, widget: /static/widget.js)")
    from policybot.web.slowclients import deadline_protocol

    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=False,  # the app reads X-Forwarded-* itself, from trusted proxies only
        http=deadline_protocol(settings.api.request_timeout_s),
        timeout_keep_alive=settings.api.keep_alive_s,
    )
