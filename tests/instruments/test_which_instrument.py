""" "Which instrument regulates X", asked by what it is about: answered with the instrument
held in full that retrieval ranks first, named by number, date and issuer and cited to its
own header, only when the question's type, issuer and words agree with it. The decree is a
real one (Nghị định 19/2019/NĐ-CP, tests/data/official)."""

from __future__ import annotations

import pytest
from tests.conftest import hashed_index, make_settings

from policybot.instruments.registry_records import Entry
from policybot.instruments.which_answers import (
    _CARRIED_OUT,
    WhichAnswers,
    asked_type,
    issuer_agrees,
)
from policybot.pipeline import Pipeline, build_pipeline
from policybot.questions.question import analyze
from policybot.types import Chunk, Hit


def _entry(type_: str, number: str, issuer: str, subject: str, own_doc: str | None = None) -> Entry:
    return Entry(
        key=number,
        type=type_,
        number=number,
        date="2025-01-01",
        issuer=issuer,
        name=None,
        subject=subject,
        level="trung ương",
        province=None,
        own_doc=own_doc,
    )


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    index = hashed_index(tmp_path_factory.mktemp("which"), "official")
    return build_pipeline(make_settings(index, backend="hash"))


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("văn bản nào của chính phủ quy định về họ, hụi?", ""),
        ("danh sách này được quyết định tại nghị quyết nào?", "nghị quyết"),
        ("văn bản pháp luật nào quy định về họ, hụi?", ""),
        ("thông tư nào thay thế thông tư 45?", "thông tư"),
        ("số hiệu của kế hoạch về chuyển đổi số là gì?", ""),  # may be its decision's
        ("nghị định xử phạt về trật tự giao thông mang số hiệu gì?", "nghị định"),
        ("nghị định có hiệu lực khi nào?", None),
        ("kế hoạch này do cơ quan nào chủ trì?", None),
        ("tỉnh có bao nhiêu xã?", None),
        ("về họ, hụi, nghị định có nội dung gì?", None),  # its content, not which one
        ("kế hoạch có mục tiêu gì?", None),
        # its number asked last, in an official's words
        ("kế hoạch chuyển đổi số cho doanh nghiệp của đồng tháp là số mấy vậy?", ""),
        ("nghị định về tổng công trình sư mang số bao nhiêu?", "nghị định"),
        ("kế hoạch có bao nhiêu nhiệm vụ?", None),
        ("đường dây nóng tiếp nhận phản ánh của tỉnh là số mấy?", None),  # a telephone
    ],
)
def test_the_type_asked(question: str, asked: str | None) -> None:
    assert asked_type(question) == asked


def test_the_issuer_named_must_be_the_instruments() -> None:
    entry = _entry(
        "Nghị quyết",
        "105/2025/UBTVQH15",
        "Ủy ban Thường vụ Quốc hội",
        "Chương trình lập pháp năm 2026",
    )
    assert issuer_agrees("Dự án luật trình Quốc hội năm 2026 ở nghị quyết nào?", entry)
    assert issuer_agrees("Chương trình lập pháp năm 2026 ở nghị quyết nào?", entry)
    assert not issuer_agrees("Nghị quyết nào của Chính phủ về chương trình lập pháp?", entry)


def test_a_body_doing_another_act_the_question_describes_is_no_issuer_named() -> None:
    entry = _entry("Quyết định", "48/2025/QĐ-TTg", "Thủ tướng Chính phủ", "Quy chế phản ánh")
    described = "Văn bản nào quy định việc gửi phản ánh qua hệ thống do Bộ Tư pháp vận hành?"
    assert issuer_agrees(described, entry)
    assert not issuer_agrees("Văn bản nào do Bộ Tư pháp ban hành về phản ánh?", entry)
    assert not issuer_agrees("Quyết định nào của Bộ Tư pháp về phản ánh?", entry)


def test_which_instrument_is_named_and_cited(pipeline: Pipeline) -> None:
    answer = pipeline.ask("Văn bản nào của Chính phủ quy định về họ, hụi, biêu, phường?")
    assert not answer.refused, answer.answer
    assert answer.answer.startswith("Nghị định số 19/2019/NĐ-CP ngày 19/2/2019 của Chính phủ")
    assert "19/2019/NĐ-CP" in answer.citations[0].document.title


@pytest.mark.parametrize(
    "question",
    [
        "Thông tư nào quy định về họ, hụi, biêu, phường?",  # another type
        "Văn bản nào của Bộ Tài chính quy định về họ, hụi, biêu, phường?",  # another issuer
        "Văn bản nào quy định về bảo vệ dữ liệu cá nhân?",  # none of its words
    ],
)
def test_an_instrument_that_does_not_agree_is_not_named(pipeline: Pipeline, question: str) -> None:
    spec = analyze(question)
    hits = pipeline.search(question)
    assert hits and pipeline.instrument_qa().from_hits(spec, hits) is None


