"""The anatomy of an official document (Nghị định 30/2020/NĐ-CP layout) read from real
excerpts: a circular as a .txt loader returns it (one header cell per line) and a decree as
the .docx loader flattens it (a header row on one line, nơi nhận and signature in one row)."""

from __future__ import annotations

from pathlib import Path

from policybot.config import ChunkSettings
from policybot.index.chunk import chunk_document
from policybot.reading.anatomy import read_anatomy
from policybot.reading.effective import effective_of
from policybot.reading.official import with_anatomy
from policybot.reading.validity import AMENDS, REPLACES, passage_statements, validity_statements
from policybot.text.casing import sentence_case
from policybot.types import Document

DATA = Path(__file__).resolve().parents[1] / "data" / "official"
HEADERS = DATA.parent / "headers"  # the first lines of real documents, as their readers give them
CIRCULAR = (DATA / "tt-34-2025-tt-bkhcn-excerpt.txt").read_text(encoding="utf-8")
DECREE = (DATA / "nd-19-2019-nd-cp-flattened-excerpt.txt").read_text(encoding="utf-8")


def test_circular_identity_from_its_header() -> None:
    a = read_anatomy(CIRCULAR)
    assert (a.type, a.number, a.date, a.place) == (
        "Thông tư",
        "34/2025/TT-BKHCN",
        "2025-11-15",
        "Hà Nội",
    )
    assert a.issuer is not None and a.issuer.startswith("Bộ Khoa học")
    title = a.title()
    assert title is not None and title.startswith("Thông tư 34/2025/TT-BKHCN ")
    assert "sản phẩm, dịch vụ công nghệ số" in title
    assert "BỘ KHOA HỌC" not in title and "CỘNG HÒA" not in title


def test_circular_signer_and_effective_date() -> None:
    a = read_anatomy(CIRCULAR)
    assert a.signer == "Nguyễn Mạnh Hùng"
    assert a.signer_title == "Bộ trưởng"
    assert a.effective == "2026-01-01"


def test_flattened_decree_header_and_signature_row() -> None:
    a = read_anatomy(DECREE)
    assert (a.type, a.number, a.date, a.issuer) == (
        "Nghị định",
        "19/2019/NĐ-CP",
        "2019-02-19",
        "Chính phủ",
    )
    assert a.title() == "Nghị định 19/2019/NĐ-CP về họ, hụi, biêu, phường"
    assert a.signer == "Nguyễn Xuân Phúc"
    assert a.signer_title == "TM. Chính phủ, Thủ tướng"
    assert a.effective == "2019-04-05"  # its own article, not the repealed decree's date
    assert a.tail is not None and DECREE[a.tail[0] :].startswith("Nơi nhận")


def test_text_without_the_layout_has_no_identity() -> None:
    news = "Ngày 5/3/2021, tỉnh đã triển khai Quyết định số 749/QĐ-TTg của Thủ tướng.\n"
    assert read_anatomy(news).metadata() == {}


def test_effective_on_signing_and_transitional_clauses() -> None:
    assert effective_of("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.") == "ngày ký"
    transitional = "Hồ sơ nộp trước ngày Thông tư này có hiệu lực thi hành thì áp dụng theo cũ."
    assert effective_of(transitional) is None


def test_capitals_take_the_case_the_body_writes() -> None:
    body = "Ủy ban nhân dân tỉnh Đồng Tháp ban hành Quy chế về thư điện tử công vụ."
    cased = sentence_case("BAN HÀNH QUY CHẾ THƯ ĐIỆN TỬ CÔNG VỤ TỈNH ĐỒNG THÁP", body)
    assert cased == "Ban hành Quy chế thư điện tử công vụ tỉnh Đồng Tháp"


def test_sidecar_title_wins_and_layout_fills_metadata() -> None:
    doc = Document("d", "CHÍNH PHỦ", DECREE, "d.txt", {"date": "2020-01-01"})
    plain = with_anatomy(doc)
    assert plain.title.startswith("Nghị định 19/2019/NĐ-CP")
    assert plain.metadata["date"] == "2019-02-19"
    assert plain.metadata["signer"] == "Nguyễn Xuân Phúc"
    kept = with_anatomy(doc, {"title": "Họ, hụi", "date": "2019-02-20"})
    assert kept.title == "Họ, hụi" and kept.metadata["date"] == "2019-02-20"


