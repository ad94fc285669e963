"""Loading one ``Publication`` into the warehouse: one transaction, bulk inserts, supersession.

``load_publication`` is the library call the CLI and the batch job use.  A document is identified
by the SHA-256 of its bytes: loading the same bytes again changes nothing (``unchanged``).  A new
file carrying a deliberation already loaded (same collectivity key and number) supersedes the
older version: the old row gets ``valid_to`` and ``superseded_by`` and stays queryable
(``superseded``).  Each table's rows of a document go in with one Arrow ``INSERT ... SELECT``.

A row is a ``dict`` keyed by column name.  The column types are not written here: the Arrow
schema of each insert is the table's own, read from the database (the SQL migrations are the one
place the schema is declared); a row naming a column the table lacks is an error, and a column
no row names is left NULL, as in SQL.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

if TYPE_CHECKING:
    from delib.models import Attendance, BudgetLine, Deliberation, Located, Problem, Publication
from delib.warehouse.names import key, member_key

#: one row of a table, keyed by column name
Row = dict[str, Any]

#: the tables a document fills, in load order
TABLES = (
    "deliberations",
    "attendance",
    "recusals",
    "citations",
    "articles",
    "budget_lines",
    "votes",
    "vote_groups",
    "grants",
    "grant_totals",
    "imputations",
    "other_items",
    "checks",
    "proposals",
    "issues",
)


@dataclass(frozen=True)
class LoadResult:
    status: str  # "loaded" | "unchanged" | "superseded"
    document_id: int
    rows: dict[str, int] = field(default_factory=dict)
    superseded: tuple[int, ...] = ()


def _prov(rec: Located | None, sha: str) -> Row:
    """The provenance columns of a row: file, page, box and rule of the record."""
    b = rec.bbox if rec is not None else None
    x0, top, x1, bottom = b if b else (None, None, None, None)
    return {
        "sha256": sha,
        "page": rec.page if rec is not None else None,
        "bbox_x0": x0,
        "bbox_top": top,
        "bbox_x1": x1,
        "bbox_bottom": bottom,
        "rule": rec.rule if rec is not None else None,
    }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def has_document(con: duckdb.DuckDBPyConnection, sha256: str) -> bool:
    """True if a file with these bytes is already loaded."""
    return bool(con.execute("SELECT 1 FROM documents WHERE sha256 = ? LIMIT 1", [sha256]).fetchall())


def known_hashes(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {str(s) for (s,) in con.execute("SELECT sha256 FROM documents").fetchall()}


def record_failure(
    con: duckdb.DuckDBPyConnection,
    *,
    path: str | os.PathLike[str],
    sha256: str | None,
    kind: str,
    reason: str,
) -> None:
    """Record a file that could not be loaded (an ``issues`` row, origin ``ingest``).

    Recording the same failure (same file bytes, kind and reason) twice adds nothing.
    """
    con.begin()
    try:
        dup = con.execute(
            """SELECT 1 FROM issues WHERE origin = 'ingest' AND sha256 IS NOT DISTINCT FROM ?
               AND kind = ? AND message = ? AND path = ? LIMIT 1""",
            [sha256, kind, reason, str(path)],
        ).fetchall()
        if not dup:
            con.execute(
                """INSERT INTO issues (issue_id, path, origin, kind, message, created_at, sha256)
                   VALUES (nextval('seq_issue_id'), ?, 'ingest', ?, ?, ?, ?)""",
                [str(path), kind, reason, _now(), sha256],
            )
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _ids(con: duckdb.DuckDBPyConnection, seq: str, n: int) -> list[int]:
    if n == 0:
        return []
    return [int(r[0]) for r in con.execute(f"SELECT nextval('{seq}') FROM range(?)", [n]).fetchall()]


def _columns(rows: Sequence[Row], table: str) -> list[str]:
    """The columns the rows name (the first row's, in its order); every row must name the same."""
    names = list(rows[0])
    for r in rows:
        if r.keys() != rows[0].keys():
            raise ValueError(f"rows of {table} name different columns: {sorted(r)} and {sorted(rows[0])}")
    return names


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Row]) -> int:
    """Insert rows in one Arrow ``INSERT ... SELECT``, typed by the table's own columns."""
    if not rows:
        return 0
    import pyarrow as pa  # imported on first load only: a re-ingest of known files never needs it

    names = ", ".join(_columns(rows, table))
    try:
        schema = con.sql(f"SELECT {names} FROM {table} LIMIT 0").to_arrow_table().schema
    except duckdb.BinderException as exc:
        raise ValueError(f"a row of {table} names a column the table lacks: {exc}") from exc
    frame = pa.Table.from_pylist(list(rows), schema=schema)
    view = f"_load_{table}"
    con.register(view, frame)
    try:
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view}").fetchall()
    except BaseException:
        _quiet_unregister(con, view)
        raise
    con.unregister(view)
    return len(rows)


