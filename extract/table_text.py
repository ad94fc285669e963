"""Text from positioned characters: cell text (wrapped and rotated lines), words cut by narrow
cells, lines outside tables, and the phrases of a table printed without borders.

Characters come from ``delib.extract.tables`` (pypdfium2, top-left coordinates); nothing here
reads a PDF.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Char:
    """One character with its box in top-left coordinates; ``angle`` in degrees (0 = upright)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    angle: float
    #: drawn but not visible: clipped away by the PDF (a cell's overflow) or off the page
    hidden: bool = False
    #: for a hidden character of a rotated line, the index (in the page's character list) of a
    #: visible character drawn with it: the cell that shows part of the line owns all of it
    anchor: int = -1

    @property
    def upright(self) -> bool:
        return abs(self.angle) < 5.0 or abs(self.angle - 360.0) < 5.0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def _join(chars: Sequence[Char], along: str) -> str:
    """Characters of one line, in reading order, with spaces where the gap is wide."""
    out: list[str] = []
    prev: Char | None = None
    for ch in chars:
        if prev is not None and not ch.text.isspace() and not prev.text.isspace():
            if along == "x":
                gap = ch.x0 - prev.x1
            elif along == "up":
                gap = prev.top - ch.bottom
            else:
                gap = ch.top - prev.bottom
            if gap > 0.18 * max(ch.size, prev.size, 1.0):
                out.append(" ")
        out.append(" " if ch.text.isspace() else ch.text)
        prev = ch
    return " ".join("".join(out).split())


def _lines_by(chars: list[Char], key: Any, tol: float) -> list[list[Char]]:
    groups: list[list[Char]] = []
    centres: list[float] = []
    for ch in sorted(chars, key=key):
        v = key(ch)
        if groups and abs(v - centres[-1]) <= tol:
            groups[-1].append(ch)
            centres[-1] = (centres[-1] * (len(groups[-1]) - 1) + v) / len(groups[-1])
        else:
            groups.append([ch])
            centres.append(v)
    return groups


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of a cell in reading order; ``length`` is measured along the reading direction."""

    text: str
    length: float
    size: float
    rotated: bool


def _line_record(group: list[Char], rotated: bool, up: bool) -> TextLine | None:
    if rotated:
        ordered = sorted(group, key=(lambda c: -c.bottom) if up else (lambda c: c.top))
        text = _join(ordered, "up" if up else "down")
        length = max(c.bottom for c in group) - min(c.top for c in group)
    else:
        text = _join(sorted(group, key=lambda c: c.x0), "x")
        length = max(c.x1 for c in group) - min(c.x0 for c in group)
    if not text:
        return None
    return TextLine(text, length, max(c.size for c in group), rotated)


def cell_text_lines(chars: Sequence[Char]) -> list[TextLine]:
    """Text lines of a cell: upright lines top to bottom, then rotated lines in reading order."""
    upright = [c for c in chars if c.upright]
    rotated = [c for c in chars if not c.upright]
    lines: list[TextLine] = []
    if upright:
        size = sorted(c.size for c in upright)[len(upright) // 2] or 10.0
        for group in _lines_by(upright, lambda c: c.cy, 0.45 * size):
            rec = _line_record(group, False, False)
            if rec:
                lines.append(rec)
    if rotated:
        size = sorted(c.size for c in rotated)[len(rotated) // 2] or 10.0
        up = sum(1 for c in rotated if 45 <= c.angle < 135) >= len(rotated) / 2
        groups = _lines_by(rotated, lambda c: c.cx, 0.45 * size)
        if not up:  # text reading top to bottom: lines go right to left
            groups.reverse()
        for group in groups:
            rec = _line_record(group, True, up)
            if rec:
                lines.append(rec)
    return lines


def cell_lines(chars: Sequence[Char]) -> list[str]:
    return [ln.text for ln in cell_text_lines(chars)]


_WORD = re.compile(r"[^\W\d_]+")


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Lower-cased words of running text (lines of three words or more), to tell a word cut by a
    narrow cell (``Accompagne|ment``) from two words wrapped at a space."""
    words: set[str] = set()
    for text in texts:
        for line in text.splitlines():
            tokens = _WORD.findall(line)
            if len(tokens) >= 3:
                words.update(t.lower() for t in tokens)
    return frozenset(words)


