"""The organ that issued a Party document (text/issuers.party_organ)."""

from policybot.text.issuers import party_organ


def test_the_organ_signed_for_issues_a_party_document() -> None:
    assert party_organ("Ban Chấp hành Trung ương", "T/M Bộ Chính trị") == "Bộ Chính trị"
    assert party_organ("Ban Chấp hành Trung ương", "T/M Ban Bí thư") == "Ban Bí thư"
    assert party_organ("Ban Chấp hành Trung ương", "T/M. Bộ Chính trị") == "Bộ Chính trị"
    # a local committee's standing board is named with the committee
    assert (
        party_organ("Tỉnh ủy Quảng Trị", "T/M Ban Thường vụ, Bí thư")
        == "Ban Thường vụ Tỉnh ủy Quảng Trị"
    )


def test_other_documents_keep_their_issuer() -> None:
    assert party_organ("Ban Chấp hành Trung ương", "T/M Ban Chấp hành Trung ương") == (
        "Ban Chấp hành Trung ương"
    )
    assert party_organ("Ủy ban nhân dân tỉnh Đồng Tháp", "TM. Ủy ban nhân dân, Chủ tịch") == (
        "Ủy ban nhân dân tỉnh Đồng Tháp"
    )
    assert party_organ("Bộ Công Thương", "KT. Bộ trưởng, Thứ trưởng") == "Bộ Công Thương"
    assert party_organ("Tỉnh ủy Quảng Trị", None) == "Tỉnh ủy Quảng Trị"
    assert party_organ(None, "T/M Bộ Chính trị") is None
