"""What a page is, from the first lines of its text: the start of a rapport, of a deliberation or
of an annex, a page of a convention, a page of a table of amounts.

``parts.split_publication`` walks the pages with these and cuts the publication into its parts.
Regexes over the pypdfium2 text of a page only (no geometry): it runs on every page.
"""

from __future__ import annotations

import re

from delib.extract.amounts import find_amounts

__all__ = [
    "REPORT_START",
    "annex_label",
    "is_convention",
    "is_delib_start",
    "is_report_start",
    "is_table_page",
    "page_head",
]

REPORT_START = re.compile(r"^\s*RAPPORT\s+N\s*[°º]\s*\d+", re.MULTILINE)
_DELIB_HEAD = re.compile(
    r"D[ÉE]LIB[ÉE]RATION\s+(?:DE\s+LA|DU|de\s+la|du)\b|^\s*D[ÉE]LIB[ÉE]RATION\b|Extrait\s+du\s+registre\s+des\s*\n?\s*d[ée]lib[ée]rations"
    r"|EXTRAIT\s+DU\s+REGISTRE|Compte[\s-]*rendu\s+(?:du|de\s+la)\s+(?:Conseil|s[ée]ance|r[ée]union)"
    r"|Proc[èe]s[\s-]*verbal\s+(?:du|de\s+la)\s+(?:Conseil|s[ée]ance)|^\s*Conseil\s+municipal\s+du\b",
    re.IGNORECASE | re.MULTILINE,
)
_SESSION = re.compile(
    r"R[ÉE]UNION\s+DU|S[ée]ance\s+(?:publique\s+)?du|Conseil\s+municipal\s+du", re.IGNORECASE
)
_PRESENTS = re.compile(r"pr[ée]sents?\s*:|^\s*Pr[ée]sents?\s*$", re.IGNORECASE | re.MULTILINE)
# An annex heading is a title: "Annexe 3", "ANNEXE N°2", "ANNEXE 1 - OBLIGATIONS ...", "Annexe 2 : Intitulé",
# "Annexe 1 à la délibération n°2014/121": capitalised, the number standing alone or followed by a
# title.  A wrapped sentence whose line happens to start "annexe 3 à la présente délibération."
# (lower case, a sentence running on to its full stop) is not one: see ``annex_label``.
_ANNEX_START = re.compile(
    r"^[ \t]*(?:Annexe|ANNEXE)[ \t]*(?:[Nn][ \t]*[°º][ \t]*)?(?P<n>\d+|[IVX]+)\b(?P<rest>[^\n]*)",
    re.MULTILINE,
)
# Wordings that only a convention uses.  A lone "CONVENTION" line is a title only when it is
# written in capitals near the top of a page that is not a table of amounts: a spreadsheet wraps
# its header cell "Avenant/convention" so that "convention" stands alone on a line of a grant table.
_CONVENTION = re.compile(
    r"Il\s+a\s+[ée]t[ée]\s+convenu\s+ce\s+qui\s+suit|d['’]une\s+part.{0,400}d['’]autre\s+part"
    r"|^\s*Entre\s+(?:le|la|les|l['’])\s",
    re.IGNORECASE | re.MULTILINE | re.DOTALL,
)
#: "CONVENTION", "CONVENTION DE PARTENARIAT", "CONVENTION ATTRIBUTIVE DE SUBVENTION N°..." (capitals)
_CONVENTION_TITLE = re.compile(r"^[ \t]*CONVENTION\b[^a-zà-ÿ\n]*$", re.M)
_GRANT_WORDS = re.compile(
    r"STRUCTURE|B[ÉE]N[ÉE]FICIAIRE|ASSOCIATION|MONTANT|Avenant|Convention|Subvention|TOTAL", re.IGNORECASE
)


def page_head(text: str, n_lines: int = 30) -> str:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    return "\n".join(lines[:n_lines])


def is_report_start(text: str) -> bool:
    return bool(REPORT_START.search(page_head(text, 20)))


def is_delib_start(text: str) -> bool:
    head = page_head(text, 30)
    if is_report_start(text):
        return False
    if _DELIB_HEAD.search(page_head(text, 12)):
        return bool(_SESSION.search(head) or _PRESENTS.search(page_head(text, 60)))
    return False


def annex_label(text: str) -> str | None:
    for m in _ANNEX_START.finditer(page_head(text, 5)):
        rest = m.group("rest").strip()
        # "Annexe 3", "Annexe 3 - Titre", "ANNEXE 1 : ...", "Annexe 1 à la délibération n°..."; not a
        # sentence continued after the number and closed by its punctuation
        if not rest or rest[0] in "-–—:.)" or not rest.endswith((".", ";", ",")):
            return f"Annexe {m.group('n')}"
    return None


def is_convention(text: str) -> bool:
    if _CONVENTION.search(text[:6000]):
        return True
    lines = [ln for ln in text.split("\n") if ln.strip()]
    for k, ln in enumerate(lines[:25]):
        if _CONVENTION_TITLE.match(ln):
            prev = lines[k - 1].rstrip() if k else ""
            if prev.endswith(("/", "-")):
                continue  # the second line of a wrapped cell ("AVENANT/" / "CONVENTION")
            return not is_table_page(text)
    return False


#: a money cell in a row, whatever column stands before it: "Arras Nord 127 297.180,00 EUR
#: Avenant" (a count of places, then the amount: one number with two kinds of separator to
#: ``find_amounts``, which rightly reads none)
_MONEY_CELL = re.compile(r"(?<![\d.,])\d{1,3}(?:[.  ]\d{3})*,\d\d[ \t]*(?:€|EUR\b)")


def is_table_page(text: str) -> bool:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if not lines:
        return False
    short = sum(1 for ln in lines if len(ln) <= 3)
    long_lines = [ln for ln in lines if len(ln) > 3]
    with_amount = sum(
        1
        for ln in long_lines
        if find_amounts(ln) or re.search(r"\d[\d  ]*,\d\d\s*$", ln) or _MONEY_CELL.search(ln)
    )
    ratio = with_amount / max(1, len(long_lines))
    if with_amount >= 8 and ratio >= 0.5:
        return True  # a continuation page of a table need not repeat its header
    if not _GRANT_WORDS.search(text):
        return False
    if with_amount >= 8 and ratio >= 0.3:
        return True
    if with_amount >= 2 and ratio >= 0.3 and _header_near_top(lines):
        return True  # a small table (one operation's rows and its total) under its header
    return short >= 20 and with_amount >= 3


_HEADER_WHO = re.compile(r"\b(?:STRUCTURE|B[ÉE]N[ÉE]FICIAIRE|ASSOCIATION|ORGANISME|PORTEUR)", re.IGNORECASE)
_HEADER_MONEY = re.compile(r"\b(?:MONTANT|SUBVENTION|PARTICIPATION)", re.IGNORECASE)


def _header_near_top(lines: list[str]) -> bool:
    """Does a grant table header (a beneficiary column and an amount column) open the page?"""
    for k in range(min(len(lines), 6)):
        pair = " ".join(lines[k : k + 2])
        if _HEADER_WHO.search(pair) and _HEADER_MONEY.search(pair) and not find_amounts(pair):
            return True
    return False
