"""Questions about instruments through Pipeline.ask: answered from the registry, each
relation cited to the passage it was read from; other questions still go to retrieval."""

from __future__ import annotations

import re

import pytest

from policybot.answers.draft import Draft
from policybot.instruments.instrument_qa import InstrumentQA
from policybot.instruments.registry import Registry
from policybot.instruments.registry_question import read_question
from policybot.pipeline import Pipeline
from policybot.questions.question import analyze
from policybot.types import Answer
from policybot.web.payloads import answer_json

KH5807 = "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"
TRIEU_PHONG = "quang-tri-trieu-phong-thuc-hien-nghi-quyet-52-cmcn4.txt"
QT_NQ = "quang-tri-nghi-quyet-chuyen-doi-so-2025-2030.txt"


def _cited(ans: Answer) -> dict[int, str]:
    return {c.n: c.passage for c in ans.citations}


def _lines(ans: Answer) -> list[str]:
    return [line.strip() for line in ans.answer.split("\n") if line.strip()]


def _line_with(ans: Answer, needle: str) -> str:
    found = [line for line in _lines(ans) if needle in line]
    assert found, (needle, ans.answer)
    return found[0]


def _markers(line: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+)\]", line)]


def test_which_instruments_carry_out_52(seed_pipeline: Pipeline) -> None:
    ans = seed_pipeline.ask("Những văn bản nào triển khai Nghị quyết 52-NQ/TW?")
    assert not ans.refused and ans.generator == "registry"
    cited = _cited(ans)
    # direct: 50/NQ-CP, 190-KH/TU and Triệu Phong's; each line cites a passage naming both
    for needle in ("50/NQ-CP", "190-KH/TU", "Huyện ủy Triệu Phong"):
        line = _line_with(ans, needle)
        assert "52-NQ/TW" in line
        (n,) = _markers(line)
        assert "52-NQ/TW" in cited[n]
        assert (needle if "/" in needle else "Huyện ủy Triệu") in cited[n]
    # indirect, with the chain: 5807 carries out 50/NQ-CP and 190-KH/TU
    line = _line_with(ans, "5807/KH-UBND")
    assert "50/NQ-CP" in line and "190-KH/TU" in line
    assert "Gián tiếp" in ans.answer.split("5807/KH-UBND")[0]
    (n,) = _markers(line)
    assert "5807/KH-UBND" in cited[n] and "50/NQ-CP" in cited[n]
    docs = {c.document.id for c in ans.citations}
    assert docs == {KH5807, TRIEU_PHONG}
    assert all(c.document.source.endswith(c.document.id) for c in ans.citations)


def test_what_5807_rests_on(seed_pipeline: Pipeline) -> None:
    ans = seed_pipeline.ask("Kế hoạch 5807/KH-UBND căn cứ vào những văn bản nào?")
    assert not ans.refused and ans.generator == "registry"
    cited = _cited(ans)
    for needle in ("50/NQ-CP", "190-KH/TU"):
        line = _line_with(ans, needle)
        (n,) = _markers(line)
        assert needle in cited[n] and "5807/KH-UBND" in cited[n]
    assert "17/4/2020" in _line_with(ans, "50/NQ-CP")
    assert "12/8/2020" in _line_with(ans, "190-KH/TU")
    # the chain upward: both carry out 52-NQ/TW
    assert "52-NQ/TW" in ans.answer.split("dựa trên")[-1]
    assert ans.citations[0].document.id == KH5807


