"""The HTTP API through the real app (TestClient) on the real seed index."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import make_settings

from policybot.config import ApiSettings, Settings
from policybot.pipeline import Pipeline
from policybot.web.api import create_app, text_pieces

ISSUED = "Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"
GRDP_2025 = "Đến năm 2025 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?"
UNANSWERABLE = "Đến năm 2030 kinh tế số của tỉnh Bình Thuận chiếm bao nhiêu phần trăm GRDP?"
ANSWER_KEYS = {"question", "answer", "refused", "citations", "timings_ms", "generator"}


def settings_for(index: Path, tmp: Path, **api: Any) -> Settings:
    return make_settings(index).model_copy(
        update={"data_dir": tmp / "data", "api": ApiSettings(**api)}
    )


@pytest.fixture()
def client(seed_pipeline: Pipeline, seed_index: Path, tmp_path: Path) -> Iterator[TestClient]:
    settings = settings_for(seed_index, tmp_path, rate_limit_per_minute=0)
    with TestClient(create_app(seed_pipeline, settings)) as c:
        yield c


def make_client(pipeline: Pipeline, index: Path, tmp: Path, **api: Any) -> TestClient:
    return TestClient(create_app(pipeline, settings_for(index, tmp, **api)))


def test_health_and_answer_contract(client: TestClient) -> None:
    health = client.get("/health")
    assert health.status_code == 200
    assert health.json()["status"] == "ok" and health.json()["documents"] == 5

    res = client.post("/api/v1/ask", json={"question": ISSUED})
    assert res.status_code == 200
    data = res.json()
    # Additions since the contract (README): confidence, related.
    assert ANSWER_KEYS <= set(data) <= ANSWER_KEYS | {"reason", "confidence", "related"}
    assert data["refused"] is False and "17/12/2020" in data["answer"]
    cite = data["citations"][0]
    assert set(cite) == {"n", "document", "instruments", "passage", "sentence", "score"}
    assert set(cite["document"]) == {"id", "title", "source", "page"}
    assert cite["document"]["id"] == "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"
    assert set(cite["instruments"][0]) == {"type", "number", "date", "issuer"}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", data["answer"])}
    assert markers and markers <= {c["n"] for c in data["citations"]}
    assert set(data["timings_ms"]) >= {"retrieve", "answer"}


def test_refusal_is_explicit(client: TestClient) -> None:
    data = client.post("/api/v1/ask", json={"question": UNANSWERABLE}).json()
    assert data["refused"] is True and data["citations"] == []
    # Not found, or not sure: then the closest passages come as `related`, never as cited.
    if data["related"]:
        assert data["answer"].startswith("Văn bản không nêu trực tiếp")
        assert all(r["passage"] and r["document"]["id"] for r in data["related"])
    else:
        assert data["answer"].startswith("Không tìm thấy")


def test_search_documents_and_filters(client: TestClient) -> None:
    res = client.post(
        "/api/v1/search",
        json={"query": "chuyển đổi số", "k": 3, "filters": {"province": "Đồng Tháp"}},
    )
    assert res.status_code == 200
    data = res.json()
    assert data["query"] == "chuyển đổi số" and len(data["hits"]) == 3
    assert {h["document"]["id"] for h in data["hits"]} == {
        "dong-thap-thi-dua-chuyen-doi-so-2021-2025.txt"
    }
    assert set(data["hits"][0]) == {"rank", "score", "document", "passage", "instruments"}

    docs = client.get("/api/v1/documents").json()
    assert len(docs["documents"]) == 5
    plan = next(d for d in docs["documents"] if d["id"].startswith("quang-tri-ke-hoach-5807"))
    assert any(i["number"] == "5807/KH-UBND" for i in plan["instruments"])
    assert plan["url"].startswith("/documents/")
    labels = {i["label"] for i in docs["instruments"]}
    assert "Kế hoạch số 5807/KH-UBND ngày 17/12/2020 của UBND tỉnh Quảng Trị" in labels
    nq52 = next(i for i in docs["instruments"] if i["number"] == "52-NQ/TW")
    assert len(nq52["documents"]) >= 2

    bad = client.post("/api/v1/search", json={"query": "x", "filters": {"colour": "red"}})
    assert bad.status_code == 400 and "colour" in bad.json()["error"]


def test_stream_sends_pieces_then_the_whole_answer(client: TestClient) -> None:
    plain = client.post("/api/v1/ask", json={"question": GRDP_2025}).json()
    for request in (
        {"json": {"question": GRDP_2025, "stream": True}},
        {"json": {"question": GRDP_2025}, "headers": {"Accept": "text/event-stream"}},
    ):
        res = client.post("/api/v1/ask", **request)  # type: ignore[arg-type]
        assert res.status_code == 200
        assert res.headers["content-type"].startswith("text/event-stream")
        events = _parse_sse(res.text)
        deltas = [d["text"] for e, d in events if e == "delta"]
        assert len(deltas) >= 2 and events[-1][0] == "answer"
        final = events[-1][1]
        assert "".join(deltas) == final["answer"] == plain["answer"]
        assert final["citations"] == plain["citations"]


def test_text_pieces_keep_every_character() -> None:
    text = "  Kinh tế số chiếm khoảng 30%  tổng sản phẩm [1].\n"
    assert "".join(text_pieces(text, 2)) == text
    assert text_pieces("") == []


def test_history_makes_follow_up_standalone(client: TestClient) -> None:
    res = client.post(
        "/api/v1/ask",
        json={
            "question": "Còn đến năm 2030 thì sao?",
            "history": [
                {"role": "user", "content": GRDP_2025},
                {"role": "assistant", "content": "Khoảng 20% [1]."},
            ],
        },
    )
    data = res.json()
    assert data["question"] == "Đến năm 2030 kinh tế số của Quảng Trị chiếm bao nhiêu GRDP?"
    assert not data["refused"] and "30%" in data["answer"]


def test_api_keys(seed_pipeline: Pipeline, seed_index: Path, tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.txt"
    keys_file.write_text("# portal keys\nfile-key-1\n", encoding="utf-8")
    with make_client(
        seed_pipeline, seed_index, tmp_path, api_keys=["env-key"], keys_file=keys_file
    ) as c:
        assert c.get("/health").status_code == 200  # health needs no key
        missing = c.post("/api/v1/ask", json={"question": ISSUED})
        assert missing.status_code == 401 and "API" in missing.json()["error"]
        assert missing.headers["www-authenticate"].startswith("Bearer")
        wrong = c.post("/api/v1/ask", json={"question": ISSUED}, headers=_bearer("env-kez"))
        assert wrong.status_code == 401
        assert c.get("/api/v1/documents", headers={"Authorization": "env-key"}).status_code == 401
        assert c.get("/api/v1/documents", headers=_bearer("env-key")).status_code == 200
        assert c.get("/api/v1/documents", headers=_bearer("file-key-1")).status_code == 200
        # Keys are rotated by editing the file; no restart.
        keys_file.write_text("file-key-2\n", encoding="utf-8")
        stat = keys_file.stat()
        os.utime(keys_file, (stat.st_atime, stat.st_mtime + 5))
        assert c.get("/api/v1/documents", headers=_bearer("file-key-1")).status_code == 401
        assert c.get("/api/v1/documents", headers=_bearer("file-key-2")).status_code == 200


def test_api_keys_from_contract_env_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYBOT_API_KEYS", "k1, k2 ,")
    monkeypatch.setenv("POLICYBOT_API__CORS_ORIGINS", "https://portal.example.vn")
    monkeypatch.setenv("POLICYBOT_API__RATE_LIMIT_PER_MINUTE", "7")
    settings = Settings()
    assert settings.api.api_keys == ["k1", "k2"]
    assert settings.api.cors_origins == ["https://portal.example.vn"]
    assert settings.api.rate_limit_per_minute == 7


def test_cors_only_for_configured_origins(
    seed_pipeline: Pipeline, seed_index: Path, tmp_path: Path
) -> None:
    good, bad = "http://portal.example.vn", "http://evil.example.com"
    with make_client(seed_pipeline, seed_index, tmp_path, api_keys=["k"], cors_origins=[good]) as c:
        pre = c.options(
            "/api/v1/ask",
            headers={
                "Origin": good,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization,content-type",
            },
        )
        assert pre.status_code == 200
        assert pre.headers["access-control-allow-origin"] == good
        assert "authorization" in pre.headers["access-control-allow-headers"].lower()
        ok = c.post(
            "/api/v1/ask", json={"question": ISSUED}, headers={"Origin": good, **_bearer("k")}
        )
        assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == good
        # A refusal still carries CORS headers, so the portal can tell the user why.
        denied = c.post("/api/v1/ask", json={"question": ISSUED}, headers={"Origin": good})
        assert denied.status_code == 401 and denied.headers["access-control-allow-origin"] == good

        pre_bad = c.options(
            "/api/v1/ask",
            headers={"Origin": bad, "Access-Control-Request-Method": "POST"},
        )
        assert pre_bad.status_code == 400
        assert "access-control-allow-origin" not in pre_bad.headers
        res_bad = c.post(
            "/api/v1/ask", json={"question": ISSUED}, headers={"Origin": bad, **_bearer("k")}
        )
        assert "access-control-allow-origin" not in res_bad.headers


def test_size_limits(seed_pipeline: Pipeline, seed_index: Path, tmp_path: Path) -> None:
    with make_client(
        seed_pipeline, seed_index, tmp_path, max_body_bytes=2000, max_question_chars=300
    ) as c:
        big = {"question": ISSUED, "history": [{"role": "user", "content": "x" * 3000}]}
        res = c.post("/api/v1/ask", json=big)
        assert res.status_code == 400 and "quá lớn" in res.json()["error"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must still hold
            yield b'{"question": "'
            for _ in range(10):
                yield b"a" * 500
            yield b'"}'

        res = c.post("/api/v1/ask", content=chunks(), headers={"Content-Type": "application/json"})
        assert res.status_code == 400 and "too large" in res.json()["error"]

        long_q = "Kế hoạch " * 40
        res = c.post("/api/v1/ask", json={"question": long_q})
        assert res.status_code == 400
        assert "quá dài" in res.json()["error"] and "too long" in res.json()["error"]
        res = c.post("/api/v1/search", json={"query": long_q})
        assert res.status_code == 400 and "Truy vấn quá dài" in res.json()["error"]
        assert c.post("/api/v1/ask", json={"question": ISSUED}).status_code == 200


def test_rate_limit(seed_pipeline: Pipeline, seed_index: Path, tmp_path: Path) -> None:
    with make_client(seed_pipeline, seed_index, tmp_path, rate_limit_per_minute=3) as c:
        codes = [c.get("/api/v1/documents").status_code for _ in range(3)]
        assert codes == [200, 200, 200]
        over = c.get("/api/v1/documents")
        assert over.status_code == 429
        assert 1 <= int(over.headers["retry-after"]) <= 20
        assert "thử lại" in over.json()["error"]
        assert c.get("/health").status_code == 200  # not limited
    with make_client(
        seed_pipeline, seed_index, tmp_path, rate_limit_per_minute=2, api_keys=["a", "b"]
    ) as c:
        assert [c.get("/api/v1/documents", headers=_bearer("a")).status_code for _ in range(3)] == [
            200,
            200,
            429,
        ]
        assert c.get("/api/v1/documents", headers=_bearer("b")).status_code == 200  # per key


def test_bad_requests_are_json_errors(client: TestClient) -> None:
    res = client.post(
        "/api/v1/ask", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert res.status_code == 400 and res.json()["error"].startswith("Yêu cầu không hợp lệ")
    res = client.post("/api/v1/ask", json={})
    assert res.status_code == 400 and "question" in res.json()["error"]
    res = client.post("/api/v1/ask", json={"question": "   "})
    assert res.status_code == 400 and "empty" in res.json()["error"]
    res = client.post("/api/v1/ask", json={"question": ISSUED, "k": 0})
    assert res.status_code == 400 and "k" in res.json()["error"]
    res = client.get("/api/v1/nothing-here")
    assert res.status_code == 404 and "error" in res.json()


def test_missing_index_is_503(seed_pipeline: Pipeline, tmp_path: Path) -> None:
    from policybot.pipeline import build_pipeline

    settings = settings_for(tmp_path / "no-index", tmp_path)
    with TestClient(create_app(build_pipeline(settings), settings)) as c:
        health = c.get("/health")
        assert health.status_code == 503 and health.json()["status"] == "unavailable"
        res = c.post("/api/v1/ask", json={"question": ISSUED})
        assert res.status_code == 503 and "policybot ingest" in res.json()["error"]


def test_openapi_has_vietnamese_examples(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/v1/ask", "/api/v1/search", "/api/v1/documents", "/health"} <= set(schema["paths"])
    text = json.dumps(schema, ensure_ascii=False)
    assert ISSUED in text and "Còn đến năm 2030 thì sao?" in text
    assert "text/event-stream" in json.dumps(schema["paths"]["/api/v1/ask"])


def test_feedback_stored_and_exported(client: TestClient, seed_index: Path, tmp_path: Path) -> None:
    answer = client.post("/api/v1/ask", json={"question": ISSUED}).json()
    refused = client.post("/api/v1/ask", json={"question": UNANSWERABLE}).json()
    wrong = client.post("/api/v1/ask", json={"question": GRDP_2025}).json()
    for data, vote in ((answer, "up"), (refused, "up"), (wrong, "down")):
        res = client.post(
            "/api/v1/feedback",
            json={
                "question": data["question"],
                "answer": data["answer"],
                "refused": data["refused"],
                "citations": data["citations"],
                "vote": vote,
            },
        )
        assert res.status_code == 201 and res.json()["id"] >= 1
    assert client.post("/api/v1/feedback", json={"question": "x", "vote": "meh"}).status_code == 400

    res = client.get("/api/v1/feedback/export")
    assert res.status_code == 200
    rows = [json.loads(line) for line in res.text.splitlines()]
    assert len(rows) == 3
    schema = {"id", "type", "question", "expected_docs", "instruments", "facts", "answerable"}
    assert all(schema <= set(r) for r in rows)
    liked = rows[0]
    assert liked["question"] == ISSUED and liked["type"] == "date"
    assert liked["expected_docs"] == ["quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"]
    assert liked["instruments"] == ["5807/KH-UBND"]
    assert liked["facts"] == [["17/12/2020"]] and liked["answerable"] is True
    assert rows[1]["type"] == "unanswerable" and rows[1]["answerable"] is False
    assert rows[2]["review"]["vote"] == "down" and rows[2]["expected_docs"] == []
    downs = client.get("/api/v1/feedback/export", params={"vote": "down"}).text.splitlines()
    assert len(downs) == 1

    # The same store, exported by the CLI into a file.
    out = tmp_path / "candidates.jsonl"
    env = {**os.environ, "POLICYBOT_DATA_DIR": str(tmp_path / "data")}
    env["PYTHONPATH"] = str(Path(__file__).parents[2] / "src")
    proc = subprocess.run(
        [sys.executable, "-m", "policybot.cli", "feedback-export", "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [r["id"] for r in rows]


def test_document_page_opens_at_the_passage(client: TestClient) -> None:
    doc = "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"
    res = client.get(f"/documents/{doc}", params={"mark": "17/12/2020"}, follow_redirects=False)
    assert res.status_code == 303
    target = res.headers["location"]
    chunk = re.search(r"chunk=([0-9a-f]+)", target)
    assert chunk and target.endswith(f"#c-{chunk.group(1)}")
    page = client.get(target)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f"<section id='c-{chunk.group(1)}' class='hit'>" in page.text
    assert re.search(r"<mark>[^<]*17/12/2020", page.text)
    assert "Kế hoạch số 5807/KH-UBND ngày 17/12/2020" in page.text
    assert client.get("/documents/no-such-doc.txt").status_code == 404


def test_widget_is_served_and_uses_text_only(client: TestClient) -> None:
    res = client.get("/static/widget.js")
    assert res.status_code == 200 and "javascript" in res.headers["content-type"]
    js = res.text
    assert "innerHTML" not in js and "insertAdjacentHTML" not in js and "eval(" not in js
    assert "textContent" in js and "/api/v1/ask" in js
    assert not re.search(r"https?://(?!HOST)", js.replace("https://HOST", ""))  # no CDN


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _parse_sse(text: str) -> list[tuple[str, dict[str, Any]]]:
    events = []
    for block in text.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((fields["event"], json.loads(fields["data"])))
    return events


def test_instruments_and_lineage(client: TestClient) -> None:
    rows = client.get("/api/v1/instruments", params={"q": "5807"}).json()["instruments"]
    assert any(r.get("number") == "5807/KH-UBND" for r in rows)
    one = client.get("/api/v1/instruments/5807/KH-UBND")
    assert one.status_code == 200
    text = json.dumps(one.json(), ensure_ascii=False)
    assert "50/NQ-CP" in text and "190-KH/TU" in text
    assert client.get("/api/v1/instruments/9999/QĐ-XYZ").status_code == 404
    svg = client.get("/api/v1/lineage.svg")
    assert svg.status_code == 200 and svg.text.lstrip().startswith(("<svg", "<?xml"))
    assert "52-NQ/TW" in svg.text
