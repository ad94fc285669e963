"""`delib ingest` names each file it could not load and why (issue 13: it printed "1 failed" only)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
from click.testing import CliRunner

from delib.cli import cli

GOOD = (
    Path(__file__).resolve().parents[2] / "corpus" / "samples" / "hauts-de-france_cp_2024-06-27_20241187.pdf"
)


def test_failed_file_is_named_with_its_reason_and_recorded(tmp_path: Path, broken_page_pdf: Path) -> None:
    db = tmp_path / "w.duckdb"
    r = CliRunner().invoke(cli, ["ingest", str(broken_page_pdf.parent), "--db", str(db), "--csv"])
    assert r.exit_code == 1, r.output
    assert "Traceback" not in r.output
    lines = r.stderr.splitlines()  # the batch's summary and statuses (one ingest path)
    assert lines[0].startswith(
        "delib ingest: 1 files seen, 1 new, 0 loaded (0 unchanged), 0 skipped, 1 quarantined"
    )
    assert lines[1].startswith(f"  quarantined: {broken_page_pdf}: page 2 could not be read (")
    assert lines[1].endswith("[bad_input]") and len(lines) == 2
    with duckdb.connect(str(db), read_only=True) as con:
        (message,) = con.execute("SELECT message FROM issues WHERE origin = 'ingest'").fetchall()[0]
    assert message.startswith("page 2 could not be read")


def test_missing_path_exits_1_like_every_command(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["ingest", str(tmp_path / "nowhere.pdf"), "--db", str(tmp_path / "w.duckdb")])
    assert r.exit_code == 1  # was 2 (a usage error) while extract said 1
    assert r.stderr == f"Error: {tmp_path / 'nowhere.pdf'}: no such file or folder\n"


def test_rerun_exit_counts_files_still_quarantined(tmp_path: Path, broken_page_pdf: Path) -> None:
    """One ingest path: a file quarantined by an earlier ingest is skipped, and still not loaded."""
    inbox = broken_page_pdf.parent
    shutil.copyfile(GOOD, inbox / GOOD.name)
    db = tmp_path / "w.duckdb"
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(inbox), "--db", str(db), "--json"])
    assert first.exit_code == 1, first.output
    assert {(f["path"].rsplit("/", 1)[-1], f["status"]) for f in json.loads(first.stdout)} == {
        (GOOD.name, "loaded"),
        (broken_page_pdf.name, "quarantined"),
    }
    assert (tmp_path / "quarantine").is_dir()  # beside the warehouse, as the batch's

    rerun = runner.invoke(cli, ["ingest", str(inbox), "--db", str(db), "--json"])
    assert rerun.exit_code == 1, rerun.output  # skipped, yet still not loaded
    kinds = {f["path"].rsplit("/", 1)[-1]: f["kind"] for f in json.loads(rerun.stdout)}
    assert kinds == {GOOD.name: "already_loaded", broken_page_pdf.name: "quarantined_before"}
    assert f"  still quarantined: {broken_page_pdf}: quarantined by an earlier run: page 2" in rerun.stderr

    broken_page_pdf.unlink()
    clean = runner.invoke(cli, ["ingest", str(inbox), "--db", str(db)])
    assert clean.exit_code == 0, clean.output
    assert clean.stdout == ""  # no rows unless a flag asks for them: the summary only, on stderr
    assert clean.stderr.startswith("delib ingest: 1 files seen, 0 new, 0 loaded (0 unchanged), 1 skipped")
