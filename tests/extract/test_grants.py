"""Grant annex tables read from page geometry.

Fixtures: spreadsheet-like annexes rendered here with reportlab from data
(a rotated operation label in a vertically merged cell, territories in merged
cells, a group cut by a page break, a repeated header, negative amounts written
``54 000,00 €-``), the real Montpellier 2014 grant deliberation, and the
generated corpus samples (checked against their ground-truth JSON).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from delib.extract.document import Document
from delib.extract.grant_columns import column_role, header_roles
from delib.extract.grants import GrantTables, _theme_above, extract_grants, is_grant_table_page, running_lines
from delib.extract.table_text import Phrase
from delib.models import Deliberation, Publication, TotalLevel

REAL = Path(__file__).parents[2].parent / "shared" / "real"
SAMPLES = Path(__file__).parents[2] / "corpus" / "samples"
MONTPELLIER = REAL / "montpellier_cm_2014-02-17_delib-2014-121_attributions-subventions-2014.pdf"
AVOCATS = REAL / "montpellier_cm_2014-04-24_delib-0000071276_subvention-avocats.pdf"


# --------------------------------------------------------------------------
# a spreadsheet printed to PDF, rendered from data
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One printed row.  Consecutive rows of a page with the same ``op`` share one merged operation
    cell, and with the same territory one merged territory cell (labelled where ``show_territory``)."""

    op: str
    territory: str
    beneficiary: str  # "TOTAL" (or "") on a total row
    places: str
    amount: str
    instrument: str = "Convention"
    show_territory: bool = True
    theme_total: bool = False  # the TOTAL label in one cell over the operation..places columns

    @property
    def is_total(self) -> bool:
        return self.theme_total or self.beneficiary in ("TOTAL", "")


HEADER = ("OPERATION", "TERRITOIRE(S)", "STRUCTURE", "PLACES", "MONTANT RETENU", "Avenant/convention")
WIDTHS = (60, 110, 230, 60, 110, 90)
ROW_H = 26.0
OPERATION = "Opération 1 : Aide à l'encadrement dans les Associations Intermédiaires"

# page 1 then page 2; the "Artois" group runs over the page break, the operation too.
PAGE1 = [
    Line("1", "Arrageois", "CC SUD ARTOIS", "90", "14 400,00 €"),
    Line("1", "Boulonnais", "CCAS Wimereux", "22", "3 520,00 €"),
    Line("1", "Artois", "SIVOM de la Communauté du Bruaysis", "-450", "54 000,00 €-"),
    Line("1", "Artois", "Technique Services", "3", "9 000,00 €", show_territory=False),
]
PAGE2 = [
    Line("1", "Artois", "CCAS de Bruay-la-Buissière", "450", "54 000,00 €", "Avenant", show_territory=False),
    Line("1", "Calaisis", "Régie de Quartier de Calais", "16", "72 000,00 €"),
    Line("1", "Calaisis", "OPUR", "20", "84 000,00 €", show_territory=False),
]
TOTAL = Line("1", "", "TOTAL", "151", "182 920,00 €", "")


def _xs() -> list[float]:
    xs = [30.0]
    for w in WIDTHS:
        xs.append(xs[-1] + w)
    return xs


def _draw_rotated_label(c: Canvas, label: str, x: float, y_bottom: float, room: float) -> None:
    """An operation label written at 90° (reading upwards), wrapped to the cell height."""
    c.setFont("Helvetica", 7)
    parts: list[str] = []
    for word in label.split(" "):
        if parts and stringWidth(parts[-1] + " " + word, "Helvetica", 7) <= room:
            parts[-1] += " " + word
        else:
            parts.append(word)
    for k, part in enumerate(parts):
        c.saveState()
        c.translate(x + 14 + 9 * k, y_bottom + 4)
        c.rotate(90)
        c.drawString(0, 0, part)
        c.restoreState()