def test_an_instrument_of_a_document_ranked_below_the_first_answers(pipeline: Pipeline) -> None:
    """The law a decree guides shares the question's words and is often ranked first; the
    decree's own document, ranked below it, still answers when the question agrees with it."""
    question = "Văn bản nào của Chính phủ quy định về họ, hụi, biêu, phường?"
    spec = analyze(question)
    hits = pipeline.search(question)
    other = [
        h for h in pipeline.search("Bộ Khoa học và Công nghệ thông tư") if "tt-34" in h.chunk.doc_id
    ]
    assert other and all("tt-34" not in h.chunk.doc_id for h in hits[:1])
    draft = pipeline.instrument_qa().from_hits(spec, [other[0], *hits])
    assert draft is not None and not draft.refused
    assert draft.parts[0][0].startswith("Nghị định số 19/2019/NĐ-CP")


def test_the_politburo_and_secretariat_issue_for_the_central_committee() -> None:
    entry = _entry("Quy định", "384-QĐ/TW", "Ban Chấp hành Trung ương", "Kết nối, chia sẻ dữ liệu")
    assert issuer_agrees("Ban Bí thư có văn bản nào về kết nối dữ liệu?", entry)
    assert not issuer_agrees("Chính phủ có văn bản nào về kết nối dữ liệu?", entry)


@pytest.mark.parametrize(
    "question",
    [
        "Nghị định về họ, hụi, biêu, phường là để thực hiện văn bản số mấy?",
        "Nghị định về họ, hụi, biêu, phường căn cứ vào văn bản nào?",
    ],
)
def test_what_the_instrument_carries_out_is_not_the_instrument(
    pipeline: Pipeline, question: str
) -> None:
    spec = analyze(question)
    hits = pipeline.search(question)
    assert hits and pipeline.instrument_qa().from_hits(spec, hits) is None


class _Held:
    """The one instrument held in each document, as OwnAnswers gives them."""

    def __init__(self, entries: dict[str, Entry]) -> None:
        self.registry = self
        self.entries = entries
        self.by_doc = {
            d: [Chunk(id=d, doc_id=d, text=f"{e.number}\n", title=e.number or "")]
            for d, e in entries.items()
        }

    def held(self, doc_ids: list[str]) -> list[Entry]:
        return [self.entries[d] for d in doc_ids if d in self.entries]

    def header(self, entry: Entry) -> Hit:
        return Hit(chunk=self.by_doc[entry.own_doc or ""][0], score=1.0, rank=1)


def test_a_document_ranked_below_the_first_needs_half_its_trich_yeu() -> None:
    subject = "Quy định chi tiết thi hành Luật Khoáng sản về quản lý, khai thác cát, sỏi lòng sông"
    decree = _entry("Nghị định", "5/2024/NĐ-CP", "Chính phủ", subject, own_doc="decree")
    which = WhichAnswers(_Held({"decree": decree}))  # type: ignore[arg-type]
    near = "Nghị định nào quy định xử phạt vi phạm khai thác cát, sỏi lòng sông?"  # 3/7 of it
    same = "Nghị định nào về quản lý khai thác cát, sỏi lòng sông?"  # 4/7
    for question, answered in ((near, False), (same, True)):
        low = " ".join(question.casefold().split())
        assert (which.answer(analyze(question), ["decree"], low) is not None) is True
        assert (which.answer(analyze(question), ["other", "decree"], low) is not None) is answered


def test_what_an_act_rests_on_is_asked_of_no_instrument() -> None:
    """ "muốn ký … thì phải căn cứ vào nghị định nào?" asks which decree governs the act: the
    question describes no instrument whose grounds it would ask."""
    low = "muốn ký hợp đồng lao động qua mạng thì phải căn cứ vào nghị định nào?"
    assert _CARRIED_OUT.search(low) is None
    assert _CARRIED_OUT.search("kế hoạch này là để thực hiện kế hoạch số mấy?")


def test_a_precedent_is_asked_for_by_its_number() -> None:
    assert asked_type("có án lệ nào công nhận hợp đồng chưa công chứng? án lệ số mấy?") == "án lệ"


def test_an_issuer_named_with_an_adverb_or_a_term_is_still_the_issuer_asked() -> None:
    entry = _entry("Quyết định", "48/2025/QĐ-TTg", "Thủ tướng Chính phủ", "Quy chế phản ánh")
    assert not issuer_agrees("Thông tư nào do Bộ Tài chính đã ban hành về phản ánh?", entry)
    assert not issuer_agrees("Luật nào do Quốc hội khóa XV thông qua về phản ánh?", entry)
