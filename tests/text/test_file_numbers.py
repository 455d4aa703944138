"""A scan's own number from its file name, only with the symbol its header shows."""

from __future__ import annotations

import pytest

from policybot.text.file_numbers import number_in_file_name


@pytest.mark.parametrize(
    ("name", "symbol", "number"),
    [
        ("QD_61-QD-CTN_2010_tang_qua_Tet_Canh_Dan_scan.pdf", "QĐ-CTN", "61/QĐ-CTN"),
        ("CT_03-CT-BCT_2010_binh_on_gia_scan.pdf", "CT-BCt", "03/CT-BCT"),
        ("TT_03-2010-TT-BCT_bao_ve_luoi_dien_scan.pdf", "TT-BCT", "03/2010/TT-BCT"),
        ("scans/77_2006_QĐ-TTg.pdf", "QĐ-TTg", "77/2006/QĐ-TTg"),
        # the first number with the symbol is the document's; a cited one comes later
        ("QD_25-QD-TTg_2010_sua_doi_QD_622-QD-TTg_scan.pdf", "QĐ-TTg", "25/QĐ-TTg"),
    ],
)
def test_the_number_written_with_the_headers_symbol(name: str, symbol: str, number: str) -> None:
    assert number_in_file_name(name, symbol) == number


@pytest.mark.parametrize(
    ("name", "symbol"),
    [
        ("10209624.pdf", "QĐ-TTg"),  # a database's file number names nothing
        ("QD_61-QD-CTN_2010.pdf", "QĐ-TTg"),  # another symbol
        ("QD_61-QD-CTN_2010.pdf", "QĐ-CT"),  # a shorter symbol is not the same symbol
        ("QD_61-QD-CTN_2010.pdf", ""),
    ],
)
def test_no_number_without_the_same_symbol(name: str, symbol: str) -> None:
    assert number_in_file_name(name, symbol) is None


def test_a_number_of_another_year_or_cited_in_the_text_is_not_the_documents() -> None:
    name = "QD_sua_doi_622-QD-TTg_va_25-2010-QD-TTg_scan.pdf"
    assert number_in_file_name(name, "QĐ-TTg", cited={"622/QĐ-TTg"}) == "25/2010/QĐ-TTg"
    assert number_in_file_name(name, "QĐ-TTg", year="2009", cited={"622/2009/QĐ-TTg"}) is None
    # the header's year completes a number the name writes without one
    assert number_in_file_name("CT_134-CT-TTg.pdf", "CT-TTg", year="2010") == "134/2010/CT-TTg"


def test_a_misread_symbol_matches_a_name_of_its_shape_standing_for_the_headers_type() -> None:
    name = "CT_02-CT-BCT_2010_de_an_30_scan.pdf"
    assert number_in_file_name(name, "CL-RCT", type_name="Chỉ thị") == "02/CT-BCT"
    assert number_in_file_name(name, "CL-RCT") is None  # no type line read: exact only
    assert number_in_file_name(name, "CL-RCT", type_name="Quyết định") is None
    assert number_in_file_name(name, "CL-RC", type_name="Chỉ thị") is None
    assert number_in_file_name(name, "XL-RCT", type_name="Chỉ thị") is None  # two letters off
    assert (
        number_in_file_name("QD_61-QD-CTN_2010.pdf", "QĐ-CTM", type_name="Quyết định")
        == "61/QĐ-CTN"
    )
