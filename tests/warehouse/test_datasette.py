"""`delib export sqlite`: the warehouse as SQLite + Datasette metadata, served by a real Datasette.

The warehouse holds the sample corpus: the ground-truth records of every sample PDF, except the
seed publication, which is read by the real extractor (so that its checks and vote are those the
extractor produced).
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

from delib.cli import cli
from delib.extract import extract_publication
from delib.models import Publication
from delib.warehouse import connect, load_publication
from delib.warehouse.sqlite_export import TABLES

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"
SEED = "pas-de-calais_cp_2023-06-12_2023-259"
RECUP = "Recup'aire"


@dataclass
class Site:
    duck: Path
    db: Path
    metadata: Path
    stderr: str


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, truth_pubs: list[Publication]) -> Site:
    pubs = [p for p in truth_pubs if SEED not in p.file.path]
    assert len(pubs) == len(truth_pubs) - 1
    tmp = tmp_path_factory.mktemp("datasette")
    duck = tmp / "w.duckdb"
    con = connect(duck)
    try:
        for pub in pubs:
            load_publication(con, pub, source="ground truth")
        load_publication(con, extract_publication(SAMPLES / f"{SEED}.pdf"))
    finally:
        con.close()
    out = tmp / "site" / "deliberations.db"
    r = CliRunner().invoke(cli, ["export", "sqlite", str(out), "--db", str(duck)])
    assert r.exit_code == 0, r.output
    return Site(duck, out, out.with_name("deliberations.metadata.json"), r.stderr)


def _duck(site: Site, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    con = connect(site.duck, read_only=True)
    try:
        return con.execute(sql, list(args)).fetchall()
    finally:
        con.close()


def _lite(site: Site, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(f"file:{site.db}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_every_grant_is_exported_with_its_exact_amount(site: Site) -> None:
    duck = {int(i): a for i, a in _duck(site, "SELECT grant_row_id, amount FROM current_grants")}
    lite = {i: (a, c) for i, a, c in _lite(site, "SELECT grant_id, amount, amount_cents FROM grants")}
    assert len(lite) == len(duck) > 1000
    assert all(Decimal(lite[i][0]) == amount and lite[i][1] == amount * 100 for i, amount in duck.items())
    [(total,)] = _duck(site, "SELECT sum(amount) FROM current_grants")
    assert _lite(site, "SELECT sum(amount_cents) FROM grants") == [(total * 100,)]  # integer: exact
    # money is never a float: TEXT decimal + INTEGER cents, as stored and as declared
    assert _lite(site, "SELECT DISTINCT typeof(amount), typeof(amount_cents) FROM grants") == [
        ("text", "integer")
    ]
    declared = {n: t for _, n, t, *_ in _lite(site, "PRAGMA table_info(grants)")}
    assert (declared["amount"], declared["amount_cents"]) == ("TEXT", "INTEGER")
    assert "REAL" not in {t for t in declared.values()}


def test_rows_keep_their_provenance_and_link_to_deliberations_and_beneficiaries(site: Site) -> None:
    rows = _lite(
        site,
        """SELECT g.file_name, g.page, g.box, g.sha256, d.title, b.name, g.beneficiary, doc.file_name
           FROM grants g JOIN deliberations d USING (deliberation_id) JOIN beneficiaries b USING (beneficiary_id)
           JOIN documents doc ON doc.sha256 = g.sha256""",
    )
    assert len(rows) == _lite(site, "SELECT count(*) FROM grants")[0][0]
    assert all(
        f and page and box and box.startswith("[") and len(sha) == 64 for f, page, box, sha, *_ in rows
    )
    assert all(name == beneficiary and f == doc_file for f, *_, name, beneficiary, doc_file in rows)
    fks = {(t, c) for _, _, t, c, *_ in _lite(site, "PRAGMA foreign_key_list(grants)")}
    assert fks == {
        ("deliberations", "deliberation_id"),
        ("beneficiaries", "beneficiary_id"),
        ("documents", "sha256"),
    }


def test_every_deliberation_has_its_matiere_with_the_rule_that_chose_it(site: Site) -> None:
    rows = _lite(
        site, "SELECT number, matiere_code, matiere, matiere_rule, matiere_confidence FROM deliberations"
    )
    assert rows and all(code and name and rule and 0 < conf <= 1 for _, code, name, rule, conf in rows)
    seed = {r[0]: r for r in rows}["2023-259"]
    assert seed[1:3] == ("7.5", "finances locales/subventions")


def test_metadata_file_and_title_can_be_chosen(site: Site, tmp_path: Path) -> None:
    out, meta = tmp_path / "a" / "grants.sqlite", tmp_path / "b" / "meta.json"
    r = CliRunner().invoke(
        cli, ["export", "sqlite", str(out), "-m", str(meta), "--title", "Subventions", "--db", str(site.duck)]
    )
    assert r.exit_code == 0, r.output
    data = json.loads(meta.read_text(encoding="utf-8"))
    assert data["title"] == "Subventions" and set(data["databases"]) == {
        "grants"
    }  # Datasette's name: the stem
    assert f"datasette {out} -m {meta}" in r.stderr
    assert _lite(Site(site.duck, out, meta, ""), "SELECT count(*) FROM grants") == _lite(
        site, "SELECT count(*) FROM grants"
    )


def test_the_extracted_seed_keeps_its_vote_and_its_checks(site: Site) -> None:
    """2023-259: Pour 28, Contre 0, Abstention 13, as printed; the extractor's checks, all of them."""
    votes = _lite(
        site, "SELECT vote_for, vote_against, abstention, n_recused FROM votes WHERE number = '2023-259'"
    )
    assert votes == [(28, 0, 13, 13)]
    duck = _duck(
        site,
        """SELECT count(*), count(*) FILTER (WHERE NOT passed) FROM checks c
           JOIN current_deliberations d USING (deliberation_id) WHERE d.number = '2023-259'""",
    )
    lite = _lite(
        site, "SELECT count(*), count(*) FILTER (WHERE NOT passed) FROM checks WHERE number = '2023-259'"
    )
    assert lite == [tuple(duck[0])] and lite[0][0] > 10


