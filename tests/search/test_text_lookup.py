"""The answer's two corpus-wide questions, answered through indexes, give what a scan of
every passage gives: "does any passage contain this folded phrase" (places a question
names) and "which passages can state when an instrument was issued"."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from tests.conftest import DATA, make_settings

from policybot.answers.draft import Draft
from policybot.answers.mention_issuance import _chunk_province, _issued_sentence, issuance_draft
from policybot.index.document_text import document_text, fold
from policybot.pipeline import Pipeline, build_pipeline
from policybot.questions.question import analyze
from policybot.text.places import PROVINCES, bare_name
from policybot.text.refs import find_mentions, ref_matches
from policybot.types import Hit

EVAL = Path(__file__).parents[2] / "eval" / "questions.jsonl"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    index = tmp_path_factory.mktemp("lookup") / "index"
    pipe = build_pipeline(make_settings(index, backend="hash"))
    pipe.ingest([DATA / "corpus"], progress=False)
    pipe.load()
    return pipe


def _keys(pipeline: Pipeline) -> list[str]:
    """Place names, and words, word pairs and pieces of words of the passages themselves."""
    retriever, _ = pipeline.load()
    rng = random.Random(5)
    keys = [fold(bare_name(p)) for p in PROVINCES] + ["huế", "thuế", "triệu phong", "", "zzz"]
    keys += ["bà rịa - vũng tàu", "5807/kh-ubnd", "(", "kh-", "hoá", "hóa", "quảng trị,"]
    chunks = list(retriever.chunks.values())
    for chunk in rng.sample(chunks, min(40, len(chunks))):
        words = fold(chunk.embed_text()).split()
        for i in rng.sample(range(len(words)), min(6, len(words))):
            w = words[i]
            keys += [w, w[1:], w[:-1], " ".join(words[i : i + 2]), " ".join(words[i : i + 3])]
            keys.append(f"{w[len(w) // 2 :]} {' '.join(words[i + 1 : i + 2])}")
    return list(dict.fromkeys(keys))


def test_passages_containing_a_phrase_equal_a_scan(pipeline: Pipeline) -> None:
    retriever, _ = pipeline.load()
    texts = {cid: fold(c.embed_text()) for cid, c in retriever.chunks.items()}
    keys = _keys(pipeline)
    assert len(keys) > 500
    found_some = pieces = 0
    for key in keys:
        scan = [cid for cid in retriever.ids if key in texts[cid]]
        got = [c.id for c in retriever.text.containing(key)]
        assert got == scan, key
        found_some += bool(scan)
        pieces += bool(scan) and not any(f" {key} " in f" {texts[c]} " for c in scan)
    assert 100 < found_some < len(keys)  # both outcomes were compared
    assert pieces > 10  # keys found only inside longer words were compared too
    assert 0 < len(retriever.text.candidates("triệu phong")) < len(retriever.ids) / 4


def test_documents_stating_a_phrase_equal_a_scan(pipeline: Pipeline) -> None:
    retriever, _ = pipeline.load()
    saved = retriever.document_texts
    assert saved is not None
    texts = [document_text(rec) for rec in retriever.tables.documents.values()]
    keys = _keys(pipeline) + [t[i:j] for t in texts for i, j in ((0, 12), (5, 30), (3, 4))]
    found = 0
    for key in keys:
        assert saved.contain(key) == any(key in t for t in texts), key
        found += saved.contain(key)
    assert 50 < found < len(keys)


def _scan_issuance(answerer, spec) -> Draft | None:  # type: ignore[no-untyped-def]
    """issuance_draft as it was: every passage read in order."""
    if not spec.refs or not (spec.wants_day or spec.wants_when or spec.wants_who):
        return None
    if not spec.about_issuance and answerer.content_left(spec):
        return None
    if spec.wants_number or spec.wants_list:
        return None
    for chunk in answerer.retriever.chunks.values():
        if not answerer.about_asked(spec, chunk):
            continue
        for mention in find_mentions(chunk.text, _chunk_province(answerer, chunk)):
            inst = mention.instrument
            if not any(ref_matches(r, inst) for r in spec.refs):
                continue
            need_date = spec.wants_day or spec.wants_when
            if (need_date and not inst.date) or (not need_date and not inst.issuer):
                continue
            if spec.years and not any((inst.date or "").startswith(y) for y in spec.years):
                continue
            sentence = answerer.sentences.around(chunk, mention.start)
            hit = Hit(chunk=chunk, score=1.0, rank=1)
            return Draft(refused=False, parts=((_issued_sentence(inst), hit, sentence),))
    return None


def test_issuance_from_mentions_equals_a_scan(pipeline: Pipeline) -> None:
    _, answerer = pipeline.load()
    questions = [json.loads(x)["question"] for x in EVAL.read_text().splitlines() if x.strip()]
    questions += [
        f"{t} {n} {tail}"
        for t, n in [("Kế hoạch", "5807"), ("Nghị quyết", "52-NQ/TW"), ("Nghị quyết", "10"),
                     ("Quyết định", "749/QĐ-TTg"), ("Nghị quyết", "50/NQ-CP"), ("Kế hoạch", "9")]
        for tail in ["ban hành ngày nào?", "do ai ban hành?", "ra đời năm nào?",
                     "của Quảng Trị ban hành năm 2020 phải không?",
                     "của Bình Thuận ban hành khi nào?"]
    ]  # fmt: skip
    drafts = 0
    for q in questions:
        spec = analyze(q)
        expected = _scan_issuance(answerer, spec)
        assert issuance_draft(answerer, spec) == expected, q
        drafts += expected is not None
    assert drafts >= 8  # the comparison covered answers, not only refusals


def test_instrument_answers_with_looked_up_passages_equal_grouped_ones(
    pipeline: Pipeline,
) -> None:
    from policybot.instruments.instrument_qa import InstrumentQA

    retriever, _ = pipeline.load()
    registry = pipeline.registry()
    grouped = InstrumentQA(registry, retriever.chunks)
    looked_up = InstrumentQA(registry, retriever.chunks, retriever.passages_of)
    questions = [json.loads(x)["question"] for x in EVAL.read_text().splitlines() if x.strip()]
    held = [e for e in registry.held()]
    questions += [f"{e.title()} do ai ký?" for e in held]
    questions += [f"{e.title()} có hiệu lực từ ngày nào?" for e in held]
    answered = 0
    for q in questions:
        spec = analyze(q)
        expected = grouped.answer(spec)
        assert looked_up.answer(spec) == expected, q
        answered += expected is not None and not expected.refused
    assert answered >= 5
