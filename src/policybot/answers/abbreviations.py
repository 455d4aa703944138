"""The abbreviations a sentence's document defines, spelled out where the sentence uses them
(text/acronyms.py), so "DNNVV, HTX, HKD" counts the question's "doanh nghiệp nhỏ, hợp tác
xã". A document's definitions are read from its passages when a sentence of it is first
scored, and kept for the most recently used documents."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping

from policybot.text.acronyms import spell_out, table_of

KEPT = 2048  # documents whose definitions are kept


class Abbreviations:
    def __init__(self, passages_of: Callable[[str], list[str]], text_of: Callable[[str], str]):
        self._passages_of = passages_of  # a document's passage ids, in order
        self._text_of = text_of  # a passage's text
        self._tables: OrderedDict[str, Mapping[str, str]] = OrderedDict()

    def table(self, doc_id: str) -> Mapping[str, str]:
        """The common abbreviations, and those the document defines (its own win)."""
        found = self._tables.get(doc_id)
        if found is None:
            text = "\n".join(self._text_of(cid) for cid in self._passages_of(doc_id))
            found = table_of(text)
            self._tables[doc_id] = found
            if len(self._tables) > KEPT:
                self._tables.popitem(last=False)
        else:
            self._tables.move_to_end(doc_id)
        return found

    def spell_out(self, text: str, doc_id: str) -> str:
        return spell_out(text, self.table(doc_id))
