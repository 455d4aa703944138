"""The instruments tab of the UI: the registry as a table that narrows as one types, the
lineage graph as a picture, and, for the instrument a person clicks (a row or a node), its
relations and every passage that names it.

The HTML is made by pure functions over the registry, so it is tested without a browser;
every string taken from a document is escaped here. Clicks reach Python through Gradio's
HTML component: its `js_on_load` sends the clicked element's `data-key` as a "click" event.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from html import escape
from typing import Any
from urllib.parse import quote

import gradio as gr

from policybot.docview import document_link
from policybot.errors import PolicybotError
from policybot.lineage import BASED_ON, IMPLEMENTS, TARGETS
from policybot.lineage_view import instrument_detail, lineage_svg, list_instruments
from policybot.pipeline import Pipeline
from policybot.registry import Registry
from policybot.registry_records import Entry, MentionRec
from policybot.types import Chunk

COLUMNS = (
    "Loại",
    "Số, ký hiệu",
    "Ngày",
    "Cơ quan ban hành",
    "Cấp",
    "Tỉnh/thành",
    "Trích yếu",
    "Số đoạn",
)
PICK_HINT = "Chọn một văn bản trong bảng hoặc trên sơ đồ để xem quan hệ và các đoạn nhắc đến."
_OUT = {
    IMPLEMENTS: "Văn bản này thực hiện",
    BASED_ON: "Căn cứ vào",
    TARGETS: "Hướng tới mục tiêu của",
}
_IN = {IMPLEMENTS: "Được thực hiện bởi", BASED_ON: "Là căn cứ của", TARGETS: "Là mục tiêu của"}
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
TABLE_CSS = """
.pb-reg-count{margin:0 0 6px;opacity:.85}
.pb-reg-wrap{max-height:460px;overflow:auto}
table.pb-reg{width:100%;border-collapse:collapse;font-size:.9em}
table.pb-reg th{position:sticky;top:0;background:var(--background-fill-secondary);text-align:left}
table.pb-reg td,table.pb-reg th{border-bottom:1px solid var(--border-color-primary);padding:5px;
  vertical-align:top}
table.pb-reg tr[data-key]{cursor:pointer}
table.pb-reg tr[data-key]:hover,table.pb-reg tr.pb-picked{
  background:var(--background-fill-secondary)}
table.pb-reg td.pb-num{white-space:nowrap;font-weight:600}
"""
GRAPH_CSS = """
svg{max-width:100%;height:auto}
a.node{cursor:pointer;text-decoration:none}
a.node:hover rect,a.pb-picked rect{stroke-width:3}
"""
DETAIL_CSS = """
.pb-detail h3{margin:0 0 6px}
.pb-detail dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:0 0 8px}
.pb-detail dt{opacity:.75}
.pb-detail dd{margin:0}
.pb-detail h4{margin:12px 0 4px}
.pb-detail ul{margin:0;padding-left:18px}
.pb-detail li{margin:0 0 6px}
.pb-detail q,.pb-detail .pb-via{font-size:.9em;opacity:.85}
.pb-detail .pb-passage{border:1px solid var(--border-color-primary);border-radius:8px;
  padding:8px 10px;margin:0 0 8px}
.pb-detail blockquote{margin:6px 0;padding:6px 10px;border-left:3px solid #f0b429;
  background:var(--background-fill-secondary);white-space:pre-wrap;font-size:.92em}
