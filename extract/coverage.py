"""Coverage checks: nothing announced, printed or totalled may be lost without a failed check.

(The imputation check compares an imputation's amount with all the grants of its deliberation,
or with the printed total of the table it repeats.)

* ``announced_grants_are_read``: a deliberation that announces a list or table of grants
  ("ci-annexé", "tableau ci-dessous", "la liste suivante", "les subventions suivantes") yields
  grant lines; a document whose annex was not read fails here, on the page of the announcement.
* ``grant_lines_sum_to_list_total``: the grants of a list printed in a compte rendu add up to the
  list's printed total ("Soit un total de 1400€").
* ``imputation_amount_equals_grants``: an imputation on the nature of grants (6574, chapter 65)
  that prints an amount equals the grants the deliberation gives.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from delib.extract.amounts import parse_amount
from delib.extract.checks import _check
from delib.models import Check, Deliberation, Grant, GrantTotal, Problem, TotalLevel

_ANNOUNCE = re.compile(
    r"(?:ci-?annex[ée]e?s?|(?:reprise?s?|pr[ée]sent[ée]e?s?|d[ée]taill[ée]e?s?|figurant|list[ée]e?s?|indiqu[ée]e?s?)\s+"
    r"(?:en|dans\s+l['’]|à\s+l['’])\s*annexe|(?:tableau|liste|r[ée]partition)\s+(?:ci-)?(?:dessous|apr[èe]s|jointe?|suivante?)"
    r"|(?:subventions?|associations?)\s+suivantes?\s*:)",
    re.IGNORECASE,
)
_GRANT_CONTEXT = re.compile(
    r"subventions?|aides?\s+financi|participations?\s+financi|attribuer|r[ée]partition\s+financi", re.I
)
_GRANT_NATURE = re.compile(r"^(?:6574\d*|657\d*)$")


def _announcement(body: str) -> re.Match[str] | None:
    for m in _ANNOUNCE.finditer(body):
        before = body[max(0, m.start() - 220) : m.start()]
        sentence = before[max(before.rfind(". "), before.rfind(";\n"), before.rfind(" ;"), 0) :]
        if re.search(r"\brapport\b|\bconvention\b", sentence[-80:], re.I):
            continue  # "Vu le rapport du Président, ci-annexé", "la convention jointe en annexe 4"
        if re.search(r"\b(?:DETR|DSIL|sollicit)", sentence, re.I):
            continue  # a request for grants from another body announces no grant given
        if _GRANT_CONTEXT.search(sentence + body[m.start() : m.end() + 120]):
            return m
    return None


def announced_grants(d: Deliberation, body: str, page_of: Callable[[int], int | None]) -> list[Check]:
    m = _announcement(body)
    if m is None:
        return []
    page = page_of(m.start())
    return [
        Check(
            name="announced_grants_are_read",
            passed=bool(d.grants),
            expected="grant lines",
            found=str(len(d.grants)),
            page=page,
            detail=" ".join(body[max(0, m.start() - 100) : m.end()].split())[-160:],
        )
    ]


def list_totals(d: Deliberation) -> list[Check]:
    out = []
    for t in d.grant_totals:
        if t.level != TotalLevel.SUBTOTAL or not d.grants:
            continue
        found = sum((g.amount for g in d.grants), Decimal("0.00"))
        detail = f"{len(d.grants)} grant lines, total printed as {t.label or 'total'}"
        out.append(_check("grant_lines_sum_to_list_total", t.amount, found, t.page, detail))
    return out


def imputation_vs_grants(d: Deliberation) -> list[Check]:
    if not d.grants:
        return []
    granted = sum((g.amount for g in d.grants), Decimal("0.00"))
    out = []
    for imp in d.imputations:
        nature_is_grant = bool(imp.nature and _GRANT_NATURE.match(imp.nature))
        if imp.amount is None or not (nature_is_grant or (imp.chapter or "") == "65"):
            continue
        # the imputation funds all the grants of the deliberation, or the table whose printed
        # total it repeats (a recueil prints "les crédits seront prélevés sur la ligne …" under each)
        table = next((t for t in d.grant_totals if t.amount == imp.amount), None)
        found = imp.amount if table is not None and imp.amount != granted else granted
        detail = (
            f"{imp.text}: the total printed p.{table.page} ({table.label or 'total'})"
            if table is not None and imp.amount != granted
            else f"{imp.text} against {len(d.grants)} grant lines"
        )
        out.append(_check("imputation_amount_equals_grants", imp.amount, found, imp.page, detail))
    return out


def coverage_checks(
    d: Deliberation, body: str, page_of: Callable[[int], int | None] | None = None
) -> list[Check]:
    """The coverage checks of one deliberation (``body``: its text; ``page_of``: the 1-based page of
    an offset of it, so that a failed check names the page of the announcement)."""
    where = page_of or (lambda _pos: d.page)
    return [*announced_grants(d, body, where), *list_totals(d), *imputation_vs_grants(d)]


# -- amounts of a grant table's amount column that no value took ---------------------------------
_TABLE_RULE = re.compile(r"^grants\.(?:lattice|text|columns)")
_NUMERIC = re.compile(r"^[\d\s\u00a0\u202f.,'’€()-]+$")
# an amount as a table prints it: with €, cents or grouped thousands (a bare "2024" is a year)
_MONEY_LOOK = re.compile(r"€|,\d{2}\b|\d[\s\u00a0\u202f.'’]\d{3}\b")
Box = tuple[float, float, float, float]


def _cells(words: list[dict[str, Any]]) -> list[tuple[str, Box]]:
    """Numeric words of a page joined into cells ("25" "007,59" "€" -> "25 007,59 €"), each with its box,
    when no word with letters stands within 20 pt on its line (a table cell, not a number in prose)."""
    words = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    out: list[tuple[str, Box]] = []
    run: list[dict[str, Any]] = []

    def close() -> None:
        if run:
            out.append(
                (
                    " ".join(w["text"] for w in run),
                    (run[0]["x0"], run[0]["top"], run[-1]["x1"], run[-1]["bottom"]),
                )
            )
            run.clear()

    for w in words:
        same_line = run and abs(w["top"] - run[-1]["top"]) < 2
        if run and not (same_line and w["x0"] - run[-1]["x1"] < 0.6 * (w["bottom"] - w["top"])):
            close()
        if _NUMERIC.match(w["text"]) and (run or any(c.isdigit() for c in w["text"])):
            run.append(w)
        else:
            close()
    close()
    lettered = [w for w in words if any(c.isalpha() for c in w["text"]) and w["text"] != "€"]
    return [
        (t, b)
        for t, b in out
        if _MONEY_LOOK.search(t)
        and not any(
            abs(w["top"] - b[1]) < 2 and (b[0] - 20 < w["x1"] and w["x0"] < b[2] + 20) for w in lettered
        )
    ]


def unread_table_amounts(
    pages: Callable[[int], list[dict[str, Any]]], grants: list[Grant], totals: list[GrantTotal]
) -> list[Problem]:
    """Amounts printed in the amount column of a grant table that were not read as any grant or total,
    one problem per page (``pages(page)``: the pdfplumber words of a 1-based page).  The column is
    where the read amounts sit; a cell of it is read when a row read on its line has its value."""
    rows: dict[int, list[tuple[Decimal, Box]]] = {}
    values: list[Grant | GrantTotal] = [*grants, *totals]
    for v in values:
        if v.page and v.bbox and _TABLE_RULE.match(v.rule or ""):
            rows.setdefault(v.page, []).append((v.amount, (v.bbox[0], v.bbox[1], v.bbox[2], v.bbox[3])))
    out: list[Problem] = []
    for page, read in sorted(rows.items()):
        cells = [(parse_amount(t if "€" in t else t + " €"), b) for t, b in _cells(pages(page))]
        cells = [(v, b) for v, b in cells if v]  # unreadable, or zero: no grant
        taken = [
            b
            for value, b in cells
            if any(value == amt and rb[1] - 1 <= (b[1] + b[3]) / 2 <= rb[3] + 1 for amt, rb in read)
        ]
        if not taken:
            continue
        left, right = min(b[0] for b in taken) - 2, max(b[2] for b in taken) + 2
        column = [(value, b) for value, b in cells if value is not None and b[0] < right and b[2] > left]
        unread = [
            (value, b)
            for value, b in column
            if not any(value == amt and rb[1] - 1 <= (b[1] + b[3]) / 2 <= rb[3] + 1 for amt, rb in read)
        ]
        if unread:
            out.append(
                Problem(
                    kind="grant.unread_amounts",
                    message=f"{len(unread)} amount(s) of the grant table's amount column on page {page} read as no grant or total",
                    raw=" ; ".join(str(v) for v, _ in unread[:20]),
                    page=page,
                    bbox=unread[0][1],
                    rule="coverage.unread_table_amounts.v1",
                )
            )
    return out
