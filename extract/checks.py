"""The cross-checks that hold in real documents, each stored passed or failed.

Every check returns ``Check`` rows with what was expected, what was found
and the page, so that a failure is data an auditor can follow, never a
silent drop.  Checks are pure functions of the extracted record.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from delib.extract.names import name_key
from delib.models import Check, Deliberation, Grant, GrantTotal, Proposal, TotalLevel

RULES_VERSION = "checks.v1"

_THEME_NO = re.compile(r"^\s*(\d+)\s*[.)-]")
_ARTICLE_THEME = re.compile(r"th[ée]matique\s*(?:n°\s*)?(\d+)", re.IGNORECASE)


def _fmt(value: Decimal | int | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _check(
    name: str,
    expected: Decimal | int | None,
    found: Decimal | int | None,
    page: int | None,
    detail: str | None = None,
) -> Check:
    return Check(
        name=name,
        passed=expected is not None and expected == found,
        expected=_fmt(expected),
        found=_fmt(found),
        page=page,
        detail=detail,
    )


def _theme_number(theme: str | None) -> int | None:
    if not theme:
        return None
    m = _THEME_NO.match(theme)
    return int(m.group(1)) if m else None


# -- grant tables --------------------------------------------------------------
def grant_checks(grants: Sequence[Grant], totals: Sequence[GrantTotal]) -> list[Check]:
    """Lines sum to their operation TOTAL; operation totals sum to the theme total."""
    out: list[Check] = []
    lines_by_op: dict[tuple[str | None, str | None], list[Grant]] = defaultdict(list)
    for g in grants:
        lines_by_op[(g.theme, g.operation)].append(g)
    op_totals_by_theme: dict[str | None, list[GrantTotal]] = defaultdict(list)
    for t in totals:
        if t.level == TotalLevel.OPERATION:
            lines = lines_by_op.get((t.theme, t.operation), [])
            found = sum((g.amount for g in lines), Decimal("0.00"))
            out.append(
                _check(
                    "grant_lines_sum_to_operation_total",
                    t.amount,
                    found,
                    t.page,
                    f"{len(lines)} lines of {t.operation or t.label or '?'}",
                )
            )
            op_totals_by_theme[t.theme].append(t)
    for t in totals:
        if t.level != TotalLevel.THEME:
            continue
        ops = op_totals_by_theme.get(t.theme, [])
        if ops:
            found = sum((o.amount for o in ops), Decimal("0.00"))
            detail = f"{len(ops)} operation totals of {t.theme or '?'}"
        else:
            # no operation totals: the total closes the lines printed since the previous total
            # of the same theme (a theme may print one table, and one total, per budget line)
            start = max(
                (
                    _pos(o)
                    for o in totals
                    if o.level == TotalLevel.THEME and o.theme == t.theme and _pos(o) < _pos(t)
                ),
                default=(-1, -1.0),
            )
            lines = [g for g in grants if g.theme == t.theme and start < _pos(g) < _pos(t)]
            found = sum((g.amount for g in lines), Decimal("0.00"))
            detail = f"{len(lines)} lines of {t.theme or '?'} printed above this total (no operation totals)"
        out.append(_check("operation_totals_sum_to_theme_total", t.amount, found, t.page, detail))
    return out


def _pos(item: Grant | GrantTotal) -> tuple[int, float]:
    """Reading order on the document: page, then top of the row."""
    return (item.page or 0, item.bbox[1] if item.bbox else 0.0)


def _theme_totals(d: Deliberation) -> list[GrantTotal]:
    return [t for t in d.grant_totals if t.level == TotalLevel.THEME]


def _approving_articles(d: Deliberation) -> list[tuple[int, Decimal, int | None, int | None]]:
    """(article number, amount, theme number or None, page) of articles approving an amount."""
    out = []
    for a in d.articles:
        if not a.amounts:
            continue
        m = _ARTICLE_THEME.search(a.text)
        out.append((a.number, a.amounts[-1], int(m.group(1)) if m else None, a.page))
    return out


def theme_vs_article_checks(d: Deliberation) -> list[Check]:
    """Each theme total equals the amount of the article that approves it."""
    themes = _theme_totals(d)
    articles = _approving_articles(d)
    if not themes or not articles:
        return []
    out: list[Check] = []
    by_no = {n: a for a in articles if (n := a[2]) is not None}
    if not by_no and len(articles) == 1 and len(themes) > 1:
        # one article approves the whole annex: it equals the sum of the theme totals
        only = articles[0]
        found = sum((t.amount for t in themes), Decimal("0.00"))
        return [
            _check(
                "theme_totals_sum_to_article_amount",
                only[1],
                found,
                only[3],
                f"article {only[0]} vs the sum of {len(themes)} theme totals",
            )
        ]
    for i, t in enumerate(themes):
        no = _theme_number(t.theme)
        art = by_no.get(no) if no is not None else None
        how = f"article citing thématique {no}"
        if art is None and len(themes) == len(articles):
            art, how = articles[i], "article in the same order as the theme"
        if art is None:
            out.append(
                _check(
                    "theme_total_equals_article_amount",
                    t.amount,
                    None,
                    t.page,
                    f"no article found for theme {t.theme!r}",
                )
            )
            continue
        out.append(
            _check(
                "theme_total_equals_article_amount",
                art[1],
                t.amount,
                t.page,
                f"article {art[0]} ({how}) vs theme total {t.theme or '?'}",
            )
        )
    return out


def theme_vs_budget_checks(d: Deliberation) -> list[Check]:
    """Theme totals equal the Dépense of their budget line (paired in printed order)."""
    themes = _theme_totals(d)
    lines = [b for b in d.budget_lines if b.expense is not None]
    if not themes or not lines:
        return []
    if len(themes) == len(lines):
        return [
            _check(
                "theme_total_equals_budget_expense",
                b.expense,
                t.amount,
                b.page,
                f"budget line {b.operation_code or '?'} vs theme total {t.theme or '?'}",
            )
            for t, b in zip(themes, lines, strict=True)
        ]
    exp = sum((b.expense for b in lines if b.expense is not None), Decimal("0.00"))
    found = sum((t.amount for t in themes), Decimal("0.00"))
    return [
        _check(
            "theme_totals_sum_to_budget_expenses",
            exp,
            found,
            lines[0].page,
            f"{len(themes)} theme totals vs {len(lines)} budget lines",
        )
    ]


def report_checks(d: Deliberation) -> list[Check]:
    """Disponible − Proposition = Solde; the rapport proposes what the deliberation spends."""
    out: list[Check] = []
    if d.report is None:
        return out
    for b in d.report.budget_lines:
        if b.available is not None and b.proposed is not None and b.balance is not None:
            out.append(
                _check(
                    "report_available_minus_proposed_equals_balance",
                    b.balance,
                    b.available - b.proposed,
                    b.page,
                    f"budget line {b.operation_code or '?'}",
                )
            )
    delib_lines = {b.operation_code: b for b in d.budget_lines if b.operation_code}
    for b in d.report.budget_lines:
        mine = delib_lines.get(b.operation_code or "")
        if mine is not None and mine.expense is not None and b.proposed is not None:
            out.append(
                _check(
                    "report_proposed_equals_deliberation_expense",
                    mine.expense,
                    b.proposed,
                    b.page,
                    f"budget line {b.operation_code}",
                )
            )
    return out


def vote_checks(d: Deliberation) -> list[Check]:
    """Members counted in attendance equal the members counted in the vote."""
    v, a = d.vote, d.attendance
    out: list[Check] = []
    if v is None:
        return out
    counts = [v.for_, v.against, v.abstention, v.absent_without_proxy, v.not_voting]
    voted = sum(c for c in counts if c is not None)
    tally = (
        f"pour {v.for_} + contre {v.against or 0} + abstention {v.abstention or 0}"
        f" + absents sans délégation {v.absent_without_proxy or 0} + ne prenant pas part {v.not_voting or 0}"
    )
    if v.for_ is not None and v.absent_without_proxy is not None and (a.present or a.excused or a.absent):
        # the vote block accounts for every member (as Départements print it)
        members = len(a.present) + len(a.excused) + len(a.absent)
        out.append(
            _check(
                "attendance_equals_vote_count",
                members,
                voted,
                v.page,
                f"présents {len(a.present)} + excusés {len(a.excused)} + absents {len(a.absent)} vs {tally}",
            )
        )
    elif v.for_ is not None and a.present:
        # only votes cast are printed: the present and the proxies they hold
        voters = len(a.present) + len(a.proxies)
        out.append(
            _check(
                "attendance_equals_vote_count",
                voters,
                voted,
                v.page,
                f"présents {len(a.present)} + pouvoirs {len(a.proxies)} vs {tally}"
                " (arrivals and departures during a session change this)",
            )
        )
    if v.for_ is not None and v.against is not None and v.adopted is not None:
        expected_adopted = v.for_ > v.against
        out.append(
            Check(
                name="vote_outcome_consistent_with_counts",
                passed=expected_adopted == v.adopted,
                expected="adopted" if expected_adopted else "rejected",
                found="adopted" if v.adopted else "rejected",
                page=v.page,
            )
        )
    return out


def recusal_checks(d: Deliberation) -> list[Check]:
    """Recused members are among the present, and are not counted as voters for or against."""
    if not d.recused:
        return []
    present = {name_key(n) for n in d.attendance.present}
    missing = [n for n in d.recused if name_key(n) not in present]
    page = d.vote.page if d.vote else d.page
    out = [
        Check(
            name="recused_members_are_present",
            passed=not missing and bool(present),
            expected=str(len(d.recused)),
            found=str(len(d.recused) - len(missing)),
            page=page,
            detail=("not among the present: " + ", ".join(missing)) if missing else None,
        )
    ]
    v = d.vote
    if v is not None and v.for_ is not None:
        room = (v.abstention or 0) + (v.not_voting or 0)
        out.append(
            Check(
                name="recused_counted_as_abstention_or_not_voting",
                passed=len(d.recused) <= room,
                expected=f"<= {room}",
                found=str(len(d.recused)),
                page=page,
                detail="recused members must not be counted for or against",
            )
        )
    return out


def _key(text: str | None) -> str:
    return name_key(text or "")


def proposal_checks(d: Deliberation, proposals: Iterable[Proposal] | None = None) -> list[Check]:
    """Amounts proposed in prose agree with the grant lines or totals they describe.

    A proposal naming a recipient is matched to the grant lines of that name (one line or their
    sum); prose often names a recipient by an acronym the table spells out (``PBI`` for ``ASSO
    PLAN BETHUNOIS INSERTION``), so an amount equal to the cent to a line or total elsewhere in
    the tables also agrees, and the detail says so.  A proposal whose amount appears nowhere in
    the tables is a disagreement.
    """
    out: list[Check] = []
    if not d.grants and not d.grant_totals:
        return out
    everywhere = {g.amount for g in d.grants} | {t.amount for t in d.grant_totals}
    for p in proposals if proposals is not None else d.proposals:
        candidates: list[Decimal] = []
        what = "operation or theme totals"
        if p.beneficiary:
            bk = _key(p.beneficiary)
            lines = [g for g in d.grants if bk and (bk in _key(g.beneficiary) or _key(g.beneficiary) in bk)]
            candidates = [g.amount for g in lines]
            if lines:
                candidates.append(sum((g.amount for g in lines), Decimal("0.00")))
            what = f"grant lines of {p.beneficiary}"
        if p.amount in candidates:
            ok, how = True, what
        elif p.amount in everywhere:
            ok, how = True, f"{what} differ; the same amount is printed elsewhere in the tables"
        else:
            ok, how = False, f"{what}: amount printed nowhere in the tables"
        found = ", ".join(_fmt(c) or "" for c in candidates[:5]) or None
        out.append(
            Check(
                name="prose_proposal_matches_tables",
                passed=ok,
                expected=_fmt(p.amount),
                found=found,
                page=p.page,
                detail=f"{p.text[:120]!r} vs {how}",
            )
        )
    return out


def all_checks(d: Deliberation) -> list[Check]:
    return [
        *grant_checks(d.grants, d.grant_totals),
        *theme_vs_article_checks(d),
        *theme_vs_budget_checks(d),
        *report_checks(d),
        *vote_checks(d),
        *recusal_checks(d),
        *proposal_checks(d),
    ]
