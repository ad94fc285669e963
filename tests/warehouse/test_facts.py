"""Facts fill gaps, never overwrite (issue 13): keyed by collectivity, checked against the document,
validated when read; an invalid or ambiguous facts file writes nothing.

The defects reproduced: an unkeyed ``[collectivity]`` wrote "Ville de Montpellier" and its SIRET on
the Pas-de-Calais deliberation, and a SIRET ``123`` was written to the CSV with exit 0.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from delib.cli import cli
from delib.models import Publication
from delib.warehouse import connect, load_publication
from delib.warehouse.scdl import export_deliberations, export_subventions, read_facts

PDC = "Département du Pas-de-Calais"
PDC_SIRET = "22620001200012"  # SIREN 226200012, the SIREN of the ACTES ids the Département prints
MTP_SIRET = "21340172201787"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _facts(tmp_path: Path, toml: str) -> Path:
    """A facts file with this TOML text, in the test's folder."""
    facts = tmp_path / "facts.toml"
    facts.write_text(toml, encoding="utf-8")
    return facts


def _export(db: Path, out: Path, facts: Path, kind: str = "scdl-deliberations") -> Any:
    return CliRunner().invoke(cli, ["export", kind, str(out), "--db", str(db), "--facts", str(facts)])


@pytest.fixture
def seed_db(tmp_path: Path, seed_pub: Publication, truth_pubs: list[Publication]) -> Path:
    """A warehouse of one collectivity: the seed deliberation, with the ACTES id it would print, and
    a deliberation of 2021 that prints none."""
    d = seed_pub.deliberations[0].model_copy(update={"acts_id": "062-226200012-20230612-2023_259-DE"})
    pub = seed_pub.model_copy(update={"deliberations": [d, *seed_pub.deliberations[1:]]})
    [other] = [p for p in truth_pubs if "pas-de-calais_cp_2021-07-05" in p.file.path]
    assert not any(x.acts_id for x in other.deliberations)
    db = tmp_path / "seed.duckdb"
    con = connect(db)
    load_publication(con, pub, source="ground truth")
    load_publication(con, other, source="ground truth")
    con.close()
    return db


def test_unkeyed_collectivity_on_a_warehouse_of_several_is_refused_and_lists_them(
    truth_db: Path, tmp_path: Path
) -> None:
    facts = _facts(tmp_path, f'[collectivity]\nname = "Ville de Montpellier"\nsiret = "{MTP_SIRET}"\n')
    out = tmp_path / "d.csv"
    r = _export(truth_db, out, facts)
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"Error: {facts}: [collectivity] has no key")
    for name in (PDC, "Département du Nord", "Région Hauts-de-France"):
        assert name in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.toml"]  # nothing written


def test_keyed_facts_apply_only_to_their_collectivity(truth_db: Path, tmp_path: Path) -> None:
    facts = _facts(
        tmp_path,
        f'[collectivities."Ville de Montpellier"]\nsiret = "{MTP_SIRET}"\n\n'
        f'[collectivities."DEPARTEMENT DU PAS-DE-CALAIS"]\nsiret = "{PDC_SIRET}"\nprefecture = "PREF062"\n',
    )
    out = tmp_path / "d.csv"
    r = _export(truth_db, out, facts)
    assert r.exit_code == 0, r.output
    rows = _read(out)
    pdc = [row for row in rows if row["COLL_NOM"] == PDC]
    others = [row for row in rows if row["COLL_NOM"] != PDC]
    assert pdc and others
    assert {(row["COLL_SIRET"], row["PREF_ID"]) for row in pdc} == {(PDC_SIRET, "PREF062")}
    assert {(row["COLL_SIRET"], row["PREF_ID"]) for row in others} == {("", "")}
    assert not any("Montpellier" in row["COLL_NOM"] for row in rows)
    assert '[collectivities."Ville de Montpellier"] matches no collectivity' in r.stderr

    grants = tmp_path / "s.csv"
    assert _export(truth_db, grants, facts, "scdl-subventions").exit_code == 0
    by_coll = {(g["nomAttribuant"], g["idAttribuant"]) for g in _read(grants)}
    assert (PDC, PDC_SIRET) in by_coll
    assert {siret for name, siret in by_coll if name != PDC} == {""}


def test_the_pas_de_calais_deliberation_never_comes_out_as_montpellier(seed_db: Path, tmp_path: Path) -> None:
    """The defect: a one-collectivity warehouse, facts about another collectivity."""
    facts = _facts(tmp_path, f'[collectivity]\nname = "Ville de Montpellier"\nsiret = "{MTP_SIRET}"\n')
    out = tmp_path / "d.csv"
    r = _export(seed_db, out, facts)
    assert r.exit_code == 0, r.output
    rows = _read(out)
    assert len(rows) == 2 and {(row["COLL_NOM"], row["COLL_SIRET"]) for row in rows} == {(PDC, "")}
    conflicts = [n for n in _read(tmp_path / "d.report.csv") if n["kind"] == "conflict"]
    assert sorted((c["id"], c["field"]) for c in conflicts) == [(row["DELIB_ID"], "COLL_NOM") for row in rows]
    assert all(
        "Ville de Montpellier" in c["message"] and "no fact applied" in c["message"] for c in conflicts
    )
    assert "2 fact(s) the document contradicts" in r.stderr


