"""Ruled tables from page geometry: grid, merged cells, rotated text, open borders, cut words.

Fixtures are drawn here with reportlab from data (cell rectangles stroked one by one, a cell
merged over two columns, another over two rows, text at +90° and -90°, a table cut by a page
break with no top border), plus a real Montpellier page cross-checked with pdfplumber.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from delib.extract.table_text import TextLine, join_cell_lines, vocabulary
from delib.extract.tables import RuledTable, find_tables, read_geometry

REAL = Path(__file__).parents[2].parent / "shared" / "real"
MONTPELLIER = REAL / "montpellier_cm_2014-02-17_delib-2014-121_attributions-subventions-2014.pdf"

# a 4 x 4 grid; each entry: (row0, col0, row1, col1, text) with exclusive ends
COLS = (50.0, 150.0, 260.0, 330.0, 450.0)
ROWS = (100.0, 130.0, 160.0, 190.0, 220.0)  # distances from the page top
CELLS = [
    (0, 0, 1, 2, "Header over two columns"),
    (0, 2, 1, 3, "N°"),
    (0, 3, 1, 4, "Montant"),
    (1, 0, 3, 1, "Merged two rows"),
    (1, 1, 2, 2, "Alpha"),
    (1, 2, 2, 3, "1"),
    (1, 3, 2, 4, "10,00 €"),
    (2, 1, 3, 2, "Beta"),
    (2, 2, 3, 3, "2"),
    (2, 3, 3, 4, "20,00 €"),
    (3, 0, 4, 1, "Gamma"),
    (3, 1, 4, 2, "Delta"),
    (3, 2, 4, 3, "3"),
    (3, 3, 4, 4, "30,00 €"),
]


def _draw_cells(c: Canvas, height: float, *, top_border: bool = True) -> None:
    c.setFont("Helvetica", 9)
    for r0, c0, r1, c1, text in CELLS:
        x0, x1 = COLS[c0], COLS[c1]
        y_top, y_bot = height - ROWS[r0], height - ROWS[r1]
        if top_border:
            c.rect(x0, y_bot, x1 - x0, y_top - y_bot, stroke=1, fill=0)
        else:  # borders drawn as lines, the top one left out
            c.line(x0, y_bot, x1, y_bot)
            c.line(x0, y_bot, x0, y_top)
            c.line(x1, y_bot, x1, y_top)
            if r0 > 0:
                c.line(x0, y_top, x1, y_top)
        c.drawString(x0 + 3, y_bot + 10, text)


@pytest.fixture(scope="module")
def grid_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tables") / "grid.pdf"
    c = Canvas(str(path), pagesize=A4)
    _, h = A4
    _draw_cells(c, h)
    c.showPage()
    _draw_cells(c, h, top_border=False)
    c.showPage()
    # rotated text: two lines reading upwards in one cell, one line reading downwards in another
    c.setFont("Helvetica", 9)
    c.rect(50, h - 300, 60, 200)
    c.rect(110, h - 300, 60, 200)
    c.rect(170, h - 300, 100, 200)
    for k, text in enumerate(("Opération 1 : Aide", "à l'encadrement")):
        c.saveState()
        c.translate(70 + 12 * k, h - 290)
        c.rotate(90)
        c.drawString(0, 0, text)
        c.restoreState()
    c.saveState()
    c.translate(140, h - 110)
    c.rotate(-90)
    c.drawString(0, 0, "lu vers le bas")
    c.restoreState()
    c.drawString(175, h - 200, "droit")
    c.showPage()
    c.save()
    return path


def _tables(path: Path, index: int, **kw: object) -> list[RuledTable]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        tables, _ = find_tables(read_geometry(pdf, index), **kw)  # type: ignore[arg-type]
        return tables
    finally:
        pdf.close()


def _spans(table: RuledTable) -> set[tuple[int, int, int, int, str]]:
    return {(c.row0, c.col0, c.row1, c.col1, c.text) for c in table.cells}


def test_grid_and_merged_cells_from_stroked_rectangles(grid_pdf: Path) -> None:
    (table,) = _tables(grid_pdf, 0)
    assert [round(x, 1) for x in table.xs] == list(COLS)
    assert [round(y, 1) for y in table.ys] == list(ROWS)
    assert _spans(table) == set(CELLS)


def test_cell_at_returns_the_merged_cell_for_every_row_it_covers(grid_pdf: Path) -> None:
    (table,) = _tables(grid_pdf, 0)
    assert table.cell_at(1, 0) is table.cell_at(2, 0)
    assert table.cell_at(1, 0).text == "Merged two rows"
    assert table.cell_at(0, 0) is table.cell_at(0, 1)
    assert [c.text for c in table.row_cells(2)] == ["Merged two rows", "Beta", "2", "20,00 €"]


def test_table_cut_by_page_break_keeps_its_first_row_without_top_border(grid_pdf: Path) -> None:
    (table,) = _tables(grid_pdf, 1)
    assert round(table.ys[0], 1) == ROWS[0]
    assert _spans(table) == set(CELLS)


def test_rotated_text_read_in_reading_order_both_directions(grid_pdf: Path) -> None:
    (table,) = _tables(grid_pdf, 2, min_rows=1)
    texts = [c.text for c in table.row_cells(0)]
    assert texts == ["Opération 1 : Aide à l'encadrement", "lu vers le bas", "droit"]
    assert table.cells[0].lines == ["Opération 1 : Aide", "à l'encadrement"]


def _line(text: str, length: float, rotated: bool = True) -> TextLine:
    return TextLine(text, length, 7.0, rotated)


WRAPS = {
    "cut word, joined word known": (
        [_line("Accompagne", 45.2), _line("ment", 18.3), _line("Global", 22.6)],
        51.9,
        {"accompagnement", "global"},
        "Accompagnement Global",
    ),
    "full line but both words known: a wrap at a space": (
        [_line("Accompagnement", 70.6), _line("budgétaire des", 59.7)],
        77.2,
        {"accompagnement", "budgétaire", "des"},
        "Accompagnement budgétaire des",
    ),
    "cut word, neither piece known, line full": (
        [_line("socioprofessionn", 66.9), _line("el", 7.1)],
        75.1,
        set(),
        "socioprofessionnel",
    ),
    "short line is never a cut": (
        [_line("Opération", 30.0), _line("quatre", 20.0)],
        90.0,
        set(),
        "Opération quatre",
    ),
    "upper case then lower case is a wrap": (
        [_line("OPERATION", 50.0, rotated=False), _line("du", 8.0, rotated=False)],
        53.0,
        set(),
        "OPERATION du",
    ),
    # Calc wraps after a hyphen of the text (seed p.15): the hyphen stays, no space
    "wrap after a compound word's hyphen": (
        [_line("Département du Pas-de-", 96.0, rotated=False), _line("Calais", 20.0, rotated=False)],
        90.0,
        {"département", "du", "pas", "de", "calais"},
        "Département du Pas-de-Calais",
    ),
    "wrap after a hyphen, no vocabulary": (
        [_line("Saint-", 20.0, rotated=False), _line("Omer", 20.0, rotated=False)],
        40.0,
        set(),
        "Saint-Omer",
    ),
    # a word processor's hyphenation: only the document's words tell it from a compound
    "word hyphenated by the program": (
        [_line("accompa-", 30.0, rotated=False), _line("gnement", 30.0, rotated=False)],
        40.0,
        {"accompagnement"},
        "accompagnement",
    ),
    "a dash between words is not a hyphen": (
        [_line("Opération 1 -", 50.0, rotated=False), _line("Accompagner", 40.0, rotated=False)],
        60.0,
        set(),
        "Opération 1 - Accompagner",
    ),
}


@pytest.mark.parametrize(("lines", "cell_len", "known", "expected"), WRAPS.values(), ids=WRAPS.keys())
def test_wrapped_lines_joined(lines: list[TextLine], cell_len: float, known: set[str], expected: str) -> None:
    assert join_cell_lines(lines, cell_len, cell_len, frozenset(known)) == expected


def test_vocabulary_ignores_short_lines_where_cut_pieces_land() -> None:
    known = vocabulary(["Opération 4 : Accompagnement Global des bénéficiaires", "ment", "el RSA"])
    assert "accompagnement" in known
    assert "ment" not in known and "el" not in known


@pytest.mark.skipif(not MONTPELLIER.exists(), reason="../shared/real not present")
@pytest.mark.parametrize("page", [3, 22])
def test_montpellier_cells_agree_with_pdfplumber(page: int) -> None:
    """Same cell texts as pdfplumber's lattice reading of a page drawn with thin filled rectangles
    (and white boxes that are not ruling lines)."""
    ours = _tables(MONTPELLIER, page)
    with pdfplumber.open(MONTPELLIER) as pdf:
        found = pdf.pages[page].find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
        # pdfplumber also returns the inner text boxes of wrapped cells as tiny tables: keep the big ones
        theirs = [t for t in found if len(t.rows) > 2]
        assert len(ours) == len(theirs)
        for table, ref in zip(ours, theirs, strict=True):
            expected = {" ".join(cell.split()) for row in ref.extract() for cell in row if cell}
            got = {c.text for c in table.cells if c.text}
            assert got == expected


# --------------------------------------------------------------------------- office-printed sheets

OFFICE = Path(__file__).resolve().parents[2] / "corpus" / "samples_office"
NORD = OFFICE / "nord_cp_2021-11-22_dsti-2021-1045.pdf"
HDF = OFFICE / "hauts-de-france_cp_2024-06-27_20241187.pdf"


def _first_column(path: Path, index: int) -> list[str]:
    """Texts of the merged cells of the first column (OPERATION) of the tables of a page."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        tables, _ = find_tables(read_geometry(pdf, index), min_rows=1)
    finally:
        pdf.close()
    return [c.text for t in tables for c in t.cells if c.col0 == 0 and c.text]


