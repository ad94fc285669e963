"""The office-printed corpus (corpus/samples_office): ground truth, workbooks and PDFs agree.

The PDFs were printed by LibreOffice (``python -m delib.corpus.office``) and are committed; only
``test_regenerate_with_libreoffice`` needs ``soffice`` and is skipped without it (CI).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import unicodedata
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from delib.corpus.office import SAMPLES, OfficeSample, amount_pattern, build, printed_order, sequential_pages
from delib.corpus.office_sheet import grant_workbook
from delib.corpus.office_writer import PAGE_BREAK, back_html, front_html
from delib.corpus.render import load_specs
from delib.models import Publication

ROOT = Path(__file__).resolve().parents[2]
OFFICE = ROOT / "corpus" / "samples_office"
SOURCES = ROOT / "corpus" / "samples"
NAMES = [s.source for s in SAMPLES]
BY_NAME = {s.source: s for s in SAMPLES}


def _truth(name: str) -> Publication:
    return Publication.model_validate(json.loads((OFFICE / f"{name}.json").read_text(encoding="utf-8")))


def _squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def _cell(value: object) -> object:
    """A cell value as written (Decimal) or read back (int/float) compared to the cent."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value)).quantize(Decimal("0.01"))
    return value if value != "" else None  # an empty string is not stored


def _raw_pages(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [_squash(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


def test_three_publications_under_budget() -> None:
    pdfs = sorted(OFFICE.glob("*.pdf"))
    assert [p.stem for p in pdfs] == sorted(NAMES)
    assert len({n.split("_")[0] for n in NAMES}) == 3  # three collectivities
    assert len({n.split("_")[2][:4] for n in NAMES}) == 3  # three years
    assert sum(p.stat().st_size for p in OFFICE.iterdir()) < 3_000_000


@pytest.mark.parametrize("name", NAMES)
def test_ground_truth_matches_pdf_and_source_values(name: str) -> None:
    pub = _truth(name)
    pdf = OFFICE / f"{name}.pdf"
    assert pub.file.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    with pdfplumber.open(pdf) as doc:
        assert pub.file.pages == len(doc.pages)
        producers = str(doc.metadata.get("Producer", ""))
    assert "LibreOffice" in producers
    # the values are those of the reportlab sample it was printed from; only provenance differs
    src = Publication.model_validate(json.loads((SOURCES / f"{name}.json").read_text(encoding="utf-8")))
    d, s = pub.deliberations[0], src.deliberations[0]
    assert [(g.beneficiary, g.amount, g.operation, g.territory) for g in d.grants] == [
        (g.beneficiary, g.amount, g.operation, g.territory) for g in s.grants
    ]
    assert d.vote == (s.vote.model_copy(update={"page": d.vote.page, "bbox": None}) if s.vote else None)
    assert all(g.bbox is None for g in d.grants) and all(t.bbox is None for t in d.grant_totals)
    # every record was found in the printed PDF, in the part it belongs to
    records = [*d.citations, *d.articles, *d.budget_lines, *d.proposals, *d.grants, *d.grant_totals]
    assert all(r.page is not None for r in records)
    assert d.report is not None and d.report.page is not None
    grant_pages = {g.page or 0 for g in d.grants}
    assert all((a.page or 0) < min(grant_pages) for a in d.articles)
    assert d.report.page > max(grant_pages)


@pytest.mark.parametrize("name", NAMES)
def test_every_grant_is_on_its_landscape_page(name: str) -> None:
    """Page of each grant: landscape, and its beneficiary and amount are printed there."""
    pdf = OFFICE / f"{name}.pdf"
    raw = _raw_pages(pdf)
    d = _truth(name).deliberations[0]
    with pdfplumber.open(pdf) as doc:
        pages = {g.page for g in d.grants}
        assert None not in pages
        upright: dict[int, str] = {}
        for p in sorted(x for x in pages if x is not None):
            page = doc.pages[p - 1]
            assert page.width > page.height
            kept = page.filter(lambda o: o.get("object_type") != "char" or o.get("upright", True))
            upright[p] = " ".join((kept.extract_text() or "").split())
    for g in d.grants:
        assert g.page is not None
        assert _squash(g.beneficiary) in raw[g.page - 1], (g.beneficiary, g.page)
        assert amount_pattern(g.amount).search(upright[g.page]), (g.amount, g.page)


@pytest.mark.parametrize("name", NAMES)
def test_operation_labels_are_rotated_text(name: str) -> None:
    """Each operation label is printed with rotated characters on the page of its first row."""
    pdf = OFFICE / f"{name}.pdf"
    d = _truth(name).deliberations[0]
    first_page: dict[str, int] = {}
    for g in d.grants:
        if g.operation and g.page:
            first_page.setdefault(g.operation, g.page)
    rotated: dict[int, str] = {}
    with pdfplumber.open(pdf) as doc:
        for p in set(first_page.values()):
            rotated[p] = _squash("".join(c["text"] for c in doc.pages[p - 1].chars if not c["upright"]))
    for op, p in first_page.items():
        assert _squash(op) in rotated[p], (op, p)


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("pas-de-calais_cp_2023-06-12_2023-259", "54 000,00 €-"),  # '# ##0,00 €;# ##0,00 €-'
        ("pas-de-calais_cp_2023-06-12_2023-259", "5 234 159,10 €"),
        ("nord_cp_2021-11-22_dsti-2021-1045", "-9 250,00 €"),
        ("hauts-de-france_cp_2024-06-27_20241187", "-418 500,00 €"),
    ],
)
def test_number_formats_print_french_amounts(name: str, printed: str) -> None:
    """Calc runs in a fr-FR profile: grouped thousands, decimal comma, the sign where the format puts it."""
    with pdfplumber.open(OFFICE / f"{name}.pdf") as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages if p.width > p.height)
    normal = text.replace("\u202f", " ").replace("\u00a0", " ")
    assert printed in normal


