"""``delib show``: draw on the page image the box of every value that was read.

An auditor sees where each number came from: grant rows, totals, budget
lines, articles, the vote block, attendance, citations, proposals, and the
things that could not be read, each kind in its own colour.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from delib.base.errors import UsageError
from delib.extract.document import Document
from delib.models import Located, Publication

if TYPE_CHECKING:
    from PIL import Image

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
        report_lines = d.report.budget_lines if d.report is not None else []
        kinds: list[tuple[str, Sequence[Located | None]]] = [
            ("attendance", [d.attendance]),
            ("citation", d.citations),
            ("article", d.articles),
            ("budget_line", d.budget_lines),
            ("vote", [d.vote]),
            ("grant", d.grants),
            ("total", d.grant_totals),
            ("report_line", report_lines),
            ("proposal", d.proposals),
            ("problem", d.problems),
        ]
        for kind, records in kinds:
            yield from ((kind, r) for r in records if r is not None)
    for pr in pub.problems:
        yield "problem", pr


#: what each colour means, in the legend drawn under the page
LABELS: dict[str, str] = {
    "grant": "grant line",
    "total": "grant total",
    "budget_line": "budget line",
    "report_line": "rapport budget line",
    "article": "article",
    "vote": "vote",
    "attendance": "attendance",
    "citation": "citation (Vu...)",
    "proposal": "amount proposed in prose",
    "problem": "not read / problem",
}


def draw_page(pdf: str | Path, pub: Publication, page: int, out: str | Path, resolution: int = 110) -> int:
    """Render page ``page`` (1-based) with the boxes of what was read, and a legend under it (each
    colour, what it marks, how many on this page); returns the number of boxes.

    The page keeps its pixel geometry (the legend is a band added below it): a box drawn from a
    record's bbox sits at ``bbox * resolution / 72`` pixels, on the glyphs it was read from.
    """
    with Document.open(pdf) as doc:
        if not 1 <= page <= doc.n_pages:
            raise UsageError(
                f"page {page} out of range: the PDF has {doc.n_pages} pages",
                pdf,
                "Use --page between 1 and the page count",
            )
        plumber_page = doc.plumber_page(page - 1)
        img = plumber_page.to_image(resolution=resolution)
        counts: Counter[str] = Counter()
        for kind, item in located_items(pub):
            if item.page != page or item.bbox is None:
                continue
            stroke, fill = COLOURS[kind]
            img.draw_rect(item.bbox, fill=fill, stroke=stroke, stroke_width=1)
            counts[kind] += 1
        with_legend(img.annotated, counts, f"{Path(pdf).name}, page {page}").save(str(out), format="PNG")
    return sum(counts.values())


def with_legend(page_img: Image.Image, counts: Counter[str], title: str) -> Image.Image:
    """The page image with a legend band below it: one swatch per kind drawn on this page."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=13)
    kinds = [k for k in COLOURS if counts[k]]
    entries = [f"{LABELS[k]} ({counts[k]})" for k in kinds] or ["nothing read on this page"]
    width = page_img.width
    col_w = max(160, max(int(ImageDraw.Draw(page_img).textlength(e, font=font)) for e in entries) + 34)
    per_row = max(1, (width - 20) // col_w)
    rows = -(-len(entries) // per_row)
    line_h = 20
    band = 34 + rows * line_h
    canvas = Image.new("RGB", (width, page_img.height + band), "white")
    canvas.paste(page_img.convert("RGB"), (0, 0))
    draw = ImageDraw.Draw(canvas)
    y0 = page_img.height
    draw.line([(0, y0), (width, y0)], fill=(160, 160, 160), width=1)
    draw.text((10, y0 + 6), f"delib show: {title}. Boxes of the values read:", fill=(0, 0, 0), font=font)
    for i, text in enumerate(entries):
        x = 10 + (i % per_row) * col_w
        y = y0 + 28 + (i // per_row) * line_h
        if kinds:
            stroke, fill = COLOURS[kinds[i]]
            alpha = fill[3] / 255
            tint = tuple(round(255 * (1 - alpha) + c * alpha) for c in fill[:3])
            draw.rectangle([x, y, x + 18, y + 12], fill=tint, outline=stroke, width=1)  # type: ignore[arg-type]
        draw.text((x + 24, y - 1), text, fill=(0, 0, 0), font=font)
    return canvas
