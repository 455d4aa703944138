"""Official documents whose header is not the two-column layout, read from real excerpts
(tests/data/headers): a heading written as one sentence, a law printed from the web, a
precedent (Án lệ), an official letter with "V/v" and no type line, and a legal database's
record of a document without its body."""

from __future__ import annotations

from pathlib import Path

from policybot.reading.anatomy import read_anatomy
from policybot.reading.effective import effective_of

HEADERS = Path(__file__).resolve().parents[1] / "data" / "headers"


def _read(name: str) -> str:
    return (HEADERS / name).read_text(encoding="utf-8")


def test_a_heading_written_as_one_sentence() -> None:
    a = read_anatomy(_read("qd-63-2010-qd-ttg-one-sentence-heading-excerpt.txt"))
    assert (a.type, a.number, a.date) == ("Quyết định", "63/QĐ-TTg", "2010-01-13")
    assert a.issuer is not None and a.issuer.casefold() == "thủ tướng chính phủ"
    assert a.title() == (
        "Quyết định 63/QĐ-TTg phê duyệt quy hoạch phát triển an toàn thông tin số quốc gia "
        "đến năm 2020"
    )
    assert (a.signer, a.effective) == ("Nguyễn Tấn Dũng", "ngày ký")


def test_a_law_whose_heading_ends_with_its_number_and_date() -> None:
    """'... CỦA QUỐC HỘI KHÓA XII, KỲ HỌP THỨ 3, SỐ 16/2008/QH12 / NGÀY ...': the issuer
    stops before its term and session; an amending law keeps "sửa đổi" in lower case."""
    a = read_anatomy(_read("luat-16-2008-qh12-web-print-heading-excerpt.txt"))
    assert (a.type, a.number, a.date, a.issuer) == (
        "Luật",
        "16/2008/QH12",
        "2008-06-03",
        "Quốc hội",
    )
    assert a.title() is not None and a.title().startswith("Luật sửa đổi, bổ sung một số")
    assert a.title().endswith("số 16/2008/QH12")
    assert (a.signer, a.signer_title, a.effective) == (
        "Nguyễn Phú Trọng",
        "Chủ tịch Quốc hội",
        "2009-01-01",
    )


def test_a_law_is_named_by_its_name_and_dated_by_its_adoption() -> None:
    a = read_anatomy(_read("luat-58-2010-qh12-doc-header-and-adoption-excerpt.txt"))
    assert a.title() == "Luật Viên chức số 58/2010/QH12"
    assert a.date == "2010-11-15"  # no date under the motto: the day it was adopted


def test_a_precedent_is_dated_by_its_publication() -> None:
    a = read_anatomy(_read("an-le-43-2021-al-heading-excerpt.txt"))
    assert (a.type, a.number, a.date) == ("Án lệ", "43/2021/AL", "2021-03-12")
    assert a.issuer == "Hội đồng Thẩm phán Tòa án nhân dân tối cao"
    assert a.subject is not None and a.subject.startswith("về hiệu lực của hợp đồng thế chấp")
    assert "Được Hội đồng" not in a.subject


def test_an_official_letter_without_a_type_line() -> None:
    a = read_anatomy(_read("cv-3955-tchq-txnk-letter-excerpt.txt"))
    assert (a.type, a.number, a.date, a.issuer) == (
        "Công văn",
        "3955/TCHQ-TXNK",
        "2010-07-16",
        "Tổng cục Hải quan",
    )
    assert a.subject == "nộp tờ khai bản sao trong hồ sơ thanh khoản"
    # "KT.TỔNG CỤC TRƯỞNG" with no space after the dot is still an authority line
    assert a.signer == "Dương Phú Đông"
    assert a.signer_title is not None and a.signer_title.startswith("KT. ")
    assert a.signer_title.endswith("Phó cục trưởng")


def test_a_database_record_of_a_document() -> None:
    a = read_anatomy(_read("qd-77-2006-qd-ttg-vbpl-record-excerpt.txt"))
    assert (a.type, a.number, a.date, a.issuer) == (
        "Quyết định",
        "77/2006/QĐ-TTg",
        "2006-04-12",
        "Thủ tướng Chính phủ",
    )
    assert (a.signer, a.effective) == ("Phan Văn Khải", "2006-05-12")
    # its validity as the record states it
    assert (a.status, a.expired) == ("Hết hiệu lực toàn bộ", "2025-12-08")
    assert a.title() == (
        "Quyết định 77/2006/QĐ-TTg ban hành Quy chế làm việc mẫu của Ủy ban nhân dân xã, "
        "phường, thị trấn"
    )


