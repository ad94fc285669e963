"""What the columns of a grant table are, from their header words; amount cells.

Shared by the ruled-table reader (``delib.extract.grants``) and the reader of tables printed
without borders (``delib.extract.grant_text``).  Roles: operation, territory, beneficiary,
places, description, amount (``amount_other`` for a second amount column such as the amount
requested), instrument (Convention/Avenant), code, kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from delib.extract.amounts import parse_amount

# header words -> column role; the first pattern that matches a header cell wins.
ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile(p, re.IGNORECASE))
    for role, p in (
        # a one-word header naming the grouping of rows (printed in a merged, often rotated, cell)
        ("operation", r"^\W*(?:op[ée]rations?|dispositifs?|actions?|programmes?)\W*$"),
        ("instrument", r"\bavenant\b|^\W*convention\b|type d.acte|^\W*actes?\W*$"),
        # money that is not the grant: the cost or budget of the project
        ("amount_other", r"\bco[uû]t\b|\bbudget\b"),
        ("amount", r"\bmontant|\bsomme\b|\battribu|\bproposition\b|\bvot[ée]|\baccord[ée]|\bparticipation\b"),
        ("places", r"\bplaces?\b|\bpostes\b|\bnombre\b|\bnb\b"),
        ("territory", r"\bterritoire|\bcommune\b|\bsecteur\b|\bcanton\b"),
        (
            "beneficiary",
            r"\bstructure|\bb[ée]n[ée]ficiaire|\bassociation|\borganisme|\bporteur|\btiers\b"
            r"|\battributaire|\braison sociale",
        ),
        (
            "description",
            r"\bdescription|\bobjet\b|\bprojet\b|\baction\b|\bintitul|\bth[ée]matique|\bdispositif\b|\bmotif\b",
        ),
        ("amount", r"\bsubvention|€|\beuros?\b"),
        ("beneficiary", r"\bnom\b"),
        ("operation", r"\bop[ée]ration\b"),
        ("code", r"^\s*(?:code|n°|num[ée]ro)\b"),
        ("kind", r"^\s*(?:type|nature)\s*$"),
    )
)
PREFERRED_AMOUNT = re.compile(r"retenu|attribu|accord|propos|vot|allou", re.IGNORECASE)
TOTAL_RE = re.compile(r"^\s*(?:sous[- ]?)?total\b", re.IGNORECASE)


def column_role(header: str) -> str | None:
    """The role of a grant-table column from its header words (None: not a header we know)."""
    h = " ".join(header.split())
    if not h or len(h) > 90 or parse_amount(h) is not None:
        return None
    # a header word cut by the cell width ("OPERATIO N", "Avenant/conventio n") is tried glued
    for candidate in (h, h.replace(" ", "")):
        for role, pattern in ROLE_PATTERNS:
            if pattern.search(candidate):
                return role
    return None


def header_roles(headers: Sequence[str]) -> list[str | None] | None:
    """Roles of the cells of a header row, or None when the row is not a grant table header.

    A grant header names an amount column and a beneficiary column and holds no amount; when
    it names several amount columns (requested, granted...) the granted one is ``amount`` and
    the others ``amount_other``.
    """
    roles = [column_role(h) for h in headers]
    if "amount" not in roles or "beneficiary" not in roles:
        return None
    if any(parse_amount(h) is not None for h in headers):
        return None
    amounts = [k for k, role in enumerate(roles) if role == "amount"]
    keep = next((k for k in amounts if PREFERRED_AMOUNT.search(headers[k])), amounts[-1])
    return ["amount_other" if role == "amount" and k != keep else role for k, role in enumerate(roles)]
