"""The one ingest path: every new publication, fetched, extracted and loaded, safely.

``delib batch`` and ``delib ingest`` are this run; they differ by their executor only (child
processes or Dask for the batch, this process for ``ingest``, :mod:`delib.executors`) and by
whether local files are copied into the store (the batch keeps a copy by content, ``ingest``
reads them in place).  Same statuses, same report, same quarantine.

One run:

1. takes the warehouse's writer lock (a second run waits ``wait_s`` seconds,
   then stops with a one-line message); re-resolves names with an aliases
   file if one is given;
2. lists the files of every source (folders, globs, files, URLs), downloads
   URLs into the content-addressed store, hashes local files;
3. skips, *before any extraction*, every file whose sha256 the warehouse
   already holds, or that an earlier run quarantined (unless
   ``retry_quarantined``);
4. copies each new local file into the store (temp file + ``os.replace``) and
   extracts it in a disposable child process under a time and a memory
   limit (:mod:`delib.worker`, :mod:`delib.executors`);
5. loads each Publication as it arrives, in this process only (the single
   writer), one transaction per document (``delib.warehouse.load_publication``);
6. quarantines every file that failed: an issues row
   (``delib.warehouse.record_failure``), the file in the quarantine folder and
   a ``<sha256>.reason.txt`` beside it; the run goes on.

Crash safety: a ``kill -9`` at any moment leaves only whole documents in the
warehouse and only whole files under content names in the store; the next
run skips what was loaded and redoes the rest.  See docs/batch.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from delib.executors import Task, make_executor
from delib.fetch import (
    FetchError,
    FetchPolicy,
    Source,
    atomic_write_bytes,
    clean_temp_files,
    expand,
    fetch,
    http_client,
    sha256_of,
    store_file,
)
from delib.worker import Limits, Outcome, prestart

if TYPE_CHECKING:
    from delib.warehouse.names import AliasRule

#: statuses of a file in the run report
LOADED = "loaded"
UNCHANGED = "unchanged"
SUPERSEDED = "superseded"
SKIPPED = "skipped"
QUARANTINED = "quarantined"
FETCH_FAILED = "fetch_failed"
#: kind of a skipped file that an earlier run quarantined (still not loaded: counts as a failure)
QUARANTINED_BEFORE = "quarantined_before"


@dataclass
class BatchConfig:
    sources: list[Source]
    db_path: Path
    store: Path
    quarantine: Path
    limits: Limits = field(default_factory=Limits)
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    executor: str = "local"
    workers: int = 2
    scheduler: str | None = None
    wait_s: float = 0.0
    retry_quarantined: bool = False
    #: copy each new local file into the store before extracting it (the batch); False reads it
    #: in place (``delib ingest``).  Downloads always go to the store.
    keep_copies: bool = True
    #: an aliases file, parsed: replaces the stored rules and re-resolves every name first
    rules: Sequence[AliasRule] | None = None


@dataclass
class FileReport:
    location: str
    source: str
    collectivity: str | None = None
    sha256: str | None = None
    stored: str | None = None
    status: str = ""
    kind: str | None = None
    reason: str | None = None
    deliberations: int | None = None
    extract_s: float | None = None
    load_s: float | None = None

    #: one row per file, as ``delib ingest --json/--csv/...`` prints it
    COLUMNS = ("path", "status", "kind", "reason", "deliberations", "extract_s", "load_s", "sha256")

    @property
    def is_url(self) -> bool:
        """Downloaded (into the store) rather than read from a local path."""
        return self.location.startswith(("http://", "https://"))

    def row(self) -> tuple[object, ...]:
        return (
            self.location,
            self.status,
            self.kind,
            self.reason,
            self.deliberations,
            self.extract_s,
            self.load_s,
            self.sha256,
        )


@dataclass
class RunReport:
    started: str
    finished: str | None = None
    duration_s: float | None = None
    db: str = ""
    store: str = ""
    executor: str = "local"
    workers: int = 0
    files: list[FileReport] = field(default_factory=list)
    source_problems: list[dict[str, Any]] = field(default_factory=list)
    timings_s: dict[str, float] = field(default_factory=dict)
    #: organisations and persons after re-resolving names with an aliases file (else None)
    resolved: dict[str, int] | None = None

    def counts(self) -> dict[str, int]:
        statuses = [f.status for f in self.files]
        return {
            "seen": len(self.files),
            "new": sum(s in (LOADED, UNCHANGED, SUPERSEDED, QUARANTINED) for s in statuses),
            "loaded": sum(s in (LOADED, SUPERSEDED) for s in statuses),
            "unchanged": statuses.count(UNCHANGED),
            "superseded": statuses.count(SUPERSEDED),
            "skipped": statuses.count(SKIPPED),
            "still_quarantined": sum(
                f.status == SKIPPED and f.kind == QUARANTINED_BEFORE for f in self.files
            ),
            "quarantined": statuses.count(QUARANTINED),
            "fetch_failed": statuses.count(FETCH_FAILED),
            "source_problems": len(self.source_problems),
        }

    @property
    def not_loaded(self) -> int:
        """Files of this run that are not in the warehouse: quarantined now or by an earlier run
        (skipped, not retried), or not fetched."""
        c = self.counts()
        return c["quarantined"] + c["still_quarantined"] + c["fetch_failed"]

    @property
    def ok(self) -> bool:
        return self.not_loaded == 0 and not self.source_problems

    def to_json_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["counts"] = self.counts()
        data["ok"] = self.ok
        data["quarantined"] = [
            {"location": f.location, "sha256": f.sha256, "kind": f.kind, "reason": f.reason}
            for f in self.files
            if f.status in (QUARANTINED, FETCH_FAILED)
        ]
        return data

    def summary_lines(self, command: str = "batch") -> list[str]:
        """What a user reads at the end of a run: the counts, then one line per file not loaded."""
        c = self.counts()
        how = (
            "in this process" if self.executor == "inprocess" else f"{self.executor}, {self.workers} workers"
        )
        lines = [
            f"delib {command}: {c['seen']} files seen, {c['new']} new, {c['loaded']} loaded"
            f" ({c['unchanged']} unchanged), {c['skipped']} skipped, {c['quarantined']} quarantined"
            + (f", {c['fetch_failed']} not fetched" if c["fetch_failed"] else "")
            + (
                f", {c['still_quarantined']} still quarantined (--retry-quarantined to try again)"
                if c["still_quarantined"]
                else ""
            )
            + f" in {self.duration_s or 0:.1f} s ({how})"
        ]
        for f in self.files:
            if f.status in (QUARANTINED, FETCH_FAILED):
                lines.append(f"  {f.status}: {f.location}: {f.reason} [{f.kind}]")
            elif f.kind == QUARANTINED_BEFORE:
                lines.append(f"  still quarantined: {f.location}: {f.reason}")
        for p in self.source_problems:
            lines.append(f"  source line {p['line']}: {p['problem']}")
        if self.resolved is not None:
            lines.append(
                f"  names re-resolved with the aliases file: {self.resolved.get('beneficiary', 0)}"
                f" organisations, {self.resolved.get('member', 0)} persons"
            )
        return lines


ProgressFn = Callable[[int, int, FileReport | None], None]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------
# warehouse access (single writer; short connections so readers get in)
# --------------------------------------------------------------------------
def _connect(db_path: Path, patience_s: float = 120.0) -> Any:
    """Open the warehouse read-write; waits (with backoff) while a reader holds the file."""
    from delib import warehouse

    return warehouse.connect(db_path, wait=patience_s)


@contextlib.contextmanager
def _connection(db_path: Path) -> Iterator[Any]:
    con = _connect(db_path)
    try:
        yield con
    finally:
        con.close()


class Writer:
    """The single writer's connection, held briefly so that readers get in.

    DuckDB lets no other process open the file while one holds it for
    writing.  The batch keeps its connection across loads that follow each
    other (opening costs ~60 ms), but closes it as soon as it waits for an
    extraction (``release``) and at least every ``max_hold_s`` seconds, so a
    ``delib query`` (which retries while the file is busy) waits at most
    about that long.
    """

    def __init__(self, db_path: Path, max_hold_s: float = 1.0) -> None:
        self.db_path = db_path
        self.max_hold_s = max_hold_s
        self._con: Any = None
        self._opened = 0.0

    def con(self) -> Any:
        if self._con is None:
            self._con = _connect(self.db_path)
            self._opened = time.monotonic()
        return self._con

    def after_write(self) -> None:
        if self._con is not None and time.monotonic() - self._opened >= self.max_hold_s:
            self.release()

    def release(self) -> None:
        if self._con is not None:
            con, self._con = self._con, None
            con.close()


# --------------------------------------------------------------------------
# quarantine
# --------------------------------------------------------------------------
def quarantine_reason_path(quarantine: Path, sha256: str) -> Path:
    return quarantine / f"{sha256}.reason.txt"


def previously_quarantined(quarantine: Path, sha256: str) -> str | None:
    """The reason an earlier run quarantined these bytes, or None.

    A file quarantined by another extractor version is retried: the new
    extractor may read it.
    """
    from delib.base.version import __version__

    p = quarantine_reason_path(quarantine, sha256)
    if not p.is_file():
        return None
    fields = dict(line.split(": ", 1) for line in p.read_text(encoding="utf-8").splitlines() if ": " in line)
    if fields.get("extractor", __version__) != __version__:
        return None
    return fields.get("reason") or "quarantined by an earlier run"


def _local_copy(rep: FileReport) -> str | None:
    """The bytes to keep in the quarantine: the stored copy, else the file read in place."""
    if rep.stored is not None:
        return rep.stored
    return None if rep.is_url else rep.location


def _quarantine(cfg: BatchConfig, writer: Writer, rep: FileReport, file_path: str | None) -> None:
    """Issues row, file copy, then the reason file (the marker, written last)."""
    from delib import warehouse

    warehouse.record_failure(
        writer.con(),
        path=rep.location,
        sha256=rep.sha256,
        kind=rep.kind or "unknown",
        reason=rep.reason or "",
    )
    writer.after_write()
    if rep.sha256 is None or file_path is None:
        return
    cfg.quarantine.mkdir(parents=True, exist_ok=True)
    target = cfg.quarantine / f"{rep.sha256}.pdf"
    if not target.exists():
        tmp = cfg.quarantine / f".tmp-{rep.sha256}"
        shutil.copyfile(file_path, tmp)
        os.replace(tmp, target)
    from delib.base.version import __version__

    text = (
        f"kind: {rep.kind}\nreason: {rep.reason}\nsource: {rep.location}\nsha256: {rep.sha256}\n"
        f"extractor: {__version__}\nwhen: {_now()}\n"
    )
    atomic_write_bytes(quarantine_reason_path(cfg.quarantine, rep.sha256), text.encode("utf-8"))


# --------------------------------------------------------------------------
# loading one result
# --------------------------------------------------------------------------
def _publication_for_load(data: dict[str, Any], rep: FileReport) -> Any:
    """Validate the worker's JSON; add the label and the empty-publication problem."""
    from delib.models import Problem, Publication

    pub = Publication.from_json_dict(data)
    if rep.collectivity and any(d.collectivity is None for d in pub.deliberations):
        pub = pub.model_copy(
            update={
                "deliberations": [
                    d if d.collectivity else d.model_copy(update={"collectivity": rep.collectivity})
                    for d in pub.deliberations
                ]
            }
        )
    if not pub.deliberations and not any(p.kind == "no_deliberation" for p in pub.problems):
        problem = Problem(
            kind="no_deliberation",
            message=(
                f"no deliberation found in its {pub.file.pages} page{'s' if pub.file.pages != 1 else ''};"
                " loaded as an empty publication"
            ),
            rule="batch.empty_publication.v1",
        )
        pub = pub.model_copy(update={"problems": [*pub.problems, problem]})
    return pub


