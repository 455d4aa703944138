"""What the API, the UI and the CLI show of the registry: the table, one instrument, the
lineage picture (parsed as XML and checked for geometry), and the two CLI commands."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path
from urllib.parse import unquote

import pytest

from policybot.instruments.instrument_views import instrument_detail, list_instruments
from policybot.instruments.lineage import IMPLEMENTS, Passage
from policybot.instruments.lineage_svg import lineage_svg
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Entry, Relation
from policybot.pipeline import Pipeline

SVG = "{http://www.w3.org/2000/svg}"
BIN = Path(sys.executable).parent / "policybot"
SRC = Path(__file__).parents[2] / "src"


@pytest.fixture(scope="module")
def registry(seed_pipeline: Pipeline) -> Registry:
    return seed_pipeline.registry()


def _keys(rows: list[dict]) -> set[str]:
    return {r["key"] for r in rows}


def test_listing_filters(registry: Registry) -> None:
    assert len(list_instruments(registry)) == len(registry.entries)
    assert "52-NQ/TW" in _keys(list_instruments(registry, "52"))
    assert _keys(list_instruments(registry, year=2020)) == {
        "5807/KH-UBND",
        "190-KH/TU",
        "50/NQ-CP",
        "45/2020/NĐ-CP",
    }
    assert _keys(list_instruments(registry, province="Bình Thuận")) == {
        "10-NQ/TU",
        "Kế hoạch: về thực hiện nghị quyết số 10-nq/tu",
    }
    kh = list_instruments(registry, type="Kế hoạch")
    assert kh and all(r["type"] == "Kế hoạch" for r in kh)
    assert _keys(list_instruments(registry, "bộ chính trị")) == {"52-NQ/TW"}
    assert _keys(list_instruments(registry, "nghị quyết 10")) >= {"10-NQ/TU"}
    central = list_instruments(registry, level="trung ương")
    assert {r["key"] for r in central} >= {"52-NQ/TW", "749/QĐ-TTg", "27-QĐ/TW"}
    dated = [r["date"] for r in list_instruments(registry) if r["date"]]
    assert dated == sorted(dated, reverse=True)
    row = next(r for r in list_instruments(registry, "5807"))
    assert row["relations"] == 2 and row["documents"] == [
        "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"
    ]


def test_detail_with_relations_and_passages(registry: Registry) -> None:
    d = instrument_detail(registry, "Nghị quyết 52")
    assert d is not None and d["instrument"]["key"] == "52-NQ/TW"
    assert {r["other"]["key"] for r in d["incoming"]} >= {"50/NQ-CP", "190-KH/TU"}
    assert len(d["incoming"]) == 3 and d["outgoing"] == []
    assert all("52-NQ/TW" in r["passages"][0]["sentence"] for r in d["incoming"])
    assert len(d["mentions"]) == 2
    d = instrument_detail(registry, "5807")
    assert d is not None and d["instrument"]["number"] == "5807/KH-UBND"
    assert {r["other"]["key"] for r in d["outgoing"]} == {"50/NQ-CP", "190-KH/TU"}
    assert {r["verb"] for r in d["outgoing"]} == {"thực hiện"}
    assert instrument_detail(registry, "99-NQ/TW") is None
    assert instrument_detail(registry, "5807/kh-ubnd")["instrument"]["key"] == "5807/KH-UBND"


def _boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    out = {}
    for a in root.iter(f"{SVG}a"):
        rect = a.find(f"{SVG}rect")
        assert rect is not None
        out[a.get("data-key") or ""] = tuple(
            float(rect.get(k) or 0) for k in ("x", "y", "width", "height")
        )
    return out


def test_graph_shows_every_relation_with_clickable_nodes(registry: Registry) -> None:
    root = ET.fromstring(lineage_svg(registry))
    boxes = _boxes(root)
    rels = [*registry.relations, *registry.validity]
    related = {k for r in rels for k in (r.source, r.target)}
    assert set(boxes) == related
    for a in root.iter(f"{SVG}a"):
        assert unquote(a.get("href", "")) == f"#instrument={a.get('data-key')}"
    edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert {(g.get("data-source"), g.get("data-target")) for g in edges} == {
        (r.source, r.target) for r in rels
    }
    # no two boxes overlap, and what a node carries out sits above it
    for (_, a), (_, b) in combinations(boxes.items(), 2):
        ax, ay, aw, ah = a
        bx, by, bw, bh = b
        assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay
    for r in registry.relations:
        assert boxes[r.target][1] + boxes[r.target][3] < boxes[r.source][1]
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "NQ 52-NQ/TW" in texts and "KH 5807/KH-UBND" in texts


def test_graph_focus_keeps_one_group(registry: Registry) -> None:
    root = ET.fromstring(lineage_svg(registry, focus="5807/KH-UBND"))
    keys = set(_boxes(root))
    assert {"5807/KH-UBND", "50/NQ-CP", "190-KH/TU", "52-NQ/TW"} <= keys
    assert "10-NQ/TU" not in keys and "749/QĐ-TTg" not in keys
    wide = ET.fromstring(lineage_svg(registry, include_isolated=True))
    assert set(_boxes(wide)) == set(registry.entries)


def _cli(*args: str, index: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "POLICYBOT_INDEX_DIR": str(index)}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [str(BIN), *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def test_cli_instruments_and_instrument(seed_index: Path, tmp_path: Path) -> None:
    svg = tmp_path / "g.svg"
    out = _cli(
        "instruments", "--province", "Quảng Trị", "--json", "--svg", str(svg), index=seed_index
    )
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)["instruments"]
    assert "5807/KH-UBND" in {r["key"] for r in rows}
    assert ET.fromstring(svg.read_text(encoding="utf-8")).tag == f"{SVG}svg"
    out = _cli("instruments", "52", index=seed_index)
    assert (
        out.returncode == 0
        and "Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị" in out.stdout
    )
    out = _cli("instrument", "5807/KH-UBND", index=seed_index)
    assert out.returncode == 0, out.stderr
    assert "triển khai thực hiện Nghị quyết số 50/NQ-CP" in out.stdout
    out = _cli("instrument", "52-NQ/TW", "--json", index=seed_index)
    data = json.loads(out.stdout)
    assert len(data["incoming"]) == 3
    out = _cli("instrument", "99-NQ/TW", index=seed_index)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "99-NQ/TW" in out.stderr


def _entry(key: str) -> Entry:
    return Entry(key, "Kế hoạch", key, None, None, "tỉnh", None, None, None)


def test_long_edges_stay_in_their_own_group() -> None:
    """Two groups, each with an edge that skips a layer (and so runs through a waypoint):
    each edge's curve stays within its own group's boxes, never bends into the other's."""
    keys = ("1/KH-A", "2/KH-A", "3/KH-A", "1/KH-B", "2/KH-B", "3/KH-B")
    entries = {k: _entry(k) for k in keys}
    said = Passage("d", "c", "x", 0, 1)
    rels = [
        Relation(f"{a}/KH-{g}", f"{b}/KH-{g}", IMPLEMENTS, "thực hiện", (said,))
        for g in "AB"
        for a, b in ((3, 2), (2, 1), (3, 1))
    ]
    root = ET.fromstring(lineage_svg(Registry(entries, rels, "x"), max_width=10_000))
    boxes = _boxes(root)
    a_right = max(x + w for k, (x, _, w, _) in boxes.items() if k.endswith("A"))
    b_left = min(x for k, (x, _, _, _) in boxes.items() if k.endswith("B"))
    assert a_right < b_left  # laid out side by side
    for g in root.iter(f"{SVG}g"):
        if g.get("class") != "edge":
            continue
        path = g.find(f"{SVG}path")
        assert path is not None
        xs = [float(p.split(",")[0]) for p in re.findall(r"-?[\d.]+,-?[\d.]+", path.get("d", ""))]
        if (g.get("data-source") or "").endswith("A"):
            assert max(xs) < b_left, xs
        else:
            assert min(xs) > a_right, xs
