"""Grant annex tables -> Grant / GrantTotal rows, read from the page geometry.

A grant annex is a spreadsheet printed to PDF: one row per beneficiary, an
operation label in a vertically merged cell (often written at 90°), a
territory in a merged cell spanning several rows, TOTAL rows, and a table
that runs over several pages with its header repeated.  ``delib.extract.tables``
gives each page's ruled tables with their merged cells; this module gives the
columns a meaning from the header words, cuts the body into records along the
amount column, and joins the pages.

How a table is read:

* a header row (anywhere in the table: several themes may share one ruled grid) names an
  amount column and a beneficiary column; every header cell gets a role from its words;
* a full-width row with one short title is a theme heading (a numbered line printed above
  the table is one too); a full-width note (a vote, a comment) is passed over;
* the body is cut into records along the amount column's cells; a wrapped cell stays in
  its record; a merged cell over several records (territory, operation, a structure with
  several projects) gives its text to each of them, from its geometry;
* a merged cell cut by a page break is joined with its part on the next page (its label
  may be printed on either page), unless a total row closed it at the foot of the page;
* a record with a TOTAL label, or with an amount and no beneficiary, is a total: of its
  operation when an operation's merged cell runs beside it, else of the theme.

Rules (``Grant.rule`` / ``GrantTotal.rule``):

* ``grants.lattice.v1``: a row of a ruled table whose columns come from its header;
* ``grants.lattice.continued.v1``: same, on a page whose header is absent
  (the column layout of the previous page is reused when the columns match).

Coordinates (``bbox``) are those of the page as displayed (``/Rotate`` applied), in points
from the top-left corner, as pdfplumber gives them for unrotated pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from delib.extract.amounts import parse_amount, parse_number
from delib.extract.dates import parse_period
from delib.extract.document import Document
from delib.extract.grant_columns import TOTAL_RE as _TOTAL_RE
from delib.extract.grant_columns import column_role, header_roles
from delib.extract.grant_text import RULE_TEXT, TextColumn, read_borderless
from delib.extract.locator import Prov
from delib.extract.table_text import Char, Phrase, text_lines, vocabulary
from delib.extract.tables import Cell, PageGeometry, RuledTable, find_tables, read_geometry
from delib.models import Grant, GrantTotal, Problem, TotalLevel

RULE = "grants.lattice.v1"
RULE_CONTINUED = "grants.lattice.continued.v1"
#: a total over the operation column, right after one operation's rows and followed by more of
#: the theme (rows or its own total): that operation's
RULE_TOTAL_BELOW = "grants.lattice.operation_total.v1"

_THEME_RE = re.compile(r"^\s*(?:[IVX]+|\d{1,2})\s*(?:[.)°]|\s-)\s*[^\W\d_]")
_INSTRUMENT_RE = re.compile(r"\b(convention|avenant)\b", re.IGNORECASE)
#: column positions of two pages' tables agree within this (points).
_LAYOUT_TOL = 6.0


@dataclass
class GrantTables:
    """What ``extract_grants`` read: grant rows, total rows (operation / theme / subtotal), problems."""

    grants: list[Grant] = field(default_factory=list)
    totals: list[GrantTotal] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Column:
    """A column of a grant table: its role (see ``column_role``), x range and header text."""

    role: str
    x0: float
    x1: float
    header: str


@dataclass
class _Span:
    """A merged cell (operation, territory...) as one logical value over the pages it runs on."""

    text: str
    touches_top: bool
    touches_bottom: bool
    page: int
    merged: bool  # spans several records on its page
    x0: float
    x1: float
    group: _SpanGroup = field(default_factory=lambda: _SpanGroup())

    def value(self) -> str:
        """Its own text, or the text printed on another page of the same merged cell."""
        return self.text or self.group.text

    @property
    def continued(self) -> bool:
        return self.group.pages > 1


@dataclass
class _SpanGroup:
    """The parts of one merged cell cut by page breaks."""

    text: str = ""
    pages: int = 1


@dataclass
class _Row:
    page: int
    bbox: tuple[float, float, float, float]
    texts: dict[str, str]
    spans: dict[str, _Span]
    theme: str | None
    rule: str


# --------------------------------------------------------------------------
# cheap page test
# --------------------------------------------------------------------------

# a table row as the text layer gives it: a line ending with a euro amount, maybe followed by a
# short word ("Convention", "Avenant") or a trailing minus.
_AMOUNT_LINE = re.compile(
    r"\d[\d \u00a0\u202f.]*(?:,\d\d)?\s?(?:€|EUR\b)\s*-?\s*\)?\s*[^\W\d]{0,12}\s*$", re.MULTILINE
)
_HEADER_AMOUNT = re.compile(r"montant|subvention", re.IGNORECASE)
_HEADER_WHO = re.compile(r"structure|b[ée]n[ée]ficiaire|association|organisme|\btiers\b", re.IGNORECASE)


def _document_vocabulary(doc: Document) -> frozenset[str]:
    """Words of the whole text layer, computed once per document (a publication has several annexes)."""
    return doc.memo("vocabulary", lambda: vocabulary(doc.text(k) for k in range(doc.n_pages)))


def is_grant_table_page(doc: Document, i: int) -> bool:
    """Cheap test (text layer + a count of drawn paths): may page ``i`` hold a grant table?

    True when the text has rows ending with a euro amount and either the page draws ruling
    lines (three rows or more, or one under a grant header line) or it has a grant header line
    naming a beneficiary and an amount column (a table printed without borders).
    """
    text = doc.text(i)
    n_rows = len(_AMOUNT_LINE.findall(text))
    if not n_rows:
        return False
    header = any(_HEADER_AMOUNT.search(ln) and _HEADER_WHO.search(ln) for ln in text.splitlines())
    if n_rows < 3 and not header:
        return False
    page = doc.pdfium[i]
    try:
        ruled = _count_paths(page.raw, 6) >= 6
    finally:
        page.close()
    return ruled or (header and n_rows >= 2)


def _count_paths(raw_page: Any, enough: int) -> int:
    import pypdfium2.raw as pdfium_c

    paths = 0
    for k in range(pdfium_c.FPDFPage_CountObjects(raw_page)):
        kind = pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw_page, k))
        if kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            paths += 1
            if paths >= enough:
                break
    return paths


# --------------------------------------------------------------------------
# header and columns
# --------------------------------------------------------------------------


def _header_at(table: RuledTable, r: int) -> tuple[int, list[Column]] | None:
    """(first body row, columns) when atomic row ``r`` is a grant table header.

    A header names an amount column and a beneficiary column (STRUCTURE, Bénéficiaire,
    Association...) and holds no amount itself; its cells may span two atomic rows.
    """
    cells = table.row_cells(r)
    roles = header_roles([c.text for c in cells])
    if roles is None:
        return None
    cols = [Column(role, c.x0, c.x1, c.text) for role, c in zip(roles, cells, strict=True) if role]
    body = max(c.row1 for c in cells if c.text) if any(c.text for c in cells) else r + 1
    return body, _split_merged_headers(table, body, _with_sub_headers(table, r, body, cols))


def _with_sub_headers(table: RuledTable, r: int, body: int, cols: list[Column]) -> list[Column]:
    """A header on two rows: a group cell (``LOCALISATION``) over sub-header cells (``OPERATION``
    | ``TERRITOIRE(S)``) that name the columns below; the sub-headers replace the group."""
    sub: list[Column] = []
    for rr in range(r + 1, body):
        for c in table.row_cells(rr):
            role = column_role(c.text) if c.row0 == rr and c.text else None
            if role:
                sub.append(Column(role, c.x0, c.x1, c.text))
    if not sub:
        return cols
    kept = [
        col
        for col in cols
        if not any(s.x0 >= col.x0 - _LAYOUT_TOL and s.x1 <= col.x1 + _LAYOUT_TOL for s in sub)
    ]
    return sorted(kept + sub, key=lambda c: c.x0)


_HEADER_PARTS = re.compile(r"\s*(?:/|\+|&|\s-\s|\bet\b|\n)\s*", re.IGNORECASE)


def _named_parts(header: str, n: int) -> list[str] | None:
    """Roles of a header cell naming ``n`` columns (``OPERATION / TERRITOIRE(S)``), in order."""
    parts = [p for p in _HEADER_PARTS.split(header) if p.strip()]
    if len(parts) != n:
        return None
    roles = [column_role(p) for p in parts]
    if any(r is None for r in roles) or len(set(roles)) != n:
        return None
    return [r for r in roles if r is not None]


def _split_merged_headers(table: RuledTable, body: int, cols: list[Column]) -> list[Column]:
    """A header cell over several body columns.

    Where its words name one role per body column (``OPERATION / TERRITOIRE(S)`` over the
    operation and territory columns), each body column takes its role, so that the values of
    the two never glue.  Else (``STRUCTURE`` over territory | name) the left part is the
    territory when no column is named so, the right part keeps the header's role."""
    roles = {c.role for c in cols}
    out: list[Column] = []
    for col in cols:
        atoms = table.cols_overlapping(col.x0, col.x1)
        bounds = [a for a in atoms[1:] if _is_body_boundary(table, body, a)]
        named = _named_parts(col.header, len(bounds) + 1) if bounds else None
        if named is not None and not (set(named) - {col.role}) & roles:
            edges = [col.x0, *(table.xs[a] for a in bounds), col.x1]
            out.extend(
                Column(role, x0, x1, col.header)
                for role, x0, x1 in zip(named, edges, edges[1:], strict=False)
            )
            continue
        if col.role != "beneficiary" or "territory" in roles or not bounds:
            out.append(col)
            continue
        split = table.xs[bounds[-1]]
        out.append(Column("territory", col.x0, split, col.header))
        out.append(Column(col.role, split, col.x1, col.header))
    return out