def _handle_outcome(cfg: BatchConfig, writer: Writer, rep: FileReport, out: Outcome) -> None:
    from delib import warehouse

    rep.extract_s = round(out.duration_s, 3)
    if out.ok and out.publication is not None:
        try:
            pub = _publication_for_load(out.publication, rep)
        except Exception as exc:  # a record that does not validate is the extractor's bug; quarantine
            rep.status, rep.kind = QUARANTINED, "invalid_records"
            rep.reason = f"extractor returned records that do not validate: {str(exc).splitlines()[0]}"
            _quarantine(cfg, writer, rep, _local_copy(rep))
            return
        t0 = time.monotonic()
        con = writer.con()  # a warehouse that cannot be opened stops the run (raises)
        try:
            result = warehouse.load_publication(con, pub, source=rep.location)
        except Exception as exc:  # this document only (rolled back): quarantine it, go on
            writer.release()
            rep.status, rep.kind = QUARANTINED, "load_error"
            rep.reason = (
                f"loading failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
            )
            _quarantine(cfg, writer, rep, _local_copy(rep))
            return
        writer.after_write()
        rep.load_s = round(time.monotonic() - t0, 3)
        rep.status = getattr(result, "status", LOADED)
        rep.deliberations = len(pub.deliberations)
        if not pub.deliberations:
            rep.kind, rep.reason = (
                "no_deliberation",
                "loaded with zero deliberations (issues row no_deliberation)",
            )
        return
    rep.status, rep.kind, rep.reason = QUARANTINED, out.kind, out.reason
    _quarantine(cfg, writer, rep, _local_copy(rep))


