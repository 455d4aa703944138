"""The registry table of the instruments tab: which instruments a typed text names, and
those rows as an HTML table whose rows carry their keys for a click.

Pure functions over the registry, tested without a browser; every string taken from a
document is escaped here. `hint` and `day` are shared with the detail panel and the tab.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape
from typing import Any

from policybot.instruments.instrument_views import list_instruments
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Entry

COLUMNS = (
    "Loại",
    "Số, ký hiệu",
    "Ngày",
    "Cơ quan ban hành",
    "Cấp",
    "Tỉnh/thành",
    "Trích yếu",
    "Hiệu lực",
    "Số đoạn",
)
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
        day(row["date"]) or str(row["year"] or ""),
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
        return hint("Chưa có văn bản chính sách nào trong kho: chạy `policybot ingest`.")
    if not rows:
        return hint(f"Không có văn bản nào khớp với “{' '.join(query.split())}”.")
    count = f"{len(rows)} / {total} văn bản" if len(rows) < total else f"{total} văn bản"
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS)
    body = []
    for r in rows:
        cells = (
            r["type"],
            r["number"] or "—",
            day(r["date"]) or str(r["year"] or ""),
            r["issuer"] or "",
            r["level"] or "",
            r["province"] or "",
            r["subject"] or r["name"] or "",
            r["status"],
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


def day(iso: str | None) -> str:
    """An ISO date as people write it (2022-07-17 -> 17/7/2022); anything else as is."""
    parts = (iso or "")[:10].split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{int(parts[2])}/{int(parts[1])}/{parts[0]}"
    return iso or ""


def hint(text: str) -> str:
    """A line of guidance where a table or a panel would be."""
    return f"<p class='pb-hint'>{escape(text)}</p>"
