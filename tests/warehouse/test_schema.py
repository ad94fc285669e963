"""The schema: numbered migrations applied once, and a catalog that documents every column."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from delib.warehouse import connect
from delib.warehouse.migrate import MigrationError, latest_version, migrate, migrations, uncommented

EXPECTED_TABLES = {
    "documents", "sessions", "deliberations", "attendance", "recusals", "citations", "articles",
    "budget_lines", "votes", "vote_groups", "grants", "grant_totals", "checks", "proposals", "issues",
    "beneficiaries", "beneficiary_merges", "members", "member_merges", "alias_rules", "schema_version",
}  # fmt: skip
EXPECTED_VIEWS = {
    "current_deliberations", "current_grants", "funding_by_beneficiary_year", "funding_by_operation",
    "funding_by_operation_code", "funding_by_territory", "scdl_deliberations", "recusals_by_member",
    "failed_checks", "audit_items",
}  # fmt: skip
EXTRACTED = {
    "sessions", "deliberations", "attendance", "recusals", "citations", "articles", "budget_lines",
    "votes", "vote_groups", "grants", "grant_totals", "checks", "proposals", "issues",
}  # fmt: skip


def test_migrations_are_numbered_and_applied_once_in_order(tmp_path: Path) -> None:
    versions = [m.version for m in migrations()]
    assert versions == sorted(versions) and versions[0] == 1
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert migrate(con) == versions
    assert migrate(con) == []
    rows = con.execute("SELECT version, name FROM schema_version ORDER BY version").fetchall()
    assert [r[0] for r in rows] == versions
    con.close()


def test_reopening_a_database_does_not_migrate_again(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    connect(db).close()
    con = connect(db)
    n = con.execute("SELECT count(*) FROM schema_version").fetchone()
    con.close()
    assert n == (latest_version(),)


def test_an_applied_migration_edited_afterwards_is_refused(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    migrate(con)
    con.execute("UPDATE schema_version SET checksum = 'edited' WHERE version = 1")
    with pytest.raises(MigrationError, match="changed after it was applied"):
        migrate(con)
    con.close()


def test_tables_and_views_exist(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    tables = {
        t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal").fetchall()
    }
    views = {v for (v,) in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    con.close()
    assert EXPECTED_TABLES <= tables
    assert EXPECTED_VIEWS <= views


def test_every_table_view_and_column_has_a_comment(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    missing = uncommented(con)
    n_cols = con.execute("SELECT count(*) FROM duckdb_columns() WHERE NOT internal").fetchone()
    con.close()
    assert missing == []
    assert n_cols is not None and n_cols[0] > 200


def test_extracted_tables_carry_provenance_columns(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    cols = con.execute("SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal").fetchall()
    con.close()
    have: dict[str, set[str]] = {}
    for t, c in cols:
        have.setdefault(t, set()).add(c)
    prov = {"sha256", "page", "bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom", "rule"}
    for table in EXTRACTED:
        assert prov <= have[table], table


def test_amounts_are_decimal_18_2_and_identifiers_text(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    types = dict(
        ((t, c), ty)
        for t, c, ty in con.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns()"
        ).fetchall()
    )
    con.close()
    for col in [("grants", "amount"), ("grant_totals", "amount"), ("proposals", "amount"), ("budget_lines", "ae"),
                ("budget_lines", "expense"), ("budget_lines", "balance")]:  # fmt: skip
        assert types[col] == "DECIMAL(18,2)", col
    assert types[("articles", "amounts")] == "DECIMAL(18,2)[]"
    for col in [("deliberations", "number"), ("deliberations", "acts_id"), ("budget_lines", "imputation"),
                ("documents", "sha256")]:  # fmt: skip
        assert types[col] == "VARCHAR", col


def test_an_old_database_is_migrated_forward_keeping_its_rows(tmp_path: Path) -> None:
    """A warehouse written by an older delib (schema 2) gets migration 3 and keeps its data."""
    ms = migrations()
    assert len(ms) >= 3
    con = duckdb.connect(str(tmp_path / "old.duckdb"))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER NOT NULL, name VARCHAR NOT NULL, "
        "checksum VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    for m in ms[:2]:
        con.execute(m.sql)
        con.execute(
            "INSERT INTO schema_version VALUES (?, ?, ?, now()::TIMESTAMP)", [m.version, m.name, m.checksum]
        )
    con.execute("INSERT INTO documents (document_id, sha256, loaded_at) VALUES (1, 'abc', now()::TIMESTAMP)")
    assert migrate(con) == [m.version for m in ms[2:]]
    tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    kept = con.execute("SELECT sha256 FROM documents").fetchall()
    missing = uncommented(con)
    con.close()
    assert "beneficiary_near_misses" in tables
    assert kept == [("abc",)]
    assert missing == []
