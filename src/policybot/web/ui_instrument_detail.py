"""The detail panel of the instruments tab: one instrument, what it carries out, rests on
or aims at and what does so with it (each with the sentence it was read from), and every
passage that names it with the naming marked.

Pure functions over the registry and the index's passages, tested without a browser; every
string taken from a document is escaped here.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any
from urllib.parse import quote

from policybot.instruments.instrument_views import instrument_detail
from policybot.instruments.lineage import BASED_ON, IMPLEMENTS, TARGETS
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Entry, MentionRec
from policybot.instruments.validity_status import ABOLISHES, AMENDS, REPLACES, status_text
from policybot.types import Chunk
from policybot.web.docview import document_link
from policybot.web.ui_instrument_table import day, hint

PICK_HINT = "Chọn một văn bản trong bảng hoặc trên sơ đồ để xem quan hệ và các đoạn nhắc đến."
_OUT = {
    IMPLEMENTS: "Văn bản này thực hiện",
    BASED_ON: "Căn cứ vào",
    TARGETS: "Hướng tới mục tiêu của",
    REPLACES: "Văn bản này thay thế",
    ABOLISHES: "Văn bản này bãi bỏ",
    AMENDS: "Văn bản này sửa đổi, bổ sung",
}
_IN = {
    IMPLEMENTS: "Được thực hiện bởi",
    BASED_ON: "Là căn cứ của",
    TARGETS: "Là mục tiêu của",
    REPLACES: "Bị thay thế bởi",
    ABOLISHES: "Bị bãi bỏ bởi",
    AMENDS: "Được sửa đổi, bổ sung bởi",
}
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


# --- one instrument -------------------------------------------------------------------------
def detail_html(
    registry: Registry, key: str, chunks: Mapping[str, Chunk], titles: Mapping[str, str]
) -> str:
    """One instrument: what it is, what it carries out / rests on / aims at and what does so
    with it (each with the sentence it was read from), and every passage that names it,
    with the document's name and the naming marked."""
    detail = instrument_detail(registry, key) if key else None
    if detail is None:
        return hint(f"Không có văn bản “{key}” trong kho." if key else PICK_HINT)
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
        parts.append(hint("Chưa đọc được quan hệ nào với văn bản khác."))
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
        ("Ngày ban hành", day(entry.date)),
        ("Năm ban hành", "" if entry.date or not entry.year else str(entry.year)),
        ("Cơ quan ban hành", entry.issuer),
        ("Cấp", entry.level),
        ("Tỉnh/thành", entry.province),
        ("Trích yếu", entry.subject or entry.name),
        ("Hiệu lực", status_text(entry)),
        ("Còn được ghi là", ", ".join(entry.aliases)),
    ]
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows if v)
    return f"<dl>{items}</dl>"
