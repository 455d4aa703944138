"""Instruments held in full: the registry knows them by their own number, with signer,
effective date and what they replace; questions officials ask of them are answered from
that, cited to the document; an answer citing a replaced instrument says so."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from tests.conftest import make_settings

from policybot.instruments.ended import validity_note
from policybot.instruments.own_answers import _EXECUTED_FROM, _issues_one_of
from policybot.instruments.own_cues import EFFECTIVE_CUE, REPLACES_CUE
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Entry
from policybot.pipeline import Pipeline, build_pipeline
from policybot.questions.question import analyze

DATA = Path(__file__).resolve().parents[1] / "data" / "official"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    root = tmp_path_factory.mktemp("official")
    docs = root / "docs"
    shutil.copytree(DATA, docs)
    p = build_pipeline(make_settings(root / "index", backend="hash"))
    p.ingest([docs], progress=False)
    return p


def test_registry_holds_each_document_by_its_own_number(pipeline: Pipeline) -> None:
    entries = pipeline.registry().entries
    decree = entries["19/2019/NĐ-CP"]
    assert decree.own_doc and decree.type == "Nghị định"
    assert (decree.date, decree.issuer) == ("2019-02-19", "Chính phủ")
    assert (decree.signer, decree.effective) == ("Nguyễn Xuân Phúc", "2019-04-05")
    # what the decree says of the 2006 decree is that one's status
    assert entries["144/2006/NĐ-CP"].replaced_by == (decree.title(),)
    assert "thay thế hoặc bãi bỏ" in entries["144/2006/NĐ-CP"].status()
    circular = entries["34/2025/TT-BKHCN"]
    assert entries["40/2020/TT-BTTTT"].replaced_by == (circular.title(),)
    assert circular.status() == "có hiệu lực từ ngày 1/1/2026"


def test_who_signed(pipeline: Pipeline) -> None:
    a = pipeline.ask("Nghị định 19/2019/NĐ-CP do ai ký?")
    assert not a.refused and "Nguyễn Xuân Phúc" in a.answer
    assert a.citations[0].document.title.startswith("Nghị định 19/2019/NĐ-CP")


def test_when_it_takes_effect_and_who_signed_asked_together(pipeline: Pipeline) -> None:
    a = pipeline.ask("Nghị định 19/2019/NĐ-CP có hiệu lực từ khi nào và ai ký?")
    assert not a.refused
    assert "Nguyễn Xuân Phúc" in a.answer and "05 tháng 4 năm 2019" in a.answer
    assert len(a.citations) == 2  # the article that says when, the block that says who
    alone = pipeline.ask("Nghị định 19/2019/NĐ-CP có hiệu lực từ khi nào?")
    assert "Nguyễn Xuân Phúc" not in alone.answer


def test_who_signed_asked_by_subject(pipeline: Pipeline) -> None:
    a = pipeline.ask("Nghị định về họ, hụi, biêu, phường do ai ký?")
    assert not a.refused and "Nguyễn Xuân Phúc" in a.answer


def test_when_it_takes_effect_cites_the_article(pipeline: Pipeline) -> None:
    a = pipeline.ask("Thông tư 34/2025/TT-BKHCN có hiệu lực từ ngày nào?")
    assert not a.refused and "01 tháng 01 năm 2026" in a.answer
    assert a.citations[0].where.startswith("Điều 8")
    assert a.citations[0].label().startswith("Điều 8")


def test_which_instrument_it_replaces(pipeline: Pipeline) -> None:
    a = pipeline.ask("Nghị định 19/2019/NĐ-CP thay thế nghị định nào?")
    assert not a.refused and "144/2006/NĐ-CP" in a.answer


def test_unknown_instrument_is_refused(pipeline: Pipeline) -> None:
    assert pipeline.ask("Nghị định 13/2023/NĐ-CP do ai ký?").refused


def test_note_names_the_newer_instrument() -> None:
    old = Entry(
        "1/2000/NĐ-CP",
        "Nghị định",
        "1/2000/NĐ-CP",
        None,
        None,
        None,
        None,
        None,
        None,
        own_doc="old",
        replaced_by=("Nghị định số 2/2010/NĐ-CP",),
    )
    registry = Registry({old.key: old}, [], "x")
    note = validity_note(registry, ["old"])
    assert note is not None and "2/2010/NĐ-CP" in note and "1/2000/NĐ-CP" in note
    assert validity_note(registry, ["other"]) is None


def test_what_an_article_says_is_that_article(pipeline: Pipeline) -> None:
    a = pipeline.ask("Điều 2 của Thông tư 34/2025/TT-BKHCN quy định gì?")
    assert not a.refused
    assert "Đối tượng áp dụng" in a.answer
    assert "áp dụng đối với các cơ quan, tổ chức, doanh nghiệp" in a.answer
    assert a.citations and all(c.where.startswith("Điều 2") for c in a.citations)
    assert a.citations[0].label().startswith("Điều 2")


def test_an_article_asked_by_subject_and_clause(pipeline: Pipeline) -> None:
    a = pipeline.ask("Khoản 2 Điều 26 Nghị định về họ, hụi, biêu, phường nói gì?")
    assert not a.refused and "144/2006/NĐ-CP" in a.answer
    assert "05 tháng 4 năm 2019" not in a.answer  # clause 1, not asked
    assert a.citations[0].where.startswith("Điều 26")


def test_an_article_the_instrument_lacks_is_not_found(pipeline: Pipeline) -> None:
    a = pipeline.ask("Điều 40 của Thông tư 34/2025/TT-BKHCN quy định gì?")
    assert a.refused and not a.related


def test_article_questions_are_told_from_fact_questions() -> None:
    from policybot.instruments.article_answers import article_asked

    asked = article_asked("khoản 3 điều 12 nghị định 13/2023/nđ-cp quy định gì?")
    assert asked is not None and (asked.article, asked.clause) == ("12", "3")
    asked = article_asked("điều 5, khoản 1 của luật này nói về gì")
    assert asked is not None and (asked.article, asked.clause) == ("5", "1")
    assert article_asked("mức phạt theo điều 12 là bao nhiêu?") is None
    asked = article_asked("điều 321 bộ luật hình sự 2015 quy định tội gì?")
    assert asked is not None and asked.article == "321"
    assert article_asked("thông tư này quy định gì?") is None


@pytest.fixture(scope="module")
def headings(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    """An amending law whose heading writes its number in capitals after its session
    ("... KỲ HỌP THỨ 3, SỐ 16/2008/QH12"), and a decision record without its body."""
    root = tmp_path_factory.mktemp("headings")
    docs = root / "docs"
    docs.mkdir()
    for name in (
        "luat-16-2008-qh12-web-print-heading-excerpt.txt",
        "qd-77-2006-qd-ttg-vbpl-record-excerpt.txt",
        "nq-04-2010-nq-cp-ocr-received-stamp-excerpt.txt",
    ):
        shutil.copyfile(DATA.parent / "headers" / name, docs / name)
    p = build_pipeline(make_settings(root / "index", backend="hash"))
    p.ingest([docs], progress=False)
    return p


def test_an_amending_laws_name_is_no_question_of_what_it_amends(headings: Pipeline) -> None:
    a = headings.ask(
        "Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống ma túy có hiệu lực từ ngày nào?"
    )
    assert not a.refused and "01 tháng 01 năm 2009" in a.answer
    a = headings.ask(
        "Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống ma túy số 16/2008/QH12 "
        "do Chủ tịch Quốc hội nào ký?"
    )
    assert not a.refused and "Nguyễn Phú Trọng" in a.answer


def test_a_record_without_body_answers_who_signed(headings: Pipeline) -> None:
    a = headings.ask("Quyết định 77/2006/QĐ-TTg do ai ký?")
    assert not a.refused and "Phan Văn Khải" in a.answer


def test_a_record_says_whether_and_since_when_it_is_in_force(headings: Pipeline) -> None:
    for question in (
        "Quyết định 77/2006/QĐ-TTg hết hiệu lực từ ngày nào?",
        "Quyết định 77/2006/QĐ-TTg còn hiệu lực không?",
    ):
        a = headings.ask(question)
        assert not a.refused and "hết hiệu lực toàn bộ từ ngày 8/12/2025" in a.answer, question
        assert a.citations[0].sentence == "Hết hiệu lực toàn bộ"
    a = headings.ask("Quyết định 77/2006/QĐ-TTg có hiệu lực từ ngày nào?")
    assert not a.refused and "có hiệu lực từ ngày 12/5/2006" in a.answer
    assert a.citations[0].sentence == "12/05/2006"


def test_asked_by_topic_with_a_word_for_any_document(pipeline: Pipeline) -> None:
    a = pipeline.ask("Văn bản về họ, hụi, biêu, phường do ai ký?")
    assert not a.refused and "Nguyễn Xuân Phúc" in a.answer


def test_a_scan_asked_by_topic_takes_effect_on_signing(headings: Pipeline) -> None:
    """OCR split a word of the trích yếu ("Chiền g Cơi") and misread "kể từ" as "kế từ"."""
    a = headings.ask(
        "Nghị quyết về thành lập phường thuộc thành phố Sơn La, tỉnh Sơn La có hiệu lực khi nào?"
    )
    assert not a.refused and "ngày ký" in a.answer and "07/01/2010" in a.answer


def test_who_signed_an_instrument_only_named_is_refused(pipeline: Pipeline) -> None:
    """The decree of 2006 is only named (replaced) by the one held: no signature block of it."""
    a = pipeline.ask("Nghị định 144/2006/NĐ-CP do ai ký?")
    assert a.refused and "người ký" in a.answer
    # the day it was signed is still answered from where the corpus states it
    a = pipeline.ask("Nghị định 144/2006/NĐ-CP được ký ban hành ngày nào?")
    assert not a.refused
    a = pipeline.ask("Nghị định 144/2006/NĐ-CP do ai ban hành?")  # the issuer, not a signer
    assert not a.refused and "Chính phủ" in a.answer


def test_asked_by_topic_in_another_year_is_not_the_one_held(pipeline: Pipeline) -> None:
    a = pipeline.ask("Nghị định về họ, hụi, biêu, phường năm 2019 do ai ký?")
    assert not a.refused and "Nguyễn Xuân Phúc" in a.answer
    a = pipeline.ask("Nghị định về họ, hụi, biêu, phường năm 2024 do ai ký?")
    assert "Nguyễn Xuân Phúc" not in a.answer


def test_who_issued_asked_by_subject_is_the_headers_issuer(pipeline: Pipeline) -> None:
    """Named in words, not by number: the instrument held whose trích yếu the question
    names, and the body its header says issued it, cited to that header."""
    a = pipeline.ask(
        "Thông tư về sản phẩm, dịch vụ công nghệ số được hưởng ưu đãi về lựa chọn nhà thầu"
        " do bộ nào ban hành?"
    )
    assert not a.refused, a.answer
    assert "34/2025/TT-BKHCN" in a.answer and "do Bộ Khoa học và Công nghệ ban hành" in a.answer
    assert a.citations[0].document.title.startswith("Thông tư 34/2025/TT-BKHCN")
    a = pipeline.ask("Nghị định về họ, hụi, biêu, phường do Chính phủ hay Bộ Tư pháp ban hành?")
    assert not a.refused and "do Chính phủ ban hành" in a.answer
    a = pipeline.ask("Cơ quan nào ra nghị định về họ, hụi, biêu, phường?")
    assert not a.refused and "do Chính phủ ban hành" in a.answer


@pytest.mark.parametrize(
    "question",
    [
        "Cơ quan nào được giao ban hành hướng dẫn thi hành Nghị định về họ, hụi?",
        "Tranh chấp về họ, hụi, biêu, phường do cơ quan nào giải quyết?",
        "Theo Nghị định về họ, hụi, biêu, phường, tranh chấp thuộc thẩm quyền của cơ quan nào?",
        # "ra quyết định" is to decide, not to issue the decree asked of
        "Theo Nghị định về họ, hụi, biêu, phường, cơ quan nào ra quyết định giải quyết tranh chấp?",
    ],
)
def test_who_does_a_task_is_not_who_issued(pipeline: Pipeline, question: str) -> None:
    assert "theo phần đầu của văn bản" not in pipeline.ask(question).answer


def test_who_signed_is_never_answered_with_the_issuer(pipeline: Pipeline) -> None:
    """A scan's signature block OCR could not read leaves no signer: "do ai ký?" is then no
    question the header's issuer answers."""
    decree = replace(pipeline.registry().entries["19/2019/NĐ-CP"], signer=None)
    spec = analyze("Nghị định về họ, hụi, biêu, phường do ai ký?")
    assert pipeline.instrument_qa()._own.answer((decree,), spec) is None
    spec = analyze("Nghị định về họ, hụi, biêu, phường do ai ban hành?")
    found = pipeline.instrument_qa()._own.answer((decree,), spec)
    assert found is not None and "do Chính phủ ban hành" in found.parts[0][0]


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("khi nào mới bắt đầu chạy?", "01 tháng 01 năm 2026"),
        ("bắt đầu áp dụng từ bao giờ?", "01 tháng 01 năm 2026"),
        ("là đơn vị nào ra?", "do Bộ Khoa học và Công nghệ ban hành"),
        ("do cơ quan nào thông qua?", "do Bộ Khoa học và Công nghệ ban hành"),
    ],
)
def test_when_and_by_whom_in_an_officials_words(
    pipeline: Pipeline, question: str, said: str
) -> None:
    a = pipeline.ask(f"Thông tư về sản phẩm, dịch vụ công nghệ số hưởng ưu đãi {question}")
    assert not a.refused and said in a.answer, a.answer


