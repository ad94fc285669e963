"""The ACTES matière classifier, measured on the hand-labelled items of the real publications.

``tests/real/matieres.json`` holds the matière of every decided item of ``tests/real/*.gold.json``,
labelled by hand.  The rules were written looking at five collectivities; Pierrefonds was labelled
after them and held out: its accuracy is the honest one for a collectivity the rules never saw.
The floors below are the figures measured when the rules were committed (README, SCDL export).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from delib.extract.matiere import RULES, Matiere, classify, nomenclature
from delib.warehouse.scdl import ACTES_NAMES
from delib.warehouse.scdl_validate import actes_code_ok

REAL = Path(__file__).resolve().parents[1] / "real"
LABELS = REAL / "matieres.json"
STANDARD = Path(__file__).resolve().parents[3] / "shared" / "standards" / "actes-matieres.tsv"
HELD_OUT = "pierrefonds"


def _labelled() -> list[tuple[str, dict[str, object], str]]:
    """(pdf, gold item, expected code) for every labelled item."""
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    out = []
    for pdf, items in data["labels"].items():
        gold = json.loads((REAL / pdf.replace(".pdf", ".gold.json")).read_text(encoding="utf-8"))
        for it in items:
            g = gold["deliberations"][it["item"]]
            assert g["title"] == it["title"], f"{pdf} item {it['item']}: the gold file changed"
            out.append((pdf, {**g, "collectivity": gold.get("collectivity")}, str(it["code"])))
    return out


def _accuracy(select: Callable[[str], bool]) -> tuple[float, float, int]:
    n = ok1 = ok2 = 0
    for pdf, g, code in _labelled():
        if not select(pdf):
            continue
        grants = g.get("grants") or []
        assert isinstance(grants, list)
        title = g["title"]
        coll = g["collectivity"]
        m = classify(str(title), grants=len(grants), collectivity=coll if isinstance(coll, str) else None)
        n += 1
        ok2 += m.code == code
        ok1 += m.level1 == code.split(".")[0]
    return ok1 / n, ok2 / n, n


def test_every_decided_item_of_the_gold_files_is_labelled() -> None:
    data = json.loads(LABELS.read_text(encoding="utf-8"))["labels"]
    for gold_path in sorted(REAL.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pdf = gold_path.name.replace(".gold.json", ".pdf")
        assert [it["item"] for it in data[pdf]] == list(range(len(gold["deliberations"]))), pdf
    assert all(code in ACTES_NAMES for _, _, code in _labelled())


@pytest.mark.parametrize(
    ("select", "level1", "level2", "n"),
    [
        (lambda pdf: not pdf.startswith(HELD_OUT), 0.968, 0.959, 223),  # the five the rules were written on
        (lambda pdf: pdf.startswith(HELD_OUT), 0.897, 0.846, 39),  # held out: never looked at
        (lambda pdf: True, 0.958, 0.942, 262),
    ],
    ids=["design-5-collectivities", "held-out-pierrefonds", "all"],
)
def test_accuracy_stays_at_or_above_the_measured_figure(
    select: Callable[[str], bool], level1: float, level2: float, n: int
) -> None:
    acc1, acc2, count = _accuracy(select)
    assert count == n
    assert acc1 >= level1 and acc2 >= level2, (acc1, acc2)


def test_the_package_list_is_the_shared_standard() -> None:
    if not STANDARD.exists():
        pytest.skip(f"../shared/standards not beside the checkout ({STANDARD})")
    with STANDARD.open(encoding="utf-8", newline="") as f:
        rows = {r["code"]: r["label"] for r in csv.DictReader(f, delimiter="\t")}
    assert nomenclature() == rows


def test_every_rule_gives_a_level2_code_the_export_can_name() -> None:
    for rule in RULES:
        assert actes_code_ok(rule.code) and rule.code in ACTES_NAMES, rule.name


def test_a_printed_matiere_wins_over_the_title() -> None:
    m = classify("Attribution de subventions", "Matière : 3.1 Acquisitions\nArticle 1 : ...")
    assert (m.code, m.name, m.rule, m.confidence) == ("3.1", "Acquisitions", "matiere.printed.v1", 1.0)


def test_the_nature_of_the_act_comes_before_its_theme() -> None:
    assert classify("Ecole Jules Ferry - Attribution des marchés de travaux").code == "1.1"
    assert classify("Ecole Jules Ferry - Sectorisation").code == "8.1"
    assert classify("Garantie d'emprunt - Office HLM").code == "7.3"
    assert classify("Avenant n°2 au marché de maîtrise d'oeuvre").code == "1.6"
    assert classify("Modification des statuts de la communauté de communes").code == "5.7"


def test_grant_lines_outweigh_a_convention_but_not_a_specific_title() -> None:
    conv = classify("Convention de partenariat avec le théâtre", grants=1)
    assert (conv.code, conv.rule) == ("7.5", "matiere.grants.v1")
    assert classify("Convention de partenariat avec le théâtre").code == "1.4"
    assert classify("Aides directes aux entreprises - BOURBON PAYSAGES", grants=1).code == "7.4"


def test_the_text_is_read_when_the_title_says_nothing_then_the_fallback() -> None:
    m = classify("Archivage", "Vote pour retenir le prestataire proposé")
    assert (m.code, m.rule, m.confidence) == ("1.1", "matiere.text.marche.v1", 0.5)
    dep = classify("Point divers", collectivity="Département du Pas-de-Calais")
    assert (dep.code, dep.rule, dep.confidence) == ("9.2", "matiere.fallback.v1", 0.1)
    assert classify(None).code == "9.1"
    assert isinstance(dep, Matiere) and dep.name == "Autres domaines de compétences des départements"
