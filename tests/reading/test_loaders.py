"""loaders.py on small real files: tests/data/docs/, the corpus, and files written here."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import docx
import pytest
from tests.bad_corpus import cp1258_bytes, encrypt_pdf, text_pdf

from policybot.errors import LoadError
from policybot.reading.loaders import (
    LoadFailure,
    discover,
    discover_with_skipped,
    file_fingerprint,
    load_file,
    load_file_with_failures,
    load_paths,
)

HERE = Path(__file__).resolve().parents[1]
REPO = HERE.parent
DATA = HERE / "data" / "docs"
DOCUMENTS = REPO / "documents"

PARA = (
    "Chú trọng ưu tiên, thi đua đẩy mạnh chuyển đổi số trong một số lĩnh vực như: "
    "nông nghiệp, y tế, giáo dục và đào tạo."
)


@pytest.fixture(autouse=True)
def _cwd_is_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sources are relative to the working directory; pin it so they are predictable."""
    monkeypatch.chdir(REPO)


# --- real files: written with tests/bad_corpus.py's writers -----------------------------


PDF_PAGES = [
    ["Plan 5807/KH-UBND of Quang Tri province.", "Digital transformation targets to 2025."],
    ["Resolution 52-NQ/TW dated 27/9/2019.", "Second page: tasks and solutions."],
]


def _reason(path: Path) -> str:
    with pytest.raises(LoadError) as info:
        load_file(path)
    return str(info.value)


# --- tests/data/docs as a whole ------------------------------------------------------------


def test_load_paths_on_test_data() -> None:
    result = load_paths([DATA])
    ids = sorted(d.id for d in result.documents)
    assert ids == [
        "7",
        "bt-10",
        "dong-thap-thi-dua.html",
        "ke-hoach-5807-tom-tat.md",
        "quang-tri-chuyen-doi-so-trich.txt",
    ]
    assert result.failures == [
        LoadFailure(
            "tests/data/docs/tin-chuyen-doi-so.jsonl",
            result.failures[0].reason,
        )
    ]
    assert result.failures[0].reason.startswith("line 3: invalid JSON")
    assert result.skipped == ["tests/data/docs/ghi-chu.rtf"]
    for doc in result.documents:
        assert unicodedata.is_normalized("NFC", doc.text)
        assert doc.text == doc.text.strip() and doc.text


def test_discover_sorted_supported_only() -> None:
    names = [p.name for p in discover([DATA])]
    assert names == [
        "dong-thap-thi-dua.html",
        "ke-hoach-5807-tom-tat.md",
        "quang-tri-chuyen-doi-so-trich.txt",
        "tin-chuyen-doi-so.jsonl",
    ]
    files, skipped = discover_with_skipped([DATA])
    assert [p.name for p in files] == names
    assert skipped == ["tests/data/docs/ghi-chu.rtf"]


