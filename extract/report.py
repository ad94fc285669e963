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

A word processor wraps cells that a text layer then interleaves: ``6 801`` / ``643,00`` (an
amount wrapped at a thousands space), ``C06-`` / ``453H01`` (a code broken at its hyphen).  When
the table is ruled (both renderers and office suites draw its borders), it is read by its
cells instead: each header cell names the field of its column, the stacked lines of one cell
are joined, and a table continued at the top of the next page (same columns, no header) is
read on (rule ``budget.ruled.v1``).  A table printed without borders is read by the columns of
its header's words (rule ``budget.words.v1``) when that gives every row whole.  The text
reading, last, keeps a code broken at its hyphen and an
amount wrapped at a thousands space together; in a rapport, Disponible − Proposition = Solde
decides between the wrapped and the line-by-line reading of the amounts.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from delib.extract.amounts import parse_amount
from delib.extract.document import Document, texts_and_locator
from delib.extract.locator import Prov
from delib.extract.parts import Locator, Part, PartText, part_text, provenance, row_bbox
from delib.extract.table_text import Phrase, cell_lines, line_phrases
from delib.extract.tables import Cell, RuledTable, find_tables, read_geometry
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


# --------------------------------------------------------------------------- text reading
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
            if head and tail and _CODE.fullmatch(head.group(1) + tail.group(1)):
                out[-1] = (ps, le, prev.rstrip() + line.lstrip())
                continue
            if join_wrapped != _NEVER and _WRAPPED_TAIL.match(line):
                body = _CENTS.sub(" ", prev)  # the digits at the end belong to no complete amount
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


def _text_rows(text: str, first_row: int, n_cols: int, join_wrapped: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    label_buf: list[str] = []
    current: dict[str, Any] | None = None
    for ls, le, line in _logical_lines(text, first_row, join_wrapped):
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
                "end": le,
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
                current["end"] = le
        if len(current["amounts"]) >= n_cols:
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


def _best_text_rows(text: str, first_row: int, columns: list[str]) -> list[dict[str, Any]]:
    """Rows read with the amounts wrapped at a thousands space joined when their digits stand alone
    on a line, unless another reading (every wrap joined, none joined) balances more rapport rows
    (Disponible − Proposition = Solde) or completes more rows."""
    readings = [_text_rows(text, first_row, len(columns), mode) for mode in (_BARE, _ALWAYS, _NEVER)]

    def score(rows: list[dict[str, Any]]) -> tuple[int, int]:
        ok = [_balanced(columns, [v for _, v in r["amounts"]]) for r in rows]
        complete = sum(1 for r in rows if len(r["amounts"]) == len(columns))
        return sum(1 for b in ok if b), complete

    return max(readings, key=score)  # the first of the best: _BARE on a tie


# --------------------------------------------------------------------------- ruled reading
_FIELDS = [
    (re.compile(r"\bCode\b", re.I), "code"),
    (re.compile(r"\bImputation", re.I), "imp"),
    (re.compile(r"\bLibell[ée]|\bIntitul[ée]", re.I), "label"),
    *_COLUMNS,
]
#: continuation columns within this distance (points) of the header table's are the same columns
_SAME_X = 3.0


def _cell_lines(cell: Cell) -> list[str]:
    return [ln for ln in (x.strip() for x in cell_lines(cell.chars)) if ln]


def _glue(lines: list[str]) -> str:
    """Stacked lines of one cell: a line broken after a hyphen or a slash is glued to the next
    (``C06-`` + ``453H01``, ``2021-`` + ``2023``), other lines joined by a space."""
    out = ""
    for ln in lines:
        out += ln if re.search(r"\w[-/]$", out) else (" " if out else "") + ln
    return out


def _field_of(header: str) -> str | None:
    for pat, name in _FIELDS:
        if pat.search(header):
            return name
    return None


def _is_body_row(table: RuledTable, r: int) -> bool:
    for cell in table.row_cells(r):
        t = _glue(_cell_lines(cell))
        if _CODE.search(t) or _IMPUTATION.search(t) or _CENTS.search(t):
            return True
    return False


def _header_rows(table: RuledTable) -> tuple[int, int] | None:
    """(first header row, first body row) of a budget table: the header names ``Code Opération``."""
    for r in range(table.n_rows):
        if _HEADER.search(" ".join(_glue(_cell_lines(c)) for c in table.row_cells(r))):
            b = r + 1
            while b < table.n_rows and not _is_body_row(table, b):
                b += 1
            return r, b
    return None


def _column_fields(table: RuledTable, r0: int, r1: int) -> list[str | None]:
    fields: list[str | None] = [None] * table.n_cols
    for r in range(r0, r1):  # a sub-header row names its columns more precisely than the row above
        for c in range(table.n_cols):
            f = _field_of(_glue(_cell_lines(table.cell_at(r, c))))
            if f:
                fields[c] = f
    return fields


def _ruled_rows(table: RuledTable, fields: list[str | None], body: int) -> list[dict[str, Any]]:
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
    rows: list[dict[str, Any]] = []
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
            {
                "page": table.page_index,
                "bbox": (
                    round(min(c.x0 for c in every), 2),
                    round(min(c.top for c in every), 2),
                    round(max(c.x1 for c in every), 2),
                    round(max(c.bottom for c in every), 2),
                ),
                "lines": {f: [ln for c in cs for ln in _cell_lines(c)] for f, cs in cells.items()},
            }
        )
    return rows


