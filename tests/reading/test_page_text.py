"""Pure text repairs of read pages: OCR words and noise, running heads, broken lines,
layout tables, and when a text layer needs OCR."""

from __future__ import annotations

from policybot.reading.chrome import drop_repeated_blocks, strip_page_chrome
from policybot.reading.ocr_text import (
    drop_noise_lines,
    drop_stamps,
    repair_by_context,
    repair_words,
    tidy_ocr,
)
from policybot.reading.page_text import rejoin_lines, strip_running_heads
from policybot.reading.pdf import needs_ocr
from policybot.reading.tables import table_lines


def test_repair_words_fixes_only_words_that_are_not_syllables() -> None:
    text = "QUYÉT NGHỊ: Cơ quari nhà nước có l2 đơn vị, ngày Ô7; KÍnh gửi UBND, HĐND tỉnh"
    assert repair_words(text) == (
        "QUYẾT NGHỊ: Cơ quan nhà nước có 12 đơn vị, ngày 07; Kính gửi UBND, HĐND tỉnh"
    )
    proper = "Chính phủ ban hành Nghị định về hợp đồng lao động điện tử, hoá đơn, Acetorphine."
    assert repair_words(proper) == proper


def test_repair_words_reads_an_instruments_symbol_and_a_slashed_zero_as_written() -> None:
    scanned = "Quyết định số 3907ZQĐ-BCT ngày 05 tháng 8 năm 2009, trước ngày 28 tháng Ø2 năm 2010"
    assert repair_words(scanned) == (
        "Quyết định số 3907/QĐ-BCT ngày 05 tháng 8 năm 2009, trước ngày 28 tháng 02 năm 2010"
    )
    # a Z that is no symbol's slash, and one already after a slash, stay
    for kept in ("Mẫu 2Z, khu vực Z3", "mã số 12/ZQ-A"):
        assert repair_words(kept) == kept


def test_repair_by_context_uses_what_the_document_repeats() -> None:
    document = "\n".join(["quyền hạn và cơ cấu tổ chức; chia sẻ dữ liệu"] * 3)
    page = "nhiệm vụ, quyên hạn và cơ cầu tổ chức; chìa sẻ đữ liệu; cỏ quan"
    [fixed] = repair_by_context([page], document + "\n" + page)
    assert fixed == "nhiệm vụ, quyền hạn và cơ cấu tổ chức; chia sẻ dữ liệu; cỏ quan"
    # a pair the document does not repeat is left as read
    assert repair_by_context([page], page) == [page]


def test_signature_blocks_and_stamps_are_dropped() -> None:
    page = (
        "Ký bởi: Cổng Thông tin điện tử Chính phủ\nEmail: thongtinchinhphu@chinhphu.vn\n"
        "Cơ quan: Văn phòng Chính phủ\nThời gian ký: 06.09.2022 14:42:37 +07:00\n"
        "CÔNG VĂN ĐẾN Số: 123\nĐiều 1. Cơ quan: các bộ, ngành có trách nhiệm thi hành."
    )
    assert drop_stamps(page) == "Điều 1. Cơ quan: các bộ, ngành có trách nhiệm thi hành."


def test_noise_lines_of_non_words_are_dropped_but_not_text_with_a_name() -> None:
    text = "Thành lập phường Chiềng Cơi\nxX tr¬À z⁄ Àg S7 /J ijk\n................\nngày ký."
    assert drop_noise_lines(text) == "Thành lập phường Chiềng Cơi\nngày ký."


def test_running_heads_and_page_numbers_go_body_stays() -> None:
    bodies = ["Điều 1. Phạm vi.", "Điều 2. Đối tượng.", "Điều 3. Giải thích.", "Điều 4. Hiệu lực."]
    pages = [
        f"Báo điện tử tỉnh, số {n}\n{n + 3}\n{body}\n- {n} -"
        for n, body in enumerate(bodies, start=1)
    ]
    out = strip_running_heads(pages)
    assert out == bodies
    # one page alone: only the gazette header pattern and the number go
    assert strip_running_heads(["4 CÔNG BÁO/Số 82/Ngày 04-02-2026\nĐiều 1. A."]) == ["Điều 1. A."]


def test_rejoin_lines_joins_broken_sentences_only() -> None:
    text = (
        "NGHỊ ĐỊNH\nvề cấp giấy phép\nCăn cứ Luật Tổ chức Chính phủ và Luật sửa đổi, bổ\n"
        "sung một số điều ngày 22 tháng 11 năm\n2019;\nĐiều 1. Phạm vi\nđiều chỉnh\n"
        "a) cấp giấy phép\nlái xe quốc tế;\nb) đổi giấy phép."
    )
    assert rejoin_lines(text) == (
        "NGHỊ ĐỊNH\nvề cấp giấy phép\n"
        "Căn cứ Luật Tổ chức Chính phủ và Luật sửa đổi, bổ sung một số điều ngày 22 tháng 11 "
        "năm 2019;\nĐiều 1. Phạm vi điều chỉnh\na) cấp giấy phép lái xe quốc tế;\n"
        "b) đổi giấy phép."
    )


