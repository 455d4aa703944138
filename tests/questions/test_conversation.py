"""Follow-up questions made standalone by rules: the forms officials type after an answer."""

from __future__ import annotations

import pytest

from policybot.questions.conversation import previous_questions, resolve_follow_up, rewrite

GRDP_2025 = "Đến năm 2025 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?"
ISSUED = "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        (
            "Còn đến năm 2030 thì sao?",
            "Đến năm 2030 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?",
        ),
        ("Còn năm 2030?", "Đến năm 2030 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?"),
        ("Năm 2030 thì sao?", "Đến năm 2030 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?"),
        ("còn 2030 thì thế nào ạ?", "Đến năm 2030 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?"),
        ("Còn Bình Thuận thì sao?", "Đến năm 2025 kinh tế số của Bình Thuận chiếm bao nhiêu GRDP?"),
        (
            "Thế còn Bình Thuận đến năm 2030?",
            "Đến năm 2030 kinh tế số của Bình Thuận chiếm bao nhiêu GRDP?",
        ),
        (
            "Vậy còn huyện Triệu Phong?",
            "Đến năm 2025 kinh tế số của huyện Triệu Phong chiếm bao nhiêu GRDP?",
        ),
        ("Còn kinh tế số thì sao?", "Kinh tế số của Quảng Trị đến năm 2025?"),
    ],
)
def test_swaps_year_place_or_subject(follow_up: str, expected: str) -> None:
    assert rewrite(follow_up, GRDP_2025) == expected


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("Còn Kế hoạch 190-KH/TU thì sao?", "Kế hoạch 190-KH/TU được ban hành ngày nào?"),
        ("Còn Nghị quyết 50/NQ-CP?", "Nghị quyết 50/NQ-CP được ban hành ngày nào?"),
        ("Kế hoạch đó do ai ban hành?", "Kế hoạch số 5807/KH-UBND do ai ban hành?"),
        ("Nó do cơ quan nào chủ trì?", "Kế hoạch số 5807/KH-UBND do cơ quan nào chủ trì?"),
        ("Còn mục tiêu thì sao?", "Mục tiêu của Kế hoạch số 5807/KH-UBND?"),
    ],
)
def test_swaps_instrument_or_resolves_pronoun(follow_up: str, expected: str) -> None:
    assert rewrite(follow_up, ISSUED) == expected


def test_place_pronoun_takes_previous_province() -> None:
    assert (
        rewrite("Vậy tỉnh đó có bao nhiêu doanh nghiệp số?", GRDP_2025)
        == "Vậy tỉnh Quảng Trị có bao nhiêu doanh nghiệp số?"
    )


def test_year_range_replaces_year_range() -> None:
    prev = "Kế hoạch giai đoạn 2021-2025 của Đồng Tháp có mấy nhiệm vụ?"
    assert rewrite("Còn giai đoạn 2026-2030?", prev) == (
        "Kế hoạch giai đoạn 2026-2030 của Đồng Tháp có mấy nhiệm vụ?"
    )


@pytest.mark.parametrize(
    "question",
    [
        "Nghị quyết 52-NQ/TW của Bộ Chính trị ra đời ngày nào?",
        "Bình Thuận đặt mục tiêu gì về chuyển đổi số đến năm 2025?",
        "Còn Bình Thuận đặt mục tiêu gì?",  # a whole question of its own, despite "Còn"
    ],
)
def test_standalone_questions_pass_through(question: str) -> None:
    assert rewrite(question, GRDP_2025) == question


def test_year_inside_instrument_number_is_not_swapped() -> None:
    prev = "Nghị định 45/2020/NĐ-CP quy định gì năm 2021?"
    assert rewrite("Còn năm 2022?", prev) == "Nghị định 45/2020/NĐ-CP quy định gì năm 2022?"


def test_chain_of_follow_ups_builds_on_each_other() -> None:
    history = [
        {"role": "user", "content": GRDP_2025},
        {"role": "assistant", "content": "Khoảng 20% [1]."},
        {"role": "user", "content": "Còn Bình Thuận?"},
        {"role": "assistant", "content": "Không tìm thấy thông tin."},
    ]
    assert resolve_follow_up("Còn năm 2030?", history) == (
        "Đến năm 2030 kinh tế số của Bình Thuận chiếm bao nhiêu GRDP?"
    )


def test_history_forms_and_empty_history() -> None:
    assert previous_questions(
        [GRDP_2025, {"question": ISSUED}, {"role": "assistant", "content": "x"}, {"role": "user"}]
    ) == [GRDP_2025, ISSUED]
    assert resolve_follow_up("Còn năm 2030?", []) == "Còn năm 2030?"


