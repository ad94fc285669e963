"""Every batch failure is one line, and the exit code counts what is still not loaded (issue 13).

Before: a page pdfium cannot load was quarantined as an extractor crash with a Python exception
name; a rerun that skipped the quarantined file exited 0 although it was never loaded;
``delib batch FOLDER`` was refused (a sources file only); a damaged warehouse gave a traceback;
a Dask run flooded stderr with the cluster's INFO logs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb

REPO = Path(__file__).resolve().parents[2]
GOOD = REPO / "corpus" / "samples" / "hauts-de-france_cp_2024-06-27_20241187.pdf"


def test_folder_given_directly_and_rerun_exit_counts_still_quarantined(
    tmp_path: Path, h: Any, broken_page_pdf: Path
) -> None:
    inbox = broken_page_pdf.parent
    shutil.copyfile(GOOD, inbox / GOOD.name)
    db = tmp_path / "w.duckdb"

    first = h.run_delib("batch", inbox, "--db", db, "--json")
    assert first.returncode == 1, first.stderr
    rep = json.loads(first.stdout)
    files = h.by_name(rep)
    assert files[GOOD.name]["status"] == "loaded"
    broken = files[broken_page_pdf.name]
    assert broken["status"] == "quarantined" and broken["kind"] == "bad_input", broken
    assert broken["reason"].startswith("page 2 could not be read (")
    assert "Traceback" not in first.stderr
    assert f"quarantined: {broken_page_pdf}: page 2 could not be read" in first.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        issues = con.execute(
            "SELECT path, message FROM issues WHERE path LIKE '%page-2-not-a-page.pdf'"
        ).fetchall()
    assert issues and "page 2 could not be read" in issues[0][1]

    rerun = h.run_delib("batch", inbox, "--db", db, "--json")
    assert rerun.returncode == 1, rerun.stderr  # was 0: the skipped file is still not loaded
    rep2 = json.loads(rerun.stdout)
    assert rep2["counts"]["loaded"] == 0 and rep2["counts"]["still_quarantined"] == 1
    assert rep2["ok"] is False
    assert f"still quarantined: {broken_page_pdf}" in rerun.stderr
    assert "1 still quarantined (--retry-quarantined to try again)" in rerun.stderr

    broken_page_pdf.unlink()
    clean = h.run_delib("batch", inbox, "--db", db)
    assert clean.returncode == 0, clean.stderr  # everything still listed is loaded


def test_pdf_path_given_directly(tmp_path: Path, h: Any, broken_page_pdf: Path) -> None:
    db = tmp_path / "w.duckdb"
    r = h.run_delib("batch", broken_page_pdf, "--db", db, "--json")
    assert r.returncode == 1, r.stderr
    rep = json.loads(r.stdout)
    assert [f["location"] for f in rep["files"]] == [str(broken_page_pdf)]
    assert rep["files"][0]["kind"] == "bad_input"


def test_missing_source_path_exits_1_with_one_line(tmp_path: Path, h: Any) -> None:
    r = h.run_delib("batch", tmp_path / "nowhere", "--db", tmp_path / "w.duckdb")
    assert r.returncode == 1
    assert r.stderr.strip() == f"Error: {tmp_path / 'nowhere'}: no such file or folder"


def test_damaged_warehouse_is_one_line_naming_it(
    tmp_path: Path, h: Any, broken_page_pdf: Path, damaged_warehouse: Any
) -> None:
    good = tmp_path / "good.duckdb"
    assert h.run_delib("batch", GOOD, "--db", good).returncode == 0
    bad, _ = damaged_warehouse(good, tmp_path / "bad.duckdb", "open")
    r = h.run_delib("batch", broken_page_pdf.parent, "--db", bad)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert lines[0].startswith("Error: ") and str(bad) in lines[0] and "Corrupt database file" in lines[0]


def test_dask_run_keeps_cluster_logs_quiet_unless_verbose(
    tmp_path: Path, h: Any, broken_page_pdf: Path
) -> None:
    args = ["batch", broken_page_pdf.parent, "--executor", "dask", "--workers", "1"]
    (tmp_path / "q").mkdir()
    (tmp_path / "v").mkdir()
    quiet = h.run_delib(*args, "--db", tmp_path / "q" / "w.duckdb")
    assert quiet.returncode == 1, quiet.stderr
    assert "INFO" not in quiet.stderr and "distributed." not in quiet.stderr, quiet.stderr[:500]
    assert quiet.stderr.startswith("delib batch: 1 files seen")
    loud = h.run_delib(*args, "--db", tmp_path / "v" / "w.duckdb", "-v")  # -v after the subcommand
    assert loud.returncode == 1
    assert "INFO" in loud.stderr and "Scheduler" in loud.stderr, loud.stderr[:500]