def test_answer_json_of_a_registry_answer_keeps_the_contract(seed_pipeline: Pipeline) -> None:
    data = answer_json(seed_pipeline.ask("Kế hoạch 5807/KH-UBND căn cứ vào những văn bản nào?"))
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", data["answer"])}
    assert markers == {c["n"] for c in data["citations"]}
    assert set(data["timings_ms"]) >= {"retrieve", "answer"}
    assert data["generator"] == "registry"
    for c in data["citations"]:
        assert c["sentence"] in c["passage"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Nghị quyết 52 do ai ban hành, khi nào?", "Bộ Chính trị ban hành ngày 27/9/2019"),
        ("Nghị quyết 52-NQ/TW được ban hành khi nào?", "ngày 27/9/2019"),
        ("Ai ban hành Kế hoạch 190-KH/TU?", "Ban Thường vụ Tỉnh ủy Quảng Trị ban hành"),
        (
            "Ban Chấp hành Đảng bộ tỉnh Bình Thuận ban hành Nghị quyết số 10 khi nào?",
            "Nghị quyết số 10-NQ/TU được Ban Chấp hành Đảng bộ tỉnh Bình Thuận ban hành ngày "
            "18/3/2022",
        ),
    ],
)
def test_when_and_by_whom(seed_pipeline: Pipeline, question: str, expected: str) -> None:
    ans = seed_pipeline.ask(question)
    assert not ans.refused and ans.generator == "registry"
    assert expected in ans.answer
    date = re.search(r"\d+/\d+/\d{4}", expected)
    passage = ans.citations[0].sentence
    if date:
        d, m, y = date.group(0).split("/")
        assert y in passage and (f"{d}/{m}" in passage or f"{d}/0{m}" in passage)


def test_what_quang_tri_issued_on_a_subject_since_2020(seed_pipeline: Pipeline) -> None:
    ans = seed_pipeline.ask("Quảng Trị đã ban hành những văn bản nào về chuyển đổi số từ năm 2020?")
    assert not ans.refused and ans.generator == "registry"
    assert "Kế hoạch số 5807/KH-UBND ngày 17/12/2020 của UBND tỉnh Quảng Trị" in ans.answer
    assert "Nghị quyết về chuyển đổi số tỉnh Quảng Trị" in ans.answer
    assert "không nêu ngày ban hành" in ans.answer
    # central instruments the Quảng Trị texts cite were not issued by Quảng Trị
    for central in ("52-NQ/TW", "50/NQ-CP", "749/QĐ-TTg", "45/2020/NĐ-CP"):
        assert central not in ans.answer
    # nor are plans the texts only ask to be drafted
    assert "Kế hoạch chuyển đổi số tỉnh Quảng Trị" not in ans.answer
    assert "Bình Thuận" not in ans.answer and "Đồng Tháp" not in ans.answer
    assert {c.document.id for c in ans.citations} <= {KH5807, QT_NQ, TRIEU_PHONG}


def test_a_place_asked_for_one_type_lists_only_that_type(seed_pipeline: Pipeline) -> None:
    plans = seed_pipeline.ask("Quảng Trị đã ban hành những kế hoạch nào?")
    assert not plans.refused and plans.answer.startswith("Các kế hoạch của Quảng Trị")
    assert "5807/KH-UBND" in plans.answer and "Nghị quyết" not in plans.answer
    both = seed_pipeline.ask("Quảng Trị đã ban hành những nghị quyết, kế hoạch nào?")
    assert "5807/KH-UBND" in both.answer and "Nghị quyết về chuyển đổi số" in both.answer
    resolutions = seed_pipeline.ask("Quảng Trị đã ban hành những nghị quyết nào?")
    assert "Nghị quyết về chuyển đổi số tỉnh Quảng Trị" in resolutions.answer
    assert "5807/KH-UBND" not in resolutions.answer
    assert "Kế hoạch số" not in resolutions.answer


def test_a_later_period_leaves_out_earlier_instruments(seed_pipeline: Pipeline) -> None:
    ans = seed_pipeline.ask("Quảng Trị đã ban hành những văn bản nào về chuyển đổi số từ năm 2021?")
    assert not ans.refused
    assert "5807/KH-UBND" not in ans.answer  # 17/12/2020


def test_targets_and_based_on_answered_with_the_other_passage(seed_pipeline: Pipeline) -> None:
    ans = seed_pipeline.ask(
        "Quảng Trị phấn đấu hoàn thành các mục tiêu tại quyết định nào của Thủ tướng Chính phủ?"
    )
    assert not ans.refused and "749/QĐ-TTg" in ans.answer
    sentences = " ".join(c.sentence for c in ans.citations)
    assert "749/QĐ-TTg" in sentences and "Nghị quyết về chuyển đổi số" in sentences
    ans = seed_pipeline.ask(
        "Kế hoạch số hóa kết quả giải quyết thủ tục hành chính của tỉnh Quảng Trị được xây "
        "dựng theo nghị định nào?"
    )
    assert not ans.refused and "45/2020/NĐ-CP" in ans.answer
    assert "45/2020/NĐ-CP" in ans.citations[0].sentence


