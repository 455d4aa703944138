"""A question that names an article ("Theo Điều 4 …, mấy hạng?") is answered from that
article's passages when retrieval brought one, not from another passage that cites the
article or shares the question's words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import make_settings

from policybot.pipeline import Pipeline, build_pipeline
from policybot.questions.question import analyze
from policybot.types import Chunk, Hit

DATA = Path(__file__).resolve().parents[1] / "data" / "official"


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    root = tmp_path_factory.mktemp("articles")
    shutil.copytree(DATA, root / "docs")
    p = build_pipeline(make_settings(root / "index", backend="hash"))
    p.ingest([root / "docs"], progress=False)
    return p


def _hit(chunk: Chunk, rank: int) -> Hit:
    return Hit(chunk=chunk, score=1.0 / rank, rank=rank)


def test_the_named_article_holds_the_answer(pipeline: Pipeline) -> None:
    _, answerer = pipeline.load()
    doc = next(iter(answerer.retriever.tables.documents))
    article = Chunk(
        "a",
        doc,
        "Thẻ nhân lực gồm 04 hạng thẻ: kim cương, vàng, bạc và đồng.",
        "T",
        heading="Chương II > Điều 4. Thẻ nhân lực",
    )
    citing = Chunk(
        "b",
        doc,
        "Người có thẻ nhân lực thuộc 02 hạng cao nhất theo Điều 4 được chia nhà ở.",
        "T",
        heading="Chương III > Điều 9. Thủ tục cấp thẻ",
    )
    spec = analyze("Theo Điều 4, thẻ nhân lực được chia thành mấy hạng?")
    assert spec.articles == ("4",)
    scored = answerer._score(spec, [_hit(citing, 1), _hit(article, 2)])
    assert scored and {s.sentence.hit.chunk.id for s in scored} == {"a"}
    # without an article named, both passages compete
    free = answerer._score(
        analyze("Thẻ nhân lực được chia thành mấy hạng?"), [_hit(citing, 1), _hit(article, 2)]
    )
    assert {s.sentence.hit.chunk.id for s in free} == {"a", "b"}


def test_an_article_that_states_nothing_asked_leaves_the_other_passages(
    pipeline: Pipeline,
) -> None:
    _, answerer = pipeline.load()
    doc = next(iter(answerer.retriever.tables.documents))
    article = Chunk(
        "a",
        doc,
        "Thẻ nhân lực được cấp cho cá nhân làm việc tại khu công nghệ cao.",
        "T",
        heading="Chương II > Điều 4. Thẻ nhân lực",
    )
    other = Chunk(
        "b",
        doc,
        "Thẻ nhân lực gồm 04 hạng: kim cương, vàng, bạc và đồng.",
        "T",
        heading="Chương II > Điều 5. Hạng thẻ",
    )
    spec = analyze("Theo Điều 4, thẻ nhân lực được chia thành mấy hạng?")
    scored = answerer._score(spec, [_hit(article, 1), _hit(other, 2)])
    assert {s.sentence.hit.chunk.id for s in scored} == {"b"}