def test_which_it_replaces_asked_by_its_number(pipeline: Pipeline) -> None:
    a = pipeline.ask("Nghị định về họ, hụi, biêu, phường thay cho nghị định số mấy?")
    assert not a.refused and "144/2006/NĐ-CP" in a.answer, a.answer


def test_a_decision_approving_a_plan_is_the_plan_a_question_names() -> None:
    """ "Kế hoạch chuyển đổi kênh … áp dụng từ ngày nào?" asks of the decision approving it."""
    approving = Entry(
        key="80/QĐ-BTTTT",
        type="Quyết định",
        number="80/QĐ-BTTTT",
        date="2014-01-22",
        issuer="Bộ Thông tin và Truyền thông",
        name=None,
        subject="Phê duyệt Kế hoạch chuyển đổi kênh tần số truyền hình",
        level="trung ương",
        province=None,
    )
    assert _issues_one_of(approving, {"kế hoạch"})
    assert not _issues_one_of(approving, {"chỉ thị"})
    assert not _issues_one_of(replace(approving, subject="Về kế hoạch chuyển đổi"), {"kế hoạch"})


def test_a_session_of_another_month_is_another_resolution() -> None:
    """The resolution of the Government's December 2009 session (issued in January 2010)
    is not "Nghị quyết phiên họp Chính phủ thường kỳ tháng 01 năm 2010"."""
    from policybot.instruments.topic_words import lowered_text, topic_share

    session = Entry(
        key="02/NQ-CP",
        type="Nghị quyết",
        number="02/NQ-CP",
        date="2010-01-11",
        issuer="Chính phủ",
        name=None,
        subject="Phiên họp Chính phủ thường kỳ tháng 12 năm 2009",
        level="trung ương",
        province=None,
    )
    other = lowered_text("Nghị quyết phiên họp Chính phủ thường kỳ tháng 01 năm 2010 do ai ký?")
    same = lowered_text("Nghị quyết phiên họp Chính phủ thường kỳ tháng 12 năm 2009 do ai ký?")
    assert topic_share(session, other) is None
    assert (topic_share(session, same) or 0) > 0.5


