"""Our SCDL validator: the schema's types, patterns and enums, and Validata's custom checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from delib.warehouse.scdl_validate import SCHEMAS, actes_code_ok, load_schema, siret_ok, validate

SHARED = Path(__file__).resolve().parents[3] / "shared" / "standards"

DELIB_OK = {
    "COLL_NOM": "Ville de Poitiers",
    "COLL_SIRET": "21860194600013",
    "DELIB_ID": "1DL15494",
    "DELIB_DATE": "2017-10-15",
    "DELIB_MATIERE_CODE": "8.4",
    "DELIB_MATIERE_NOM": "domaines de compétences par thèmes/aménagement du territoire",
    "DELIB_OBJET": "Lancement d'une démarche partenariale de définition d'une politique montagne",
    "BUDGET_ANNEE": "2017/2018",
    "BUDGET_NOM": "Budget annexe déchets-collecte et traitement",
    "PREF_ID": "PREF038",
    "PREF_DATE": "2017-10-20",
    "VOTE_EFFECTIF": "43",
    "VOTE_REEL": "40",
    "VOTE_POUR": "25",
    "VOTE_CONTRE": "10",
    "VOTE_ABSTENTION": "5",
    "DELIB_URL": "https://data.maville.fr/deliberations/files/200417_1.pdf",
}
SUBV_OK = {
    "nomAttribuant": "Région Bretagne",
    "idAttribuant": "23350001600040",
    "dateConvention": "2017-06-27",
    "referenceDecision": "2017-03-103",
    "nomBeneficiaire": "Association Les Petits Débrouillards Bretagne",
    "idBeneficiaire": "38047555800058",
    "rnaBeneficiaire": "W380475558",
    "objet": "Animations climat-énergie dans les lycées de la région",
    "montant": "47800.20",
    "nature": "aide en numéraire;aide en nature",
    "conditionsVersement": "échelonné",
    "datesPeriodeVersement": "2017-03-14/2018-03-14",
    "idRAE": "12345",
    "notificationUE": "non",
    "pourcentageSubvention": "0.45",
    "dispositifAide": "65d5b6c7-102c-4440-ac3b-768f708edc0a",
}


def _errors(schema: str, **changes: str) -> list[tuple[str | None, str]]:
    base = DELIB_OK if schema == "deliberations" else SUBV_OK
    row = {**base, **changes}
    return [(e.field, e.check) for e in validate(schema, list(base), [row])]


def test_bundled_schemas_are_the_shared_standards_unchanged() -> None:
    if not SHARED.exists():
        pytest.skip("shared/standards not beside the checkout")
    for path in SCHEMAS.values():
        assert json.loads(path.read_text()) == json.loads((SHARED / path.name).read_text())


@pytest.mark.parametrize("schema", ["deliberations", "subventions"])
def test_valid_example_rows_have_no_error(schema: str) -> None:
    assert _errors(schema) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # french-siret-value: the Luhn checksum, not only 14 digits
        ({"COLL_SIRET": "21860194600014"}, ("COLL_SIRET", "french-siret-value")),
        # pattern
        ({"COLL_SIRET": "2186019460001"}, ("COLL_SIRET", "constraint")),
        # required
        ({"DELIB_OBJET": ""}, ("DELIB_OBJET", "required")),
        # sum-columns-value: VOTE_REEL = POUR + CONTRE + ABSTENTION
        ({"VOTE_REEL": "41", "VOTE_EFFECTIF": "43"}, ("VOTE_REEL", "sum-columns-value")),
        # compare-columns-value: VOTE_EFFECTIF >= VOTE_REEL
        ({"VOTE_EFFECTIF": "39"}, ("VOTE_EFFECTIF", "compare-columns-value")),
        # cohesive-columns-value: the five vote columns all filled or all empty
        ({"VOTE_CONTRE": ""}, ("VOTE_EFFECTIF", "cohesive-columns-value")),
        # cohesive BUDGET_ANNEE / BUDGET_NOM
        ({"BUDGET_NOM": ""}, ("BUDGET_ANNEE", "cohesive-columns-value")),
        # year-interval-value
        ({"BUDGET_ANNEE": "2018/2017"}, ("BUDGET_ANNEE", "year-interval-value")),
        # compare-columns-value: PREF_DATE >= DELIB_DATE
        ({"PREF_DATE": "2017-10-14"}, ("PREF_DATE", "compare-columns-value")),
        # ACTES level-2 code
        ({"DELIB_MATIERE_CODE": "7.11"}, ("DELIB_MATIERE_CODE", "delib-actes-level2-code")),
        ({"DELIB_MATIERE_CODE": "10.1"}, ("DELIB_MATIERE_CODE", "delib-actes-level2-code")),
        # nomenclature-actes-value
        ({"DELIB_MATIERE_NOM": "aménagement du territoire"}, ("DELIB_MATIERE_NOM", "nomenclature-actes-value")),
        ({"DELIB_MATIERE_NOM": "finances / subventions"}, ("DELIB_MATIERE_NOM", "nomenclature-actes-value")),
        ({"DELIB_MATIERE_NOM": "finances locales / subventions", "DELIB_MATIERE_CODE": "7.5"},
         ("DELIB_MATIERE_NOM", "nomenclature-actes-value")),
        # code and name disagree
        ({"DELIB_MATIERE_CODE": "7.5"}, ("DELIB_MATIERE_NOM", "delib-actes-code-matches-name")),
        # types
        ({"DELIB_DATE": "15/10/2017"}, ("DELIB_DATE", "constraint")),
        ({"VOTE_POUR": "25.0"}, ("VOTE_POUR", "constraint")),
        ({"DELIB_URL": "data.maville.fr/x.pdf"}, ("DELIB_URL", "constraint")),
    ],
)  # fmt: skip
def test_invalid_deliberation_rows(changes: dict[str, str], expected: tuple[str, str]) -> None:
    assert expected in _errors("deliberations", **changes)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"idBeneficiaire": "", "rnaBeneficiaire": ""}, ("idBeneficiaire", "one-of-required")),
        ({"idBeneficiaire": "38047555800059"}, ("idBeneficiaire", "french-siret-value")),
        ({"idAttribuant": "23350001600041"}, ("idAttribuant", "french-siret-value")),
        ({"rnaBeneficiaire": "380475558"}, ("rnaBeneficiaire", "constraint")),
        ({"nature": "aide"}, ("nature", "constraint")),
        ({"notificationUE": "false"}, ("notificationUE", "constraint")),
        ({"pourcentageSubvention": "1.5"}, ("pourcentageSubvention", "constraint")),
        ({"montant": "47 800,20"}, ("montant", "constraint")),
        ({"datesPeriodeVersement": "2017-03-14 / 2018-03-14"}, ("datesPeriodeVersement", "constraint")),
        ({"dateConvention": ""}, ("dateConvention", "required")),
        ({"idRAE": "123456"}, ("idRAE", "constraint")),
        ({"objet": "x" * 257}, ("objet", "constraint")),
    ],
)
def test_invalid_subvention_rows(changes: dict[str, str], expected: tuple[str, str]) -> None:
    assert expected in _errors("subventions", **changes)


def test_only_rna_is_enough_for_the_beneficiary() -> None:
    assert _errors("subventions", idBeneficiaire="") == []


def test_header_must_be_the_schema_columns_in_order() -> None:
    header = [h for h in DELIB_OK if h != "DELIB_URL"]
    errs = validate("deliberations", header, [DELIB_OK])
    assert [(e.row, e.field, e.check) for e in errs] == [(0, "DELIB_URL", "missing-label")]
    swapped = list(DELIB_OK)
    swapped[0], swapped[1] = swapped[1], swapped[0]
    assert [e.check for e in validate("deliberations", swapped, [DELIB_OK])] == ["incorrect-label"]


@pytest.mark.parametrize(
    ("siret", "ok"),
    [
        ("21860194600013", True),   # Poitiers (schema example)
        ("23350001600040", True),   # Région Bretagne (schema example)
        ("21860194600031", False),  # two digits swapped
        ("35600000000100", True),   # La Poste (SIREN 356000000): digit sum divisible by 5, not Luhn
        ("35600000000101", False),
        ("2186019460001A", False),
    ],
)  # fmt: skip
def test_siret_checksum(siret: str, ok: bool) -> None:
    assert siret_ok(siret) is ok


def test_actes_codes_follow_the_schema_ranges() -> None:
    desc = load_schema("deliberations")["fields"][4]["description"]
    assert "'7.1' à '7.10'" in desc
    assert actes_code_ok("7.10") and actes_code_ok("9.4") and actes_code_ok("1.7")
    assert not actes_code_ok("9.5") and not actes_code_ok("0.1") and not actes_code_ok("7.05")
