"""A whole indexed document as one HTML page, opened at the passage a citation rests on.

The page is rebuilt from the index's passages (verbatim, with their offsets), not from the
file, so API replicas that share only the index folder can show it. Every piece of text is
HTML-escaped: documents come from outside and are never trusted as markup.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from policybot.search.retrieve import Retriever
from policybot.types import Chunk, Instrument

_CSS = """
body{font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
background:#f6f7f9;color:#1f2933}
main{max-width:860px;margin:0 auto;padding:24px 20px 80px;background:#fff;min-height:100vh}
h1{font-size:1.4rem;line-height:1.3;margin:.2em 0 .4em}
.meta{color:#52606d;font-size:.92rem}.meta li{margin:.1em 0}
.back{font-size:.9rem}
section{white-space:pre-wrap;padding:.25em .5em;margin:0 -.5em;border-left:3px solid transparent}
section.hit{background:#fffbea;border-left-color:#f0b429;scroll-margin-top:20px}
mark{background:#ffe066;padding:0 .1em}
.heading{color:#7b8794;font-size:.8rem;display:block}
"""


def highlight(passage: str, sentence: str) -> str:
    """`passage` as escaped HTML with `sentence` (when found in it) wrapped in <mark>."""
    span = find_span(passage, sentence)
    if span is None:
        return escape(passage)
    s, e = span
    return f"{escape(passage[:s])}<mark>{escape(passage[s:e])}</mark>{escape(passage[e:])}"


def find_span(text: str, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` sits in `text`, tolerant of differences in whitespace."""
    sentence = sentence.strip()
    if not sentence:
        return None
    at = text.find(sentence)
    if at >= 0:
        return at, at + len(sentence)
    pattern = r"\s+".join(re.escape(w) for w in sentence.split())
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def chunks_of(retriever: Retriever, doc_id: str) -> list[Chunk]:
    rec = retriever.tables.documents.get(doc_id)
    if rec is None:
        return []
    chunks = [retriever.chunks[c] for c in rec["chunk_ids"] if c in retriever.chunks]
    return sorted(chunks, key=lambda c: (c.start, c.ordinal))


def chunk_for(retriever: Retriever, doc_id: str, text: str) -> str | None:
    """The id of the passage of `doc_id` that holds `text` (a citation's passage or sentence)."""
    for chunk in chunks_of(retriever, doc_id):
        if chunk.text == text or find_span(chunk.text, text):
            return chunk.id
    return None


def document_link(doc_id: str, chunk_id: str | None = None, mark: str = "") -> str:
    """The URL of the document page, opened at `chunk_id` with `mark` highlighted."""
    url = f"/documents/{quote(doc_id, safe='')}"
    query = []
    if chunk_id:
        query.append(f"chunk={quote(chunk_id, safe='')}")
    if mark:
        query.append(f"mark={quote(mark[:400], safe='')}")
    if query:
        url += "?" + "&".join(query)
    return url + (f"#c-{chunk_id}" if chunk_id else "")


def document_html(retriever: Retriever, doc_id: str, chunk_id: str = "", mark: str = "") -> str:
    """The page; raises KeyError for an unknown document."""
    rec = retriever.tables.documents[doc_id]
    title = rec.get("title") or doc_id
    meta = rec.get("metadata") or {}
    facts = [("Nguồn", rec.get("source", ""))]
    facts += [(label, meta[key]) for key, label in _META_LABELS if meta.get(key)]
    items = "".join(
        f"<li>{escape(label)}: {escape(str(value))}</li>" for label, value in facts if value
    )
    labels = [Instrument.from_dict(i).label() for i in rec.get("instruments", [])]
    instruments = "".join(f"<li>{escape(label)}</li>" for label in labels[:30])
    body = "".join(_sections(chunks_of(retriever, doc_id), chunk_id, mark))
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body><main>"
        '<a class="back" href="/">← Hỏi đáp chính sách</a>'
        f"<h1>{escape(title)}</h1><ul class='meta'>{items}</ul>"
        + (
            f"<details class='meta'><summary>Văn bản được nhắc đến ({len(labels)})</summary>"
            f"<ul>{instruments}</ul></details>"
            if labels
            else ""
        )
        + f"<article>{body}</article></main></body></html>"
    )


_META_LABELS = (
    ("date", "Ngày"),
    ("province", "Tỉnh/thành"),
    ("issuer", "Cơ quan ban hành"),
    ("status", "Tình trạng hiệu lực"),
    ("expired", "Ngày hết hiệu lực"),
    ("publisher", "Nơi đăng"),
    ("url", "Địa chỉ gốc"),
)


def _sections(chunks: list[Chunk], chunk_id: str, mark: str) -> list[str]:
    """Passages in document order; overlapping starts are trimmed so nothing shows twice."""
    out: list[str] = []
    covered = 0
    last_heading = ""
    for chunk in chunks:
        text = chunk.text
        if chunk.start < covered:
            text = text[covered - chunk.start :]
            if not text.strip():
                continue
        covered = max(covered, chunk.start + len(chunk.text))
        hit = chunk.id == chunk_id
        inner = highlight(text, mark) if hit and mark else escape(text)
        heading = ""
        if chunk.heading and chunk.heading != last_heading:
            heading = f"<span class='heading'>{escape(chunk.heading)}</span>"
        last_heading = chunk.heading
        cls = " class='hit'" if hit else ""
        out.append(f"<section id='c-{escape(chunk.id)}'{cls}>{heading}{inner}</section>")
    return out