def test_type_and_issuer_in_the_question_narrow_the_answer(seed_pipeline: Pipeline) -> None:
    ans = seed_pipeline.ask(
        "Kế hoạch 5807/KH-UBND triển khai thực hiện nghị quyết nào của Chính phủ?"
    )
    assert "50/NQ-CP" in _lines(ans)[1]
    assert not any("190-KH/TU" in line for line in _lines(ans))


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Những văn bản nào triển khai Nghị quyết 99-NQ/TW?", "instrument-not-in-registry"),
        ("Nghị quyết 77/NQ-CP do ai ban hành?", "instrument-not-in-registry"),
        ("Những văn bản nào triển khai Kế hoạch 5807/KH-UBND?", "no-relation"),
        ("Nghị quyết số 10 của Bình Thuận được ban hành năm 2020 phải không?", "no-issuance"),
    ],
)
def test_refusals(seed_pipeline: Pipeline, question: str, reason: str) -> None:
    ans = seed_pipeline.ask(question)
    assert ans.refused and ans.citations == ()
    assert ans.answer.startswith("Không tìm thấy thông tin")
    assert ans.reason == reason


def test_a_registry_refusal_shows_what_the_documents_do_say(seed_pipeline: Pipeline) -> None:
    """No relation known is still "not sure" with the closest passages, never a bare "not
    found"; an instrument no document names has nothing related."""
    ans = seed_pipeline.ask("Những văn bản nào triển khai Kế hoạch 5807/KH-UBND?")
    assert ans.refused and ans.reason == "no-relation"
    assert ans.related and "Các đoạn liên quan nhất:" in ans.answer
    assert any(c.document.id == KH5807 for c in ans.related)
    unknown = seed_pipeline.ask("Thông tư 99/2099/TT-BCT căn cứ vào những văn bản nào?")
    assert unknown.refused and unknown.reason == "instrument-not-in-registry"
    assert unknown.related == ()


@pytest.mark.parametrize(
    "question",
    [
        "Kế hoạch 5807/KH-UBND đưa ra bao nhiêu nhóm nhiệm vụ, giải pháp chủ yếu?",
        "Các sở, ngành báo cáo UBND tỉnh Quảng Trị kết quả thực hiện Kế hoạch 5807 vào ngày nào "
        "hằng năm?",
        "Theo Kế hoạch 5807, cơ quan nào chủ trì xây dựng Kế hoạch chuyển đổi số tỉnh Quảng Trị?",
        "Đồng Tháp ưu tiên thi đua đẩy mạnh chuyển đổi số trong những lĩnh vực nào?",
    ],
)
def test_other_questions_go_to_retrieval(seed_pipeline: Pipeline, question: str) -> None:
    assert seed_pipeline.instrument_qa().answer(analyze(question)) is None
    assert seed_pipeline.ask(question).generator == "extractive"


def test_an_empty_registry_routes_nothing(seed_pipeline: Pipeline) -> None:
    retriever, _ = seed_pipeline.load()
    qa = InstrumentQA(Registry(), retriever.chunks)
    assert qa.answer(analyze("Những văn bản nào triển khai Nghị quyết 52-NQ/TW?")) is None


def test_draft_parts_rest_on_sentences_of_their_passages(seed_pipeline: Pipeline) -> None:
    qa = seed_pipeline.instrument_qa()
    draft = qa.answer(analyze("Những văn bản nào triển khai Nghị quyết 52-NQ/TW?"))
    assert isinstance(draft, Draft) and not draft.refused
    for text, hit, sentence in draft.parts:
        assert text and sentence in hit.chunk.text


def test_where_an_instrument_is_mentioned_lists_each_document_once(seed_pipeline: Pipeline) -> None:
    ans = seed_pipeline.ask("Nghị quyết 52-NQ/TW được nhắc đến trong những văn bản nào?")
    assert not ans.refused
    docs = [c.document.id for c in ans.citations]
    assert len(docs) == len(set(docs)) >= 2
    for c in ans.citations:
        assert "52-NQ/TW" in c.passage
    assert ans.answer.count("\n- ") == len(docs)
    # documents are named by their instruments, not by a report's headline: the plan's
    # report says 5807/KH-UBND carries out 52 (through 50/NQ-CP and 190-KH/TU)
    line = _line_with(ans, "5807/KH-UBND")
    assert line.startswith("- Kế hoạch số 5807/KH-UBND")
    (n,) = _markers(line)
    assert "52-NQ/TW" in _cited(ans)[n]
    for line in _lines(ans)[1:]:
        # an instrument's type first (or "văn bản “title”"), never a headline's first word
        assert re.match(r"- (Nghị quyết|Kế hoạch|Quyết định|Văn bản của|văn bản “)", line), line