def test_metadata_describes_every_column_and_gives_source_licence_facets_and_search(site: Site) -> None:
    meta = json.loads(site.metadata.read_text(encoding="utf-8"))
    assert meta["license"] and meta["license_url"].startswith("https://")
    assert "Département du Pas-de-Calais" in meta["source"]
    tables = meta["databases"]["deliberations"]["tables"]
    for t in TABLES:
        cols = [c for _, c, *_ in _lite(site, f'PRAGMA table_info("{t.name}")')]
        assert cols and set(cols) == set(tables[t.name]["columns"]), t.name
        assert all(tables[t.name]["columns"][c] for c in cols)
    assert "euros" in tables["grants"]["columns"]["amount"]
    assert {"collectivity", "year", "beneficiary"} <= set(tables["grants"]["facets"])
    assert tables["grants"]["fts_table"] == "grants_fts"
    # the search index answers on every spelling of a beneficiary, accents and apostrophes aside
    found = _lite(site, "SELECT count(*) FROM grants_fts WHERE grants_fts MATCH ?", '"recup aire"')
    assert found == _lite(site, "SELECT count(*) FROM grants WHERE beneficiary = ?", RECUP) != [(0,)]


def test_an_export_onto_a_folder_is_one_line_and_writes_nothing(site: Site, tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["export", "sqlite", str(tmp_path), "--db", str(site.duck)])
    assert r.exit_code == 1
    assert r.stderr == f"Error: {tmp_path}: is a folder; give a file name\n"
    assert list(tmp_path.iterdir()) == []
    assert not [p for p in site.db.parent.iterdir() if p.name.endswith(".part")]  # no temporary left


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(site: Site) -> Iterator[str]:
    pytest.importorskip("datasette", reason="datasette is not installed: pip install -e '.[datasette]'")
    port = _free_port()
    log = site.db.with_name("datasette.log")
    with log.open("w") as out:  # a file, not a pipe nobody reads: the server never blocks on its log
        serve = [sys.executable, "-m", "datasette", "serve", str(site.db), "-m", str(site.metadata)]
        proc = subprocess.Popen(
            [*serve, "--host", "127.0.0.1", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a guard against a hang, not a measure
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"datasette exited {proc.returncode}: {proc.stdout.read() if proc.stdout else ''}"
                )
            try:
                if httpx.get(f"{url}/-/versions.json", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("datasette did not answer")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_datasette_serves_the_grants_as_json_with_facets_and_search(site: Site, server: str) -> None:
    r = httpx.get(
        f"{server}/deliberations/grants.json",
        params={"_search": RECUP, "_shape": "objects", "_facet": "year", "_size": "max"},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    data = r.json()
    rows = data["rows"]
    expected = _duck(
        site, "SELECT grant_row_id, amount FROM current_grants WHERE beneficiary_name = ?", RECUP
    )
    assert {(row["grant_id"], Decimal(row["amount"])) for row in rows} == {(int(i), a) for i, a in expected}
    assert all(row["amount_cents"] == Decimal(row["amount"]) * 100 for row in rows)
    years = {f["value"]: f["count"] for f in data["facet_results"]["year"]["results"]}
    assert sum(years.values()) == len(rows) and len(years) >= 2
    assert data["license"] and data["source"]


def test_datasette_serves_a_grants_page_with_the_metadata(site: Site, server: str) -> None:
    r = httpx.get(f"{server}/deliberations/grants", params={"_search": RECUP}, timeout=30)
    assert r.status_code == 200
    page = r.text
    assert "Recup&#39;aire" in page or RECUP in page
    assert "Every grant line of the current deliberations" in page  # the table's description
    assert "Amount granted, in euros" in page  # a column description
    assert "Licence Ouverte" in page
    [(n,)] = _duck(site, "SELECT count(*) FROM current_grants WHERE beneficiary_name = ?", RECUP)
    assert f"{n} row" in page