def _insert_one(con: duckdb.DuckDBPyConnection, table: str, row: Row) -> None:
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    con.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))


def _quiet_unregister(con: duckdb.DuckDBPyConnection, view: str) -> None:
    """Drop a registered frame after a failure without masking the failure."""
    try:
        con.unregister(view)
    except duckdb.Error:
        pass


class _Rows:
    """Rows of one document, per table."""

    def __init__(self, doc_id: int, sha: str, path: str, now: dt.datetime) -> None:
        self.doc_id, self.sha, self.path, self.now = doc_id, sha, path, now
        self.tables: dict[str, list[Row]] = {t: [] for t in TABLES}

    def add(self, table: str, row: Row) -> Row:
        self.tables[table].append(row)
        return row

    def issue(
        self, did: int | None, origin: str, kind: str, message: str, raw: str | None, prov: Row
    ) -> None:
        """An ``issues`` row (its id is drawn when the document's rows are complete)."""
        self.add(
            "issues",
            {
                "issue_id": None, "document_id": self.doc_id, "deliberation_id": did, "path": self.path,
                "origin": origin, "kind": kind, "message": message, "raw": raw, "created_at": self.now,
                **prov,
            },
        )  # fmt: skip

    def problem(self, p: Problem, did: int | None, origin: str) -> None:
        self.issue(did, origin, p.kind, p.message, p.raw, _prov(p, self.sha))


class _Children:
    """Rows of the child tables of one deliberation, row ids popped from ``ids``."""

    def __init__(self, rows: _Rows, did: int, ids: list[int]) -> None:
        self.rows, self.did, self.ids = rows, did, ids

    def add(self, table: str, rec: Located | None, **values: Any) -> Row:
        head = {"row_id": self.ids.pop(), "deliberation_id": self.did, "document_id": self.rows.doc_id}
        return self.rows.add(table, head | values | _prov(rec, self.rows.sha))


def _session_id(
    con: duckdb.DuckDBPyConnection,
    d: Deliberation,
    document_id: int,
    sha: str,
    cache: dict[tuple[Any, ...], int],
) -> int | None:
    if d.session_date is None:
        return None
    ident = (key(d.collectivity or "") or None, key(d.instance or "") or None, d.session_date)
    if ident in cache:
        return cache[ident]
    row = con.execute(
        """SELECT session_id FROM sessions WHERE collectivity_key IS NOT DISTINCT FROM ?
           AND instance_key IS NOT DISTINCT FROM ? AND session_date = ?""",
        list(ident),
    ).fetchall()
    if row:
        sid = int(row[0][0])
    else:
        sid = _ids(con, "seq_session_id", 1)[0]
        _insert_one(
            con,
            "sessions",
            {
                "session_id": sid,
                "collectivity": d.collectivity,
                "collectivity_key": ident[0],
                "instance": d.instance,
                "instance_key": ident[1],
                "session_date": d.session_date,
                "first_document_id": document_id,
                **_prov(d, sha),
            },
        )
    cache[ident] = sid
    return sid


def _attendance_rows(c: _Children, att: Attendance) -> None:
    listed: dict[str, Row] = {}
    for status, names in (
        ("present", att.present),
        ("excused", att.excused),
        ("absent", att.absent),
        ("non_voting_present", att.non_voting_present),
        ("non_voting_excused", att.non_voting_excused),
    ):
        for i, name in enumerate(names):
            k = member_key(name)
            listed[k] = c.add(
                "attendance", att, ordinal=i, status=status, name=name, name_key=k, proxy_to=None
            )
    for i, proxy in enumerate(att.proxies):
        k = member_key(proxy.from_)
        if k in listed:
            listed[k]["proxy_to"] = proxy.to
        else:
            c.add(
                "attendance", att, ordinal=i, status="proxy", name=proxy.from_, name_key=k, proxy_to=proxy.to
            )


