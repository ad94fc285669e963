"""``delib ingest``: files, folders and globs -> extract -> load, one document at a time.

The order of work keeps re-ingesting cheap and the database available to readers:

1. take the writer lock (:func:`delib.warehouse.db.writer_lock`) so two ingests never interleave;
2. read the set of loaded SHA-256 once, then close the database;
3. per file: hash the bytes; a known hash is ``unchanged`` *before any extraction*; otherwise
   extract with the database closed (readers get in meanwhile), then open, load the document in
   one transaction, close;
4. a file that cannot be extracted or loaded becomes an ``issues`` row (origin ``ingest``) and the
   run goes on.
"""

from __future__ import annotations

import glob
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from delib.warehouse.db import DEFAULT_WAIT, connect, writer_lock

if TYPE_CHECKING:  # loading modules (pydantic models, pyarrow) are imported only when a file is new
    from delib.models import Publication
    from delib.warehouse.names import AliasRule

from delib.base.errors import BadInputError, DelibError
from delib.base.files import sha256_file

Extractor = Callable[[Path], "Publication"]
_GLOB_CHARS = set("*?[")


@dataclass
class IngestOutcome:
    path: str
    sha256: str | None
    status: str  # loaded | superseded | unchanged | failed
    document_id: int | None = None
    deliberations: int = 0
    rows: int = 0
    seconds: float = 0.0
    message: str | None = None

    COLUMNS = ("path", "status", "document_id", "deliberations", "rows", "seconds", "message", "sha256")

    def row(self) -> tuple[object, ...]:
        return tuple(getattr(self, c) for c in self.COLUMNS)


def expand_paths(args: Iterable[str]) -> list[Path]:
    """Files as given, ``*.pdf`` under folders (recursively), glob patterns; sorted, no duplicates."""
    out: list[Path] = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".pdf")
        elif p.is_file():
            found = [p]
        elif _GLOB_CHARS & set(arg):
            found = sorted(Path(m) for m in glob.glob(arg, recursive=True) if Path(m).is_file())
            if not found:
                raise BadInputError(f"no file matches {arg!r}")
        else:
            raise BadInputError("no such file or folder", arg)
        out.extend(found)
    seen: set[Path] = set()
    unique = []
    for p in out:
        r = p.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(p)
    return unique


def _default_extractor(path: Path) -> Publication:
    from delib.extract import extract_publication  # heavy imports only when a file is new

    return extract_publication(path)


def ingest(
    paths: Sequence[Path],
    db: str | os.PathLike[str] | None = None,
    *,
    wait: float = DEFAULT_WAIT,
    extractor: Extractor | None = None,
    rules: Sequence[AliasRule] | None = None,
    on_result: Callable[[IngestOutcome], None] | None = None,
) -> list[IngestOutcome]:
    """Ingest files into the warehouse; returns one outcome per file (never stops on a bad file).

    ``rules`` (an aliases file, parsed) replace the stored alias rules and re-resolve every
    beneficiary and member before loading.
    """
    extract = extractor or _default_extractor
    outcomes: list[IngestOutcome] = []
    with writer_lock(db, wait):
        con = connect(db, wait=wait)
        try:
            if rules is not None:
                from delib.warehouse.resolve import reresolve

                reresolve(con, rules)
            else:
                from delib.warehouse.resolve import refresh_near_misses_if_missing

                refresh_near_misses_if_missing(con)
            known = {
                str(s): int(i) for s, i in con.execute("SELECT sha256, document_id FROM documents").fetchall()
            }
        finally:
            con.close()
        for path in paths:
            t0 = time.perf_counter()
            outcome = _ingest_one(path, db, wait, extract, known)
            outcome.seconds = round(time.perf_counter() - t0, 4)
            outcomes.append(outcome)
            if on_result is not None:
                on_result(outcome)
    return outcomes


def _ingest_one(
    path: Path, db: str | os.PathLike[str] | None, wait: float, extract: Extractor, known: dict[str, int]
) -> IngestOutcome:
    try:
        sha = sha256_file(path)
    except OSError as exc:
        return _fail(db, wait, path, None, "unreadable", f"cannot read: {exc.strerror}")
    if sha in known:
        return IngestOutcome(str(path), sha, "unchanged", known[sha], message="same bytes already loaded")
    try:
        pub = extract(path)
    except DelibError as exc:
        return _fail(db, wait, path, sha, type(exc).__name__, exc.reason)
    except Exception as exc:  # the extractor's bug must not stop the batch: it becomes an issue
        from delib.failures import as_input_error

        err = as_input_error(exc, path)
        if isinstance(err, BadInputError):  # damage found by a PDF library (a page that does not load)
            return _fail(db, wait, path, sha, type(err).__name__, err.reason)
        return _fail(db, wait, path, sha, "extractor_crash", f"{type(exc).__name__}: {exc}".splitlines()[0])
    if pub.file.sha256 != sha:
        pub = pub.model_copy(update={"file": pub.file.model_copy(update={"sha256": sha})})
    from delib.warehouse.load import load_publication

    try:
        con = connect(db, wait=wait)
        try:
            result = load_publication(con, pub, source=str(path))
        finally:
            con.close()
    except DelibError:
        raise  # the database itself is unavailable: stop, nothing half-written
    except Exception as exc:
        return _fail(db, wait, path, sha, "load_error", f"{type(exc).__name__}: {exc}".splitlines()[0])
    known[sha] = result.document_id
    return IngestOutcome(
        str(path),
        sha,
        result.status,
        result.document_id,
        len(pub.deliberations),
        sum(result.rows.values()),
        message=f"superseded deliberation(s) {list(result.superseded)}" if result.superseded else None,
    )


def _fail(
    db: str | os.PathLike[str] | None, wait: float, path: Path, sha: str | None, kind: str, reason: str
) -> IngestOutcome:
    from delib.warehouse.load import record_failure

    con = connect(db, wait=wait)
    try:
        record_failure(con, path=str(path), sha256=sha, kind=kind, reason=reason)
    finally:
        con.close()
    return IngestOutcome(str(path), sha, "failed", message=f"{kind}: {reason}")
