"""A budget table read from the text layer alone (rule ``budget.text.v1``).

The text layer keeps the codes and the amounts of a row together but wraps the label above and
below them::

    Indemnisation des
    C02-446A05 6568/93446
    organismes
    référents
    6 801 643,00 2 303 965,28 115 069,00 2 188 896,28

so a row is anchored on its operation code / imputation; its amounts are the next cent-precise
numbers (as many as the header has amount columns, in header order); its label is the other
text between the previous row and its amounts.  Page and bbox come from the lines of the anchor
and of the amounts.  A code broken at its hyphen and an amount wrapped at a thousands space are
put back together; in a rapport, Disponible − Proposition = Solde decides between the wrapped and
the line-by-line reading of the amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from delib.extract.amounts import parse_amount
from delib.extract.budget_rows import CENTS, CODE, HEADER, IMPUTATION, STOP, glue
from delib.extract.locator import Locator, provenance, row_bbox
from delib.extract.parts import PartText
from delib.models import BudgetLine, Problem

__all__ = ["TextRow", "best_text_rows", "first_row_at", "text_reading"]

_CODE_HEAD = re.compile(r"(?:^|\s)([A-Z0-9]{2,6}-)\s*$")
_CODE_TAIL = re.compile(r"^\s*([A-Z0-9]{3,10})\b")
_WRAPPED_HEAD = re.compile(r"(?<![\d,.])-?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})*\s*$")
_WRAPPED_TAIL = re.compile(r"^\s*\d{3}(?:[ \u00a0\u202f\u2009]\d{3})*,\d{2}(?!\d)")
_Line = tuple[int, int, str]  # (start, end, text) in the part text; text may join two printed lines


#: how ``_logical_lines`` joins a line ending with digits to a line starting with the rest of an
#: amount: never; only when the digits stand alone after the complete amounts of their line
#: (``6 801`` / ``643,00``, ``115 069,00 2 188`` / ``896,28``) or hold a thousands group themselves
#: (``2021-2023 10 754`` / ``962,00``); or also after a label (``tranche 2`` / ``500 000,00`` is
#: then ambiguous)
_NEVER, _BARE, _ALWAYS = 0, 1, 2


@dataclass
class TextRow:
    """One row of the text layer: its anchors, label lines and amounts (as printed, as read), and
    where it lies in the part text (``start`` to ``end``)."""

    code: str | None
    imp: str | None
    start: int
    end: int
    label: list[str] = field(default_factory=list)
    amounts: list[tuple[str, Decimal]] = field(default_factory=list)


def _logical_lines(text: str, start: int, join_wrapped: int) -> list[_Line]:
    """The lines of ``text`` from ``start``, where a code broken at its hyphen (``C06-`` /
    ``453H01 6574/93583``) is put back on one line and, as ``join_wrapped`` says, an amount
    wrapped at a thousands space (``... 6 801`` / ``643,00 2 303 965,28``) too."""
    raw = [(start + m.start(), start + m.end(), m.group(0)) for m in re.finditer(r"[^\n]+", text[start:])]
    out: list[_Line] = []
    for ls, le, line in raw:
        if out:
            ps, _, prev = out[-1]
            head = _CODE_HEAD.search(prev)
            tail = _CODE_TAIL.match(line)
            if head and tail and CODE.fullmatch(head.group(1) + tail.group(1)):
                out[-1] = (ps, le, prev.rstrip() + line.lstrip())
                continue
            if join_wrapped != _NEVER and _WRAPPED_TAIL.match(line):
                body = CENTS.sub(" ", prev)  # the digits at the end belong to no complete amount
                digits = _WRAPPED_HEAD.search(body)
                if digits and (
                    join_wrapped == _ALWAYS
                    or not body[: digits.start()].strip()  # alone after the complete amounts
                    or re.search(r"\d[ \u00a0\u202f\u2009]\d{3}", digits.group(0))  # "10 754"
                ):
                    out[-1] = (ps, le, prev.rstrip() + " " + line.lstrip())
                    continue
        out.append((ls, le, line))
    return out


def _text_rows(text: str, first_row: int, n_cols: int, join_wrapped: int) -> list[TextRow]:
    rows: list[TextRow] = []
    label_buf: list[str] = []
    current: TextRow | None = None
    for ls, le, line in _logical_lines(text, first_row, join_wrapped):
        if STOP.match(line) or HEADER.search(line):
            break
        code = CODE.search(line)
        imp = IMPUTATION.search(line)
        rest = line
        if code or imp:
            if current is not None and len(current.amounts) < n_cols:
                rows.append(current)  # incomplete: reported below
            current = TextRow(
                code=code.group(0) if code else None,
                imp=imp.group(0) if imp else None,
                start=ls,
                end=le,
                label=list(label_buf),
            )
            label_buf = []
            for m in (code, imp):
                if m:
                    rest = rest.replace(m.group(0), " ", 1)
        amounts = [(m.group(0), parse_amount(m.group(0))) for m in CENTS.finditer(rest)]
        residue = CENTS.sub(" ", rest).strip()
        if current is None:
            if residue:
                label_buf.append(residue)
            continue
        if residue and len(current.amounts) < n_cols:
            current.label.append(residue)
        elif residue:
            label_buf.append(residue)
        for raw, value in amounts:
            if len(current.amounts) < n_cols and value is not None:
                current.amounts.append((raw, value))
                current.end = le
        if len(current.amounts) >= n_cols:
            rows.append(current)
            current = None
    if current is not None:
        rows.append(current)
    return rows


def _balanced(columns: list[str], amounts: list[Decimal]) -> bool | None:
    """Disponible − Proposition = Solde for one row; None when the table has not these columns."""
    if not {"available", "proposed", "balance"} <= set(columns) or len(amounts) != len(columns):
        return None
    v = dict(zip(columns, amounts, strict=True))
    return v["available"] - v["proposed"] == v["balance"]


def best_text_rows(text: str, first_row: int, columns: list[str]) -> list[TextRow]:
    """Rows read with the amounts wrapped at a thousands space joined when their digits stand alone
    on a line, unless another reading (every wrap joined, none joined) balances more rapport rows
    (Disponible − Proposition = Solde) or completes more rows."""
    readings = [_text_rows(text, first_row, len(columns), mode) for mode in (_BARE, _ALWAYS, _NEVER)]

    def score(rows: list[TextRow]) -> tuple[int, int]:
        ok = [_balanced(columns, [v for _, v in r.amounts]) for r in rows]
        complete = sum(1 for r in rows if len(r.amounts) == len(columns))
        return sum(1 for b in ok if b), complete

    return max(readings, key=score)  # the first of the best: _BARE on a tie


def first_row_at(text: str, header_start: int) -> int | None:
    """Where the first row of the table whose header starts at ``header_start`` begins."""
    n_header_lines = 0
    for s, _, line in _logical_lines(text, header_start, _NEVER):
        if CODE.search(line) or (IMPUTATION.search(line) and not re.search(r"Imputation", line, re.I)):
            return s
        n_header_lines += 1
        if n_header_lines > 13:
            break
    return None


def text_reading(
    pt: PartText, texts: list[str], locator: Locator | None, first_row: int, columns: list[str], rule: str
) -> tuple[list[BudgetLine], list[Problem]]:
    """The rows of a table read from the text layer, each boxed on its row when a locator is given."""
    text = pt.text
    out: list[BudgetLine] = []
    problems: list[Problem] = []
    n_cols = len(columns)
    for row in best_text_rows(text, first_row, columns):
        prov = provenance(pt, texts, locator, row.start, row.end, rule)
        anchor = row.code or row.imp
        if locator is not None and anchor and prov["page"] is not None:
            box = row_bbox(locator, prov["page"] - 1, anchor)
            if box is not None:
                prov["bbox"] = box
        values: dict[str, Decimal] = {}
        for name, (_, value) in zip(columns, row.amounts, strict=False):
            values[name] = value
        if len(row.amounts) != n_cols:
            problems.append(
                Problem(
                    kind="budget_row_incomplete",
                    message=f"{len(row.amounts)} amounts read for {n_cols} columns ({', '.join(columns)})",
                    raw=text[row.start : row.end][:300],
                    **prov,
                )
            )
        label = " ".join(glue(row.label).split()) or None
        out.append(BudgetLine(operation_code=row.code, imputation=row.imp, label=label, **values, **prov))
    return out, problems
