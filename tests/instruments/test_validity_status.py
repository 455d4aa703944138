"""Each instrument's status as far as the corpus shows it, the same text in the CLI listing,
its JSON and the UI's table and detail, and the validity and preamble edges of the lineage,
on real documents: a decree and a circular that end earlier ones ("hết hiệu lực"), a
provincial decision that abolishes one ("Bãi bỏ toàn bộ"), a circular that amends two
("Sửa đổi, bổ sung một số điều") and a provincial plan that opens "Thực hiện Kế hoạch số"."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from tests.conftest import hashed_index, make_settings
from tests.test_cli import run

from policybot.instruments.lineage_svg import lineage_svg
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Entry
from policybot.instruments.validity_status import status_text
from policybot.pipeline import Pipeline, build_pipeline
from policybot.types import Chunk
from policybot.web.ui_instrument_detail import detail_html
from policybot.web.ui_instrument_table import COLUMNS, filter_instruments, table_html

DATA = Path(__file__).resolve().parents[1] / "data"
HASH = {"POLICYBOT_EMBEDDER__BACKEND": "hash"}
SVG = "{http://www.w3.org/2000/svg}"
KINDS = ("implements", "based_on", "targets", "replaces", "abolishes", "amends")

EXPECTED = {
    "19/2019/NĐ-CP": "có hiệu lực từ ngày 5/4/2019; thay thế Nghị định số 144/2006/NĐ-CP",
    "144/2006/NĐ-CP": "bị thay thế bởi Nghị định số 19/2019/NĐ-CP",
    "451/QĐ-UBND": "có hiệu lực từ ngày 20/11/2025; bãi bỏ Quyết định số 445/2013/QĐ-UBND",
    "445/2013/QĐ-UBND": "bị bãi bỏ bởi Quyết định số 451/QĐ-UBND",
    "54/2025/TT-BCT": "có hiệu lực từ ngày 21/11/2025; "
    "sửa đổi Thông tư số 09/2025/TT-BCT, Thông tư số 12/2025/TT-BCT",
    "09/2025/TT-BCT": "được sửa đổi bởi Thông tư số 54/2025/TT-BCT",
    "61/2024/QH15": "",  # only cited: the corpus says nothing of its validity
}


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hashed_index(tmp_path_factory.mktemp("validity"), "official", "validity")


@pytest.fixture(scope="module")
def pipeline(index: Path) -> Pipeline:
    p = build_pipeline(make_settings(index, backend="hash"))
    p.load()
    return p


@pytest.fixture(scope="module")
def registry(pipeline: Pipeline) -> Registry:
    return pipeline.registry()


def _entry(registry: Registry, number: str) -> Entry:
    found = registry.find(number)
    assert found, number
    return found[0]


def test_status_of_each_kind(registry: Registry) -> None:
    for number, status in EXPECTED.items():
        assert status_text(_entry(registry, number)) == status, number


def test_status_of_bare_entries() -> None:
    bare = Entry("1/X", "Quyết định", "1/X", None, None, None, None, None, None)
    assert status_text(bare) == ""
    signed = Entry(
        "2/X", "Quyết định", "2/X", None, None, None, None, None, None, effective="ngày ký"
    )
    assert status_text(signed) == "có hiệu lực từ ngày ký"


def test_cli_lists_the_status(index: Path) -> None:
    out = run("instruments", index=index, env=HASH)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    for number, status in EXPECTED.items():
        line = next(x for x in lines if f"số {number} " in x)
        if status:
            assert line.endswith(f" — {status}"), line
        else:
            assert " — " not in line, line
    rows = json.loads(run("instruments", "--json", index=index, env=HASH).stdout)["instruments"]
    by_number = {r["number"]: r for r in rows}
    for number, status in EXPECTED.items():
        assert by_number[number]["status"] == status
    assert by_number["451/QĐ-UBND"]["effective"] == "2025-11-20"


def test_cli_instrument_shows_status_and_validity_relations(index: Path) -> None:
    out = run("instrument", "445/2013/QĐ-UBND", index=index, env=HASH)
    assert out.returncode == 0, out.stderr
    assert f"hiệu lực: {EXPECTED['445/2013/QĐ-UBND']}" in out.stdout
    assert "Quyết định số 451/QĐ-UBND ngày 19/11/2025" in out.stdout
    assert "«Bãi bỏ toàn bộ Quyết định số 445/2013/QĐ-UBND" in out.stdout


def test_ui_table_has_a_status_column(registry: Registry) -> None:
    col = COLUMNS.index("Hiệu lực")
    html = table_html(filter_instruments(registry, ""), len(registry.entries))
    for number, status in EXPECTED.items():
        key = _entry(registry, number).key
        row = re.search(rf"<tr data-key='{re.escape(key)}'[^>]*>(.*?)</tr>", html)
        assert row is not None, number
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
        assert len(cells) == len(COLUMNS) and cells[col] == status, number


def test_ui_detail_shows_status_and_who_ended_it(pipeline: Pipeline, registry: Registry) -> None:
    chunks: dict[str, Chunk] = {}
    key = _entry(registry, "445/2013/QĐ-UBND").key
    html = detail_html(registry, key, chunks, {})
    assert f"<dt>Hiệu lực</dt><dd>{EXPECTED['445/2013/QĐ-UBND']}</dd>" in html
    ended = html.split("<b>Bị bãi bỏ bởi:</b>")[1].split("</ul>")[0]
    assert "data-key='451/QĐ-UBND'" in ended
    amended = detail_html(registry, _entry(registry, "54/2025/TT-BCT").key, chunks, {})
    assert "<b>Văn bản này sửa đổi, bổ sung:</b>" in amended


def _edges(svg: str) -> dict[tuple[str, str], tuple[str, str]]:
    """(source, target) -> (kind, label) of each edge the graph draws."""
    root = ET.fromstring(svg)
    out = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "edge":
            label = next(t.text or "" for t in g.iter(f"{SVG}text"))
            out[(g.get("data-source") or "", g.get("data-target") or "")] = (
                g.get("data-kind") or "",
                label,
            )
    return out


def test_lineage_draws_validity_edges_with_their_own_label(registry: Registry) -> None:
    edges = _edges(lineage_svg(registry))
    assert edges[("19/2019/NĐ-CP", "144/2006/NĐ-CP")] == ("replaces", "thay thế")
    assert edges[("34/2025/TT-BKHCN", "40/2020/TT-BTTTT")] == ("replaces", "thay thế")
    assert edges[("451/QĐ-UBND", "445/2013/QĐ-UBND")] == ("abolishes", "bãi bỏ")
    assert edges[("54/2025/TT-BCT", "09/2025/TT-BCT")] == ("amends", "sửa đổi")
    assert edges[("54/2025/TT-BCT", "12/2025/TT-BCT")] == ("amends", "sửa đổi")
    # each kind has its own colour, and the legend names it
    svg = lineage_svg(registry)
    colours = {k: re.search(rf'id="arrow-{k}"[^>]*>.*?fill="([^"]+)"', svg) for k in KINDS}
    assert len({m.group(1) for m in colours.values() if m}) == len(KINDS)
    legend = svg.split('<g class="legend"')[1].split("</g>")[0]
    assert all(f">{verb}</text>" in legend for verb in ("thay thế", "bãi bỏ", "sửa đổi"))


def test_instruments_the_corpus_only_names_are_nodes(registry: Registry) -> None:
    """445/2013/QĐ-UBND is only named by the decision that abolishes it: it is drawn, and
    focusing on it keeps that decision."""
    assert registry.entries["445/2013/QĐ-UBND"].own_doc is None
    root = ET.fromstring(lineage_svg(registry, focus="445/2013/QĐ-UBND"))
    keys = {a.get("data-key") for a in root.iter(f"{SVG}a")}
    assert {"445/2013/QĐ-UBND", "451/QĐ-UBND"} <= keys
    assert "19/2019/NĐ-CP" not in keys


def test_validity_relations_keep_the_sentence(registry: Registry) -> None:
    rel = next(r for r in registry.validity if r.target == "445/2013/QĐ-UBND")
    assert rel.passages[0].sentence.startswith("Bãi bỏ toàn bộ Quyết định số 445/2013/QĐ-UBND")
    assert Registry.from_json(registry.to_json()).validity == registry.validity


def test_preamble_lines_are_relations_of_the_document_itself(registry: Registry) -> None:
    """ "Căn cứ Nghị định số 78/2025/NĐ-CP ..." in Quyết định 451's preamble: 451 rests on
    it; "Thực hiện Kế hoạch số 283/KH-UBND ... về thực hiện Nghị quyết số 71/NQ-CP" opening
    Kế hoạch 617: 617 carries out 283, and 283 (not 617) carries out 71/NQ-CP."""
    rels = {(r.source, r.target): r for r in registry.relations}
    for target in ("78/2025/NĐ-CP", "79/2025/NĐ-CP", "187/2025/NĐ-CP"):
        rel = rels[("451/QĐ-UBND", target)]
        assert rel.kind == "based_on" and rel.cue == "Căn cứ"
        assert rel.passages[0].sentence.startswith("Căn cứ Nghị định số")
    assert rels[("54/2025/TT-BCT", "61/2024/QH15")].kind == "based_on"
    plan = rels[("617/KH-UBND", "283/KH-UBND")]
    assert plan.kind == "implements" and plan.cue == "Thực hiện"
    assert rels[("283/KH-UBND", "71/NQ-CP")].kind == "implements"
    assert ("617/KH-UBND", "71/NQ-CP") not in rels
    edges = _edges(lineage_svg(registry))
    assert edges[("617/KH-UBND", "283/KH-UBND")] == ("implements", "thực hiện")


def test_a_replaced_instrument_is_not_answered_by_its_replacement(
    pipeline: Pipeline, registry: Registry
) -> None:
    """The corpus holds Nghị định 19/2019/NĐ-CP, which ends 144/2006/NĐ-CP, not 144/2006
    itself: what 19/2019's passages say of 19/2019 is no answer about 144/2006."""
    from policybot.instruments.ended import ended_by
    from policybot.questions.question import analyze

    decree = "nd-19-2019-nd-cp-flattened-excerpt.txt"
    assert any(
        d.endswith(decree) for d in ended_by(registry, analyze("Nghị định 144/2006/NĐ-CP?").refs)
    )
    assert not ended_by(registry, analyze("Nghị định 19/2019/NĐ-CP?").refs)  # held: its own text
    new = pipeline.ask("Nghị định 19/2019/NĐ-CP theo đề nghị của Bộ trưởng bộ nào?")
    old = pipeline.ask("Nghị định 144/2006/NĐ-CP theo đề nghị của Bộ trưởng bộ nào?")
    assert "Bộ Tư pháp" in new.answer
    assert old.refused and not any(c.document.id.endswith(decree) for c in old.citations), old