@pytest.mark.parametrize("name", NAMES)
def test_workbook_structure(name: str) -> None:
    """The committed .xlsx: merged rotated operation cells, merged territories, print titles, landscape."""
    wb = load_workbook(OFFICE / f"{name}.annexe.xlsx")
    d = _truth(name).deliberations[0]
    assert len(wb.worksheets) == len({g.theme for g in d.grants})
    style = BY_NAME[name].sheet
    labels: list[str] = []
    amounts: list[Decimal] = []
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows and ws.print_title_rows.startswith("$")
        merged = [r for r in ws.merged_cells.ranges]
        op_ranges = [r for r in merged if r.min_col == r.max_col == 1 and r.max_row > r.min_row]
        terr_ranges = [r for r in merged if r.min_col == r.max_col == 2]
        assert op_ranges and terr_ranges
        for r in op_ranges:
            cell = ws.cell(r.min_row, 1)
            assert cell.alignment.text_rotation == 90 and cell.alignment.wrap_text
            labels.append(str(cell.value))
        for row in ws.iter_rows(min_col=5, max_col=5):
            c = row[0]
            if isinstance(c.value, int | float) and c.number_format == style.amount_format and not c.font.b:
                amounts.append(Decimal(str(c.value)).quantize(Decimal("0.01")))
    ops = [g.operation for g in d.grants]
    assert sorted(set(labels)) == sorted({o for o in ops if o})
    assert amounts == [d.grants[i].amount for k, i in printed_order(d) if k == "g"]


@pytest.mark.parametrize("name", NAMES)
def test_workbook_regenerates_from_ground_truth(name: str) -> None:
    """The generator is a function of the ground truth: same merges, same cell values as committed."""
    pub = _truth(name)
    d = pub.deliberations[0]
    spec = load_specs(SOURCES / f"{name}.render.json")[0]
    fresh = grant_workbook(d.grants, d.grant_totals, spec.grant_annex, BY_NAME[name].sheet)
    committed = load_workbook(OFFICE / f"{name}.annexe.xlsx")
    assert fresh.sheetnames == committed.sheetnames
    for a, b in zip(fresh.worksheets, committed.worksheets, strict=True):
        assert sorted(map(str, a.merged_cells.ranges)) == sorted(map(str, b.merged_cells.ranges))
        va = [[_cell(c.value) for c in row] for row in a.iter_rows()]
        vb = [[_cell(c.value) for c in row] for row in b.iter_rows()]
        assert va == vb


@pytest.mark.parametrize("name", NAMES)
def test_writer_html_carries_the_deliberation(name: str) -> None:
    d = _truth(name).deliberations[0]
    spec = load_specs(SOURCES / f"{name}.render.json")[0]
    html = front_html(d, spec, BY_NAME[name].page)
    assert d.vote is not None
    for line in (d.vote.text or "").split("\n"):
        assert f"<p>{line.replace('&', '&amp;')}</p>" in html or not line.strip()
    assert html.count(PAGE_BREAK) == len(spec.narrative)  # each narrative annex on a new page
    assert all(f"Article {a.number} :" in html for a in d.articles)
    back = back_html(d, spec, BY_NAME[name].page)
    assert back is not None and "Solde €" in back


@pytest.mark.parametrize(
    ("value", "text", "found"),
    [
        ("-54000.00", "SIVOM -450 54 000,00 €- Convention", True),
        ("-54000.00", "54\u202f000,00 €-", True),
        ("54000.00", "154 000,00 €", False),  # not inside a longer number
        ("54000.00", "54 000,001", False),
        ("5234159.10", "TOTAL 5 234 159,10 €", True),
        ("0.00", "(report d'opération) 0,00 € Convention", True),
        ("0.00", "10,00 €", False),
    ],
)
def test_amount_pattern(value: str, text: str, found: bool) -> None:
    assert bool(amount_pattern(Decimal(value)).search(text)) is found


def test_sequential_pages_keeps_row_order() -> None:
    texts = ["title", "A 1 000,00 € B 2 000,00 €", "C 1 000,00 € TOTAL 4 000,00 €"]
    amounts = [Decimal("1000"), Decimal("2000"), Decimal("1000"), Decimal("4000"), Decimal("9")]
    assert sequential_pages(texts, amounts, range(1, 3)) == [2, 2, 3, 3, None]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed (CI)")
def test_regenerate_with_libreoffice(tmp_path: Path) -> None:
    """Printing again gives the same values and pages (bytes differ: LibreOffice stamps dates)."""
    sample: OfficeSample = BY_NAME["nord_cp_2021-11-22_dsti-2021-1045"]
    pub = build(sample, tmp_path)
    committed = _truth(sample.source)
    assert pub.file.pages == committed.file.pages
    got, want = pub.deliberations[0], committed.deliberations[0]
    assert [(g.beneficiary, g.amount, g.page) for g in got.grants] == [
        (g.beneficiary, g.amount, g.page) for g in want.grants
    ]
    pages: defaultdict[int | None, int] = defaultdict(int)
    for p in got.proposals:
        pages[p.page] += 1
    assert None not in pages
