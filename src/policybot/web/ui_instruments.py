"""The instruments tab of the UI: the registry table that narrows as one types, the
lineage graph as a picture, and the detail panel for the instrument a person clicks (a row,
a node or a related instrument).

Only the Gradio wiring lives here; the HTML comes from ui_instrument_table.py,
ui_instrument_detail.py and lineage_svg.py. Clicks reach Python through Gradio's HTML
component: its `js_on_load` sends the clicked element's `data-key` as a "click" event.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from policybot.errors import PolicybotError
from policybot.instruments.lineage_svg import lineage_svg
from policybot.instruments.registry import Registry
from policybot.pipeline import Pipeline
from policybot.web.ui_instrument_detail import DETAIL_CSS, PICK_HINT, detail_html
from policybot.web.ui_instrument_table import TABLE_CSS, filter_instruments, hint, table_html

# Sends the key of the clicked row, node or link; keeps it in the address for sharing.
_PICK_JS = """
const pick = (el) => {
  const key = el.getAttribute('data-key');
  history.replaceState(null, '', '#instrument=' + encodeURIComponent(key));
  element.querySelectorAll('.pb-picked').forEach((e) => e.classList.remove('pb-picked'));
  el.classList.add('pb-picked');
  trigger('click', {key: key});
  SCROLL
};
element.addEventListener('click', (ev) => {
  const el = ev.target.closest('[data-key]');
  if (!el || !element.contains(el)) return;
  ev.preventDefault();
  pick(el);
});
element.addEventListener('keydown', (ev) => {
  const el = ev.target.closest('[data-key]');
  if (el && ev.key === 'Enter') { ev.preventDefault(); pick(el); }
});
"""
_SCROLL = (
    "const d = document.getElementById('instrument-detail');"
    " if (d) d.scrollIntoView({behavior: 'smooth', block: 'start'});"
)
_FROM_HASH_JS = """
const m = location.hash.match(/^#instrument=(.+)$/);
if (m) trigger('click', {key: decodeURIComponent(m[1])});
"""
GRAPH_CSS = """
svg{max-width:100%;height:auto}
a.node{cursor:pointer;text-decoration:none}
a.node:hover rect,a.pb-picked rect{stroke-width:3}
"""


# --- the tab --------------------------------------------------------------------------------
class InstrumentsTab:
    """The tab's callbacks over the pipeline's registry and passages."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def _registry(self) -> Registry | None:
        try:
            return self.pipeline.registry()
        except PolicybotError:
            return None

    def table(self, query: str | None) -> str:
        registry = self._registry()
        if registry is None:
            return table_html([], 0)
        rows = filter_instruments(registry, query)
        return table_html(rows, len(registry.entries), query or "")

    def graph(self) -> str:
        registry = self._registry()
        if registry is None or not (registry.relations or registry.validity):
            return hint("Chưa đọc được quan hệ nào giữa các văn bản.")
        return lineage_svg(registry)

    def detail(self, key: str | None) -> str:
        registry = self._registry()
        if registry is None:
            return hint("Chưa có văn bản nào được lập chỉ mục: chạy `policybot ingest`.")
        retriever, _ = self.pipeline.load()
        titles = {d: str(rec.get("title") or d) for d, rec in retriever.tables.documents.items()}
        return detail_html(registry, (key or "").strip(), retriever.chunks, titles)

    def reload(self) -> str:
        """On page load: pick up an index another process rewrote since."""
        self.pipeline.refresh()
        return self.graph()

    def picked(self, event: gr.EventData) -> str:
        data = event._data if isinstance(event._data, dict) else {}
        return self.detail(str(data.get("key") or ""))

    def build(self, ui: gr.Blocks) -> None:
        """The tab's components and events, inside the caller's `gr.Tab`."""
        gr.Markdown(
            "Các văn bản chính sách được nhắc đến trong kho tài liệu và quan hệ giữa chúng "
            "(thực hiện, căn cứ, mục tiêu). Gõ số hiệu hoặc vài chữ của tên để lọc; bấm vào "
            "một dòng hay một ô trên sơ đồ để xem chi tiết."
        )
        with gr.Row(equal_height=False):
            with gr.Column(scale=3):
                box = gr.Textbox(
                    placeholder="Lọc: 52, 52-NQ/TW, chuyển đổi số, Quảng Trị…",
                    show_label=False,
                    elem_id="instrument-filter",
                    max_lines=1,
                )
                table = gr.HTML(
                    self.table(""),
                    elem_id="instrument-table",
                    css_template=TABLE_CSS,
                    js_on_load=_PICK_JS.replace("SCROLL", ""),
                )
            with gr.Column(scale=2):
                detail = gr.HTML(
                    hint(PICK_HINT),
                    elem_id="instrument-detail",
                    css_template=DETAIL_CSS,
                    js_on_load=_PICK_JS.replace("SCROLL", "") + _FROM_HASH_JS,
                )
        gr.Markdown("### Sơ đồ quan hệ giữa các văn bản")
        graph = gr.HTML(
            self.graph(),
            elem_id="lineage",
            elem_classes=["pb-graph"],
            css_template=GRAPH_CSS,
            js_on_load=_PICK_JS.replace("SCROLL", _SCROLL),
        )
        quiet: dict[str, Any] = {"show_progress": "hidden", "api_visibility": "private"}
        box.input(self.table, [box], [table], trigger_mode="always_last", **quiet)
        box.submit(self.table, [box], [table], **quiet)
        for source in (table, detail, graph):
            source.click(self.picked, None, [detail], **quiet)
        # The table after the graph, with what is in the box by then: a person may be typing.
        ui.load(self.reload, None, [graph], api_visibility="private").then(
            self.table, [box], [table], api_visibility="private"
        )
