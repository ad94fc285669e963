"""Ruled tables read from page geometry: ruling lines -> grid -> merged cells -> cell text.

Spreadsheets printed to PDF draw every cell border as a thin filled rectangle
or a stroked line.  Reading a table from those lines keeps what a reading of
the text layer line by line loses: which row a vertically merged cell (a
territory, an operation label written at 90°) belongs to, and where one column
ends and the next begins when two cells print side by side.

The geometry comes from pypdfium2 (path objects and character boxes), which
reads a page about ten times faster than pdfminer/pdfplumber does and renders
nothing.  Coordinates are converted to pdfplumber's convention (points, origin
top-left) so that bboxes are comparable with every other reader.

Algorithm, per page:

1. ruling segments: stroked path segments, thin filled rectangles (a cell
   border), sides of coloured filled rectangles (shaded cells); white fills and
   curves are ignored;
2. segments that touch are grouped; a group with at least two horizontal and
   two vertical lines is a table;
3. the table's distinct x and y positions make an atomic grid; two neighbouring
   atomic cells belong to one merged cell when no ruling line separates them
   (union-find), which gives every merged cell its true geometry;
4. every visible character is put in the atomic cell that holds its centre; the
   text of a merged cell is rebuilt line by line, rotated text in reading order.
   A character the PDF clips away (a cell's overflow, a label drawn whole in each
   part of a cell cut by a page break) or draws off the page belongs to no cell
   it lies on: a hidden part of a rotated label goes with the visible rest of
   it, any other hidden character is dropped.
"""

from __future__ import annotations

import ctypes
import math
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pypdfium2.raw as pdfium_c

from delib.extract.table_text import Char, cell_lines, cell_text_lines, join_cell_lines

#: positions closer than this (points) are one ruling line.
SNAP = 2.0
#: a filled rectangle thinner than this (points) is a ruling line, not a box.
THIN = 3.0
#: a line segment shorter than this is noise (glyph parts drawn as paths).
MIN_SEGMENT = 4.0
#: two segments closer than this at their ends touch.
TOUCH = 2.5


@dataclass(frozen=True, slots=True)
class Segment:
    """A horizontal (``h``: at y=pos from start to end in x) or vertical ruling segment."""

    orientation: str
    pos: float
    start: float
    end: float


@dataclass(slots=True)
class PageGeometry:
    index: int
    width: float
    height: float
    chars: list[Char]
    segments: list[Segment]


@dataclass(slots=True)
class Cell:
    """A merged cell: atomic column range [col0, col1) and row range [row0, row1)."""

    x0: float
    top: float
    x1: float
    bottom: float
    col0: int
    col1: int
    row0: int
    row1: int
    chars: list[Char] = field(default_factory=list)
    known_words: frozenset[str] = frozenset()
    _text: str | None = None

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def text(self) -> str:
        """The cell's text, wrapped lines joined by one space."""
        if self._text is None:
            self._text = join_cell_lines(
                cell_text_lines(self.chars), self.x1 - self.x0, self.bottom - self.top, self.known_words
            )
        return self._text

    @property
    def lines(self) -> list[str]:
        return cell_lines(self.chars)


@dataclass(slots=True)
class RuledTable:
    """A table found on one page: atomic grid positions and its merged cells."""

    page_index: int
    xs: list[float]
    ys: list[float]
    cells: list[Cell]
    grid: list[list[int]]  # grid[row][col] -> index in cells

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def cell_at(self, row: int, col: int) -> Cell:
        return self.cells[self.grid[row][col]]

    def cols_overlapping(self, x0: float, x1: float) -> list[int]:
        """Atomic columns whose centre lies in [x0, x1]."""
        return [c for c in range(self.n_cols) if x0 - 0.5 <= (self.xs[c] + self.xs[c + 1]) / 2 <= x1 + 0.5]

    def row_cells(self, row: int) -> list[Cell]:
        """Distinct merged cells crossing atomic row ``row``, left to right."""
        seen: list[int] = []
        for c in range(self.n_cols):
            i = self.grid[row][c]
            if i not in seen:
                seen.append(i)
        return [self.cells[i] for i in seen]


