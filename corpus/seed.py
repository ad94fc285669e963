"""The seed publication as data: Pas-de-Calais, Commission permanente of 12 June 2023, N°2023-259.

``python -m delib.corpus.seed corpus/samples`` writes
``pas-de-calais_cp_2023-06-12_2023-259.json`` (ground truth) and its
``.render.json`` (presentation), then renders the PDF.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from delib.corpus import seed_grants as sg
from delib.corpus.prose import convention_blocks
from delib.corpus.render import SPEC_SUFFIX, dump_json, render_file
from delib.corpus.seed_prose import narrative_annexes, proposals, rapport_after, rapport_blocks
from delib.corpus.spec import GrantAnnexLayout, RenderSpec, ThemeLayout

STEM = "pas-de-calais_cp_2023-06-12_2023-259"

M, F = "M.", "Mme"
PRESENT = [
    ("Jean-Claude LEROY", M),
    ("Mireille HINGREZ-CÉRÉDA", F),
    ("Daniel MACIEJASZ", M),
    ("Valérie CUVILLIER", F),
    ("Blandine DRAIN", F),
    ("Maryse CAUWET", F),
    ("Ludovic LOQUET", M),
    ("Bénédicte MESSEANNE-GROBELNY", F),
    ("Jean-Claude DISSAUX", M),
    ("Laurence LOUCHAERT", F),
    ("Laurent DUPORGE", M),
    ("Karine GAUTHIER", F),
    ("Alain MEQUIGNON", M),
    ("Evelyne NACHEL", F),
    ("Florence WOZNY", F),
    ("Caroline MATRAT", F),
    ("Sébastien CHOCHOIS", M),
    ("Sophie WAROT-LEMAIRE", F),
    ("André KUCHCINSKI", M),
    ("Fatima AIT-CHIKHEBBIH", F),
    ("Carole DUBOIS", F),
    ("Olivier BARBARIN", M),
    ("Zohra OUAGUEF", F),
    ("Etienne PERIN", M),
    ("Maryse DELASSUS", F),
    ("Claude BACHELET", M),
    ("Maïté MULOT-FRISCOURT", F),
    ("Bruno COUSEIN", M),
    ("Emmanuelle LAPOUILLE", F),
    ("Sylvie MEYFROIDT", F),
    ("Brigitte PASSEBOSC", F),
    ("François LEMAIRE", M),
    ("Marc SARPAUX", M),
    ("Marie-Line PLOUVIEZ", F),
    ("Steeve BRIOIS", M),
    ("Ludovic PAJOT", M),
    ("René HOCQ", M),
]
EXCUSED = [("Pierre GEORGET", M), ("Philippe FAIT", M), ("Alexandre MALFAIT", M), ("Frédéric MELCHIOR", M)]
ABSENT = [("Jean-Jacques COTTEL", M), ("Stéphanie GUISELAIN", F)]
NON_VOTING_PRESENT = [
    ("Jean-Louis COTTIGNY", M),
    ("Emmanuelle LEVEUGLE", F),
    ("Bertrand PETIT", M),
    ("Jean-Marc TELLIER", M),
]
NON_VOTING_EXCUSED = [("Michel DAGBERT", M)]
RECUSED = [
    "Mireille HINGREZ-CEREDA",
    "Karine GAUTHIER",
    "Maryse CAUWET",
    "Evelyne NACHEL",
    "Florence WOZNY",
    "Fatima AIT-CHIKHEBBIH",
    "Carole DUBOIS",
    "Zohra OUAGUEF",
    "Sylvie MEYFROIDT",
    "Marie-Line PLOUVIEZ",
    "François LEMAIRE",
    "Laurent DUPORGE",
    "Ludovic PAJOT",
]
RECUSAL_TEXT = (
    "Mesdames Mireille HINGREZ-CEREDA, Karine GAUTHIER, Maryse CAUWET, Evelyne NACHEL, Florence WOZNY, "
    "Fatima AIT-CHIKHEBBIH, Carole DUBOIS, Zohra OUAGUEF, Sylvie MEYFROIDT et Marie-Line PLOUVIEZ, ainsi que "
    "Messieurs François LEMAIRE, Laurent DUPORGE et Ludovic PAJOT, intéressés à l’affaire, n’ont pris part ni au "
    "débat, ni au vote ;"
)

CITATIONS: list[tuple[str, str | None, str | None]] = [
    (
        "Vu le Code Général des Collectivités Territoriales et, notamment, ses articles L.3121-14, L.3121-14-1, "
        "L.3211-1 et L.3211-2 ;",
        None,
        None,
    ),
    (
        "Vu le Code Général des Collectivités Territoriales et notamment ses articles L.1111-4 et L.1111-9 ;",
        None,
        None,
    ),
    (
        "Vu le Code de l’Action Sociale et des Familles et notamment ses articles L.115-1 et suivants, L.262-1 et "
        "suivants et L.263-1 et suivants ;",
        None,
        None,
    ),
    ("Vu le Code du Travail et notamment ses articles L.5132-15 et suivants ;", None, None),
    (
        "Vu la délibération n°2021-257 du Conseil départemental en date du 01/07/2021 « Délégation d’attributions "
        "à la Commission Permanente » ;",
        "2021-257",
        "2021-07-01",
    ),
    (
        "Vu la délibération n°2022-503 du Conseil départemental en date du 12/12/2022 « Agir avec vous pour "
        "l’épanouissement de tous dans le Pas-de-Calais - Pacte des solidarités humaines » ;",
        "2022-503",
        "2022-12-12",
    ),
    (
        "Vu le Règlement Intérieur du Conseil départemental du Pas-de-Calais et, notamment, ses articles 18, 20 et 29 ;",
        None,
        None,
    ),
    ("Vu le rapport du Président du Conseil départemental, ci-annexé ;", None, None),
    (
        "Vu l’avis de la 1ère commission « Attractivité départementale et emploi » rendu lors de sa réunion en date "
        "du 30/05/2023 ;",
        None,
        None,
    ),
    (
        "Vu l’avis de la 2ème commission « Solidarités humaines » rendu lors de sa réunion en date du 30/05/2023 ;",
        None,
        None,
    ),
]

ARTICLES: list[tuple[str, list[str]]] = [
    (
        "De valider le financement des 4 dispositifs de la thématique 1 « Accompagnement des bénéficiaires du RSA : "
        "dynamiser les parcours dans un objectif d’insertion professionnelle », tels que présentés en annexe 1, pour "
        "un montant total de 115 069 €, aux structures et selon la répartition financière reprises en annexe 3 à la "
        "présente délibération.",
        ["115069.00"],
    ),
    (
        "De valider le financement des 13 opérations de la thématique 2 « Développement des compétences et accès à "
        "l’emploi » telles que présentées en annexe 2, pour un montant total de 5 234 159,10 €, aux structures et "
        "selon la répartition financière reprises en annexe 3 à la présente délibération.",
        ["5234159.10"],
    ),
    (
        "De valider la convention jointe en annexe 4 à la présente délibération en tant que convention type.",
        [],
    ),
    (
        "D’autoriser le Président du Conseil départemental à signer, au nom et pour le compte du Département, avec "
        "les structures citées en annexe 3, les conventions de partenariat, dans les termes du projet joint en annexe "
        "4 à la présente délibération.",
        [],
    ),
    (
        "Les dépenses versées en application des articles 1 et 2 de la présente délibération sont imputées sur le "
        "budget départemental comme suit :",
        [],
    ),
]

GROUPS_FOR = [
    "Groupe Socialiste, Républicain et Citoyen",
    "Groupe Communiste et Républicain",
    "Groupe Union pour le Pas-de-Calais",
    "Groupe Rassemblement National",
    "Non-inscrit",
]
GROUPS_ABST = GROUPS_FOR[:4]
GROUPS_ABSENT = [GROUPS_FOR[0], GROUPS_FOR[2]]
VOTE_TEXT = "\n".join(
    [
        f"Pour : 28 voix ({' ; '.join(GROUPS_FOR)})",
        "Contre : 0 voix",
        f"Abstention : 13 voix ({' ; '.join(GROUPS_ABST)})",
        f"Absents sans délégation de vote : 2 ({' ; '.join(GROUPS_ABSENT)})",
        "(Adopté)",
    ]
)

_DATE = re.compile(r"(\d{1,2})/(\d{2})(?:/\s?(\d{4}|\d{2}))?")


def period_of(text: str) -> tuple[dt.date | None, dt.date | None]:
    """Start and end of the period written in a description (seed transcription only)."""
    found = _DATE.findall(text)
    if len(found) < 2:
        return None, None
    (d1, m1, y1), (d2, m2, y2) = found[0], found[1]
    end_year = int(y2) + (2000 if len(y2) == 2 else 0)
    start_year = (int(y1) + (2000 if len(y1) == 2 else 0)) if y1 else end_year
    return dt.date(start_year, int(m1), int(d1)), dt.date(end_year, int(m2), int(d2))


def _grants(
    theme: str, operations: list[sg.Operation], places_col: bool
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    grants: list[dict[str, Any]] = []
    totals: list[dict[str, Any]] = []
    for label, total_label, total_places, total_amount, rows in operations:
        for territory, structure, third, amount, instrument in rows:
            start, end = (None, None) if places_col else period_of(third)
            grants.append(
                {
                    "annex": "3",
                    "theme": theme,
                    "operation": label,
                    "territory": territory or None,
                    "beneficiary": structure,
                    "places": int(third) if (places_col and third) else None,
                    "description": None if places_col else third,
                    "period_start": start.isoformat() if start else None,
                    "period_end": end.isoformat() if end else None,
                    "amount": amount,
                    "instrument": instrument,
                }
            )
        totals.append(
            {
                "theme": theme,
                "operation": label,
                "label": total_label,
                "level": "operation",
                "places": total_places,
                "amount": total_amount,
            }
        )
    return grants, totals


def publication() -> dict[str, Any]:
    g1, t1 = _grants(sg.THEME_1, sg.T1_OPERATIONS, True)
    g2, t2 = _grants(sg.THEME_2, sg.T2_OPERATIONS, False)
    totals = [
        *t1,
        {"theme": sg.THEME_1, "operation": None, "label": "TOTAL", "level": "theme", "amount": sg.T1_TOTAL},
        *t2,
        {"theme": sg.THEME_2, "operation": None, "label": "TOTAL", "level": "theme", "amount": sg.T2_TOTAL},
    ]
    names = [n for n, _ in PRESENT]
    delib: dict[str, Any] = {
        "collectivity": "Département du Pas-de-Calais",
        "instance": "Commission permanente du Conseil départemental",
        "session_date": "2023-06-12",
        "number": "2023-259",
        "title": "APPELS À PROJETS DES POLITIQUES D'INCLUSION DURABLE 2023 - PHASE 2",
        "president": "Jean-Claude LEROY",
        "secretary": "Carole DUBOIS",
        "place": "ARRAS",
        "signed_date": "2023-06-12",
        "attendance": {
            "present": names,
            "excused": [n for n, _ in EXCUSED],
            "absent": [n for n, _ in ABSENT],
            "non_voting_present": [n for n, _ in NON_VOTING_PRESENT],
            "non_voting_excused": [n for n, _ in NON_VOTING_EXCUSED],
        },
        "recused": RECUSED,
        "citations": [
            {"text": t, "refers_to": ({"number": n, "date": d} if n else None)} for t, n, d in CITATIONS
        ],
        "articles": [{"number": i, "text": t, "amounts": a} for i, (t, a) in enumerate(ARTICLES, start=1)],
        "budget_lines": [
            {
                "operation_code": "C02-446A05",
                "imputation": "6568/93446",
                "label": "Indemnisation des organismes référents",
                "ae": "6801643.00",
                "expense": "115069.00",
            },
            {
                "operation_code": "C01-444H02",
                "imputation": "6568/93444",
                "label": "Appui aux parcours intégrés 2021-2027",
                "ae": "7048182.00",
                "expense": "5234159.10",
            },
        ],
        "vote": {
            "for": 28,
            "against": 0,
            "abstention": 13,
            "absent_without_proxy": 2,
            "adopted": True,
            "unanimous": False,
            "groups": {"for": GROUPS_FOR, "abstention": GROUPS_ABST, "absent_without_proxy": GROUPS_ABSENT},
            "text": VOTE_TEXT,
        },
        "grants": g1 + g2,
        "grant_totals": totals,
        "report": {
            "number": "42",
            "budget_lines": [
                {
                    "operation_code": "C02-446A05",
                    "imputation": "6568/93446",
                    "label": "Indemnisation des organismes référents",
                    "ae": "6801643.00",
                    "available": "2303965.28",
                    "proposed": "115069.00",
                    "balance": "2188896.28",
                },
                {
                    "operation_code": "C01-444H02",
                    "imputation": "6568/93444",
                    "label": "Appui aux parcours intégrés 2021-2027",
                    "ae": "7048182.00",
                    "available": "7048182.00",
                    "proposed": "5234159.10",
                    "balance": "1814022.90",
                },
            ],
        },
        "proposals": proposals(sg.THEME_1, sg.THEME_2),
    }
    return {
        "schema_version": "1.0.0",
        "file": {"path": f"{STEM}.pdf", "sha256": "0" * 64, "pages": 0},
        "deliberations": [delib],
    }


def render_spec() -> RenderSpec:
    civility = {n: c for n, c in PRESENT + EXCUSED + ABSENT + NON_VOTING_PRESENT + NON_VOTING_EXCUSED}
    return RenderSpec(
        font="DejaVuSerif",
        size=9.5,
        header_lines=[
            "DEPARTEMENT DU PAS-DE-CALAIS",
            "",
            "DELIBERATION DE LA COMMISSION PERMANENTE",
            "DU CONSEIL DEPARTEMENTAL",
        ],
        session_line="REUNION DU 12 JUIN 2023",
        presidency_line="PRESIDENCE DE MONSIEUR JEAN-CLAUDE LEROY",
        secretary_line="Secrétaire : Mme Carole DUBOIS",
        civility=civility,
        number_line="(N°2023-259)",
        preamble="La Commission Permanente du Conseil départemental du Pas-de-Calais,",
        recusal_text=RECUSAL_TEXT,
        budget_after_article=5,
        signature_lines=["LE PRESIDENT DU CONSEIL DEPARTEMENTAL,", "", "Jean-Claude LEROY"],
        place_date_line="ARRAS, le 12 juin 2023",
        delegate_lines=[
            "Pour le Président du Conseil départemental,",
            "La Directrice générale des services,",
            "",
            "Signé",
            "",
            "Maryline VINCLAIRE",
        ],
        narrative=narrative_annexes(),
        grant_annex=GrantAnnexLayout(
            title="Annexe 3",
            font="DejaVuSansCondensed",
            size=7.0,
            themes=[
                ThemeLayout(theme=sg.THEME_1, columns="places", widths=[42, 96, 250, 110, 120, 90]),
                ThemeLayout(
                    theme=sg.THEME_2,
                    columns="description",
                    widths=[42, 92, 190, 300, 88, 74],
                    merge_structure=[[45, 3]],
                ),
            ],
        ),
        convention=convention_blocks(
            title="Annexe 4",
            the="le Département du Pas-de-Calais",
            the_short="le Département",
            seat="en l’Hôtel du Département rue Ferdinand Buisson 62018 Arras Cedex 9",
            president="Jean-Claude LEROY",
            city="Arras",
            court="Lille",
            keep=2033,
            signer="La Directrice des Politiques d’Inclusion Durable, Sabine DESPIERRE",
        ),
        rapport=rapport_blocks(),
        rapport_after_table=rapport_after(),
    )


def write_seed(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    json_path = folder / f"{STEM}.json"
    json_path.write_text(dump_json(publication()), encoding="utf-8")
    spec = render_spec()
    (folder / f"{STEM}{SPEC_SUFFIX}").write_text(dump_json(spec.model_dump(mode="json")), encoding="utf-8")
    render_file(json_path)
    return json_path


def check_sums() -> list[str]:
    """Printed totals the seed lines must sum to (they all do in the real document)."""
    errors = []
    for ops, theme_total in ((sg.T1_OPERATIONS, sg.T1_TOTAL), (sg.T2_OPERATIONS, sg.T2_TOTAL)):
        grand = Decimal(0)
        for label, _l, _p, total, rows in ops:
            s = sum((Decimal(r[3]) for r in rows), Decimal(0))
            grand += Decimal(total)
            if s != Decimal(total):
                errors.append(f"{label}: lines {s} != {total}")
        if grand != Decimal(theme_total):
            errors.append(f"theme: {grand} != {theme_total}")
    return errors


if __name__ == "__main__":
    out = write_seed(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus/samples"))
    sys.stderr.write(f"{out}\n{json.dumps(check_sums())}\n")