def test_apostrophe_inside_rotated_label_stays_in_label() -> None:
    """Calc p.9: the U+0027 of a label written at 90° has a loose box whose centre lies outside the
    tight bounds of its glyph's text object; it is still read at 90°, inside its label."""
    labels = _first_column(NORD, 8)
    assert "Opération 2 : Aide à l'encadrement dans les Ateliers et chantiers d'Insertion" in labels
    assert "Opération 4 : Aide à l'encadrement dans les entreprises d'insertion" in labels
    assert not any(t.startswith("'") for t in labels)


@pytest.mark.parametrize(
    ("path", "pages", "label"),
    [
        # Nord p.9-10: three-line label, the hidden part on p.10 lay over the header cell
        (NORD, (8, 9), "Opération 4 : Aide à l'encadrement dans les entreprises d'insertion"),
        # Hauts-de-France p.10-11: hidden parts below the table (p.10) and above the page (p.11)
        (HDF, (9, 10), "Op. 4 : Accompagner autrement"),
    ],
)
def test_rotated_label_cut_by_page_break_read_whole_on_both_pages(
    path: Path, pages: tuple[int, int], label: str
) -> None:
    """A rotated label merged over rows that a page break cuts is drawn whole on each page and
    clipped to the part of the cell there: each part reads the whole label, and the header cell
    it was drawn over keeps only its own word."""
    for index in pages:
        labels = _first_column(path, index)
        assert label in labels, (index, labels)
        assert labels[0] == "OPERATION"