# --------------------------------------------------------------------------
# page geometry from pypdfium2
# --------------------------------------------------------------------------

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """Matrix of ``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _obj_matrix(obj: Any) -> _Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _color(getter: Any, obj: Any) -> tuple[int, int, int, int] | None:
    r, g, b, a = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())
    if not getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return None
    return (r.value, g.value, b.value, a.value)


@dataclass(frozen=True, slots=True)
class _View:
    """PDF user space (origin bottom-left) -> the page as displayed (origin top-left, /Rotate applied)."""

    width: float  # unrotated page width and height
    height: float
    rotation: int  # clockwise, 0/90/180/270

    def pt(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.width - x, y
        if self.rotation == 270:
            return self.height - y, self.width - x
        return x, self.height - y

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        ax, ay = self.pt(x0, y0)
        bx, by = self.pt(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _is_invisible(color: tuple[int, int, int, int] | None) -> bool:
    """White (or transparent) paint draws no visible line on a white page."""
    if color is None:
        return False
    r, g, b, a = color
    return a == 0 or min(r, g, b) >= 250


def _path_lines(obj: Any, matrix: _Matrix) -> Iterator[tuple[float, float, float, float]]:
    """Straight pieces of a path in page space (PDF bottom-left coordinates)."""
    a, b, c, d, e, f = matrix
    n = pdfium_c.FPDFPath_CountSegments(obj)
    x = ctypes.c_float()
    y = ctypes.c_float()
    start: tuple[float, float] | None = None
    cur: tuple[float, float] | None = None
    for k in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        px, py = x.value * a + y.value * c + e, x.value * b + y.value * d + f
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = cur = (px, py)
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and cur is not None:
            yield (cur[0], cur[1], px, py)
            cur = (px, py)
        else:  # bezier: not a ruling line
            cur = (px, py)
        if pdfium_c.FPDFPathSegment_GetClose(seg) and cur is not None and start is not None:
            if cur != start:
                yield (cur[0], cur[1], start[0], start[1])
            cur = start


def _thin_segment(left: float, top: float, right: float, bottom: float) -> Iterator[Segment]:
    """The ruling line along the long side of a thin box."""
    if right - left >= bottom - top:
        if right - left >= MIN_SEGMENT:
            yield Segment("h", (top + bottom) / 2, left, right)
    elif bottom - top >= MIN_SEGMENT:
        yield Segment("v", (left + right) / 2, top, bottom)


def _segments_of_path(obj: Any, parent: _Matrix, view: _View, top_level: bool) -> Iterator[Segment]:
    fill_mode = ctypes.c_int()
    stroke = ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke))
    stroked = bool(stroke.value) and not _is_invisible(_color(pdfium_c.FPDFPageObj_GetStrokeColor, obj))
    filled = fill_mode.value != 0 and not _is_invisible(_color(pdfium_c.FPDFPageObj_GetFillColor, obj))
    if not stroked and not filled:
        return
    if top_level and not stroked:
        # fast path: a filled path whose page-space bounds are thin is one ruling line (a border
        # drawn as a thin filled rectangle); its pieces need not be read.  (Stroked bounds include
        # the pen width, so stroked lines are read piece by piece, exactly.)
        b = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
        if pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in b)):
            left, top, right, bottom = view.box(b[0].value, b[1].value, b[2].value, b[3].value)
            if right - left < THIN or bottom - top < THIN:
                yield from _thin_segment(left, top, right, bottom)
                return
    matrix = _compose(_obj_matrix(obj), parent)
    lines = [(*view.pt(x0, y0), *view.pt(x1, y1)) for x0, y0, x1, y1 in _path_lines(obj, matrix)]
    if not lines:
        return
    xs = [v for ln in lines for v in (ln[0], ln[2])]
    ys = [v for ln in lines for v in (ln[1], ln[3])]
    left, right, top, bottom = min(xs), max(xs), min(ys), max(ys)
    if filled and not stroked and (right - left < THIN or bottom - top < THIN):
        yield from _thin_segment(left, top, right, bottom)
        return
    for x0, y0, x1, y1 in lines:
        if abs(y1 - y0) < 0.5 and abs(x1 - x0) >= MIN_SEGMENT:
            yield Segment("h", (y0 + y1) / 2, min(x0, x1), max(x0, x1))
        elif abs(x1 - x0) < 0.5 and abs(y1 - y0) >= MIN_SEGMENT:
            yield Segment("v", (x0 + x1) / 2, min(y0, y1), max(y0, y1))


def _walk_objects(
    container: Any, n: int, get: Any, parent: _Matrix, depth: int, kind_wanted: int
) -> Iterator[tuple[Any, _Matrix, int]]:
    """Objects of one kind with the matrix of their container to page space, and their depth in forms."""
    for k in range(n):
        obj = get(container, k)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == kind_wanted:
            yield obj, parent, depth
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
            m = _compose(_obj_matrix(obj), parent)
            yield from _walk_objects(
                obj,
                pdfium_c.FPDFFormObj_CountObjects(obj),
                pdfium_c.FPDFFormObj_GetObject,
                m,
                depth + 1,
                kind_wanted,
            )


def _page_objects(page: Any, kind: int) -> Iterator[tuple[Any, _Matrix, int]]:
    raw_page = page.raw
    n = pdfium_c.FPDFPage_CountObjects(raw_page)
    return _walk_objects(raw_page, n, pdfium_c.FPDFPage_GetObject, _IDENTITY, 0, kind)


def page_segments(page: Any, view: _View) -> list[Segment]:
    """Ruling segments of a pypdfium2 page, in displayed-page coordinates."""
    out: list[Segment] = []
    for obj, parent, depth in _page_objects(page, pdfium_c.FPDF_PAGEOBJ_PATH):
        out.extend(_segments_of_path(obj, parent, view, depth == 0))
    return out


def _char_codes(tp: Any, n: int) -> list[int]:
    """Unicode of every character index, read in one call (one call per char if surrogates)."""
    buf = (ctypes.c_ushort * (n + 1))()
    written = pdfium_c.FPDFText_GetText(tp, 0, n, buf)
    codes = list(buf[:n])
    if written != n + 1 or any(0xD800 <= c <= 0xDFFF for c in codes):
        codes = [pdfium_c.FPDFText_GetUnicode(tp, k) for k in range(n)]
    return codes


_Box = tuple[float, float, float, float]
#: a text object drawn without clipping (or whose clip pdfium found it wholly inside of)
_NO_CLIP: _Box = (-math.inf, -math.inf, math.inf, math.inf)


def _turned_text_boxes(page: Any, clips: dict[int, _Box]) -> tuple[list[_Box], bool]:
    """PDF-space boxes of the text objects not written left to right (rotated labels): only the
    characters inside them need their own text matrix read; and whether any text object of the
    page is cut by a clip (else no character's clip needs reading).

    Text inside form XObjects is never taken as clipped (its clip is not in page space): it is
    entered in ``clips`` as unclipped."""
    out = []
    clipped = False
    b = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
    for obj, parent, depth in _page_objects(page, pdfium_c.FPDF_PAGEOBJ_TEXT):
        if depth:
            clips[ctypes.cast(obj, ctypes.c_void_p).value or 0] = _NO_CLIP
        elif not clipped:
            clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
            clipped = bool(clip) and pdfium_c.FPDFClipPath_CountPaths(clip) > 0
        a, bb, _c, _d, _e, _f = _compose(_obj_matrix(obj), parent)
        if abs(bb) <= 1e-6 and a >= 0:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in b)):
            out.append(_NO_CLIP)  # unknown: read every char's matrix
            continue
        pa, pb, pc, pd, pe, pf = parent
        corners = [(x, y) for x in (b[0].value, b[2].value) for y in (b[1].value, b[3].value)]
        xs = [x * pa + y * pc + pe for x, y in corners]
        ys = [x * pb + y * pd + pf for x, y in corners]
        out.append((min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1))
    return out, clipped


def _clip_box(obj: Any) -> _Box:
    """PDF-space box a page object is clipped to (intersection of its clip paths).

    pdfium drops a clip that holds the whole object, so a clip is only met on objects that it
    cuts: the overflow of a cell that a spreadsheet draws whole and clips to the cell."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return _NO_CLIP
    x, y = ctypes.c_float(), ctypes.c_float()
    box = _NO_CLIP
    for p in range(max(pdfium_c.FPDFClipPath_CountPaths(clip), 0)):
        xs: list[float] = []
        ys: list[float] = []
        for k in range(max(pdfium_c.FPDFClipPath_CountPathSegments(clip, p), 0)):
            seg = pdfium_c.FPDFClipPath_GetPathSegment(clip, p, k)
            if seg and pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
                ys.append(y.value)
        if xs:
            box = (max(box[0], min(xs)), max(box[1], min(ys)), min(box[2], max(xs)), min(box[3], max(ys)))
    return box


def _visible(tp: Any, k: int, cx: float, cy: float, clips: dict[int, _Box]) -> bool:
    """Is the centre of character ``k`` (PDF space) inside the clip of its text object?"""
    obj = pdfium_c.FPDFText_GetTextObject(tp, k)
    if not obj:
        return True
    key = ctypes.cast(obj, ctypes.c_void_p).value or 0
    box = clips.get(key)
    if box is None:
        box = clips[key] = _clip_box(obj)
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


#: how far (in characters, each way) a hidden character of a rotated line looks for its visible part
_ANCHOR_REACH = 400


def _anchor_hidden(chars: list[Char]) -> None:
    """Tie each hidden character of a rotated line to a visible character drawn with it.

    A spreadsheet draws a rotated label whole and clips it to its cell; when the cell is cut by
    a page break, each page draws the whole label again and shows only its part.  The hidden
    characters belong to the label of the cell that shows the rest of it (never to the cell they
    happen to lie on): the nearest visible character of the same line (same angle, same
    position across the line), else of the same run of rotated characters (the label drawn
    just before, its earlier lines).
    """
    n = len(chars)
    for i, ch in enumerate(chars):
        if not ch.hidden or ch.upright:
            continue
        run: list[int] = []
        for step in (-1, 1):
            j = i + step
            # a label is a few hundred characters at most: a whole page turned by its content
            # (no /Rotate) is not searched end to end for each hidden character
            stop = i + step * _ANCHOR_REACH
            while j != stop and 0 <= j < n and not chars[j].upright and abs(chars[j].angle - ch.angle) < 5.0:
                if not chars[j].hidden:
                    run.append(j)
                j += step
        if not run:
            continue
        tol = 0.45 * max(ch.size, 1.0)
        vertical = abs(math.sin(math.radians(ch.angle))) > 0.7  # lines run up or down the page
        same_line = [
            j for j in run if abs((chars[j].cx - ch.cx) if vertical else (chars[j].cy - ch.cy)) <= tol
        ]
        pool = same_line or [j for j in run if j < i] or run
        ch.anchor = min(pool, key=lambda j: abs(j - i))


def _place_ligature_parts(chars: list[Char]) -> None:
    """Put back on their line the parts of a ligature drawn in a rotated line.

    pdfium splits a ligature glyph (``ﬁ`` -> ``f``, ``i``) but boxes its parts as if the glyph
    were upright, away from the rotated line it is printed in (Chromium writes ``ﬁ`` in a
    label turned by 90°): read by position, ``bénéficiaires`` would lose its ``fi``.  A run of
    at most three characters met, in text order, between two characters of one vertical line
    and lying off that line (letters only: a space may sit anywhere, the gap says it) takes the
    line's gap between those two characters.
    """
    i = 1
    while i < len(chars) - 1:
        prev = chars[i - 1]
        j = i
        while j < len(chars) and j - i < 3 and chars[j].text.isalpha() and not _on_line(chars[j], prev):
            j += 1
        if j == i or j >= len(chars) or (j - i >= 3 and not _on_line(chars[j], prev)):
            i += 1
            continue
        nxt = chars[j]
        vertical = abs(prev.angle - 90.0) < 5.0 or abs(prev.angle - 270.0) < 5.0
        if not vertical or abs(nxt.angle - prev.angle) >= 5.0:
            i = j + 1
            continue
        up = abs(prev.angle - 90.0) < 5.0
        lo, hi = (nxt.bottom, prev.top) if up else (prev.bottom, nxt.top)
        if hi - lo <= 0.5:
            i = j + 1
            continue
        step = (hi - lo) / (j - i)
        for k in range(i, j):
            n = k - i
            top, bottom = (hi - (n + 1) * step, hi - n * step) if up else (lo + n * step, lo + (n + 1) * step)
            c = chars[k]
            chars[k] = Char(c.text, prev.x0, top, prev.x1, bottom, prev.size, prev.angle, prev.hidden)
        i = j + 1


def _on_line(c: Char, ref: Char) -> bool:
    """Is ``c`` a character of the vertical rotated line of ``ref`` (same column, same angle)?"""
    return not ref.upright and abs(c.angle - ref.angle) < 5.0 and c.x0 < ref.x1 and c.x1 > ref.x0


def page_chars(page: Any, view: _View) -> list[Char]:
    """Characters of a pypdfium2 page in displayed-page coordinates (generated spaces left out).

    Characters clipped away by the PDF or lying off the page are kept, marked ``hidden`` (see
    ``_anchor_hidden``): they say nothing about where they lie, only about the text they belong to.
    """
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        n = pdfium_c.FPDFText_CountChars(tp)
        out: list[Char] = []
        left, bottom, right, top = (
            ctypes.c_double(),
            ctypes.c_double(),
            ctypes.c_double(),
            ctypes.c_double(),
        )
        rect = pdfium_c.FS_RECTF()
        matrix = pdfium_c.FS_MATRIX()
        codes = _char_codes(tp, n)
        clips: dict[int, _Box] = {}
        turned, clipped = _turned_text_boxes(page, clips)
        upright = -float(view.rotation) % 360.0
        shown_w, shown_h = (
            (view.height, view.width) if view.rotation in (90, 270) else (view.width, view.height)
        )
        for k in range(n):
            code = codes[k]
            if code == 0xFFFE and pdfium_c.FPDFText_GetUnicode(tp, k) == 2:
                code = 2  # a hyphen printed at the end of a line (U+0002, U+FFFE in bulk text)
            if code in (0, 10, 13, 0xFFFE):
                continue
            if code in (32, 0xA0) and pdfium_c.FPDFText_IsGenerated(tp, k) == 1:
                continue
            text = "-" if code == 2 else chr(code)
            if pdfium_c.FPDFText_GetLooseCharBox(tp, k, ctypes.byref(rect)):
                x0, x1 = min(rect.left, rect.right), max(rect.left, rect.right)
                y0, y1 = min(rect.bottom, rect.top), max(rect.bottom, rect.top)
            elif pdfium_c.FPDFText_GetCharBox(
                tp, k, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top)
            ):
                x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
            else:
                continue
            # direction of the text line on the displayed page, counter-clockwise: 90 reads upwards.
            # The loose box of a small glyph (an apostrophe) may stick out of its text object's
            # tight bounds: any overlap with a turned object asks for the character's own matrix.
            angle = upright
            if turned and (
                any(
                    x0 <= x_hi and x1 >= x_lo and y0 <= y_hi and y1 >= y_lo
                    for x_lo, y_lo, x_hi, y_hi in turned
                )
                and pdfium_c.FPDFText_GetMatrix(tp, k, ctypes.byref(matrix))
                and (abs(matrix.b) > 1e-6 or matrix.a < 0)
            ):
                angle = (math.degrees(math.atan2(matrix.b, matrix.a)) - view.rotation) % 360.0
            size = pdfium_c.FPDFText_GetFontSize(tp, k)
            left_, top_, right_, bottom_ = view.box(x0, y0, x1, y1)
            # off the page: wholly outside it (a glyph cut by the edge is still read)
            off_page = right_ < 0 or left_ > shown_w or bottom_ < 0 or top_ > shown_h
            hidden = off_page or (clipped and not _visible(tp, k, (x0 + x1) / 2, (y0 + y1) / 2, clips))
            out.append(Char(text, left_, top_, right_, bottom_, size, angle, hidden))
        _place_ligature_parts(out)
        _anchor_hidden(out)
        return out
    finally:
        textpage.close()


