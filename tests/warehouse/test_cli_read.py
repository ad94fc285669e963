"""The read commands on a warehouse of the ground-truth corpus: history, audit, export."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from delib.cli import cli


def test_history_prints_years_totals_and_pages(truth_db: Path) -> None:
    r = CliRunner().invoke(cli, ["history", "Recup aire", "--by", "year", "--db", str(truth_db), "--json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert len({row["year"] for row in rows}) >= 2
    assert all(".pdf p." in row["sources"] for row in rows)
    assert "Recup" in r.stderr and "matched by" in r.stderr


def test_history_with_an_aliases_file_answers_differently(truth_db: Path, tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.txt"
    aliases.write_text("AFP2I != APF2I\n", encoding="utf-8")
    runner = CliRunner()
    plain = json.loads(
        runner.invoke(cli, ["history", "AFP2I", "--by", "year", "--db", str(truth_db), "--json"]).stdout
    )
    split = json.loads(
        runner.invoke(
            cli,
            ["history", "AFP2I", "--by", "year", "--db", str(truth_db), "--json", "--aliases", str(aliases)],
        ).stdout
    )
    assert sum(float(r["total"]) for r in split) < sum(float(r["total"]) for r in plain)


def test_history_of_an_unknown_name_is_one_line_exit_1(truth_db: Path) -> None:
    r = CliRunner().invoke(cli, ["history", "Qwxz Organisation", "--db", str(truth_db)])
    assert r.exit_code == 1
    assert r.stderr.startswith("Error: no beneficiary matches") and r.stderr.count("\n") == 1


def test_audit_lists_nothing_for_a_clean_corpus_or_exits_1(truth_db: Path) -> None:
    r = CliRunner().invoke(cli, ["audit", "--db", str(truth_db), "--json"])
    items = json.loads(r.stdout)
    assert r.exit_code == (1 if items else 0)
    assert all(i["path"] and i["message"] for i in items)


def test_export_csv_dump_and_bad_kind(truth_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(
        cli, ["export", "csv", str(tmp_path / "dump"), "--db", str(truth_db), "--only", "grants"]
    )
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "dump").iterdir()) == ["data_dictionary.csv", "grants.csv"]
    bad = runner.invoke(cli, ["export", "xlsx", str(tmp_path / "x"), "--db", str(truth_db)])
    assert bad.exit_code == 2


def test_export_scdl_with_facts_file(truth_db: Path, tmp_path: Path) -> None:
    import duckdb

    from delib.warehouse.scdl_validate import siret_ok

    con = duckdb.connect(str(truth_db), read_only=True)
    names = [n for (n,) in con.execute("SELECT DISTINCT collectivity FROM deliberations").fetchall()]
    con.close()
    siret = next(s for s in (f"226200012{n:05d}" for n in range(1, 1000)) if siret_ok(s))
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps({"collectivities": {n: {"siret": siret} for n in names}}), encoding="utf-8")
    out = tmp_path / "d.csv"
    r = CliRunner().invoke(
        cli,
        ["export", "scdl-deliberations", str(out), "--db", str(truth_db), "--facts", str(facts), "--strict"],
    )
    assert r.exit_code == 0, r.output
    assert "0 validation error(s)" in r.stderr