def _cell_amount(lines: list[str]) -> Decimal | None:
    """The amount of a cell whose lines may wrap at a thousands space (``6 801`` / ``643,00``)."""
    joined = " ".join(lines)
    value = parse_amount(joined)
    if value is None:
        found = list(_CENTS.finditer(joined))
        value = parse_amount(found[0].group(0)) if len(found) == 1 else None
    return value


def _page_tables(doc: Document, page: int) -> list[RuledTable]:
    try:
        tables, _ = find_tables(read_geometry(doc.pdfium, page), min_rows=1)
    except Exception:  # a page pypdfium2 cannot read as geometry: the text reading will do
        return []
    return tables


def _ruled_budget_table(
    doc: Document, page: int, nth: int, last_page: int
) -> tuple[list[str | None], list[dict[str, Any]]] | None:
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
            for f, lines in more.pop(0)["lines"].items():  # a row split by the page break
                rows[-1]["lines"].setdefault(f, []).extend(lines)
        rows.extend(more)
        tables = following
    return fields, rows


def _anchored(lines: dict[str, list[str]]) -> bool:
    return bool(_CODE.search(_glue(lines.get("code", []))) or _IMPUTATION.search(_glue(lines.get("imp", []))))


def _cut_by_page_break(last: dict[str, Any], first: dict[str, Any], fields: list[str | None]) -> bool:
    """The first row of a continuation finishes the last row of the page before: it has no code,
    and an amount cell of the last row ends with bare digits (``6 801``, its ``643,00`` over the
    page) where the first row holds the rest.  (A cell wholly on the next page stays a problem.)"""
    if _anchored(first["lines"]):
        return False
    amount_fields = {name for _, name in _COLUMNS}
    for f in fields:
        if f not in amount_fields or not first["lines"].get(f):
            continue
        before = last["lines"].get(f, [])
        if before and re.fullmatch(r"-?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})*", before[-1].strip()):
            return True
    return False


def _ruled_lines(
    rows: list[dict[str, Any]], columns: list[str], rule: str
) -> tuple[list[BudgetLine], list[Problem]]:
    out: list[BudgetLine] = []
    problems: list[Problem] = []
    for row in rows:
        lines: dict[str, list[str]] = row["lines"]
        code_m = _CODE.search(re.sub(r"(?<=[-/])\s+", "", _glue(lines.get("code", []))))
        imp_m = _IMPUTATION.search(re.sub(r"\s*/\s*", "/", _glue(lines.get("imp", []))))
        if code_m is None and imp_m is None:
            continue  # a total or an empty row
        values = {f: _cell_amount(lines.get(f, [])) for f in columns}
        prov: Prov = {"page": row["page"] + 1, "bbox": row["bbox"], "rule": rule}
        missing = [f for f in columns if values[f] is None]
        if missing:
            problems.append(
                Problem(
                    kind="budget_row_incomplete",
                    message=f"no amount read in column(s) {', '.join(missing)} of a ruled budget table",
                    raw=" | ".join(_glue(v) for v in lines.values())[:300],
                    **prov,
                )
            )
        label = _glue(lines.get("label", [])) or None
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


# --------------------------------------------------------------------------- borderless reading
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
        if _STOP.match(text) or crossing or ln[0].top - prev_top > 3.5 * size:
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


def _anchored_rows(blocks: list[_Block], fields: list[str | None], page: int) -> list[dict[str, Any]]:
    """One row per code (else imputation) cell: the cells whose height holds its centre."""
    anchor = "code" if "code" in fields else "imp"
    anchors = [b for b in blocks if fields[b.col] == anchor and _anchored({anchor: [_glue(b.lines)]})]
    rows: list[dict[str, Any]] = []
    for a in anchors:
        cy = (a.top + a.bottom) / 2
        mine = [b for b in blocks if b.top - 1 <= cy <= b.bottom + 1 and fields[b.col] is not None]
        cells: dict[str, list[str]] = {}
        for b in sorted(mine, key=lambda b: (b.col, b.top)):
            cells.setdefault(str(fields[b.col]), []).extend(b.lines)
        every = [p for b in mine for p in b.phrases]
        rows.append(
            {
                "page": page,
                "bbox": (
                    round(min(p.x0 for p in every), 2),
                    round(min(p.top for p in every), 2),
                    round(max(p.x1 for p in every), 2),
                    round(max(p.bottom for p in every), 2),
                ),
                "lines": cells,
            }
        )
    return rows


def _word_budget_table(
    doc: Document, page: int, nth: int
) -> tuple[list[str | None], list[dict[str, Any]]] | None:
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
    fields = [_field_of(" ".join(p.text for p in sorted(g, key=lambda p: p.top))) for g in groups]
    if len(groups) < 3 or ("code" not in fields and "imp" not in fields):
        return None
    edges = [(max(p.x1 for p in a) + min(p.x0 for p in b)) / 2 for a, b in itertools.pairwise(groups)]
    return fields, _anchored_rows(_body_blocks(lines, body, edges, size), fields, page)


