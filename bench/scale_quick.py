"""Measure a kept scale index (`bench/scale.py --keep DIR`) without its instrument registry:
load time, memory, search and the answer (analyze, search, extractive answer) p50/p95.

    python bench/scale_quick.py /tmp/scale-keep/faiss-1000000 OUT.json
"""

import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine, percentile, rss_mb, setup_env, shared_bench

setup_env()


def parts():
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("RssAnon:", "RssFile:")):
            out[line.split(":")[0]] = int(line.split()[1]) / 1024
    return out


def main():
    from policybot.config import Settings
    from policybot.pipeline import build_pipeline
    from policybot.questions.question import analyze

    qs = [
        json.loads(x)["question"]
        for x in (shared_bench("alqac") / "questions.jsonl").read_text().splitlines()
        if x.strip()
    ]
    queries = random.Random(7).sample(qs, 40)
    p = build_pipeline(Settings(index_dir=Path(sys.argv[1])))
    p.embedder.embed_query("khởi động")
    b, bp = rss_mb(), parts()
    t = time.perf_counter()
    r, _ = p.load()
    load = time.perf_counter() - t
    loaded, lp = rss_mb(), parts()
    row = {
        "chunks": len(r.ids),
        "load_seconds": round(load, 2),
        "rss_mb_index": round(loaded - b, 1),
        "rss_mb_index_anon": round(lp["RssAnon"] - bp["RssAnon"], 1),
        "rss_mb_index_file": round(lp["RssFile"] - bp["RssFile"], 1),
    }
    print(json.dumps(row), flush=True)
    gen = p.generator

    def answer(q):
        spec = analyze(q)
        hits = r.search(q, k=p.settings.retrieval.k)
        return gen.generate(spec, hits)

    for q in queries[:3]:
        p.search(q)
        answer(q)
    s, a, d = [], [], []
    for q in queries:
        t0 = time.perf_counter()
        p.search(q)
        t1 = time.perf_counter()
        answer(q)
        t2 = time.perf_counter()
        v = p.embedder.embed_query(q)
        t3 = time.perf_counter()
        r._vectors.query(v, 30)
        t4 = time.perf_counter()
        s.append((t1 - t0) * 1000)
        a.append((t2 - t1) * 1000)
        d.append((t4 - t3) * 1000)
    after = parts()
    row.update(
        {
            f"{n}_p{q}_ms": round(percentile(v, q), 1)
            for n, v in (("search", s), ("ask_without_registry", a), ("store", d))
            for q in (50, 95)
        }
    )
    row.update(
        {
            "rss_mb_index_after_queries": round(rss_mb() - b, 1),
            "rss_mb_index_after_queries_anon": round(after["RssAnon"] - bp["RssAnon"], 1),
            "rss_mb_index_after_queries_file": round(after["RssFile"] - bp["RssFile"], 1),
        }
    )
    print(json.dumps(row), flush=True)
    result = {
        "machine": machine(),
        "dense": "random unit vectors",
        "backend": "faiss",
        "rows": [row],
    }
    Path(sys.argv[2]).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
