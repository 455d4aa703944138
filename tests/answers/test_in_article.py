"""A question naming an article is answered from that article, never from another article
of a document set out in articles."""

from __future__ import annotations

from policybot.answers.scope import in_article
from policybot.answers.sentences import Sentence
from policybot.questions.question import analyze
from policybot.types import Chunk, Hit


def _sentence(heading: str, text: str) -> Sentence:
    chunk = Chunk(id="c", doc_id="d", text=text, title="Quy chế", ordinal=0, heading=heading)
    return Sentence(Hit(chunk=chunk, score=1.0, rank=1), text, 0, frozenset())


def test_another_article_does_not_answer() -> None:
    asked = analyze("Trong quy chế lấy ý kiến điện tử, Điều 20 quy định xử lý vi phạm thế nào?")
    scope = _sentence("Chương I > Điều 1. Phạm vi điều chỉnh", "Quy chế này quy định việc sử dụng.")
    assert not in_article(asked, scope)
    assert in_article(asked, _sentence("Chương V > Điều 20. Xử lý vi phạm", "Vi phạm bị xử lý."))


def test_a_sentence_naming_the_article_or_outside_articles_may_answer() -> None:
    asked = analyze("Trường hợp quy định tại Điều 8 thì ai cấp phép?")
    citing = _sentence("Điều 9. Cấp phép", "Trường hợp quy định tại Điều 8 do Sở cấp phép.")
    assert in_article(asked, citing)
    assert in_article(asked, _sentence("", "Công văn trả lời: trường hợp này do Sở cấp phép."))
    # a question naming no article is held to none
    other = _sentence("Điều 1. Phạm vi", "Quy chế này quy định việc sử dụng.")
    assert in_article(analyze("Quy chế quy định gì?"), other)
