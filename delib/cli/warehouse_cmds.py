"""Warehouse commands: query, history, audit, export (``ingest`` is the batch run: batch_cmds)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from delib.base.errors import DelibError
from delib.cli.inputs import InputPath
from delib.cli.options import aliases_option
from delib.cli.output import emit_rows, output_options

_db = click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    default=None,
    help="Warehouse file (default: $DELIB_DB, else ./delib.duckdb).",
)
_wait = click.option(
    "--wait",
    type=float,
    default=30.0,
    show_default=True,
    help="Seconds to wait while another process holds the database or the writer lock.",
)


class QueryError(DelibError):
    """The SQL failed."""


def _is_damage(exc: Exception) -> bool:
    """A damaged warehouse file (reported naming the file), not a mistake in the SQL."""
    import duckdb

    text = str(exc)
    return "Corrupt database file" in text or isinstance(
        exc, (duckdb.IOException, duckdb.InternalException, duckdb.FatalException)
    )


def _refusal_hint(exc: Exception, path: Path) -> str:
    import duckdb

    if isinstance(exc, duckdb.PermissionException) or "configuration has been locked" in str(exc):
        return f" (delib query only reads {path}: no files, extensions, ATTACH or SET)"
    return ""


@click.command()
@click.argument("sql")
@_db
@_wait
@output_options
def query(sql: str, db: str | None, wait: float, fmt: str | None, excel: bool) -> None:
    """Run read-only SQL on the warehouse ("-" reads the SQL from stdin).

    The SQL reads the warehouse's tables and views and nothing else: writing to it, COPY ... TO a
    file, read_csv/read_text/read_parquet/glob on files, ATTACH, INSTALL/LOAD and SET/PRAGMA are
    refused with a one-line error (exit 1).  To write files use --csv/--json or `delib export`.
    Waits (--wait) while an ingest holds the database.  Tables and views are described in the
    catalog: delib query "SELECT table_name, comment FROM duckdb_tables()".

    Example: delib query "SELECT * FROM funding_by_beneficiary_year ORDER BY total DESC LIMIT 10" -t
    """
    import duckdb

    from delib.warehouse import connect
    from delib.warehouse.db import database_errors, first_line

    if sql == "-":
        sql = sys.stdin.read()
    with database_errors(db) as path:
        con = connect(db, read_only=True, wait=wait)
        try:
            try:
                cur = con.execute(sql)
                columns = [c[0] for c in cur.description or ()]
                rows = cur.fetchall() if columns else []
            except duckdb.Error as exc:
                if _is_damage(exc):
                    raise
                raise QueryError(f"{first_line(exc)}{_refusal_hint(exc, path)}") from exc
        finally:
            con.close()
    if columns:
        emit_rows(rows, columns, fmt, excel)


@click.command()
@click.argument("name")
@_db
@_wait
@aliases_option
@click.option(
    "--by",
    type=click.Choice(["operation", "year"]),
    default="operation",
    show_default=True,
    help="One row per year and operation, or per year.",
)
@output_options
def history(
    name: str, db: str | None, wait: float, aliases: Path | None, by: str, fmt: str | None, excel: bool
) -> None:
    """A beneficiary's funding per year and operation, with the documents and pages it comes from.

    NAME may be any spelling (RECUPAIRE, Recup'aire...).  With --aliases, names are resolved with
    that file for this answer only (nothing is written).

    Example: delib history "Recup'aire" --by year -t
    """
    from delib.warehouse import connect
    from delib.warehouse.db import database_errors
    from delib.warehouse.names import read_aliases
    from delib.warehouse.queries import history as run

    rules = read_aliases(aliases) if aliases else None
    with database_errors(db):
        con = connect(db, read_only=True, wait=wait)
        try:
            h = run(con, name, rules=rules, by=by)
        finally:
            con.close()
    click.echo(f"{h.name} (beneficiary {h.beneficiary_id}; {name!r} matched by {h.matched_by})", err=True)
    for line in h.near:
        click.echo(f"kept apart, maybe the same (add to an aliases file to merge): {line}", err=True)
    emit_rows(h.rows, h.columns, fmt, excel)


@click.command()
@_db
@_wait
@output_options
def audit(db: str | None, wait: float, fmt: str | None, excel: bool) -> None:
    """List every failed check, unread item and unloadable file, with file and page. Exit 1 if any.

    Example: delib audit -t
    """
    from delib.warehouse import connect
    from delib.warehouse.db import database_errors
    from delib.warehouse.queries import AUDIT_COLUMNS
    from delib.warehouse.queries import audit as run

    with database_errors(db):
        con = connect(db, read_only=True, wait=wait)
        try:
            rows = run(con)
        finally:
            con.close()
    emit_rows(rows, AUDIT_COLUMNS, fmt, excel)
    click.echo(f"{len(rows)} item(s) to review", err=True)
    if rows:
        sys.exit(1)


@click.command()
@click.argument(
    "kind", type=click.Choice(["scdl-deliberations", "scdl-subventions", "parquet", "csv", "sqlite"])
)
@click.argument("out", type=click.Path())
@_db
@_wait
@click.option(
    "--facts",
    type=InputPath(dir_okay=False),
    default=None,
    help="Collectivity-level facts (TOML/JSON: SIRET, official name, prefecture PREF062...): see delib.warehouse.scdl.",
)
@click.option("--only", multiple=True, help="parquet/csv: only these tables or views (repeatable).")
@click.option("--strict", is_flag=True, help="SCDL: exit 1 if the CSV does not validate.")
@click.option(
    "-m",
    "--metadata",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="sqlite: the Datasette metadata file to write (default: OUT without .db + .metadata.json).",
)
@click.option("--title", default=None, help="sqlite: title of the Datasette site.")
def export(
    kind: str,
    out: str,
    db: str | None,
    wait: float,
    facts: Path | None,
    only: tuple[str, ...],
    strict: bool,
    metadata: Path | None,
    title: str | None,
) -> None:
    """Export SCDL CSV (validated, with a report of missing values) or every table as Parquet/CSV.

    scdl-*: OUT is a CSV file; OUT.report.csv lists, row by row, required values left empty and
    why, values derived by a rule, and validation errors.  parquet/csv: OUT is a folder.
    sqlite: OUT is a SQLite file of deliberations, votes, grants, beneficiaries and checks, with a
    Datasette metadata file (amounts exact: TEXT decimal + INTEGER cents); serve it with
    `datasette OUT.db -m OUT.metadata.json`.

    Example: delib export scdl-deliberations out/deliberations.csv --facts facts.toml
    """
    from delib.warehouse import connect, scdl
    from delib.warehouse.db import database_errors

    facts_ = scdl.read_facts(facts)
    with database_errors(db):
        con = connect(db, read_only=True, wait=wait)
        try:
            if kind in ("parquet", "csv"):
                written = scdl.dump_tables(con, Path(out), kind, names=only or None)
                click.echo(f"wrote {len(written)} files to {out}", err=True)
                return
            if kind == "sqlite":
                from delib.warehouse.sqlite_export import export_sqlite

                done = export_sqlite(con, Path(out), metadata, title=title)
                counts = ", ".join(f"{n} {t}" for t, n in done.rows.items())
                click.echo(f"wrote {done.path} ({counts}) and {done.metadata_path}", err=True)
                click.echo(f"browse it: datasette {done.path} -m {done.metadata_path}", err=True)
                return
            fn: Any = scdl.export_deliberations if kind == "scdl-deliberations" else scdl.export_subventions
            res = fn(con, Path(out), facts_)
        finally:
            con.close()
    schema = "Délibérations 2.1.5" if kind == "scdl-deliberations" else "Subventions 2.1.1"
    click.echo(
        f"wrote {res.rows} rows to {res.path}; SCDL {schema}: {len(res.errors)} validation error(s); "
        f"{res.missing} required value(s) missing, {res.derived} derived, {res.conflicts} fact(s) the "
        f"document contradicts (not written): see {res.report_path}",
        err=True,
    )
    for name in res.unmatched_facts:
        click.echo(f'{facts}: [collectivities."{name}"] matches no collectivity of the warehouse', err=True)
    if strict and res.errors:
        sys.exit(1)


COMMANDS = [query, history, audit, export]
