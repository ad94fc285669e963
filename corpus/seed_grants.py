"""Annexe 3 of the seed publication (Pas-de-Calais, CP 12/06/2023, N°2023-259), transcribed.

Transcribed from the text layer of the real PDF (``shared/seeds/000_*.txt``),
spelling and typos kept as printed (``insertio``, ``di 01/01/2023``,
``01/01/2023au``, ``Acttiv'cites``/``ACTIV'CITES``, ``RECUPAIRE``/``Recup'aire``,
``El FOUAD``/``Elfouad``, ``AFP2I``/``APF2I``).  Where the text layer lost which
territory a row belongs to (merged cells), a plausible territory was assigned.
The rotated operation labels the text layer shows are kept as printed
(``opération 4 : Pacte Ambition IAE``); the others (theme 1, theme 2
operations 5-13) are named after the narrative annexes' headings.

The transcription is data, in ``seed_grants.json`` beside this module.  Each
operation: (label as printed in the rotated cell, total label, total places,
printed total, rows); a row: (territory, structure, places-or-description,
amount, instrument).
"""

from __future__ import annotations

import json
from pathlib import Path

Row = tuple[str, str, str, str, str]
Operation = tuple[str, str | None, int | None, str, list[Row]]

INSTRUMENT = "Convention"  # every row of the annex


def _load() -> list[tuple[str, str, list[Operation]]]:
    """(theme, printed theme total, operations) of each theme, from ``seed_grants.json``."""
    data = json.loads((Path(__file__).with_suffix(".json")).read_text(encoding="utf-8"))
    return [
        (
            t["theme"],
            t["total"],
            [
                (
                    o["label"],
                    o["total_label"],
                    o["total_places"],
                    o["total"],
                    [(ter, who, places, amount, INSTRUMENT) for ter, who, places, amount in o["rows"]],
                )
                for o in t["operations"]
            ],
        )
        for t in data["themes"]
    ]


(THEME_1, T1_TOTAL, T1_OPERATIONS), (THEME_2, T2_TOTAL, T2_OPERATIONS) = _load()