# --------------------------------------------------------------------------
# the run
# --------------------------------------------------------------------------
def _prepare_names(cfg: BatchConfig) -> dict[str, int] | None:
    """Before loading: re-resolve every name with the aliases file given, or compute the near-miss
    suggestions of a warehouse that has none yet.  Returns the re-resolution's counts (or None)."""
    from delib.warehouse.resolve import refresh_near_misses_if_missing, reresolve

    with _connection(cfg.db_path) as con:
        if cfg.rules is not None:
            return reresolve(con, cfg.rules)
        refresh_near_misses_if_missing(con)
    return None


def _discover(cfg: BatchConfig, report: RunReport) -> list[FileReport]:
    found: list[FileReport] = []
    for src in cfg.sources:
        cands, problem = expand(src)
        if problem is not None:
            missing = problem.startswith("no such file")
            if missing:
                report.source_problems.append(
                    {"line": src.line, "location": src.location, "problem": problem}
                )
            continue
        for cand in cands:
            found.append(
                FileReport(location=cand.location, source=src.location, collectivity=src.collectivity)
            )
    return found


def _fetch_urls(cfg: BatchConfig, items: list[FileReport]) -> None:
    urls = [r for r in items if r.is_url]
    if not urls:
        return
    with http_client(cfg.fetch) as client:
        for rep in urls:
            try:
                stored, digest, _size = fetch(client, rep.location, cfg.store, cfg.fetch)
            except FetchError as exc:
                rep.status, rep.kind, rep.reason = FETCH_FAILED, exc.kind, exc.reason
                continue
            rep.sha256, rep.stored = digest, str(stored)


