"""Grants printed as lines or sentences of a compte rendu, not as a ruled table.

* one grant a line: ``ACCA : 60€``, ``Amitié Loisirs Aînés 610 €``, ``Cyclo club (demande non
  précisée) : Proposition … 230€``, ``M. Eric BURLET 3500 €``; a line ``Soit un total de 1400€``
  is the list's total;
* a grant inside a sentence: ``une subvention de 4 000 € à l'association ECD``.

Only in an item that gives grants (its title or text speaks of *subvention* / *participation*
given), never in a request to another body (DETR, DSIL, Agence de l'eau, the Département),
never in a list recalled from an earlier year (``Rappel des demandes 2019``), never a line of a
budget presentation (``Fonctionnement : 298 883.73 €``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from delib.extract.amounts import find_amounts, parse_amount

RULE_LINE = "grants.lines.v1"
RULE_SENTENCE = "grants.sentence.v1"

_AMOUNT = r"(?P<amount>-?\d[\d \u00a0\u202f'’.]*(?:,\d{1,2})?)[ \t\u00a0]*(?:€|euros?\b|EUR\b)"
_LINE = re.compile(
    r"^[ \t]*[−\-–•▪]?[ \t]*(?P<name>[A-ZÀ-Ý0-9«\"“][^\n€:()]{0,90}?)[ \t]*(?:\((?P<paren>[^)\n]*)\))?"
    r"[ \t]*(?::[ \t]*(?:[^\n€\d]{0,80}?[ \t])?)?" + _AMOUNT + r"[ \t]*\.?[ \t]*$",
    re.M,
)
_TOTAL = re.compile(r"^\s*(?:soit\s+(?:un\s+)?)?(?:total|montant\s+total|soit)\b", re.I)
_TOTAL_LINE = re.compile(
    r"^[ \t]*(?:soit\s+)?(?:un\s+)?(?:total|montant\s+total)\s*(?:de|:)?\s*" + _AMOUNT, re.I
)
_FUNDER = re.compile(
    r"^(?:autofinancement|fonds\s+propres|emprunts?|pr[êe]ts?|reste\s+[àa]\s+charge|[ée]tat\b|r[ée]gion\b|d[ée]partement\b|"
    r"agence\s+de\s+l|conseil\s+(?:r[ée]gional|d[ée]partemental)|participation\s+(?:de\s+la|du)\b"
    r"|(?-i:DETR|DSIL|DSID|FEDER|FEADER|LEADER|FNADT|CAF|ADEME|CC(?!AS\b)[A-Z]{1,5}|CA[A-Z]{2,5})\b)",
    re.I,
)
_PROSE_NAME = re.compile(r"\b(?:soit|subvention\s+de|octroi|montant\s+de|pour\s+un)\b", re.I)
#: a valued in-kind grant: "(aide en nature)", "mise à disposition de la salle, valorisée 450 €"
_IN_KIND = re.compile(r"\ben\s+nature\b|mise\s+[àa]\s+disposition|valoris[ée]", re.I)
_NOT_NAME = re.compile(
    r"^(?:fonctionnement|investissement|total|d[ée]penses?|recettes?|r[ée]sultats?|exc[ée]dents?|d[ée]ficits?|solde"
    r"|reports?|charges?|produits?|budget|section|chapitre|compte|article|montant|reste|capital|emprunt|dont"
    r"|taux|base|tarifs?|prix|co[uû]t|devis|estimation|enveloppe|cotisation|participation\s+de\s+la\s+commune"
    r"|le\s+|la\s+|les\s+|il\s|elle\s|ce\s|cette\s|pour\s|avec\s|sur\s|de\s|du\s|des\s|en\s|\d)",
    re.I,
)
#: the article of a name ("Les Amis de la bibliothèque", "LA BOULE CATALANE", "L'Avitarelle"): a
#: capital L and a capital after it, where a sentence ("La dépense", "les crédits") goes on in lower case
_ARTICLE = re.compile(r"^(?:(?:L[eE][sS]?|L[aA])\s+|L['’]\s*)(?=[A-ZÀ-Ý])")


#: a verb of a sentence that opens with an article ("Le Conseil décide d'attribuer 500 €")
_VERB = re.compile(
    r"\b(?:d[ée]cid\w*|attribu\w*|accord\w*|vers[ée]\w*|approuv\w*|propos\w*|vot[ée]\w*|allou\w*"
    r"|est|sont|a|ont|sera|seront|re[çc]oi\w*|b[ée]n[ée]fici\w*)\b",
    re.I,
)


def _core(name: str) -> str:
    """``name`` without the article of a proper name, so the words that rule a line out (a heading,
    a funder) are matched against the name itself."""
    return _ARTICLE.sub("", name)


_GIVING = re.compile(r"subventions?|\baides?\b|attribution", re.I)
_REQUEST = re.compile(
    r"demande\s+de\s+subvention|sollicit|\bDETR\b|\bDSIL\b|\bFSIL\b|agence\s+de\s+l['’]eau|aupr[èe]s\s+d[eu]"
    r"|fonds\s+de\s+concours\s+(?:de|du)|plan\s+de\s+financement",
    re.I,
)
_EARLIER = re.compile(
    r"\brappel\b|l['’]an(?:n[ée]e)?\s+(?:derni[èe]re|pass[ée]e|pr[ée]c[ée]dente)|en\s+20\d\d,?\s+on\s+a", re.I
)
_GIVE = r"(?:attribu|accord|octro[iy]|allou|vers(?!ement)|vot(?!ants?\b)|alloue)\w*"
_KIND = (
    r"(?:subvention|aide|participation)s?(?:\s+(?:exceptionnelle|de\s+fonctionnement|d['’]investissement"
    r"|financi[èe]re|communale|municipale))*"
)
_TO = r"(?:à|au|aux|en\s+faveur\s+de|au\s+profit\s+de)"
_NAME = (
    r"(?P<name>(?:l['’]association\s+|la\s+soci[ée]t[ée]\s+|la\s+|le\s+|les\s+|l['’])?"
    r"(?:M\.\s*|MM\.\s*|Mmes?\.?\s+|Mlle\s+|Monsieur\s+|Madame\s+)?(?:[^,.;\n()]|\n(?=[a-zà-ÿ])){2,80}?)"
)
_NAME_END = r"(?=[ \t]*(?:[,.;()]|\n(?![a-zà-ÿ])|$|\s+et\s+\d|\s+(?:pour|dans|afin|au\s+titre|en\s+vue|une\s+|la\s+somme|un\s+montant)\b))"
_AMOUNT_OF = r"\s+(?:d['’]un\s+montant\s+)?de\s+" + _AMOUNT  # "… de 500 €", "… d'un montant de 500 €"


def _words(*parts: str) -> re.Pattern[str]:
    """A sentence pattern from its parts, separated by blanks."""
    return re.compile(r"\s+".join(parts), re.I)


_SENTENCE = [
    # "décide d'octroyer une subvention exceptionnelle de 500 € à l'association Les Amis de l'école"
    _words(_GIVE, r"(?:une\s+|d['’]une\s+|la\s+)?" + _KIND + _AMOUNT_OF, _TO, _NAME + _NAME_END),
    # "décide d'attribuer à l'association sportive une subvention de 1 500 euros"
    _words(_GIVE, _TO, _NAME, r"(?:une\s+|la\s+)?" + _KIND + _AMOUNT_OF),
    # "attribue 300 € au Comité des fêtes et 200 € à l'ACCA" (each amount with its beneficiary)
    _words(r"(?:" + _GIVE + r"|\bet)", r"(?:la\s+somme\s+de\s+)?" + _AMOUNT, _TO, _NAME + _NAME_END),
    # "Une aide financière de 250 € est accordée à M. Dupont"
    _words(_KIND + _AMOUNT_OF, r"(?:est|sont)", _GIVE, _TO, _NAME + _NAME_END),
]


@dataclass
class GrantLine:
    beneficiary: str
    amount: Decimal
    start: int
    end: int
    rule: str
    requested: Decimal | None = None
    is_total: bool = False
    in_kind: bool = False
    nature: str | None = None  # "fonctionnement" / "investissement" where a column says so


def gives_grants(title: str, body: str) -> bool:
    """An item that gives grants (and is not a request to another body)."""
    if _REQUEST.search(title):
        return bool(re.search(r"reversement|attribution", title, re.I))
    return bool(
        _GIVING.search(title)
        or re.search(r"subventions?\s+(?:aux|suivantes|ci-dessous)", body, re.I)
        or _PER_UNIT.search(body)
        or re.search(
            r"\b(?:re)?versement\s+(?:aux?\s+[^.\n]{0,40}?\s+)?de\s+(?:la|ces|leurs?)\s+subventions?",
            body,
            re.I,
        )
    )


def find_grant_lines(text: str) -> list[GrantLine]:
    """Grant lines and list totals of an item that gives grants, in order."""
    out: list[GrantLine] = []
    among: set[int] = set()  # article-led names kept only beside another grant line
    skip_until = -1
    for m in re.finditer(r"[^\n]*", text):
        line = m.group(0)
        if not line.strip():
            continue
        tm = _TOTAL_LINE.match(line)
        if tm and out:
            amount = parse_amount(tm.group("amount") + " €")
            if amount is not None:
                out.append(
                    GrantLine(
                        " ".join(tm.group(0).split()), amount, m.start(), m.end(), RULE_LINE, is_total=True
                    )
                )
            continue
        if _EARLIER.search(line):
            # a recalled list runs on the lines below until a line that is not a grant line
            skip_until = m.end()
            continue
        lm = _LINE.match(line)
        if not lm:
            if skip_until >= 0:
                skip_until = -1
            continue
        if skip_until >= 0:
            skip_until = m.end()
            continue
        name = re.sub(r"[\s.…_]{3,}$", "", " ".join(lm.group("name").split())).strip(" :-–")
        amount = parse_amount(lm.group("amount") + " €")
        if amount is None or amount <= 0:
            continue
        if _TOTAL.match(name):
            out.append(GrantLine(name, amount, m.start(), m.end(), RULE_LINE, is_total=True))
            continue
        # an article opens a name in a list's layout (leaders, a column gap, a colon before the
        # amount) or among other grant lines ("Le Conseil décide d'attribuer 500 €" is a sentence)
        listed = (
            re.search(r"[.…_]{3,}\s*$|\s{2,}$|\t", lm.group("name"))
            or ":" in line[lm.end("name") : lm.start("amount")]
        )
        if (
            not listed
            and _ARTICLE.match(name)
            and not _NOT_NAME.match(_core(name))
            and not _VERB.search(name)
        ):
            among.add(len(out))
        elif _NOT_NAME.match(_core(name) if listed else name):
            continue
        if len(re.findall(r"[A-Za-zÀ-ÿ]", name)) < 2 or len(name.split()) > 9:
            continue
        if _PROSE_NAME.search(name):
            continue  # "TTC soit l'octroi d'une subvention de": a sentence, not a name
        requested = None
        paren = lm.group("paren") or ""
        rq = re.search(r"demande\s*:?\s*(\d[\d  .]*(?:,\d\d)?)\s*€", paren, re.I)
        if rq:
            requested = parse_amount(rq.group(1) + " €")
        kind = bool(_IN_KIND.search(line))
        out.append(GrantLine(name, amount, m.start(), m.end(), RULE_LINE, requested=requested, in_kind=kind))
    return _without_financing_plans(text, _beside_a_grant(text, out, among))


def _beside_a_grant(text: str, lines: list[GrantLine], among: set[int]) -> list[GrantLine]:
    """``lines`` without the article-led names (``among``) that no other grant line stands right
    above or below: "Les Amis de la bibliothèque 450 €" in a list, not a lone sentence."""

    def plain(j: int, i: int) -> bool:
        if not 0 <= j < len(lines) or j in among or lines[j].is_total:
            return False
        a, b = sorted((lines[i], lines[j]), key=lambda g: g.start)
        return text[a.end : b.start].count("\n") <= 1

    return [g for i, g in enumerate(lines) if i not in among or plain(i - 1, i) or plain(i + 1, i)]


def _without_financing_plans(text: str, lines: list[GrantLine]) -> list[GrantLine]:
    """A financing plan lists who pays (the collectivity, "Autofinancement", the Région, a loan),
    not who receives: a run of adjacent lines holding one funder is dropped whole."""
    runs: list[list[GrantLine]] = []
    for g in lines:
        if runs and text[runs[-1][-1].end : g.start].count("\n") <= 2:
            runs[-1].append(g)
        else:
            runs.append([g])
    return [g for run in runs if not any(_FUNDER.match(_core(x.beneficiary)) for x in run) for g in run]


def find_grant_sentences(text: str) -> list[GrantLine]:
    """Grants given in a sentence, each amount with its beneficiary, in order; not a grant
    requested ("sollicite"), nor one recalled from an earlier year."""
    out: list[GrantLine] = []
    taken: set[int] = set()
    found = sorted((m for pat in _SENTENCE for m in pat.finditer(text)), key=lambda m: m.start("amount"))
    for m in found:
        amount = parse_amount(m.group("amount") + " €")
        if amount is None or amount <= 0 or m.start("amount") in taken:
            continue
        sentence = text[max(text.rfind(".", 0, m.start()), text.rfind("\n\n", 0, m.start()), 0) : m.end()]
        if _REQUEST.search(sentence) or _EARLIER.search(sentence):
            continue
        taken.add(m.start("amount"))
        # "l'association Les Amis" is "Les Amis"; "l'association sportive" keeps its noun
        name = re.sub(
            r"^(?:l['’]association|la\s+soci[ée]t[ée])\s+(?=[A-ZÀ-Ý«\"“])", "", m.group("name").strip()
        )
        name = re.sub(r"^(?:(?:la|le|les)\s+|l['’]\s*)", "", name)  # "la Ligue"; "Les Amis" stays
        name = " ".join(
            re.split(r"\s+(?:pour|dans|afin|au\s+titre|en\s+vue)\b", name)[0].strip(' «»"“”').split()
        )
        out.append(GrantLine(name, amount, m.start(), m.end(), RULE_SENTENCE))
    return out


_TO_BENEFICIARY = re.compile(
    r"subvention\s+(?:exceptionnelle\s+|de\s+fonctionnement\s+|d['’]investissement\s+)?(?:à|au\s+profit\s+de|en\s+faveur\s+de|au|aux)\s+"
    r"(?:l['’]association\s+|la\s+|le\s+|l['’]|les\s+)?[«\"“]?\s*(?P<name>[A-ZÀ-Ý][^,.;\n«»\"“”()]{2,80}?)\s*[»\"”]?\s*(?:[,.;(\n]|$|\s+(?:pour|dans|afin|au\s+titre|d['’]un))",
)
_GRANTED = re.compile(
    r"(?:attribu\w*|allou\w*|vers\w*|accord\w*|octroy\w*|apporter)\s+(?:à\s+[^,.;]{2,60}?\s+)?(?:une\s+)?subvention"
    r"(?:\s+exceptionnelle)?\s+(?:d['’]un\s+montant\s+)?de\s+|montant\s+de\s+la\s+subvention\s+(?:à|de)\s+|"
    r"subvention\s+d['’]un\s+montant\s+de\s+",
    re.I,
)


RULE_TITLE = "grants.title.v1"
_SUBVENTION = r"subvention\s+(?:exceptionnelle\s+|de\s+fonctionnement\s+|d['’]investissement\s+)?"
# "l'association Les Amis" is "Les Amis"; "l'Association des parents d'élèves" keeps its noun
_TO = r"(?:à|au\s+profit\s+de|en\s+faveur\s+de|au|aux)\s+(?:l['’](?-i:association)\s+(?=(?-i:[A-ZÀ-Ý«\"“]))|la\s+|le\s+|l['’]|les\s+)?"
_NAME = r"[«\"“]?\s*(?P<name>[A-ZÀ-Ý][^:;,.«»\"“”()\n–—]{1,80}?)\s*[»\"”]?"
#: a grant that an item's title names with its amount (a liste des délibérations prints no more):
#: "Subvention exceptionnelle de 2 500,00 € à l'association Les Amis de la bibliothèque",
#: "Subvention à l'association Tennis club : 1 200 euros", "Subvention au Comité des fêtes (800 €)"
_TITLE_GRANT = [
    re.compile(
        r"(?:attribution\s+d['’]une\s+|versement\s+d['’]une\s+)?" + _SUBVENTION
        + r"(?:d['’]un\s+montant\s+)?de\s+" + _AMOUNT + r"\s+" + _TO + _NAME
        + r"\s*(?:$|[:;,.(–—]|\s+(?:pour|dans|afin|au\s+titre|en\s+vue))",
        re.I,
    ),
    re.compile(
        r"(?:attribution\s+d['’]une\s+|versement\s+d['’]une\s+)?" + _SUBVENTION + _TO + _NAME
        + r"\s*(?::|–|—|-|\(|,)\s*(?:montant\s*:?\s*)?" + _AMOUNT + r"\s*\)?\s*$",
        re.I,
    ),
]  # fmt: skip


#: one beneficiary of a title that lists several, each with its amount in parentheses:
#: "Attribution de subventions au Tennis club (3.500,00 €) et à l'Amicale des sapeurs-pompiers (300 euros)"
_TITLE_EACH = re.compile(
    r"(?:^|,|\bet|subventions?)\s+" + _TO + _NAME + r"\s*\(\s*" + _AMOUNT + r"\s*\)", re.I
)


def find_title_grants(title: str) -> list[GrantLine]:
    """The grants an item's title gives with their amounts: several listed each with its amount
    in parentheses, or one (``find_title_grant``)."""
    if _REQUEST.search(title):
        return []
    each = list(_TITLE_EACH.finditer(title))
    if len(each) >= 2 and len(each) == len(re.findall(_AMOUNT, title, re.I)):
        out = []
        for m in each:
            amount = parse_amount(m.group("amount") + " €")
            if amount is None or amount <= 0:
                return []
            out.append(GrantLine(" ".join(m.group("name").split()), amount, m.start(), m.end(), RULE_TITLE))
        return out
    one = find_title_grant(title)
    return [] if one is None else [one]


def find_title_grant(title: str) -> GrantLine | None:
    """The one grant an item's title gives, with its amount; None for a request to another body,
    a title naming no amount or several."""
    if _REQUEST.search(title) or len(re.findall(_AMOUNT, title, re.I)) != 1:
        return None
    for pat in _TITLE_GRANT:
        m = pat.search(title)
        if m is None:
            continue
        amount = parse_amount(m.group("amount") + " €")
        if amount is None or amount <= 0:
            continue
        name = " ".join(m.group("name").split()).strip(' «»"“”')
        return GrantLine(name, amount, m.start(), m.end(), RULE_TITLE)
    return None


def find_single_grant(title: str, body: str) -> GrantLine | None:
    """One grant decided by a deliberation that names one beneficiary and one granted amount
    ("Attribution d'une subvention à la Convention Nationale des Avocats" … "propose d'attribuer
    une subvention de 40 000 €"; "… à l'association « Energie Coopération Développement »" …
    "FIXE le montant de la subvention à 4 000 €").  An amount requested ("sollicite … 75 000 €")
    is not the grant; two different granted amounts, or none, give nothing."""
    if _REQUEST.search(title) and not re.search(r"attribution|versement", title, re.I):
        return None
    names = [m for m in (_TO_BENEFICIARY.search(x) for x in (body, title)) if m]
    if not names:
        return None
    amounts: dict[Decimal, tuple[int, int]] = {}
    for m in _GRANTED.finditer(body):
        am = re.match(r"\s*(" + _AMOUNT + r")", body[m.end() : m.end() + 40])
        if am:
            value = parse_amount(am.group("amount") + " €")
            if value is not None and value > 0:
                amounts.setdefault(value, (m.start(), m.end() + am.end()))
    if len(amounts) != 1:
        return None
    ((value, (a, b)),) = amounts.items()
    name = " ".join(names[0].group("name").split()).strip(' «»"')
    asked = re.search(
        r"sollicit\w*[^.;]{0,80}?subvention\s+(?:d['’]un\s+montant\s+)?de\s+(" + _AMOUNT + ")", body, re.I
    )
    requested = parse_amount(asked.group("amount") + " €") if asked else None
    return GrantLine(name, value, a, b, RULE_SENTENCE + ".single", requested=requested)


_STATED_TOTAL = re.compile(
    r"(?:pour\s+un|d['’]un|le)\s+montant\s+total\s+(?:de\s+|s['’][ée]lev(?:e|ant)\s+[àa]\s+)" + _AMOUNT, re.I
)


def find_stated_total(body: str) -> GrantLine | None:
    """The total the decision states for its grants ("pour un montant total de 40 000 €"), when it
    states one amount only; an amount wrapped inside its digits ("… total de 1" / "850 €") is one."""
    # the line end between a thousands group and the next made a space (same length: offsets hold)
    body = re.sub(r"(?<=\d)([ \t]*)\n(?=[ \t]*\d{3}(?!\d))", lambda m: m.group(1) + " ", body)
    found = {
        parse_amount(" ".join(m.group("amount").split()) + " €"): m for m in _STATED_TOTAL.finditer(body)
    }
    found.pop(None, None)
    if len(found) != 1:
        return None
    ((value, m),) = found.items()
    assert value is not None
    return GrantLine("montant total", value, m.start(), m.end(), "grants.stated_total.v1", is_total=True)


_PER_UNIT = re.compile(r"subvention\s+de\s+" + _AMOUNT + r"\s+par\s+(?P<unit>[a-zà-ÿ]+)", re.I)
_PARTNER = re.compile(
    r"(?:partenariat|convention)\b[^\n.;]{0,120}?\b(?:avec|et)\s+(?:l['’]|le\s+|la\s+|les\s+)?"
    r"(?P<name>[A-ZÀ-Ý][^,.;\n«»\"“”()–]{2,60}?)\s*(?:[,.;(\n–-]|$|\s+(?:pour|dans|afin|au\s+titre))"
)
_TABLE_TOTAL = re.compile(r"^[ \t]*TOTAL\b[^\n]*?" + _AMOUNT + r"[ \t]*$", re.M | re.I)


def find_unit_grants(title: str, body: str) -> list[GrantLine]:
    """A grant of so much per unit to one partner, over a table of the units and its TOTAL
    ("subvention de 600 € par spectacle" … a row per spectacle ending "600 €" … "TOTAL 2026 1 800
    €"): one grant line per row, to the partner the convention names, and the total; only when the
    rows add up to the printed TOTAL."""
    unit = _PER_UNIT.search(body)
    # the partner as the body names it ("un partenariat est proposé avec l'Espace Jean Legendre"),
    # else as the title does (a title may be cut at its line break)
    partner = _PARTNER.search(body) or _PARTNER.search(title)
    if unit is None or partner is None:
        return []
    each = parse_amount(unit.group("amount") + " €")
    total = _TABLE_TOTAL.search(body, unit.end())
    if each is None or total is None:
        return []
    printed = find_amounts(total.group(0))[-1].value  # "TOTAL 2026 1 800 €": not 20 261 800
    units, left = divmod(printed, each) if each > 0 else (Decimal(0), Decimal(1))
    # every cell printing the unit amount, from the table's header on: a row prints it once ("Total
    # par spectacle") or twice ("600 € (coût fixe)" then "600 €"); the last of each row is its total
    start = max(unit.end(), body.rfind("\n", 0, body.find("\n", unit.end())))
    cells = [  # per line: "20h 44\n600 €" is a gauge above an amount, not 44 600 €
        (start + ln.start() + a.span[0], start + ln.start() + a.span[1])
        for ln in re.finditer(r"[^\n]+", body[start : total.start()])
        for a in find_amounts(ln.group(0))
        if a.value == each
    ]
    if left or units < 2 or not cells or len(cells) % int(units):
        return []
    per_row = len(cells) // int(units)
    rows = cells[per_row - 1 :: per_row]
    name = " ".join(partner.group("name").split())
    out = [GrantLine(name, each, a, b, "grants.per_unit.v1") for a, b in rows]
    return [
        *out,
        GrantLine("TOTAL", printed, total.start(), total.end(), "grants.per_unit.v1", is_total=True),
    ]


_WHO_HEADING = re.compile(r"\b(?:Nom|B[ée]n[ée]ficiaires?|Associations?|Organismes?|Structures?)\b")
_MONEY_HEADING = re.compile(
    r"montant|co[uû]t|subventions?|aides?|participations?|d[ée]penses?|demand[ée]e?s?|attribu\w*|allou\w*",
    re.I,
)
_GRANT_HEADING = re.compile(r"subvention|aide|participation|attribu|allou|accord", re.I)
_LINKING = re.compile(r"\s*(?:de|du|des|de\s+la|de\s+l['’])\s*", re.I)
_AMOUNT_ONLY = re.compile(r"(?:TTC|HT|€|\s)*", re.I)
RULE_BLOCKS = "grants.block_rows.v1"


def _money_headings(header: str) -> list[str]:
    """The amount columns a header names, in order ("Montant des travaux", "Subvention de l'Agence
    de l'Eau"); "Montant de la subvention" is one column."""
    hits = list(_MONEY_HEADING.finditer(header))
    heads: list[str] = []
    for i, m in enumerate(hits):
        if i and _LINKING.fullmatch(header[hits[i - 1].end() : m.start()]):
            heads[-1] += " " + m.group(0)
            continue
        heads.append(m.group(0))
    return heads


def find_block_rows(body: str) -> list[GrantLine]:
    """A table printed as blocks, one per beneficiary: a name line, its address lines, then a line
    of amounts only, one per amount column of the header ("Nom / Prénom / Adresse | Montant des
    travaux | Subvention de l'Agence de l'Eau"); the grant is the column the header names as one."""
    lines = list(re.finditer(r"[^\n]+", body))
    for k, head in enumerate(lines):
        text = head.group(0)
        if not _WHO_HEADING.search(text) or find_amounts(text):
            continue
        header, first = text, k + 1
        nxt = lines[k + 1].group(0) if k + 1 < len(lines) else ""
        if re.match(r"\s*[a-zà-ÿ(]", nxt) and not re.search(r"\d", nxt) and len(nxt.strip()) < 40:
            header, first = header + " " + nxt, k + 2  # a heading wrapped on the next line ("l'Eau")
        heads = _money_headings(header[_WHO_HEADING.search(header).end() :])  # type: ignore[union-attr]
        col = next((i for i, h in enumerate(heads) if _GRANT_HEADING.search(h)), None)
        if col is None:
            continue
        out = _blocks(lines[first:], len(heads), col)
        if out:
            return out
    return []


def _blocks(lines: list[re.Match[str]], n_cols: int, col: int) -> list[GrantLine]:
    out: list[GrantLine] = []
    block: list[re.Match[str]] = []
    for ln in lines:
        text = ln.group(0)
        if not text.strip():
            continue
        amounts = find_amounts(text)
        rest = text
        for a in reversed(amounts):
            rest = rest[: a.span[0]] + rest[a.span[1] :]
        # the amounts close the block on their own line, or at the end of its last address line
        # ("60127 MORIENVAL 3 180 € TTC 2 400 € TTC": the cells aligned to the bottom)
        lead = text[: amounts[0].span[0]] if amounts else ""
        if amounts and lead.strip() and _AMOUNT_ONLY.fullmatch(rest[len(lead) :]) and block:
            rest = rest[len(lead) :]
        if amounts and _AMOUNT_ONLY.fullmatch(rest):
            if len(amounts) != n_cols or not block:
                break
            name = " ".join(block[0].group(0).split())
            a = amounts[col]
            out.append(GrantLine(name, a.value, ln.start() + a.span[0], ln.start() + a.span[1], RULE_BLOCKS))
            block = []
            continue
        if amounts or len(block) >= 4:
            break  # prose again: the table has ended
        block.append(ln)
    return out


# -- a grant table printed as text, one row per line, under a header naming its amount columns --
_TABLE_WHO = re.compile(
    r"^\s*(?:Nom\s+de\s+l['’]association|Nom|Associations?|B[ée]n[ée]ficiaires?|Organismes?|Structures?|Clubs?)\b",
    re.I,
)
_COLUMN_WORD = re.compile(
    r"montants?|demand\w*|accord\w*|attribu\w*|allou\w*|propos\w*|vot[ée]\w*|subventions?|rappel|r[ée]alis\w*"
    r"|\bBP\b|budg[ée]t\w*|\bN\s*-\s*1\b|\bN\b|(?<!\d)20\d\d(?!\d)|aides?|d[ée]cision|fonctionnement|investissement|exceptionnelle",
    re.I,
)
_GRANTED_COLUMN = re.compile(r"accord|attribu|allou|vot|propos|d[ée]cision", re.I)
RULE_COLUMNS = "grants.text_columns.v1"


def _column_headings(header: str) -> list[str]:
    """The amount columns of a header, in order: "Rappel 2023 | Proposition 2024", "Demandé |
    Accordé", "Montant de la subvention" (one), "Fonctionnement | Investissement"."""
    heads: list[str] = []
    prev_end = -1
    for m in _COLUMN_WORD.finditer(header):
        between = header[prev_end : m.start()] if prev_end >= 0 else ""
        year = re.fullmatch(r"20\d\d", m.group(0))
        qualifies = bool(  # "Montant demandé", "Subvention accordée": one column, named by its second word
            heads
            and re.fullmatch(r"(?:montants?|subventions?)", heads[-1], re.I)
            and not between.strip()
            and not re.fullmatch(r"(?:montants?|subventions?)", m.group(0), re.I)
        )
        if (
            heads
            and (_LINKING.fullmatch(between) or (year and not between.strip()) or qualifies)
            and not re.search(r"\d", heads[-1])
        ):
            heads[-1] += " " + m.group(0)  # "Montant de la subvention", "Proposition 2024"
        else:
            heads.append(m.group(0))
        prev_end = m.end()
    return heads


def _granted_column(heads: list[str]) -> int:
    """The column of the amount this decision grants: the one named so (accordé, attribué, proposé,
    voté), else the latest year, else the last column."""
    named = [i for i, h in enumerate(heads) if _GRANTED_COLUMN.search(h)]
    if named:
        return named[-1]
    years = [(int(y.group(0)), i) for i, h in enumerate(heads) if (y := re.search(r"20\d\d", h))]
    return max(years)[1] if years else len(heads) - 1


def find_column_table(text: str) -> list[GrantLine]:
    """Grant rows of a text table whose header names the beneficiary column and its amount columns
    ("Associations | Rappel 2023 | Proposition 2024"): the granted column is the grant, a "demandé"
    column its requested amount, the other columns are left out (never summed in); with
    "Fonctionnement | Investissement" columns each non-zero cell is a grant of that nature."""
    lines = list(re.finditer(r"[^\n]+", text))
    for k, head in enumerate(lines):
        numbers = find_amounts(head.group(0), require_currency=False)
        if not _TABLE_WHO.match(head.group(0)) or any(not re.fullmatch(r"20\d\d", n.raw) for n in numbers):
            continue  # a header names columns; its only numbers are years
        heads = _column_headings(head.group(0)[_TABLE_WHO.match(head.group(0)).end() :])  # type: ignore[union-attr]
        if not heads:
            continue
        rows = _column_rows(lines[k + 1 :], heads)
        if rows:
            return rows
    return []


_MONEY_CELL = re.compile(r",\d{2}\b|\d[\s\u00a0\u202f.'’]\d{3}\b")


def _column_rows(lines: list[re.Match[str]], heads: list[str]) -> list[GrantLine]:
    col = _granted_column(heads)
    asked = next((i for i, h in enumerate(heads) if re.search(r"demand", h, re.I)), None)
    natures = [
        n.group(0).lower() if (n := re.search(r"fonctionnement|investissement", h, re.I)) else None
        for h in heads
    ]
    split = sum(1 for n in natures if n) >= 2
    out: list[GrantLine] = []
    misses = 0
    pending: list[str] = []  # a name cell wrapped above its amounts ("Les Amis de la" / "bibliothèque")
    for ln in lines:
        line = ln.group(0)
        amounts = find_amounts(line, require_currency=False)
        if not amounts and len(line.strip()) <= 40 and len(pending) < 3 and not _TOTAL.match(line.strip()):
            pending.append(line)
            continue
        name = " ".join([*pending, line[: amounts[0].span[0]] if amounts else line])
        pending = []
        name = re.sub(r"[\s.…_:–-]+$", "", " ".join(name.split())).strip(" -–•")
        if len(amounts) != len(heads) or len(re.findall(r"[A-Za-zÀ-ÿ]", name)) < 2:
            misses += 1
            if misses >= 2 or (not amounts and len(line.strip()) > 60):
                break
            continue
        if not all(a.has_currency or _MONEY_CELL.search(a.raw) for a in amounts):
            break  # "Pour : 9": a count, not a cell of the table
        if len(heads) == 1 and all(a.has_currency for a in amounts):
            return []  # one amount column with €: the grant lines reader reads it, votes between included
        misses = 0
        cells = [
            (i, a) for i, a in enumerate(amounts) if (i == col or (split and natures[i])) and a.value > 0
        ]
        total = bool(_TOTAL.match(name))
        for i, a in cells:
            out.append(
                GrantLine(
                    name, a.value, ln.start() + a.span[0], ln.start() + a.span[1], RULE_COLUMNS,
                    requested=amounts[asked].value if asked is not None and asked != i else None,
                    is_total=total, nature=natures[i] if split else None,
                )
            )  # fmt: skip
    return out if sum(1 for g in out if not g.is_total) >= 1 else []


_ROW_END = re.compile(
    r"^[ \t]*[−\-–•▪]?[ \t]*[A-ZÀ-Ý0-9«\"“][^\n]*?" + _AMOUNT + r"[ \t]*(?:TTC|HT)?[ \t]*\.?[ \t]*$", re.M
)


def unread_rows(body: str, lines: list[GrantLine]) -> list[tuple[int, int]]:
    """Rows between the first and the last grant line read from a list or table that end with an
    amount (a name, then "… 450 €") and that no grant line, total or requested amount took: a row
    the reader skipped, so that a list read in part is never silent."""
    rows = [g for g in lines if g.rule != RULE_SENTENCE]
    if len(rows) < 2 or any(g.rule == "grants.per_unit.v1" for g in rows):
        return []  # per-unit rows are counted by their cells (a row prints the unit amount once or twice)
    lo, hi = min(g.start for g in rows), max(g.end for g in rows)
    out = []
    for m in _ROW_END.finditer(body):
        if m.start() < lo or m.end() > hi:
            continue
        line_start, line_end = m.start(), m.end()
        if any(g.start < line_end and line_start < g.end for g in lines):
            continue
        if _TOTAL.match(m.group(0).strip(" -–•")):
            continue
        out.append((line_start, line_end))
    return out
