"""Relations read from small made-up texts: every phrasing, list shapes, bodies as actors,
quoted goals, and (property tests) every spelling of numbers and dates."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policybot.index.store import Tables
from policybot.instruments.lineage import cue_at_end, kind_of
from policybot.instruments.registry import Registry
from policybot.instruments.registry_build import build
from policybot.text.identity import level_of


def registry_of(*texts: str, province: str = "Quảng Trị") -> Registry:
    """Each text one document of one passage, as ingest would store it."""
    docs, chunks = {}, {}
    for i, text in enumerate(texts):
        cid, did = f"c{i}", f"d{i}"
        chunks[cid] = {"id": cid, "doc_id": did, "text": text, "title": "t", "lead": ""}
        docs[did] = {
            "id": did,
            "title": "t",
            "metadata": {"province": province},
            "chunk_ids": [cid],
        }
    return build(Tables(documents=docs, chunks=chunks))


def rels(reg: Registry) -> set[tuple[str, str, str]]:
    return {(r.source, r.kind, r.target) for r in reg.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kế hoạch số 12/KH-UBND ngày 5/1/2021 của UBND tỉnh Quảng Trị về việc triển khai "
            "thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ.",
            {("12/KH-UBND", "implements", "50/NQ-CP")},
        ),
        (
            "Kế hoạch số 12/KH-UBND nhằm cụ thể hóa Nghị quyết số 52-NQ/TW của Bộ Chính trị.",
            {("12/KH-UBND", "implements", "52-NQ/TW")},
        ),
        (
            "Chương trình số 7-CTr/TU thực hiện Nghị quyết số 52-NQ/TW.",
            {("7-CTr/TU", "implements", "52-NQ/TW")},
        ),
        (
            "Quyết định số 7/QĐ-UBND căn cứ vào Nghị định số 45/2020/NĐ-CP ngày 8/4/2020.",
            {("7/QĐ-UBND", "based_on", "45/2020/NĐ-CP")},
        ),
        (
            "Kế hoạch số 3/KH-SYT được xây dựng theo Thông tư số 01/2021/TT-BYT của Bộ Y tế.",
            {("3/KH-SYT", "based_on", "01/2021/TT-BYT")},
        ),
        (
            "Đề án số 2/ĐA-UBND dựa trên Nghị quyết số 52-NQ/TW.",
            {("2/ĐA-UBND", "based_on", "52-NQ/TW")},
        ),
        (
            "Kế hoạch số 4/KH-UBND phấn đấu hoàn thành các mục tiêu tại Quyết định số "
            "749/QĐ-TTg của Thủ tướng Chính phủ.",
            {("4/KH-UBND", "targets", "749/QĐ-TTg")},
        ),
        (
            "Kế hoạch số 1/KH-UBND thực hiện Nghị quyết số 2/NQ-CP và Chỉ thị số 3/CT-TTg.",
            {("1/KH-UBND", "implements", "2/NQ-CP"), ("1/KH-UBND", "implements", "3/CT-TTg")},
        ),
        (
            "Kế hoạch số 1/KH-UBND triển khai Nghị quyết số 2/NQ-CP và Kế hoạch số 3-KH/TU "
            "về việc thực hiện Nghị quyết số 4-NQ/TW.",
            {
                ("1/KH-UBND", "implements", "2/NQ-CP"),
                ("1/KH-UBND", "implements", "3-KH/TU"),
                ("3-KH/TU", "implements", "4-NQ/TW"),
                ("2/NQ-CP", "implements", "4-NQ/TW"),
            },
        ),
        (
            "Thực hiện Nghị quyết số 52-NQ/TW, UBND tỉnh đã ban hành Kế hoạch số 5/KH-UBND.",
            {("5/KH-UBND", "implements", "52-NQ/TW")},
        ),
        (
            "Căn cứ Nghị định số 45/2020/NĐ-CP và Thông tư số 01/2020/TT-VPCP, Sở Nội vụ xây "
            "dựng Kế hoạch số 9/KH-SNV.",
            {
                ("9/KH-SNV", "based_on", "45/2020/NĐ-CP"),
                ("9/KH-SNV", "based_on", "01/2020/TT-VPCP"),
            },
        ),
    ],
)
def test_relation_phrasings(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert rels(registry_of(text)) == expected


def test_a_body_that_sets_out_goals_implies_a_document() -> None:
    reg = registry_of(
        "Đây là mục tiêu của Ban Thường vụ Huyện ủy Cam Lộ đề ra nhằm cụ thể hóa Nghị quyết "
        "số 52-NQ/TW của Bộ Chính trị."
    )
    ((src, kind, dst),) = rels(reg)
    assert (kind, dst) == ("implements", "52-NQ/TW")
    entry = reg.entries[src]
    assert entry.implied and entry.issuer == "Ban Thường vụ Huyện ủy Cam Lộ"
    assert entry.level == "huyện" and entry.province == "Quảng Trị"


@pytest.mark.parametrize(
    "text",
    [
        "Sở Thông tin và Truyền thông chủ trì xây dựng và triển khai Kế hoạch số 3/KH-UBND.",
        "Giao Sở Y tế phối hợp thực hiện Nghị quyết số 2/NQ-CP.",
        "Kế hoạch số 1/KH-UBND không thực hiện Nghị quyết số 2/NQ-CP.",
        "Kế hoạch số 1/KH-UBND đã hoàn thành. Theo Nghị quyết số 2/NQ-CP, tỉnh phải báo cáo.",
        "Kế hoạch số 1/KH-UBND đưa ra 8 nhóm nhiệm vụ, giải pháp chủ yếu cho các sở ngành "
        "trong tỉnh và các huyện thị xã thành phố thực hiện Nghị quyết số 2/NQ-CP.",
        "Kế hoạch số 1/KH-UBND; Nghị quyết số 2/NQ-CP.",
        "Theo Kế hoạch số 1/KH-UBND, các sở báo cáo kết quả.",
    ],
)
def test_no_relation_where_the_text_states_none(text: str) -> None:
    reg = registry_of(text)
    assert rels(reg) == set()
    assert not any(e.implied for e in reg.entries.values())


def test_quoted_goal_belongs_to_the_instrument_named_after_it() -> None:
    reg = registry_of(
        "“Phấn đấu đến năm 2030 hoàn thành các mục tiêu tại Quyết định số 749/QĐ-TTg của "
        "Thủ tướng Chính phủ.” Đó là mục tiêu tổng quát được đề ra trong Nghị quyết số "
        "15-NQ/TU của Ban Chấp hành Đảng bộ tỉnh."
    )
    assert rels(reg) == {("15-NQ/TU", "targets", "749/QĐ-TTg")}
    rel = reg.relations[0]
    assert "749/QĐ-TTg" in rel.passages[0].sentence
    assert rel.support and "15-NQ/TU" in rel.support[0].sentence


def test_title_nested_in_a_reference() -> None:
    reg = registry_of(
        "Khẩn trương triển khai các nhiệm vụ được giao theo Kế hoạch của UBND tỉnh về thực "
        "hiện Nghị quyết số 10-NQ/TU của Ban Chấp hành Đảng bộ tỉnh.",
        province="Bình Thuận",
    )
    assert rels(reg) == {
        ("Kế hoạch: về thực hiện nghị quyết số 10-nq/tu", "implements", "10-NQ/TU")
    }
    assert (
        reg.entries["Kế hoạch: về thực hiện nghị quyết số 10-nq/tu"].issuer
        == "UBND tỉnh Bình Thuận"
    )


def test_bare_number_merges_only_when_one_candidate_is_clear() -> None:
    one = registry_of(
        "Ngày 2/3/2022, Tỉnh ủy đã ban hành Nghị quyết số 10 về chuyển đổi số. Kế hoạch số "
        "4/KH-UBND thực hiện Nghị quyết số 10-NQ/TU."
    )
    assert "Nghị quyết 10" not in one.entries
    assert one.entries["10-NQ/TU"].date == "2022-03-02"
    two = registry_of(
        "Nghị quyết số 10 về chuyển đổi số.",
        "Nghị quyết số 10-NQ/TU của Tỉnh ủy Bình Định.",
        "Nghị quyết số 10-NQ/TU của Tỉnh ủy Hà Giang.",
        province="Lạng Sơn",
    )
    assert "Nghị quyết 10" in two.entries  # another province, two candidates: kept apart


def test_same_number_different_spellings_is_one_entry() -> None:
    reg = registry_of(
        "Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị.",
        "NQ 52-nq/tw về cách mạng công nghiệp.",
        "Nghị quyết 52 – NQ/TW, ngày 27 tháng 9 năm 2019.",
    )
    entries = [e for e in reg.entries.values() if e.number]
    assert [e.key for e in entries] == ["52-NQ/TW"]
    assert len(entries[0].mentions) == 3 and entries[0].date == "2019-09-27"


@pytest.mark.parametrize(
    ("number", "issuer", "level"),
    [
        ("52-NQ/TW", None, "trung ương"),
        ("50/NQ-CP", None, "trung ương"),
        ("749/QĐ-TTg", None, "trung ương"),
        ("01/2021/TT-BYT", None, "trung ương"),
        ("10-NQ/TU", None, "tỉnh"),
        ("5807/KH-UBND", "UBND tỉnh Quảng Trị", "tỉnh"),
        ("12/KH-UBND", "UBND huyện Triệu Phong", "huyện"),
        ("3-CTr/HU", None, "huyện"),
        (None, "Ban Thường vụ Huyện ủy Triệu Phong", "huyện"),
        (None, "Ban Chấp hành Đảng bộ tỉnh Quảng Trị khóa XVII", "tỉnh"),
        (None, "Sở Thông tin và Truyền thông", "tỉnh"),
        (None, "Bộ Chính trị", "trung ương"),
        ("5/KH-UBND", None, None),
    ],
)
def test_level(number: str | None, issuer: str | None, level: str | None) -> None:
    assert level_of(number, issuer) == level


@pytest.mark.parametrize(
    ("gap", "cue", "kind"),
    [
        (" về việc triển khai thực hiện ", "triển khai thực hiện", "implements"),
        (" nhằm cụ thể hóa ", "cụ thể hóa", "implements"),
        (" nhằm cụ thể hoá ", "cụ thể hóa", "implements"),
        (" được xây dựng theo ", "theo", "based_on"),
        (", căn cứ vào ", "căn cứ vào", "based_on"),
        (" hoàn thành các mục tiêu tại ", "hoàn thành các mục tiêu tại", "targets"),
        (" thực hiện các nội dung của ", "thực hiện", "implements"),
    ],
)
def test_cues(gap: str, cue: str, kind: str) -> None:
    assert cue_at_end(gap) == cue
    assert kind_of(cue) == kind


@pytest.mark.parametrize("gap", [" và ", "; triển khai ", " không thực hiện ", ". Thực hiện "])
def test_not_cues(gap: str) -> None:
    assert cue_at_end(gap) is None


# --- property: any spelling of number and date, any phrasing -----------------------------------
_CUES = {
    "về việc triển khai thực hiện": "implements",
    "về việc thực hiện": "implements",
    "nhằm cụ thể hóa": "implements",
    "để triển khai": "implements",
    "căn cứ vào": "based_on",
    "theo": "based_on",
    "dựa trên": "based_on",
    "nhằm hoàn thành các mục tiêu tại": "targets",
}
_TARGETS = [
    ("Nghị quyết", "{n}-NQ/TW", "{n}-nq/tw", "Bộ Chính trị"),
    ("Nghị quyết", "{n}/NQ-CP", "{n} /NQ-CP", "Chính phủ"),
    ("Nghị định", "{n}/2020/NĐ-CP", "{n}/2020/ND-CP", "Chính phủ"),
    ("Quyết định", "{n}/QĐ-TTg", "{n}/QD-TTg", "Thủ tướng Chính phủ"),
]


def _date_spellings(day: datetime.date) -> list[str]:
    d, m, y = day.day, day.month, day.year
    return [
        f"ngày {d}/{m}/{y}",
        f"ngày {d:02d}/{m:02d}/{y}",
        f", ngày {d}-{m}-{y}",
        f"ngày {d}.{m}.{y}",
        f"ngày {d} tháng {m} năm {y}",
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    src_n=st.integers(1, 9999),
    dst_n=st.integers(1, 999),
    target=st.sampled_from(_TARGETS),
    spelled=st.booleans(),
    cue=st.sampled_from(sorted(_CUES)),
    day=st.dates(datetime.date(1995, 1, 1), datetime.date(2030, 12, 31)),
    date_style=st.integers(0, 4),
    with_so=st.booleans(),
)
def test_any_spelling_gives_the_same_relation_and_date(
    src_n: int,
    dst_n: int,
    target: tuple[str, str, str, str],
    spelled: bool,
    cue: str,
    day: datetime.date,
    date_style: int,
    with_so: bool,
) -> None:
    kind_word, canon, variant, issuer = target
    number = (variant if spelled else canon).format(n=dst_n)
    so = "số " if with_so else ""
    date = _date_spellings(day)[date_style]
    text = (
        f"Ngày 5/1/2021, UBND tỉnh Quảng Trị đã ban hành Kế hoạch số {src_n}/KH-UBND {cue} "
        f"{kind_word} {so}{number} {date} của {issuer}."
    )
    reg = registry_of(text)
    dst = canon.format(n=dst_n)
    assert rels(reg) == {(f"{src_n}/KH-UBND", _CUES[cue], dst)}, text
    assert reg.entries[dst].date == day.isoformat(), text
    assert reg.entries[dst].issuer == issuer
    assert reg.entries[f"{src_n}/KH-UBND"].date == "2021-01-05"
    assert reg.entries[f"{src_n}/KH-UBND"].level == "tỉnh"
    assert reg.relations[0].passages[0].sentence == text


def test_a_fronted_ground_is_not_the_ground_of_what_its_title_carries_out() -> None:
    """A preamble line (Quyết định 2610/QĐ-UBND of Cần Thơ): the plan it rests on carries
    out a resolution whose trích yếu ("sửa đổi, bổ sung, cập nhật Chương trình ... thực
    hiện Nghị quyết số 57-NQ/TW") names a third; that third does not rest on the plan."""
    reg = registry_of(
        "Căn cứ Kế hoạch số 46/KH-UBND ngày 25 tháng 8 năm 2025 của Ủy ban nhân dân thành phố "
        "Cần Thơ thực hiện Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ sửa "
        "đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ thực hiện Nghị quyết số "
        "57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
        province="Cần Thơ",
    )
    found = rels(reg)
    assert ("46/KH-UBND", "implements", "71/NQ-CP") in found
    assert not any(src == "57-NQ/TW" for src, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        # a list of grounds goes on after ";"
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển "
        "khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số; Nghị quyết số 71/NQ-CP ngày "
        "01/4/2025 của Chính phủ;",
        # the later instrument is the agent of an amendment, or what is amended
        "Căn cứ Luật Đấu thầu số 22/2023/QH15 được sửa đổi, bổ sung bởi Luật số 57/2024/QH15;",
        "Căn cứ Nghị định số 237/2025/NĐ-CP ngày 29 tháng 8 năm 2025 của Chính phủ sửa đổi, "
        "bổ sung Nghị định số 105/2012/NĐ-CP ngày 17 tháng 12 năm 2012 của Chính phủ;",
    ],
)
def test_a_preamble_ground_is_no_ground_of_the_next_instrument(text: str) -> None:
    assert not any(kind == "based_on" for _, kind, _ in rels(registry_of(text)))