def read_geometry(pdfium_doc: Any, index: int) -> PageGeometry:
    """Characters and ruling segments of page ``index`` of an open pypdfium2 document."""
    page = pdfium_doc[index]
    try:
        width, height = page.get_size()  # PDF space, before /Rotate
        rotation = page.get_rotation() % 360
        view = _View(width, height, rotation)
        if rotation in (90, 270):
            width, height = height, width
        return PageGeometry(index, width, height, page_chars(page, view), page_segments(page, view))
    finally:
        page.close()


# --------------------------------------------------------------------------
# grid and merged cells
# --------------------------------------------------------------------------


def _cluster(values: Iterable[float], tol: float = SNAP) -> list[float]:
    """Sorted distinct positions, values closer than ``tol`` averaged into one."""
    vals = sorted(values)
    groups: list[list[float]] = []
    for v in vals:
        if groups and v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _touch(h: Segment, v: Segment) -> bool:
    return h.start - TOUCH <= v.pos <= h.end + TOUCH and v.start - TOUCH <= h.pos <= v.end + TOUCH


def merge_collinear(segments: Sequence[Segment]) -> list[Segment]:
    """Pieces of one ruling line (a border drawn cell by cell) joined into one segment each."""
    out: list[Segment] = []
    for orientation in ("h", "v"):
        same = sorted((s for s in segments if s.orientation == orientation), key=lambda s: s.pos)
        lines: list[list[Segment]] = []
        for seg in same:
            if lines and seg.pos - lines[-1][-1].pos <= SNAP:
                lines[-1].append(seg)
            else:
                lines.append([seg])
        for line in lines:
            pos = sum(seg.pos for seg in line) / len(line)
            line.sort(key=lambda seg: seg.start)
            start, end = line[0].start, line[0].end
            for seg in line[1:]:
                if seg.start <= end + TOUCH:
                    end = max(end, seg.end)
                else:
                    out.append(Segment(orientation, pos, start, end))
                    start, end = seg.start, seg.end
            out.append(Segment(orientation, pos, start, end))
    return out