def test_pipeline_uses_history(seed_pipeline) -> None:  # type: ignore[no-untyped-def]
    history = [{"role": "user", "content": GRDP_2025}]
    ans = seed_pipeline.ask("Còn đến năm 2030 thì sao?", history=history)
    assert ans.question == "Đến năm 2030 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?"
    assert not ans.refused and "30%" in ans.answer
    alone = seed_pipeline.ask("Còn đến năm 2030 thì sao?")
    assert alone.question == "Còn đến năm 2030 thì sao?"


def test_an_instrument_named_only_in_the_last_answer_resolves_the_follow_up() -> None:
    history = [
        {"role": "user", "content": "Quảng Trị thực hiện Nghị quyết 52-NQ/TW bằng kế hoạch nào?"},
        {
            "role": "assistant",
            "content": "Theo Quyết định số 749/QĐ-TTg, UBND tỉnh ban hành Kế hoạch số "
            "5807/KH-UBND ngày 17/12/2020 [1].",
        },
    ]
    # The previous question names 52-NQ/TW, a resolution: "kế hoạch đó" is not it.
    plan = resolve_follow_up("Kế hoạch đó có mấy nhóm nhiệm vụ?", history)
    assert "5807/KH-UBND" in plan and "52-NQ/TW" not in plan
    decision = resolve_follow_up("Quyết định đó là của ai?", history)
    assert "749/QĐ-TTg" in decision


def test_without_an_answer_in_history_the_anaphora_stays() -> None:
    history = [{"role": "user", "content": "Quảng Trị ưu tiên những lĩnh vực nào?"}]
    assert resolve_follow_up("Quyết định đó là của ai?", history) == "Quyết định đó là của ai?"


def test_an_anaphora_naming_the_issuer_picks_that_issuers_instrument() -> None:
    history = [
        {"role": "user", "content": "Kế hoạch 5807/KH-UBND thực hiện những văn bản nào?"},
        {
            "role": "assistant",
            "content": "Nghị quyết 50/NQ-CP của Chính phủ và Kế hoạch 190-KH/TU về thực hiện "
            "Nghị quyết 52-NQ/TW của Bộ Chính trị.",
        },
    ]
    asked = "Nghị quyết của Bộ Chính trị nói trên ban hành khi nào?"
    assert resolve_follow_up(asked, history) == "Nghị quyết 52-NQ/TW ban hành khi nào?"
    plain = resolve_follow_up("Nghị quyết đó ban hành khi nào?", history)
    assert plain == "Nghị quyết 50/NQ-CP ban hành khi nào?"
    # Without the issuer written beside it, a symbol stating another issuer rules one out.
    history[1]["content"] = "Nghị quyết 50/NQ-CP và Kế hoạch 190-KH/TU về Nghị quyết 52-NQ/TW."
    assert resolve_follow_up(asked, history) == "Nghị quyết 52-NQ/TW ban hành khi nào?"


def test_a_follow_up_with_a_subject_of_its_own_keeps_it() -> None:
    """'… ra sao?' with what it asks about is no slot swap: its subject stays, asked of the
    earlier question's place (and of the year it names itself)."""
    prev = "Huyện Triệu Phong cụ thể hóa nghị quyết nào về cách mạng công nghiệp 4.0?"
    got = rewrite("Tới năm 2030, huyện hướng tới hạ tầng mạng ra sao?", prev)
    assert got.startswith("Tới năm 2030, huyện hướng tới hạ tầng mạng")
    assert "Triệu Phong" in got
    # a bare year or place still swaps the slot, whatever glue words come with it
    assert rewrite("Còn huyện Triệu Phong thì sao?", GRDP_2025) == (
        "Đến năm 2025 kinh tế số của huyện Triệu Phong chiếm bao nhiêu GRDP?"
    )
    assert rewrite("Còn riêng đối với tỉnh Bình Thuận thì sao?", GRDP_2025) == (
        "Đến năm 2025 kinh tế số của Bình Thuận chiếm bao nhiêu GRDP?"
    )


def test_a_follow_up_asking_the_same_of_a_new_year_swaps_the_year() -> None:
    """'Còn tới 2030 thì tỉnh tính bao nhiêu?' asks the previous number of another year."""
    prev = "Quảng Trị muốn kinh tế số chiếm bao nhiêu phần GRDP vào năm 2025?"
    assert rewrite("Còn tới 2030 thì tỉnh tính bao nhiêu?", prev) == (
        "Quảng Trị muốn kinh tế số chiếm bao nhiêu phần GRDP vào năm 2030?"
    )
    # a milestone said around the year is still the year
    assert rewrite("Thế còn mốc cuối cùng năm 2045 thì sao?", prev) == (
        "Quảng Trị muốn kinh tế số chiếm bao nhiêu phần GRDP vào năm 2045?"
    )
    # … but "đầu tư công" is a subject of its own, not a point in time
    assert "đầu tư công" in rewrite("Còn đầu tư công năm 2030 thì sao?", prev).lower()
    # another kind of fact asked is a question of its own, not the previous one again
    asked = "Còn năm 2030 thì ai chủ trì?"
    assert "GRDP" not in rewrite(asked, prev)


