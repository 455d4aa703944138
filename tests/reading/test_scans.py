"""Scanned and mixed PDFs read by real tesseract; .doc files read by real antiword.

The scans are drawn here with Pillow (Vietnamese text in DejaVu Serif, a digital-signature
block above it) and wrapped as PDF, so they cost no repository space.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter
from tests.bad_corpus import text_pdf

from policybot.errors import LoadError
from policybot.reading.extracted import Limits
from policybot.reading.loaders import load_file, load_file_with_failures
from policybot.reading.ocr import OcrOptions
from policybot.reading.orthography import syllable_share

REALDOCS = Path(__file__).resolve().parents[1] / "data" / "realdocs"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
BODY = [
    "Ký bởi: Cổng Thông tin điện tử Chính phủ",
    "Cơ quan: Văn phòng Chính phủ",
    "Thời gian ký: 06.09.2022 14:42:37 +07:00",
    "",
    "Điều 1. Thành lập phường Hòa Bình thuộc thành phố",
    "trên cơ sở toàn bộ diện tích tự nhiên của xã.",
    "Điều 2. Nghị quyết này có hiệu lực thi hành kể từ",
    "ngày ký ban hành.",
]


def scan_page(lines: list[str]) -> bytes:
    """One A5-sized page at 200 dpi holding `lines`, as a PDF with no text layer."""
    font = ImageFont.truetype(str(FONT), 34)
    image = Image.new("L", (1160, 1000), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((80, 80 + i * 60), line, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=200)
    return out.getvalue()


def join_pdfs(*parts: bytes) -> bytes:
    writer = PdfWriter()
    for part in parts:
        for page in PdfReader(io.BytesIO(part)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def limits(tmp_path: Path) -> Limits:
    return Limits(ocr=OcrOptions(workers=2, cache_dir=tmp_path / "cache"))


def test_scanned_pdf_is_read_by_ocr_without_its_signature_stamp(
    tmp_path: Path, limits: Limits
) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_page(BODY))
    [doc] = load_file(path, limits=limits)
    assert "Thành lập phường Hòa Bình" in doc.text
    # the sentence broken over two lines is one line again; the article start is not joined
    assert "thuộc thành phố trên cơ sở toàn bộ" in doc.text
    assert "\nĐiều 2." in doc.text
    assert "Ký bởi" not in doc.text and "Thời gian ký" not in doc.text
    assert "Văn phòng Chính phủ" not in doc.text
    assert doc.page_starts == (0,)
    # the second read comes from the cache by file hash, with the same text
    cached = list((tmp_path / "cache" / "ocr").rglob("*-p1.txt"))  # and "-p1-right.txt",
    assert len(cached) == 1  # the column read again for a signer the page did not give
    start = time.perf_counter()
    [again] = load_file(path, limits=limits)
    assert again.text == doc.text
    assert time.perf_counter() - start < 1.5


def test_mixed_pdf_gets_text_pages_and_scanned_pages_with_page_numbers(
    tmp_path: Path, limits: Limits
) -> None:
    typed = text_pdf([["Resolution on the digital economy, page one of the decision."] * 25])
    path = tmp_path / "mixed.pdf"
    path.write_bytes(join_pdfs(typed, scan_page(BODY[4:])))
    [doc] = load_file(path, limits=limits)
    assert doc.text.startswith("Resolution on the digital economy")
    at = doc.text.index("Thành lập phường")
    assert doc.page_at(at) == 2
    assert doc.page_at(0) == 1


def test_pdf_with_a_layer_without_marks_is_read_by_ocr(tmp_path: Path, limits: Limits) -> None:
    """An old OCR layer without diacritics under the scan: recognised and read again."""
    layer = text_pdf([["Dieu 1. Thanh lap phuong Hoa Binh thuoc thanh pho tren co so toan bo"] * 4])
    scan = scan_page(BODY[4:])
    writer = PdfWriter(clone_from=io.BytesIO(layer))
    writer.pages[0].merge_page(PdfReader(io.BytesIO(scan)).pages[0])
    out = io.BytesIO()
    writer.write(out)
    path = tmp_path / "bad-layer.pdf"
    path.write_bytes(out.getvalue())
    [doc] = load_file(path, limits=limits)
    assert "Thành lập phường Hòa Bình" in doc.text
    assert "Thanh lap phuong" not in doc.text


def test_ocr_page_over_its_time_limit_is_reported_not_hidden(tmp_path: Path) -> None:
    slow = Limits(ocr=OcrOptions(page_timeout_s=0.01, cache_dir=None))
    typed = text_pdf([["Resolution on the digital economy, page one of the decision."] * 25])
    path = tmp_path / "mixed.pdf"
    path.write_bytes(join_pdfs(typed, scan_page(BODY[4:])))
    docs, failures = load_file_with_failures(path, limits=slow)
    assert docs[0].text.startswith("Resolution on the digital economy")
    [failure] = failures
    assert re.fullmatch(
        r"page 2: (?:rendering took over|OCR gave up after) 0\.01 s \(the rest is indexed\)",
        failure.reason,
    )
    only_scan = tmp_path / "scan.pdf"
    only_scan.write_bytes(scan_page(BODY[4:]))
    with pytest.raises(LoadError, match=r"no text read from any page \(page 1: "):
        load_file(only_scan, limits=slow)


def test_scanned_pages_over_the_ocr_page_limit_are_reported(tmp_path: Path) -> None:
    capped = Limits(ocr=OcrOptions(max_pages=1, cache_dir=None))
    path = tmp_path / "two.pdf"
    path.write_bytes(join_pdfs(scan_page(BODY[4:6]), scan_page(BODY[6:])))
    docs, failures = load_file_with_failures(path, limits=capped)
    assert "Thành lập phường Hòa Bình" in docs[0].text
    assert "Nghị quyết này" not in docs[0].text
    assert [f.reason for f in failures] == [
        "pages 2 not read by OCR: over 1 scanned pages in one file (ocr.max_pages) "
        "(the rest is indexed)"
    ]


def test_ocr_switched_off_says_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan_page(BODY[4:]))
    off = Limits(ocr=OcrOptions(enabled=False))
    with pytest.raises(LoadError, match="needs OCR, but OCR is switched off"):
        load_file(path, limits=off)


def test_word97_with_header_table_reads_cells_as_lines() -> None:
    [doc] = load_file(REALDOCS / "QD_58-2010-QD-UBND_HCM_bai_bo_van_ban_TTHC_dat_dai.doc")
    lines = doc.text.split("\n")
    assert "ỦY BAN NHÂN DÂN" in lines
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "Số: 58/2010/QĐ-UBND" in lines
    assert syllable_share(doc.text) > 0.6


def test_word97_in_tcvn3_font_is_repaired() -> None:
    [doc] = load_file(REALDOCS / "SL_65-1945_bao_ton_co_tich_TCVN3_encoding.doc")
    # its heading is one sentence: "SẮC LỆNH / CỦA CHỦ TỊCH ... / SỐ 65 NGÀY 23 THÁNG 11 NĂM 1945"
    assert doc.title == "Sắc lệnh 65"
    assert (doc.metadata["number"], doc.metadata["date"]) == ("65", "1945-11-23")
    assert "CỦA CHỦ TỊCH CHÍNH PHỦ LÂM THỜI" in doc.text
    assert "bảo tồn cổ tịch" in doc.text
    assert "¾" not in doc.text


def test_doc_that_is_html_or_junk(tmp_path: Path) -> None:
    html = tmp_path / "trang.doc"
    html.write_text(
        "<html><body><p>Quyết định về chuyển đổi số của tỉnh được ban hành.</p></body></html>",
        encoding="utf-8",
    )
    [doc] = load_file(html)
    assert "chuyển đổi số" in doc.text
    junk = tmp_path / "rac.doc"
    junk.write_bytes(b"\x00\x01 not a word file at all " * 10)
    with pytest.raises(LoadError, match="not a Word 97-2003 file"):
        load_file(junk)
    broken = tmp_path / "hong.doc"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(LoadError, match="Word 97-2003 file could not be read"):
        load_file(broken)


def test_scan_read_in_the_sandbox_passes_its_heartbeats(tmp_path: Path, limits: Limits) -> None:
    """The reading child reports every OCR'd page; the parent waits on, and gets the text."""
    from policybot.reading.sandbox import IsolatedLoader, SandboxLimits

    path = tmp_path / "scan.pdf"
    path.write_bytes(join_pdfs(scan_page(BODY[4:6]), scan_page(BODY[6:])))
    with IsolatedLoader(limits, SandboxLimits(timeout_s=60)) as loader:
        docs, failures = loader.load(path, tmp_path)
    assert failures == []
    assert "Thành lập phường Hòa Bình" in docs[0].text
    assert docs[0].page_at(docs[0].text.index("Nghị quyết này")) == 2


