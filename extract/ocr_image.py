"""What a scanned page shows that Tesseract cannot read: dot leaders, erased before OCR.

Lists of grants and tables of contents join a name to its amount with a row of dots
(``Judo club ................ 800 €``).  Tesseract's line recogniser does not read those rows as
text: on the rendered scans it garbled the words beside them (``Judo club`` read ``OO CU anus``,
``ACCA`` read ``Re ne``) or dropped the end of the line with the amount (``Association Familles
rurales ........ 200 €`` read without ``200 €``).  With the dots painted white the same lines
read ``Judo club 800 €`` and ``Association Familles rurales 200 €``.

A leader is a run of at least :data:`MIN_DOTS` small, roughly square blobs of ink on one
baseline, evenly spaced (no gap over :data:`MAX_GAP_SPREAD` times the run's median gap), close
together (each within 1.5 glyph heights of the next) and alone (no ink above them up to a
glyph's height, nor just below: the broken serifs of a faint scanned capital line up too, but
their letters stand below them).  A glyph's dot never makes such a run: the
dots of ``i`` stand at uneven distances, an ellipsis has three, a decimal point one.  Only the
image Tesseract reads is changed; the page OCRmyPDF writes keeps its pixels, and the words keep
their boxes (erasing moves nothing).
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

#: the fewest dots that make a leader (an ellipsis has three)
MIN_DOTS = 5
#: how uneven a leader's spacing may be: largest gap over median gap
MAX_GAP_SPREAD = 2.5
#: a dot is at most this fraction of the page's median glyph height, either way
DOT_SIZE = 0.45

Grey = NDArray[np.uint8]


def _glyph_height(heights: NDArray[np.int32], areas: NDArray[np.int32]) -> float:
    """The median height of the page's blobs that are glyphs rather than grain."""
    big = heights[areas > 30]
    return float(np.median(big)) if big.size else 0.0


def _dots(stats: NDArray[np.int32], glyph_h: float) -> NDArray[np.int64]:
    """Labels of the blobs shaped like a dot: small, square-ish, mostly ink, over 3 pixels."""
    w = stats[:, cv2.CC_STAT_WIDTH]
    h = stats[:, cv2.CC_STAT_HEIGHT]
    a = stats[:, cv2.CC_STAT_AREA]
    limit = glyph_h * DOT_SIZE
    ok = (w <= limit) & (h <= limit) & (w * h >= 4) & (w <= 2.5 * h) & (h <= 2.5 * w) & (a * 5 >= w * h * 2)
    ok[0] = False  # label 0 is the background
    return np.flatnonzero(ok)


def _runs(dots: NDArray[np.int64], centres: NDArray[np.float64], glyph_h: float) -> list[list[int]]:
    """The dots grouped into runs along one baseline, each dot close to the next."""
    runs: list[list[int]] = []
    order = dots[np.argsort(centres[dots, 1], kind="stable")]
    band: list[int] = []
    tol = max(2.0, glyph_h * 0.15)
    for label in [*order.tolist(), -1]:
        if band and (label < 0 or centres[label, 1] - centres[band[-1], 1] > tol):
            band.sort(key=lambda k: centres[k, 0])
            run = [band[0]]
            for k in band[1:]:
                if centres[k, 0] - centres[run[-1], 0] <= glyph_h * 1.5:
                    run.append(k)
                else:
                    runs.append(run)
                    run = [k]
            runs.append(run)
            band = []
        if label >= 0:
            band.append(label)
    return runs


def _alone(run: list[int], stats: NDArray[np.int32], ink: Grey, glyph_h: float) -> bool:
    """No ink above the run, up to a glyph's height, nor just below it: dots on a baseline
    between words, not the broken tops of faint capitals (``RECETTES``) whose bodies stand
    below them."""
    x0 = int(stats[run, 0].min())
    x1 = int((stats[run, 0] + stats[run, 2]).max())
    top = int(stats[run, 1].min())
    bottom = int((stats[run, 1] + stats[run, 3]).max())
    above = ink[max(0, top - round(glyph_h)) : max(0, top - 1), x0:x1]
    below = ink[bottom + 1 : bottom + 1 + round(glyph_h * 0.6), x0:x1]
    return all(not band.size or np.count_nonzero(band) <= band.size * 0.02 for band in (above, below))


def _leader(run: list[int], centres: NDArray[np.float64]) -> bool:
    if len(run) < MIN_DOTS:
        return False
    gaps = np.diff(centres[run, 0])
    median = float(np.median(gaps))
    return median > 0 and float(gaps.max()) <= MAX_GAP_SPREAD * median


def erase_leaders(grey: Grey) -> tuple[Grey, int]:
    """``grey`` (0 ink … 255 paper) with its dot leaders painted white, and how many dots went."""
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = np.asarray(mask, dtype=np.uint8)
    _n, _labels, cc_stats, cc_centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    stats = np.asarray(cc_stats, dtype=np.int32)
    centres = np.asarray(cc_centres, dtype=np.float64)
    glyph_h = _glyph_height(stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_AREA])
    if not glyph_h:
        return grey, 0
    out = grey.copy()
    margin = max(2, round(glyph_h * 0.12))  # the grey fringe a scanner leaves around a dot
    erased = 0
    for run in _runs(_dots(stats, glyph_h), centres, glyph_h):
        if not _leader(run, centres) or not _alone(run, stats, ink, glyph_h):
            continue
        for k in run:
            x, y, w, h = (int(v) for v in stats[k, :4])
            out[max(0, y - margin) : y + h + margin, max(0, x - margin) : x + w + margin] = 255
        erased += len(run)
    return out, erased


def without_leaders(src: Path, dst: Path) -> bool:
    """Write ``src`` to ``dst`` with its dot leaders erased (resolution kept); False, and nothing
    written, when it has none."""
    from PIL import Image

    with Image.open(src) as im:
        dpi = im.info.get("dpi")
        grey = np.asarray(im.convert("L"), dtype=np.uint8)
    cleaned, erased = erase_leaders(grey)
    if not erased:
        return False
    out = Image.fromarray(cleaned)
    if dpi:
        out.save(dst, dpi=dpi)
    else:
        out.save(dst)
    return True
