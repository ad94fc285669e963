"""`delib ingest` names each file it could not load and why (issue 13: it printed "1 failed" only)."""

from __future__ import annotations

from pathlib import Path

import duckdb
from click.testing import CliRunner

from delib.cli import cli


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
