"""Dates and periods as printed in deliberations, annexes and grant tables.

A strict regex fast path handles the common forms (``01/07/2021``, ``01/01/23``,
``01/02/ 2023``, ``1er janvier 2023``, ``lundi 1 février 2016``, ``12 JUIN 2023``,
``12 sept. 2023``); dateparser (``languages=["fr"]``, ``DATE_ORDER="DMY"``) handles the rest.
Its French ``sept`` handling is broken (dateparser issue 1285: with the French locale the
token ``sept`` is first simplified to the number 7, giving July), so ``sept``/``sept.`` is
rewritten to ``septembre`` before dateparser sees it.

Each result says how it was parsed (``rule``) so that a reader can tell a strict parse from a
fuzzy one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from delib.base.text import strip_accents

__all__ = ["DATE_RE", "ParsedDate", "find_dates", "parse_date", "parse_period"]

_MONTHS: dict[str, int] = {
    "janvier": 1, "janv": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2,
    "mars": 3,
    "avril": 4, "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7, "juil": 7,
    "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9,
    "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11,
    "decembre": 12, "dec": 12,
}  # fmt: skip

_MONTH_ALT = (
    r"janvier|janv\.?|f[ée]vrier|f[ée]vr\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|ao[uû]t"
    r"|septembre|sept\.?|octobre|oct\.?|novembre|nov\.?|d[ée]cembre|d[ée]c\.?"
)
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_SP = r"[ \t\u00a0\u202f\u2009]"

#: numeric day/month/year: 01/07/2021, 1/7/21, 01.07.2021, 01-07-2021, 01/02/ 2023
_NUM_DATE = (
    r"(?<!\d)(?P<d>[0-3]?\d)"
    + _SP
    + r"*(?P<s>[/.\-])"
    + _SP
    + r"*(?P<m>[01]?\d)"
    + _SP
    + r"*(?P=s)"
    + _SP
    + r"*(?P<y>\d{4}|\d{2})(?!\d)"
)
#: 1er janvier 2023, lundi 1 février 2016, 12 JUIN 2023, 12 sept. 2023
_TEXT_DATE = (
    r"(?:" + _WEEKDAY + _SP + r"+)?(?<!\d)(?P<td>[0-3]?\d)(?:er|ER|º|°)?" + r"\s+(?P<tm>" + _MONTH_ALT + r")"
    r"\s+(?P<ty>\d{4})(?!\d)"
)
DATE_RE = re.compile(r"(?:" + _NUM_DATE + r")|(?:" + _TEXT_DATE + r")", re.IGNORECASE)

#: a start without year: "01/01", "1er janvier", "17/04"
_PARTIAL_START = (
    r"(?P<pd>[0-3]?\d)(?:" + _SP + r"*/" + _SP + r"*(?P<pm>[01]?\d)(?!" + _SP + r"*/" + _SP + r"*\d)"
    r"|(?:er)?\s+(?P<ptm>" + _MONTH_ALT + r")(?!\s+\d{4}))"
)
_PERIOD_RE = re.compile(
    r"(?:\b(?:du|di|de|depuis\s+le)\b|[-–])?\s*"
    r"(?P<start>(?:"
    + _NUM_DATE.replace("(?P<", "(?P<a_").replace("(?P=s)", "(?P=a_s)")
    + r")|(?:"
    + _TEXT_DATE.replace("(?P<", "(?P<a_")
    + r")|(?:"
    + _PARTIAL_START
    + r"))"
    r"\s*(?:au|à|a|jusqu'au|-|–)\s*"
    r"(?P<end>(?:"
    + _NUM_DATE.replace("(?P<", "(?P<b_").replace("(?P=s)", "(?P=b_s)")
    + r")|(?:"
    + _TEXT_DATE.replace("(?P<", "(?P<b_")
    + r"))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedDate:
    """A date with how it was obtained: ``rule`` is "strict.dmy.v1", "strict.text.v1" or "dateparser.v1"."""

    value: dt.date
    rule: str
    raw: str
    span: tuple[int, int] | None = None


def _fold(s: str) -> str:
    return strip_accents(s).lower()


def _month(name: str) -> int | None:
    return _MONTHS.get(_fold(name).rstrip("."))


def _year(y: str) -> int:
    n = int(y)
    if len(y) == 2:
        return 2000 + n if n < 70 else 1900 + n
    return n


def _mk(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _from_match(m: re.Match[str], prefix: str = "") -> dt.date | None:
    g = m.groupdict()
    if g.get(prefix + "d"):
        return _mk(_year(g[prefix + "y"]), int(g[prefix + "m"]), int(g[prefix + "d"]))
    if g.get(prefix + "td"):
        month = _month(g[prefix + "tm"])
        return _mk(int(g[prefix + "ty"]), month, int(g[prefix + "td"])) if month else None
    return None


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    import dateparser

    return dateparser


def _dateparser_parse(text: str) -> dt.date | None:
    cleaned = re.sub(r"\bsept\b\.?", "septembre", text, flags=re.IGNORECASE)  # dateparser issue 1285
    cleaned = re.sub(r"\b1er\b", "1", cleaned, flags=re.IGNORECASE)
    res = _dateparser().parse(
        cleaned,
        languages=["fr"],
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False},
    )
    return res.date() if res is not None else None


def parse_date(text: str, *, fuzzy: bool = True) -> ParsedDate | None:
    """The first date in ``text``; strict regexes first, dateparser for the rest (if ``fuzzy``).

    dateparser is only tried on short strings (at most 40 characters) that contain a digit:
    it is a fallback for odd cells, not a search engine over paragraphs.
    """
    text = re.sub(r"\bpremier\b", "1er", text, flags=re.IGNORECASE)
    m = DATE_RE.search(text)
    if m:
        value = _from_match(m)
        if value is not None:
            rule = "strict.dmy.v1" if m.group("d") else "strict.text.v1"
            return ParsedDate(value=value, rule=rule, raw=m.group(0).strip(), span=(m.start(), m.end()))
    stripped = text.strip()
    if fuzzy and stripped and len(stripped) <= 40 and re.search(r"\d", stripped):
        value = _dateparser_parse(stripped)
        if value is not None:
            return ParsedDate(value=value, rule="dateparser.v1", raw=stripped, span=None)
    return None


def find_dates(text: str) -> list[ParsedDate]:
    """Every strictly-parsable date in ``text``, in order (no dateparser: this runs on prose)."""
    out = []
    for m in DATE_RE.finditer(text):
        value = _from_match(m)
        if value is not None:
            rule = "strict.dmy.v1" if m.group("d") else "strict.text.v1"
            out.append(ParsedDate(value=value, rule=rule, raw=m.group(0).strip(), span=(m.start(), m.end())))
    return out


def find_period(text: str) -> tuple[dt.date, dt.date, tuple[int, int]] | None:
    """The first period ``du X au Y`` in ``text`` with its span (see parse_period)."""
    for m in _PERIOD_RE.finditer(text):
        end = _from_match(m, "b_")
        if end is None:
            continue
        start = _from_match(m, "a_")
        if start is None:
            g = m.groupdict()
            day = int(g["pd"]) if g.get("pd") else None
            month = int(g["pm"]) if g.get("pm") else (_month(g["ptm"]) if g.get("ptm") else None)
            if day is None or month is None:
                continue
            # start year comes from the end date; a start after the end belongs to the year before
            start = _mk(end.year, month, day)
            if start is not None and start > end:
                start = _mk(end.year - 1, month, day)
        if start is None:
            continue
        return start, end, (m.start("start"), m.end("end"))
    return None


_DAY_ONLY_PERIOD = re.compile(
    r"\bdu\s+(?P<d>[0-3]?\d)(?:er)?\s+au\s+(?P<end>" + _TEXT_DATE.replace("(?P<", "(?P<e_") + r")",
    re.IGNORECASE,
)


def parse_period(text: str) -> tuple[dt.date, dt.date] | None:
    """A period ``(start, end)`` from text such as ``du 01/01/2023 au 31/12/2023``.

    Handles a start without year (``du 01/01 au 31/12/2023``, ``du 1er janvier au 31 décembre
    2023``: the year comes from the end date), glued words (``01/01/2023au 31/12/2023``), spaces
    inside dates (``01/02/ 2023``), two-digit years, typos of ``du`` (``di``), a dash instead
    of ``du`` and a start that is only a day (``du 28 au 31 octobre 2014``, Montpellier 2014).
    Returns None when there is no period.
    """
    found = find_period(text)
    if found:
        return found[0], found[1]
    m = _DAY_ONLY_PERIOD.search(text)  # "du 28 au 31 octobre 2014": month and year from the end
    if m:
        end = _from_match(m, "e_")
        start = _mk(end.year, end.month, int(m.group("d"))) if end else None
        if end and start and start <= end:
            return start, end
    return None


# -- dates written out in civil style ("L'an deux mille dix-huit, le 10 avril") -------------------
_WORD_NUMS = {
    "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
}  # fmt: skip


def year_in_words(text: str) -> int | None:
    """``deux mille dix-huit`` -> 2018, ``deux mil seize`` -> 2016."""
    m = re.search(r"deux\s+mill?e?\s*([a-z\- ]*)", text.lower())
    if not m:
        return None
    rest = 0
    for w in re.split(r"[\s-]+", m.group(1)):
        if w in ("et",):
            continue
        if w in _WORD_NUMS:
            rest += _WORD_NUMS[w]
        elif w:
            break
    return 2000 + rest


_MONTH_WORDS = (
    r"(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)"
)
_DAY_WORDS = r"(\d{1,2}(?:er)?|premier|[a-z]+(?:[\s-](?:et[\s-])?[a-z]+)?)"
_CIVIL = re.compile(
    r"L['’]an\s+(deux\s+mil[^,]{0,40}|(?:19|20)\d\d),\s*(?:le\s+)?" + _DAY_WORDS + r"\s+" + _MONTH_WORDS, re.I
)
# "Le douze mars deux mil vingt-quatre, à 19 heures": the day first, the year in words after the month
_CIVIL_DAY_FIRST = re.compile(
    r"\b[Ll]e\s+"
    + _DAY_WORDS
    + r"\s+"
    + _MONTH_WORDS
    + r"\s+(deux\s+mil(?:le)?(?:[\s-]+[a-z]+){0,4}?)(?=\s*(?:,|à\b|\n))"
)


def day_in_words(text: str) -> int | None:
    """``huit`` -> 8, ``dix-huit`` -> 18, ``vingt et un`` -> 21, ``premier`` -> 1, ``12`` -> 12."""
    t = text.strip().lower()
    if t.isdigit():
        return int(t)
    if t.startswith(("premier", "1er")):
        return 1
    total = 0
    for w in re.split(r"[\s-]+", t):
        if w == "et":
            continue
        if w not in _WORD_NUMS:
            return None
        total += _WORD_NUMS[w]
    return total if 1 <= total <= 31 else None


def civil_dates(text: str) -> list[tuple[int, dt.date]]:
    """(offset, date) of the session dates written in civil style: "L'an deux mille dix-huit, le 10
    avril", "L'an 2024, le 12 mars", "Le douze mars deux mil vingt-quatre, à 19 heures"."""
    civil = [(m, m.group(1), m.group(2), m.group(3)) for m in _CIVIL.finditer(text)][:1]
    civil += [(m, m.group(3), m.group(1), m.group(2)) for m in _CIVIL_DAY_FIRST.finditer(text)][:1]
    out = []
    for m, year_text, day_text, month in civil:
        year = int(year_text) if year_text.isdigit() else year_in_words(year_text)
        day = day_in_words(day_text)
        if year and day:
            d = parse_date(f"{day} {month} {year}", fuzzy=False)
            if d is not None:
                out.append((m.start(), d.value))
    return out