def test_a_follow_up_pointing_back_at_a_thing_keeps_the_previous_place() -> None:
    prev = "Huyện Triệu Phong đề ra mấy nhóm giải pháp để thực hiện Nghị quyết 52?"
    got = rewrite("Trong mấy nhóm đó có nhóm nào về thủ tục hành chính không?", prev)
    assert got.endswith(", huyện Triệu Phong?")
    # a thing the previous question never named is no reference back to it
    other = "Trong các xã đó có xã nào về thủ tục hành chính không?"
    assert rewrite(other, prev) == other


def test_an_instrument_named_by_a_bare_number_keeps_the_previous_province() -> None:
    history = [
        {"role": "user", "content": "Bình Thuận ra nghị quyết về chuyển đổi số hồi nào?"},
        {"role": "assistant", "content": "Ngày 18/3/2022, tỉnh ban hành Nghị quyết số 10."},
    ]
    got = resolve_follow_up("Nghị quyết đó dựa trên mấy trụ cột?", history)
    assert got.startswith("Nghị quyết số 10 dựa trên mấy trụ cột")
    assert "Bình Thuận" in got


def test_a_new_subject_takes_the_place_of_the_one_the_question_opened_with() -> None:
    previous = "Kiến trúc sư trưởng cấp tỉnh được chọn tối đa mấy người giúp việc?"
    assert (
        rewrite("Thế còn Tổng công trình sư Dự án?", previous)
        == "Tổng công trình sư Dự án được chọn tối đa mấy người giúp việc?"
    )
    # a question that opens with its place keeps it; the new subject is asked of it
    placed = "Đồng Tháp đặt mục tiêu đến 2030 có bao nhiêu phần trăm doanh nghiệp số?"
    assert rewrite("Còn hộ kinh doanh thì sao?", placed).startswith("Hộ kinh doanh của Đồng Tháp")


def test_a_new_subject_takes_the_place_of_its_kin_inside_the_question() -> None:
    previous = (
        "Theo Nghị định 231/2025/NĐ-CP, muốn làm kiến trúc sư trưởng cấp tỉnh thì cần "
        "tối thiểu mấy năm kinh nghiệm?"
    )
    assert rewrite("Còn kiến trúc sư trưởng dự án thì sao?", previous) == (
        "Theo Nghị định 231/2025/NĐ-CP, muốn làm kiến trúc sư trưởng dự án thì cần "
        "tối thiểu mấy năm kinh nghiệm?"
    )
    # sharing one word is no kinship: the new subject is asked of the instrument
    other = rewrite("Còn chuyên gia tư vấn độc lập thì sao?", previous)
    assert other.startswith("Chuyên gia tư vấn độc lập của Nghị định 231/2025/NĐ-CP")


def test_a_new_subject_asked_the_same_in_words_of_its_own_takes_its_kins_place() -> None:
    previous = (
        "Theo Nghị định 231/2025/NĐ-CP, Kiến trúc sư trưởng cấp tỉnh phải có tối thiểu bao "
        "nhiêu năm kinh nghiệm?"
    )
    assert rewrite("Thế còn Kiến trúc sư trưởng Dự án thì yêu cầu bao nhiêu năm?", previous) == (
        "Theo Nghị định 231/2025/NĐ-CP, Kiến trúc sư trưởng Dự án phải có tối thiểu bao "
        "nhiêu năm kinh nghiệm?"
    )
    # a question about becoming one: the subject after "Muốn làm"
    becoming = "Muốn làm Tổng công trình sư hệ thống thì cần bao nhiêu năm kinh nghiệm?"
    assert rewrite("Còn kiến trúc sư trưởng dự án thì cần mấy năm?", becoming) == (
        "Muốn làm kiến trúc sư trưởng dự án thì cần bao nhiêu năm kinh nghiệm?"
    )
    # asking something the previous question did not (an allowance), or another kind of fact
    # ("ai" after "bao nhiêu"): a question of its own (the previous one names no place)
    for other in (
        "Còn Kiến trúc sư trưởng Dự án thì được hưởng phụ cấp bao nhiêu?",
        "Còn Kiến trúc sư trưởng Dự án thì ai tuyển chọn?",
    ):
        assert rewrite(other, previous) == other


