"""The cross-encoder reranker with a tiny model the test builds itself (2 BERT layers, a
vocabulary of the corpus's syllables, random weights, no download): it reorders exactly the
top of the blend by its scores, and is off unless settings name a model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.conftest import make_settings

from policybot.config import RerankSettings
from policybot.errors import PolicybotError
from policybot.pipeline import build_pipeline
from policybot.search.querytext import retrieval_text
from policybot.search.rerank import CrossEncoderReranker
from policybot.text.segment import syllables

QUESTIONS = (
    "Kế hoạch chuyển đổi số của tỉnh Quảng Trị",
    "Đối tượng thi đua gồm những ai?",
    "Mục tiêu kinh tế số đến năm 2025",
)


def _tiny_cross_encoder(folder: Path, corpus: Path) -> Path:
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    words = sorted({s for f in corpus.glob("*.txt") for s in syllables(f.read_text("utf-8"))})
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    folder.mkdir()
    (folder / "vocab.txt").write_text("\n".join(specials + words) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True)
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(specials) + len(words),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
        num_labels=1,
    )
    BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import CORPUS

    return _tiny_cross_encoder(tmp_path_factory.mktemp("ce") / "tiny-ce", CORPUS)


def test_reranker_orders_the_top_of_the_blend_by_its_scores(
    model_dir: Path, corpus_copy: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    plain = build_pipeline(make_settings(index, backend="hash"))
    assert plain.reranker is None  # off by default
    plain.ingest([corpus_copy], progress=False)
    rerank = RerankSettings(model=str(model_dir), candidates=6)
    settings = make_settings(index, backend="hash").model_copy(update={"rerank": rerank})
    reranked = build_pipeline(settings)
    assert reranked.reranker is not None and reranked.reranker.name.endswith("tiny-ce")

    from sentence_transformers import CrossEncoder

    model = CrossEncoder(str(model_dir), device="cpu")
    retriever, _ = plain.load()
    changed = 0
    for question in QUESTIONS:
        before = [h.chunk.id for h in plain.search(question, k=6)]
        after = [h.chunk.id for h in reranked.search(question, k=6)]
        assert sorted(after) == sorted(before)  # the same six, reordered
        text = retrieval_text(question)
        pairs = [(text, retriever.chunks[c].embed_text()) for c in before]
        expected = [before[i] for i in np.argsort(-model.predict(pairs), kind="stable")]
        assert after == expected
        changed += after != before
    assert changed  # random weights do reorder: the test would notice a reranker never used


def test_bad_reranker_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PolicybotError, match="cannot load reranker model"):
        CrossEncoderReranker(RerankSettings(model=str(tmp_path / "no-such-model")))
