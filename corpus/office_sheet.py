"""The grant annex as a real spreadsheet (.xlsx, openpyxl), to be printed by LibreOffice Calc.

One worksheet per theme, the way annexes are kept: a title row, a header row
repeated on every printed page (print titles), one row per grant, the operation
label in a vertically merged cell with its text rotated 90°, consecutive equal
territories merged over their rows, wrapped text, thin borders, amounts stored
as numbers and displayed by a number format (``# ##0,00 €;# ##0,00 €-`` in a
French locale: ``54 000,00 €-``), a TOTAL row per operation and one per theme,
landscape A4 scaled to the page width.

Row heights are set explicitly (estimated from DejaVu metrics and greedy
wrapping) because a rotated label in a merged cell does not grow its rows when
LibreOffice computes optimal heights.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from delib.corpus.pen import register_family, width, wrap
from delib.corpus.spec import GrantAnnexLayout
from delib.models import Grant, GrantTotal, TotalLevel

# 1 unit of Excel column width ~ 7 px at 96 dpi = 5.25 pt (default 11 pt Calibri digit width)
POINTS_PER_WIDTH_UNIT = 5.25
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass(frozen=True)
class SheetStyle:
    """How one publication's workbook is formatted (varies between samples)."""

    font: str = "DejaVu Sans"
    size: float = 8.0
    amount_format: str = '#,##0.00\\ "€";#,##0.00\\ "€"\\-'
    places_format: str = "0;-0"
    # column widths in Excel units: OPERATION, TERRITOIRE, STRUCTURE, third, MONTANT, acte
    places_widths: tuple[float, ...] = (7.0, 18.0, 44.0, 16.0, 17.0, 14.0)
    description_widths: tuple[float, ...] = (7.0, 16.0, 32.0, 54.0, 16.0, 13.0)
    op_span_includes_total: bool = True
    total_label_cols: str = "BC"  # where an operation total's label is merged
    header_fill: str = "D9D9D9"
    total_fill: str = "EDEDED"
    footer: str = "&A - Page &P / &N"


def _metric_font(style: SheetStyle, bold: bool) -> str:
    family = "DejaVuSansCondensed" if "Condensed" in style.font else "DejaVuSans"
    regular, heavy = register_family(family)
    return heavy if bold else regular


def _lines(text: str, col_pt: float, style: SheetStyle, bold: bool = False) -> int:
    if not text:
        return 1
    font = _metric_font(style, bold)
    return len(wrap(text, font, style.size, max(col_pt - 6.0, 10.0))) or 1


def _header(columns: str, layout: GrantAnnexLayout, headers: list[str] | None) -> list[str]:
    if headers:
        return list(headers)
    third = layout.places_header if columns == "places" else layout.description_header
    return ["OPERATION", "TERRITOIRE(S)", "STRUCTURE", third, "MONTANT RETENU", "Avenant/convention"]


def _sheet_name(i: int, theme: str | None) -> str:
    base = f"Thème {i}"
    if theme:
        base = f"{i}. {theme.split(' ', 1)[-1] if theme[:1].isdigit() else theme}"
    for bad in "[]:*?/\\":
        base = base.replace(bad, " ")
    return base[:31]


