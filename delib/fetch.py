"""Sources of publications, HTTP fetching and the content-addressed store.

A *sources file* lists where new publications appear.  Two formats:

Plain text (any name), one source per line::

    # comments and blank lines are ignored
    /data/pas-de-calais/2023/            Département du Pas-de-Calais
    ../inbox/*.pdf
    https://example.org/actes/2023-259.pdf   Département du Pas-de-Calais
    "/data/with spaces/cp 2023.pdf"      Commune de Pierrefonds

The first field is the location (double-quote it when it holds spaces); the
rest of the line, if any, is the collectivity label recorded with the files
of that source.  A location is a folder (every ``*.pdf`` under it,
recursively), a glob, one file, or an ``http(s)://`` URL of one PDF.
Relative paths are relative to the sources file.

TOML (a name ending in ``.toml``)::

    [[source]]
    location = "https://example.org/actes/2023-259.pdf"
    collectivity = "Département du Pas-de-Calais"

Files are stored by content: ``STORE/ab/abcdef....pdf`` where ``abcdef...`` is
the sha256 of the bytes.  Every write goes to a temporary file in the same
folder and is renamed into place with ``os.replace``, so a ``kill -9`` never
leaves a half-written file under a content name.
"""

from __future__ import annotations

import contextlib
import glob as globmod
import hashlib
import os
import random
import shutil
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx

from delib.base.errors import BadInputError
from delib.base.files import sha256_file

_CHUNK = 1 << 16


@dataclass(frozen=True)
class Source:
    """One line of a sources file."""

    location: str
    collectivity: str | None = None
    line: int = 0

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Candidate:
    """One file (or URL) found in a source, before fetching or hashing."""

    source: Source
    location: str  # a local path or a URL


# --------------------------------------------------------------------------
# sources file
# --------------------------------------------------------------------------
def _parse_line(raw: str, lineno: int, path: Path) -> Source | None:
    line = raw.strip()
    if not line or line.startswith("#"):
        return None
    if line.startswith('"'):
        end = line.find('"', 1)
        if end < 0:
            raise BadInputError(f"line {lineno}: unclosed quote", path)
        location, rest = line[1:end], line[end + 1 :]
    else:
        parts = line.split(None, 1)
        location, rest = parts[0], parts[1] if len(parts) > 1 else ""
    label = rest.strip() or None
    return Source(location=location, collectivity=label, line=lineno)


def _resolve(src: Source, base: Path) -> Source:
    if src.is_url:
        return src
    loc = os.path.expanduser(src.location)
    if not os.path.isabs(loc):
        loc = str(base / loc)
    return Source(location=loc, collectivity=src.collectivity, line=src.line)


def parse_sources(path: str | Path) -> list[Source]:
    """Read a sources file; raises BadInputError (exit 1, as a malformed aliases or facts file) on a
    malformed one, naming the file and the line."""
    p = Path(path)
    if not p.is_file():
        raise BadInputError("sources file not found", p)
    text = p.read_text(encoding="utf-8")
    sources: list[Source] = []
    if p.suffix.lower() == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise BadInputError(f"invalid TOML ({exc})", p) from exc
        entries = data.get("source", [])
        if not isinstance(entries, list):
            raise BadInputError("expected [[source]] tables", p)
        for i, entry in enumerate(entries, 1):
            if not isinstance(entry, dict) or not isinstance(entry.get("location"), str):
                raise BadInputError(f"[[source]] #{i} needs a 'location' string", p)
            label = entry.get("collectivity")
            if label is not None and not isinstance(label, str):
                raise BadInputError(f"[[source]] #{i}: 'collectivity' must be a string", p)
            sources.append(Source(location=entry["location"], collectivity=label, line=i))
    else:
        for lineno, raw in enumerate(text.splitlines(), 1):
            src = _parse_line(raw, lineno, p)
            if src is not None:
                sources.append(src)
    if not sources:
        raise BadInputError("no source listed (one folder, glob, file or URL per line)", p)
    for src in sources:
        if not src.is_url and "://" in src.location:
            raise BadInputError(f"line {src.line}: unsupported URL scheme in {src.location!r}", p)
    return [_resolve(s, p.parent.resolve()) for s in sources]


def _looks_like_pdf(path: Path) -> bool:
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as f:
            return f.read(1024).lstrip().startswith(b"%PDF-")
    except OSError:
        return False


def sources_from_args(args: Sequence[str]) -> list[Source]:
    """The sources named on the command line, as ``delib ingest`` takes them.

    Each argument is a folder, a PDF file, a glob or an http(s) URL (a source by itself), or a
    sources file (any other file: one source a line, or ``[[source]]`` tables in ``.toml``).
    A path that does not exist raises :class:`BadInputError` (exit 1).
    """
    sources: list[Source] = []
    for arg in args:
        if arg.startswith(("http://", "https://")):
            sources.append(Source(location=arg, line=0))
            continue
        path = Path(os.path.expanduser(arg))
        if path.is_dir() or (path.is_file() and _looks_like_pdf(path)):
            sources.append(Source(location=str(path.resolve()), line=0))
        elif path.is_file():
            sources.extend(parse_sources(path))
        elif globmod.has_magic(arg):
            sources.append(Source(location=str(Path.cwd() / path) if not path.is_absolute() else arg, line=0))
        else:
            raise BadInputError("no such file or folder", arg)
    return sources


def _is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf")


