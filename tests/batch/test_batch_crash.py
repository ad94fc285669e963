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
import time
from pathlib import Path
from typing import Any

import duckdb
import psutil
import pytest

N_GOOD, N_BAD = 20, 3


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, gen: Any, real_pdfs: dict[str, Path]) -> Path:
    root = tmp_path_factory.mktemp("crash")
    gen.scale_corpus(root / "inbox", n_good=N_GOOD, n_bad=N_BAD, n_real=0)
    (root / "sources.txt").write_text(f"{root / 'inbox'}  Commune de Test\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory, h: Any) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("clean") / "w.duckdb"
    proc = h.run_delib("batch", corpus / "sources.txt", "--db", db, "--workers", "2")
    assert proc.returncode == 1, proc.stderr  # the broken files are quarantined
    return {"snapshot": h.snapshot(db), "counts": h.row_counts(db)}


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _documents(db: Path) -> int | None:
    """Documents committed so far, or None while the writer holds the file."""
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            row = con.execute("SELECT count(*) FROM documents").fetchone()
    except duckdb.Error:
        return None
    return int(row[0]) if row else 0


def _wait_until_loaded(db: Path, n: int, proc: Any, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not (db.exists() and (_documents(db) or 0) >= n):
        assert proc.poll() is None, "the run ended before the kill"
        assert time.monotonic() < deadline, f"never saw {n} documents loaded"
        time.sleep(0.1)


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["start-up", "first loads", "mid-load"])
def test_kill_9_then_rerun_equals_a_clean_run(
    corpus: Path, clean: dict[str, Any], tmp_path: Path, h: Any, moment: str
) -> None:
    """Killed before any load, right after the first loads, or half-way through."""
    db = tmp_path / "w.duckdb"
    # one worker paces the loads (a few per second), so that "half-way" is still half-way when the kill lands
    proc = h.popen_delib(
        "batch", corpus / "sources.txt", "--db", db, "--workers", "1", log=tmp_path / "killed.log"
    )
    at_least = {"start-up": 0, "first loads": 2, "mid-load": N_GOOD // 2}[moment]
    if moment == "start-up":
        time.sleep(1.0)
    else:
        _wait_until_loaded(db, at_least, proc)
    children = _descendants(proc.pid)
    assert proc.poll() is None, "the run must still be running when killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    # workers die with the batch: the forkserver and each child have PDEATHSIG=SIGKILL; a forkserver
    # killed with the batch before it asked for that (start-up) sees its pipe close and exits after
    # its warm-up, which on a loaded machine takes more than a few seconds: wait for it, up to a minute
    _gone, alive = psutil.wait_procs(children, timeout=60)
    assert not alive, f"orphan workers after kill -9: {[p.pid for p in alive]}"

    loaded_at_kill = h.row_counts(db).get("documents", 0) if db.exists() else 0
    assert at_least <= loaded_at_kill < N_GOOD
    rerun = h.run_delib("batch", corpus / "sources.txt", "--db", db, "--workers", "2", "--json")
    assert rerun.returncode in (0, 1), rerun.stderr
    rep = json.loads(rerun.stdout)
    assert rep["counts"]["seen"] == N_GOOD + N_BAD
    assert rep["counts"]["loaded"] + sum(f["kind"] == "already_loaded" for f in rep["files"]) == N_GOOD

    assert h.duplicate_documents(db) == 0
    assert h.row_counts(db) == clean["counts"], f"killed at {moment} with {loaded_at_kill} documents loaded"
    assert h.snapshot(db) == clean["snapshot"]
    store = db.parent / "store"
    assert not list(store.glob("**/.tmp-*")), "temp files of the killed run are cleaned by the rerun"
    print(f"\nkill -9 at {moment}: {loaded_at_kill} of {N_GOOD} documents loaded at kill time")


def _reader_count(db: Path, h: Any) -> int:
    """`delib query` while the batch runs: read-only, retrying while the writer holds the file."""
    out = h.run_delib(
        "query", "SELECT count(*) AS n FROM documents", "--db", db, "--wait", "30", "--json", timeout=60
    )
    assert out.returncode == 0, out.stderr
    return int(json.loads(out.stdout)[0]["n"])


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
            counts.append(_reader_count(db, h))
        time.sleep(0.3)
    assert first.returncode == 1  # the broken files
    assert counts and counts == sorted(counts), "readers see documents arrive while the batch runs"
    assert counts[0] < N_GOOD

    out, err = waiting.communicate(timeout=300)
    # it waited, then found everything done; the quarantined ones, skipped, are still not loaded
    assert waiting.returncode == 1, err
    rep = json.loads(out)
    assert rep["counts"]["new"] == 0 and rep["counts"]["skipped"] == N_GOOD + N_BAD
    assert _reader_count(db, h) == N_GOOD
