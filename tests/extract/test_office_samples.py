"""The real extractor on publications printed by LibreOffice (corpus/samples_office), not by our renderer.

The PDFs were produced by ``python -m delib.corpus.office`` (grant annex: an .xlsx printed by
Calc; deliberation, annexes, rapport: HTML laid out by Writer) and are committed, so these tests
need no LibreOffice.  Their ground truth is the ``.json`` beside each PDF (values only: bbox is
null, pages recomputed from the PDF).

What the extractor reads right is asserted exactly.  What it reads wrong is pinned by
``xfail(strict=True)`` tests whose reason names the page, the printed text and the cause, so each
flips to a failure (to be turned into a plain test) the day the extractor is fixed.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from delib.extract import extract_publication
from delib.models import Deliberation, Publication, TotalLevel

ROOT = Path(__file__).resolve().parents[2]
OFFICE = ROOT / "corpus" / "samples_office"
SEED = "pas-de-calais_cp_2023-06-12_2023-259"
NORD = "nord_cp_2021-11-22_dsti-2021-1045"
HDF = "hauts-de-france_cp_2024-06-27_20241187"
ALL = [SEED, NORD, HDF]


@pytest.fixture(scope="module")
def office() -> dict[str, tuple[Deliberation, Deliberation]]:
    """(ground truth, extracted) first deliberation of each office-printed sample."""
    out = {}
    for name in ALL:
        truth = Publication.model_validate(json.loads((OFFICE / f"{name}.json").read_text(encoding="utf-8")))
        got = extract_publication(OFFICE / f"{name}.pdf")
        assert len(got.deliberations) == 1, f"{name}: {len(got.deliberations)} deliberations read"
        out[name] = (truth.deliberations[0], got.deliberations[0])
    return out


def _grants(d: Deliberation, *fields: str) -> Counter[tuple[object, ...]]:
    return Counter(tuple(getattr(g, f) for f in ("beneficiary", "amount", *fields)) for g in d.grants)


def _checks(d: Deliberation, name: str) -> list[bool]:
    return [c.passed for c in d.checks if c.name == name]


# --------------------------------------------------------------------------- what is read right


@pytest.mark.parametrize("name", ALL)
def test_attendance_lists_read_exactly(
    office: dict[str, tuple[Deliberation, Deliberation]], name: str
) -> None:
    truth, got = office[name]
    assert got.attendance.present == truth.attendance.present
    assert got.attendance.excused == truth.attendance.excused
    assert got.attendance.absent == truth.attendance.absent


@pytest.mark.parametrize("name", ALL)
def test_citations_and_recusals(office: dict[str, tuple[Deliberation, Deliberation]], name: str) -> None:
    truth, got = office[name]
    assert [c.text for c in got.citations] == [c.text for c in truth.citations]
    assert got.recused == truth.recused


@pytest.mark.parametrize("name", ALL)
def test_header_identity(office: dict[str, tuple[Deliberation, Deliberation]], name: str) -> None:
    truth, got = office[name]
    assert (got.collectivity, got.instance, got.session_date, got.number) == (
        truth.collectivity,
        truth.instance,
        truth.session_date,
        truth.number,
    )


@pytest.mark.parametrize("name", ALL)
def test_vote_block_counts(office: dict[str, tuple[Deliberation, Deliberation]], name: str) -> None:
    truth, got = office[name]
    assert got.vote is not None and truth.vote is not None
    fields = ("for_", "against", "abstention", "absent_without_proxy", "not_voting", "adopted", "unanimous")
    assert [getattr(got.vote, f) for f in fields] == [getattr(truth.vote, f) for f in fields]
    assert _checks(got, "attendance_equals_vote_count") == [True]


@pytest.mark.parametrize("name", ALL)
def test_articles_and_budget_table(office: dict[str, tuple[Deliberation, Deliberation]], name: str) -> None:
    truth, got = office[name]
    assert [(a.number, a.amounts) for a in got.articles] == [(a.number, a.amounts) for a in truth.articles]
    key = [(b.operation_code, b.imputation, b.ae, b.expense) for b in truth.budget_lines]
    assert [(b.operation_code, b.imputation, b.ae, b.expense) for b in got.budget_lines] == key


@pytest.mark.parametrize("name", [NORD, HDF])
def test_grant_lines_exact(office: dict[str, tuple[Deliberation, Deliberation]], name: str) -> None:
    """Every spreadsheet row: beneficiary, amount (number format of Calc), places, territory
    (vertically merged cells), instrument, exactly as the workbook holds them."""
    truth, got = office[name]
    fields = ("places", "territory", "instrument")
    assert _grants(got, *fields) == _grants(truth, *fields)


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        (NORD, "-9 250,00 €"),  # format '#,##0.00 "€";\-#,##0.00 "€"'
        (HDF, "-418 500,00 €"),  # format '[Red]\-#,##0.00 [$€-40C]'
    ],
)
def test_negative_amounts_from_a_number_format(
    office: dict[str, tuple[Deliberation, Deliberation]], name: str, printed: str
) -> None:
    truth, got = office[name]
    negatives = sorted(g.amount for g in got.grants if g.amount < 0)
    assert negatives == sorted(g.amount for g in truth.grants if g.amount < 0)
    assert Decimal(printed.replace(" ", "").replace("€", "").replace(",", ".")) in negatives


@pytest.mark.parametrize("name", [NORD, HDF])
def test_total_row_amounts(office: dict[str, tuple[Deliberation, Deliberation]], name: str) -> None:
    truth, got = office[name]
    assert Counter(t.amount for t in got.grant_totals) == Counter(t.amount for t in truth.grant_totals)


def test_hdf_operation_totals_reconcile(office: dict[str, tuple[Deliberation, Deliberation]]) -> None:
    """The 14 operation TOTAL rows are read as operation totals and their lines sum to them."""
    _, got = office[HDF]
    assert _checks(got, "grant_lines_sum_to_operation_total") == [True] * 14
    assert _checks(got, "prose_proposal_matches_tables") == [True] * 18


def test_hdf_rapport_table(office: dict[str, tuple[Deliberation, Deliberation]]) -> None:
    truth, got = office[HDF]
    assert got.report is not None and truth.report is not None
    key = [(b.operation_code, b.ae, b.available, b.proposed, b.balance) for b in truth.report.budget_lines]
    assert [
        (b.operation_code, b.ae, b.available, b.proposed, b.balance) for b in got.report.budget_lines
    ] == key
    assert _checks(got, "report_available_minus_proposed_equals_balance") == [True] * 4
    assert _checks(got, "report_proposed_equals_deliberation_expense") == [True] * 4


def test_nord_proposals_match_tables(office: dict[str, tuple[Deliberation, Deliberation]]) -> None:
    _, got = office[NORD]
    assert _checks(got, "prose_proposal_matches_tables") == [True] * 11


# --------------------------------------------------------------------------- what is read wrong


def test_seed_grant_annex_read(office: dict[str, tuple[Deliberation, Deliberation]]) -> None:
    """The grant annex (p.11-15) is read although Calc wraps its header cell 'Avenant/convention'
    so that 'convention' stands alone on a line (once taken for a convention title)."""
    truth, got = office[SEED]
    assert _grants(got, "places", "instrument") == _grants(truth, "places", "instrument")
    assert len(got.grants) == 136


def test_seed_grant_territories(office: dict[str, tuple[Deliberation, Deliberation]]) -> None:
    truth, got = office[SEED]
    assert _grants(got, "territory") == _grants(truth, "territory")


def test_seed_rapport_balances(office: dict[str, tuple[Deliberation, Deliberation]]) -> None:
    truth, got = office[SEED]
    assert got.report is not None and truth.report is not None
    key = [(b.ae, b.balance) for b in truth.report.budget_lines]
    assert [(b.ae, b.balance) for b in got.report.budget_lines] == key


def test_nord_second_page_of_deliberation(office: dict[str, tuple[Deliberation, Deliberation]]) -> None:
    truth, got = office[NORD]
    assert [a.number for a in got.articles] == [a.number for a in truth.articles]
    assert got.vote is not None and truth.vote is not None
    assert (got.vote.for_, got.vote.against, got.vote.abstention) == (37, 1, 4)
    assert len(got.budget_lines) == len(truth.budget_lines)


def test_nord_rapport_table(office: dict[str, tuple[Deliberation, Deliberation]]) -> None:
    truth, got = office[NORD]
    assert got.report is not None and truth.report is not None
    assert [b.balance for b in got.report.budget_lines] == [b.balance for b in truth.report.budget_lines]


def test_nord_total_levels(office: dict[str, tuple[Deliberation, Deliberation]]) -> None:
    truth, got = office[NORD]
    assert Counter((t.level, t.amount) for t in got.grant_totals) == Counter(
        (t.level, t.amount) for t in truth.grant_totals
    )


@pytest.mark.parametrize("name", [NORD, HDF])
def test_operation_labels(office: dict[str, tuple[Deliberation, Deliberation]], name: str) -> None:
    truth, got = office[name]
    assert _grants(got, "operation") == _grants(truth, "operation")


def test_hdf_themes(office: dict[str, tuple[Deliberation, Deliberation]]) -> None:
    truth, got = office[HDF]
    assert _grants(got, "theme") == _grants(truth, "theme")


def test_hdf_label_cut_by_page_break(office: dict[str, tuple[Deliberation, Deliberation]]) -> None:
    truth, got = office[HDF]
    label = "Op. 4 : Accompagner autrement"
    rows = {(g.beneficiary, g.amount) for g in truth.grants if g.operation == label}
    assert len(rows) == 13
    assert [g.operation for g in got.grants if (g.beneficiary, g.amount) in rows] == [label] * 13
    assert [t.level for t in got.grant_totals if t.amount == Decimal("136000.00")] == [TotalLevel.OPERATION]
