"""A document's own instrument is an entry of the registry even when OCR lost the digits
of its header's "Số:" line (the number then comes from the file name), so questions that
name it by number find it instead of answering that the corpus does not hold it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import make_settings

from policybot.pipeline import Pipeline, build_pipeline

HEADERS = Path(__file__).resolve().parents[1] / "data" / "headers"
EXCERPT = HEADERS / "qd-25-2010-qd-ttg-ocr-garbled-number-excerpt.txt"  # "Số: ¿5 /QĐ-TTg"
NAME = "QD_25-QD-TTg_2010_sua_doi_QD_622-QD-TTg_scan.txt"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    root = tmp_path_factory.mktemp("own")
    docs = root / "docs"
    docs.mkdir()
    shutil.copy(EXCERPT, docs / NAME)
    p = build_pipeline(make_settings(root / "index", backend="hash"))
    report = p.ingest([docs], progress=False)
    assert report.documents == 1 and not report.failures
    return p


def test_a_scan_with_an_illegible_number_is_held_by_the_registry(pipeline: Pipeline) -> None:
    entry = pipeline.registry().get("25/QĐ-TTg")
    assert entry is not None
    assert entry.own_doc == NAME
    assert entry.issuer == "Thủ tướng Chính phủ"


def test_a_question_naming_it_is_answered_from_it(pipeline: Pipeline) -> None:
    answer = pipeline.ask("Quyết định 25/QĐ-TTg sửa đổi quyết định nào?")
    assert not answer.refused, answer.answer
    assert "622/QĐ-TTg" in answer.answer
    assert any(Path(c.document.source).name == NAME for c in answer.citations)


def test_what_a_held_instrument_rests_on_is_read_from_its_text_when_the_lineage_has_none(
    tmp_path: Path,
) -> None:
    """The lineage reads no "căn cứ" edge from "được công bố theo Quyết định số …", but the
    precedent's own heading says it: its passages answer instead of a refusal."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(HEADERS / "an-le-43-2021-al-heading-excerpt.txt", docs / "AnLe_43-2021-AL.txt")
    p = build_pipeline(make_settings(tmp_path / "index", backend="hash"))
    assert p.ingest([docs], progress=False).documents == 1
    answer = p.ask("Án lệ 43/2021/AL được công bố theo quyết định nào?")
    assert not answer.refused, answer.answer
    assert "42/QĐ-CA" in answer.answer


LISTS = Path(__file__).resolve().parents[1] / "data" / "validity-lists"


@pytest.fixture(scope="module")
def circular(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    """A circular whose article 8 ends three circulars in a list that chunking cuts."""
    root = tmp_path_factory.mktemp("lists")
    docs = root / "docs"
    docs.mkdir()
    shutil.copy(LISTS / "TT_37-2025-TT-BNNMT-excerpt.txt", docs / "TT_37-2025-TT-BNNMT.txt")
    p = build_pipeline(make_settings(root / "index", backend="hash"))
    assert p.ingest([docs], progress=False).documents == 1
    return p


@pytest.mark.parametrize(
    "question",
    [
        "Thông tư 37/2025/TT-BNNMT chấm dứt hiệu lực các thông tư nào?",
        "Khi Thông tư 37/2025/TT-BNNMT có hiệu lực thì những thông tư nào bị bỏ?",
    ],
)
def test_every_instrument_of_a_cut_list_is_named(circular: Pipeline, question: str) -> None:
    answer = circular.ask(question)
    assert not answer.refused, answer.answer
    for number in ("17/2012/TT-BTNMT", "45/2016/TT-BTNMT", "51/2017/TT-BTNMT"):
        assert number in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "Thông tư 37/2025/TT-BNNMT thay thế các thông tư cũ có hiệu lực ngày nào?",
        "Thông tư 37/2025/TT-BNNMT làm các thông tư cũ hết hiệu lực có hiệu lực thi hành từ"
        " ngày nào?",
    ],
)
def test_a_day_asked_is_the_effective_date_even_with_a_removal_word(
    circular: Pipeline, question: str
) -> None:
    answer = circular.ask(question)
    assert not answer.refused, answer.answer
    assert "ngày ký ban hành" in answer.answer
    assert "17/2012/TT-BTNMT" not in answer.answer


def test_the_registry_reads_the_cut_list(circular: Pipeline) -> None:
    entry = circular.registry().get("37/2025/TT-BNNMT")
    assert entry is not None
    assert len(entry.replaces) == 3 and not entry.amends


def test_a_year_of_issue_is_taken_only_when_it_is_one() -> None:
    """A sidecar may give "issued_year" any text; only a year counts."""
    from policybot.instruments.own_entries import _year

    assert _year("2010") == "2010"
    assert _year("2021-2025") is None and _year(None) is None


def test_the_year_filter_offers_a_year_of_issue_read_without_its_day() -> None:
    from policybot.instruments.catalog import filter_choices

    doc = {"metadata": {"instrument_type": "Chỉ thị", "issued_year": "2010"}, "instruments": []}
    assert filter_choices([doc]).years == [2010]


def test_the_year_of_the_instrument_replaced_does_not_name_the_one_asked() -> None:
    """ "nghị quyết mới … (thay cho nghị quyết năm 2024)": 2024 is the old resolution's year;
    the 2025 one is still the one asked, and a year given to it must still be its own."""
    from policybot.instruments.registry_records import Entry
    from policybot.instruments.topic_words import lowered_text, topic_share

    entry = Entry(
        "57/2025/NQ-HĐND",
        "Nghị quyết",
        "57/2025/NQ-HĐND",
        "2025-11-26",
        "Hội đồng nhân dân",
        "tỉnh",
        "Hà Nội",
        "Quy định thực hiện vùng phát thải thấp trên địa bàn Thành phố",
        None,
    )
    asked = (
        "Hà Nội áp dụng nghị quyết mới về vùng phát thải thấp (thay cho nghị quyết năm 2024)"
        " từ ngày nào?"
    )
    assert (topic_share(entry, lowered_text(asked)) or 0) >= 0.5
    assert topic_share(entry, lowered_text("Nghị quyết về vùng phát thải thấp năm 2024?")) is None
