"""Session minutes (comptes rendus de conseil municipal) generated from data, printed by two engines.

Issue 11, item 8 ("fixtures beyond one renderer"): the same session data is written to HTML with
wordings varied per document (numbering ``1.`` ``1-`` ``1/`` ``1)`` ``DEL2024-17`` ``2024/183`` or
none; vote blocks, ``Vote : 14 pour / 0 contre / 0 abstention adopté``, ``15 pour.``, unanimity
sentences, nominative votes; procedural items; an association list with its total; imputation
sentences), then printed to PDF by LibreOffice headless (``.lo.pdf``) and by Chromium headless
(``.chr.pdf``).  Each PDF gets its ``.gold.json`` in the format of ``tests/real/README.md``,
written from the data; only the page numbers come from the PDF (where each printed anchor lies).

    .venv/bin/python -m delib.corpus.minutes_gen corpus/samples_minutes
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from delib.corpus import minutes_vocab as V
from delib.corpus.office import convert

SEEDS = (11, 23, 37, 41, 58, 64, 70)
ENGINES = ("lo", "chr")

NUMBERINGS = ("dot", "dash", "slash", "paren", "del", "yearseq", "none")
VOTE_STYLES = ("block", "block_sparse", "slash", "short", "sentence", "pour_unan", "nominative", "majority")


# --------------------------------------------------------------------------- data
@dataclass
class Vote:
    for_: int | None
    against: int | None
    abstention: int | None
    not_voting: int | None
    adopted: bool | None
    unanimous: bool
    lines: list[str]  # as printed, one paragraph each
    names: dict[str, list[str]] | None = None

    def gold(self) -> dict[str, Any]:
        return {
            "for": self.for_,
            "against": self.against,
            "abstention": self.abstention,
            "not_voting": self.not_voting,
            "adopted": self.adopted,
            "unanimous": self.unanimous,
            "names": self.names,
            "text": " / ".join(self.lines)[:160],
        }


@dataclass
class Item:
    kind: str  # "deliberation" or an other-item kind (secretary, minutes_approval, ...)
    title: str
    number: str | None = None
    label: str = ""  # the printed number with its punctuation ("1.", "DEL2024-17 –")
    rapporteur: str | None = None
    body: list[str] = field(default_factory=list)
    table: list[tuple[str, str]] = field(default_factory=list)  # grant lines as printed
    after: list[str] = field(default_factory=list)  # paragraphs after the table (total, imputation)
    vote: Vote | None = None
    grants: list[tuple[str, Decimal]] = field(default_factory=list)
    total: tuple[str, Decimal] | None = None
    imputations: list[dict[str, Any]] = field(default_factory=list)
    note: str | None = None


@dataclass
class Style:
    font: str
    size_pt: float
    margin_cm: float
    line_height: float
    numbering: str
    votes: tuple[str, ...]
    amount: str
    grant_layout: str
    names: str
    header: str
    date_line: str
    counts_printed: bool
    agenda: bool
    rapporteurs: bool
    heading_upper: bool
    apostrophe: str
    layout: str = "flow"  # "flow", or "columns": rapporteur | number | object and vote (Montpellier 2011)


@dataclass
class Session:
    seed: int
    commune: str
    collectivity: str
    instance: str
    date: dt.date
    style: Style
    members: list[tuple[str, str, str]]  # (civility, first, last)
    present: list[int]
    proxies: list[tuple[int, int]]  # (giver, holder)
    absent: list[int]
    secretary: int
    items: list[Item]
    prev_date: dt.date

    @property
    def voters(self) -> int:
        return len(self.present) + len(self.proxies)

    @property
    def name(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", _ascii(self.commune).lower()).strip("-")
        return f"{slug}_cm_{self.date.isoformat()}_minutes-{self.seed}"


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


# --------------------------------------------------------------------------- formatting
def fmt_amount(value: Decimal, style: str) -> str:
    units, cents = f"{value:.2f}".split(".")
    groups = re.sub(r"(?<=\d)(?=(\d{3})+$)", " ", units)
    if style == "space":
        return f"{groups} €" if cents == "00" else f"{groups},{cents} €"
    if style == "space_cents":
        return f"{groups},{cents} €"
    if style == "dot_thousands":
        return groups.replace(" ", ".") + (f",{cents}" if cents != "00" else "") + " €"
    return f"{units},{cents}€"  # "plain": 1200,00€


def fmt_date(day: dt.date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {V.MONTHS[day.month - 1]} {day.year}"


def person(s: Session, i: int, style: str | None = None) -> str:
    civ, first, last = s.members[i]
    style = style or s.style.names
    if style == "long":
        return f"{'Madame' if civ == 'Mme' else 'Monsieur'} {first} {last.upper()}"
    if style == "first":
        return first
    return f"{civ} {first} {last.upper()}"


# --------------------------------------------------------------------------- generation
FONTS = ("Liberation Serif", "Liberation Sans", "DejaVu Sans", "DejaVu Serif", "Liberation Sans Narrow")
AMOUNTS = ("space", "space_cents", "dot_thousands", "plain")
GRANT_LAYOUTS = ("colon", "table", "dash", "dots")
DATE_LINES = ("seance", "cm_du", "lan", "cr_reunion")


def _style(rng: random.Random, k: int) -> Style:
    """Document *k* of the series: the wordings rotate so that a few documents cover them all."""
    votes = tuple(VOTE_STYLES[(3 * k + j) % len(VOTE_STYLES)] for j in range(3))
    return Style(
        font=FONTS[k % len(FONTS)],
        size_pt=rng.choice((9.5, 10.0, 10.5, 11.0, 12.0)),
        margin_cm=rng.choice((1.5, 2.0, 2.5)),
        line_height=rng.choice((1.0, 1.15, 1.3, 1.5)),
        numbering=NUMBERINGS[k % len(NUMBERINGS)],
        votes=votes,
        amount=AMOUNTS[k % len(AMOUNTS)],
        grant_layout=GRANT_LAYOUTS[(k + 1) % len(GRANT_LAYOUTS)],
        names=("short", "long", "first")[k % 3],
        header=("Commune de {c}", "MAIRIE DE {C}", "Ville de {c}")[k % 3],
        date_line=DATE_LINES[k % len(DATE_LINES)],
        counts_printed=rng.random() < 0.6,
        agenda=rng.random() < 0.6,
        rapporteurs=k % 7 == 1 or rng.random() < 0.5,
        heading_upper=rng.random() < 0.5,
        apostrophe=rng.choice(("'", "’")),
        layout="columns" if k % 7 == 1 else "flow",
    )


def generate(seed: int, k: int = 0) -> Session:
    rng = random.Random(seed)
    style = _style(rng, k)
    year = rng.choice((2019, 2021, 2022, 2023, 2024))
    date = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    n_members = rng.choice((11, 15, 19, 23, 27))
    members: list[tuple[str, str, str]] = []
    surnames = rng.sample(V.SURNAMES, n_members)
    for last in surnames:
        if rng.random() < 0.5:
            members.append(("Mme", rng.choice(V.FIRST_NAMES_F), last))
        else:
            members.append(("M.", rng.choice(V.FIRST_NAMES_M), last))
    order = list(range(n_members))
    rng.shuffle(order)
    n_proxy, n_abs = rng.randint(0, 3), rng.randint(0, 2)
    givers, absent, present = (
        order[:n_proxy],
        order[n_proxy : n_proxy + n_abs],
        sorted(order[n_proxy + n_abs :]),
    )
    proxies = [(g, rng.choice(present)) for g in givers]
    commune = V.COMMUNES[(seed + k) % len(V.COMMUNES)]
    header = style.header.format(c=commune, C=commune.upper())
    s = Session(
        seed=seed,
        commune=commune,
        collectivity=header,
        instance="Conseil municipal",
        date=date,
        style=style,
        members=members,
        present=present,
        proxies=proxies,
        absent=absent,
        secretary=rng.choice(present),
        items=[],
        prev_date=date - dt.timedelta(days=rng.randint(20, 60)),
    )
    s.items = _items(s, rng)
    _number(s, rng)
    return s


def _ap(s: Session, text: str) -> str:
    return text.replace("'", s.style.apostrophe)


def _items(s: Session, rng: random.Random) -> list[Item]:
    year = s.date.year
    n_delib = rng.randint(5, 14)
    subjects = rng.sample(V.SUBJECTS, n_delib)
    delibs = [_deliberation(s, rng, t.format(year=year), kind) for t, kind in subjects]
    grants = _grants_item(s, rng, rng.choice(V.GRANT_SUBJECTS).format(year=year))
    delibs.insert(rng.randint(0, len(delibs)), grants)
    if rng.random() < 0.5:  # one rejected proposal, printed with its counts
        victim = rng.choice([d for d in delibs if d is not grants])
        victim.vote = _vote(s, rng, "rejected")
    head: list[Item] = []
    if rng.random() < 0.7:
        sec = person(s, s.secretary)
        head.append(
            Item(
                "secretary",
                "Désignation du secrétaire de séance",
                body=[f"{sec} est désigné(e) secrétaire de séance."],
            )
        )
    if rng.random() < 0.8:
        t = _ap(s, f"Approbation du compte rendu de la séance du {fmt_date(s.prev_date)}")
        it = Item("minutes_approval", t)
        if rng.random() < 0.5:
            it.vote = _vote(s, rng, rng.choice(("pour_unan", "block_sparse")))
        else:
            it.body = ["Le compte rendu est approuvé sans observation."]
        head.append(it)
    middle: list[Item] = []
    if rng.random() < 0.7:
        middle.append(
            Item(
                "information",
                _ap(
                    s,
                    rng.choice(
                        ("Rapport d'activité du syndicat des eaux", "Information sur la rentrée scolaire")
                    ),
                ),
                body=[
                    f"{rng.choice(V.SPEAKERS)} présente le rapport ; {rng.randint(3, 40)} dossiers ont été traités en {year - 1}.",
                    _ap(s, "Le conseil municipal prend acte de cette communication."),
                ],
            )
        )
    if rng.random() < 0.5:
        middle.append(
            Item(
                "delegation_decisions",
                _ap(s, "Compte rendu des décisions prises par le Maire par délégation"),
                body=[
                    f"Décision n° {year}-{rng.randint(1, 9):02d} : signature d'un devis d'entretien des espaces verts.",
                    f"Décision n° {year}-{rng.randint(10, 19):02d} : renonciation au droit de préemption urbain.",
                    "Le conseil municipal prend acte de ces décisions.",
                ],
            )
        )
    for m in middle:
        delibs.insert(rng.randint(1, len(delibs)), m)
    tail = [
        Item(
            "questions_diverses",
            "Questions diverses",
            body=[
                f"Le repas des aînés aura lieu le {rng.randint(2, 20)} décembre ; {rng.randint(40, 90)} personnes sont inscrites.",
                "Plusieurs habitants signalent la vitesse excessive rue de la Gare.",
                f"La séance est levée à {rng.randint(20, 22)} h {rng.choice(('00', '15', '30', '45'))}.",
            ],
        )
    ]
    return [_apply_ap(s, it) for it in [*head, *delibs, *tail]]


def _apply_ap(s: Session, it: Item) -> Item:
    it.title = _ap(s, it.title)
    it.body = [_ap(s, b) for b in it.body]
    it.after = [_ap(s, b) for b in it.after]
    if it.vote:
        it.vote.lines = [_ap(s, x) for x in it.vote.lines]
    for imp in it.imputations:
        imp["text"] = _ap(s, imp["text"])
    return it


def _deliberation(s: Session, rng: random.Random, title: str, kind: str) -> Item:
    who = rng.choice(V.SPEAKERS)
    it = Item("deliberation", title)
    if s.style.rapporteurs:
        it.rapporteur = person(s, rng.choice(s.present))
    it.body.append(rng.choice(V.EXPOSES).format(who=who, prev=fmt_date(s.prev_date)))
    if kind == "works":
        chapter, nature, what = rng.choice(V.WORKS_IMPUTATIONS)
        ttc = Decimal(rng.randint(15, 900) * 100 + rng.choice((0, 0, 50))).quantize(Decimal("0.01"))
        ht = (ttc / Decimal("1.2")).quantize(Decimal("0.01"))
        amt = fmt_amount(ttc, s.style.amount)
        it.body.append(f"Le coût de l'opération est estimé à {fmt_amount(ht, s.style.amount)} HT.")
        text = rng.choice(
            (
                f"La dépense, d'un montant de {amt} TTC, sera imputée au chapitre {chapter}, article {nature} du budget principal.",
                f"Les crédits nécessaires ({amt}) sont inscrits au chapitre {chapter}, compte {nature} ({what}).",
                f"Imputation budgétaire : chapitre {chapter}, article {nature} – {amt}.",
            )
        )
        it.after.append(text)
        it.imputations.append(
            {
                "budget": "principal",
                "section": "investissement" if chapter in ("21", "23") else "fonctionnement",
                "chapter": chapter,
                "nature": nature,
                "fonction": None,
                "credit_line": None,
                "operation": None,
                "amount": f"{ttc:.2f}",
                "text": text,
            }
        )
    elif kind == "taxes":
        it.body.append(
            f"Il est proposé de maintenir les taux : foncier bâti {rng.randint(15, 40)},{rng.randint(10, 99)} %, "
            f"foncier non bâti {rng.randint(40, 90)},{rng.randint(10, 99)} %."
        )
    elif kind == "budget":
        f, i = rng.randint(300, 2000) * 1000 + rng.randint(0, 999), rng.randint(100, 900) * 1000
        it.body.append(
            f"Le budget s'équilibre en dépenses et en recettes à {fmt_amount(Decimal(f), s.style.amount)} en "
            f"fonctionnement et à {fmt_amount(Decimal(i), s.style.amount)} en investissement."
        )
    else:
        cited = dt.date(s.date.year - 1, rng.randint(1, 12), rng.randint(1, 28))
        it.body.append(f"Vu la délibération n° {cited.year}-{rng.randint(10, 60)} du {fmt_date(cited)} ;")
    obj = rng.choice(("cette proposition", "le projet présenté", "la proposition de Monsieur le Maire"))
    it.vote = _vote(s, rng, rng.choice(s.style.votes), obj=obj)
    return it


def _grants_item(s: Session, rng: random.Random, title: str) -> Item:
    it = Item("deliberation", title)
    if s.style.rapporteurs:
        it.rapporteur = person(s, rng.choice(s.present))
    it.body.append(
        "Après examen des demandes par la commission vie associative, il est proposé d'attribuer :"
    )
    names = rng.sample(V.ASSOCIATIONS, rng.randint(4, 9))
    total = Decimal(0)
    for n in names:
        amount = Decimal(
            rng.choice((60, 100, 150, 200, 250, 300, 400, 500, 600, 800, 1000, 1200, 1500, 2500, 3200))
        )
        amount += Decimal(rng.choice((0, 0, 0, 50)))
        total += amount
        it.grants.append((n, amount))
        it.table.append((n, fmt_amount(amount, s.style.amount)))
    label = rng.choice(("Total", "TOTAL", "Soit un total de", "Montant total"))
    it.total = (label, total)
    wording = rng.choice(
        (
            "Les crédits sont inscrits au budget primitif {y}, chapitre 65, article 6574.",
            "La dépense, soit {t}, sera imputée au chapitre 65, article 6574 du budget {y}.",
        )
    )
    text = wording.format(y=s.date.year, t=fmt_amount(total, s.style.amount))
    it.after.append(text)
    it.imputations.append(
        {
            "budget": "principal",
            "section": "fonctionnement",
            "chapter": "65",
            "nature": "6574",
            "fonction": None,
            "credit_line": None,
            "operation": None,
            # the list's total, printed in the sentence or just above it (as the real golds record it)
            "amount": f"{total:.2f}",
            "text": text,
        }
    )
    it.vote = _vote(s, rng, rng.choice(s.style.votes), obj="l'attribution de ces subventions")
    return it


def _split(rng: random.Random, voters: int, against_max: int = 4) -> tuple[int, int, int]:
    against = rng.choice((0, 0, 1, 2, against_max))
    abst = rng.choice((0, 0, 1, 3))
    return voters - against - abst, against, abst


def _vote(s: Session, rng: random.Random, style: str, obj: str = "la proposition") -> Vote:
    n = s.voters
    if style in ("sentence", "pour_unan"):
        line = (
            f"Le conseil municipal, à l'unanimité, approuve {obj}."
            if style == "sentence"
            else rng.choice(("Vote : Pour à l'unanimité", "Vote : pour à l'unanimité"))
        )
        return Vote(None, None, None, None, True, True, [line])
    if style == "rejected":
        f = rng.randint(1, n // 3)
        a = n - f - 1
        return Vote(
            f,
            a,
            1,
            None,
            False,
            False,
            [f"Pour : {f}", f"Contre : {a}", "Abstention : 1", "La proposition est rejetée."],
        )
    if style == "short":
        return Vote(n, None, None, None, True, False, [f"{n} pour."])
    if style == "majority" and rng.random() < 0.4:
        return Vote(None, None, None, None, True, False, ["Adopté à la majorité"])
    f, a, ab = _split(rng, n)
    unan = a == 0 and ab == 0
    if style == "block":
        nv = 0
        lines = [f"Pour : {f}", f"Contre : {a if a else ''}".rstrip()]
        grp = f" ({rng.choice(V.GROUPS)})" if ab else ""
        lines.append(f"Abstention : {ab if ab else ''}{grp}".rstrip())
        if rng.random() < 0.3 and f > 2:
            nv = 1
            f -= 1
            lines[0] = f"Pour : {f}"
            lines.append(f"Ne prend pas part au vote : 1 ({person(s, s.present[0])})")
        outcome = "Adopté à l'unanimité" if unan and not nv else "Adopté à la majorité"
        return Vote(f, a, ab, nv or None, True, unan and not nv, [*lines, outcome])
    if style == "block_sparse":
        lines = [f"Pour : {f}"] + ([f"Contre : {a}"] if a else []) + ([f"Abstention : {ab}"] if ab else [])
        outcome = "Adopté à l'unanimité" if unan else "Adopté à la majorité"
        return Vote(f, a if a else None, ab if ab else None, None, True, unan, [*lines, outcome])
    if style == "slash":
        return Vote(
            f,
            a,
            ab,
            None,
            True,
            False,
            [f"Vote : {f} pour / {a} contre / {ab} abstention{'s' if ab > 1 else ''} adopté"],
        )
    if style == "nominative":
        if a == 0 and ab == 0:
            a = 2
            f -= 2
        pool = [i for i in s.present if i != s.secretary]
        picked = rng.sample(pool, a + ab)
        against = [person(s, i, "short") for i in picked[:a]]
        abst = [person(s, i, "short") for i in picked[a:]]
        text = (
            f"Adopté par {f} voix pour, {a} voix contre ({', '.join(against)})"
            if a
            else f"Adopté par {f} voix pour"
        )
        if ab:
            text += f" et {ab} abstention{'s' if ab > 1 else ''} ({', '.join(abst)})"
        return Vote(
            f,
            a,
            ab if ab else None,  # not printed when nobody abstained
            None,
            True,
            False,
            [text + "."],
            names={"for": [], "against": against, "abstention": abst},
        )
    # majority with counts
    word = "à l'unanimité" if unan else "à la majorité"
    line = f"Adopté {word} ({f} voix pour, {a} contre, {ab} abstention{'s' if ab > 1 else ''})"
    return Vote(f, a, ab, None, True, unan, [line])


def _number(s: Session, rng: random.Random) -> None:
    style = s.style.numbering
    procedural_numbered = style in ("dot", "dash", "slash", "paren") and rng.random() < 0.5
    seq = 0
    base = rng.randint(10, 150)
    for it in s.items:
        if it.kind != "deliberation" and not procedural_numbered:
            continue
        seq += 1
        if style in ("dot", "dash", "slash", "paren"):
            punct = {"dot": ".", "dash": "-", "slash": "/", "paren": ")"}[style]
            it.number, it.label = str(seq), f"{seq}{punct}"
        elif style == "del":
            it.number = f"DEL{s.date.year}-{base + seq}"
            it.label = rng.choice((f"Délibération n° {it.number} :", f"{it.number} –"))
        elif style == "yearseq":
            it.number = f"{s.date.year}/{base + seq}"
            it.label = f"N° {it.number} –"
    if style == "none" and s.style.heading_upper:
        for it in s.items:
            it.title = it.title.upper()


# --------------------------------------------------------------------------- HTML
def _p(text: str, cls: str = "") -> str:
    return f"<p{f' class={cls!r}' if cls else ''}>{html.escape(text)}</p>"


def _attendance(s: Session) -> list[str]:
    out: list[str] = []
    st = s.style
    present = ", ".join(person(s, i) for i in s.present)
    out.append(_p(f"Présents : {present}."))
    if s.proxies:
        word = "Pouvoirs :" if st.names != "first" else "Procurations :"
        out.append(_p(word))
        out += [_p(f"- {person(s, g)} à {person(s, h)}", "ind") for g, h in s.proxies]
    if s.absent:
        out.append(_p("Absent(s) excusé(s) : " + ", ".join(person(s, i) for i in s.absent)))
    if st.counts_printed:
        n = len(s.members)
        out.append(
            _p(
                f"Membres en exercice : {n} – Présents : {len(s.present)} – Pouvoirs : {len(s.proxies)} – "
                f"Absents : {len(s.absent)} – Votants : {s.voters}"
            )
        )
    out.append(_p(f"Secrétaire de séance : {person(s, s.secretary)}"))
    return out


def _date_lines(s: Session) -> list[str]:
    d, kind = s.date, s.style.date_line
    conv = fmt_date(d - dt.timedelta(days=6))
    if kind == "seance":
        return [_p(f"Séance du {fmt_date(d)}", "title")]
    if kind == "cm_du":
        return [_p(f"Conseil municipal du {fmt_date(d)}", "title")]
    if kind == "cr_reunion":
        return [_p(f"Compte rendu de la réunion du Conseil Municipal du {fmt_date(d)}", "title")]
    words = f"L'an {V.year_in_words(d.year)}, le {V.day_in_words(d.day)} {V.MONTHS[d.month - 1]} à 19 heures"
    return [
        _p("Compte rendu du conseil municipal", "title"),
        _p(
            _ap(
                s,
                f"{words}, le conseil municipal de {s.commune}, dûment convoqué le {conv}, s'est réuni en "
                f"séance publique à la mairie, sous la présidence de {person(s, s.present[0])}, maire.",
            )
        ),
    ]


def render_html(s: Session) -> tuple[str, list[tuple[str, str]]]:
    """The HTML page and its anchors in printed order: (key, printed text), key "" for skipped ones."""
    st = s.style
    anchors: list[tuple[str, str]] = []
    body: list[str] = [_p(s.collectivity, "coll")]
    body += _date_lines(s)
    body += _attendance(s)
    if st.agenda:
        body.append(_p("Ordre du jour :", "h"))
        for it in s.items:
            line = f"{it.label} {it.title}".strip()
            body.append(_p(line, "ind"))
            anchors.append(("", line))
        body.append(_p("*  *  *", "sep"))
    for k, it in enumerate(s.items):
        if st.layout == "columns":
            body.append(_columns_item(s, it, k, anchors))
            continue
        head = f"{it.label} {it.title}".strip()
        body.append(_p(head, "h"))
        anchors.append((f"item{k}", head))
        if it.rapporteur:
            body.append(_p(f"Rapporteur : {it.rapporteur}"))
        body += [_p(b) for b in it.body]
        body += _grant_lines(s, it, k, anchors)
        for j, a in enumerate(it.after):
            body.append(_p(a))
            if j == len(it.after) - 1 and it.imputations:
                anchors.append((f"imp{k}", a))
        if it.vote:
            cls = "vote" if len(it.vote.lines) > 1 else ""
            for j, line in enumerate(it.vote.lines):
                body.append(_p(line, cls))
                if j == 0:
                    anchors.append((f"vote{k}", line))
    css = (
        f"@page {{ size: A4; margin: {st.margin_cm}cm; }}\n"
        f"body {{ font-family: '{st.font}'; font-size: {st.size_pt}pt; line-height: {st.line_height}; }}\n"
        f"p {{ margin: 0 0 {round(st.size_pt * 0.45, 1)}pt 0; }}\n"
        "p.coll { font-size: 130%; font-weight: bold; text-align: center; }\n"
        "p.title { font-size: 115%; font-weight: bold; text-align: center; }\n"
        f"p.h {{ font-weight: bold; margin-top: {st.size_pt}pt; }}\n"
        "p.ind { margin-left: 1.2cm; } p.sep { text-align: center; } p.vote { margin: 0 0 0 1cm; }\n"
        "p.total { font-weight: bold; } td { padding: 0 8pt; } td.amt { text-align: right; }\n"
        "table.cols { width: 100%; margin-top: 6pt; } td { vertical-align: top; }\n"
        "td.who { width: 18%; } td.num { width: 7%; } td.obj { width: 75%; }\n"
    )
    doc = (
        f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(s.name)}</title>'
        f"<style>{css}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
    return doc, anchors


def _columns_item(s: Session, it: Item, k: int, anchors: list[tuple[str, str]]) -> str:
    """One item as a row of three cells: who reports, the number, the object with its vote."""
    who = it.rapporteur or ("Mme le Maire" if s.members[s.present[0]][0] == "Mme" else "M. le Maire")
    anchors.append((f"item{k}", f"{it.label} {it.title}".strip()))
    inner = [f"<p><b>{html.escape(it.title)}</b></p>"]
    inner += _grant_lines(s, it, k, anchors)
    for j, a in enumerate(it.after):
        inner.append(_p(a))
        if j == len(it.after) - 1 and it.imputations:
            anchors.append((f"imp{k}", a))
    for j, line in enumerate(it.vote.lines if it.vote else []):
        inner.append(_p(line))
        if j == 0:
            anchors.append((f"vote{k}", line))
    if it.vote is None:
        inner += [_p(b) for b in it.body[-1:]]
    return (
        f'<table class="cols"><tr><td class="who" valign="top" width="18%">{html.escape(who)}</td>'
        f'<td class="num" valign="top" width="7%">{html.escape(it.label)}</td>'
        f'<td class="obj" valign="top">{"".join(inner)}</td></tr></table>'
    )


def _grant_lines(s: Session, it: Item, k: int, anchors: list[tuple[str, str]]) -> list[str]:
    if not it.table:
        return []
    lay = s.style.grant_layout
    out: list[str] = []
    total_label, total = it.total or ("Total", Decimal(0))
    total_amt = fmt_amount(total, s.style.amount)
    if lay == "table":
        rows = "".join(
            f'<tr><td>{html.escape(n)}</td><td class="amt">{html.escape(a)}</td></tr>' for n, a in it.table
        )
        rows += f'<tr><td><b>{html.escape(total_label)}</b></td><td class="amt"><b>{html.escape(total_amt)}</b></td></tr>'
        out.append(f"<table>{rows}</table>")
        for j, (n, a) in enumerate(it.table):
            anchors.append((f"grant{k}.{j}", f"{n} {a}"))
        anchors.append((f"total{k}", f"{total_label} {total_amt}"))
        return out
    for j, (n, a) in enumerate(it.table):
        line = {"colon": f"{n} : {a}", "dash": f"- {n} {a}", "dots": f"{n} {'.' * max(4, 40 - len(n))} {a}"}[
            lay
        ]
        out.append(_p(line, "ind"))
        anchors.append((f"grant{k}.{j}", line))
    line = (
        f"{total_label} : {total_amt}"
        if not total_label.startswith("Soit")
        else f"{total_label} {total_amt}."
    )
    out.append(_p(line, "ind total"))
    anchors.append((f"total{k}", line))
    return out


# --------------------------------------------------------------------------- printing and pages
def _squash(text: str) -> str:
    # pdfium marks a hyphen at a line end as U+FFFE (or U+0002): hyphens are left out of the comparison
    return re.sub(r"[\s\-\ufffe\x02]+", "", text).casefold()


def page_texts(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def locate(pdf: Path, anchors: list[tuple[str, str]]) -> dict[str, int]:
    """Page (1-based) of each anchor, searched in printed order; a missing anchor is an error."""
    texts = [_squash(t) for t in page_texts(pdf)]
    joined = "".join(texts)
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t)
    cursor, pages = 0, {}
    for key, text in anchors:
        needle = _squash(text)
        at = joined.find(needle, cursor)
        if at < 0:
            raise RuntimeError(f"{pdf.name}: printed anchor not found in order: {text!r}")
        cursor = at + len(needle)
        if key:
            pages[key] = max(i for i, st in enumerate(starts) if st <= at) + 1
    return pages


def print_chromium(src: Path, pdf: Path, profile: Path) -> None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if exe is None:
        raise RuntimeError("chromium not found: apt-get install chromium")
    cmd = [
        exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", src.as_uri(),
    ]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    if not pdf.exists():
        raise RuntimeError(f"chromium produced no PDF for {src.name}")


def gold(s: Session, pdf_name: str, pages: dict[str, int]) -> dict[str, Any]:
    st = s.style
    delibs, others = [], []
    for k, it in enumerate(s.items):
        page = pages[f"item{k}"]
        vote = it.vote.gold() if it.vote else None
        if it.kind != "deliberation":
            others.append(
                {"kind": it.kind, "number": it.number, "title": it.title, "page": page, "vote": vote}
            )
            continue
        delibs.append(
            {
                "number": it.number,
                "title": it.title,
                "rapporteur": it.rapporteur,
                "page": page,
                "vote": vote,
                "ballot": None,
                "grants": [
                    {
                        "beneficiary": n,
                        "amount": f"{a:.2f}",
                        "page": pages[f"grant{k}.{j}"],
                        "nature": None,
                        "in_kind": False,
                        "requested": None,
                        "theme": None,
                        "operation": None,
                        "vote": None,
                    }
                    for j, (n, a) in enumerate(it.grants)
                ],
                "grant_totals": (
                    [{"label": it.total[0], "amount": f"{it.total[1]:.2f}", "page": pages[f"total{k}"]}]
                    if it.total
                    else []
                ),
                "imputations": [{**imp, "page": pages[f"imp{k}"]} for imp in it.imputations],
                "note": it.note,
            }
        )
    return {
        "pdf": pdf_name,
        "written_by": f"delib.corpus.minutes_gen seed {s.seed}, from the session data (pages located in the PDF)",
        "collectivity": s.collectivity,
        "instance": s.instance,
        "session_date": s.date.isoformat(),
        "attendance": {
            "members_in_office": len(s.members) if st.counts_printed else None,
            "present": len(s.present) if st.counts_printed else None,
            "proxies": len(s.proxies) if st.counts_printed else None,
            "absent": len(s.absent) if st.counts_printed else None,
        },
        "style": {
            "numbering": st.numbering,
            "votes": list(st.votes),
            "font": st.font,
            "size_pt": st.size_pt,
            "margin_cm": st.margin_cm,
            "line_height": st.line_height,
            "grant_layout": st.grant_layout,
            "amount": st.amount,
            "date_line": st.date_line,
        },
        "deliberations": delibs,
        "other_items": others,
    }


def build(seed: int, k: int, out_dir: Path, work: Path) -> list[Path]:
    s = generate(seed, k)
    doc, anchors = render_html(s)
    src = work / f"{s.name}.html"
    src.write_text(doc, encoding="utf-8")
    written: list[Path] = []
    for engine in ENGINES:
        pdf = out_dir / f"{s.name}.{engine}.pdf"
        if engine == "lo":
            (made,) = convert([src], work, work / "lo-profile")
            shutil.move(made, pdf)
        else:
            print_chromium(src, pdf, work / "chr-profile")
        truth = gold(s, pdf.name, locate(pdf, anchors))
        path = out_dir / f"{s.name}.{engine}.gold.json"
        path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written += [pdf, path]
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seeds", type=int, nargs="*", default=list(SEEDS))
    args = ap.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="minutes-") as tmp:
        for k, seed in enumerate(args.seeds):
            for path in build(seed, k, args.out_dir, Path(tmp)):
                sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