def test_abolishing_in_everyday_words_asks_what_was_abolished() -> None:
    asked = "Tỉnh vừa bỏ hẳn cái quyết định cũ về cán bộ chuyên trách, đó là quyết định số mấy?"
    assert REPLACES_CUE.search(asked.casefold())
    assert REPLACES_CUE.search("bỏ quy định nào về hộp thư công vụ?")
    # leaving out, voting: no instrument is dropped
    assert not REPLACES_CUE.search("hội đồng bỏ phiếu thông qua những nội dung nào?")
    assert not REPLACES_CUE.search("có thể bỏ qua bước nào trong quy trình?")
    # procedures announced as added or amended: no instrument amended is asked
    procedures = "quyết định 2512/qđ-ubnd công bố bổ sung thủ tục hành chính nào?"
    assert not REPLACES_CUE.search(procedures)
    assert not REPLACES_CUE.search("danh mục thủ tục được sửa đổi, bổ sung thủ tục nào?")
    assert REPLACES_CUE.search("nghị định 19 sửa đổi, bổ sung nghị định nào?")
    assert REPLACES_CUE.search("nghị định 45 sửa đổi nghị định về thủ tục hải quan nào?")


def test_what_an_amending_law_sets_is_no_question_of_what_it_amends(headings: Pipeline) -> None:
    """Its name says "sửa đổi, bổ sung"; asked what it sets, the answer is not the law it
    amends (which the registry would give with no confidence of its own)."""
    a = headings.ask(
        "Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống ma túy quy định những hình thức"
        " cai nghiện nào?"
    )
    # the registry's answer names the law first ("Luật số 16/2008/QH12: …") and has no
    # confidence; the passages' answer (here the excerpt holds no forms) has one
    assert not a.answer.startswith("Luật số 16/2008/QH12:"), a.answer
    assert a.confidence is not None, a.answer


