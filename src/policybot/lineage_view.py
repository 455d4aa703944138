"""Pure views of the registry for the API, the UI and the CLI: a searchable listing, one
instrument with its relations and passages, and the lineage graph as an SVG picture.

The graph is laid out here (layers by lineage depth, order by neighbours' mean position)
rather than by graphviz: the graphs are small, and the server then needs no system binary.
Implemented instruments sit above what carries them out, so a resolution of the Politburo
is at the top and a district's plan at the bottom; colours say the level (trung ương,
tỉnh, huyện). Each node links to `#instrument=<key>` so a page can show its passages.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from policybot.lineage import BASED_ON, IMPLEMENTS, TARGETS
from policybot.places import modern_tones
from policybot.registry import Registry
from policybot.registry_records import Entry, Relation

_VERB_SHORT = {IMPLEMENTS: "thực hiện", BASED_ON: "căn cứ", TARGETS: "mục tiêu"}
_EDGE_STYLE = {
    IMPLEMENTS: ("#2b6cb0", ""),
    BASED_ON: ("#2f855a", "6 4"),
    TARGETS: ("#b7791f", "2 4"),
}
_FILL = {"trung ương": "#fde8e8", "tỉnh": "#e6f0ff", "huyện": "#e8f7e8", "xã": "#fff6db"}
_STROKE = {"trung ương": "#c53030", "tỉnh": "#2b6cb0", "huyện": "#2f855a", "xã": "#b7791f"}
_ABBR = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Kế hoạch": "KH",
    "Nghị định": "NĐ",
    "Chỉ thị": "CT",
    "Thông tư": "TT",
    "Chương trình": "CTr",
    "Đề án": "ĐA",
}
_CHAR_W = 6.7  # px per character at 11 px sans-serif, Vietnamese text (with tone marks)
_CHAR_W_BOLD = 8.1  # at 12.5 px bold
_LINE_H = 15
_PAD_X = 10
_PAD_Y = 8
_GAP_X = 28
_GAP_Y = 74
_WRAP = 34
_MAX_LINES = 4


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", modern_tones(text)).casefold().split())


# --- listing and detail ---------------------------------------------------------------------
def instrument_row(entry: Entry, registry: Registry | None = None) -> dict[str, Any]:
    """One instrument as the API lists it."""
    row: dict[str, Any] = {
        "key": entry.key,
        "type": entry.type,
        "number": entry.number,
        "date": entry.date,
        "issuer": entry.issuer,
        "level": entry.level,
        "province": entry.province,
        "subject": entry.subject,
        "name": entry.name,
        "label": entry.label(),
        "implied": entry.implied,
        "planned": entry.planned,
        "mentions": len(entry.mentions),
        "documents": sorted({m.doc_id for m in entry.mentions}),
    }
    if registry is not None:
        row["relations"] = len(registry.outgoing(entry.key)) + len(registry.incoming(entry.key))
    return row


def list_instruments(
    registry: Registry,
    query: str | None = None,
    type: str | None = None,
    province: str | None = None,
    year: int | str | None = None,
    level: str | None = None,
) -> list[dict[str, Any]]:
    """The registry as a table, narrowed by free text (number, title, issuer, subject),
    type, province, year of issue and level. Dated instruments first, newest first."""
    words = _fold(query or "").split()
    year_s = str(year).strip() if year not in (None, "") else None
    out = []
    for e in registry.entries.values():
        if type and _fold(e.type) != _fold(type):
            continue
        if province and _fold(province) not in _fold(e.province or ""):
            continue
        if level and _fold(level) != _fold(e.level or ""):
            continue
        if year_s and not (e.date or "").startswith(year_s):
            continue
        if words:
            hay = _fold(
                " ".join(
                    p or "" for p in (e.key, e.label(), e.subject, e.name, e.province, *e.aliases)
                )
            )
            if not all(w in hay for w in words):
                continue
        out.append(e)
    out.sort(key=lambda e: (e.date is None, "" if e.date is None else _neg(e.date), e.key))
    return [instrument_row(e, registry) for e in out]


def _neg(date: str) -> str:
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)


def resolve(registry: Registry, ident: str) -> list[Entry]:
    """Instruments an identifier names: a key, a number in any spelling, a bare number,
    "Nghị quyết 52", or a title."""
    return registry.find(ident)


def _relation_json(rel: Relation, other: Entry, registry: Registry) -> dict[str, Any]:
    return {
        "kind": rel.kind,
        "cue": rel.cue,
        "verb": _VERB_SHORT.get(rel.kind, rel.kind),
        "source": rel.source,
        "target": rel.target,
        "other": instrument_row(other, registry),
        "passages": [p.to_dict() for p in rel.passages],
        "support": [p.to_dict() for p in rel.support],
    }


def instrument_detail(registry: Registry, ident: str) -> dict[str, Any] | None:
    """One instrument with what it carries out or rests on (out), what carries it out or
    rests on it (in), and every passage that names it. None when nothing matches; other
    matches of an ambiguous identifier are listed under "others"."""
    found = resolve(registry, ident)
    if not found:
        return None
    entry = found[0]
    out = [
        _relation_json(r, registry.entries[r.target], registry)
        for r in registry.outgoing(entry.key)
        if r.target in registry.entries
    ]
    inc = [
        _relation_json(r, registry.entries[r.source], registry)
        for r in registry.incoming(entry.key)
        if r.source in registry.entries
    ]
    return {
        "instrument": instrument_row(entry, registry),
        "aliases": list(entry.aliases),
        "outgoing": out,
        "incoming": inc,
        "mentions": [m.to_dict() for m in entry.mentions],
        "others": [instrument_row(e, registry) for e in found[1:]],
    }


# --- the graph ------------------------------------------------------------------------------
@dataclass
class _Node:
    entry: Entry | None  # None for a waypoint of an edge that spans several layers
    lines: list[str]
    w: float
    h: float
    rank: int = 0
    x: float = 0.0  # left
    y: float = 0.0  # top


def _wrap(text: str, width: int = _WRAP) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    if cur:
        lines.append(cur)
    if len(lines) > _MAX_LINES:
        lines = [*lines[: _MAX_LINES - 1], lines[_MAX_LINES - 1] + " …"]
    return lines


def node_lines(entry: Entry) -> list[str]:
    """What a node shows: the number (or a short title), then issuer and date."""
    if entry.number:
        head = [f"{_ABBR.get(entry.type, entry.type)} {entry.number}"]
    elif entry.implied:
        head = [f"{entry.type} không nêu số, tên"]
    else:
        full = _wrap(f"{entry.type} {entry.name or ''}", 30)
        head = full[:2]
        if len(full) > 2:
            head[-1] += " …"
    issuer = re.sub(r"\s+khóa\s+[IVXLC]+$", "", entry.issuer or "")
    tail = ", ".join(p for p in (issuer, _day(entry.date) if entry.date else "") if p)
    return [*head, *(_wrap(tail, 40) if tail else [])]


def _heads(entry: Entry) -> int:
    return (
        1
        if entry.number or entry.implied
        else min(2, len(_wrap(f"{entry.type} {entry.name or ''}", 30)))
    )


def _day(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)}/{int(m)}/{y}"


def _components(keys: list[str], edges: list[Relation]) -> list[list[str]]:
    parent = {k: k for k in keys}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for e in edges:
        parent[find(e.source)] = find(e.target)
    groups: dict[str, list[str]] = {}
    for k in keys:
        groups.setdefault(find(k), []).append(k)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _ranks(keys: list[str], edges: list[Relation]) -> dict[str, int]:
    """Depth below what a node carries out: 0 for instruments that rest on nothing here."""
    out_of: dict[str, list[str]] = {k: [] for k in keys}
    for e in edges:
        out_of[e.source].append(e.target)
    rank: dict[str, int] = {}

    def depth(k: str, stack: frozenset[str]) -> int:
        if k in rank:
            return rank[k]
        if k in stack:
            return 0
        below = [depth(t, stack | {k}) for t in out_of[k]]
        rank[k] = 1 + max(below) if below else 0
        return rank[k]

    for k in keys:
        depth(k, frozenset())
    return rank


def _route(
    nodes: dict[str, _Node], edges: list[Relation]
) -> tuple[list[tuple[str, str]], dict[int, list[str]]]:
    """Edges split into layer-to-layer links through waypoints; each edge's chain of keys."""
    links: list[tuple[str, str]] = []
    chains: dict[int, list[str]] = {}
    for i, e in enumerate(edges):
        chain = [e.source]
        for r in range(nodes[e.source].rank - 1, nodes[e.target].rank, -1):
            key = f"\x00{i}:{r}"
            nodes[key] = _Node(None, [], 14, 0, r)
            chain.append(key)
        chain.append(e.target)
        chains[i] = chain
        links.extend(itertools.pairwise(chain))
    return links, chains