def _hash_local_files(items: list[FileReport]) -> None:
    for rep in items:
        if rep.status == FETCH_FAILED or rep.is_url:
            continue
        try:
            rep.sha256 = sha256_of(rep.location)
        except OSError as exc:
            rep.status, rep.kind, rep.reason = FETCH_FAILED, "unreadable", f"cannot read: {exc.strerror}"


def _find_files(cfg: BatchConfig, report: RunReport) -> list[FileReport]:
    """Step 2: every file of every source, URLs downloaded into the store, local files hashed;
    a source that does not exist goes to ``report.source_problems``."""
    items = _discover(cfg, report)
    _fetch_urls(cfg, items)
    _hash_local_files(items)
    return items


def _skip_known(cfg: BatchConfig, writer: Writer, items: list[FileReport]) -> list[FileReport]:
    """Step 3, before any extraction: skip the bytes already loaded, seen earlier in this run or
    quarantined by an earlier run; quarantine the files not fetched.  Returns the files to extract."""
    from delib import warehouse

    todo: list[FileReport] = []
    seen_in_run: set[str] = set()
    with _connection(cfg.db_path) as con:
        for rep in items:
            if rep.status == FETCH_FAILED:
                continue
            assert rep.sha256 is not None
            if rep.sha256 in seen_in_run:
                rep.status, rep.kind, rep.reason = (
                    SKIPPED,
                    "duplicate",
                    "same bytes as another file of this run",
                )
            elif warehouse.has_document(con, rep.sha256):
                rep.status, rep.kind, rep.reason = SKIPPED, "already_loaded", "already in the warehouse"
            elif not cfg.retry_quarantined and (why := previously_quarantined(cfg.quarantine, rep.sha256)):
                rep.status, rep.kind = SKIPPED, QUARANTINED_BEFORE
                rep.reason = f"quarantined by an earlier run: {why}"
            else:
                todo.append(rep)
            seen_in_run.add(rep.sha256)
    for rep in (r for r in items if r.status == FETCH_FAILED):
        _quarantine(cfg, writer, rep, None)
    writer.release()
    return todo


def _store_copies(cfg: BatchConfig, writer: Writer, todo: list[FileReport]) -> list[FileReport]:
    """Step 4: copy each new local file into the store by content (the batch; ``ingest`` reads them
    in place).  Returns the files still to extract: one that vanished since it was hashed is
    quarantined."""
    if todo and cfg.executor == "local":
        # the workers' imports and models load while we copy into the store.  Not earlier:
        # a run with nothing to extract must not wait for (or leave behind) a warming server.
        prestart()
    stored_ok: list[FileReport] = []
    for rep in todo:
        if rep.stored is None and cfg.keep_copies:
            assert rep.sha256 is not None
            try:
                rep.stored = str(store_file(cfg.store, rep.location, rep.sha256))
            except OSError as exc:  # vanished or unreadable since it was hashed
                rep.status, rep.kind, rep.reason = (
                    FETCH_FAILED,
                    "unreadable",
                    f"cannot copy: {exc.strerror}",
                )
                _quarantine(cfg, writer, rep, None)
                continue
        stored_ok.append(rep)
    writer.release()
    return stored_ok


