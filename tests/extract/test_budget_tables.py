"""The rapport and budget-imputation tables: the text, ruled and word-column readings (rendered samples, seed layout)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from delib.extract.budget_table import parse_budget_table
from delib.extract.document import Document
from delib.extract.parts import PartKind, PartText, split_publication
from delib.extract.report import parse_report
from delib.models import Problem

SAMPLES = Path(__file__).parents[2] / "corpus" / "samples"
SAMPLE = SAMPLES / "pas-de-calais_cp_2023-06-12_2023-259.pdf"


def test_sample_report_number_and_budget_lines() -> None:
    if not SAMPLE.exists():
        pytest.skip("sample not available")
    with Document.open(SAMPLE) as doc:
        part = next(p for p in split_publication(doc.texts()) if p.kind == PartKind.REPORT)
        problems: list[Problem] = []
        report = parse_report(doc, part, problems=problems)
    assert report.number == "42" and report.page == 17
    rows = [(b.operation_code, b.imputation, b.available, b.proposed, b.balance) for b in report.budget_lines]
    assert rows == [
        ("C02-446A05", "6568/93446", Decimal("2303965.28"), Decimal("115069.00"), Decimal("2188896.28")),
        ("C01-444H02", "6568/93444", Decimal("7048182.00"), Decimal("5234159.10"), Decimal("1814022.90")),
    ]
    for b in report.budget_lines:
        assert b.available is not None and b.proposed is not None
        assert b.available - b.proposed == b.balance
        assert b.bbox is not None and b.rule == "report.budget.ruled.v1"  # read by its cells
    assert report.budget_lines[0].label == "Indemnisation des organismes référents"
    assert problems == []


def test_seed_layout_label_wrapped_around_the_codes() -> None:
    # pdftotext of the seed: the label wraps above and below the code line, amounts on their own line
    text = (
        "Code Opération\nImputation\nbudgétaire\n\nLibellé Opération AE € Disponible € Proposition € Solde €\n\n"
        "C02-446A05 6568/93446\nIndemnisation des\n\norganismes\nréférents\n\n"
        "6 801 643,00 2 303 965,28 115 069,00 2 188 896,28\n\n"
        "C01-444H02 6568/93444\nAppui aux parcours\nintégrés 2021-2027\n\n7 048 182,00 7 048 182,00 5 234 159,10 1 814 022,90\n\n"
        "La 1ère Commission - Attractivité départementale et  emploi  a émis un avis\n"
    )
    lines, problems = parse_budget_table(PartText(text, [(0, 0, 0)]), [text], None)
    assert problems == []
    assert [(b.label, b.ae, b.balance) for b in lines] == [
        ("Indemnisation des organismes référents", Decimal("6801643.00"), Decimal("2188896.28")),
        ("Appui aux parcours intégrés 2021-2027", Decimal("7048182.00"), Decimal("1814022.90")),
    ]


def test_incomplete_row_is_a_problem() -> None:
    text = "Code Opération Imputation Libellé AE € Dépense €\nC02-446A05 6568/93446 Indemnisation 6 801 643,00\n\nDans les conditions de vote"
    lines, problems = parse_budget_table(PartText(text, [(0, 0, 0)]), [text], None)
    assert len(lines) == 1 and lines[0].ae == Decimal("6801643.00") and lines[0].expense is None
    assert [p.kind for p in problems] == ["budget_row_incomplete"]


def test_all_samples_report_lines_match_ground_truth() -> None:
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        truth = json.loads(pdf.with_suffix(".json").read_text())["deliberations"][0]["report"]
        with Document.open(pdf) as doc:
            part = next(p for p in split_publication(doc.texts()) if p.kind == PartKind.REPORT)
            got = parse_report(doc, part).model_dump(mode="json")
        assert got["number"] == truth["number"], pdf.name
        keys = ("operation_code", "imputation", "label", "ae", "available", "proposed", "balance")
        assert [[b[k] for k in keys] for b in got["budget_lines"]] == [
            [b[k] for k in keys] for b in truth["budget_lines"]
        ], pdf.name


# --------------------------------------------------------------------------- tables printed by LibreOffice Writer
OFFICE = Path(__file__).parents[2] / "corpus" / "samples_office"
OFFICE_SEED = OFFICE / "pas-de-calais_cp_2023-06-12_2023-259.pdf"
OFFICE_NORD = OFFICE / "nord_cp_2021-11-22_dsti-2021-1045.pdf"
KEYS = ("operation_code", "imputation", "ae", "available", "proposed", "balance")


def _office_report(pdf: Path, *, geometry: bool) -> tuple[list[list[Any]], list[list[Any]], list[Problem]]:
    """(truth rows, read rows, problems) of the rapport's budget table of an office-printed sample."""
    truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))["deliberations"][0]["report"]
    with Document.open(pdf) as doc:
        part = next(p for p in split_publication(doc.texts()) if p.kind == PartKind.REPORT)
        problems: list[Problem] = []
        got = parse_report(doc, part, geometry=geometry, problems=problems).model_dump(mode="json")
    rows = [[b[k] for k in (*KEYS, "page", "rule")] for b in got["budget_lines"]]
    return [[b[k] for k in KEYS] for b in truth["budget_lines"]], rows, problems


