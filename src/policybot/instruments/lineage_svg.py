"""The lineage graph drawn as a standalone SVG picture, for the API, the UI and the CLI.

Colours say the level (trung ương, tỉnh, huyện) and the kind of relation; each node links
to `#instrument=<key>` so a page can show its passages. Where things go is decided in
lineage_layout.py; this module only writes them out, escaping every document string.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from urllib.parse import quote

from policybot.instruments.instrument_views import VERB_SHORT
from policybot.instruments.lineage import BASED_ON, IMPLEMENTS, TARGETS
from policybot.instruments.lineage_layout import (
    LINE_H,
    PAD_Y,
    Node,
    components,
    curve,
    depths,
    edge_points,
    edge_ports,
    head_lines,
    label_at,
    place_components,
)
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Relation
from policybot.instruments.validity_status import ABOLISHES, AMENDS, REPLACES

_EDGE_STYLE = {
    IMPLEMENTS: ("#2b6cb0", ""),
    BASED_ON: ("#2f855a", "6 4"),
    TARGETS: ("#b7791f", "2 4"),
    # validity: what ends or amends another instrument, drawn thicker
    REPLACES: ("#c53030", ""),
    ABOLISHES: ("#9b2c2c", "9 3 2 3"),
    AMENDS: ("#6b46c1", "5 2"),
}
_VALIDITY = (REPLACES, ABOLISHES, AMENDS)
_FILL = {"trung ương": "#fde8e8", "tỉnh": "#e6f0ff", "huyện": "#e8f7e8", "xã": "#fff6db"}
_STROKE = {"trung ương": "#c53030", "tỉnh": "#2b6cb0", "huyện": "#2f855a", "xã": "#b7791f"}


def lineage_svg(
    registry: Registry,
    focus: str | None = None,
    include_isolated: bool = False,
    max_width: float = 1400,
) -> str:
    """The lineage graph as a standalone SVG document. `focus` (a key or number) keeps only
    the connected group of that instrument and outlines it; `include_isolated` adds the
    instruments with no relation. Groups wrap into rows no wider than `max_width`. Edges are
    the lineage relations and the validity ones (replaces, abolishes, amends), the latter
    also to instruments the corpus only names."""
    edges = [
        r
        for r in (*registry.relations, *registry.validity)
        if r.source in registry.entries and r.target in registry.entries
    ]
    keys = sorted({k for r in edges for k in (r.source, r.target)})
    if include_isolated:
        keys = sorted(set(keys) | set(registry.entries))
    focus_key = None
    if focus:
        found = registry.find(focus)
        focus_key = found[0].key if found else None
    comps = components(keys, edges)
    if focus_key is not None:
        comps = [c for c in comps if focus_key in c]
    depth = depths(keys, edges)
    nodes, drawn, width, height = place_components(registry, comps, edges, depth, max_width)
    return _svg(nodes, drawn, width, height, focus_key)


def _svg(
    nodes: dict[str, Node],
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
    ports = edge_ports([chain for _, chain in edges], nodes)
    for i, (e, chain) in enumerate(edges):
        src, dst = nodes[e.source], nodes[e.target]
        assert src.entry is not None and dst.entry is not None
        colour, dash = _EDGE_STYLE.get(e.kind, ("#555", ""))
        pts = edge_points(chain, nodes, ports[(i, "out")], ports[(i, "in")])
        d = curve(pts)
        mx, my = label_at(pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        verb = VERB_SHORT.get(e.kind, e.kind)
        stroke = "2" if e.kind in _VALIDITY else "1.6"
        out.append(
            f'<g class="edge" data-kind="{esc(e.kind)}" data-source="{esc(e.source)}" '
            f'data-target="{esc(e.target)}">'
            f"<title>{esc(src.entry.title())} — {esc(e.cue)} → {esc(dst.entry.title())}</title>"
            f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{stroke}"{dash_attr} '
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
        heads = head_lines(n.entry)
        for i, line in enumerate(n.lines):
            y = n.y + PAD_Y + (i + 1) * LINE_H - 3
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
    rows = {False: x, True: 20.0}  # lineage kinds after the levels, validity kinds below
    for kind, (colour, dash) in _EDGE_STYLE.items():
        validity = kind in _VALIDITY
        x, y = rows[validity], 40 if validity else 20
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        width = "2" if validity else "1.6"
        out.append(
            f'<line x1="{x:.0f}" y1="{y}" x2="{x + 26:.0f}" y2="{y}" stroke="{colour}" '
            f'stroke-width="{width}"{dash_attr} marker-end="url(#arrow-{kind})"/>'
            f'<text x="{x + 32:.0f}" y="{y + 4}">{VERB_SHORT[kind]}</text>'
        )
        rows[validity] = x + 44 + len(VERB_SHORT[kind]) * 7
    out.append(
        '<text x="20" y="58" fill="#555555">Mũi tên: văn bản → văn bản mà nó thực hiện, '
        "căn cứ, hướng tới mục tiêu, thay thế, bãi bỏ hoặc sửa đổi. Viền đứt: văn bản không "
        "nêu số hoặc đang xây dựng.</text>"
    )
    out.append("</g>")
    return out
