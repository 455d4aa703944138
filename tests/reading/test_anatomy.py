"""The anatomy of an official document (Nghị định 30/2020/NĐ-CP layout) read from real
excerpts: a circular as a .txt loader returns it (one header cell per line) and a decree as
the .docx loader flattens it (a header row on one line, nơi nhận and signature in one row)."""

from __future__ import annotations

from pathlib import Path

from policybot.config import ChunkSettings
from policybot.index.chunk import chunk_document
from policybot.reading.anatomy import effective_of, read_anatomy
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