def test_unkeyed_facts_of_the_one_collectivity_fill_its_gaps(seed_db: Path, tmp_path: Path) -> None:
    facts = _facts(
        tmp_path,
        f'[collectivity]\nname = "DÉPARTEMENT DU PAS-DE-CALAIS"\nsiret = "{PDC_SIRET}"\nprefecture = "PREF062"\n',
    )
    con = connect(seed_db, read_only=True)
    try:
        res = export_deliberations(con, tmp_path / "d.csv", read_facts(facts))
    finally:
        con.close()
    rows = _read(res.path)
    # the same collectivity in another spelling: the facts' official spelling, reported as derived
    assert len(rows) == 2
    assert {(row["COLL_NOM"], row["COLL_SIRET"], row["PREF_ID"]) for row in rows} == {
        ("DÉPARTEMENT DU PAS-DE-CALAIS", PDC_SIRET, "PREF062")
    }
    report = _read(res.report_path)
    assert any(n["field"] == "COLL_NOM" and n["kind"] == "derived" and PDC in n["message"] for n in report)
    assert res.conflicts == 0 and not [e for e in res.errors if e.field == "COLL_SIRET"]


def test_a_siret_or_prefecture_the_acts_id_contradicts_is_not_written(seed_db: Path, tmp_path: Path) -> None:
    """The printed ACTES id 062-226200012-... wins over a SIRET of SIREN 213401722 and PREF059, on
    every row of the collectivity, including the deliberation that prints no ACTES id."""
    facts = _facts(tmp_path, f'[collectivities."{PDC}"]\nsiret = "{MTP_SIRET}"\nprefecture = "PREF059"\n')
    con = connect(seed_db, read_only=True)
    try:
        res = export_deliberations(con, tmp_path / "d.csv", read_facts(facts))
        grants = export_subventions(con, tmp_path / "s.csv", read_facts(facts))
    finally:
        con.close()
    rows = _read(res.path)
    assert len(rows) == 2 and {(row["COLL_NOM"], row["COLL_SIRET"], row["PREF_ID"]) for row in rows} == {
        (PDC, "", "")
    }
    conflicts = [n for n in _read(res.report_path) if n["kind"] == "conflict"]
    assert sorted((c["id"], c["field"]) for c in conflicts) == sorted(
        (row["DELIB_ID"], f) for row in rows for f in ("COLL_SIRET", "PREF_ID")
    )
    assert all("SIREN 226200012" in c["message"] for c in conflicts if c["field"] == "COLL_SIRET")
    assert all("department 062" in c["message"] for c in conflicts if c["field"] == "PREF_ID")
    assert res.conflicts == 4
    assert grants.rows > 0 and all(g["idAttribuant"] == "" for g in _read(grants.path))
    assert grants.conflicts == grants.rows  # one per grant line: idAttribuant


@pytest.mark.parametrize(
    ("table", "where"),
    [
        (
            '[collectivities."Ville de Montpellier"]\nsiret = "123"\n',
            '[collectivities."Ville de Montpellier"] siret',
        ),
        ('[collectivity]\nsiret = "22620001200013"\n', "[collectivity] siret"),  # check digit wrong
        ('[collectivity]\nsiren = "226200013"\n', "[collectivity] siren"),
        ('[collectivity]\nprefecture = "PREF62"\n', "[collectivity] prefecture"),
        ('[collectivity]\nprefecture = "PREF096"\n', "[collectivity] prefecture"),
        ('[collectivity]\nsiret = "22620001200012"\nsiren = "213401722"\n', "[collectivity] siret"),
        ('[collectivity]\nsirt = "22620001200012"\n', "[collectivity] unknown key 'sirt'"),
        ('[beneficiaries."Recup\'aire"]\nsiret = "4"\n', '[beneficiaries."Recup\'aire"] siret'),
        ('[beneficiaries."Recup\'aire"]\nrna = "123456789"\n', '[beneficiaries."Recup\'aire"] rna'),
        ('[grants]\nnotification_ue = "peut-être"\n', "[grants] notification_ue"),
        (
            '[collectivity."Ville de Montpellier"]\nsiret = "1"\n',
            "[collectivity] Ville de Montpellier must be a value",
        ),
    ],
)
def test_an_invalid_fact_is_one_line_naming_the_file_and_the_key_and_nothing_is_written(
    truth_db: Path, tmp_path: Path, table: str, where: str
) -> None:
    facts = _facts(tmp_path, table)
    out = tmp_path / "out" / "d.csv"
    for kind in ("scdl-deliberations", "scdl-subventions"):
        r = _export(truth_db, out, facts, kind)
        assert r.exit_code == 1, r.output
        assert r.stderr.startswith(f"Error: {facts}: {where}") and r.stderr.count("\n") == 1
        assert not (tmp_path / "out").exists()  # no CSV, no report, not even the folder


def test_valid_facts_are_normalised(tmp_path: Path) -> None:
    facts = _facts(
        tmp_path,
        '[collectivity]\nsiret = "226 200 012 00012"\nsiren = "226200012"\nprefecture = "spref0621"\n',
    )
    got = read_facts(facts).collectivity
    assert got == {"siret": PDC_SIRET, "siren": "226200012", "prefecture": "SPREF0621"}
