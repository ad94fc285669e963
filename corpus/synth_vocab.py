"""Vocabularies of the synthesiser: collectivities, people, beneficiaries, operations.

Names of councillors outside the seed are fictional.  Beneficiaries in
:data:`RECURRING` come back every year with the spelling drift seen in real
documents (``Recup'aire`` 2021, ``RECUPAIRE`` 2022, ``Recup aire`` 2024).

The vocabularies are data, in ``synth_vocab.json`` beside this module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Profile:
    slug: str
    name: str  # ground truth collectivity
    header: str  # as printed
    assembly: str  # "Conseil départemental"
    city: str
    court: str
    president: tuple[str, str]  # (name, civility)
    dgs: tuple[str, str]
    territories: list[str]
    groups: list[str]
    seat: str
    short: str = "le Département"
    communes: list[str] = field(default_factory=list)


_DATA: dict[str, Any] = json.loads(Path(__file__).with_suffix(".json").read_text(encoding="utf-8"))

PROFILES: dict[str, Profile] = {
    p["slug"]: Profile(**{**p, "president": tuple(p["president"]), "dgs": tuple(p["dgs"])})
    for p in _DATA["profiles"]
}
FIRST_M: list[str] = _DATA["first_names_m"]
FIRST_F: list[str] = _DATA["first_names_f"]
LAST: list[str] = _DATA["last_names"]
BENEFICIARY_STEMS: list[str] = _DATA["beneficiary_stems"]  # "{c}": a commune of the profile
BENEFICIARIES: list[str] = _DATA["beneficiaries"]
#: canonical name -> spelling printed each year (drift is the point)
RECURRING: dict[str, dict[int, str]] = {
    name: {int(year): printed for year, printed in spellings.items()}
    for name, spellings in _DATA["recurring"].items()
}
THEMES: list[str] = _DATA["themes"]
OPERATIONS: list[str] = _DATA["operations"]
