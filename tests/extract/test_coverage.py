"""Coverage checks: an annex announced but not read, a list that does not add up to its printed
total, an imputation that does not match the grants it funds: each is a failed check naming its
page, so ``--strict`` exits 1 and ``delib audit`` lists it."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from delib.extract import extract_publication
from delib.extract.coverage import coverage_checks
from delib.models import Deliberation, Grant, GrantTotal, Imputation, TotalLevel

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "samples" / "pas-de-calais_cp_2023-06-12_2023-259.pdf"


@pytest.fixture(scope="module")
def unread_annex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed publication with its grant-table pages cut out: the annex it announces is gone."""
    pages = sorted({g.page for d in extract_publication(SEED).deliberations for g in d.grants if g.page})
    assert pages, "the seed publication has grant tables"
    pdf = pdfium.PdfDocument(SEED)
    for p in reversed(pages):
        pdf.del_page(p - 1)
    out = tmp_path_factory.mktemp("cov") / "seed-without-annex.pdf"
    pdf.save(out)
    return out


def test_an_announced_annex_that_yields_no_grant_fails_on_its_page(unread_annex: Path) -> None:
    pub = extract_publication(unread_annex)
    failed = [c for d in pub.deliberations for c in d.checks if not c.passed]
    assert [(c.name, c.page) for c in failed] == [("announced_grants_are_read", 2)]
    assert "annexe" in (failed[0].detail or "")


def test_the_intact_publication_passes_it() -> None:
    checks = [c for d in extract_publication(SEED).deliberations for c in d.checks]
    announced = [c for c in checks if c.name == "announced_grants_are_read"]
    assert announced and all(c.passed for c in announced)


def test_strict_exits_1_and_audit_lists_it(unread_annex: Path, tmp_path: Path) -> None:
    delib = [sys.executable, "-m", "delib"]
    env = {**os.environ, "DELIB_DB": str(tmp_path / "w.duckdb")}
    ok = subprocess.run(
        [*delib, "extract", str(unread_annex), "--json"], capture_output=True, text=True, env=env
    )
    assert ok.returncode == 0
    strict = subprocess.run(
        [*delib, "extract", str(unread_annex), "--strict", "--json"], capture_output=True, env=env
    )
    assert strict.returncode == 1
    subprocess.run([*delib, "ingest", str(unread_annex)], capture_output=True, env=env, check=False)
    audit = subprocess.run([*delib, "audit", "--csv"], capture_output=True, text=True, env=env)
    assert "announced_grants_are_read" in audit.stdout
    assert "seed-without-annex.pdf" in audit.stdout


def _delib(**fields: object) -> Deliberation:
    return Deliberation.model_validate({"page": 1, **fields})


def test_a_list_that_does_not_add_up_to_its_total_fails() -> None:
    grants = [
        Grant(beneficiary="ACCA", amount=Decimal("60"), page=1),
        Grant(beneficiary="Judo", amount=Decimal("700"), page=1),
    ]
    good = _delib(
        grants=grants, grant_totals=[GrantTotal(amount=Decimal("760"), level=TotalLevel.SUBTOTAL, page=1)]
    )
    bad = _delib(
        grants=grants, grant_totals=[GrantTotal(amount=Decimal("770"), level=TotalLevel.SUBTOTAL, page=2)]
    )
    assert [(c.name, c.passed) for c in coverage_checks(good, "")] == [
        ("grant_lines_sum_to_list_total", True)
    ]
    (check,) = coverage_checks(bad, "")
    assert (check.passed, check.expected, check.found, check.page) == (False, "770.00", "760.00", 2)


def test_an_imputation_on_the_grants_nature_matches_the_grants() -> None:
    grants = [Grant(beneficiary="Convention Nationale des Avocats", amount=Decimal("40000"), page=1)]
    imp = Imputation(
        chapter="920",
        nature="6574",
        credit_line="17566",
        amount=Decimal("40000"),
        text="chapitre 920",
        page=2,
    )
    assert [c.passed for c in coverage_checks(_delib(grants=grants, imputations=[imp]), "")] == [True]
    wrong = imp.model_copy(update={"amount": Decimal("45000")})
    assert [c.passed for c in coverage_checks(_delib(grants=grants, imputations=[wrong]), "")] == [False]


def test_a_grant_request_to_another_body_announces_no_grant() -> None:
    body = "Le conseil municipal sollicite une subvention au titre de la DETR selon le plan de financement ci-annexé."
    assert coverage_checks(_delib(), body) == []


# --------------------------------------------------------------------------- amounts no value took
def test_every_amount_of_a_read_grant_table_is_taken() -> None:
    d = extract_publication(SEED).deliberations[0]
    assert d.grants
    assert [p for p in d.problems if p.kind == "grant.unread_amounts"] == []


def test_a_grant_row_the_reader_dropped_is_counted_on_its_page() -> None:
    from delib.extract.coverage import unread_table_amounts
    from delib.extract.document import Document

    d = extract_publication(SEED).deliberations[0]
    dropped = [d.grants[3], d.grants[-2]]
    kept = [g for g in d.grants if g not in dropped]
    with Document.open(SEED) as doc:
        problems = unread_table_amounts(
            lambda page: doc.plumber_page(page - 1).extract_words(), kept, list(d.grant_totals)
        )
    pages = {g.page for g in dropped}
    assert {p.page for p in problems} == pages
    flagged = " ; ".join(p.raw or "" for p in problems)
    assert all(str(g.amount) in flagged for g in dropped)
    assert all(p.kind == "grant.unread_amounts" and p.bbox for p in problems)