def _draw_page(c: Canvas, lines: list[Line], labels: dict[str, str]) -> None:
    """One page of the sheet: header, rows, merged territory and operation cells; ``labels`` are
    the operation labels printed on this page (a merged cell prints its label on one page only)."""
    _w, h = landscape(A4)
    xs = _xs()
    ys = [h - 60 - ROW_H * k for k in range(len(lines) + 2)]  # header row + body rows
    c.setLineWidth(0.5)
    c.setFont("Helvetica-Bold", 7)
    for k, text in enumerate(HEADER):
        c.drawString(xs[k] + 3, ys[1] + 6, text)
    c.line(xs[0], ys[0], xs[-1], ys[0])
    c.line(xs[0], ys[1], xs[-1], ys[1])
    for x in xs:
        c.line(x, ys[0], x, ys[1])
    for r, ln in enumerate(lines):
        y_top, y_bot = ys[r + 1], ys[r + 2]
        for k, x in enumerate(xs):
            if not (ln.theme_total and 1 <= k <= 3):
                c.line(x, y_top, x, y_bot)
        nxt = lines[r + 1] if r + 1 < len(lines) else None
        same_op = nxt is not None and nxt.op == ln.op and not nxt.theme_total and not ln.theme_total
        same_territory = same_op and nxt is not None and nxt.territory == ln.territory != ""
        c.line(xs[0] if not same_op else xs[1], y_bot, xs[1], y_bot)
        c.line(xs[1] if not same_territory else xs[2], y_bot, xs[-1], y_bot)
        c.setFont("Helvetica-Bold" if ln.is_total else "Helvetica", 8)
        if ln.theme_total:
            c.drawString(xs[0] + 3, y_bot + 6, "TOTAL")
        elif ln.show_territory and ln.territory:
            c.drawString(xs[1] + 3, y_bot + 6, ln.territory)
        if not ln.theme_total:
            c.drawString(xs[2] + 3, y_bot + 6, ln.beneficiary)
        c.drawRightString(xs[4] - 3, y_bot + 6, ln.places)
        c.drawRightString(xs[5] - 3, y_bot + 6, ln.amount)
        c.drawString(xs[5] + 3, y_bot + 6, ln.instrument)
    # one rotated label per run of rows of one operation
    r = 0
    while r < len(lines):
        end = r
        while end + 1 < len(lines) and lines[end + 1].op == lines[r].op and not lines[end + 1].theme_total:
            end += 1
        label = labels.get(lines[r].op)
        if label and not lines[r].theme_total:
            _draw_rotated_label(c, label, xs[0], ys[end + 2], ys[r + 1] - ys[end + 2] - 8)
        r = end + 1


def render_pages(
    path: Path,
    pages: list[tuple[list[Line], dict[str, str]]],
    *,
    page_rotation: int = 0,
    above: Sequence[str] = (),
    footer: str = "",
) -> Path:
    """A sheet over several pages; with ``page_rotation`` 90 or 270 the pages are portrait in PDF
    space and shown landscape through /Rotate (content drawn turned), as some printers write them."""
    portrait_w, portrait_h = A4
    c = Canvas(str(path), pagesize=A4 if page_rotation else landscape(A4))
    for lines, labels in pages:
        if page_rotation == 90:
            c.setPageRotation(90)
            c.translate(portrait_w, 0)
            c.rotate(90)
        elif page_rotation == 270:
            c.setPageRotation(270)
            c.translate(0, portrait_h)
            c.rotate(-90)
        _draw_page(c, lines, labels)
        # lines printed right above the grid (a title), and a footer, on every page
        _w, h = landscape(A4)
        c.setFont("Helvetica-Bold", 9)
        for k, text in enumerate(reversed(above)):
            c.drawString(30, h - 56 + 11 * k, text)
        if footer:
            c.setFont("Helvetica", 8)
            c.drawCentredString(420, 20, footer)
        c.showPage()
    c.save()
    return path


def render_sheet(path: Path, *, page_rotation: int = 0) -> Path:
    """The two-page sheet: operation label printed on page 1 only, Artois over the page break."""
    pages = [(PAGE1, {"1": OPERATION}), ([*PAGE2, TOTAL], {})]
    return render_pages(path, pages, page_rotation=page_rotation)


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_sheet(tmp_path_factory.mktemp("grants") / "sheet.pdf")


def test_sheet_pages_are_grant_table_pages(sheet: Path) -> None:
    with Document.open(sheet) as doc:
        assert [is_grant_table_page(doc, i) for i in range(doc.n_pages)] == [True, True]


def test_sheet_rows_amounts_places_and_names(sheet: Path) -> None:
    with Document.open(sheet) as doc:
        res = extract_grants(doc, [0, 1], annex="3")
    got = [(g.beneficiary, g.places, g.amount, g.instrument, g.page) for g in res.grants]
    expected = [
        (ln.beneficiary, int(ln.places), _amount(ln.amount), ln.instrument, page)
        for page, lines in ((1, PAGE1), (2, PAGE2))
        for ln in lines
    ]
    assert got == expected
    assert res.problems == []
    assert all(g.annex == "3" and g.rule and g.bbox for g in res.grants)