def test_the_day_it_is_carried_out_from_is_when_it_takes_effect() -> None:
    assert EFFECTIVE_CUE.search("quyết định 2698/qđ-ubnd được thi hành kể từ ngày nào?")
    # "có tác dụng" in an official's words; not "có tác dụng gì" (of what use)
    assert EFFECTIVE_CUE.search("cái quyết định đó bắt đầu có tác dụng từ hôm nào vậy?")
    assert EFFECTIVE_CUE.search("quy chế đó khi nào thì có tác dụng?")
    assert not EFFECTIVE_CUE.search("hệ thống lấy ý kiến điện tử có tác dụng gì?")
    closing = (
        "Điều 4. Chánh Văn phòng Ủy ban nhân dân tỉnh và các cơ quan có liên quan chịu trách"
        " nhiệm thi hành Quyết định này kể từ ngày 01 tháng 5 năm 2026./."
    )
    assert _EXECUTED_FROM.search(closing)
    # the bodies that carry it out, with no day, say nothing of when
    assert not _EXECUTED_FROM.search("Các sở chịu trách nhiệm thi hành Quyết định này./.")


def test_a_topic_in_everyday_words_shares_the_trich_yeus_written_ones(pipeline: Pipeline) -> None:
    from policybot.instruments.topic_words import topic_share

    circular = pipeline.registry().entries["34/2025/TT-BKHCN"]
    written = (
        "thông tư về sản phẩm, dịch vụ công nghệ số ưu đãi khi thuê, mua sắm sử dụng vốn ngân sách"
    )
    everyday = written.replace("sử dụng", "xài")
    share = topic_share(circular, everyday)
    assert share is not None and share == topic_share(circular, written)
    assert share > (topic_share(circular, written.replace("sử dụng", "")) or 0.0)