def test_what_an_instrument_itself_mentions_is_not_who_mentions_it(
    seed_pipeline: Pipeline,
) -> None:
    """ "X có nhắc đến những văn bản nào" asks what X cites: the answerer reads X for it,
    and the answer is no list of the documents naming X."""
    question = "Kế hoạch 5807/KH-UBND có nhắc đến những nghị định nào?"
    asked = read_question(seed_pipeline.registry(), analyze(question))
    assert asked is None or asked.kind != "mentioned-in"
    assert "được nhắc đến trong các văn bản sau" not in seed_pipeline.ask(question).answer


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Những văn bản nào dẫn chiếu Nghị quyết 52-NQ/TW?", "mentioned-in"),
        ("Văn bản nào viện dẫn Nghị quyết 52-NQ/TW?", "mentioned-in"),
        ("Nghị quyết 52-NQ/TW được nhắc đến trong những văn bản nào?", "mentioned-in"),
        ("Nghị quyết 52-NQ/TW nhắc đến trong văn bản nào?", "mentioned-in"),  # "được" left out
        ("Văn bản nào quán triệt Nghị quyết 52-NQ/TW?", "carried-out-by"),
        ("Kế hoạch 5807/KH-UBND lấy những văn bản nào làm cơ sở?", "rests-on"),
        ("Năm 2020, tỉnh Quảng Trị đã đưa ra những văn bản nào?", "issued-by-place"),
        ("Nghị quyết 52-NQ/TW do cơ quan nào thông qua?", "issued"),
    ],
)
def test_cues_in_other_wordings(seed_pipeline: Pipeline, question: str, kind: str) -> None:
    """Officials' other verbs for mentioning, carrying out, resting on and issuing."""
    asked = read_question(seed_pipeline.registry(), analyze(question))
    assert asked is not None and asked.kind == kind


def test_another_bodys_act_is_not_dated_by_the_instrument_it_carries_out(
    seed_pipeline: Pipeline,
) -> None:
    """Asked when a district body issued its document carrying out 52-NQ/TW, the answer is
    not 52-NQ/TW's own date; asked of 52-NQ/TW's own issuer, it is."""
    registry = seed_pipeline.registry()
    theirs = (
        "Ban Thường vụ Huyện ủy Triệu Phong ban hành văn bản cụ thể hóa "
        "Nghị quyết 52-NQ/TW ngày nào?"
    )
    asked = read_question(registry, analyze(theirs))
    assert asked is not None and asked.kind == "issued"
    assert asked.actor is not None and "Triệu Phong" in asked.actor
    ans = seed_pipeline.ask(theirs)
    # refused: the resolution's date is no answer (a related passage may still show it)
    assert ans.refused and "27/9/2019" not in ans.answer.split("Các đoạn liên quan nhất:")[0]
    assert "Triệu Phong" in ans.answer
    own = seed_pipeline.ask("Bộ Chính trị ban hành Nghị quyết 52-NQ/TW ngày nào?")
    assert not own.refused and "27/9/2019" in own.answer
    plain = read_question(registry, analyze("Nghị quyết 52-NQ/TW ban hành ngày nào?"))
    assert plain is not None and plain.actor is None
    # asked who issued it, a body its description names is no actor
    described = (
        "Cơ quan nào ban hành Nghị quyết 52-NQ/TW về chủ động tham gia cách mạng công nghiệp"
        " mà Ban Thường vụ Huyện ủy Triệu Phong cụ thể hóa?"
    )
    who = read_question(registry, analyze(described))
    assert who is not None and who.kind == "issued" and who.actor is None
    assert "Bộ Chính trị" in seed_pipeline.ask(described).answer
    # "… giao cho ai": a who-word that does not ask the issuer keeps the body asked of
    tasked = theirs.replace("ngày nào?", "ngày nào, giao cho ai?")
    again = read_question(registry, analyze(tasked))
    assert again is not None and again.actor is not None and "Triệu Phong" in again.actor


