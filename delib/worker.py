"""Extract one file in an isolated child process, under a time and a memory limit.

The batch never runs the extractor in its own process: a PDF that crashes a
C library, loops or inflates a stream to gigabytes must cost one file, not
the run.  Each file gets a fresh child process:

* locally, forked from a multiprocessing *forkserver* whose modules are
  already imported (cheap to start, no state shared between files);
* where multiprocessing children are not allowed (a daemonic process, e.g. a
  Dask worker started with ``distributed.worker.daemon: true``), a fresh
  ``python -m delib.worker FILE`` subprocess.

The child sets ``RLIMIT_AS`` (address space) to the memory limit, asks the
kernel to kill it when its parent dies (``PR_SET_PDEATHSIG``, so a ``kill -9``
of the batch leaves no orphan extracting), then returns the Publication as
JSON (the records).  It never writes to the warehouse: the single writer is
the batch's parent process.

The parent enforces the wall-clock limit by killing the child.  Every way a
child can end maps to one :class:`Outcome` with a one-line reason.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import multiprocessing
import multiprocessing.connection
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: outcome kinds (also the ``kind`` of the issues row of a quarantined file)
OK = "ok"
BAD_INPUT = "bad_input"
NO_TEXT_LAYER = "no_text_layer"
TOO_MANY_PAGES = "too_many_pages"
TIMEOUT = "timeout"
MEMORY = "memory_limit"
CRASH = "worker_crash"
EXTRACTOR_ERROR = "extractor_error"

_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    """Per-file limits enforced on the child."""

    timeout_s: float = 120.0
    max_memory_mb: int = 1500
    max_pages: int = 600
    #: read scanned pages through OCR (extract/ocr.py), inside the same time and memory limits
    ocr: bool = False


@dataclass(frozen=True)
class Outcome:
    """How the extraction of one file ended."""

    kind: str
    reason: str | None
    publication: dict[str, Any] | None
    duration_s: float

    @property
    def ok(self) -> bool:
        return self.kind == OK


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


# --------------------------------------------------------------------------
# child side
# --------------------------------------------------------------------------
def die_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux; no-op elsewhere)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _harden_child(max_memory_mb: int) -> None:
    """Apply the memory limit and die with the parent."""
    import resource

    limit = int(max_memory_mb) * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    with contextlib.suppress(ValueError, OSError):  # not every platform enforces RLIMIT_AS
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    die_with_parent()


def extract_here(path: str, max_pages: int, max_memory_mb: int, ocr: bool = False) -> dict[str, Any]:
    """Run the extractor in *this* process and return a JSON-able result dict.

    Called inside a disposable child, or by the in-process executor of ``delib ingest``.
    Exceptions become results:
    ``{"kind": ..., "reason": ..., "publication": ...}``.
    """
    from delib.base.errors import BadInputError, NoTextLayerError
    from delib.extract import extract_publication

    try:
        pub = extract_publication(path, max_pages=max_pages, ocr=ocr)
        return {"kind": OK, "reason": None, "publication": pub.to_json_dict()}
    except NoTextLayerError as exc:
        return {"kind": NO_TEXT_LAYER, "reason": _one_line(exc.reason), "publication": None}
    except BadInputError as exc:
        kind = TOO_MANY_PAGES if "over the limit of" in exc.reason else BAD_INPUT
        reason = exc.reason
        if kind == TOO_MANY_PAGES:
            reason = f"{reason} (--max-pages)"
        return {"kind": kind, "reason": _one_line(reason), "publication": None}
    except MemoryError:
        return {
            "kind": MEMORY,
            "reason": f"memory limit of {max_memory_mb} MB exceeded (--max-memory)",
            "publication": None,
        }
    except RecursionError:
        return {
            "kind": EXTRACTOR_ERROR,
            "reason": "recursion too deep (cyclic PDF structure?)",
            "publication": None,
        }
    except Exception as exc:  # any other bug or library failure on this file
        from delib.failures import as_input_error

        err = as_input_error(exc, path)
        if isinstance(err, BadInputError):  # damage a PDF library found (a page that does not load...)
            return {"kind": BAD_INPUT, "reason": _one_line(err.reason), "publication": None}
        return {
            "kind": EXTRACTOR_ERROR,
            "reason": _one_line(f"{type(exc).__name__}: {exc}"),
            "publication": None,
        }


def _child_main(conn: multiprocessing.connection.Connection, path: str, limits: Limits) -> None:
    _harden_child(limits.max_memory_mb)
    result = extract_here(path, limits.max_pages, limits.max_memory_mb, limits.ocr)
    try:
        conn.send(result)
    except MemoryError:
        conn.send(
            {
                "kind": MEMORY,
                "reason": f"memory limit of {limits.max_memory_mb} MB exceeded",
                "publication": None,
            }
        )
    finally:
        conn.close()


# --------------------------------------------------------------------------
# parent side
# --------------------------------------------------------------------------
#: what the forkserver imports once; ``delib.worker_warm`` first makes the server die with the batch
_PRELOAD = ["__main__", "delib.worker_warm", "delib.worker", "delib.extract", "delib.models"]
_context: Any = None


def mp_context() -> Any:
    """The multiprocessing context used for children (forkserver on Linux)."""
    global _context
    if _context is None:
        # one numeric thread per child: BLAS thread pools reserve address space
        # that would count against RLIMIT_AS (about 180 MB with spaCy loaded).
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        ctx = multiprocessing.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(_PRELOAD)
        _context = ctx
    return _context


def prestart() -> None:
    """Start the forkserver now, so its preload (imports, models) overlaps other work."""
    ctx = mp_context()
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _death_reason(exitcode: int | None, limits: Limits) -> tuple[str, str]:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if -exitcode in (signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS, signal.SIGKILL):
            return CRASH, (
                f"worker process crashed ({name}); a PDF library fault or the memory limit of "
                f"{limits.max_memory_mb} MB"
            )
        return CRASH, f"worker process killed by {name}"
    return CRASH, f"worker process exited with code {exitcode} without a result"


class Running:
    """One child extracting one file (local executor)."""

    def __init__(self, path: str, limits: Limits) -> None:
        ctx = mp_context()
        self.path = path
        self.limits = limits
        self._recv, send = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_child_main, args=(send, path, limits), daemon=True)
        self.started = time.monotonic()
        self.process.start()
        send.close()
        self.deadline = self.started + limits.timeout_s
        self.outcome: Outcome | None = None

    @property
    def waitables(self) -> list[Any]:
        return [self._recv, self.process.sentinel]

    def poll(self) -> Outcome | None:
        """Non-blocking: the outcome if the child has finished or timed out."""
        if self.outcome is not None:
            return self.outcome
        now = time.monotonic()
        if self._recv.poll():
            try:
                data = self._recv.recv()
            except Exception:  # EOF, or a message cut short by a dying child
                data = None
            if data is not None:
                self._finish()
                self.outcome = Outcome(data["kind"], data["reason"], data["publication"], now - self.started)
                return self.outcome
        if not self.process.is_alive():
            self.process.join()
            kind, reason = _death_reason(self.process.exitcode, self.limits)
            self._finish()
            self.outcome = Outcome(kind, reason, None, now - self.started)
            return self.outcome
        if now >= self.deadline:
            self.kill()
            self.outcome = Outcome(
                TIMEOUT, f"timed out after {self.limits.timeout_s:g} s (--timeout)", None, now - self.started
            )
            return self.outcome
        return None

    def _finish(self) -> None:
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.kill()
        self._recv.close()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, OSError):
            self.process.kill()
        self.process.join(timeout=5)
        with contextlib.suppress(OSError):
            self._recv.close()


def wait_any(running: list[Running], timeout: float) -> None:
    """Block until one child has something to say, or ``timeout`` seconds."""
    objs: list[Any] = []
    for r in running:
        objs.extend(r.waitables)
    if objs:
        multiprocessing.connection.wait(objs, timeout=timeout)


def _subprocess_isolated(path: str, limits: Limits) -> Outcome:
    """Fallback isolation where multiprocessing children are forbidden."""
    started = time.monotonic()
    cmd = [
        sys.executable,
        "-m",
        "delib.worker",
        path,
        "--max-pages",
        str(limits.max_pages),
        "--max-memory",
        str(limits.max_memory_mb),
        *(["--ocr"] if limits.ocr else []),
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=limits.timeout_s, check=False)
    except subprocess.TimeoutExpired:
        return Outcome(
            TIMEOUT, f"timed out after {limits.timeout_s:g} s (--timeout)", None, time.monotonic() - started
        )
    elapsed = time.monotonic() - started
    if proc.returncode == 0:
        try:
            data = json.loads(proc.stdout)
            return Outcome(data["kind"], data["reason"], data["publication"], elapsed)
        except (ValueError, KeyError):
            return Outcome(CRASH, "worker process returned unreadable output", None, elapsed)
    kind, reason = _death_reason(proc.returncode, limits)
    return Outcome(kind, reason, None, elapsed)


def run_isolated(path: str, limits: Limits) -> Outcome:
    """Extract one file in a fresh child and wait for it (used by Dask tasks)."""
    if multiprocessing.current_process().daemon:
        return _subprocess_isolated(path, limits)
    r = Running(path, limits)
    while True:
        out = r.poll()
        if out is not None:
            return out
        wait_any([r], timeout=max(0.0, min(1.0, r.deadline - time.monotonic())))


def run_isolated_bytes(name: str, data: bytes, limits: Limits) -> Outcome:
    """Dask task: the file travels as bytes (workers need no shared filesystem)."""
    import tempfile

    suffix = Path(name).suffix or ".pdf"
    with tempfile.TemporaryDirectory(prefix="delib-task-") as tmp:
        path = os.path.join(tmp, f"input{suffix}")
        with open(path, "wb") as fh:
            fh.write(data)
        return run_isolated(path, limits)


def _main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m delib.worker", description="Extract one file, print result JSON."
    )
    parser.add_argument("path")
    parser.add_argument("--max-pages", type=int, default=Limits.max_pages)
    parser.add_argument("--max-memory", type=int, default=Limits.max_memory_mb)
    parser.add_argument("--ocr", action="store_true")
    args = parser.parse_args(argv)
    _harden_child(args.max_memory)
    result = extract_here(args.path, args.max_pages, args.max_memory, args.ocr)
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
