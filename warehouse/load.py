"""Loading one ``Publication`` into the warehouse: one transaction, bulk inserts, supersession.

``load_publication`` is the library call the CLI and the batch job use.  A document is identified
by the SHA-256 of its bytes: loading the same bytes again changes nothing (``unchanged``).  A new
file carrying a deliberation already loaded (same collectivity key and number) supersedes the
older version: the old row gets ``valid_to`` and ``superseded_by`` and stays queryable
(``superseded``).  Each table's rows of a document go in with one Arrow ``INSERT ... SELECT``.
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
    from delib.models import BudgetLine, Deliberation, Located, Problem, Publication
from delib.warehouse.names import key, member_key

PROV_COLS: list[tuple[str, str]] = [
    ("sha256", "string"),
    ("page", "int32"),
    ("bbox_x0", "float64"),
    ("bbox_top", "float64"),
    ("bbox_x1", "float64"),
    ("bbox_bottom", "float64"),
    ("rule", "string"),
]
_CHILD = [("row_id", "int64"), ("deliberation_id", "int64"), ("document_id", "int64")]

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "deliberations": [
        ("deliberation_id", "int64"),
        ("document_id", "int64"),
        ("session_id", "int64"),
        ("ordinal", "int32"),
        ("collectivity", "string"),
        ("collectivity_key", "string"),
        ("instance", "string"),
        ("session_date", "date32"),
        ("number", "string"),
        ("acts_id", "string"),
        ("title", "string"),
        ("president", "string"),
        ("secretary", "string"),
        ("place", "string"),
        ("signed_date", "date32"),
        ("report_number", "string"),
        ("n_present", "int32"),
        ("n_excused", "int32"),
        ("n_absent", "int32"),
        ("n_recused", "int32"),
        ("n_grants", "int32"),
        ("version", "int32"),
        ("valid_from", "timestamp"),
        ("rapporteur", "string"),
        *PROV_COLS,
    ],
    "attendance": [
        *_CHILD,
        ("ordinal", "int32"),
        ("status", "string"),
        ("name", "string"),
        ("name_key", "string"),
        ("proxy_to", "string"),
        *PROV_COLS,
    ],
    "recusals": [
        *_CHILD,
        ("ordinal", "int32"),
        ("name", "string"),
        ("name_key", "string"),
        ("was_present", "bool"),
        *PROV_COLS,
    ],
    "citations": [
        *_CHILD,
        ("ordinal", "int32"),
        ("text", "string"),
        ("refers_to_number", "string"),
        ("refers_to_date", "date32"),
        *PROV_COLS,
    ],
    "articles": [
        *_CHILD,
        ("number", "int32"),
        ("text", "string"),
        ("amounts", "decimal_list"),
        *PROV_COLS,
    ],
    "budget_lines": [
        *_CHILD,
        ("ordinal", "int32"),
        ("part", "string"),
        ("report_number", "string"),
        ("operation_code", "string"),
        ("imputation", "string"),
        ("label", "string"),
        ("ae", "decimal"),
        ("available", "decimal"),
        ("proposed", "decimal"),
        ("expense", "decimal"),
        ("balance", "decimal"),
        *PROV_COLS,
    ],
    "votes": [
        *_CHILD,
        ("vote_for", "int32"),
        ("vote_against", "int32"),
        ("abstention", "int32"),
        ("absent_without_proxy", "int32"),
        ("not_voting", "int32"),
        ("adopted", "bool"),
        ("unanimous", "bool"),
        ("text", "string"),
        *PROV_COLS,
    ],
    "vote_groups": [
        *_CHILD,
        ("category", "string"),
        ("ordinal", "int32"),
        ("group_name", "string"),
        *PROV_COLS,
    ],
    "grants": [
        *_CHILD,
        ("ordinal", "int32"),
        ("annex", "string"),
        ("theme", "string"),
        ("operation", "string"),
        ("territory", "string"),
        ("beneficiary", "string"),
        ("beneficiary_key", "string"),
        ("places", "int32"),
        ("description", "string"),
        ("period_start", "date32"),
        ("period_end", "date32"),
        ("amount", "decimal"),
        ("instrument", "string"),
        ("nature", "string"),
        ("in_kind", "bool"),
        ("requested", "decimal"),
        ("vote_for", "int32"),
        ("vote_against", "int32"),
        ("vote_abstention", "int32"),
        ("vote_adopted", "bool"),
        *PROV_COLS,
    ],
    "grant_totals": [
        *_CHILD,
        ("ordinal", "int32"),
        ("theme", "string"),
        ("operation", "string"),
        ("label", "string"),
        ("level", "string"),
        ("places", "int32"),
        ("amount", "decimal"),
        *PROV_COLS,
    ],
    "imputations": [
        *_CHILD,
        ("ordinal", "int32"),
        ("budget", "string"),
        ("section", "string"),
        ("chapter", "string"),
        ("nature", "string"),
        ("fonction", "string"),
        ("credit_line", "string"),
        ("operation", "string"),
        ("amount", "decimal"),
        ("text", "string"),
        *PROV_COLS,
    ],
    "other_items": [
        ("row_id", "int64"),
        ("document_id", "int64"),
        ("ordinal", "int32"),
        ("kind", "string"),
        ("number", "string"),
        ("title", "string"),
        ("session_date", "date32"),
        ("vote_for", "int32"),
        ("vote_against", "int32"),
        ("abstention", "int32"),
        ("adopted", "bool"),
        ("unanimous", "bool"),
        ("vote_text", "string"),
        *PROV_COLS,
    ],
    "checks": [
        *_CHILD,
        ("ordinal", "int32"),
        ("name", "string"),
        ("passed", "bool"),
        ("expected", "string"),
        ("found", "string"),
        ("detail", "string"),
        *PROV_COLS,
    ],
    "proposals": [
        *_CHILD,
        ("ordinal", "int32"),
        ("text", "string"),
        ("amount", "decimal"),
        ("beneficiary", "string"),
        ("beneficiary_key", "string"),
        ("operation", "string"),
        ("theme", "string"),
        *PROV_COLS,
    ],
    "issues": [
        ("issue_id", "int64"),
        ("document_id", "int64"),
        ("deliberation_id", "int64"),
        ("path", "string"),
        ("origin", "string"),
        ("kind", "string"),
        ("message", "string"),
        ("raw", "string"),
        ("created_at", "timestamp"),
        *PROV_COLS,
    ],
}

#: the tables a document fills, in load order
TABLES = tuple(COLUMNS)


@dataclass(frozen=True)
class LoadResult:
    status: str  # "loaded" | "unchanged" | "superseded"
    document_id: int
    rows: dict[str, int] = field(default_factory=dict)
    superseded: tuple[int, ...] = ()


def _prov(rec: Located | None, sha: str) -> tuple[Any, ...]:
    if rec is None:
        return (sha, None, None, None, None, None, None)
    b = rec.bbox
    return (sha, rec.page, *(b if b else (None, None, None, None)), rec.rule)


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


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple[Any, ...]]) -> int:
    if not rows:
        return 0
    import pyarrow as pa  # imported on first load only: a re-ingest of known files never needs it

    types = {
        "int64": pa.int64(), "int32": pa.int32(), "string": pa.string(), "date32": pa.date32(),
        "float64": pa.float64(), "bool": pa.bool_(), "timestamp": pa.timestamp("us"),
        "decimal": pa.decimal128(18, 2), "decimal_list": pa.list_(pa.decimal128(18, 2)),
    }  # fmt: skip
    cols = COLUMNS[table]
    arrays = [pa.array([r[i] for r in rows], type=types[t]) for i, (_, t) in enumerate(cols)]
    frame = pa.Table.from_arrays(arrays, names=[c for c, _ in cols])
    names = ", ".join(c for c, _ in cols)
    view = f"_load_{table}"
    con.register(view, frame)
    try:
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view}").fetchall()
    except BaseException:
        _quiet_unregister(con, view)
        raise
    con.unregister(view)
    return len(rows)


def _quiet_unregister(con: duckdb.DuckDBPyConnection, view: str) -> None:
    """Drop a registered frame after a failure without masking the failure."""
    try:
        con.unregister(view)
    except duckdb.Error:
        pass


class _Rows:
    """Rows of one document, per table, with row ids drawn from one sequence."""

    def __init__(self) -> None:
        self.tables: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.tables[table].append(row)


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
        con.execute(
            "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                sid,
                d.collectivity,
                ident[0],
                d.instance,
                ident[1],
                d.session_date,
                document_id,
                *_prov(d, sha),
            ],
        )
    cache[ident] = sid
    return sid


def _deliberation_rows(
    rows: _Rows, d: Deliberation, did: int, doc_id: int, sha: str, path: str, ids: list[int]
) -> None:
    """Rows of the child tables of one deliberation (row ids popped from ``ids``)."""

    def child(*values: Any) -> tuple[Any, ...]:
        return (ids.pop(), did, doc_id, *values)

    att = d.attendance
    present_keys = {member_key(n) for n in att.present}
    listed: dict[str, int] = {}
    for status, names in (
        ("present", att.present),
        ("excused", att.excused),
        ("absent", att.absent),
        ("non_voting_present", att.non_voting_present),
        ("non_voting_excused", att.non_voting_excused),
    ):
        for i, name in enumerate(names):
            listed[member_key(name)] = len(rows.tables["attendance"])
            rows.add("attendance", child(i, status, name, member_key(name), None, *_prov(att, sha)))
    for i, proxy in enumerate(att.proxies):
        k = member_key(proxy.from_)
        if k in listed:
            idx = listed[k]
            r = list(rows.tables["attendance"][idx])
            r[7] = proxy.to  # proxy_to
            rows.tables["attendance"][idx] = tuple(r)
        else:
            rows.add("attendance", child(i, "proxy", proxy.from_, k, proxy.to, *_prov(att, sha)))
    for i, name in enumerate(d.recused):
        k = member_key(name)
        rows.add("recusals", child(i, name, k, k in present_keys if att.present else None, *_prov(d, sha)))
    for i, c in enumerate(d.citations):
        ref = c.refers_to
        rows.add(
            "citations",
            child(i, c.text, ref.number if ref else None, ref.date if ref else None, *_prov(c, sha)),
        )
    for a in d.articles:
        rows.add("articles", child(a.number, a.text, list(a.amounts), *_prov(a, sha)))
    lines: list[tuple[str, str | None, BudgetLine]] = [("deliberation", None, b) for b in d.budget_lines]
    if d.report is not None:
        lines += [("report", d.report.number, b) for b in d.report.budget_lines]
    for i, (part, rnum, b) in enumerate(lines):
        rows.add(
            "budget_lines",
            child(
                i, part, rnum, b.operation_code, b.imputation, b.label,
                b.ae, b.available, b.proposed, b.expense, b.balance, *_prov(b, sha),
            ),
        )  # fmt: skip
    v = d.vote
    if v is not None:
        rows.add(
            "votes",
            child(
                v.for_, v.against, v.abstention, v.absent_without_proxy, v.not_voting,
                v.adopted, v.unanimous, v.text, *_prov(v, sha),
            ),
        )  # fmt: skip
        for category, groups in v.groups.items():
            for i, group_name in enumerate(groups):
                rows.add("vote_groups", child(category, i, group_name, *_prov(v, sha)))
    for i, g in enumerate(d.grants):
        rows.add(
            "grants",
            child(
                i, g.annex, g.theme, g.operation, g.territory, g.beneficiary, key(g.beneficiary),
                g.places, g.description, g.period_start, g.period_end, g.amount, g.instrument,
                g.nature, g.in_kind, g.requested,
                g.vote.for_ if g.vote else None, g.vote.against if g.vote else None,
                g.vote.abstention if g.vote else None, g.vote.adopted if g.vote else None, *_prov(g, sha),
            ),
        )  # fmt: skip
    for i, imp in enumerate(d.imputations):
        rows.add(
            "imputations",
            child(
                i, imp.budget, imp.section, imp.chapter, imp.nature, imp.fonction, imp.credit_line,
                imp.operation, imp.amount, imp.text, *_prov(imp, sha),
            ),
        )  # fmt: skip
    for i, t in enumerate(d.grant_totals):
        rows.add(
            "grant_totals",
            child(i, t.theme, t.operation, t.label, str(t.level), t.places, t.amount, *_prov(t, sha)),
        )
    for i, p in enumerate(d.proposals):
        rows.add(
            "proposals",
            child(
                i, p.text, p.amount, p.beneficiary, key(p.beneficiary) if p.beneficiary else None,
                p.operation, p.theme, *_prov(p, sha),
            ),
        )  # fmt: skip
    now = _now()
    for i, chk in enumerate(d.checks):
        prov = (sha, chk.page, None, None, None, None, None)
        rows.add("checks", child(i, chk.name, chk.passed, chk.expected, chk.found, chk.detail, *prov))
        if not chk.passed:
            message = f"check {chk.name} failed: expected {chk.expected}, found {chk.found}"
            if chk.detail:
                message += f" ({chk.detail})"
            rows.add("issues", (None, doc_id, did, path, "check", chk.name, message, None, now, *prov))
    for prob in d.problems:
        rows.add("issues", _problem_row(prob, doc_id, did, path, "deliberation", sha, now))


def _problem_row(
    p: Problem, doc_id: int, did: int | None, path: str, origin: str, sha: str, now: dt.datetime
) -> tuple[Any, ...]:
    return (None, doc_id, did, path, origin, p.kind, p.message, p.raw, now, *_prov(p, sha))


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


def _load(con: duckdb.DuckDBPyConnection, pub: Publication, source: str | None) -> LoadResult:
    sha = pub.file.sha256
    path = pub.file.path
    now = _now()
    doc_id = _ids(con, "seq_document_id", 1)[0]
    try:
        size: int | None = Path(path).stat().st_size
    except OSError:
        size = None
    n_problems = len(pub.problems) + sum(len(d.problems) for d in pub.deliberations)
    con.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            doc_id, sha, path, os.path.basename(path), pub.file.pages, size, pub.schema_version,
            pub.extractor_version, source, len(pub.deliberations), n_problems, now,
        ],
    )  # fmt: skip
    rows = _Rows()
    delib_ids = _ids(con, "seq_deliberation_id", len(pub.deliberations))
    n_children = sum(_count_children(d) for d in pub.deliberations)
    child_ids = _ids(con, "seq_row_id", n_children)
    child_ids.reverse()
    sessions: dict[tuple[Any, ...], int] = {}
    superseded: list[tuple[int, int]] = []  # (old id, new id)
    for ordinal, (d, did) in enumerate(zip(pub.deliberations, delib_ids, strict=True)):
        ckey = key(d.collectivity or "") or None
        version = 1
        for old_id, old_version in _previous_versions(con, d, ckey):
            superseded.append((old_id, did))
            version = max(version, old_version + 1)
        sid = _session_id(con, d, doc_id, sha, sessions)
        att = d.attendance
        rows.add(
            "deliberations",
            (
                did, doc_id, sid, ordinal, d.collectivity, ckey, d.instance, d.session_date, d.number,
                d.acts_id, d.title, d.president, d.secretary, d.place, d.signed_date,
                d.report.number if d.report else None,
                len(att.present) if att.present else None,
                len(att.excused) if att.present else None,
                len(att.absent) if att.present else None,
                len(d.recused), len(d.grants), version, now, d.rapporteur, *_prov(d, sha),
            ),
        )  # fmt: skip
        _deliberation_rows(rows, d, did, doc_id, sha, path, child_ids)
    for p in pub.problems:
        rows.add("issues", _problem_row(p, doc_id, None, path, "publication", sha, now))
    other_ids = _ids(con, "seq_row_id", len(pub.other_items))
    for i, (o, rid) in enumerate(zip(pub.other_items, other_ids, strict=True)):
        v = o.vote
        rows.add(
            "other_items",
            (
                rid, doc_id, i, str(o.kind), o.number, o.title, o.session_date,
                v.for_ if v else None, v.against if v else None, v.abstention if v else None,
                v.adopted if v else None, v.unanimous if v else None, v.text if v else None, *_prov(o, sha),
            ),
        )  # fmt: skip
        for prob in o.problems:
            rows.add("issues", _problem_row(prob, doc_id, None, path, "other_item", sha, now))
    issue_ids = _ids(con, "seq_issue_id", len(rows.tables["issues"]))
    rows.tables["issues"] = [(i, *r[1:]) for i, r in zip(issue_ids, rows.tables["issues"], strict=True)]
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


__all__ = ["COLUMNS", "LoadResult", "has_document", "known_hashes", "load_publication", "record_failure"]
