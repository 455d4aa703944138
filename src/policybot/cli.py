"""policybot ingest | ask | search | chat: thin commands, errors as one clear line."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from policybot.config import Settings
from policybot.errors import PolicybotError
from policybot.payloads import answer_json, search_json
from policybot.pipeline import Pipeline, build_pipeline
from policybot.retrieve import Filters
from policybot.types import Answer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="policybot: câu trả lời có trích dẫn về văn bản chính sách.",
    pretty_exceptions_enable=False,
)

IndexOpt = Annotated[
    Path | None,
    typer.Option("--index", help="Index folder (default index/, env POLICYBOT_INDEX_DIR)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the contract's JSON.")]
KOpt = Annotated[int | None, typer.Option("-k", help="How many passages.", min=1, max=100)]
FilterOpt = Annotated[
    list[str] | None,
    typer.Option("--filter", help="KEY=VALUE: province, type, number, issuer, year."),
]

T = TypeVar("T")


def _settings(index: Path | None) -> Settings:
    settings = Settings()
    if index is not None:
        settings = settings.model_copy(update={"index_dir": index})
    return settings


def _run(action: Callable[[], T]) -> T:
    """Turn known errors into one line on stderr and a non-zero exit; never a traceback."""
    try:
        return action()
    except PolicybotError as exc:
        typer.echo(f"policybot: {exc}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        typer.echo("policybot: interrupted", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:
        if os.environ.get("POLICYBOT_DEBUG"):
            raise
        typer.echo(f"policybot: unexpected error: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(2) from None


def _dump(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders.")] = None,
    index: IndexOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Start the index afresh.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Index documents (default documents/): .txt .md .pdf .html .docx .jsonl."""
    settings = _settings(index)
    pipeline = build_pipeline(settings)
    report = _run(lambda: pipeline.ingest(paths or None, rebuild=rebuild, progress=True))
    if json_out:
        _dump(report.to_dict())
        return
    typer.echo(
        f"Đã lập chỉ mục {report.documents} văn bản, {report.chunks} đoạn "
        f"trong {settings.index_dir}/ "
        f"({report.seconds:.1f} s): thêm {len(report.added)}, cập nhật {len(report.updated)}, "
        f"xoá {len(report.removed)}, không đổi {report.unchanged}; "
        f"{report.chunks_embedded} đoạn được nhúng."
    )
    for f in report.failures:
        typer.echo(f"  không đọc được {f.path}: {f.reason}", err=True)
    for s in report.skipped:
        typer.echo(f"  bỏ qua {s}: định dạng không hỗ trợ", err=True)


def _print_answer(ans: Answer) -> None:
    typer.echo(ans.answer)
    if ans.citations:
        typer.echo("\nNguồn:")
    for c in ans.citations:
        page = f", trang {c.document.page}" if c.document.page else ""
        typer.echo(f"[{c.n}] {c.document.title} — {c.document.source}{page}")
        for inst in c.instruments:
            typer.echo(f"     • {inst.label()}")
        typer.echo(f"     «{c.sentence or c.passage[:300]}»")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="Câu hỏi bằng tiếng Việt.")],
    index: IndexOpt = None,
    json_out: JsonOpt = False,
    k: KOpt = None,
    filters: FilterOpt = None,
) -> None:
    """Answer a question with citations, or say the documents do not hold the answer."""
    pipeline = build_pipeline(_settings(index))
    ans = _run(lambda: pipeline.ask(question, Filters.from_pairs(filters or []), k))
    if json_out:
        _dump(answer_json(ans))
    else:
        _print_answer(ans)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Từ khoá hoặc câu hỏi.")],
    index: IndexOpt = None,
    json_out: JsonOpt = False,
    k: KOpt = None,
    filters: FilterOpt = None,
) -> None:
    """Show the passages that match a query, best first."""
    pipeline = build_pipeline(_settings(index))
    hits = _run(lambda: pipeline.search(query, k, Filters.from_pairs(filters or [])))
    sources = _sources(pipeline)
    if json_out:
        _dump(search_json(query, hits, sources))
        return
    if not hits:
        typer.echo("Không có đoạn nào khớp.")
    for h in hits:
        typer.echo(f"{h.rank}. [{h.score:.2f}] {h.chunk.title} — {sources.get(h.chunk.doc_id, '')}")
        typer.echo(f"   {h.chunk.text[:300]}")


def _sources(pipeline: Pipeline) -> dict[str, str]:
    retriever, _ = pipeline.load()
    return {d: rec["source"] for d, rec in retriever.tables.documents.items()}


@app.command("eval")
def eval_(
    eval_file: Annotated[Path, typer.Argument(help="Questions (JSONL).")] = Path(
        "eval/questions.jsonl"
    ),
    index: IndexOpt = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Run folder (default eval/runs/<time>/).")
    ] = None,
    minimum: Annotated[
        list[str] | None, typer.Option("--min", help="METRIC=VALUE: exit 1 when below.")
    ] = None,
    maximum: Annotated[
        list[str] | None, typer.Option("--max", help="METRIC=VALUE: exit 1 when above.")
    ] = None,
) -> None:
    """Run the eval set through the pipeline; write records, summary and an HTML report."""
    from policybot.evaluate import run_eval_command

    code = _run(lambda: run_eval_command(_settings(index), eval_file, out, minimum, maximum))
    raise typer.Exit(code)


bench_app = typer.Typer(help="Benchmarks.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")


@bench_app.command("retrieval")
def bench_retrieval(
    corpus: Annotated[Path, typer.Option("--corpus", help="Corpus JSONL (id, title, text).")],
    questions: Annotated[
        Path, typer.Option("--questions", help='JSONL: {"id", "question", "relevant": [...]}.')
    ],
    out: Annotated[Path | None, typer.Option("--out", help="Write the results as JSON.")] = None,
    cache: Annotated[
        Path | None,
        typer.Option(
            "--cache", help="Embedding cache and bench index (default ~/.cache/policybot)."
        ),
    ] = None,
) -> None:
    """R@1, R@5, R@10 and MRR@10 of bm25, dense and hybrid retrieval, measured in one run."""
    from policybot.bench import bench_retrieval as run_bench
    from policybot.bench import format_table

    result = _run(lambda: run_bench(corpus, questions, Settings(), cache))
    typer.echo(format_table(result))
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@app.command()
def chat(index: IndexOpt = None) -> None:
    """Ask questions one after another in the terminal (empty line or Ctrl-D to stop)."""
    pipeline = build_pipeline(_settings(index))
    _run(pipeline.load)
    typer.echo("Hỏi về các văn bản chính sách (dòng trống để thoát).")
    while True:
        try:
            question = input("\n? ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not question:
            break
        try:
            _print_answer(pipeline.ask(question))
        except PolicybotError as exc:
            typer.echo(f"policybot: {exc}", err=True)


def main() -> None:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    app()


if __name__ == "__main__":
    main()