def _is_body_boundary(table: RuledTable, body: int, atom: int) -> bool:
    """Does a ruling line separate atomic columns atom-1 and atom in most body rows?"""
    rows = range(body, table.n_rows)
    if not rows:
        return False
    split = sum(1 for r in rows if table.grid[r][atom - 1] != table.grid[r][atom])
    return split >= max(1, len(rows) // 2)


def _same_layout(table: RuledTable, cols: Sequence[Column]) -> bool:
    """Has ``table`` the columns of ``cols`` (from an earlier page): the same boundaries, none more?"""
    if not cols:
        return False
    bounds = [c.x0 for c in cols] + [max(c.x1 for c in cols)]
    left, right = min(bounds), max(bounds)
    inside = [x for x in table.xs if left - _LAYOUT_TOL <= x <= right + _LAYOUT_TOL]
    same_edges = abs(table.xs[0] - left) <= _LAYOUT_TOL and abs(table.xs[-1] - right) <= _LAYOUT_TOL
    # every boundary of the table is one of the layout's; a table whose rows merge columns (a
    # total row over the label columns, printed as a table of its own) has fewer of them
    return same_edges and all(any(abs(x - b) <= _LAYOUT_TOL for b in bounds) for x in inside)


# --------------------------------------------------------------------------
# body rows
# --------------------------------------------------------------------------


def _role_cells(table: RuledTable, col: Column, r0: int, r1: int) -> list[Cell]:
    atoms = table.cols_overlapping(col.x0, col.x1)
    seen: list[int] = []
    for r in range(r0, r1):
        for a in atoms:
            i = table.grid[r][a]
            if i not in seen:
                seen.append(i)
    cells = [table.cells[i] for i in seen]
    return sorted(cells, key=lambda c: (c.row0, c.col0))


_SPANNING_ROLES = ("operation", "territory")


@dataclass
class _State:
    """What carries from one table (or page) to the next."""

    cols: list[Column] = field(default_factory=list)
    theme: str | None = None
    seen_header: bool = False  # a grant header was met earlier in this call
    text_cols: list[TextColumn] | None = None  # columns of a borderless table, for its next page


def _full_width_row(table: RuledTable, r: int) -> Cell | None:
    """A row that is one cell over most of the table width, with text and no amount."""
    texts = [c for c in table.row_cells(r) if c.text]
    if len(texts) != 1:
        return None
    cell = texts[0]
    wide = cell.x1 - cell.x0 >= 0.6 * (table.xs[-1] - table.xs[0])
    if wide and len(cell.text) > 3 and parse_amount(cell.text) is None and not _TOTAL_RE.match(cell.text):
        return cell
    return None


def _is_heading(cell: Cell) -> bool:
    """A theme title (numbered, or one short line), not a note written across the table."""
    text = cell.text
    if _THEME_RE.match(text):
        return True
    return len(cell.lines) == 1 and len(text) <= 160 and not text.rstrip().endswith((".", ";"))


def _rows_of_table(table: RuledTable, page: int, state: _State, problems: list[Problem]) -> list[_Row]:
    """Records of one ruled table; header rows and heading rows met on the way update ``state``."""
    rows: list[_Row] = []
    span_cache: dict[int, _Span] = {}
    rule = RULE_CONTINUED
    if state.cols and not _same_layout(table, state.cols):
        state.cols = []
    body = 0
    skipped: list[str] = []
    r = 0
    while r < table.n_rows:
        header = _header_at(table, r)
        if header is not None:
            body, state.cols = header
            state.seen_header = True
            rule = RULE
            r = body
            continue
        wide = _full_width_row(table, r)
        if wide is not None:
            # a theme heading starts a section; a note across the table (a vote, a comment) is
            # not a grant row and is passed over
            if _is_heading(wide):
                state.theme = wide.text
                body = max(wide.row1, r + 1)
            r = max(wide.row1, r + 1)
            continue
        amount_col = next((c for c in state.cols if c.role == "amount"), None)
        atoms = table.cols_overlapping(amount_col.x0, amount_col.x1) if amount_col else []
        if not atoms:
            skipped.extend(c.text for c in table.row_cells(r) if c.text)
            r += 1
            continue
        band = table.cell_at(r, atoms[-1])
        r0, r1 = r, max(band.row1, r + 1)
        texts: dict[str, str] = {}
        spans: dict[str, _Span] = {}
        used: set[int] = set()
        for col in state.cols:
            parts: list[str] = []
            for cell in _role_cells(table, col, r0, r1):
                multi = cell.row0 < r0 or cell.row1 > r1
                edge = cell.row0 <= body or cell.row1 >= table.n_rows
                if (multi or edge) and col.role not in spans:
                    key = id(cell)
                    if key not in span_cache:
                        touches = (cell.row0 <= body, cell.row1 >= table.n_rows)
                        span_cache[key] = _Span(cell.text, *touches, page, multi, cell.x0, cell.x1)
                    spans[col.role] = span_cache[key]
                if id(cell) in used and not multi:
                    continue
                used.add(id(cell))
                if cell.text:
                    parts.append(cell.text)
            texts[col.role] = " ".join(parts)
        bbox = (table.xs[0], table.ys[r0], table.xs[-1], table.ys[r1])
        rows.append(_Row(page, bbox, texts, spans, state.theme, rule))
        r = r1
    if state.seen_header and any(parse_amount(t) is not None for t in skipped):
        problems.append(
            Problem(
                kind="grant.rows_without_header",
                message="ruled table rows with amounts but no recognised grant header above them; not read",
                raw=" | ".join(skipped)[:500],
                page=page,
                bbox=table.bbox,
                rule=RULE,
            )
        )
    return rows


#: a page number as headers and footers print it: "Page 2 / 5", "page 3 sur 12", "2/5"
_PAGE_NUMBER = re.compile(r"\bpage\s*\d+\s*(?:/|sur|of)\s*\d+\b|^\s*\d+\s*/\s*\d+\s*$", re.IGNORECASE)
_ANNEX_LABEL = re.compile(r"^\s*annexe\b", re.IGNORECASE)


def _running_key(text: str, top: float) -> tuple[str, int]:
    return re.sub(r"\d+", "#", " ".join(text.casefold().split())), round(top / 3)


def running_lines(pages: Sequence[Sequence[Phrase]]) -> set[tuple[str, int]]:
    """Keys of the lines printed at the same place on several pages (running headers and footers,
    numbers masked), see ``_running_key``."""
    seen: dict[tuple[str, int], int] = {}
    for lines in pages:
        keys = {_running_key(ln.text, ln.top) for ln in lines}
        # a position rounded to 3 points may fall either side of a boundary: count neighbours too
        for text, pos in keys:
            for near in (pos - 1, pos, pos + 1):
                seen[(text, near)] = seen.get((text, near), 0) + 1
    return {k for k, n in seen.items() if n >= 2}


def _just_above(line: Phrase, top: float) -> bool:
    """Is the line set right above a table whose top is at ``top``?"""
    b = line.bottom
    return b <= top + 1 and top - b <= 2.0 * max(b - line.top, 8.0)


def _is_running(text: str, top: float, running: AbstractSet[tuple[str, int]]) -> bool:
    return bool(_PAGE_NUMBER.search(text)) or _running_key(text, top) in running


def _theme_above(
    lines: Sequence[Phrase],
    top: float,
    floor: float,
    running: AbstractSet[tuple[str, int]] = frozenset(),
    *,
    table_below: bool = True,
) -> str | None:
    """The theme title printed above a table (between ``floor`` and ``top``).

    A numbered heading (``2. Développement...``) anywhere in that stretch; else, right above the
    grid (``table_below``), one short line that reads as a title, not an annex label
    (``Annexe 5``), not a sentence.  Running headers and footers (a page number, a line repeated
    at the same place on several pages) are never a theme.
    """
    candidates = [
        ln
        for ln in lines
        if floor <= ln.top and ln.bottom <= top + 1 and not _is_running(ln.text, ln.top, running)
    ]
    numbered = [ln.text for ln in candidates if _THEME_RE.match(ln.text) and len(ln.text) > 8]
    if numbered:
        return numbered[-1]
    if not table_below or not candidates:
        return None
    ordered = sorted(candidates, key=lambda ln: ln.bottom)
    text, t = ordered[-1].text, ordered[-1].top
    close = _just_above(ordered[-1], top)
    # a title wrapped over lines set tight above it (at most three lines in all)
    last_height = ordered[-1].bottom - t
    for prev in reversed(ordered[-3:-1]):
        height = prev.bottom - prev.top
        if (
            t - prev.bottom > 0.6 * height
            or abs(height - last_height) > 0.25 * height
            or _ANNEX_LABEL.match(prev.text)
            or prev.text.rstrip().endswith((".", ";", ":"))
        ):
            break
        text, t = f"{prev.text} {text}", prev.top
    if close and _title_like(text):
        return text
    return None


def _title_alone(lines: Sequence[Phrase], running: AbstractSet[tuple[str, int]]) -> str | None:
    """The theme of a page that holds its title and nothing else (a heading the table it
    announces left behind: the table did not fit below it and starts on the next page)."""
    own = [ln for ln in lines if not _is_running(ln.text, ln.top, running)]
    if not 1 <= len(own) <= 3:
        return None
    text = " ".join(ln.text.strip() for ln in sorted(own, key=lambda ln: ln.top))
    return text if _title_like(text) else None


def _title_like(text: str) -> bool:
    """Whether ``text`` reads as a theme title: 9 to 160 characters with a word of three letters,
    not an annex label, not ending a sentence or a list, not an amount."""
    return bool(
        8 < len(text) <= 160
        and not _ANNEX_LABEL.match(text)
        and not text.rstrip().endswith((".", ";", ":", ","))
        and parse_amount(text) is None
        and re.search(r"[^\W\d_]{3}", text)
    )


# --------------------------------------------------------------------------
# rows -> records
# --------------------------------------------------------------------------


def _parse_int(text: str) -> int | None:
    """A count of places (``-450``, ``1 200``); None when the cell is not a whole number."""
    value = parse_number(text)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def _row_texts(row: _Row) -> dict[str, str]:
    """The cell texts of a row by role, a merged cell's text taken where it is printed."""
    texts = dict(row.texts)
    for role, span in row.spans.items():
        if not texts.get(role):
            texts[role] = span.value()  # a merged cell whose text is printed on the other page
    return texts


def _no_amount_problem(
    row: _Row, texts: dict[str, str], amount_text: str, total_label: str | None, where: Prov
) -> Problem | None:
    """A row without a readable amount: a problem when it prints one, or names a beneficiary or a total."""
    raw = " | ".join(v for v in texts.values() if v)
    if amount_text:
        return Problem(
            kind="grant.amount_unreadable", message="amount cell not read as money", raw=raw, **where
        )
    if row.texts.get("beneficiary") or total_label:
        return Problem(kind="grant.amount_missing", message="row without amount", raw=raw, **where)
    return None


def _grant(
    row: _Row, texts: dict[str, str], annex: str | None, amount: Decimal, places: int | None, where: Prov
) -> Grant:
    description = texts.get("description") or None
    period = parse_period(description) if description else None
    instrument_text = texts.get("instrument", "")
    m = _INSTRUMENT_RE.search(instrument_text)
    return Grant(
        annex=annex,
        theme=row.theme,
        operation=texts.get("operation") or None,
        territory=texts.get("territory") or None,
        beneficiary=texts["beneficiary"],
        places=places,
        description=description,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        amount=amount,
        instrument=m.group(1).capitalize() if m else (instrument_text or None),
        **where,
    )


def _to_records(rows: list[_Row], annex: str | None, out: GrantTables) -> None:
    # operations of the grant rows read since the last total row (of the current theme), and
    # (operation, amount) of every grant row of the current theme
    pending: list[str | None] = []
    in_theme: list[tuple[str | None, Decimal]] = []
    theme: str | None = None
    # a total read as the theme's only because its label is written over the operation column,
    # right after one operation's rows: (its index, that operation).  A theme's total closes the
    # theme: when rows or another total of the same theme follow, it was the operation's.
    tentative: tuple[int, str] | None = None
    # an operation written on a row of its own above its grants (a label across the operation
    # and territory columns, the operation cells of its grants left empty)
    heading_op: str | None = None
    for row in rows:
        if row.theme != theme:
            pending, in_theme, theme, tentative, heading_op = [], [], row.theme, None, None
        texts = _row_texts(row)
        amount_text = texts.get("amount", "")
        amount = parse_amount(amount_text) if amount_text else None
        total_label = next((v for k, v in texts.items() if k != "amount" and _TOTAL_RE.match(v)), None)
        places = _parse_int(texts["places"]) if texts.get("places") else None
        where: Prov = {"page": row.page, "bbox": row.bbox, "rule": row.rule}
        if amount is None and _is_operation_heading(texts):
            heading_op = texts["operation"]
            continue
        if not texts.get("operation") and heading_op:
            texts["operation"] = heading_op
        if amount is None:
            problem = _no_amount_problem(row, texts, amount_text, total_label, where)
            if problem is not None:
                out.problems.append(problem)
            continue
        if tentative is not None:
            k, op = tentative
            out.totals[k] = out.totals[k].model_copy(
                update={"level": TotalLevel.OPERATION, "operation": op, "rule": RULE_TOTAL_BELOW}
            )
            tentative = None
        if total_label is not None or not texts.get("beneficiary"):
            level, closed = _total_level(row, total_label, pending, amount, in_theme)
            operation = texts.get("operation") or closed
            ops = set(pending)
            if level != TotalLevel.OPERATION and len(ops) == 1 and None not in ops:
                tentative = (len(out.totals), str(pending[0]))
            pending = []
            out.totals.append(
                GrantTotal(
                    theme=row.theme,
                    operation=operation if level == TotalLevel.OPERATION else None,
                    label=total_label,
                    level=level,
                    places=places,
                    amount=amount,
                    **where,
                )
            )
            continue
        pending.append(texts.get("operation") or None)
        in_theme.append((texts.get("operation") or None, amount))
        out.grants.append(_grant(row, texts, annex, amount, places, where))


def _is_operation_heading(texts: dict[str, str]) -> bool:
    """A row naming an operation and nothing else (no beneficiary, no amount, no total)."""
    label = texts.get("operation", "")
    others = [v for k, v in texts.items() if k not in ("operation", "territory") and v.strip()]
    territory = texts.get("territory", "")
    return (
        bool(label.strip())
        and not others
        and (not territory or territory == label)
        and not _TOTAL_RE.match(label)
        and parse_amount(label) is None
    )


def _total_level(
    row: _Row,
    label: str | None,
    pending: Sequence[str | None],
    amount: Decimal,
    in_theme: Sequence[tuple[str | None, Decimal]],
) -> tuple[TotalLevel, str | None]:
    """Level of a total row, and the operation it closes when it is read from the rows above it.

    * ``TOTAL GENERAL``: the theme's;
    * an operation's merged cell runs beside it: that operation's;
    * it comes right after the grant rows of one operation (the operation's cell stops above
      its total, as in many workbooks) and its label is not written over the operation column:
      it closes that operation, unless it is the sum of the grant rows of several operations
      of the theme (a theme total whose operations have no totals of their own);
    * else (right after another total, or after rows of several operations or of none) it closes
      the theme; an unlabelled one there is a subtotal.
    """
    if label is not None and re.search(r"g[ée]n[ée]ral", label, re.IGNORECASE):
        return TotalLevel.THEME, None
    span = row.spans.get("operation")
    if (
        span is not None
        and (span.merged or span.continued)
        and span.value()
        and not _TOTAL_RE.match(span.value())
    ):
        return TotalLevel.OPERATION, None
    operations = set(pending)
    over_operation = _TOTAL_RE.match(row.texts.get("operation", ""))  # its label spans that column
    if len(operations) == 1 and None not in operations and not over_operation:
        whole_theme = len({op for op, _ in in_theme}) > 1 and amount == sum(a for _, a in in_theme)
        if not whole_theme:
            return TotalLevel.OPERATION, pending[0]
        return TotalLevel.THEME if label is not None else TotalLevel.SUBTOTAL, None
    return (TotalLevel.THEME if label is not None else TotalLevel.SUBTOTAL), None


# --------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------


def extract_grants(doc: Document, page_indices: list[int], *, annex: str | None = None) -> GrantTables:
    """Grant rows and totals of the ruled tables on ``page_indices`` (0-based), in page order.

    Each page is read once (pypdfium2 geometry: characters and ruling lines, nothing rendered).
    A table continued over pages keeps the column layout of its last header; merged cells cut
    by a page break are joined with their other part.
    """
    out = GrantTables()
    state = _State()
    rows: list[_Row] = []
    last_spans: dict[str, _Span] = {}
    known = _document_vocabulary(doc)
    # every page is read first: a line repeated at the same place on several pages is a running
    # header or footer, never a theme title
    pages: list[tuple[int, float, list[RuledTable], list[Char], list[Phrase]]] = []
    for i in sorted(set(page_indices)):
        geom: PageGeometry = read_geometry(doc.pdfium, i)
        tables, outside = find_tables(geom, min_rows=1, known_words=known)
        pages.append((i, geom.height, tables, outside, text_lines(outside)))
    # a title row repeated right above the grid on each page (a spreadsheet's print titles) is the
    # theme of each page, not a running line
    running = running_lines(
        [[ln for ln in p[4] if not any(_just_above(ln, t.ys[0]) for t in p[2])] for p in pages]
    )
    for i, height, tables, outside, lines in pages:
        floor = 0.0
        before = len(rows)
        for table in tables:
            heading = _theme_above(lines, table.ys[0], floor, running)
            if heading:
                state.theme = heading
            floor = table.ys[-1]
            table_rows = _rows_of_table(table, i + 1, state, out.problems)
            if table_rows:
                _link_spans(last_spans, table_rows)
                # a merged cell closed by a total row at the foot of the page continues nothing
                last = table_rows[-1]
                last_spans = (
                    {} if _is_total_row(last) else {k: v for k, v in last.spans.items() if v.touches_bottom}
                )
            rows.extend(table_rows)
        heading = _theme_above(lines, height, floor, running, table_below=False)
        if heading is None and not tables:
            heading = _title_alone(lines, running)
        if heading:
            state.theme = heading
        if len(rows) == before:
            # no ruled grant table here: a table printed without borders, maybe
            records, state.text_cols = read_borderless(outside, state.text_cols)
            rows.extend(_Row(i + 1, rec.bbox, rec.texts, {}, state.theme, RULE_TEXT) for rec in records)
        else:
            state.text_cols = None
        if len(rows) == before and len(_AMOUNT_LINE.findall(doc.text(i))) >= 3:
            out.problems.append(
                Problem(
                    kind="grant.page_not_read",
                    message=(
                        "page has rows ending with euro amounts but no ruled table with a grant header"
                        if tables
                        else "page has rows ending with euro amounts but no ruled table (no cell borders)"
                    ),
                    page=i + 1,
                    rule=RULE,
                )
            )
    _to_records(rows, annex, out)
    return out


def _is_total_row(row: _Row) -> bool:
    texts = row.texts
    if any(k != "amount" and _TOTAL_RE.match(v) for k, v in texts.items()):
        return True
    return not texts.get("beneficiary") and parse_amount(texts.get("amount", "")) is not None


def _link_spans(previous: dict[str, _Span], rows: list[_Row]) -> None:
    """Join a merged cell cut by a page break with its part on the next page."""
    for role, span in rows[0].spans.items():
        prev = previous.get(role)
        if prev is None or not span.touches_top or prev.page >= span.page:
            continue
        if role not in _SPANNING_ROLES and not (span.merged or prev.merged):
            continue
        # the same column on both pages (a cell over several columns, such as a TOTAL label,
        # continues nothing), and never a total row
        if abs(span.x0 - prev.x0) > _LAYOUT_TOL or abs(span.x1 - prev.x1) > _LAYOUT_TOL:
            continue
        if _TOTAL_RE.match(span.text) or _TOTAL_RE.match(prev.text):
            continue
        if prev.text and span.text and " ".join(prev.text.split()) != " ".join(span.text.split()):
            continue  # two different labels: a new merged cell starts with the page
        group = prev.group
        group.text = group.text or prev.text or span.text
        group.pages += 1
        span.group = group


def grant_tables_of_page(doc: Document, i: int) -> list[RuledTable]:
    """The ruled tables of page ``i`` (for debugging and tests)."""
    tables, _ = find_tables(read_geometry(doc.pdfium, i))
    return tables