def test_what_a_place_carries_out_asked_by_level(seed_pipeline: Pipeline) -> None:
    """ "… của Trung ương" asks for a central body's instrument: 52-NQ/TW of the Politburo."""
    central = seed_pipeline.ask("Huyện Triệu Phong cụ thể hóa văn bản nào của Trung ương?")
    assert not central.refused and central.generator == "registry"
    assert "52-NQ/TW" in central.answer
    asked = read_question(
        seed_pipeline.registry(), analyze("Huyện Triệu Phong cụ thể hóa văn bản nào của tỉnh?")
    )
    assert asked is not None and asked.other_issuer == "tỉnh"
    qa = seed_pipeline.instrument_qa()
    draft = qa.answer(analyze("Huyện Triệu Phong cụ thể hóa văn bản nào của tỉnh?"))
    assert draft is None or "52-NQ/TW" not in " ".join(p[0] for p in draft.parts)


def test_a_place_issued_on_a_topic_in_officials_words(seed_pipeline: Pipeline) -> None:
    """The topic in other words than the title ("cách mạng công nghiệp 4.0" for "... lần thứ
    tư", "về chuyện ...") still finds the plan; a topic no document has is refused."""
    ans = seed_pipeline.ask(
        "Cuối năm 2020, chính quyền tỉnh Quảng Trị đã ra văn bản nào về chuyện "
        "chủ động tham gia cách mạng công nghiệp 4.0?"
    )
    assert not ans.refused and "5807/KH-UBND" in ans.answer
    none = seed_pipeline.ask("Năm 2020, tỉnh Quảng Trị ban hành văn bản nào về du lịch biển đảo?")
    assert none.refused and "5807" not in none.answer


def test_on_topic_needs_nearly_all_the_topics_words() -> None:
    from policybot.instruments.issuance_answers import on_topic

    title = "chủ trương, chính sách chủ động tham gia cuộc Cách mạng công nghiệp lần thứ tư"
    assert on_topic(title, "chuyện chủ động tham gia cách mạng công nghiệp 4.0")
    assert on_topic(title, "cách mạng công nghiệp")
    assert not on_topic(title, "chủ động phòng chống thiên tai")
    assert not on_topic(title, "chính sách đất đai")
    assert not on_topic(title, "tham gia hội")  # under three words: only in their order


def test_which_plan_carries_out_a_resolution_in_an_officials_words(
    seed_pipeline: Pipeline,
) -> None:
    """ "ra kế hoạch số mấy để làm theo …": a plan carrying out the resolution, by number."""
    ans = seed_pipeline.ask("Quảng Trị ra kế hoạch số mấy để làm theo Nghị quyết 50/NQ-CP?")
    assert not ans.refused and ans.generator == "registry", ans.answer
    assert "5807/KH-UBND" in ans.answer


def test_the_number_of_the_decision_issuing_a_plan_lists_nothing(seed_pipeline: Pipeline) -> None:
    """ "… được ban hành kèm theo quyết định số mấy?" asks one number, not what a place
    issued."""
    spec = analyze("Kế hoạch chuyển đổi số của Quảng Trị được ban hành kèm theo quyết định số mấy?")
    q = read_question(seed_pipeline.registry(), spec)
    assert q is None or q.kind not in ("issued-by-place", "place-rests-on")


def test_the_instrument_approving_a_thing_is_asked_not_a_places_list(
    seed_pipeline: Pipeline,
) -> None:
    """ "Quy trình … ở Quảng Trị được phê duyệt tại quyết định nào?": one thing's instrument;
    the place issuing, named or not, lists what it issued."""
    registry = seed_pipeline.registry()
    thing = "Quy trình điện tử giải quyết thủ tục ở Quảng Trị được phê duyệt tại quyết định nào?"
    q = read_question(registry, analyze(thing))
    assert q is None or q.kind != "issued-by-place"
    for listing in (
        "Văn bản nào được Quảng Trị ban hành năm 2020?",
        "Năm 2020 Quảng Trị đã ban hành những văn bản nào?",
        "Ở Quảng Trị đã được ban hành những kế hoạch nào?",  # a passive with no thing
        "Năm 2020, tại Quảng Trị đã được ban hành những văn bản nào?",
    ):
        q = read_question(registry, analyze(listing))
        assert q is not None and q.kind == "issued-by-place", listing


