"""Four reading phenomena of session minutes, each a short compte rendu printed by two engines.

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

    .venv/bin/python -m delib.corpus.phenomena corpus/samples_phenomena
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from delib.corpus.minutes_gen import locate, print_chromium
from delib.corpus.office import convert

ENGINES = ("lo", "chr")
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


def _p(text: str, cls: str = "") -> str:
    return f"<p{f' class={cls!r}' if cls else ''}>{html.escape(text)}</p>"


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


def cases() -> list[Case]:
    return [*_block_rows(), *_unit_grants(), *_vote_du_quart(), *_dotted_codes()]


# --------------------------------------------------------------------------- the page
def _vote_line(v: tuple[int, int, int], variant: str) -> str:
    f, c, a = v
    if variant in ("a", "c"):
        return f"Vote : {f} pour / {c} contre / {a} abstention"
    return f"Vote : {f} pour, {c} contre, {a} abstention{'s' if a > 1 else ''}"


def render_html(c: Case) -> str:
    st = c.style
    when = _date(c.date)
    if c.header == "one_line":
        head = [_p(f"Commune de {c.commune} — Conseil municipal — Séance du {when}", "title")]
    elif c.header == "three_lines":
        head = [_p(f"Commune de {c.commune}", "coll"), _p("Conseil municipal", "title"),
                _p(f"Séance du {when}", "title")]  # fmt: skip
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
    vote = _p(_vote_line((voters, 0, 0), c.variant))
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
        items += [_p(f"{k}- {title}", "h"), *body]
    items += [_p(f"{c.number}- {c.title}", "h"), *c.body, _p(_vote_line(c.vote, c.variant))]
    items += [_p(f"{n + 1}- Questions diverses", "h"), _p("Néant."), _p("La séance est levée à 21 h 10.")]
    border = "border: 0.5pt solid #000;" if st.borders else ""
    css = (
        f"@page {{ size: A4; margin: {st.margin_cm}cm; }}\n"
        f"body {{ font-family: '{st.font}'; font-size: {st.size_pt}pt; line-height: {st.line_height}; }}\n"
        f"p {{ margin: 0 0 {round(st.size_pt * 0.45, 1)}pt 0; }}\n"
        "p.coll { font-size: 130%; font-weight: bold; text-align: center; }\n"
        "p.title { font-size: 115%; font-weight: bold; text-align: center; }\n"
        f"p.h {{ font-weight: bold; margin-top: {st.size_pt}pt; }}\n"
        "p.ind { margin-left: 1.2cm; }\n"
        f"table.grid {{ border-collapse: collapse; margin: 4pt 0 8pt 0; {border} }}\n"
        f"table.grid td, table.grid th {{ {border} padding: {st.cell_padding_pt}pt; vertical-align: {st.valign}; }}\n"
        "table.grid th { font-weight: bold; } td.amt { text-align: right; }\n"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(c.name)}</title>'
        f"<style>{css}</style></head><body>\n" + "\n".join(head + items) + "\n</body></html>\n"
    )


def expected(c: Case, pdf: Path, engine: str, pages: dict[str, int]) -> dict[str, Any]:
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
    src = work / f"{c.name}.html"
    src.write_text(render_html(c), encoding="utf-8")
    written: list[Path] = []
    for engine in ENGINES:
        pdf = out_dir / f"{c.name}.{engine}.pdf"
        if engine == "lo":
            (made,) = convert([src], work, work / "lo-profile")
            shutil.move(made, pdf)
        else:
            print_chromium(src, pdf, work / "chr-profile")
        pages = locate(pdf, [("item", f"{c.number}- {c.title}"), *(("", t) for t in c.printed[1:])])
        path = out_dir / f"{c.name}.{engine}.json"
        path.write_text(
            json.dumps(expected(c, pdf, engine, pages), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        written += [pdf, path]
    return written


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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
