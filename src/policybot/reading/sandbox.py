"""Read each file in a child process with a time and a memory limit.

Parsers of PDF, Word and HTML are large C and Python libraries fed whatever an office
holds. Some inputs make them loop for minutes, eat gigabytes or crash the interpreter
(a C stack overflow cannot be caught). Reading happens in a separate process so that such
a file costs at most `timeout_s` seconds and `memory_mb` megabytes, and becomes a line in
the ingest report; the child is then replaced and the next file is read.

A signal-based alarm in the ingesting process would not do: it cannot interrupt C code
(libxml2, zlib) and does nothing against a crash.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any

from policybot.errors import LoadError
from policybot.reading import ocr
from policybot.reading.loaders import Limits, LoadFailure, load_file_with_failures
from policybot.types import Document

__all__ = ["IsolatedLoader", "SandboxLimits"]

STARTUP_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class SandboxLimits:
    timeout_s: float = 120.0
    memory_mb: int = 2048


def _die_with_parent() -> None:
    """Ask Linux to kill this child if the ingest process dies (kill -9 included)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _limit_memory(memory_mb: int) -> None:
    import resource

    limit = memory_mb * 2**20
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _serve(conn: Connection, limits: Limits, memory_mb: int) -> None:
    """Child: read requests (path, root) until the pipe closes, answer each one."""
    _die_with_parent()
    _limit_memory(memory_mb)
    # Each OCR'd page says "still working": a 40-page scan may take longer than one file's
    # budget, while a page that hangs is stopped by OCR's own per-page limit.
    ocr.set_heartbeat(lambda: conn.send(("alive", None)))
    conn.send(("ready", None))
    while True:
        try:
            path, root = conn.recv()
        except (EOFError, OSError):
            return
        answer: tuple[str, Any]
        try:
            answer = ("ok", load_file_with_failures(path, root, limits=limits))
        except LoadError as exc:
            answer = ("error", str(exc))
        except MemoryError:
            answer = ("error", f"needs more than {memory_mb} MB of memory to read")
        except Exception as exc:
            answer = ("error", f"could not be read ({type(exc).__name__}: {exc})")
        try:
            conn.send(answer)
        except MemoryError:
            conn.send(("error", f"text too large to pass on (over {memory_mb} MB)"))


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


class IsolatedLoader:
    """load_file_with_failures() in a child process that is replaced when a file hangs it
    or kills it. Use as a context manager; one child serves many files."""

    def __init__(self, limits: Limits, sandbox: SandboxLimits) -> None:
        self.limits = limits
        self.sandbox = sandbox
        self._ctx = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._conn: Connection | None = None

    def __enter__(self) -> IsolatedLoader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _start(self) -> tuple[Any, Connection]:
        if self._process is None or not self._process.is_alive():
            parent, child = self._ctx.Pipe()
            process = self._ctx.Process(
                target=_serve,
                args=(child, self.limits, self.sandbox.memory_mb),
                name="policybot-loader",
                daemon=True,
            )
            process.start()
            child.close()
            self._process, self._conn = process, parent
            # Start-up (a fresh interpreter, imports) does not count against a file's time.
            try:
                ready = parent.poll(STARTUP_TIMEOUT_S) and parent.recv()[0] == "ready"
            except (EOFError, OSError):
                ready = False
            if not ready:
                code = self._stop()
                raise LoadError(f"the file reader could not start ({_describe_exit(code)})")
        assert self._conn is not None
        return self._process, self._conn

    def _stop(self) -> int | None:
        process, self._process = self._process, None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if process is None:
            return None
        if process.is_alive():
            process.kill()
        process.join(5)
        code: int | None = process.exitcode
        process.close()
        return code

    def close(self) -> None:
        self._stop()

    def load(self, path: Path, root: Path | None) -> tuple[list[Document], list[LoadFailure]]:
        """Documents of one file, or LoadError with the reason (timeouts and crashes too)."""
        _, conn = self._start()
        timeout = self.sandbox.timeout_s
        try:
            conn.send((path, root))
            while True:
                if not conn.poll(timeout):
                    self._stop()
                    raise LoadError(
                        f"gave up after {timeout:g} s (file too complex or malformed; "
                        "raise limits.file_timeout_s to try longer)"
                    )
                status, payload = conn.recv()
                if status != "alive":
                    break
                # an OCR page finished: the next one gets its own time
                timeout = max(self.sandbox.timeout_s, self.limits.ocr.page_timeout_s + 30)
        except (EOFError, OSError, BrokenPipeError):
            code = self._stop()
            raise LoadError(f"the reader crashed on this file ({_describe_exit(code)})") from None
        if status == "ok":
            docs, failures = payload
            return list(docs), list(failures)
        raise LoadError(str(payload))