def _text_rows(c: _Children, d: Deliberation) -> None:
    """Recusals, citations and articles."""
    present_keys = {member_key(n) for n in d.attendance.present}
    for i, name in enumerate(d.recused):
        k = member_key(name)
        was_present = k in present_keys if d.attendance.present else None
        c.add("recusals", d, ordinal=i, name=name, name_key=k, was_present=was_present)
    for i, cit in enumerate(d.citations):
        ref = cit.refers_to
        c.add(
            "citations",
            cit,
            ordinal=i,
            text=cit.text,
            refers_to_number=ref.number if ref else None,
            refers_to_date=ref.date if ref else None,
        )
    for a in d.articles:
        c.add("articles", a, number=a.number, text=a.text, amounts=list(a.amounts))


def _budget_line_rows(c: _Children, d: Deliberation) -> None:
    lines: list[tuple[str, str | None, BudgetLine]] = [("deliberation", None, b) for b in d.budget_lines]
    if d.report is not None:
        lines += [("report", d.report.number, b) for b in d.report.budget_lines]
    for i, (part, rnum, b) in enumerate(lines):
        c.add(
            "budget_lines", b, ordinal=i, part=part, report_number=rnum, operation_code=b.operation_code,
            imputation=b.imputation, label=b.label, ae=b.ae, available=b.available, proposed=b.proposed,
            expense=b.expense, balance=b.balance,
        )  # fmt: skip


def _vote_rows(c: _Children, d: Deliberation) -> None:
    v = d.vote
    if v is None:
        return
    c.add(
        "votes", v, vote_for=v.for_, vote_against=v.against, abstention=v.abstention,
        absent_without_proxy=v.absent_without_proxy, not_voting=v.not_voting, adopted=v.adopted,
        unanimous=v.unanimous, text=v.text,
    )  # fmt: skip
    for category, groups in v.groups.items():
        for i, group_name in enumerate(groups):
            c.add("vote_groups", v, category=category, ordinal=i, group_name=group_name)


def _grant_rows(c: _Children, d: Deliberation) -> None:
    """Grants and the totals printed under them."""
    for i, g in enumerate(d.grants):
        gv = g.vote
        c.add(
            "grants", g, ordinal=i, annex=g.annex, theme=g.theme, operation=g.operation,
            territory=g.territory, beneficiary=g.beneficiary, beneficiary_key=key(g.beneficiary),
            places=g.places, description=g.description, period_start=g.period_start,
            period_end=g.period_end, amount=g.amount, instrument=g.instrument, nature=g.nature,
            in_kind=g.in_kind, requested=g.requested,
            vote_for=gv.for_ if gv else None, vote_against=gv.against if gv else None,
            vote_abstention=gv.abstention if gv else None, vote_adopted=gv.adopted if gv else None,
        )  # fmt: skip


def _amount_rows(c: _Children, d: Deliberation) -> None:
    """Imputations, grant totals and proposals in prose."""
    for i, imp in enumerate(d.imputations):
        c.add(
            "imputations", imp, ordinal=i, budget=imp.budget, section=imp.section, chapter=imp.chapter,
            nature=imp.nature, fonction=imp.fonction, credit_line=imp.credit_line,
            operation=imp.operation, amount=imp.amount, text=imp.text,
        )  # fmt: skip
    for i, t in enumerate(d.grant_totals):
        c.add(
            "grant_totals", t, ordinal=i, theme=t.theme, operation=t.operation, label=t.label,
            level=str(t.level), places=t.places, amount=t.amount,
        )  # fmt: skip
    for i, p in enumerate(d.proposals):
        c.add(
            "proposals", p, ordinal=i, text=p.text, amount=p.amount, beneficiary=p.beneficiary,
            beneficiary_key=key(p.beneficiary) if p.beneficiary else None, operation=p.operation,
            theme=p.theme,
        )  # fmt: skip