def test_what_an_instrument_named_in_words_rests_on(pipeline: Pipeline) -> None:
    """Asked what a decision rests on, naming it by its subject, not its number: the
    registry's lineage answers from the decision's own căn cứ lines."""
    from policybot.instruments.registry_question import grounds_asked
    from policybot.questions.question import analyze

    ans = pipeline.ask(
        "Quyết định bãi bỏ quy định quản lý cán bộ chuyên trách công nghệ thông "
        "tin căn cứ vào những nghị định nào?"
    )
    assert ans.generator == "registry" and not ans.refused, ans.answer
    assert "căn cứ, triển khai" in ans.answer
    assert all(n in ans.answer for n in ("78/2025/NĐ-CP", "79/2025/NĐ-CP", "187/2025/NĐ-CP"))
    # a question that asks something else of it is no question of grounds
    decree = pipeline.registry().get("19/2019/NĐ-CP")
    assert decree is not None
    assert grounds_asked((decree,), analyze("Nghị định về họ, hụi do ai ký?")) is None
    theirs = grounds_asked((decree,), analyze("Nghị định về họ, hụi dựa vào luật nào?"))
    assert theirs is not None and theirs.other_type == "Luật"
    # a clause after the instrument ("… thì giao sở nào") asks for something else
    body = analyze("Dựa vào nghị định về hụi thì giao sở nào chủ trì?")
    assert grounds_asked((decree,), body) is None


