"""The Département shape drawn by a second engine: HTML printed by Chromium (corpus/samples_chromium).

The PDFs come from ``python -m delib.corpus.chromium_bundle`` and are committed (no Chromium
needed here); the truth is the ``.json`` beside each, written from the samples' data, never from
the extractor.  Each phenomenon of issue 12 (item 2) is pinned on the page that shows it:

* the theme stays that of its heading across later tables and pages (one table per operation,
  the heading printed once; a long table whose header Chromium repeats, the theme not);
* a header cell over two columns (``OPERATION / TERRITOIRE(S)``) and a total label cell over
  operation + territory do not glue the operation's and territory's values;
* rotated labels come back whole, ligatures included (``bénéficiaires`` drawn with ``ﬁ``), read
  bottom to top or top to bottom (where pdfium breaks the page's text into one character per
  line and the annex's title line is lost);
* every deliberation of a bundle is found, the second after the first's long annex;
* ``Dans les conditions de vote ci-dessous :`` never starts a deliberation.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from delib.extract import extract_publication
from delib.extract.deliberation import _giver
from delib.extract.document import Document
from delib.extract.grant_columns import column_role
from delib.extract.grants import RULE_TOTAL_BELOW, _header_at, _is_operation_heading, _named_parts
from delib.extract.page_kinds import is_table_page as _is_table_page
from delib.extract.parts import PartKind, clean_page_text, split_publication
from delib.extract.tables import find_tables, read_geometry
from delib.models import Grant, Publication, TotalLevel

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = ROOT / "corpus" / "samples_chromium"
SEED = "pas-de-calais_cp_2023-06-12_2023-259"
NORD = "nord_cd_2023-12-14_2023-88"
DOWN = "pas-de-calais_cp_2022-05-16_2022-198"
HDF = "hauts-de-france_cp_2024-06-27_20241187"
SOMME = "somme_cp_2023-05-22_2023-152"
BUNDLE = "aisne_cp_bundle_cp-2021-233_cp-2024-007"
ALL = [SEED, NORD, DOWN, HDF, SOMME, BUNDLE]


def _truth(name: str) -> Publication:
    return Publication.model_validate(json.loads((CHROMIUM / f"{name}.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def read() -> dict[str, tuple[Publication, Publication]]:
    """(truth, extracted) of every Chromium-printed sample, extracted once."""
    return {name: (_truth(name), extract_publication(CHROMIUM / f"{name}.pdf")) for name in ALL}


def _line(g: Grant) -> tuple[object, ...]:
    return (g.theme, g.operation, g.territory, g.beneficiary, g.amount, g.places, g.instrument)


# --------------------------------------------------------------------------- whole grant lines


@pytest.mark.parametrize("name", ALL)
def test_full_grant_lines_as_printed(read: dict[str, tuple[Publication, Publication]], name: str) -> None:
    """Theme, operation, territory, beneficiary, amount, places, instrument: every line, each
    deliberation of a bundle with its own lines."""
    truth, got = read[name]
    assert len(got.deliberations) == len(truth.deliberations)
    for t, g in zip(truth.deliberations, got.deliberations, strict=True):
        assert Counter(_line(x) for x in g.grants) == Counter(_line(x) for x in t.grants)
        assert [x.page for x in g.grants] == [x.page for x in t.grants]


@pytest.mark.parametrize("name", ALL)
def test_totals_with_their_level_and_operation(
    read: dict[str, tuple[Publication, Publication]], name: str
) -> None:
    truth, got = read[name]
    for t, g in zip(truth.deliberations, got.deliberations, strict=True):
        want = Counter((x.level, x.theme, x.operation, x.amount) for x in t.grant_totals)
        assert Counter((x.level, x.theme, x.operation, x.amount) for x in g.grant_totals) == want


# --------------------------------------------------------------------------- theme across pages


def test_theme_of_its_heading_on_pages_that_do_not_repeat_it(
    read: dict[str, tuple[Publication, Publication]],
) -> None:
    """Seed printed with one table per operation: the theme heading is on page 10 only, the
    tables of operations 2-4 start on pages 11-13 with their header row and no heading."""
    _truth_pub, got = read[SEED]
    doc = Document.open(CHROMIUM / f"{SEED}.pdf")
    first_theme = "1. Accompagnement des bénéficiaires du RSA"
    assert first_theme in doc.text(9)
    for page in (11, 12, 13):
        assert not any(ln.startswith("1. Accompagnement") for ln in doc.text(page - 1).splitlines())
        themes = {g.theme for g in got.deliberations[0].grants if g.page == page}
        assert themes and all((t or "").startswith(first_theme) for t in themes), (page, themes)


def test_theme_of_a_long_table_continued_over_pages(read: dict[str, tuple[Publication, Publication]]) -> None:
    """Nord printed as one table per theme: Chromium repeats the header row on each page, not
    the theme heading; every row keeps the theme printed above the table's first page."""
    truth, got = read[NORD]
    pages_by_theme: dict[str | None, set[int | None]] = {}
    for g in truth.deliberations[0].grants:
        pages_by_theme.setdefault(g.theme, set()).add(g.page)
    assert any(len(p) > 1 for p in pages_by_theme.values()), "a theme's table runs over pages"
    got_pages: dict[str | None, set[int | None]] = {}
    for g in got.deliberations[0].grants:
        got_pages.setdefault(g.theme, set()).add(g.page)
    assert got_pages == pages_by_theme