def _check_rows(c: _Children, d: Deliberation) -> None:
    """Checks, a failed one also an issue, and the deliberation's problems."""
    for i, chk in enumerate(d.checks):
        row = c.add(
            "checks", None, ordinal=i, name=chk.name, passed=chk.passed, expected=chk.expected,
            found=chk.found, detail=chk.detail,
        )  # fmt: skip
        row["page"] = chk.page
        if not chk.passed:
            message = f"check {chk.name} failed: expected {chk.expected}, found {chk.found}"
            if chk.detail:
                message += f" ({chk.detail})"
            prov = _prov(None, c.rows.sha) | {"page": chk.page}
            c.rows.issue(c.did, "check", chk.name, message, None, prov)
    for prob in d.problems:
        c.rows.problem(prob, c.did, "deliberation")


def _deliberation_rows(c: _Children, d: Deliberation) -> None:
    """Rows of the child tables of one deliberation."""
    _attendance_rows(c, d.attendance)
    _text_rows(c, d)
    _budget_line_rows(c, d)
    _vote_rows(c, d)
    _grant_rows(c, d)
    _amount_rows(c, d)
    _check_rows(c, d)


def load_publication(
    con: duckdb.DuckDBPyConnection, pub: Publication, *, source: str | None = None
) -> LoadResult:
    """Load one publication in one transaction.

    Returns ``unchanged`` (same bytes already loaded; nothing written), ``loaded``, or
    ``superseded`` (loaded, and at least one deliberation replaced an older version).
    """
    sha = pub.file.sha256
    row = con.execute("SELECT document_id FROM documents WHERE sha256 = ?", [sha]).fetchall()
    if row:
        return LoadResult("unchanged", int(row[0][0]))
    con.begin()
    try:
        result = _load(con, pub, source)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return result


def _document_row(pub: Publication, doc_id: int, source: str | None, now: dt.datetime) -> Row:
    path = pub.file.path
    try:
        size: int | None = Path(path).stat().st_size
    except OSError:
        size = None
    return {
        "document_id": doc_id,
        "sha256": pub.file.sha256,
        "path": path,
        "file_name": os.path.basename(path),
        "pages": pub.file.pages,
        "size_bytes": size,
        "record_schema_version": pub.schema_version,
        "extractor_version": pub.extractor_version,
        "source": source,
        "n_deliberations": len(pub.deliberations),
        "n_problems": len(pub.problems) + sum(len(d.problems) for d in pub.deliberations),
        "loaded_at": now,
    }


def _deliberation_row(
    rows: _Rows, d: Deliberation, did: int, ordinal: int, session_id: int | None, version: int
) -> Row:
    att = d.attendance
    counted = bool(att.present)
    return {
        "deliberation_id": did, "document_id": rows.doc_id, "session_id": session_id, "ordinal": ordinal,
        "collectivity": d.collectivity, "collectivity_key": key(d.collectivity or "") or None,
        "instance": d.instance, "session_date": d.session_date, "number": d.number, "acts_id": d.acts_id,
        "title": d.title, "president": d.president, "secretary": d.secretary, "place": d.place,
        "signed_date": d.signed_date, "report_number": d.report.number if d.report else None,
        "n_present": len(att.present) if counted else None,
        "n_excused": len(att.excused) if counted else None,
        "n_absent": len(att.absent) if counted else None,
        "n_recused": len(d.recused), "n_grants": len(d.grants), "version": version,
        "valid_from": rows.now, "rapporteur": d.rapporteur, **_prov(d, rows.sha),
    }  # fmt: skip


def _other_item_rows(con: duckdb.DuckDBPyConnection, rows: _Rows, pub: Publication) -> None:
    """Items of a compte rendu that are not deliberations, and their problems."""
    other_ids = _ids(con, "seq_row_id", len(pub.other_items))
    for i, (o, rid) in enumerate(zip(pub.other_items, other_ids, strict=True)):
        v = o.vote
        rows.add(
            "other_items",
            {
                "row_id": rid, "document_id": rows.doc_id, "ordinal": i, "kind": str(o.kind),
                "number": o.number, "title": o.title, "session_date": o.session_date,
                "vote_for": v.for_ if v else None, "vote_against": v.against if v else None,
                "abstention": v.abstention if v else None, "adopted": v.adopted if v else None,
                "unanimous": v.unanimous if v else None, "vote_text": v.text if v else None,
                **_prov(o, rows.sha),
            },
        )  # fmt: skip
        for prob in o.problems:
            rows.problem(prob, None, "other_item")


