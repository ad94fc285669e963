"""``delib batch SOURCES`` and ``delib ingest PATHS``: one run (:func:`delib.batch.run_batch`).

``batch`` extracts each file in a child process (or on Dask) under time and memory limits and keeps
a copy of each file in the store; ``ingest`` extracts in this process and reads files in place.
Both skip what is loaded, quarantine what fails, show a progress bar on a terminal and end with
the same short summary; exit 1 while some file of the run is not loaded.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from delib.base.errors import UsageError
from delib.cli.options import aliases_option, options
from delib.cli.output import emit_rows, output_options

if TYPE_CHECKING:
    from delib.batch import BatchConfig, FileReport, RunReport

#: called with each file's report as soon as it is done
OnFile = Callable[["FileReport"], None]


#: the options ``batch`` and ``ingest`` share
_db = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Warehouse file [default: $DELIB_DB, else ./delib.duckdb].",
)
_quarantine = click.option(
    "--quarantine",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where failed files go with a .reason.txt [default: quarantine/ beside the db].",
)
_retry_quarantined = click.option(
    "--retry-quarantined", is_flag=True, help="Extract again files an earlier run quarantined."
)
_report = click.option(
    "--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON report."
)


def _wait(default: float, text: str) -> Callable[[Any], Any]:
    """``--wait``: seconds a run waits for the warehouse (``wait_s``); the two runs differ by the default."""
    return click.option(
        "--wait", "wait_s", type=click.FloatRange(min=0), default=default, show_default=True, help=text
    )


#: the batch's limits on one file and on one download: (option, type, default, help)
_LIMITS = (
    ("--timeout", click.FloatRange(min=0.1), 120.0, "Seconds per file."),
    ("--max-memory", click.IntRange(min=64), 1500, "MB per worker."),
    ("--max-pages", click.IntRange(min=1), 600, "Pages per PDF."),
    ("--max-size", click.FloatRange(min=0.001), 100.0, "MB per download."),
    ("--fetch-timeout", click.FloatRange(min=0.1), 30.0, "HTTP seconds."),
    ("--retries", click.IntRange(min=0), 3, "HTTP retries (backoff)."),
)
_limits = options(
    *(
        click.option(name, type=type_, default=default, show_default=True, help=text)
        for name, type_, default, text in _LIMITS
    )
)


def _default_db() -> Path:
    """``$DELIB_DB`` or ./delib.duckdb, as every other command resolves it."""
    from delib import warehouse

    return Path(warehouse.db_path(None))


class _Progress:
    """A progress bar on stderr when it is a terminal; silent otherwise.

    ``on_file`` is called with each file's report as it is done (``--nl`` streams its row).
    """

    def __init__(self, on_file: OnFile | None = None) -> None:
        self.enabled = sys.stderr.isatty()
        self._bar: Any = None
        self.on_file = on_file

    def __call__(self, done: int, total: int, rep: FileReport | None) -> None:
        if rep is not None and self.on_file is not None:
            self.on_file(rep)
        if not self.enabled:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=total, label="extracting", file=sys.stderr, show_pos=True)
            self._bar.__enter__()
        if done:
            self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _run(cfg: BatchConfig, report_path: Path | None, on_file: OnFile | None = None) -> RunReport:
    """Run with a progress bar, write the JSON report if asked; the caller prints and exits."""
    from delib.batch import run_batch

    progress = _Progress(on_file)
    try:
        report = run_batch(cfg, progress=progress)
    finally:
        progress.close()
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = report_path.with_name(report_path.name + ".tmp")
        tmp.write_text(
            json.dumps(report.to_json_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        os.replace(tmp, report_path)
    return report


def _finish(report: RunReport, command: str) -> None:
    """The short summary on stderr; exit 1 while some file of the run is not loaded."""
    for line in report.summary_lines(command):
        click.echo(line, err=True)
    sys.exit(0 if report.ok else 1)


@click.command("batch")
@click.argument("sources", nargs=-1, required=True)
@_db
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    help="Content-addressed file store [default: store/ beside the db].",
)
@_quarantine
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=max(1, min(4, os.cpu_count() or 1)),
    show_default="min(4, CPUs)",
    help="Concurrent extractions (local) or LocalCluster workers (dask).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (implies --executor dask).",
)
@_limits
@_wait(0.0, "Seconds to wait for another run holding the warehouse.")
@_retry_quarantined
@_report
@click.option("--json", "as_json", is_flag=True, help="Print the JSON report on stdout.")
@click.option(
    "--ocr",
    is_flag=True,
    help="Read scanned pages through OCR (Tesseract fra), inside --timeout and --max-memory.",
)
def batch(
    sources: tuple[str, ...],
    db_path: Path | None,
    store: Path | None,
    quarantine: Path | None,
    executor: str,
    workers: int,
    scheduler: str | None,
    timeout: float,
    max_memory: int,
    max_pages: int,
    max_size: float,
    fetch_timeout: float,
    retries: int,
    wait_s: float,
    retry_quarantined: bool,
    report_path: Path | None,
    as_json: bool,
    ocr: bool,
) -> None:
    """Fetch, extract and load every new publication of SOURCES.

    Each SOURCE is a folder, a PDF, a glob or an http(s) URL, as for `delib
    ingest`, or a sources file listing one of those per line, optionally
    followed by a collectivity label (or [[source]] tables in a .toml file);
    see docs/batch.md.  Files already loaded (same sha256) are skipped before
    extraction; each new file is extracted in its own process under
    --timeout and --max-memory; a file that fails is quarantined with its
    reason and the run goes on.

    Exit status: 0 all went in, 1 some file is not loaded: quarantined by
    this run or an earlier one (skipped unless --retry-quarantined), not
    fetched, a source that does not exist (or another run holds the
    warehouse), 2 usage error.

    Example: delib batch sources.txt --db delib.duckdb --report run.json
    Example: delib batch corpus/samples --db delib.duckdb
    """
    from delib.batch import BatchConfig
    from delib.fetch import FetchPolicy, sources_from_args
    from delib.worker import Limits

    if scheduler:
        executor = "dask"
    if ocr:
        from delib.extract.ocr import require_engine

        require_engine()  # one line saying what to install, before any file is fetched
    db = db_path or _default_db()
    base = db.resolve().parent
    cfg = BatchConfig(
        sources=sources_from_args(sources),
        db_path=db,
        store=store or base / "store",
        quarantine=quarantine or base / "quarantine",
        limits=Limits(timeout_s=timeout, max_memory_mb=max_memory, max_pages=max_pages, ocr=ocr),
        fetch=FetchPolicy(timeout_s=fetch_timeout, retries=retries, max_bytes=int(max_size * 1024 * 1024)),
        executor=executor,
        workers=workers,
        scheduler=scheduler,
        wait_s=wait_s,
        retry_quarantined=retry_quarantined,
    )
    report = _run(cfg, report_path)
    if as_json:
        click.echo(json.dumps(report.to_json_dict(), ensure_ascii=False, indent=2))
    _finish(report, "batch")


@click.command()
@click.argument("paths", nargs=-1)
@_db
@_wait(30.0, "Seconds to wait while another process holds the database or the writer lock.")
@aliases_option
@_quarantine
@_retry_quarantined
@_report
@output_options
@click.option("--ocr", is_flag=True, help="Read scanned pages through OCR (Tesseract fra, OCRmyPDF).")
def ingest(
    paths: tuple[str, ...],
    db_path: Path | None,
    wait_s: float,
    aliases: Path | None,
    quarantine: Path | None,
    retry_quarantined: bool,
    report_path: Path | None,
    fmt: str | None,
    excel: bool,
    ocr: bool,
) -> None:
    """Extract PDFs (files, folders, globs) in this process and load them into the warehouse.

    The same run as `delib batch` (same statuses, report and quarantine), without a child process
    per file: a file already loaded (same bytes) is skipped before extraction; a changed file for
    the same deliberation supersedes the old version, kept as history; a file that fails is
    quarantined with its reason (listed by `delib audit`) and skipped by later runs unless
    --retry-quarantined.  With --aliases, every beneficiary and member is re-resolved with that
    file first (and with no PATHS, only that is done).  Prints a progress bar on a terminal and a
    short summary; one row per file with --json/--nl/--csv/--tsv/-t.  Exit 1 while a file of the
    run is not loaded.

    \b
    Aliases file (UTF-8, one rule a line, '#' comments):
      [beneficiaries]                 # the default section
      FJEP = FOYER DES JEUNES ...     # force: left is a spelling of right (canonical)
      AFP2I != APF2I                  # forbid: never merge these two
      [members]
      J-C LEROY = Jean-Claude LEROY

    Example: delib ingest corpus/samples --aliases aliases.txt
    """
    from delib.batch import FileReport, ingest_config
    from delib.fetch import sources_from_args

    if not paths and not aliases:
        raise UsageError("give PDF files, folders or globs to ingest (or --aliases FILE to re-resolve names)")
    rules = None
    if aliases:
        from delib.warehouse.names import read_aliases

        rules = read_aliases(aliases)
    sources = sources_from_args(paths)
    if ocr:
        from delib.extract.ocr import require_engine

        require_engine()  # one line saying what to install, before any file is read
    cfg = ingest_config(
        sources,
        db_path or _default_db(),
        ocr=ocr,
        rules=rules,
        quarantine=quarantine,
        wait_s=wait_s,
        retry_quarantined=retry_quarantined,
    )

    def stream(rep: FileReport) -> None:  # --nl: one line per file as soon as it is done
        emit_rows([rep.row()], FileReport.COLUMNS, "nl")
        sys.stdout.flush()

    if excel and fmt is None:
        fmt = "csv"
    report = _run(cfg, report_path, on_file=stream if fmt == "nl" else None)
    if fmt is not None and fmt != "nl":
        emit_rows((f.row() for f in report.files), FileReport.COLUMNS, fmt, excel)
    elif fmt == "nl":  # files skipped or not fetched never reached the extraction: their rows now
        emit_rows((f.row() for f in report.files if f.extract_s is None), FileReport.COLUMNS, "nl")
    _finish(report, "ingest")


COMMANDS = [ingest, batch]
