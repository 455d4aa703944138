"""A year the question gives to what a document's title names (answers/titled_year.py)."""

from pathlib import Path

import pytest
from tests.conftest import embedded_pipeline

from policybot.answers.titled_year import other_titled_year, titled_years
from policybot.pipeline import Pipeline

TITLE = "Nghị quyết 105/2025/UBTVQH15 về Chương trình lập pháp năm 2026"


def test_another_years_programme_is_another_document() -> None:
    q = "Chương trình lập pháp năm 2025 được thông qua tại phiên họp thứ mấy?"
    passage = "Nghị quyết này được thông qua tại Phiên họp thứ 49 ngày 26 tháng 9 năm 2025."
    assert other_titled_year(q, TITLE, passage)


def test_the_titles_own_year_and_questions_without_one_pass() -> None:
    passage = "Nghị quyết này được thông qua tại Phiên họp thứ 49."
    assert not other_titled_year("Chương trình lập pháp năm 2026 gồm mấy luật?", TITLE, passage)
    assert not other_titled_year("Chương trình lập pháp gồm mấy luật?", TITLE, passage)
    # a year given to other words than the title's ("đến năm 2025" of a target)
    assert not other_titled_year("Đến năm 2025 tỷ lệ hồ sơ trực tuyến là bao nhiêu?", TITLE, "")


def test_a_passage_naming_the_questions_year_still_answers() -> None:
    q = "Chương trình lập pháp năm 2025 còn những dự án nào chuyển sang?"
    passage = "Các dự án của Chương trình lập pháp năm 2025 chưa trình được chuyển sang năm 2026."
    assert not other_titled_year(q, TITLE, passage)


def test_a_year_naming_the_document_is_not_asked_of_its_sentences() -> None:
    assert titled_years("Chương trình lập pháp năm 2026 gồm mấy luật?", TITLE) == {"2026"}
    assert titled_years("Chương trình lập pháp năm 2025 gồm mấy luật?", TITLE) == set()
    assert titled_years("Năm 2026 trình mấy luật?", TITLE) == set()


def test_a_target_year_is_no_name() -> None:
    title = "Kế hoạch chuyển đổi số tỉnh Sơn La đến năm 2025"
    q = "Kế hoạch chuyển đổi số đến năm 2030 đặt mục tiêu gì?"
    assert not other_titled_year(q, title, "Tầm nhìn đến năm 2030, kinh tế số chiếm 30% GRDP.")
    # the question's year spoken of by the passage, not only as a day it is dated
    q = "Chuyển đổi số năm 2024 đạt kết quả gì?"
    assert not other_titled_year(q, "Kế hoạch chuyển đổi số năm 2025", "Năm 2024, tỉnh đã ...")
    assert other_titled_year(q, "Kế hoạch chuyển đổi số năm 2025", "Ngày 02/01/2024, tỉnh ...")


