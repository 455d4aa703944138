"""TCVN3 (ABC) and VNI: known word pairs from the published character maps, detection of
whole files, and repair of text typed in the old fonts."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import CORPUS

from policybot.reading.legacy import (
    decode_bytes,
    decode_tcvn3,
    decode_vni,
    encode_tcvn3,
    encode_vni,
    repair,
)
from policybot.reading.loaders import load_file

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


# Short words around ối / ới / ưới / ấ: their old-font forms are often Vietnamese-looking
# letters (TCVN3 "míi", "nhÊt"; VNI "baù"), which a looser syllable check took for proper
# words. (Unicode, TCVN3 as shown, VNI as shown)
SHORT_PAIRS = [
    ("ối giời ơi", "èi giêi ¬i", "oái giôøi ôi"),
    ("mới", "míi", "môùi"),
    ("tưới", "t\xadíi", "töôùi"),
    ("người", "ng\xadêi", "ngöôøi"),
    ("nhất", "nhÊt", "nhaát"),
    ("cả", "c¶", "caû"),
    ("bá", "b¸", "baù"),
    ("ngã", "ng·", "ngaõ"),
    ("oái oăm", "o¸i o¨m", "oaùi oaêm"),
    ("khối", "khèi", "khoái"),
    ("tối", "tèi", "toái"),
]


@pytest.mark.parametrize(("text", "tcvn3", "vni"), SHORT_PAIRS)
def test_short_words_alone_on_a_line(text: str, tcvn3: str, vni: str) -> None:
    assert encode_tcvn3(text) == tcvn3.encode("cp1252")
    assert encode_vni(text) == vni.encode("cp1252")
    assert repair(tcvn3) == text
    if vni in ("khoái", "toái"):
        assert repair(vni) == vni  # proper words too ("khoái chí", "phiền toái"): see below
    else:
        assert repair(vni) == text
    assert repair(text) == text


def test_old_font_word_that_is_also_a_word() -> None:
    """VNI writes "ối" as "oái", itself proper Unicode ("oái oăm"): alone, it is left as it
    is; next to a line that shows the old font, it is converted with the document."""
    vni = encode_vni("ai ai ai ối").decode("cp1252")
    assert vni == "ai ai ai oái"
    assert repair(vni) == vni
    clear = encode_vni("người dân tưới cây").decode("cp1252")
    assert repair(vni + "\n" + clear) == "ai ai ai ối\nngười dân tưới cây"
    assert repair("toái\nkhoái\n" + clear) == "tối\nkhối\nngười dân tưới cây"
    # A line with a letter no old font can show stays Unicode: it is proper text.
    assert repair("phiền toái\n" + clear) == "phiền toái\nngười dân tưới cây"


def test_tone_on_the_wrong_vowel_is_no_syllable() -> None:
    from policybot.reading.orthography import syllable_score

    assert syllable_score("ngoái hoà hòa thuý thúy khuỷu quý của") == 8
    assert syllable_score("ngóai") == -1 and syllable_score("caỷ") == -1
    assert syllable_score("nhÊt") == -1 and syllable_score("Nhất NHẤT") == 2
