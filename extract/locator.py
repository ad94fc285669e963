"""Where a value was read: the line boxes of a page, and the page + bbox + rule of a text span.

``Locator`` finds the pdfium line (page + bbox) of a piece of text; ``provenance`` gives a span of
a ``PartText`` its page, bbox and rule (a typed ``Prov``, the fields of ``models.Located``, which a
record takes as ``Grant(..., **prov)``: mypy checks each key and type against the record);
``row_bbox`` widens a box to its table row.  A
``Document`` owns its locator (``doc.locator``): the lines of a page are read once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypedDict

from delib.models.records import BBox

if TYPE_CHECKING:
    from delib.extract.document import Document
    from delib.extract.parts import PartText

__all__ = ["Locator", "Prov", "provenance", "row_bbox"]


class Prov(TypedDict):
    """Where a value was read: the provenance fields of every record (``models.Located``)."""

    page: int | None  # 1-based
    bbox: BBox | None  # x0, top, x1, bottom, PDF points, top-left origin
    rule: str  # name.version of the extraction rule


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s).casefold()


def _pdfium_lines(doc: Document, page: int) -> list[tuple[str, tuple[float, float, float, float]]] | None:
    """Text lines of a page with their boxes (pdfplumber coordinates), from pdfium's text rectangles.

    pdfium gives one rectangle per run of text; runs whose vertical extents overlap by more than
    half the smaller height are one line.  About a hundred times cheaper than pdfplumber's layout
    analysis, which the provenance of prose values does not need.  None for a page shown turned
    (``/Rotate``), whose displayed coordinates differ from pdfium's.
    """
    pg = doc.pdfium[page]
    try:
        if pg.get_rotation() % 360:
            return None
        height = pg.get_height()
        tp = pg.get_textpage()
        try:
            runs = []
            for i in range(tp.count_rects()):
                left, bottom, right, top = tp.get_rect(i)
                runs.append(
                    (
                        height - top,
                        height - bottom,
                        left,
                        right,
                        tp.get_text_bounded(left, bottom, right, top),
                    )
                )
        finally:
            tp.close()
    finally:
        pg.close()
    runs.sort(key=lambda r: (r[0], r[2]))
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for run in runs:
        top, bottom = run[0], run[1]
        for line in reversed(lines[-4:]):
            ltop, lbottom = min(r[0] for r in line), max(r[1] for r in line)
            overlap = min(bottom, lbottom) - max(top, ltop)
            if overlap > 0.5 * min(bottom - top, lbottom - ltop):
                line.append(run)
                break
        else:
            lines.append([run])
    out = []
    for line in lines:
        line.sort(key=lambda r: r[2])
        text = " ".join(r[4] for r in line)
        box = (
            min(r[2] for r in line),
            min(r[0] for r in line),
            max(r[3] for r in line),
            max(r[1] for r in line),
        )
        out.append((_squash(text), box))
    return out


class Locator:
    """Find the line boxes of a text snippet on a page (for page + bbox provenance).

    ``doc`` is a ``delib.extract.document.Document``; the lines of a page are read once.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._lines: dict[int, list[tuple[str, tuple[float, float, float, float]]]] = {}

    def lines(self, page: int) -> list[tuple[str, tuple[float, float, float, float]]]:
        cached = self._lines.get(page)
        if cached is not None:
            return cached
        out: list[tuple[str, tuple[float, float, float, float]]] | None = _pdfium_lines(self.doc, page)
        if out is None:  # a turned page: pdfplumber's reading of it
            out = []
            try:
                pp = self.doc.plumber_page(page)
                for ln in pp.extract_text_lines(return_chars=False):
                    out.append((_squash(ln["text"]), (ln["x0"], ln["top"], ln["x1"], ln["bottom"])))
            except Exception:  # a page pdfplumber cannot read: no bbox, the value keeps its page
                out = []
        self._lines[page] = out
        return out

    def bbox(
        self, page: int, snippet: str, hint: float | None = None
    ) -> tuple[float, float, float, float] | None:
        """Union of the boxes of the lines holding ``snippet`` (first ~30 significant chars of each line).

        ``hint`` (0..1: relative position of the snippet in the page text) breaks ties between
        identical lines.
        """
        lines = self.lines(page)
        if not lines:
            return None
        wanted = [_squash(s) for s in snippet.split("\n") if _squash(s)]
        if not wanted:
            return None
        boxes = []
        for w in wanted[:12]:
            cands = [i for i, (t, _) in enumerate(lines) if w in t or (len(t) >= 6 and t in w)]
            if not cands:
                key = w[:30]
                cands = [i for i, (t, _) in enumerate(lines) if key in t]
            if not cands:
                continue
            if hint is not None and len(cands) > 1:
                cands.sort(key=lambda i: abs(i / max(1, len(lines) - 1) - hint))
            boxes.append(lines[cands[0]][1])
        if not boxes:
            return None
        return (
            round(min(b[0] for b in boxes), 2),
            round(min(b[1] for b in boxes), 2),
            round(max(b[2] for b in boxes), 2),
            round(max(b[3] for b in boxes), 2),
        )


def provenance(
    pt: PartText, texts: list[str], locator: Locator | None, start: int, end: int, rule: str
) -> Prov:
    """``page`` (1-based), ``bbox`` (of the lines from ``start`` to ``end``) and ``rule`` of a span of ``pt``."""
    text = pt.text
    if not text:
        return {"page": pt.pieces[0][1] + 1 if pt.pieces else None, "bbox": None, "rule": rule}
    start = max(0, min(start, len(text) - 1))
    page, off = pt.locate(start)
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", max(start, end - 1))
    snippet = text[ls : len(text) if le < 0 else le]
    bbox = None
    if locator is not None and snippet.strip():
        bbox = locator.bbox(page, snippet, hint=off / max(1, len(texts[page])))
    return {"page": page + 1, "bbox": bbox, "rule": rule}


def row_bbox(locator: Locator, page: int, anchor: str) -> tuple[float, float, float, float] | None:
    """The box of the table row holding ``anchor`` (an operation code): between the horizontal
    ruling lines just above and below it when the table is ruled, else the anchor's line box."""
    box = locator.bbox(page, anchor)
    if box is None:
        return None
    try:
        edges = [e for e in locator.doc.plumber_page(page).edges if e.get("orientation") == "h"]
    except Exception:  # no geometry for this page: the line box will do
        return box
    xc = (box[0] + box[2]) / 2
    spanning = [e for e in edges if e["x0"] - 1 <= xc <= e["x1"] + 1]
    above = [e for e in spanning if e["top"] <= box[1] + 1]
    below = [e for e in spanning if e["top"] >= box[3] - 1]
    if not above or not below:
        return box
    top = max(e["top"] for e in above)
    bottom = min(e["top"] for e in below)
    # cell edges at those heights, joined: the row spans the whole table width
    row_edges = [e for e in edges if abs(e["top"] - top) < 0.6 or abs(e["top"] - bottom) < 0.6]
    x0 = min(e["x0"] for e in row_edges)
    x1 = max(e["x1"] for e in row_edges)
    return (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))
