"""A budget table read by the cells its borders draw (rule ``budget.ruled.v1``).

A word processor wraps cells that a text layer then interleaves: ``6 801`` / ``643,00`` (an
amount wrapped at a thousands space), ``C06-`` / ``453H01`` (a code broken at its hyphen).  When
the table is ruled (both renderers and office suites draw its borders), it is read by its cells
instead: each header cell names the field of its column, the stacked lines of one cell are
joined, and a table continued at the top of the next page (same columns, no header) is read on,
a row cut by the page break put back together.
"""

from __future__ import annotations

import re

from delib.extract.budget_rows import (
    AMOUNT_FIELDS,
    CENTS,
    CODE,
    HEADER,
    IMPUTATION,
    CellRow,
    anchored,
    field_of,
    glue,
)
from delib.extract.document import Document
from delib.extract.table_text import cell_lines
from delib.extract.tables import Cell, RuledTable, find_tables, read_geometry

__all__ = ["ruled_budget_table"]

_SAME_X = 3.0


def _cell_lines(cell: Cell) -> list[str]:
    return [ln for ln in (x.strip() for x in cell_lines(cell.chars)) if ln]


def _is_body_row(table: RuledTable, r: int) -> bool:
    for cell in table.row_cells(r):
        t = glue(_cell_lines(cell))
        if CODE.search(t) or IMPUTATION.search(t) or CENTS.search(t):
            return True
    return False


def _header_rows(table: RuledTable) -> tuple[int, int] | None:
    """(first header row, first body row) of a budget table: the header names ``Code Opération``."""
    for r in range(table.n_rows):
        if HEADER.search(" ".join(glue(_cell_lines(c)) for c in table.row_cells(r))):
            b = r + 1
            while b < table.n_rows and not _is_body_row(table, b):
                b += 1
            return r, b
    return None


def _column_fields(table: RuledTable, r0: int, r1: int) -> list[str | None]:
    fields: list[str | None] = [None] * table.n_cols
    for r in range(r0, r1):  # a sub-header row names its columns more precisely than the row above
        for c in range(table.n_cols):
            f = field_of(glue(_cell_lines(table.cell_at(r, c))))
            if f:
                fields[c] = f
    return fields


def _ruled_rows(table: RuledTable, fields: list[str | None], body: int) -> list[CellRow]:
    """One dict per table row from atomic row ``body`` on: field -> stacked lines, page, bbox."""
    anchor = next((f for f in ("code", "imp") if f in fields), None)
    spans: list[tuple[int, int]] = []
    if anchor is None:
        spans = [(r, r + 1) for r in range(body, table.n_rows)]
    else:
        col = fields.index(anchor)
        for r in range(body, table.n_rows):
            cell = table.cell_at(r, col)
            span = (max(cell.row0, body), cell.row1)
            if not spans or spans[-1] != span:
                spans.append(span)
    rows: list[CellRow] = []
    for r0, r1 in spans:
        cells: dict[str, list[Cell]] = {}
        seen: set[int] = set()
        for r in range(r0, r1):
            for c, f in enumerate(fields):
                i = table.grid[r][c]
                if f is None or i in seen:
                    continue
                seen.add(i)
                cells.setdefault(f, []).append(table.cells[i])
        every = [c for cs in cells.values() for c in cs]
        if not every:
            continue
        rows.append(
            CellRow(
                page=table.page_index,
                bbox=(
                    round(min(c.x0 for c in every), 2),
                    round(min(c.top for c in every), 2),
                    round(max(c.x1 for c in every), 2),
                    round(max(c.bottom for c in every), 2),
                ),
                lines={f: [ln for c in cs for ln in _cell_lines(c)] for f, cs in cells.items()},
            )
        )
    return rows


def _page_tables(doc: Document, page: int) -> list[RuledTable]:
    try:
        tables, _ = find_tables(read_geometry(doc.pdfium, page), min_rows=1)
    except Exception:  # a page pypdfium2 cannot read as geometry: the text reading will do
        return []
    return tables


def ruled_budget_table(
    doc: Document, page: int, nth: int, last_page: int
) -> tuple[list[str | None], list[CellRow]] | None:
    """Rows of the ``nth`` ruled budget table of ``page`` (with its continuation at the top of the
    next pages up to ``last_page``), or None when the page has no such ruled table."""
    tables = _page_tables(doc, page)
    headed = [(t, h) for t in tables if (h := _header_rows(t)) is not None]
    if nth >= len(headed):
        return None
    table, (r0, body) = headed[nth]
    fields = _column_fields(table, r0, body)
    if "code" not in fields and "imp" not in fields:
        return None
    rows = _ruled_rows(table, fields, body)
    xs = table.xs
    for nxt in range(page + 1, last_page + 1):
        if table is not tables[-1]:
            break  # another table follows on the page: this one does not run on
        following = _page_tables(doc, nxt)
        if not following:
            break
        table = following[0]
        same = len(table.xs) == len(xs) and all(
            abs(a - b) <= _SAME_X for a, b in zip(table.xs, xs, strict=True)
        )
        if not same or _header_rows(table) is not None:
            break
        more = _ruled_rows(table, fields, 0)
        if more and rows and _cut_by_page_break(rows[-1], more[0], fields):
            for f, lines in more.pop(0).lines.items():  # a row split by the page break
                rows[-1].lines.setdefault(f, []).extend(lines)
        rows.extend(more)
        tables = following
    return fields, rows


def _cut_by_page_break(last: CellRow, first: CellRow, fields: list[str | None]) -> bool:
    """The first row of a continuation finishes the last row of the page before: it has no code,
    and an amount cell of the last row ends with bare digits (``6 801``, its ``643,00`` over the
    page) where the first row holds the rest.  (A cell wholly on the next page stays a problem.)"""
    if anchored(first.lines):
        return False
    for f in fields:
        if f not in AMOUNT_FIELDS or not first.lines.get(f):
            continue
        before = last.lines.get(f, [])
        if before and re.fullmatch(r"-?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})*", before[-1].strip()):
            return True
    return False
