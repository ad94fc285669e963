"""The grant annex printed the way a spreadsheet prints it.

Landscape pages, a ruled grid drawn with lines, the operation label in a
vertically merged cell with its text rotated 90°, territories in merged cells
spanning several rows, wrapped multi-line cells, a TOTAL row per operation and
one per theme, the header row repeated on every page, and merged cells cut by a
page break (the cut fragment is left open, the text sits in the fragment that
holds the middle of the merged range, as a spreadsheet centres it).

:func:`draw_grant_annex` returns where each grant and each total was drawn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from delib.corpus.frenchfmt import format_amount
from delib.corpus.pen import LANDSCAPE, Box, Pen, printable, register_family, width, wrap
from delib.corpus.spec import GrantAnnexLayout, ThemeLayout
from delib.models import Grant, GrantTotal, TotalLevel

MARGIN = 28.0
PAD = 2.0
DEFAULT_WIDTHS = {
    "places": [42.0, 96.0, 250.0, 110.0, 120.0, 90.0],
    "description": [42.0, 90.0, 190.0, 300.0, 88.0, 76.0],
}


@dataclass
class Row:
    kind: str  # grant | optotal | themetotal | title | header
    cells: list[str]
    ref: int = -1  # index into grants or totals
    height: float = 0.0
    page: int = 0
    top: float = 0.0
    bold: bool = False
    fill: float | None = None


@dataclass
class Span:
    col: int
    first: int  # row indices (inclusive)
    last: int
    text: str
    rotated: bool = False
    valign: str = "middle"
    bold: bool = False


@dataclass
class ThemeBlock:
    layout: ThemeLayout
    widths: list[float]
    rows: list[Row] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    covered: set[tuple[int, int]] = field(default_factory=set)  # (id(row), col) inside a merged span

    def index_spans(self) -> None:
        self.covered = {(id(self.rows[k]), s.col) for s in self.spans for k in range(s.first, s.last + 1)}


def _theme_layout(layout: GrantAnnexLayout, theme: str | None) -> ThemeLayout:
    for t in layout.themes:
        if t.theme == theme:
            return t
    return ThemeLayout(theme=theme or "")


def _header(tl: ThemeLayout, layout: GrantAnnexLayout) -> list[str]:
    if tl.headers:
        return list(tl.headers)
    third = layout.places_header if tl.columns == "places" else layout.description_header
    return ["OPERATION", "TERRITOIRE(S)", "STRUCTURE", third, "MONTANT RETENU", "Avenant/convention"]


def build_blocks(grants: list[Grant], totals: list[GrantTotal], layout: GrantAnnexLayout) -> list[ThemeBlock]:
    """Group grants by theme then operation (in printed order) and lay out rows and merged spans."""
    themes: list[str | None] = []
    for g in grants:
        if g.theme not in themes:
            themes.append(g.theme)
    used_totals: set[int] = set()
    blocks: list[ThemeBlock] = []
    for theme in themes:
        tl = _theme_layout(layout, theme)
        widths = list(tl.widths) if tl.widths else DEFAULT_WIDTHS[tl.columns]
        block = ThemeBlock(tl, widths)
        block.rows.append(Row("title", [theme or ""], bold=True))
        block.rows.append(Row("header", _header(tl, layout), bold=True, fill=layout.header_fill))
        theme_grants = [i for i, g in enumerate(grants) if g.theme == theme]
        ops: list[str | None] = []
        for i in theme_grants:
            if grants[i].operation not in ops:
                ops.append(grants[i].operation)
        row_of_local: list[int] = []  # k-th grant of the theme -> its row index
        for op in ops:
            op_first = len(block.rows)
            idx = [i for i in theme_grants if grants[i].operation == op]
            for i in idx:
                g = grants[i]
                third = (
                    (str(g.places) if g.places is not None else "")
                    if tl.columns == "places"
                    else (g.description or "")
                )
                amount = format_amount(g.amount, layout.amount)
                row_of_local.append(len(block.rows))
                block.rows.append(
                    Row(
                        "grant",
                        ["", g.territory or "", g.beneficiary, third, amount, g.instrument or ""],
                        ref=i,
                    )
                )
            # territory spans: consecutive equal territories
            r = op_first
            while r < len(block.rows):
                terr = block.rows[r].cells[1]
                end = r
                while end + 1 < len(block.rows) and block.rows[end + 1].cells[1] == terr and terr:
                    end += 1
                if terr:
                    block.spans.append(Span(1, r, end, terr))
                    for k in range(r, end + 1):
                        block.rows[k].cells[1] = ""
                r = end + 1
            for t_i, t in enumerate(totals):
                if t_i in used_totals or t.level != TotalLevel.OPERATION:
                    continue
                if t.theme == theme and t.operation == op:
                    used_totals.add(t_i)
                    places = str(t.places) if (t.places is not None and tl.columns == "places") else ""
                    block.rows.append(
                        Row(
                            "optotal",
                            ["", "", t.label or "", places, format_amount(t.amount, layout.amount), ""],
                            ref=t_i,
                            bold=True,
                            fill=layout.total_fill,
                        )
                    )
                    break
            block.spans.append(Span(0, op_first, len(block.rows) - 1, op or "", rotated=tl.rotate, bold=True))
        for first_local, count in tl.merge_structure:
            a = row_of_local[first_local]
            b = row_of_local[first_local + count - 1]
            text = block.rows[a].cells[2]
            for k in range(a, b + 1):
                block.rows[k].cells[2] = ""
            block.spans.append(Span(2, a, b, text, valign="top"))
        for t_i, t in enumerate(totals):
            if t_i in used_totals or t.level == TotalLevel.OPERATION or t.theme != theme:
                continue
            used_totals.add(t_i)
            block.rows.append(
                Row(
                    "themetotal",
                    [t.label or "", "", "", "", format_amount(t.amount, layout.amount), ""],
                    ref=t_i,
                    bold=True,
                    fill=layout.total_fill,
                )
            )
        block.index_spans()
        blocks.append(block)
    return blocks


def _cell_font(fonts: tuple[str, str], bold: bool) -> str:
    return fonts[1] if bold else fonts[0]


def _measure(block: ThemeBlock, fonts: tuple[str, str], size: float) -> None:
    leading = size * 1.2
    full = sum(block.widths)
    for row in block.rows:
        font = _cell_font(fonts, row.bold)
        if row.kind == "title":
            n = len(wrap(printable(row.cells[0], font), font, size + 1, full - 2 * PAD))
            row.height = n * (size + 1) * 1.2 + 2 * PAD + 2
            continue
        n = 1
        for c, text in enumerate(row.cells):
            if not text or (row.kind == "themetotal" and c == 0):
                continue
            n = max(n, len(wrap(printable(text, font), font, size, block.widths[c] - 2 * PAD)))
        row.height = n * leading + 2 * PAD
    # a merged operation cell must be tall enough for its rotated label
    for span in block.spans:
        if span.col != 0:
            continue
        w = block.widths[span.col] - 2 * PAD
        if span.rotated:
            max_lines = max(1, int(w // leading))
            label_w = width(printable(span.text, fonts[1]), fonts[1], size)
            needed = label_w / max_lines * 1.15 + 2 * PAD + leading
        else:
            needed = len(wrap(printable(span.text, fonts[1]), fonts[1], size, w)) * leading + 2 * PAD
        have = sum(block.rows[k].height for k in range(span.first, span.last + 1))
        if have < needed:
            extra = (needed - have) / (span.last - span.first + 1)
            for k in range(span.first, span.last + 1):
                block.rows[k].height += extra


@dataclass
class Placement:
    pages: list[int] = field(default_factory=list)  # page numbers used (relative, 0-based)
    headers: dict[int, list[tuple[int, float]]] = field(default_factory=dict)


def draw_grant_annex(
    pen: Pen, grants: list[Grant], totals: list[GrantTotal], layout: GrantAnnexLayout
) -> tuple[dict[int, Box], dict[int, Box]]:
    """Draw the annex on new landscape pages; return grant index -> Box and total index -> Box."""
    fonts = register_family(layout.font)
    size = layout.size
    rule = Ruler(pen.canvas, layout.borders)
    blocks = build_blocks(grants, totals, layout)
    for b in blocks:
        _measure(b, fonts, size)
    page_h = LANDSCAPE[1]
    bottom = page_h - MARGIN
    # pass 1: place rows (title rows and headers included), one list of (block, row) per page
    pages: list[list[tuple[ThemeBlock, Row]]] = [[]]
    y = MARGIN + 20.0  # room for the annex title on the first page
    for block in blocks:
        title, header = block.rows[0], block.rows[1]
        first_body = block.rows[2].height if len(block.rows) > 2 else 0.0
        if y + title.height + header.height + first_body > bottom:
            pages.append([])
            y = MARGIN
        for row in (title, header):
            row.page, row.top = len(pages) - 1, y
            pages[-1].append((block, row))
            y += row.height
        for row in block.rows[2:]:
            if y + row.height > bottom:
                pages.append([])
                y = MARGIN
                rep = Row("header", header.cells, bold=True, fill=header.fill, height=header.height)
                rep.page, rep.top = len(pages) - 1, y
                pages[-1].append((block, rep))
                y += rep.height
            row.page, row.top = len(pages) - 1, y
            pages[-1].append((block, row))
            y += row.height
    spans_on: dict[int, list[tuple[ThemeBlock, Span]]] = {}
    for block in blocks:
        for span in block.spans:
            for pg in sorted({block.rows[k].page for k in range(span.first, span.last + 1)}):
                spans_on.setdefault(pg, []).append((block, span))
    # pass 2: draw page by page
    grant_boxes: dict[int, Box] = {}
    total_boxes: dict[int, Box] = {}
    first_page = pen.page + 1
    for p, placed in enumerate(pages):
        pen.new_page(LANDSCAPE)
        if p == 0:
            pen.text(MARGIN, MARGIN, layout.title, fonts[1], size + 4)
        for block, row in placed:
            _draw_row(pen, rule, block, row, fonts, size)
            box = Box(
                pen.page,
                (
                    MARGIN,
                    round(row.top, 2),
                    round(MARGIN + sum(block.widths), 2),
                    round(row.top + row.height, 2),
                ),
            )
            if row.kind == "grant":
                grant_boxes[row.ref] = box
            elif row.kind in ("optotal", "themetotal"):
                total_boxes[row.ref] = box
        for block, span in spans_on.get(p, []):
            _draw_span_fragment(pen, rule, block, span, p, fonts, size)
    del first_page
    return grant_boxes, total_boxes


@dataclass(frozen=True)
class Ruler:
    """Draws borders: "stroke" (a spreadsheet's stroked lines) or "filled" (thin filled
    rectangles, as word processors export table borders)."""

    canvas: Any
    style: str = "stroke"
    thick: float = 0.6

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        c = self.canvas
        if self.style == "stroke":
            c.line(x0, y0, x1, y1)
            return
        c.saveState()
        c.setFillGray(0)
        if y0 == y1:  # horizontal
            c.rect(min(x0, x1), y0 - self.thick / 2, abs(x1 - x0), self.thick, stroke=0, fill=1)
        else:
            c.rect(x0 - self.thick / 2, min(y0, y1), self.thick, abs(y1 - y0), stroke=0, fill=1)
        c.restoreState()

    def box(self, x: float, y: float, w: float, h: float) -> None:
        if self.style == "stroke":
            self.canvas.rect(x, y, w, h, stroke=1, fill=0)
            return
        self.line(x, y, x + w, y)
        self.line(x, y + h, x + w, y + h)
        self.line(x, y, x, y + h)
        self.line(x + w, y, x + w, y + h)


def _col_x(block: ThemeBlock, col: int) -> float:
    return MARGIN + sum(block.widths[:col])


def _covered(block: ThemeBlock, row: Row, col: int) -> bool:
    return (id(row), col) in block.covered


def _draw_row(
    pen: Pen, rule: Ruler, block: ThemeBlock, row: Row, fonts: tuple[str, str], size: float
) -> None:
    c = pen.canvas
    h = pen.height
    font = _cell_font(fonts, row.bold)
    full = sum(block.widths)
    y_pdf = h - row.top - row.height
    c.setLineWidth(0.6)
    if row.kind == "title":
        lines = wrap(printable(row.cells[0], font), font, size + 1, full - 2 * PAD)
        ty = row.top + PAD + 1
        for line in lines:
            pen.text(MARGIN + PAD, ty, line, font, size + 1)
            ty += (size + 1) * 1.2
        rule.box(MARGIN, y_pdf, full, row.height)
        return
    if row.fill is not None:
        c.saveState()
        c.setFillGray(row.fill)
        x_fill = MARGIN if row.kind != "optotal" else _col_x(block, 1)
        c.rect(x_fill, y_pdf, MARGIN + full - x_fill, row.height, stroke=0, fill=1)
        c.restoreState()
    merged_to = 4 if row.kind == "themetotal" else 0  # theme total: label across columns 0-3
    for col, w in enumerate(block.widths):
        x = _col_x(block, col)
        if row.kind == "themetotal" and col < merged_to:
            if col == 0:
                span_w = sum(block.widths[:merged_to])
                rule.box(x, y_pdf, span_w, row.height)
                label = row.cells[0]
                lw = width(label, font, size)
                pen.text(x + span_w - PAD - lw, row.top + (row.height - size) / 2, label, font, size)
            continue
        if _covered(block, row, col):
            # vertical sides only; the merged cell's top and bottom belong to the span
            rule.line(x, y_pdf, x, y_pdf + row.height)
            rule.line(x + w, y_pdf, x + w, y_pdf + row.height)
            continue
        rule.box(x, y_pdf, w, row.height)
        text = row.cells[col]
        if not text:
            continue
        _draw_cell_text(pen, text, x, row.top, w, row.height, font, size, _align(row.kind, col), "middle")


def _align(kind: str, col: int) -> str:
    if kind == "header":
        return "center"
    if col in (1, 5):
        return "center"
    if col == 4:
        return "right"
    return "left"


def _draw_cell_text(
    pen: Pen,
    text: str,
    x: float,
    top: float,
    w: float,
    h: float,
    font: str,
    size: float,
    align: str,
    valign: str,
) -> None:
    leading = size * 1.2
    lines = wrap(printable(text, font), font, size, w - 2 * PAD)
    block_h = len(lines) * leading
    ty = top + PAD if valign == "top" else top + (h - block_h) / 2 + (leading - size) / 2
    for line in lines:
        lw = width(line, font, size)
        if align == "center":
            tx = x + (w - lw) / 2
        elif align == "right":
            tx = x + w - PAD - lw
        else:
            tx = x + PAD
        pen.text(tx, ty, line, font, size)
        ty += leading


def _draw_span_fragment(
    pen: Pen, rule: Ruler, block: ThemeBlock, span: Span, page: int, fonts: tuple[str, str], size: float
) -> None:
    rows = block.rows[span.first : span.last + 1]
    here = [r for r in rows if r.page == page]
    if not here:
        return
    c = pen.canvas
    x = _col_x(block, span.col)
    w = block.widths[span.col]
    top = here[0].top
    bottom = here[-1].top + here[-1].height
    h_pdf = pen.height
    c.setLineWidth(0.6)
    if here[0] is rows[0]:
        rule.line(x, h_pdf - top, x + w, h_pdf - top)
    if here[-1] is rows[-1]:
        rule.line(x, h_pdf - bottom, x + w, h_pdf - bottom)
    # which fragment carries the text: the one holding the middle (top-aligned: the first one)
    pages = sorted({r.page for r in rows})
    if span.valign == "top":
        text_page = pages[0]
    else:
        total = sum(r.height for r in rows)
        acc = 0.0
        text_page = rows[-1].page
        for r in rows:
            acc += r.height
            if acc >= total / 2:
                text_page = r.page
                break
        if span.rotated:
            # a rotated label goes where it has the most room
            room = {pg: sum(r.height for r in rows if r.page == pg) for pg in pages}
            text_page = max(pages, key=lambda pg: (room[pg], -pg))
    if page != text_page or not span.text:
        return
    font = fonts[1] if span.bold else fonts[0]
    if not span.rotated:
        align = "left" if span.col == 2 else "center"
        _draw_cell_text(pen, span.text, x, top, w, bottom - top, font, size, align, span.valign)
        return
    _draw_rotated(pen, span.text, x, top, w, bottom - top, font, size)


def _draw_rotated(
    pen: Pen, text: str, x: float, top: float, w: float, h: float, font: str, size: float
) -> None:
    """Text rotated 90° (reading bottom to top), wrapped into columns, clipped to its cell."""
    c = pen.canvas
    text = printable(text, font)
    fs = size
    while True:
        leading = fs * 1.2
        max_lines = max(1, int((w - 2 * PAD) // leading))
        lines = wrap(text, font, fs, h - 2 * PAD)
        if len(lines) <= max_lines or fs <= 4.0:
            break
        fs -= 0.5
    leading = fs * 1.2
    block_w = len(lines) * leading
    x_start = x + (w - block_w) / 2
    y_cell_bottom = pen.height - top - h
    c.saveState()
    path = c.beginPath()
    path.rect(x, y_cell_bottom, w, h)
    c.clipPath(path, stroke=0, fill=0)
    c.setFont(font, fs)
    for i, line in enumerate(lines):
        lw = width(line, font, fs)
        baseline_x = x_start + i * leading + fs * 0.85
        c.saveState()
        c.translate(baseline_x, y_cell_bottom + (h - lw) / 2)
        c.rotate(90)
        c.drawString(0, 0, line)
        c.restoreState()
    c.restoreState()
