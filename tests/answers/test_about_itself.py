"""What a document governs and whom it binds: the questions asking it, and the sentences in
which the document says it."""

from __future__ import annotations

import pytest
from tests.conftest import embedded_pipeline

import policybot.answers.candidates as candidates_module
from policybot.answers.about_itself import (
    annex_caption,
    restates_title,
    scope_asked,
    states_its_scope,
)
from policybot.pipeline import Pipeline
from policybot.questions.question import analyze


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Quy định về an toàn sử dụng điện áp dụng cho những đối tượng nào?", True),
        ("Thông tư áp dụng đối với ai?", True),
        ("Phạm vi điều chỉnh của nghị định là gì?", True),
        ("Luật này quy định những gì?", True),
        # who does something, or a rule of it, is asked: not its scope
        ("Sở nào quy định mức phí?", False),
        ("Mức phạt áp dụng cho hành vi này là bao nhiêu?", False),
        ("Phạm vi hành lang bảo vệ đường dây 500 kV là bao nhiêu mét?", False),
        ("Trong phạm vi tỉnh, sở nào chủ trì?", False),
        ("Đối tượng nào được miễn học phí?", False),
        ("Thông tư quy định gì về thời hạn nộp báo cáo?", False),
    ],
)
def test_a_question_asking_what_a_document_governs(question: str, asked: bool) -> None:
    assert scope_asked(question) is asked


def test_the_sentence_in_which_a_document_says_what_it_governs() -> None:
    assert states_its_scope("Quy định này áp dụng đối với cơ quan, đơn vị, hộ gia đình.")
    assert states_its_scope("Thông tư này quy định về bảo vệ an toàn công trình lưới điện.")
    # under its "Đối tượng áp dụng" article, whatever the sentence says
    assert states_its_scope("Các hộ dân sống trong hành lang an toàn.", "Điều 2. Đối tượng áp dụng")
    # "Quy định" named after "Quyết định này" is the regulation's name, not its verb
    assert not states_its_scope("Ban hành kèm theo Quyết định này Quy định về quản lý an toàn.")
    assert not states_its_scope("Ủy ban nhân dân tỉnh ban hành Quyết định ban hành Quy định.")
    # a rule deferring to the document, or one it leaves out, states no scope
    assert not states_its_scope("Thực hiện theo quy định, trừ trường hợp Luật này quy định khác.")
    assert not states_its_scope("Những nội dung Thông tư này không quy định thì áp dụng Luật.")
    assert not states_its_scope("Ban hành kèm theo Quyết định này quy định về quản lý an toàn.")


@pytest.fixture(scope="module")
def circular(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return embedded_pipeline(tmp_path_factory.mktemp("official"), "official")


def test_whom_a_circular_binds_is_answered_by_its_own_sentence_saying_so(
    circular: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the question names the circular by its title, which its promulgation sentence repeats
    question = (
        "Thông tư về sản phẩm, dịch vụ công nghệ số được hưởng ưu đãi khi lựa chọn nhà thầu "
        "áp dụng cho những đối tượng nào?"
    )
    retriever, answerer = circular.load()

    def scores() -> dict[str, float]:
        scored = answerer._score(analyze(question), retriever.search(question, k=8))
        return {x.sentence.text: x.score for x in scored}

    lifted = scores()
    monkeypatch.setattr(candidates_module, "SCOPE_TIER", 0.0)
    plain = scores()
    own = next(t for t in lifted if t.startswith("Thông tư này áp dụng đối với"))
    issuing = next(t for t in lifted if "ban hành Thông tư quy định về" in t)
    assert max(lifted, key=lifted.__getitem__) == own
    assert lifted[own] - plain[own] == pytest.approx(0.5)
    assert lifted[issuing] == plain[issuing]


def test_a_line_naming_only_its_document_restates_its_title() -> None:
    title = (
        "Quyết định 80/QĐ-BTTTT phê duyệt Kế hoạch chuyển đổi kênh tần số truyền hình mặt đất"
        " băng tần UHF (470-806) MHz giai đoạn 2014-2017"
    )
    named = "Kế hoạch chuyển đổi kênh tần số truyền hình mặt đất băng tần UHF(470-806)MHz"
    assert restates_title(named + " giai đoạn 2014-2017", title)
    # a word of its own is something said
    assert not restates_title("Kế hoạch chuyển đổi kênh được hỗ trợ 30% chi phí", title)
    assert not restates_title("Kế hoạch 2014-2017", title)  # too short to tell


def test_an_annex_caption_only_says_which_instrument_it_comes_with() -> None:
    assert annex_caption("(Kèm theo Quyết định số 2512/QĐ-UBND ngày 21/11/2025 của Chủ tịch)")
    assert annex_caption("(Ban hành kèm theo Quyết định số 12/2025/QĐ-UBND)")
    assert annex_caption("Phụ lục I (Kèm theo Quyết định số 2512/QĐ-UBND)")
    assert not annex_caption("Công bố kèm theo Quyết định này Danh mục 01 thủ tục hành chính.")
    assert not annex_caption("- Kèm theo hồ sơ gồm các giấy tờ sau:")


def test_an_instruments_name_answers_only_what_it_is_about(circular: Pipeline) -> None:
    retriever, answerer = circular.load()

    def naming(question: str) -> list[str]:
        spec = analyze(question)
        scored = answerer._score(spec, retriever.search(question, k=8))
        assert scored  # the circular's other sentences stay candidates
        return [
            s.sentence.text
            for s in scored
            if restates_title(s.sentence.text, s.sentence.hit.chunk.title)
        ]

    # its name repeats the question's words but says nothing of how the preference is given
    asked = "Theo Thông tư 34/2025/TT-BKHCN, sản phẩm, dịch vụ công nghệ số được ưu đãi thế nào?"
    assert naming(asked) == []
    # what it is about: its name says it
    assert naming("Thông tư 34/2025/TT-BKHCN quy định về việc gì?")