def _layout(nodes: dict[str, _Node], links: list[tuple[str, str]]) -> tuple[float, float]:
    """Place one component at (0, 0): layers top-down by rank, each layer ordered by its
    neighbours' mean position (four sweeps). Returns (width, height)."""
    layers: dict[int, list[str]] = {}
    for k, n in nodes.items():
        layers.setdefault(n.rank, []).append(k)
    level_order = {"trung ương": 0, "tỉnh": 1, "huyện": 2, "xã": 3}

    def start_key(k: str) -> tuple[int, str, str]:
        e = nodes[k].entry
        return (level_order.get(e.level or "", 4), e.date or "9", k) if e else (5, "", k)

    for keys in layers.values():
        keys.sort(key=start_key)
    neighbours: dict[str, list[str]] = {k: [] for k in nodes}
    for a, b in links:
        neighbours[a].append(b)
        neighbours[b].append(a)
    ranks = sorted(layers)
    y = 0.0
    for r in ranks:
        tallest = max(nodes[k].h for k in layers[r])
        for k in layers[r]:
            nodes[k].y = y + (tallest - nodes[k].h) / 2
        y += tallest + _GAP_Y

    def place() -> float:
        width = max(
            sum(nodes[k].w for k in layers[r]) + _GAP_X * (len(layers[r]) - 1) for r in ranks
        )
        for r in ranks:
            row = sum(nodes[k].w for k in layers[r]) + _GAP_X * (len(layers[r]) - 1)
            x = (width - row) / 2
            for k in layers[r]:
                nodes[k].x = x
                x += nodes[k].w + _GAP_X
        return width

    width = place()
    for sweep in range(4):
        order = ranks if sweep % 2 == 0 else list(reversed(ranks))
        for r in order:
            centres = {}
            for k in layers[r]:
                xs = [nodes[n].x + nodes[n].w / 2 for n in neighbours[k] if nodes[n].rank != r]
                centres[k] = sum(xs) / len(xs) if xs else nodes[k].x + nodes[k].w / 2
            layers[r].sort(key=lambda k: centres[k])
        width = place()
    return width, y - _GAP_Y