def test_a_follow_up_of_its_own_is_asked_of_the_place_asked_before() -> None:
    previous = "Kế hoạch 617/KH-UBND của Đồng Tháp giao sở nào làm đầu mối?"
    assert rewrite("Còn việc định hướng báo đài thì giao sở nào?", previous) == (
        "Còn việc định hướng báo đài thì giao sở nào, Đồng Tháp?"
    )
    # one naming its own instrument or place, or pointing back at one, keeps its words
    own = "Vậy Kế hoạch 552/KH-UBND giao sở nào làm đầu mối?"
    assert rewrite(own, previous) == own
    placed = rewrite("Còn ở Cần Thơ thì giao sở nào?", previous)  # the place swapped
    assert "Cần Thơ" in placed and "Đồng Tháp" not in placed
    assert rewrite("Còn kế hoạch đó thì ai ký?", previous) == "Còn Kế hoạch 617/KH-UBND thì ai ký?"
    # without an opening word it is no follow-up of this kind, nor with "Với"; nor is one
    # about the whole country or a central body asked of the province
    for plain in (
        "Sở nào định hướng báo đài?",
        "Với hộ kinh doanh thì thủ tục đăng ký gồm những gì?",
        "Vậy cả nước có bao nhiêu doanh nghiệp nhỏ và vừa?",
        "Còn Chính phủ thì giao bộ nào chủ trì?",
    ):
        assert rewrite(plain, previous) == plain


def test_a_case_a_time_or_another_bound_is_no_new_subject() -> None:
    previous = (
        "Theo Nghị định 231/2025/NĐ-CP, Kiến trúc sư trưởng cấp tỉnh phải có tối thiểu bao "
        "nhiêu năm kinh nghiệm?"
    )
    helpers = "Kiến trúc sư trưởng cấp tỉnh được chọn tối đa mấy người giúp việc?"
    for follow_up, earlier in (
        ("Còn Kiến trúc sư trưởng Dự án thì tối đa bao nhiêu năm?", previous),
        ("Còn trường hợp đặc biệt thì được bao nhiêu người?", helpers),
        ("Còn người giúp việc thì được chọn bao nhiêu?", helpers),
    ):
        assert rewrite(follow_up, earlier) == follow_up


def test_a_follow_up_on_the_same_thing_keeps_the_level_asked() -> None:
    previous = "Kiến trúc sư trưởng cấp tỉnh được chọn tối đa bao nhiêu người giúp việc?"
    got = rewrite("Vậy lương mấy người giúp việc đó bao nhiêu một tháng?", previous)
    assert got.endswith("cấp tỉnh?")
    # a follow-up naming its own level keeps it
    own = rewrite("Vậy mấy người giúp việc đó ở cấp bộ thì sao?", previous)
    assert "cấp tỉnh" not in own


@pytest.mark.parametrize(
    "follow_up",
    [
        "Thế tới 2030 thì con số đó là bao nhiêu?",
        "Còn năm 2030 thì tỷ lệ này là bao nhiêu?",
        # the figure asked by name, and the verbs of aiming at it
        "Thế còn mốc năm 2030 thì tỉnh nhắm con số bao nhiêu?",
        "Còn năm 2030 thì tỉnh dự kiến chỉ tiêu là bao nhiêu?",
    ],
)
def test_the_figure_pointed_back_at_is_asked_again_of_the_new_year(follow_up: str) -> None:
    previous = (
        "Theo Kế hoạch 5807/KH-UBND, đến năm 2025 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?"
    )
    assert resolve_follow_up(follow_up, [previous]) == previous.replace("2025", "2030")


def test_a_figure_pointed_back_at_with_a_subject_of_its_own_is_not_a_swap() -> None:
    previous = "Đến năm 2025 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?"
    said = resolve_follow_up(
        "Thế tới 2030 thì con số đó của dịch vụ công trực tuyến là bao nhiêu?", [previous]
    )
    assert "dịch vụ công trực tuyến" in said and "GRDP" not in said


def test_words_holding_an_aiming_verbs_syllables_are_still_a_subject() -> None:
    # "dự án" and "đấu giá" are no "dự kiến" or "phấn đấu": the follow-up asks of them
    previous = "Năm 2024 tỉnh Đồng Tháp tổ chức bao nhiêu cuộc thanh tra?"
    for follow_up, subject in (
        ("Còn năm 2025 thì bao nhiêu cuộc đấu giá?", "đấu giá"),
        ("Còn năm 2025 có bao nhiêu dự án?", "dự án"),
    ):
        said = resolve_follow_up(follow_up, [previous])
        assert subject in said and "thanh tra" not in said, said
