"""The extractor against the hand-written ground truth of real publications (``*.gold.json``
here, naming their PDFs in ../shared/real) and against the session minutes the fixture generator
printed through two engines (corpus/samples_minutes: LibreOffice ``.lo`` and Chromium ``.chr``).

The thresholds are the figures measured when they were set; they only go up.  The same report
is printed by ``delib eval tests/real`` and ``delib eval corpus/samples_minutes``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from delib.extract.evaluate_gold import FAMILIES, GoldReport, evaluate_gold

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED_REAL = ROOT.parent / "shared" / "real"
MINUTES = ROOT / "corpus" / "samples_minutes"
#: listes des délibérations (CGCT L2121-25), printed by the same two engines (delib.corpus.liste_gen)
LISTES = ROOT / "corpus" / "samples_listes"

#: the families read exactly, on real documents and on the generated minutes alike: all but the
#: header (a collectivity printed only in a logo) and the other items
EXACT = tuple(f for f in FAMILIES if f not in ("header", "other_items"))
#: family -> minimum of precision and of recall (real documents of ../shared/real)
REAL_MIN = {**dict.fromkeys(EXACT, 1.0), "header": 0.96, "other_items": 0.73}
#: a wrong count is worse than none: every count printed by the extractor is right
REAL_PRECISION_ONE = ("vote_counts", "dates", "numbers", "grants")

MINUTES_MIN = {**dict.fromkeys(EXACT, 1.0), "header": 0.85, "other_items": 0.70}
#: the families a liste prints (no totals, no imputations); measured 2026-12-07: header 0.9667
#: (an instance read from a preamble that names none in the header), other items 0.7609
LISTES_MIN = {
    **{f: 1.0 for f in EXACT if f not in ("totals", "imputations", "imputation_amounts")},
    "header": 0.96,
    "other_items": 0.76,
}


@pytest.fixture(scope="module")
def real() -> GoldReport:
    if not SHARED_REAL.is_dir():
        pytest.skip("../shared/real is not beside the checkout: real publications not scored")
    return evaluate_gold(HERE)


def test_every_text_pdf_of_shared_real_has_its_ground_truth(real: GoldReport) -> None:
    pdfs = {p.name for p in SHARED_REAL.glob("*.pdf") if "SCANNED" not in p.name}
    assert {Path(f).name for f in real.files} == pdfs
    assert real.errors == {}


@pytest.mark.parametrize("family", list(REAL_MIN))
def test_real_documents_family(real: GoldReport, family: str) -> None:
    s = real.scores[family]
    assert s.expected > 0
    assert min(s.precision, s.recall) >= REAL_MIN[family], s.misses[:10]


@pytest.mark.parametrize("family", REAL_PRECISION_ONE)
def test_real_documents_no_wrong_value_printed(real: GoldReport, family: str) -> None:
    s = real.scores[family]
    assert s.precision == 1.0, [m for m in s.misses if "unexpected" in m or "!=" in m][:10]


def test_real_documents_wrong_items_are_flagged(real: GoldReport) -> None:
    # the items read wrong that carry no failed check and no problem (goal: 0)
    assert real.silent_wrong == 0, real.silent


def _engine(tmp: Path, engine: str, folder: Path = MINUTES) -> GoldReport:
    for gold in folder.glob(f"*.{engine}.gold.json"):
        shutil.copy(gold, tmp / gold.name)
        shutil.copy(
            gold.with_name(gold.name.replace(".gold.json", ".pdf")),
            tmp / gold.name.replace(".gold.json", ".pdf"),
        )
    return evaluate_gold(tmp)


@pytest.mark.parametrize("engine", ["lo", "chr"])
def test_minutes_printed_by_two_engines(tmp_path: Path, engine: str) -> None:
    rep = _engine(tmp_path, engine)
    assert len(rep.files) >= 6 and rep.errors == {}
    low = {
        f: (round(rep.scores[f].precision, 3), round(rep.scores[f].recall, 3))
        for f, m in MINUTES_MIN.items()
        if min(rep.scores[f].precision, rep.scores[f].recall) < m
    }
    assert low == {}, [m for f in low for m in rep.scores[f].misses[:5]]
    assert rep.scores["vote_counts"].precision == 1.0
    assert rep.silent_wrong == 0, rep.silent


@pytest.mark.parametrize("engine", ["lo", "chr"])
def test_listes_printed_by_two_engines(tmp_path: Path, engine: str) -> None:
    rep = _engine(tmp_path, engine, LISTES)
    assert len(rep.files) >= 16 and rep.errors == {}
    low = {
        f: (round(rep.scores[f].precision, 3), round(rep.scores[f].recall, 3))
        for f, m in LISTES_MIN.items()
        if min(rep.scores[f].precision, rep.scores[f].recall) < m
    }
    assert low == {}, [m for f in low for m in rep.scores[f].misses[:5]]
    assert rep.scores["items"].expected > 200 and rep.scores["grants"].expected > 20
    assert rep.silent_wrong == 0, rep.silent


def test_a_grant_line_lost_without_a_flag_counts_as_silent() -> None:
    """The silent count sees money too: drop a grant the reader found, and clear what flags its
    page; the evaluator reports it as missed and silent."""
    from delib.extract import extract_publication
    from delib.extract.evaluate_gold import load_gold, score_file

    gold = load_gold(HERE / "pierrefonds_cm_2016-04-04_cr-budget-subventions.gold.json")
    if not gold.pdf.exists():
        pytest.skip(f"{gold.pdf} is not here (../shared/real)")
    pub = extract_publication(gold.pdf)
    full = GoldReport()
    score_file(gold, pub, full)
    assert full.silent_wrong == 0
    i = next(k for k, d in enumerate(pub.deliberations) if d.grants and d.page == 10)
    d = pub.deliberations[i]
    lost = d.model_copy(update={"grants": d.grants[1:], "problems": [], "checks": []})
    damaged = pub.model_copy(
        update={"deliberations": [*pub.deliberations[:i], lost, *pub.deliberations[i + 1 :]]}
    )
    rep = GoldReport()
    score_file(gold, damaged, rep)
    assert rep.silent_wrong == 1 and "missed, nothing flagged" in rep.silent[0]


def test_an_item_giving_grants_with_none_read_is_a_problem() -> None:
    """CC des Lisières de l'Oise, "Versement subvention – Budget Annexe Zones d'Activités": the
    principal budget pays 100 000 € to an annexe budget, which is not a grant to a third party; the
    reader reads no grant line there, and says so for the auditor to look."""
    from delib.extract import extract_publication

    pdf = SHARED_REAL / "cc-lisieres-oise_cc_2025-12-18_compte-rendu.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf} is not here (../shared/real)")
    ds = extract_publication(pdf).deliberations
    flagged = [(d.page, d.title) for d in ds for p in d.problems if p.kind == "grants_not_read"]
    assert [page for page, _ in flagged] == [2]
    assert all(d.grants == [] for d in ds if d.page == 2 and "Versement subvention" in (d.title or ""))