def test_passages_leave_out_recipients_and_signature_and_know_their_clause() -> None:
    doc = with_anatomy(Document("tt34", "x", CIRCULAR, "tt34.txt"))
    chunks, _ = chunk_document(doc, ChunkSettings())
    assert chunks and all("Nơi nhận" not in c.text for c in chunks)
    assert all("Nguyễn Mạnh Hùng" not in c.text for c in chunks)
    effective = [c for c in chunks if "có hiệu lực kể từ ngày 01 tháng 01 năm 2026" in c.text]
    assert effective and effective[0].where().startswith("Điều 8")
    assert all(c.title.startswith("Thông tư 34/2025/TT-BKHCN") for c in chunks)


def test_validity_statements() -> None:
    found = validity_statements(DECREE)
    assert [s.kind for s in found] == [REPLACES]
    assert "144/2006/NĐ-CP" in DECREE[found[0].start : found[0].end]
    amend = validity_statements(
        "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 09/2025/TT-BCT."
    )
    assert [s.kind for s in amend] == [AMENDS]
    part = validity_statements("Bãi bỏ khoản 2 Điều 5 Quyết định số 10/2016/QĐ-UBND.")
    assert [s.kind for s in part] == [AMENDS]
    basis = validity_statements(
        "Căn cứ Luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15;"
    )
    assert basis == []


# Điều 8 of a circular, cut by chunking between list items b) and c)
ENDS = (
    "2. Kể từ ngày Thông tư này có hiệu lực thi hành, chấm dứt hiệu lực thi hành các Thông tư"
    " sau đây:\n\na) Thông tư số 17/2012/TT-BTNMT ngày 29 tháng 11 năm 2012 của Bộ trưởng;"
    "\n\nb) Thông tư số 45/2016/TT-BTNMT ngày 26 tháng 12 năm 2016 của Bộ trưởng;"
)
ITEM_C = (
    "c) Thông tư số 51/2017/TT-BTNMT ngày 30 tháng 11 năm 2017 của Bộ trưởng sửa đổi, bổ sung"
    " một số điều của Thông tư số 45/2016/TT-BTNMT.\n\nĐiều 9. Điều khoản chuyển tiếp"
)


def test_chấm_dứt_hiệu_lực_ends_the_listed_instruments() -> None:
    found = validity_statements(ENDS)
    assert [s.kind for s in found] == [REPLACES]
    assert "45/2016/TT-BTNMT" in ENDS[found[0].start : found[0].end]


def test_a_list_items_title_amends_nothing_and_continues_the_list() -> None:
    """The verb in "c) Thông tư số 51/2017 … sửa đổi, bổ sung …" is that circular's title."""
    assert validity_statements(ITEM_C) == []
    first, rest = passage_statements([ENDS, ITEM_C])
    assert [s.kind for s in first] == [REPLACES] and [s.kind for s in rest] == [REPLACES]
    continued = ITEM_C[rest[0].start : rest[0].end]
    assert "51/2017/TT-BTNMT" in continued and "Điều 9" not in continued
    # a passage that does not open with list lines continues nothing
    assert passage_statements([ENDS, "Điều 9. Điều khoản chuyển tiếp"])[1] == []


def test_a_passage_cut_inside_an_article_cites_its_clause() -> None:
    doc = with_anatomy(Document("tt34", "x", CIRCULAR, "tt34.txt"))
    chunks, _ = chunk_document(doc, ChunkSettings(target_chars=200, max_chars=400))
    repealed = [c for c in chunks if "40/2020/TT-BTTTT" in c.text and "Điều 8" in c.heading]
    assert repealed and repealed[0].where() == "Điều 8 khoản 2"


def test_number_line_above_the_motto_is_part_of_the_header() -> None:
    """The .docx reader gives the left header cell first: issuer, then "Số: …", then the
    motto. Those lines are the document's own identity, not text before its header."""
    header = (HEADERS / "nd-168-2024-nd-cp-docx-header-excerpt.txt").read_text(encoding="utf-8")
    a = read_anatomy(header)
    assert (a.type, a.number, a.date, a.issuer) == (
        "Nghị định",
        "168/2024/NĐ-CP",
        "2024-12-26",
        "Chính phủ",
    )
    # a breadcrumb line before the header still ends it
    paged = "Trang chủ > Văn bản > Nghị định\n" + header
    assert read_anatomy(paged).number == "168/2024/NĐ-CP"


