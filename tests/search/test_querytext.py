"""What retrieval searches for: answer-format phrasing out, named sources recognised."""

from __future__ import annotations

import pytest

from policybot.search.querytext import retrieval_text
from policybot.search.sources import SourceIndex, initials, source_of


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("Hợp đồng lữ hành phải lập thành văn bản. Đúng hay sai?",
         "Hợp đồng lữ hành phải lập thành văn bản"),
        ("Người chưa thành niên có thể cư trú nơi khác, đúng hay sai?",
         "Người chưa thành niên có thể cư trú nơi khác"),
        ("Thời hạn tạm trú tối đa là 02 năm là đúng hay sai?", "Thời hạn tạm trú tối đa là 02 năm"),
        ("Dịch vụ du lịch khác bao gồm điều nào dưới đây? Chọn câu trả lời đúng nhất.",
         "Dịch vụ du lịch khác bao gồm điều nào ?"),
        ("Điều nào sau đây không thuộc trách nhiệm của cơ quan đăng ký cư trú?",
         "Điều nào không thuộc trách nhiệm của cơ quan đăng ký cư trú?"),
        ("Cho tôi hỏi, Kế hoạch 5807 ban hành ngày nào?", "Kế hoạch 5807 ban hành ngày nào?"),
        ("Kế hoạch số 5807/KH-UBND được ban hành ngày nào?",
         "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"),
        ("Con số nào được nhắc tới trong bài về Nghị quyết 10?", "Con số nào Nghị quyết 10?"),
        ("Theo bài viết về Kế hoạch 5807, ai chủ trì?", "Kế hoạch 5807, ai chủ trì?"),
        ("Mục tiêu nào được đề cập đến trong tin bài?", "Mục tiêu nào ?"),
        # "bài" of its own is no framing: "bài học" stays, and so does a question that asks
        # which article.
        ("Bài học nào được nêu trong Nghị quyết?", "Bài học nào được nêu trong Nghị quyết?"),
        ("Nhiệm vụ được nêu trong bài học kinh nghiệm là gì?",
         "Nhiệm vụ được nêu trong bài học kinh nghiệm là gì?"),
        ("Kế hoạch 5807 được nhắc đến trong bài nào?",
         "Kế hoạch 5807 được nhắc đến trong bài nào?"),
        ("Kế hoạch được nêu trong bài viết nào?", "Kế hoạch được nêu trong bài viết nào?"),
        ("Tin nhắn được nêu ở tin về chuyển đổi số là gì?", "Tin nhắn chuyển đổi số là gì?"),
        ("đúng hay sai?", "đúng hay sai?"),  # nothing left: the question stays as asked
    ],
)  # fmt: skip
def test_answer_format_phrasing_is_not_searched(question: str, searched: str) -> None:
    assert retrieval_text(question) == searched


def test_source_names_and_initials() -> None:
    assert source_of("Bộ Luật Dân sự 2015 — Điều 1. Phạm vi điều chỉnh") == "Bộ Luật Dân sự"
    assert source_of("Luật Du lịch năm 2017 - Điều 39. Hợp đồng lữ hành") == "Luật Du lịch"
    assert source_of("Thúc đẩy nhanh chuyển đổi số trong hệ thống chính trị") is None
    assert source_of("Luật — Điều 1") is None  # one word names nothing
    assert initials("Bộ Luật Dân sự") == "BLDS" and initials("Luật Lao động") == "LLĐ"


def test_questions_naming_a_source_find_its_documents() -> None:
    index = SourceIndex(
        {
            "ds#1": "Bộ Luật Dân sự 2015 — Điều 1. Phạm vi điều chỉnh",
            "ds#2": "Bộ Luật Dân sự 2015 — Điều 2. Công nhận quyền dân sự",
            "dl#39": "Luật Du lịch 2017 — Điều 39. Hợp đồng lữ hành",
            "dl#48": "Luật Du lịch 2017 — Điều 48. Các loại cơ sở lưu trú du lịch",
            "pccc#1": "Luật Phòng, chống ma túy 2021 — Điều 1. Phạm vi",
            "pccc#2": "Luật Phòng, chống ma túy 2021 — Điều 2. Giải thích từ ngữ",
            "tin": "Lan tỏa Nghị quyết chuyển đổi số: Bình Thuận",  # shared by no other
        }
    )
    assert index.named("Theo Luật Du Lịch, hợp đồng lữ hành có lập thành văn bản?") == {
        "dl#39",
        "dl#48",
    }
    assert index.named("Theo BLDS năm 2015, vật đặc định là gì?") == {"ds#1", "ds#2"}
    assert index.named("Theo Luật Dân sự, năng lực pháp luật là gì?") == {"ds#1", "ds#2"}
    assert index.named("luật phòng chống ma túy quy định gì") == {"pccc#1", "pccc#2"}
    assert index.named("Hợp đồng lữ hành phải có những nội dung nào?") == set()
    assert index.named("Bình Thuận ban hành nghị quyết khi nào?") == set()
    assert not SourceIndex({"a": "Tin một", "b": "Tin hai"})


def test_a_leading_clause_naming_the_document_is_no_content() -> None:
    from policybot.search.querytext import without_source

    q = (
        "Theo văn bản hợp nhất Thông tư về khung giá phát điện của Bộ Công Thương, khung giá "
        "phát điện nằm trong phạm vi nào?"
    )
    assert without_source(q) == "khung giá phát điện nằm trong phạm vi nào?"
    # no document named, or no clause after it: unchanged
    plain = "Theo anh, khung giá phát điện nằm trong phạm vi nào?"
    assert without_source(plain) == plain
    then = "Theo kế hoạch về cách mạng 4.0 của Quảng Trị thì sở nào được giao soạn kế hoạch?"
    assert without_source(then) == "sở nào được giao soạn kế hoạch?"
    whole = "Theo Thông tư 57 khung giá phát điện nằm trong phạm vi nào?"
    assert without_source(whole) == whole


def test_a_closing_clause_naming_the_document_is_no_content() -> None:
    from policybot.search.querytext import without_source

    q = "Thủ tướng giao giảm ít nhất bao nhiêu phần trăm, theo chỉ thị của Bộ Công Thương?"
    assert without_source(q) == "Thủ tướng giao giảm ít nhất bao nhiêu phần trăm?"
    # a closing clause that names no document stays
    kept = "Thủ tướng giao giảm ít nhất bao nhiêu phần trăm, theo anh?"
    assert without_source(kept) == kept
    # a closing clause that asks more is no source
    more = "Tổng kinh phí là bao nhiêu, trong đó vốn cho đề án là bao nhiêu?"
    assert without_source(more) == more
    asks = "Giảm bao nhiêu phần trăm, theo chỉ thị nào của Bộ Công Thương?"
    assert without_source(asks) == asks
