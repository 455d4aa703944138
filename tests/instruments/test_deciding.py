"""Who decides, as the line under a decision's trích yếu says it (instruments/deciding.py)."""

from __future__ import annotations

import pytest
from tests.conftest import hashed_index, make_settings

from policybot.instruments.deciding import deciding, enacting
from policybot.pipeline import Pipeline, build_pipeline

LANG_SON = """ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN
Số: 2512/QĐ-UBND
Lạng Sơn, ngày 21 tháng 11 năm 2025
QUYẾT ĐỊNH
CÔNG BỐ BỔ SUNG DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC ĐỊA CHẤT VÀ KHOÁNG SẢN
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;
Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường.
"""


def test_the_chairman_decides_a_decision_of_the_committee() -> None:
    said = deciding(LANG_SON, "Ủy ban nhân dân tỉnh Lạng Sơn")
    assert said == "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn"


def test_a_line_without_the_place_takes_it_from_the_issuer() -> None:
    header = LANG_SON.replace(
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
    )
    assert deciding(header, "Ủy ban nhân dân tỉnh Lạng Sơn") == (
        "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn"
    )


def test_no_position_line_or_another_body_says_nothing() -> None:
    committee = LANG_SON.replace("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\n", "")
    assert deciding(committee, "Ủy ban nhân dân tỉnh Lạng Sơn") is None
    assert deciding(LANG_SON, "Bộ Công Thương") is None
    longer = LANG_SON.replace("TỈNH LẠNG SƠN\nCăn", "TỈNH LẠNG SƠN VÀ CÁC PHÓ CHỦ TỊCH\nCăn")
    assert deciding(longer, "Ủy ban nhân dân tỉnh Lạng Sơn") is None
    # a position below the grounds (the signature block) is not who decides
    signed = committee + "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\n"
    assert deciding(signed, "Ủy ban nhân dân tỉnh Lạng Sơn") is None


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    index = hashed_index(tmp_path_factory.mktemp("deciding"), "deciding")
    return build_pipeline(make_settings(index, backend="hash"))


@pytest.mark.parametrize(
    "question",
    [
        "Quyết định 2512/QĐ-UBND do cơ quan nào ban hành?",
        "Quyết định công bố bổ sung thủ tục hành chính lĩnh vực địa chất và khoáng sản của tỉnh"
        " Lạng Sơn do ai ban hành?",
    ],
)
def test_who_issued_a_chairmans_decision_is_the_chairman(pipeline: Pipeline, question: str) -> None:
    answer = pipeline.ask(question)
    assert not answer.refused
    assert "Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn" in answer.answer


def test_the_committee_abbreviated_issued_its_chairmans_decision(pipeline: Pipeline) -> None:
    answer = pipeline.ask("UBND tỉnh Lạng Sơn ban hành Quyết định 2512/QĐ-UBND ngày nào?")
    assert not answer.refused and "21/11/2025" in answer.answer


def test_a_circular_is_issued_by_the_minister_its_enacting_line_names() -> None:
    """A circular has no position line above its grounds; the line after them says who
    issues it ("Bộ trưởng Bộ Khoa học và Công nghệ ban hành Thông tư …")."""
    header = (
        "BỘ KHOA HỌC VÀ CÔNG NGHỆ\nSố: 34/2025/TT-BKHCN\nTHÔNG TƯ\nQuy định về sản phẩm …\n"
        "Căn cứ Luật Đấu thầu số 22/2023/QH15;\nTheo đề nghị của Cục trưởng Cục Công nghiệp;\n"
        "Bộ trưởng Bộ Khoa học và Công nghệ ban hành Thông tư quy định về sản phẩm …\n"
    )
    minister = "Bộ trưởng Bộ Khoa học và Công nghệ"
    assert enacting(header, "Bộ Khoa học và Công nghệ") == minister
    # the ministry decides (no position line), its minister enacts; another ministry's
    # minister is not this one's
    assert deciding(header, "Bộ Khoa học và Công nghệ") is None
    assert enacting(header, "Bộ Tài chính") is None


def test_who_issued_a_circular_whose_enacting_line_has_a_passage_of_its_own(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    index = hashed_index(tmp_path_factory.mktemp("circular"), "official")
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    ans = pipeline.ask("Thông tư 34/2025/TT-BKHCN do ai ban hành?")
    assert not ans.refused and "Bộ trưởng Bộ Khoa học và Công nghệ ban hành" in ans.answer
    assert "Bộ Khoa học và Công nghệ ban hành ngày" in ans.answer  # the body issues it
