"""A question naming an article its document does not have is answered by none of that
document's sentences, unless one names the article."""

from __future__ import annotations

from policybot.answers.scope import clause_asked, in_article, in_clause
from policybot.answers.sentences import Sentence
from policybot.questions.question import analyze
from policybot.types import Chunk, Hit

RULES = frozenset(str(n) for n in range(1, 18))  # a regulation of 17 articles


def _sentence(heading: str, text: str) -> Sentence:
    chunk = Chunk(id="c", doc_id="d", text=text, title="Quy chế", ordinal=0, heading=heading)
    return Sentence(Hit(chunk=chunk, score=1.0, rank=1), text, 0, frozenset())


def test_an_article_the_document_lacks_is_answered_by_none_of_it() -> None:
    asked = analyze("Trong quy chế lấy ý kiến điện tử, Điều 20 quy định xử lý vi phạm thế nào?")
    scope = _sentence("Chương I > Điều 1. Phạm vi điều chỉnh", "Quy chế này quy định việc sử dụng.")
    assert not in_article(asked, scope, RULES)
    # the article exists: another of its articles may still answer (focus.py tries it first)
    assert in_article(analyze("Điều 5 quy định xử lý vi phạm thế nào?"), scope, RULES)


def test_a_sentence_naming_the_article_or_a_document_without_articles_may_answer() -> None:
    asked = analyze("Trường hợp quy định tại Điều 20 thì ai cấp phép?")
    citing = _sentence("Điều 9. Cấp phép", "Trường hợp quy định tại Điều 20 do Sở cấp phép.")
    assert in_article(asked, citing, RULES)
    letter = _sentence("", "Công văn trả lời: trường hợp này do Sở cấp phép.")
    assert in_article(asked, letter, frozenset())
    # a question naming no article is held to none
    assert in_article(analyze("Quy chế quy định gì?"), citing, RULES)


def test_a_row_of_another_place_does_not_answer() -> None:
    from policybot.answers.scope import row_of_another_place

    row = "| Đài Truyền hình | Nam Định | 47 (VTV3) | 50 | 01/5/2014 |"
    other = Sentence(_sentence("", row).hit, row, 0, frozenset(), row=row, header="| Đài |")
    assert row_of_another_place(analyze("Ở Quảng Ninh phải chuyển sang kênh nào?"), other)
    assert not row_of_another_place(analyze("Ở Nam Định phải chuyển sang kênh nào?"), other)
    task = "| 3 | Biểu dương, khen thưởng doanh nghiệp | Sở Nội vụ | Quý IV |"
    plain = Sentence(_sentence("", task).hit, task, 0, frozenset(), row=task, header="| TT |")
    assert not row_of_another_place(analyze("Đồng Tháp khen thưởng do sở nào làm?"), plain)


def test_what_a_named_body_does_is_said_of_that_body() -> None:
    from policybot.answers.scope import bodies_named, speaks_of_bodies

    asked = analyze("Theo quy chế, Sở Tài chính chịu trách nhiệm những gì?")
    assert bodies_named(asked.text) == ["sở tài"]
    everyone = _sentence("Điều 17. Tổ chức thực hiện", "Các cơ quan chịu trách nhiệm thi hành.")
    assert not speaks_of_bodies(asked, everyone)
    own = _sentence("Điều 16. Trách nhiệm của Sở Tài chính", "Bố trí kinh phí vận hành.")
    assert speaks_of_bodies(asked, own)
    # a who-question names the body it asks for, not one to hold
    assert speaks_of_bodies(analyze("Cơ quan nào phối hợp với Sở Tài chính?"), everyone)


