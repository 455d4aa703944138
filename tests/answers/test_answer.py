"""The extractive answerer on the seed corpus, judged by the eval set's facts and refusals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policybot.answers.draft import NOT_SURE
from policybot.pipeline import Pipeline
from policybot.questions.question import analyze
from policybot.web.payloads import answer_json

EVAL = Path(__file__).parents[2] / "eval" / "questions.jsonl"
QUESTIONS = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line]
# The core issue's bar is over its own 45 questions; the harder ones added since (paraphrase,
# cross-document, follow-ups, more refusals) are measured by `policybot eval` and its report.
CORE_IDS = {
    *(f"d0{i}" for i in range(1, 8)),
    *(f"n0{i}" for i in range(1, 6)),
    *(f"i0{i}" for i in range(1, 6)),
    *(f"w0{i}" for i in range(1, 6)),
    *(f"l0{i}" for i in range(1, 5)),
    *(f"g0{i}" for i in range(1, 5)),
    "p01", "p02", "x01",
    *(f"u{i:02d}" for i in range(1, 13)),
}  # fmt: skip
SINGLE_TURN = [q for q in QUESTIONS if not q.get("history") and q["id"] in CORE_IDS]


def _fold(s: str) -> str:
    return " ".join(s.casefold().split())


def test_answerable_questions_state_the_fact_and_cite_the_document(
    seed_pipeline: Pipeline,
) -> None:
    """The bar of the core issue: the fact in >= 90% of answers, the right document cited
    first in >= 95% of the answered. Every miss is listed in the failure message."""
    answerable = [q for q in SINGLE_TURN if q["answerable"]]
    missed, wrong_doc, answered = [], [], 0
    for item in answerable:
        ans = seed_pipeline.ask(item["question"])
        facts_ok = not ans.refused and all(
            any(_fold(a) in _fold(ans.answer) for a in alts) for alts in item["facts"]
        )
        if not facts_ok:
            missed.append((item["id"], ans.answer[:120]))
        if not ans.refused:
            answered += 1
            if ans.citations[0].document.id not in item["expected_docs"]:
                wrong_doc.append(item["id"])
    assert len(answerable) >= 30
    assert 1 - len(missed) / len(answerable) >= 0.9, missed
    assert 1 - len(wrong_doc) / answered >= 0.95, wrong_doc


@pytest.mark.parametrize(
    "item", [q for q in SINGLE_TURN if not q["answerable"]], ids=lambda q: q["id"]
)
def test_unanswerable_is_refused(seed_pipeline: Pipeline, item: dict) -> None:
    ans = seed_pipeline.ask(item["question"])
    assert ans.refused, ans.answer
    # Not found, or not sure with the closest passages offered as related, never as cited.
    assert ans.answer.startswith(("Không tìm thấy thông tin", NOT_SURE))
    assert ans.citations == ()


def test_answer_json_keeps_the_contract(seed_pipeline: Pipeline) -> None:
    data = answer_json(seed_pipeline.ask("Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"))
    assert set(data) >= {"question", "answer", "refused", "citations", "timings_ms"}
    assert set(data["timings_ms"]) >= {"retrieve", "answer"}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", data["answer"])}
    assert markers and markers == {c["n"] for c in data["citations"]}
    cite = data["citations"][0]
    assert set(cite) >= {"n", "document", "instruments", "passage", "score"}
    assert set(cite["document"]) == {"id", "title", "source", "page"}
    assert cite["document"]["source"].endswith("quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt")
    inst = next(i for i in cite["instruments"] if i["number"] == "5807/KH-UBND")
    assert inst == {
        "type": "Kế hoạch",
        "number": "5807/KH-UBND",
        "date": "2020-12-17",
        "issuer": "UBND tỉnh Quảng Trị",
    }


def test_passages_are_verbatim_and_free_of_page_chrome(seed_pipeline: Pipeline) -> None:
    retriever, _ = seed_pipeline.load()
    chrome = [
        "Bình luận của bạn",
        "CÁC TIN KHÁC",
        "Thống kê truy cập",
        "Nhập mã bảo mật",
        "Tổng lượt truy cập",
        "Related articles",
        "Copyright",
    ]
    docs = retriever.tables.documents
    for chunk in retriever.chunks.values():
        assert not any(c.casefold() in chunk.text.casefold() for c in chrome), chunk.text
        raw = " ".join(Path(docs[chunk.doc_id]["source"]).read_text(encoding="utf-8").split())
        for para in chunk.text.split("\n"):
            assert " ".join(para.split()) in raw, para


def test_who_signed_is_not_answered_with_the_issuing_body(seed_pipeline: Pipeline) -> None:
    """The reports name who issued 52-NQ/TW, not who signed it: "do ai ký" is not answered
    with the issuing body, while "do ai ban hành" still is."""
    signed = seed_pipeline.ask("Nghị quyết 52-NQ/TW do ai ký?")
    assert signed.refused and "Bộ Chính trị ban hành" not in signed.answer
    issued = seed_pipeline.ask("Nghị quyết 52-NQ/TW do ai ban hành?")
    assert not issued.refused and "Bộ Chính trị" in issued.answer


def test_which_plan_answer_names_the_plan_of_the_cited_passage(seed_pipeline: Pipeline) -> None:
    """The sentence with the 5G target does not name its plan; the answer must, from the
    passage it cites (not from a guess)."""
    ans = seed_pipeline.ask("Kế hoạch nào của Quảng Trị đặt mục tiêu phủ sóng mạng di động 5G?")
    assert not ans.refused
    assert "5G" in ans.answer
    assert "5807/KH-UBND" in ans.answer
    assert any("5807/KH-UBND" in c.passage for c in ans.citations)


def test_which_plan_question_about_a_province_without_such_a_target_is_refused(
    seed_pipeline: Pipeline,
) -> None:
    ans = seed_pipeline.ask("Kế hoạch nào của Quảng Nam đặt mục tiêu phủ sóng mạng di động 5G?")
    assert ans.refused


def test_two_provinces_are_answered_each_from_its_own_documents(seed_pipeline: Pipeline) -> None:
    ans = seed_pipeline.ask("Bình Thuận và Đồng Tháp ưu tiên chuyển đổi số ở những lĩnh vực nào?")
    assert not ans.refused
    assert "Bình Thuận:" in ans.answer or "Đồng Tháp:" in ans.answer
    cited = {c.document.id for c in ans.citations}
    for label, doc_prefix in (("Bình Thuận", "binh-thuan"), ("Đồng Tháp", "dong-thap")):
        if f"{label}:" in ans.answer:
            assert any(d.startswith(doc_prefix) for d in cited)
        else:  # not answered: said so, never answered with the other province's text
            assert f"cho {label}" in ans.answer


def test_a_pair_with_one_side_unanswered_says_which(seed_pipeline: Pipeline) -> None:
    ans = seed_pipeline.ask(
        "Kinh tế số chiếm bao nhiêu phần trăm GRDP năm 2025 ở Quảng Trị và Đồng Tháp?"
    )
    assert not ans.refused
    assert "Quảng Trị:" in ans.answer and "20%" in ans.answer
    assert "Không tìm thấy thông tin cho Đồng Tháp" in ans.answer
    assert all(c.document.id.startswith("quang-tri") for c in ans.citations)


def test_a_district_sentence_is_not_the_province_answer(seed_pipeline: Pipeline) -> None:
    ans = seed_pipeline.ask("Tỉnh Quảng Trị và huyện Triệu Phong đặt mục tiêu gì về mạng di động?")
    assert not ans.refused
    province_part = ans.answer.split("huyện Triệu Phong:")[0]
    assert "Triệu Phong" not in province_part.removeprefix("Quảng Trị:")
    assert len({c.document.id for c in ans.citations}) == len(ans.citations)


def test_a_city_is_not_given_its_province_target(seed_pipeline: Pipeline) -> None:
    # The plan names Đông Hà in one sentence and the province's 20 % in another.
    ans = seed_pipeline.ask("Thành phố Đông Hà phấn đấu kinh tế số chiếm bao nhiêu phần trăm GRDP?")
    assert ans.refused
    district = seed_pipeline.ask("Huyện Triệu Phong đề ra bao nhiêu nhóm nhiệm vụ, giải pháp?")
    assert not district.refused and "07 nhóm" in district.answer


def test_which_term_is_answered_with_the_roman_numeral(seed_pipeline: Pipeline) -> None:
    ans = seed_pipeline.ask(
        "Ban Chấp hành Đảng bộ tỉnh khóa mấy đề ra Nghị quyết về chuyển đổi số tỉnh Quảng Trị?"
    )
    assert not ans.refused
    assert "khóa XVII" in ans.answer


def test_where_the_asker_read_it_is_not_asked_of_the_answer(seed_pipeline: Pipeline) -> None:
    # "được đề cập trong bài viết về …" names the article, not what the answer must say.
    ans = seed_pipeline.ask(
        "Chiến lược phát triển kinh tế - xã hội được đề cập trong bài viết về chuyển đổi số "
        "của Bình Thuận kéo dài bao nhiêu năm?"
    )
    assert not ans.refused, ans.answer
    assert "10 năm" in ans.answer
    assert {c.document.id for c in ans.citations} == {"binh-thuan-nghi-quyet-10-chuyen-doi-so.txt"}


def test_places_a_documents_title_names_together_are_one_subject() -> None:
    """Asked of a dispatch "ứng phó lũ tại Khánh Hòa, Đắk Lắk và Gia Lai", the three
    provinces are its subject, not three questions answered one by one."""
    from policybot.answers.answer import _titled_together
    from policybot.questions.question import analyze
    from policybot.types import Chunk, Hit

    spec = analyze("Trong đợt lũ ở Khánh Hòa, Đắk Lắk, Gia Lai, bộ nào lo an toàn cho học sinh?")
    title = "Công điện 223/CĐ-TTg ứng phó lũ đặc biệt lớn tại Khánh Hòa, Đắk Lắk và Gia Lai"
    hit = Hit(chunk=Chunk(id="c", doc_id="d", text="…", title=title), score=1.0, rank=1)
    assert _titled_together(spec, [hit])
    other = Hit(
        chunk=Chunk(id="e", doc_id="f", text="…", title="Kế hoạch của Gia Lai"), score=1.0, rank=1
    )
    assert not _titled_together(spec, [other])
    # one place with two years: the years are still asked each
    assert not _titled_together(analyze("Gia Lai đặt mục tiêu gì năm 2025 và 2030?"), [hit])


def test_which_document_names_the_official_documents_own_instrument() -> None:
    """A passage of Nghị quyết 73/2025/NQ-HĐND that cites Nghị định 231/2025/NĐ-CP answers
    "nằm trong văn bản nào?" with the resolution, not with the decree it cites."""
    from types import SimpleNamespace

    from policybot.answers.compose import Composer
    from policybot.answers.sentences import Sentences
    from policybot.types import Chunk, Hit, Instrument

    decree = Instrument("Nghị định", "231/2025/NĐ-CP", None, "Chính phủ")
    meta = {"instrument_type": "Nghị quyết", "number": "73/2025/NQ-HĐND", "date": "2025-12-10"}
    documents = {"nq73": {"metadata": meta, "instruments": [decree.to_dict()]}}
    retriever = SimpleNamespace(tables=SimpleNamespace(documents=documents))
    text = "Đối tượng được cấp Thẻ kim cương đáp ứng quy định tại khoản 1 Điều này."
    chunk = Chunk(id="c", doc_id="nq73", text=text, title="Nghị quyết", instruments=(decree,))
    part = (text, Hit(chunk=chunk, score=1.0, rank=1), text)
    shown = Composer(retriever, Sentences()).with_instrument(part)[0]  # type: ignore[arg-type]
    assert shown.startswith("Theo Nghị quyết số 73/2025/NQ-HĐND:")
    # a news report, which is no instrument itself, is named by the one its passage holds
    documents["nq73"] = {"metadata": {}, "instruments": [decree.to_dict()]}
    shown = Composer(retriever, Sentences()).with_instrument(part)[0]  # type: ignore[arg-type]
    assert shown.startswith("Theo Nghị định số 231/2025/NĐ-CP:")


def test_how_the_asker_speaks_of_themselves_is_not_asked_of_the_answer(
    seed_pipeline: Pipeline,
) -> None:
    # "Bên mình muốn biết …", "em hỏi …": the asker, not words the sentence must hold.
    _, answerer = seed_pipeline.load()
    plain = analyze("Quảng Trị đặt mục tiêu kinh tế số chiếm bao nhiêu phần trăm GRDP?")
    chatty = analyze(
        "Bên mình muốn biết Quảng Trị đặt mục tiêu kinh tế số chiếm bao nhiêu phần trăm "
        "GRDP nhé, em cảm ơn?"
    )
    extra = set(answerer.content_left(chatty)) - set(answerer.content_left(plain))
    assert extra <= {"bên", "biết", "cảm", "ơn"}, extra


def test_a_law_named_by_name_and_year_that_no_document_names_is_not_in_the_corpus(
    seed_pipeline: Pipeline,
) -> None:
    asked = (
        "Theo Luật Bảo hiểm xã hội năm 2024, phải đóng tối thiểu bao nhiêu năm để hưởng lương hưu?"
    )
    assert analyze(asked).laws == ("Luật Bảo hiểm xã hội",)
    ans = seed_pipeline.ask(asked)
    assert ans.refused and not ans.related and "Luật Bảo hiểm xã hội" in ans.answer
    # "Luật nào năm 2020": no law is named, the year is asked
    which = analyze("Luật nào năm 2020 sửa đổi Luật Xử lý vi phạm hành chính?")
    assert which.laws == () and which.years == ("2020",)


def test_the_year_given_to_the_instrument_a_report_is_about_is_its_publication_year(
    seed_pipeline: Pipeline,
) -> None:
    # two years: 2025 is the target's, 2020 the plan's (the report was published in 2020)
    asked = "Tới năm 2025, kinh tế số của Quảng Trị chiếm bao nhiêu GRDP theo kế hoạch thực hiện Nghị quyết 52 năm 2020?"  # noqa: E501
    ans = seed_pipeline.ask(asked)
    assert not ans.refused and "20%" in ans.answer
    # a year the report is not of still has to be spoken of
    other = seed_pipeline.ask(asked.replace("năm 2020", "năm 2017"))
    assert "20%" not in other.answer or other.refused
