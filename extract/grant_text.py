"""Grant tables printed without cell borders (a spreadsheet's default print), read from text positions.

With no ruling lines there is no cell geometry: the columns come from the header line (each
header phrase owns the x range up to the midpoint with its neighbours), every phrase of a body
line goes to the column holding its centre, and a line with an amount in the amount column is
a record; a line without one (a wrapped cell) joins the record whose amount line is nearest.
A label printed once for a group of rows (a territory, an operation) is *not* copied to the
other rows: without borders nothing says which rows the group covers.

Rule: ``grants.text.v1``.  Used only on pages where no ruled grant table was read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from delib.extract.amounts import parse_amount
from delib.extract.grant_columns import header_roles
from delib.extract.table_text import Char, Phrase, line_phrases

RULE_TEXT = "grants.text.v1"

#: an amount cell of a borderless table looks like money (euro sign or cents), not a count.
_MONEY = re.compile(r"€|\bEUR\b|\d,\d\d\b")

#: a body line further below the previous one than this many line heights ends the table.
_MAX_GAP = 2.5


@dataclass(frozen=True)
class TextColumn:
    role: str
    x0: float  # owns phrases whose centre lies in [x0, x1)
    x1: float
    header: str


@dataclass
class TextRecord:
    bbox: tuple[float, float, float, float]
    texts: dict[str, str]


def _header_columns(line: list[Phrase]) -> list[TextColumn] | None:
    roles = header_roles([p.text for p in line])
    if roles is None:
        return None
    cols = []
    for k, (p, role) in enumerate(zip(line, roles, strict=True)):
        left = -1e9 if k == 0 else (line[k - 1].x1 + p.x0) / 2
        right = 1e9 if k == len(line) - 1 else (p.x1 + line[k + 1].x0) / 2
        cols.append(TextColumn(role or f"column{k}", left, right, p.text))
    return cols


def _column_of(cols: Sequence[TextColumn], phrase: Phrase) -> str:
    for col in cols:
        if col.x0 <= phrase.cx < col.x1:
            return col.role
    return cols[-1].role


def _height(line: list[Phrase]) -> float:
    return max(p.bottom for p in line) - min(p.top for p in line)


def read_borderless(
    chars: Sequence[Char], carried: list[TextColumn] | None = None
) -> tuple[list[TextRecord], list[TextColumn] | None]:
    """Records of a borderless grant table on one page, and the columns to carry to the next page.

    ``carried``: the columns of the previous page, used when this page repeats no header.
    """
    lines = line_phrases(chars)
    cols = carried
    start = 0
    for k, line in enumerate(lines):
        found = _header_columns(line)
        if found is not None:
            cols, start = found, k + 1
            break
    if cols is None:
        return [], None
    amount = next((c for c in cols if c.role == "amount"), None)
    if amount is None:
        return [], cols
    body: list[tuple[list[Phrase], dict[str, list[str]], bool]] = []
    prev_bottom: float | None = max(p.bottom for p in lines[start - 1]) if start else None
    header = lines[start - 1] if start else []
    for line in lines[start:]:
        top = min(p.top for p in line)
        if prev_bottom is not None and top - prev_bottom > _MAX_GAP * _height(line):
            break
        texts: dict[str, list[str]] = {}
        for p in line:
            texts.setdefault(_column_of(cols, p), []).append(p.text)
        money = [t for t in texts.get("amount", []) if _MONEY.search(t) and parse_amount(t) is not None]
        has_amount = bool(money)
        if money:  # the amount cell is the money phrase; anything else there is kept apart
            texts["amount_other"] = [t for t in texts["amount"] if t is not money[0]] + texts.get(
                "amount_other", []
            )
            texts["amount"] = money[:1]
        if not body and not has_amount and _under_header(line, header, prev_bottom):
            prev_bottom = max(p.bottom for p in line)
            continue  # the second line of a header written on two lines
        body.append((line, texts, has_amount))
        prev_bottom = max(p.bottom for p in line)
    anchors = [k for k, (_, _, has) in enumerate(body) if has]
    if not anchors:
        return [], cols
    members: dict[int, list[int]] = {a: [] for a in anchors}
    for k, (line, _, has) in enumerate(body):
        if has:
            members[k].append(k)
            continue
        cy = (min(p.top for p in line) + max(p.bottom for p in line)) / 2
        best = min(anchors, key=lambda a: (abs(_centre(body[a][0]) - cy), a > k))
        members[best].append(k)
    records = []
    for a in anchors:
        group = sorted(members[a])
        merged: dict[str, list[str]] = {}
        phrases = [p for k in group for p in body[k][0]]
        for k in group:
            for role, parts in body[k][1].items():
                merged.setdefault(role, []).extend(parts)
        bbox = (
            min(p.x0 for p in phrases),
            min(p.top for p in phrases),
            max(p.x1 for p in phrases),
            max(p.bottom for p in phrases),
        )
        records.append(TextRecord(bbox, {role: " ".join(parts) for role, parts in merged.items()}))
    return records, cols


def _under_header(line: list[Phrase], header: list[Phrase], header_bottom: float | None) -> bool:
    """Is ``line`` the continuation of a header written on two lines (close under it, each phrase
    under a header phrase)?"""
    if not header or header_bottom is None:
        return False
    if min(p.top for p in line) - header_bottom > 0.6 * _height(line):
        return False
    return all(any(h.x0 - 4 <= p.cx <= h.x1 + 4 for h in header) for p in line)


def _centre(line: list[Phrase]) -> float:
    return (min(p.top for p in line) + max(p.bottom for p in line)) / 2
