"""Drawing primitives over a reportlab canvas that remember where they drew.

Every primitive returns a :class:`Box` (1-based page, bbox in pdfplumber
coordinates: x0, top, x1, bottom, origin top-left) so the renderer can write the
provenance of what it printed into the ground truth.

Fonts are TrueType (DejaVu from the system, Vera shipped with reportlab) so that
accents, ``œ``, ``’`` and no-break spaces are embedded with a ToUnicode map and
read back from the text layer.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

try:
    import reportlab
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
except ModuleNotFoundError as exc:  # the generator is a development extra, not a library dependency
    raise ModuleNotFoundError(
        "delib.corpus (the fixture generator) needs reportlab: pip install -e ./corpus (or make install)",
        name=exc.name,
    ) from exc

PORTRAIT = A4
LANDSCAPE = landscape(A4)

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_VERA = Path(os.path.dirname(reportlab.__file__)) / "fonts"

#: family -> (regular file, bold file)
FAMILIES: dict[str, tuple[Path, Path]] = {
    "DejaVuSans": (_DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"),
    "DejaVuSansCondensed": (_DEJAVU / "DejaVuSansCondensed.ttf", _DEJAVU / "DejaVuSansCondensed-Bold.ttf"),
    "DejaVuSerif": (_DEJAVU / "DejaVuSerif.ttf", _DEJAVU / "DejaVuSerif-Bold.ttf"),
    "DejaVuSerifCondensed": (_DEJAVU / "DejaVuSerifCondensed.ttf", _DEJAVU / "DejaVuSerifCondensed-Bold.ttf"),
    "Vera": (_VERA / "Vera.ttf", _VERA / "VeraBd.ttf"),
}


def register_family(family: str) -> tuple[str, str]:
    """Register *family* (regular, bold) once; return the two font names."""
    if family not in FAMILIES:
        raise ValueError(f"unknown font family {family!r}; valid: {', '.join(sorted(FAMILIES))}")
    regular, bold = FAMILIES[family]
    names = (family, f"{family}-Bold")
    for name, path in zip(names, (regular, bold), strict=True):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
    return names


@functools.cache
def _fallbacks(font: str) -> dict[int, str]:
    cmap = pdfmetrics.getFont(font).face.charToGlyph
    space = "\u00a0" if 0xA0 in cmap else " "
    return {cp: space for cp in (0x202F, 0x2009) if cp not in cmap}


def printable(text: str, font: str) -> str:
    """Replace characters the font lacks (Vera has no U+202F) by what a word processor would."""
    table = _fallbacks(font)
    return text.translate(table) if table else text


@functools.lru_cache(maxsize=200_000)
def width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Greedy word wrap on ordinary spaces (never on no-break spaces); keeps explicit newlines."""
    lines: list[str] = []
    space = width(" ", font, size)
    for raw in text.split("\n"):
        words = raw.split(" ")
        current = ""
        current_w = 0.0
        for word in words:
            w = width(word, font, size)
            if not current or current_w + space + w <= max_width:
                current_w = w if not current else current_w + space + w
                current = word if not current else f"{current} {word}"
            else:
                lines.append(current)
                current, current_w = word, w
        lines.append(current)
    # a single word wider than the box is cut by characters, as a spreadsheet would wrap it
    out: list[str] = []
    for line in lines:
        while width(line, font, size) > max_width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and width(line[:cut], font, size) > max_width:
                cut -= 1
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out


@dataclass(frozen=True)
class Box:
    page: int
    bbox: tuple[float, float, float, float]


def union(boxes: list[Box]) -> Box:
    """Union of boxes on the first box's page."""
    first = boxes[0]
    same = [b.bbox for b in boxes if b.page == first.page]
    return Box(
        first.page,
        (
            round(min(b[0] for b in same), 2),
            round(min(b[1] for b in same), 2),
            round(max(b[2] for b in same), 2),
            round(max(b[3] for b in same), 2),
        ),
    )


