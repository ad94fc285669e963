"""delib.warehouse: the DuckDB warehouse (schema, loading, resolution, queries, open-data exports).

Stable library API (the batch job and the CLI use it)::

    con = connect(db_path=None, *, read_only=False, wait=30.0)
    load_publication(con, pub, *, source=None) -> LoadResult(status, document_id, rows)
    has_document(con, sha256) -> bool
    record_failure(con, *, path, sha256, kind, reason) -> None
    with writer_lock(db_path, wait): ...
    reresolve(con, rules=None) -> {"beneficiary": n, "member": m}   # recompute name resolution
"""

from delib.warehouse.db import (
    DEFAULT_WAIT,
    WarehouseBusyError,
    WarehouseError,
    connect,
    db_path,
    resolve_db_path,
    writer_lock,
)
from delib.warehouse.load import LoadResult, has_document, known_hashes, load_publication, record_failure
from delib.warehouse.resolve import reresolve

__all__ = [
    "DEFAULT_WAIT",
    "LoadResult",
    "WarehouseBusyError",
    "WarehouseError",
    "connect",
    "db_path",
    "has_document",
    "known_hashes",
    "load_publication",
    "record_failure",
    "reresolve",
    "resolve_db_path",
    "writer_lock",
]
