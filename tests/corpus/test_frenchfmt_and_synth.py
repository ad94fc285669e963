"""Amount and date wordings, the seed's transcription, and the synthesiser's determinism."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from delib.corpus import seed as seed_mod
from delib.corpus.frenchfmt import format_amount, format_period
from delib.corpus.spec import AmountStyle
from delib.corpus.synth import Plan, write
from delib.models import Publication

AMOUNTS = [
    # (value, style, printed) grouped by phenomenon
    ("5234159.10", AmountStyle(), "5 234 159,10 €"),
    ("115069", AmountStyle(cents="if_needed"), "115 069 €"),
    ("7591.80", AmountStyle(euro="€"), "7 591,80€"),
    ("5234159.10", AmountStyle(decimal="."), "5 234 159.10 €"),
    ("0", AmountStyle(), "0,00 €"),
    ("0", AmountStyle(zero_dash=True), "- €"),
    ("1233180", AmountStyle(thousands="\u00a0"), "1\u00a0233\u00a0180,00 €"),
    ("1233180", AmountStyle(thousands="\u202f"), "1\u202f233\u202f180,00 €"),
    ("-54000", AmountStyle(), "54 000,00 €-"),
    ("-54000", AmountStyle(negative="prefix"), "-54 000,00 €"),
    ("-54000", AmountStyle(negative="paren"), "(54 000,00 €)"),
    ("999", AmountStyle(), "999,00 €"),
]


@pytest.mark.parametrize(("value", "style", "printed"), AMOUNTS)
def test_format_amount(value: str, style: AmountStyle, printed: str) -> None:
    assert format_amount(Decimal(value), style) == printed


PERIODS = [
    ("du_dmy", "du 01/01/2023 au 31/12/2023"),
    ("du_dmy2", "du 01/01/23 au 31/12/23"),
    ("du_short_start", "du 01/01 au 31/12/2023"),
    ("long_er", "du 1er janvier 2023 au 31 décembre 2023"),
    ("glued", "du 01/01/2023au 31/12/2023"),
    ("gap", "du 01/01/ 2023 au 31/12/ 2023"),
]


@pytest.mark.parametrize(("wording", "printed"), PERIODS)
def test_format_period(wording: str, printed: str) -> None:
    assert format_period(dt.date(2023, 1, 1), dt.date(2023, 12, 31), wording) == printed  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("8 postes en insertion du 01/01/2023 au 31/12/2023", "2023-01-01", "2023-12-31"),
        ("2 postes en insertion di 01/01/2023 au 31/12/2023", "2023-01-01", "2023-12-31"),
        ("10 postes en insertion du 01/01/2023au 31/12/2023", "2023-01-01", "2023-12-31"),
        ("Opération du 01/01 au 31/12/2023", "2023-01-01", "2023-12-31"),
        ("Opération du 01/02/ 2023 au 31/01/2024", "2023-02-01", "2024-01-31"),
        ("Opération du 05/04/23 au 04/04/24", "2023-04-05", "2024-04-04"),
        ("4 postes en insertion du 01/01/2022 au 31/12/2023", "2022-01-01", "2023-12-31"),
        ("Diagnostic Employabilité des Travailleurs Handicapés_ 300 places", None, None),
    ],
)
def test_seed_period_transcription(text: str, start: str | None, end: str | None) -> None:
    s, e = seed_mod.period_of(text)
    assert (s.isoformat() if s else None, e.isoformat() if e else None) == (start, end)


def test_seed_transcription_sums_to_printed_totals() -> None:
    assert seed_mod.check_sums() == []


def test_seed_publication_matches_the_real_document() -> None:
    pub = Publication.model_validate(seed_mod.publication())
    d = pub.deliberations[0]
    a = d.attendance
    assert (len(a.present), len(a.excused), len(a.absent)) == (37, 4, 2)
    assert (len(a.non_voting_present), len(a.non_voting_excused)) == (4, 1)
    assert len(d.recused) == 13 and "Mireille HINGREZ-CEREDA" in d.recused
    assert "Mireille HINGREZ-CÉRÉDA" in a.present
    assert d.vote is not None and (
        d.vote.for_,
        d.vote.against,
        d.vote.abstention,
        d.vote.absent_without_proxy,
    ) == (
        28,
        0,
        13,
        2,
    )
    assert len(d.articles) == 5 and len(d.budget_lines) == 2
    assert len(d.grants) == 136
    assert sum(1 for g in d.grants if g.amount == 0) == 1
    names = {g.beneficiary for g in d.grants}
    assert {"Acttiv'cites", "ACTIV'CITES", "RECUPAIRE", "Recup'aire", "El FOUAD", "Elfouad"} <= names
    assert any("insertio " in (g.description or "") for g in d.grants)
    assert d.citations[4].refers_to is not None and d.citations[4].refers_to.number == "2021-257"
    assert d.report is not None and d.report.budget_lines[0].balance == Decimal("2188896.28")


def test_synthesiser_is_deterministic(tmp_path: Path) -> None:
    plan = Plan("somme", dt.date(2022, 3, 14), "2022-031", themes=3, grant_rows=40, narrative_paras=4)
    a = write(plan, 11, tmp_path / "a")
    b = write(plan, 11, tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
    assert a.with_suffix(".pdf").read_bytes() == b.with_suffix(".pdf").read_bytes()
    c = write(plan, 12, tmp_path / "c")
    assert c.read_bytes() != a.read_bytes()


def test_synthesised_publication_is_valid_and_reconciles(tmp_path: Path) -> None:
    plan = Plan(
        "nord", dt.date(2024, 9, 30), "2024-200", themes=4, grant_rows=120, vote_style="counts", proxies=True
    )
    pub = Publication.model_validate_json(write(plan, 5, tmp_path).read_text(encoding="utf-8"))
    d = pub.deliberations[0]
    assert len({g.theme for g in d.grants}) == 4
    assert pub.file.pages > 8
    for t in d.grant_totals:
        lines = sum(
            (
                g.amount
                for g in d.grants
                if g.theme == t.theme and (t.operation is None or g.operation == t.operation)
            ),
            Decimal(0),
        )
        assert lines == t.amount


SEED_TEXT = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_9ecb4cd3f23fd422.txt"


@pytest.mark.skipif(not SEED_TEXT.exists(), reason="shared/seeds/ not beside the repository")
def test_seed_ground_truth_strings_are_in_the_real_text_layer() -> None:
    """Transcription check: every printed string of the seed's ground truth occurs in the real PDF's text."""
    real = re.sub(r"\s+", "", SEED_TEXT.read_text(encoding="utf-8"))
    d = Publication.model_validate(seed_mod.publication()).deliberations[0]
    strings = [c.text for c in d.citations] + [a.text for a in d.articles] + d.recused
    strings += (d.vote.text or "").split("\n") if d.vote else []
    a = d.attendance
    strings += a.present + a.excused + a.absent + a.non_voting_present + a.non_voting_excused
    strings += [p.text for p in d.proposals]
    for g in d.grants:
        strings += [g.beneficiary, g.description or "", g.territory or ""]
    missing = [s for s in strings if re.sub(r"\s+", "", s) not in real]
    assert missing == []


def test_module_entry_points_synthesise_then_rerender_identically(tmp_path: Path) -> None:
    """`python -m delib.corpus.synth --out ...` then `python -m delib.corpus.render DIR` (same bytes)."""
    import subprocess
    import sys

    run = [sys.executable, "-m", "delib.corpus.synth", "--out", str(tmp_path), "--count", "2", "--seed", "4"]
    subprocess.run([*run, "--pages-target", "40"], check=True, capture_output=True)
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert len(pdfs) == 2
    before = {p.name: p.read_bytes() for p in pdfs}
    for p in pdfs:
        pub = Publication.model_validate_json(p.with_suffix(".json").read_text(encoding="utf-8"))
        assert pub.file.pages >= 12 and pub.deliberations[0].grants
    subprocess.run(
        [sys.executable, "-m", "delib.corpus.render", str(tmp_path)], check=True, capture_output=True
    )
    assert {p.name: p.read_bytes() for p in sorted(tmp_path.glob("*.pdf"))} == before
    usage = subprocess.run([sys.executable, "-m", "delib.corpus.render"], capture_output=True, text=True)
    assert usage.returncode == 2 and "usage" in usage.stderr
