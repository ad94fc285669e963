"""Session data of generated municipal minutes: who sits, which items, how each vote is printed.

The seeded half of :mod:`delib.corpus.minutes_gen`: a ``Session`` holds the attendance, the items
(deliberations and procedural items) with their printed number, title, exposé, grant lines,
imputation sentences and vote wording, and the ``Style`` the document is printed in.  Rendering is in
:mod:`delib.corpus.minutes_html`; printing and the ground truth in :mod:`delib.corpus.minutes_gen`.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from delib.corpus import minutes_vocab as V

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


def with_apostrophe(s: Session, text: str) -> str:
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
        t = with_apostrophe(s, f"Approbation du compte rendu de la séance du {fmt_date(s.prev_date)}")
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
                with_apostrophe(
                    s,
                    rng.choice(
                        ("Rapport d'activité du syndicat des eaux", "Information sur la rentrée scolaire")
                    ),
                ),
                body=[
                    f"{rng.choice(V.SPEAKERS)} présente le rapport ; {rng.randint(3, 40)} dossiers ont été traités en {year - 1}.",
                    with_apostrophe(s, "Le conseil municipal prend acte de cette communication."),
                ],
            )
        )
    if rng.random() < 0.5:
        middle.append(
            Item(
                "delegation_decisions",
                with_apostrophe(s, "Compte rendu des décisions prises par le Maire par délégation"),
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
    return [_applywith_apostrophe(s, it) for it in [*head, *delibs, *tail]]


def _applywith_apostrophe(s: Session, it: Item) -> Item:
    it.title = with_apostrophe(s, it.title)
    it.body = [with_apostrophe(s, b) for b in it.body]
    it.after = [with_apostrophe(s, b) for b in it.after]
    if it.vote:
        it.vote.lines = [with_apostrophe(s, x) for x in it.vote.lines]
    for imp in it.imputations:
        imp["text"] = with_apostrophe(s, imp["text"])
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
