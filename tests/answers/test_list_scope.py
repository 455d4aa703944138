"""The year of a list's opening line ("Mục tiêu cụ thể đến năm 2030:") is the year its items
speak of, in the passage that holds the line and in a passage that continues the list (its
lead). The text is from a real plan (Kế hoạch 179/KH-UBND, Đồng Nai)."""

from __future__ import annotations

from policybot.answers.sentences import Sentences
from policybot.config import ChunkSettings
from policybot.index.chunk import chunk_document, lead_in, opens_list, unmarked
from policybot.types import Chunk, Document, Hit

PLAN = (
    "II. MỤC TIÊU\n\n"
    "b) Mục tiêu cụ thể đến năm 2030:\n\n"
    "(1) Tỷ trọng kinh tế số đạt 30% GRDP;\n\n"
    "(2) Tỷ lệ dân số trưởng thành có tài khoản thanh toán điện tử đạt trên 90%;\n\n"
    "(3) Tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử đạt trên 80%;\n\n"
    "(4) Tổng giá trị giao dịch thanh toán không dùng tiền mặt gấp 30 lần GRDP;\n\n"
    "III. NHIỆM VỤ\n\n"
    "Triển khai các quy định của Chính phủ về thử nghiệm có kiểm soát.\n"
)


def test_a_passage_continuing_a_list_has_its_opening_line_as_lead() -> None:
    start = PLAN.index("(4)")
    assert lead_in(PLAN, start) == "b) Mục tiêu cụ thể đến năm 2030:"
    # a passage that opens with a paragraph that is no item has no such lead
    assert lead_in(PLAN, PLAN.index("Triển khai")) == ""


def _sentences(text: str, lead: str = "") -> dict[str, frozenset[str]]:
    chunk = Chunk(id="c", doc_id="d", text=text, title="Kế hoạch 179/KH-UBND", lead=lead)
    return {s.text: s.scope_years for s in Sentences().of(Hit(chunk=chunk, score=1.0, rank=1))}


def test_items_speak_of_the_year_their_list_opens_with() -> None:
    got = _sentences(PLAN)
    item = next(t for t in got if t.startswith("(4)"))
    assert got[item] == frozenset({"2030"})
    task = next(t for t in got if t.startswith("Triển khai"))
    assert got[task] == frozenset()


def test_a_continued_list_takes_the_year_of_its_lead() -> None:
    rest = PLAN[PLAN.index("(4)") :]
    got = _sentences(rest, lead=lead_in(PLAN, PLAN.index("(4)")))
    item = next(t for t in got if t.startswith("(4)"))
    assert got[item] == frozenset({"2030"})


def test_chunking_gives_the_lead_to_a_passage_cut_inside_the_list() -> None:
    doc = Document("d", "Kế hoạch", PLAN, "kh.txt")
    chunks, _ = chunk_document(doc, ChunkSettings(target_chars=120, max_chars=200))
    cut = [c for c in chunks if c.text.lstrip().startswith(("(3)", "(4)"))]
    assert cut and all("2030" in c.lead for c in cut)


def test_a_sentence_naming_no_year_speaks_of_its_documents_period() -> None:
    """ "Kế hoạch … đến năm 2035": the plan's report deadline is asked "đến năm 2035" by its
    title's words; a year inside the plan's number is its date, no period; a sentence that
    names its own year keeps it."""
    text = "Báo cáo trước ngày 20/11 hằng năm.\n\nĐến năm 2027, hoàn thành lộ trình."
    chunk = Chunk(
        id="c", doc_id="d", text=text, title="Kế hoạch 552/2025/KH-UBND lộ trình đến năm 2035"
    )
    got = {s.text: s.scope_years for s in Sentences().of(Hit(chunk=chunk, score=1.0, rank=1))}
    assert got["Báo cáo trước ngày 20/11 hằng năm."] == frozenset({"2035"})
    assert got["Đến năm 2027, hoàn thành lộ trình."] == frozenset({"2027"})
    title = "Nghị quyết 77/2025/NQ-HĐND"
    numbered = Chunk(id="n", doc_id="d", text="Báo cáo hằng năm.", title=title)
    (only,) = Sentences().of(Hit(chunk=numbered, score=1.0, rank=1))
    assert only.scope_years == frozenset()