def test_an_abolished_instrument_is_not_answered_by_the_one_abolishing_it(
    registry: Registry,
) -> None:
    """Quyết định 451/QĐ-UBND abolishes 445/2013/QĐ-UBND, whose own text the corpus lacks:
    what 451's passages set is not what 445/2013 set."""
    from policybot.instruments.ended import ended_by
    from policybot.questions.question import analyze

    ended = ended_by(registry, analyze("Quyết định 445/2013/QĐ-UBND quy định gì?").refs)
    assert ended and all("451" in d for d in ended)


def test_a_records_own_validity_status_leads_and_ends_the_in_force_date() -> None:
    entry = Entry(
        key="77/2006/qđ-ttg",
        type="Quyết định",
        number="77/2006/QĐ-TTg",
        date="2006-04-12",
        issuer="Thủ tướng Chính phủ",
        level=None,
        province=None,
        subject=None,
        name=None,
        effective="2006-05-12",
        expired="2025-12-08",
        recorded_status="Hết hiệu lực toàn bộ",
    )
    assert status_text(entry) == "hết hiệu lực toàn bộ từ ngày 8/12/2025 (theo thuộc tính văn bản)"
    in_force = Entry(**{**entry.__dict__, "expired": None, "recorded_status": "Còn hiệu lực"})
    assert status_text(in_force) == (
        "còn hiệu lực (theo thuộc tính văn bản); có hiệu lực từ ngày 12/5/2006"
    )