def test_amount_wrapped_in_cell_at_thousands_space() -> None:
    """Seed rapport (Writer), p.19-20: the AE and Solde cells wrap at a thousands space ('6 801' /
    '643,00', '2 188' / '896,28'); read by the table's cells, stacked lines joined, and the row that
    the page break sends to p.20 (no header repeated) read on with the columns of p.19."""
    truth, got, problems = _office_report(OFFICE_SEED, geometry=True)
    assert [r[: len(KEYS)] for r in got] == truth
    assert truth[0][2:] == ["6801643.00", "2303965.28", "115069.00", "2188896.28"]
    assert [(r[-2], r[-1]) for r in got] == [(19, "report.budget.ruled.v1"), (20, "report.budget.ruled.v1")]
    assert problems == []


def test_code_broken_at_hyphen_in_narrow_cell() -> None:
    """Nord rapport (Writer), p.14: the narrow Code Opération column breaks 'C06-453H01' at its hyphen."""
    truth, got, problems = _office_report(OFFICE_NORD, geometry=True)
    assert [r[: len(KEYS)] for r in got] == truth
    assert [r[0] for r in got] == ["C06-453H01", "C02-408A09"]
    assert problems == []


@pytest.mark.parametrize("pdf", [OFFICE_SEED, OFFICE_NORD], ids=["amount_wrapped", "code_broken_at_hyphen"])
def test_wrapped_cells_read_from_the_text_layer_alone(pdf: Path) -> None:
    """Without geometry the text layer interleaves the wrapped cells ('6 801' / '643,00 2 303 965,28
    115 069,00 2 188' / '896,28'; 'C06-' / '453H01 6574/93583'): the text reading puts them back."""
    truth, got, problems = _office_report(pdf, geometry=False)
    assert [r[: len(KEYS)] for r in got] == truth
    assert {r[-1] for r in got} == {"report.budget.text.v1"}
    assert problems == []


_RAPPORT_HEAD = "Code Opération Imputation Libellé AE € Disponible € Proposition € Solde €\n"
WRAPPED_TEXT_ROWS = [
    # digits standing alone at the end of a line, the amount going on at the start of the next
    (
        "C02-446A05 6568/93446\nIndemnisation des\n6 801\n643,00 2 303 965,28 115 069,00 2 188\n896,28\n",
        ("6801643.00", "2303965.28", "115069.00", "2188896.28"),
    ),
    # a label ending with a number is not the head of the amount below it
    (
        "C02-446A05 6568/93446 Travaux tranche 2\n500 000,00 300 000,00 100 000,00 200 000,00\n",
        ("500000.00", "300000.00", "100000.00", "200000.00"),
    ),
    # the Disponible cell wrapped after the label and the AE: only joining it balances the row
    (
        "C02-446A05 6568/93446 Indemnisation 6 801 643,00 2 303\n965,28 115 069,00 2 188 896,28\n",
        ("6801643.00", "2303965.28", "115069.00", "2188896.28"),
    ),
]


@pytest.mark.parametrize(("rows", "amounts"), WRAPPED_TEXT_ROWS)
def test_wrapped_amounts_in_text_checked_by_the_balance(rows: str, amounts: tuple[str, ...]) -> None:
    text = _RAPPORT_HEAD + rows + "Je vous prie de bien vouloir en délibérer.\n"
    lines, problems = parse_budget_table(PartText(text, [(0, 0, 0)]), [text], None)
    assert problems == []
    assert [(b.ae, b.available, b.proposed, b.balance) for b in lines] == [tuple(Decimal(a) for a in amounts)]


_DELIB_HEAD = "Code\nOpération\nImputation\nbudgétaire Libellé Opération AE € Dépense €\n"
WRAPPED_DELIBERATION_ROWS = [
    # Writer: code broken at its hyphen, label wrapped, AE wrapped at a thousands space
    (
        "C06-\n453H01 6574/93583 Actions jeunesse\n2021-2023 10 754\n962,00 3 645 750,00\n",
        ("C06-453H01", "Actions jeunesse 2021-2023", "10754962.00", "3645750.00"),
    ),
    # the code's tail on the imputation line, the amounts of the row unwrapped
    (
        "C02-\n408A09 6574/93518 Indemnisation des\norganismes référents 8 704 357,00 2 930 760,00\n",
        ("C02-408A09", "Indemnisation des organismes référents", "8704357.00", "2930760.00"),
    ),
]


