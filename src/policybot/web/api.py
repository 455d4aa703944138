"""create_app(pipeline, settings) -> FastAPI: the contract's HTTP API, thin over the pipeline.

Routes only translate: JSON in, pipeline call on a worker thread (answering is CPU-bound),
contract JSON out. Keys, rate and size limits live in guard.py, the chat page's door (Gradio's
routes, login) in page_guard.py, trusted proxies in forwarded.py; the chat UI is mounted on
top of this app by server.py.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import re
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal, TypeVar

import anyio
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import StreamingResponse

from policybot import __version__
from policybot.config import Settings
from policybot.errors import IndexMissingError, PolicybotError
from policybot.instruments.catalog import instruments_across
from policybot.instruments.instrument_views import instrument_detail, list_instruments
from policybot.instruments.lineage_svg import lineage_svg
from policybot.pipeline import Pipeline
from policybot.web.docview import chunk_for, document_html, document_link
from policybot.web.feedback import FeedbackStore, write_jsonl
from policybot.web.forwarded import ForwardedMiddleware
from policybot.web.guard import PortalGuard, RateLimiter, too_long
from policybot.web.page_guard import PageGuard, check_doors
from policybot.web.page_slot import PageSlot
from policybot.web.payloads import answer_json, search_json
from policybot.web.schemas import (
    AnswerOut,
    AskIn,
    DocumentsOut,
    ErrorOut,
    FeedbackIn,
    HealthOut,
    SearchIn,
    SearchOut,
)

STATIC_DIR = Path(__file__).parent / "static"
log = logging.getLogger("policybot.web.api")
T = TypeVar("T")
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Yêu cầu không hợp lệ (quá lớn, câu hỏi quá dài…)"},
    401: {"model": ErrorOut, "description": "Thiếu hoặc sai khóa API"},
    429: {"model": ErrorOut, "description": "Vượt giới hạn số yêu cầu; xem Retry-After"},
}
_DESCRIPTION = """Hỏi đáp có trích dẫn về văn bản chính sách (nghị quyết, kế hoạch, quyết định).

