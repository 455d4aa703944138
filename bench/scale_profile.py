"""Where an `ask` spends its time and which mapped files its pages come from, on a kept
scale index (`bench/scale.py --keep DIR`): the same 40 ALQAC questions as bench/scale.py,
under cProfile, then the resident pages of each memory-mapped file (/proc/self/smaps).

    python bench/scale_profile.py /tmp/scale-keep/faiss-1000000 [--no-profile]
"""

from __future__ import annotations

import cProfile
import json
import pstats
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from machine import percentile, setup_env, shared_bench

setup_env()


def mapped_files() -> dict[str, float]:
    """Resident MB of each file-backed mapping of this process, largest first."""
    sizes: dict[str, float] = defaultdict(float)
    name = ""
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split()
        if head and "-" in head[0] and len(head) >= 5 and not head[0].endswith(":"):
            name = head[5] if len(head) > 5 and head[5].startswith("/") else ""
        elif line.startswith("Rss:") and name:
            sizes[name] += int(head[1]) / 1024
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1]))


def main() -> None:
    from policybot.config import Settings
    from policybot.pipeline import build_pipeline

    root = Path(sys.argv[1])
    questions = [
        json.loads(x)["question"]
        for x in (shared_bench("alqac") / "questions.jsonl").read_text().splitlines()
        if x.strip()
    ]
    queries = random.Random(7).sample(questions, 40)
    pipeline = build_pipeline(Settings(index_dir=root))
    pipeline.embedder.embed_query("khởi động")
    before = mapped_files()
    pipeline.load()
    for q in queries[:3]:
        pipeline.ask(q)
    profile = cProfile.Profile() if "--no-profile" not in sys.argv else None
    times = []
    for q in queries:
        if profile:
            profile.enable()
        t0 = time.perf_counter()
        pipeline.ask(q)
        times.append((time.perf_counter() - t0) * 1000)
        if profile:
            profile.disable()
    print(
        f"ask p50 {percentile(times, 50):.0f} ms, p95 {percentile(times, 95):.0f} ms, "
        f"max {max(times):.0f} ms, mean {sum(times) / len(times):.0f} ms"
    )
    print("slowest:", sorted(round(t) for t in times)[-5:])
    if profile:
        stats = pstats.Stats(profile).sort_stats("tottime")
        stats.print_stats(25)
        stats.sort_stats("cumulative").print_stats(40)
    after = mapped_files()
    print("resident MB of mapped files after the questions (before load):")
    for name, mb in after.items():
        if mb >= 1:
            print(f"  {mb:8.1f} ({before.get(name, 0.0):6.1f})  {name}")


if __name__ == "__main__":
    main()