@pytest.mark.parametrize("rotation", [90, 270])
def test_page_shown_through_rotate_reads_like_the_plain_sheet(
    tmp_path: Path, sheet: Path, rotation: int
) -> None:
    turned = render_sheet(tmp_path / "turned.pdf", page_rotation=rotation)

    def rows(path: Path) -> list[tuple[object, ...]]:
        with Document.open(path) as doc:
            res = extract_grants(doc, [0, 1])
        return [
            (g.operation, g.territory, g.beneficiary, g.places, g.amount, g.instrument) for g in res.grants
        ]

    assert rows(turned) == rows(sheet)
    assert len(rows(turned)) == len(PAGE1) + len(PAGE2)


def test_negative_amount_with_trailing_minus_and_negative_places(sheet: Path) -> None:
    with Document.open(sheet) as doc:
        res = extract_grants(doc, [0, 1])
    sivom = next(g for g in res.grants if g.beneficiary.startswith("SIVOM"))
    assert sivom.amount == Decimal("-54000.00")
    assert sivom.places == -450


def test_merged_territory_cells_filled_from_geometry_over_the_page_break(sheet: Path) -> None:
    with Document.open(sheet) as doc:
        res = extract_grants(doc, [0, 1])
    got = [(g.territory, g.beneficiary) for g in res.grants]
    # "Technique Services" sits in the Artois group: the cell boundary, not the text, says so;
    # "CCAS de Bruay" (page 2) continues the Artois merged cell whose label is on page 1.
    assert got == [(ln.territory, ln.beneficiary) for ln in PAGE1 + PAGE2]


def test_rotated_operation_label_read_in_order_and_carried_to_next_page(sheet: Path) -> None:
    with Document.open(sheet) as doc:
        res = extract_grants(doc, [0, 1])
    assert {g.operation for g in res.grants} == {OPERATION}


def test_total_row_is_an_operation_total_with_places(sheet: Path) -> None:
    with Document.open(sheet) as doc:
        res = extract_grants(doc, [0, 1])
    assert len(res.totals) == 1
    total = res.totals[0]
    assert (total.label, total.places, total.amount) == ("TOTAL", 151, Decimal("182920.00"))
    assert total.level == TotalLevel.OPERATION
    assert total.operation == OPERATION
    assert sum(g.amount for g in res.grants) == total.amount


OP_A = "Opération 1 : Référent solidarité"
OP_B = "Opération 2 : Aide globale"


def test_operation_closed_by_total_at_page_foot_then_next_operation_labelled_two_pages_later(
    tmp_path: Path,
) -> None:
    # page 1 ends with operation A's TOTAL; operation B starts at the top of page 2 and its
    # label is printed on page 3 only: page 2's rows belong to B, not to A.
    a = [
        Line("A", "Artois", "CCAS de Liévin", "10", "1 000,00 €"),
        Line("A", "", "TOTAL", "10", "1 000,00 €", ""),
    ]
    b2 = [
        Line("B", "Calaisis", "OPUR", "5", "500,00 €"),
        Line("B", "Calaisis", "AES", "6", "600,00 €", show_territory=False),
    ]
    b3 = [
        Line("B", "Ternois", "ATRE", "7", "700,00 €"),
        Line("B", "", "TOTAL", "18", "1 800,00 €", ""),
        Line("-", "", "", "", "2 800,00 €", "", theme_total=True),
    ]
    path = render_pages(tmp_path / "later_label.pdf", [(a, {"A": OP_A}), (b2, {}), (b3, {"B": OP_B})])
    with Document.open(path) as doc:
        res = extract_grants(doc, [0, 1, 2])
    assert [(g.page, g.beneficiary, g.operation) for g in res.grants] == [
        (1, "CCAS de Liévin", OP_A),
        (2, "OPUR", OP_B),
        (2, "AES", OP_B),
        (3, "ATRE", OP_B),
    ]
    assert [(t.level, t.operation, t.amount) for t in res.totals] == [
        (TotalLevel.OPERATION, OP_A, Decimal("1000.00")),
        (TotalLevel.OPERATION, OP_B, Decimal("1800.00")),
        (TotalLevel.THEME, None, Decimal("2800.00")),
    ]


