"""Where extraction runs: local child processes, or a Dask cluster.

Every executor takes tasks (one file each) and yields ``(task, Outcome)`` as
extractions complete, in completion order.  None touches the warehouse:
the caller is the single writer and loads each Publication as it arrives.

* :class:`InProcessExecutor` (``delib ingest``) extracts in this process,
  one file after the other: no process to start, no time or memory limit.
  A file that fails is an Outcome like any other (same kinds, same reasons).
* :class:`LocalExecutor` keeps up to ``workers`` child processes running, a
  fresh one per file (see :mod:`delib.worker`); the parent kills a child
  that outlives ``--timeout``.
* :class:`DaskExecutor` submits one task per file to a Dask distributed
  cluster (a ``LocalCluster`` of ``workers`` processes by default, or the
  scheduler at ``--scheduler``).  The file travels with the task as bytes,
  so workers need no shared filesystem; inside the Dask worker the task
  again runs the extractor in a disposable child with the same limits.  At
  most ``2 * workers`` tasks are in flight, so memory stays bounded on the
  client whatever the number of files.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from delib.worker import Limits, Outcome, Running, extract_here, run_isolated_bytes, wait_any


@dataclass(frozen=True)
class Task:
    """One file to extract; ``key`` identifies it to the caller (its sha256)."""

    key: str
    path: str


class Executor(Protocol):
    name: str

    def run(
        self, tasks: Iterable[Task], on_idle: Callable[[], None] | None = None
    ) -> Iterator[tuple[Task, Outcome]]: ...

    def close(self) -> None: ...


class InProcessExecutor:
    """Extraction in this process, one file at a time (``delib ingest``).

    The same reading as in a child (:func:`delib.worker.extract_here`, so the same outcome kinds
    and reasons), without a process per file: cheap for a few files one trusts.  ``--timeout``
    and ``--max-memory`` are not enforced here; ``--max-pages`` is.
    """

    name = "inprocess"

    def __init__(self, limits: Limits) -> None:
        self.workers = 1
        self.limits = limits

    def run(
        self, tasks: Iterable[Task], on_idle: Callable[[], None] | None = None
    ) -> Iterator[tuple[Task, Outcome]]:
        """Yield each file's outcome in order; ``on_idle()`` before each extraction (readers get in)."""
        for task in tasks:
            if on_idle is not None:
                on_idle()
            t0 = time.monotonic()
            res = extract_here(task.path, self.limits.max_pages, self.limits.max_memory_mb, self.limits.ocr)
            yield task, Outcome(res["kind"], res["reason"], res["publication"], time.monotonic() - t0)

    def close(self) -> None:
        pass


class LocalExecutor:
    """A fresh child process per file, ``workers`` at a time."""

    name = "local"

    def __init__(self, workers: int, limits: Limits) -> None:
        self.workers = max(1, workers)
        self.limits = limits
        self._running: list[tuple[Task, Running]] = []

    def run(
        self, tasks: Iterable[Task], on_idle: Callable[[], None] | None = None
    ) -> Iterator[tuple[Task, Outcome]]:
        """Yield outcomes as children finish; ``on_idle()`` is called before each blocking wait."""
        pending = iter(tasks)
        exhausted = False
        try:
            while True:
                while not exhausted and len(self._running) < self.workers:
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                        break
                    self._running.append((task, Running(task.path, self.limits)))
                if not self._running:
                    return
                finished: list[tuple[Task, Outcome]] = []
                for task, r in self._running:
                    out = r.poll()
                    if out is not None:
                        finished.append((task, out))
                if not finished:
                    if on_idle is not None:
                        on_idle()
                    nearest = min(r.deadline for _, r in self._running)
                    wait_any(
                        [r for _, r in self._running], timeout=max(0.01, min(1.0, nearest - time.monotonic()))
                    )
                    continue
                done_keys = {id(t) for t, _ in finished}
                self._running = [(t, r) for t, r in self._running if id(t) not in done_keys]
                yield from finished
        finally:
            self.close()

    def close(self) -> None:
        for _task, r in self._running:
            r.kill()
        self._running = []


