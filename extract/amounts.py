"""Money amounts as French local authorities print them, parsed exactly (Decimal, never float).

Forms met in real publications (see tests/extract/test_amounts.py):

* ``5 234 159,10 €`` (comma decimal, space thousands), ``5 234 159.10 €`` (dot decimal in prose);
* ``115 069 €``, ``7 591,80€``, ``0,00 €``, ``4000 €``, ``4 000 €HT``, ``4 M€``, ``7,2 M€``;
* thousands separators: space, no-break space U+00A0, narrow no-break space U+202F, thin space
  U+2009, apostrophe (``8'355,59€``, ``1’697€``) and dot when every group has three digits
  (``1.697€``);
* negatives: leading minus glued to the number (``-450``, ``-8’355,59€``) and the spreadsheet
  trailing minus (``54 000,00 €-``);
* ``- €`` / ``-`` alone in a spreadsheet cell means zero (nothing granted).

Not every number is money: ``find_amounts`` only returns numbers followed by a currency marker
unless ``require_currency=False``, and even then skips numbers followed by a non-money unit
(``2,5 ETP``, ``527 postes``, ``30 %``), dates (``01/07/2021``) and legal references
(``L.3121-14``, ``article 18``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from delib.models import to_cents

__all__ = ["AmountMatch", "find_amounts", "parse_amount", "parse_number"]

#: characters used as thousands separators between groups of three digits
_GROUP_SEPS = " \u00a0\u202f\u2009\u2007'’.\n"
_SPACES = " \t\u00a0\u202f\u2009\u2007"
_MINUS = "-−–"

_NUMBER = (
    r"(?P<neg>[" + _MINUS + r"](?=\d))?"
    r"(?P<int>\d{1,3}(?:(?:[ \u00a0]\n|[" + _GROUP_SEPS + r"])\d{3})+(?!\d)|\d+)"  # "1 \n850 €": wrapped
    r"(?:(?P<dec>[,.])(?P<frac>\d{1,2})(?!\d))?"
)
_CURRENCY = (
    r"(?P<cur>[" + _SPACES + r"]*\n?[" + _SPACES + r"]*"
    r"(?:(?P<mult>[kKM])[" + _SPACES + r"]?)?(?:€|EUR\b|[Ee]uros?\b))"
)
_TRAIL = r"(?P<trail>[" + _SPACES + r"]?-(?![\w\d]))?"

_AMOUNT_RE = re.compile(r"(?<![\w.,/'’°-])" + _NUMBER + r"(?:" + _CURRENCY + _TRAIL + r")?")

#: units after which a number is not money
_NON_MONEY_UNIT = re.compile(
    r"^[" + _SPACES + r"]*(?:%|ETP\b|postes?\b|places?\b|participants?\b|personnes?\b|b[ée]n[ée]ficiaires?\b"
    r"|structures?\b|dispositifs?\b|op[ée]rations?\b|ans?\b|mois\b|jours?\b|heures?\b|h\b|km\b|m2\b|m²|ha\b"
    r"|voix\b|logements?\b|salari[ée]s?\b|référents?\b|binômes?\b|associations?\b|sorties?\b)",
    re.IGNORECASE,
)
#: words before which a number is a reference, not money
_REFERENCE_BEFORE = re.compile(
    r"(?:articles?|art\.|n°|no|num[ée]ro|chapitre|compte|nature|ligne(?: de cr[ée]dit)?|fonction|lot"
    r"|annexe|op[ée]ration|page|article\s+L\.?|délibération)\s*(?:[\dL.\-]+\s*(?:,|et)\s*)*$",
    re.IGNORECASE,
)

_ZERO_CELL = re.compile(r"^[" + _MINUS + r"]\s*(?:€|EUR)?$")
_MULT = {"k": Decimal(1000), "K": Decimal(1000), "M": Decimal(1_000_000)}


@dataclass(frozen=True)
class AmountMatch:
    """One amount found in a text: exact value (to the cent), span in the text, raw text."""

    value: Decimal
    span: tuple[int, int]
    raw: str
    has_currency: bool = True


def _to_decimal(m: re.Match[str]) -> Decimal | None:
    int_part = m.group("int")
    dec = m.group("dec")
    frac = m.group("frac")
    digits = re.sub(r"\D", "", int_part)
    seps = {" " if c.isspace() else c for c in int_part if not c.isdigit()}
    if len(seps) > 1:
        return None  # "1 234.567": mixed separators, not a number we trust
    if dec and seps and dec in seps:
        return None  # "1.234.56"
    try:
        value = Decimal(digits + ("." + frac if frac else ""))
    except InvalidOperation:  # pragma: no cover - the regex only lets digits through
        return None
    mult = m.group("mult") if "mult" in m.groupdict() else None
    if mult:
        value *= _MULT[mult]
    if m.group("neg") or (m.groupdict().get("trail") or "").strip():
        value = -value
    return to_cents(value)


def parse_number(text: str) -> Decimal | None:
    """A bare number with French separators (``2 642 000``, ``9,16``), exact; None if not one."""
    m = re.fullmatch(_NUMBER, text.strip())
    if not m:
        return None
    digits = re.sub(r"\D", "", m.group("int"))
    frac = m.group("frac")
    value = Decimal(digits + ("." + frac if frac else ""))
    return -value if m.group("neg") else value


_PARENS = re.compile(r"\((.+)\)")


def parse_amount(text: str) -> Decimal | None:
    """Parse a cell or a short string holding exactly one amount.

    ``"54 000,00 €-"`` -> ``Decimal("-54000.00")``; ``"- €"`` -> ``Decimal("0.00")``;
    ``"-450"`` -> ``Decimal("-450.00")``; accounting parentheses ``"(418 500 €)"`` ->
    ``Decimal("-418500.00")``; anything else than one amount -> None.
    """
    s = text.strip()
    if not s:
        return None
    m = _PARENS.fullmatch(s)
    if m:
        inner = parse_amount(m.group(1))
        return -inner if inner is not None else None
    if _ZERO_CELL.match(s):
        return to_cents(0)
    m = _AMOUNT_RE.fullmatch(s)
    if not m:
        # tolerate "€ 1 234,00" and a trailing "HT"/"TTC"
        s2 = re.sub(r"^(?:€|EUR)\s*", "", s)
        s2 = re.sub(r"\s*(?:HT|TTC)\.?$", "", s2)
        if s2 == s:
            return None
        return parse_amount(s2) if s2 else None
    return _to_decimal(m)


def find_amounts(text: str, *, require_currency: bool = True) -> list[AmountMatch]:
    """All money amounts in ``text`` (in order), with their span and raw text.

    With ``require_currency`` (the default, right for prose) only numbers followed by ``€``,
    ``EUR`` or ``euros`` count.  Without it, bare numbers count too, except those followed by a
    non-money unit, preceded by a reference word (article, n°, chapitre ...) or part of a date.
    """
    out: list[AmountMatch] = []
    for m in _AMOUNT_RE.finditer(text):
        has_cur = bool(m.group("cur"))
        if not has_cur:
            if require_currency:
                continue
            after = text[m.end() : m.end() + 20]
            if _NON_MONEY_UNIT.match(after) or re.match(r"^\s*[/:]\d", after):
                continue
            before = text[max(0, m.start() - 60) : m.start()]
            if _REFERENCE_BEFORE.search(before):
                continue
        if "\n" in m.group("int") and not has_cur:
            continue  # a number broken over two lines only counts when a currency sign follows
        value = _to_decimal(m)
        if value is None:
            continue
        raw = m.group(0).strip()
        out.append(AmountMatch(value=value, span=(m.start(), m.end()), raw=raw, has_currency=has_cur))
    return out