def _clipped_label_pdf(path: Path, label: str) -> None:
    """Two pages of one ruled column whose bottom (p.1) and top (p.2) part of a merged cell show a
    label at 90° drawn whole, centred on the whole cell, clipped to the part on the page."""
    c = Canvas(str(path), pagesize=A4)
    h = A4[1]
    x0, x1 = 60.0, 90.0
    for page, (top, bottom, centre) in enumerate([(700.0, 780.0, 800.0), (60.0, 140.0, 40.0)]):
        # header cell, then the part of the merged cell on this page (open on the cut side)
        c.rect(x0, h - top, x1 - x0, 40)
        c.setFont("Helvetica", 8)
        c.drawString(x0 + 3, h - top + 15, "OPER")
        c.line(x0, h - top, x0, h - bottom)
        c.line(x1, h - top, x1, h - bottom)
        c.line(x0, h - top, x1, h - top)
        c.line(x1, h - top, x1 + 100, h - top)
        c.line(x1, h - bottom, x1 + 100, h - bottom)
        c.line(x1 + 100, h - top, x1 + 100, h - bottom)
        c.drawString(x1 + 5, h - top - 20, f"row {page + 1}")
        c.saveState()
        p = c.beginPath()
        p.rect(x0, h - bottom, x1 - x0, bottom - top)
        c.clipPath(p, stroke=0, fill=0)
        c.translate(x0 + 18, h - centre)
        c.rotate(90)
        c.setFont("Helvetica", 9)
        c.drawCentredString(0, 0, label)
        c.restoreState()
        c.showPage()
    c.save()


def test_clipped_part_of_rotated_label_goes_with_its_visible_part(tmp_path: Path) -> None:
    label = "Opération 7 : Accompagner autrement les publics"
    path = tmp_path / "clipped.pdf"
    _clipped_label_pdf(path, label)
    for index in (0, 1):
        texts = _first_column(path, index)
        assert texts == ["OPER", label], (index, texts)


def test_hyphen_ending_a_wrapped_line_is_read() -> None:
    """pdfium gives a hyphen printed at the end of a line as U+0002 (U+FFFE in its bulk text): it is
    a '-' of the cell (seed p.15 territory 'Département du Pas-de-' / 'Calais')."""
    seed = OFFICE / "pas-de-calais_cp_2023-06-12_2023-259.pdf"
    pdf = pdfium.PdfDocument(str(seed))
    try:
        tables, _ = find_tables(read_geometry(pdf, 14), min_rows=1)
    finally:
        pdf.close()
    cells = [c for t in tables for c in t.cells if c.text.startswith("Département du Pas-de")]
    assert len(cells) == 2
    assert all(c.lines == ["Département du Pas-de-", "Calais"] for c in cells)
    assert all(c.text == "Département du Pas-de-Calais" for c in cells)
