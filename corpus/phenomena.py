"""Reading phenomena of session minutes, each a short compte rendu printed by two engines.

The minutes reader was taught these from real pages (Pierrefonds 2016, the CC des Lisières de
l'Oise 2025, Couthenans 2021); here each is written as data (``phenomena.json``), in two to four
wordings, fonts and spacings, to HTML, then printed by LibreOffice headless (``.lo.pdf``) and by
Chromium headless (``.chr.pdf``).  Beside each PDF a ``.json`` says what the item gives, written from the data (never
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
import json
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


#: the phenomena whose JSON also says the item's heading and vote counts and each grant's nature/request
NEW_PHENOMENA = ("column_tables", "grant_sentences", "vote_lines", "headings")
STYLES = {"SERIF": SERIF, "SANS": SANS, "SMALL": SMALL, "NARROW": NARROW}
#: the cases and the extracts as data (phenomena.json beside this module)
_DATA: dict[str, Any] = json.loads(Path(__file__).with_suffix(".json").read_text(encoding="utf-8"))


def _blocks(blocks: list[dict[str, Any]]) -> list[str]:
    """HTML of a body: ``{"p": text, "class": …}`` a paragraph, ``{"table": rows, "head": …, "class": …}`` a table."""
    return [
        _p(b["p"], b.get("class", ""))
        if "p" in b
        else _table(b["table"], b.get("head"), b.get("class", "grid"))
        for b in blocks
    ]


def _amount(printed: str | None) -> Decimal | None:
    return None if printed is None else Decimal(printed)


def _vote(counts: list[int]) -> tuple[int, int, int]:
    f, n, a = counts  # for, against, abstention
    return (f, n, a)


def _imputations(rows: list[list[str | None]]) -> list[tuple[str | None, str | None, Decimal | None]]:
    return [(chapter, nature, _amount(amount)) for chapter, nature, amount in rows]


def _grants(r: dict[str, Any]) -> list[tuple[str, Decimal]]:
    return [(name, Decimal(amount)) for name, amount in r.get("grants", [])]


#: the Case fields the JSON gives as they are (the later wordings' ones may be absent: the Case default)
_CASE_FIELDS = (
    "phenomenon", "variant", "commune", "header", "number", "title", "printed",
    "heading", "date_line", "convocation", "vote_style", "vote_against", "vote_abstaining", "natures",
)  # fmt: skip


def cases() -> list[Case]:
    return [
        Case(
            name=f"{r['phenomenon']}-{r['variant']}",
            date=dt.date.fromisoformat(r["date"]),
            body=_blocks(r["body"]),
            vote=_vote(r["vote"]),
            style=STYLES[r["style"]],
            grants=_grants(r),
            totals=[(label, Decimal(amount)) for label, amount in r.get("totals", [])],
            imputations=_imputations(r.get("imputations", [])),
            requested=[_amount(a) for a in r.get("requested", [])],
            **{k: r[k] for k in _CASE_FIELDS if k in r},
        )
        for r in _DATA["cases"]
    ]


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


def _person(printed: str) -> Person:
    """ "Mme Claire DUVAL" -> ("Mme", "Claire DUVAL")."""
    civility, _, name = printed.partition(" ")
    return (civility, name)


def _who(p: Person) -> str:
    return f"{p[0]} {p[1]}"


#: the Extract fields the JSON gives as they are
_EXTRACT_FIELDS = (
    "variant", "collectivity", "council", "signs_as", "date_style", "counts_style", "number_printed",
    "number_label", "title", "proxies_style", "recitals", "vote_style",
)  # fmt: skip


def _extracts() -> list[Extract]:
    out = []
    for r in _DATA["extracts"]:
        x = Extract(
            name=f"extracts-{r['variant']}",
            president=_person(r["president"]),
            date=dt.date.fromisoformat(r["date"]),
            convened=dt.date.fromisoformat(r["convened"]),
            present=[_person(p) for p in r["present"]],
            excused=[_person(p) for p in r["excused"]],
            absent=[_person(p) for p in r["absent"]],
            proxies=[(_person(g), _person(h)) for g, h in r["proxies"]],
            vote=_vote(r["vote"]),
            articles=_blocks(r["articles"]),
            style=STYLES[r["style"]],
            grants=_grants(r),
            grant_totals=[Decimal(t) for t in r.get("grant_totals", [])],
            imputations=_imputations(r.get("imputations", [])),
            **{k: r[k] for k in _EXTRACT_FIELDS},
        )
        assert x.president in x.present, x.name
        x.printed = [x.number, x.title, *(g for g, _a in x.grants)]
        out.append(x)
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
