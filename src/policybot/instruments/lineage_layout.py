"""Where the lineage graph's boxes and arrows go: node text and size, layers by lineage
depth, order within a layer by neighbours' mean position, and the curves between layers.

Laid out here rather than by graphviz: the graphs are small, and the server then needs no
system binary. Implemented instruments sit above what carries them out, so a resolution of
the Politburo is at the top and a district's plan at the bottom. Pure geometry: the
drawing is in lineage_svg.py.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Entry, Relation

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
LINE_H = 15
_PAD_X = 10
PAD_Y = 8
_GAP_X = 28
_GAP_Y = 74
_WRAP = 34
_MAX_LINES = 4


@dataclass
class Node:
    """A box of the picture, or a waypoint that keeps a long edge clear of other boxes."""

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


def head_lines(entry: Entry) -> int:
    """How many of the node's first lines are its head, drawn bold."""
    return (
        1
        if entry.number or entry.implied
        else min(2, len(_wrap(f"{entry.type} {entry.name or ''}", 30)))
    )


def _day(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)}/{int(m)}/{y}"


def components(keys: list[str], edges: list[Relation]) -> list[list[str]]:
    """Connected groups of instruments, largest first: each is laid out on its own."""
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


def depths(keys: list[str], edges: list[Relation]) -> dict[str, int]:
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
    nodes: dict[str, Node], edges: list[Relation]
) -> tuple[list[tuple[str, str]], dict[int, list[str]]]:
    """Edges split into layer-to-layer links through waypoints; each edge's chain of keys."""
    links: list[tuple[str, str]] = []
    chains: dict[int, list[str]] = {}
    for i, e in enumerate(edges):
        chain = [e.source]
        for r in range(nodes[e.source].rank - 1, nodes[e.target].rank, -1):
            key = f"\x00{e.source}\x00{e.target}\x00{e.kind}:{r}"  # unique across groups
            nodes[key] = Node(None, [], 14, 0, r)
            chain.append(key)
        chain.append(e.target)
        chains[i] = chain
        links.extend(itertools.pairwise(chain))
    return links, chains


def _layout(nodes: dict[str, Node], links: list[tuple[str, str]]) -> tuple[float, float]:
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


def edge_ports(chains: list[list[str]], nodes: dict[str, Node]) -> dict[tuple[int, str], float]:
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


def edge_points(
    chain: list[str], nodes: dict[str, Node], x_out: float, x_in: float
) -> list[tuple[float, float]]:
    src, dst = nodes[chain[0]], nodes[chain[-1]]
    pts = [(x_out, src.y)]
    for k in chain[1:-1]:
        n = nodes[k]
        pts.append((n.x + n.w / 2, n.y))
    pts.append((x_in, dst.y + dst.h))
    return pts


def curve(pts: list[tuple[float, float]]) -> str:
    """Smooth vertical curve through the points (source top, waypoints, target bottom)."""
    d = [f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"]
    for (x1, y1), (x2, y2) in itertools.pairwise(pts):
        dy = (y1 - y2) / 2
        d.append(f"C{x1:.1f},{y1 - dy:.1f} {x2:.1f},{y2 + dy:.1f} {x2:.1f},{y2:.1f}")
    return " ".join(d)


def label_at(pts: list[tuple[float, float]]) -> tuple[float, float]:
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


def place_components(
    registry: Registry,
    comps: list[list[str]],
    edges: list[Relation],
    depth: dict[str, int],
    max_width: float,
) -> tuple[dict[str, Node], list[tuple[Relation, list[str]]], float, float]:
    """Size each component's nodes, lay it out, and pack the components left to right in
    rows no wider than `max_width`, below the legend. Returns the nodes, each drawn edge
    with its chain of keys, and the picture's width and height."""
    nodes: dict[str, Node] = {}
    drawn: list[tuple[Relation, list[str]]] = []
    left, top, row_h, width = 20.0, 80.0, 0.0, 0.0
    for comp in comps:
        sub: dict[str, Node] = {}
        for k in comp:
            entry = registry.entries[k]
            lines = node_lines(entry)
            bold = head_lines(entry)
            nw = max(
                len(line) * (_CHAR_W_BOLD if i < bold else _CHAR_W) for i, line in enumerate(lines)
            )
            nh = len(lines) * LINE_H + 2 * PAD_Y
            sub[k] = Node(entry, lines, max(nw + 2 * _PAD_X, 96), nh, depth[k])
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
    return nodes, drawn, max(width + 20, 560), top + row_h + 30