def test_a_sentence_broken_by_a_blank_line_is_joined_but_not_a_header() -> None:
    """A scan's paragraph break inside a sentence (real OCR of Quyết định 25/QĐ-TTg): the
    lower-case line after the blank goes on with the long line before it; a header's short
    motto line and a "số:" label after a blank keep their own lines."""
    text = (
        "Độc lập - Tư do - Hạnh phúc\n\nsố: Ôổ /2010/TT-BCT\n\n"
        "“5. Ngân hàng Nhà nước Việt Nam trích từ nguồn của gói kích cầu 17.000\n\n"
        "tỷ đồng để cấp cho Ngân hàng Chính sách xã hội.”\n\nĐiều 2.\n\n"
        "1. Các đơn vị thực hiện việc rà soát thủ tục hành chính.\n\nhằng năm báo cáo."
    )
    assert rejoin_lines(text) == (
        "Độc lập - Tư do - Hạnh phúc\n\nsố: Ôổ /2010/TT-BCT\n\n"
        "“5. Ngân hàng Nhà nước Việt Nam trích từ nguồn của gói kích cầu 17.000 "
        "tỷ đồng để cấp cho Ngân hàng Chính sách xã hội.”\n\nĐiều 2.\n\n"
        "1. Các đơn vị thực hiện việc rà soát thủ tục hành chính.\n\nhằng năm báo cáo."
    )


def test_a_thousands_point_ocr_spaced_is_closed_inside_a_line_only() -> None:
    assert (
        tidy_ocr("trích từ gói kích cầu 17. 000 tỷ đồng") == "trích từ gói kích cầu 17.000 tỷ đồng"
    )
    assert tidy_ocr("2. 100 doanh nghiệp được hỗ trợ") == "2. 100 doanh nghiệp được hỗ trợ"
    assert tidy_ocr("đạt tỷ lệ 1. 100% số xã") == "đạt tỷ lệ 1. 100% số xã"
    # a comma is the decimal mark, or separates the numbers of a list
    assert tidy_ocr("Bãi bỏ các Điều 104, 105 và 106") == "Bãi bỏ các Điều 104, 105 và 106"


def test_header_table_reads_cell_by_cell_data_table_row_by_row() -> None:
    header = [
        ["CHÍNH PHỦ\n-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
        ["Số: 19/2019/NĐ-CP", "Hà Nội, ngày 19 tháng 02 năm 2019"],
    ]
    assert table_lines(header) == [
        "CHÍNH PHỦ",
        "Số: 19/2019/NĐ-CP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 19 tháng 02 năm 2019",
    ]
    data = [["STT", "Tên chất"], ["1", "Acetorphine"]]
    assert table_lines(data) == ["STT | Tên chất", "1 | Acetorphine"]


def test_needs_ocr_for_empty_unmarked_or_broken_layers_not_for_english() -> None:
    vietnamese = "Chính phủ ban hành Nghị định quy định các danh mục chất ma túy và tiền chất. " * 3
    unmarked = "Bo truong Bo Tai chinh quyet dinh cong bo danh muc van ban het hieu luc. " * 3
    english = "The Ministry of Finance publishes the list of legal documents no longer valid. " * 3
    assert not needs_ocr(vietnamese)
    assert needs_ocr(unmarked)
    assert needs_ocr("www.LuatVietnam.vn")
    assert not needs_ocr(english)


def test_portal_breadcrumb_and_second_copy_of_the_body_go() -> None:
    page = "- Trang chủ\n\n- >\n\n- Văn bản trung ương\n\n- >\n\n- Nghị định số 1\n\nNội dung."
    assert strip_page_chrome(page).strip() == "Nội dung."
    body = [f"Điều {n}. Nội dung của điều này được quy định đầy đủ ở đây số {n}." for n in range(6)]
    twice = "\n".join(["Tab nội dung", *body, "Tab văn bản gốc", *body])
    assert drop_repeated_blocks(twice) == "\n".join(["Tab nội dung", *body, "Tab văn bản gốc"])
    once_repeated = "\n".join([*body, body[2]])
    assert drop_repeated_blocks(once_repeated) == once_repeated


def test_sentence_over_a_page_break_is_joined_a_new_article_is_not() -> None:
    from policybot.reading.page_text import continues_over

    assert continues_over("Luật sửa đổi, bổ", "sung một số điều.\nĐiều 2.")
    assert not continues_over("Luật sửa đổi, bổ sung.", "sung một số điều.")
    assert not continues_over("Luật sửa đổi, bổ", "Điều 2. Hiệu lực")