def test_zero_page_pdf_gets_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "rong.pdf"
    path.write_bytes(text_pdf([]))
    with pytest.raises(LoadError, match="PDF has no pages"):
        load_file(path)


def test_docx_header_in_table_cells_reads_as_header_lines(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "CHÍNH PHỦ"
    table.cell(0, 0).add_paragraph("-------")
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    table.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    table.cell(1, 0).text = "Số: 19/2019/NĐ-CP"
    table.cell(1, 1).text = "Hà Nội, ngày 19 tháng 02 năm 2019"
    document.add_paragraph("NGHỊ ĐỊNH")
    data = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "STT", (0, 1): "Tên", (1, 0): "1", (1, 1): "Họ"}.items():
        data.cell(r, c).text = text
    path = tmp_path / "nd.docx"
    document.save(str(path))
    [doc] = load_file(path)
    assert doc.text.split("\n\n")[0].split("\n") == [
        "CHÍNH PHỦ",
        "Số: 19/2019/NĐ-CP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 19 tháng 02 năm 2019",
    ]
    assert "STT | Tên\n1 | Họ" in doc.text


def test_a_signer_ocr_drops_under_the_stamp_is_read_from_the_right_column(
    limits: Limits,
) -> None:
    """Page 1 of Quyết định 10/QĐ-BTC (2010), scanned: read whole, the page loses the
    signer's name under the stamp; its right column read alone gives it, in capitals."""
    [doc] = load_file(REALDOCS / "QD_10-QD-BTC_2010_scan_page1.pdf", limits=limits)
    assert "Đỗ Hoàng Anh Tuấn" not in doc.text  # what the page's own reading lost
    assert doc.metadata.get("signer") == "Đỗ Hoàng Anh Tuấn"


