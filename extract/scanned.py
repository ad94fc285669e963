"""Which pages of a PDF have no usable text layer (scans, maybe stamped): decided by area.

A page has no usable text layer when images cover a large part of it and the text it carries
covers almost none of it (a préfecture's stamp, a few words of a header on a scan).  The decision
compares areas, never the mere presence of characters.  ``Document.require_text_layer`` asks it
before any reading; ``extract/ocr.py`` OCRs the pages it names.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

#: a page is a scan when images cover at least this share of it ...
IMAGE_SHARE = 0.3
#: ... and its text covers less than this share (a stamp, a header line)
TEXT_SHARE = 0.01
#: a page whose text layer holds this many characters (spaces aside) has a usable one, whatever
#: images it carries: its areas are not even measured
TEXT_PAGE_CHARS = 600


# --------------------------------------------------------------------------
@dataclass(frozen=True)
class PageLayer:
    """How much of a page its images and its text cover (shares of the page area)."""

    index: int  # 0-based
    image_share: float
    text_share: float

    @property
    def needs_ocr(self) -> bool:
        return self.image_share >= IMAGE_SHARE and self.text_share < TEXT_SHARE


def _clip_area(box: tuple[float, float, float, float], width: float, height: float) -> float:
    left, bottom, right, top = box
    w = min(right, width) - max(left, 0.0)
    h = min(top, height) - max(bottom, 0.0)
    return max(w, 0.0) * max(h, 0.0)


def page_layers(pdf: Any, max_rects: int = 5000, only: Iterable[int] | None = None) -> list[PageLayer]:
    """Image and text cover of every page (or of the pages ``only``) of an open pypdfium2 document."""
    import pypdfium2.raw as pdfium_c

    out = []
    for i in range(len(pdf)) if only is None else only:
        page = pdf[i]
        try:
            width, height = page.get_size()
            area = max(width * height, 1.0)
            images = sum(
                _clip_area(obj.get_bounds(), width, height)
                for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,))
            )
            text = 0.0
            if images / area >= IMAGE_SHARE:  # the text boxes are only needed on pages with images
                tp = page.get_textpage()
                try:  # pdfium's text rectangles: runs of characters on a line, spaces left out
                    for r in range(min(tp.count_rects(), max_rects)):
                        text += _clip_area(tp.get_rect(r), width, height)
                finally:
                    tp.close()
            else:
                text = area  # no scan here: the text layer (or its absence) is what the page is
        finally:
            page.close()
        out.append(PageLayer(i, min(images / area, 1.0), min(text / area, 1.0)))
    return out


def scanned_pages(pdf: Any, texts: Sequence[str] | None = None) -> list[int]:
    """0-based indexes of the pages without a usable text layer.

    ``texts`` (the text layer of each page), when given, spares measuring the pages that hold a
    page's worth of text.
    """
    only = None
    if texts is not None:
        only = [i for i, t in enumerate(texts) if sum(not c.isspace() for c in t) < TEXT_PAGE_CHARS]
    return [p.index for p in page_layers(pdf, only=only) if p.needs_ocr]
