"""Who proposed an instrument is read from its preamble ("Theo đề nghị của …"), and "thay bằng
văn bản nào" asked of an instrument that only abolished the old one is refused, saying what
the corpus does show. Real documents: Thông tư 34/2025/TT-BKHCN, Nghị định 19/2019/NĐ-CP
(excerpts) and Quyết định 451/QĐ-UBND of Bắc Ninh (whole)."""

from __future__ import annotations

import pytest
from tests.conftest import hashed_index, make_settings

from policybot.instruments.own_cues import SUBSTITUTE_ASKED
from policybot.instruments.proposer import PROPOSER_ASKED, proposal
from policybot.pipeline import Pipeline, build_pipeline
from policybot.types import Chunk


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    index = hashed_index(tmp_path_factory.mktemp("proposer"), "official", "abolition")
    return build_pipeline(make_settings(index, backend="hash"))


@pytest.mark.parametrize(
    ("question", "proposer"),
    [
        ("Thông tư 34/2025/TT-BKHCN do cơ quan nào trình?", "Cục trưởng Cục Công nghiệp công"),
        (
            "Nghị định về họ, hụi, biêu, phường ban hành theo đề nghị của ai?",
            "Bộ trưởng Bộ Tư pháp",
        ),
        (
            "Vụ Bắc Ninh bãi bỏ quy định quản lý cán bộ chuyên trách công nghệ thông tin của "
            "Bắc Giang cũ là do cơ quan nào trình lên?",
            "Sở Khoa học và Công nghệ",
        ),
    ],
)
def test_who_proposed_is_the_preambles_proposal(
    pipeline: Pipeline, question: str, proposer: str
) -> None:
    a = pipeline.ask(question)
    assert not a.refused, a.answer
    assert "đề nghị của" in a.answer and proposer in a.answer


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Quyết định này do sở nào đề xuất ban hành?", True),
        ("Thông tư do cơ quan nào trình?", True),
        ("Ban hành theo tờ trình của cơ quan nào?", True),
        ("Quyết định 451 do cơ quan nào trình lên, tờ trình số mấy?", True),
        ("Tờ trình số mấy đề xuất ban hành quyết định này?", True),
        ("Nghị định 231 là bộ nào đứng ra đề nghị Chính phủ ban hành?", True),
        ("Việc bãi bỏ đó là do cơ quan nào đề xuất lên tỉnh?", True),  # to whom, no object
        ("Sở nào đề xuất lên tỉnh kinh phí hỗ trợ?", False),
        ("Sở nào đề xuất giải pháp hỗ trợ doanh nghiệp?", False),  # a task, with its object
        ("Cơ quan nào tham mưu tổ chức thực hiện kế hoạch?", False),
        ("Quyết định này do cơ quan nào ban hành?", False),  # the issuer
    ],
)
def test_a_proposer_is_asked_only_without_an_object(question: str, asked: bool) -> None:
    assert bool(PROPOSER_ASKED.search(question.casefold())) is asked


def test_a_proposal_wrapped_over_lines_is_read_whole() -> None:
    text = (
        "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
        "Theo đề nghị của Giám đốc Sở Khoa học và\nCông nghệ tại Tờ trình số 110/TTr-SKHCN;\n"
        "QUYẾT ĐỊNH:\nĐiều 1. Theo đề nghị của Sở Tài chính, giao …"
    )
    chunk = Chunk(id="c1", doc_id="d", text=text, title="Quyết định", ordinal=0)
    found = proposal([chunk])
    assert found is not None
    assert found[0] == (
        "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ tại Tờ trình số 110/TTr-SKHCN"
    )


def test_a_proposal_ending_the_preamble_with_a_comma_is_read() -> None:
    """The last line before "QUYẾT ĐỊNH :" ends the preamble, whatever ends it (a scan of
    Quyết định 25/QĐ-TTg: "Xét đề nghị của Bộ Tài chính,")."""
    text = (
        "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;\n\n"
        "Xét đề nghị của Bộ Tài chính,\n\nQUYẾT ĐỊNH :\nĐiều 1. Sửa đổi …"
    )
    found = proposal([Chunk(id="c1", doc_id="d", text=text, title="Quyết định", ordinal=0)])
    assert found is not None and found[0] == "Xét đề nghị của Bộ Tài chính"


