"""``--executor dask`` on a 2-worker LocalCluster (processes) fills the same warehouse as the local executor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


@pytest.mark.slow
def test_dask_executor_equals_local_executor(
    tmp_path: Path, h: Any, gen: Any, real_pdfs: dict[str, Path]
) -> None:
    inbox = tmp_path / "inbox"
    gen.scale_corpus(inbox, n_good=12, n_bad=3, n_real=0)
    (inbox / "real.pdf").write_bytes(real_pdfs[gen.GOOD_REAL[0]].read_bytes())
    (tmp_path / "sources.txt").write_text(f"{inbox}  Commune de Test\n", encoding="utf-8")

    runs = {}
    for executor in ("local", "dask"):
        db = tmp_path / executor / "w.duckdb"
        db.parent.mkdir()
        proc = h.run_delib(
            "batch", tmp_path / "sources.txt", "--db", db, "--executor", executor, "--workers", "2", "--json"
        )
        assert proc.returncode == 1, proc.stderr  # the 3 broken files
        rep = json.loads(proc.stdout)
        assert rep["executor"] == executor and rep["workers"] == 2
        runs[executor] = (rep, db)

    local, dask = runs["local"][0], runs["dask"][0]
    assert dask["counts"] == local["counts"]
    assert dask["counts"]["loaded"] == 13 and dask["counts"]["quarantined"] == 3
    outcome = {
        e: {Path(f["location"]).name: (f["status"], f["kind"], f["reason"]) for f in r[0]["files"]}
        for e, r in runs.items()
    }
    assert outcome["dask"] == outcome["local"]
    snap_local, snap_dask = h.snapshot(runs["local"][1]), h.snapshot(runs["dask"][1])
    assert snap_local["deliberations"], "the comparison must compare something"
    assert snap_dask == snap_local


@pytest.mark.slow
def test_scheduler_address_of_an_existing_cluster_with_daemonic_workers(
    tmp_path: Path, h: Any, gen: Any
) -> None:
    """`--scheduler ADDRESS`: a cluster started elsewhere, with Dask's default daemonic workers.

    Daemonic workers may not start multiprocessing children, so each file is extracted by a
    ``python -m delib.worker`` subprocess: slower, same records and same limits.
    """
    import logging

    from distributed import LocalCluster

    inbox = tmp_path / "inbox"
    gen.scale_corpus(inbox, n_good=1, n_bad=1, n_real=0)
    (tmp_path / "sources.txt").write_text(f"{inbox}\n", encoding="utf-8")
    with LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.WARNING,
    ) as cluster:
        proc = h.run_delib(
            "batch", tmp_path / "sources.txt", "--db", tmp_path / "w.duckdb", "--scheduler", cluster.scheduler_address,
            "--json",
        )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    rep = json.loads(proc.stdout)
    assert rep["executor"] == "dask" and rep["workers"] == 1
    files = h.by_name(rep)
    assert files["good-0000.pdf"]["status"] == "loaded" and files["good-0000.pdf"]["deliberations"] == 1
    assert (files["broken-0000-zero.pdf"]["kind"], files["broken-0000-zero.pdf"]["reason"]) == (
        "bad_input",
        "empty file (0 bytes)",
    )
