"""The instruments tab's HTML on the real seed registry: the filter, one instrument's
relations and passages, and escaping of hostile document text (a made-up registry)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policybot.instruments.lineage import IMPLEMENTS, Passage
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Entry, MentionRec, Relation
from policybot.pipeline import Pipeline
from policybot.types import Chunk
from policybot.web.ui_instrument_detail import PICK_HINT, detail_html, marked
from policybot.web.ui_instrument_table import filter_instruments, plain, table_html
from policybot.web.ui_instruments import InstrumentsTab

TRIEU_PHONG = (
    "Văn bản của Ban Thường vụ Huyện ủy Triệu Phong: cụ thể hóa thực hiện nghị quyết số 52-nq/tw"
)


@pytest.fixture(scope="module")
def registry(seed_pipeline: Pipeline) -> Registry:
    return seed_pipeline.registry()


@pytest.fixture(scope="module")
def tab(seed_pipeline: Pipeline) -> InstrumentsTab:
    return InstrumentsTab(seed_pipeline)


def _keys(registry: Registry, query: str) -> list[str]:
    return [r["key"] for r in filter_instruments(registry, query)]


def test_plain_drops_tone_marks_and_d() -> None:
    assert plain("  Nghị quyết   ĐẢNG bộ ") == "nghi quyet dang bo"
    assert plain("Quảng Trị") == plain("quang tri") == "quang tri"


def test_filter_by_number_in_any_spelling(registry: Registry) -> None:
    assert len(_keys(registry, "")) == len(registry.entries)
    named_or_mentioning = {"52-NQ/TW", "190-KH/TU", TRIEU_PHONG}
    for query in ("52", "52-NQ", "52-NQ/TW", "Nghị quyết 52", "nghi quyet so 52", "NQ 52-NQ/TW"):
        keys = _keys(registry, query)
        # The instrument itself first; then those whose title carries its number.
        assert keys[0] == "52-NQ/TW", query
        assert set(keys) == named_or_mentioning, query
    assert _keys(registry, "52/NQ-TW") == ["52-NQ/TW"]
    assert _keys(registry, "5807/kh-ubnd") == ["5807/KH-UBND"]
    assert _keys(registry, "99-NQ/TW") == []


def test_filter_by_words_date_and_place(registry: Registry) -> None:
    assert _keys(registry, "cach mang cong nghiep") == ["52-NQ/TW"]
    assert _keys(registry, "27/9/2019") == ["52-NQ/TW"]
    assert set(_keys(registry, "Bình Thuận")) == {
        "10-NQ/TU",
        "Kế hoạch: về thực hiện nghị quyết số 10-nq/tu",
    }
    assert set(_keys(registry, "thủ tướng")) == {"749/QĐ-TTg"}
    assert _keys(registry, "không có văn bản này") == []


def test_table_rows_carry_keys_and_passage_counts(registry: Registry) -> None:
    rows = filter_instruments(registry, "52")
    html = table_html(rows, len(registry.entries), "52")
    assert f"3 / {len(registry.entries)} văn bản" in html
    assert re.findall(r"<tr data-key='([^']+)'", html)[0] == "52-NQ/TW"
    first = re.search(r"<tr data-key='52-NQ/TW'[^>]*>(.*?)</tr>", html)
    assert first is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", first.group(1))
    assert cells == [
        "Nghị quyết",
        "52-NQ/TW",
        "27/9/2019",
        "Bộ Chính trị",
        "trung ương",
        "",
        "về một số chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư",
        "",  # status: the seed reports say nothing of its validity
        "2",
    ]
    assert "Không có văn bản nào khớp với “xyz”" in table_html([], 17, " xyz ")
    assert "policybot ingest" in table_html([], 0)


def test_detail_of_52_shows_who_carries_it_out_and_its_passages(tab: InstrumentsTab) -> None:
    html = tab.detail("52-NQ/TW")
    assert "<h3>Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị</h3>" in html
    implementers = html.split("<b>Được thực hiện bởi:</b>")[1].split("</ul>")[0]
    assert re.findall(r"data-key='([^']+)'", implementers) == [
        "50/NQ-CP",
        "190-KH/TU",
        TRIEU_PHONG,
    ]
    indirect = html.split("Gián tiếp thực hiện văn bản này:")[1].split("</ul>")[0]
    assert "Kế hoạch số 5807/KH-UBND ngày 17/12/2020" in indirect
    assert "qua Kế hoạch số 190-KH/TU, Nghị quyết số 50/NQ-CP" in indirect
    assert "Các đoạn nhắc đến (2)" in html
    marks = re.findall(r"<mark>(.*?)</mark>", html)
    assert marks == [
        "Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị",
        "Nghị quyết số 52-NQ/TW, ngày 27/9/2019 của Bộ Chính trị",
    ]
    # Each passage under its document's title, with a link to the document at that passage.
    assert html.count("class='pb-passage'") == 2
    assert "xây dựng huyện Triệu Phong giàu đẹp, văn minh</b>" in html
    assert "/documents/quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt?chunk=" in html


def test_detail_of_5807_shows_what_it_carries_out(tab: InstrumentsTab) -> None:
    html = tab.detail("5807/KH-UBND")
    carries = html.split("<b>Văn bản này thực hiện:</b>")[1].split("</ul>")[0]
    assert set(re.findall(r"data-key='([^']+)'", carries)) == {"50/NQ-CP", "190-KH/TU"}
    assert "triển khai thực hiện Nghị quyết số 50/NQ-CP" in carries
    assert "Được thực hiện bởi" not in html and "Gián tiếp" not in html
    assert tab.detail("") == f"<p class='pb-hint'>{PICK_HINT}</p>"
    assert "Không có văn bản “99-NQ/TW” trong kho." in tab.detail("99-NQ/TW")


def test_graph_nodes_are_clickable_keys(tab: InstrumentsTab, registry: Registry) -> None:
    svg = tab.graph()
    keys = set(re.findall(r'class="node" data-key="([^"]+)"', svg))
    assert {"52-NQ/TW", "5807/KH-UBND", "190-KH/TU", "50/NQ-CP"} <= keys
    assert keys == {k for r in registry.relations for k in (r.source, r.target)}


def test_marked_merges_overlaps_and_escapes() -> None:
    assert marked("a<b>c&d", [(1, 4), (2, 5), (9, 12)]) == "a<mark>&lt;b&gt;c</mark>&amp;d"
    assert marked("xyz", []) == "xyz"


HOSTILE_PASSAGE = (
    "Ngày 5/3/2021, UBND tỉnh ban hành Kế hoạch số 77/KH-UBND <img src=x onerror=alert(1)> "
    "triển khai thực hiện Nghị quyết số 9-NQ/TU <script>alert('x')</script> & “dữ liệu mở”."
)


def _hostile_registry() -> tuple[Registry, dict[str, Chunk], dict[str, str]]:
    doc = "evil.txt"
    text = HOSTILE_PASSAGE
    s77 = text.index("Kế hoạch số 77/KH-UBND")
    s9 = text.index("Nghị quyết số 9-NQ/TU")
    chunk = Chunk("c1", doc, text, "<b>Tiêu đề</b>")

    def mention(start: int, end: int) -> MentionRec:
        return MentionRec(doc, "c1", start, end, text[start:end], text)

    plan = Entry(
        "77/KH-UBND",
        "Kế hoạch",
        "77/KH-UBND",
        "2021-03-05",
        "UBND <i>tỉnh</i>",
        "tỉnh",
        None,
        "về <img src=y onerror=alert(2)>",
        None,
        mentions=(mention(s77, s77 + len("Kế hoạch số 77/KH-UBND")),),
    )
    resolution = Entry(
        "9-NQ/TU",
        "Nghị quyết",
        "9-NQ/TU",
        None,
        None,
        "tỉnh",
        None,
        None,
        None,
        mentions=(mention(s9, s9 + len("Nghị quyết số 9-NQ/TU")),),
    )
    rel = Relation(
        "77/KH-UBND",
        "9-NQ/TU",
        IMPLEMENTS,
        "triển khai thực hiện",
        (Passage(doc, "c1", text, 0, len(text)),),
    )
    registry = Registry({e.key: e for e in (plan, resolution)}, [rel])
    return registry, {"c1": chunk}, {doc: "<script>tiêu đề</script>"}


def test_hostile_text_is_escaped_in_table_detail_and_graph() -> None:
    registry, chunks, titles = _hostile_registry()
    rows = filter_instruments(registry, "77")
    assert [r["key"] for r in rows] == ["77/KH-UBND"]
    for html in (
        table_html(rows, 2),
        detail_html(registry, "77/KH-UBND", chunks, titles),
        detail_html(registry, "9-NQ/TU", chunks, titles),
    ):
        assert "<script" not in html and "<img" not in html and "<i>" not in html
        assert "&lt;img" in html
    detail = detail_html(registry, "9-NQ/TU", chunks, titles)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; “dữ liệu mở”" in detail
    assert "<mark>Nghị quyết số 9-NQ/TU</mark>" in detail
    assert "<b>&lt;script&gt;tiêu đề&lt;/script&gt;</b>" in detail
    assert "data-key='77/KH-UBND'" in detail.split("Được thực hiện bởi:")[1]


def test_no_index_gives_a_hint_not_an_error(tmp_path: Path) -> None:
    from tests.conftest import make_settings

    from policybot.pipeline import build_pipeline

    tab = InstrumentsTab(build_pipeline(make_settings(tmp_path / "none", backend="hash")))
    assert "policybot ingest" in tab.table("52")
    assert "policybot ingest" in tab.detail("52-NQ/TW")
    assert "pb-hint" in tab.graph()
