"""A generated answer must say what the extractive evidence says: the asked fact, the body,
the content, every item of a list (checks on fixed texts)."""

from __future__ import annotations

from policybot.answers.agreement import missing_body, missing_content, missing_fact, missing_items
from policybot.answers.stated import STOPWORDS


def test_answer_must_state_the_asked_fact_of_the_evidence() -> None:
    evidence = "Nghị quyết số 10 được Ban Chấp hành Đảng bộ tỉnh ban hành ngày 18/3/2022 [1]."
    when = frozenset({"date", "daymonth", "monthyear", "year"})
    wrong = "Nghị quyết số 10 về chuyển đổi số được ban hành vào năm 2025 [1]."
    assert missing_fact(wrong, evidence, when, asked=["10"]) == "ngày 18/3/2022"
    assert missing_fact("Ban hành ngày 18 tháng 3 năm 2022 [1].", evidence, when) is None
    # The year alone is less than the evidence states.
    assert missing_fact("Ban hành năm 2022 [1].", evidence, when) == "ngày 18/3/2022"
    assert missing_fact("Đến năm 2030 [1].", "Phủ sóng 5G đến năm 2030 [1].", when) is None
    number = frozenset({"percent", "number"})
    target = "Đến năm 2025, kinh tế số chiếm 20% GRDP [1]."
    assert missing_fact("Năm 2025 kinh tế số chiếm 30% [1].", target, number) == "20%"
    assert missing_fact("Chiếm khoảng 20 phần trăm [1].", target, number) is None
    assert missing_fact("Không có số liệu [1].", "Ban hành kế hoạch [1].", number) is None


def test_who_answer_must_name_the_body_of_the_evidence() -> None:
    question = "Ai ban hành Nghị quyết về chuyển đổi số tỉnh Quảng Trị?"
    evidence = (
        "Đó là mục tiêu của Nghị quyết về chuyển đổi số tỉnh Quảng Trị của Ban Chấp hành "
        "Đảng bộ tỉnh khóa XVII [1]."
    )
    labels = (
        "Quyết định số 749/QĐ-TTg của Thủ tướng Chính phủ [1]. Kế hoạch số 5807/KH-UBND "
        "ngày 17/12/2020 của UBND tỉnh Quảng Trị [2]."
    )
    missing = missing_body(labels, evidence, question, "Quảng Trị")
    assert missing == "Ban Chấp hành Đảng bộ tỉnh Quảng Trị khóa XVII"
    # Named with or without its place and term, the body is there.
    for good in (
        "Nghị quyết do Ban Chấp hành Đảng bộ tỉnh ban hành [1].",
        "Ban Chấp hành Đảng bộ tỉnh Quảng Trị khóa XVII ban hành nghị quyết [1].",
    ):
        assert missing_body(good, evidence, question, "Quảng Trị") is None, good
    # Another province's committee is another body.
    other = "Ban Chấp hành Đảng bộ tỉnh Bình Thuận ban hành nghị quyết [1]."
    assert missing_body(other, evidence, question, "Quảng Trị") is not None
    # Bodies the question names are not what it asks about.
    asked = "Theo kế hoạch, Sở Thông tin và Truyền thông phối hợp với sở nào?"
    both = "Sở Thông tin và Truyền thông chủ trì, phối hợp Sở Công Thương xây dựng đề án [1]."
    only_named = "Sở Thông tin và Truyền thông chủ trì xây dựng đề án [1]."
    assert missing_body(only_named, both, asked) == "Sở Công Thương"
    assert missing_body("Phối hợp với Sở Công Thương [1].", both, asked) is None
    # Evidence naming no body sets no requirement.
    assert missing_body("Các sở, ngành [1].", "Các đơn vị liên quan thực hiện [1].", asked) is None


EVIDENCE_2045 = (
    "Tầm nhìn đến năm 2045, Quảng Trị trở thành tỉnh có trình độ công nghệ, chất lượng nguồn "
    "nhân lực và năng suất lao động ở mức khá của cả nước [1]."
)
QUESTION_2045 = "Tầm nhìn của Quảng Trị đến năm 2045 là gì?"


