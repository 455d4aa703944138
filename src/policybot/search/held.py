"""Which documents are the instrument a question names by number, not merely cite it.

"Điều 4 Thông tư 37/2025/TT-BNNMT quy định gì?": the corpus may hold the circular itself
and a decision that lists it among its grounds. Both name it, but only the circular's own
passages speak for it ("Thông tư này …"), so search ranks them among themselves as it does
a code named by its title (sources.py), and the answerer reads them first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from policybot.text.refs import RefQuery, ref_matches
from policybot.types import Chunk, Instrument


def holding(
    refs: Sequence[RefQuery],
    naming: Callable[[RefQuery], list[str]],
    chunks: Mapping[str, Chunk],
    documents: Mapping[str, dict[str, Any]],
) -> set[str]:
    """Documents whose own instrument (their layout's number) one of `refs` names, found
    among the passages that name it (`naming`: the passages indexed under its number; a
    document's header passage names its own instrument)."""
    found: set[str] = set()
    for ref in refs:
        for doc_id in dict.fromkeys(chunks[c].doc_id for c in naming(ref) if c in chunks):
            own = Instrument.of_document(documents.get(doc_id, {}).get("metadata", {}))
            if own is not None and ref_matches(ref, own):
                found.add(doc_id)
    return found