def test_discover_skips_hidden_sidecars_and_readme(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / "orphan.pdf.meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("H", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("G", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Hướng dẫn", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.HTML").write_text("<p>B</p>", encoding="utf-8")
    (tmp_path / "sub" / "c.doc").write_bytes(b"\xd0\xcf")
    files, skipped = discover_with_skipped([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "a.txt",
        "sub/b.HTML",
        "sub/c.doc",
    ]
    assert sorted(Path(s).name for s in skipped) == ["README.md", "orphan.pdf.meta.json"]
    # named explicitly, a README is loaded
    assert discover([tmp_path / "README.md"]) == [tmp_path / "README.md"]


# --- one format at a time ------------------------------------------------------------------


def test_txt_seed_with_sidecar() -> None:
    [doc] = load_file(DATA / "quang-tri-chuyen-doi-so-trich.txt")
    assert doc.id == "quang-tri-chuyen-doi-so-trich.txt"
    assert doc.source == "tests/data/docs/quang-tri-chuyen-doi-so-trich.txt"
    assert doc.title == (
        "Thúc đẩy nhanh chuyển đổi số trong hệ thống chính trị và doanh nghiệp (trích)"
    )
    assert doc.metadata == {
        "date": "2021-11-01",
        "province": "Quảng Trị",
        "publisher": "Báo Quảng Trị",
        "doc_type": "tin bài",
        "year": "2021",
        "tags": "chuyển đổi số, Quảng Trị",
    }
    assert doc.text.startswith("Thúc đẩy nhanh chuyển đổi số trong hệ thống chính trị")
    assert doc.text.endswith("hướng đến lợi ích của người dân, doanh nghiệp.\n\nMinh Phương")
    for chrome in ("Ngày cập nhật", "Bình luận", "CAPTCHA", "CÁC TIN KHÁC", "132939791"):
        assert chrome not in doc.text
    assert doc.page_starts == ()


def test_markdown_title_from_heading() -> None:
    [doc] = load_file(DATA / "ke-hoach-5807-tom-tat.md")
    assert doc.title == "Kế hoạch số 5807/KH-UBND của UBND tỉnh Quảng Trị"
    assert doc.text.startswith("# Kế hoạch số 5807/KH-UBND")
    assert "Phấn đấu kinh tế số chiếm khoảng 20% tổng sản phẩm trong tỉnh (GRDP)." in doc.text
    assert doc.metadata == {}


def test_html_main_text_without_page_chrome() -> None:
    [doc] = load_file(DATA / "dong-thap-thi-dua.html")
    assert (
        doc.title == "Đồng Tháp thi đua xây dựng chính quyền số, phát triển kinh tế số, xã hội số"
    )
    assert doc.metadata["date"] == "2022-06-16"
    assert doc.text.startswith("Đồng Tháp thi đua xây dựng chính quyền số")
    assert PARA in doc.text
    assert doc.text.endswith(
        "đời sống vật chất, tinh thần của người dân.\n\n| Giai đoạn | "
        "Chủ đề thi đua |\n|---|---|\n| 2021 - 2025 | Thi đua xây dựng "
        "chính quyền số |"
    )
    for chrome in (
        "Trang chủ",
        "Thời sự",
        "Liên hệ",
        "Gửi bình luận",
        "Bình luận của bạn",
        "Nhập mã bảo mật",
        "CAPTCHA",
        "Tin liên quan",
        "Ngăn chặn các biến thể",
        "Thống kê truy cập",
        "Tổng lượt truy cập",
        "87030219",
        "Copyright",
        "Cập nhật ngày",
    ):
        assert chrome not in doc.text, chrome


def test_html_fallback_to_title_tag_and_plain_text(tmp_path: Path) -> None:
    page = tmp_path / "ngan.htm"
    page.write_text(
        "<html><head><title>Tin ngắn</title></head><body><div>Họp bàn chuyển đổi số.</div>"
        "</body></html>",
        encoding="utf-8",
    )
    [doc] = load_file(page)
    assert doc.title == "Tin ngắn"
    assert "Họp bàn chuyển đổi số." in doc.text


def test_jsonl_documents_and_bad_line() -> None:
    path = DATA / "tin-chuyen-doi-so.jsonl"
    docs, failures = load_file_with_failures(path)
    assert [d.id for d in docs] == ["bt-10", "7"]
    first, second = docs
    assert first.source == "tests/data/docs/tin-chuyen-doi-so.jsonl#bt-10"
    assert first.title == "Lan tỏa Nghị quyết chuyển đổi số của tỉnh Bình Thuận"
    assert first.metadata == {"province": "Bình Thuận", "year": "2023", "date": "2023-06-08"}
    assert "cả trực tiếp và trực tuyến" in first.text
    assert second.text == PARA  # the comment form after it is chrome
    assert [f.reason.split(":")[0] for f in failures] == ["line 3"]
    assert failures[0].path == "tests/data/docs/tin-chuyen-doi-so.jsonl"
    # load_file gives the good documents only
    assert [d.id for d in load_file(path)] == ["bt-10", "7"]


def test_jsonl_line_problems(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Văn bản A."}),
        json.dumps({"id": "b", "title": "Không có nội dung"}),
        "",
        "[1, 2]",
        json.dumps({"id": "a", "text": "Trùng id."}),
        json.dumps({"id": "c", "text": "Văn bản C.", "metadata": "không phải object"}),
        json.dumps({"text": "Không có id."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    docs, failures = load_file_with_failures(path, root=tmp_path)
    assert [d.id for d in docs] == ["a", "c.jsonl#7"]
    assert [f.reason for f in failures] == [
        'line 2: missing "text"',
        "line 4: not a JSON object",
        "line 5: duplicate id 'a'",
        'line 6: "metadata" must be an object',
    ]


def test_docx_paragraphs_headings_and_tables_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Kế hoạch chuyển đổi số tỉnh Quảng Trị", level=1)
    document.add_paragraph("Mục tiêu cụ thể đến năm 2025:")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Chỉ tiêu"
    table.cell(0, 1).text = "Năm 2025"
    table.cell(1, 0).text = "Kinh tế số/GRDP"
    table.cell(1, 1).text = "20%"
    document.add_heading("Nhiệm vụ", level=2)
    document.add_paragraph("Thứ ba, phát triển cơ sở hạ tầng thông tin thiết yếu.")
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    [doc] = load_file(path)
    assert doc.title == "Kế hoạch chuyển đổi số tỉnh Quảng Trị"
    assert doc.text == (
        "Kế hoạch chuyển đổi số tỉnh Quảng Trị\n\n"
        "Mục tiêu cụ thể đến năm 2025:\n\n"
        "Chỉ tiêu | Năm 2025\n"
        "Kinh tế số/GRDP | 20%\n\n"
        "Nhiệm vụ\n\n"
        "Thứ ba, phát triển cơ sở hạ tầng thông tin thiết yếu."
    )


def test_pdf_pages_and_page_at(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(text_pdf(PDF_PAGES))
    [doc] = load_file(path)
    page_1 = "Plan 5807/KH-UBND of Quang Tri province.\nDigital transformation targets to 2025."
    page_2 = "Resolution 52-NQ/TW dated 27/9/2019.\nSecond page: tasks and solutions."
    assert doc.text == f"{page_1}\n\n{page_2}"
    assert doc.page_starts == (0, len(page_1) + 2)
    assert doc.page_at(doc.text.index("5807/KH-UBND")) == 1
    assert doc.page_at(doc.text.index("targets to 2025")) == 1
    assert doc.page_at(doc.text.index("Resolution 52-NQ/TW")) == 2
    assert doc.page_at(len(doc.text) - 1) == 2
    assert doc.title == "Plan 5807/KH-UBND of Quang Tri province."


def test_pdf_empty_middle_page_is_never_cited(tmp_path: Path) -> None:
    path = tmp_path / "gap.pdf"
    path.write_bytes(text_pdf([PDF_PAGES[0], [], PDF_PAGES[1]]))
    [doc] = load_file(path)
    assert len(doc.page_starts) == 3
    assert doc.page_at(doc.text.index("Resolution")) == 3


def test_pdf_encrypted(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypt_pdf(text_pdf(PDF_PAGES), "mat-khau", "owner", "RC4-128"))
    assert _reason(locked) == "PDF is password-protected: save a copy without a password"
    # encrypted with an empty user password: opens like any PDF
    open_ = tmp_path / "open.pdf"
    open_.write_bytes(encrypt_pdf(text_pdf(PDF_PAGES), "", "owner", "RC4-128"))
    [doc] = load_file(open_)
    assert "Resolution 52-NQ/TW" in doc.text


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(text_pdf([[], []]))
    assert _reason(path) == "no text on any page, not even by OCR (blank or unreadable scan?)"


def test_pdf_truncated(tmp_path: Path) -> None:
    data = text_pdf(PDF_PAGES)
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    assert _reason(path).startswith("broken PDF: ")


# --- encodings -----------------------------------------------------------------------------

VIETNAMESE = "Quảng Trị phủ sóng mạng di động 5G, mọi người dân được truy cập Internet."


def test_windows_1258_txt(tmp_path: Path) -> None:
    path = tmp_path / "cu.txt"
    path.write_bytes(cp1258_bytes(f"{VIETNAMESE}\n\n{PARA}\n"))
    [doc] = load_file(path)
    assert doc.text == f"{VIETNAMESE}\n\n{PARA}"
    assert unicodedata.is_normalized("NFC", doc.text)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_bom_encodings(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "bom.txt"
    data = VIETNAMESE.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    [doc] = load_file(path)
    assert doc.text == VIETNAMESE


def test_nfd_input_comes_out_nfc(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    path.write_text(unicodedata.normalize("NFD", f"{VIETNAMESE}\n\n{PARA}"), encoding="utf-8")
    [doc] = load_file(path)
    assert doc.text == f"{VIETNAMESE}\n\n{PARA}"
    assert doc.title == VIETNAMESE


# --- failures, recorded and named ----------------------------------------------------------


def test_failures_are_recorded_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "rong.txt").write_bytes(b"")
    (tmp_path / "trang.md").write_text(" \n\n\t\n", encoding="utf-8")
    (tmp_path / "rac.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "chi-co-rac-trang.txt").write_text(
        "Bình luận của bạn:\nCÁC TIN KHÁC\n132939791\n", encoding="utf-8"
    )
    (tmp_path / "tot.txt").write_text(PARA, encoding="utf-8")
    (tmp_path / "anh.png").write_bytes(b"\x89PNG\r\n")
    result = load_paths([tmp_path, tmp_path / "khong-co.txt"])
    reasons = {Path(f.path).name: f.reason for f in result.failures}
    assert reasons == {
        "khong-co.txt": "no such file or folder",
        "rong.txt": "empty file",
        "trang.md": "empty file",
        "rac.txt": "binary data, not text (wrong file extension?)",
        "chi-co-rac-trang.txt": "no text after cleaning",
    }
    assert [d.id for d in result.documents] == ["tot.txt"]
    assert [Path(s).name for s in result.skipped] == ["anh.png"]


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "lon.txt"
    path.write_text(PARA, encoding="utf-8")
    with pytest.raises(LoadError, match="larger than 100 bytes"):
        load_file(path, max_bytes=100)
    assert load_paths([path], max_bytes=2**20).documents
    [failure] = load_paths([path], max_bytes=10).failures
    assert failure.reason.startswith("larger than 10 bytes (155 bytes): not read")


def test_default_limit_reads_50_mb(tmp_path: Path) -> None:
    path = tmp_path / "lon.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 2**20 + 1)
    assert _reason(path).startswith("larger than 50 MB (50.0 MB): not read")


def test_bad_sidecar_fails_its_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(PARA, encoding="utf-8")
    (tmp_path / "x.txt.meta.json").write_text('{"title": "thiếu ngoặc"', encoding="utf-8")
    [failure] = load_paths([tmp_path]).failures
    assert failure.path.endswith("x.txt")
    assert failure.reason.startswith("bad metadata file x.txt.meta.json: ")
    (tmp_path / "x.txt.meta.json").write_text('["không phải object"]', encoding="utf-8")
    assert _reason(path) == "bad metadata file x.txt.meta.json: must be a JSON object"


def test_unsupported_file_given_to_load_file(tmp_path: Path) -> None:
    path = tmp_path / "a.rtf"
    path.write_text("x", encoding="utf-8")
    assert _reason(path) == "unsupported file type .rtf"


# --- ids, titles, dates, fingerprints ------------------------------------------------------


def test_ids_relative_to_root_and_sources_relative_to_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "documents" / "quang-tri"
    folder.mkdir(parents=True)
    (folder / "ke-hoach-5807.txt").write_text(PARA, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    [doc] = load_paths([Path("documents")]).documents
    assert doc.id == "quang-tri/ke-hoach-5807.txt"
    assert doc.source == "documents/quang-tri/ke-hoach-5807.txt"
    # a file given on its own is named relative to its folder
    [alone] = load_paths([folder / "ke-hoach-5807.txt"]).documents
    assert alone.id == "ke-hoach-5807.txt"
    [rooted] = load_file(folder / "ke-hoach-5807.txt", root=tmp_path / "documents")
    assert rooted.id == "quang-tri/ke-hoach-5807.txt"


def test_title_falls_back_to_readable_file_name(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach_5807-kh-ubnd.txt"
    path.write_text(" ".join([PARA] * 3), encoding="utf-8")  # first line > 200 chars
    [doc] = load_file(path)
    assert doc.title == "Ke hoach 5807 kh ubnd"
    assert doc.text.startswith(PARA)


def test_date_from_page_chrome_when_no_sidecar(tmp_path: Path) -> None:
    raw = (DOCUMENTS / "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt").read_bytes()
    path = tmp_path / "khong-sidecar.txt"
    path.write_bytes(raw)
    [doc] = load_file(path)
    assert doc.metadata == {"date": "2020-12-28"}
    assert doc.title == "Công nghệ thông tin"  # the section label: why the corpus has sidecars
    (tmp_path / "khong-sidecar.txt.meta.json").write_text('{"province": "Quảng Trị"}', "utf-8")
    [doc] = load_file(path)
    assert doc.metadata == {"province": "Quảng Trị", "date": "2020-12-28"}


def test_fingerprint_follows_file_and_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(PARA, encoding="utf-8")
    first = file_fingerprint(path)
    assert first == file_fingerprint(path) and len(first) == 64
    sidecar = tmp_path / "a.txt.meta.json"
    sidecar.write_text('{"title": "A"}', encoding="utf-8")
    with_sidecar = file_fingerprint(path)
    assert with_sidecar != first
    sidecar.write_text('{"title": "B"}', encoding="utf-8")
    assert file_fingerprint(path) != with_sidecar
    sidecar.unlink()
    assert file_fingerprint(path) == first


# --- the corpus ----------------------------------------------------------------------------

CORPUS_DATES = {
    "quang-tri-trieu-phong-thuc-hien-nghi-quyet-52-cmcn4.txt": None,
    "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt": "2020-12-28",
    "quang-tri-nghi-quyet-chuyen-doi-so-2025-2030.txt": "2021-11-01",
    "binh-thuan-nghi-quyet-10-chuyen-doi-so.txt": "2023-06-08",
    "dong-thap-thi-dua-chuyen-doi-so-2021-2025.txt": "2022-06-16",
}


# The real official documents of the demo corpus: (type and number, date).
OFFICIAL = {
    "vbpl_ND_231-2025-ND-CP_tong_cong_trinh_su_KHCN_DMST_chuyen_doi_so.html": (
        "Nghị định 231/2025/NĐ-CP",
        "2025-08-26",
    ),
    "KH_617-KH-UBND_DongThap_chuyen_doi_so_doanh_nghiep_nho_va_vua.txt": (
        "Kế hoạch 617/KH-UBND",
        "2025-12-01",
    ),
    "QD_2610-QD-UBND_CanTho_he_thong_lay_y_kien_dien_tu.txt": (
        "Quyết định 2610/QĐ-UBND",
        "2025-11-24",
    ),
    "QD_451-QD-UBND_BacNinh_bai_bo_quy_dinh_chuyen_trach_CNTT.txt": (
        "Quyết định 451/QĐ-UBND",
        "2025-11-19",
    ),
    "CT_02-CT-BCT_2010_de_an_30_don_gian_hoa_TTHC_scan.pdf": ("Chỉ thị 02/CT-BCT", "2010-01-15"),
    "QD_80-QD-BTTTT_2014_chuyen_doi_kenh_tan_so_truyen_hinh_UHF.doc": (
        "Quyết định 80/QĐ-BTTTT",
        "2014-01-22",
    ),
}


def test_corpus_loads_with_sidecars() -> None:
    result = load_paths([Path("documents")])
    assert result.failures == []
    assert result.skipped == ["documents/README.md"]
    by_id = {d.id: d for d in result.documents}
    assert sorted(by_id) == sorted([*CORPUS_DATES, *OFFICIAL])
    for name, (named, date) in OFFICIAL.items():
        doc = by_id[name]
        kind, number = named.rsplit(" ", 1)
        assert doc.source == f"documents/{name}"
        # titled as type, number and trích yếu, never by a header line
        assert doc.title.startswith(named + " ") and len(doc.title) > len(named) + 10, name
        assert (doc.metadata["instrument_type"], doc.metadata["number"]) == (kind, number)
        assert doc.metadata["date"] == date and doc.metadata["url"]
        assert len(doc.text) > 2000, name  # the scan's OCR and the .doc's text are there
    for name, date in CORPUS_DATES.items():
        doc = by_id[name]
        sidecar = json.loads((DOCUMENTS / f"{name}.meta.json").read_text(encoding="utf-8"))
        assert doc.source == f"documents/{name}"
        assert doc.title == sidecar["title"]
        assert doc.title in doc.text.split("\n")  # the headline, as printed in the file
        assert doc.metadata.get("date") == date
        assert doc.metadata["doc_type"] == "tin bài"
        assert doc.metadata["province"] in ("Quảng Trị", "Bình Thuận", "Đồng Tháp")
        assert doc.metadata["publisher"]
        assert re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", doc.metadata["seed"])
        assert "title" not in doc.metadata
        for chrome in ("Bình luận của bạn", "CÁC TIN KHÁC", "Thống kê truy cập"):
            assert chrome not in doc.text


SEEDS = Path("/work/shared/seeds")


REALDOCS = Path("/work/shared/realdocs/files")


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="realdocs folder not on this machine")
def test_official_documents_are_the_originals() -> None:
    for name in OFFICIAL:
        assert (DOCUMENTS / name).read_bytes() == (REALDOCS / name).read_bytes(), name


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed folder not on this machine")
def test_corpus_files_are_the_raw_seeds() -> None:
    for name in CORPUS_DATES:
        sidecar = json.loads((DOCUMENTS / f"{name}.meta.json").read_text(encoding="utf-8"))
        assert (DOCUMENTS / name).read_bytes() == (SEEDS / sidecar["seed"]).read_bytes()
