"""The rapport presented to the assembly, and the budget-imputation tables.

Both the deliberation (``Code Opération | Imputation budgétaire | Libellé | AE € | Dépense €``)
and the rapport (``... | AE € | Disponible € | Proposition € | Solde €``) print one line per
budget operation.  The text layer keeps the codes and the amounts of a row together but
wraps the label above and below them::

    Indemnisation des
    C02-446A05 6568/93446
    organismes
    référents
    6 801 643,00 2 303 965,28 115 069,00 2 188 896,28

so a row is anchored on its operation code / imputation; its amounts are the next cent-precise
numbers (as many as the header has amount columns, in header order); its label is the other
text between the previous row and its amounts.  Rule ``budget.text.v1``; page and bbox come
from the lines (pdfplumber) of the anchor and of the amounts.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from delib.extract.amounts import parse_amount
from delib.extract.parts import Locator, Part, PartText, part_text, provenance, row_bbox
from delib.models import BudgetLine, Problem, Report

__all__ = ["parse_budget_table", "parse_report"]

_HEADER = re.compile(r"Code\s+Op[ée]ration", re.IGNORECASE)
_COLUMNS = [
    (re.compile(r"\bAE\b"), "ae"),
    (re.compile(r"\bDisponible\b", re.I), "available"),
    (re.compile(r"\bProposition\b", re.I), "proposed"),
    (re.compile(r"\bD[ée]pense\b", re.I), "expense"),
    (re.compile(r"\bMontant\b", re.I), "expense"),
    (re.compile(r"\bSolde\b", re.I), "balance"),
]
_CODE = re.compile(r"\b(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z0-9]{2,6}-[A-Z0-9]{3,10}\b")
_IMPUTATION = re.compile(r"\b\d{2,6}(?:/\d{2,6})+\b")
_CENTS = re.compile(r"(?<![\d,])-?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})*,\d{2}(?!\d)(?:\s*€)?(?:\s*-(?!\d))?")
_STOP = re.compile(
    r"^\s*(?:Dans\s+les\s+conditions|La\s+\d+(?:[èe]re|[èe]me)\s+Commission|Pour\s*:|Je\s+vous\s+prie|\(?Adopt|Vote\s*:"
    r"|LE\s+PR[ÉE]SIDENT|Le\s+Pr[ée]sident|Article\s+\d)",
    re.IGNORECASE,
)


def _columns(header_text: str) -> list[str]:
    found: list[tuple[int, str]] = []
    for pat, name in _COLUMNS:
        m = pat.search(header_text)
        if m and name not in [n for _, n in found]:
            found.append((m.start(), name))
    return [n for _, n in sorted(found)]


def parse_budget_table(
    pt: PartText,
    texts: list[str],
    locator: Locator | None,
    *,
    columns_hint: tuple[str, ...] = (),
    rule: str = "budget.text.v1",
) -> tuple[list[BudgetLine], list[Problem]]:
    """Budget lines of every ``Code Opération`` table in ``pt``."""
    text = pt.text
    out: list[BudgetLine] = []
    problems: list[Problem] = []
    for hm in _HEADER.finditer(text):
        # the header runs until the first row anchor
        lines: list[tuple[int, str]] = []
        pos = hm.start()
        first_row = None
        for lm in re.finditer(r"[^\n]*", text[hm.start() :]):
            s = hm.start() + lm.start()
            if s < pos:
                continue
            line = lm.group(0)
            if _CODE.search(line) or (_IMPUTATION.search(line) and not re.search(r"Imputation", line, re.I)):
                first_row = s
                break
            if len(lines) > 12:
                break
            lines.append((s, line))
        if first_row is None:
            continue
        columns = _columns(text[hm.start() : first_row]) or list(columns_hint)
        n_cols = len(columns)
        if n_cols == 0:
            problems.append(
                Problem(
                    kind="budget_table_unreadable",
                    message="no amount column in the table header",
                    raw=text[hm.start() : first_row][:200],
                    **provenance(pt, texts, locator, hm.start(), first_row, rule),
                )
            )
            continue
        rows: list[dict[str, Any]] = []
        label_buf: list[str] = []
        current: dict[str, Any] | None = None
        for lm in re.finditer(r"[^\n]+", text[first_row:]):
            ls = first_row + lm.start()
            line = lm.group(0)
            if _STOP.match(line) or _HEADER.search(line):
                break
            code = _CODE.search(line)
            imp = _IMPUTATION.search(line)
            rest = line
            if code or imp:
                if current is not None and len(current["amounts"]) < n_cols:
                    rows.append(current)  # incomplete: reported below
                current = {
                    "code": code.group(0) if code else None,
                    "imp": imp.group(0) if imp else None,
                    "label": list(label_buf),
                    "amounts": [],
                    "start": ls,
                    "end": ls + len(line),
                }
                label_buf = []
                for m in (code, imp):
                    if m:
                        rest = rest.replace(m.group(0), " ", 1)
            amounts = [(m.group(0), parse_amount(m.group(0))) for m in _CENTS.finditer(rest)]
            residue = _CENTS.sub(" ", rest).strip()
            if current is None:
                if residue:
                    label_buf.append(residue)
                continue
            if residue and len(current["amounts"]) < n_cols:
                current["label"].append(residue)
            elif residue:
                label_buf.append(residue)
            for raw, value in amounts:
                if len(current["amounts"]) < n_cols and value is not None:
                    current["amounts"].append((raw, value))
                    current["end"] = ls + len(line)
            if len(current["amounts"]) >= n_cols:
                rows.append(current)
                current = None
        if current is not None:
            rows.append(current)
        for row in rows:
            prov = provenance(pt, texts, locator, row["start"], row["end"], rule)
            anchor = row["code"] or row["imp"]
            if locator is not None and anchor:
                box = row_bbox(locator, prov["page"] - 1, anchor)
                if box is not None:
                    prov["bbox"] = box
            values: dict[str, Decimal] = {}
            for name, (_, value) in zip(columns, row["amounts"], strict=False):
                values[name] = value
            if len(row["amounts"]) != n_cols:
                problems.append(
                    Problem(
                        kind="budget_row_incomplete",
                        message=f"{len(row['amounts'])} amounts read for {n_cols} columns ({', '.join(columns)})",
                        raw=text[row["start"] : row["end"]][:300],
                        **prov,
                    )
                )
            label = " ".join(" ".join(row["label"]).split()) or None
            out.append(
                BudgetLine(operation_code=row["code"], imputation=row["imp"], label=label, **values, **prov)
            )
    return out, problems


_REPORT_NUMBER = re.compile(r"RAPPORT\s+N\s*[°º]\s*(\w[\w./-]*)", re.IGNORECASE)


def parse_report(
    doc: Any,
    part: Part,
    *,
    texts: list[str] | None = None,
    locator: Locator | None = None,
    geometry: bool = True,
    problems: list[Problem] | None = None,
) -> Report:
    """The rapport: its number (``RAPPORT N°42`` -> ``"42"``) and its budget table.

    What cannot be read is appended to ``problems`` when a list is given (Report has no
    problems field: the caller files them on the deliberation).
    """
    texts = texts if texts is not None else doc.texts()
    if geometry and locator is None:
        from delib.extract.deliberation import locator_for

        locator = locator_for(doc)
    if not geometry:
        locator = None
    pt = part_text(texts, part.span)
    m = _REPORT_NUMBER.search(pt.text)
    prov = provenance(pt, texts, locator, m.start() if m else 0, m.end() if m else 1, "report.number.v1")
    lines, found = parse_budget_table(
        pt,
        texts,
        locator,
        columns_hint=("ae", "available", "proposed", "balance"),
        rule="report.budget.text.v1",
    )
    if problems is not None:
        problems.extend(found)
        if m is None:
            problems.append(Problem(kind="field_missing", message="no RAPPORT N° found", **prov))
    return Report(number=m.group(1) if m else None, budget_lines=lines, **prov)
