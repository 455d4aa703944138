"""Lexical indexes saved at ingest and memory-mapped at load: same scores as building them,
a changed file's passages gone from every one of them, nothing written when nothing changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from tests.conftest import make_settings

from policybot.errors import PolicybotError
from policybot.index.store import IndexDir
from policybot.pipeline import build_pipeline
from policybot.search.retrieve import Retriever
from policybot.text.segment import words

DONG_THAP = "dong-thap-thi-dua-chuyen-doi-so-2021-2025.txt"
NEW_WORD = "xylophonique"  # a token no document of the corpus has


def _manifest(index: Path) -> dict:
    return json.loads((index / "manifest.json").read_text(encoding="utf-8"))


def test_loaded_indexes_are_mapped_and_score_like_fresh_ones(
    corpus_copy: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    pipeline.ingest([corpus_copy], progress=False)
    assert (index / _manifest(index)["lexical"] / "lexical.json").is_file()
    retriever, answerer = pipeline.load()
    assert isinstance(retriever.lexical._bm25.scores["data"], np.memmap)
    assert isinstance(retriever._part_of, np.memmap)
    assert all("tokens" not in rec for rec in retriever.tables.chunks.values())
    tables = IndexDir(index).read_tables()  # with tokens: the lexical indexes built in memory
    fresh = Retriever(tables, retriever._vectors, pipeline.embedder, retriever.settings)
    for query in (["chuyển_đổi", "số"], ["kế_hoạch", "ubnd"]):
        assert np.array_equal(retriever.lexical.scores(query), fresh.lexical.scores(query))
        assert retriever.lexical.scores(query).max() > 0
    syllables = ["chuyển", "đổi", "số", "tỉnh"]
    assert np.array_equal(retriever._part_scores(syllables), fresh._part_scores(syllables))
    for s in syllables:
        assert retriever.terms.get(s) == fresh.terms.get(s) > 0
    q = "Kế hoạch chuyển đổi số của tỉnh Đồng Tháp"
    assert [h.chunk.id for h in retriever.search(q)] == [h.chunk.id for h in fresh.search(q)]
    assert answerer.words.idf("số") < answerer.words.idf("tháp")


def test_unchanged_reingest_writes_nothing(corpus_copy: Path, tmp_path: Path) -> None:
    index = tmp_path / "index"
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    pipeline.ingest([corpus_copy], progress=False)

    def files() -> dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in index.iterdir() if p.name != ".ingest.lock"}

    before = files()
    report = pipeline.ingest([corpus_copy], progress=False)
    assert report.unchanged == 5 and report.documents == 5 and report.chunks > 0
    assert files() == before


def test_changed_file_leaves_no_trace_in_any_lexical_index(
    corpus_copy: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    path = corpus_copy / DONG_THAP
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("NHẬT ANH", f"Đoạn {NEW_WORD} mới.\n\nNHẬT ANH"), "utf-8")
    pipeline.ingest([corpus_copy], progress=False)
    old_folder = _manifest(index)["lexical"]
    retriever, _ = pipeline.load()
    assert retriever.lexical.scores([NEW_WORD]).max() > 0
    assert retriever.terms.get(NEW_WORD) == 1

    path.write_text(text, encoding="utf-8")
    report = pipeline.ingest([corpus_copy], progress=False)
    assert report.updated == [DONG_THAP]
    assert not (index / old_folder).exists()
    retriever, _ = pipeline.load()
    assert retriever.lexical.scores([NEW_WORD]).max() == 0
    assert retriever.parts.document_frequency(NEW_WORD) == 0
    assert retriever.terms.get(NEW_WORD) == 0
    assert retriever.lexical.size == len(IndexDir(index).read_tables().chunks)


def test_damaged_or_missing_lexical_folder_is_a_clear_error(
    corpus_copy: Path, tmp_path: Path
) -> None:
    index = tmp_path / "index"
    build_pipeline(make_settings(index, backend="hash")).ingest([corpus_copy], progress=False)
    folder = index / _manifest(index)["lexical"]
    (folder / "part_of.npy").write_bytes(b"\x93NUMPY garbage")
    with pytest.raises(PolicybotError, match=r"damaged.*lexical.*--rebuild"):
        build_pipeline(make_settings(index, backend="hash")).load()
    shutil.rmtree(folder)
    with pytest.raises(PolicybotError, match=r"damaged.*lexical.*--rebuild"):
        build_pipeline(make_settings(index, backend="hash")).load()


def test_index_without_saved_lexical_indexes_still_loads(corpus_copy: Path, tmp_path: Path) -> None:
    """Indexes written before this change name no lexical folder: built at load."""
    index = tmp_path / "index"
    pipeline = build_pipeline(make_settings(index, backend="hash"))
    pipeline.ingest([corpus_copy], progress=False)
    manifest = _manifest(index)
    shutil.rmtree(index / manifest.pop("lexical"))
    IndexDir(index).write_manifest(manifest)
    retriever, _ = build_pipeline(make_settings(index, backend="hash")).load()
    assert retriever.lexical.scores(["chuyển_đổi"]).max() > 0
    report = build_pipeline(make_settings(index, backend="hash")).ingest(
        [corpus_copy], progress=False
    )
    assert report.unchanged == 5 and _manifest(index).get("lexical")  # written on upgrade


def test_scores_are_bm25s_sums_bit_for_bit(tmp_path: Path) -> None:
    """Our sum over the memory-mapped columns equals bm25s's `get_scores` exactly: real
    paragraphs of the seed corpus, each headed by "điều" (a column holding every text, added
    densely), repeated and unknown query tokens."""
    from tests.conftest import CORPUS

    from policybot.index.lexical import Lexical
    from policybot.text.segment import syllables

    lines = [
        line
        for path in sorted(CORPUS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts = [["điều", *syllables(line)] for line in lines]
    assert len(texts) > 100
    Lexical(len(texts), texts).save(tmp_path / "parts")
    index = Lexical.load(tmp_path / "parts", len(texts))
    assert isinstance(index._bm25.scores["data"], np.memmap)
    queries = [
        ["chuyển", "đổi", "số"],
        ["điều", "kế", "hoạch", "điều"],
        ["số", "số", "tỉnh", NEW_WORD, "đồng", "tháp", "điều"],
        [NEW_WORD],
    ]
    for query in queries:
        ours = index.scores(query)
        known = [t for t in query if t in index._bm25.vocab_dict]
        theirs = index._bm25.get_scores(known) if known else np.zeros(len(texts), np.float32)
        assert ours.dtype == np.float32 and np.array_equal(ours, theirs)
    assert index.scores(queries[1]).min() > 0  # "điều" scores every text
    assert index.document_frequency("điều") == len(texts)


def test_word_search_finds_an_abbreviation_by_the_words_it_stands_for(tmp_path: Path) -> None:
    # neither the title nor the text writes "hợp tác xã" in words: the passage's lexical
    # terms have the abbreviations spelled out (those every administrative text uses, and
    # those the document defines, text/acronyms.table_of)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ke-hoach.txt").write_text(
        "Kế hoạch hỗ trợ chuyển đổi số năm 2026\n\nĐến năm 2030 có 60% HTX dùng hóa đơn điện tử.\n",
        encoding="utf-8",
    )
    pipeline = build_pipeline(make_settings(tmp_path / "index", backend="hash"))
    pipeline.ingest([docs], progress=False)
    retriever = pipeline.load()[0]
    [passage] = retriever.chunks.values()
    assert "hợp tác xã" not in passage.embed_text().casefold()
    position = retriever._pos[passage.id]
    assert retriever.lexical.scores(words("hợp tác xã"))[position] > 0
    assert retriever.lexical.scores(words(NEW_WORD))[position] == 0


def test_a_definition_added_elsewhere_reaches_an_unchanged_passage(tmp_path: Path) -> None:
    # the second article is the same in both versions; only the first defines "KTNS", and
    # an index extended with the new version searches it as one built from scratch does
    docs = tmp_path / "docs"
    docs.mkdir()
    second = "Điều 2. Báo cáo\n\nHằng quý, các đơn vị gửi kết quả KTNS về Sở Tài chính.\n"
    plan = docs / "quy-che.txt"
    plan.write_text(
        f"Quy chế phối hợp\n\nĐiều 1. Phạm vi\n\nQuy chế này áp dụng cho các sở.\n\n{second}",
        encoding="utf-8",
    )
    pipeline = build_pipeline(make_settings(tmp_path / "index", backend="hash"))
    pipeline.ingest([docs], progress=False)
    plan.write_text(
        "Quy chế phối hợp\n\nĐiều 1. Phạm vi\n\nQuy chế này áp dụng cho công tác kiểm tra nội"
        f" soát (KTNS) của các sở.\n\n{second}",
        encoding="utf-8",
    )
    pipeline.ingest([docs], progress=False)
    retriever = build_pipeline(make_settings(tmp_path / "index", backend="hash")).load()[0]
    passage = next(c for c in retriever.chunks.values() if "Hằng quý" in c.text)
    assert "nội soát" not in passage.embed_text()
    assert retriever.lexical.scores(words("nội soát"))[retriever._pos[passage.id]] > 0
