"""The extractive answerer on the seed corpus, judged by the eval set's facts and refusals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policybot.payloads import answer_json
from policybot.pipeline import Pipeline

EVAL = Path(__file__).parents[1] / "eval" / "questions.jsonl"
QUESTIONS = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line]
SINGLE_TURN = [q for q in QUESTIONS if not q.get("history")]


def _fold(s: str) -> str:
    return " ".join(s.casefold().split())


@pytest.mark.parametrize("item", [q for q in SINGLE_TURN if q["answerable"]], ids=lambda q: q["id"])
def test_answerable_states_the_fact_and_cites_the_document(
    seed_pipeline: Pipeline, item: dict
) -> None:
    ans = seed_pipeline.ask(item["question"])
    assert not ans.refused, ans.reason
    for alternatives in item["facts"]:
        assert any(_fold(a) in _fold(ans.answer) for a in alternatives), (alternatives, ans.answer)
    assert ans.citations
    assert ans.citations[0].document.id in item["expected_docs"]


@pytest.mark.parametrize(
    "item", [q for q in SINGLE_TURN if not q["answerable"]], ids=lambda q: q["id"]
)
def test_unanswerable_is_refused(seed_pipeline: Pipeline, item: dict) -> None:
    ans = seed_pipeline.ask(item["question"])
    assert ans.refused, ans.answer
    assert ans.answer.startswith("Không tìm thấy thông tin")
    assert ans.citations == ()


def test_answer_json_keeps_the_contract(seed_pipeline: Pipeline) -> None:
    data = answer_json(seed_pipeline.ask("Kế hoạch số 5807/KH-UBND được ban hành ngày nào?"))
    assert set(data) >= {"question", "answer", "refused", "citations", "timings_ms"}
    assert set(data["timings_ms"]) >= {"retrieve", "answer"}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", data["answer"])}
    assert markers and markers == {c["n"] for c in data["citations"]}
    cite = data["citations"][0]
    assert set(cite) >= {"n", "document", "instruments", "passage", "score"}
    assert set(cite["document"]) == {"id", "title", "source", "page"}
    assert cite["document"]["source"].endswith("quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt")
    inst = next(i for i in cite["instruments"] if i["number"] == "5807/KH-UBND")
    assert inst == {"type": "Kế hoạch", "number": "5807/KH-UBND", "date": "2020-12-17",
                    "issuer": "UBND tỉnh Quảng Trị"}


def test_passages_are_verbatim_and_free_of_page_chrome(seed_pipeline: Pipeline) -> None:
    retriever, _ = seed_pipeline.load()
    chrome = ["Bình luận của bạn", "CÁC TIN KHÁC", "Thống kê truy cập", "Nhập mã bảo mật",
              "Tổng lượt truy cập", "Related articles", "Copyright"]
    docs = {d: rec for d, rec in retriever.tables.documents.items()}
    for chunk in retriever.chunks.values():
        assert not any(c.casefold() in chunk.text.casefold() for c in chrome), chunk.text
        source = Path(docs[chunk.doc_id]["source"])
        assert chunk.text in source.read_text(encoding="utf-8").replace("\r", "") or \
            " ".join(chunk.text.split()) in " ".join(source.read_text(encoding="utf-8").split())