Khi có cấu hình khóa API, mọi lời gọi `/api/*` cần header `Authorization: Bearer KEY`.
Lỗi trả về JSON `{"error": "..."}`."""


class Service:
    """What the routes share: the pipeline, a bound on concurrent work, the feedback store."""

    def __init__(self, pipeline: Pipeline, settings: Settings) -> None:
        self.pipeline = pipeline
        self.settings = settings
        self._limiter: anyio.CapacityLimiter | None = None
        self._feedback: FeedbackStore | None = None
        self.page: PageSlot | None = None  # the chat page, when server.py serves one
        self._count = threading.Lock()
        self.working = 0
        self.peak = 0

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Run blocking pipeline work on a worker thread, at most `concurrency` at a time;
        an index rewritten by an ingest job since it was loaded is loaded afresh first."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(max(1, self.settings.api.concurrency))
        self.pipeline.refresh()
        return await anyio.to_thread.run_sync(
            functools.partial(self._counted, fn, *args), limiter=self._limiter
        )

    def _counted(self, fn: Callable[..., T], *args: Any) -> T:
        """Counts the work inside the limit, so /health can show the limit holding."""
        with self._count:
            self.working += 1
            self.peak = max(self.peak, self.working)
        try:
            return fn(*args)
        finally:
            with self._count:
                self.working -= 1

    def load_figures(self) -> dict[str, int]:
        limit = max(1, self.settings.api.concurrency)
        return {"now": self.working, "peak": self.peak, "limit": limit}

    @property
    def feedback(self) -> FeedbackStore:
        if self._feedback is None:
            self._feedback = FeedbackStore(self.settings.data_dir / "feedback.sqlite3")
        return self._feedback

    def warm(self) -> None:
        """Load the models (segmentation, embedder) after the server listens, before most first
        questions; a question that comes first loads them itself (under locks)."""
        try:
            self.pipeline.search("chuyển đổi số", k=1)
        except Exception as exc:
            log.warning("warm-up search failed: %s", exc)

    def check_length(self, text: str, what: str) -> None:
        limit = self.settings.api.max_question_chars
        if len(text) > limit:
            raise ApiError(400, too_long(len(text), limit, what))


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def create_app(pipeline: Pipeline, settings: Settings) -> FastAPI:
    service = Service(pipeline, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warming = None
        try:
            await service.run(pipeline.load)  # the API is ready once the index is loaded
            warming = asyncio.create_task(service.run(service.warm))
        except PolicybotError as exc:
            log.warning("index not loaded: %s", exc)
        yield
        if warming is not None:
            await warming

    app = FastAPI(
        title="policybot API",
        version=__version__,
        description=_DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads its assets from a CDN; policybot calls nothing out
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.service = service
    _add_error_handlers(app)
    _add_routes(app, service)
    check_doors(settings)
    # One set of buckets for both doors: a client's budget is the same by API or by page.
    limiter = RateLimiter(settings.api.rate_limit_per_minute)
    app.add_middleware(PortalGuard, settings=settings.api, limiter=limiter)
    app.add_middleware(PageGuard, api=settings.api, page=settings.page, limiter=limiter)
    # Outside the guards, so refusals (401, 429) carry CORS headers and a portal can read them.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.api.cors_origins,
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "Accept"],
        expose_headers=["Retry-After"],
        max_age=600,
    )
    app.add_middleware(ForwardedMiddleware, trusted=settings.api.trusted_proxies)
    return app


def _add_routes(app: FastAPI, service: Service) -> None:
    pipeline = service.pipeline

    @app.get("/health", response_model=HealthOut, tags=["hệ thống"])
    async def health() -> JSONResponse:
        """200 once the index is loaded, else 503 with the reason; `ui`: the chat page's state."""
        page = {"ui": service.page.state} if service.page is not None else {}
        try:
            retriever, _ = await service.run(pipeline.load)
        except PolicybotError as exc:
            body = {"status": "unavailable", "error": str(exc), **page}
            return JSONResponse(body, status_code=503)
        return JSONResponse(
            {
                "status": "ok",
                "documents": len(retriever.tables.documents),
                "chunks": len(retriever.tables.chunks),
                "embedder": pipeline.embedder.name,
                "working": service.load_figures(),
                **page,
            }
        )

    @app.post(
        "/api/v1/ask",
        response_model=AnswerOut,
        responses={
            **_ERRORS,
            200: {
                "content": {"text/event-stream": {}},
                "description": "JSON; or with stream=true / Accept: text/event-stream, events "
                "`delta` {text} then `answer` (the whole JSON)",
            },
        },
        tags=["hỏi đáp"],
    )
    async def ask(body: AskIn, request: Request) -> Response:
        """Trả lời một câu hỏi, có trích dẫn; hoặc nói rõ văn bản không có câu trả lời."""
        service.check_length(body.question, "question")
        filters = body.filters.to_filters() if body.filters else None
        history = [t.model_dump() for t in body.history]
        answer = await service.run(pipeline.ask, body.question, filters, body.k, history)
        payload = AnswerOut.model_validate(answer_json(answer)).model_dump()
        if body.stream or "text/event-stream" in request.headers.get("accept", ""):
            return StreamingResponse(
                _events(payload),
                media_type="text/event-stream",
                headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
            )
        return JSONResponse(payload)

    @app.post("/api/v1/search", response_model=SearchOut, responses=_ERRORS, tags=["hỏi đáp"])
    async def search(body: SearchIn) -> JSONResponse:
        """Các đoạn văn bản khớp nhất với truy vấn, tốt nhất trước."""
        service.check_length(body.query, "query")
        filters = body.filters.to_filters() if body.filters else None
        hits = await service.run(pipeline.search, body.query, body.k, filters)
        retriever, _ = pipeline.load()
        sources = {d: rec["source"] for d, rec in retriever.tables.documents.items()}
        data = SearchOut.model_validate(search_json(body.query, hits, sources)).model_dump()
        return JSONResponse(data)

    @app.get("/api/v1/documents", response_model=DocumentsOut, responses=_ERRORS, tags=["văn bản"])
    async def documents() -> JSONResponse:
        """Các văn bản đã lập chỉ mục và các văn bản chính sách được nhắc đến trong đó."""
        docs = await service.run(pipeline.documents)
        for doc in docs:
            doc["url"] = document_link(doc["id"])
        data = DocumentsOut.model_validate(
            {"documents": docs, "instruments": instruments_across(docs)}
        ).model_dump()
        return JSONResponse(data)

    @app.get("/api/v1/instruments", responses=_ERRORS, tags=["văn bản"])
    async def instruments(
        q: str | None = Query(None, description="Số, tên, cơ quan ban hành: '52-NQ/TW'."),
        type: str | None = Query(None, description="Loại văn bản: 'Kế hoạch'."),
        province: str | None = Query(None, description="Tỉnh: 'Quảng Trị'."),
        year: int | None = Query(None, description="Năm ban hành: 2020."),
        level: str | None = Query(None, description="'trung ương', 'tỉnh' hoặc 'huyện'."),
    ) -> JSONResponse:
        """Sổ các văn bản chính sách nhắc đến trong kho tài liệu (số, ngày, cơ quan, cấp)."""
        registry = await service.run(pipeline.registry)
        rows = list_instruments(registry, q, type, province, year, level)
        return JSONResponse({"instruments": rows})

    @app.get("/api/v1/instruments/{number:path}", responses=_ERRORS, tags=["văn bản"])
    async def instrument(number: str) -> JSONResponse:
        """Một văn bản: các quan hệ (thực hiện, căn cứ, mục tiêu) và các đoạn nhắc đến nó."""
        registry = await service.run(pipeline.registry)
        detail = instrument_detail(registry, number)
        if detail is None:
            message = f"không có văn bản {number!r} trong kho / no such instrument"
            return JSONResponse({"error": message}, status_code=404)
        return JSONResponse(detail)

    @app.get("/api/v1/lineage.svg", responses=_ERRORS, tags=["văn bản"])
    async def lineage(focus: str | None = Query(None, description="'52-NQ/TW'.")) -> Response:
        """Sơ đồ quan hệ giữa các văn bản (SVG)."""
        registry = await service.run(pipeline.registry)
        return Response(lineage_svg(registry, focus=focus), media_type="image/svg+xml")

    @app.post("/api/v1/feedback", status_code=201, responses=_ERRORS, tags=["góp ý"])
    async def feedback(body: FeedbackIn) -> JSONResponse:
        """Lưu 👍/👎 cho một câu trả lời (để bổ sung bộ câu hỏi đánh giá)."""
        service.check_length(body.question, "question")
        vote_id = await service.run(
            service.feedback.add,
            body.question,
            body.answer,
            body.refused,
            body.citations,
            1 if body.vote == "up" else -1,
            "api",
        )
        return JSONResponse({"id": vote_id}, status_code=201)

    @app.get("/api/v1/feedback/export", responses=_ERRORS, tags=["góp ý"])
    async def feedback_export(
        vote: Literal["up", "down"] | None = Query(None, description="Chỉ 👍 hoặc 👎."),
    ) -> Response:
        """Góp ý dưới dạng ứng viên cho eval/questions.jsonl (JSON Lines)."""
        wanted = None if vote is None else (1 if vote == "up" else -1)
        rows = await service.run(service.feedback.export, wanted)
        return Response(write_jsonl(rows, None), media_type="application/x-ndjson")

    @app.get("/static/widget.js", include_in_schema=False)
    async def widget() -> FileResponse:
        """The portal widget. One route, not a /static mount: Gradio serves its own /static."""
        return FileResponse(
            STATIC_DIR / "widget.js",
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300"},
        )

    @app.get("/documents/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
    async def document_page(doc_id: str, chunk: str = "", mark: str = "") -> Response:
        """The whole document, opened at a passage (chunk id) with a sentence highlighted."""
        try:
            retriever, _ = await service.run(pipeline.load)
        except PolicybotError as exc:
            return HTMLResponse(_plain_page("Chưa có chỉ mục", str(exc)), status_code=503)
        if doc_id not in retriever.tables.documents:
            return HTMLResponse(
                _plain_page("Không tìm thấy văn bản", f"Không có văn bản mã “{doc_id}”."),
                status_code=404,
            )
        if mark and not chunk:
            found = chunk_for(retriever, doc_id, mark)
            if found:
                return RedirectResponse(document_link(doc_id, found, mark), status_code=303)
        return HTMLResponse(document_html(retriever, doc_id, chunk, mark[:2000]))


async def _events(payload: dict[str, Any]) -> AsyncIterator[str]:
    """The answer text in pieces (`delta`), then the whole contract JSON (`answer`)."""
    for piece in text_pieces(payload["answer"]):
        yield _sse("delta", {"text": piece})
        await asyncio.sleep(0)
    yield _sse("answer", payload)


def text_pieces(text: str, words: int = 4) -> list[str]:
    """Split so that "".join(pieces) == text, a few words a piece."""
    tokens = re.findall(r"\s*\S+\s*", text) or ([text] if text else [])
    return ["".join(tokens[i : i + words]) for i in range(0, len(tokens), words)]


def _sse(event: str, data: dict[str, Any]) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def _plain_page(title: str, text: str) -> str:
    from html import escape

    return (
        f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<body style="font-family:system-ui;margin:2em"><h1>{escape(title)}</h1>'
        f'<p>{escape(text)}</p><p><a href="/">← Hỏi đáp chính sách</a></p></body></html>'
    )


def _add_error_handlers(app: FastAPI) -> None:
    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse({"error": message}, status_code=status)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error(exc.status, exc.message)

    @app.exception_handler(IndexMissingError)
    async def no_index(request: Request, exc: IndexMissingError) -> JSONResponse:
        return error(503, str(exc))

    @app.exception_handler(PolicybotError)
    async def bad_input(request: Request, exc: PolicybotError) -> JSONResponse:
        return error(400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return error(400, "Yêu cầu không hợp lệ / invalid request: " + _describe(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return error(500, f"internal error ({type(exc).__name__}); the server log has details")


def _describe(errors: Any) -> str:
    """pydantic's error list as one line: 'question: Field required; k: ...'."""
    parts = []
    for err in list(errors)[:5]:
        loc = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
        msg = err.get("msg", "invalid")
        parts.append(f"{loc}: {msg}" if loc else str(msg))
    return "; ".join(parts) or "invalid request"