def expand(source: Source) -> tuple[list[Candidate], str | None]:
    """The files a source names, and a one-line problem if it names none."""
    if source.is_url:
        return [Candidate(source, source.location)], None
    loc = source.location
    if os.path.isdir(loc):
        found = sorted(
            os.path.join(root, name)
            for root, _dirs, files in os.walk(loc)
            for name in files
            if _is_pdf_name(name) and not name.startswith(".")
        )
        if not found:
            return [], f"no *.pdf file under folder {loc}"
        return [Candidate(source, f) for f in found], None
    if globmod.has_magic(loc):
        found = sorted(f for f in globmod.glob(loc, recursive=True) if os.path.isfile(f))
        if not found:
            return [], f"glob matches no file: {loc}"
        return [Candidate(source, f) for f in found], None
    if os.path.isfile(loc):
        return [Candidate(source, loc)], None
    return [], f"no such file or folder: {loc}"


# --------------------------------------------------------------------------
# content-addressed store
# --------------------------------------------------------------------------
def store_path(store: Path, sha256: str, suffix: str = ".pdf") -> Path:
    return store / sha256[:2] / f"{sha256}{suffix}"


def sha256_of(path: str | Path) -> str:
    """The file's sha256 (one implementation: ``delib.base.files.sha256_file``)."""
    return sha256_file(Path(path))


def _tmp_in(folder: Path) -> tuple[int, str]:
    folder.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(prefix=".tmp-", dir=folder)


def _atomic_write(target: Path, write: Callable[[BinaryIO], object]) -> None:
    """Fill ``target`` by ``write`` into a temp file beside it, then fsync + os.replace; the temp
    file is removed when anything fails."""
    fd, tmp = _tmp_in(target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` via a temp file + fsync + os.replace."""
    _atomic_write(target, lambda fh: fh.write(data))


def store_file(store: Path, src: str | Path, sha256: str) -> Path:
    """Copy a local file into the store under its hash (idempotent)."""
    target = store_path(store, sha256)
    if target.exists() and target.stat().st_size == os.path.getsize(src):
        return target

    def copy(out: BinaryIO) -> None:
        with open(src, "rb") as inp:
            shutil.copyfileobj(inp, out, _CHUNK)

    _atomic_write(target, copy)
    return target


def clean_temp_files(store: Path) -> int:
    """Remove ``.tmp-*`` left by a killed run (call while holding the writer lock)."""
    n = 0
    if not store.is_dir():
        return 0
    for tmp in store.glob("**/.tmp-*"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            n += 1
    return n


# --------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class FetchPolicy:
    timeout_s: float = 30.0
    retries: int = 3
    backoff_s: float = 1.0
    max_bytes: int = 100 * 1024 * 1024
    max_download_s: float = 600.0


class FetchError(Exception):
    """A URL could not be fetched; ``kind`` and a one-line ``reason``."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


def _download_once(client: httpx.Client, url: str, store: Path, policy: FetchPolicy) -> tuple[Path, str, int]:
    fd, tmp = _tmp_in(store)
    h = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(fd, "wb") as out, client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                kind = "http_error"
                raise FetchError(kind, f"HTTP {resp.status_code} {resp.reason_phrase}".strip())
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > policy.max_bytes:
                raise FetchError(
                    "too_large",
                    f"response of {int(declared)} bytes is over the limit of {policy.max_bytes} bytes (--max-size)",
                )
            started = time.monotonic()
            for chunk in resp.iter_bytes(_CHUNK):
                if time.monotonic() - started > policy.max_download_s:
                    raise FetchError("timeout", f"download slower than {policy.max_download_s:g} s; aborted")
                size += len(chunk)
                if size > policy.max_bytes:
                    raise FetchError(
                        "too_large",
                        f"response over the limit of {policy.max_bytes} bytes (--max-size); download aborted",
                    )
                h.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        digest = h.hexdigest()
        target = store_path(store, digest)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, target)
        return target, digest, size
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def fetch(client: httpx.Client, url: str, store: Path, policy: FetchPolicy) -> tuple[Path, str, int]:
    """Download ``url`` into the store; returns (stored path, sha256, bytes).

    Retries timeouts, connection errors and 408/429/5xx with exponential
    backoff and jitter; never retries other 4xx or an oversized response.
    Raises FetchError with a one-line reason.
    """
    attempts = max(1, policy.retries + 1)
    last: FetchError | None = None
    for attempt in range(attempts):
        try:
            return _download_once(client, url, store, policy)
        except FetchError as exc:
            status = exc.reason.split()[1] if exc.reason.startswith("HTTP ") else ""
            if exc.kind != "http_error" or not status.isdigit() or int(status) not in _RETRY_STATUS:
                raise
            last = exc
        except httpx.TimeoutException:
            last = FetchError("timeout", f"timed out after {policy.timeout_s:g} s")
        except httpx.HTTPError as exc:
            last = FetchError("network_error", f"{type(exc).__name__}: {exc}".strip())
        if attempt + 1 < attempts:
            time.sleep(policy.backoff_s * (2**attempt) * (1 + random.random() / 4))
    assert last is not None
    raise FetchError(last.kind, f"{last.reason} ({attempts} attempts)")


def http_client(policy: FetchPolicy) -> httpx.Client:
    from delib.base.version import __version__

    return httpx.Client(
        timeout=httpx.Timeout(policy.timeout_s),
        follow_redirects=True,
        headers={"User-Agent": f"delib/{__version__} (batch fetch)"},
    )


def iter_candidates(sources: list[Source]) -> Iterator[tuple[Source, list[Candidate], str | None]]:
    for src in sources:
        found, problem = expand(src)
        yield src, found, problem
