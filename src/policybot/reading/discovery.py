"""Which files under the given paths an ingest reads, skips or refuses, and how a path is shown.

Nothing is silently ignored: an unsupported file is listed as skipped, a link that leaves the
documents folder is refused with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = (".txt", ".md", ".pdf", ".html", ".htm", ".docx", ".doc", ".jsonl")
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class LoadFailure:
    """A file (or a line of a .jsonl) that was not loaded, and why, in plain words."""

    path: str
    reason: str


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def _is_hidden(path: Path, root: Path) -> bool:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = (path.name,)
    return any(part.startswith(".") for part in parts)


def sidecar_for(path: Path) -> Path:
    return path.with_name(path.name + SIDECAR_SUFFIX)


def _is_readme(path: Path) -> bool:
    """README.md in a documents folder describes the folder; indexing it would put
    instructions among the policy texts."""
    return path.name.lower().split(".")[0] == "readme"


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED and not is_sidecar(path)


@dataclass(frozen=True)
class Walk:
    files: list[tuple[Path, Path]]  # (file, root it is named relative to)
    skipped: list[Path]
    missing: list[Path]
    refused: list[tuple[Path, str]]  # (path, reason): links leaving the folder, bad names


def _refusal(path: Path, root: Path) -> str | None:
    """Why a path under `root` must not be read, or None.

    A symbolic link that leads out of the documents folder would let whoever can write to
    the folder make policybot publish any file it can read (/etc/passwd, keys); it is not
    followed. A name that is not UTF-8 cannot be shown or stored: the file must be renamed.
    """
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8: rename the file"
    if not path.is_symlink():  # rglob does not descend into linked folders
        return None
    target = path.resolve()
    if not target.exists():
        return f"broken symbolic link (to {target.as_posix()})"
    inside = root.resolve()
    if target != inside and inside not in target.parents:
        kind = "folder" if target.is_dir() else "file"
        return (
            f"symbolic link to a {kind} outside the documents folder ({target.as_posix()}): "
            "not followed; copy the file into the folder instead"
        )
    return None


def walk_paths(paths: Sequence[Path]) -> Walk:
    """Everything under `paths`, split into loadable files, skipped files and missing paths.

    A sidecar whose document is present is consumed with it; an orphan sidecar is skipped
    (and listed) so a misnamed metadata file is noticed. A README inside a folder is
    skipped too; named explicitly, it loads. Links that leave a folder are refused.
    """
    files: dict[Path, Path] = {}
    skipped: set[Path] = set()
    missing: list[Path] = []
    refused: dict[Path, str] = {}
    for given in paths:
        if given.is_dir():
            root = given
            candidates = []
            for p in given.rglob("*"):
                if _is_hidden(p, given):
                    continue
                reason = _refusal(p, given)
                if reason is not None:
                    refused[p] = reason
                elif p.is_file():
                    candidates.append(p)
        elif given.is_file():
            root = given.parent
            candidates = [given]
        else:
            missing.append(given)
            continue
        for path in candidates:
            if is_supported(path) and (path == given or not _is_readme(path)):
                files.setdefault(path, root)
            elif not _is_used_sidecar(path):
                skipped.add(path)
    return Walk(sorted(files.items()), sorted(skipped), missing, sorted(refused.items()))


def _is_used_sidecar(path: Path) -> bool:
    """A sidecar beside a loadable file: read with that file, not listed as skipped."""
    if not is_sidecar(path):
        return False
    target = path.with_name(path.name[: -len(SIDECAR_SUFFIX)])
    return is_supported(target) and target.is_file()


def discover(paths: Sequence[Path]) -> list[Path]:
    """Loadable files under the given files and folders (recursive), sorted.

    Hidden files and folders (".git", ".DS_Store"), README files and *.meta.json sidecars
    are not loaded.
    """
    return [path for path, _root in walk_paths(paths).files]


def discover_with_skipped(paths: Sequence[Path]) -> tuple[list[Path], list[str]]:
    """discover() plus what was not taken (unsupported files, orphan sidecars), for reports."""
    walk = walk_paths(paths)
    return [path for path, _root in walk.files], [display_path(p) for p in walk.skipped]


@dataclass(frozen=True)
class Discovery:
    files: list[Path]
    skipped: list[str]  # not a document type policybot reads
    refused: list[LoadFailure]  # could be read but must not be (links out, bad names)


def discover_all(paths: Sequence[Path]) -> Discovery:
    """What an ingest reads, skips and refuses under `paths`, each refusal with its reason."""
    walk = walk_paths(paths)
    return Discovery(
        files=[path for path, _root in walk.files],
        skipped=[display_path(p) for p in walk.skipped],
        refused=[LoadFailure(link_path(p), reason) for p, reason in walk.refused],
    )


def display_path(path: Path) -> str:
    """The path as a person would type it: relative to the working directory if inside it.

    Bytes of a non-UTF-8 name show as "\ufffd" so the name can still be printed and stored.
    """
    return _shown(path.resolve(), Path.cwd().resolve())


def link_path(path: Path) -> str:
    """Like display_path, but a link is named by itself, not by where it points."""
    return _shown(path.absolute(), Path.cwd().absolute())


def _shown(path: Path, cwd: Path) -> str:
    try:
        shown = path.relative_to(cwd).as_posix()
    except ValueError:
        shown = path.as_posix()
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