def test_an_effective_day_ocr_garbled_is_not_given_as_the_date(tmp_path: Path) -> None:
    """A scan's "kể từ ngày 7Ó tháng ã năm 2010" says a day no one can read: not an answer
    that seems to state it, but "not sure" with that passage to look at; a legible day is
    answered as before."""
    from policybot.reading.effective import unreadable_effective_day

    assert unreadable_effective_day(
        "Thông tư này có hiệu lực thi hành kể từ ngày 7Ó tháng ã năm 2010."
    )
    assert not unreadable_effective_day(
        "Thông tư này có hiệu lực thi hành kể từ ngày 10 tháng 3 năm 2010."
    )
    assert not unreadable_effective_day("Quyết định này có hiệu lực kể từ ngày ký.")
    # a legible day first, or a clause cut where a later day's year begins: it says when
    assert not unreadable_effective_day(
        "Thông tư này có hiệu lực thi hành kể từ ngày ký, các quy định về mức hỗ trợ tại Điều 3"
        " áp dụng từ ngày 01 tháng 01 năm 2022."
    )
    assert not unreadable_effective_day(
        "Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2021; riêng Điều 5 có hiệu"
        " lực kể từ ngày 0l tháng 01 năm 2022."
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    text = (
        "BỘ CÔNG THƯƠNG\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 03/2010/TT-BCT\nHà Nội, ngày ‹t4, tháng 01 năm 2010\n\nTHÔNG TƯ\n"
        "Quy định một số nội dung về bảo vệ an toàn công trình lưới điện cao áp\n\n"
        "Căn cứ Luật Điện lực ngày 03 tháng 12 năm 2004;\n\n"
        "Điều 1. Phạm vi điều chỉnh\nThông tư này quy định về hành lang bảo vệ an toàn.\n\n"
        "Điều 2. Hiệu lực thi hành\n1. Thông tư này có hiệu lực thi hành kể từ ngày 7Ó tháng ã"
        " năm 2010.\n2. Bãi bỏ các quy định trước đây trái với Thông tư này.\n"
    )
    (docs / "tt-03-2010-scan.txt").write_text(text, encoding="utf-8")
    p = build_pipeline(make_settings(tmp_path / "index", backend="hash"))
    p.ingest([docs], progress=False)
    a = p.ask("Thông tư 03/2010/TT-BCT có hiệu lực thi hành kể từ ngày nào?")
    assert a.refused and "không đọc rõ" in a.answer
    assert [c.sentence for c in a.related] == [
        "Thông tư này có hiệu lực thi hành kể từ ngày 7Ó tháng ã năm 2010."
    ]
    (docs / "tt-03-2010-scan.txt").write_text(
        text.replace("7Ó tháng ã", "10 tháng 3"), encoding="utf-8"
    )
    p.ingest([docs], progress=False)
    a = p.ask("Thông tư 03/2010/TT-BCT có hiệu lực thi hành kể từ ngày nào?")
    assert not a.refused and "10 tháng 3 năm 2010" in a.answer
