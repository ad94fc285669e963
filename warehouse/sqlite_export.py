"""The warehouse as one SQLite file plus a Datasette metadata file, for journalists.

``delib export sqlite OUT.db`` writes the current deliberations, their votes, every grant line with
its resolved beneficiary, the beneficiaries, the checks and the source files, and
``OUT.metadata.json`` (titles, a description of every column, source, licence, suggested facets,
full-text search), so that ``datasette OUT.db -m OUT.metadata.json`` is a browsable, facetable,
searchable site.  SQLite comes with Python: the export needs no extra package, only serving it
needs ``datasette`` (``pip install 'delib[datasette]'``).

Money stays exact.  SQLite has no decimal type (a REAL would be a binary float), so every amount is
two columns: ``amount`` TEXT, the exact decimal as the warehouse holds it (``115069.00``,
``-54000.00``), for reading and re-use, and ``amount_cents`` INTEGER, the same value in cents, for
sorting, range filters (``?amount_cents__gte=1000000``) and exact sums
(``select sum(amount_cents) / 100.0`` is only for display; ``sum(amount_cents)`` is exact).  The unit
(euros) is said in each column's description: Datasette's ``units`` key is not used because it
renders through Pint in floating point.

Every row keeps its provenance: the file (``file_name``, ``sha256``, linked to ``documents``), the
page, the box on the page (``[x0, top, x1, bottom]`` in PDF points) and the rule that read it.
Search (SQLite FTS5, accents ignored) covers deliberation titles, grant beneficiaries (printed and
resolved), themes, operations, territories and descriptions, and beneficiary names and spellings.

Both files are written whole or not at all (temporary files renamed at the end).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from delib.base.errors import DelibError
from delib.base.files import replacing

LICENCE = "Licence Ouverte / Open Licence 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
#: the provenance of a row, as SQL over a table aliased ``t`` and its document ``doc``
_PROVENANCE = """doc.file_name, t.page,
    CASE WHEN t.bbox_x0 IS NOT NULL THEN printf('[%.1f, %.1f, %.1f, %.1f]', t.bbox_x0, t.bbox_top, t.bbox_x1,
         t.bbox_bottom) END AS box,
    t.rule, t.sha256"""


@dataclass(frozen=True)
class Col:
    name: str
    type: str  # SQLite type: INTEGER, TEXT or MONEY (TEXT exact decimal + <name>_cents INTEGER)
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    sql: str  # DuckDB SQL over the warehouse; its columns in the order of ``columns``
    columns: tuple[Col, ...]
    facets: tuple[str, ...] = ()
    search: tuple[str, ...] = ()  # columns indexed for full-text search
    sort_desc: str | None = None
    sort: str | None = None
    label: str | None = None  # column Datasette shows for a foreign key to this table
    references: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (table, column)
    computed: tuple[Col, ...] = ()  # columns computed in Python by _COMPUTED[name], after the SQL ones


def _cols(*spec: tuple[str, str, str]) -> tuple[Col, ...]:
    return tuple(Col(n, t, d) for n, t, d in spec)


#: the columns of ``_PROVENANCE``, after a table's own columns
_PROVENANCE_COLUMNS = _cols(
    ("file_name", "TEXT", "File the value was read from."),
    ("page", "INTEGER", "Page of the file (1-based)."),
    ("box", "TEXT", "Where on the page: [x0, top, x1, bottom] in PDF points, origin top left."),
    ("rule", "TEXT", "Rule of the extractor that read the value."),
    ("sha256", "TEXT", "SHA-256 of the file (documents.sha256)."),
)


_WITH_PROVENANCE = {"sha256": ("documents", "sha256")}

TABLES: tuple[Table, ...] = (
    Table(
        "documents",
        "Source files",
        "The published PDF files the data was read from, one row per distinct file (by content).",
        """SELECT sha256, file_name, pages, source, n_deliberations, CAST(loaded_at AS VARCHAR) AS loaded_at
           FROM documents ORDER BY file_name""",
        _cols(
            ("sha256", "TEXT PRIMARY KEY", "SHA-256 of the file: identifies it whatever its name."),
            ("file_name", "TEXT", "File name as loaded."),
            ("pages", "INTEGER", "Number of pages."),
            (
                "source",
                "TEXT",
                "Where the file was loaded from (path or the http(s) address it was fetched from).",
            ),
            ("n_deliberations", "INTEGER", "Deliberations read in the file."),
            ("loaded_at", "TEXT", "When the file was loaded into the warehouse (UTC)."),
        ),
        sort="file_name",
        label="file_name",
    ),
    Table(
        "deliberations",
        "Deliberations",
        "Current deliberations (a superseded version is left out): who decided what, when, with how many "
        "grant lines and for how much.",
        f"""SELECT t.deliberation_id, t.collectivity, t.instance, CAST(t.session_date AS VARCHAR) AS session_date,
               CAST(year(coalesce(t.session_date, t.signed_date)) AS INTEGER) AS year, t.number, t.title,
               t.rapporteur, t.president, t.n_present, t.n_excused, t.n_absent, t.n_recused, t.n_grants,
               (SELECT sum(g.amount) FROM grants g WHERE g.deliberation_id = t.deliberation_id) AS grants_total,
               t.acts_id, {_PROVENANCE}
           FROM current_deliberations t JOIN documents doc USING (document_id)
           ORDER BY t.session_date, t.number, t.deliberation_id""",
        _cols(
            ("deliberation_id", "INTEGER PRIMARY KEY", "Identifier of the deliberation in the warehouse."),
            ("collectivity", "TEXT", "Collectivity as printed in the header."),
            (
                "instance",
                "TEXT",
                "Deliberating body as printed (Commission permanente, Conseil municipal...).",
            ),
            ("session_date", "TEXT", "Date of the meeting (YYYY-MM-DD)."),
            ("year", "INTEGER", "Decision year (year of the meeting, else of the signature)."),
            ("number", "TEXT", "Deliberation number as printed (e.g. 2023-259)."),
            ("title", "TEXT", "Title (object) of the deliberation."),
            ("rapporteur", "TEXT", "Rapporteur of the item, when printed."),
            ("president", "TEXT", "President of the meeting, when printed."),
            ("n_present", "INTEGER", "Members listed present (with deliberative voice)."),
            ("n_excused", "INTEGER", "Members listed excused."),
            ("n_absent", "INTEGER", "Members listed absent."),
            ("n_recused", "INTEGER", "Members who took part neither in the debate nor in the vote."),
            ("n_grants", "INTEGER", "Grant lines read for the deliberation."),
            ("grants_total", "MONEY", "Sum of its grant lines, in euros"),
            ("acts_id", "TEXT", "ACTES identifier when printed (e.g. 062-226200012-20230612-2023_259-DE)."),
        ),
        computed=_cols(
            ("matiere_code", "TEXT", "ACTES matière (level 2), e.g. 7.5: printed, else chosen by a rule."),
            ("matiere", "TEXT", "Name of the ACTES matière (level 1/level 2)."),
            ("matiere_rule", "TEXT", "Rule that chose the matière (delib.extract.matiere)."),
            ("matiere_confidence", "REAL", "Confidence of that rule, 0-1 (a prior, not money)."),
        ),
        facets=("collectivity", "year", "matiere", "instance"),
        search=("title", "collectivity", "number"),
        sort_desc="session_date",
        label="title",
        references=_WITH_PROVENANCE,
    ),
    Table(
        "votes",
        "Votes",
        "The vote of each current deliberation, counts as printed (Pour, Contre, Abstention...).",
        f"""SELECT t.row_id AS vote_id, t.deliberation_id, d.collectivity, CAST(d.session_date AS VARCHAR) AS session_date,
               CAST(year(coalesce(d.session_date, d.signed_date)) AS INTEGER) AS year, d.number, d.title,
               t.vote_for, t.vote_against, t.abstention, t.absent_without_proxy, t.not_voting, t.adopted,
               t.unanimous, d.n_present, d.n_recused, t.text, {_PROVENANCE}
           FROM votes t JOIN current_deliberations d USING (deliberation_id)
           JOIN documents doc ON doc.document_id = t.document_id
           ORDER BY d.session_date, d.number, t.row_id""",
        _cols(
            ("vote_id", "INTEGER PRIMARY KEY", "Identifier of the vote row."),
            ("deliberation_id", "INTEGER", "The deliberation voted (deliberations)."),
            ("collectivity", "TEXT", "Collectivity as printed."),
            ("session_date", "TEXT", "Date of the meeting (YYYY-MM-DD)."),
            ("year", "INTEGER", "Decision year."),
            ("number", "TEXT", "Deliberation number as printed."),
            ("title", "TEXT", "Title of the deliberation."),
            ("vote_for", "INTEGER", "Pour, as printed."),
            ("vote_against", "INTEGER", "Contre, as printed."),
            ("abstention", "INTEGER", "Abstention, as printed (a document may count recused members here)."),
            ("absent_without_proxy", "INTEGER", "Absents sans délégation de vote, as printed."),
            ("not_voting", "INTEGER", "Members printed as not taking part in the vote."),
            ("adopted", "INTEGER", "1 if printed adopted, 0 if rejected, empty if not printed."),
            ("unanimous", "INTEGER", "1 if printed unanimous."),
            ("n_present", "INTEGER", "Members listed present."),
            ("n_recused", "INTEGER", "Members who took part neither in the debate nor in the vote."),
            ("text", "TEXT", "The vote block as printed."),
        ),
        facets=("collectivity", "year", "adopted", "unanimous"),
        sort_desc="session_date",
        references={"deliberation_id": ("deliberations", "deliberation_id"), **_WITH_PROVENANCE},
    ),
    Table(
        "beneficiaries",
        "Beneficiaries",
        "Organisations that received grants, resolved across spellings and years, with their total.",
        """SELECT b.beneficiary_id, b.name, count(*) AS n_grants, sum(g.amount) AS total,
               min(g.year) AS first_year, max(g.year) AS last_year,
               list(DISTINCT g.collectivity ORDER BY g.collectivity) AS collectivities,
               list(DISTINCT g.printed_beneficiary ORDER BY g.printed_beneficiary) AS spellings
           FROM beneficiaries b JOIN current_grants g USING (beneficiary_id)
           GROUP BY b.beneficiary_id, b.name ORDER BY b.name""",
        _cols(
            ("beneficiary_id", "INTEGER PRIMARY KEY", "Identifier of the resolved organisation."),
            ("name", "TEXT", "Canonical name of the organisation."),
            ("n_grants", "INTEGER", "Grant lines of current deliberations."),
            ("total", "MONEY", "Sum of its grant lines, in euros (negative lines are transfers)"),
            ("first_year", "INTEGER", "First decision year with a grant."),
            ("last_year", "INTEGER", "Last decision year with a grant."),
            ("collectivities", "TEXT", "Collectivities that granted (JSON list)."),
            ("spellings", "TEXT", "Every spelling printed for it (JSON list)."),
        ),
        search=("name", "spellings"),
        sort_desc="total_cents",
        label="name",
    ),
    Table(
        "grants",
        "Grants",
        "Every grant line of the current deliberations: who receives how much, from whom, for what, with "
        "the page it is printed on.",
        f"""SELECT t.row_id AS grant_id, t.deliberation_id, t.beneficiary_id, d.collectivity,
               CAST(d.session_date AS VARCHAR) AS session_date,
               CAST(year(coalesce(d.session_date, d.signed_date)) AS INTEGER) AS year,
               d.number AS deliberation_number, coalesce(b.name, t.beneficiary) AS beneficiary,
               t.beneficiary AS printed_beneficiary, t.amount, t.theme, t.operation, t.territory, t.places,
               t.description, CAST(t.period_start AS VARCHAR) AS period_start,
               CAST(t.period_end AS VARCHAR) AS period_end, t.instrument, t.nature, t.in_kind,
               t.vote_for, t.vote_against, t.vote_abstention, {_PROVENANCE}
           FROM grants t JOIN current_deliberations d USING (deliberation_id)
           JOIN documents doc ON doc.document_id = t.document_id
           LEFT JOIN beneficiaries b ON b.beneficiary_id = t.beneficiary_id
           ORDER BY d.session_date, d.number, t.row_id""",
        _cols(
            ("grant_id", "INTEGER PRIMARY KEY", "Identifier of the grant line."),
            ("deliberation_id", "INTEGER", "The deliberation that grants it (deliberations)."),
            ("beneficiary_id", "INTEGER", "The resolved organisation (beneficiaries)."),
            ("collectivity", "TEXT", "Collectivity granting the money."),
            ("session_date", "TEXT", "Date of the meeting that decided the grant (YYYY-MM-DD)."),
            ("year", "INTEGER", "Decision year."),
            ("deliberation_number", "TEXT", "Deliberation number as printed."),
            ("beneficiary", "TEXT", "Canonical name of the organisation (spellings resolved)."),
            ("printed_beneficiary", "TEXT", "Beneficiary as printed on this line."),
            ("amount", "MONEY", "Amount granted, in euros (negative: money moved to another beneficiary)"),
            ("theme", "TEXT", "Theme of the grant table."),
            ("operation", "TEXT", "Operation label of the line."),
            ("territory", "TEXT", "Territory of the line."),
            ("places", "INTEGER", "Places (e.g. of a training), when printed."),
            ("description", "TEXT", "Description of the action."),
            ("period_start", "TEXT", "Start of the action's period (YYYY-MM-DD)."),
            ("period_end", "TEXT", "End of the action's period (YYYY-MM-DD)."),
            ("instrument", "TEXT", "Convention or Avenant, when printed."),
            ("nature", "TEXT", "Nature of the aid, when printed (minutes)."),
            ("in_kind", "INTEGER", "1 if an aid in kind (not money)."),
            ("vote_for", "INTEGER", "Pour, when a vote is printed for this line (minutes)."),
            ("vote_against", "INTEGER", "Contre, when a vote is printed for this line."),
            ("vote_abstention", "INTEGER", "Abstention, when a vote is printed for this line."),
        ),
        facets=("collectivity", "year", "theme", "operation", "beneficiary"),
        search=("beneficiary", "printed_beneficiary", "theme", "operation", "territory", "description"),
        sort_desc="amount_cents",
        references={
            "deliberation_id": ("deliberations", "deliberation_id"),
            "beneficiary_id": ("beneficiaries", "beneficiary_id"),
            **_WITH_PROVENANCE,
        },
    ),
    Table(
        "checks",
        "Checks",
        "Cross-checks run on each current deliberation (grant lines sum to the printed totals, votes add up "
        "to the members...): passed or failed, with what was expected and found.",
        f"""SELECT t.row_id AS check_id, t.deliberation_id, d.collectivity,
               CAST(d.session_date AS VARCHAR) AS session_date, d.number, t.name, t.passed, t.expected, t.found,
               t.detail, {_PROVENANCE}
           FROM checks t JOIN current_deliberations d USING (deliberation_id)
           JOIN documents doc ON doc.document_id = t.document_id
           ORDER BY d.session_date, d.number, t.ordinal""",
        _cols(
            ("check_id", "INTEGER PRIMARY KEY", "Identifier of the check row."),
            ("deliberation_id", "INTEGER", "The deliberation checked (deliberations)."),
            ("collectivity", "TEXT", "Collectivity as printed."),
            ("session_date", "TEXT", "Date of the meeting (YYYY-MM-DD)."),
            ("number", "TEXT", "Deliberation number as printed."),
            ("name", "TEXT", "Name of the check (e.g. grants.operation_total)."),
            ("passed", "INTEGER", "1 if the check held, 0 if it failed."),
            ("expected", "TEXT", "Expected value (amounts in euros)."),
            ("found", "TEXT", "Value found (amounts in euros)."),
            ("detail", "TEXT", "What was checked."),
        ),
        facets=("passed", "name", "collectivity"),
        sort="passed",  # failed first
        references={"deliberation_id": ("deliberations", "deliberation_id"), **_WITH_PROVENANCE},
    ),
)


class SqliteExportError(DelibError):
    """The SQLite export could not be written."""


@dataclass
class SqliteExport:
    path: Path
    metadata_path: Path
    rows: dict[str, int]


def columns(table: Table) -> list[Col]:
    """SQLite columns of a table, in order; a MONEY column gives two: the text and the cents."""
    out: list[Col] = []
    for c in table.columns:
        if c.type == "MONEY":
            out.append(Col(c.name, "TEXT", f"{c.description}: exact decimal as text, e.g. 115069.00."))
            out.append(
                Col(
                    f"{c.name}_cents",
                    "INTEGER",
                    f"{c.description}, in cents (exact integer: sort, filter and sum).",
                )
            )
        else:
            out.append(c)
    if "sha256" in table.references:  # a row read from a file: where it was read
        out += [c for c in _PROVENANCE_COLUMNS if c.name not in {o.name for o in out}]
    return out + list(table.computed)


def _matieres(con: duckdb.DuckDBPyConnection) -> dict[int, list[Any]]:
    """The ACTES matière of each current deliberation, as the SCDL export chooses it (no facts)."""
    from delib.warehouse.scdl import ACTES_NAMES
    from delib.warehouse.scdl_completion import contexts, matiere_of

    out: dict[int, list[Any]] = {}
    for did, ctx in contexts(con).items():
        m = matiere_of(ctx)
        out[did] = [m.code, ACTES_NAMES.get(m.code, m.name), m.rule, m.confidence]
    return out


_COMPUTED = {"deliberations": _matieres}


def _cents(value: Decimal) -> int:
    cents = value * 100
    if cents != cents.to_integral_value():
        raise SqliteExportError(f"amount {value} has more than 2 decimals")
    return int(cents)


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, Decimal):  # only MONEY columns are decimals (checked in _rows)
        raise SqliteExportError(f"decimal {value} outside a money column")
    return value


def _rows(con: duckdb.DuckDBPyConnection, table: Table) -> Iterator[list[Any]]:
    money = [c.type == "MONEY" for c in table.columns] + [False] * len(_PROVENANCE_COLUMNS)
    computed = _COMPUTED[table.name](con) if table.computed else {}  # before the cursor below opens
    cur = con.execute(table.sql)
    while batch := cur.fetchmany(1000):
        for rec in batch:
            row: list[Any] = []
            for value, is_money in zip(rec, money, strict=False):
                if is_money:
                    amount = value if isinstance(value, Decimal) or value is None else Decimal(str(value))
                    row += [None, None] if amount is None else [format(amount, "f"), _cents(amount)]
                else:
                    row.append(_cell(value))
            if table.computed:
                row += computed.get(int(rec[0]), [None] * len(table.computed))
            yield row


def _ddl(table: Table) -> str:
    cols = [f'"{c.name}" {c.type}' for c in columns(table)]
    fks = [f'FOREIGN KEY ("{c}") REFERENCES "{t}"("{k}")' for c, (t, k) in table.references.items()]
    return f'CREATE TABLE "{table.name}" ({", ".join(cols + fks)})'


def _fts(db: sqlite3.Connection, table: Table) -> None:
    """An external-content FTS5 index (Datasette finds it by ``content="TABLE"``), accents ignored."""
    pk = table.columns[0].name
    names = ", ".join(f'"{c}"' for c in table.search)
    db.execute(
        f'CREATE VIRTUAL TABLE "{table.name}_fts" USING fts5({names}, content="{table.name}", '
        f"content_rowid=\"{pk}\", tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(f'INSERT INTO "{table.name}_fts"("{table.name}_fts") VALUES (\'rebuild\')')


def metadata(
    database: str, collectivities: Sequence[str], n_files: int, title: str | None = None
) -> dict[str, Any]:
    """Datasette metadata: titles, column descriptions, source, licence, facets, search."""
    source = "Deliberations published by " + (", ".join(collectivities) or "the collectivities")
    tables: dict[str, Any] = {}
    for t in TABLES:
        meta: dict[str, Any] = {
            "title": t.title,
            "description": t.description,
            "columns": {c.name: c.description for c in columns(t)},
        }
        if t.facets:
            meta["facets"] = list(t.facets)
        if t.search:
            meta["fts_table"], meta["fts_pk"] = f"{t.name}_fts", t.columns[0].name
        if t.sort_desc:
            meta["sort_desc"] = t.sort_desc
        if t.sort:
            meta["sort"] = t.sort
        if t.label:
            meta["label_column"] = t.label
        tables[t.name] = meta
    info = {
        "title": title or "Deliberations, votes and grants",
        "description": (
            f"{n_files} published file(s) read by delib: every deliberation, vote and grant line, each with "
            "the file, page and box it was read from. Amounts in euros, exact (amount as decimal text, "
            "amount_cents as integer)."
        ),
        "source": source,
        "license": LICENCE,
        "license_url": LICENCE_URL,
    }
    return {**info, "databases": {database: {**info, "tables": tables}}}


def export_sqlite(
    con: duckdb.DuckDBPyConnection,
    out: Path,
    metadata_path: Path | None = None,
    *,
    title: str | None = None,
) -> SqliteExport:
    """Write the warehouse's current data to the SQLite file ``out`` and its Datasette metadata."""
    meta_path = metadata_path or out.with_name(out.stem + ".metadata.json")
    if out.resolve() == meta_path.resolve():
        raise SqliteExportError("the metadata file cannot be the database file", out)
    for p in (out, meta_path):
        if p.is_dir():
            raise SqliteExportError("is a folder; give a file name", p)
    try:
        for p in (out, meta_path):
            p.parent.mkdir(parents=True, exist_ok=True)
        return _export(con, out, meta_path, title)
    except OSError as exc:
        raise SqliteExportError(f"cannot write: {exc.strerror or exc}", exc.filename or out) from exc
    except sqlite3.Error as exc:
        raise SqliteExportError(f"cannot write the SQLite file: {exc}", out) from exc


def _export(con: duckdb.DuckDBPyConnection, out: Path, meta_path: Path, title: str | None) -> SqliteExport:
    counts: dict[str, int] = {}
    with replacing(out) as tmp_db, replacing(meta_path) as tmp_meta:
        db = sqlite3.connect(tmp_db)
        try:
            for t in TABLES:
                db.execute(_ddl(t))
                marks = ", ".join("?" for _ in columns(t))
                db.executemany(f'INSERT INTO "{t.name}" VALUES ({marks})', _rows(con, t))
                counts[t.name] = db.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0]
                if t.search:
                    _fts(db, t)
            db.commit()
        finally:
            db.close()
        collectivities = sorted(
            str(c)
            for (c,) in con.execute(
                "SELECT DISTINCT collectivity FROM current_deliberations WHERE collectivity IS NOT NULL"
            ).fetchall()
        )
        meta = metadata(out.stem, collectivities, counts["documents"], title)
        tmp_meta.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return SqliteExport(out, meta_path, counts)
