"""A margin column that OCR ran into the rows, put back before its row as a text layer has it.

Small communes' minutes often print the rapporteur in a left margin column beside each item
("Monsieur / Olivier / ANDRÉ" beside "2- Création d'un poste …").  A text layer holds the column
as its own block, before the row; Tesseract (page segmentation 4, one column of text) reads each
printed line across the page, so the margin's words open the body's lines ("Monsieur 2- Création
…", "SIM Le conseil municipal …") and the item's number is no longer at the start of its line.

On the hOCR, before OCRmyPDF draws the text layer from it: a line whose first words stand apart,
left of where other lines of the page start, is split there; a line of those margin words alone
is a margin line; the margin's words, grouped by their vertical gaps (one block a row), are
written right before the first body line of their row.  A page is changed only when at least two
lines split so and no line of body text starts in the margin over the rows concerned: a page
without a margin column (a grant list whose amounts stand at a tab stop) stays as Tesseract read
it.  No word is added, dropped or changed: only their order and lines.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field

from delib.extract.ocr_words import hocr_text

_PAGE = re.compile(r"<div class=['\"]ocr_page['\"][^>]*bbox (\d+) (\d+) (\d+) (\d+)")
_LINE = re.compile(
    r"^\s*<span class=['\"](?P<cls>ocr_line|ocr_header|ocr_caption|ocr_textfloat|ocr_footer)['\"]"
    r"[^>]*title=\"(?P<title>[^\"]*)\"[^>]*>\s*$"
)
_WORD = re.compile(r"^\s*<span class=['\"]ocrx_word['\"][^>]*bbox (\d+) (\d+) (\d+) (\d+)")
_CLOSE = re.compile(r"^\s*</span>\s*$")
_BBOX = re.compile(r"bbox \d+ \d+ \d+ \d+")
_BASELINE = re.compile(r"baseline (-?[\d.]+) (-?[\d.]+)")

_DIGIT = re.compile(r"\d")
_AMOUNT = re.compile(r"\d[\d \u00a0.]*[,.]\d\d\b|\d\s*€")
#: the gap that sets a margin's words apart from the row's (a share of the page width)
GAP = 0.03
#: a margin column is narrow: its words end before this share of the page width
MARGIN_WIDTH = 0.4
#: margin words on one printed line, at the most ("Mme le", "Monsieur Jean-Pierre")
MARGIN_WORDS = 4
#: how near other lines must start for a row's start to be the body's (share of the page width)
ALIGN = 0.015

Box = tuple[int, int, int, int]


@dataclass
class _Line:
    """One hOCR line: its class, its title (bbox, baseline …) and its words, left to right."""

    cls: str
    title: str
    words: list[tuple[str, Box]] = field(default_factory=list)

    @property
    def box(self) -> Box:
        return (
            min(b[0] for _, b in self.words),
            min(b[1] for _, b in self.words),
            max(b[2] for _, b in self.words),
            max(b[3] for _, b in self.words),
        )

    def part(self, words: list[tuple[str, Box]]) -> _Line:
        """The line made of ``words`` (some of this line's), its bbox and baseline their own."""
        new = _Line(self.cls, self.title, words)
        x1, _, _, y2 = new.box
        title = _BBOX.sub("bbox {} {} {} {}".format(*new.box), self.title)
        b = _BASELINE.search(self.title)
        if b:  # the same baseline, measured from the new box's bottom left corner
            lx1, _, _, ly2 = self.box
            slope, offset = float(b.group(1)), float(b.group(2))
            y = ly2 + offset + slope * (x1 - lx1)
            title = _BASELINE.sub(f"baseline {slope:g} {round(y - y2):d}", title)
        new.title = title
        return new


def _split_at(line: _Line, width: int) -> int:
    """Index of the first body word when ``line`` opens with margin words set apart by a wide gap
    (the surest sign of a margin column), else 0."""
    words = line.words
    if len(words) < 2:
        return 0
    gaps = [words[i + 1][1][0] - words[i][1][2] for i in range(len(words) - 1)]
    i = max(range(len(gaps)), key=gaps.__getitem__)
    others = gaps[:i] + gaps[i + 1 :]
    if (
        gaps[i] < GAP * width
        or i + 1 > MARGIN_WORDS
        or words[i][1][2] > MARGIN_WIDTH * width
        or (len(others) >= 3 and gaps[i] < 3 * statistics.median(others))
    ):
        return 0
    return i + 1


def _page_lines(body: list[str]) -> list[_Line] | None:
    """The lines of a page's hOCR body (None when its layout is not Tesseract's usual one)."""
    lines: list[_Line] = []
    cur: _Line | None = None
    for raw in body:
        m = _LINE.match(raw)
        if m:
            cur = _Line(m.group("cls"), m.group("title"))
            continue
        w = _WORD.match(raw)
        if w:
            if cur is None:
                return None
            box = (int(w.group(1)), int(w.group(2)), int(w.group(3)), int(w.group(4)))
            cur.words.append((raw if raw.endswith("\n") else raw + "\n", box))
            continue
        if cur is not None and _CLOSE.match(raw):
            if cur.words:
                cur.words.sort(key=lambda w: w[1][0])
                lines.append(cur)
            cur = None
    return lines


def _margin(lines: list[_Line], width: int) -> tuple[list[_Line], list[_Line]] | None:
    """(body lines, margin lines) when the page has a margin column, else None."""
    tol = ALIGN * width
    cut = [_split_at(ln, width) for ln in lines]
    start = [ln.words[k][1][0] for ln, k in zip(lines, cut, strict=True)]  # of its body part

    def sure(i: int) -> bool:
        """A wide gap parts words (a name: no digit) from prose (no amount: a table's row label
        and its figures are not a margin and its row), and the prose starts where two other
        lines start too."""
        k, ws = cut[i], lines[i].words
        if not k:
            return False
        if any(_DIGIT.search(hocr_text(w)) for w, _ in ws[:k]) or _AMOUNT.search(
            " ".join(hocr_text(w) for w, _ in ws[k:])
        ):
            return False
        return sum(abs(x - start[i]) <= tol for j, x in enumerate(start) if j != i) >= 2

    picked = [i for i in range(len(lines)) if sure(i)]
    if len(picked) < 2:
        return None
    sures = [lines[i] for i in picked]
    body_x = min(start[i] for i in picked)
    margin_x = statistics.median(ln.box[0] for ln in sures)
    height = statistics.median(ln.box[3] - ln.box[1] for ln in sures)
    top = min(ln.box[1] for ln in sures) - height
    bottom = max(ln.box[3] for ln in sures) + 3 * height
    body: list[_Line] = []
    margin: list[_Line] = []
    crossing = 0
    for ln in lines:
        ws = ln.words
        if (
            not top <= ln.box[1] <= bottom
            or ln.box[0] > body_x - 2 * tol
            or abs(ln.box[0] - margin_x) > 2 * tol
        ):
            body.append(ln)
            continue
        k = next((i for i, (_, b) in enumerate(ws) if b[0] >= body_x - tol), len(ws))
        if (
            any(b[2] >= body_x - tol for _, b in ws[:k])
            or k > MARGIN_WORDS + 2
            or any(_DIGIT.search(hocr_text(w)) for w, _ in ws[:k])
        ):
            crossing += 1  # text runs from the margin into the body: not a margin's words
            body.append(ln)
            continue
        margin.append(ln.part(ws[:k]))
        if k < len(ws):
            body.append(ln.part(ws[k:]))
    if crossing > max(1, len(sures) // 4):
        return None  # body text starts in the margin: no column
    return body, margin


def _ordered(body: list[_Line], margin: list[_Line]) -> list[_Line]:
    """Body lines in order, each margin block before the first body line of its row.  A block is
    a run of margin lines one line pitch apart; the padding between two rows parts blocks."""
    margin.sort(key=lambda ln: ln.box[1])
    tops = sorted(ln.box[1] for ln in body + margin)
    height = statistics.median(ln.box[3] - ln.box[1] for ln in body + margin)
    steps = [b - a for a, b in itertools.pairwise(tops) if 0.5 * height < b - a < 2.5 * height]
    pitch = statistics.median(steps) if steps else 1.5 * height
    blocks: list[list[_Line]] = []
    for ln in margin:
        if blocks and ln.box[1] - blocks[-1][-1].box[1] <= 1.25 * pitch:
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    out: list[_Line] = []
    pending = list(blocks)
    for ln in body:
        while pending and ln.box[3] > pending[0][0].box[1] + 0.3 * height:
            out.extend(pending.pop(0))
        out.append(ln)
    for block in pending:
        out.extend(block)
    return out


def _write(lines: list[_Line]) -> list[str]:
    out = []
    for n, ln in enumerate(lines, 1):
        box = "bbox {} {} {} {}".format(*ln.box)
        out.append(f"   <div class='ocr_carea' id='mblock_{n}' title=\"{box}\">\n")
        out.append(f"    <p class='ocr_par' id='mpar_{n}' lang='fra' title=\"{box}\">\n")
        out.append(f"     <span class='{ln.cls}' id='mline_{n}' title=\"{ln.title}\">\n")
        out.extend(w for w, _ in ln.words)
        out.append("     </span>\n    </p>\n   </div>\n")
    return out


def split_margin(text: str) -> tuple[str, int]:
    """The hOCR ``text`` with a margin column put before its rows, and how many lines were split
    (0: unchanged)."""
    raw = text.splitlines(keepends=True)
    opens = [i for i, r in enumerate(raw) if _PAGE.search(r)]
    end = next((i for i in range(len(raw) - 1, -1, -1) if raw[i].strip() == "</body>"), None)
    if len(opens) != 1 or end is None:
        return text, 0
    page = _PAGE.search(raw[opens[0]])
    assert page is not None
    width = int(page.group(3)) - int(page.group(1))
    close = max(i for i in range(opens[0], end) if raw[i].strip() == "</div>")
    lines = _page_lines(raw[opens[0] + 1 : close])
    found = _margin(lines, width) if lines else None
    if found is None:
        return text, 0
    body, margin = found
    n_split = len(body) + len(margin) - len(lines or [])
    return "".join(raw[: opens[0] + 1] + _write(_ordered(body, margin)) + raw[close:]), n_split
