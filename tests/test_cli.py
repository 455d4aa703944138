"""The CLI as a person uses it: real processes, JSON per the contract, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent / "policybot"
SRC = Path(__file__).parents[1] / "src"


def run(*args: str, index: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "POLICYBOT_INDEX_DIR": str(index), **(env or {})}
    full_env["PYTHONPATH"] = os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [str(BIN), *args], capture_output=True, text=True, env=full_env, timeout=300, check=False
    )


def test_ask_json(seed_index: Path) -> None:
    out = run("ask", "Nghị quyết 50/NQ-CP được ban hành ngày nào?", "--json", index=seed_index)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["refused"] is False and "17/4/2020" in data["answer"]
    assert data["citations"][0]["document"]["id"] == "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"


def test_search_json_with_filter(seed_index: Path) -> None:
    out = run(
        "search",
        "chuyển đổi số",
        "--json",
        "-k",
        "2",
        "--filter",
        "province=Đồng Tháp",
        index=seed_index,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["query"] == "chuyển đổi số" and len(data["hits"]) == 2
    hit = data["hits"][0]
    contract = {"rank", "score", "document", "passage", "instruments"}
    assert contract <= set(hit) and set(hit) - contract <= {"where"}  # additions only
    assert hit["document"]["id"] == "dong-thap-thi-dua-chuyen-doi-so-2021-2025.txt"


def test_plain_ask_shows_sources(seed_index: Path) -> None:
    out = run("ask", "Kế hoạch 5807 được ban hành ngày nào?", index=seed_index)
    assert out.returncode == 0
    assert "17/12/2020" in out.stdout and "Nguồn:" in out.stdout and "[1]" in out.stdout


def test_errors_are_one_line(tmp_path: Path, seed_index: Path) -> None:
    empty = run("ask", "   ", index=seed_index)
    assert empty.returncode == 1 and "empty" in empty.stderr
    assert "Traceback" not in empty.stderr and len(empty.stderr.strip().splitlines()) == 1
    missing = run("ask", "Kế hoạch 5807?", index=tmp_path / "none")
    assert missing.returncode == 1 and "policybot ingest" in missing.stderr
    assert "Traceback" not in missing.stderr
    bad = run("search", "x", "--filter", "tinh=A", index=seed_index)
    assert bad.returncode == 1 and "unknown filter" in bad.stderr


def test_ingest_reports_and_is_incremental(tmp_path: Path, corpus_copy: Path) -> None:
    (corpus_copy / "rong.md").write_text("", encoding="utf-8")
    env = {"POLICYBOT_EMBEDDER__BACKEND": "hash"}
    first = run("ingest", str(corpus_copy), index=tmp_path / "ix", env=env)
    assert first.returncode == 0, first.stderr
    assert "5 văn bản" in first.stdout and "rong.md" in first.stderr
    second = run("ingest", str(corpus_copy), "--json", index=tmp_path / "ix", env=env)
    report = json.loads(second.stdout)
    assert report["chunks_embedded"] == 0 and report["unchanged"] == 5


def test_user_add_and_remove(tmp_path: Path) -> None:
    from policybot.web.users import UserFile

    users = tmp_path / "users.txt"
    env = {"POLICYBOT_PAGE__USERS_FILE": str(users)}

    def user(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        full_env = {**os.environ, **env, "PYTHONPATH": str(SRC)}
        return subprocess.run(
            [str(BIN), "user", *args], input=stdin, capture_output=True, text=True,
            env=full_env, timeout=120, check=False,
        )  # fmt: skip

    out = user("add", "an", "--password-stdin", stdin="mật khẩu 1\n")
    assert out.returncode == 0 and "Đã thêm an" in out.stderr, out.stderr
    assert "mật khẩu" not in users.read_text(encoding="utf-8")
    assert UserFile(users).check("an", "mật khẩu 1")
    assert user("add", "có dấu cách", "--password-stdin", stdin="x\n").returncode == 1
    empty = user("add", "binh", "--password-stdin", stdin="\n")
    assert empty.returncode == 1 and "Traceback" not in empty.stderr
    assert user("remove", "an").returncode == 0 and not UserFile(users).has("an")
    assert user("remove", "an").returncode == 1