def _dask_extract(name: str, data: bytes, limits: Limits) -> dict[str, Any]:
    """The Dask task: returns the Outcome as a plain dict (cheap to pickle)."""
    out = run_isolated_bytes(name, data, limits)
    return {
        "kind": out.kind,
        "reason": out.reason,
        "publication": out.publication,
        "duration_s": out.duration_s,
    }


class DaskExecutor:
    """Extraction on a Dask distributed cluster; results come back as completed."""

    name = "dask"

    def __init__(self, limits: Limits, workers: int = 2, scheduler: str | None = None) -> None:
        import dask
        import distributed

        dist: Any = distributed  # partially typed: used through Any

        self.limits = limits
        self.workers = max(1, workers)
        self._cluster: Any = None
        if scheduler:
            self.client: Any = dist.Client(scheduler)
            info = self.client.scheduler_info()
            self.workers = max(1, len(info.get("workers", {})) or self.workers)
        else:
            # Non-daemonic workers may start their own disposable child per
            # file (multiprocessing forkserver); daemonic ones fall back to a
            # ``python -m delib.worker`` subprocess.
            with dask.config.set({"distributed.worker.daemon": False}):
                self._cluster = dist.LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    memory_limit=0,
                    # -v (the CLI sets "distributed" to INFO) shows the cluster's logs, else none
                    silence_logs=logging.INFO
                    if logging.getLogger("distributed").isEnabledFor(logging.INFO)
                    else logging.CRITICAL,
                )
            self.client = dist.Client(self._cluster)

    def run(
        self, tasks: Iterable[Task], on_idle: Callable[[], None] | None = None
    ) -> Iterator[tuple[Task, Outcome]]:
        """Yield outcomes as Dask tasks complete; ``on_idle()`` before blocking."""
        import distributed

        dist: Any = distributed

        pending = iter(tasks)
        window = 2 * self.workers
        by_key: dict[str, Task] = {}

        def submit(task: Task) -> Any:
            data = Path(task.path).read_bytes()
            fut = self.client.submit(
                _dask_extract,
                Path(task.path).name,
                data,
                self.limits,
                pure=False,
                key=f"delib-extract-{task.key}",
            )
            by_key[fut.key] = task
            return fut

        first = []
        for _ in range(window):
            task = next(pending, None)
            if task is None:
                break
            first.append(submit(task))
        if not first:
            return
        ac: Any = dist.as_completed(first)
        while not ac.is_empty():
            if on_idle is not None and not ac.has_ready():
                on_idle()
            fut = next(ac)
            task = by_key.pop(fut.key)
            try:
                res = fut.result()
                pub = res["publication"]
                if pub is not None:
                    # the worker read a temporary copy of these bytes: name the file we hold
                    pub["file"]["path"] = task.path
                out = Outcome(res["kind"], res["reason"], pub, float(res["duration_s"]))
            except Exception as exc:  # the Dask worker itself died (KilledWorker) or the task failed
                out = Outcome(
                    "worker_crash", f"Dask task failed: {type(exc).__name__}: {exc}"[:300], None, 0.0
                )
            fut.release()
            nxt = next(pending, None)
            if nxt is not None:
                ac.add(submit(nxt))
            yield task, out

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        if self._cluster is not None:
            with contextlib.suppress(Exception):
                self._cluster.close()


def make_executor(kind: str, *, workers: int, limits: Limits, scheduler: str | None = None) -> Executor:
    if kind == "inprocess":
        return InProcessExecutor(limits)
    if kind == "local":
        return LocalExecutor(workers, limits)
    if kind == "dask":
        return DaskExecutor(limits, workers=workers, scheduler=scheduler)
    raise ValueError(f"unknown executor {kind!r}")