@pytest.mark.parametrize(("rows", "expected"), WRAPPED_DELIBERATION_ROWS)
def test_deliberation_budget_table_wrapped_in_text(rows: str, expected: tuple[str, ...]) -> None:
    text = _DELIB_HEAD + rows + "Dans les conditions de vote ci-dessous :\n"
    lines, problems = parse_budget_table(PartText(text, [(0, 0, 0)]), [text], None)
    assert problems == []
    code, label, ae, expense = expected
    assert [(b.operation_code, b.label, b.ae, b.expense) for b in lines] == [
        (code, label, Decimal(ae), Decimal(expense))
    ]


ROW_SPLIT_BY_PAGE_BREAK = [
    # the AE cell '6 801' / '643,00' cut between the pages: the first continuation row finishes it
    ({"code": ["C02-446A05"], "ae": ["6 801"]}, {"ae": ["643,00"], "label": ["référents"]}, True),
    # the next page starts with a row of its own
    (
        {"code": ["C02-446A05"], "ae": ["6 801 643,00"]},
        {"code": ["C01-444H02"], "ae": ["7 048 182,00"]},
        False,
    ),
    # a TOTAL row under a complete row is not the rest of it
    ({"code": ["C02-446A05"], "ae": ["6 801 643,00"]}, {"label": ["TOTAL"], "ae": ["13 849 825,00"]}, False),
]


@pytest.mark.parametrize(("last", "first", "cut"), ROW_SPLIT_BY_PAGE_BREAK)
def test_row_split_by_page_break(last: dict[str, list[str]], first: dict[str, list[str]], cut: bool) -> None:
    from delib.extract.budget_rows import CellRow
    from delib.extract.budget_ruled import _cut_by_page_break

    fields: list[str | None] = ["code", "imp", "label", "ae", "expense"]
    box = (0.0, 0.0, 1.0, 1.0)
    assert _cut_by_page_break(CellRow(0, box, last), CellRow(1, box, first), fields) is cut


def _without_borders(pdf: Path, out: Path) -> Path:
    """The same PDF with every path object (cell borders) removed: a table printed without borders."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(str(pdf))
    try:
        for i in range(len(doc)):
            page = doc[i]
            for obj in [o for o in page.get_objects(max_depth=1) if o.type == pdfium_c.FPDF_PAGEOBJ_PATH]:
                page.remove_obj(obj)
            page.gen_content()
        doc.save(str(out))
    finally:
        doc.close()
    return out


@pytest.mark.parametrize(
    "name", ["nord_cp_2021-11-22_dsti-2021-1045", "hauts-de-france_cp_2024-06-27_20241187"]
)
def test_borderless_table_read_by_word_columns(tmp_path: Path, name: str) -> None:
    """Writer's budget tables with their borders removed: columns from the header's stacked words,
    cells from the words of one column (Nord: 'C06-' / '453H01' in a narrow column, labels wrapped
    and centred around the codes), rows from the code each cell spans."""
    pdf = _without_borders(OFFICE / f"{name}.pdf", tmp_path / f"{name}.pdf")
    (tmp_path / f"{name}.json").write_bytes((OFFICE / f"{name}.json").read_bytes())
    truth, got, problems = _office_report(tmp_path / f"{name}.pdf", geometry=True)
    assert [r[: len(KEYS)] for r in got] == truth
    assert {r[-1] for r in got} == {"report.budget.words.v1"}
    assert problems == []
    with Document.open(pdf) as doc:
        from delib.extract.deliberation import locator_for
        from delib.extract.parts import part_text

        texts = doc.texts()
        delib = next(p for p in split_publication(texts) if p.kind == PartKind.DELIBERATION)
        lines, found = parse_budget_table(
            part_text(texts, delib.span), texts, locator_for(doc), columns_hint=("ae", "expense")
        )
    expected = json.loads((OFFICE / f"{name}.json").read_text(encoding="utf-8"))["deliberations"][0]
    assert [(b.operation_code, b.imputation, b.label, str(b.ae), str(b.expense)) for b in lines] == [
        (b["operation_code"], b["imputation"], b["label"], b["ae"], b["expense"])
        for b in expected["budget_lines"]
    ]
    assert {b.rule for b in lines} == {"budget.words.v1"} and found == []