# --------------------------------------------------------------------------- both readings
def _first_row(text: str, header_start: int) -> int | None:
    """Where the first row of the table whose header starts at ``header_start`` begins."""
    n_header_lines = 0
    for s, _, line in _logical_lines(text, header_start, _NEVER):
        if _CODE.search(line) or (_IMPUTATION.search(line) and not re.search(r"Imputation", line, re.I)):
            return s
        n_header_lines += 1
        if n_header_lines > 13:
            break
    return None


def _geometry_reading(
    doc: Document,
    text: str,
    where: tuple[int, int, int],
    first_row: int | None,
    columns: list[str],
    rule: str,
) -> tuple[list[BudgetLine], list[Problem]] | None:
    """The table on ``where`` (page, nth table of the page, last page of the part) read by its
    cells when it has borders, else by its word columns; None when neither reading holds."""
    page, nth, last_page = where
    amount_fields = {name for _, name in _COLUMNS}
    ruled = _ruled_budget_table(doc, page, nth, last_page)
    if ruled:
        geo_columns = list(dict.fromkeys(f for f in ruled[0] if f in amount_fields)) or columns
        ruled_rule = rule.replace(".text.", ".ruled.") if ".text." in rule else rule + ".ruled"
        lines, found = _ruled_lines(ruled[1], geo_columns, ruled_rule)
        if lines:
            return lines, found
    words = _word_budget_table(doc, page, nth) if first_row is not None else None
    if words:
        geo_columns = list(dict.fromkeys(f for f in words[0] if f in amount_fields)) or columns
        words_rule = rule.replace(".text.", ".words.") if ".text." in rule else rule + ".words"
        lines, found = _ruled_lines(words[1], geo_columns, words_rule)
        n_text = len(_best_text_rows(text, first_row or 0, columns)) if columns else 0
        # every row whole, and none lost to a page break that the text reading runs over
        if lines and not found and len(lines) >= n_text:
            return lines, []
    return None


def _text_reading(
    pt: PartText, texts: list[str], locator: Locator | None, first_row: int, columns: list[str], rule: str
) -> tuple[list[BudgetLine], list[Problem]]:
    """The rows of a table read from the text layer, each boxed on its row when a locator is given."""
    text = pt.text
    out: list[BudgetLine] = []
    problems: list[Problem] = []
    n_cols = len(columns)
    for row in _best_text_rows(text, first_row, columns):
        prov = provenance(pt, texts, locator, row["start"], row["end"], rule)
        anchor = row["code"] or row["imp"]
        if locator is not None and anchor and prov["page"] is not None:
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
        label = " ".join(_glue(row["label"]).split()) or None
        out.append(
            BudgetLine(operation_code=row["code"], imputation=row["imp"], label=label, **values, **prov)
        )
    return out, problems


def parse_budget_table(
    pt: PartText,
    texts: list[str],
    locator: Locator | None,
    *,
    columns_hint: tuple[str, ...] = (),
    rule: str = "budget.text.v1",
) -> tuple[list[BudgetLine], list[Problem]]:
    """Budget lines of every ``Code Opération`` table in ``pt``.

    With a ``locator`` (hence a document), a table printed with its borders is read by its cells
    (rule ``rule`` with ``ruled`` for ``text``); otherwise, or when no ruled table is found where
    the header is, by the text layer.
    """
    text = pt.text
    out: list[BudgetLine] = []
    problems: list[Problem] = []
    seen_on_page: dict[int, int] = {}
    last_page = pt.page_of(max(0, len(text) - 1))
    for hm in _HEADER.finditer(text):
        page = pt.page_of(hm.start())
        nth = seen_on_page.get(page, 0)
        seen_on_page[page] = nth + 1
        # the header runs until the first row anchor
        first_row = _first_row(text, hm.start())
        columns = _columns(text[hm.start() : first_row if first_row is not None else hm.end()]) or list(
            columns_hint
        )
        if locator is not None and columns:
            read = _geometry_reading(locator.doc, text, (page, nth, last_page), first_row, columns, rule)
            if read is not None:
                out.extend(read[0])
                problems.extend(read[1])
                continue
        if first_row is None:
            continue
        if not columns:
            problems.append(
                Problem(
                    kind="budget_table_unreadable",
                    message="no amount column in the table header",
                    raw=text[hm.start() : first_row][:200],
                    **provenance(pt, texts, locator, hm.start(), first_row, rule),
                )
            )
            continue
        lines, found = _text_reading(pt, texts, locator, first_row, columns, rule)
        out.extend(lines)
        problems.extend(found)
    return out, problems


_REPORT_NUMBER = re.compile(r"RAPPORT\s+N\s*[°º]\s*(\w[\w./-]*)", re.IGNORECASE)


def parse_report(
    doc: Document | None,
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
    texts, locator = texts_and_locator(doc, texts, locator, geometry)
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
