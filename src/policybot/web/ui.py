"""build_ui(pipeline, settings) -> gr.Blocks: the officials' chat, in Vietnamese.

Every answer keeps its [n] markers and its sources (instrument, document, date, the passage
with the answering sentence marked, a link to the whole document at that passage), so a
reader can check each claim. Everything taken from documents is HTML-escaped here.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from html import escape
from typing import Any
from urllib.parse import unquote

import anyio
import gradio as gr
from fastapi import FastAPI
from starlette.routing import Mount

from policybot.config import Settings
from policybot.errors import PolicybotError
from policybot.instruments.catalog import filter_choices, instruments_across
from policybot.pipeline import Pipeline
from policybot.search.retrieve import Filters
from policybot.text.query_refs import find_query_refs
from policybot.types import Instrument
from policybot.web.docview import chunk_for, document_link
from policybot.web.feedback import FeedbackStore
from policybot.web.page_guard import USER_HEADER
from policybot.web.payloads import answer_json
from policybot.web.ui_cards import chat_message, date_label, hint, md, source_card
from policybot.web.ui_instruments import InstrumentsTab

ALL = "Tất cả"
TITLE = "Hỏi đáp văn bản chính sách"
# Shown when what they name is indexed; the rest of the list is made from the catalog.
CURATED_EXAMPLES = (
    "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?",
    "Đến năm 2025 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?",
    "Nghị quyết 52-NQ/TW của Bộ Chính trị ra đời ngày nào?",
    "Bình Thuận đặt mục tiêu gì về chuyển đổi số đến năm 2025?",
)
CSS = """
#sources .pb-source{border:1px solid var(--border-color-primary);border-radius:8px;
  padding:10px 12px;margin:0 0 10px}
#sources .pb-n{font-weight:700;color:var(--color-accent)}
#sources .pb-inst{font-weight:600}
#sources .pb-title,#sources .pb-date,#sources .pb-also{font-size:.9em;opacity:.85}
#sources blockquote{margin:6px 0;padding:6px 10px;border-left:3px solid #f0b429;
  background:var(--background-fill-secondary);white-space:pre-wrap;font-size:.92em}
#sources mark{background:#ffe066;color:#111;padding:0 .1em}
#sources .pb-refused{color:#9b1c1c}
#chat button.icon-button[aria-label=""]{display:none}
.pb-docs table{width:100%;border-collapse:collapse;font-size:.92em}
.pb-docs td,.pb-docs th{border-bottom:1px solid var(--border-color-primary);padding:6px;
  vertical-align:top;text-align:left}