def test_a_proposal_ending_before_the_issuers_enacting_words_is_read() -> None:
    """The Party's texts end the preamble with the issuer's enacting words after a comma
    (Quy định 383-QĐ/TW: "Xét đề nghị của Chánh Văn phòng Trung ương Đảng, Ban Bí thư quy
    định về …"); a comma inside the proposal does not end it."""
    text = (
        "- Căn cứ Điều lệ Đảng;\n- Xét đề nghị của Chánh Văn phòng Trung ương Đảng,\n\n"
        "Ban Bí thư quy định về Phông lưu trữ Đảng Cộng sản Việt Nam như sau:\n"
    )
    found = proposal([Chunk(id="c1", doc_id="d", text=text, title="Quy định", ordinal=0)])
    assert found is not None and found[0] == "Xét đề nghị của Chánh Văn phòng Trung ương Đảng"
    # a scan's "đề nghị" with the wrong mark on its first word
    scanned = "Xét để nghị của Thủ tướng Chính phủ tại Tờ trình số: 45/TTr-TTg;\nQUYẾT ĐỊNH:\n"
    found = proposal([Chunk(id="c1", doc_id="d", text=scanned, title="Quyết định", ordinal=0)])
    assert found is not None and found[0].startswith("Xét để nghị của Thủ tướng Chính phủ")
    # a joint proposal goes on after its comma
    for joint in (
        "Theo đề nghị của Giám đốc Sở Tài chính, Giám đốc Sở Tư pháp tại Tờ trình số 12/TTrLN"
        " về việc ban hành Quy định;\nQUYẾT ĐỊNH:\n",
        "Xét đề nghị của Sở Tài chính, Sở Nội vụ về dự thảo quy định mức chi;\nQUYẾT ĐỊNH:\n",
    ):
        found = proposal([Chunk(id="c1", doc_id="d", text=joint, title="Quyết định", ordinal=0)])
        assert found is not None and found[0].endswith(joint.split(";")[0][-12:])
    listed = "Xét đề nghị của Sở Tư pháp, Sở Nội vụ và Sở Tài chính;\nQUYẾT ĐỊNH:\n"
    found = proposal([Chunk(id="c1", doc_id="d", text=listed, title="Quyết định", ordinal=0)])
    assert found is not None and found[0].endswith("Sở Tài chính")


def test_a_passage_ending_mid_proposal_is_no_proposal() -> None:
    """A passage's end is not the preamble's: a proposal cut in two is not read cut."""
    first = Chunk(
        id="c1",
        doc_id="d",
        title="Quyết định",
        ordinal=0,
        text="Căn cứ Luật X;\nTheo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số",
    )
    second = Chunk(
        id="c2", doc_id="d", title="Quyết định", ordinal=1, text="123/TTr-STC;\nQUYẾT ĐỊNH:\n"
    )
    assert proposal([first, second]) is None


def test_a_proposal_ending_its_passage_with_a_comma_is_read_whole() -> None:
    """The body starts in the next passage, with no "QUYẾT ĐỊNH:" line ("Ủy ban nhân dân
    tỉnh ban hành …"): the comma ends the proposal."""
    first = Chunk(
        id="c1",
        doc_id="d",
        title="Quyết định",
        ordinal=0,
        text="Căn cứ Luật X;\nTheo đề nghị của Giám đốc Sở Khoa học và Công nghệ tại Tờ trình"
        " số 110/TTr-SKHCN ngày 19/10/2025,",
    )
    second = Chunk(id="c2", doc_id="d", title="Quyết định", ordinal=1, text="Ủy ban nhân dân …")
    found = proposal([first, second])
    assert found is not None and found[0].endswith("ngày 19/10/2025")


def test_who_issued_and_who_proposed_asked_together(pipeline: Pipeline) -> None:
    answer = pipeline.ask(
        "Thông tư 34/2025/TT-BKHCN do cơ quan nào ban hành và theo đề nghị của ai?"
    )
    assert not answer.refused, answer.answer
    assert "Bộ Khoa học và Công nghệ ban hành" in answer.answer
    assert "Cục trưởng Cục Công nghiệp công" in answer.answer


def test_a_proposal_in_the_body_is_no_proposal_of_the_instrument() -> None:
    text = "QUYẾT ĐỊNH:\nĐiều 1. Theo đề nghị của Sở Tài chính, giao …;"
    assert proposal([Chunk(id="c1", doc_id="d", text=text, title="Quyết định", ordinal=0)]) is None


def test_the_successor_of_an_abolished_rule_is_refused_with_what_is_known(
    pipeline: Pipeline,
) -> None:
    q = (
        "Sau khi Bắc Ninh bãi bỏ quy định cũ về cán bộ chuyên trách CNTT thì thay bằng "
        "quyết định mới nào?"
    )
    a = pipeline.ask(q)
    assert a.refused, a.answer
    assert "văn bản thay thế" in a.answer and "Bãi bỏ toàn bộ Quyết định số 445/2013" in a.answer


def test_a_decree_ending_the_old_one_is_its_successor(pipeline: Pipeline) -> None:
    a = pipeline.ask("Quy định cũ về họ, hụi, biêu, phường được thay bằng nghị định nào?")
    assert not a.refused, a.answer
    assert "144/2006/NĐ-CP" in a.answer and "hết hiệu lực" in a.answer


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("thì thay bằng quyết định mới nào?", True),
        ("văn bản nào thay thế quyết định 445?", True),
        ("quyết định 451 thay thế quyết định nào?", False),  # what it replaces: the older
        ("nghị định 144 được thay thế bởi nghị định nào?", True),
        ("văn bản nào được thay thế bởi nghị định 19/2019/nđ-cp?", False),  # the older
    ],
)
def test_the_successor_asked(question: str, asked: bool) -> None:
    assert bool(SUBSTITUTE_ASKED.search(question)) is asked


def test_the_older_instrument_asked_in_the_passive(pipeline: Pipeline) -> None:
    a = pipeline.ask("Văn bản nào được thay thế bởi Nghị định 19/2019/NĐ-CP?")
    assert not a.refused, a.answer
    assert "144/2006/NĐ-CP" in a.answer
