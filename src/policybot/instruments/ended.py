"""Of instruments the corpus shows replaced or abolished: the note an answer citing one
must carry, and the passages of the newer document that may answer for the older one."""

from __future__ import annotations

from collections.abc import Sequence

from policybot.instruments.registry import Registry
from policybot.instruments.validity_status import ABOLISHES, REPLACES
from policybot.text.refs import RefQuery, find_mentions, ref_matches
from policybot.types import Hit


def validity_note(registry: Registry, doc_ids: list[str]) -> str | None:
    """What an answer must add when it cites an instrument the corpus shows replaced or
    abolished: which newer instrument did it."""
    notes = [f"{e.title()} {e.status()}" for e in registry.held(doc_ids) if e.replaced_by]
    if not notes:
        return None
    return "Lưu ý: theo các văn bản hiện có, " + "; ".join(notes) + "."


def ended_by(registry: Registry, refs: Sequence[RefQuery]) -> set[str]:
    """Documents that replace or abolish an instrument the question names, when the corpus
    does not hold that instrument's own text: what such a document says of its own rules is
    not what the old instrument said ("Nghị định 144/2006 cho phép lãi suất tối đa bao
    nhiêu?" is not answered by the decree that replaced it)."""
    out: set[str] = set()
    for ref in refs:
        entries = registry.match_ref(ref)
        if not entries or any(e.own_doc for e in entries):
            continue
        for e in entries:
            for rel in registry.validity_to(e.key):
                newer = registry.get(rel.source)
                if rel.kind in (REPLACES, ABOLISHES) and newer is not None and newer.own_doc:
                    out.add(newer.own_doc)
    return out


def naming_the_ended(registry: Registry, refs: Sequence[RefQuery], hits: list[Hit]) -> list[Hit]:
    """Passages of a document that replaced or abolished the instrument asked (whose own
    text the corpus lacks) answer for it only where they name it."""
    newer = ended_by(registry, refs) if refs else set()
    if not newer:
        return hits
    return [
        h
        for h in hits
        if h.chunk.doc_id not in newer
        or any(ref_matches(r, m.instrument) for m in find_mentions(h.chunk.text) for r in refs)
    ]
