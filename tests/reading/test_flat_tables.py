"""Tables that came one cell a line are written back as rows; anything uncertain is not."""

from __future__ import annotations

from policybot.reading.clean import clean
from policybot.reading.flat_tables import rebuild_flat_tables
from policybot.text.table_rows import cell_under, header_before

# The appendix of Kế hoạch 617/KH-UBND (Đồng Tháp, 2025) as thuvienphapluat's text gives it.
APPENDIX = """PHỤ LỤC

DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM

STT

Tên nhiệm vụ

Cơ quan chủ trì

Cơ quan phối hợp

Thời gian hoàn thành

I. NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY

1

Triển khai đánh giá mức độ chuyển đổi số trong các doanh nghiệp trên địa bàn Tỉnh.

Sở KH&CN

Các sở, ban, ngành tỉnh; UBND các xã, phường

Thường xuyên

2

Biểu dương, tôn vinh, khen thưởng kịp thời các doanh nghiệp có thành tích trong chuyển đổi số.

Sở Nội vụ

Sở KH&CN; các cơ quan, đơn vị liên quan

Thường xuyên, hằng năm

II

HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH

3

Xây dựng Bộ tiêu chí đánh giá mức độ chuyển đổi số doanh nghiệp.

Sở KH&CN

Các sở, ban, ngành tỉnh

Quí IV-2025

Nơi nhận: như trên."""


def test_a_flattened_table_becomes_rows_under_its_header() -> None:
    text = rebuild_flat_tables(APPENDIX)
    rows = [line for line in text.split("\n") if line.startswith("| ")]
    assert (
        rows[0]
        == "| STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |"
    )
    assert len(rows) == 6  # header, two group lines, three tasks
    award = next(r for r in rows if "Biểu dương" in r)
    header = header_before(text, text.index(award))
    assert cell_under(award, header, {"chủ trì"}) == "Sở Nội vụ"
    assert cell_under(award, header, {"thời gian"}) == "Thường xuyên, hằng năm"
    assert "| II | HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH |" in text
    # what is not the table stays as it was
    assert text.startswith("PHỤ LỤC\n\nDANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM\n\n| STT")
    assert text.endswith("\n\nNơi nhận: như trên.")


def test_every_loader_stores_the_rows() -> None:
    assert "| 3 | Xây dựng Bộ tiêu chí" in clean(APPENDIX)


def test_a_cell_missing_ends_the_rows_there() -> None:
    # row 3 lost its "Cơ quan phối hợp" cell: which column is empty cannot be known
    broken = APPENDIX.replace("Các sở, ban, ngành tỉnh\n\nQuí", "Quí")
    text = rebuild_flat_tables(broken)
    assert "| 1 | Triển khai đánh giá" in text and "| 2 | Biểu dương" in text
    assert "| 3 |" not in text and "\n\nXây dựng Bộ tiêu chí" in text


def test_a_cell_wrapped_over_two_lines_is_not_guessed() -> None:
    # a PDF's column wrapped "Bộ Khoa học và / Công nghệ": the lines no longer count cells
    wrapped = (
        "TT\n\nNhiệm vụ\n\nCơ quan chủ trì\n\nThời gian\n\n"
        "1\n\nXây dựng Luật Chuyển đổi số\n\nBộ Khoa học và\n\nCông nghệ\n\nNăm 2025\n\n"
        "2\n\nXây dựng Luật Trí tuệ nhân tạo\n\nBộ Khoa học và\n\nCông nghệ\n\nNăm 2025"
    )
    assert rebuild_flat_tables(wrapped) == wrapped


def test_prose_and_a_single_row_are_left_alone() -> None:
    prose = "STT\n\nDanh sách dưới đây được cập nhật hằng tháng theo quy định hiện hành."
    assert rebuild_flat_tables(prose) == prose
    one = "STT\n\nTên\n\nGhi chú\n\n1\n\nMẫu số 01\n\nCấp mới"
    assert rebuild_flat_tables(one) == one
