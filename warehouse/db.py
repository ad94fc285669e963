"""Opening the warehouse file: where it is, retrying while another process holds it, one writer.

DuckDB lets one process write a database file and no other process read it meanwhile.  So writers
hold the file briefly (open, load one document in one transaction, close) and every opener retries
with backoff for up to ``wait`` seconds when the file is locked.  Two writers are kept from
interleaving by :func:`writer_lock`, an ``fcntl`` lock on ``<db>.lock`` beside the database.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from delib.base.errors import DelibError
from delib.warehouse.migrate import current_version, latest_version, migrate

DEFAULT_DB = "delib.duckdb"
ENV_DB = "DELIB_DB"
DEFAULT_WAIT = 30.0

#: DuckDB settings of every read-only connection: SQL may read the warehouse and nothing else.
#: ``enable_external_access = false`` refuses COPY ... TO, read_csv/read_text/read_parquet/glob on
#: files, ATTACH of files, INSTALL/LOAD of extensions and secrets; ``lock_configuration = true``
#: refuses every SET/RESET/PRAGMA that changes a setting, so the SQL cannot turn access back on.
#: Python code that needs to write files (exports) fetches rows and writes them itself.
READ_ONLY_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "enable_external_access": False,
    "lock_configuration": True,
}


class WarehouseError(DelibError):
    """The warehouse cannot be opened or used."""


class WarehouseBusyError(WarehouseError):
    """Another process holds the database (or the writer lock) for longer than we may wait."""


def resolve_db_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The database file: ``path`` if given, else ``$DELIB_DB``, else ``./delib.duckdb``."""
    if path is not None:
        return Path(path)
    env = os.environ.get(ENV_DB)
    return Path(env) if env else Path(DEFAULT_DB)


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message (DuckDB adds context lines and hints below it)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextmanager
def database_errors(db_path: str | os.PathLike[str] | None) -> Iterator[Path]:
    """Turn any DuckDB error raised in the block into a :class:`WarehouseError` naming the file.

    DuckDB reports a damaged file (``Corrupt database file: computed checksum ... does not match``)
    as a plain ``duckdb.Error``, at open time or only when a damaged block is read, so every use
    of the warehouse by a command runs inside this block.
    """
    path = resolve_db_path(db_path)
    try:
        yield path
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot use the warehouse: {first_line(exc)}", path=path) from exc


def _is_lock_conflict(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "resource temporarily unavailable" in text or "conflicting" in text


def connect(
    db_path: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = False,
    wait: float = DEFAULT_WAIT,
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a writable connection brings the schema up to date first.

    Retries with exponential backoff (50 ms to 1 s) while another process holds the file, for up to
    ``wait`` seconds, then raises :class:`WarehouseBusyError`.  A read-only connection also has
    external access off and its configuration locked (:data:`READ_ONLY_CONFIG`).  A file DuckDB
    cannot open (damaged, not a database) raises :class:`WarehouseError` naming it.
    """
    path = resolve_db_path(db_path)
    if read_only and not path.exists():
        raise WarehouseError(f"no warehouse at {path}", hint="run `delib ingest PDF...` first or pass --db")
    if not read_only and path.parent and not path.parent.exists():
        raise WarehouseError(f"folder {path.parent} does not exist", path=None)
    deadline = time.monotonic() + max(wait, 0.0)
    delay = 0.05
    while True:
        try:
            config = dict(READ_ONLY_CONFIG) if read_only else {}
            con = duckdb.connect(str(path), read_only=read_only, config=config)
            break
        except duckdb.IOException as exc:
            if not _is_lock_conflict(exc):
                raise WarehouseError(f"cannot open {path}: {first_line(exc)}") from exc
            if time.monotonic() >= deadline:
                raise WarehouseBusyError(
                    f"{path} is held by another process (an ingest?) for more than {wait:g} s",
                    hint="retry later or raise --wait",
                ) from exc
            time.sleep(min(delay, max(deadline - time.monotonic(), 0.01)))
            delay = min(delay * 2, 1.0)
        except duckdb.Error as exc:  # a damaged file: "Corrupt database file: computed checksum ..."
            raise WarehouseError(f"cannot open {path}: {first_line(exc)}") from exc
    try:
        if read_only:
            have, want = current_version(con), latest_version()
            if have < want:
                raise WarehouseError(
                    f"{path} has schema version {have}, this delib expects {want}",
                    hint="run any `delib ingest` once to migrate it",
                )
        else:
            migrate(con)
    except duckdb.Error as exc:
        con.close()
        raise WarehouseError(f"cannot open {path}: {first_line(exc)}") from exc
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def writer_lock(db_path: str | os.PathLike[str] | None, wait: float = DEFAULT_WAIT) -> Iterator[Path]:
    """Hold the process-level writer lock of a database for the duration of the block.

    The lock is an exclusive ``fcntl.flock`` on ``<db>.lock``; a second writer waits up to ``wait``
    seconds for it, then raises :class:`WarehouseBusyError` naming the holder's pid.  The kernel
    releases the lock if the holder dies.
    """
    path = resolve_db_path(db_path)
    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WarehouseError(f"cannot create the writer lock {lock_path}: {exc.strerror}") from exc
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        delay = 0.05
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
                    raise WarehouseBusyError(
                        f"another writer (pid {holder}) is loading into {path}; waited {wait:g} s",
                        hint="wait for it to finish or raise --wait",
                    ) from exc
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


#: alias used by the batch job (``warehouse.db_path(None)``)
db_path = resolve_db_path