def _load(con: duckdb.DuckDBPyConnection, pub: Publication, source: str | None) -> LoadResult:
    now = _now()
    doc_id = _ids(con, "seq_document_id", 1)[0]
    _insert_one(con, "documents", _document_row(pub, doc_id, source, now))
    rows = _Rows(doc_id, pub.file.sha256, pub.file.path, now)
    delib_ids = _ids(con, "seq_deliberation_id", len(pub.deliberations))
    child_ids = _ids(con, "seq_row_id", sum(_count_children(d) for d in pub.deliberations))
    child_ids.reverse()
    sessions: dict[tuple[Any, ...], int] = {}
    superseded: list[tuple[int, int]] = []  # (old id, new id)
    for ordinal, (d, did) in enumerate(zip(pub.deliberations, delib_ids, strict=True)):
        version = 1
        for old_id, old_version in _previous_versions(con, d, key(d.collectivity or "") or None):
            superseded.append((old_id, did))
            version = max(version, old_version + 1)
        sid = _session_id(con, d, doc_id, rows.sha, sessions)
        rows.add("deliberations", _deliberation_row(rows, d, did, ordinal, sid, version))
        _deliberation_rows(_Children(rows, did, child_ids), d)
    for p in pub.problems:
        rows.problem(p, None, "publication")
    _other_item_rows(con, rows, pub)
    issues = rows.tables["issues"]
    for issue_id, r in zip(_ids(con, "seq_issue_id", len(issues)), issues, strict=True):
        r["issue_id"] = issue_id
    counts = {t: _insert(con, t, rows.tables[t]) for t in TABLES}
    counts["documents"] = 1
    if superseded:
        con.executemany(
            "UPDATE deliberations SET valid_to = ?, superseded_by = ? WHERE deliberation_id = ?",
            [(now, new, old) for old, new in superseded],
        )
    from delib.warehouse.resolve import attach_new_names

    attach_new_names(con)
    return LoadResult(
        "superseded" if superseded else "loaded",
        doc_id,
        {t: n for t, n in counts.items() if n},
        tuple(old for old, _ in superseded),
    )


def _previous_versions(
    con: duckdb.DuckDBPyConnection, d: Deliberation, ckey: str | None
) -> list[tuple[int, int]]:
    """Current versions of the same deliberation: same collectivity key, meeting date and number
    (item numbers of a compte rendu restart at 1 each session); without a number, or without a
    known collectivity, same collectivity key, meeting date and title key (never on less than that:
    two communes' item 1 of the same day are not one deliberation)."""
    if d.number and ckey is not None:
        sql = """SELECT deliberation_id, version FROM deliberations WHERE superseded_by IS NULL
                 AND collectivity_key = ? AND session_date IS NOT DISTINCT FROM ? AND number = ?"""
        params: list[Any] = [ckey, d.session_date, d.number]
    elif d.session_date is not None and d.title and key(d.title):
        sql = """SELECT deliberation_id, version, title FROM deliberations WHERE superseded_by IS NULL
                 AND number IS NOT DISTINCT FROM ? AND collectivity_key IS NOT DISTINCT FROM ?
                 AND session_date = ?"""
        params = [d.number, ckey, d.session_date]
        return [
            (int(i), int(v))
            for i, v, title in con.execute(sql, params).fetchall()
            if key(title or "") == key(d.title)
        ]
    else:
        return []
    return [(int(i), int(v)) for i, v in con.execute(sql, params).fetchall()]


def _count_children(d: Deliberation) -> int:
    att = d.attendance
    n = (
        len(att.present) + len(att.excused) + len(att.absent) + len(att.non_voting_present)
        + len(att.non_voting_excused) + len(att.proxies) + len(d.recused) + len(d.citations)
        + len(d.articles) + len(d.budget_lines) + (len(d.report.budget_lines) if d.report else 0)
        + len(d.grants) + len(d.grant_totals) + len(d.proposals) + len(d.checks) + len(d.imputations)
    )  # fmt: skip
    if d.vote is not None:
        n += 1 + sum(len(g) for g in d.vote.groups.values())
    return n


__all__ = ["TABLES", "LoadResult", "has_document", "known_hashes", "load_publication", "record_failure"]