def test_capitals_of_a_position_are_not_a_signers_name() -> None:
    text = (
        "BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 1/CT-CS\nV/v thuế.\nHà Nội, ngày 01 tháng 12 năm 2025\n"
        "Kính gửi: Ban A\nNội dung.\nNơi nhận:\n- Như trên;\n\nTL. CỤC TRƯỞNG\n"
        "KT. TRƯỞNG BAN BAN CHÍNH SÁCH,\nTHUẾ QUỐC TẾ\nNguyễn Thị Thanh Hằng\n"
    )
    a = read_anatomy(text)
    assert a.signer == "Nguyễn Thị Thanh Hằng"
    assert a.signer_title is not None and a.signer_title.endswith("quốc tế")


def test_an_ocr_misread_of_ke_tu_still_reads_the_signing_day() -> None:
    assert effective_of("Điều 2. Nghị quyết này có hiệu lực thi hành kế từ ngày ký ban hành.") == (
        "ngày ký"
    )


def test_a_scans_received_stamp_is_not_the_trich_yeu() -> None:
    """OCR of a scan reads the "CÔNG VĂN ĐẾN" stamp across the trích yếu and its fill-in
    line below it; the motto is spelled "CỘNG HOÀ" on the issuer's line."""
    a = read_anatomy(_read("nq-04-2010-nq-cp-ocr-received-stamp-excerpt.txt"))
    assert (a.type, a.number, a.issuer) == ("Nghị quyết", "04/NQ-CP", "Chính phủ")
    assert a.subject is not None and "thành phố Sơn La, tỉnh Sơn La" in a.subject
    assert "CÔNG VĂN" not in a.subject and "Ngày" not in a.subject and "...." not in a.subject


def test_a_number_the_scan_garbled_is_not_replaced_by_one_the_text_cites() -> None:
    """OCR lost the document's own number ("Số: ¿5 /QĐ-TTg", "Số: Ổ /CT-BCt") and its type
    line ("— : __ QUYẾT ĐỊNH", "CHÍ THỊ"): the number the trích yếu or the first sentence
    cites is another document's, and "QUYẾT ĐỊNH :" after the grounds opens the body."""
    for name, cited in (
        ("qd-25-2010-qd-ttg-ocr-garbled-number-excerpt.txt", "622/QĐ-TTg"),
        ("ct-03-2010-ct-bct-ocr-garbled-number-excerpt.txt", "2008/CT-TTg"),
    ):
        a = read_anatomy(_read(name))
        assert a.number != cited and a.number is None
        assert a.date != "2009-10-19"  # the date of a cited directive


def test_the_trich_yeu_ends_where_the_body_begins_without_grounds() -> None:
    """A directive or a government meeting's resolution has no "Căn cứ" lines: its body's
    first paragraph, after a blank line, is prose (long, or opening a list with ':')."""
    a = read_anatomy(_read("ct-02-2010-ct-bct-ocr-misread-symbol-excerpt.txt"))
    assert a.subject is not None and a.subject.endswith("tại Bộ Công Thương")
    text = (
        "CHÍNH PHỦ\nSố: 02/NQ-CP\nHà Nội, ngày 11 tháng 01 năm 2010\n\nNGHỊ QUYẾT\n\n"
        "Phiên họp Chính phủ thường kỳ tháng 12 năm 2009\n\n"
        "Trong hai ngày 04 và 05 tháng 01 năm 2010, Chính phủ họp phiên thường kỳ, "
        "thảo luận và quyết nghị các vấn đề sau:\n\n1. Chính phủ đã thảo luận báo cáo.\n"
    )
    assert read_anatomy(text).subject == "Phiên họp Chính phủ thường kỳ tháng 12 năm 2009"
    # a trích yếu written over lines with blank lines between them stays whole
    spaced = text.replace(
        "tháng 12 năm 2009\n\nTrong", "tháng 12 năm 2009\n\nvà các phiên họp chuyên đề\n\nTrong"
    )
    assert read_anatomy(spaced).subject == (
        "Phiên họp Chính phủ thường kỳ tháng 12 năm 2009 và các phiên họp chuyên đề"
    )
