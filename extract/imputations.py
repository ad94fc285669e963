"""Budget imputations printed in prose: the lines of the budget a decision is charged to.

Wordings (real documents and their variants): ``chapitre 920, nature 6574, ligne de crédit
17566``, ``chapitre 67 …, compte 6742``, ``(recettes d'investissement, chapitre 10, compte
1068)``, ``chapitre 002``, ``article 1068``, ``Affectation au compte 1068 : 66 645.66 €``,
``au chapitre 928241``, ``imputation 65-6574-025`` (chapter-nature-fonction), ``nature 6574
fonction 025``, ``sur la ligne 17566 chapitre 920``.  The amount is the one printed right
before or after the imputation in the same clause, else ``None``; the budget is
``principal`` unless a ``budget annexe …`` is named in the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from delib.extract.amounts import find_amounts
from delib.extract.locator import Locator, Prov, provenance
from delib.extract.parts import PartText
from delib.models import Imputation

RULE = "imputations.prose.v1"

_CODE = r"(\d{2,8}(?:\.\d{1,4})?)"
_PART = re.compile(
    r"\b(?P<kind>chapitres?|natures?|comptes?|articles?|fonctions?|lignes?\s+(?:de\s+cr[ée]dits?\s+)?|op[ée]rations?|imputations?"
    r"|(?:d[ée]penses?|recettes?)(?=\s*n[°º]))"
    r"\s*(?:n[°º]\s*|budg[ée]taires?\s*:?\s*)?:?\s*(?P<code>\d{2,8}(?:[.-]\d{1,6}){0,2})\b",
    re.I,
)
_ANNEXE = re.compile(
    r"budget\s+annexe\s+(?:de\s+l['’]|du\s+|de\s+la\s+|des\s+)?([\wÀ-ÿ' -]{2,40}?)(?=[,.;:)]|\s+(?:chapitre|compte|article|nature))",
    re.I,
)
_SECTION = re.compile(r"\b(fonctionnement|investissement)\b", re.I)
_NOT_IMPUTATION = re.compile(
    r"articles?\s+L\.?\s*\d|article\s+\d+\s+(?:de\s+la|du)\s+(?:loi|code|d[ée]cret|convention|statuts)", re.I
)


@dataclass
class Codes:
    """The codes of the budget line an imputation names, as printed (the nature: a nature, compte or
    article code)."""

    chapter: str | None = None
    nature: str | None = None
    fonction: str | None = None
    credit_line: str | None = None
    operation: str | None = None

    @property
    def key(self) -> tuple[str | None, str | None, str | None]:
        """What tells two imputations apart: chapter, nature and credit line."""
        return self.chapter, self.nature, self.credit_line

    def first(self, name: str, code: str) -> None:
        """Keep ``code`` for the field ``name`` unless the clause named one already."""
        if getattr(self, name) is None:
            setattr(self, name, code)


@dataclass
class Found:
    start: int
    end: int
    codes: Codes = field(default_factory=Codes)
    budget: str | None = None
    section: str | None = None
    amount: Decimal | None = None
    text: str = ""
    recital: bool = False  # printed in a "Vu …" / "Considérant …" clause: context, not the decision

    def record(self, prov: Prov) -> Imputation:
        c = self.codes
        return Imputation(
            budget=self.budget, section=self.section, chapter=c.chapter, nature=c.nature, fonction=c.fonction,
            credit_line=c.credit_line, operation=c.operation, amount=self.amount, text=self.text, **prov,
        )  # fmt: skip


_STOP = re.compile(r"\.(?=\s|$)|;|\n\s*\n")


def _clause(text: str, a: int, b: int) -> tuple[int, int]:
    """The clause around ``text[a:b]``: from the previous sentence stop to the next (at most 250 chars)."""
    stops = [m.end() for m in _STOP.finditer(text, max(0, a - 250), a)]
    s = stops[-1] if stops else max(0, a - 250)
    m = _STOP.search(text, b, min(len(text), b + 250))
    e = m.start() if m else min(len(text), b + 250)
    return s, e


#: the field of ``Codes`` each kind of mention (``_kind``) names
_FIELD_OF_KIND = {
    "chapi": "chapter",
    "nature": "nature",
    "fonct": "fonction",
    "ligne": "credit_line",
    "opéra": "operation",
    "opera": "operation",
}


def _kind(m: re.Match[str]) -> str:
    k = m.group("kind").lower()
    return (
        "nature" if k.startswith(("nature", "compte", "article", "dépense", "depense", "recette")) else k[:5]
    )


def find_imputations(text: str) -> list[Found]:
    """Imputations in ``text``, one per clause that names a chapter / nature / compte / article."""
    out: list[Found] = []
    matches = [m for m in _PART.finditer(text)]
    current_chapter: str | None = None
    i = 0
    while i < len(matches):
        m = matches[i]
        kind0 = m.group("kind").lower()
        if _NOT_IMPUTATION.match(text[m.start() : m.start() + 60]) or _not_budgetary(text, m, kind0):
            i += 1  # "article 2 de la loi", "son chapitre 10", "chapitres 20, 204 et 21": not one line
            continue
        group = [m]
        j = i + 1
        while j < len(matches) and matches[j].start() - group[-1].end() <= 40:
            between = text[group[-1].end() : matches[j].start()]
            kinds = {_kind(g) for g in group}
            if _STOP.search(between) or find_amounts(between) or _kind(matches[j]) in kinds:
                break  # "Compte 65736212" / "Compte 7573622": two imputations, not one
            group.append(matches[j])
            j += 1
        f = Found(start=group[0].start(), end=group[-1].end())
        codes = f.codes
        for g in group:
            kind, code = _kind(g), g.group("code")
            if kind == "imput" and re.fullmatch(r"\d+-\d+(?:-\d+)?", code):
                parts = code.split("-")  # chapter-nature-fonction
                codes.chapter, codes.nature = parts[0], parts[1]
                codes.fonction = parts[2] if len(parts) > 2 else None
            elif kind in _FIELD_OF_KIND:
                codes.first(_FIELD_OF_KIND[kind], code)
        cs, ce = _clause(text, f.start, f.end)
        ls = text.rfind("\n", 0, f.start) + 1
        le = text.find("\n", f.end)
        le = len(text) if le < 0 else le
        line_initial = not text[ls : f.start].strip(" \t-–•")
        if line_initial and codes.chapter is None and codes.nature is not None:
            # a budget table printed as text: "Chapitre 012 – Charges de personnel" then
            # "Article 6413 - Personnel non titulaire + 6 500 €": the article is in that chapter
            codes.chapter = current_chapter
        if (
            line_initial
            and codes.chapter is not None
            and codes.nature is None
            and not find_amounts(text[f.end : le])
        ):
            current_chapter = codes.chapter  # a chapter heading of such a table
            if re.search(r"\b(?:articles?|comptes?|natures?)\s+\d{3,}", text[le : le + 160], re.I):
                i = j
                continue  # its rows follow: the heading is not an imputation of its own
        in_table = current_chapter is not None or line_initial
        row = (
            _row_amount(text, f.end, le)
            if in_table and (codes.nature is not None or _amount_columns(text[f.end : le]))
            else None
        )
        f.amount = row if row is not None else _prose_amount(text, f, cs, ce, ls, le)
        f.recital = bool(_RECITAL.match(text, cs))
        _finish(f, text, cs, ce, out)
        i = j
    return sorted(out + result_rows(text) + dotted_codes(text), key=lambda f: f.start)


_RECITAL = re.compile(r"\s*(?:Vu|Consid[ée]rant)\b", re.I)
_POSSESSIVE = re.compile(r"\b(?:son|sa|ses|leurs?|notre|votre)\s+$", re.I)
_OF_A_TEXT = re.compile(
    r"\s*(?:\(relati|du\s+(?:contrat|r[èe]glement|code|cahier)|de\s+la\s+(?:convention|loi))", re.I
)
_CODE_LIST = re.compile(r"\s*(?:,\s*|\s+et\s+)\d{2,3}\b")


def _not_budgetary(text: str, m: re.Match[str], kind: str) -> bool:
    """A mention that names no single budget line: an article or chapter of a text ("Article 12" of
    a convention, "son chapitre 10 (relatif à la tarification)"), several chapters summed
    ("les chapitres 20, 204 et 21 … soit 5 177 000 €"), a two-digit "compte 11" of a budget
    presentation (a nature has three digits at least: 002, 1068, 6574)."""
    code = m.group("code")
    if kind.startswith(("article", "compte")) and len(code) <= 2:
        return True
    if _POSSESSIVE.search(text[max(0, m.start() - 20) : m.start()]) or _OF_A_TEXT.match(text, m.end()):
        return True
    return kind.startswith("chapitres") and bool(_CODE_LIST.match(text, m.end()))


def _amount_columns(rest_of_line: str) -> bool:
    """The rest of a row is amounts in columns only ("675 000.00 €   168 750.00 €", a "vote du
    quart" table: the credits of last year, then the quarter decided): its last column is read."""
    amounts = find_amounts(rest_of_line)
    if len(amounts) < 2:
        return False
    left = rest_of_line
    for a in reversed(amounts):
        left = left[: a.span[0]] + left[a.span[1] :]
    return not re.sub(r"[\s%|€]", "", left)


# "+20'000 € au 21.32", "Mouvement de -8'355,59€ du 28.156 AU 28.13": a compte printed as its
# chapter, a dot, and the rest of its code (21.32 is compte 2132 of chapter 21)
_DOTTED = re.compile(
    r"\b(?P<prep>du|au|à\s+l['’]|sur\s+le)\s*(?P<ch>\d{2})\.(?P<rest>\d{1,4})\b(?![.,]\d|\s*(?:€|%|h\b|euros?))",
    re.I,
)
_MOVEMENT_LINE = re.compile(
    r"\b(?:investissement|fonctionnement|mouvement|virement|d[ée]cision\s+modificative|DM\s*\d)", re.I
)


def dotted_codes(text: str) -> list[Found]:
    """Comptes printed chapter-dot-rest on a line that moves money in a budget; a movement "du A au
    B" keeps its amount on the account it leaves (A), the account it reaches has none."""
    out: list[Found] = []
    for m in _DOTTED.finditer(text):
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        le = len(text) if le < 0 else le
        line = text[ls:le]
        context = text[max(0, ls - 200) : le]
        amounts = find_amounts(line)
        if not amounts or not _MOVEMENT_LINE.search(context):
            continue
        before = [a for a in amounts if ls + a.span[1] <= m.start()]
        target = m.group("prep").lower() == "au" and re.search(
            r"\bdu\s*\d{2}\.\d", text[ls : m.start()], re.I
        )
        amount = None if target or not before else before[-1].value
        codes = Codes(chapter=m.group("ch"), nature=m.group("ch") + m.group("rest"))
        f = Found(m.start("ch"), m.end("rest"), codes, amount=amount)
        f.text = " ".join(line.split())
        an = _ANNEXE.search(context)
        f.budget = f"annexe {an.group(1).strip()}" if an else "principal"
        sec = _SECTION.search(context)
        f.section = sec.group(1).lower() if sec else None
        out.append(f)
    return out


_LABEL = re.compile(r"[ \t]*[–—-]?[^\n€\d]{0,80}?[:=][ \t]*")  # " – excédent reporté : "
_FILLER = re.compile(
    r"[^\S\n]*(?:\([^)]*\)|[^()\n]{0,60}\))?[\s:=–-]*(?:soit\s+|pour\s+(?:un\s+montant\s+de\s+)?|d['’]un\s+montant\s+de\s+|de\s+)?",
    re.I,
)


def _prose_amount(text: str, f: Found, cs: int, ce: int, ls: int, le: int) -> Decimal | None:
    """The amount an imputation printed in prose goes with: right after it on its line ("au compte
    1068 : 66 645.66 €"), the one amount before it on its line, the one amount of its clause, else
    the nearest before ("198 883.73 € (…, chapitre 10, compte 1068)") or after."""
    after_line = find_amounts(text[f.end : le])
    if after_line and _FILLER.fullmatch(text[f.end : f.end + after_line[0].span[0]]):
        return after_line[0].value
    if len(after_line) == 1 and _LABEL.fullmatch(text[f.end : f.end + after_line[0].span[0]]):
        return after_line[0].value  # "Article 002 – excédent reporté : 193 019.04 €"
    stated = re.match(r"[^.;€]{0,40}?\bpour\s+un\s+montant\s+(?:total\s+)?de\s+", text[f.end : ce], re.I)
    if stated:  # "chapitre 65, article 6574, pour un montant total de 1 \n850 €" (across the line break)
        told = find_amounts(text[f.end + stated.end() : ce])
        if told:
            return told[0].value
    before_line = find_amounts(text[ls : f.start])
    if len(before_line) == 1:
        return before_line[0].value
    in_clause = find_amounts(text[cs:ce])
    if in_clause and len({a.value for a in in_clause}) == 1:
        return in_clause[0].value
    w0 = max(cs, f.start - 80)
    before = find_amounts(text[w0 : f.start])
    if before and not _PART.search(text, w0 + before[-1].span[1], f.start):
        return before[-1].value  # not when another imputation stands between: that amount is its own
    after = find_amounts(text[f.end : min(ce, f.end + 60)])
    if after:
        return after[0].value
    line_starts = (cs, *(cs + n.end() for n in re.finditer("\n", text[cs : f.start])))
    if any(_ANAPHORA.match(text, k) for k in line_starts):
        # "du déficit de 699.92€. Cette ligne sera inscrite … n°002", "FIXE le montant à 4 000 €.
        # Les crédits correspondants seront inscrits … compte 6742": the amount of the sentence before
        earlier = find_amounts(text[max(0, cs - 300) : cs])
        return earlier[-1].value if earlier else None
    return None


_ANAPHORA = re.compile(
    r"\s*(?:(?:les?|la)\s+(?:cr[ée]dits?|sommes?|d[ée]penses?|montants?)\s+correspondant\w*"
    r"|les\s+cr[ée]dits\s+(?:n[ée]cessaires\s+)?(?:sont|seront)\s+(?:inscrits|pr[ée]vus)"
    r"|(?:cette|ces)\s+(?:ligne|somme|d[ée]pense|recette|cr[ée]dit)s?|ce\s+(?:montant|cr[ée]dit)|sa\s+compensation)\b",
    re.I,
)


_RESULT_ROW = re.compile(
    r"^[ \t]*(?P<code>00[12])[ \t]+(?:R[ée]sultat|Solde|Exc[ée]dent|D[ée]ficit)[^\n]*$", re.M | re.I
)


def result_rows(text: str) -> list[Found]:
    """``002 Résultat de fonctionnement reporté 223 221 €``, ``001 Solde d'exécution … 0 € 12 120 €``:
    the carried-over results in a budget table printed as text (the amount: the one not zero)."""
    out = []
    for m in _RESULT_ROW.finditer(text):
        amounts = [a.value for a in find_amounts(m.group(0)) if a.value != 0]
        if not amounts:
            continue
        out.append(
            Found(m.start("code"), m.end("code"), Codes(nature=m.group("code")), amount=amounts[-1], budget="principal",
                  text=" ".join(m.group(0).split()))
        )  # fmt: skip
    return out


def _row_amount(text: str, end: int, line_end: int) -> Decimal | None:
    """The amount at the end of a table row printed as text (on its line, or on the next line when
    the label wraps and no other imputation starts there)."""
    on_line = find_amounts(text[end:line_end])
    if on_line:
        return on_line[-1].value
    nxt_end = text.find("\n", line_end + 1)
    nxt = text[line_end + 1 : len(text) if nxt_end < 0 else nxt_end]
    if nxt.strip() and not _PART.search(nxt):
        nxt_amounts = find_amounts(nxt)
        if nxt_amounts:
            return nxt_amounts[-1].value
    return None


def _finish(f: Found, text: str, cs: int, ce: int, out: list[Found]) -> None:
    an = _ANNEXE.search(text[max(0, cs - 200) : ce])
    f.budget = f"annexe {an.group(1).strip()}" if an else "principal"
    sec = _SECTION.search(text[max(cs, f.start - 80) : f.end])
    f.section = sec.group(1).lower() if sec else None
    f.text = " ".join(text[f.start : f.end].split())
    if any(f.codes.key):
        out.append(f)


def read_imputations(pt: PartText, texts: list[str], locator: Locator | None) -> list[Imputation]:
    """The imputations of a text span as records with provenance."""
    return imputation_records(pt.text, lambda a, b: provenance(pt, texts, locator, a, b, RULE))


def imputation_records(text: str, prov_of: Callable[[int, int], Prov]) -> list[Imputation]:
    """Imputations as records (``prov_of(start, end)`` gives page, bbox and rule of a span of
    ``text``).  The same imputation printed twice (in the report and in the decision) is one, with
    the amount where one copy prints it; printed twice with two amounts (two tables funded from one
    credit line) it is two; a bare mention ("concernant le chapitre 012", "à l'article 70878") of an
    imputation detailed elsewhere in the text is not one of its own."""
    out: list[Imputation] = []
    found = find_imputations(text)
    decided = {f.codes.key for f in found if not f.recital}
    for f in found:
        key = f.codes.key
        if f.recital and key in decided and f.amount is not None:
            continue  # "Considérant le montant inscrit au BP 2025 pour le chapitre 21 soit 336 900 €"
        same = [k for k, o in enumerate(out) if (o.chapter, o.nature, o.credit_line) == key]
        if same and (f.amount is None or out[same[0]].amount in (None, f.amount)):
            k = same[0]
            if out[k].amount is None and f.amount is not None:
                out[k] = out[k].model_copy(update={"amount": f.amount})
            continue
        out.append(f.record(prov_of(f.start, f.end)))
    return [r for r in out if not _mentioned_only(r, out) and not _summary(r, out)]


def _codes(r: Imputation) -> dict[str, str]:
    return {k: v for k, v in (("c", r.chapter), ("n", r.nature), ("l", r.credit_line)) if v}


def _mentioned_only(r: Imputation, records: list[Imputation]) -> bool:
    """No amount, and its codes are part of a fuller imputation that has one."""
    if r.amount is not None:
        return False
    mine = _codes(r)
    return any(
        o is not r
        and o.amount is not None
        and mine.items() <= _codes(o).items()
        and len(_codes(o)) > len(mine)
        for o in records
    )


def _summary(r: Imputation, records: list[Imputation]) -> bool:
    """The sum of fuller imputations printed again on their common code ("sur les imputations citées
    ci-dessus avec la nature 6574 pour un montant total de 2 907 824 €"): not a line of its own."""
    if r.amount is None:
        return False
    mine = _codes(r)
    parts = [o for o in records if o is not r and o.amount is not None and mine.items() < _codes(o).items()]
    return (
        len(parts) >= 2 and sum((o.amount for o in parts if o.amount is not None), Decimal("0")) == r.amount
    )