def test_theme_total_label_over_several_columns_at_page_top_fills_no_territory(tmp_path: Path) -> None:
    # the last row of page 1 has no territory; page 2 opens with the theme TOTAL, its label in one
    # cell over the operation..places columns: that cell continues no territory cell of page 1.
    page1 = [
        Line("A", "Artois", "CCAS de Liévin", "10", "1 000,00 €"),
        Line("A", "", "Département du Pas-de-Calais", "4", "400,00 €"),
    ]
    page2 = [Line("-", "", "", "", "1 400,00 €", "", theme_total=True)]
    path = render_pages(tmp_path / "theme_total_top.pdf", [(page1, {"A": OP_A}), (page2, {})])
    with Document.open(path) as doc:
        res = extract_grants(doc, [0, 1])
    assert [(g.beneficiary, g.territory, g.amount) for g in res.grants] == [
        ("CCAS de Liévin", "Artois", Decimal("1000.00")),
        ("Département du Pas-de-Calais", None, Decimal("400.00")),
    ]
    assert [(t.label, t.level, t.amount) for t in res.totals] == [
        ("TOTAL", TotalLevel.THEME, Decimal("1400.00"))
    ]


def _amount(text: str) -> Decimal:
    neg = text.endswith("-")
    value = Decimal(text.rstrip("-").replace("€", "").replace(" ", "").replace(",", "."))
    return -value if neg else value


# --------------------------------------------------------------------------
# real publications
# --------------------------------------------------------------------------

needs_montpellier = pytest.mark.skipif(not MONTPELLIER.exists(), reason="../shared/real not present")


@needs_montpellier
def test_montpellier_values_read_off_the_pages() -> None:
    with Document.open(MONTPELLIER) as doc:
        res = extract_grants(doc, list(range(doc.n_pages)))
    by = {(g.page, g.beneficiary, g.amount) for g in res.grants}
    # read off the rendered pages by eye
    assert (4, "UNICEF", Decimal("700.00")) in by
    assert (4, "AFD 34 ASSOCIATION DES DIABETIQUES DE L'HERAULT AFD 34", Decimal("3000.00")) in by
    assert (22, "LIGUE CONTRE LA VIOLENCE ROUTIERE SECTION HERAULT", Decimal("3000.00")) in by
    assert (17, "CNRS", Decimal("50000.00")) in by
    totals = [(t.page, t.amount) for t in res.totals]
    assert (4, Decimal("66950.00")) in totals
    assert (22, Decimal("57000.00")) in totals  # a one-row table (the Total alone) at the top of a page
    assert (30, Decimal("1556280.00")) in totals


@needs_montpellier
def test_montpellier_structure_merged_over_three_rows() -> None:
    # page 23: "ADAGES" sits in one Structure cell spanning three project rows
    with Document.open(MONTPELLIER) as doc:
        res = extract_grants(doc, [22])
    adages = [
        (g.beneficiary, g.description, g.amount)
        for g in res.grants
        if g.page == 23 and "ADAGES" in g.beneficiary
    ]
    assert adages == [
        ("ADAGES", "Petite enfance", Decimal("7500.00")),
        ("ADAGES", "Solidarité", Decimal("5000.00")),
        ("ADAGES", "Jeunesse", Decimal("1000.00")),
    ]


@needs_montpellier
def test_montpellier_every_table_sums_to_its_total() -> None:
    with Document.open(MONTPELLIER) as doc:
        res = extract_grants(doc, list(range(doc.n_pages)))
    items = sorted(
        [(g.page, g.bbox[1] if g.bbox else 0.0, g.amount, False) for g in res.grants]
        + [(t.page, t.bbox[1] if t.bbox else 0.0, t.amount, True) for t in res.totals]
    )
    running, checked = Decimal(0), 0
    for _page, _top, amount, is_total in items:
        if is_total:
            assert running == amount
            running, checked = Decimal(0), checked + 1
        else:
            running += amount
    assert checked == 22
    assert len(res.grants) == 545
    themes = {t.theme.split(")")[0] for t in res.totals if t.theme}
    assert themes == {str(k) for k in range(1, 21)}


@pytest.mark.skipif(not AVOCATS.exists(), reason="../shared/real not present")
def test_montpellier_one_line_attribution_table() -> None:
    with Document.open(AVOCATS) as doc:
        pages = [i for i in range(doc.n_pages) if is_grant_table_page(doc, i)]
        res = extract_grants(doc, pages)
    assert [(g.beneficiary, g.amount) for g in res.grants] == [
        ("Convention Nationale des Avocats", Decimal("40000.00"))
    ]


