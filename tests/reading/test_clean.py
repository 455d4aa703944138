"""clean.py on the real corpus (documents/) and on the chrome patterns one at a time."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policybot.reading.chrome import strip_page_chrome
from policybot.reading.clean import clean, join_dangling, normalize
from policybot.reading.published import extract_published

DOCUMENTS = Path(__file__).resolve().parents[2] / "documents"

# file -> (last real sentence of the article, publication date shown on the page)
CORPUS = {
    "quang-tri-trieu-phong-thuc-hien-nghi-quyet-52-cmcn4.txt": (
        "cắt giảm tối đa giao dịch trực tiếp.",
        None,
    ),
    "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt": (
        "báo cáo UBND tỉnh kết quả thực hiện vào ngày 15/11 hàng năm hoặc khi có yêu cầu "
        "(qua Sở Khoa học và Công nghệ).",
        "2020-12-28",
    ),
    "quang-tri-nghi-quyet-chuyen-doi-so-2025-2030.txt": (
        "mở ra cơ hội phát triển, hướng đến lợi ích của người dân, doanh nghiệp.",
        "2021-11-01",
    ),
    "binh-thuan-nghi-quyet-10-chuyen-doi-so.txt": (
        "tạo nên môi trường hành chính công khai, minh bạch.",
        "2023-06-08",
    ),
    "dong-thap-thi-dua-chuyen-doi-so-2021-2025.txt": (
        "nâng cao sức cạnh tranh của doanh nghiệp và đời sống vật chất, tinh thần của người dân.",
        "2022-06-16",
    ),
}

CHROME = [
    "Bình luận của bạn",
    "Gửi bình luận",
    "Bình luận bạn đọc",
    "CÁC TIN KHÁC",
    "Thống kê truy cập",
    "Người trực tuyến",
    "Tổng lượt truy cập",
    "Khách 761",
    "87030219",
    "132939791",
    "Nhập mã bảo mật",
    "CAPTCHA",
    "Hiện tại không có bình chọn",
    "Go top",
    "Liên hệ - Góp ý",
    "Quay lại!",
    "Copyright",
    "POWERED BY",
    "Related articles",
    "(0) Comments",
    "Do not miss",
    "Focus",
    "Ngày cập nhật",
    "Cập nhật ngày",
    "08/06/2023, 05:40",
    "chuyen-doi-so.jpg",
    "THIỆN ĐẠT",
    "DỤNG VĂN DUY",
    "NHẬT ANH",
    # other-news headlines
    "Quảng Trị tăng 17 bậc về Chỉ số sẵn sàng",
    "Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi số quốc gia",
    "Ngăn chặn các biến thể của dịch bệnh và tiêu cực",
    "Báo Quảng Trị đến với đại biểu Hội đồng nhân dân",
    "Sớm xây dựng và đưa vào vận hành Trung tâm Điều hành",
]

PARA_1 = (
    "Ngày 17/12/2020, UBND tỉnh Quảng Trị đã ban hành Kế hoạch số 5807/KH-UBND về việc "
    "triển khai thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ."
)
PARA_2 = "Thứ ba, phát triển cơ sở hạ tầng thông tin thiết yếu hiện đại, đồng bộ."


def _corpus_text(name: str) -> str:
    return (DOCUMENTS / name).read_text(encoding="utf-8")


# --- the corpus ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_chrome_is_gone_and_article_ends_with_its_last_sentence(name: str) -> None:
    text = clean(_corpus_text(name))
    for chrome in CHROME:
        assert chrome not in text, chrome
    last_sentence = CORPUS[name][0]
    assert last_sentence in text
    assert (
        text.endswith(last_sentence) or text.endswith("Thủy Phương") or text.endswith("Minh Phương")
    )


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_publication_date(name: str) -> None:
    assert extract_published(_corpus_text(name)) == CORPUS[name][1]


def test_real_paragraph_mentioning_truc_tuyen_stays() -> None:
    text = clean(_corpus_text("binh-thuan-nghi-quyet-10-chuyen-doi-so.txt"))
    assert "Trong nhiều cuộc họp cả trực tiếp và trực tuyến, đồng chí Bí thư Tỉnh ủy" in text


def test_trailing_repeated_title_dropped_but_title_at_top_kept() -> None:
    title = "Lan tỏa Nghị quyết chuyển đổi số của tỉnh Bình Thuận"
    text = clean(_corpus_text("binh-thuan-nghi-quyet-10-chuyen-doi-so.txt"))
    assert text.startswith(title + "\n\n")
    assert text.count(title) == 1


def test_inline_author_at_end_of_last_paragraph_stays() -> None:
    text = clean(_corpus_text("quang-tri-trieu-phong-thuc-hien-nghi-quyet-52-cmcn4.txt"))
    assert text.endswith("cắt giảm tối đa giao dịch trực tiếp. Thủy Phương")


def test_document_numbers_untouched_by_cleaning() -> None:
    text = clean(_corpus_text("quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"))
    assert "Kế hoạch số 5807/KH-UBND" in text
    assert "Nghị quyết số 52-NQ/TW ngày 27/9/2019" in text
    assert "(CMCN 4.0)" in text


# --- normalize -----------------------------------------------------------------------------


def test_normalize_nfd_becomes_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Quyết định về chuyển đổi số tỉnh Đồng Tháp")
    assert nfd != unicodedata.normalize("NFC", nfd)
    assert normalize(nfd) == "Quyết định về chuyển đổi số tỉnh Đồng Tháp"


def test_normalize_removes_invisible_characters() -> None:
    raw = "\ufeffKế\u200b hoạch\u00ad số\u200d 5807/KH-UBND\x00\x07 ngày\u2060 17/12/2020"
    assert normalize(raw) == "Kế hoạch số 5807/KH-UBND ngày 17/12/2020"


def test_normalize_whitespace_and_lines() -> None:
    raw = (
        "  Dòng\tmột  \u00a0 có   khoảng trắng   \r\n"
        "Dòng hai\r\r\n\n\n\n\nDòng ba \u2028Dòng bốn\n\n"
    )
    assert normalize(raw) == "Dòng một có khoảng trắng\nDòng hai\n\nDòng ba\nDòng bốn"


def test_normalize_never_changes_words() -> None:
    raw = "UBND tỉnh QUẢNG TRỊ: Kế hoạch 5807/KH-UBND, Nghị định 45/2020/NĐ-CP (CMCN 4.0)."
    assert normalize(raw) == raw


# --- strip_page_chrome: one pattern at a time -----------------------------------------------

CUT_MARKERS = [
    "Bình luận của bạn:",
    "Gửi bình luận",
    "Gửi bình luận của bạn",
    "Bình luận bạn đọc (0)",
    "(0) Comments",
    "Ý kiến bạn đọc",
    "CÁC TIN KHÁC",
    "các   tin  khác",
    "Tin liên quan:",
    "TIN LIÊN QUAN",
    "Related articles",
    "Tin cùng chuyên mục",
    "Xem thêm",
    "Focus",
    "Do not miss",
    "Thống kê truy cập",
    "Thống kê truy cập - Tin cơ sở",
    "Người trực tuyến",
    "Tổng lượt truy cập",
]


@pytest.mark.parametrize("marker", CUT_MARKERS)
def test_cut_marker_ends_the_article(marker: str) -> None:
    raw = (
        f"{PARA_1}\n\n{PARA_2}\n\n{marker}\nCần hướng tới đa dạng thị trường xuất khẩu (8/1/2022)\n"
    )
    assert clean(raw) == f"{PARA_1}\n\n{PARA_2}"


CHROME_LINES = [
    "Khách 761",
    "  • Khách Khách 761",
    "• Tổng Tổng 761",
    "• Tổng lượt truy cập: Tổng lượt truy cập: 87030219",
    "Người trực tuyến Người trực tuyến",
    "Trực tuyến\n\n132939791",
    "132939791",
    "87.030.219",
    "Copyright 2022 by BÁO QUẢNG TRỊ",
    "© 2023 Báo Bình Thuận",
    "POWERED BY ONECMS - A PRODUCT OF NEKO",
    "\u00a0Liên hệ - Góp ý \u00a0Quay lại!",
    "431 Go top",
    "Về đầu trang",
    "Ngày cập nhật:\u00a028/12/2020 10:02:36 SA",
    "Cập nhật ngày: 16/06/2022 05:36:50",
    "08/06/2023, 05:40",
    "Thứ Năm, 08/06/2023 05:40 (GMT+7)",
    "chuyen-doi-so.jpg",
    "IMG_2031.JPEG",
    "Hiện tại không có bình chọn nào đang hoạt động.",
    "Ảnh CAPTCHA",
    "Nhập mã bảo mật trên",
]


@pytest.mark.parametrize("chrome", CHROME_LINES)
def test_chrome_line_dropped_between_paragraphs(chrome: str) -> None:
    raw = f"{PARA_1}\n\n{chrome}\n\n{PARA_2}"
    assert clean(raw) == f"{PARA_1}\n\n{PARA_2}"


KEPT_LINES = [
    # sentences that merely contain chrome words
    "Trong nhiều cuộc họp cả trực tiếp và trực tuyến, Tỉnh ủy đã quán triệt Nghị quyết số 10.",
    "Người dân có thể gửi bình luận, góp ý dự thảo trên Cổng thông tin điện tử của tỉnh.",
    "Xem thêm: Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân và các văn bản hướng dẫn.",
    "Các tin khác về chuyển đổi số được đăng tải thường xuyên trên Cổng thông tin của tỉnh.",
    "Các tin khác được cập nhật hằng ngày.",
    "Bình luận của bạn đọc rất sôi nổi.",
    # short lines that look like chrome words but are content
    "Tổng 1.234",
    "Thành viên",
    "Trực tuyến",
    "Ngày 17/12/2020",
    "Hà Nội, ngày 17 tháng 12 năm 2020",
    "2025",
    "Điều 5. Liên hệ công tác",
    "Quyết định số 749/QĐ-TTg",
]


@pytest.mark.parametrize("line", KEPT_LINES)
def test_content_line_kept(line: str) -> None:
    raw = f"{PARA_1}\n\n{line}\n\n{PARA_2}"
    assert clean(raw) == raw


def test_marker_before_any_text_does_not_swallow_the_article() -> None:
    raw = f"Tin liên quan\n\n{PARA_1}\n\n{PARA_2}\n\nTin liên quan\nTin cũ (1/1/2020)"
    assert clean(raw) == f"{PARA_1}\n\n{PARA_2}"


def test_caps_byline_dropped_only_at_the_end() -> None:
    assert clean(f"{PARA_1}\n\nTHIỆN ĐẠT") == PARA_1
    assert clean(f"QUYẾT ĐỊNH\n\n{PARA_1}") == f"QUYẾT ĐỊNH\n\n{PARA_1}"


def test_strip_page_chrome_keeps_plain_text_unchanged() -> None:
    raw = f"{PARA_1}\n\n{PARA_2}"
    assert strip_page_chrome(raw) == raw


# --- extract_published ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tiêu đề\n\nNgày cập nhật:\u00a028/12/2020 10:02:36 SA\n\nNội dung.", "2020-12-28"),
        ("Tiêu đề\nCập nhật ngày: 16/06/2022 05:36:50\nNội dung.", "2022-06-16"),
        ("Tiêu đề\n\n08/06/2023, 05:40\n\nNội dung.", "2023-06-08"),
        ("Tiêu đề\nNgày đăng: 1/11/2021\nNội dung.", "2021-11-01"),
        ("Nghị quyết số 52-NQ/TW, ngày 27/9/2019 của Bộ Chính trị.", None),
        ("Tiêu đề\nCập nhật ngày: 31/02/2022 05:36:50\n", None),
        ("", None),
    ],
)
def test_extract_published(raw: str, expected: str | None) -> None:
    assert extract_published(raw) == expected


def test_extract_published_only_near_the_top() -> None:
    body = "\n".join(f"Đoạn {i}." for i in range(40))
    assert extract_published(f"{body}\nNgày cập nhật: 28/12/2020 10:02:36") is None


# --- properties ----------------------------------------------------------------------------

_CHROME_VOCAB = CUT_MARKERS + CHROME_LINES + KEPT_LINES + [PARA_1, PARA_2, "THIỆN ĐẠT", ""]
_pieces = st.one_of(
    st.text(),
    st.text(alphabet="aăâeêoôơuư\u0300\u0301\u0303\u0309\u0323 \t\n\r\u00a0\u200b\ufeff\x00Đđ"),
    st.sampled_from(_CHROME_VOCAB),
)
_texts = st.lists(_pieces, max_size=12).map("\n".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts)
def test_clean_is_total_idempotent_and_nfc(raw: str) -> None:
    once = clean(raw)
    assert clean(once) == once
    assert unicodedata.is_normalized("NFC", once)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normalize_is_idempotent(raw: str) -> None:
    once = normalize(raw)
    assert normalize(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once and "\t" not in once


def test_a_sentence_broken_after_a_word_no_sentence_ends_with_is_joined() -> None:
    broken = (
        "a) Sở Nông nghiệp và Môi trường chủ trì, phối hợp với\n"
        "Sở Xây dựng và UBND cấp xã lập đề án;\nb) Sở Xây dựng chủ trì."
    )
    assert join_dangling(broken) == (
        "a) Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở Xây dựng và UBND cấp xã "
        "lập đề án;\nb) Sở Xây dựng chủ trì."
    )
    # a new block, a table row, a heading in capitals and what ends a document keep their
    # lines; so does a heading ending in a word sentences end with ("đạt được")
    for kept in (
        "Giao các sở, ngành gồm\n- Sở Tài chính",
        "| Sở Tài chính | phối hợp với\n| Sở Nội vụ |",
        "CHƯƠNG TRÌNH PHỐI HỢP VÀ\nTỔ CHỨC THỰC HIỆN",
        "Trách nhiệm của các\nĐiều 5. Hiệu lực",
        "Trách nhiệm của các\nCHƯƠNG II",
        "Sở Tư pháp và\n1.1 Sở Nội vụ",
        "Sở Tư pháp và\na. Sở Nội vụ",
        "Sở Tư pháp và\n(1) Sở Nội vụ",
        "Các sở, ngành và\n2",
        "có hiệu lực kể từ\nNơi nhận:",
        "Lưu: VT, các\nKT. CHỦ TỊCH",
        "1. Kết quả đạt được\nTrong năm 2023, tỉnh đã hoàn thành.",
    ):
        assert join_dangling(kept) == kept
