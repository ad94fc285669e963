"""``delib batch SOURCES``: fetch, extract and load every new publication."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click


def _default_db() -> Path:
    """``$DELIB_DB`` or ./delib.duckdb, as every other command resolves it."""
    from delib import warehouse

    return Path(warehouse.db_path(None))


class _Progress:
    """A progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self._bar: Any = None

    def __call__(self, done: int, total: int, rep: Any) -> None:
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


@click.command("batch")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Warehouse file [default: $DELIB_DB, else ./delib.duckdb].",
)
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    help="Content-addressed file store [default: store/ beside the db].",
)
@click.option(
    "--quarantine",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where failed files go with a .reason.txt [default: quarantine/ beside the db].",
)
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
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True, help="Seconds per file."
)
@click.option(
    "--max-memory", type=click.IntRange(min=64), default=1500, show_default=True, help="MB per worker."
)
@click.option(
    "--max-pages", type=click.IntRange(min=1), default=600, show_default=True, help="Pages per PDF."
)
@click.option(
    "--max-size", type=click.FloatRange(min=0.001), default=100.0, show_default=True, help="MB per download."
)
@click.option(
    "--fetch-timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="HTTP seconds."
)
@click.option(
    "--retries", type=click.IntRange(min=0), default=3, show_default=True, help="HTTP retries (backoff)."
)
@click.option(
    "--wait",
    "wait_s",
    type=click.FloatRange(min=0),
    default=0.0,
    show_default=True,
    help="Seconds to wait for another run holding the warehouse.",
)
@click.option("--retry-quarantined", is_flag=True, help="Extract again files an earlier run quarantined.")
@click.option(
    "--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), help="Write the JSON report."
)
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
    from delib.batch import BatchConfig, run_batch
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
    progress = _Progress()
    try:
        report = run_batch(cfg, progress=progress)
    finally:
        progress.close()
    data = report.to_json_dict()
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = report_path.with_name(report_path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, report_path)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    for line in report.summary_lines():
        click.echo(line, err=True)
    sys.exit(0 if report.ok else 1)


COMMANDS = [batch]