def test_an_answer_that_keeps_the_evidence_content_passes() -> None:
    reworded = (
        "Đến năm 2045, Quảng Trị hướng tới trình độ công nghệ, chất lượng nguồn nhân lực và "
        "năng suất lao động ở mức khá của cả nước [1]."
    )
    assert missing_content(reworded, EVIDENCE_2045, QUESTION_2045, STOPWORDS) is None


def test_an_answer_about_something_else_from_the_same_sources_is_caught() -> None:
    elsewhere = "Đến năm 2045, Quảng Trị phủ sóng mạng di động 5G tới mọi người dân [1]."
    missing = missing_content(elsewhere, EVIDENCE_2045, QUESTION_2045, STOPWORDS)
    assert missing is not None and "nhân" in missing


def test_the_question_own_words_and_short_evidence_do_not_count() -> None:
    # Evidence that only repeats the question has nothing to demand.
    assert (
        missing_content("Không rõ [1].", "Tầm nhìn của Quảng Trị [1].", QUESTION_2045, STOPWORDS)
        is None
    )


QUESTION_LIST = "Đối tượng thi đua cá nhân trong phong trào của tỉnh gồm những ai?"
EVIDENCE_LIST = (
    "Về cá nhân bao gồm: cán bộ, công chức, viên chức, người lao động tại các cơ quan, đơn vị, "
    "doanh nghiệp; các hộ gia đình, nhân dân trên địa bàn tỉnh [1]."
)


def test_a_list_answer_that_drops_whole_groups_is_caught() -> None:
    shortened = (
        "Gồm công chức, viên chức, người lao động tại các cơ quan, đơn vị, doanh nghiệp [1]."
    )
    missing = missing_items(shortened, EVIDENCE_LIST, QUESTION_LIST, STOPWORDS)
    assert missing is not None
    assert "cán bộ" in missing and "hộ gia đình" in missing


def test_a_list_answer_that_keeps_the_items_in_other_order_passes() -> None:
    full = (
        "Cá nhân dự thi đua là hộ gia đình và nhân dân trong tỉnh; cán bộ, công chức, viên "
        "chức; người lao động ở cơ quan, đơn vị, doanh nghiệp [1]."
    )
    assert missing_items(full, EVIDENCE_LIST, QUESTION_LIST, STOPWORDS) is None


def test_evidence_that_is_no_list_sets_no_item_requirement() -> None:
    single = "Sở Nội vụ là cơ quan thường trực [1]."
    assert missing_items("Không rõ [1].", single, QUESTION_LIST, STOPWORDS) is None


def test_the_lead_and_numbering_of_a_list_are_no_items() -> None:
    evidence = (
        "UBND tỉnh giao các sở, ngành thực hiện các nhiệm vụ sau: Thứ nhất, phát triển hạ tầng "
        "số; Thứ hai, xây dựng chính quyền số; Thứ ba, đào tạo nhân lực công nghệ [1]."
    )
    question = "Các sở được giao những nhiệm vụ gì?"
    numbered = (
        "1. Phát triển hạ tầng số. 2. Xây dựng chính quyền số. 3. Đào tạo nhân lực công nghệ [1]."
    )
    assert missing_items(numbered, evidence, question, STOPWORDS) is None
    two_of_three = "1. Phát triển hạ tầng số. 2. Xây dựng chính quyền số [1]."
    assert (
        missing_items(two_of_three, evidence, question, STOPWORDS) == "đào tạo nhân lực công nghệ"
    )


def test_a_body_name_with_commas_is_one_item() -> None:
    evidence = "Sở Văn hóa, Thể thao và Du lịch; Sở Thông tin và Truyền thông phối hợp [1]."
    question = "Những cơ quan nào phối hợp?"
    both = "Phối hợp có Sở Thông tin và Truyền thông và Sở Văn hóa, Thể thao và Du lịch [1]."
    assert missing_items(both, evidence, question, STOPWORDS) is None
    one = "Sở Thông tin và Truyền thông phối hợp [1]."
    assert missing_items(one, evidence, question, STOPWORDS) is not None
