"""TCVN3 (ABC) and VNI: known word pairs from the published character maps, detection of
whole files, and repair of text typed in the old fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import CORPUS

from policybot.legacy import (
    decode_bytes,
    decode_tcvn3,
    decode_vni,
    encode_tcvn3,
    encode_vni,
    repair,
)
from policybot.loaders import load_file

# (Unicode, TCVN3 as it shows in a Windows editor, VNI as it shows)
PAIRS = [
    ("Nghị quyết", "NghÞ quyÕt", "Nghò quyeát"),
    ("Quảng Trị", "Qu¶ng TrÞ", "Quaûng Trò"),
    ("chuyển đổi số", "chuyÓn ®æi sè", "chuyeån ñoåi soá"),
    (
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Céng hßa x· héi chñ nghÜa ViÖt Nam",
        "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam",
    ),
    (
        "Độc lập - Tự do - Hạnh phúc",
        "§éc lËp - Tù do - H¹nh phóc",
        "Ñoäc laäp - Töï do - Haïnh phuùc",
    ),
    ("Người", "Ng\xadêi", "Ngöôøi"),
]


@pytest.mark.parametrize(("text", "tcvn3", "vni"), PAIRS)
def test_word_pairs(text: str, tcvn3: str, vni: str) -> None:
    assert encode_tcvn3(text) == tcvn3.encode("cp1252")
    assert decode_tcvn3(tcvn3.encode("cp1252")) == text
    assert encode_vni(text) == vni.encode("cp1252")
    assert decode_vni(vni.encode("cp1252")) == text
    assert repair(tcvn3) == text and repair(vni) == text


def test_vni_capitals() -> None:
    assert decode_vni("ÑAÛNG CAÄNG SAÛN VIEÄT NAM".encode("cp1252")) == "ĐẢNG CẬNG SẢN VIỆT NAM"
    assert encode_vni("ỨNG DỤNG") == "ÖÙNG DUÏNG".encode("cp1252")


def test_tcvn3_has_no_toned_capitals() -> None:
    with pytest.raises(ValueError, match="no TCVN3 code"):
        encode_tcvn3("Ấ")


def test_whole_files_are_detected() -> None:
    text = CORPUS.joinpath("quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if line.strip())
    sample = "".join(ch for ch in body.lower() if ch.isascii() or ch in TCVN3_OK)[:3000]
    assert decode_bytes(encode_tcvn3(sample)) == sample
    vni = "".join(ch for ch in body if ch.isascii() or ch.lower() in TCVN3_OK)[:3000]
    assert decode_bytes(encode_vni(vni)) == vni


TCVN3_OK = set("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")


def test_corpus_is_left_alone() -> None:
    """No false alarm: every real Unicode document comes through repair unchanged."""
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert repair(text) == text, path.name


def test_mixed_document_keeps_its_unicode_lines(tmp_path: Path) -> None:
    lines = [
        "Kế hoạch số 5807/KH-UBND của tỉnh Quảng Trị.",
        encode_tcvn3("nghị quyết về chuyển đổi số được ban hành").decode("cp1252"),
    ]
    path = tmp_path / "tron.txt"
    path.write_text("\n\n".join(lines), encoding="utf-8")
    [doc] = load_file(path)
    expected = "Kế hoạch số 5807/KH-UBND của tỉnh Quảng Trị.\n\n"
    assert doc.text == expected + "nghị quyết về chuyển đổi số được ban hành"
