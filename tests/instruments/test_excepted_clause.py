"""A sentence that sets a clause aside brings that clause's first sentence along."""

from __future__ import annotations

from policybot.instruments.excepted_clause import excepted_clauses

# Luật Trật tự, an toàn giao thông đường bộ 36/2024/QH15, Điều 88 (as its .docx reads)
ARTICLE = (
    "Điều 88. Hiệu lực thi hành\n\n1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm "
    "2025, trừ trường hợp quy định tại khoản 2 Điều này.\n\n2. Khoản 3 Điều 10 của Luật này có "
    "hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.\n\n3. Luật Giao thông đường bộ số "
    "23/2008/QH12 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành, trừ trường hợp quy "
    "định tại các khoản 1, 2, 5 và 6 Điều 89 của Luật này.\n\nĐiều 89. Quy định chuyển tiếp\n\n"
    "1. Giấy phép lái xe đã được cấp trước ngày Luật này có hiệu lực thi hành vẫn được sử dụng."
)


def _clauses(sentence: str) -> list[str]:
    after = ARTICLE.find(sentence) + len(sentence)
    return [ARTICLE[a:b] for a, b in excepted_clauses(sentence, ARTICLE, after)]


def test_the_clause_set_aside_follows_the_sentence() -> None:
    first = "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025, trừ trường hợp quy định"
    first += " tại khoản 2 Điều này."
    assert _clauses(first) == [
        "2. Khoản 3 Điều 10 của Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026."
    ]


def test_clauses_of_another_article_or_none_set_aside_bring_nothing() -> None:
    # "khoản 1, 2, 5 và 6 Điều 89": another article's clauses, not this one's
    third = ARTICLE[ARTICLE.index("3. Luật Giao") : ARTICLE.index("\n\nĐiều 89")]
    assert _clauses(third) == []
    assert _clauses("2. Khoản 3 Điều 10 của Luật này có hiệu lực thi hành") == []
    # a clause named that the article does not have (beyond its end) brings nothing
    missing = "Luật này có hiệu lực từ ngày 01 tháng 01 năm 2025, trừ khoản 9 Điều này."
    assert excepted_clauses(missing, ARTICLE, ARTICLE.index("\n\n2.")) == []


def test_several_clauses_set_aside_each_follow() -> None:
    both = "Luật này có hiệu lực từ ngày 01 tháng 01 năm 2025, trừ khoản 2 và khoản 3 Điều này."
    after = ARTICLE.index("\n\n2.")
    got = [ARTICLE[a:b] for a, b in excepted_clauses(both, ARTICLE, after)]
    assert [c[:2] for c in got] == ["2.", "3."]
    assert got[1].endswith("Điều 89 của Luật này.")


def test_a_point_of_a_clause_set_aside_brings_its_clause() -> None:
    point = "Luật này có hiệu lực từ ngày 01 tháng 01 năm 2025, trừ trường hợp quy định tại"
    point += " điểm a khoản 2 Điều này."
    got = excepted_clauses(point, ARTICLE, ARTICLE.index("\n\n2."))
    assert [ARTICLE[a:b][:2] for a, b in got] == ["2."]