@pytest.fixture(scope="module")
def programme(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    """Nghị quyết 105/2025/UBTVQH15 (vbpl.vn), the 2026 law-making programme, adopted in 2025."""
    return embedded_pipeline(tmp_path_factory.mktemp("programme"), "programme")


def test_the_programme_of_another_year_is_not_answered(programme: Pipeline) -> None:
    a = programme.ask(
        "Chương trình lập pháp năm 2025 được Ủy ban Thường vụ thông qua tại phiên họp thứ mấy?"
    )
    assert a.refused, a.answer
    assert "49" not in a.answer.split(":")[0]  # no answer stated; related passages may follow
    a = programme.ask(
        "Chương trình lập pháp năm 2026 được Ủy ban Thường vụ thông qua tại phiên họp thứ mấy?"
    )
    assert not a.refused and "Phiên họp thứ 49" in a.answer


PLAN_TITLE = (
    "Quyết định 63/QĐ-TTg Phê duyệt Quy hoạch phát triển an toàn thông tin số quốc gia đến năm 2020"
)


def test_a_document_named_by_type_and_title_words_with_its_year() -> None:
    q = "Trong Quy hoạch phát triển an toàn thông tin số quốc gia đến năm 2020, ai chủ trì?"
    assert titled_years(q, PLAN_TITLE) == {"2020"}  # the plan's name, asked of no sentence
    assert not other_titled_year(q, PLAN_TITLE, "")
    # the same plan with another horizon is another plan
    other = q.replace("2020", "2030")
    assert titled_years(other, PLAN_TITLE) == set()
    assert other_titled_year(other, PLAN_TITLE, "| 4 | Xây dựng hệ thống | Ban Cơ yếu |")
    # a target year in words that do not name the document by its type stays asked
    assert titled_years("Tỷ lệ an toàn thông tin số quốc gia đến năm 2020?", PLAN_TITLE) == set()


def test_the_year_an_instrument_was_issued_names_it() -> None:
    """ "Theo quy định … của TP.HCM năm 2010": 2010 is when the rule was issued, not a year
    its sentences must speak of; "đến năm 2030" is a target all the same."""
    from policybot.answers.titled_year import issue_year_named

    asked = "Theo quy định trực ban của TP.HCM năm 2010, phải trực từ ngày nào đến ngày nào?"
    assert issue_year_named(asked, "2010-11-17") == {"2010"}
    assert issue_year_named(asked, "2012-01-05") == set()  # another year's document
    assert issue_year_named("Kế hoạch đặt mục tiêu gì đến năm 2010?", "2010-11-17") == set()
    assert issue_year_named(asked, None) == set()


def test_another_month_of_the_titled_year_is_another_meeting() -> None:
    title = "Nghị quyết Phiên họp Chính phủ thường kỳ tháng 12 năm 2009"
    passage = "Chính phủ đã thảo luận Báo cáo tình hình kinh tế - xã hội tháng 12 và cả năm 2009."
    asked = "Nghị quyết phiên họp Chính phủ thường kỳ tháng 11 năm 2009 giao Bộ Công Thương gì?"
    assert other_titled_year(asked, title, passage)
    assert not other_titled_year(asked.replace("tháng 11", "tháng 12"), title, passage)
    assert not other_titled_year(asked, title, "Kết quả tháng 11/2009 cho thấy kinh tế phục hồi.")
    # a title naming no month, or another year, holds no month asked
    assert not other_titled_year(asked, "Nghị quyết về phiên họp Chính phủ", passage)


def test_the_year_given_an_undated_instrument_names_it(tmp_path: Path) -> None:
    """A scan whose date OCR lost: "Chỉ thị 02/CT-BCT năm 2010" still names the directive,
    the year is no period its sentences must speak of; the years given to instruments are
    read as before."""
    from policybot.answers.titled_year import instrument_years

    asked = "Theo Chỉ thị 02/CT-BCT năm 2010, đơn vị nào có trách nhiệm bảo đảm kinh phí?"
    assert instrument_years(asked) == {"2010"}
    assert instrument_years("Kế hoạch đặt mục tiêu gì đến năm 2030?") == set()
    assert instrument_years("Chỉ thị 02/CT-BCT yêu cầu năm 2011 làm gì?") == set()  # not its year
    assert instrument_years("Nghị quyết 52-NQ/TW của Bộ Chính trị năm 2019 nói gì?") == {"2019"}
    pipeline = embedded_pipeline(tmp_path, "undated")
    entry = pipeline.registry().entries["02/CT-BCT"]
    assert entry.own_doc and entry.date is None
    ans = pipeline.ask(asked)
    assert not ans.refused and "Vụ Tài chính" in ans.answer
    # named by its type, issuer and year alone: the year its date line still shows dates it
    assert entry.year == 2010
    from policybot.instruments.instrument_views import list_instruments

    listed = list_instruments(pipeline.registry(), year=2010)
    assert [(r["number"], r["date"], r["year"]) for r in listed] == [("02/CT-BCT", None, 2010)]
    assert list_instruments(pipeline.registry(), year=2011) == []
    # the year of issue is what "năm nào" asks; a day asked is still not given
    issued = pipeline.ask("Chỉ thị 02/CT-BCT được ban hành năm nào?")
    assert not issued.refused and "năm 2010" in issued.answer
    assert pipeline.ask("Chỉ thị 02/CT-BCT được ban hành ngày nào?").refused
    unnumbered = "Chỉ thị của Bộ Công Thương năm 2010 giao đơn vị nào bảo đảm kinh phí?"
    ans = pipeline.ask(unnumbered)
    assert not ans.refused and "Vụ Tài chính" in ans.answer
    # … and not when the question gives it another year
    assert pipeline.ask(unnumbered.replace("2010", "2012")).refused


def test_a_question_opening_with_the_year_someone_issued_the_instrument_names_it() -> None:
    """ "Năm 2010 Thủ tướng sửa quyết định …": the year the decision was issued in, not a
    year its sentences must speak of; a year that opens a question about a target, or
    another year than the document's, names nothing."""
    from policybot.answers.titled_year import issue_year_named

    amended = "Năm 2010 Thủ tướng sửa quyết định về hỗ trợ lãi suất; theo đó trích bao nhiêu?"
    assert issue_year_named(amended, "2010-01-07") == {"2010"}
    assert issue_year_named("Hồi 2021, tỉnh ban hành kế hoạch nào về số hóa?", "2021") == {"2021"}
    assert issue_year_named(amended, "2011-01-07") == set()
    assert issue_year_named("Năm 2025 tỉnh đạt bao nhiêu xã theo kế hoạch?", "2025-01-01") == set()
    targets = "Năm 2022 các mục tiêu đề ra tại kế hoạch chuyển đổi số có đạt không?"
    assert issue_year_named(targets, "2022-03-15") == set()
    assert issue_year_named("Năm 2010 Bộ ra chỉ thị gì về giá cả?", "2010") == {"2010"}


def test_a_target_year_said_without_nam_names_the_plan_too() -> None:
    title = (
        "Quyết định 63/QĐ-TTg phê duyệt quy hoạch phát triển an toàn thông tin số quốc gia"
        " đến năm 2020"
    )
    asked = (
        "Trong quy hoạch an toàn thông tin số quốc gia đến 2020, dự án nào do Bộ Công an chủ trì?"
    )
    assert titled_years(asked, title) == {"2020"}
    other = (
        "Trong quy hoạch an toàn thông tin số quốc gia đến 2030, dự án nào do Bộ Công an chủ trì?"
    )
    assert titled_years(other, title) == set()
    assert other_titled_year(other, title, "Bộ Công an chủ trì dự án, 2011 - 2015.")