"""


class ChatService:
    """The UI's callbacks, kept free of Gradio so they read (and test) as plain functions."""

    def __init__(self, pipeline: Pipeline, settings: Settings) -> None:
        self.pipeline = pipeline
        self.settings = settings
        self._feedback: FeedbackStore | None = None

    @property
    def feedback(self) -> FeedbackStore:
        if self._feedback is None:
            self._feedback = FeedbackStore(self.settings.data_dir / "feedback.sqlite3")
        return self._feedback

    def documents(self) -> list[dict[str, Any]]:
        try:
            return self.pipeline.documents()
        except PolicybotError:
            return []

    def respond(
        self,
        question: str,
        messages: list[dict[str, Any]],
        turns: list[dict[str, Any]],
        province: str | None,
        itype: str | None,
        year: str | None,
    ) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]], str]:
        """One turn: ask with the earlier questions as history, append both messages."""
        messages = list(messages or [])
        turns = list(turns or [])
        question = (question or "").strip()
        if not question:
            return "", messages, turns, hint("Hãy nhập một câu hỏi.")
        history = [{"role": "user", "content": t["asked"]} for t in turns]
        self.pipeline.refresh()
        try:
            limit = self.settings.api.max_question_chars
            if len(question) > limit:
                raise PolicybotError(f"câu hỏi quá dài ({len(question)} ký tự; tối đa {limit})")
            filters = Filters.from_mapping(
                {"province": _pick(province), "type": _pick(itype), "year": _pick(year)}
            )
            payload = answer_json(self.pipeline.ask(question, filters, None, history))
        except PolicybotError as exc:
            messages += [
                {"role": "user", "content": md(question)},
                {"role": "assistant", "content": f"⚠️ Không hỏi được: {md(str(exc))}"},
            ]
            turns.append({"asked": question, "payload": None})
            return "", messages, turns, hint(str(exc))
        payload["links"] = [self._link(c) for c in payload["citations"]]
        payload["related_links"] = [self._link(c) for c in payload.get("related", [])]
        turns.append({"asked": question, "payload": payload})
        messages += [
            {"role": "user", "content": md(question)},
            {"role": "assistant", "content": chat_message(question, payload)},
        ]
        return "", messages, turns, self.sources_html(payload)

    def _link(self, citation: dict[str, Any]) -> str:
        doc_id = citation["document"]["id"]
        try:
            retriever, _ = self.pipeline.load()
            chunk = chunk_for(retriever, doc_id, citation["passage"])
        except PolicybotError:
            chunk = None
        return document_link(doc_id, chunk, citation.get("sentence", ""))

    def sources_html(self, payload: dict[str, Any] | None) -> str:
        if payload is None:
            return hint("Câu hỏi này không có câu trả lời.")
        dates = {d["id"]: Instrument.issued_when(d.get("metadata") or {}) for d in self.documents()}
        if payload["refused"]:
            related = payload.get("related") or []
            if not related:
                return (
                    "<div class='pb-refused'><b>Không có câu trả lời trong các văn bản.</b> "
                    f"{escape(payload['answer'])}</div>"
                )
            # Not sure: the closest passages, marked as not an answer.
            cards = [
                source_card(c, link, dates.get(c["document"]["id"], ""))
                for c, link in zip(related, payload.get("related_links", []), strict=False)
            ]
            return (
                "<div class='pb-refused'><b>Chưa chắc chắn: văn bản không nêu trực tiếp.</b></div>"
                f"<h3>Các đoạn liên quan nhất ({len(related)}, không phải câu trả lời)</h3>"
                + "".join(cards)
            )
        parts = [f"<h3>Nguồn trích dẫn ({len(payload['citations'])})</h3>"]
        for cite, link in zip(payload["citations"], payload.get("links", []), strict=False):
            parts.append(source_card(cite, link, dates.get(cite["document"]["id"], "")))
        return "".join(parts)

    def select(self, turns: list[dict[str, Any]], index: Any) -> str:
        """The sources of the answer a person clicked on."""
        i = index[0] if isinstance(index, (list, tuple)) else index
        if not isinstance(i, int) or not turns:
            return hint("Chọn một câu trả lời để xem nguồn.")
        turn = turns[min(i // 2, len(turns) - 1)]
        return self.sources_html(turn["payload"])

    def vote(self, turns: list[dict[str, Any]], index: Any, liked: Any, user: str = "") -> str:
        i = index[0] if isinstance(index, (list, tuple)) else index
        if not isinstance(i, int) or i // 2 >= len(turns or []):
            return "Không tìm thấy câu trả lời để góp ý."
        if liked is True or liked == "Like":
            vote = 1
        elif liked is False or liked == "Dislike":
            vote = -1
        else:
            return "Đã bỏ chọn (góp ý gửi trước đó vẫn được lưu)."
        turn = turns[i // 2]
        payload = turn["payload"]
        if payload is None:
            return "Câu hỏi này không có câu trả lời để góp ý."
        citations = [{k: v for k, v in c.items()} for c in payload["citations"]]
        self.feedback.add(
            payload["question"], payload["answer"], payload["refused"], citations, vote, "ui", user
        )
        kind = "hữu ích" if vote > 0 else "chưa đúng"
        return f"Đã ghi nhận góp ý “{kind}” cho câu trả lời {i // 2 + 1}. Cảm ơn!"

    def examples(self) -> list[str]:
        docs = self.documents()
        rows = instruments_across(docs)
        numbers = {r["number"] for r in rows if r["number"]}
        provinces = {p for d in docs for p in [(d.get("metadata") or {}).get("province")] if p}
        found = []
        for q in CURATED_EXAMPLES:
            named = [r.number for r in find_query_refs(q) if r.number]
            if (named and all(n in numbers for n in named)) or (
                not named and any(p in q for p in provinces)
            ):
                found.append(q)
        for r in rows:
            if len(found) >= 4:
                break
            if r["number"] and r["date"] and "/" in r["number"]:
                q = f"{r['type']} số {r['number']} được ban hành ngày nào?"
                if q not in found:
                    found.append(q)
        return found or ["Văn bản nào nói về chuyển đổi số?"]

    def documents_html(self) -> str:
        docs = self.documents()
        if not docs:
            return hint("Chưa có văn bản nào được lập chỉ mục: chạy `policybot ingest`.")
        rows = []
        for d in sorted(docs, key=lambda d: d["title"]):
            meta = d.get("metadata") or {}
            rows.append(
                "<tr>"
                f"<td><a href='{escape(document_link(d['id']))}' target='_blank'>"
                f"{escape(d['title'])}</a><br><small>{escape(d['source'])}</small></td>"
                f"<td>{escape(date_label(str(meta.get('date', ''))))}</td>"
                f"<td>{escape(str(meta.get('province', '')))}</td>"
                f"<td>{d['chunks']}</td><td>{len(d['instruments'])}</td></tr>"
            )
        insts = instruments_across(docs)
        items = "".join(
            f"<tr><td>{escape(r['label'])}</td><td>{len(r['documents'])}</td></tr>" for r in insts
        )
        return (
            f"<div class='pb-docs'><h3>{len(docs)} văn bản đã lập chỉ mục</h3><table>"
            "<tr><th>Văn bản</th><th>Ngày</th><th>Tỉnh/thành</th><th>Số đoạn</th>"
            f"<th>Văn bản được nhắc đến</th></tr>{''.join(rows)}</table>"
            f"<h3>{len(insts)} văn bản chính sách được nhắc đến</h3><table>"
            f"<tr><th>Văn bản</th><th>Số tài liệu nhắc đến</th></tr>{items}</table></div>"
        )


Runner = Callable[..., Awaitable[Any]]


async def _in_thread(fn: Callable[..., Any], *args: Any) -> Any:
    return await anyio.to_thread.run_sync(functools.partial(fn, *args))


def build_ui(pipeline: Pipeline, settings: Settings, run: Runner | None = None) -> gr.Blocks:
    """The page. `run` runs the answering on a worker thread; server.py passes the API's
    Service.run, so the page and /api/* share one concurrency limit.

    Every event is private (`api_visibility`): none is listed by /gradio_api/info. Being
    unlisted does not stop a call by name; page_guard.py is what closes those routes.
    """
    service = ChatService(pipeline, settings)
    runner: Runner = run or _in_thread
    choices = filter_choices(service.documents())
    private: dict[str, Any] = {"api_visibility": "private"}
    with gr.Blocks(title=TITLE, analytics_enabled=False) as ui:
        gr.Markdown(
            f"## {TITLE}\nHỏi về nghị quyết, kế hoạch, quyết định… Mỗi câu trả lời dẫn nguồn "
            "[n]: văn bản, ngày, đoạn trích. Khi văn bản không có thông tin, hệ thống nói rõ."
        )
        turns = gr.State([])
        # The conversation is kept on the server: the page sends only the new question, so a
        # request stays small however long the conversation grows.
        messages = gr.State([])
        with gr.Tab("Hỏi đáp"), gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label="Hội thoại",
                    height=480,
                    elem_id="chat",
                    feedback_options=("Like", "Dislike"),
                    placeholder="Đặt câu hỏi ở ô bên dưới, hoặc chọn một câu hỏi mẫu.",
                )
                with gr.Row():
                    box = gr.Textbox(
                        placeholder="Nhập câu hỏi, ví dụ: Kế hoạch số … ban hành ngày nào?",
                        show_label=False,
                        scale=5,
                        elem_id="question",
                        max_lines=4,
                    )
                    send = gr.Button("Gửi", variant="primary", scale=1, elem_id="send")
                gr.Examples(service.examples(), inputs=box, label="Câu hỏi mẫu", **private)
                with gr.Row():
                    new = gr.Button("Cuộc hội thoại mới", size="sm")
                status = gr.Markdown("", elem_id="vote-status")
            with gr.Column(scale=2):
                with gr.Accordion("Bộ lọc", open=True):
                    province = gr.Dropdown(
                        [ALL, *choices.provinces], value=ALL, label="Tỉnh/thành phố"
                    )
                    itype = gr.Dropdown([ALL, *choices.types], value=ALL, label="Loại văn bản")
                    year = gr.Dropdown(
                        [ALL, *[str(y) for y in choices.years]], value=ALL, label="Năm"
                    )
                sources = gr.HTML(hint("Nguồn của câu trả lời sẽ hiện ở đây."), elem_id="sources")
        with gr.Tab("Văn bản"):
            docs_html = gr.HTML(service.documents_html(), elem_id="documents")
        with gr.Tab("Văn bản chính sách"):
            InstrumentsTab(pipeline).build(ui)

        async def respond(
            question: str,
            said: list[dict[str, Any]],
            state: list[dict[str, Any]],
            prov: str | None,
            kind: str | None,
            when: str | None,
        ) -> tuple[Any, ...]:
            box_text, said, state, html = await runner(
                service.respond, question, said, state, prov, kind, when
            )
            return box_text, said, said, state, html

        inputs = [box, messages, turns, province, itype, year]
        outputs = [box, chatbot, messages, turns, sources]
        box.submit(respond, inputs, outputs, **private)
        send.click(respond, inputs, outputs, **private)
        empty = hint("Nguồn của câu trả lời sẽ hiện ở đây.")
        new.click(
            lambda: ([], [], [], empty, ""),
            None,
            [chatbot, messages, turns, sources, status],
            **private,
        )

        def on_select(state: list[dict[str, Any]], event: gr.SelectData) -> str:
            return service.select(state, event.index)

        async def on_like(
            state: list[dict[str, Any]], event: gr.LikeData, request: gr.Request
        ) -> str:
            user = unquote(request.headers.get(USER_HEADER.decode(), "")) if request else ""
            return str(await runner(service.vote, state, event.index, event.liked, user))

        chatbot.select(on_select, [turns], [sources], **private)
        chatbot.clear(lambda: ([], [], empty), None, [turns, messages, sources], **private)
        chatbot.like(on_like, [turns], [status], **private)
        ui.load(service.documents_html, None, [docs_html], **private)
    # Several officials at once; REST calls cannot skip the queue (and its bound).
    ui.queue(default_concurrency_limit=max(1, settings.api.concurrency), api_open=False)
    return ui


def chat_page(
    pipeline: Pipeline, settings: Settings, run: Runner | None, middleware: list[Any]
) -> tuple[Any, Any]:
    """The page as an ASGI app, and the lifespan that starts its queue (page_slot.py runs it).

    gr.mount_gradio_app mounts the page on a host FastAPI app and wraps the host's lifespan
    with the page's startup (queue, cleanup tasks); the host here only carries that
    lifespan and the parent's CORS middleware, so Gradio leaves CORS to the parent as when
    mounted on it directly. Requests go to the mounted page, never through the host."""
    host = FastAPI(middleware=middleware)
    gr.mount_gradio_app(
        host,
        build_ui(pipeline, settings, run),
        path="/",
        css=CSS,
        footer_links=[],
        theme=gr.themes.Soft(font=["system-ui", "sans-serif"], font_mono=["monospace"]),
    )
    mount = host.router.routes[-1]
    if not isinstance(mount, Mount):
        raise RuntimeError("gr.mount_gradio_app did not mount the page as expected")
    return mount.app, lambda: host.router.lifespan_context(host)


def _pick(value: str | None) -> str | None:
    return None if not value or value == ALL else value