class Pen:
    """A canvas plus the number and size of the current page."""

    def __init__(self, path: Path, title: str) -> None:
        self.canvas = Canvas(str(path), pagesize=PORTRAIT, invariant=1, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("delib corpus generator")
        self.canvas.setCreator("delib.corpus.render")
        self.page = 0
        self.size: tuple[float, float] = PORTRAIT
        self.footer: str | None = None

    def new_page(self, size: tuple[float, float]) -> None:
        if self.page > 0:
            self.canvas.showPage()
        self.page += 1
        self.size = size
        self.canvas.setPageSize(size)
        if self.footer:
            font = register_family("DejaVuSans")[0]
            text = f"{self.footer} - Page {self.page}"
            self.text(self.width - 20 - width(text, font, 6.5), self.height - 16, text, font, 6.5)

    @property
    def height(self) -> float:
        return float(self.size[1])

    @property
    def width(self) -> float:
        return float(self.size[0])

    def text(self, x: float, y_top: float, text: str, font: str, size: float) -> Box:
        """Draw one line whose top is *y_top* (pdfplumber coordinates); return its box."""
        text = printable(text, font)
        self.canvas.setFont(font, size)
        baseline = self.height - y_top - size * 0.8
        self.canvas.drawString(x, baseline, text)
        w = width(text, font, size)
        return Box(self.page, (round(x, 2), round(y_top, 2), round(x + w, 2), round(y_top + size, 2)))

    def save(self) -> int:
        self.canvas.showPage()
        self.canvas.save()
        return self.page


class Flow:
    """Portrait text flowing down pages between margins."""

    def __init__(self, pen: Pen, font: str, size: float, margin: float = 56.0) -> None:
        self.pen = pen
        self.regular, self.bold = register_family(font)
        self.size = size
        self.margin = margin
        self.y = margin
        self.started = False

    def start(self) -> None:
        self.pen.new_page(PORTRAIT)
        self.y = self.margin
        self.started = True

    @property
    def bottom(self) -> float:
        return self.pen.height - self.margin

    def ensure(self, needed: float) -> None:
        if not self.started or self.y + needed > self.bottom:
            self.start()

    def space(self, points: float) -> None:
        self.y += points

    def para(
        self,
        text: str,
        *,
        bold: bool = False,
        size: float | None = None,
        indent: float = 0.0,
        align: str = "left",
        after: float = 4.0,
        keep: int = 1,
    ) -> Box:
        """Wrap and draw a paragraph; returns the box of its lines on the page where it starts."""
        font = self.bold if bold else self.regular
        size = size or self.size
        leading = size * 1.25
        max_w = self.pen.width - 2 * self.margin - indent
        lines = wrap(printable(text, font), font, size, max_w)
        self.ensure(leading * min(keep, len(lines)))
        boxes: list[Box] = []
        for line in lines:
            self.ensure(leading)
            w = width(line, font, size)
            if align == "center":
                x = (self.pen.width - w) / 2
            elif align == "right":
                x = self.pen.width - self.margin - w
            else:
                x = self.margin + indent
            boxes.append(self.pen.text(x, self.y, line, font, size))
            self.y += leading
        self.y += after
        return union(boxes)

    def grid(
        self, rows: list[list[str]], widths: list[float], *, size: float = 8.0, header: int = 1
    ) -> list[Box]:
        """A ruled table (budget lines); returns the box of each row; keeps rows whole."""
        c = self.pen.canvas
        pad = 2.0
        leading = size * 1.2
        x0 = self.margin
        boxes: list[Box] = []
        for r, row in enumerate(rows):
            font = self.bold if r < header else self.regular
            cells = [
                wrap(printable(t, font), font, size, w - 2 * pad) for t, w in zip(row, widths, strict=True)
            ]
            h = max(len(cl) for cl in cells) * leading + 2 * pad
            self.ensure(h)
            top = self.y
            x = x0
            for lines, w in zip(cells, widths, strict=True):
                c.setLineWidth(0.5)
                c.rect(x, self.pen.height - top - h, w, h, stroke=1, fill=0)
                ty = top + pad + (h - 2 * pad - len(lines) * leading) / 2
                for line in lines:
                    lw = width(line, font, size)
                    self.pen.text(x + (w - lw) / 2, ty, line, font, size)
                    ty += leading
                x += w
            boxes.append(Box(self.pen.page, (round(x0, 2), round(top, 2), round(x, 2), round(top + h, 2))))
            self.y += h
        self.y += 6
        return boxes