# --------------------------------------------------------------------------
# generated corpus samples against their ground truth
# --------------------------------------------------------------------------


def _samples_with_grants() -> list[Path]:
    out = []
    for truth in sorted(SAMPLES.rglob("*.json")):
        pdf = truth.with_suffix(".pdf")
        if truth.name.endswith(".render.json") or not pdf.exists():
            continue
        data = json.loads(truth.read_text(encoding="utf-8"))
        if any(d.get("grants") for d in data.get("deliberations", [])):
            out.append(pdf)
    return out


def _norm(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


@pytest.mark.parametrize("pdf", _samples_with_grants(), ids=lambda p: p.stem)
def test_sample_grants_match_ground_truth_exactly(pdf: Path) -> None:
    data = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    truth = [g for d in data["deliberations"] for g in d["grants"]]
    truth_totals = [t for d in data["deliberations"] for t in d["grant_totals"]]
    pages = sorted({r["page"] - 1 for r in truth + truth_totals})
    with Document.open(pdf) as doc:
        res = extract_grants(doc, pages)

    def grant_key(g: dict[str, object]) -> tuple[object, ...]:
        return tuple(
            _norm(str(g[k])) if g[k] is not None else None
            for k in (
                "page",
                "theme",
                "operation",
                "territory",
                "beneficiary",
                "places",
                "description",
                "period_start",
                "period_end",
                "amount",
                "instrument",
            )
        )

    got = [grant_key(g.model_dump(mode="json")) for g in res.grants]
    assert got == [grant_key(g) for g in truth]

    def total_key(t: dict[str, object]) -> tuple[object, ...]:
        return tuple(
            _norm(str(t[k])) if t[k] is not None else None
            for k in ("page", "theme", "operation", "label", "level", "places", "amount")
        )

    assert [total_key(t.model_dump(mode="json")) for t in res.totals] == [total_key(t) for t in truth_totals]
    assert res.problems == []


HEADERS = {
    "seed sample": [
        ("OPERATIO N", "operation"),
        ("TERRITOIRE(S)", "territory"),
        ("STRUCTURE", "beneficiary"),
        ("PLACES D'ACCOMPAGNEMENT", "places"),
        ("DESCRIPTION ACTION / COMPLEMENT D'INFORMATION", "description"),
        ("MONTANT RETENU", "amount"),
        ("Avenant/conventio n", "instrument"),
    ],
    "Montpellier": [
        ("Code", "code"),
        ("Structure", "beneficiary"),
        ("Type", "kind"),
        ("Nature", "kind"),
        ("Nom du projet", "description"),
        ("Thématique", "description"),
        ("Montant", "amount"),
    ],
    "other wordings": [
        ("Nom de l'association", "beneficiary"),
        ("Organisme bénéficiaire", "beneficiary"),
        ("Porteur de projet", "beneficiary"),
        ("Objet de la subvention", "description"),
        ("Subvention 2023", "amount"),
        ("Montant de la subvention", "amount"),
        ("Montant accordé (€)", "amount"),
        ("Nombre de places", "places"),
        ("Commune", "territory"),
    ],
    "generated variants": [
        ("DISPOSITIF", "operation"),
        ("Action", "operation"),
        ("TERRITOIRES", "territory"),
        ("PORTEUR DE PROJET", "beneficiary"),
        ("Structure porteuse", "beneficiary"),
        ("NOMBRE DE PLACES", "places"),
        ("Objet de la demande", "description"),
        ("PARTICIPATION", "amount"),
        ("Montant attribué", "amount"),
        ("CONVENTION / AVENANT", "instrument"),
        ("Acte", "instrument"),
    ],
    "not a header": [("54 000,00 €", None), ("CCAS Wimereux", None)],
}


@pytest.mark.parametrize(
    ("header", "role"),
    [pytest.param(h, r, id=f"{k}:{h}") for k, rows in HEADERS.items() for h, r in rows],
)
def test_header_words_give_column_roles(header: str, role: str | None) -> None:
    assert column_role(header) == role


def test_page_with_amounts_but_no_ruled_table_is_a_problem_not_a_silent_drop(tmp_path: Path) -> None:
    path = tmp_path / "unruled.pdf"
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 9)
    for k, (name, amount) in enumerate(
        [("CCAS Wimereux", "3 520,00 €"), ("OPUR", "84 000,00 €"), ("AES", "27 000,00 €")]
    ):
        c.drawString(60, 700 - 14 * k, name)
        c.drawRightString(400, 700 - 14 * k, amount)
    c.showPage()
    c.save()
    with Document.open(path) as doc:
        res = extract_grants(doc, [0])
    assert res.grants == []
    assert [(p.kind, p.page) for p in res.problems] == [("grant.page_not_read", 1)]


