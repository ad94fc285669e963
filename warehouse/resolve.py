"""Resolution of beneficiaries and council members inside the warehouse.

After each document is loaded, spellings not seen before are attached to the existing
organisations/persons (ids stay stable) or start new ones: :func:`attach_new_names`.
:func:`reresolve` recomputes everything from scratch with a set of alias rules (and stores those
rules in ``alias_rules`` so that every later load applies them too).  The decisions are written
to ``beneficiary_merges`` / ``member_merges`` with their score and method.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb

from delib.warehouse.names import AliasRule, Cluster, Match, Spelling, key, member_key, near_misses, resolve

_ENTITIES = {
    # entity: (entity table, merges table, id column, key function, [(table, name column, key col)])
    "beneficiary": (
        "beneficiaries",
        "beneficiary_merges",
        "beneficiary_id",
        key,
        [("grants", "beneficiary"), ("proposals", "beneficiary")],
    ),
    "member": (
        "members",
        "member_merges",
        "member_id",
        member_key,
        [("attendance", "name"), ("recusals", "name")],
    ),
}


def stored_rules(con: duckdb.DuckDBPyConnection) -> list[AliasRule]:
    return [
        AliasRule(e, k, left, right, src, line)
        for e, k, left, right, src, line in con.execute(
            "SELECT entity, kind, left_name, right_name, source_file, line FROM alias_rules ORDER BY rowid"
        ).fetchall()
    ]


def _spellings(con: duckdb.DuckDBPyConnection, entity: str) -> list[Spelling]:
    _, _, _, _, sources = _ENTITIES[entity]
    union = " UNION ALL ".join(
        f"SELECT {col} AS name FROM {table} WHERE {col} IS NOT NULL" for table, col in sources
    )
    rows = con.execute(f"SELECT name, count(*) FROM ({union}) GROUP BY name ORDER BY name").fetchall()
    return [Spelling(str(n), int(c)) for n, c in rows]


def _existing(con: duckdb.DuckDBPyConnection, entity: str) -> list[Cluster]:
    _, merges, idcol, _, _ = _ENTITIES[entity]
    clusters: dict[int, Cluster] = {}
    for cid, canonical, alias, score, method, detail in con.execute(
        f"SELECT {idcol}, canonical, alias, score, method, detail FROM {merges} ORDER BY rowid"
    ).fetchall():
        c = clusters.setdefault(int(cid), Cluster(int(cid), str(canonical)))
        c.members[str(alias)] = Match(float(score), str(method), detail)
    return list(clusters.values())


def _write(con: duckdb.DuckDBPyConnection, entity: str, clusters: Sequence[Cluster]) -> None:
    table, merges, idcol, kf, sources = _ENTITIES[entity]
    con.execute(f"DELETE FROM {merges}")
    con.execute(f"DELETE FROM {table}")
    ent_rows: list[tuple[Any, ...]] = []
    merge_rows: list[tuple[Any, ...]] = []
    for c in clusters:
        if entity == "beneficiary":
            ent_rows.append((c.cid, c.canonical, kf(c.canonical), len(c.members)))
        else:
            ent_rows.append((c.cid, c.canonical, kf(c.canonical)))
        for alias, m in c.members.items():
            merge_rows.append((alias, kf(alias), c.canonical, c.cid, m.score, m.method, m.detail))
    _bulk(con, table, ent_rows)
    _bulk(con, merges, merge_rows)
    if entity == "beneficiary":
        _write_near_misses(con, clusters)
    for src, col in sources:
        con.execute(
            f"""UPDATE {src} SET {idcol} = m.{idcol} FROM {merges} m
                WHERE m.alias = {src}.{col} AND {src}.{idcol} IS DISTINCT FROM m.{idcol}"""
        )


def _bulk(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]]) -> None:
    """Insert rows through one Arrow frame (executemany is row by row in DuckDB)."""
    if not rows:
        return
    import pyarrow as pa

    names = [str(r[0]) for r in con.execute(f"DESCRIBE {table}").fetchall()]
    frame = pa.table({n: [r[i] for r in rows] for i, n in enumerate(names)})
    view = f"_resolve_{table}"
    con.register(view, frame)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM {view}")
    finally:
        con.unregister(view)


def _write_near_misses(con: duckdb.DuckDBPyConnection, clusters: Sequence[Cluster]) -> None:
    con.execute("DELETE FROM beneficiary_near_misses")
    _bulk(
        con,
        "beneficiary_near_misses",
        [(n.cid_a, n.a, n.cid_b, n.b, n.score, n.reason, n.suggestion) for n in near_misses(clusters)],
    )


def refresh_near_misses_if_missing(con: duckdb.DuckDBPyConnection) -> bool:
    """Compute the near-miss suggestions of a warehouse that has none yet (e.g. just migrated)."""
    counts = con.execute(
        "SELECT (SELECT count(*) FROM beneficiary_near_misses), (SELECT count(*) FROM beneficiaries)"
    ).fetchall()[0]
    if counts[0] or not counts[1]:
        return False
    con.begin()
    try:
        _write_near_misses(con, _existing(con, "beneficiary"))
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return True


def attach_new_names(con: duckdb.DuckDBPyConnection) -> None:
    """Attach spellings not yet resolved, keeping existing ids (call inside the load transaction)."""
    rules = stored_rules(con)
    for entity in _ENTITIES:
        existing = _existing(con, entity)
        known = {a for c in existing for a in c.members}
        spellings = _spellings(con, entity)
        if all(s.name in known for s in spellings):
            continue
        _write(con, entity, resolve(spellings, rules, entity=entity, existing=existing))


def reresolve(con: duckdb.DuckDBPyConnection, rules: Sequence[AliasRule] | None = None) -> dict[str, int]:
    """Recompute every beneficiary and member from scratch, in one transaction.

    ``rules`` replace the stored alias rules (None keeps the stored ones).  Returns the number of
    organisations and persons.
    """
    con.begin()
    try:
        if rules is not None:
            con.execute("DELETE FROM alias_rules")
            if rules:
                con.executemany(
                    "INSERT INTO alias_rules VALUES (?, ?, ?, ?, ?, ?)",
                    [(r.entity, r.kind, r.left, r.right, r.source, r.line) for r in rules],
                )
        active = stored_rules(con)
        out = {}
        for entity in _ENTITIES:
            clusters = resolve(_spellings(con, entity), active, entity=entity)
            _write(con, entity, clusters)
            out[entity] = len(clusters)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return out


def resolve_in_memory(
    con: duckdb.DuckDBPyConnection, rules: Sequence[AliasRule], entity: str = "beneficiary"
) -> list[Cluster]:
    """Resolution with other rules, computed without writing (for read-only questions)."""
    return resolve(_spellings(con, entity), rules, entity=entity)