def _extract_and_load(
    cfg: BatchConfig, writer: Writer, report: RunReport, todo: list[FileReport], progress: ProgressFn | None
) -> None:
    """Steps 4 to 6: extract each file in isolation, load or quarantine each result as it arrives."""
    by_key = {rep.sha256: rep for rep in todo if rep.sha256}
    tasks = [Task(key=k, path=r.stored or r.location) for k, r in by_key.items()]
    executor = make_executor(cfg.executor, workers=cfg.workers, limits=cfg.limits, scheduler=cfg.scheduler)
    report.workers = getattr(executor, "workers", cfg.workers)
    done = 0
    if progress is not None and tasks:
        progress(0, len(tasks), None)  # show the bar while the workers warm up
    try:
        for task, outcome in executor.run(tasks, on_idle=writer.release):
            rep = by_key[task.key]
            _handle_outcome(cfg, writer, rep, outcome)
            done += 1
            if progress is not None:
                progress(done, len(tasks), rep)
    finally:
        writer.release()
        executor.close()


@contextlib.contextmanager
def _timed(report: RunReport, step: str) -> Iterator[None]:
    """Record the wall time of a step that completes in ``report.timings_s[step]``."""
    t0 = time.monotonic()
    yield
    report.timings_s[step] = round(time.monotonic() - t0, 3)


def run_batch(cfg: BatchConfig, progress: ProgressFn | None = None) -> RunReport:
    """Run the batch once; returns the report (never raises for one bad file)."""
    from delib import warehouse
    from delib.warehouse.db import database_errors

    t_start = time.monotonic()
    report = RunReport(
        started=_now(),
        db=str(cfg.db_path.resolve()),
        store=str(cfg.store),
        executor=cfg.executor,
        workers=cfg.workers,
    )
    # a damaged warehouse (DuckDB checksum failure...) is one line naming the file, not a traceback
    with warehouse.writer_lock(cfg.db_path, cfg.wait_s), database_errors(cfg.db_path):
        clean_temp_files(cfg.store)
        clean_temp_files(cfg.quarantine)
        report.resolved = _prepare_names(cfg)
        writer = Writer(cfg.db_path)
        with _timed(report, "discover_fetch_hash"):
            report.files = _find_files(cfg, report)
        with _timed(report, "skip_check"):
            todo = _skip_known(cfg, writer, report.files)
        with _timed(report, "store"):
            todo = _store_copies(cfg, writer, todo)
        with _timed(report, "extract_and_load"):
            _extract_and_load(cfg, writer, report, todo, progress)
        report.timings_s["extract_sum"] = round(sum(r.extract_s or 0.0 for r in todo), 3)
        report.timings_s["load_sum"] = round(sum(r.load_s or 0.0 for r in todo), 3)
    report.finished = _now()
    report.duration_s = round(time.monotonic() - t_start, 3)
    return report


def ingest_config(
    sources: Sequence[Source],
    db_path: Path,
    *,
    ocr: bool = False,
    rules: Sequence[AliasRule] | None = None,
    quarantine: Path | None = None,
    wait_s: float = 30.0,
    retry_quarantined: bool = False,
) -> BatchConfig:
    """The run of ``delib ingest``: extraction in this process, files read in place, the store
    (for downloads) and the quarantine beside the warehouse."""
    base = db_path.resolve().parent
    return BatchConfig(
        sources=list(sources),
        db_path=db_path,
        store=base / "store",
        quarantine=quarantine or base / "quarantine",
        limits=Limits(ocr=ocr),
        executor="inprocess",
        workers=1,
        wait_s=wait_s,
        retry_quarantined=retry_quarantined,
        keep_copies=False,
        rules=rules,
    )


def ingest(
    paths: Sequence[str | os.PathLike[str]],
    db_path: str | os.PathLike[str],
    *,
    ocr: bool = False,
    rules: Sequence[AliasRule] | None = None,
    progress: ProgressFn | None = None,
) -> RunReport:
    """``delib ingest PATHS --db DB`` from Python: files, folders, globs (or sources files) into
    the warehouse, one file after the other in this process.  Raises BadInputError for a path
    that does not exist; one bad file never raises (it is quarantined and reported)."""
    from delib.fetch import sources_from_args

    cfg = ingest_config(sources_from_args([os.fspath(p) for p in paths]), Path(db_path), ocr=ocr, rules=rules)
    return run_batch(cfg, progress=progress)
