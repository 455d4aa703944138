from __future__ import annotations

import re
from pathlib import Path

import pytest

from policybot.text.everyday import read_lexicon, written_words


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("Hộ buôn bán xài công nghệ số", "Hộ kinh doanh sử dụng công nghệ số"),
        ("gửi sớm hơn hạn 3 ngày", "gửi trước hạn 3 ngày"),
        ("nộp hồ sơ qua mạng internet", "nộp hồ sơ trực tuyến"),
        (
            "xin góp ý qua mạng thì gửi trước mấy ngày?",
            "xin góp ý trực tuyến thì gửi trước mấy ngày?",
        ),
        ("bà con đỡ phải đi lại", "người dân đỡ phải đi lại"),
        ("mỗi cơ quan ít ra phải có", "mỗi cơ quan tối thiểu phải có"),
    ],
)
def test_everyday_words_read_as_written(said: str, written: str) -> None:
    assert written_words(said) == written


def test_words_that_only_contain_them_stay() -> None:
    # a network and social media are not "online"; "xài" only as a word of its own
    text = "Trên mạng lưới bưu chính và qua mạng xã hội, không xàix"
    assert written_words(text) == text
    for kept in ("phát sóng trên mạng truyền hình cáp", "qua mạng nội bộ của tỉnh"):
        assert written_words(kept) == kept
    assert written_words("bà con họ hàng") == "bà con họ hàng"


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("Deadline nộp báo cáo là khi nào?", "hạn chót nộp báo cáo là khi nào?"),
        ("sở nào cầm trịch", "sở nào chủ trì"),
        ("gửi hỏi ý kiến các sở", "gửi xin ý kiến các sở"),
        ("Tỉnh bỏ quy định cũ", "Tỉnh bãi bỏ quy định cũ"),
        (
            "Doanh nghiệp start-up và startup",
            "doanh nghiệp khởi nghiệp và doanh nghiệp khởi nghiệp",
        ),
        ("đăng trên website của tỉnh", "đăng trên trang thông tin điện tử của tỉnh"),
        ("ưu tiên những ngành nào?", "ưu tiên những lĩnh vực nào?"),
        (
            "Bắc Ninh dẹp bỏ quy định về cán bộ tin học",
            "Bắc Ninh bãi bỏ quy định về cán bộ công nghệ thông tin",
        ),
        ("dẹp thủ tục giấy tờ", "bãi bỏ thủ tục hành chính"),
        ("có trách nhiệm đảm bảo kinh phí", "có trách nhiệm bảo đảm kinh phí"),
        ("hộ làm ăn", "hộ kinh doanh"),
        ("sở nào xem xét con số dự trù", "sở nào xem xét con số dự toán"),
        ("xe máy không có bằng lái", "xe mô tô xe gắn máy không có giấy phép lái xe"),
        ("Chạy xe máy mà có nồng độ cồn", "Chạy xe mô tô xe gắn máy mà có nồng độ cồn"),
        # pairs of the grown lexicon (everyday.tsv)
        ("được xác nhận là thật bằng chữ ký số", "được xác thực bằng chữ ký số"),
        ("muộn nhất là ngày 15", "chậm nhất là ngày 15"),
        ("phải làm xong trước quý IV", "phải hoàn thành trước quý IV"),
        ("vượt đèn đỏ bị phạt", "không chấp hành hiệu lệnh của đèn tín hiệu giao thông bị phạt"),
    ],
)
def test_everyday_words_of_administration_read_as_written(said: str, written: str) -> None:
    assert written_words(said) == written


def test_phrases_with_another_sense_stay() -> None:
    # job placement, pensions, direct democracy, agronomy, a rule already abolished
    for kept in (
        "giao việc làm cho người lao động",
        "quy định về hưu trí",
        "trực tiếp dân chủ",
        "nhà nông học",
        "xin hỏi ý kiến",
        "đã bãi bỏ quy định",
        "các sở, ban, ngành tỉnh",
        "những sở, ngành nào chủ trì",
        "cơ quan liên ngành nào",
        "lùi hạn chót nộp báo cáo",
        "loại bỏ quy định cũ",
        "tiếp dân tộc thiểu số",
        "dẹp loạn",  # put down, not abolish
        "xe máy chuyên dùng",  # machinery, not a motorbike
        "xe máy điện",
        "chi phí xe máy, thiết bị thi công",
        "giá ca xe máy công trình",
        "người đi làm ăn xa",  # working away from home
        "chủ đầu tư dự trù khả năng sử dụng chung",  # anticipate, not an estimate
    ):
        assert written_words(kept) == kept


def test_official_text_holding_everyday_syllables_stays() -> None:
    # the lexicon reads the texts' sentences too: their own words must come out as they were
    for kept in (
        "Hoàn thành cơ bản cứng hóa đường giao thông nông thôn",
        "không để tăng ca mắc mới trong cộng đồng",
        "phải làm lại bằng văn bản",
        "làm lại sổ sách kế toán",
        "chống ùn tắc đường đô thị",
    ):
        assert written_words(kept) == kept
    assert written_words("phòng chống buôn bán người") == "phòng chống mua bán người"


def test_every_pair_leaves_its_written_form_alone() -> None:
    # a pair whose everyday pattern matched its own written form would rewrite the texts'
    # words into themselves over and over, or into something else
    for written, said in read_lexicon():
        pattern = re.compile(rf"(?<!\w)(?:{said})(?!\w)", re.IGNORECASE)
        assert not pattern.search(written), (written, said)


def test_a_malformed_lexicon_line_is_named(tmp_path: Path) -> None:
    lexicon = tmp_path / "everyday.tsv"
    lexicon.write_text("# a comment\nsử dụng\txài\ttrực tuyến\n", encoding="utf-8")
    assert read_lexicon(lexicon) == (("sử dụng", "xài"),)
    lexicon.write_text("sử dụng xài\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"everyday\.tsv:1"):
        read_lexicon(lexicon)
