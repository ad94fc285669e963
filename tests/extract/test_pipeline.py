"""End to end on the seed publication: every check of the guide, computed from the PDF.

The seed sample is the Pas-de-Calais Commission permanente of 12 June 2023 (N°2023-259),
rendered by the corpus generator from its ground truth (the JSON beside the PDF).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from delib.extract import extract_publication
from delib.models import Deliberation, Publication, TotalLevel

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "samples" / "pas-de-calais_cp_2023-06-12_2023-259.pdf"
REAL = ROOT.parent / "shared" / "real"


_SEED: list[Deliberation] = []


@pytest.fixture(autouse=True)
def _seed(extracted_samples: dict[str, Publication]) -> None:
    if not _SEED:
        pub = extracted_samples[SEED.name]
        assert len(pub.deliberations) == 1
        _SEED.append(pub.deliberations[0])


def seed() -> Deliberation:
    return _SEED[0]


def checks(name: str) -> list[tuple[bool, str | None, str | None]]:
    return [(c.passed, c.expected, c.found) for c in seed().checks if c.name == name]


def test_theme_totals_reconcile_with_articles_and_budget_lines() -> None:
    d = seed()
    themes = [t.amount for t in d.grant_totals if t.level == TotalLevel.THEME]
    assert themes == [Decimal("115069.00"), Decimal("5234159.10")]
    assert checks("theme_total_equals_article_amount") == [
        (True, "115069.00", "115069.00"),
        (True, "5234159.10", "5234159.10"),
    ]
    assert checks("theme_total_equals_budget_expense") == [
        (True, "115069.00", "115069.00"),
        (True, "5234159.10", "5234159.10"),
    ]


def test_every_operation_total_reconciles_with_its_lines() -> None:
    op = checks("grant_lines_sum_to_operation_total")
    assert len(op) >= 15
    assert all(passed for passed, _, _ in op), op
    assert all(passed for passed, _, _ in checks("operation_totals_sum_to_theme_total"))


def test_rapport_available_minus_proposed_equals_balance() -> None:
    assert checks("report_available_minus_proposed_equals_balance") == [
        (True, "2188896.28", "2188896.28"),
        (True, "1814022.90", "1814022.90"),
    ]


def test_attendance_equals_votes_and_recused_are_present() -> None:
    d = seed()
    a, v = d.attendance, d.vote
    assert v is not None
    assert (len(a.present), len(a.excused), len(a.absent)) == (37, 4, 2)
    assert (v.for_, v.against, v.abstention, v.absent_without_proxy) == (28, 0, 13, 2)
    assert checks("attendance_equals_vote_count") == [(True, "43", "43")]
    assert len(d.recused) == 13
    assert checks("recused_members_are_present") == [(True, "13", "13")]


def test_negative_moves_are_negative() -> None:
    moved = [g for g in seed().grants if g.amount < 0]
    assert {(g.places, g.amount) for g in moved} == {
        (-450, Decimal("-54000.00")),
        (-180, Decimal("-33750.00")),
    }


def test_every_value_has_provenance() -> None:
    d = seed()
    for g in d.grants:
        assert g.page is not None and g.bbox is not None and g.rule, g
        x0, top, x1, bottom = g.bbox
        assert x0 < x1 and top < bottom
    assert d.vote is not None and d.vote.page is not None and d.vote.bbox is not None
    for b in d.budget_lines:
        assert b.page is not None and b.bbox is not None


def test_the_model_conventions_articles_stay_out() -> None:
    # the convention (annexe 4) has its own Article 1..12; the deliberation has 5
    assert [a.number for a in seed().articles] == [1, 2, 3, 4, 5]


def test_record_matches_ground_truth_amounts() -> None:
    truth = Publication.model_validate(json.loads(SEED.with_suffix(".json").read_text(encoding="utf-8")))
    t = truth.deliberations[0]
    got = sorted((g.beneficiary, g.amount) for g in seed().grants)
    assert got == sorted((g.beneficiary, g.amount) for g in t.grants)


def test_sample_with_a_printed_total_typo_fails_its_check(extracted_samples: dict[str, Publication]) -> None:
    """corpus/README.md: one synthetic publication prints a TOTAL that is not the sum of its lines."""
    truth_failures = []
    for name, pub in extracted_samples.items():
        for d in pub.deliberations:
            truth_failures += [
                (name, c.expected, c.found)
                for c in d.checks
                if c.name == "grant_lines_sum_to_operation_total" and not c.passed
            ]
    assert len(truth_failures) == 1, truth_failures


@pytest.mark.skipif(not REAL.exists(), reason="shared/real not beside the checkout")
def test_real_bourg_en_bresse_unanimity_with_abstentions() -> None:
    pub = extract_publication(REAL / "bourg-en-bresse_cm_2016-02-01_delib-subvention-ban-doi.pdf")
    v = pub.deliberations[0].vote
    assert v is not None
    assert v.unanimous and v.adopted
    assert v.abstention == 8


@pytest.mark.skipif(not REAL.exists(), reason="shared/real not beside the checkout")
def test_real_montpellier_annex_reconciles_every_total() -> None:
    """30 pages of thematic tables, one Total per budget line, one article approving them all."""
    pub = extract_publication(
        REAL / "montpellier_cm_2014-02-17_delib-2014-121_attributions-subventions-2014.pdf"
    )
    d = pub.deliberations[0]
    assert sum((g.amount for g in d.grants), Decimal("0.00")) == Decimal("2907824.00")
    by_name = {(c.name, c.passed) for c in d.checks}
    assert ("theme_totals_sum_to_article_amount", True) in by_name
    assert len([c for c in d.checks if c.name == "operation_totals_sum_to_theme_total"]) >= 18
    assert [c for c in d.checks if not c.passed] == []


@pytest.mark.skipif(not REAL.exists(), reason="shared/real not beside the checkout")
def test_real_couthenans_votes_count_present_members_and_proxies() -> None:
    """'Vote : 14 pour / 0 contre / 0 abstention': 13 present + 1 proxy, not the excused or absent."""
    pub = extract_publication(REAL / "couthenans_cm_2021-06-04_cr-subventions-dm.pdf")
    first = pub.deliberations[0]
    assert first.vote is not None and (first.vote.for_, first.vote.against, first.vote.abstention) == (
        14,
        0,
        0,
    )
    # a compte rendu: the votes are checked against the members present at that item
    check = next(c for c in first.checks if c.name == "vote_count_matches_members_present")
    assert (check.passed, check.expected, check.found) == (True, "14", "14")
