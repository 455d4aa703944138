"""A loaded Document with what its official layout says: the title a citation gives it
("Thông tư 54/2025/TT-BCT sửa đổi, bổ sung ..."), not its first header line, and the
identity, signer and effective date as metadata. A sidecar's fields still win.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from policybot.reading.anatomy import read_anatomy
from policybot.types import Document


def with_anatomy(doc: Document, sidecar: Mapping[str, str] | None = None) -> Document:
    """The document titled and described by its own header and signature block. A sidecar
    title or field is kept; the layout's fields replace what a loader guessed (a web
    page's "published" date is not the document's date)."""
    sidecar = sidecar or {}
    anatomy = read_anatomy(doc.text)
    found = anatomy.metadata()
    if not found:
        return doc
    metadata = {**doc.metadata, **found, **{k: v for k, v in sidecar.items() if k != "title"}}
    title = sidecar.get("title") or anatomy.title() or doc.title
    return replace(doc, title=title, metadata=metadata)
