"""Words of French municipal session minutes (comptes rendus), for :mod:`delib.corpus.minutes_gen`.

Drawn from what real minutes print (../shared/real: Pierrefonds, Couthenans, Montpellier 2011,
Ville-Oise): headers, attendance wordings, item subjects, association names, the sentences that
carry a vote.  Data only, the word lists in ``minutes_vocab.json`` beside this module; the choices are
made by the generator with its seeded ``random.Random``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_WORDS: dict[str, Any] = json.loads(Path(__file__).with_suffix(".json").read_text(encoding="utf-8"))

COMMUNES: tuple[str, ...] = tuple(_WORDS["communes"])
FIRST_NAMES_F: tuple[str, ...] = tuple(_WORDS["first_names_f"])
FIRST_NAMES_M: tuple[str, ...] = tuple(_WORDS["first_names_m"])
SURNAMES: tuple[str, ...] = tuple(_WORDS["surnames"])
# Subjects of decided items: (title, kind).  kind drives the body and the money printed:
# "plain" (no money), "works" (an amount and an imputation), "budget", "grants" (an association list).
SUBJECTS: tuple[tuple[str, str], ...] = tuple((title, kind) for title, kind in _WORDS["subjects"])
GRANT_SUBJECTS: tuple[str, ...] = tuple(_WORDS["grant_subjects"])
ASSOCIATIONS: tuple[str, ...] = tuple(_WORDS["associations"])
# Imputations: (chapter, nature, wording of the service).
WORKS_IMPUTATIONS: tuple[tuple[str, str, str], ...] = tuple(
    (chapter, nature, what) for chapter, nature, what in _WORDS["works_imputations"]
)
GROUPS: tuple[str, ...] = tuple(_WORDS["groups"])
# Body sentences before a vote (the item's exposé); {who} is the speaker.
EXPOSES: tuple[str, ...] = tuple(_WORDS["exposes"])
SPEAKERS: tuple[str, ...] = tuple(_WORDS["speakers"])

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_UNITS = (
    "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
)  # fmt: skip
_TENS = {20: "vingt", 30: "trente"}


def day_in_words(day: int) -> str:
    """1..31 as printed in an act's preamble ("le vingt et un mars"); 1 is "premier"."""
    if day == 1:
        return "premier"
    if day < 20:
        return _UNITS[day]
    tens, unit = divmod(day, 10)
    word = _TENS[tens * 10]
    if unit == 0:
        return word
    return f"{word} et un" if unit == 1 else f"{word}-{_UNITS[unit]}"


def year_in_words(year: int) -> str:
    """2000..2039 in words: "deux mille vingt-quatre"."""
    rest = year - 2000
    return "deux mille" if rest == 0 else f"deux mille {day_in_words(rest) if rest != 1 else 'un'}"
