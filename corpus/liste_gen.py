"""Listes des délibérations (CGCT art. L2121-25) generated from data, printed by two engines.

Since 1 July 2022 a commune or an intercommunalité posts, within a week of each council session, the
list of the deliberations examined: one line or row per item, its number, its object and what the
assembly decided.  delib had never read one; this module writes them from data so that its reading
can be measured on a publication it was not built from.  Per seed (randomly but deterministically):

* the header: "Commune de …", "Ville de …", "Communauté de communes …" (instance "Conseil
  communautaire"); a title ("LISTE DES DÉLIBÉRATIONS", "Liste des délibérations examinées", "… DU
  CONSEIL MUNICIPAL", with or without "(article L.2121-25 du CGCT)"); the session date in words or
  figures; attendance counts in one of four wordings, or none; the président and secrétaire de séance;
* the items (5 to 25) in one of four layouts: a ruled table "N° | Objet | Décision" (or with "Pour |
  Contre | Abst." columns), one paragraph per item with the decision after " : ", " – ", ". " or in
  parentheses, the title on one line and the decision on the next ("→ Adoptée à l'unanimité", "Vote :
  adopté …"), or the number, the title and the decision stacked; optional theme headings ("FINANCES");
  numbers "2022-085", "DEL2023-12", "D2023_045", "N° 12", "12", "2023/45", "n°2023-12-01" or none;
* decisions worded with their gender and number ("Adoptée à l'unanimité", "Adopté par 18 voix pour, 2
  contre et 1 abstention", "Approuvés à la majorité (18 pour, 3 contre)", "Pour : 18 – Contre : 2 –
  Abstention : 1", "Rejetée (9 voix pour, 12 voix contre)", "Unanimité", "… ; M. X ne prend pas part
  au vote"), counts consistent with the voters; procedural items ("Prend acte", "Retirée de l'ordre du
  jour", the secretary, the approval of the last minutes, the decisions taken by delegation);
* titles that carry a grant ("Attribution d'une subvention de 1 500 € à l'association …") and titles
  whose amount is no grant given (a loan, a tariff, a DETR request, a cotisation);
* a footer ("Affichée le …", "Publiée le …", "Le Maire, …") or none.

The document is written to HTML, printed by LibreOffice headless (``.lo.pdf``) and Chromium headless
(``.chr.pdf``) with :func:`delib.corpus.minutes_gen.print_engines`; beside each PDF a ``.gold.json``
in the format of ``tests/real/README.md``, written from the data: only the pages come from the PDF
(where each item's printed number and title, and each grant's amount, lie).  As tests/real records
them: ``instance`` is null where the list does not print it; ``unanimous`` is true only where
"unanimité" is printed; counts alone ("Pour : 18 – Contre : 2 – Abstention : 1") give ``adopted`` true
with a note saying so; a category not printed is null; the approval of the minutes, the secretary,
"prend acte", withdrawn and adjourned items are ``other_items`` (with their vote where one is
printed).  Beside the format, ``voters`` (the printed "Votants", else null) and ``style``.  Files are
named ``<slug>_cm_<date>_liste-<seed>`` (``_cc_`` for a communauté de communes, as tests/real does).

    .venv/bin/python -m delib.corpus.liste_gen OUT_DIR --seeds 1 2 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import random
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from delib.corpus import minutes_vocab as V
from delib.corpus.minutes_data import FONTS, Vote, fmt_date
from delib.corpus.minutes_gen import anchor_pages, page_texts, print_engines, squash
from delib.corpus.minutes_html import base_css, html_page
from delib.corpus.minutes_html import paragraph as _p

SEEDS = (1, 2, 3, 4, 5, 6)
LAYOUTS = ("table", "paragraph", "two_line", "stacked")
# numbering: how each deliberation's number is printed (the gold keeps it without "n°" / "N°")
NUMBERINGS = ("yearseq", "del", "d_underscore", "n_point", "plain", "slash", "ymd", "none")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
INTERCOS = (
    "Communauté de communes du Val de Vesle",
    "Communauté de communes des Deux Rivières",
    "Communauté de communes Cœur de Beauce",
    "Communauté de communes des Portes de l'Oise",
    "Communauté de communes du Pays de la Roche-Bernard",
    "Communauté de communes Terres de Champagne",
)
DEPARTMENTS = (
    "Département de la Marne",
    "Département de l'Oise",
    "Département du Loiret",
    "Département d'Eure-et-Loir",
)
THEMES = (
    "Administration générale",
    "Finances",
    "Ressources humaines",
    "Urbanisme et foncier",
    "Travaux",
    "Enfance, jeunesse et vie associative",
    "Intercommunalité",
)
# Subjects of deliberations beside V.SUBJECTS: (title, theme); {year} the session's year, {next} the next
SUBJECTS = (
    ("Budget principal – Décision modificative n°{n}", "Finances"),
    ("Budget annexe de l'assainissement – Décision modificative n°{n}", "Finances"),
    ("Vote des taux d'imposition {year}", "Finances"),
    ("Adoption de la nomenclature budgétaire et comptable M57 au 1er janvier {next}", "Finances"),
    ("Tarifs municipaux {next}", "Finances"),
    ("Ouverture des crédits d'investissement avant le vote du budget primitif {next}", "Finances"),
    ("Création d'un poste d'adjoint administratif principal à temps complet", "Ressources humaines"),
    ("Modification du tableau des effectifs", "Ressources humaines"),
    ("Mise en place du RIFSEEP pour la filière technique", "Ressources humaines"),
    ("Recrutement d'agents contractuels pour un accroissement temporaire d'activité", "Ressources humaines"),
    ("Adhésion au contrat groupe d'assurance statutaire du centre de gestion", "Ressources humaines"),
    ("Convention de servitude avec Enedis rue des Écoles", "Urbanisme et foncier"),
    ("Dénomination des voies du lotissement Les Vergers", "Urbanisme et foncier"),
    ("Instauration du droit de préemption urbain", "Urbanisme et foncier"),
    ("Approbation de la modification simplifiée n°1 du plan local d'urbanisme", "Urbanisme et foncier"),
    ("Travaux de rénovation énergétique de l'école : attribution du marché", "Travaux"),
    ("Enfouissement des réseaux rue du Moulin : convention avec le syndicat d'énergie", "Travaux"),
    ("Règlement intérieur de l'accueil périscolaire", "Enfance, jeunesse et vie associative"),
    (
        "Tarifs de la restauration scolaire à compter du 1er septembre {year}",
        "Enfance, jeunesse et vie associative",
    ),
    (
        "Rapport de la commission locale d'évaluation des charges transférées : approbation",
        "Intercommunalité",
    ),
    ("Transfert de la compétence eau potable à la communauté de communes", "Intercommunalité"),
    ("Adhésion au syndicat départemental d'énergie", "Intercommunalité"),
)
INTERCO_SUBJECTS = (
    ("Redevance incitative d'enlèvement des ordures ménagères : tarifs {next}", "Finances"),
    ("Attributions de compensation définitives {year}", "Finances"),
    ("GEMAPI : fixation du produit de la taxe pour {next}", "Finances"),
    ("Modification des statuts de la communauté de communes", "Administration générale"),
    ("Programme local de l'habitat : avis sur le projet arrêté", "Urbanisme et foncier"),
    ("Zone d'activités des Grands Champs : cession du lot n°{n}", "Urbanisme et foncier"),
    ("Création d'un poste de chargé de mission mobilité", "Ressources humaines"),
    ("Convention d'entente avec le syndicat de bassin versant", "Intercommunalité"),
)
_THEME_WORDS = (
    (("budget", "taux", "tarif", "indemnité", "décision modificative"), "Finances"),
    (("poste", "personnel", "vacataire"), "Ressources humaines"),
    (("cession", "parcelle", "dénomination", "urbanisme"), "Urbanisme et foncier"),
    (("travaux", "toiture", "voirie", "éclairage", "acquisition"), "Travaux"),
    (("école", "scolaire", "cantine", "bibliothèque", "salle"), "Enfance, jeunesse et vie associative"),
    (("communauté", "syndicat", "groupement", "intercommunale"), "Intercommunalité"),
)
# Gender and number of a title's first word: what "adopté" agrees with when a list agrees with the title
GENDERS = {
    "tarifs": "mp", "tarif": "m", "convention": "f", "budget": "m", "décision": "f", "création": "f",
    "recours": "m", "travaux": "mp", "adhésion": "f", "acquisition": "f", "dénomination": "f",
    "renouvellement": "m", "vote": "m", "remplacement": "m", "rapport": "m", "cession": "f",
    "indemnité": "f", "participation": "f", "modification": "f", "programme": "m", "règlement": "m",
    "réfection": "f", "attribution": "f", "subvention": "f", "subventions": "fp", "versement": "m",
    "demande": "f", "réalisation": "f", "garantie": "f", "cotisation": "f", "admission": "f",
    "approbation": "f", "désignation": "f", "compte": "m", "mise": "f", "adoption": "f", "ouverture": "f",
    "recrutement": "m", "instauration": "f", "enfouissement": "m", "transfert": "m", "redevance": "f",
    "attributions": "fp", "gemapi": "f", "zone": "f", "enlèvement": "m", "emprunt": "m",
}  # fmt: skip
# Beneficiaries of a grant and the words that introduce them ("au Comité des fêtes")
BENEFICIARIES = {
    "Comité des fêtes": "au", "Amicale des sapeurs-pompiers": "à l'", "ACCA": "à l'",
    "Club du troisième âge": "au", "Coopérative scolaire": "à la", "Association sportive de football": "à l'",
    "Banque alimentaire": "à la", "Cyclo club": "au", "Les Amis de la bibliothèque": "à l'association",
    "Association des parents d'élèves": "à l'", "Union nationale des combattants": "à l'",
    "Tennis club": "au", "Harmonie municipale": "à l'", "Gymnastique volontaire": "à la",
    "Restos du cœur": "aux", "Judo club": "au", "Handy-up": "à l'association", "Société de chasse": "à la",
    "Association Familles rurales": "à l'", "Club de l'amitié": "au",
    "Les Amis du Patrimoine": "à l'association", "Comité de jumelage": "au", "Mission locale": "à la",
}  # fmt: skip
MONEY_STYLES = ("space", "dot_cents", "euros", "space_cents", "plain", "space_euros")


# --------------------------------------------------------------------------- data
@dataclass(frozen=True)
class Style:
    font: str
    size_pt: float
    margin_cm: float
    line_height: float
    layout: str  # one of LAYOUTS
    numbering: str  # one of NUMBERINGS
    label: str  # how a number stands before a title: "{n} – ", "N° {n} – ", "Délibération n° {n} : " …
    separator: str  # paragraph layout: " : ", " – ", ". " or "paren"
    prefix: str  # two_line / stacked: "→ ", "Vote : ", "Décision : ", "Résultat : " or ""
    title_bold: bool
    columns: tuple[str, ...]  # table layout: the header (count columns when "Pour" is one)
    cell_padding_pt: float
    header_fill: bool
    repeat_header: bool  # the table's header row printed again at the top of each page
    family: str  # "words" (sentences) or "counts" ("Pour : 18 – Contre : 2 – Abstention : 1")
    verb: str  # "adopt" or "approuv"
    agreement: str  # "f" (la délibération), "m" (le point) or "title" (with the title's first word)
    unan: int  # index of the unanimity wording
    split: int  # index of the counted-majority wording
    reject: int  # index of the rejection wording
    counts_sep: str  # "counts" family: " – ", " / ", " ; "
    upper_decisions: bool
    upper_titles: bool
    money: tuple[str, ...]  # amount formats used in titles
    themes: str  # "" (none), "upper" (FINANCES), "roman" (II. FINANCES), "plain" (Finances)
    title_line: str
    cgct: str  # "" | "line" | "inline"
    date_line: str
    attendance: str  # "" | "votants" | "full" | "represented" | "lines"
    officers: bool
    preamble: bool
    department: bool
    footer: tuple[str, ...]
    apostrophe: str


@dataclass
class Entry:
    kind: str  # "deliberation" or an other-item kind (secretary, minutes_approval, information, ...)
    parts: list[tuple[str, str]]  # the title in pieces: ("", text) or ("g0", a grant's printed amount)
    theme: str
    number: str | None = None
    decision: str = ""  # as printed after the title ("Vote : adoptée …"; no arrow, no parentheses)
    vote: Vote | None = None
    cells: tuple[str, str, str] | None = None  # Pour / Contre / Abst. cells of a count-columns table
    grants: list[tuple[str, Decimal, str | None]] = field(default_factory=list)  # beneficiary, amount, nature
    note: str | None = None

    @property
    def title(self) -> str:
        return "".join(t for _, t in self.parts)


@dataclass
class Liste:
    seed: int
    slug: str
    interco: bool
    collectivity: str  # as printed
    instance: str | None  # None when the document does not print it
    date: dt.date
    style: Style
    members: int
    present: int
    proxies: int
    head: str  # "M. Jean DUPONT": the maire or président
    head_title: str  # "Maire", "Président", "Présidente"
    place: str  # where the list is signed ("Bréval", "au siège")
    secretary: str
    entries: list[Entry]

    @property
    def voters(self) -> int:
        return self.present + self.proxies

    @property
    def absent(self) -> int:
        return self.members - self.present - self.proxies

    @property
    def name(self) -> str:
        return f"{self.slug}_{'cc' if self.interco else 'cm'}_{self.date.isoformat()}_liste-{self.seed}"


# --------------------------------------------------------------------------- formatting
def slugify(text: str) -> str:
    plain = (
        unicodedata.normalize("NFKD", text.replace("œ", "oe").replace("Œ", "OE"))
        .encode("ascii", "ignore")
        .decode()
    )
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def fmt_money(value: Decimal, style: str) -> str:
    """*value* as a title prints it: "1 500 €", "1.500,00 €", "1500 euros", "1 500,00 €", "1500 €"."""
    units, cents = f"{value:.2f}".split(".")
    spaced = re.sub(r"(?<=\d)(?=(\d{3})+$)", " ", units)
    dotted = spaced.replace(" ", ".")
    tail = "" if cents == "00" else f",{cents}"
    return {
        "space": f"{spaced}{tail} €",
        "dot_cents": f"{dotted},{cents} €",
        "euros": f"{units}{tail} euros",
        "space_cents": f"{spaced},{cents} €",
        "plain": f"{units}{tail} €",
        "space_euros": f"{spaced}{tail} euros",
    }[style]


def fmt_day(d: dt.date, kind: str) -> str:
    if kind == "figures":
        return f"{d:%d/%m/%Y}"
    if kind == "weekday":
        return f"{WEEKDAYS[d.weekday()]} {fmt_date(d)}"
    if kind == "weekday_figures":
        return f"{WEEKDAYS[d.weekday()]} {d:%d/%m/%Y}"
    return fmt_date(d)


def agree(stem: str, gender: str) -> str:
    """ "adopt" + gender/number: adopté, adoptée, adoptés, adoptées."""
    return stem + "é" + {"m": "", "f": "e", "mp": "s", "fp": "es"}[gender]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


# --------------------------------------------------------------------------- style
def _style(rng: random.Random, seed: int) -> Style:
    layout = LAYOUTS[seed % len(LAYOUTS)]
    numbering = rng.choice(NUMBERINGS)
    if layout == "stacked" and numbering == "none":
        numbering = "yearseq"
    if numbering in ("n_point",):
        label = rng.choice(("N° {n} – ", "N° {n} : ", "N°{n} – "))
    elif numbering == "plain":
        label = rng.choice(("{n}. ", "{n} – ", "{n}) "))
    elif numbering == "ymd":
        label = rng.choice(("n°{n} – ", "N° {n} – "))
    else:
        label = rng.choice(("{n} – ", "N° {n} – ", "Délibération n° {n} : ", "n°{n} – ", "{n} : "))
    if layout == "stacked":
        label = rng.choice(("Délibération n° {n}", "N° {n}", "DÉLIBÉRATION N° {n}", "{n}"))
    counts_table = layout == "table" and rng.random() < 0.35
    if counts_table:
        columns: tuple[str, ...] = ("N°", "Objet", "Pour", "Contre", "Abst.", "Décision")
    else:
        columns = rng.choice(
            (
                ("N°", "Objet", "Décision"),
                ("N° de la délibération", "Objet de la délibération", "Vote"),
                ("Numéro", "Intitulé", "Résultat du vote"),
                ("N°", "Titre de la délibération", "Décision du conseil"),
            )
        )
    if numbering == "none":
        columns = columns[1:]
    family = "counts" if not counts_table and rng.random() < 0.25 else "words"
    footer: list[str] = []
    if rng.random() < 0.7:
        footer.append(rng.choice(("affichee", "publiee", "en_ligne")))
    if rng.random() < 0.6:
        footer.append(rng.choice(("sign", "fait_sign")))
    return Style(
        font=rng.choice(FONTS),
        size_pt=rng.choice((9.0, 9.5, 10.0, 10.5, 11.0, 12.0)),
        margin_cm=rng.choice((1.2, 1.5, 2.0, 2.5)),
        line_height=rng.choice((1.0, 1.15, 1.3, 1.5)),
        layout=layout,
        numbering=numbering,
        label=label,
        separator=rng.choice((" : ", " – ", ". ", "paren")),
        prefix=rng.choice(("→ ", "Vote : ", "Décision : ", "Résultat : ", "")),
        title_bold=rng.random() < 0.5,
        columns=columns,
        cell_padding_pt=rng.choice((2.0, 3.0, 4.0, 6.0)),
        header_fill=rng.random() < 0.5,
        repeat_header=rng.random() < 0.6,
        family=family,
        verb=rng.choice(("adopt", "adopt", "approuv")),
        agreement=rng.choice(("f", "f", "m", "title")),
        unan=rng.randrange(5),
        split=rng.randrange(5),
        reject=rng.randrange(3),
        counts_sep=rng.choice((" – ", " / ", " ; ")),
        upper_decisions=layout == "table" and rng.random() < 0.2,
        upper_titles=layout in ("table", "two_line") and rng.random() < 0.15,
        money=tuple(rng.sample(MONEY_STYLES, 2)),
        themes=rng.choice(("", "", "upper", "roman", "plain")),
        title_line=rng.choice(("upper", "examinees", "upper_instance", "examinees_instance")),
        cgct=rng.choice(("", "", "line", "inline")),
        date_line=rng.choice(("seance", "instance_figures", "reunion", "seance_instance")),
        attendance=rng.choice(("", "votants", "full", "represented", "lines")),
        officers=rng.random() < 0.5,
        preamble=rng.random() < 0.3,
        department=rng.random() < 0.3,
        footer=tuple(footer),
        apostrophe=rng.choice(("'", "’")),
    )


# --------------------------------------------------------------------------- decisions
class Decider:
    """The decision of each item, worded in the document's style, its counts within the voters."""

    def __init__(self, rng: random.Random, st: Style, voters: int, council: str):
        self.rng, self.st, self.voters, self.council = rng, st, voters, council

    def gender(self, title: str) -> str:
        if self.st.agreement != "title":
            return self.st.agreement
        first = re.split(r"[\s'’]+", title.strip())[0].casefold()
        return GENDERS.get(first, "f")

    def _counts(self, f: int, c: int, ab: int, nv: int, outcome: str | None) -> str:
        sep = self.st.counts_sep
        parts = [f"Pour : {f}", f"Contre : {c}", f"Abstention{'s' if ab > 1 else ''} : {ab}"]
        if nv:
            parts.append(f"Ne prend pas part au vote : {nv}")
        return sep.join(parts) + (f"{sep}{outcome}" if outcome else "")

    def unanimous(self, g: str, who: str | None = None) -> tuple[str, Vote]:
        """Everybody for; *who* (a name) does not take part in the vote."""
        n, adopted = self.voters - (1 if who else 0), cap(agree(self.st.verb, g))
        nv = 1 if who else None
        if self.st.family == "counts":
            outcome = adopted if self.rng.random() < 0.5 else None
            text = self._counts(n, 0, 0, nv or 0, outcome)
            return text, Vote(n, 0, 0, nv, True, False, [text])
        w = self.st.unan
        text, for_ = [
            (f"{adopted} à l'unanimité", None),
            (f"{adopted} à l'unanimité des membres présents et représentés", None),
            ("Unanimité", None),
            (f"{adopted} à l'unanimité ({n} voix)", n),
            (f"{adopted} à l'unanimité des votants", None),
        ][w]
        if who:
            paren = self.st.layout == "paragraph" and self.st.separator == "paren"
            text += self.rng.choice(
                (f" ; {who} ne prend pas part au vote",)
                if paren
                else (f" ({who} ne prend pas part au vote)", f" ; {who} ne prend pas part au vote")
            )
        return text, Vote(for_, None, None, nv, True, True, [text])

    def split(self, g: str, who: str | None = None) -> tuple[str, Vote]:
        """Adopted with votes against or abstentions (or both)."""
        rng, adopted = self.rng, cap(agree(self.st.verb, g))
        nv = 1 if who else 0
        c = rng.choice((0, 1, 1, 2, 3, min(5, self.voters // 4)))
        ab = rng.choice((0, 1, 2, 3)) if c else rng.choice((1, 2, 3))
        f = self.voters - c - ab - nv - rng.choice((0, 0, 0, 1))  # sometimes one voter left before the vote
        while f <= c + 1 and ab > 1:  # a small council: fewer abstentions, a clear majority
            ab, f = ab - 1, f + 1
        tail = ""
        if who:
            tail = f" ; {who} ne prend pas part au vote"
        if self.st.family == "counts":
            outcome = adopted if rng.random() < 0.5 else None
            text = self._counts(f, c, ab, nv, outcome)
            return text, Vote(f, c, ab, nv or None, True, False, [text])
        w = self.st.split
        if w == 4 and rng.random() < 0.5:
            w = 0  # a list that says "à la majorité" alone does it for some items only
        if c == 0 and rng.random() < 0.4:
            text = f"{adopted} à l'unanimité des suffrages exprimés ({plural(ab, 'abstention')}){tail}"
            return text, Vote(None, None, ab, nv or None, True, True, [text])
        against: int | None = c
        abst: int | None = ab
        if w == 0:
            rest = ([f"{c} contre"] if c else []) + ([plural(ab, "abstention")] if ab else [])
            text = f"{adopted} par {_and([f'{f} voix pour', *rest])}"
            against, abst = (c or None), (ab or None)
        elif w == 1:
            rest = ([f"{c} contre"] if c else []) + ([plural(ab, "abstention")] if ab else [])
            text = f"{adopted} à la majorité ({', '.join([f'{f} pour', *rest])})"
            against, abst = (c or None), (ab or None)
        elif w == 2:
            text = f"{adopted} à la majorité : {f} pour, {c} contre, {plural(ab, 'abstention')}"
        elif w == 3:
            text = self._counts(f, c, ab, 0, None)
        else:
            text = f"{adopted} à la majorité{tail}"
            return text, Vote(None, None, None, nv or None, True, False, [text])
        text += tail
        return text, Vote(f, against, abst, nv or None, True, False, [text])

    def rejected(self, g: str) -> tuple[str, Vote]:
        rng = self.rng
        rejected = cap(agree("rejet", g))
        f = rng.randint(2, max(2, self.voters // 3))
        ab = rng.choice((0, 0, 1, 2))
        c = self.voters - f - ab
        if self.st.family == "counts":
            text = self._counts(f, c, ab, 0, rejected)
            return text, Vote(f, c, ab, None, False, False, [text])
        if self.st.reject == 0:
            rest = f", {plural(ab, 'abstention')}" if ab else ""
            text = f"{rejected} ({f} voix pour, {c} voix contre{rest})"
            return text, Vote(f, c, ab or None, None, False, False, [text])
        if self.st.reject == 1:
            text = f"Non {agree(self.st.verb, g)} : {f} pour, {c} contre, {plural(ab, 'abstention')}"
            return text, Vote(f, c, ab, None, False, False, [text])
        text = f"{rejected} par {c} voix contre et {f} voix pour"
        return text, Vote(f, c, None, None, False, False, [text])

    def majority_only(self, g: str) -> tuple[str, Vote]:
        text = f"{cap(agree(self.st.verb, g))} à la majorité"
        return text, Vote(None, None, None, None, True, False, [text])

    def counted_columns(self, g: str, outcome: str) -> tuple[str, Vote, tuple[str, str, str]]:
        """A count-columns table: the Pour / Contre / Abst. cells and the decision cell."""
        rng, adopted = self.rng, cap(agree(self.st.verb, g))
        if outcome == "reject":
            f = rng.randint(2, max(2, self.voters // 3))
            ab = rng.choice((0, 1))
            c = self.voters - f - ab
            dec = cap(agree("rejet", g))
        elif outcome == "unan":
            f, c, ab = self.voters, 0, 0
            dec = rng.choice((adopted, f"{adopted} à l'unanimité"))
        else:
            c, ab = rng.choice((1, 2, 3)), rng.choice((0, 1, 2))
            f = self.voters - c - ab
            dec = adopted
        cells = (str(f), str(c), str(ab))
        text = f"{f} | {c} | {ab} | {dec}"
        return dec, Vote(f, c, ab, None, outcome != "reject", "unanimité" in dec, [text]), cells

    def noted(self, kind: str, g: str) -> str:
        """The decision printed for an item not put to the vote."""
        rng = self.rng
        if kind in ("information", "delegation_decisions"):
            return rng.choice(
                ("Prend acte", "Le conseil prend acte", f"Le {self.council} prend acte", "Pris acte")
            )
        if kind == "debate":
            return rng.choice(("Le conseil prend acte de la tenue du débat", "Débat tenu – prend acte"))
        return rng.choice(
            (
                cap(agree("retir", g)) + " de l'ordre du jour",
                cap(agree("ajourn", g)),
                "Point retiré",
                cap(agree("report", g)) + " à une séance ultérieure",
            )
        )


# --------------------------------------------------------------------------- items
def _theme_of(title: str) -> str:
    low = title.casefold()
    for words, theme in _THEME_WORDS:
        if any(w in low for w in words):
            return theme
    return "Administration générale"


def _communal(title: str) -> bool:
    """A subject only a commune decides (its school, church, cemetery, mayor, halls …)."""
    words = ("école", "cantine", "cimetière", "église", "mairie", "salle", "bibliothèque", "place du marché",
             "lotissement", "taxes locales", "communauté de communes", "comptable public", "scolaire",
             "de la commune", "communale", "municipa")  # fmt: skip
    return any(w in title for w in words)


def _beneficiary(rng: random.Random, name: str) -> str:
    """The words that name *name* after "de 1 500 €": "au Comité des fêtes", "à l'association ACCA"."""
    intro = BENEFICIARIES.get(name, "à l'association")
    if rng.random() < 0.3 and not name.startswith("Association"):
        intro = "à l'association"
    return f"{intro}{'' if intro.endswith(chr(39)) else ' '}{name}"


def _grant_entry(rng: random.Random, st: Style, year: int, interco: bool) -> Entry:
    """A title that gives one or two grants, its amounts printed in the document's formats."""
    names = rng.sample(sorted(BENEFICIARIES), 2)
    amounts = [
        Decimal(rng.choice((150, 200, 300, 450, 500, 750, 800, 1000, 1200, 1500, 2000, 2500, 3500, 5000)))
        for _ in names
    ]
    if rng.random() < 0.2:
        amounts[0] += Decimal(rng.choice(("0.50", "25", "12.40")))
    money = [fmt_money(a, rng.choice(st.money)) for a in amounts]
    who = [_beneficiary(rng, n) for n in names]
    form = rng.randrange(6)
    if form == 2:
        names[0] = "CIAS" if interco else "CCAS"
        who[0] = f"au {names[0]}"
    elif form == 5:
        names[0] = "coopérative scolaire de l'école Jean Moulin"
        who[0] = f"à la {names[0]}"
    parts = {
        0: [("", "Attribution d'une subvention de "), ("g0", money[0]), ("", f" {who[0]}")],
        1: [("", "Subvention exceptionnelle de "), ("g0", money[0]), ("", f" {who[0]}")],
        2: [
            ("", "Versement d'une subvention de fonctionnement de "),
            ("g0", money[0]),
            ("", f" {who[0]} pour {year}"),
        ],
        3: [("", f"Subvention {who[0]} : "), ("g0", money[0])],
        4: [
            ("", f"Attribution de subventions {who[0]} ("),
            ("g0", money[0]),
            ("", f") et {who[1]} ("),
            ("g1", money[1]),
            ("", ")"),
        ],
        5: [("", "Subvention de "), ("g0", money[0]), ("", f" {who[0]} pour une classe de découverte")],
    }[form]
    nature: str | None = {1: "exceptionnelle", 2: "fonctionnement"}.get(form)
    grants = [(names[k], amounts[k], nature) for k in range(2 if form == 4 else 1)]
    return Entry("deliberation", parts, "Enfance, jeunesse et vie associative", grants=grants)


def _money_entry(rng: random.Random, st: Style, year: int, interco: bool) -> Entry:
    """A title with an amount that is no grant given: a request, a loan, a tariff, a cotisation."""

    def m(value: int | Decimal) -> str:
        return fmt_money(Decimal(value), rng.choice(st.money))

    fin, r = "Finances", rng.randint
    titles = [  # what a communauté de communes does not decide is left out for one
        (f"Demande de subvention au titre de la DETR {year + 1} pour la rénovation de l'école ({m(r(20, 180) * 1000)})", fin),
        (f"Demande de subvention auprès du Département pour l'aménagement du city-stade : {m(r(5, 40) * 1000)}", fin),
        (f"Réalisation d'un emprunt de {m(r(10, 80) * 10000)} auprès de la Caisse des dépôts", fin),
        (f"Garantie d'emprunt de {m(r(20, 90) * 10000)} à Habitat et Territoires", fin),
        (f"Tarif de location de la salle des fêtes : {m(rng.choice((120, 150, 180, 250)))} le week-end", fin),
        (f"Cotisation {year} au conseil d'architecture, d'urbanisme et de l'environnement ({m(rng.choice((150, 250, 350)))})", fin),
        (f"Admission en non-valeur de créances irrécouvrables pour {m(Decimal(r(10000, 300000)) / 100)}", fin),
        (f"Acquisition de la parcelle cadastrée AC {r(10, 400)} pour un montant de {m(r(2, 60) * 1000)}", "Urbanisme et foncier"),
    ]  # fmt: skip
    title, theme = rng.choice([(t, th) for t, th in titles if not (interco and _communal(t))])
    return Entry("deliberation", [("", title)], theme, note="the amount in the title is no grant given")


def _entries(rng: random.Random, st: Style, date: dt.date, interco: bool, prev: dt.date) -> list[Entry]:
    year = date.year
    total = rng.randint(5, 25)
    admin = "Administration générale"
    head: list[Entry] = []
    if rng.random() < 0.4:
        t = rng.choice(("Désignation du secrétaire de séance", "Désignation d'un secrétaire de séance"))
        head.append(Entry("secretary", [("", t)], admin))
    if rng.random() < 0.6:
        t = rng.choice((f"Approbation du procès-verbal de la séance du {fmt_date(prev)}",
                        "Approbation du procès-verbal de la séance précédente"))  # fmt: skip
        head.append(Entry("minutes_approval", [("", t)], admin))
    others: list[Entry] = []
    who = "le Président" if interco else "le Maire"
    if rng.random() < 0.5:
        t = rng.choice((f"Compte rendu des décisions prises par {who} par délégation",
                        f"Décisions prises par {who} en vertu de l'article L.2122-22 du CGCT"))  # fmt: skip
        others.append(Entry("delegation_decisions", [("", t)], admin))
    if rng.random() < 0.4:
        t = rng.choice((f"Rapport d'activité {year - 1} du syndicat des eaux", "Information sur la rentrée scolaire",
                        f"Rapport annuel {year - 1} sur le prix et la qualité du service public d'assainissement"))  # fmt: skip
        others.append(Entry("information", [("", t)], admin))
    if rng.random() < 0.3:
        t = f"Débat d'orientation budgétaire {year + 1 if date.month > 9 else year}"
        others.append(Entry("debate", [("", t)], "Finances"))
    n_delib = max(2, total - len(head) - len(others))
    withdrawn = 1 if rng.random() < 0.35 and n_delib > 3 else 0
    n_grant = min(n_delib // 3, rng.choice((0, 1, 1, 2, 3)))
    n_money = min((n_delib - n_grant) // 3, rng.choice((0, 1, 2)))
    pool = (
        [(t, _theme_of(t)) for t, _ in V.SUBJECTS]
        + list(SUBJECTS)
        + (list(INTERCO_SUBJECTS) if interco else [])
    )
    pool += [(t, "Enfance, jeunesse et vie associative") for t in V.GRANT_SUBJECTS]
    # one subject once (V.SUBJECTS and ours share a few titles); a communauté's are none of a commune's
    pool = [(t, th) for t, th in dict(pool).items() if not (interco and _communal(t))]
    plain = rng.sample(pool, n_delib - n_grant - n_money)
    delibs = [
        Entry(
            "deliberation",
            [("", t.format(year=year, next=year + 1, n=rng.randint(1, 4)))],
            theme,
            note=(
                "a grant decision whose amounts the list does not print"
                if "ubvention" in t and "DETR" not in t
                else None
            ),
        )
        for t, theme in plain
    ]
    delibs += [_grant_entry(rng, st, year, interco) for _ in range(n_grant)]
    delibs += [_money_entry(rng, st, year, interco) for _ in range(n_money)]
    rng.shuffle(delibs)
    for e in delibs[:withdrawn]:
        e.kind = "other"
        e.note = None
    middle = delibs
    for o in others:
        middle.insert(rng.randint(0, len(middle)), o)
    entries = head + middle
    if st.themes:
        order = {t: k for k, t in enumerate(THEMES)}
        entries.sort(key=lambda e: order[e.theme])  # stable: the procedural items stay first
    return entries


def _number(rng: random.Random, st: Style, date: dt.date, entries: list[Entry]) -> None:
    base = rng.randint(1, 140)
    seq = 0
    points = st.numbering in ("n_point", "plain")
    for e in entries:
        voted_procedure = e.kind in ("minutes_approval",) and rng.random() < 0.5
        if (
            not points
            and e.kind != "deliberation"
            and not voted_procedure
            and not (e.kind == "other" and rng.random() < 0.5)
        ):
            continue
        if points and e.kind == "secretary" and rng.random() < 0.5:
            continue
        seq += 1
        k = base + seq
        e.number = {
            "yearseq": f"{date.year}-{k:03d}",
            "del": f"DEL{date.year}-{k}",
            "d_underscore": f"D{date.year}_{k:03d}",
            "n_point": str(seq),
            "plain": str(seq),
            "slash": f"{date.year}/{k}",
            "ymd": f"{date.year}-{date.month:02d}-{seq:02d}",
            "none": None,
        }[st.numbering]


def _decide(rng: random.Random, st: Style, d: Decider, entries: list[Entry], people: list[str]) -> None:
    rejected = rng.random() < 0.35  # one proposal of the list rejected
    count_columns = st.columns[-4:-1] == ("Pour", "Contre", "Abst.")
    for e in entries:
        g = d.gender(e.title)
        if e.kind in ("information", "delegation_decisions", "debate", "other"):
            e.decision = d.noted(e.kind, g)
            e.cells = ("", "", "") if count_columns else None
            continue
        if e.kind == "secretary" and rng.random() < 0.6:
            e.decision = rng.choice(
                (
                    people[0],
                    f"{people[0]} est désigné{'e' if people[0].startswith('Mme') else ''} secrétaire de séance",
                    f"Désignation de {people[0]}",
                )
            )
            e.cells = ("", "", "") if count_columns else None
            continue
        if count_columns:
            outcome = "unan" if rng.random() < 0.6 else "split"
            if rejected and e.kind == "deliberation" and not e.grants and rng.random() < 0.3:
                outcome, rejected = "reject", False
            e.decision, e.vote, e.cells = d.counted_columns(g, outcome)
            continue
        roll = rng.random()
        who = rng.choice(people[1:]) if e.grants and rng.random() < 0.35 else None
        if rejected and e.kind == "deliberation" and not e.grants and roll < 0.3:
            e.decision, e.vote = d.rejected(g)
            rejected = False
        elif st.split == 4 and roll < 0.15:
            e.decision, e.vote = d.majority_only(g)
        elif roll < 0.62 or e.kind != "deliberation":
            e.decision, e.vote = d.unanimous(g, who)
        else:
            e.decision, e.vote = d.split(g, who)
        if (
            e.vote
            and e.vote.for_ is not None
            and not re.search(r"adopt|approuv|unanim|rejet", e.decision, re.I)
        ):
            e.note = (e.note + "; " if e.note else "") + "outcome not printed: implied by the counts"


def _people(rng: random.Random, n: int) -> list[str]:
    out = []
    for last in rng.sample(V.SURNAMES, n):
        if rng.random() < 0.5:
            out.append(f"Mme {rng.choice(V.FIRST_NAMES_F)} {last.upper()}")
        else:
            out.append(f"M. {rng.choice(V.FIRST_NAMES_M)} {last.upper()}")
    return out


def generate(seed: int) -> Liste:
    rng = random.Random(f"liste-{seed}")
    interco = seed % 3 == 0  # a communauté de communes every third seed, a commune otherwise
    st = _style(rng, seed)
    start = dt.date(2022, 7, 1)
    date = start + dt.timedelta(days=rng.randint(0, (dt.date(2025, 11, 30) - start).days))
    if interco:
        coll = rng.choice(INTERCOS)
        slug = "cc-" + slugify(coll.removeprefix("Communauté de communes "))
        collectivity = coll.upper() if rng.random() < 0.3 else coll
        members = rng.randint(28, 62)
        place = "au siège"
    else:
        commune = V.COMMUNES[(seed * 7) % len(V.COMMUNES)]
        slug = slugify(commune)
        collectivity = rng.choice(
            ("Commune de {c}", "Ville de {c}", "COMMUNE DE {C}", "Mairie de {c}")
        ).format(c=commune, C=commune.upper())
        members = rng.choice((11, 15, 19, 23, 27, 29, 33))
        place = f"à {commune}"
    present = members - rng.randint(0, max(2, members // 5))
    proxies = rng.randint(0, min(4, members - present))
    people = _people(rng, 5)
    head = people[0]
    head_title = ("Présidente" if head.startswith("Mme") else "Président") if interco else "Maire"
    council = "conseil communautaire" if interco else "conseil municipal"
    instance_printed = st.title_line.endswith("instance") or st.date_line in (
        "instance_figures",
        "seance_instance",
    )
    entries = _entries(rng, st, date, interco, date - dt.timedelta(days=rng.randint(20, 70)))
    _number(rng, st, date, entries)
    _decide(rng, st, Decider(rng, st, present + proxies, council), entries, people[1:])
    for e in entries:
        _present(st, e)
        if st.upper_titles:  # the beneficiaries as printed, in capitals too
            e.parts = [(k, t.upper()) for k, t in e.parts]
            e.grants = [(b.upper(), a, n) for b, a, n in e.grants]
        if st.upper_decisions:
            e.decision = e.decision.upper()
            if e.vote:
                e.vote.lines = [x.upper() for x in e.vote.lines]
    liste = Liste(
        seed=seed,
        slug=slug,
        interco=interco,
        collectivity=collectivity,
        instance=("Conseil communautaire" if interco else "Conseil municipal") if instance_printed else None,
        date=date,
        style=st,
        members=members,
        present=present,
        proxies=proxies,
        head=head,
        head_title=head_title,
        place=place,
        secretary=people[1],
        entries=entries,
    )
    _apostrophes(liste)
    return liste


def _apostrophes(s: Liste) -> None:
    a = s.style.apostrophe
    s.collectivity = s.collectivity.replace("'", a)
    for e in s.entries:
        e.parts = [(k, t.replace("'", a)) for k, t in e.parts]
        e.decision = e.decision.replace("'", a)
        e.grants = [(b.replace("'", a), v, n) for b, v, n in e.grants]
        if e.vote:
            e.vote.lines = [x.replace("'", a) for x in e.vote.lines]


def _lower_first(text: str) -> str:
    """The decision after "Vote : " or " : ": "adoptée à l'unanimité" (names and counts kept)."""
    if text.startswith(("M. ", "Mme ", "Pour :", "Non ")) or text[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def _present(st: Style, e: Entry) -> None:
    """Word the decision as the layout prints it after the title, and the vote's text with it."""
    shown = e.decision
    if st.layout == "paragraph" and st.separator in (" : ", "paren"):
        shown = _lower_first(shown)
    elif st.layout in ("two_line", "stacked") and st.prefix.endswith(": "):
        shown = st.prefix + _lower_first(shown)
    e.decision = shown
    if e.vote and e.cells is None:
        e.vote.lines = [shown]


# --------------------------------------------------------------------------- HTML
def _council(s: Liste) -> str:
    return "conseil communautaire" if s.interco else "conseil municipal"


def _header(s: Liste, rng: random.Random, anchors: list[tuple[str, str]]) -> list[str]:
    st, d, council = s.style, s.date, _council(s)
    out: list[str] = []
    if st.department:
        out.append(_p(rng.choice(DEPARTMENTS).replace("'", st.apostrophe), "dept"))
    out.append(_p(s.collectivity, "coll"))
    anchors.append(("", s.collectivity))
    title = {
        "upper": "LISTE DES DÉLIBÉRATIONS",
        "examinees": "Liste des délibérations examinées",
        "upper_instance": f"LISTE DES DÉLIBÉRATIONS DU {council.upper()}",
        "examinees_instance": f"Liste des délibérations examinées par le {council}",
    }[st.title_line]
    if st.cgct == "inline":
        title += " (article L.2121-25 du CGCT)"
    out.append(_p(title, "title"))
    if st.cgct == "line":
        out.append(_p("Article L.2121-25 du Code général des collectivités territoriales", "sub"))
    day = fmt_day(d, rng.choice(("long", "weekday", "figures")))
    hour = rng.choice(("19h00", "20h30", "18 h 30", "20 heures"))
    line = {
        "seance": f"Séance du {day}",
        "instance_figures": f"{cap(council)} du {fmt_day(d, 'weekday_figures')}",
        "reunion": f"Réunion du {fmt_day(d, rng.choice(('long', 'weekday')))} à {hour}",
        "seance_instance": f"Séance du {council} du {fmt_day(d, 'weekday')}",
    }[st.date_line]
    out.append(_p(line, "date"))
    out += _attendance(s, rng)
    if st.officers:
        pres = rng.choice(
            (
                f"Président de séance : {s.head}, {s.head_title}",
                f"Sous la présidence de {s.head}, {s.head_title}",
            )
        )
        out.append(_p(pres, "off"))
        out.append(_p(f"Secrétaire de séance : {s.secretary}", "off"))
    if st.preamble:
        text = (
            "Conformément à l'article L.2121-25 du code général des collectivités territoriales, la liste des "
            f"délibérations examinées par le {council} lors de sa séance du {fmt_date(d)} est publiée ci-dessous."
        )
        out.append(_p(text.replace("'", st.apostrophe), "pre"))
    return out


def _attendance(s: Liste, rng: random.Random) -> list[str]:
    kind = s.style.attendance
    who = "Délégués" if s.interco and rng.random() < 0.5 else "Membres"
    m, p, r, a, v = s.members, s.present, s.proxies, s.absent, s.voters
    if kind == "votants":
        return [_p(f"{who} en exercice : {m} – Présents : {p} – Votants : {v}", "att")]
    if kind == "full":
        return [
            _p(f"En exercice : {m} / Présents : {p} / Pouvoirs : {r} / Absents : {a} / Votants : {v}", "att")
        ]
    if kind == "represented":
        return [
            _p(f"Nombre de conseillers : en exercice {m}, présents {p}, représentés {r}, votants {v}", "att")
        ]
    if kind == "lines":
        return [
            _p(f"Nombre de {who.lower()} en exercice : {m}", "att"),
            _p(f"Nombre de {who.lower()} présents : {p}", "att"),
            _p(f"Nombre de votants : {v}", "att"),
        ]
    return []


def _footer(s: Liste, rng: random.Random) -> list[str]:
    st, out = s.style, []
    posted = s.date + dt.timedelta(days=rng.randint(1, 7))
    on = fmt_day(posted, rng.choice(("long", "figures")))
    where = "de la communauté de communes" if s.interco else "de la commune"
    for kind in st.footer:
        if kind == "affichee":
            out.append(_p(f"Affichée le {on}", "foot"))
        elif kind == "publiee":
            out.append(_p(f"Publiée sur le site internet {where} le {on}", "foot"))
        elif kind == "en_ligne":
            out.append(_p(f"Mise en ligne le {on}", "foot"))
        else:
            if kind == "fait_sign":
                out.append(_p(f"Fait {s.place}, le {fmt_date(posted)}", "sign"))
            name = s.head.split(" ", 1)[1]
            article = "La" if s.head_title == "Présidente" else "Le"
            out.append(f'<p class="sign">{article} {s.head_title},<br>{html.escape(name)}</p>')
    return out


def _theme_heading(st: Style, theme: str, k: int) -> str:
    roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
    return {"upper": theme.upper(), "roman": f"{roman[k]}. {theme.upper()}", "plain": theme}[st.themes]


def _title_html(e: Entry, bold: bool) -> str:
    inner = "".join(html.escape(t) for _, t in e.parts)
    return f"<b>{inner}</b>" if bold else inner


def _item_anchors(k: int, e: Entry, lead: str, anchors: list[tuple[str, str]], row: bool = False) -> None:
    """The item's printed number (*lead*) and title, in pieces: the page of the item, of each grant.

    In a table *row* only the number, the first words of the title and the grants' amounts: LibreOffice
    splits a row over a page break, and the rest of the title then follows the other cells' text."""
    for j, (key, text) in enumerate(e.parts):
        if j == 0:
            anchors.append((f"item{k}", lead + (" ".join(text.split()[:4]) if row else text)))
        elif key:
            anchors.append((f"grant{k}.{key[1:]}", text))
        elif not row:
            anchors.append(("", text))


def _table(s: Liste, anchors: list[tuple[str, str]]) -> list[str]:
    st = s.style
    cols = st.columns
    counts = "Pour" in cols
    numbered = st.numbering != "none"
    widths = {"num": 14, "obj": 56 if not counts else 50, "dec": 30 if not counts else 18, "c": 6}
    head = []
    for h in cols:
        w = (
            widths["c"] if h in ("Pour", "Contre", "Abst.")
            else widths["dec"] if h == cols[-1]
            else widths["num"] if numbered and h == cols[0]
            else widths["obj"] if numbered or h != cols[0] else widths["obj"] + widths["num"]
        )  # fmt: skip
        head.append(f'<th width="{w}%">{html.escape(h)}</th>')
    rows = [
        f'<table class="liste" width="100%" border="1" cellspacing="0" cellpadding="{int(st.cell_padding_pt)}">'
    ]
    head_row = "<tr>" + "".join(head) + "</tr>"
    rows.append(f"<thead>{head_row}</thead><tbody>" if st.repeat_header else f"<tbody>{head_row}")
    theme, n_theme = "", 0
    for k, e in enumerate(s.entries):
        if st.themes and e.theme != theme:
            theme = e.theme
            text = _theme_heading(st, theme, n_theme)
            n_theme += 1
            rows.append(f'<tr class="theme"><td colspan="{len(cols)}"><b>{html.escape(text)}</b></td></tr>')
            anchors.append(("", text))
        cells = []
        lead = e.number or ""
        if numbered:
            cells.append(f'<td class="num" nowrap>{html.escape(lead)}</td>')
        cells.append(f'<td class="obj">{_title_html(e, False)}</td>')
        _item_anchors(k, e, lead, anchors, row=True)
        if counts:
            c3 = e.cells or ("", "", "")
            cells += [f'<td class="c">{x}</td>' for x in c3]
        cells.append(f'<td class="dec">{html.escape(e.decision)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    rows.append("</tbody></table>")
    return ["".join(rows)]


def _flow(s: Liste, anchors: list[tuple[str, str]]) -> list[str]:
    st = s.style
    out: list[str] = []
    theme, n_theme = "", 0
    for k, e in enumerate(s.entries):
        if st.themes and e.theme != theme:
            theme = e.theme
            text = _theme_heading(st, theme, n_theme)
            n_theme += 1
            out.append(_p(text, "theme"))
            anchors.append(("", text))
        label = st.label.format(n=e.number) if e.number else ""
        if st.layout == "paragraph":
            lab = f"<b>{html.escape(label)}</b>" if label and st.title_bold else html.escape(label)
            dec = html.escape(e.decision)
            after = {" : ": f" : {dec}", " – ": f" – {dec}", ". ": f". {dec}", "paren": f" ({dec})"}[
                st.separator
            ]
            out.append(f'<p class="it">{lab}{_title_html(e, False)}{after}</p>')
            _item_anchors(k, e, label, anchors)
            anchors.append((f"dec{k}", e.decision))
            continue
        arrow = "→ " if st.prefix == "→ " else ""
        if st.layout == "stacked":
            # the number on a line of its own, in the title's paragraph (kept together over a page break)
            number = html.escape(label) if st.title_bold else f"<b>{html.escape(label)}</b>"
            number = f"{number}<br>" if label else ""
            out.append(f'<p class="t">{number}{_title_html(e, st.title_bold)}</p>')
        else:
            out.append(f'<p class="t">{html.escape(label)}{_title_html(e, False)}</p>' if not st.title_bold
                       else f'<p class="t"><b>{html.escape(label)}</b>{_title_html(e, True)}</p>')  # fmt: skip
        _item_anchors(k, e, label, anchors)
        out.append(_p(arrow + e.decision, "d"))
        anchors.append((f"dec{k}", arrow + e.decision))
    return out


def render_html(s: Liste) -> tuple[str, list[tuple[str, str]]]:
    """The HTML page and its anchors in printed order: (key, printed text), key "" for skipped ones."""
    st = s.style
    rng = random.Random(f"liste-render-{s.seed}")
    anchors: list[tuple[str, str]] = []
    body = _header(s, rng, anchors)
    body += _table(s, anchors) if st.layout == "table" else _flow(s, anchors)
    body += _footer(s, rng)
    gap = round(st.size_pt * rng.choice((0.3, 0.6, 1.0)), 1)
    fill = "background: #d9d9d9;" if st.header_fill else ""
    css = base_css(st) + (
        "p.dept, p.sub { text-align: center; font-size: 90%; } p.date { text-align: center; font-weight: bold; }\n"
        "p.att, p.off { margin: 0; } p.pre { margin-top: 8pt; font-style: italic; }\n"
        f"p.theme {{ font-weight: bold; margin-top: {st.size_pt}pt; text-decoration: underline; }}\n"
        f"p.it {{ margin: 0 0 {gap}pt 0; }} p.t {{ margin: {gap}pt 0 0 0; }}\n"
        f"p.d {{ margin: 0 0 {gap}pt {rng.choice((0.0, 0.6, 1.0))}cm; }}\n"
        "p.foot { margin-top: 14pt; } p.sign { margin-left: 55%; margin-top: 14pt; }\n"
        "table.liste { width: 100%; border-collapse: collapse; margin-top: 8pt; }\n"
        f"table.liste th, table.liste td {{ border: 0.6pt solid #000; padding: {st.cell_padding_pt}pt; "
        "vertical-align: top; text-align: left; }\n"
        f"table.liste th {{ {fill} font-weight: bold; }} td.c {{ text-align: center; }} td.num {{ white-space: nowrap; }}\n"
        "table.liste tr { page-break-inside: avoid; break-inside: avoid; }\n"
        # a number or a title line stays with what follows it (the decision line)
        "p.t, p.theme { page-break-after: avoid; break-after: avoid; } p { orphans: 2; widows: 2; }\n"
    )
    return html_page(s.name, css, body), anchors


# --------------------------------------------------------------------------- pages
def printed_pages(s: Liste, pdf: Path) -> list[str]:
    """The pages' text, squashed, without the table header a page repeats at its top."""
    texts = [squash(t) for t in page_texts(pdf)]
    head = squash("".join(s.style.columns)) if s.style.layout == "table" and s.style.repeat_header else ""
    return [t[len(head) :] if k and head and t.startswith(head) else t for k, t in enumerate(texts)]


def locate(s: Liste, pdf: Path, anchors: list[tuple[str, str]]) -> dict[str, int]:
    """Page (1-based) of each anchor, searched in printed order (as :func:`minutes_gen.locate` does, on
    pages without their repeated table header: LibreOffice splits a row over a page break, and the
    header printed again on the next page cuts the row's text in two); a missing anchor is an error."""
    return anchor_pages(printed_pages(s, pdf), anchors, pdf.name)


# --------------------------------------------------------------------------- ground truth
def gold(s: Liste, pdf_name: str, pages: dict[str, int]) -> dict[str, Any]:
    st = s.style
    delibs: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    for k, e in enumerate(s.entries):
        page = pages[f"item{k}"]
        vote = e.vote.gold() if e.vote else None
        if e.kind != "deliberation":
            others.append({"kind": e.kind, "number": e.number, "title": e.title, "page": page, "vote": vote})
            continue
        delibs.append(
            {
                "number": e.number,
                "title": e.title,
                "rapporteur": None,
                "page": page,
                "vote": vote,
                "ballot": None,
                "grants": [
                    {
                        "beneficiary": b,
                        "amount": f"{a:.2f}",
                        "page": pages[f"grant{k}.{j}"],
                        "nature": nature,
                        "in_kind": False,
                        "requested": None,
                        "theme": None,
                        "operation": None,
                        "vote": None,
                    }
                    for j, (b, a, nature) in enumerate(e.grants)
                ],
                "grant_totals": [],
                "imputations": [],
                "note": e.note,
            }
        )
    att = st.attendance
    return {
        "pdf": pdf_name,
        "written_by": f"delib.corpus.liste_gen seed {s.seed}, from the list's data (pages located in the PDF)",
        "collectivity": s.collectivity,
        "instance": s.instance,
        "session_date": s.date.isoformat(),
        "attendance": {
            "members_in_office": s.members if att else None,
            "present": s.present if att else None,
            "proxies": s.proxies if att in ("full", "represented") else None,
            "absent": s.absent if att == "full" else None,
        },
        "voters": s.voters if att else None,
        "style": {
            "layout": st.layout,
            "numbering": st.numbering,
            "label": st.label if st.layout != "table" else None,
            "separator": st.separator if st.layout == "paragraph" else None,
            "prefix": st.prefix if st.layout in ("two_line", "stacked") else None,
            "columns": list(st.columns) if st.layout == "table" else None,
            "repeat_header": st.repeat_header if st.layout == "table" else None,
            "family": st.family,
            "agreement": st.agreement,
            "themes": st.themes or None,
            "attendance": att or None,
            "font": st.font,
            "size_pt": st.size_pt,
            "margin_cm": st.margin_cm,
            "line_height": st.line_height,
        },
        "deliberations": delibs,
        "other_items": others,
    }


def build(seed: int, out_dir: Path, work: Path) -> list[Path]:
    s = generate(seed)
    doc, anchors = render_html(s)
    return print_engines(
        s.name,
        doc,
        out_dir,
        work,
        ".gold.json",
        lambda _engine, pdf: gold(s, pdf.name, locate(s, pdf, anchors)),
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seeds", type=int, nargs="*", default=list(SEEDS))
    args = ap.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="liste-") as tmp:
        for seed in args.seeds:
            for path in build(seed, args.out_dir, Path(tmp)):
                sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
