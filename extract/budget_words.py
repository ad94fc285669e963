"""A budget table printed without borders, read by the columns of its header's words (rule
``budget.words.v1``).

The header's phrases give the columns (stacked header lines overlap in x) and their fields; a body
phrase belongs to the column holding its centre; in a column, phrases less than 0.4 font size
apart are the lines of one cell; a cell belongs to the row whose anchor (the centre of a code or
imputation cell) lies within its height, whatever the vertical alignment.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from delib.extract.budget_rows import STOP, CellRow, anchored, field_of, glue
from delib.extract.document import Document
from delib.extract.table_text import Phrase, line_phrases
from delib.extract.tables import read_geometry

__all__ = ["word_budget_table"]


@dataclass
class _Block:
    """Stacked phrases of one column close enough to be the lines of one cell."""

    col: int
    phrases: list[Phrase]

    @property
    def top(self) -> float:
        return min(p.top for p in self.phrases)

    @property
    def bottom(self) -> float:
        return max(p.bottom for p in self.phrases)

    @property
    def lines(self) -> list[str]:
        return [p.text for p in sorted(self.phrases, key=lambda p: (p.top, p.x0))]


def _x_groups(phrases: list[Phrase]) -> list[list[Phrase]]:
    """Header phrases grouped by horizontal overlap (the stacked lines of one header cell)."""
    groups: list[list[Phrase]] = []
    for ph in sorted(phrases, key=lambda p: p.x0):
        if groups and ph.x0 <= max(p.x1 for p in groups[-1]):
            groups[-1].append(ph)
        else:
            groups.append([ph])
    return groups


def _header_band(lines: list[list[Phrase]], h0: int, size: float) -> tuple[int, int] | None:
    """(first header line, first body line) of the table whose "Code" header is line ``h0``.

    The header band: lines touching the "Code" line above and below (header cells are centred on
    the row: "Imputation" may stand higher than "Code"), up to the first line with figures.
    """

    def top(i: int) -> float:
        return min(p.top for p in lines[i])

    def bottom(i: int) -> float:
        return max(p.bottom for p in lines[i])

    def header_like(i: int) -> bool:  # short cell words, no figure
        return all(len(p.text.split()) <= 4 and not re.search(r"\d", p.text) for p in lines[i])

    first = h0
    while first > 0 and top(first) - bottom(first - 1) < 0.4 * size and header_like(first - 1):
        first -= 1
    body, low = h0 + 1, bottom(h0)
    while body < len(lines) and top(body) - low < 0.4 * size and header_like(body):
        low = max(low, bottom(body))
        body += 1
    if body >= len(lines):
        return None
    return first, body


def _body_blocks(lines: list[list[Phrase]], body: int, edges: list[float], size: float) -> list[_Block]:
    """The cells of the body: down to a closing sentence, a line of prose across columns, or a wide gap."""
    blocks: list[_Block] = []
    prev_top = lines[body - 1][0].top
    for ln in lines[body:]:
        text = " ".join(p.text for p in ln)
        crossing = any(len(p.text.split()) >= 6 and sum(1 for e in edges if p.x0 < e < p.x1) >= 2 for p in ln)
        if STOP.match(text) or crossing or ln[0].top - prev_top > 3.5 * size:
            break
        prev_top = ln[0].top
        for ph in ln:
            col = sum(1 for e in edges if ph.cx > e)
            near = [b for b in blocks if b.col == col and ph.top - b.bottom < 0.4 * size]
            if near:
                near[-1].phrases.append(ph)
            else:
                blocks.append(_Block(col, [ph]))
    return blocks


def _anchored_rows(blocks: list[_Block], fields: list[str | None], page: int) -> list[CellRow]:
    """One row per code (else imputation) cell: the cells whose height holds its centre."""
    anchor = "code" if "code" in fields else "imp"
    anchors = [b for b in blocks if fields[b.col] == anchor and anchored({anchor: [glue(b.lines)]})]
    rows: list[CellRow] = []
    for a in anchors:
        cy = (a.top + a.bottom) / 2
        mine = [b for b in blocks if b.top - 1 <= cy <= b.bottom + 1 and fields[b.col] is not None]
        cells: dict[str, list[str]] = {}
        for b in sorted(mine, key=lambda b: (b.col, b.top)):
            cells.setdefault(str(fields[b.col]), []).extend(b.lines)
        every = [p for b in mine for p in b.phrases]
        rows.append(
            CellRow(
                page=page,
                bbox=(
                    round(min(p.x0 for p in every), 2),
                    round(min(p.top for p in every), 2),
                    round(max(p.x1 for p in every), 2),
                    round(max(p.bottom for p in every), 2),
                ),
                lines=cells,
            )
        )
    return rows


def word_budget_table(doc: Document, page: int, nth: int) -> tuple[list[str | None], list[CellRow]] | None:
    """Rows of the ``nth`` budget table of ``page`` printed without borders, read by its columns.

    The header's phrases give the columns (stacked header lines overlap in x) and their fields; a
    body phrase belongs to the column holding its centre; in a column, phrases less than 0.4 font size
    apart are the lines of one cell; a cell belongs to the row whose anchor (the centre of a
    code or imputation cell) lies within its height, whatever the vertical alignment.
    """
    try:
        chars = read_geometry(doc.pdfium, page).chars
    except Exception:  # a page pypdfium2 cannot read as geometry: the text reading will do
        return None
    lines = line_phrases(chars, gap=0.5)
    heads = [
        i for i, ln in enumerate(lines) if any(re.match(r"Code\b", p.text) and len(p.text) <= 20 for p in ln)
    ]
    if nth >= len(heads):
        return None
    sizes = sorted(c.size for c in chars if c.upright) or [10.0]
    size = sizes[len(sizes) // 2] or 10.0
    band = _header_band(lines, heads[nth], size)
    if band is None:
        return None
    first, body = band
    groups = _x_groups([p for ln in lines[first:body] for p in ln])
    fields = [field_of(" ".join(p.text for p in sorted(g, key=lambda p: p.top))) for g in groups]
    if len(groups) < 3 or ("code" not in fields and "imp" not in fields):
        return None
    edges = [(max(p.x1 for p in a) + min(p.x0 for p in b)) / 2 for a, b in itertools.pairwise(groups)]
    return fields, _anchored_rows(_body_blocks(lines, body, edges, size), fields, page)
