"""Dates and periods as printed in real publications, grouped by phenomenon."""

from __future__ import annotations

import datetime as dt

import pytest

from delib.extract.dates import find_dates, parse_date, parse_period

D = dt.date

DATES = {
    "numeric": [("01/07/2021", D(2021, 7, 1)), ("en date du 30/05/2023", D(2023, 5, 30))],
    "two-digit year": [("01/01/23", D(2023, 1, 1)), ("04/04/24", D(2024, 4, 4))],
    "space inside": [("01/02/ 2023", D(2023, 2, 1))],
    "month name": [("12 juin 2023", D(2023, 6, 12)), ("REUNION DU 12 JUIN 2023", D(2023, 6, 12))],
    "ordinal first": [("1er janvier 2023", D(2023, 1, 1)), ("lundi 1er Février 2016", D(2016, 2, 1))],
    "weekday": [("Séance du lundi 1 février 2016", D(2016, 2, 1)), ("jeudi 24 avril 2014", D(2014, 4, 24))],
    "accents dropped": [("12 fevrier 2022", D(2022, 2, 12)), ("15 aout 2020", D(2020, 8, 15))],
    "sept. abbreviation (dateparser issue 1285)": [
        ("18 sept. 2018", D(2018, 9, 18)),
        ("1 sept 2024", D(2024, 9, 1)),
    ],
}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [pytest.param(raw, exp, id=f"{k}:{raw}") for k, rows in DATES.items() for raw, exp in rows],
)
def test_parse_date_strict(raw: str, expected: dt.date) -> None:
    parsed = parse_date(raw)
    assert parsed is not None
    assert parsed.value == expected
    assert parsed.rule.startswith("strict.")


def test_dateparser_fallback_is_labelled() -> None:
    parsed = parse_date("2023-06-12")
    assert parsed is not None and parsed.value == D(2023, 6, 12)
    assert parsed.rule == "dateparser.v1"


def test_dateparser_sept_is_september_not_seven() -> None:
    # forces the fallback path (abbreviated month without day regex match)
    parsed = parse_date("sept. 2023")
    assert parsed is not None and parsed.value.month == 9


@pytest.mark.parametrize("raw", ["", "Convention", "article 18", "31/13/2023"])
def test_not_dates(raw: str) -> None:
    assert parse_date(raw, fuzzy=False) is None


PERIODS = {
    "full": [("du 01/01/2023 au 31/12/2023", (D(2023, 1, 1), D(2023, 12, 31)))],
    "start without year": [
        ("Opération du 01/01 au 31/12/2023", (D(2023, 1, 1), D(2023, 12, 31))),
        ("Opération du 17/04 au 15/12/2023", (D(2023, 4, 17), D(2023, 12, 15))),
        ("du 1er janvier au 31 décembre 2023", (D(2023, 1, 1), D(2023, 12, 31))),
    ],
    "glued": [("du 01/01/2023au 31/12/2023", (D(2023, 1, 1), D(2023, 12, 31)))],
    "space in date": [("Opération du 01/02/ 2023 au 31/01/2024", (D(2023, 2, 1), D(2024, 1, 31)))],
    "two-digit years": [
        ("Opération du 05/04/23 au 04/04/24", (D(2023, 4, 5), D(2024, 4, 4))),
        ("opération du 01/03/23 au 29/02/24", (D(2023, 3, 1), D(2024, 2, 29))),
    ],
    "typo di": [("8 postes en insertion di 01/01/2023 au 31/12/2023", (D(2023, 1, 1), D(2023, 12, 31)))],
    "dash": [("Soutien au Taxi Solidaire - 01/01/2023 au\n31/12/2023", (D(2023, 1, 1), D(2023, 12, 31)))],
    "month names": [("du 1er avril 2023 au 31 décembre 2023", (D(2023, 4, 1), D(2023, 12, 31)))],
    "start is only a day": [
        ("la Convention Nationale des Avocats du 28 au 31 octobre 2014", (D(2014, 10, 28), D(2014, 10, 31)))
    ],
}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [pytest.param(raw, exp, id=f"{k}:{raw[:30]}") for k, rows in PERIODS.items() for raw, exp in rows],
)
def test_parse_period(raw: str, expected: tuple[dt.date, dt.date]) -> None:
    assert parse_period(raw) == expected


def test_no_period() -> None:
    assert parse_period("Diagnostic Employabilité des Travailleurs Handicapés_ 300 places") is None


def test_find_dates_in_citation() -> None:
    text = "Vu la délibération n°2021-257 du Conseil départemental en date du 01/07/2021 « Délégation »"
    assert [d.value for d in find_dates(text)] == [D(2021, 7, 1)]
