"""Fixtures shared by every test folder: the corpus samples, extracted once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from delib.models import Publication

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "samples"
SEED_PDF = SAMPLES / "pas-de-calais_cp_2023-06-12_2023-259.pdf"


@pytest.fixture(scope="session")
def extracted_samples() -> dict[str, Publication]:
    """Every corpus sample PDF through the real extractor, by file name (extracted once)."""
    from delib.extract import extract_publication

    return {pdf.name: extract_publication(pdf) for pdf in sorted(SAMPLES.glob("*.pdf"))}
