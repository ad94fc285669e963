"""French ways of writing amounts and dates, as printed in real deliberations.

Pure functions: ``format_amount(Decimal("-54000"), AmountStyle())`` gives
``"54 000,00 €-"``; ``format_date(date(2023, 1, 1), "long_er")`` gives
``"1er janvier 2023"``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from delib.corpus.spec import AmountStyle

MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

DateWording = Literal["long", "long_er", "dmy", "dmy2", "dmy_gap"]


def group_thousands(digits: str, sep: str) -> str:
    """``"5234159"`` -> ``"5 234 159"`` with *sep* between groups of three."""
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def format_amount(value: Decimal, style: AmountStyle) -> str:
    """Write *value* the way *style* says (sign placement, separators, euro sign)."""
    negative = value < 0
    q = abs(value).quantize(Decimal("0.01"))
    units, cents = format(q, "f").split(".")
    if style.zero_dash and q == 0:
        body = "-"
    else:
        body = group_thousands(units, style.thousands)
        if style.cents == "always" or cents != "00":
            body = f"{body}{style.decimal}{cents}"
    text = f"{body}{style.euro}"
    if not negative:
        return text
    if style.negative == "suffix":
        return f"{text}-"
    if style.negative == "paren":
        return f"({text})"
    return f"-{text}"


def format_date(day: dt.date, wording: DateWording) -> str:
    """One date in one of the wordings seen in deliberations."""
    if wording == "long":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if wording == "long_er":
        d = "1er" if day.day == 1 else str(day.day)
        return f"{d} {MONTHS[day.month - 1]} {day.year}"
    if wording == "dmy2":
        return day.strftime("%d/%m/%y")
    if wording == "dmy_gap":
        return f"{day:%d/%m}/ {day.year}"
    return day.strftime("%d/%m/%Y")


PeriodWording = Literal[
    "du_dmy", "du_dmy2", "du_short_start", "long_er", "long_short_start", "dash_dmy", "glued", "gap"
]


def format_period(start: dt.date, end: dt.date, wording: PeriodWording) -> str:
    """A period: ``du 01/01/2023 au 31/12/2023``, ``du 01/01 au 31/12/2023`` ..."""
    if wording == "du_dmy2":
        return f"du {start:%d/%m/%y} au {end:%d/%m/%y}"
    if wording == "du_short_start" and start.year == end.year:
        return f"du {start:%d/%m} au {end:%d/%m/%Y}"
    if wording == "long_er":
        return f"du {format_date(start, 'long_er')} au {format_date(end, 'long')}"
    if wording == "long_short_start" and start.year == end.year:
        return f"du {format_date(start, 'long_er').rsplit(' ', 1)[0]} au {format_date(end, 'long')}"
    if wording == "dash_dmy":
        return f"{start:%d/%m/%Y} au {end:%d/%m/%Y}"
    if wording == "glued":
        return f"du {start:%d/%m/%Y}au {end:%d/%m/%Y}"
    if wording == "gap":
        return f"du {format_date(start, 'dmy_gap')} au {format_date(end, 'dmy_gap')}"
    return f"du {start:%d/%m/%Y} au {end:%d/%m/%Y}"


def long_upper_date(day: dt.date) -> str:
    """``REUNION DU 12 JUIN 2023`` style."""
    return f"{day.day} {MONTHS[day.month - 1].upper()} {day.year}"