def group_segments(segments: Sequence[Segment]) -> list[list[Segment]]:
    """Groups of (merged) ruling lines connected by crossings or touching ends."""
    hs = [s for s in segments if s.orientation == "h"]
    vs = [s for s in segments if s.orientation == "v"]
    uf = _UnionFind(len(hs) + len(vs))
    vs_sorted = sorted(range(len(vs)), key=lambda k: vs[k].pos)
    v_pos = [vs[k].pos for k in vs_sorted]
    for i, h in enumerate(hs):
        lo = bisect_right(v_pos, h.start - TOUCH - 1e-9)
        for idx in range(lo, len(v_pos)):
            if v_pos[idx] > h.end + TOUCH:
                break
            j = vs_sorted[idx]
            if _touch(h, vs[j]):
                uf.union(i, len(hs) + j)
    groups: dict[int, list[Segment]] = {}
    for k, s in enumerate([*hs, *vs]):
        groups.setdefault(uf.find(k), []).append(s)
    return list(groups.values())


def _covered(spans: Sequence[tuple[float, float]], a: float, b: float) -> bool:
    """Is the stretch [a, b] drawn by one of the ``spans`` of a ruling line (checked at its middle)?"""
    mid = (a + b) / 2
    reach = max(1.0, (b - a) * 0.25)
    lo, hi = mid - reach + 1e-6, mid + reach - 1e-6
    return any(start <= lo and end >= hi for start, end in spans)