# --------------------------------------------------------------------------
# a spreadsheet printed without borders (gridlines not printed: the default)
# --------------------------------------------------------------------------

BORDERLESS_COLS = (
    40.0,
    140.0,
    300.0,
    450.0,
    530.0,
)  # left edges: territory, name, object, amount, act (all on A4)
BORDERLESS_HEADER = ("Territoire", "Bénéficiaire", "Objet de la demande", "Montant attribué", "Acte")
# (territory printed, beneficiary, object lines, amount, act); the amount sits on the first line
BORDERLESS_PAGE1 = [
    (
        "Artois",
        "CCAS de Liévin",
        ["Aide alimentaire du 01/01/2023", "au 31/12/2023"],
        "12 500,00 €",
        "Convention",
    ),
    ("", "Épicerie sociale", ["Fonctionnement 2023"], "3 000,00 €", "Avenant"),
    ("Calaisis", "OPUR", ["Chantier d'insertion"], "-1 200,00 €", "Avenant"),
]
BORDERLESS_PAGE2 = [
    ("", "AES", ["Brigade verte du 01/01/2023 au 31/12/2023"], "27 000,00 €", "Convention"),
    ("", "TOTAL", [], "41 300,00 €", ""),
]


def _draw_borderless(c: Canvas, rows: list[tuple[str, str, list[str], str, str]], header: bool) -> None:
    y = 780.0
    if header:
        c.setFont("Helvetica-Bold", 8)
        for x, text in zip(BORDERLESS_COLS, BORDERLESS_HEADER, strict=True):
            c.drawString(x, y, text)
        y -= 16
    c.setFont("Helvetica", 8)
    for territory, name, lines, amount, act in rows:
        c.drawString(BORDERLESS_COLS[0], y, territory)
        c.drawString(BORDERLESS_COLS[1], y, name)
        c.drawRightString(BORDERLESS_COLS[4] - 10, y, amount)
        c.drawString(BORDERLESS_COLS[4], y, act)
        for k, line in enumerate(lines):
            c.drawString(BORDERLESS_COLS[2], y - 10 * k, line)
        y -= 10 * max(1, len(lines)) + 6


def test_borderless_table_read_from_text_positions_over_two_pages(tmp_path: Path) -> None:
    path = tmp_path / "borderless.pdf"
    c = Canvas(str(path), pagesize=A4)
    _draw_borderless(c, BORDERLESS_PAGE1, header=True)
    c.showPage()
    _draw_borderless(c, BORDERLESS_PAGE2, header=False)  # no repeated header: columns carried over
    c.showPage()
    c.save()
    with Document.open(path) as doc:
        assert [is_grant_table_page(doc, i) for i in range(2)] == [True, False]  # no drawn paths
        res = extract_grants(doc, [0, 1])
    got = [
        (g.page, g.territory, g.beneficiary, g.description, g.amount, g.instrument, g.rule)
        for g in res.grants
    ]
    assert got == [
        (
            1,
            "Artois",
            "CCAS de Liévin",
            "Aide alimentaire du 01/01/2023 au 31/12/2023",
            Decimal("12500.00"),
            "Convention",
            "grants.text.v1",
        ),
        # a label printed once is not copied to the rows below it: nothing says how far it reaches
        (1, None, "Épicerie sociale", "Fonctionnement 2023", Decimal("3000.00"), "Avenant", "grants.text.v1"),
        (1, "Calaisis", "OPUR", "Chantier d'insertion", Decimal("-1200.00"), "Avenant", "grants.text.v1"),
        (
            2,
            None,
            "AES",
            "Brigade verte du 01/01/2023 au 31/12/2023",
            Decimal("27000.00"),
            "Convention",
            "grants.text.v1",
        ),
    ]
    assert res.grants[0].period_end is not None and res.grants[0].period_end.isoformat() == "2023-12-31"
    assert [(t.label, t.amount) for t in res.totals] == [("TOTAL", Decimal("41300.00"))]
    assert res.problems == []