def _cut_mid_word(a: TextLine, b: TextLine, width: float, height: float, known: frozenset[str]) -> bool:
    """Was the word at the end of ``a`` cut by the cell edge and continued on ``b``?

    A spreadsheet breaks a word only when it is longer than the cell: the line then is one word
    that fills the cell to within a character.  Words of the document (``known``) settle it:
    the joined word is known, or (geometry alone) neither piece is a word.
    """
    if " " in a.text or not a.text[-1:].isalpha() or not b.text[:1].isalpha():
        return False
    if a.text[-1].islower() != b.text[0].islower():
        return False
    heads = _WORD.findall(a.text.lower())
    tails = _WORD.findall(b.text.lower())
    if known and heads and tails:
        head, tail = heads[-1], tails[0]
        if head + tail in known:
            return not (head in known and tail in known and len(tail) > 2)
        if head in known or (tail in known and len(tail) > 2):
            return False
    room = (height if a.rotated else width) - 4.0
    return a.length + 0.8 * a.size > room


def join_cell_lines(
    lines: Sequence[TextLine], width: float, height: float, known: frozenset[str] = frozenset()
) -> str:
    """Wrapped lines of one cell as one string: a space at each wrap, none inside a cut word, none
    after a hyphen ending a line."""
    out = ""
    for k, ln in enumerate(lines):
        if k and _after_hyphen(lines[k - 1]):
            if _hyphenated(lines[k - 1].text, ln.text, known):
                out = out[:-1]
        elif k and not _cut_mid_word(lines[k - 1], ln, width, height, known):
            out += " "
        out += ln.text
    return out


def _after_hyphen(line: TextLine) -> bool:
    """Does the line end with a hyphen after a letter (``Pas-de-`` / ``Calais``)?  A spreadsheet
    wraps after a hyphen already in the text, which stays, with no space."""
    return len(line.text) >= 2 and line.text[-1] == "-" and line.text[-2].isalpha()


def _hyphenated(a: str, b: str, known: frozenset[str]) -> bool:
    """Was a word cut and hyphenated by the program (``accompa-`` / ``gnement``)?  Only the words
    of the document can say so: the joined word is one of them and a piece is not."""
    heads, tails = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    if not (known and heads and tails):
        return False
    head, tail = heads[-1], tails[0]
    return head + tail in known and not (head in known and tail in known)


def text_lines(chars: Sequence[Char]) -> list[Phrase]:
    """Upright text lines outside tables, each with its bbox, top to bottom."""
    upright = [c for c in chars if c.upright]
    if not upright:
        return []
    size = sorted(c.size for c in upright)[len(upright) // 2] or 10.0
    lines = [
        Phrase.of(sorted(group, key=lambda c: c.x0))
        for group in _lines_by(upright, lambda c: c.cy, 0.45 * size)
    ]
    return [ln for ln in lines if ln.text]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A run of words on one line, set apart from its neighbours by a gap wider than a space."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @classmethod
    def of(cls, chars: Sequence[Char]) -> Phrase:
        """What characters in reading order print, in the box that holds them all."""
        return cls(
            _join(chars, "x"),
            min(c.x0 for c in chars),
            min(c.top for c in chars),
            max(c.x1 for c in chars),
            max(c.bottom for c in chars),
        )


def line_phrases(chars: Sequence[Char], gap: float = 1.0) -> list[list[Phrase]]:
    """Upright text lines, top to bottom, each cut into phrases where two characters are more than
    ``gap`` font sizes apart: the cells of a table printed without borders."""
    upright = [c for c in chars if c.upright and not c.text.isspace()]
    if not upright:
        return []
    size = sorted(c.size for c in upright)[len(upright) // 2] or 10.0
    out: list[list[Phrase]] = []
    for group in _lines_by(upright, lambda c: c.cy, 0.45 * size):
        group.sort(key=lambda c: c.x0)
        pieces: list[list[Char]] = [[group[0]]]
        for ch in group[1:]:
            prev = pieces[-1][-1]
            if ch.x0 - prev.x1 > gap * max(ch.size, prev.size, 1.0):
                pieces.append([ch])
            else:
                pieces[-1].append(ch)
        out.append([Phrase.of(piece) for piece in pieces])
    return out
