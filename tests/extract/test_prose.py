"""Proposals in prose, on the rendered samples (ground truth beside them)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from delib.extract.document import Document
from delib.extract.parts import split_publication
from delib.extract.prose import extract_proposals, find_proposal_sentences, known_themes
from delib.models import Proposal

SAMPLES = Path(__file__).parents[2] / "corpus" / "samples"
SAMPLE = SAMPLES / "pas-de-calais_cp_2023-06-12_2023-259.pdf"


@pytest.fixture(scope="module")
def proposals() -> list[Proposal]:
    if not SAMPLE.exists():
        pytest.skip("sample not available")
    with Document.open(SAMPLE) as doc:
        return extract_proposals(doc, split_publication(doc.texts()))


@pytest.fixture(scope="module")
def truth() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(SAMPLE.with_suffix(".json").read_text())["deliberations"][0][
        "proposals"
    ]
    return data


def test_amounts_and_pages_match_ground_truth(proposals: list[Proposal], truth: list[dict[str, Any]]) -> None:
    got = [(p.page, p.amount) for p in proposals]
    assert got == [(g["page"], Decimal(g["amount"])) for g in truth]


def test_recipients_named_in_the_sentence(proposals: list[Proposal], truth: list[dict[str, Any]]) -> None:
    assert [p.beneficiary for p in proposals] == [g["beneficiary"] for g in truth]
    by_amount = {p.amount: p.beneficiary for p in proposals}
    assert by_amount[Decimal("54000.00")] == "IRAE Hauts-de-France"
    assert (
        by_amount[Decimal("15000.00")] == "COORACE Hauts-de-France"
        or by_amount[Decimal("15000.00")] == "GEIQ"
    )
    assert by_amount[Decimal("7591.80")] == "PBI"
    assert by_amount[Decimal("1233180.00")] is None  # "financer 26 structures": no organisation named


def test_sentences_themes_and_provenance(proposals: list[Proposal], truth: list[dict[str, Any]]) -> None:
    same_text = sum(
        " ".join(p.text.split()) == " ".join(g["text"].split()) for p, g in zip(proposals, truth, strict=True)
    )
    assert same_text >= 20  # one proposal spans two sentences in the source paragraph
    assert all(p.theme == g["theme"] for p, g in zip(proposals, truth, strict=True))
    assert all(p.bbox is not None and p.rule == "prose.proposal.spacy.v1" for p in proposals)
    # rapport (page 17): the two theme totals, "5 234 159.10 €" with a dot decimal
    assert [p.amount for p in proposals if p.page == 17] == [Decimal("115069.00"), Decimal("5234159.10")]


def test_not_every_amount_is_a_proposal() -> None:
    text = (
        "La prise en charge départementale est fixée à 195 € par mois et par participant maximum.\n"
        "3. Proposition 2023 :\n"
        "Pour l’année 2023, il est proposé de financer 26 structures, correspondant à 527 postes et un montant de\n"
        "1 233 180 €.\n"
        "SIVOM Bruaysis 620 99 200,00 € 620 24 800,00 €\n"
        "De valider le financement ... ainsi que la répartition financière proposée en annexe 3 ;\n"
    )
    found = find_proposal_sentences(text)
    assert len(found) == 1
    a, b, _, _ = found[0]
    assert text[a:b].startswith("Pour l’année 2023") and text[a:b].rstrip().endswith("1 233 180 €.")


def test_unnumbered_theme_headings_named_by_the_deliberation() -> None:
    themes = known_themes(
        ["De valider ... de la thématique 1 « Accès au logement et accompagnement budgétaire », telles"]
    )
    text = "Accès au logement et accompagnement budgétaire\nIl est proposé de financer 7 structures pour un montant de 134 000,00 €.\n"
    (found,) = find_proposal_sentences(text, themes)
    assert found[2] == "Accès au logement et accompagnement budgétaire"


def test_all_samples_amounts_match() -> None:
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    if len(pdfs) < 2:
        pytest.skip("fewer than two samples")
    for pdf in pdfs:
        with Document.open(pdf) as doc:
            got = sorted(
                (p.page, p.amount)
                for p in extract_proposals(doc, split_publication(doc.texts()), geometry=False)
            )
        want = json.loads(pdf.with_suffix(".json").read_text())["deliberations"][0]["proposals"]
        assert got == sorted((g["page"], Decimal(g["amount"])) for g in want), pdf.name


def test_lowercase_operation_heading_is_not_part_of_the_theme() -> None:
    text = (
        "3. Mobilité inclusive et levée des freins périphériques\n"
        "opération 1 : Actions spécifiques Handicap\n"
        "Il est proposé de financer 3 structures pour un montant de 298 069,60€.\n"
    )
    ((_, _, theme, operation),) = find_proposal_sentences(text)
    assert theme == "3. Mobilité inclusive et levée des freins périphériques"
    assert operation == "opération 1 : Actions spécifiques Handicap"
