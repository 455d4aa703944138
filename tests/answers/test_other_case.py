"""A sentence of another class than the one asked (Thông tư 03/2010/TT-BCT, Điều 5: the
earthing zone per voltage) does not answer."""

from __future__ import annotations

from policybot.answers.other_case import of_another_case

ASKED = "Phạm vi nối đất đối với đường dây cấp điện áp 110 kV là bao nhiêu mét?"


def test_another_voltage_is_another_case() -> None:
    assert of_another_case(ASKED, "a) Cấp điện áp 220 kV: đến 25m tính từ mép dây dẫn.")
    assert of_another_case(ASKED, "b) Cấp điện áp 220kV và 500kV: đến 60m.")


def test_the_voltage_asked_or_none_is_the_case_asked() -> None:
    assert not of_another_case(ASKED, "c) Cấp điện áp 110 kV và 220 kV: đến 15m.")
    assert not of_another_case(ASKED, "Nhà ở trong phạm vi nối đất phải được nối đất.")
    assert not of_another_case("Phạm vi nối đất là bao nhiêu mét?", "Cấp 220 kV: đến 25m.")


def test_a_bound_or_the_unit_asked_is_no_other_case() -> None:
    assert not of_another_case(ASKED, "Đường dây điện áp đến 220 kV: đến 15m.")  # a bound
    assert not of_another_case(ASKED, "Cấp điện áp 110,0 kV: 15m.")  # the same value
    mast = "Cột cao 20 m thì khoảng cách an toàn tối thiểu là bao nhiêu mét?"
    assert not of_another_case(mast, "Khoảng cách an toàn tối thiểu là 5 m.", "mét")
