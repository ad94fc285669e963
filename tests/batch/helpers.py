"""Running ``delib batch`` as a user does, and reading the warehouse it fills."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb

#: ``delib`` as a subprocess, whatever the venv layout (no console script needed)
DELIB = [sys.executable, "-c", "from delib.cli import main; main()"]

#: columns that legitimately differ between two runs of the same input
VOLATILE = ("_id", "_at", "path", "source", "superseded_by", "valid_from", "valid_to", "first_document")
#: provenance of a row shared by several documents (a session) is the first document loaded:
#: it depends on completion order, which concurrent extraction does not fix
ORDER_DEPENDENT = {"sessions": ("sha256", "page", "bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom", "rule")}


def run_delib(
    *args: str | os.PathLike[str], timeout: float = 600, **kw: Any
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("DELIB_DB", None)
    return subprocess.run(
        [*DELIB, *map(str, args)], capture_output=True, text=True, timeout=timeout, env=env, check=False, **kw
    )


def popen_delib(*args: str | os.PathLike[str], log: Path | None = None) -> subprocess.Popen[str]:
    """Start ``delib``; with ``log``, stdout and stderr go to that file instead of pipes."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("DELIB_DB", None)
    if log is not None:
        with log.open("w") as out:
            return subprocess.Popen([*DELIB, *map(str, args)], stdout=out, stderr=out, text=True, env=env)
    return subprocess.Popen(
        [*DELIB, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def row_counts(db: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for t in _tables(con):
            out[t] = int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])  # type: ignore[index]
    return out


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'"
        " ORDER BY 1"
    ).fetchall()
    return [str(r[0]) for r in rows]


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, volatile columns (ids, timestamps, paths) left out, sorted."""
    snap: dict[str, list[tuple[Any, ...]]] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for t in _tables(con):
            cols = [
                str(r[0])
                for r in con.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                    [t],
                ).fetchall()
            ]
            keep = [
                c for c in cols if not any(v in c for v in VOLATILE) and c not in ORDER_DEPENDENT.get(t, ())
            ]
            if t == "schema_migrations" or not keep:
                continue
            select = ", ".join(f'"{c}"' for c in keep)
            rows = con.execute(f'SELECT {select} FROM "{t}"')
            snap[t] = sorted(rows.fetchall(), key=repr)
    return snap


def duplicate_documents(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(
            "SELECT count(*) FROM (SELECT sha256 FROM documents GROUP BY 1 HAVING count(*) > 1)"
        ).fetchone()
    return int(row[0]) if row else 0


def report(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def by_name(rep: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(f["location"]).name: f for f in rep["files"]}
