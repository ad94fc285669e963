"""The vocabulary of budget-imputation tables, and their rows as cells.

Both the deliberation (``Code Opération | Imputation budgétaire | Libellé | AE € | Dépense €``)
and the rapport (``... | AE € | Disponible € | Proposition € | Solde €``) print one line per
budget operation, anchored on its operation code (``C02-446A05``) or imputation (``6568/93446``).
This module holds what the three readings share: the header (``HEADER``) and the field each
header cell names (``header_columns``, ``field_of``), the anchors and the cent-precise amounts,
and a row read by its cells (``CellRow``: the stacked lines of each field, from a ruled table in
``budget_ruled`` or a borderless one in ``budget_words``) turned into ``BudgetLine`` records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from delib.extract.amounts import parse_amount
from delib.extract.locator import Prov
from delib.models import BudgetLine, Problem
from delib.models.records import BBox

__all__ = [
    "AMOUNT_FIELDS",
    "CENTS",
    "CODE",
    "HEADER",
    "IMPUTATION",
    "STOP",
    "CellRow",
    "anchored",
    "cell_budget_lines",
    "field_of",
    "glue",
    "header_columns",
]

HEADER = re.compile(r"Code\s+Op[ée]ration", re.IGNORECASE)
COLUMNS = [
    (re.compile(r"\bAE\b"), "ae"),
    (re.compile(r"\bDisponible\b", re.I), "available"),
    (re.compile(r"\bProposition\b", re.I), "proposed"),
    (re.compile(r"\bD[ée]pense\b", re.I), "expense"),
    (re.compile(r"\bMontant\b", re.I), "expense"),
    (re.compile(r"\bSolde\b", re.I), "balance"),
]
CODE = re.compile(r"\b(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z0-9]{2,6}-[A-Z0-9]{3,10}\b")
IMPUTATION = re.compile(r"\b\d{2,6}(?:/\d{2,6})+\b")
CENTS = re.compile(r"(?<![\d,])-?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})*,\d{2}(?!\d)(?:\s*€)?(?:\s*-(?!\d))?")
STOP = re.compile(
    r"^\s*(?:Dans\s+les\s+conditions|La\s+\d+(?:[èe]re|[èe]me)\s+Commission|Pour\s*:|Je\s+vous\s+prie|\(?Adopt|Vote\s*:"
    r"|LE\s+PR[ÉE]SIDENT|Le\s+Pr[ée]sident|Article\s+\d)",
    re.IGNORECASE,
)


def header_columns(header_text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for pat, name in COLUMNS:
        m = pat.search(header_text)
        if m and name not in [n for _, n in found]:
            found.append((m.start(), name))
    return [n for _, n in sorted(found)]


#: the fields that hold amounts, in no particular order
AMOUNT_FIELDS = frozenset(name for _, name in COLUMNS)
FIELDS = [
    (re.compile(r"\bCode\b", re.I), "code"),
    (re.compile(r"\bImputation", re.I), "imp"),
    (re.compile(r"\bLibell[ée]|\bIntitul[ée]", re.I), "label"),
    *COLUMNS,
]
#: continuation columns within this distance (points) of the header table's are the same columns


def glue(lines: list[str]) -> str:
    """Stacked lines of one cell: a line broken after a hyphen or a slash is glued to the next
    (``C06-`` + ``453H01``, ``2021-`` + ``2023``), other lines joined by a space."""
    out = ""
    for ln in lines:
        out += ln if re.search(r"\w[-/]$", out) else (" " if out else "") + ln
    return out


def field_of(header: str) -> str | None:
    for pat, name in FIELDS:
        if pat.search(header):
            return name
    return None


@dataclass
class CellRow:
    """One table row read by its cells: the stacked lines of each field, its page (0-based) and box."""

    page: int
    bbox: BBox
    lines: dict[str, list[str]]


def cell_amount(lines: list[str]) -> Decimal | None:
    """The amount of a cell whose lines may wrap at a thousands space (``6 801`` / ``643,00``)."""
    joined = " ".join(lines)
    value = parse_amount(joined)
    if value is None:
        found = list(CENTS.finditer(joined))
        value = parse_amount(found[0].group(0)) if len(found) == 1 else None
    return value


def anchored(lines: dict[str, list[str]]) -> bool:
    return bool(CODE.search(glue(lines.get("code", []))) or IMPUTATION.search(glue(lines.get("imp", []))))


def cell_budget_lines(
    rows: list[CellRow], columns: list[str], rule: str
) -> tuple[list[BudgetLine], list[Problem]]:
    out: list[BudgetLine] = []
    problems: list[Problem] = []
    for row in rows:
        lines: dict[str, list[str]] = row.lines
        code_m = CODE.search(re.sub(r"(?<=[-/])\s+", "", glue(lines.get("code", []))))
        imp_m = IMPUTATION.search(re.sub(r"\s*/\s*", "/", glue(lines.get("imp", []))))
        if code_m is None and imp_m is None:
            continue  # a total or an empty row
        values = {f: cell_amount(lines.get(f, [])) for f in columns}
        prov: Prov = {"page": row.page + 1, "bbox": row.bbox, "rule": rule}
        missing = [f for f in columns if values[f] is None]
        if missing:
            problems.append(
                Problem(
                    kind="budget_row_incomplete",
                    message=f"no amount read in column(s) {', '.join(missing)} of a ruled budget table",
                    raw=" | ".join(glue(v) for v in lines.values())[:300],
                    **prov,
                )
            )
        label = glue(lines.get("label", [])) or None
        out.append(
            BudgetLine(
                operation_code=code_m.group(0) if code_m else None,
                imputation=imp_m.group(0) if imp_m else None,
                label=" ".join(label.split()) if label else None,
                **{f: v for f, v in values.items() if v is not None},
                **prov,
            )
        )
    return out, problems