def test_the_signer_is_found_at_the_end_of_a_right_column() -> None:
    from policybot.reading.signature import column_signer

    # lines as tesseract gave them for real scans' right columns
    assert column_signer("TM. CHÍNH PHỦ\nTHỦ TƯỚNG ¬\nLo c= 5.) r8 |\nNguyễn Tấn Dũng\n") == (
        "Nguyễn Tấn Dũng"
    )
    assert column_signer("NV Ty ý s\n=.*<2 ĐỖ HOÀNG ANH TUẤN\nL.. _.\n") == "Đỗ Hoàng Anh Tuấn"
    assert column_signer("2TW °\nICM, Vũ Huy Hoàng\n") == "Vũ Huy Hoàng"
    # no family name first, a name cut short, a street in an address: no signer
    assert column_signer("xa: Huy Hoàng\n") is None
    assert column_signer("ữ); guyền Tân Dũng `\n") is None
    assert column_signer("91 Đinh Tiên Hoàng - Điện thoại: 04.38255834\n") is None


def test_word97_table_cells_antiword_wrapped_are_joined() -> None:
    # antiword wraps "Công ty cổ phần nghe nhìn toàn / cầu AVG" onto a row of its own
    path = Path(__file__).resolve().parents[2] / "documents"
    [doc] = load_file(path / "QD_80-QD-BTTTT_2014_chuyen_doi_kenh_tan_so_truyen_hinh_UHF.doc")
    rows = [line for line in doc.text.split("\n") if "AVG" in line]
    assert len(rows) == 1
    assert "Công ty cổ phần nghe nhìn toàn cầu AVG | Toàn quốc | 57, 58, 59 | 43, 44, 45" in rows[0]
    assert "01/7/2017" in rows[0]
    # a row leaving most cells empty, whose last cell goes on with the sentence above, is
    # wrapped text though its first cell's words would have fitted above by antiword's width
    [row] = [line for line in doc.text.split("\n") if "Giải phóng kênh 47" in line]
    assert "Đài Truyền hình Việt Nam | Nam Định | 47 (VTV3)" in row
    assert row.rstrip().endswith("phát sóng truyền hình số khu vực Bắc Bộ.")
    # a row of its own whose first word would have fitted above stays a row
    assert any(
        line.lstrip(" |").startswith("Quảng Ninh | 31 (VTV1)") for line in doc.text.split("\n")
    )


def test_word97_items_under_a_merged_cell_stay_rows_of_their_own() -> None:
    from policybot.reading.word97 import _unwrapped

    rows = [
        ["  1  ", "Nhiệm vụ về chuyển đổi số       ", "Năm 2025  "],
        ["     ", "a) xây dựng nền tảng số         ", "          "],
        ["     ", "b) đào tạo cán bộ               ", "          "],
    ]
    assert [r[1] for r in _unwrapped(rows)] == [
        "Nhiệm vụ về chuyển đổi số",
        "a) xây dựng nền tảng số",
        "b) đào tạo cán bộ",
    ]
