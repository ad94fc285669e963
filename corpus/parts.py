"""The portrait parts of a publication: deliberation, narrative annexes, convention, rapport.

Each function draws on a :class:`~delib.corpus.pen.Flow` and returns the boxes of
what the ground truth records (citations, articles, budget lines, vote,
proposals), so the renderer can write their provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from delib.corpus.frenchfmt import format_amount
from delib.corpus.pen import Box, Flow, union
from delib.corpus.spec import Block, RenderSpec
from delib.models import Attendance, BudgetLine, Deliberation, Proposal


@dataclass
class DelibBoxes:
    attendance: Box | None = None
    citations: list[Box] = field(default_factory=list)
    articles: list[Box] = field(default_factory=list)
    budget_lines: list[Box] = field(default_factory=list)
    vote: Box | None = None
    first_page: int = 1


def _named(name: str, spec: RenderSpec) -> str:
    civ = spec.civility.get(name)
    return f"{civ} {name}" if civ else name


def attendance_paragraphs(att: Attendance, spec: RenderSpec) -> list[str]:
    """The attendance lists as printed: ``Excusé(s) : M. X (pouvoir à M. Y), ...``."""
    proxy_of = {p.from_: p.to for p in att.proxies}
    lists = [att.present, att.excused, att.absent, att.non_voting_present, att.non_voting_excused]
    out: list[str] = []
    for label, names in zip(spec.attendance_labels, lists, strict=True):
        if not names:
            continue
        parts = []
        for n in names:
            text = _named(n, spec)
            if n in proxy_of:
                text += f" (pouvoir à {_named(proxy_of[n], spec)})"
            parts.append(text)
        out.append(f"{label} : {', '.join(parts)}.")
    return out


def budget_rows(lines: list[BudgetLine], spec: RenderSpec, report: bool) -> list[list[str]]:
    style = spec.budget_amount

    def fa(v: object) -> str:
        from decimal import Decimal

        return format_amount(v, style) if isinstance(v, Decimal) else ""

    if report:
        rows = [
            [
                "Code Opération",
                "Imputation Budgétaire",
                "Libellé Opération",
                "AE €",
                "Disponible €",
                "Proposition €",
                "Solde €",
            ]
        ]
        for b in lines:
            rows.append(
                [
                    b.operation_code or "",
                    b.imputation or "",
                    b.label or "",
                    fa(b.ae),
                    fa(b.available),
                    fa(b.proposed),
                    fa(b.balance),
                ]
            )
        return rows
    rows = [["Code Opération", "Imputation budgétaire", "Libellé Opération", "AE €", "Dépense €"]]
    for b in lines:
        rows.append([b.operation_code or "", b.imputation or "", b.label or "", fa(b.ae), fa(b.expense)])
    return rows


def draw_deliberation(flow: Flow, d: Deliberation, spec: RenderSpec) -> DelibBoxes:
    boxes = DelibBoxes()
    flow.start()
    boxes.first_page = flow.pen.page
    for line in spec.header_lines:
        if line:
            flow.para(line, bold=True, align="center", after=1)
        else:
            flow.space(6)
    flow.space(8)
    flow.para(spec.session_line, bold=True, align="center", after=8)
    flow.para(spec.presidency_line, bold=True, align="center", after=8)
    flow.para(spec.secretary_line, after=8)
    att_boxes = [
        flow.para(p, size=flow.size - 0.5, after=6) for p in attendance_paragraphs(d.attendance, spec)
    ]
    if att_boxes:
        boxes.attendance = union(att_boxes)
    flow.space(6)
    if d.title:
        flow.para(d.title, bold=True, align="center", after=6)
    flow.para(spec.number_line, bold=True, align="center", after=10)
    flow.para(spec.preamble, after=6)
    for c in d.citations:
        boxes.citations.append(flow.para(c.text, after=2))
    flow.space(6)
    if spec.recusal_text:
        flow.para(spec.recusal_text, after=8)
    flow.para(spec.after_citations, after=8)
    flow.para(spec.decide, bold=True, align="center", after=8)
    for a in d.articles:
        head = flow.para(f"Article {a.number} :", bold=True, after=3, keep=3)
        body = flow.para(a.text, indent=0, after=8)
        boxes.articles.append(union([head, body]) if head.page == body.page else body)
        if spec.budget_after_article == a.number and d.budget_lines:
            if spec.budget_intro:
                flow.para(spec.budget_intro, after=4)
            rows = budget_rows(d.budget_lines, spec, report=False)
            row_boxes = flow.grid(rows, [80, 80, 130, 95, 95], size=8.5)
            boxes.budget_lines = row_boxes[1:]
    if d.vote is not None:
        flow.para(spec.vote_intro, after=6, keep=4)
        vote_boxes = [
            flow.para(line, after=2, keep=1) for line in (d.vote.text or "").split("\n") if line.strip()
        ]
        if vote_boxes:
            boxes.vote = union(vote_boxes)
        flow.space(8)
    for line in spec.signature_lines:
        if line:
            flow.para(line, align="center", after=2, keep=2)
        else:
            flow.space(8)
    flow.para(spec.place_date_line, align="right", after=10)
    for line in spec.delegate_lines:
        if line:
            flow.para(line, align="right", after=2)
        else:
            flow.space(8)
    return boxes


def draw_blocks(
    flow: Flow, blocks: list[Block], proposals: list[Proposal], found: dict[int, Box]
) -> Box | None:
    """Draw prose blocks on new portrait pages; proposals printed are recorded in *found*."""
    flow.start()
    first: Box | None = None
    for b in blocks:
        box: Box | None = None
        if b.kind == "pagebreak":
            flow.start()
        elif b.kind == "spacer":
            flow.space(b.size or 10)
        elif b.kind == "title":
            box = flow.para(b.text, bold=True, align="center", size=b.size or flow.size + 1, after=10, keep=2)
        elif b.kind == "heading":
            box = flow.para(b.text, bold=True, size=b.size, after=5, keep=3)
        elif b.kind == "bullet":
            box = flow.para(f"•  {b.text}", indent=18, after=3)
        elif b.kind == "proposal" and b.index is not None:
            box = flow.para(proposals[b.index].text, after=6)
            for i in [b.index, *b.also]:
                found.setdefault(i, box)
        elif b.kind == "table" and b.rows:
            n = len(b.rows[0])
            total = flow.pen.width - 2 * flow.margin
            flow.grid(b.rows, [total / n] * n, size=b.size or 7.5)
        elif b.text:
            box = flow.para(b.text, size=b.size, after=6)
        if first is None and box is not None:
            first = box
    return first


def draw_rapport_table(flow: Flow, d: Deliberation, spec: RenderSpec) -> list[Box]:
    if d.report is None or not d.report.budget_lines:
        return []
    rows = budget_rows(d.report.budget_lines, spec, report=True)
    boxes = flow.grid(rows, [62, 62, 100, 65, 65, 65, 65], size=7.5)
    return boxes[1:]
