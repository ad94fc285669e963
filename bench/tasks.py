"""Bench tasks, each run in a fresh interpreter by bench.run (``python -m bench.tasks TASK ...``).

Every task times only its own work (imports and interpreter start-up are
outside ``seconds``; the harness also records the subprocess wall time) and
ends by printing one line ``BENCH_JSON {...}``.
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import io
import json
import pstats
import resource
import shutil
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any


def _cpu() -> float:
    """CPU seconds (user + system) of this process and its waited-for children so far."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _emit(payload: dict[str, Any]) -> None:
    print("BENCH_JSON " + json.dumps(payload, sort_keys=True), flush=True)


# -- baselines --------------------------------------------------------------
def task_plumber(files: list[Path]) -> dict[str, Any]:
    """Bare pdfplumber: extract_text on every page of every file."""
    import pdfplumber

    pages = chars = 0
    t0, c0 = time.perf_counter(), _cpu()
    for f in files:
        with pdfplumber.open(str(f)) as pdf:
            for page in pdf.pages:
                chars += len(page.extract_text() or "")
                page.close()  # drop the page's cached objects, as a long run would
                pages += 1
    return {"pages": pages, "seconds": time.perf_counter() - t0, "cpu_seconds": _cpu() - c0, "chars": chars}


def task_pdfium(files: list[Path]) -> dict[str, Any]:
    """pypdfium2 text layer on every page (the Document fast path)."""
    import pypdfium2 as pdfium

    pages = chars = 0
    t0, c0 = time.perf_counter(), _cpu()
    for f in files:
        pdf = pdfium.PdfDocument(str(f))
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                tp = page.get_textpage()
                chars += len(tp.get_text_range())
                tp.close()
                page.close()
                pages += 1
        finally:
            pdf.close()
    return {"pages": pages, "seconds": time.perf_counter() - t0, "cpu_seconds": _cpu() - c0, "chars": chars}


