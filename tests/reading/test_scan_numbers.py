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


def test_a_scans_year_of_issue_survives_a_day_ocr_could_not_read() -> None:
    """ "Hà Nội, ngày ÍÕ tháng 01 năm 2010": the handwritten day is noise, the printed year
    still dates the directive; a date read whole leaves no separate year, and a draft's
    blank date line gives none."""
    doc = _read(DIRECTIVE, "CT_03-CT-BCT_2010_binh_on_gia_scan.pdf")
    assert "date" not in doc.metadata
    assert doc.metadata["issued_year"] == "2010"
    whole = (
        "BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/QĐ-BTC\n"
        "Hà Nội, ngày 5 tháng 3 năm 2021\n\nQUYẾT ĐỊNH\nVề việc ban hành quy chế\n\nCăn cứ Luật;\n"
    )
    dated = with_anatomy(Document("d", "x", whole, "/in/qd.docx"))
    assert dated.metadata["date"] == "2021-03-05" and "issued_year" not in dated.metadata
    draft = whole.replace("Số: 12/QĐ-BTC", "Số:      /QĐ-BTC").replace(
        "ngày 5 tháng 3", "ngày   tháng  "
    )
    dotted = draft.replace("ngày   tháng  ", "ngày .... tháng ....")
    assert (
        "issued_year" not in with_anatomy(Document("d", "x", dotted, "/in/du-thao.docx")).metadata
    )
    misread = whole.replace("ngày 5 tháng 3 năm", "ngày ‹t4, thỏng 01 nãm")
    assert with_anatomy(Document("d", "x", misread, "/in/qd.pdf")).metadata["issued_year"] == "2021"
    assert "issued_year" not in with_anatomy(Document("d", "x", draft, "/in/du-thao.docx")).metadata


def test_a_normative_documents_number_gives_its_year_when_its_date_is_unread() -> None:
    from policybot.reading.anatomy import Anatomy

    assert Anatomy(type="Thông tư", number="03/2010/TT-BCT").year_of_issue() == "2010"
    assert Anatomy(type="Chỉ thị", number="03/CT-BCT").year_of_issue() is None
    assert Anatomy(number="03/2010/TT-BCT", date="2010-01-22").metadata().get("issued_year") is None


def test_a_type_line_ocr_gave_a_wrong_mark_still_opens_the_trich_yeu() -> None:
    """ "CHÍ THỊ" for "CHỈ THỊ": the line is still the type, and the line under it the
    directive's trích yếu, so a question naming it by topic finds it."""
    doc = _read(DIRECTIVE, "CT_03-CT-BCT_2010_binh_on_gia_scan.pdf")
    assert doc.metadata["instrument_type"] == "Chỉ thị"
    assert doc.metadata["subject"].startswith("Tăng cường kiểm tra, kiểm soát")
    assert doc.title.startswith("Chỉ thị 03/CT-BCT tăng cường kiểm tra")
