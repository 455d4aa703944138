"""What a sentence says of an instrument the corpus only cites (answers/cited_only.py)."""

from policybot.answers.cited_only import subject_asked, without_citations
from policybot.text.query_refs import find_query_refs

ABOLISHES = (
    "Bãi bỏ toàn bộ Quyết định số 445/2013/QĐ-UBND ngày 03/9/2013 của UBND tỉnh Bắc Giang"
    " (cũ) về việc ban hành Quy định quản lý cán bộ chuyên trách công nghệ thông tin."
)


def test_a_citation_and_its_trich_yeu_are_not_the_sentences_own_words() -> None:
    refs = find_query_refs("Quyết định 445/2013/QĐ-UBND quy định cán bộ phải có trình độ gì?")
    assert without_citations(ABOLISHES, refs) == "Bãi bỏ toàn bộ ."
    # what follows a citation and is no trích yếu is the sentence's own
    said = "Thay thế Quyết định số 445/2013/QĐ-UBND, yêu cầu cán bộ có trình độ đại học."
    assert without_citations(said, refs) == "Thay thế , yêu cầu cán bộ có trình độ đại học."
    # another instrument's citation stays
    other = find_query_refs("Quyết định 451/QĐ-UBND bãi bỏ văn bản nào?")
    assert without_citations(ABOLISHES, other) is None


def test_what_an_instrument_is_about_is_its_citation() -> None:
    assert subject_asked("Quyết định 445/2013/QĐ-UBND về việc gì?")
    assert subject_asked("Quyết định 445/2013/QĐ-UBND ban hành quy định gì?")
    assert subject_asked("Nội dung Quyết định 445/2013/QĐ-UBND là gì?")
    assert not subject_asked("Quyết định 445/2013/QĐ-UBND yêu cầu trình độ tối thiểu là gì?")


def test_a_sentence_describing_an_instrument_keeps_its_words() -> None:
    refs = find_query_refs("Nghị quyết số 10-NQ/TU về chuyển đổi số ban hành ngày nào?")
    said = "Ngày 18/3/2022, Tỉnh ủy đã ban hành\nNghị quyết số 10-NQ/TU về chuyển đổi số."
    assert without_citations(said, refs) is None  # ends none: its words are its own
    ends = "Bãi bỏ Nghị quyết số 10-NQ/TU về chuyển đổi số, kể từ ngày 01/01/2026."
    assert without_citations(ends, refs) == "Bãi bỏ , kể từ ngày 01/01/2026."
