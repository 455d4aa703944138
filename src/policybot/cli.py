"""policybot ingest | ask | search | chat | serve: thin commands, errors as one clear line."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from policybot.config import Settings
from policybot.errors import PolicybotError
from policybot.pipeline import Pipeline, build_pipeline
from policybot.search.retrieve import Filters
from policybot.types import Answer
from policybot.web.payloads import answer_json, search_json

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
        typer.echo(f"  bỏ qua {s} (định dạng không hỗ trợ, hoặc tệp README)", err=True)


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
    from policybot.evaluation.evaluate import run_eval_command

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
    from policybot.evaluation.bench import bench_retrieval as run_bench
    from policybot.evaluation.bench import format_table

    result = _run(lambda: run_bench(corpus, questions, Settings(), cache))
    typer.echo(format_table(result))
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@app.command()
def instruments(
    query: Annotated[str | None, typer.Argument(help="Số, tên, cơ quan hoặc chủ đề.")] = None,
    index: IndexOpt = None,
    json_out: JsonOpt = False,
    type_: Annotated[str | None, typer.Option("--type", help="Nghị quyết, Kế hoạch ...")] = None,
    province: Annotated[str | None, typer.Option("--province", help="Tỉnh.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Năm ban hành.")] = None,
    svg: Annotated[
        Path | None, typer.Option("--svg", help="Also write the lineage graph to this SVG file.")
    ] = None,
) -> None:
    """List the policy instruments the documents name (the registry), with their relations."""
    from policybot.instruments.instrument_views import list_instruments
    from policybot.instruments.lineage_svg import lineage_svg

    pipeline = build_pipeline(_settings(index))
    registry = _run(pipeline.registry)
    rows = list_instruments(registry, query, type_, province, year)
    if svg is not None:
        _run(lambda: svg.write_text(lineage_svg(registry), encoding="utf-8"))
    if json_out:
        _dump({"query": query, "instruments": rows})
        return
    if not rows:
        typer.echo("Không có văn bản nào khớp.")
    for r in rows:
        where = " · ".join(p for p in (r["level"], r["province"]) if p)
        status = f" — {r['status']}" if r["status"] else ""
        counts = f"({r['mentions']} lần nhắc, {r['relations']} quan hệ)"
        typer.echo(f"{r['label']}  [{where or '?'}] {counts}{status}")


@app.command()
def instrument(
    number: Annotated[str, typer.Argument(help="Số hoặc tên văn bản: 52-NQ/TW, 'Nghị quyết 52'.")],
    index: IndexOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """One instrument: what it carries out or rests on, what carries it out, its passages."""
    from policybot.instruments.instrument_views import instrument_detail

    pipeline = build_pipeline(_settings(index))
    registry = _run(pipeline.registry)
    detail = instrument_detail(registry, number)
    if detail is None:
        typer.echo(
            f"policybot: không tìm thấy văn bản {number!r} trong các văn bản hiện có", err=True
        )
        raise typer.Exit(1)
    if json_out:
        _dump(detail)
        return
    inst = detail["instrument"]
    typer.echo(inst["label"])
    for field, value in (
        ("cấp", inst["level"]),
        ("tỉnh", inst["province"]),
        ("về", inst["subject"]),
        ("hiệu lực", inst["status"]),
    ):
        if value:
            typer.echo(f"  {field}: {value}")
    if detail["outgoing"]:
        typer.echo("Thực hiện / căn cứ / thay thế, sửa đổi:")
    for rel in detail["outgoing"]:
        typer.echo(f"  - {rel['cue']} {rel['other']['label']}")
        typer.echo(f"      «{rel['passages'][0]['sentence']}»")
    if detail["incoming"]:
        typer.echo("Được thực hiện / căn cứ / thay thế, sửa đổi bởi:")
    for rel in detail["incoming"]:
        typer.echo(f"  - {rel['other']['label']} ({rel['cue']})")
        typer.echo(f"      «{rel['passages'][0]['sentence']}»")
    typer.echo(f"Nhắc đến trong {len(detail['mentions'])} đoạn:")
    for m in detail["mentions"]:
        typer.echo(f"  - {m['doc_id']}: «{m['sentence']}»")
    for other in detail["others"]:
        typer.echo(f"Cũng khớp: {other['label']}")


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


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000).", min=1)] = None,
    index: IndexOpt = None,
    ingest: Annotated[
        bool, typer.Option("--ingest/--no-ingest", help="Ingest documents/ first when stale.")
    ] = True,
) -> None:
    """Serve the chat UI at / and the HTTP API at /api/v1/ (ingests documents/ if stale)."""
    from policybot.web.server import serve as run_server

    settings = _settings(index)
    if not ingest:
        settings = settings.model_copy(
            update={"api": settings.api.model_copy(update={"ingest_on_start": False})}
        )
    _run(lambda: run_server(settings, host, port))


@app.command("feedback-export")
def feedback_export(
    out: Annotated[Path | None, typer.Option("--out", help="Write JSONL here.")] = None,
    vote: Annotated[str | None, typer.Option(help="Only up (👍) or down (👎).")] = None,
) -> None:
    """Votes from the chat as eval candidates (eval/questions.jsonl schema, JSON Lines)."""
    from policybot.web.feedback import FeedbackStore, parse_vote, write_jsonl

    settings = Settings()
    wanted = _run(lambda: parse_vote(vote)) if vote else None
    rows = FeedbackStore(settings.data_dir / "feedback.sqlite3").export(wanted)
    text = write_jsonl(rows, out)
    if out is None:
        typer.echo(text, nl=False)
    else:
        typer.echo(f"{len(rows)} câu hỏi ứng viên -> {out}", err=True)


users_app = typer.Typer(no_args_is_help=True, help="People who may open the chat page.")
app.add_typer(users_app, name="user")
UsersFileOpt = Annotated[Path | None, typer.Option(help="Default: POLICYBOT_PAGE__USERS_FILE.")]


def _users_file(path: Path | None) -> Path:
    found = path or Settings().page.users_file
    if found is None:
        raise PolicybotError("no users file: pass --users-file or set POLICYBOT_PAGE__USERS_FILE")
    return found


@users_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Login name.")],
    users_file: UsersFileOpt = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
) -> None:
    """Add a person (or set a new password): the password is stored as a scrypt hash."""
    import sys

    from policybot.web.users import check_name, set_user

    path = _run(lambda: _users_file(users_file))
    _run(lambda: check_name(name))
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Mật khẩu / password", hide_input=True, confirmation_prompt=True)
    new = _run(lambda: set_user(path, name, password))
    typer.echo(f"{'Đã thêm' if new else 'Đã đổi mật khẩu cho'} {name} ({path})", err=True)


@users_app.command("remove")
def user_remove(
    name: Annotated[str, typer.Argument(help="Login name.")],
    users_file: UsersFileOpt = None,
) -> None:
    """Remove a person; their open sessions end on their next request."""
    from policybot.web.users import remove_user

    path = _run(lambda: _users_file(users_file))
    if not _run(lambda: remove_user(path, name)):
        typer.echo(f"policybot: no user {name!r} in {path}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Đã xoá {name} ({path})", err=True)


def main() -> None:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    app()


if __name__ == "__main__":
    main()
