"""A loaded Document with what its official layout says: the title a citation gives it
("Thông tư 54/2025/TT-BCT sửa đổi, bổ sung ..."), not its first header line, and the
identity, signer and effective date as metadata. A sidecar's fields still win.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from policybot.reading.anatomy import Anatomy, read_anatomy
from policybot.text.file_numbers import number_in_file_name
from policybot.text.symbols import canonical_number, type_of_symbol
from policybot.types import Document

# A "Số:" line whose digits OCR could not read ("Số: 6⁄7 /QĐ-CTN", "Số: ¿5 /QĐ-TTg"): the
# printed symbol after the slash is still legible.
_ILLEGIBLE_NUMBER = re.compile(
    r"(?m)^[^\S\n]*(?i:số)[^\S\n]*:?[^\S\n]*[^\s/][^\n/]{0,7}?/[^\S\n]*"
    r"(?:(?P<year>(?:19|20)\d{2})[^\S\n]*/[^\S\n]*)?"
    r"(?P<symbol>[A-ZĐ][A-Za-zĐđ]*(?:-[A-Za-zĐđ0-9]+)+)"
)
# Numbers the text cites ("Quyết định số 622/QĐ-TTg"): a file name that writes one of them
# names what the document is about, not the document.
_CITED = re.compile(r"(?<![\w/])\d{1,5}(?:/(?:19|20)\d{2})?/[A-ZĐ][A-Za-zĐđ]*(?:-[A-Za-zĐđ0-9]+)+")
_HEAD_CHARS = 600  # where the "Số:" line of a header stands


def with_anatomy(doc: Document, sidecar: Mapping[str, str] | None = None) -> Document:
    """The document titled and described by its own header and signature block. A sidecar
    title or field is kept; the layout's fields replace what a loader guessed (a web
    page's "published" date is not the document's date)."""
    sidecar = sidecar or {}
    anatomy = _numbered(read_anatomy(doc.text), doc)
    found = anatomy.metadata()
    if not found:
        return doc
    metadata = {**doc.metadata, **found, **{k: v for k, v in sidecar.items() if k != "title"}}
    title = sidecar.get("title") or anatomy.title() or doc.title
    return replace(doc, title=title, metadata=metadata)


def _numbered(anatomy: Anatomy, doc: Document) -> Anatomy:
    """The anatomy with its own number taken from the file name when the header's "Số:"
    line shows the symbol but not the digits (a number filled in by hand on a scan); the
    type, when OCR lost its line too, is the one the symbol stands for (QĐ: Quyết định)."""
    if anatomy.number or not (anatomy.type or anatomy.issuer):
        return anatomy
    line = _ILLEGIBLE_NUMBER.search(doc.text[:_HEAD_CHARS])
    if line is None:
        return anatomy
    # a blank "Số:     /2024/NĐ-CP" is a draft's (no mark before the slash), not illegible
    cited = {canonical_number(m.group(0)) for m in _CITED.finditer(doc.text)}
    number = number_in_file_name(
        doc.source, line.group("symbol"), line.group("year"), cited, anatomy.type
    )
    if number is None:
        return anatomy
    return replace(anatomy, number=number, type=anatomy.type or type_of_symbol(number))