class _SheetWriter:
    def __init__(self, ws: Worksheet, style: SheetStyle, widths: tuple[float, ...]) -> None:
        self.ws = ws
        self.style = style
        self.widths_pt = [w * POINTS_PER_WIDTH_UNIT for w in widths]
        self.font = Font(name=style.font, size=style.size)
        self.bold = Font(name=style.font, size=style.size, bold=True)
        self.row = 1
        self.heights: dict[int, float] = {}
        self.leading = style.size * 1.25
        for c, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(c)].width = w

    def put(
        self,
        col: int,
        value: str | int | Decimal | None,
        *,
        bold: bool = False,
        fmt: str | None = None,
        horizontal: str = "left",
        fill: str | None = None,
    ) -> None:
        cell = self.ws.cell(self.row, col, value)
        cell.font = self.bold if bold else self.font
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        cell.border = BORDER
        if fmt:
            cell.number_format = fmt
        if fill:
            cell.fill = PatternFill("solid", start_color=fill, end_color=fill)

    def blank_row(self, fill: str | None = None) -> None:
        for c in range(1, 7):
            self.put(c, None, fill=fill)

    def total_row(
        self, label: str, label_cols: tuple[int, int], amount: Decimal, places: int | None = None
    ) -> None:
        """A shaded bold total row: *label* right-aligned in the merged columns *label_cols* (first, last),
        the *places* (when given) in column 4, the *amount* in column 5."""
        st = self.style
        self.blank_row(fill=st.total_fill)
        self.put(label_cols[0], label, bold=True, horizontal="right", fill=st.total_fill)
        self.merge(self.row, self.row, *label_cols)
        if places is not None:
            self.put(4, places, bold=True, fmt=st.places_format, horizontal="center", fill=st.total_fill)
        self.put(5, amount, bold=True, fmt=st.amount_format, horizontal="right", fill=st.total_fill)
        self.fit({})
        self.row += 1

    def fit(self, texts: dict[int, str], bold: bool = False) -> None:
        """Height of the current row from the wrapped texts of its cells (1-based column -> text)."""
        n = max((_lines(t, self.widths_pt[c - 1], self.style, bold) for c, t in texts.items()), default=1)
        self.heights[self.row] = n * self.leading + 4.0

    def merge(self, first: int, last: int, col_first: int, col_last: int) -> None:
        if (first, col_first) == (last, col_last):
            return
        a = f"{get_column_letter(col_first)}{first}"
        b = f"{get_column_letter(col_last)}{last}"
        self.ws.merge_cells(f"{a}:{b}")

    def rotated_label(self, first: int, last: int, text: str) -> None:
        """Operation label: merged over rows first..last, rotated 90°, rows grown until it fits."""
        cell = self.ws.cell(first, 1, text)
        cell.font = self.bold
        cell.alignment = Alignment(horizontal="center", vertical="center", text_rotation=90, wrap_text=True)
        self.merge(first, last, 1, 1)
        lines = max(1, int((self.widths_pt[0] - 4.0) // self.leading))
        needed = width(text, _metric_font(self.style, True), self.style.size) / lines * 1.15 + 8.0
        rows = list(range(first, last + 1))
        have = sum(self.heights.get(r, self.leading) for r in rows)
        if have < needed:
            extra = (needed - have) / len(rows)
            for r in rows:
                self.heights[r] = self.heights.get(r, self.leading) + extra

    def finish(self) -> None:
        for r, h in self.heights.items():
            self.ws.row_dimensions[r].height = round(h, 1)


def _write_theme(
    ws: Worksheet,
    theme: str | None,
    grants: list[Grant],
    totals: list[GrantTotal],
    columns: str,
    headers: list[str],
    style: SheetStyle,
    annex_title: str | None = None,
    merge_structure: list[list[int]] | None = None,
) -> None:
    widths = style.places_widths if columns == "places" else style.description_widths
    w = _SheetWriter(ws, style, widths)
    top = 1
    if annex_title:  # the annex's own title, on the first sheet only, above the theme
        cell = ws.cell(1, 1, annex_title)
        cell.font = Font(name=style.font, size=style.size + 4, bold=True)
        ws.merge_cells("A1:F1")
        w.heights[1] = (style.size + 4) * 1.4 + 6.0
        top = 2
    # theme title row, merged over the six columns, no border
    title = ws.cell(top, 1, theme or "")
    title.font = Font(name=style.font, size=style.size + 2, bold=True)
    title.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    ws.merge_cells(f"A{top}:F{top}")
    w.heights[top] = _lines(theme or "", sum(w.widths_pt), style, True) * (style.size + 2) * 1.25 + 6.0
    w.row = top + 1
    for c, h in enumerate(headers, start=1):
        w.put(c, h, bold=True, horizontal="center", fill=style.header_fill)
    w.fit(dict(enumerate(headers, start=1)), bold=True)
    ws.print_title_rows = f"{top + 1}:{top + 1}"
    ws.freeze_panes = f"A{top + 2}"
    w.row = top + 2
    ops: list[str | None] = []
    for g in grants:
        if g.operation not in ops:
            ops.append(g.operation)
    row_of: dict[int, int] = {}
    for op in ops:
        first = w.row
        op_grants = [g for g in grants if g.operation == op]
        terr_runs: list[tuple[int, int, str]] = []
        for g in op_grants:
            third: str | int | None = g.places if columns == "places" else (g.description or "")
            w.put(1, None)
            w.put(2, g.territory or "", horizontal="center")
            w.put(3, g.beneficiary)
            if columns == "places":
                w.put(4, third, fmt=style.places_format, horizontal="center")
            else:
                w.put(4, third)
            w.put(5, g.amount, fmt=style.amount_format, horizontal="right")
            w.put(6, g.instrument or "", horizontal="center")
            w.fit({2: g.territory or "", 3: g.beneficiary, 4: "" if columns == "places" else str(third)})
            row_of[id(g)] = w.row
            t = g.territory or ""
            if terr_runs and terr_runs[-1][2] == t and t:
                terr_runs[-1] = (terr_runs[-1][0], w.row, t)
            else:
                terr_runs.append((w.row, w.row, t))
            w.row += 1
        for a, b, _t in terr_runs:
            if b > a:
                for r in range(a + 1, b + 1):
                    ws.cell(r, 2).value = None
                w.merge(a, b, 2, 2)
        last_grant = w.row - 1
        op_total = next(
            (t for t in totals if t.level == TotalLevel.OPERATION and t.theme == theme and t.operation == op),
            None,
        )
        if op_total is not None:
            label_cols = (ord(style.total_label_cols[0]) - 64, ord(style.total_label_cols[-1]) - 64)
            places = op_total.places if columns == "places" else None
            w.total_row(op_total.label or "", label_cols, op_total.amount, places)
        label_last = w.row - 1 if (op_total is not None and style.op_span_includes_total) else last_grant
        w.rotated_label(first, label_last, op or "")
    for first_k, count in merge_structure or []:
        # one beneficiary printed once for several rows (top-aligned), as in the seed's Le Coin familial
        rows = sorted(row_of[id(g)] for g in grants[first_k : first_k + count])
        if len(rows) == count and rows == list(range(rows[0], rows[0] + count)):
            for r in rows[1:]:
                ws.cell(r, 3).value = None
            ws.cell(rows[0], 3).alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
            w.merge(rows[0], rows[-1], 3, 3)
    for tt in totals:
        if tt.level == TotalLevel.OPERATION or tt.theme != theme:
            continue
        w.total_row(tt.label or "", (1, 4), tt.amount)
    w.finish()
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    footer = ws.oddFooter
    if footer is not None:
        footer.center.text = style.footer
        footer.center.size = 8


def grant_workbook(
    grants: list[Grant], totals: list[GrantTotal], layout: GrantAnnexLayout, style: SheetStyle
) -> Workbook:
    """The grant annex of one deliberation as a workbook, one sheet per theme in printed order."""
    wb = Workbook()
    default = wb.active
    themes: list[str | None] = []
    for g in grants:
        if g.theme not in themes:
            themes.append(g.theme)
    for i, theme in enumerate(themes, start=1):
        tl = next((t for t in layout.themes if t.theme == theme), None)
        tg = [g for g in grants if g.theme == theme]
        columns = tl.columns if tl else ("places" if any(g.places is not None for g in tg) else "description")
        headers = _header(columns, layout, tl.headers if tl else None)
        ws = wb.create_sheet(_sheet_name(i, theme))
        title = layout.title if i == 1 else None
        merges = tl.merge_structure if tl else None
        _write_theme(ws, theme, tg, totals, columns, headers, style, title, merges)
    if default is not None:
        wb.remove(default)
    return wb
