"""Two names of one issuing body (text/identity.same_body)."""

from __future__ import annotations

from policybot.text.identity import same_body


def test_an_abbreviated_committee_is_the_committee() -> None:
    assert same_body("UBND tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn")
    assert same_body("HĐND tỉnh Lạng Sơn", "Hội đồng nhân dân tỉnh Lạng Sơn")


def test_another_place_or_body_is_another_body() -> None:
    assert not same_body("UBND tỉnh Cà Mau", "Ủy ban nhân dân tỉnh Lạng Sơn")
    assert not same_body("HĐND tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn")
    assert same_body("Tỉnh ủy Bình Thuận", "Ban Chấp hành Đảng bộ tỉnh Bình Thuận")


def test_a_capital_level_word_is_the_same_body() -> None:
    """Headers write "Tỉnh", "Thành phố" with a capital; questions do not."""
    assert same_body("HĐND thành phố Hà Nội", "Hội đồng nhân dân Thành phố Hà Nội")
    assert same_body("UBND tỉnh Đồng Tháp", "Ủy ban nhân dân Tỉnh Đồng Tháp")
    assert not same_body("UBND tỉnh Đồng Tháp", "Hội đồng nhân dân Tỉnh Đồng Tháp")