def test_a_body_the_title_names_speaks_in_all_of_its_document() -> None:
    from policybot.answers.scope import speaks_of_bodies

    asked = analyze("Hồi đó Bộ Công Thương bắt các đơn vị cắt giảm bao nhiêu phần trăm thủ tục?")
    said = "Phải bảo đảm đạt chỉ tiêu tối thiểu 30%."
    chunk = Chunk(id="c", doc_id="d", text=said, title="Chỉ thị của Bộ Công Thương", ordinal=0)
    assert speaks_of_bodies(
        asked, Sentence(Hit(chunk=chunk, score=1.0, rank=1), said, 0, frozenset())
    )
    assert not speaks_of_bodies(asked, _sentence("", said))  # a title naming another body
    # a body the sentence gives the target to is no actor of its own: the title still speaks
    owned = "Phải bảo đảm đạt chỉ tiêu tối thiểu 30% của Thủ tướng Chính phủ."
    chunk = Chunk(id="c", doc_id="d", text=owned, title="Chỉ thị của Bộ Công Thương", ordinal=0)
    assert speaks_of_bodies(
        asked, Sentence(Hit(chunk=chunk, score=1.0, rank=1), owned, 0, frozenset())
    )
    # "giao cho Sở …", "Đối với Sở …": the body named is the one that acts
    for tasked in ("Giao cho Sở Công Thương các tỉnh kiểm tra.", "Đối với Sở Y tế: kiểm tra."):
        chunk = Chunk(
            id="c", doc_id="d", text=tasked, title="Chỉ thị của Bộ Công Thương", ordinal=0
        )
        hit = Hit(chunk=chunk, score=1.0, rank=1)
        assert not speaks_of_bodies(asked, Sentence(hit, tasked, 0, frozenset()))
    # a sentence naming its own body is that body's, whatever the title names
    theirs = "Ủy ban nhân dân cấp tỉnh có trách nhiệm kiểm tra."
    chunk = Chunk(id="c", doc_id="d", text=theirs, title="Chỉ thị của Bộ Công Thương", ordinal=0)
    hit = Hit(chunk=chunk, score=1.0, rank=1)
    duty = analyze("Bộ Công Thương có trách nhiệm gì?")
    assert not speaks_of_bodies(duty, Sentence(hit, theirs, 0, frozenset()))


def test_the_issuer_of_the_document_asked_of_is_not_the_body_asked() -> None:
    from policybot.answers.scope import bodies_named, speaks_of_bodies

    row = _sentence("", "| Đài Truyền hình | Nam Định | 47 (VTV3) | 50 | 01/5/2014 |")
    leading = analyze("Theo kế hoạch đổi kênh của Bộ TTTT, VTV3 ở Nam Định dời qua kênh nào?")
    assert speaks_of_bodies(leading, row)
    assert bodies_named("Chỉ thị do Bộ Công Thương ban hành giao giảm bao nhiêu?") == []
    assert bodies_named("Kế hoạch của tỉnh giao Sở Y tế làm gì?") == ["sở y"]
    assert bodies_named("Quyết định 80/QĐ-BTTTT của Bộ Thông tin quy định gì?") == []
    # a body the plan tasks, or one doing its programme, is asked of
    assert bodies_named("Kế hoạch giao nhiệm vụ của Sở Y tế là gì?") == ["sở y"]
    assert bodies_named("Chương trình do Sở Công Thương thực hiện gồm những gì?") == ["sở công"]
    # an owner or partner named after a preposition is not asked of
    owner = "Phản ánh gửi qua Hệ thống thông tin của Bộ Tư pháp được trả lời trong bao lâu?"
    assert bodies_named(owner) == []
    assert bodies_named("Sở Y tế phối hợp với Sở Tài chính làm gì?") == ["sở y"]
    assert bodies_named("Mỗi đơn vị thuộc Bộ Công Thương phải giảm bao nhiêu thủ tục?") == []
    # a Party committee's standing board is told apart by the committee's place
    assert bodies_named("Ban Thường vụ Huyện ủy đề ra mấy nhóm giải pháp?") == []


def test_a_clause_named_is_found_by_its_line_in_the_articles_passage() -> None:
    assert clause_asked("Khoản 5 Điều 3 Nghị định 231 quy định làm việc theo hình thức nào?") == (
        "3",
        "5",
    )
    assert clause_asked("Điều 12, khoản 2 của quy chế nói gì?") == ("12", "2")
    assert clause_asked("Điều 12 quy định gì?") is None
    text = "4. Áp dụng chế độ đột phá.\n5. Làm việc theo hợp đồng lao động.\n6. Thôi đảm nhiệm."
    chunk = Chunk(
        id="c",
        doc_id="d",
        text=text,
        title="Nghị định",
        ordinal=0,
        heading="Chương I > Điều 3. Nguyên tắc",
    )

    def at(said: str) -> Sentence:
        return Sentence(Hit(chunk=chunk, score=1.0, rank=1), said, text.index(said), frozenset())

    assert in_clause(at("Làm việc theo hợp đồng lao động."), "3", "5")
    assert not in_clause(at("Thôi đảm nhiệm."), "3", "5")
    assert in_clause(at("6. Thôi đảm nhiệm."), "3", "6")  # its own marker
    assert not in_clause(at("Làm việc theo hợp đồng lao động."), "4", "5")  # another article