def task_pdftotext(files: list[Path]) -> dict[str, Any]:
    """poppler's pdftotext -layout on each file (one process per file, as a shell loop would)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return {"unavailable": "pdftotext not on PATH (apt-get install -y poppler-utils)"}
    chars = 0
    t0, c0 = time.perf_counter(), _cpu()
    for f in files:
        out = subprocess.run([exe, "-layout", str(f), "-"], capture_output=True, check=True)
        chars += len(out.stdout)
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": _cpu() - c0, "chars": chars}


def task_camelot(plan: dict[str, list[int]], engine: str) -> dict[str, Any]:
    """camelot lattice on the given pages (1-based) of each file; one read_pdf call per file."""
    import camelot

    pages = tables = 0
    table_pages: set[tuple[str, str]] = set()
    t0, c0 = time.perf_counter(), _cpu()
    for f, page_numbers in plan.items():
        if not page_numbers:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no tables found on page-N" on prose pages
            found = camelot.read_pdf(  # type: ignore[attr-defined]
                f,
                pages=",".join(str(p) for p in page_numbers),
                flavor="lattice",
                engine=engine,
                suppress_stdout=True,
            )
        tables += len(found)
        table_pages.update((f, str(t.page)) for t in found)
        pages += len(page_numbers)
    return {
        "pages": pages,
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": _cpu() - c0,
        "tables": tables,
        "table_pages": len(table_pages),
        "engine": engine,
    }


# -- the pipeline -----------------------------------------------------------
def _loader() -> tuple[Callable[[Any, Any], Any] | None, Any, str]:
    """(load(publication, path), connection, note) around delib.warehouse.load_publication."""
    try:
        from delib.warehouse import load_publication
    except ImportError as exc:
        return None, None, f"delib.warehouse.load_publication not importable ({exc})"
    return _adapt_loader(load_publication)


def _adapt_loader(load_publication: Callable[..., Any]) -> tuple[Callable[[Any, Any], Any] | None, Any, str]:
    params = list(inspect.signature(load_publication).parameters)
    try:
        from delib.warehouse import connect
    except ImportError:
        connect = None
    import tempfile

    db = Path(tempfile.mkdtemp(prefix="delib-bench-")) / "stages.duckdb"
    if connect is not None:
        con = connect(db)
    else:
        import duckdb

        con = duckdb.connect(str(db))

    def load(pub: Any, path: Path) -> Any:
        kwargs: dict[str, Any] = {}
        if "path" in params:
            kwargs["path"] = path
        return load_publication(con, pub, **kwargs)

    return load, con, f"load_publication{inspect.signature(load_publication)}"


def task_stages(files: list[Path], profile_out: Path | None) -> dict[str, Any]:
    """extract_publication(path, timer=StageTimer()) + load_publication, per-stage seconds."""
    from delib.extract import extract_publication
    from delib.extract.timing import StageTimer

    if "timer" not in inspect.signature(extract_publication).parameters:
        return {"unavailable": "extract_publication() takes no timer= argument yet"}
    load, _con, load_note = _loader()
    timer = StageTimer()
    pages = problems = 0
    prof = cProfile.Profile() if profile_out else None
    t0, c0 = time.perf_counter(), _cpu()
    if prof:
        prof.enable()
    for f in files:
        pub = extract_publication(f, timer=timer)
        problems += len(getattr(pub, "problems", []))
        if load is not None:
            with timer.stage("load"):
                load(pub, f)
    if prof:
        prof.disable()
    seconds, cpu_seconds = time.perf_counter() - t0, _cpu() - c0
    import pypdfium2 as pdfium

    for f in files:
        pdf = pdfium.PdfDocument(str(f))
        pages += len(pdf)
        pdf.close()
    if prof and profile_out:
        buf = io.StringIO()
        st = pstats.Stats(prof, stream=buf).strip_dirs()
        st.sort_stats("cumulative").print_stats(45)
        st.sort_stats("tottime").print_stats(30)
        profile_out.write_text(buf.getvalue())
    return {
        "pages": pages,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "stages": timer.seconds,
        "publication_problems": problems,
        "load": load_note if load is not None else None,
        "load_unavailable": None if load is not None else load_note,
        "profiled": prof is not None,
    }


def _extract_one(path: str) -> int:
    from delib.extract import extract_publication

    pub = extract_publication(Path(path))
    return len(pub.deliberations)


def task_pool(files: list[Path], workers: int) -> dict[str, Any]:
    """ProcessPoolExecutor over extract_publication (stand-in when `delib batch` is absent)."""
    t0, c0 = time.perf_counter(), _cpu()
    with ProcessPoolExecutor(max_workers=workers) as ex:
        # largest first, so the last task scheduled is a small one
        order = sorted(files, key=lambda p: p.stat().st_size, reverse=True)
        delibs = sum(ex.map(_extract_one, [str(f) for f in order]))
    return {
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": _cpu() - c0,
        "deliberations": delibs,
        "workers": workers,
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.tasks")
    ap.add_argument("task", choices=["plumber", "pdfium", "pdftotext", "camelot", "stages", "pool"])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--plan", type=Path, help="camelot: JSON {file: [1-based pages]}")
    ap.add_argument("--engine", default="combined", help="camelot lattice engine")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--profile", type=Path)
    a = ap.parse_args(argv)
    if a.task == "plumber":
        out = task_plumber(a.files)
    elif a.task == "pdfium":
        out = task_pdfium(a.files)
    elif a.task == "pdftotext":
        out = task_pdftotext(a.files)
    elif a.task == "camelot":
        out = task_camelot(json.loads(a.plan.read_text()), a.engine)
    elif a.task == "stages":
        out = task_stages(a.files, a.profile)
    else:
        out = task_pool(a.files, a.workers)
    _emit(out)
    sys.exit(0)


if __name__ == "__main__":
    main()
