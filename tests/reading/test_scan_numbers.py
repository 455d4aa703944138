"""A scan whose own number OCR could not read (filled in by hand) takes it from the file
name, when the name writes a number with the symbol the header shows; never otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from policybot.reading.official import with_anatomy
from policybot.types import Document

HEADERS = Path(__file__).resolve().parents[1] / "data" / "headers"
DECISION = "qd-25-2010-qd-ttg-ocr-garbled-number-excerpt.txt"  # "Số: ¿5 /QĐ-TTg"
DIRECTIVE = "ct-03-2010-ct-bct-ocr-garbled-number-excerpt.txt"  # "Số: Ổ /CT-BCt"
MISREAD = "ct-02-2010-ct-bct-ocr-misread-symbol-excerpt.txt"  # "Sốẽ: (Ễ /CL-RCT 7"


def _read(excerpt: str, file_name: str) -> Document:
    text = (HEADERS / excerpt).read_text(encoding="utf-8")
    return with_anatomy(Document("d", "first line", text, f"/inbox/{file_name}"))


@pytest.mark.parametrize(
    ("excerpt", "file_name", "title"),
    [
        (DECISION, "QD_25-QD-TTg_2010_sua_doi_QD_622-QD-TTg_scan.pdf", "Quyết định 25/QĐ-TTg"),
        (DIRECTIVE, "CT_03-CT-BCT_2010_binh_on_gia_scan.pdf", "Chỉ thị 03/CT-BCT"),
    ],
)
def test_the_file_name_gives_the_digits_the_scan_lost(
    excerpt: str, file_name: str, title: str
) -> None:
    doc = _read(excerpt, file_name)
    assert doc.title.startswith(title)
    assert doc.metadata["number"] == title.split()[-1]


@pytest.mark.parametrize(
    ("excerpt", "file_name"),
    [
        (DECISION, "10209624.pdf"),  # a database's file number
        (DECISION, "CT_03-CT-BCT_2010_binh_on_gia_scan.pdf"),  # another symbol
        (DIRECTIVE, "QD_25-QD-TTg_2010_scan.pdf"),
        # a misread symbol matches only a name's symbol of its shape and of the header's type
        (MISREAD, "QD_02-QD-BCT_2010_scan.pdf"),  # a decision's, the header reads CHỈ THỊ
        (MISREAD, "CT_02-CT-BTC_2010_scan.pdf"),  # "BTC" is three letters off "RCT"
        (MISREAD, "CT_02-CT-BCTT_2010_scan.pdf"),  # a longer part
    ],
)
def test_no_number_from_a_name_that_does_not_write_the_symbol(excerpt: str, file_name: str) -> None:
    assert "number" not in _read(excerpt, file_name).metadata


def test_a_drafts_blank_number_takes_nothing_from_the_file_name() -> None:
    """ "Số:      /2024/NĐ-CP" is a draft's blank, not an illegible number; and the decree
    the file name writes is the one the draft amends, cited in its text."""
    text = (
        "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số:      /2024/NĐ-CP\nHà Nội, ngày   tháng   năm 2024\n\nDỰ THẢO\nNGHỊ ĐỊNH\n"
        "Sửa đổi, bổ sung một số điều của Nghị định số 13/2023/NĐ-CP\n\nCăn cứ Luật;\n"
    )
    doc = with_anatomy(Document("d", "x", text, "/in/du-thao-sua-doi-nd-13-2023-nd-cp.docx"))
    assert "number" not in doc.metadata


def test_a_symbol_ocr_misread_takes_the_file_names_of_the_same_shape_and_type() -> None:
    """OCR read "CT-BCT" as "CL-RCT" and lost the digits: the file name's "02-CT-BCT" has
    the same parts, each one letter off, and "CT" stands for the header's CHỈ THỊ."""
    doc = _read(MISREAD, "CT_02-CT-BCT_2010_de_an_30_don_gian_hoa_TTHC_scan.pdf")
    assert doc.metadata["number"] == "02/CT-BCT"
    assert doc.title.startswith("Chỉ thị 02/CT-BCT")
