"""The folder is the architecture: imports run down the stages, never up, never in loops.

Checked on the source itself (every `from policybot... import`, lazy ones included), so a
new module that imports back up a stage fails here rather than in a reviewer's head.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parents[1] / "src" / "policybot"

# Lowest first. A module may import its own stage and any stage below it.
ORDER = [
    "types",
    "errors",
    "config",
    "text",
    "reading",
    "index",
    "questions",
    "search",
    "answers",
    "instruments",
    "pipeline",
    "evaluation",
    "web",
    "models",
    "cli",
]
LEVEL = {name: i for i, name in enumerate(ORDER)}
# Stages side by side at the top: neither imports the other.
SIBLINGS = {frozenset({"evaluation", "web"})}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports() -> list[tuple[str, str, int]]:
    edges = []
    for path in SRC.rglob("*.py"):
        module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("policybot"):
                target = node.module or ""
                if target == "policybot":
                    for alias in node.names:  # a submodule, or a name defined in __init__
                        found = (SRC / f"{alias.name}.py").exists() or (SRC / alias.name).is_dir()
                        name = f"policybot.{alias.name}" if found else "policybot"
                        edges.append((module, name, node.lineno))
                else:
                    edges.append((module, target, node.lineno))
    return edges


def test_every_stage_is_known() -> None:
    stages = {_stage(m) for m, _, _ in _imports()} - {"__init__"}
    assert stages <= set(LEVEL), stages - set(LEVEL)


def test_imports_run_down_the_stages() -> None:
    upward = []
    for module, target, line in _imports():
        src, dst = _stage(module), _stage(target)
        if dst == "__init__" or src == dst or src == "__init__":
            continue
        if LEVEL[dst] > LEVEL[src] or frozenset({src, dst}) in SIBLINGS:
            upward.append(f"{module}:{line} imports {target}")
    assert not upward, "\n".join(upward)


def test_no_import_loops_between_modules() -> None:
    graph: dict[str, set[str]] = {}
    for module, target, _ in _imports():
        if (SRC / Path(*target.split(".")[1:])).is_dir():
            continue  # a package's __init__ holds no imports
        graph.setdefault(module, set()).add(target)

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            for nxt in graph.get(node, ()):
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    loops = sorted(m for m in graph if reaches(m, m))
    assert not loops, loops


def test_stage_packages_say_what_they_take_and_give() -> None:
    for init in SRC.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 60, f"{init.parent.name}/__init__.py needs its docstring"


def test_no_module_over_400_lines() -> None:
    long = [
        f"{p.relative_to(SRC)}: {n}"
        for p in SRC.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    ]
    assert not long, long
