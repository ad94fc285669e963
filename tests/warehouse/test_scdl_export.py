"""SCDL exports of the ground-truth corpus: valid with collectivity facts, honest without them."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import duckdb
import pytest
from stdnum import luhn

from delib.warehouse.scdl import FactsError, dump_tables, export_deliberations, export_subventions, read_facts
from delib.warehouse.scdl_validate import siret_ok, validate_csv


def _siret(siren: str) -> str:
    """A valid SIRET on the first 8 digits of a SIREN: SIREN and SIRET Luhn-valid, as facts must be
    (test facts; the real ones come from the collectivity)."""
    siren = siren[:8] + luhn.calc_check_digit(siren[:8])
    return next(s for s in (f"{siren}{nic:05d}" for nic in range(1, 100000)) if siret_ok(s))


def _facts(tmp_path: Path, ro: Any, extra: str = "") -> Path:
    names = [
        n for (n,) in ro.execute("SELECT DISTINCT collectivity FROM deliberations ORDER BY 1").fetchall()
    ]
    lines = []
    for i, name in enumerate(names):
        lines += [
            f'[collectivities."{name}"]',
            f'siret = "{_siret(f"2262{i:05d}")}"',
            'prefecture = "PREF062"',
            "",
        ]
    path = tmp_path / "facts.toml"
    path.write_text("\n".join(lines) + extra, encoding="utf-8")
    return path


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_deliberations_export_validates_with_zero_errors_given_facts(tmp_path: Path, ro: Any) -> None:
    res = export_deliberations(ro, tmp_path / "d.csv", read_facts(_facts(tmp_path, ro)))
    assert res.errors == []
    assert validate_csv("deliberations", res.path) == []  # the file as written, read back
    n = ro.execute("SELECT count(*) FROM current_deliberations").fetchall()[0][0]
    assert res.rows == n > 0


def test_seed_votes_leave_the_recused_out(tmp_path: Path, ro: Any) -> None:
    """2023-259: Pour 28, Contre 0, Abstention 13 = the 13 recused, Absents 2, of 43 members."""
    res = export_deliberations(ro, tmp_path / "d.csv", read_facts(_facts(tmp_path, ro)))
    rows = {r["DELIB_ID"]: r for r in _read(res.path)}
    if "2023-259" not in rows:
        pytest.skip("seed publication not in the corpus")
    seed = rows["2023-259"]
    assert (seed["VOTE_POUR"], seed["VOTE_CONTRE"], seed["VOTE_ABSTENTION"]) == ("28", "0", "0")
    assert seed["VOTE_REEL"] == "28" and seed["VOTE_EFFECTIF"] == "30"
    assert seed["DELIB_MATIERE_CODE"] == "7.5" and seed["DELIB_MATIERE_NOM"] == "finances locales/subventions"
    report = _read(res.report_path)
    assert any(
        r["id"] == "2023-259" and r["kind"] == "derived" and "13 recused" in r["message"] for r in report
    )


def test_without_facts_the_report_says_what_is_missing_and_why(tmp_path: Path, ro: Any) -> None:
    res = export_deliberations(ro, tmp_path / "d.csv")
    rows = _read(res.path)
    assert all(r["COLL_SIRET"] == "" for r in rows)  # never invented
    report = _read(res.report_path)
    missing = [r for r in report if r["kind"] == "missing" and r["field"] == "COLL_SIRET"]
    assert len(missing) == len(rows)
    assert "does not print the collectivity SIRET" in missing[0]["message"]
    assert {e.field for e in res.errors} == {"COLL_SIRET"}
    assert sum(1 for r in report if r["kind"].startswith("error:")) == len(res.errors)


def test_facts_set_the_matiere_of_one_deliberation(tmp_path: Path, ro: Any) -> None:
    number = ro.execute("SELECT number FROM current_deliberations ORDER BY number LIMIT 1").fetchall()[0][0]
    facts = read_facts(_facts(tmp_path, ro, f'\n[matieres]\n"{number}" = "8.2"\n'))
    res = export_deliberations(ro, tmp_path / "d.csv", facts)
    row = next(r for r in _read(res.path) if r["DELIB_ID"] == number)
    assert (row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"]) == (
        "8.2",
        "domaines de compétences par thèmes/aide sociale",
    )
    assert res.errors == []


@pytest.mark.parametrize(
    ("text", "message"),
    [("[matieres]\n\"1\" = \"7.11\"\n", "not an ACTES level-2 code"), ("[budget]\nx = 1\n", "unknown section"),
     ("[collectivity\n", "not valid TOML")],
)  # fmt: skip
def test_bad_facts_files_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "facts.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FactsError, match=message):
        read_facts(path)


def test_subventions_export_fills_what_is_justified_and_reports_the_rest(tmp_path: Path, ro: Any) -> None:
    extra = '\n[beneficiaries."Recup\'aire"]\nsiret = "' + _siret("123456789") + '"\n'
    res = export_subventions(ro, tmp_path / "s.csv", read_facts(_facts(tmp_path, ro, extra)))
    rows = _read(res.path)
    n = ro.execute("SELECT count(*) FROM current_grants").fetchall()[0][0]
    assert len(rows) == n
    total = sum(__import__("decimal").Decimal(r["montant"]) for r in rows)
    assert total == ro.execute("SELECT sum(amount) FROM current_grants").fetchall()[0][0]
    assert all(r["dateConvention"] == "" for r in rows)  # not printed: never invented
    recup = [r for r in rows if r["nomBeneficiaire"] == "Recup'aire"]
    assert recup and all(siret_ok(r["idBeneficiaire"]) for r in recup)  # every spelling gets the fact
    report = _read(res.report_path)
    missing_ids = {r["row"] for r in report if r["kind"] == "missing" and r["field"] == "idBeneficiaire"}
    assert len(missing_ids) == len(rows) - len(recup)
    errors = {(e.field, e.check) for e in res.errors}
    assert ("dateConvention", "required") in errors
    assert ("idBeneficiaire", "french-siret-value") not in errors


def test_parquet_dump_holds_every_table_and_the_data_dictionary(tmp_path: Path, ro: Any) -> None:
    written = dump_tables(ro, tmp_path / "pq", "parquet")
    names = {n for n, _, _ in written}
    assert {"grants", "deliberations", "funding_by_beneficiary_year", "data_dictionary"} <= names
    grants = duckdb.sql(
        f"SELECT count(*), sum(amount) FROM '{tmp_path / 'pq' / 'grants.parquet'}'"
    ).fetchall()
    assert grants == ro.execute("SELECT count(*), sum(amount) FROM grants").fetchall()
    comments = duckdb.sql(
        f"SELECT count(*) FROM '{tmp_path / 'pq' / 'data_dictionary.parquet'}' WHERE comment IS NULL"
    ).fetchall()
    assert comments == [(0,)]


def test_delib_url_is_the_address_the_file_was_fetched_from(tmp_path: Path, seed_pub: Any) -> None:
    from delib.warehouse import connect, load_publication

    con = connect(tmp_path / "w.duckdb")
    load_publication(con, seed_pub, source="https://www.pasdecalais.fr/actes/2023-259.pdf")
    res = export_deliberations(con, tmp_path / "d.csv")
    con.close()
    assert _read(res.path)[0]["DELIB_URL"] == "https://www.pasdecalais.fr/actes/2023-259.pdf"
    assert not [e for e in res.errors if e.field == "DELIB_URL"]