@pytest.mark.parametrize(
    ("headers", "roles"),
    [
        (
            ["Bénéficiaire", "Montant demandé", "Montant accordé"],
            ["beneficiary", "amount_other", "amount"],
        ),
        (["Structure", "Coût du projet (€)", "Subvention"], ["beneficiary", "amount_other", "amount"]),
        (["Code Opération", "Imputation budgétaire", "Libellé", "AE €", "Dépense €"], None),  # a budget table
        (["Structure", "Montant", "5 000 €"], None),  # a body row
    ],
)
def test_header_row_roles_keep_the_granted_amount(headers: list[str], roles: list[str] | None) -> None:
    assert header_roles(headers) == roles


# --------------------------------------------------------------------------
# office-printed workbooks (corpus/samples_office: LibreOffice Calc, values from the ground truth)
# --------------------------------------------------------------------------

OFFICE = Path(__file__).parents[2] / "corpus" / "samples_office"
OFFICE_NORD = "nord_cp_2021-11-22_dsti-2021-1045"
OFFICE_HDF = "hauts-de-france_cp_2024-06-27_20241187"


def _office(name: str) -> tuple[Deliberation, GrantTables]:
    """Ground truth of an office sample and what ``extract_grants`` reads on its grant pages."""
    truth = Publication.model_validate(json.loads((OFFICE / f"{name}.json").read_text(encoding="utf-8")))
    first = truth.deliberations[0]
    pages = sorted(
        {g.page - 1 for g in first.grants if g.page} | {t.page - 1 for t in first.grant_totals if t.page}
    )
    with Document.open(OFFICE / f"{name}.pdf") as doc:
        return first, extract_grants(doc, pages)


def test_operation_total_closes_the_operation_whose_cell_stops_above_it() -> None:
    """Nord workbook: the rotated OPERATION cell covers the grant rows, not the TOTAL row under
    them (a grey empty cell there); that TOTAL (labelled or not) closes the operation, and the
    TOTAL after the last operation total closes the theme."""
    truth, got = _office(OFFICE_NORD)
    key = [(t.level, t.amount, t.operation, t.label) for t in truth.grant_totals]
    assert [(t.level, t.amount, t.operation, t.label) for t in got.totals] == key
    assert [t.level for t in got.totals].count(TotalLevel.OPERATION) == 9


def test_unnumbered_theme_title_above_grid_is_the_theme_and_footer_never() -> None:
    """Hauts-de-France workbook: each sheet's title is an unnumbered line right above the grid;
    the footer '&A - Page &P / &N' starts with a numbered sheet name and is no theme."""
    truth, got = _office(OFFICE_HDF)
    assert Counter(g.theme for g in got.grants) == Counter(g.theme for g in truth.grants)
    assert not any("Page" in (g.theme or "") for g in got.grants)


def _line(text: str, top: float, height: float = 9.0) -> Phrase:
    return Phrase(text, 40.0, top, 400.0, top + height)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a numbered heading anywhere above the table
        (
            [_line("Annexe 3", 52), _line("2. Développement des compétences", 69)],
            "2. Développement des compétences",
        ),
        # an unnumbered title right above the grid (table top at 80)
        (
            [_line("Annexe 5", 52), _line("Accès au logement et accompagnement budgétaire", 68)],
            "Accès au logement et accompagnement budgétaire",
        ),
        # a title wrapped over two lines set tight above the grid
        (
            [
                _line("Annexe 4", 40),
                _line("Accompagnement des bénéficiaires du RSA : dynamiser les parcours", 58),
                _line("dans un objectif d’insertion professionnelle", 68),
            ],
            "Accompagnement des bénéficiaires du RSA : dynamiser les parcours dans un objectif d’insertion"
            " professionnelle",
        ),
        # a sentence above the title is not part of it
        (
            [_line("Les montants sont en euros.", 58), _line("Accès au logement", 68)],
            "Accès au logement",
        ),
        # the annex label alone is no theme
        ([_line("Annexe 5", 68)], None),
        # an unnumbered line far above the grid is not its title
        ([_line("Accès au logement et accompagnement budgétaire", 20)], None),
        # a sentence (a note) is no title
        ([_line("Les montants sont exprimés en euros.", 68)], None),
        # running footers with a page number, numbered or not
        ([_line("1. Développement des compétence - Page 2 / 5", 68)], None),
        ([_line("Accompagnement des bénéficiaires page 3 sur 12", 68)], None),
    ],
)
def test_theme_title_above_a_table(lines: list[Phrase], expected: str | None) -> None:
    assert _theme_above(lines, 80.0, 0.0) == expected


