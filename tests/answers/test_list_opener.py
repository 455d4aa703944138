"""An item of a list shares what the line opening the list states: in a penalty decree
"Phạt tiền từ 18.000.000 đồng đến 20.000.000 đồng đối với … một trong các hành vi vi phạm sau
đây:" fines each of its items a) … d). Asked what a violation costs, the answer is that line
with the item (Nghị định 168/2024/NĐ-CP, an excerpt of its Điều 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import embedded_pipeline

from policybot.answers.sentences import Sentences
from policybot.config import ChunkSettings
from policybot.index.chunk import chunk_document
from policybot.pipeline import Pipeline
from policybot.types import Chunk, Document, Hit

DATA = Path(__file__).resolve().parents[1] / "data" / "penalties"
# (the sentence splitter cuts the clause's number "9." off the line)
OPENER = (
    "Phạt tiền từ 18.000.000 đồng đến 20.000.000 đồng đối với người điều khiển xe thực hiện"
    " một trong các hành vi vi phạm sau đây:"
)


def _sentences(chunk: Chunk) -> list:
    return Sentences().of(Hit(chunk=chunk, score=1.0, rank=1))


def test_items_carry_their_lists_opening_line() -> None:
    text = (DATA / "nd-168-2024-nd-cp-fine-list-excerpt.txt").read_text(encoding="utf-8")
    chunk = Chunk(id="c", doc_id="d", text=text, title="Nghị định 168/2024/NĐ-CP")
    got = {s.text: s.opener for s in _sentences(chunk)}
    item = next(t for t in got if t.startswith("c) Không chấp hành hiệu lệnh, hướng dẫn"))
    assert got[item] == OPENER
    assert got[OPENER] == ""  # the opening line is no item of itself


def test_a_passage_continuing_the_list_has_the_opener_as_lead() -> None:
    text = (DATA / "nd-168-2024-nd-cp-fine-list-excerpt.txt").read_text(encoding="utf-8")
    doc = Document("d", "Nghị định 168/2024/NĐ-CP", text, "nd.txt")
    chunks, _ = chunk_document(doc, ChunkSettings(target_chars=300, max_chars=400))
    later = [c for c in chunks if c.text.lstrip().startswith(("c)", "d)"))]
    assert later
    for chunk in later:
        items = [s for s in _sentences(chunk) if s.text.startswith(("c)", "d)"))]
        assert items and all(s.opener.endswith(OPENER) for s in items)  # the whole line


def test_an_item_marked_like_its_opener_is_its_sibling() -> None:
    text = (
        "1. Phạt tiền từ 1.000.000 đồng đến 2.000.000 đồng đối với các hành vi sau đây:\n"
        "a) Việc A;\nb) Việc B.\n2. Trường hợp tái phạm thì bị xử lý nặng hơn.\n"
    )
    chunk = Chunk(id="c", doc_id="d", text=text, title="Nghị định")
    got = {s.text: s.opener for s in _sentences(chunk)}
    assert got["b) Việc B."].startswith("Phạt tiền")
    assert got["Trường hợp tái phạm thì bị xử lý nặng hơn."] == ""


def test_a_mark_ocr_left_before_a_number_still_makes_an_item() -> None:
    text = "I. Mức 400.000 đồng đối với:\n\n1. Người có công;\n\n„2. Thân nhân liệt sĩ;\n"
    chunk = Chunk(id="c", doc_id="d", text=text, title="Quyết định")
    got = {s.text: s.opener for s in _sentences(chunk)}
    assert got["Thân nhân liệt sĩ;"] == "I. Mức 400.000 đồng đối với:"


@pytest.fixture(scope="module")
def decree(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return embedded_pipeline(tmp_path_factory.mktemp("penalties"), "penalties")


def test_what_a_violation_costs_is_its_lists_fine(decree: Pipeline) -> None:
    a = decree.ask(
        "Lái xe ô tô mà không chấp hành hướng dẫn của người điều khiển giao thông thì bị phạt"
        " bao nhiêu tiền?"
    )
    assert not a.refused, a.answer
    assert "18.000.000 đồng đến 20.000.000 đồng" in a.answer
    assert "người điều khiển giao thông" in a.answer  # the item is named with its fine


@pytest.fixture(scope="module")
def circular(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    """Thông tư 01/2026/TT-BDTTG, Điều 3: "Ban Tôn giáo Chính phủ được phân cấp thực hiện
    tiếp nhận thông báo đối với các nội dung sau đây:" and its items 1. to 3."""
    return embedded_pipeline(tmp_path_factory.mktemp("delegated"), "delegated")


def test_who_does_an_item_is_the_body_its_list_names(circular: Pipeline) -> None:
    a = circular.ask(
        "Cơ quan nào tiếp nhận các thông báo phong phẩm, bổ nhiệm, bầu cử, suy cử chức sắc,"
        " chức việc?"
    )
    assert not a.refused, a.answer
    assert a.answer.startswith("Ban Tôn giáo Chính phủ được phân cấp"), a.answer
    assert "phong phẩm" in a.answer  # with the item asked about
    # a question asking no body gets the item alone
    b = circular.ask("Tiếp nhận những thông báo gì về chức sắc, chức việc?")
    assert not b.answer.startswith("Ban Tôn giáo Chính phủ"), b.answer


def test_a_section_heading_ends_the_list() -> None:
    from policybot.answers.compose import _heading_only

    assert _heading_only("I. MỤC ĐÍCH, YÊU CẦU")
    assert _heading_only("1")
    assert not _heading_only("a) Tuyên truyền, vận động hội viên.")
    assert not _heading_only("2. Sở Tài chính:")


@pytest.fixture(scope="module")
def funds(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    """Nghị định 03/2026/NĐ-CP, Điều 16: the least assets a fund needs, in two sibling lists
    (founded by Vietnamese citizens alone; with foreign ones), each by where it works."""
    return embedded_pipeline(tmp_path_factory.mktemp("funds"), "funds")


@pytest.mark.parametrize(
    ("who", "expected", "other"),
    [
        ("công dân, tổ chức Việt Nam", "8.000.000.000", "10.800.000.000"),
        ("cá nhân nước ngoài cùng công dân Việt Nam", "10.800.000.000", "8.000.000.000"),
    ],
)
def test_a_figure_comes_from_the_list_of_the_case_asked(
    funds: Pipeline, who: str, expected: str, other: str
) -> None:
    a = funds.ask(
        f"Quỹ do {who} góp tài sản thành lập, hoạt động trong phạm vi toàn quốc, thì tài sản"
        " đóng góp tối thiểu phải là bao nhiêu?"
    )
    assert not a.refused, a.answer
    assert expected in a.answer and other not in a.answer, a.answer
    assert "50%" not in a.answer  # a share is not the sum asked
