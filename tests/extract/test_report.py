"""The rapport and budget-imputation tables (rendered samples, seed layout)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from delib.extract.document import Document
from delib.extract.parts import PartKind, PartText, split_publication
from delib.extract.report import parse_budget_table, parse_report
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
        assert b.bbox is not None and b.rule == "report.budget.text.v1"
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