# --------------------------------------------------------------------------- cells over two columns


@pytest.mark.parametrize(
    ("header", "n", "roles"),
    [
        ("OPERATION / TERRITOIRE(S)", 2, ["operation", "territory"]),
        ("Opération et territoire", 2, ["operation", "territory"]),
        ("STRUCTURE / MONTANT", 2, ["beneficiary", "amount"]),
        ("TERRITOIRE\nSTRUCTURE", 2, ["territory", "beneficiary"]),
        # one role only, or not as many names as columns: not split by name
        ("STRUCTURE", 2, None),
        ("OPERATION / TERRITOIRE(S)", 3, None),
        ("Territoire / secteur", 2, None),
    ],
)
def test_header_cell_naming_two_columns(header: str, n: int, roles: list[str] | None) -> None:
    assert _named_parts(header, n) == roles


def test_header_over_operation_and_territory_does_not_glue_them(
    read: dict[str, tuple[Publication, Publication]],
) -> None:
    """Seed and bundle: ``OPERATION / TERRITOIRE(S)`` is one header cell over two body columns,
    and each operation's TOTAL label spans the same two columns."""
    assert column_role("OPERATION / TERRITOIRE(S)") == "territory"  # the whole cell alone says one role
    for name in (SEED, BUNDLE):
        truth, got = read[name]
        doc = Document.open(CHROMIUM / f"{name}.pdf")
        assert any("OPERATION / TERRITOIRE(S)" in doc.text(i) for i in range(doc.n_pages))
        territories = {g.territory for d in truth.deliberations for g in d.grants}
        for d in got.deliberations:
            for g in d.grants:
                assert g.territory in territories, (name, g.page, g.territory)
                assert g.operation is not None
                assert not any(t and g.operation.endswith(t) for t in territories), g.operation


def test_header_on_two_rows_group_cell_over_operation_and_territory() -> None:
    """Nord: ``LOCALISATION`` over ``OPERATION`` | ``TERRITOIRE(S)``, the other headers over both
    rows; the sub-headers name the two columns (else both lose their values)."""
    doc = Document.open(CHROMIUM / f"{NORD}.pdf")
    tables, _ = find_tables(read_geometry(doc.pdfium, 5))
    table = tables[0]
    header = _header_at(table, 0)
    assert header is not None
    body, cols = header
    assert body == 2
    assert [c.role for c in cols][:3] == ["operation", "territory", "beneficiary"]
    assert "LOCALISATION" in [c.text for c in table.row_cells(0)]


def test_total_label_over_operation_column_closes_the_operation_when_the_theme_goes_on(
    read: dict[str, tuple[Publication, Publication]],
) -> None:
    """A TOTAL whose label spans operation + territory after one operation's rows, with more rows
    of the theme below it, is that operation's total (the theme's total closes the theme)."""
    _truth_pub, got = read[BUNDLE]
    below = [t for d in got.deliberations for t in d.grant_totals if t.rule == RULE_TOTAL_BELOW]
    assert below and all(t.level == TotalLevel.OPERATION and t.operation for t in below)


