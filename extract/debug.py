"""``delib show``: draw on the page image the box of every value that was read.

An auditor sees where each number came from: grant rows, totals, budget
lines, articles, the vote block, attendance, citations, proposals, and the
things that could not be read, each kind in its own colour.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from delib.base.errors import UsageError
from delib.extract.document import Document
from delib.models import Located, Publication

#: kind -> (stroke RGB, fill RGBA)
COLOURS: dict[str, tuple[tuple[int, int, int], tuple[int, int, int, int]]] = {
    "grant": ((0, 110, 200), (0, 110, 200, 40)),
    "total": ((200, 0, 0), (200, 0, 0, 50)),
    "budget_line": ((130, 0, 170), (130, 0, 170, 45)),
    "report_line": ((170, 0, 120), (170, 0, 120, 45)),
    "article": ((0, 140, 60), (0, 140, 60, 35)),
    "vote": ((230, 120, 0), (230, 120, 0, 50)),
    "attendance": ((90, 90, 90), (90, 90, 90, 30)),
    "citation": ((0, 150, 150), (0, 150, 150, 30)),
    "proposal": ((200, 170, 0), (200, 170, 0, 45)),
    "problem": ((255, 0, 255), (255, 0, 255, 60)),
}


def located_items(pub: Publication) -> Iterator[tuple[str, Located]]:
    """Every record that has a page, with its kind."""
    for d in pub.deliberations:
        yield "attendance", d.attendance
        for c in d.citations:
            yield "citation", c
        for a in d.articles:
            yield "article", a
        for b in d.budget_lines:
            yield "budget_line", b
        if d.vote is not None:
            yield "vote", d.vote
        for g in d.grants:
            yield "grant", g
        for t in d.grant_totals:
            yield "total", t
        if d.report is not None:
            for b in d.report.budget_lines:
                yield "report_line", b
        for p in d.proposals:
            yield "proposal", p
        for pr in d.problems:
            yield "problem", pr
    for pr in pub.problems:
        yield "problem", pr


def draw_page(pdf: str | Path, pub: Publication, page: int, out: str | Path, resolution: int = 110) -> int:
    """Render page ``page`` (1-based) with the boxes of what was read; returns the number of boxes."""
    with Document.open(pdf) as doc:
        if not 1 <= page <= doc.n_pages:
            raise UsageError(
                f"page {page} out of range: the PDF has {doc.n_pages} pages",
                pdf,
                "Use --page between 1 and the page count",
            )
        plumber_page = doc.plumber_page(page - 1)
        img = plumber_page.to_image(resolution=resolution)
        n = 0
        for kind, item in located_items(pub):
            if item.page != page or item.bbox is None:
                continue
            stroke, fill = COLOURS[kind]
            x0, top, x1, bottom = item.bbox
            img.draw_rect((x0, top, x1, bottom), fill=fill, stroke=stroke, stroke_width=1)
            n += 1
        img.save(str(out), format="PNG")
    return n
