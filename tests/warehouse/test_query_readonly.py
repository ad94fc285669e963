"""`delib query` reads the warehouse and nothing else (issue 13: COPY wrote files, read_text read any file).

Each statement below was accepted before; now each is refused with one line, exit 1, and no file
appears in the working folder.  The same holds for the library's read-only connection, which
history, audit and export use.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from delib.cli import cli
from delib.warehouse import WarehouseError, connect
from delib.warehouse.db import database_errors

SEED_PDF = (
    Path(__file__).resolve().parents[2] / "corpus" / "samples" / "pas-de-calais_cp_2023-06-12_2023-259.pdf"
)

SECRET = "not-for-sql-eyes-4f1c"

REFUSED = [
    ("copy-table-to-csv", "COPY grants TO 'leak.csv'", "leak.csv"),
    (
        "copy-query-to-parquet",
        "COPY (SELECT * FROM grants) TO 'leak.parquet' (FORMAT parquet)",
        "leak.parquet",
    ),
    ("export-database", "EXPORT DATABASE 'leakdir'", "leakdir"),
    ("read-text", "SELECT content FROM read_text('secret.txt')", None),
    ("read-csv", "SELECT * FROM read_csv('secret.txt')", None),
    ("read-parquet", "SELECT * FROM read_parquet('secret.txt')", None),
    ("glob", "SELECT * FROM glob('*')", None),
    ("attach-new-file", "ATTACH 'other.duckdb' AS other", "other.duckdb"),
    ("install-extension", "INSTALL httpfs", None),
    ("load-extension", "LOAD httpfs", None),
    ("set-external-access-back-on", "SET enable_external_access = true", None),
    ("unlock-configuration", "SET lock_configuration = false", None),
    ("set-any-setting", "SET threads = 1", None),
    ("pragma-profiling-output", "PRAGMA enable_profiling", None),
    ("write-a-table", "INSERT INTO documents (document_id) VALUES (424242)", None),
]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("sql", "created"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_query_refuses_file_access_and_settings(
    truth_db: Path, workdir: Path, sql: str, created: str | None
) -> None:
    before = sorted(os.listdir(workdir))
    r = CliRunner().invoke(cli, ["query", sql, "--db", str(truth_db), "--csv"])
    assert r.exit_code == 1, r.output
    assert r.stdout == ""
    assert r.stderr.startswith("Error: ") and r.stderr.count("\n") == 1, r.stderr
    assert "Traceback" not in r.stderr and SECRET not in r.stderr
    assert sorted(os.listdir(workdir)) == before
    if created:
        assert not (workdir / created).exists()


def test_refusal_says_what_query_can_do(truth_db: Path, workdir: Path) -> None:
    r = CliRunner().invoke(cli, ["query", "COPY grants TO 'leak.csv'", "--db", str(truth_db)])
    assert "delib query only reads" in r.stderr and str(truth_db) in r.stderr


def test_query_still_reads_tables_views_and_the_catalog(truth_db: Path, workdir: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["query", "SELECT count(*) AS n FROM grants", "--db", str(truth_db), "--csv"])
    assert r.exit_code == 0, r.output
    assert int(r.stdout.splitlines()[1]) > 1000
    v = runner.invoke(
        cli,
        ["query", "SELECT count(*) AS n FROM funding_by_beneficiary_year", "--db", str(truth_db), "--csv"],
    )
    assert v.exit_code == 0 and int(v.stdout.splitlines()[1]) > 0
    c = runner.invoke(
        cli,
        ["query", "SELECT comment FROM duckdb_tables() WHERE table_name = 'grants'", "--db", str(truth_db)],
    )
    assert c.exit_code == 0 and "grant" in c.stdout.lower()


def test_library_read_only_connection_is_locked(truth_db: Path, workdir: Path) -> None:
    con = connect(truth_db, read_only=True)
    try:
        assert con.execute("SELECT current_setting('enable_external_access')").fetchone() == (False,)
        with pytest.raises(duckdb.PermissionException):
            con.execute("COPY grants TO 'lib-leak.csv'")
        with pytest.raises(duckdb.Error, match="locked"):
            con.execute("SET enable_external_access = true")
        with pytest.raises(duckdb.PermissionException):
            con.execute("SELECT * FROM read_text('secret.txt')")
    finally:
        con.close()
    assert not (workdir / "lib-leak.csv").exists()


def test_exports_still_write_their_files(truth_db: Path, workdir: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["export", "parquet", "dump", "--db", str(truth_db), "--only", "grants"])
    assert r.exit_code == 0, r.output
    n = duckdb.sql("SELECT count(*) FROM 'dump/grants.parquet'").fetchall()[0]
    con = connect(truth_db, read_only=True)
    try:
        assert n == con.execute("SELECT count(*) FROM grants").fetchone()
    finally:
        con.close()
    s = runner.invoke(cli, ["export", "scdl-subventions", "out/sub.csv", "--db", str(truth_db)])
    assert s.exit_code == 0, s.output
    assert (workdir / "out" / "sub.csv").stat().st_size > 1000


def test_a_damaged_warehouse_is_one_line_naming_the_file(
    truth_db: Path, tmp_path: Path, damaged_warehouse: Any
) -> None:
    """Blocks failing DuckDB's checksum raised a bare duckdb.Error: a traceback in every command."""
    runner = CliRunner()
    bad, _ = damaged_warehouse(truth_db, tmp_path / "damaged-header.duckdb", "open")
    for args in (
        ["query", "SELECT count(*) FROM grants"],
        ["audit"],
        ["history", "RECUPAIRE"],
        ["export", "csv", str(tmp_path / "dump")],
        ["ingest", str(SEED_PDF)],
    ):
        r = runner.invoke(cli, [*args, "--db", str(bad)])
        assert r.exit_code == 1, (args, r.output)
        assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, (args, r.stderr)
        assert str(bad) in r.stderr and "Corrupt database file" in r.stderr, (args, r.stderr)

    bad_block, table = damaged_warehouse(truth_db, tmp_path / "damaged-block.duckdb", "read")
    r = runner.invoke(cli, ["query", f'SELECT * FROM "{table}"', "--db", str(bad_block)])
    assert r.exit_code == 1, r.output
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr, r.stderr
    assert str(bad_block) in r.stderr and "Corrupt database file" in r.stderr, r.stderr
    with pytest.raises(WarehouseError, match="Corrupt database file"), database_errors(bad_block):
        con = connect(bad_block, read_only=True)
        try:
            con.execute(f'SELECT * FROM "{table}"').fetchall()
        finally:
            con.close()