def test_a_province_keeps_its_written_name_in_capitals_recased() -> None:
    body = "Đồng bộ dữ liệu các đồng bằng của tỉnh. Ủy ban nhân dân tỉnh Đồng tháp chỉ đạo."
    cased = sentence_case("ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP", body)
    assert cased == "Ủy ban nhân dân tỉnh Đồng Tháp"


def test_a_web_pages_title_line_is_not_the_issuer() -> None:
    """vbpl.vn puts the page title ("LUẬT AN NINH MẠNG SỐ 116/2025/QH15") above the header,
    whose left cell is "QUỐC HỘI Luật số: …" on one line."""
    page = (HEADERS / "luat-116-2025-qh15-vbpl-header-excerpt.txt").read_text(encoding="utf-8")
    a = read_anatomy(page)
    assert (a.type, a.number, a.issuer) == ("Luật", "116/2025/QH15", "Quốc hội")
    assert a.title() == "Luật An ninh mạng số 116/2025/QH15"  # a law is named by its name


def test_sua_doi_amends_only_an_instrument_that_is_its_object() -> None:
    """ "Sửa đổi" of a tender file, or done under a law, amends no instrument the sentence
    goes on to name (vbpl's Thông tư 98/2025/TT-BTC)."""
    assert not validity_statements(
        "b) Việc sửa đổi phải bảo đảm tuân thủ thời gian quy định tại khoản 3 Điều 39 Nghị "
        "định số 23/2024/NĐ-CP, khoản 3 Điều 40 Nghị định số 115/2024/NĐ-CP."
    )
    assert not validity_statements(
        "Bên mời thầu báo cáo người có thẩm quyền phê duyệt sửa đổi theo quy định tại Luật "
        "PPP (được sửa đổi, bổ sung tại Luật số 57/2024/QH15, Luật số 90/2025/QH15)."
    )
    # OCR's "Sửa dỗi" still amends the decision it names
    ocr = validity_statements("1. Sửa dỗi khoản 2 Điều 1 Quyết định số 622/QĐ-TTg như sau:")
    assert [s.kind for s in ocr] == [AMENDS]


def test_a_titles_semicolon_ends_no_sentence() -> None:
    text = (
        "2. Kể từ ngày Thông tư này có hiệu lực thi hành, Thông tư số 15/2024/TT-BKHĐT ngày 30 "
        "tháng 9 năm 2024 quy định mẫu hồ sơ đấu thầu dự án đầu tư kinh doanh; cung cấp, đăng "
        "tải thông tin về đầu tư hết hiệu lực thi hành."
    )
    found = validity_statements(text)
    assert [s.kind for s in found] == [REPLACES]
    assert "15/2024/TT-BKHĐT" in text[found[0].start : found[0].end]
    # grounds run into one line still end at each "; Căn cứ"
    grounds = (
        "Căn cứ Luật Đấu thầu số 22/2023/QH15; Căn cứ Nghị định số 136/2024/NĐ-CP sửa đổi, "
        "bổ sung một số điều của Nghị định số 93/2019/NĐ-CP;"
    )
    assert validity_statements(grounds) == []


def test_replacing_a_phrase_amends_the_law() -> None:
    found = validity_statements(
        "3. Thay thế cụm từ “an toàn thông tin mạng” bằng cụm từ “an ninh mạng” tại điểm b "
        "khoản 2 Điều 12 của Luật Thuế thu nhập doanh nghiệp số 67/2025/QH15."
    )
    assert [s.kind for s in found] == [AMENDS]


def test_a_list_opened_on_its_line_runs_through_its_semicolons() -> None:
    text = (
        "Điều 20. Nghị định này thay thế các Nghị định sau: Nghị định số 123/2016/NĐ-CP ngày 01"
        " tháng 9 năm 2016 của Chính phủ; Nghị định số 101/2020/NĐ-CP ngày 28 tháng 8 năm 2020"
        " của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 123/2016/NĐ-CP.\n"
    )
    found = validity_statements(text)
    assert [s.kind for s in found] == [REPLACES]
    assert "101/2020/NĐ-CP" in text[found[0].start : found[0].end]