def test_line_repeated_at_the_same_place_on_pages_is_running() -> None:
    """A footer without page number (the sheet name '&A', numbered like a theme) is found by its
    place on several pages; a title printed once is not."""
    footer = "1. Autonomie et inclusion des jeunes"
    pages = [
        [_line("2. Développement des compétences", 48), _line(footer, 554)],
        [_line(footer, 554.4)],
    ]
    running = running_lines(pages)
    assert _theme_above(pages[1], 600.0, 0.0, running, table_below=False) is None
    assert _theme_above(pages[1], 600.0, 0.0, table_below=False) == footer  # what it was taken for
    assert _theme_above(pages[0], 60.0, 0.0, running) == "2. Développement des compétences"


def _levels(tmp_path: Path, lines: list[Line]) -> list[tuple[TotalLevel, str | None, Decimal]]:
    path = render_pages(tmp_path / "levels.pdf", [(lines, {"A": OP_A, "B": OP_B})])
    with Document.open(path) as doc:
        res = extract_grants(doc, [0])
    return [(t.level, t.operation, t.amount) for t in res.totals]


def test_total_under_an_operation_cell_that_stops_above_it_closes_the_operation(tmp_path: Path) -> None:
    """The operation cell covers its grant rows only (an empty cell of its own beside each TOTAL):
    the TOTAL right after one operation's rows is that operation's, the next one the theme's."""
    lines = [
        Line("A", "Artois", "CCAS de Liévin", "10", "1 000,00 €"),
        Line("A", "Calaisis", "OPUR", "4", "400,00 €"),
        Line("A", "Calaisis", "Régie de Quartier de Calais", "1", "100,00 €"),
        Line("-", "", "TOTAL", "15", "1 500,00 €", ""),
        Line("B", "Artois", "AES", "2", "200,00 €"),
        Line("B", "Artois", "Envie", "2", "300,00 €"),
        Line("B", "Boulonnais", "CCAS Wimereux", "2", "500,00 €"),
        Line("-", "", "", "6", "1 000,00 €", ""),  # unlabelled operation total
        Line("-", "", "", "", "2 500,00 €", "", theme_total=True),
    ]
    assert _levels(tmp_path, lines) == [
        (TotalLevel.OPERATION, OP_A, Decimal("1500.00")),
        (TotalLevel.OPERATION, OP_B, Decimal("1000.00")),
        (TotalLevel.THEME, None, Decimal("2500.00")),
    ]


def test_total_summing_several_operations_is_the_themes_though_it_follows_one_operation(
    tmp_path: Path,
) -> None:
    """The last operation has no total of its own: the TOTAL under its rows sums the grant rows of
    both operations, so it closes the theme, not that operation."""
    lines = [
        Line("A", "Artois", "CCAS de Liévin", "10", "1 000,00 €"),
        Line("A", "Calaisis", "OPUR", "4", "400,00 €"),
        Line("A", "Calaisis", "Régie de Quartier de Calais", "1", "100,00 €"),
        Line("-", "", "TOTAL", "15", "1 500,00 €", ""),
        Line("B", "Artois", "AES", "2", "200,00 €"),
        Line("B", "Artois", "Envie", "2", "300,00 €"),
        Line("B", "Boulonnais", "CCAS Wimereux", "2", "500,00 €"),
        Line("-", "", "TOTAL", "21", "2 500,00 €", ""),
    ]
    assert _levels(tmp_path, lines) == [
        (TotalLevel.OPERATION, OP_A, Decimal("1500.00")),
        (TotalLevel.THEME, None, Decimal("2500.00")),
    ]


def test_title_repeated_right_above_the_grid_on_each_page_is_the_theme(tmp_path: Path) -> None:
    """Print titles: the unnumbered title printed right above the grid on every page is each page's
    theme, though repeated at the same place; the numbered footer repeated there is no theme."""
    page1 = [Line("A", "Artois", "CCAS de Liévin", "10", "1 000,00 €")]
    page2 = [Line("A", "Calaisis", "OPUR", "4", "400,00 €")]
    path = render_pages(
        tmp_path / "print_titles.pdf",
        [(page1, {"A": OP_A}), (page2, {"A": OP_A})],
        above=["Insertion et retour à l'emploi"],
        footer="1. Insertion et retour à l'emplo",
    )
    with Document.open(path) as doc:
        res = extract_grants(doc, [0, 1])
    assert [(g.page, g.theme) for g in res.grants] == [
        (1, "Insertion et retour à l'emploi"),
        (2, "Insertion et retour à l'emploi"),
    ]
