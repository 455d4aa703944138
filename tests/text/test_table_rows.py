"""Rows of a data table and the header naming their cells (text/table_rows.py)."""

from policybot.text.table_rows import cell_under, cells, header_before, labelled

TABLE = (
    "III. NHIỆM VỤ CỤ THỂ\n"
    "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |\n"
    "| 1 | Xây dựng kho dữ liệu dùng chung | Sở Khoa học và Công nghệ | Quý IV/2026 |\n"
    "| 2 | Số hóa hồ sơ đất đai | Sở Nông nghiệp và Môi trường | Năm 2027 |\n"
    "IV. TỔ CHỨC THỰC HIỆN\n"
)


def test_prose_is_no_row() -> None:
    assert cells("Sở Nội vụ chủ trì, phối hợp với các sở.") is None
    assert cells("a | b") == ["a", "b"]


def test_a_rows_header_is_the_first_row_of_its_table() -> None:
    at = TABLE.index("Số hóa")
    assert header_before(TABLE, at) == (
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |"
    )
    # the header itself, and prose, have none
    assert header_before(TABLE, TABLE.index("Nhiệm vụ |")) == ""
    assert header_before(TABLE, TABLE.index("TỔ CHỨC")) == ""


def test_a_table_whose_first_row_is_data_has_no_header() -> None:
    text = "| 1 | Việc A | Sở X | 2026 |\n| 2 | Việc B | Sở Y | 2027 |"
    assert header_before(text, text.index("Việc B")) == ""


def test_a_row_is_shown_with_its_columns_named() -> None:
    row = "| 2 | Số hóa hồ sơ đất đai | Sở Nông nghiệp và Môi trường | Năm 2027 |"
    header = "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |"
    assert labelled(row, header) == (
        "Nhiệm vụ: Số hóa hồ sơ đất đai; Cơ quan chủ trì: Sở Nông nghiệp và Môi trường;"
        " Thời gian hoàn thành: Năm 2027"
    )
    assert cell_under(row, header, {"chủ trì"}) == "Sở Nông nghiệp và Môi trường"
    assert cell_under(row, header, {"thời gian"}) == "Năm 2027"
    assert labelled("| 1 | A |", header) is None  # cells and names do not line up


def test_a_blank_line_ends_the_table_above() -> None:
    text = (
        "STT | Nhiệm vụ | Cơ quan chủ trì\n1 | Số hóa | Sở Nội vụ\n\n"
        "STT | Chỉ tiêu | Giá trị năm 2025\n1 | Tỷ lệ phủ sóng 5G | 80%"
    )
    assert header_before(text, text.index("Tỷ lệ")) == ""  # its own first row has a year