@pytest.mark.parametrize(
    ("texts", "heading"),
    [
        # the label cell over operation + territory: both columns read its text, or one of them
        ({"operation": "Opération 3 : Chantiers", "territory": "Opération 3 : Chantiers"}, True),
        ({"operation": "Opération 3 : Chantiers", "territory": "", "amount": ""}, True),
        # a grant row, a total row, a note: not an operation heading
        ({"operation": "Opération 3", "territory": "Arras", "beneficiary": "CCAS", "amount": "1 €"}, False),
        ({"operation": "TOTAL", "territory": "TOTAL", "amount": ""}, False),
        ({"operation": "", "territory": "Arras", "beneficiary": ""}, False),
        ({"operation": "Opération 3", "territory": "Arras"}, False),
    ],
)
def test_operation_heading_row(texts: dict[str, str], heading: bool) -> None:
    assert _is_operation_heading(texts) is heading


def test_operation_written_on_a_row_of_its_own(read: dict[str, tuple[Publication, Publication]]) -> None:
    """Somme: each operation's label is a row of its own, across the operation and territory
    columns, above its grants (whose operation cells are empty); the label is their operation,
    never a theme, never glued to a territory."""
    truth, got = read[SOMME]
    t, g = truth.deliberations[0], got.deliberations[0]
    assert [(x.theme, x.operation) for x in g.grants] == [(x.theme, x.operation) for x in t.grants]
    assert {x.theme for x in g.grants} == {x.theme for x in t.grants}


# --------------------------------------------------------------------------- rotated labels


def test_rotated_label_with_a_ligature_read_whole() -> None:
    """Chromium draws ``fi`` of ``bénéficiaires`` as one glyph in the label turned by 90°;
    pdfium boxes its parts away from the line: they are put back in the line's gap."""
    doc = Document.open(CHROMIUM / f"{SEED}.pdf")
    turned = [c for c in read_geometry(doc.pdfium, 10).chars if not c.upright]
    assert "".join(c.text for c in turned) == (
        "Opération 2 : Accompagnement socioprofessionnel des bénéficiaires du RSA"
    )


def test_rotated_operation_labels_whole(read: dict[str, tuple[Publication, Publication]]) -> None:
    for name in ALL:
        truth, got = read[name]
        want = {g.operation for d in truth.deliberations for g in d.grants}
        assert {g.operation for d in got.deliberations for g in d.grants} == want, name


def test_rotated_label_running_out_of_a_cell_cut_by_a_page_break() -> None:
    """Hauts-de-France page 15: operation 1's cell is cut by the page break and Chromium draws
    its label whole in the first part, running below the table; the characters out of the grid
    are the label's (else the cell reads ``n 1 : Aide ...`` and ``Opératio`` is left outside)."""
    doc = Document.open(CHROMIUM / f"{HDF}.pdf")
    geom = read_geometry(doc.pdfium, 14)
    grid_bottom = max(t.ys[-1] for t in find_tables(geom)[0])
    label = "Opération 1 : Aide à l'encadrement dans les Ateliers et chantiers d'Insertion"
    assert any(not c.upright and c.top > grid_bottom for c in geom.chars), "the label runs out of the grid"
    tables, outside = find_tables(geom)
    assert label in [c.text for t in tables for c in t.cells]
    assert not [c for c in outside if not c.upright]


def test_operation_label_of_a_cell_cut_by_a_page_break_on_both_pages(
    read: dict[str, tuple[Publication, Publication]],
) -> None:
    truth, got = read[HDF]
    label = "Opération 1 : Aide à l'encadrement dans les Ateliers et chantiers d'Insertion"
    want = Counter(g.page for g in truth.deliberations[0].grants if g.operation == label)
    assert set(want) == {15, 16}
    assert Counter(g.page for g in got.deliberations[0].grants if g.operation == label) == want


def test_theme_heading_left_alone_on_its_page(read: dict[str, tuple[Publication, Publication]]) -> None:
    """Hauts-de-France page 14 holds only the (unnumbered) theme title: its table did not fit
    below it and starts on page 15 with its header row; the rows take that theme."""
    doc = Document.open(CHROMIUM / f"{HDF}.pdf")
    title = "Mobilité inclusive et levée des freins périphériques"
    assert doc.text(13).strip() == title
    _truth_pub, got = read[HDF]
    themes = {g.theme for g in got.deliberations[0].grants if g.page == 15}
    assert themes == {title}


# --------------------------------------------------------------------------- bundles


