"""A value read from a document's passages once, when first asked for, and kept."""

from __future__ import annotations

from policybot.search.retrieve import Retriever


class PerDocument:
    """Each document's words of some kind (its levels, articles, lead), read once."""

    def __init__(self, retriever: Retriever) -> None:
        self._retriever = retriever
        self._found: dict[str, frozenset[str]] = {}

    def _of(self, doc_id: str) -> frozenset[str]:
        found = self._found.get(doc_id)
        if found is None:
            found = self._found[doc_id] = self._read(doc_id)
        return found

    def _read(self, doc_id: str) -> frozenset[str]:
        raise NotImplementedError
