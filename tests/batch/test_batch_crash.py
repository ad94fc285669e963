"""Crash safety and concurrency of ``delib batch``, with real processes and signals.

* ``kill -9`` at a few moments, rerun: the warehouse equals the one of a
  clean single run (same rows per table, ignoring ids, timestamps and store
  paths), no duplicate document, and no worker process outlives the batch.
* Two runs on one warehouse: the second stops at once with a one-line
  message (``--wait 0``) or waits its turn (``--wait N``); readers keep
  reading during the run.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil
import pytest

N_GOOD, N_BAD = 30, 4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, gen: Any, real_pdfs: dict[str, Path]) -> Path:
    root = tmp_path_factory.mktemp("crash")
    gen.scale_corpus(root / "inbox", n_good=N_GOOD, n_bad=N_BAD, n_real=0)
    (root / "sources.txt").write_text(f"{root / 'inbox'}  Commune de Test\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory, h: Any) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("clean") / "w.duckdb"
    started = time.monotonic()
    proc = h.run_delib("batch", corpus / "sources.txt", "--db", db, "--workers", "2")
    elapsed = time.monotonic() - started
    assert proc.returncode == 1, proc.stderr  # the broken files are quarantined
    return {"snapshot": h.snapshot(db), "counts": h.row_counts(db), "elapsed": elapsed}


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.3, 0.6])
def test_kill_9_then_rerun_equals_a_clean_run(
    corpus: Path, clean: dict[str, Any], tmp_path: Path, h: Any, fraction: float
) -> None:
    """Killed at a fraction of a clean run's duration: in start-up, or while loading."""
    delay = round(fraction * clean["elapsed"], 2)
    db = tmp_path / "w.duckdb"
    proc = h.popen_delib("batch", corpus / "sources.txt", "--db", db, "--workers", "2")
    time.sleep(delay)
    children = _descendants(proc.pid)
    was_running = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    _out, err = proc.communicate(timeout=30)
    # workers die with the batch (forkserver exits on EOF; children have PDEATHSIG=SIGKILL)
    _gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, f"orphan workers after kill -9: {[p.pid for p in alive]}"

    loaded_at_kill = h.row_counts(db).get("documents", 0) if db.exists() else 0
    rerun = h.run_delib("batch", corpus / "sources.txt", "--db", db, "--workers", "2", "--json")
    assert rerun.returncode in (0, 1), rerun.stderr
    rep = json.loads(rerun.stdout)
    assert rep["counts"]["seen"] == N_GOOD + N_BAD
    assert rep["counts"]["loaded"] + sum(f["kind"] == "already_loaded" for f in rep["files"]) == N_GOOD

    assert h.duplicate_documents(db) == 0
    assert h.row_counts(db) == clean["counts"], (
        f"killed after {delay} s with {loaded_at_kill} documents loaded"
    )
    assert h.snapshot(db) == clean["snapshot"]
    store = db.parent / "store"
    assert not list(store.glob("**/.tmp-*")), "temp files of the killed run are cleaned by the rerun"
    print(
        f"\nkill -9 after {delay} s (running: {was_running}, rc {proc.returncode}): {loaded_at_kill} documents loaded at kill time; {err[-300:]}"
    )


def _reader_count(db: Path) -> int:
    """What `delib query` does: a read-only connection that retries while the writer holds the file."""
    code = (
        "import sys; from delib import warehouse; "
        "con = warehouse.connect(sys.argv[1], read_only=True, wait=30); "
        "print(con.execute('SELECT count(*) FROM documents').fetchone()[0])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, timeout=60, check=True
    )
    return int(out.stdout.strip())


@pytest.mark.slow
def test_second_run_exits_or_waits_and_readers_keep_reading(corpus: Path, tmp_path: Path, h: Any) -> None:
    db = tmp_path / "w.duckdb"
    lock = tmp_path / "w.duckdb.lock"
    first = h.popen_delib("batch", corpus / "sources.txt", "--db", db, "--workers", "1")
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip() == str(first.pid)):
        assert time.monotonic() < deadline and first.poll() is None, "first run never took the writer lock"
        time.sleep(0.05)

    busy = h.run_delib("batch", corpus / "sources.txt", "--db", db, "--wait", "0")
    assert busy.returncode == 1
    lines = busy.stderr.strip().splitlines()
    assert len(lines) == 1 and f"another writer (pid {first.pid}) is loading into" in lines[0], busy.stderr

    waiting = h.popen_delib("batch", corpus / "sources.txt", "--db", db, "--wait", "300", "--json")
    counts = []
    while first.poll() is None:
        if db.exists():
            counts.append(_reader_count(db))
        time.sleep(0.3)
    assert first.returncode == 1  # the broken files
    assert counts and counts == sorted(counts), "readers see documents arrive while the batch runs"
    assert counts[0] < N_GOOD

    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err  # it waited, then found everything done (quarantined ones skipped)
    rep = json.loads(out)
    assert rep["counts"]["new"] == 0 and rep["counts"]["skipped"] == N_GOOD + N_BAD
    assert _reader_count(db) == N_GOOD
