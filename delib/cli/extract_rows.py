"""`delib extract` as rows: one row per value read, for --csv/--tsv/--nl like every other command.

``--json`` keeps printing the whole record (the documented contract) and ``-t`` a readable summary;
the row formats flatten the record into what was read, with its provenance: deliberation number,
kind (deliberation, grant, grant_total, article, budget_line, rapport_line, vote, check, problem),
a name, an amount (Decimal, exact), a detail, and page, rule and box.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from delib.models import Deliberation, Publication, Vote

COLUMNS = ("deliberation", "kind", "name", "amount", "detail", "page", "rule", "x0", "top", "x1", "bottom")


def _box(rec: Any) -> tuple[Any, Any, Any, Any]:
    bbox = getattr(rec, "bbox", None)
    return (bbox[0], bbox[1], bbox[2], bbox[3]) if bbox else (None, None, None, None)


def _row(
    number: str | None, kind: str, name: Any, amount: Decimal | None, detail: Any, rec: Any
) -> tuple[Any, ...]:
    return (
        number,
        kind,
        name,
        amount,
        detail or None,
        getattr(rec, "page", None),
        getattr(rec, "rule", None),
        *_box(rec),
    )


def vote_text(v: Vote) -> str:
    """The vote as printed, without inventing what is not: counts not printed are named as such."""
    counts = [
        ("for", v.for_),
        ("against", v.against),
        ("abstention", v.abstention),
        ("absent without proxy", v.absent_without_proxy),
    ]
    printed = ", ".join(f"{label} {n}" for label, n in counts if n is not None)
    missing = [label for label, n in counts if n is None]
    outcome = {True: "adopted", False: "rejected", None: "outcome not printed"}[v.adopted]
    parts = [printed or "no counts printed", outcome]
    if v.unanimous:
        parts.append("unanimous")
    if printed and missing:
        parts.append(f"not printed: {', '.join(missing)}")
    return "; ".join(parts)


def _join(*values: Any) -> str:
    return " / ".join(str(v) for v in values if v not in (None, ""))


def deliberation_rows(d: Deliberation) -> Iterator[tuple[Any, ...]]:
    n = d.number
    yield _row(n, "deliberation", d.title, None, _join(d.collectivity, d.instance, d.session_date), d)
    for g in d.grants:
        yield _row(n, "grant", g.beneficiary, g.amount, _join(g.theme, g.operation, g.territory), g)
    for t in d.grant_totals:
        yield _row(n, "grant_total", t.label or t.operation or t.theme, t.amount, str(t.level), t)
    for a in d.articles:
        amounts: list[Decimal | None] = [*a.amounts] or [None]
        for amount in amounts:
            yield _row(n, "article", f"Article {a.number}", amount, a.text[:120], a)
    for b in d.budget_lines:
        spent = b.expense if b.expense is not None else b.ae
        yield _row(n, "budget_line", _join(b.operation_code, b.imputation), spent, b.label, b)
    if d.report:
        for b in d.report.budget_lines:
            detail = f"available {b.available}, balance {b.balance}"
            yield _row(n, "rapport_line", _join(b.operation_code, b.imputation), b.proposed, detail, b)
    if d.vote:
        yield _row(n, "vote", d.vote.kind, None, vote_text(d.vote), d.vote)
    for c in d.checks:
        verdict = "passed" if c.passed else "FAILED"
        detail = _join(
            verdict, c.expected and f"expected {c.expected}", c.found and f"found {c.found}", c.detail
        )
        yield (n, "check", c.name, None, detail, c.page, None, None, None, None, None)
    for p in d.problems:
        yield _row(n, "problem", p.kind, None, p.message, p)


def publication_rows(pub: Publication) -> Iterator[tuple[Any, ...]]:
    for d in pub.deliberations:
        yield from deliberation_rows(d)
    for p in pub.problems:
        yield _row(None, "problem", p.kind, None, p.message, p)
