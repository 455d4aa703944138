"""A name written in capitals, put back as the document writes it (text/casing.py)."""

from policybot.text.casing import name_case


def test_a_name_is_cased_as_the_body_writes_it_whole() -> None:
    body = (
        "Bộ trưởng Bộ Khoa học và Công nghệ ban hành Thông tư quy định về sản phẩm công nghệ"
        " số; các công nghệ mới do Bộ Khoa học và Công nghệ công bố."
    )
    # word by word, "công" is mostly lower case in the body; the name as written is not
    assert name_case("BỘ KHOA HỌC VÀ CÔNG NGHỆ", body) == "Bộ Khoa học và Công nghệ"


def test_a_name_split_over_lines_in_the_body_is_still_found() -> None:
    body = "Theo đề nghị của Ủy ban nhân dân\ntỉnh Ninh Bình, ..."
    assert name_case("ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", body) == "Ủy ban nhân dân tỉnh Ninh Bình"


def test_a_name_the_body_never_writes_whole_is_cased_word_by_word() -> None:
    body = "Thông tin được truyền thông rộng rãi trong Bộ."
    assert name_case("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", body) == "Bộ thông tin và truyền thông"
    # a mention in capitals or starting lower case is not how it writes the name
    assert name_case("BỘ TÀI CHÍNH", "gửi bộ tài chính; BỘ TÀI CHÍNH") == "Bộ tài chính"
