"""Bring a kept scale index (`bench/scale.py --keep`) written by an older policybot up to
what ingest now writes, without re-ingesting:

- the instrument registry file: the JSON registry is read (checked against the tables, one
  pass over every document), written as `registry-<fp>.sqlite`, and the manifest records
  its fingerprint; a registry file of an older REGISTRY_VERSION is built again from the
  tables, as ingest would (about 20 minutes at 1M passages);
- the passage ids beside the lexical indexes (index/passage_ids.py), read once from the
  table file and marked with its sha256, and the documents' folded titles and metadata
  (index/document_text.py).

    python bench/upgrade_kept.py /tmp/scale-keep/faiss-1000000
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from policybot.index import document_text, passage_ids
from policybot.index.passages import lookups
from policybot.index.store import IndexDir
from policybot.instruments import registry_file
from policybot.instruments.registry_build import build, load, manifest_source, registry_path, write


def main() -> None:
    index = IndexDir(Path(sys.argv[1]))
    manifest = index.read_manifest()
    tables = index.open_tables(manifest, tokens=False)
    if "derived" not in manifest:
        t0 = time.perf_counter()
        registry = load(index, tables)  # the JSON file when its fingerprint matches
        t1 = time.perf_counter()
        manifest["derived"] = write(index, registry)
        index.write_manifest(manifest)
        t2 = time.perf_counter()
        print(f"registry read and checked in {t1 - t0:.1f} s, written in {t2 - t1:.1f} s")
    source = manifest_source(manifest)
    assert source is not None
    if registry_file.open_registry(registry_path(index, source), source) is None:
        t0 = time.perf_counter()
        registry = build(tables)  # the file is of an older REGISTRY_VERSION
        t1 = time.perf_counter()
        manifest["derived"] = write(index, registry)
        index.write_manifest(manifest)
        removed = index.remove_unused(manifest)
        print(f"registry built in {t1 - t0:.1f} s, written in {time.perf_counter() - t1:.1f} s")
        print(f"removed: {removed}")
    folder = index.lexical_dir(manifest)
    assert folder is not None
    meta_path = folder / "lexical.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    saved = meta.get("ids_file_sha256") and (folder / passage_ids.SORTED).is_file()
    if not saved or meta.get("tables_sha256") != manifest["sha256"]["db"]:
        t0 = time.perf_counter()
        meta["ids_file_sha256"] = passage_ids.save(lookups(tables.chunks).ids(), folder)
        meta["tables_sha256"] = manifest["sha256"]["db"]
        meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        print(f"passage ids saved in {time.perf_counter() - t0:.1f} s")
    if not (folder / document_text.FILE).is_file():
        t0 = time.perf_counter()
        document_text.save(tables.documents.values(), folder)
        print(f"documents' folded titles and metadata saved in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