def _ports(chains: list[list[str]], nodes: dict[str, _Node]) -> dict[tuple[int, str], float]:
    """x of each edge's end on a node: edges leaving (or reaching) one node are spread
    along its side in the order of where they go, so they neither overlap nor cross."""
    ends: dict[str, list[tuple[float, int]]] = {}
    for i, chain in enumerate(chains):
        nxt, prv = nodes[chain[1]], nodes[chain[-2]]
        ends.setdefault("out:" + chain[0], []).append((nxt.x + nxt.w / 2, i))
        ends.setdefault("in:" + chain[-1], []).append((prv.x + prv.w / 2, i))
    out: dict[tuple[int, str], float] = {}
    for side_key, items in ends.items():
        side, key = side_key.split(":", 1)
        n = nodes[key]
        items.sort()
        step = min(16.0, (n.w - 20) / max(1, len(items)))
        for j, (_, i) in enumerate(items):
            out[(i, side)] = n.x + n.w / 2 + (j - (len(items) - 1) / 2) * step
    return out


def _points(
    chain: list[str], nodes: dict[str, _Node], x_out: float, x_in: float
) -> list[tuple[float, float]]:
    src, dst = nodes[chain[0]], nodes[chain[-1]]
    pts = [(x_out, src.y)]
    for k in chain[1:-1]:
        n = nodes[k]
        pts.append((n.x + n.w / 2, n.y))
    pts.append((x_in, dst.y + dst.h))
    return pts


