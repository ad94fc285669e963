"""Reading phenomena of session minutes, each a short compte rendu printed by two engines.

The minutes reader was taught these from real pages (Pierrefonds 2016, the CC des Lisières de
l'Oise 2025, Couthenans 2021); here each is written as data, in two to four wordings, fonts and
spacings, to HTML, then printed by LibreOffice headless (``.lo.pdf``) and by Chromium headless
(``.chr.pdf``).  Beside each PDF a ``.json`` says what the item gives, written from the data (never
from an extractor): its grants (beneficiary, amount), grant totals and imputations (chapter,
nature, amount).

* ``block_rows``: a table "Nom / Prénom / Adresse | Montant des travaux | Subvention …" whose rows
  are a name line, address lines, then the amounts; the grant is the column the header names as one.
* ``unit_grants``: "subvention de 600 € par spectacle" over a table of shows with a TOTAL row; the
  partner is the one the convention's title names.
* ``vote_du_quart``: a table of chapters, last year's credits then the quarter; the imputation is
  the chapter with the last column's amount (the TOTAL row is none).
* ``dotted_codes``: comptes printed chapter-dot-rest in a décision modificative ("+20 000 € au
  21.32", "Mouvement de -8 355,59 € du 28.156 au 28.13").

Later, wordings of commune minutes the reader was taught from strings (tests/extract/test_minutes.py);
their JSON also says the item's number as printed, heading, vote counts and each grant's nature and
requested amount:

* ``column_tables``: an HTML grant table whose header names several amount columns ("Associations |
  Rappel 2023 | Proposition 2024", "Association | Montant demandé | Montant accordé", "Association |
  Demandé | Accordé", "Bénéficiaire | Fonctionnement | Investissement"), with a TOTAL row.
* ``grant_sentences``: grants given in a sentence ("décide d'octroyer une subvention exceptionnelle de
  500 € à l'association Les Amis de l'école", "attribue 300 € au Comité des fêtes et 200 € à l'ACCA").
* ``vote_lines``: "POUR : 12    CONTRE : 0    ABSTENTIONS : 3", "VOTE : Pour 14 – Contre 0 – Abstention
  1", "Adopté à la majorité (2 contre : … ; 1 abstention : …)", a table POUR | CONTRE | ABSTENTIONS.
* ``headings``: "Point n°3 :", "3°)", "III.", "Délibération n°4/2025 –" with long titles, the session
  date in a sentence ("L'an 2024, le 12 mars, …", "Le douze mars deux mil vingt-quatre, à 19 heures,
  …") with the convocation's date printed before or after it.

Apart, in ``extracts/``, single-deliberation extracts ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU
CONSEIL MUNICIPAL" / "… DU CONSEIL COMMUNAUTAIRE"): the counts on three lines, one line or a small
table, the session as "Séance du …" or "L'an deux mille vingt-quatre, le douze mars …", the number
("Délibération n° 2024-015", "N° 15/2024", "DCM 2024-15"), the lists of present, excused, proxies and
absent, recitals, the decision and its vote ("à l'unanimité, DÉCIDE :", "par 13 voix pour, …",
"Votes : Pour : 11 …"), an imputation, the signature and receipt; grants in a sentence, two in a table,
or none (a tariff, a staff post).  Their JSON says number, title, session date, vote, counts,
attendance, grants and imputations.

    .venv/bin/python -m delib.corpus.phenomena corpus/samples_phenomena
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from delib.corpus.minutes_gen import locate, print_engines
from delib.corpus.minutes_html import base_css, html_page
from delib.corpus.minutes_html import paragraph as _p

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


@dataclass(frozen=True)
class Style:
    font: str
    size_pt: float
    line_height: float
    margin_cm: float
    cell_padding_pt: float
    valign: str  # vertical alignment of table cells ("middle" is the HTML default)
    borders: bool


@dataclass
class Case:
    """One compte rendu: ordinary items 1 … number-1, item ``number`` that shows the phenomenon, then
    ``Questions diverses``."""

    name: str
    phenomenon: str
    variant: str
    commune: str
    date: dt.date
    header: str  # "one_line" | "three_lines" | "compte_rendu"
    number: str
    title: str
    body: list[str]  # HTML blocks of the item, in order
    vote: tuple[int, int, int]
    style: Style
    grants: list[tuple[str, Decimal]] = field(default_factory=list)
    totals: list[tuple[str, Decimal]] = field(default_factory=list)
    imputations: list[tuple[str | None, str | None, Decimal | None]] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)  # strings the PDF must print, in order
    # the wordings added later (column tables, grant sentences, vote lines, headings and dates)
    heading: str = "dash"  # "dash" (3- …) | "point" (Point n°3 : …) | "degree" (3°) …) | "roman" | "delib"
    date_line: str = ""  # "" (date in the header) | "an_figures" (L'an 2024, le 12 mars) | "words"
    # with a date sentence: the convocation's date printed under the minutes' title "… Conseil municipal"
    # ("long", "Date de convocation : 5 mars 2024"; "numeric", 05/03/2024), or after the sentence
    convocation: str = "long"  # "long" | "numeric" | "after"
    vote_style: str = ""  # "" (Vote : 14 pour / …) | "labels" | "dashes" | "majority" | "table"
    vote_against: list[str] = field(default_factory=list)  # names of the votes against (majority)
    vote_abstaining: list[str] = field(default_factory=list)
    natures: list[str | None] = field(default_factory=list)  # per grant, where a column names it
    requested: list[Decimal | None] = field(default_factory=list)  # per grant, a "demandé" column


def _table(rows: list[list[str]], head: list[str] | None = None, cls: str = "grid") -> str:
    out = [f'<table class="{cls}">']
    if head:
        out.append("<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr>")
    width = max(len(r) for r in [*rows, *([head] if head else [])])
    for row in rows:
        cells = []
        for k, cell in enumerate(row):
            inner = "<br>".join(html.escape(x) for x in cell.split("\n"))
            amt = ' class="amt"' if k and any(ch.isdigit() for ch in cell) and "€" in cell else ""
            span = f' colspan="{width - len(row) + 1}"' if k == 0 and len(row) < width else ""
            cells.append(f"<td{amt}{span}>{inner}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _date(d: dt.date) -> str:
    return f"{'1er' if d.day == 1 else d.day} {MONTHS[d.month - 1]} {d.year}"


# --------------------------------------------------------------------------- the cases
SERIF = Style("Liberation Serif", 11.0, 1.2, 2.0, 3.0, "middle", True)
SANS = Style("DejaVu Sans", 9.5, 1.5, 1.6, 6.0, "top", True)
SMALL = Style("Liberation Sans Narrow", 9.0, 1.3, 1.5, 3.0, "top", True)
NARROW = Style("Liberation Sans Narrow", 12.0, 1.35, 2.4, 2.0, "bottom", False)


def _block_rows() -> list[Case]:
    a = [
        ("M. Eric BURLOT", "6, Sente Fontaine Vanière\n60350 PIERREFONDS", "4023.64 € TTC", "3500 € TTC"),
        ("M. et Mme DELACOUR", "4, Sente Fontaine Vanière\n60350 PIERREFONDS", "2841.12 € TTC", "2841.12 € TTC"),
    ]  # fmt: skip
    b = [
        ("Mme Juliette MARCHAND", "12, rue de la Poste\n02290 AMBLENY", "8 420,00 €", "1 263,00 €"),
        ("M. Karim BENALI", "3 bis, chemin des Vignes\n02290 AMBLENY", "5 100,00 €", "765,00 €"),
        ("SCI LES TILLEULS", "Le Bourg\n27, Grande Rue\n02290 AMBLENY", "12 960,50 €", "1 500,00 €"),
    ]  # fmt: skip
    c = [
        ("M. Paul LEFEBVRE", "2, place de l'Église\n60127 MORIENVAL", "3 180 € TTC", "2 400 € TTC"),
        ("Mme Odile CARON", "15, rue du Moulin\n60127 MORIENVAL", "2 600 € TTC", "2 080 € TTC"),
        ("M. et Mme ROUSSEL", "1, impasse des Saules\n60127 MORIENVAL", "4 750 € TTC", "2 400 € TTC"),
        ("M. Henri DUMONT", "8, rue Verte\n60127 MORIENVAL", "1 940 € TTC", "1 552 € TTC"),
    ]  # fmt: skip
    specs = [
        (
            "a", "Pierrefonds", SERIF, "one_line", "Raccordement au réseau – Sente Fontaine Vanière",
            ["Nom / Prénom / Adresse", "Montant des travaux", "Subvention de l'Agence de l'Eau"], a,
            ["Monsieur le Maire rappelle les travaux de mise en conformité des branchements au réseau "
             "d'assainissement et propose :", "− Reversement aux particuliers de la subvention de l'Agence de l'Eau",
             "Il s'agit de :"],
            ["Le montant de la subvention est plafonné à 3500 € (4500 € en cas de nécessité de déconnexion de "
             "la fosse septique)."],
        ),
        (
            "b", "Ambleny", SANS, "three_lines", "Aides communales au ravalement des façades",
            ["Nom / Prénom / Adresse", "Coût des travaux", "Aide accordée"], b,
            ["Madame le Maire présente les dossiers reçus au titre de l'opération façades 2024. La commission "
             "propose d'attribuer les aides suivantes :"],
            ["Les aides seront versées sur présentation des factures acquittées."],
        ),
        (
            "c", "Morienval", NARROW, "compte_rendu", "Subventions pour la réhabilitation des assainissements individuels",
            ["Nom / Prénom / Adresse", "Montant des travaux", "Subvention communale"], c,
            ["Le Maire expose que quatre dossiers complets ont été déposés. Il propose d'attribuer à chacun "
             "une subvention égale à 80 % des travaux, plafonnée à 2 400 € TTC :"],
            [],
        ),
    ]  # fmt: skip
    out = []
    for v, commune, style, header, title, head, rows, before, after in specs:
        table = _table([[n + "\n" + addr, w, g] for n, addr, w, g in rows], head)
        case = Case(
            name=f"block_rows-{v}", phenomenon="block_rows", variant=v, commune=commune,
            date=dt.date(2024, 3, 12), header=header, number="3", title=title,
            body=[*(_p(t) for t in before), table, *(_p(t) for t in after)],
            vote=(14, 0, 0), style=style,
        )  # fmt: skip
        case.grants = [(n, _dec(g)) for n, _addr, _w, g in rows]
        case.printed = [title, *head, *(x for n, _a, w, g in rows for x in (n, w, g))]
        out.append(case)
    return out


def _dec(printed: str) -> Decimal:
    """The value of an amount as we print it ("1 263,00 €", "4023.64 € TTC", "8’355,59")."""
    s = printed.replace("€", "").replace("TTC", "").replace("’", "").replace("\u202f", "").replace("\xa0", "")
    return Decimal(s.replace(" ", "").replace(",", "."))


def _unit_grants() -> list[Case]:
    a_rows = [
        ["22/01/2026", "« Le Silence de la Mer »", "Saint-Crépin-aux-Bois", "Salle des fêtes\n20h", "600 €"],
        ["13/03/2026", "« Alerte Blaireau Dégâts »", "Couloisy", "Salle Simone Veil", "600 €"],
        ["Nov./Déc. 2026", "Festival en Voix !", "Chelles", "À préciser", "600 €"],
    ]
    b_rows = [
        ["07/02/2026", "Les Fourberies de Scapin", "Berny-Rivière", "450,00 €"],
        ["21/03/2026", "Contes du Grand Nord", "Vic-sur-Aisne", "450,00 €"],
        ["16/05/2026", "Le Petit Prince", "Ressons-le-Long", "450,00 €"],
        ["10/10/2026", "Cabaret d'automne", "Vic-sur-Aisne", "450,00 €"],
    ]
    a = Case(
        name="unit_grants-a", phenomenon="unit_grants", variant="a", commune="Chelles",
        date=dt.date(2025, 11, 18), header="one_line", number="3",
        title="Approbation de la convention de partenariat entre la Commune de Chelles et l'Espace Jean Legendre – 2026",
        body=[
            _p("La convention a pour objet la participation de la Commune au financement des spectacles "
               "(subvention de 600 € par spectacle) et à l'accueil des équipes ;"),
            _p("Le financement total pour l'année 2026 est fixé à 1 800 €, réparti par spectacle conformément "
               "au tableau ci-dessous :"),
            _table([*a_rows, ["TOTAL 2026", "1 800 €"]],
                   ["Date", "Spectacle", "Commune", "Lieu", "Total par spectacle"]),
            _p("Vu le Code Général des Collectivités Territoriales,"),
            _p("Le Conseil municipal approuve la convention et autorise le Maire à la signer."),
        ],
        vote=(14, 0, 0), style=SANS,
    )  # fmt: skip
    a.grants = [("Espace Jean Legendre", Decimal(600))] * 3
    a.totals = [("TOTAL", Decimal(1800))]
    a.printed = [
        a.title,
        "subvention de 600 € par spectacle",
        *(r[1] for r in a_rows),
        "TOTAL 2026",
        "1 800 €",
    ]
    b = Case(
        name="unit_grants-b", phenomenon="unit_grants", variant="b", commune="Vic-sur-Aisne",
        date=dt.date(2025, 12, 2), header="compte_rendu", number="5",
        title="Approbation de la convention de partenariat entre la Commune de Vic-sur-Aisne et l'Association Les Tréteaux",
        body=[
            _p("Monsieur le Maire présente la saison culturelle 2026 proposée par l'association. La Commune "
               "verse une subvention de 450 € par représentation donnée sur le territoire, selon le "
               "calendrier suivant :"),
            _table([*b_rows, ["TOTAL", "1 800,00 €"]],
                   ["Date", "Spectacle", "Commune", "Total par représentation"]),
            _p("Après en avoir délibéré, le Conseil municipal approuve la convention."),
        ],
        vote=(13, 0, 1), style=SERIF,
    )  # fmt: skip
    b.grants = [("Association Les Tréteaux", Decimal(450))] * 4
    b.totals = [("TOTAL", Decimal(1800))]
    b.printed = [b.title, "subvention de 450 € par représentation", *(r[1] for r in b_rows), "1 800,00 €"]
    # the real table's columns (CC des Lisières de l'Oise 2025): each row's cost detail, then its total
    d_rows = [
        ["24/01/2026", "« Le Silence de la Mer »", "Saint-Crépin-aux-Bois", "Salle des fêtes", "20h", "80",
         "600 € (coût fixe)", "600 €"],
        ["13/03/2026", "« Alerte Blaireau Dégâts »", "Couloisy", "Salle Simone Veil", "20h30", "120",
         "600 € (coût fixe)", "600 €"],
        ["Nov./Déc. 2026", "Festival en Voix !", "Chelles", "À préciser", "À préciser", "À préciser",
         "600 € (coût fixe)", "600 €"],
    ]  # fmt: skip
    d_head = [
        "Date",
        "Spectacle",
        "Commune",
        "Lieu",
        "Horaire",
        "Jauge",
        "Détail des coûts",
        "Total par spectacle",
    ]
    out = []
    for v, commune, day, style, cols, vote in (
        (
            "c",
            "Vez",
            9,
            SMALL,
            [0, 1, 2, 3, 6, 7],
            (15, 0, 0),
        ),  # without Horaire and Jauge; the title on one line
        ("d", "Chelles", 16, NARROW, list(range(8)), (13, 1, 0)),  # all eight columns, a larger face
    ):
        rows = [[r[k] for k in cols] for r in d_rows]
        case = Case(
            name=f"unit_grants-{v}", phenomenon="unit_grants", variant=v, commune=commune,
            date=dt.date(2025, 12, day), header="three_lines", number="4",
            title=f"Approbation de la convention de partenariat entre la Commune de {commune} et l'Espace Jean Legendre",
            body=[
                _p("Cette convention précise la participation de la Commune au financement des spectacles "
                   "(subvention de 600 € par spectacle) et à l'accueil des équipes artistiques."),
                _p("Le financement total pour l'année 2026 est fixé à 1 800 €, réparti par spectacle "
                   "conformément au tableau ci-dessous :"),
                _table([*rows, ["TOTAL 2026", "1 800 €"]], [d_head[k] for k in cols]),
            ],
            vote=vote, style=style,
        )  # fmt: skip
        case.grants = [("Espace Jean Legendre", Decimal(600))] * 3
        case.totals = [("TOTAL", Decimal(1800))]
        case.printed = [
            case.title,
            "subvention de 600 € par spectacle",
            *(r[1] for r in rows),
            "TOTAL 2026",
            "1 800 €",
        ]
        out.append(case)
    return [a, b, *out]


def _vote_du_quart() -> list[Case]:
    a_rows = [("20", "675 000,00 €", "168 750,00 €"), ("204", "163 000,00 €", "40 750,00 €"),
              ("21", "1 339 000,00 €", "334 750,00 €")]  # fmt: skip
    b_rows = [("21", "336 900.00 €", "84 225.00 €"), ("23", "120 000.00 €", "30 000.00 €")]
    a = Case(
        name="vote_du_quart-a", phenomenon="vote_du_quart", variant="a", commune="Attichy",
        date=dt.date(2024, 12, 16), header="three_lines", number="3",
        title="Autorisation d'engager, liquider et mandater les dépenses d'investissement avant le vote du budget 2025",
        body=[
            _p("Vu l'article L1612-1 du Code Général des Collectivités Territoriales ;"),
            _p("Considérant le montant des dépenses d'investissement inscrites au BP 2024 pour les chapitres 20, "
               "204 et 21 du budget principal soit 2 177 000,00 € ;"),
            _p("Le Conseil municipal autorise le Maire, jusqu'à l'adoption du budget primitif 2025, à engager, "
               "liquider et mandater les dépenses d'investissement dans la limite du quart des crédits "
               "ouverts au budget de l'exercice précédent, soit :"),
            _table([*([f"Chapitre {c}", x, q] for c, x, q in a_rows),
                    ["TOTAL", "2 177 000,00 €", "544 250,00 €"]], ["", "BP 2024", "25%"]),
        ],
        vote=(14, 0, 0), style=SERIF,
    )  # fmt: skip
    b = Case(
        name="vote_du_quart-b", phenomenon="vote_du_quart", variant="b", commune="Cuise-la-Motte",
        date=dt.date(2025, 1, 14), header="one_line", number="2",
        title="Budget annexe – Ouverture de crédits d'investissement avant le vote du budget",
        body=[
            _p("En application de l'article L1612-1 du CGCT, le Maire peut, sur autorisation du Conseil, "
               "engager les dépenses d'investissement dans la limite du quart des crédits ouverts l'an passé. "
               "Il est proposé d'ouvrir les crédits suivants :"),
            _table([*([f"Chapitre {c}", x, q] for c, x, q in b_rows),
                    ["TOTAL", "456 900.00 €", "114 225.00 €"]], ["", "BP 2024", "25%"]),
        ],
        vote=(12, 1, 1), style=NARROW,
    )  # fmt: skip
    for case, rows in ((a, a_rows), (b, b_rows)):
        case.imputations = [(c, None, _dec(q)) for c, _x, q in rows]
        case.printed = [case.title, *(x for c, x, q in rows for x in (f"Chapitre {c}", x, q))]
    return [a, b]


def _dotted_codes() -> list[Case]:
    a = Case(
        name="dotted_codes-a", phenomenon="dotted_codes", variant="a", commune="Couthenans",
        date=dt.date(2024, 3, 12), header="three_lines", number="3",
        title="Décision modificative n°1 – Budget principal",
        body=[
            _p("Monsieur le Maire présente la décision modificative n°1 du budget principal :"),
            _p("Investissement Charges : +20 000 € au 21.32, vu les prix du bois travaillé", "ind"),
            _p("Investissement Recettes : Mouvement de -8 355,59 € du 28.156 au 28.13 et régularisation des "
               "amortissements", "ind"),
            _p("Le Conseil municipal approuve la décision modificative."),
        ],
        vote=(14, 0, 0), style=SANS,
    )  # fmt: skip
    a.imputations = [
        ("21", "2132", Decimal(20000)),
        ("28", "28156", Decimal("-8355.59")),
        ("28", "2813", None),
    ]
    a.printed = [a.title, "+20 000 € au 21.32", "-8 355,59 € du 28.156 au 28.13"]
    b = Case(
        name="dotted_codes-b", phenomenon="dotted_codes", variant="b", commune="Bretigney",
        date=dt.date(2021, 6, 4), header="compte_rendu", number="4",
        title="Budget communal : décision modificative n°2",
        body=[
            _p("Les mouvements suivants sont proposés au Conseil :"),
            _p("- Fonctionnement Dépenses : +1’500 € au 61.521 (entretien des terrains)", "ind"),
            _p("- Investissement Dépenses : Virement de 2’400,00 € du 21.318 au 21.312, pour les travaux "
               "de l'école", "ind"),
            _p("Après en avoir délibéré, le Conseil municipal adopte la décision modificative n°2."),
        ],
        vote=(11, 0, 0), style=NARROW,
    )  # fmt: skip
    b.imputations = [("61", "61521", Decimal(1500)), ("21", "21318", Decimal(2400)), ("21", "21312", None)]
    b.printed = [b.title, "+1’500 € au 61.521", "2’400,00 € du 21.318 au 21.312"]
    return [a, b]


NEW_PHENOMENA = ("column_tables", "grant_sentences", "vote_lines", "headings")


def _column_tables() -> list[Case]:
    a_rows = [
        ("Comité des fêtes", "500 €", "600 €"),
        ("ACCA", "150 €", "150 €"),
        ("Les Amis de l'école", "800 €", "1 000 €"),
        ("Club de tennis de table", "1 200 €", "1 250 €"),
    ]
    b_rows = [
        ("Comité des fêtes", "800,00", "600,00"),
        ("ACCA", "200,00", "150,00"),
        ("Association des parents d'élèves", "1 500,00", "1 200,00"),
    ]
    d_rows = [
        ("Comité des fêtes", "1 000,00", "800,00"),
        ("Anciens combattants", "250,00", "250,00"),
        ("Les Amis de la bibliothèque", "600,00", "400,00"),
        ("Coopérative scolaire", "1 500,00", "1 000,00"),
    ]
    c_rows = [
        ("Club de football", "1 200 €", "3 000 €"),
        ("Judo club", "500 €", "0 €"),
        ("Gymnastique volontaire", "350 €", "800 €"),
    ]
    specs = [
        (
            "a", "Berneuil-sur-Aisne", SANS, dt.date(2024, 3, 19), "Subventions aux associations – année 2024",
            ["Associations", "Rappel 2023", "Proposition 2024"], a_rows, ("TOTAL", "2 650 €", "3 000 €"),
            "Monsieur le Maire présente les propositions de la commission des finances pour les "
            "subventions de fonctionnement aux associations communales :",
        ),
        (
            "b", "Trosly-Breuil", SERIF, dt.date(2024, 4, 9), "Attribution des subventions aux associations",
            ["Association", "Montant demandé", "Montant accordé"], b_rows, ("TOTAL", "2 500,00", "1 950,00"),
            "Madame le Maire donne lecture des demandes reçues et des montants retenus par la commission :",
        ),
        (
            "d", "Attichy", SMALL, dt.date(2024, 4, 16), "Subventions aux associations : demandes et montants retenus",
            ["Association", "Demandé", "Accordé"], d_rows, ("Total", "3 350,00", "2 450,00"),
            "Le conseil municipal examine les demandes de subvention des associations de la commune. Il est "
            "proposé de retenir les montants suivants :",
        ),
        (
            "c", "Jaulzy", NARROW, dt.date(2024, 2, 27), "Subventions aux associations sportives",
            ["Bénéficiaire", "Fonctionnement", "Investissement"], c_rows, ("TOTAL", "2 050 €", "3 800 €"),
            "Le Maire propose de verser aux associations sportives les subventions suivantes, de "
            "fonctionnement et d'investissement (achat de matériel) :",
        ),
    ]  # fmt: skip
    out = []
    for v, commune, style, date, title, head, rows, total, intro in specs:
        case = Case(
            name=f"column_tables-{v}", phenomenon="column_tables", variant=v, commune=commune,
            date=date, header="three_lines" if v != "b" else "compte_rendu", number="3", title=title,
            body=[_p(intro), _table([list(r) for r in [*rows, total]], head),
                  _p("Les crédits sont inscrits au budget primitif 2024.")],
            vote=(13, 0, 1) if v == "b" else (15, 0, 0), style=style,
        )  # fmt: skip
        if v == "c":  # each non-zero cell a grant of its column's nature, never summed
            for name, fonct, invest in rows:
                for amount, nature in ((fonct, "fonctionnement"), (invest, "investissement")):
                    if _dec(amount):
                        case.grants.append((name, _dec(amount)))
                        case.natures.append(nature)
                        case.requested.append(None)
            case.totals = [("TOTAL", _dec(total[1])), ("TOTAL", _dec(total[2]))]
        else:  # the last column is the grant; a "demandé" column its request
            case.grants = [(name, _dec(granted)) for name, _x, granted in rows]
            case.natures = [None] * len(rows)
            case.requested = [_dec(asked) if v in "bd" else None for _n, asked, _g in rows]
            case.totals = [("TOTAL", _dec(total[2]))]
        case.printed = [title, *head, *(x for r in [*rows, total] for x in r)]
        out.append(case)
    return out


def _grant_sentences() -> list[Case]:
    a = Case(
        name="grant_sentences-a", phenomenon="grant_sentences", variant="a", commune="Rethondes",
        date=dt.date(2024, 5, 14), header="one_line", number="3",
        title="Subventions exceptionnelles",
        body=[
            _p("Monsieur le Maire donne lecture du courrier de la directrice de l'école. Après en avoir "
               "délibéré, le conseil municipal décide d'octroyer une subvention exceptionnelle de 500 € à "
               "l'association Les Amis de l'école pour son voyage."),
            _p("Pour l'organisation de la fête communale du 14 juillet, le conseil municipal attribue 300 € "
               "au Comité des fêtes et 200 € à l'ACCA."),
        ],
        vote=(15, 0, 0), style=SERIF,
    )  # fmt: skip
    a.grants = [
        ("Les Amis de l'école", Decimal(500)),
        ("Comité des fêtes", Decimal(300)),
        ("ACCA", Decimal(200)),
    ]
    a.printed = [a.title, "octroyer une subvention exceptionnelle de 500 €", "Les Amis de l'école",
                 "attribue 300 € au Comité des fêtes et 200 € à l'ACCA"]  # fmt: skip
    b = Case(
        name="grant_sentences-b", phenomenon="grant_sentences", variant="b", commune="Tracy-le-Mont",
        date=dt.date(2024, 6, 11), header="compte_rendu", number="4",
        title="Aides communales diverses",
        body=[
            _p("Vu la demande présentée par le club pour le déplacement de ses équipes de jeunes au tournoi "
               "régional, le conseil municipal décide d'attribuer à l'association sportive une subvention "
               "de 1 500 euros."),
            _p("Dans le cadre du dispositif communal d'aide à la mobilité douce, une aide financière de 250 € "
               "est accordée à M. Dupont pour l'achat d'un vélo électrique."),
        ],
        vote=(12, 1, 1), style=NARROW,
    )  # fmt: skip
    b.grants = [("association sportive", Decimal(1500)), ("M. Dupont", Decimal(250))]
    b.printed = [b.title, "une subvention de 1 500 euros", "aide financière de 250 €", "M. Dupont"]
    c = Case(
        name="grant_sentences-c", phenomenon="grant_sentences", variant="c", commune="Montmacq",
        date=dt.date(2024, 9, 24), header="three_lines", number="2",
        title="Subventions : décisions de la commission des finances réunie le 10 septembre",
        body=[
            _p("Rappel : l'an dernier, le conseil a attribué une subvention de 300 € à l'ACCA."),
            _p("Sur proposition de la commission, le conseil municipal décide d'attribuer à l'association "
               "sportive une subvention de 1 500 euros. Le conseil municipal décide d'octroyer une subvention "
               "exceptionnelle de 500 € à l'association Les Amis de l'école pour son voyage. Le conseil "
               "municipal attribue 300 € au Comité des fêtes et 200 € à l'ACCA. Une aide financière de 250 € "
               "est accordée à M. Dupont pour l'achat d'un vélo électrique."),
        ],
        vote=(14, 0, 0), style=SMALL,
    )  # fmt: skip
    c.grants = [
        ("association sportive", Decimal(1500)),
        ("Les Amis de l'école", Decimal(500)),
        ("Comité des fêtes", Decimal(300)),
        ("ACCA", Decimal(200)),
        ("M. Dupont", Decimal(250)),
    ]
    c.printed = [c.title, "une subvention de 300 € à l'ACCA", "une subvention de 1 500 euros",
                 "exceptionnelle de 500 €", "attribue 300 € au Comité des fêtes", "aide financière de 250 €"]  # fmt: skip
    for case in (a, b, c):
        case.natures = [None] * len(case.grants)
        case.requested = [None] * len(case.grants)
    return [a, b, c]


def _vote_lines() -> list[Case]:
    specs = [
        ("a", "labels", "Choisy-au-Bac", SANS, (12, 0, 3), [], []),
        ("b", "dashes", "Le Plessis-Brion", SERIF, (14, 0, 1), [], []),
        ("c", "majority", "Longueil-Annel", NARROW, (12, 2, 1), ["M. Patrick LEMAIRE", "Mme Sylvie ROGER"],
         ["M. Alain FOURNIER"]),
        ("d", "table", "Janville", SMALL, (11, 1, 2), [], []),
        ("e", "table", "Clairoix", SERIF, (13, 2, 0), [], []),
    ]  # fmt: skip
    out = []
    for v, vote_style, commune, style, vote, against, abstaining in specs:
        case = Case(
            name=f"vote_lines-{v}", phenomenon="vote_lines", variant=v, commune=commune,
            date=dt.date(2024, 10, 1 + 7 * ord(v) % 28), header=("one_line", "three_lines")[ord(v) % 2],
            number="3", title="Tarifs communaux 2025 : cantine, garderie et location de la salle des fêtes",
            body=[
                _p("Monsieur le Maire propose de revaloriser les tarifs communaux de 2 % au 1er janvier 2025, "
                   "selon la grille jointe au présent compte rendu."),
                _p("Après en avoir délibéré, le conseil municipal adopte les tarifs proposés."),
            ],
            vote=vote, style=style, vote_style=vote_style, vote_against=against, vote_abstaining=abstaining,
        )  # fmt: skip
        case.printed = [case.title, "revaloriser les tarifs communaux"]
        out.append(case)
    return out


def _headings() -> list[Case]:
    specs = [
        ("a", "point", "an_figures", "long", "Bienville", SERIF, dt.date(2024, 3, 12), 3,
         "Demande de subvention au titre de la dotation d'équipement des territoires ruraux pour la "
         "rénovation énergétique de la salle polyvalente"),
        ("b", "degree", "words", "after", "Margny-lès-Compiègne", SANS, dt.date(2024, 3, 12), 3,
         "Convention avec le centre de gestion de l'Oise pour la mission d'inspection en santé et sécurité "
         "au travail des agents communaux"),
        ("c", "roman", "an_figures", "after", "Venette", NARROW, dt.date(2024, 11, 5), 3,
         "Adhésion au groupement de commandes du syndicat d'énergie de l'Oise pour l'achat d'électricité et "
         "de gaz naturel"),
        ("d", "delib", "words", "numeric", "Lachelle", SMALL, dt.date(2025, 1, 21), 4,
         "Instauration de la participation pour le financement de l'assainissement collectif et fixation "
         "de son montant pour les constructions nouvelles et existantes raccordées au réseau"),
        # as long as LibreOffice's line, one word too long for Chromium's: wrapped by one engine only
        ("e", "point", "words", "after", "Rivecourt", SERIF, dt.date(2024, 6, 4), 2,
         "Demande de subvention au titre de la dotation d'équipement des territoires ruraux – église"),
    ]  # fmt: skip
    out = []
    for v, heading, date_line, convocation, commune, style, date, n, title in specs:
        case = Case(
            name=f"headings-{v}", phenomenon="headings", variant=v, commune=commune, date=date,
            header="no_date", number=str(n), title=title,
            body=[_p("Monsieur le Maire expose le projet au conseil municipal, qui en a pris connaissance avec "
                     "la note de synthèse jointe à la convocation."),
                  _p("Le conseil municipal, après en avoir délibéré, approuve la proposition et autorise le "
                     "Maire à signer tout document s'y rapportant.")],
            vote=(13, 1, 1) if v in "ac" else (14, 0, 0), style=style, heading=heading, date_line=date_line,
            convocation=convocation,
        )  # fmt: skip
        case.printed = [title, "note de synthèse jointe à la convocation"]
        out.append(case)
    return out


def cases() -> list[Case]:
    return [
        *_block_rows(), *_unit_grants(), *_vote_du_quart(), *_dotted_codes(),
        *_column_tables(), *_grant_sentences(), *_vote_lines(), *_headings(),
    ]  # fmt: skip


# --------------------------------------------------------------------------- the page
def _vote_line(v: tuple[int, int, int], variant: str) -> str:
    f, c, a = v
    if variant in ("a", "c"):
        return f"Vote : {f} pour / {c} contre / {a} abstention"
    return f"Vote : {f} pour, {c} contre, {a} abstention{'s' if a > 1 else ''}"


NBSP4 = "\u00a0" * 4


def vote_text(c: Case, v: tuple[int, int, int], against: list[str], abstaining: list[str]) -> str:
    """The vote as printed, in the case's wording (a table's cells in reading order)."""
    f, n, a = v
    if c.vote_style == "labels":
        return f"POUR : {f}{NBSP4}CONTRE : {n}{NBSP4}ABSTENTIONS : {a}"
    if c.vote_style == "dashes":
        return f"VOTE : Pour {f} – Contre {n} – Abstention {a}"
    if c.vote_style == "majority":
        if not n and not a:
            return "Adopté à l'unanimité."
        parts = [f"{n} contre : {', '.join(against)}"] if n else []
        parts += [f"{a} abstention{'s' if a > 1 else ''} : {', '.join(abstaining)}"] if a else []
        return f"Adopté à la majorité ({' ; '.join(parts)})"
    if c.vote_style == "table":
        return f"POUR CONTRE ABSTENTIONS {f} {n} {a}"
    return _vote_line(v, c.variant)


def _vote_html(c: Case, v: tuple[int, int, int], against: list[str], abstaining: list[str]) -> str:
    if c.vote_style == "table":
        return _table([[str(x) for x in v]], ["POUR", "CONTRE", "ABSTENTIONS"], cls="grid vote")
    return _p(vote_text(c, v, against, abstaining))


def _vote_counts(c: Case) -> dict[str, Any]:
    """The counts the vote prints (the votes for are not printed by "Adopté à la majorité (…)")."""
    f, n, a = c.vote
    return {"for": None if c.vote_style == "majority" else f, "against": n, "abstention": a, "adopted": f > n}


ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def printed_number(c: Case, k: int) -> str:
    if c.heading == "roman":
        return ROMAN[k]
    if c.heading == "delib":
        return f"{k}/{c.date.year}"
    return str(k)


def heading_text(c: Case, k: int, title: str) -> str:
    num = printed_number(c, k)
    return {
        "dash": f"{num}- {title}",
        "point": f"Point n°{num} : {title}",
        "degree": f"{num}°) {title}",
        "roman": f"{num}. {title}",
        "delib": f"Délibération n°{num} – {title}",
    }[c.heading]


_UNITS = (
    "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
    "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
)  # fmt: skip
_TENS = {20: "vingt", 30: "trente"}


def in_words(n: int) -> str:
    """1 … 39 and 2000 … 2039 in French words ("vingt et un", "deux mil vingt-quatre")."""
    if n >= 2000:
        return "deux mil" + (f" {in_words(n - 2000)}" if n > 2000 else "")
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens * 10] + ("" if not unit else " et un" if unit == 1 else f"-{_UNITS[unit]}")


def date_sentence(c: Case) -> str:
    month = MONTHS[c.date.month - 1]
    if c.date_line == "an_figures":
        return (
            f"L'an {c.date.year}, le {c.date.day} {month}, le conseil municipal de la commune de {c.commune}, "
            "légalement convoqué, s'est réuni à la mairie en séance publique sous la présidence de "
            "M. Jean MARTIN, Maire."
        )
    day = "premier" if c.date.day == 1 else in_words(c.date.day)
    return (
        f"Le {day} {month} {in_words(c.date.year)}, à 19 heures, le Conseil Municipal de la commune de "
        f"{c.commune}, dûment convoqué, s'est réuni en nombre prescrit par la loi, à la mairie, sous la "
        "présidence de Mme Anne LEROY, Maire."
    )


def render_html(c: Case) -> str:
    st = c.style
    when = _date(c.date)
    if c.header == "one_line":
        head = [_p(f"Commune de {c.commune} — Conseil municipal — Séance du {when}", "title")]
    elif c.header == "three_lines":
        head = [_p(f"Commune de {c.commune}", "coll"), _p("Conseil municipal", "title"),
                _p(f"Séance du {when}", "title")]  # fmt: skip
    elif c.header == "no_date":  # the date is the sentence that opens the minutes
        sent = c.date - dt.timedelta(days=7)
        convened = _p(f"Date de convocation : {sent:%d/%m/%Y}" if c.convocation == "numeric"
                      else f"Date de convocation : {_date(sent)}")  # fmt: skip
        head = [_p(f"Commune de {c.commune}", "coll"),
                _p("Procès-verbal de la séance du Conseil municipal", "title")]  # fmt: skip
        head += (
            [_p(date_sentence(c)), convened] if c.convocation == "after" else [convened, _p(date_sentence(c))]
        )
    else:
        head = [_p(f"Commune de {c.commune}", "coll"),
                _p(f"Compte rendu de la séance du Conseil municipal du {when}", "title")]  # fmt: skip
    voters = c.vote[0] + c.vote[1] + c.vote[2]
    head += [
        _p(f"Membres en exercice : {voters + 1} – Présents : {voters} – Pouvoirs : 0 – Absents : 1 – "
           f"Votants : {voters}"),
        _p("Secrétaire de séance : Mme Claire DUVAL"),
    ]  # fmt: skip
    n = int(c.number)
    vote = _vote_html(c, (voters, 0, 0), [], [])
    ordinary = [
        (f"Approbation du procès-verbal de la séance du {_date(c.date - dt.timedelta(days=35))}",
         [_p("Le procès-verbal de la séance précédente est approuvé sans observation."), vote]),
        ("Désignation d'un délégué au syndicat des eaux",
         [_p("Le Conseil municipal désigne Mme Claire DUVAL déléguée titulaire au syndicat des eaux."), vote]),
        ("Convention de mise à disposition de la salle polyvalente",
         [_p("Le Conseil municipal approuve la convention avec le comité des fêtes et autorise le Maire à la "
             "signer."), vote]),
        ("Modification du tableau des effectifs",
         [_p("Le Conseil municipal décide la création d'un poste d'adjoint technique à temps complet."), vote]),
    ]  # fmt: skip
    items: list[str] = []
    for k in range(1, n):
        title, body = ordinary[(k - 1) % len(ordinary)]
        items += [_p(heading_text(c, k, title), "h"), *body]
    items += [_p(heading_text(c, n, c.title), "h"), *c.body,
              _vote_html(c, c.vote, c.vote_against, c.vote_abstaining)]  # fmt: skip
    items += [_p(heading_text(c, n + 1, "Questions diverses"), "h"), _p("Néant."),
              _p("La séance est levée à 21 h 10.")]  # fmt: skip
    border = "border: 0.5pt solid #000;" if st.borders else ""
    css = base_css(st) + (
        "p.ind { margin-left: 1.2cm; }\n"
        f"table.grid {{ border-collapse: collapse; margin: 4pt 0 8pt 0; {border} }}\n"
        f"table.grid td, table.grid th {{ {border} padding: {st.cell_padding_pt}pt; vertical-align: {st.valign}; }}\n"
        "table.grid th { font-weight: bold; } td.amt { text-align: right; }\n"
        "table.vote td { text-align: center; }\n"
    )
    return html_page(c.name, css, head + items)


def expected(c: Case, pdf: Path, engine: str, pages: dict[str, int]) -> dict[str, Any]:
    data = _expected(c, pdf, engine, pages)
    if c.phenomenon in NEW_PHENOMENA:  # the schema of the later wordings: the vote, heading, grant columns
        item = data["item"]
        item["number"] = printed_number(c, int(c.number))
        item["heading"] = heading_text(c, int(c.number), c.title)
        item["vote_printed"] = vote_text(c, c.vote, c.vote_against, c.vote_abstaining)
        item["vote_counts"] = _vote_counts(c)
        data["style"]["heading"] = c.heading
        data["style"]["date_line"] = c.date_line or None
        data["style"]["convocation"] = c.convocation if c.date_line else None
        data["style"]["vote"] = c.vote_style or "default"
        for g, nature, asked in zip(data["grants"], c.natures, c.requested, strict=True):
            g["nature"] = nature
            g["requested"] = None if asked is None else f"{asked:.2f}"
        if c.date_line:
            data["printed_date"] = date_sentence(c)
    return data


def _expected(c: Case, pdf: Path, engine: str, pages: dict[str, int]) -> dict[str, Any]:
    st = c.style
    return {
        "pdf": pdf.name,
        "engine": {"lo": "LibreOffice headless (HTML)", "chr": "Chromium headless"}[engine],
        "phenomenon": c.phenomenon,
        "variant": c.variant,
        "written_by": "delib.corpus.phenomena, from the case data (never from an extractor)",
        "commune": c.commune,
        "session_date": c.date.isoformat(),
        "item": {"number": c.number, "title": c.title, "page": pages["item"], "vote": list(c.vote)},
        "style": {
            "font": st.font,
            "size_pt": st.size_pt,
            "line_height": st.line_height,
            "margin_cm": st.margin_cm,
            "cell_padding_pt": st.cell_padding_pt,
            "cell_valign": st.valign,
            "borders": st.borders,
            "header": c.header,
        },
        "grants": [{"beneficiary": b, "amount": f"{a:.2f}"} for b, a in c.grants],
        "grant_totals": [{"label": lab, "amount": f"{a:.2f}"} for lab, a in c.totals],
        "imputations": [
            {"chapter": ch, "nature": na, "amount": None if a is None else f"{a:.2f}"}
            for ch, na, a in c.imputations
        ],
        "printed": c.printed,
    }


def build(c: Case, out_dir: Path, work: Path) -> list[Path]:
    anchors = [("item", heading_text(c, int(c.number), c.title)), *(("", t) for t in c.printed[1:])]
    return print_engines(
        c.name,
        render_html(c),
        out_dir,
        work,
        ".json",
        lambda e, pdf: expected(c, pdf, e, locate(pdf, anchors)),
    )


# --------------------------------------------------------------------------- extracts
# The single-deliberation PDF a commune or a communauté de communes publishes: "EXTRAIT DU REGISTRE
# DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL", the counts, the session, the number and object, who was
# there, the recitals, the decision and its vote, the imputation, the signature and the receipt.
Person = tuple[str, str]  # (civility, name): "Mme", "Claire DUVAL"


@dataclass
class Extract:
    name: str
    variant: str
    collectivity: str  # "Commune de Bienville", "Communauté de communes du Pays des Sources"
    council: str  # "Conseil Municipal" | "Conseil Communautaire"
    president: Person  # who presides and signs
    signs_as: str  # "Le Maire" | "Le Président"
    date: dt.date
    convened: dt.date
    date_style: (
        str  # "seance" (Séance du 12 mars 2024) | "words" (L'an deux mille vingt-quatre, le douze mars …)
    )
    counts_style: str  # "lines" | "one_line" | "table"
    number_printed: str  # the number as printed after its label
    number_label: str  # "Délibération n° {}" | "N° {}" | "DCM {}"
    title: str
    present: list[Person]
    excused: list[Person]  # printed under "Absents excusés"
    absent: list[Person]  # printed under "Absents"
    proxies: list[tuple[Person, Person]]  # printed under "Pouvoirs": (giver, holder)
    proxies_style: str  # "line" (Pouvoirs : Mme X à M. Y) | "in_excused" (Mme X (pouvoir à M. Y))
    recitals: list[str]
    vote_style: str  # "unanimity" | "sentence" (par 12 voix pour, …) | "votes_line" (Votes : Pour : 12 …)
    vote: tuple[int, int, int]  # for, against, abstention (the counts printed unless unanimity)
    articles: list[str]  # HTML blocks of "DÉCIDE :" in order (articles, a grant table)
    style: Style
    grants: list[tuple[str, Decimal]] = field(default_factory=list)
    grant_totals: list[Decimal] = field(default_factory=list)
    imputations: list[tuple[str | None, str | None, Decimal | None]] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)  # strings the PDF prints, in that order

    @property
    def number(self) -> str:
        return self.number_label.format(self.number_printed)

    def counts(self) -> dict[str, int]:
        present = len(self.present)
        excused = {p for p in self.excused} | {g for g, _h in self.proxies}
        return {
            "in_office": present + len(excused) + len(self.absent),
            "present": present,
            "voters": present + len(self.proxies),
        }


def _people(names: str) -> list[Person]:
    """ "M. Jean MARTIN, Mme Claire DUVAL" -> [("M.", "Jean MARTIN"), ("Mme", "Claire DUVAL")]."""
    out = []
    for item in names.split(", "):
        civ, _, name = item.partition(" ")
        out.append((civ, name))
    return out


def _who(p: Person) -> str:
    return f"{p[0]} {p[1]}"


_BOARD = _people(
    "M. Jean MARTIN, Mme Claire DUVAL, M. Paul LEFEBVRE, Mme Odile CARON, M. Karim BENALI, "
    "Mme Juliette MARCHAND, M. Henri DUMONT, Mme Sylvie ROGER, M. Alain FOURNIER, Mme Nadia OULED, "
    "M. Patrick LEMAIRE, Mme Agnès BACHELART, M. Yves DELCELIER, Mme Florence DEMOUY, M. Xavier MICHEL, "
    "Mme Anne LEROY, M. Thierry ROUSSEL, Mme Maryse CHAMPEAU, M. Renaud BOURGEOIS"
)


def _extracts() -> list[Extract]:
    b = _BOARD
    grant_table = _table(
        [["Comité des fêtes", "600 €"], ["Association sportive de Verneuil", "1 250 €"]],
        ["Association", "Montant"],
    )
    out = [
        Extract(
            name="extracts-a", variant="a", collectivity="Commune de Bienville", council="Conseil Municipal",
            president=b[0], signs_as="Le Maire", date=dt.date(2024, 3, 12), convened=dt.date(2024, 3, 5),
            date_style="seance", counts_style="lines", number_printed="2024-015", number_label="Délibération n° {}",
            title="Attribution d'une subvention à l'association Les Amis de l'école",
            present=b[:12], excused=[b[12], b[13]], absent=[b[14]], proxies=[(b[12], b[1]), (b[13], b[0])],
            proxies_style="line",
            recitals=["Vu le Code Général des Collectivités Territoriales, notamment son article L2121-29,",
                      "Vu le budget primitif 2024 adopté le 20 février 2024,",
                      "Considérant la demande présentée par l'association Les Amis de l'école pour sa classe de "
                      "découverte,"],
            vote_style="unanimity", vote=(14, 0, 0),
            articles=[_p("Article 1 : d'attribuer une subvention de 1 500 € à l'association Les Amis de l'école ;"),
                      _p("Article 2 : Les crédits sont inscrits au budget 2024, chapitre 65, article 6574."),
                      _p("Article 3 : Monsieur le Maire est chargé de l'exécution de la présente délibération.")],
            style=SERIF,
            grants=[("Les Amis de l'école", Decimal(1500))],
            imputations=[("65", "6574", None)],
        ),
        Extract(
            name="extracts-b", variant="b", collectivity="Communauté de communes du Pays des Sources",
            council="Conseil Communautaire", president=b[1], signs_as="La Présidente",
            date=dt.date(2024, 3, 12), convened=dt.date(2024, 3, 4), date_style="words", counts_style="one_line",
            number_printed="15/2024", number_label="N° {}",
            title="Attribution d'une subvention à l'association Les Tréteaux de l'Aisne pour sa saison 2024",
            present=b[:15], excused=[b[16]], absent=[b[17], b[18]], proxies=[(b[16], b[3])],
            proxies_style="in_excused",
            recitals=["Vu le Code Général des Collectivités Territoriales,",
                      "Vu les statuts de la Communauté de communes, notamment sa compétence culture,",
                      "Considérant l'intérêt communautaire de la saison culturelle proposée par l'association,"],
            vote_style="sentence", vote=(13, 2, 1),
            articles=[_p("Article 1 : d'attribuer une subvention de 3 200 € à l'association Les Tréteaux de "
                         "l'Aisne au titre de sa saison 2024 ;"),
                      _p("Article 2 : d'autoriser la Présidente à signer la convention d'objectifs avec "
                         "l'association ;"),
                      _p("Article 3 : de dire que la dépense sera imputée au chapitre 65, nature 6574 du budget "
                         "principal 2024.")],
            style=SANS,
            grants=[("Les Tréteaux de l'Aisne", Decimal(3200))],
            imputations=[("65", "6574", None)],
        ),
        Extract(
            name="extracts-c", variant="c", collectivity="Commune de Rivecourt", council="Conseil Municipal",
            president=b[10], signs_as="Le Maire", date=dt.date(2024, 6, 4), convened=dt.date(2024, 5, 28),
            date_style="seance", counts_style="table", number_printed="2024-15", number_label="DCM {}",
            title="Subvention exceptionnelle au Club de tennis de table",
            present=b[:11], excused=[b[11], b[12]], absent=[], proxies=[(b[11], b[2]), (b[12], b[4])],
            proxies_style="line",
            recitals=["Vu la demande du Club de tennis de table du 2 mai 2024 pour l'achat de deux tables de "
                      "compétition,",
                      "Considérant que le club accueille gratuitement les élèves de l'école communale,"],
            vote_style="votes_line", vote=(11, 2, 0),
            articles=[_p("Article 1 : d'attribuer une subvention exceptionnelle de 800 € au Club de tennis de "
                         "table ;"),
                      _p("Article 2 : la dépense sera imputée au budget 2024, chapitre 67, article 6745, pour un "
                         "montant de 800 €.")],
            style=NARROW,
            grants=[("Club de tennis de table", Decimal(800))],
            imputations=[("67", "6745", Decimal(800))],
        ),
        Extract(
            name="extracts-d", variant="d", collectivity="Commune de Lachelle", council="Conseil Municipal",
            president=b[12], signs_as="Le Maire", date=dt.date(2024, 6, 18), convened=dt.date(2024, 6, 11),
            date_style="words", counts_style="lines", number_printed="2024-022", number_label="Délibération n° {}",
            title="Tarifs de la restauration scolaire et de la garderie à la rentrée 2024",
            present=b[:13], excused=[b[13]], absent=[b[14]], proxies=[],
            proxies_style="line",
            recitals=["Vu le Code Général des Collectivités Territoriales,",
                      "Considérant l'augmentation du prix des repas facturés par le prestataire,"],
            vote_style="unanimity", vote=(13, 0, 0),
            articles=[_p("Article 1 : de fixer à compter du 2 septembre 2024 le prix du repas à 3,80 € et celui "
                         "de la garderie à 1,50 € la demi-heure ;"),
                      _p("Article 2 : les recettes seront inscrites au budget 2024, chapitre 70, article 7067.")],
            style=SMALL,
            imputations=[("70", "7067", None)],
        ),
        Extract(
            name="extracts-e", variant="e", collectivity="Communauté de communes des Deux Vallées",
            council="Conseil Communautaire", president=b[0], signs_as="Le Président",
            date=dt.date(2024, 11, 5), convened=dt.date(2024, 10, 29), date_style="seance",
            counts_style="one_line", number_printed="2024-88", number_label="Délibération n° {}",
            title="Création d'un poste d'adjoint technique territorial à temps complet",
            present=b[:14], excused=[b[14], b[15]], absent=[b[16]], proxies=[(b[14], b[5])],
            proxies_style="in_excused",
            recitals=["Vu la loi n° 84-53 du 26 janvier 1984 portant dispositions statutaires relatives à la "
                      "fonction publique territoriale,",
                      "Vu le tableau des effectifs,",
                      "Considérant le besoin du service de collecte des déchets,"],
            vote_style="sentence", vote=(12, 1, 2),
            articles=[_p("Article 1 : de créer à compter du 1er décembre 2024 un poste d'adjoint technique "
                         "territorial à temps complet ;"),
                      _p("Article 2 : de modifier en conséquence le tableau des effectifs ;"),
                      _p("Article 3 : les crédits nécessaires sont inscrits au budget 2024, chapitre 012.")],
            style=SERIF,
            imputations=[("012", None, None)],
        ),
        Extract(
            name="extracts-f", variant="f", collectivity="Commune de Verneuil-sous-Coucy", council="Conseil Municipal",
            president=b[9], signs_as="Le Maire", date=dt.date(2024, 4, 9), convened=dt.date(2024, 4, 2),
            date_style="words", counts_style="table", number_printed="2024-031", number_label="Délibération n° {}",
            title="Attribution de subventions aux associations",
            present=b[:10], excused=[b[10]], absent=[], proxies=[(b[10], b[9])],
            proxies_style="line",
            recitals=["Vu le budget primitif 2024,",
                      "Considérant les demandes de subvention reçues et l'avis de la commission des finances,"],
            vote_style="votes_line", vote=(9, 0, 2),
            articles=[_p("Article 1 : d'attribuer les subventions suivantes :"), grant_table,
                      _p("Article 2 : les crédits sont inscrits au budget 2024, chapitre 65, article 6574, pour "
                         "un montant total de 1 850 €.")],
            style=SANS,
            grants=[("Comité des fêtes", Decimal(600)), ("Association sportive de Verneuil", Decimal(1250))],
            grant_totals=[Decimal(1850)],
            imputations=[("65", "6574", Decimal(1850))],
        ),
    ]  # fmt: skip
    for x in out:
        assert x.president in x.present, x.name
        x.printed = [x.number, x.title, *(g for g, _a in x.grants)]
    return out


def extract_vote_text(x: Extract) -> str:
    f, n, a = x.vote
    if x.vote_style == "unanimity":
        return "à l'unanimité"
    if x.vote_style == "sentence":
        return f"par {f} voix pour, {n} voix contre et {a} abstention{'s' if a > 1 else ''}"
    return f"Votes : Pour : {f}{NBSP4}Contre : {n}{NBSP4}Abstention : {a}"


def extract_date_text(x: Extract) -> str:
    if x.date_style == "seance":
        return f"Séance du {_date(x.date)}"
    month = MONTHS[x.date.month - 1]
    day = "premier" if x.date.day == 1 else in_words(x.date.day)
    year = in_words(x.date.year).replace("deux mil", "deux mille")
    where = "la mairie" if x.council == "Conseil Municipal" else "la salle du conseil communautaire"
    return (
        f"L'an {year}, le {day} {month} à vingt heures, le {x.council} de la {x.collectivity}, dûment "
        f"convoqué, s'est réuni en séance publique à {where}, sous la présidence de {_who(x.president)}."
    )


def render_extract_html(x: Extract) -> str:
    st = x.style
    c = x.counts()
    council_up = "DU CONSEIL MUNICIPAL" if x.council == "Conseil Municipal" else "DU CONSEIL COMMUNAUTAIRE"
    head = [_p(x.collectivity, "coll"), _p(f"EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS {council_up}", "title")]
    if x.counts_style == "lines":
        counts = [_p(f"Nombre de conseillers en exercice : {c['in_office']}"), _p(f"Présents : {c['present']}"),
                  _p(f"Votants : {c['voters']}")]  # fmt: skip
    elif x.counts_style == "one_line":
        counts = [
            _p(
                f"En exercice : {c['in_office']}{NBSP4}Présents : {c['present']}{NBSP4}Votants : {c['voters']}"
            )
        ]
    else:
        counts = [_table([[str(c["in_office"]), str(c["present"]), str(c["voters"])]],
                         ["En exercice", "Présents", "Votants"], cls="grid vote")]  # fmt: skip
    convened = _p(f"Date de convocation : {_date(x.convened)}")
    if x.date_style == "seance":
        head += [_p(extract_date_text(x), "title"), convened, *counts]
    else:
        head += [convened, *counts, _p(extract_date_text(x))]
    head += [_p(x.number, "h"), _p(f"Objet : {x.title}", "h")]
    who = [_p("Présents : " + ", ".join(_who(p) for p in x.present) + ".")]
    if x.proxies_style == "in_excused":
        held = dict(x.proxies)
        who.append(_p("Absents excusés : " + ", ".join(
            _who(p) + (f" (pouvoir à {_who(held[p])})" if p in held else "") for p in x.excused) + "."))  # fmt: skip
    else:
        if x.excused:
            who.append(_p("Absents excusés : " + ", ".join(_who(p) for p in x.excused) + "."))
        if x.proxies:
            who.append(_p("Pouvoirs : " + ", ".join(f"{_who(g)} à {_who(h)}" for g, h in x.proxies) + "."))
    if x.absent:
        who.append(_p("Absents : " + ", ".join(_who(p) for p in x.absent) + "."))
    secretary = next(p for p in x.present if p != x.president)
    who.append(_p(f"Secrétaire de séance : {_who(secretary)}"))
    body = [*(_p(r) for r in x.recitals)]
    if x.vote_style == "votes_line":
        body.append(_p(f"Le {x.council}, après en avoir délibéré, DÉCIDE :"))
        body += x.articles
        body.append(_p(extract_vote_text(x)))
    else:
        body.append(_p(f"Le {x.council}, après en avoir délibéré, {extract_vote_text(x)}, DÉCIDE :"))
        body += x.articles
    published = x.date + dt.timedelta(days=3)
    received = x.date + dt.timedelta(days=2)
    sign = [
        _p("Fait et délibéré en séance les jour, mois et an susdits."),
        _p("Pour extrait certifié conforme,", "sign"),
        _p(f"{x.signs_as},", "sign"),
        _p(x.president[1], "sign"),
        _p(f"Reçu en préfecture le {received:%d/%m/%Y}"),
        _p(f"Publié le {_date(published)}"),
    ]
    css = base_css(st) + (
        "p.sign { margin-left: 55%; margin-bottom: 0; }\n"
        f"table.grid {{ border-collapse: collapse; margin: 4pt 0 8pt 0; border: 0.5pt solid #000; }}\n"
        f"table.grid td, table.grid th {{ border: 0.5pt solid #000; padding: {st.cell_padding_pt}pt; "
        f"vertical-align: {st.valign}; }}\n"
        "table.grid th { font-weight: bold; } td.amt { text-align: right; }\n"
        "table.vote td { text-align: center; }\n"
    )
    return html_page(x.name, css, head + who + body + sign)


def extract_expected(x: Extract, pdf: Path, engine: str) -> dict[str, Any]:
    """What the extract says, from its data: one deliberation."""
    st = x.style
    f, n, a = x.vote
    unanimous = x.vote_style == "unanimity"
    return {
        "pdf": pdf.name,
        "engine": {"lo": "LibreOffice headless (HTML)", "chr": "Chromium headless"}[engine],
        "phenomenon": "extracts",
        "variant": x.variant,
        "written_by": "delib.corpus.phenomena, from the case data (never from an extractor)",
        "collectivity": x.collectivity,
        "council": x.council,
        "number": x.number_printed,
        "number_printed": x.number,
        "title": x.title,
        "session_date": x.date.isoformat(),
        "convened": x.convened.isoformat(),
        "date_printed": extract_date_text(x),
        # the counts the vote prints ("à l'unanimité" prints none)
        "vote": {
            "printed": extract_vote_text(x),
            "for": None if unanimous else f,
            "against": None if unanimous else n,
            "abstention": None if unanimous else a,
            "adopted": True if unanimous else f > n,
            "unanimous": unanimous,
        },
        "counts": x.counts(),
        "attendance": {
            "present": [p[1] for p in x.present],
            "excused": [p[1] for p in x.excused],
            "absent": [p[1] for p in x.absent],
            "proxies": [{"from": g[1], "to": h[1]} for g, h in x.proxies],
        },
        "grants": [{"beneficiary": g, "amount": f"{amt:.2f}"} for g, amt in x.grants],
        "grant_totals": [f"{t:.2f}" for t in x.grant_totals],
        "imputations": [
            {"chapter": ch, "nature": na, "amount": None if am is None else f"{am:.2f}"}
            for ch, na, am in x.imputations
        ],
        "style": {
            "font": st.font,
            "size_pt": st.size_pt,
            "line_height": st.line_height,
            "margin_cm": st.margin_cm,
            "counts": x.counts_style,
            "date": x.date_style,
            "number": x.number_label.format("…"),
            "proxies": x.proxies_style,
            "vote": x.vote_style,
        },
        "printed": x.printed,
    }


def build_extract(x: Extract, out_dir: Path, work: Path) -> list[Path]:
    def truth(engine: str, pdf: Path) -> dict[str, Any]:
        locate(pdf, [(str(k), t) for k, t in enumerate(x.printed)])  # each printed, in order
        return extract_expected(x, pdf, engine)

    return print_engines(x.name, render_extract_html(x), out_dir, work, ".json", truth)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--only", nargs="*", default=None, help="case names (block_rows-a …)")
    args = ap.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="phenomena-") as tmp:
        for c in cases():
            if args.only and c.name not in args.only:
                continue
            for path in build(c, args.out_dir, Path(tmp)):
                sys.stdout.write(f"{path}\n")
        extracts_dir = args.out_dir / "extracts"  # apart: one deliberation per PDF, not minutes
        extracts_dir.mkdir(exist_ok=True)
        for x in _extracts():
            if args.only and x.name not in args.only:
                continue
            for path in build_extract(x, extracts_dir, Path(tmp)):
                sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
