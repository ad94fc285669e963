"""Sources files and HTTP fetching into the content-addressed store (real httpx, local server)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from delib.base.errors import BadInputError
from delib.fetch import (
    FetchError,
    FetchPolicy,
    Source,
    atomic_write_bytes,
    clean_temp_files,
    expand,
    fetch,
    http_client,
    parse_sources,
    store_file,
    store_path,
)

FAST = FetchPolicy(timeout_s=1.0, retries=1, backoff_s=0.05, max_bytes=200_000)


def test_sources_text_format_with_labels_quotes_and_comments(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    f = tmp_path / "sources.txt"
    f.write_text(
        "# inbox of the Département\n"
        "\n"
        "in/   Département du Pas-de-Calais\n"
        "https://example.org/a.pdf Commune de Côte-d'Or\n"
        '"with space/x.pdf"  Commune de Pierrefonds\n'
        "../elsewhere/*.pdf\n",
        encoding="utf-8",
    )
    got = parse_sources(f)
    assert [s.collectivity for s in got] == [
        "Département du Pas-de-Calais",
        "Commune de Côte-d'Or",
        "Commune de Pierrefonds",
        None,
    ]
    assert got[0].location == str(tmp_path / "in/")
    assert got[1].is_url and got[1].location == "https://example.org/a.pdf"
    assert got[2].location == str(tmp_path / "with space/x.pdf")
    assert got[3].line == 6


def test_sources_toml_format(tmp_path: Path) -> None:
    f = tmp_path / "sources.toml"
    f.write_text(
        '[[source]]\nlocation = "https://example.org/a.pdf"\ncollectivity = "Ville de Montpellier"\n'
        '[[source]]\nlocation = "inbox"\n',
        encoding="utf-8",
    )
    got = parse_sources(f)
    assert got[0] == Source("https://example.org/a.pdf", "Ville de Montpellier", 1)
    assert got[1].location == str(tmp_path / "inbox") and got[1].collectivity is None


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("empty.txt", "# nothing\n\n", "no source listed"),
        ("bad.toml", "[[source]]\ncollectivity = 'x'\n", "needs a 'location'"),
        ("ftp.txt", "ftp://example.org/a.pdf\n", "unsupported URL scheme"),
        ("quote.txt", '"unclosed/path.pdf\n', "unclosed quote"),
    ],
)
def test_malformed_sources_are_rejected_input(tmp_path: Path, name: str, text: str, message: str) -> None:
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    with pytest.raises(BadInputError, match=message) as info:
        parse_sources(f)
    assert info.value.exit_code == 1  # as a malformed aliases or facts file (was 2, a usage error)


def test_expand_folder_glob_file_and_missing(tmp_path: Path) -> None:
    (tmp_path / "a" / "sub").mkdir(parents=True)
    for rel in ("a/1.pdf", "a/sub/2.PDF", "a/notes.txt", "a/.hidden.pdf"):
        (tmp_path / rel).write_bytes(b"%PDF-1.4\n")
    folder, problem = expand(Source(str(tmp_path / "a")))
    assert problem is None
    assert [Path(c.location).name for c in folder] == ["1.pdf", "2.PDF"]
    globbed, _ = expand(Source(str(tmp_path / "a" / "*.pdf")))
    assert [Path(c.location).name for c in globbed] == ["1.pdf"]
    missing, why = expand(Source(str(tmp_path / "nope")))
    assert missing == [] and why is not None and why.startswith("no such file or folder")


def test_store_is_content_addressed_and_idempotent(tmp_path: Path) -> None:
    src = tmp_path / "x.pdf"
    src.write_bytes(b"%PDF-1.4 hello")
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    store = tmp_path / "store"
    p1 = store_file(store, src, digest)
    p2 = store_file(store, src, digest)
    assert p1 == p2 == store / digest[:2] / f"{digest}.pdf" == store_path(store, digest)
    assert p1.read_bytes() == src.read_bytes()
    assert not list(store.glob("**/.tmp-*"))


def test_clean_temp_files_removes_leftovers_of_a_killed_run(tmp_path: Path) -> None:
    store = tmp_path / "store"
    atomic_write_bytes(store / "ab" / "abcd.pdf", b"whole")
    (store / "ab" / ".tmp-half").write_bytes(b"half-writ")
    assert clean_temp_files(store) == 1
    assert [p.name for p in store.glob("**/*") if p.is_file()] == ["abcd.pdf"]


def _fetch(url: str, store: Path, policy: FetchPolicy = FAST) -> tuple[Path, str, int]:
    with http_client(policy) as client:
        return fetch(client, url, store, policy)


def test_fetch_stores_by_hash(tmp_path: Path, http_server: Any) -> None:
    body = b"%PDF-1.4\n" + b"x" * 5000
    url = http_server.serve("/actes/1.pdf", body)
    path, digest, size = _fetch(url, tmp_path / "store")
    assert digest == hashlib.sha256(body).hexdigest() and size == len(body)
    assert path == store_path(tmp_path / "store", digest) and path.read_bytes() == body


def test_fetch_404_is_not_retried(tmp_path: Path, http_server: Any) -> None:
    with pytest.raises(FetchError) as info:
        _fetch(http_server.base + "/missing.pdf", tmp_path / "store")
    assert info.value.kind == "http_error" and info.value.reason.startswith("HTTP 404")
    assert http_server.hits("/missing.pdf") == 1


def test_fetch_retries_a_503_then_succeeds(tmp_path: Path, http_server: Any) -> None:
    url = http_server.serve("/flaky.pdf", b"%PDF-1.4 flaky", status=-503)
    _path, _digest, size = _fetch(url, tmp_path / "store")
    assert size == len(b"%PDF-1.4 flaky") and http_server.hits("/flaky.pdf") == 2


def test_fetch_timeout_after_retries(tmp_path: Path, http_server: Any) -> None:
    url = http_server.serve("/slow.pdf", b"%PDF-1.4 slow", delay=3.0)
    policy = FetchPolicy(timeout_s=0.3, retries=1, backoff_s=0.01, max_bytes=10_000)
    with pytest.raises(FetchError) as info:
        _fetch(url, tmp_path / "store", policy)
    assert info.value.kind == "timeout" and "(2 attempts)" in info.value.reason
    assert http_server.hits("/slow.pdf") == 2


@pytest.mark.parametrize(
    ("declared", "said"), [(True, "response of 500009 bytes"), (False, "download aborted")]
)
def test_fetch_aborts_an_oversized_response(
    tmp_path: Path, http_server: Any, declared: bool, said: str
) -> None:
    url = http_server.serve("/huge.pdf", b"%PDF-1.4\n" + b"0" * 500_000, send_length=declared)
    with pytest.raises(FetchError) as info:
        _fetch(url, tmp_path / "store")
    assert (
        info.value.kind == "too_large" and "200000 bytes" in info.value.reason and said in info.value.reason
    )
    store = tmp_path / "store"
    assert not [p for p in store.glob("**/*") if p.is_file()], "nothing half-written is left in the store"