.pb-detail mark{background:#ffe066;color:#111;padding:0 .1em}
"""


# --- filtering ------------------------------------------------------------------------------
def plain(text: str) -> str:
    """Lower case without tone marks ("Nghị quyết" -> "nghi quyet"): officials often type
    without them, and "đ" is a letter of its own that NFD does not split."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _compact(text: str) -> str:
    return "".join(c for c in plain(text) if c.isalnum())


def passage_count(entry: Entry) -> int:
    """Distinct passages (chunks) naming the entry: one passage may name it twice."""
    return len({(m.doc_id, m.chunk_id) for m in entry.mentions})


def _haystack(row: dict[str, Any], entry: Entry) -> str:
    parts = [
        row["key"],
        row["label"],
        row["type"],
        row["number"],
        row["issuer"],
        row["level"],
        row["province"],
        row["subject"],
        row["name"],
        _day(row["date"]),
        *entry.aliases,
    ]
    return plain(" ".join(p for p in parts if p))


def filter_instruments(registry: Registry, query: str | None) -> list[dict[str, Any]]:
    """Rows of the registry that a free text names: every word of it (tone marks optional)
    in the row, or the number in any spelling ("52", "52-NQ/TW", "NQ 52/NQ-TW", "Nghị
    quyết 52"), which the registry itself resolves. Same order as the API's listing."""
    rows = list_instruments(registry)
    text = " ".join((query or "").split())
    for row in rows:
        row["passages"] = passage_count(registry.entries[row["key"]])
    if not text:
        return rows
    named = {e.key for e in registry.find(text)} | {
        r["key"] for r in rows if _names_number(text, r["number"])
    }
    words = plain(text).split()
    compact = _compact(text)
    out = []
    for row in rows:
        entry = registry.entries[row["key"]]
        hay = _haystack(row, entry)
        number = _compact(" ".join(n for n in (row["number"], *entry.aliases) if n))
        if (
            row["key"] in named
            or all(w in hay for w in words)
            or (len(compact) >= 3 and compact in number)
        ):
            out.append(row)
    # The instrument the text names by number first, then those that merely mention it.
    out.sort(key=lambda r: r["key"] not in named)
    return out


def _names_number(text: str, number: str | None) -> bool:
    """A word of the text is the number or its start, at least its leading digits ("52",
    "52-NQ" while typing, "52-nq/tw"): the registry's own lookup wants whole references
    with tone marks ("Nghị quyết 52"), and people type without them."""
    if not number:
        return False
    whole = _compact(number)
    lead = re.match(r"[0-9]+", whole)
    digits = lead.group() if lead else whole
    return any(
        w.startswith(digits) and whole.startswith(w) for w in (_compact(t) for t in text.split())
    )


# --- the table ------------------------------------------------------------------------------
def table_html(rows: list[dict[str, Any]], total: int, query: str = "") -> str:
    """The rows as an HTML table; each row carries its key so a click can show it."""
    if total == 0:
        return _hint("Chưa có văn bản chính sách nào trong kho: chạy `policybot ingest`.")
    if not rows:
        return _hint(f"Không có văn bản nào khớp với “{' '.join(query.split())}”.")
    count = f"{len(rows)} / {total} văn bản" if len(rows) < total else f"{total} văn bản"
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS)
    body = []
    for r in rows:
        cells = (
            r["type"],
            r["number"] or "—",
            _day(r["date"]),
            r["issuer"] or "",
            r["level"] or "",
            r["province"] or "",
            r["subject"] or r["name"] or "",
            str(r["passages"]),
        )
        tds = "".join(
            f"<td class='pb-num'>{escape(c)}</td>" if i == 1 else f"<td>{escape(c)}</td>"
            for i, c in enumerate(cells)
        )
        body.append(f"<tr data-key='{escape(r['key'])}' tabindex='0'>{tds}</tr>")
    return (
        f"<p class='pb-reg-count'>{escape(count)}</p><div class='pb-reg-wrap'>"
        f"<table class='pb-reg'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


# --- one instrument -------------------------------------------------------------------------
def detail_html(
    registry: Registry, key: str, chunks: Mapping[str, Chunk], titles: Mapping[str, str]
) -> str:
    """One instrument: what it is, what it carries out / rests on / aims at and what does so
    with it (each with the sentence it was read from), and every passage that names it,
    with the document's name and the naming marked."""
    detail = instrument_detail(registry, key) if key else None
    if detail is None:
        return _hint(f"Không có văn bản “{key}” trong kho." if key else PICK_HINT)
    entry = registry.entries[detail["instrument"]["key"]]
    parts = [f"<div class='pb-detail' data-instrument='{escape(entry.key)}'>"]
    parts.append(f"<h3>{escape(entry.label())}</h3>{_facts(entry)}")
    parts.append("<h4>Quan hệ với các văn bản khác</h4>")
    groups = [(_OUT[k], [r for r in detail["outgoing"] if r["kind"] == k]) for k in _OUT]
    groups += [(_IN[k], [r for r in detail["incoming"] if r["kind"] == k]) for k in _IN]
    shown = [(title, rels) for title, rels in groups if rels]
    for title, rels in shown:
        items = "".join(_relation_item(r, titles) for r in rels)
        parts.append(f"<div class='pb-rel'><b>{escape(title)}:</b><ul>{items}</ul></div>")
    indirect = _indirect_implementers(registry, entry.key)
    if indirect:
        items = "".join(
            f"<li>{_link(registry.entries[k])} <span class='pb-via'>(qua "
            f"{escape(', '.join(registry.entries[v].title() for v in via))})</span></li>"
            for k, via in indirect
        )
        parts.append(
            f"<div class='pb-rel'><b>Gián tiếp thực hiện văn bản này:</b><ul>{items}</ul></div>"
        )
    if not shown:
        parts.append(_hint("Chưa đọc được quan hệ nào với văn bản khác."))
    passages = passages_of(entry)
    parts.append(f"<h4>Các đoạn nhắc đến ({len(passages)})</h4>")
    for (doc_id, chunk_id), mentions in passages.items():
        parts.append(_passage(doc_id, chunk_id, mentions, chunks, titles))
    parts.append("</div>")
    return "".join(parts)


def passages_of(entry: Entry) -> dict[tuple[str, str], list[MentionRec]]:
    """The entry's mentions grouped by passage, in the order the registry found them."""
    out: dict[tuple[str, str], list[MentionRec]] = {}
    for m in entry.mentions:
        out.setdefault((m.doc_id, m.chunk_id), []).append(m)
    return out


def marked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` escaped, with each [start, end) span (overlaps merged) wrapped in <mark>."""
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        s, e = max(0, s), min(e, len(text))
        if s >= e:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        out.append(f"{escape(text[pos:s])}<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:]))
    return "".join(out)


def _passage(
    doc_id: str,
    chunk_id: str,
    mentions: list[MentionRec],
    chunks: Mapping[str, Chunk],
    titles: Mapping[str, str],
) -> str:
    chunk = chunks.get(chunk_id)
    if chunk is not None:
        spans = [(m.start, m.end) for m in mentions if chunk.text[m.start : m.end] == m.text]
        body = marked(chunk.text, spans)
    else:  # the index changed under the registry: the sentence is all we still know
        body = escape(mentions[0].sentence)
    link = document_link(doc_id, chunk_id if chunk is not None else None, mentions[0].text)
    return (
        "<div class='pb-passage'>"
        f"<div class='pb-doc'><b>{escape(titles.get(doc_id, doc_id))}</b> · "
        f"<a href='{escape(link)}' target='_blank' rel='noopener'>mở toàn văn ↗</a></div>"
        f"<blockquote>{body}</blockquote></div>"
    )


def _relation_item(rel: dict[str, Any], titles: Mapping[str, str]) -> str:
    other = rel["other"]
    quoted = ""
    if rel["passages"]:
        p = rel["passages"][0]
        quoted = (
            f"<br><q>{escape(p['sentence'])}</q> "
            f"<span class='pb-via'>({escape(titles.get(p['doc_id'], p['doc_id']))})</span>"
        )
    return (
        f"<li><a href='#instrument={quote(other['key'], safe='')}' "
        f"data-key='{escape(other['key'])}'>{escape(other['label'])}</a>{quoted}</li>"
    )


def _link(entry: Entry) -> str:
    return (
        f"<a href='#instrument={quote(entry.key, safe='')}' data-key='{escape(entry.key)}'>"
        f"{escape(entry.label())}</a>"
    )


def _indirect_implementers(registry: Registry, key: str) -> list[tuple[str, list[str]]]:
    """What carries the instrument out through others (5807/KH-UBND carries out 52-NQ/TW
    through 190-KH/TU and 50/NQ-CP), with the instruments in between."""
    direct = {r.source for r in registry.incoming(key) if r.kind == IMPLEMENTS}
    via: dict[str, list[str]] = {}
    seen = {key, *direct}
    frontier = {k: [k] for k in sorted(direct)}
    while frontier:
        nxt: dict[str, list[str]] = {}
        for k, path in frontier.items():
            for r in registry.incoming(k):
                if r.kind != IMPLEMENTS or r.source not in registry.entries:
                    continue
                if r.source in via and path[0] not in via[r.source]:
                    via[r.source].append(path[0])
                if r.source in seen:
                    continue
                seen.add(r.source)
                via[r.source] = [path[0]]
                nxt[r.source] = path
        frontier = nxt
    return sorted((k, sorted(v)) for k, v in via.items())


def _facts(entry: Entry) -> str:
    rows = [
        ("Loại", entry.type),
        ("Số, ký hiệu", entry.number),
        ("Ngày ban hành", _day(entry.date)),
        ("Cơ quan ban hành", entry.issuer),
        ("Cấp", entry.level),
        ("Tỉnh/thành", entry.province),
        ("Trích yếu", entry.subject or entry.name),
        ("Còn được ghi là", ", ".join(entry.aliases)),
    ]
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows if v)
    return f"<dl>{items}</dl>"


def _day(iso: str | None) -> str:
    parts = (iso or "")[:10].split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[2])}/{int(parts[1])}/{parts[0]}"
    return iso or ""


def _hint(text: str) -> str:
    return f"<p class='pb-hint'>{escape(text)}</p>"


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
        if registry is None or not registry.relations:
            return _hint("Chưa đọc được quan hệ nào giữa các văn bản.")
        return lineage_svg(registry)

    def detail(self, key: str | None) -> str:
        registry = self._registry()
        if registry is None:
            return _hint("Chưa có văn bản nào được lập chỉ mục: chạy `policybot ingest`.")
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
                    _hint(PICK_HINT),
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
        box.input(self.table, [box], [table], trigger_mode="always_last", show_progress="hidden")
        box.submit(self.table, [box], [table], show_progress="hidden")
        for source in (table, detail, graph):
            source.click(self.picked, None, [detail], show_progress="hidden")
        # The table after the graph, with what is in the box by then: a person may be typing.
        ui.load(self.reload, None, [graph]).then(self.table, [box], [table])
