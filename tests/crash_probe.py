"""Run in a fresh process by the crash tests: query an index and describe its state.

Prints one JSON object: the top hits of fixed queries (or the error), the chunk ids of the
tables and of chromadb, and how many chunk rows the table file has (duplicates show).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from policybot.config import Settings
from policybot.errors import PolicybotError
from policybot.index.store import IndexDir
from policybot.pipeline import build_pipeline

QUERIES = (
    "Kế hoạch 5807/KH-UBND",
    "chuyển đổi số Đồng Tháp",
    "Nghị quyết 52-NQ/TW cách mạng công nghiệp lần thứ tư",
    "đoạn bổ sung số 7",
    "Bình Thuận",
)


def probe(index: Path) -> dict[str, object]:
    settings = Settings(index_dir=index, embedder={"backend": "hash"})  # type: ignore[arg-type]
    pipeline = build_pipeline(settings)
    out: dict[str, object] = {}
    try:
        pipeline.load()
        out["results"] = {
            q: [[h.chunk.doc_id, h.chunk.id, h.score] for h in pipeline.search(q, k=5)]
            for q in QUERIES
        }
        out["answer"] = pipeline.ask("Kế hoạch 5807/KH-UBND được ban hành ngày nào?").answer
    except PolicybotError as exc:
        out["error"] = str(exc)
        return out
    index_dir = IndexDir(index)
    manifest = index_dir.read_manifest()
    tables = index_dir.read_tables(manifest)
    out["table_ids"] = sorted(tables.chunks)
    out["chroma_ids"] = sorted(pipeline.vectors.ids())
    table_file = index / manifest["tables"]["db"]
    with sqlite3.connect(f"file:{table_file}?mode=ro", uri=True) as con:
        out["chunk_lines"] = con.execute("SELECT count(*) FROM chunks").fetchone()[0]
    out["documents"] = sorted(tables.documents)
    return out


if __name__ == "__main__":
    print(json.dumps(probe(Path(sys.argv[1])), ensure_ascii=False))