def _path(pts: list[tuple[float, float]]) -> str:
    """Smooth vertical curve through the points (source top, waypoints, target bottom)."""
    d = [f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"]
    for (x1, y1), (x2, y2) in itertools.pairwise(pts):
        dy = (y1 - y2) / 2
        d.append(f"C{x1:.1f},{y1 - dy:.1f} {x2:.1f},{y2 + dy:.1f} {x2:.1f},{y2:.1f}")
    return " ".join(d)


def _label_at(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """Half way along the first segment: edges from one node part before their labels."""
    (x1, y1), (x2, y2) = pts[0], pts[1]
    t = 0.5
    dy = (y1 - y2) / 2
    bx = (1 - t) ** 3 * x1 + 3 * (1 - t) ** 2 * t * x1 + 3 * (1 - t) * t**2 * x2 + t**3 * x2
    by = (
        (1 - t) ** 3 * y1
        + 3 * (1 - t) ** 2 * t * (y1 - dy)
        + 3 * (1 - t) * t**2 * (y2 + dy)
        + t**3 * y2
    )
    return bx, by


def lineage_svg(
    registry: Registry,
    focus: str | None = None,
    include_isolated: bool = False,
    max_width: float = 1400,
) -> str:
    """The lineage graph as a standalone SVG document. `focus` (a key or number) keeps only
    the connected group of that instrument and outlines it; `include_isolated` adds the
    instruments with no relation. Groups wrap into rows no wider than `max_width`."""
    edges = [
        r
        for r in registry.relations
        if r.source in registry.entries and r.target in registry.entries
    ]
    keys = sorted({k for r in edges for k in (r.source, r.target)})
    if include_isolated:
        keys = sorted(set(keys) | set(registry.entries))
    focus_key = None
    if focus:
        found = registry.find(focus)
        focus_key = found[0].key if found else None
    comps = _components(keys, edges)
    if focus_key is not None:
        comps = [c for c in comps if focus_key in c]
    ranks = _ranks(keys, edges)
    nodes: dict[str, _Node] = {}
    drawn: list[tuple[Relation, list[str]]] = []
    left, top, row_h, width = 20.0, 64.0, 0.0, 0.0
    for comp in comps:
        sub: dict[str, _Node] = {}
        for k in comp:
            entry = registry.entries[k]
            lines = node_lines(entry)
            bold = _heads(entry)
            nw = max(
                len(line) * (_CHAR_W_BOLD if i < bold else _CHAR_W) for i, line in enumerate(lines)
            )
            nh = len(lines) * _LINE_H + 2 * _PAD_Y
            sub[k] = _Node(entry, lines, max(nw + 2 * _PAD_X, 96), nh, ranks[k])
        sub_edges = [e for e in edges if e.source in sub and e.target in sub]
        links, chains = _route(sub, sub_edges)
        w, h = _layout(sub, links)
        if left > 20 and left + w > max_width:
            left, top, row_h = 20.0, top + row_h + 50, 0.0
        for n in sub.values():
            n.x += left
            n.y += top
        drawn.extend((e, chains[i]) for i, e in enumerate(sub_edges))
        nodes.update(sub)
        width = max(width, left + w)
        row_h = max(row_h, h)
        left += w + 60
    width = max(width + 20, 560)
    height = top + row_h + 30
    return _svg(nodes, drawn, width, height, focus_key)


def _svg(
    nodes: dict[str, _Node],
    edges: Iterable[tuple[Relation, list[str]]],
    width: float,
    height: float,
    focus: str | None,
) -> str:
    esc = html.escape
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="DejaVu Sans, Arial, sans-serif" '
        'font-size="12" role="img" aria-label="Sơ đồ quan hệ giữa các văn bản">',
        "<defs>",
    ]
    for kind, (colour, _) in _EDGE_STYLE.items():
        out.append(
            f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="10" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            f'<path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    out.append("</defs>")
    out.append(f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>')
    out.extend(_legend())
    edges = list(edges)
    ports = _ports([chain for _, chain in edges], nodes)
    for i, (e, chain) in enumerate(edges):
        src, dst = nodes[e.source], nodes[e.target]
        assert src.entry is not None and dst.entry is not None
        colour, dash = _EDGE_STYLE.get(e.kind, ("#555", ""))
        pts = _points(chain, nodes, ports[(i, "out")], ports[(i, "in")])
        d = _path(pts)
        mx, my = _label_at(pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        verb = _VERB_SHORT.get(e.kind, e.kind)
        out.append(
            f'<g class="edge" data-source="{esc(e.source)}" data-target="{esc(e.target)}">'
            f"<title>{esc(src.entry.title())} — {esc(e.cue)} → {esc(dst.entry.title())}</title>"
            f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="1.6"{dash_attr} '
            f'marker-end="url(#arrow-{e.kind})"/>'
            f'<text x="{mx:.1f}" y="{my:.1f}" text-anchor="middle" font-size="10.5" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="3" paint-order="stroke">'
            f"{esc(verb)}</text></g>"
        )
    for key, n in nodes.items():
        if n.entry is None:
            continue
        level = n.entry.level or ""
        fill = _FILL.get(level, "#f2f2f2")
        stroke = _STROKE.get(level, "#777777")
        width_attr = "3" if key == focus else "1.3"
        dash = ' stroke-dasharray="4 3"' if n.entry.implied or n.entry.planned else ""
        out.append(
            f'<a href="#instrument={quote(key, safe="")}" class="node" data-key="{esc(key)}">'
            f"<title>{esc(n.entry.label())}</title>"
            f'<rect x="{n.x:.1f}" y="{n.y:.1f}" width="{n.w:.1f}" height="{n.h:.1f}" rx="7" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{width_attr}"{dash}/>'
        )
        heads = _heads(n.entry)
        for i, line in enumerate(n.lines):
            y = n.y + _PAD_Y + (i + 1) * _LINE_H - 3
            bold = ' font-weight="bold"' if i < heads else ' fill="#333333"'
            size = "12.5" if i < heads else "11"
            out.append(
                f'<text x="{n.x + n.w / 2:.1f}" y="{y:.1f}" text-anchor="middle" '
                f'font-size="{size}"{bold}>{esc(line)}</text>'
            )
        out.append("</a>")
    out.append("</svg>")
    return "\n".join(out)


def _legend() -> list[str]:
    items = [
        ("rect", _FILL["trung ương"], _STROKE["trung ương"], "Trung ương"),
        ("rect", _FILL["tỉnh"], _STROKE["tỉnh"], "Tỉnh"),
        ("rect", _FILL["huyện"], _STROKE["huyện"], "Huyện"),
    ]
    out = ['<g class="legend" font-size="11">']
    x = 20.0
    for _, fill, stroke, label in items:
        out.append(
            f'<rect x="{x:.0f}" y="14" width="16" height="12" rx="3" fill="{fill}" '
            f'stroke="{stroke}"/>'
            f'<text x="{x + 22:.0f}" y="24">{label}</text>'
        )
        x += 30 + len(label) * 7
    for kind, (colour, dash) in _EDGE_STYLE.items():
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x:.0f}" y1="20" x2="{x + 26:.0f}" y2="20" stroke="{colour}" '
            f'stroke-width="1.6"{dash_attr} marker-end="url(#arrow-{kind})"/>'
            f'<text x="{x + 32:.0f}" y="24">{_VERB_SHORT[kind]}</text>'
        )
        x += 44 + len(_VERB_SHORT[kind]) * 7
    out.append(
        '<text x="20" y="44" fill="#555555">Mũi tên: văn bản → văn bản mà nó thực hiện, '
        "căn cứ hoặc hướng tới mục tiêu. Viền đứt: văn bản không nêu số hoặc đang xây dựng.</text>"
    )
    out.append("</g>")
    return out