def test_bundle_finds_the_second_deliberation_after_a_long_annex(
    read: dict[str, tuple[Publication, Publication]],
) -> None:
    truth, got = read[BUNDLE]
    assert [d.number for d in got.deliberations] == [d.number for d in truth.deliberations]
    assert [d.page for d in got.deliberations] == [d.page for d in truth.deliberations]
    first_annex_pages = {g.page for g in truth.deliberations[0].grants}
    assert len(first_annex_pages) >= 8  # the first deliberation's grant annex is long
    assert max(p for p in first_annex_pages if p) < (got.deliberations[1].page or 0)
    assert [len(d.grants) for d in got.deliberations] == [len(d.grants) for d in truth.deliberations]


@pytest.mark.parametrize("name", ALL)
def test_vote_intro_never_starts_a_deliberation(name: str) -> None:
    doc = Document.open(CHROMIUM / f"{name}.pdf")
    texts = [doc.text(i) for i in range(doc.n_pages)]
    assert any("Dans les conditions de vote ci-dessous :" in t for t in texts)
    parts = split_publication(texts)
    delibs = [p for p in parts if p.kind == PartKind.DELIBERATION]
    assert len(delibs) == len(_truth(name).deliberations)
    assert not any((p.label or "").startswith("Dans les conditions") for p in delibs)
    if name == BUNDLE:  # there the line opens a page, in each deliberation of the bundle
        opening = [i for i, t in enumerate(texts) if t.startswith("Dans les conditions de vote")]
        assert len(opening) == 2
        assert all(p.span.first_page < i <= p.span.last_page for p, i in zip(delibs, opening, strict=True))


def test_theme_total_printed_alone_on_a_page(read: dict[str, tuple[Publication, Publication]]) -> None:
    """Bundle: each deliberation's first theme total row is a table of its own (its label merged
    over four columns, no header row) at the top of a page: it continues the table above."""
    truth, got = read[BUNDLE]
    doc = Document.open(CHROMIUM / f"{BUNDLE}.pdf")
    alone = [i + 1 for i in range(doc.n_pages) if doc.text(i).startswith("Total thématique")]
    assert len(alone) == 2
    for t, g in zip(truth.deliberations, got.deliberations, strict=True):
        want = [(x.level, x.amount) for x in t.grant_totals if x.page in alone]
        assert want == [(TotalLevel.THEME, want[0][1])]
        assert [(x.level, x.amount) for x in g.grant_totals if x.page in alone] == want


# --------------------------------------------------------------------------- small tables


def test_page_holding_one_small_table_under_its_header_is_a_table_page() -> None:
    """Seed: operation 1's table (4 rows and its TOTAL) alone on the annex's first page, under the
    annex and theme titles; a narrative annex page with amounts in prose is not one."""
    doc = Document.open(CHROMIUM / f"{SEED}.pdf")
    assert _is_table_page(clean_page_text(doc.text(9)))
    assert _is_table_page(clean_page_text(doc.text(12)))  # one row and two totals
    assert not _is_table_page(clean_page_text(doc.text(5)))


# --------------------------------------------------------------------------- attendance wrapped by Chromium


@pytest.mark.parametrize(
    ("raw", "giver"),
    [
        # the name wrapped before its surname, as Chromium's line breaks leave it
        ("Mme Marie\nDELATTRE", "Marie DELATTRE"),
        ("M. Frédéric\nBOULANGER", "Frédéric BOULANGER"),
        ("Mme Isabelle MERCIER", "Isabelle MERCIER"),
        # the line above holds a whole name of its own: another member's
        ("Mme Agnès WATTEL\nMme Hélène MÉNARD", "Hélène MÉNARD"),
    ],
)
def test_proxy_giver_wrapped_over_two_lines(raw: str, giver: str) -> None:
    assert _giver(raw) == giver


@pytest.mark.parametrize("name", ALL)
def test_proxies_as_printed(read: dict[str, tuple[Publication, Publication]], name: str) -> None:
    """Proxies wrapped by Chromium: ``Mme Marie`` / ``DELATTRE (pouvoir à ...)`` and
    ``Mme Hélène MÉNARD`` / ``(pouvoir à Mme Brigitte NOËL).``"""
    truth, got = read[name]
    for t, g in zip(truth.deliberations, got.deliberations, strict=True):
        assert t.attendance is not None and g.attendance is not None
        assert [(p.from_, p.to) for p in g.attendance.proxies] == [
            (p.from_, p.to) for p in t.attendance.proxies
        ]
        assert Counter(g.attendance.excused) == Counter(t.attendance.excused)