def test_a_line_broken_after_the_verb_still_names_what_it_replaces() -> None:
    text = (
        "2. Quyết định này thay thế\nQuyết định số 15/2014/QĐ-UBND ngày 02 tháng 7 năm 2014 của"
        " Ủy ban nhân dân tỉnh Quy định thực hiện nếp sống văn minh; Quyết định số 22/2019/QĐ-UBND"
        " về sửa đổi, bổ sung một số điều của Quy định.\n"
    )
    found = validity_statements(text)
    assert [s.kind for s in found][:1] == [REPLACES]
    assert "15/2014/QĐ-UBND" in text[found[0].start : found[0].end]
    # an item that is not the next instrument of a list ends at its ";"
    items = "Các văn bản sau: Nghị định số 98/2019/NĐ-CP về sửa đổi; 2. Quyết định này thay thế"
    assert all("98/2019" not in items[s.start : s.end] for s in validity_statements(items))


def test_a_scan_read_right_column_first_has_its_issuer_below_the_motto() -> None:
    """OCR of a two-column header may give the motto before the issuer ("CỘNG HÒA … /
    Độc lập … / CHỦ TỊCH NƯỚC / Số: …"): the issuer is then the lines between them."""
    scan = (HEADERS / "qd-61-2010-qd-ctn-scan-header-excerpt.txt").read_text(encoding="utf-8")
    a = read_anatomy(scan)
    assert (a.type, a.issuer) == ("Quyết định", "Chủ tịch nước")
    # the motto's own lines are no issuer
    assert read_anatomy(scan.replace("CHỦ TỊCH NƯỚC\n", "")).issuer is None


def test_a_motto_in_capitals_or_a_count_line_gives_no_issuer() -> None:
    scan = (HEADERS / "qd-61-2010-qd-ctn-scan-header-excerpt.txt").read_text(encoding="utf-8")
    capitals = scan.replace("Độc lập - Tự do - Hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC")
    assert read_anatomy(capitals).issuer == "Chủ tịch nước"
    form = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "ĐƠN ĐỀ NGHỊ\nSố lượng: 3\n"
    )
    assert read_anatomy(form).issuer is None


def test_a_party_documents_issuer_is_the_organ_its_signer_signs_for() -> None:
    # the header names the Central Committee; Ban Bí thư issues it and signs for itself
    text = (HEADERS / "qd-384-qd-tw-party-header-and-signature-excerpt.txt").read_text("utf-8")
    a = read_anatomy(text)
    assert a.number == "384-QĐ/TW" and a.date == "2025-11-19"
    assert a.issuer == "Ban Bí thư"
    assert a.signer == "Trần Cẩm Tú" and a.signer_title == "T/M Ban Bí thư"


def test_a_body_named_by_a_title_stays_whole_in_the_signers_position() -> None:
    from policybot.reading.signature import _position

    assert _position("T/M BAN BÍ THƯ", "") == "T/M Ban bí thư"
    assert _position("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", "Ủy ban nhân dân") == (
        "TM. Ủy ban nhân dân, Chủ tịch"
    )
    assert _position("KT. BỘ TRƯỞNG THỨ TRƯỞNG", "") == "KT. Bộ trưởng, Thứ trưởng"


def test_a_digital_signature_stamp_gives_neither_date_nor_issuer() -> None:
    """The portal's stamp OCR read above the motto (real OCR of Luật 67/2020/QH14): the
    time it was signed for the portal is not the law's date, the portal is not its issuer;
    the year its number carries still dates it."""
    text = (
        "CHINHPHU.V nHời gian ký: 03.02.2021 09:57:41 +07:00\n\n"
        "ơ _ Độc lập - Tự do - Hạnh phỳc\nLuật số: 67/2020/QH14 — ———\n\nLUẬT\n"
        "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU\nCỦA LUẬT XỬ LÝ VI PHẠM HÀNH CHÍNH\n"
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n\n"
        "Điều 1. Sửa đổi, bổ sung một số điều của Luật Xử lý vi phạm hành chính\n"
    )
    for stamp in (text, text.replace("ký:", "kí"), "CHINHPHU.VN\n" + text.split("\n", 1)[1]):
        anatomy = read_anatomy(stamp)
        assert anatomy.number == "67/2020/QH14"
        assert anatomy.date is None and anatomy.issuer is None
        assert anatomy.metadata()["issued_year"] == "2020"
