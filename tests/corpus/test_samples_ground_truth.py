"""The committed samples are valid ground truth whose printed totals reconcile (except the documented typo)."""

from __future__ import annotations

import hashlib
import unicodedata
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from delib.corpus.render import SPEC_SUFFIX, ground_truth_files, load_specs
from delib.corpus.spec import RenderSpec
from delib.models import Deliberation, Publication, TotalLevel

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"
SAMPLE_FILES = ground_truth_files(SAMPLES)


def load(json_path: Path) -> Publication:
    return Publication.model_validate_json(json_path.read_text(encoding="utf-8"))


def spec_of(json_path: Path) -> list[RenderSpec]:
    return load_specs(json_path.with_name(json_path.name.removesuffix(".json") + SPEC_SUFFIX))


#: the one printed TOTAL that does not equal the sum of its lines (documented in corpus/README.md)
KNOWN_TYPOS = {("somme_cp_2022-10-17_2022-117", "Opération 1 : Préparatoires adaptées")}


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def test_at_least_nine_samples_across_four_years() -> None:
    assert len(SAMPLE_FILES) >= 9
    years = {load(p).deliberations[0].session_date.year for p in SAMPLE_FILES}  # type: ignore[union-attr]
    assert years == {2021, 2022, 2023, 2024}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=_ids(SAMPLE_FILES))
def test_sample_is_valid_publication_with_its_pdf(path: Path) -> None:
    pub = load(path)
    specs = spec_of(path)
    assert len(specs) == len(pub.deliberations) == 1
    pdf = path.with_suffix(".pdf")
    assert pub.file.path == pdf.name
    assert pub.file.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert pub.file.pages == len(pdfium.PdfDocument(pdf))
    d = pub.deliberations[0]
    assert d.grants and d.grant_totals and d.articles and d.citations and d.vote and d.report
    assert all(g.page is not None and g.bbox is not None for g in d.grants)
    assert all(t.page is not None for t in d.grant_totals)


def _op_sum(d: Deliberation, theme: str | None, op: str | None) -> Decimal:
    return sum((g.amount for g in d.grants if g.theme == theme and g.operation == op), Decimal(0))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=_ids(SAMPLE_FILES))
def test_operation_lines_sum_to_printed_total(path: Path) -> None:
    d = load(path).deliberations[0]
    mismatched = {
        (path.stem, t.operation)
        for t in d.grant_totals
        if t.level == TotalLevel.OPERATION and _op_sum(d, t.theme, t.operation) != t.amount
    }
    assert mismatched == {k for k in KNOWN_TYPOS if k[0] == path.stem}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=_ids(SAMPLE_FILES))
def test_theme_total_equals_lines_article_and_budget_line(path: Path) -> None:
    d = load(path).deliberations[0]
    themes = [t for t in d.grant_totals if t.level == TotalLevel.THEME]
    assert 2 <= len(themes) <= 4
    article_amounts = [a for art in d.articles for a in art.amounts]
    expenses = [b.expense for b in d.budget_lines]
    for t in themes:
        lines = sum((g.amount for g in d.grants if g.theme == t.theme), Decimal(0))
        assert lines == t.amount
        assert t.amount in article_amounts
        assert t.amount in expenses


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=_ids(SAMPLE_FILES))
def test_rapport_available_minus_proposed_is_balance(path: Path) -> None:
    report = load(path).deliberations[0].report
    assert report is not None and report.budget_lines
    for b in report.budget_lines:
        assert b.available is not None and b.proposed is not None
        assert b.available - b.proposed == b.balance


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=_ids(SAMPLE_FILES))
def test_vote_counts_reconcile_with_attendance(path: Path) -> None:
    d = load(path).deliberations[0]
    v, a = d.vote, d.attendance
    assert v is not None and v.adopted
    if v.unanimous and v.for_ is None:  # "Adopté à l'unanimité": no counts printed
        assert "unanimité" in (v.text or "")
    elif v.absent_without_proxy is not None:  # the seed's wording: every member is counted
        members = len(a.present) + len(a.excused) + len(a.absent)
        assert (v.for_ or 0) + (v.against or 0) + (v.abstention or 0) + v.absent_without_proxy == members
    elif v.not_voting is not None:  # "Ne prend pas part au vote": the recused
        assert v.not_voting == len(d.recused)
        assert (v.for_ or 0) + (v.against or 0) + (v.abstention or 0) + v.not_voting == len(a.present) + len(
            a.proxies
        )
    else:  # municipal wordings: present and represented members vote, the recused abstain
        assert (v.for_ or 0) + (v.against or 0) + (v.abstention or 0) == len(a.present) + len(a.proxies)
        assert (v.abstention or 0) >= len(d.recused)


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", name) if unicodedata.category(c) != "Mn")


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=_ids(SAMPLE_FILES))
def test_recused_members_are_present_up_to_accents(path: Path) -> None:
    d = load(path).deliberations[0]
    present = {_fold(n) for n in d.attendance.present}
    assert all(_fold(n) in present for n in d.recused)


def test_recurring_beneficiary_spelling_drifts_across_years() -> None:
    spellings: dict[int, set[str]] = {}
    for p in SAMPLE_FILES:
        d = load(p).deliberations[0]
        if d.collectivity != "Département du Pas-de-Calais" or d.session_date is None:
            continue
        spellings.setdefault(d.session_date.year, set()).update(g.beneficiary for g in d.grants)
    recup = {y: {s for s in names if "recup" in s.lower()} for y, names in spellings.items()}
    assert recup[2023] == {"Recup'aire", "RECUPAIRE"}
    assert {"RECUPAIRE"} <= recup[2022]
    assert {"Recup aire"} <= recup[2024]


def test_samples_folder_stays_small() -> None:
    assert sum(p.stat().st_size for p in SAMPLES.iterdir()) < 10_000_000
