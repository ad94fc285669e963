"""Amounts as printed in real publications (seed text, ../shared/real PDFs), grouped by phenomenon."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from delib.extract.amounts import find_amounts, parse_amount, parse_number
from delib.extract.document import Document

REAL = Path(__file__).parents[2].parent / "shared" / "real"

CELLS = {
    "comma decimal, space thousands": [("5 234 159,10 €", "5234159.10"), ("6 801 643,00", "6801643.00")],
    "dot decimal in prose": [("5 234 159.10 €", "5234159.10"), ("1 053 989.43 €", "1053989.43")],
    "no decimals": [("115 069 €", "115069.00"), ("4000 €", "4000.00"), ("40 000 €", "40000.00")],
    "glued euro sign": [("7 591,80€", "7591.80"), ("391 242,05€", "391242.05")],
    "zero": [("0,00 €", "0.00"), ("- €", "0.00"), ("-", "0.00")],
    "trailing minus (spreadsheet)": [("54 000,00 €-", "-54000.00"), ("33 750,00 €-", "-33750.00")],
    "leading minus": [("-450", "-450.00"), ("-8'355,59€", "-8355.59")],
    "accounting parentheses": [("(418 500 €)", "-418500.00"), ("(54.000,00 EUR)", "-54000.00")],
    "unicode spaces as thousands separators": [
        ("2\u00a0303\u00a0965,28", "2303965.28"),
        ("2\u202f303\u202f965,28 €", "2303965.28"),
        ("2\u2009303\u2009965,28", "2303965.28"),
        ("2\u202f303\u00a0965,28", "2303965.28"),
    ],
    "apostrophe thousands": [("8'355,59€", "8355.59"), ("1’697€", "1697.00"), ("22'973,41€", "22973.41")],
    "dot thousands": [("1.697€", "1697.00")],
    "multipliers": [("4 M€", "4000000.00"), ("7,2 M€", "7200000.00")],
    "tax suffix": [("4 000 €HT", "4000.00"), ("4023.64 € TTC", "4023.64")],
}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [pytest.param(raw, exp, id=f"{k}:{raw}") for k, rows in CELLS.items() for raw, exp in rows],
)
def test_parse_amount(raw: str, expected: str) -> None:
    value = parse_amount(raw)
    assert value == Decimal(expected)
    assert isinstance(value, Decimal)


@pytest.mark.parametrize("raw", ["", "abc", "Convention", "01/01/2023", "1 234.567,89", "L.3121-14"])
def test_parse_amount_rejects_non_amounts(raw: str) -> None:
    assert parse_amount(raw) is None


def test_parse_number_bare() -> None:
    assert parse_number("2 642 000") == Decimal("2642000")
    assert parse_number("9,16") == Decimal("9.16")
    assert parse_number("Habitation") is None


NOT_MONEY = [
    "avec 2,5 ETP pour les PLIE",
    "correspondant à 527 postes",
    "un taux de sorties positives moyen de 30 %.",
    "ses articles L.3121-14, L.3121-14-1, L.3211-1",
    "en date du 01/07/2021",
    "ses articles 18, 20 et 29 ;",
    "Mouvement du 28.156 AU 28.13",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_numbers_that_are_not_money(text: str) -> None:
    assert find_amounts(text) == []
    assert find_amounts(text, require_currency=False) == [] or "28.156" in text


def test_find_amounts_in_prose_keeps_span_and_raw() -> None:
    text = (
        "il est proposé de financer 26 structures, correspondant à 527 postes et un montant de 1 233 180 €.\n"
        "De valider ... pour un montant total de 115 069\n€, aux structures"
    )
    found = find_amounts(text)
    assert [a.value for a in found] == [Decimal("1233180.00"), Decimal("115069.00")]
    a = found[1]
    assert text[a.span[0] : a.span[1]].strip() == a.raw
    assert a.raw.startswith("115 069")


def test_prose_with_two_amounts_and_glued_sign() -> None:
    text = "financer le projet du PBI pour un montant de \n7 591,80€ pour 30 participants et le projet du GEIQ à hauteur de 15 000€ pour 500 participants."
    assert [a.value for a in find_amounts(text)] == [Decimal("7591.80"), Decimal("15000.00")]


def test_year_before_amount_is_not_glued_to_it() -> None:
    assert [a.value for a in find_amounts("budget 2023 40 000 € alloués")] == [Decimal("40000.00")]


def test_couthenans_apostrophe_and_negative_on_the_real_pdf() -> None:
    pdf = REAL / "couthenans_cm_2021-06-04_cr-subventions-dm.pdf"
    if not pdf.exists():
        pytest.skip(f"real PDFs not available at {REAL}")
    with Document.open(pdf) as doc:
        values = [a.value for a in find_amounts(doc.text(1))]
    assert Decimal("-8355.59") in values
    assert Decimal("-22973.41") in values
    assert Decimal("20000.00") in values
