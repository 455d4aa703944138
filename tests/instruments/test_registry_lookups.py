"""The lookups an answer makes in the registry (an alias, the validity of the documents it
cites) use maps made when the registry is built or loaded: same results as scanning every
entry, and no scan. A registry of a few thousand synthetic entries."""

from __future__ import annotations

import random
from collections.abc import Iterator

from policybot.instruments.ended import validity_note
from policybot.instruments.registry import Registry
from policybot.instruments.registry_records import Entry

SIZE = 4000


def _entries(n: int) -> list[Entry]:
    rng = random.Random(16)
    out = []
    for i in range(n):
        number = f"{i}/KH-UBND"
        aliases = tuple(f"Kế hoạch {i}-{j}" for j in range(rng.randint(0, 3)))
        if i % 97 == 5:
            aliases += ("Kế hoạch chung",)  # shared: the first entry listing it wins
        own = f"doc-{i // 3}" if i % 2 == 0 else None  # some documents hold two instruments
        replaced = (f"Kế hoạch số {i + 1}/KH-UBND",) if own and i % 6 in (0, 2) else ()
        amended = (f"Kế hoạch số {i + 2}/KH-UBND",) if own and i % 7 == 0 else ()
        out.append(
            Entry(
                number,
                "Kế hoạch",
                number,
                None,
                None,
                None,
                None,
                None,
                None,
                aliases=aliases,
                own_doc=own,
                replaced_by=replaced,
                amended_by=amended,
            )
        )
    rng.shuffle(out)  # the registry's order is not the numbers' order
    return out


def _scan_get(registry: Registry, key: str) -> Entry | None:
    """Registry.get as it was: a scan of every entry's aliases."""
    entry = registry.entries.get(key)
    if entry is not None:
        return entry
    for e in registry.entries.values():
        if key in e.aliases:
            return e
    return None


def _scan_note(registry: Registry, doc_ids: list[str]) -> str | None:
    """validity_note as it was: a scan of every entry."""
    notes = [
        f"{e.title()} {e.status()}"
        for e in registry.entries.values()
        if e.own_doc in doc_ids and e.replaced_by
    ]
    return "Lưu ý: theo các văn bản hiện có, " + "; ".join(notes) + "." if notes else None


class _NoScan(dict[str, Entry]):
    """The entries, refusing to be iterated: a lookup that scans fails."""

    def values(self):  # type: ignore[override]
        raise AssertionError("the registry's entries were scanned")

    def items(self):  # type: ignore[override]
        raise AssertionError("the registry's entries were scanned")

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("the registry's entries were scanned")


def test_lookups_equal_a_scan_of_every_entry() -> None:
    entries = _entries(SIZE)
    registry = Registry({e.key: e for e in entries}, [], "synthetic")
    rng = random.Random(3)
    keys = [a for e in entries for a in e.aliases] + [e.key for e in entries[:50]]
    keys += ["Kế hoạch chung", "không có", "Kế hoạch 999999-0"]
    for key in keys:
        assert registry.get(key) is _scan_get(registry, key), key
    docs = [f"doc-{i}" for i in range(SIZE // 3)] + ["không có"]
    asked = [rng.sample(docs, rng.randint(1, 6)) for _ in range(300)]
    asked += [["doc-0", "doc-0"], [], ["không có"]]
    noted = 0
    for doc_ids in asked:
        note = validity_note(registry, doc_ids)
        assert note == _scan_note(registry, doc_ids), doc_ids
        noted += note is not None
    assert noted > 50  # the comparison covered answers with notes
    two = validity_note(registry, ["doc-0"])  # entries 0 and 2: two notes, registry's order
    assert two is not None and two.count("đã bị thay thế") == 2
    shared = next(e for e in entries if "Kế hoạch chung" in e.aliases)
    assert registry.get("Kế hoạch chung") is shared


def test_an_answers_lookups_do_not_scan_the_entries() -> None:
    entries = _entries(SIZE)
    registry = Registry({e.key: e for e in entries}, [], "synthetic")
    held = next(e for e in entries if e.replaced_by)
    alias = next(e for e in entries if e.aliases)
    registry.entries = _NoScan(registry.entries)
    assert registry.get(alias.aliases[0]) is alias
    assert registry.get(held.key) is held and registry.get("không có") is None
    note = validity_note(registry, [held.own_doc or "", "không có"])
    assert note is not None and held.replaced_by[0] in note
    assert validity_note(registry, ["không có"]) is None


def test_a_loaded_registry_has_the_same_lookups() -> None:
    entries = _entries(300)
    built = Registry({e.key: e for e in entries}, [], "synthetic")
    loaded = Registry.from_json(built.to_json())
    for e in entries:
        for key in (e.key, *e.aliases):
            assert loaded.get(key) == built.get(key)
        if e.own_doc:
            assert validity_note(loaded, [e.own_doc]) == validity_note(built, [e.own_doc])
    assert loaded == built
