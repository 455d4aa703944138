"""Give an index written before the registry file (registry.json, no fingerprint in the
manifest) its registry file, without re-ingesting: the JSON registry is read (checked
against the tables, one pass over every document), written as `registry-<fp>.sqlite`, and
the manifest records it as ingest now does. For kept `bench/scale.py --keep` indexes.

    python bench/registry_upgrade.py /tmp/scale-keep/faiss-1000000
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from policybot.index.store import IndexDir
from policybot.instruments.registry_build import load, write


def main() -> None:
    index = IndexDir(Path(sys.argv[1]))
    manifest = index.read_manifest()
    t0 = time.perf_counter()
    tables = index.open_tables(manifest, tokens=False)
    registry = load(index, tables)  # the JSON file when its fingerprint matches, else built
    t1 = time.perf_counter()
    manifest["derived"] = write(index, registry)
    index.write_manifest(manifest)
    print(f"registry read/checked in {t1 - t0:.1f} s, written in {time.perf_counter() - t1:.1f} s")


if __name__ == "__main__":
    main()