def _spans_at(segs: Sequence[Segment], positions: Sequence[float]) -> list[list[tuple[float, float]]]:
    return [[(s.start, s.end) for s in segs if abs(s.pos - p) <= SNAP] for p in positions]


def build_table(page_index: int, segs: Sequence[Segment]) -> RuledTable | None:
    hs = [s for s in segs if s.orientation == "h"]
    vs = [s for s in segs if s.orientation == "v"]
    if not hs or not vs:
        return None
    # a table cut by a page break has no border on its open side: the other
    # direction's lines still end there, so their ends bound it.
    xs = _cluster([*(s.pos for s in vs), min(s.start for s in hs), max(s.end for s in hs)])
    ys = _cluster([*(s.pos for s in hs), min(s.start for s in vs), max(s.end for s in vs)])
    if len(xs) < 2 or len(ys) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    v_at, h_at = _spans_at(vs, xs), _spans_at(hs, ys)
    uf = _UnionFind(n_rows * n_cols)
    for r in range(n_rows):
        for c in range(n_cols):
            k = r * n_cols + c
            if c + 1 < n_cols and not _covered(v_at[c + 1], ys[r], ys[r + 1]):
                uf.union(k, k + 1)
            if r + 1 < n_rows and not _covered(h_at[r + 1], xs[c], xs[c + 1]):
                uf.union(k, k + n_cols)
    index: dict[int, int] = {}
    cells: list[Cell] = []
    grid = [[0] * n_cols for _ in range(n_rows)]
    for r in range(n_rows):
        for c in range(n_cols):
            root = uf.find(r * n_cols + c)
            i = index.get(root)
            if i is None:
                i = index[root] = len(cells)
                cells.append(Cell(xs[c], ys[r], xs[c + 1], ys[r + 1], c, c + 1, r, r + 1))
            else:
                cell = cells[i]
                cell.col0, cell.col1 = min(cell.col0, c), max(cell.col1, c + 1)
                cell.row0, cell.row1 = min(cell.row0, r), max(cell.row1, r + 1)
                cell.x0, cell.x1 = xs[cell.col0], xs[cell.col1]
                cell.top, cell.bottom = ys[cell.row0], ys[cell.row1]
            grid[r][c] = i
    return RuledTable(page_index, xs, ys, cells, grid)


