"""The questions the CLI asks: a beneficiary's funding history, the audit list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from delib.base.errors import DelibError
from delib.warehouse.names import AliasRule, compare, key
from delib.warehouse.resolve import resolve_in_memory


class NotFoundError(DelibError):
    """Nothing in the warehouse answers the question."""


@dataclass(frozen=True)
class History:
    beneficiary_id: int
    name: str
    matched_by: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    near: tuple[str, ...] = ()  # aliases-file lines that would merge a related organisation


_MAPPING = "_history_names"


def _register_mapping(con: duckdb.DuckDBPyConnection, rules: Sequence[AliasRule] | None) -> None:
    """A relation (alias, cid, canonical): the stored resolution, or one computed with ``rules``."""
    if rules is None:
        rel = con.sql(
            "SELECT alias, beneficiary_id AS cid, canonical FROM beneficiary_merges"
        ).to_arrow_table()
    else:
        clusters = resolve_in_memory(con, rules)
        aliases, cids, canon = [], [], []
        for c in clusters:
            for a in c.members:
                aliases.append(a)
                cids.append(c.cid)
                canon.append(c.canonical)
        rel = pa.table(
            {
                "alias": pa.array(aliases, pa.string()),
                "cid": pa.array(cids, pa.int64()),
                "canonical": pa.array(canon, pa.string()),
            }
        )
    con.register(_MAPPING, rel)


def find_beneficiary(con: duckdb.DuckDBPyConnection, name: str) -> tuple[int, str, str]:
    """(id, canonical name, how NAME was matched) in the registered mapping."""
    k = key(name)
    rows = con.execute(f"SELECT DISTINCT alias, cid, canonical FROM {_MAPPING}").fetchall()
    exact = {(int(cid), str(canon)) for alias, cid, canon in rows if key(str(alias)) == k}
    if len(exact) == 1:
        cid, canon = exact.pop()
        return cid, canon, f"spelling key {k!r}"
    if len(exact) > 1:
        names = ", ".join(sorted(c for _, c in exact))
        raise NotFoundError(
            f"{name!r} matches several beneficiaries: {names}", hint="use the exact canonical name"
        )
    scored = []
    for alias, cid, canon in rows:
        m = compare(name, str(alias))
        if m.merged:
            scored.append((m.score, int(cid), str(canon), m.method))
    ids = {s[1] for s in scored}
    if len(ids) == 1:
        best = max(scored)
        return best[1], best[2], f"{best[3]} (score {best[0]:.1f})"
    from rapidfuzz import fuzz, process

    canon_names = sorted({str(c) for _, _, c in rows})
    close = process.extract(name, canon_names, scorer=fuzz.WRatio, limit=3)
    hint = ("closest: " + "; ".join(f"{c} ({s:.0f})" for c, s, _ in close)) if close else None
    if len(ids) > 1:
        raise NotFoundError(f"{name!r} is close to several beneficiaries", hint=hint)
    raise NotFoundError(f"no beneficiary matches {name!r}", hint=hint)


def history(
    con: duckdb.DuckDBPyConnection,
    name: str,
    *,
    rules: Sequence[AliasRule] | None = None,
    by: str = "operation",
) -> History:
    """Funding of one beneficiary per year (and operation), with the pages it comes from.

    ``rules``: resolve with these alias rules instead of the stored resolution (nothing written).
    """
    if by not in ("operation", "year"):
        raise DelibError(f"unknown grouping {by!r}")
    _register_mapping(con, rules)
    try:
        cid, canon, how = find_beneficiary(con, name)
        group = "year, g.operation" if by == "operation" else "year"
        op_col = "g.operation AS operation, " if by == "operation" else ""
        sql = f"""
            SELECT ? AS beneficiary, CAST(year(coalesce(d.session_date, d.signed_date)) AS INTEGER) AS year,
                   {op_col}count(*) AS n_grants, sum(g.amount) AS total,
                   string_agg(DISTINCT g.beneficiary, ' | ' ORDER BY g.beneficiary) AS spellings,
                   string_agg(DISTINCT d.number, ' | ' ORDER BY d.number) AS deliberations,
                   string_agg(DISTINCT doc.path || ' p.' || coalesce(CAST(g.page AS VARCHAR), '?'), ' | '
                              ORDER BY doc.path || ' p.' || coalesce(CAST(g.page AS VARCHAR), '?')) AS sources
            FROM grants g
            JOIN deliberations d ON d.deliberation_id = g.deliberation_id AND d.superseded_by IS NULL
            JOIN documents doc ON doc.document_id = g.document_id
            JOIN (SELECT DISTINCT alias, cid FROM {_MAPPING}) m ON m.alias = g.beneficiary
            WHERE m.cid = ?
            GROUP BY {group}
            ORDER BY {group}
        """
        cur = con.execute(sql, [canon, cid])
        columns = tuple(c[0] for c in cur.description or ())
        rows = cur.fetchall()
    finally:
        con.unregister(_MAPPING)
    near: tuple[str, ...] = ()
    if rules is None:
        near = tuple(
            f"{suggestion}    # {reason}"
            for suggestion, reason in con.execute(
                """SELECT suggestion, reason FROM beneficiary_near_misses
                   WHERE beneficiary_a = ? OR beneficiary_b = ? ORDER BY score DESC""",
                [cid, cid],
            ).fetchall()
        )
    return History(cid, canon, how, columns, rows, near)


AUDIT_COLUMNS = ("origin", "path", "page", "kind", "message", "raw", "deliberation_number", "rule")


def audit(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    """Every failed check, unread item and unloadable file that still applies."""
    cols = ", ".join(AUDIT_COLUMNS)
    return con.execute(f"SELECT {cols} FROM audit_items ORDER BY path, page NULLS FIRST, issue_id").fetchall()
