"""Pure: an instrument's validity as far as the corpus shows it, in the words the CLI, the
API and the UI list it with ("có hiệu lực từ 1/1/2026", "bị thay thế bởi Nghị định số …",
"bãi bỏ Quyết định số …"), and the kinds of the validity edges the lineage graph draws.

The relations come from what a document held in full says of others (reading/validity.py,
own_entries.py); an instrument the corpus says nothing about gets an empty status, never a
guess such as "còn hiệu lực".
"""

from __future__ import annotations

from policybot.instruments.registry_records import Entry
from policybot.reading.validity import AMENDS, REPLACES

ABOLISHES = "abolishes"
VALIDITY_KINDS = (REPLACES, ABOLISHES, AMENDS)
# How an edge of each kind reads: "A <verb> B".
VALIDITY_VERB = {REPLACES: "thay thế", ABOLISHES: "bãi bỏ", AMENDS: "sửa đổi"}


def validity_kind(kind: str, cue: str) -> str:
    """A statement's kind made finer: of what ends another instrument, "bãi bỏ" abolishes
    and the rest ("thay thế", "… hết hiệu lực") replaces."""
    if kind == REPLACES and " ".join(cue.lower().split()).startswith("bãi bỏ"):
        return ABOLISHES
    return kind


def effective_day(effective: str) -> str:
    """An effective date as an answer says it: "ngày 20/11/2025", or "ngày ký"."""
    if effective == "ngày ký":
        return effective
    parts = effective[:10].split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"ngày {int(parts[2])}/{int(parts[1])}/{parts[0]}"
    return effective


def recorded_status(entry: Entry) -> str:
    """What the instrument's own database record says of its validity ("hết hiệu lực toàn
    bộ từ ngày 8/12/2025 (theo thuộc tính văn bản)"), or ""."""
    if not entry.recorded_status:
        return ""
    said = entry.recorded_status[0].lower() + entry.recorded_status[1:]
    if entry.expired:
        said += f" từ {effective_day(entry.expired)}"
    return f"{said} (theo thuộc tính văn bản)"


def status_text(entry: Entry) -> str:
    """The entry's status: what ended or amended it, since when it is in force (unless
    something ended it), and what it ends or amends itself; "" when the corpus shows none."""
    parts: list[str] = []
    recorded = recorded_status(entry)
    if recorded:
        parts.append(recorded)
    abolished = set(entry.abolished_by)
    replaced = [t for t in entry.replaced_by if t not in abolished]
    if replaced:
        parts.append("bị thay thế bởi " + ", ".join(replaced))
    if entry.abolished_by:
        parts.append("bị bãi bỏ bởi " + ", ".join(entry.abolished_by))
    # its record says it has ended: no "in force from" beside that
    ended = "hết hiệu lực" in (entry.recorded_status or "").casefold()
    if entry.effective and not entry.replaced_by and not ended:
        parts.append("có hiệu lực từ " + effective_day(entry.effective))
    if entry.amended_by:
        parts.append("được sửa đổi bởi " + ", ".join(entry.amended_by))
    for verb, titles in (
        ("thay thế", entry.replaces),
        ("bãi bỏ", entry.abolishes),
        ("sửa đổi", entry.amends),
    ):
        if titles:
            parts.append(f"{verb} " + ", ".join(titles))
    return "; ".join(parts)
