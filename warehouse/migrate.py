"""Schema migrations: numbered SQL files applied in order, once each.

The migrations are the ``NNN_name.sql`` files beside this module.  ``migrate(con)`` applies those
whose number is above the highest recorded in ``schema_version``, each in its own transaction, and
records it with the SHA-256 of its text.  Running it again is a no-op; a recorded migration whose
file changed afterwards is an error (a new numbered file is the way to change a schema).

The catalog is the data dictionary: every table, view and column carries a ``COMMENT``.  Comments
of the provenance columns shared by every extracted table are written once here
(:data:`PROVENANCE_COMMENTS`), and views that pass columns through inherit the comments of their
source table (:data:`VIEW_SOURCES`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from delib.base.errors import DelibError

MIGRATIONS_DIR = Path(__file__).resolve().parent
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

PROVENANCE_COMMENTS = {
    "sha256": "Provenance: SHA-256 of the source PDF (documents.sha256).",
    "page": "Provenance: 1-based page of the PDF the value was read on.",
    "bbox_x0": "Provenance: left edge of the bounding box, PDF points from the left.",
    "bbox_top": "Provenance: top edge of the bounding box, PDF points from the top of the page.",
    "bbox_x1": "Provenance: right edge of the bounding box, PDF points from the left.",
    "bbox_bottom": "Provenance: bottom edge of the bounding box, PDF points from the top of the page.",
    "rule": "Provenance: name.version of the extraction rule that produced the value.",
}

#: views whose pass-through columns inherit the comments of a source table
VIEW_SOURCES = {
    "current_deliberations": ("deliberations",),
    "current_grants": ("grants",),
    "scdl_deliberations": ("deliberations",),
    "failed_checks": ("checks",),
    "audit_items": ("issues",),
}


class MigrationError(DelibError):
    """The database schema cannot be brought to the version this code expects."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


def migrations() -> list[Migration]:
    """The migration files, in order."""
    found = []
    for path in MIGRATIONS_DIR.glob("*.sql"):
        m = _NAME.match(path.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), path))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migration files share a number in {MIGRATIONS_DIR}")
    return found


def latest_version() -> int:
    ms = migrations()
    return ms[-1].version if ms else 0


def _ensure_version_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL, name VARCHAR NOT NULL, checksum VARCHAR NOT NULL,
            applied_at TIMESTAMP NOT NULL)
        """
    )
    con.execute("COMMENT ON TABLE schema_version IS 'Migrations applied to this database, one row each.'")
    for col, text in {
        "version": "Migration number (NNN of warehouse/NNN_name.sql).",
        "name": "Migration name.",
        "checksum": "SHA-256 of the migration file when it was applied.",
        "applied_at": "When it was applied (UTC).",
    }.items():
        con.execute(f"COMMENT ON COLUMN schema_version.{col} IS '{text}'")


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version' AND NOT temporary"
    ).fetchall()
    if not exists or not exists[0][0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchall()
    return int(row[0][0]) if row and row[0][0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the pending migrations; returns the versions applied (empty when up to date)."""
    ms = migrations()
    if current_version(con) == (ms[-1].version if ms else 0):
        _check_checksums(con, ms)
        return []
    con.begin()
    try:
        _ensure_version_table(con)
        con.commit()
    except Exception:
        con.rollback()
        raise
    _check_checksums(con, ms)
    applied: list[int] = []
    for m in ms:
        if m.version <= current_version(con):
            continue
        con.begin()
        try:
            con.execute(m.sql)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, ?, now()::TIMESTAMP)",
                [m.version, m.name, m.checksum],
            )
            apply_shared_comments(con)
            con.commit()
        except Exception as exc:
            con.rollback()
            raise MigrationError(f"migration {m.path.name} failed: {exc}") from exc
        applied.append(m.version)
    return applied


def _check_checksums(con: duckdb.DuckDBPyConnection, ms: list[Migration]) -> None:
    if current_version(con) == 0:
        return
    recorded = dict(con.execute("SELECT version, checksum FROM schema_version").fetchall())
    for m in ms:
        if m.version in recorded and recorded[m.version] != m.checksum:
            raise MigrationError(
                f"migration {m.path.name} changed after it was applied to this database",
                hint="add a new numbered migration instead of editing an applied one",
            )


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def apply_shared_comments(con: duckdb.DuckDBPyConnection) -> None:
    """Comment provenance columns and pass-through view columns that have no comment yet."""
    rows = con.execute(
        """
        SELECT table_name, column_name FROM duckdb_columns()
        WHERE NOT internal AND schema_name = 'main' AND comment IS NULL
        """
    ).fetchall()
    known = {
        (t, c): str(cm)
        for t, c, cm in con.execute(
            "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE comment IS NOT NULL"
        ).fetchall()
    }
    for table, column in rows:
        text = PROVENANCE_COMMENTS.get(column)
        if text is None:
            for source in VIEW_SOURCES.get(table, ()):
                if (source, column) in known:
                    text = known[(source, column)]
                    break
        if text is not None:
            con.execute(f'COMMENT ON COLUMN "{table}"."{column}" IS {_quote(text)}')


def uncommented(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables, views and columns without a comment (the data dictionary must have none)."""
    missing = [
        f"table {t}"
        for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND NOT temporary AND comment IS NULL"
        ).fetchall()
    ]
    missing += [
        f"view {v}"
        for (v,) in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal AND NOT temporary AND comment IS NULL"
        ).fetchall()
    ]
    missing += [
        f"column {t}.{c}"
        for t, c in con.execute(
            """SELECT table_name, column_name FROM duckdb_columns()
               WHERE NOT internal AND schema_name = 'main' AND comment IS NULL ORDER BY 1, 2"""
        ).fetchall()
    ]
    return missing