def test_the_issuance_of_the_one_amending_the_named_instrument_is_not_the_named_ones(
    seed_pipeline: Pipeline,
) -> None:
    """ "Quyết định sửa đổi Nghị quyết 52-NQ/TW ngày 27/9/2019 ban hành ngày nào?" asks of
    the amending decision: 52-NQ/TW's date is no answer; a date given to identify the
    instrument asked of is."""
    amending = "Quyết định sửa đổi Nghị quyết 52-NQ/TW ngày 27/9/2019 ban hành ngày nào?"
    assert analyze(amending).relates_named
    assert "Bộ Chính trị ban hành ngày 27/9/2019" not in seed_pipeline.ask(amending).answer
    assert not analyze("Nghị quyết 52-NQ/TW ban hành ngày nào?").relates_named
    # the one asked named by its number: it is asked of, whatever it details
    details = "Nghị định 168/2024/NĐ-CP quy định chi tiết Luật 36/2024/QH15 ban hành ngày nào?"
    assert not analyze(details).relates_named
    named = seed_pipeline.ask("Kế hoạch 5807/KH-UBND ngày 17/12/2020 do ai ban hành, khi nào?")
    assert not named.refused and "17/12/2020" in named.answer


def test_which_body_put_it_out_asks_its_issuance(seed_pipeline: Pipeline) -> None:
    q = read_question(seed_pipeline.registry(), analyze("Kế hoạch 5807/KH-UBND là đơn vị nào ra?"))
    assert q is not None and q.kind == "issued"


def test_a_text_issued_with_an_instrument_is_named_not_asked_of(seed_pipeline: Pipeline) -> None:
    """ "Quy chế ban hành kèm theo Kế hoạch …" names the text asked of: a deadline it sets is
    asked, not when the instrument was issued."""
    registry = seed_pipeline.registry()
    named = "Theo Quy chế ban hành kèm theo Kế hoạch 5807/KH-UBND, báo cáo gửi trong bao lâu?"
    assert read_question(registry, analyze(named)) is None
    assert not analyze(named).about_issuance
    asked = read_question(registry, analyze("Kế hoạch 5807/KH-UBND ban hành ngày nào?"))
    assert asked is not None and asked.kind == "issued"


def test_at_least_and_other_verbs_ending_in_ra_ask_no_list_of_instruments(
    seed_pipeline: Pipeline,
) -> None:
    """ "ít ra" is "at least", "đứng ra" "to take charge": neither asks what a place issued."""
    registry = seed_pipeline.registry()
    for question in (
        "Muốn dùng hệ thống ở Quảng Trị thì mỗi cơ quan ít ra phải trang bị những gì?",
        "Ở Quảng Trị, sở nào đứng ra lo những gì?",
        "Kế hoạch chuyển đổi số của Quảng Trị đề ra những gì?",
        "Ở Quảng Trị năm 2024 đã xảy ra những gì?",
    ):
        q = read_question(registry, analyze(question))
        assert q is None or q.kind != "issued-by-place", question
    q = read_question(registry, analyze("Năm 2020 Quảng Trị có ra văn bản nào không?"))
    assert q is not None and q.kind == "issued-by-place"


def test_a_cue_and_a_question_word_in_two_clauses_ask_of_no_instrument(
    seed_pipeline: Pipeline,
) -> None:
    """ "… dựa trên mấy cột chính, gồm những gì?" asks what the pillars are, not what the
    resolution rests on; in one clause it does."""
    registry = seed_pipeline.registry()
    pillars = "Nghị quyết chuyển đổi số Quảng Trị dựa trên mấy cột chính, gồm những gì?"
    assert read_question(registry, analyze(pillars)) is None
    grounds = "Nghị quyết chuyển đổi số Quảng Trị dựa trên những văn bản nào?"
    asked = read_question(registry, analyze(grounds))
    assert asked is not None and asked.kind in ("rests-on", "place-rests-on")
    # a cue in another clause first does not hide the one in the clause asked
    later = "Nghị quyết chuyển đổi số Quảng Trị thực hiện ra sao, dựa trên những văn bản nào?"
    asked = read_question(registry, analyze(later))
    assert asked is not None and asked.kind in ("rests-on", "place-rests-on")
