"""The signature block of a scan, whose columns OCR interleaves with the nơi nhận list:
the signer's name is the last name line of the list or just after it (real OCR output of
four 2010 scans, tests/data/signatures/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policybot.reading.signature import signature_block

DATA = Path(__file__).resolve().parents[1] / "data" / "signatures"


@pytest.mark.parametrize(
    ("excerpt", "name", "position"),
    [
        ("tt-06-2010-tt-btc-scan-tail.txt", "Đỗ Hoàng Anh Tuấn", "KT. Bộ trưởng, Thứ trưởng"),
        ("ct-134-2010-ct-ttg-scan-tail.txt", "Hoàng Trung Hải", ""),
        # "Nơi nhữn:": OCR misread the list's heading, the name follows a recipient's ";"
        ("ct-03-2010-ct-bct-scan-tail.txt", "Vũ Huy Hoàng", ""),
    ],
)
def test_the_name_after_the_recipients_is_the_signer(
    excerpt: str, name: str, position: str
) -> None:
    text = (DATA / excerpt).read_text(encoding="utf-8")
    signer, title, span = signature_block(text, 0)
    assert (signer, title) == (name, position)
    assert span is not None and text[span[0] : span[1]].rstrip().endswith(name)


def test_a_name_ocr_cut_short_is_not_a_signer() -> None:
    """ "Huy Hoàng" lost its family name to OCR: no signer rather than a wrong one."""
    text = (DATA / "ct-02-2010-ct-bct-scan-tail.txt").read_text(encoding="utf-8")
    assert signature_block(text, 0)[0] is None


def test_a_recipient_is_not_a_signer() -> None:
    text = "Nơi nhận:\n- Như Điều 3;\n- Sở Tài chính;\n- Lưu: VT.\n\nHà Nội\n"
    assert signature_block(text, 0)[0] is None


@pytest.mark.parametrize(
    "tail",
    [
        "- Ông Nguyễn Văn Bình;\n- Lưu Văn Thư.\n",  # recipients, whole items
        "- Lưu: VT.\n\nDANH SÁCH THÀNH VIÊN\n1. Trần Văn Hùng\nTrưởng ban\n2. Lê Thị Mai\n",
    ],
)
def test_recipients_and_an_appendix_hold_no_signer(tail: str) -> None:
    text = "Nơi nhận:\n- Như Điều 3;\n" + tail
    signer, _, span = signature_block(text, 0)
    assert signer is None
    assert span is not None and "Lê Thị Mai" not in text[span[0] : span[1]]