def find_tables(
    geom: PageGeometry, min_rows: int = 2, min_cols: int = 2, known_words: frozenset[str] = frozenset()
) -> tuple[list[RuledTable], list[Char]]:
    """Ruled tables of a page (top to bottom) with their text, and the chars outside every table.

    ``known_words`` (see ``vocabulary``) lets cell text rejoin words a narrow cell cut in two.
    """
    tables: list[RuledTable] = []
    for group in group_segments(merge_collinear(geom.segments)):
        n_h = sum(1 for s in group if s.orientation == "h")
        if n_h < min_rows or len(group) - n_h < min_cols:
            continue
        table = build_table(geom.index, group)
        if table is not None and table.n_rows >= min_rows and table.n_cols >= min_cols:
            for cell in table.cells:
                cell.known_words = known_words
            tables.append(table)
    tables.sort(key=lambda t: (t.ys[0], t.xs[0]))
    outside: list[Char] = []
    owner: dict[int, Cell] = {}  # visible character index -> its cell
    for k, ch in enumerate(geom.chars):
        if ch.hidden:
            continue
        cx, cy = ch.cx, ch.cy
        for t in tables:
            if t.xs[0] <= cx <= t.xs[-1] and t.ys[0] <= cy <= t.ys[-1]:
                c = min(max(bisect_right(t.xs, cx) - 1, 0), t.n_cols - 1)
                r = min(max(bisect_right(t.ys, cy) - 1, 0), t.n_rows - 1)
                cell = owner[k] = t.cell_at(r, c)
                cell.chars.append(ch)
                break
        else:
            outside.append(ch)
    # a hidden character joins the cell that shows the rest of its line; otherwise it is dropped
    for ch in geom.chars:
        if ch.hidden and ch.anchor in owner:
            owner[ch.anchor].chars.append(ch)
    if owner and any(not ch.upright for ch in outside):
        outside = _join_overflowing(geom.chars, owner, outside)
    return tables, outside