ASSIGNED = (
    "Điều 2. Tổ chức thực hiện:\n\n"
    "4. Bộ Công an\n\n"
    "a) Chủ trì việc nghiên cứu bổ sung các điều luật về tội phạm trên mạng máy tính;\n\n"
    "b) Chịu trách nhiệm quản lý, phòng ngừa, đấu tranh chống tội phạm.\n\n"
    "5. Bộ Tài chính bố trí kinh phí thực hiện Quy hoạch.\n"
)  # Quyết định 63/QĐ-TTg (2010): a clause's line naming a ministry, with no colon


def test_a_short_numbered_line_heads_the_lettered_items_under_it() -> None:
    assert lead_in(ASSIGNED, ASSIGNED.index("a) Chủ")) == "4. Bộ Công an"
    assert lead_in(ASSIGNED, ASSIGNED.index("b) Chịu")) == "4. Bộ Công an"
    # in one passage, the items have it as their opener; the next clause is no item of it
    got = {
        s.text: s.opener
        for s in Sentences().of(
            Hit(
                chunk=Chunk(id="c", doc_id="d", text=ASSIGNED, title="Quyết định 63/QĐ-TTg"),
                score=1.0,
                rank=1,
            )
        )
    }
    item = next(t for t in got if t.startswith("a) Chủ"))
    assert got[item] == "4. Bộ Công an"
    assert next(o for t, o in got.items() if "Bộ Tài chính bố trí" in t) == ""
    # a numbered sentence that ends is no heading of the items after it
    assert not opens_list("1. Phấn đấu đạt 80% dịch vụ công trực tuyến.")
    assert unmarked("4. Bộ Công an") == "Bộ Công an"


def _periods(text: str, title: str = "Kế hoạch") -> dict[str, frozenset[str]]:
    chunk = Chunk(id="c", doc_id="d", text=text, title=title)
    return {s.text: s.period_years for s in Sentences().of(Hit(chunk=chunk, score=1.0, rank=1))}


def test_a_period_holds_the_years_inside_it() -> None:
    text = (
        "UBND tỉnh ban hành kế hoạch phong trào thi đua giai đoạn 2021 - 2025.\n\n"
        "Đến năm 2030, phủ sóng 5G.\n\nTriển khai số 283/2021-2025/KH.\n"
    )
    got = _periods(text)
    assert got[next(t for t in got if "thi đua" in t)] == frozenset({"2022", "2023", "2024"})
    assert got[next(t for t in got if "5G" in t)] == frozenset()  # a year, no period
    # a sentence naming no year takes the period of the document's title
    titled = _periods("Phát triển kinh tế số.", title="Kế hoạch từ năm 2026 đến năm 2028")
    assert set(titled.values()) == {frozenset({"2027"})}


def test_a_period_asked_is_spoken_of_by_any_year_in_it() -> None:
    from policybot.answers.scope import in_time as _in_time
    from policybot.questions.question import analyze

    spec = analyze("Đợt thi đua 2021-2025 của Đồng Tháp ưu tiên những ngành nào?")
    years = set(spec.years)
    assert _in_time(spec, years, frozenset({"2022"}))  # a report published in 2022
    assert _in_time(spec, years, frozenset({"2025"}))
    assert not _in_time(spec, years, frozenset({"2030"}))
    assert not _in_time(spec, years, frozenset())
    spaced = analyze("Đợt thi đua 2021 - 2025 của Đồng Tháp ưu tiên những ngành nào?")
    assert _in_time(spaced, set(spaced.years), frozenset({"2023"}))
    one = analyze("Năm 2023 Đồng Tháp ưu tiên những ngành nào?")
    assert not _in_time(one, set(one.years), frozenset({"2022"}))
