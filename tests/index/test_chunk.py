"""Chunking: sentence- and article-aware, verbatim, bounded, content-hashed."""

from __future__ import annotations

from policybot.config import ChunkSettings
from policybot.index.chunk import chunk_document, sections
from policybot.types import Document

LAW = """LUẬT GIAO DỊCH ĐIỆN TỬ
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Luật này quy định về việc thực hiện giao dịch bằng phương tiện điện tử.
Điều 2. Đối tượng áp dụng
Luật này áp dụng đối với cơ quan, tổ chức, cá nhân trực tiếp tham gia giao dịch điện tử.
Chương II
THÔNG ĐIỆP DỮ LIỆU
Điều 3. Giá trị pháp lý của thông điệp dữ liệu
1. Thông tin trong thông điệp dữ liệu không bị phủ nhận giá trị pháp lý.
2. Thông điệp dữ liệu có giá trị như văn bản theo Nghị định số 52/2013/NĐ-CP \
ngày 16/5/2013 của Chính phủ.
"""


def _doc(text: str, doc_id: str = "luat.txt") -> Document:
    return Document(id=doc_id, title="Luật Giao dịch điện tử", text=text, source=doc_id)


def test_articles_are_never_mixed() -> None:
    chunks, _ = chunk_document(_doc(LAW), ChunkSettings(target_chars=2000, max_chars=3000))
    headings = [c.heading for c in chunks]
    assert "Chương I > Điều 1. Phạm vi điều chỉnh" in headings
    assert "Chương II > Điều 3. Giá trị pháp lý của thông điệp dữ liệu" in headings
    art3 = next(
        c for c in chunks if c.heading.endswith("Điều 3. Giá trị pháp lý của thông điệp dữ liệu")
    )
    assert "1. Thông tin" in art3.text and "2. Thông điệp" in art3.text
    assert "Điều 2" not in art3.text
    assert art3.embed_text().startswith("Luật Giao dịch điện tử\nChương II > Điều 3")
    assert [i.number for i in art3.instruments] == ["52/2013/NĐ-CP"]
    assert len(sections(LAW)) == 6


APPROVAL = """QUYẾT ĐỊNH
Điều 1. Phê duyệt Quy hoạch an toàn thông tin đến năm 2020 với các nội dung sau:
I. QUAN ĐIỂM
1. An toàn thông tin là một bộ phận của an ninh quốc gia.
II. CÁC MỤC TIÊU ĐẾN NĂM 2015
1. Các hệ thống trọng yếu được bảo vệ.
2. Đào tạo 1000 chuyên gia an toàn thông tin.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
"""


def test_a_plan_an_article_approves_keeps_its_roman_parts() -> None:
    chunks, _ = chunk_document(_doc(APPROVAL), ChunkSettings(target_chars=2000, max_chars=3000))
    experts = next(c for c in chunks if "1000 chuyên gia" in c.text)
    # the part's year reaches its items; a part's numbered items are not khoản of Điều 1
    assert experts.heading.endswith("> II. CÁC MỤC TIÊU ĐẾN NĂM 2015")
    assert experts.heading.startswith("Điều 1.") and experts.where() == "Điều 1"
    assert "I. QUAN ĐIỂM" not in experts.text
    assert next(c for c in chunks if "Điều 2" in c.heading).where() == "Điều 2"
    # a sentence wrapped before a Roman numeral ("… từ cấp I đến cấp" | "V. Chi tiết …") is
    # no part: the article's clauses keep their khoản
    wrapped = (
        "Điều 2. Cấp dự báo\n1. Dự báo từ cấp I đến cấp\nV. Chi tiết tại Phụ lục III.\n"
        "2. Cấp dự báo được công bố hằng ngày.\n"
    )
    assert [s.heading for s in sections(wrapped)] == ["Điều 2. Cấp dự báo"]
    # outside an article a Roman-numbered line is a plan's own part: no heading of its own
    plan = "KẾ HOẠCH\nI. MỤC ĐÍCH\nThúc đẩy chuyển đổi số.\nII. NHIỆM VỤ\nXây dựng hạ tầng."
    assert [s.heading for s in sections(plan)] == [""]


def test_chunks_are_verbatim_bounded_and_stable() -> None:
    text = " ".join(f"Câu số {i} nói về chuyển đổi số ở tỉnh Quảng Trị." for i in range(200))
    settings = ChunkSettings(target_chars=400, max_chars=600)
    chunks, _ = chunk_document(_doc(text), settings)
    assert len(chunks) > 5
    for c in chunks:
        assert len(c.text) <= 600
        assert text[c.start : c.start + len(c.text)] == c.text
    again, _ = chunk_document(_doc(text), settings)
    assert [c.id for c in again] == [c.id for c in chunks]
    other, _ = chunk_document(_doc(text, doc_id="khac.txt"), settings)
    assert not {c.id for c in other} & {c.id for c in chunks}


def test_very_long_sentence_is_cut_at_spaces() -> None:
    text = "Chuyển đổi số " * 400
    chunks, _ = chunk_document(_doc(text.strip()), ChunkSettings(target_chars=500, max_chars=700))
    assert all(len(c.text) <= 700 for c in chunks)
    assert all(not c.text.startswith(" ") for c in chunks)


def test_pdf_pages_reach_chunks() -> None:
    page1 = "Trang một nói về kế hoạch. " * 30
    page2 = "Trang hai nói về nghị quyết. " * 30
    text = page1.strip() + "\n\n" + page2.strip()
    doc = Document(
        id="a.pdf", title="A", text=text, source="a.pdf", page_starts=(0, len(page1.strip()) + 2)
    )
    chunks, _ = chunk_document(doc, ChunkSettings(target_chars=300, max_chars=500))
    assert chunks[0].page == 1 and chunks[-1].page == 2


DECISION_WITH_RULES = """ỦY BAN NHÂN DÂN
THÀNH PHỐ CẦN THƠ
Số: 2610/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Cần Thơ, ngày 24 tháng 11 năm 2025
QUYẾT ĐỊNH
Ban hành Quy chế sử dụng Hệ thống lấy ý kiến điện tử
Căn cứ Luật Tổ chức chính quyền địa phương;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế sử dụng Hệ thống lấy ý kiến điện tử.
Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.
Điều 3. Giám đốc Sở chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:
- Như Điều 3;
- VP UBND TP (2, 3);
- Lưu: VT, VHQ.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Khởi

QUY CHẾ
SỬ DỤNG HỆ THỐNG LẤY Ý KIẾN ĐIỆN TỬ
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định việc sử dụng Hệ thống lấy ý kiến điện tử thành phố Cần Thơ.
"""


def test_no_passage_holds_the_recipients_between_a_decision_and_its_rules() -> None:
    doc = _doc(DECISION_WITH_RULES, "qd.txt")
    chunks, _ = chunk_document(doc, ChunkSettings(target_chars=4000, max_chars=6000))
    assert not any("VP UBND TP" in c.text or "Nguyễn Văn Khởi" in c.text for c in chunks)
    text = "\n".join(c.text for c in chunks)
    assert "Giám đốc Sở chịu trách nhiệm" in text and "Quy chế này quy định việc sử dụng" in text