def _join_overflowing(chars: list[Char], owner: dict[int, Cell], outside: list[Char]) -> list[Char]:
    """Give a rotated label running out of the grid back to its cell; the other chars stay outside.

    A browser draws a rotated label whole in the first part of a cell cut by a page break, so
    the end of a label longer than that part lies below the table: its characters belong to the
    cell holding the rest of their line (same angle, same line, drawn with it), not to the page.
    """
    index = {id(ch): k for k, ch in enumerate(chars)}
    kept: list[Char] = []
    for ch in outside:
        k = index[id(ch)]
        j = None if ch.upright else _owned_neighbour(chars, k, owner)
        if j is None:
            kept.append(ch)
        else:
            owner[j].chars.append(ch)
    return kept


def _owned_neighbour(chars: list[Char], k: int, owner: dict[int, Cell]) -> int | None:
    """The nearest character, in drawing order, of the rotated line of ``chars[k]`` that lies in a cell."""
    ch = chars[k]
    tol = 0.45 * max(ch.size, 1.0)
    vertical = abs(math.sin(math.radians(ch.angle))) > 0.7
    best: int | None = None
    for step in (-1, 1):
        j = k + step
        stop = k + step * _ANCHOR_REACH
        while j != stop and 0 <= j < len(chars) and not chars[j].upright:
            other = chars[j]
            if abs(other.angle - ch.angle) >= 5.0:
                break
            across = (other.cx - ch.cx) if vertical else (other.cy - ch.cy)
            if j in owner and abs(across) <= tol:
                if best is None or abs(j - k) < abs(best - k):
                    best = j
                break
            j += step
    return best
