"""The extractor against the corpus ground truth, by field family (what `delib eval` reports)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from delib.extract.evaluate import compare
from delib.models import Publication

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "corpus" / "samples"

# the bar: 100 % on amounts, votes and budget lines, >= 99 % on names
EXACT = ("amounts", "grants", "totals", "votes", "budget_lines")


def _scores(extracted: dict[str, Publication]) -> dict[str, tuple[int, int, int]]:
    acc: dict[str, list[int]] = {}
    for pdf in sorted(SAMPLES.glob("*.pdf")):
        truth = Publication.model_validate(json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8")))
        for fam, s in compare(truth, extracted[pdf.name], pdf.name).items():
            a = acc.setdefault(fam, [0, 0, 0])
            a[0] += s.expected
            a[1] += s.found
            a[2] += s.matched
    return {k: (v[0], v[1], v[2]) for k, v in acc.items()}


@pytest.mark.parametrize("family", EXACT)
def test_exact_families_are_exact(extracted_samples: dict[str, Publication], family: str) -> None:
    expected, found, matched = _scores(extracted_samples)[family]
    assert expected > 0
    assert expected == found == matched


def test_names_at_least_99_percent(extracted_samples: dict[str, Publication]) -> None:
    expected, found, matched = _scores(extracted_samples)["names"]
    assert matched / expected >= 0.99 and matched / found >= 0.99


def test_eval_cli_exits_1_below_threshold_and_0_above(tmp_path: Path) -> None:
    # one sample keeps the CLI test short; the thresholds above cover the whole corpus
    pdf = SAMPLES / "pas-de-calais_cp_2023-06-12_2023-259.pdf"
    for suffix in (".pdf", ".json"):
        (tmp_path / pdf.with_suffix(suffix).name).write_bytes(pdf.with_suffix(suffix).read_bytes())
    ok = subprocess.run(
        [sys.executable, "-m", "delib", "eval", str(tmp_path), "--min", "grants=1.0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "grants" in ok.stdout
    # corrupt the ground truth: one amount off by a cent must drop grants below 1.0
    data = json.loads((tmp_path / pdf.with_suffix(".json").name).read_text(encoding="utf-8"))
    data["deliberations"][0]["grants"][0]["amount"] = "1.01"
    (tmp_path / pdf.with_suffix(".json").name).write_text(json.dumps(data), encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, "-m", "delib", "eval", str(tmp_path), "--min", "grants=1.0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert "below threshold: grants" in bad.stderr


def test_a_json_beside_a_pdf_that_is_not_ground_truth_is_one_line_naming_it(tmp_path: Path) -> None:
    # a phenomena case's JSON (its own format) beside its PDF used to end `delib eval` with
    # "unexpected ValidationError: 14 validation errors for Publication", naming no file
    case = ROOT / "corpus" / "samples_phenomena"
    for suffix in (".pdf", ".json"):
        (tmp_path / f"case{suffix}").write_bytes((case / f"block_rows-a.lo{suffix}").read_bytes())
    run = subprocess.run(
        [sys.executable, "-m", "delib", "eval", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in run.stderr, run.stderr
    assert "case.json" in lines[0] and "not a ground truth" in lines[0] and "*.gold.json" in lines[0]
