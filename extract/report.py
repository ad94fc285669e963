"""The rapport presented to the assembly: its number and its budget table (``budget_table``)."""

from __future__ import annotations

import re

from delib.extract.budget_table import parse_budget_table
from delib.extract.document import Document, texts_and_locator
from delib.extract.locator import Locator, provenance
from delib.extract.parts import Part, part_text
from delib.models import Problem, Report

__all__ = ["parse_report"]

_REPORT_NUMBER = re.compile(r"RAPPORT\s+N\s*[°º]\s*(\w[\w./-]*)", re.IGNORECASE)


def parse_report(
    doc: Document | None,
    part: Part,
    *,
    texts: list[str] | None = None,
    locator: Locator | None = None,
    geometry: bool = True,
    problems: list[Problem] | None = None,
) -> Report:
    """The rapport: its number (``RAPPORT N°42`` -> ``"42"``) and its budget table.

    What cannot be read is appended to ``problems`` when a list is given (Report has no
    problems field: the caller files them on the deliberation).
    """
    texts, locator = texts_and_locator(doc, texts, locator, geometry)
    pt = part_text(texts, part.span)
    m = _REPORT_NUMBER.search(pt.text)
    prov = provenance(pt, texts, locator, m.start() if m else 0, m.end() if m else 1, "report.number.v1")
    lines, found = parse_budget_table(
        pt,
        texts,
        locator,
        columns_hint=("ae", "available", "proposed", "balance"),
        rule="report.budget.text.v1",
    )
    if problems is not None:
        problems.extend(found)
        if m is None:
            problems.append(Problem(kind="field_missing", message="no RAPPORT N° found", **prov))
    return Report(number=m.group(1) if m else None, budget_lines=lines, **prov)
