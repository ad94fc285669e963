"""Split a publication into its parts, from the text layer only (cheap: runs on every page).

A publication is one PDF holding one or several deliberations, each possibly followed by
annexes (narrative annexes, grant tables, a model convention) and by the rapport presented to
the assembly.  A *compte rendu* of a council meeting holds many items, each with its own vote;
each item becomes its own deliberation part, sharing the session header (attendance).

Decisions use regexes over the pypdfium2 text of each page (no pdfplumber, no spaCy):

* a page opening with ``RAPPORT N°42`` starts a report;
* a page whose top reads like a deliberation header (``DELIBERATION``, ``Extrait du registre des
  délibérations``, ``Compte-rendu du Conseil municipal``, ``REUNION DU``/``Séance du`` with
  ``Présents``) starts a deliberation;
* ``Annexe 4`` at the top of a page starts an annex; a page reading like a convention (``Il a
  été convenu ce qui suit``, ``d'une part`` / ``d'autre part``) makes it a convention, which keeps
  its own ``Article 1..12`` and ``ANNEXE 1..3`` (so they never leak into the deliberation);
* the deliberation body ends with its vote block and signature; the pages after it are its
  annexes, a page dense with amounts being a grant table, any other a narrative annex;
* when a body holds two vote blocks or more (a compte rendu), each vote closes one item.

``Part.span`` gives exact character offsets in the page texts, so that two items sharing a page
are told apart; ``PartText`` maps offsets back to pages (``locator.provenance`` then finds the
line, page + bbox, of a piece of text).  What a page is (``page_kinds``) decides where a part starts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from delib.extract.page_kinds import (
    REPORT_START,
    annex_label,
    is_convention,
    is_delib_start,
    is_report_start,
    is_table_page,
    page_head,
)
from delib.extract.votes import find_vote_blocks, vote_counts_as_item

__all__ = [
    "Part",
    "PartKind",
    "PartText",
    "Span",
    "clean_page_text",
    "part_text",
    "running_lines",
    "split_publication",
]


class PartKind(StrEnum):
    DELIBERATION = "deliberation"
    NARRATIVE_ANNEX = "narrative_annex"
    GRANT_ANNEX = "grant_annex"
    CONVENTION = "convention"
    REPORT = "report"
    OTHER = "other"


@dataclass(frozen=True)
class Span:
    """From ``(first_page, start)`` to ``(last_page, end)``; offsets in the page texts, end exclusive."""

    first_page: int
    start: int
    last_page: int
    end: int

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(range(self.first_page, self.last_page + 1))


@dataclass(frozen=True)
class Part:
    """One part of a publication.

    ``pages`` are 0-based; ``deliberation`` is the index (in order of appearance) of the
    deliberation this part belongs to (a deliberation part's own index, or None for a part
    that belongs to none); ``header`` is, for an item of a compte rendu, the span of the
    session header (collectivity, date, attendance) that the item shares with the others.
    """

    kind: PartKind
    span: Span
    deliberation: int | None = None
    label: str | None = None
    header: Span | None = None

    @property
    def pages(self) -> tuple[int, ...]:
        return self.span.pages


def clean_page_text(text: str) -> str:
    """Normalise a page text without changing its length (offsets stay valid)."""
    # pypdfium2 gives U+FFFE for a hyphen at a line break ("BONIFACE\ufffePASCAL")
    return text.replace("\ufffe", "-").replace("\r", "\n").replace("\x02", "-")


@dataclass
class PartText:
    """The text of a span, joined over pages, with offsets mapped back to (page, offset)."""

    text: str
    # (offset in text, page index, offset in page) for each page slice, in order
    pieces: list[tuple[int, int, int]] = field(default_factory=list)

    def locate(self, pos: int) -> tuple[int, int]:
        """(page index, offset in that page's text) of position ``pos`` of ``text``."""
        page, off = self.pieces[0][1], self.pieces[0][2]
        for start, p, p_off in self.pieces:
            if start <= pos:
                page, off = p, p_off + (pos - start)
            else:
                break
        return page, off

    def page_of(self, pos: int) -> int:
        return self.locate(pos)[0]

    def line_at(self, pos: int) -> tuple[int, int]:
        """(start, end) offsets in ``text`` of the line holding ``pos``."""
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end


def _line_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split())).casefold()


def running_lines(texts: list[str]) -> frozenset[str]:
    """Keys of the running headers/footers among the first and last two lines of the pages: a line
    with a page number repeated on at least half of the pages, or a long line on four pages in five.

    A vote line repeated at the foot of many pages (``Adopté à l'unanimité``) is not one."""
    if len(texts) < 3:
        return frozenset()
    counts: Counter[str] = Counter()
    for t in texts:
        lines = [ln for ln in t.split("\n") if ln.strip()]
        counts.update({_line_key(ln) for ln in lines[:2] + lines[-2:]})
    need = max(3, (len(texts) + 1) // 2)
    most = max(3, (len(texts) * 4 + 4) // 5)
    out = set()
    for k, c in counts.items():
        paged = re.search(r"\bpages?\b\s*#|#\s*/\s*#|^[-–\s]*#[-–\s]*$", k)
        if (paged and c >= need) or (len(k) >= 30 and c >= most):
            out.add(k)  # "... - Page 2", "2/6", "- 2 -", or a long line printed on almost every page
    return frozenset(out)


def blank_running(text: str, keys: frozenset[str]) -> str:
    """Replace running header/footer lines by spaces (same length: offsets stay valid)."""
    if not keys:
        return text
    return "\n".join(" " * len(ln) if _line_key(ln) in keys else ln for ln in text.split("\n"))


def part_text(texts: list[str], span: Span, running: frozenset[str] | None = None) -> PartText:
    """Join the page slices of ``span`` (pages separated by a newline).

    Running headers and footers (``... Délibération n°2024-301 - Page 2``) are blanked so that
    they do not glue into an article or a sentence; ``running`` defaults to
    ``running_lines(texts)``.
    """
    keys = running_lines(texts) if running is None else running
    chunks: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    pos = 0
    for p in span.pages:
        t = blank_running(clean_page_text(texts[p]), keys)
        a = span.start if p == span.first_page else 0
        b = span.end if p == span.last_page else len(t)
        b = min(max(b, a), len(t))
        pieces.append((pos, p, a))
        chunks.append(t[a:b])
        pos += b - a
        if p != span.last_page:
            chunks.append("\n")
            pos += 1
    return PartText(text="".join(chunks), pieces=pieces)


_END_MARKERS = re.compile(
    r"^\s*(?:Pour\s+extrait\s+conforme|Fait\s+et\s+d[ée]lib[ée]r[ée]|Le\s+Conseil\s+(?:municipal\s+)?adopte"
    r"|Plus\s+rien\s+n['’][ée]tant\s+[àa]\s+d[ée]lib[ée]rer|La\s+s[ée]ance\s+est\s+lev[ée]e)",
    re.IGNORECASE | re.MULTILINE,
)


# --------------------------------------------------------------------------- splitting
@dataclass
class _Unit:
    kind: str  # "delib", "report", "annex", "lead"
    first: int
    last: int
    label: str | None = None


def _units(pages: list[str]) -> list[_Unit]:
    units: list[_Unit] = []
    in_convention = False
    last_annex = 0  # numbering of the deliberation's annexes; a restart inside a convention is its own
    for i, t in enumerate(pages):
        if is_report_start(t):
            units.append(_Unit("report", i, i, REPORT_START.search(page_head(t, 20)).group(0).strip()))  # type: ignore[union-attr]
            in_convention = False
            continue
        if is_delib_start(t):
            units.append(_Unit("delib", i, i))
            in_convention = False
            continue
        label = annex_label(t)
        number = int(label.split()[-1]) if label and label.split()[-1].isdigit() else None
        nested = in_convention and (number is None or number <= last_annex)
        if label and not nested:
            units.append(_Unit("annex", i, i, label))
            last_annex = number if number is not None else last_annex
            in_convention = is_convention(t) or (i + 1 < len(pages) and is_convention(pages[i + 1]))
            continue
        if not units:
            units.append(_Unit("lead", i, i))
            continue
        units[-1].last = i
    if units and units[0].kind == "lead" and not any(u.kind == "delib" for u in units):
        # no header we know, but a decision is there (a vote, DECIDE, numbered articles):
        # read the leading pages as a deliberation rather than lose it
        lead = units[0]
        body = "\n".join(pages[lead.first : lead.last + 1])
        if any(vote_counts_as_item(body, b) for b in find_vote_blocks(body)) or _DECISION.search(body):
            lead.kind = "delib"
    return units


_DECISION = re.compile(
    r"^\s*(?:D[ÉE]CIDE|ARR[ÊE]TE)\s*:|^\s*Article\s+(?:1|1er|premier)\s*[:.\-–]", re.M | re.I
)


def _body_end(pages: list[str], unit: _Unit) -> tuple[int, int, list[tuple[int, int]]]:
    """(last page, end offset) of a deliberation body, and its vote blocks as (page, offset) pairs."""
    span = Span(unit.first, 0, unit.last, len(pages[unit.last]))
    pt = part_text(pages, span, frozenset())
    blocks = [b for b in find_vote_blocks(pt.text) if vote_counts_as_item(pt.text, b)]
    ends = [m.end() for m in _END_MARKERS.finditer(pt.text)]
    if blocks:
        last_block_end = blocks[-1][1]
        last_page, _ = pt.locate(last_block_end)
        if len(blocks) >= 2:
            # a compte rendu: the items run to the end of the unit
            return unit.last, len(pages[unit.last]), [(b[0], b[1]) for b in blocks]
        # single deliberation: the body ends with the page holding the vote, or the next one when
        # that one opens with the signature block
        page = last_page
        if page < unit.last:
            nxt_head = page_head(pages[page + 1], 6)
            signature = re.search(
                r"LE\s+PR[ÉE]SIDENT|Le\s+Maire|Pour\s+extrait|Sign[ée]|,\s+le\s+\d", nxt_head, re.I
            )
            annex = re.search(r"^\s*(?:\d+\.|Op[ée]ration|ANNEXE)", nxt_head, re.I | re.M)
            if signature and not annex:
                page += 1
        return page, len(pages[page]), [(b[0], b[1]) for b in blocks]
    if ends:
        page, _ = pt.locate(max(ends))
        return page, len(pages[page]), []
    return unit.last, len(pages[unit.last]), []


_ATT_LABEL = re.compile(
    r"^\s*(?:[ÉE]taient\s+)?(?:pr[ée]sents?|excus[ée]\(?s?\)?|absents?|pouvoirs?|procurations?|assistant|secr[ée]taire)\b.*",
    re.IGNORECASE | re.MULTILINE,
)


def _header_end(text: str, first_block_start: int) -> int:
    """End of a compte rendu's session header: after the last attendance list before the first item."""
    from delib.extract.names import looks_like_names

    region = text[:first_block_start]
    labels = list(_ATT_LABEL.finditer(region))
    if not labels:
        return 0
    pos = labels[-1].end()
    # the list after the last label: following lines while they read as names
    while pos < len(region):
        nl = region.find("\n", pos + 1)
        nl = len(region) if nl < 0 else nl
        line = region[pos + 1 : nl]
        if not line.strip():
            pos = nl
            continue
        if looks_like_names(line) or (line.strip().startswith(("−", "-", "–")) and " à " in line):
            pos = nl
            continue
        break
    return min(pos + 1, len(region))


def _title_line(text: str) -> str | None:
    for ln in text.split("\n"):
        s = ln.strip()
        if s:
            return s[:120]
    return None


def _annex_parts(pages: list[str], unit: _Unit, current: int | None) -> list[Part]:
    """An annex unit: a convention, a grant annex or a narrative annex (with, when the text layer
    lost a grant annex's title page, the grant annex that ends it)."""
    head_pages = range(unit.first, min(unit.last, unit.first + 2) + 1)
    if any(is_convention(pages[p]) for p in head_pages):
        kind = PartKind.CONVENTION
    else:
        kind = PartKind.GRANT_ANNEX if is_table_page(pages[unit.first]) else PartKind.NARRATIVE_ANNEX
    tail = _table_tail(pages, unit.first, unit.last) if kind == PartKind.NARRATIVE_ANNEX else None
    if tail is not None:
        # a grant annex whose title page the text layer lost, after a narrative annex
        return [
            Part(kind, Span(unit.first, 0, tail - 1, len(pages[tail - 1])), current, unit.label),
            Part(PartKind.GRANT_ANNEX, Span(tail, 0, unit.last, len(pages[unit.last])), current, None),
        ]
    return [Part(kind, Span(unit.first, 0, unit.last, len(pages[unit.last])), current, unit.label)]


def _item_parts(pages: list[str], body_span: Span, blocks: list[tuple[int, int]], n_delib: int) -> list[Part]:
    """The items of a compte rendu, numbered from ``n_delib``, each with the session header."""
    pt = part_text(pages, body_span, frozenset())
    header_end = _header_end(pt.text, blocks[0][0])
    hp, hoff = pt.locate(header_end)
    header = Span(body_span.first_page, 0, hp, hoff)
    parts: list[Part] = []
    item_start = header_end
    for bi, (_, b_end) in enumerate(blocks):
        # the item ends at the end of its vote line (a trailing newline belongs to the next)
        stop = len(pt.text) if bi == len(blocks) - 1 else b_end
        sp, soff = pt.locate(item_start)
        ep, eoff = pt.locate(stop)
        if bi == len(blocks) - 1:
            ep, eoff = body_span.last_page, body_span.end
        title = _title_line(pt.text[item_start:stop])
        parts.append(Part(PartKind.DELIBERATION, Span(sp, soff, ep, eoff), n_delib + bi, title, header))
        item_start = stop
    return parts


def _deliberation_parts(pages: list[str], unit: _Unit, n_delib: int) -> tuple[list[Part], int]:
    """A deliberation unit: its deliberations (one, or the items of a compte rendu), the grant
    tables printed inside a single deliberation's body, and the annex pages after the body.
    Returns the parts and the index of the last deliberation."""
    last_page, end, blocks = _body_end(pages, unit)
    body_span = Span(unit.first, 0, last_page, end)
    if len(blocks) >= 2:
        parts = _item_parts(pages, body_span, blocks, n_delib)
        current = n_delib + len(blocks) - 1
    else:
        parts = [Part(PartKind.DELIBERATION, body_span, n_delib, _title_line(pages[unit.first]))]
        current = n_delib
        for p in range(unit.first, last_page + 1):
            if p != unit.first and is_table_page(pages[p]):
                parts.append(Part(PartKind.GRANT_ANNEX, Span(p, 0, p, len(pages[p])), current, None))
    if last_page < unit.last:
        parts.extend(_annex_pages(pages, last_page + 1, unit.last, current))
    return parts, current


def split_publication(texts: list[str]) -> list[Part]:
    """The parts of a publication, in page order.

    Pages of a grant table printed inside a deliberation body (as Montpellier does) are given
    both as part of the deliberation and as a ``grant_annex`` part of it.
    """
    keys = running_lines(texts)
    pages = [blank_running(clean_page_text(t), keys) for t in texts]
    parts: list[Part] = []
    current: int | None = None  # the deliberation the annexes read so far belong to
    for unit in _units(pages):
        if unit.kind == "report":
            parts.append(
                Part(
                    PartKind.REPORT,
                    Span(unit.first, 0, unit.last, len(pages[unit.last])),
                    current,
                    unit.label,
                )
            )
        elif unit.kind == "annex":
            parts.extend(_annex_parts(pages, unit, current))
        elif unit.kind == "lead":
            parts.extend(_annex_pages(pages, unit.first, unit.last, current))
        else:
            found, current = _deliberation_parts(pages, unit, 0 if current is None else current + 1)
            parts.extend(found)
    return _merge(parts)


def _table_tail(pages: list[str], first: int, last: int) -> int | None:
    """First page of a run of at least two table pages that ends a narrative annex.

    A grant annex whose title line the text layer lost (pdfium breaks a page holding text turned
    top to bottom into one character per line, ``Annexe 4`` included) runs on from the narrative
    annex before it; its pages are still table pages, the narrative's are not.
    """
    k = last + 1
    while k - 1 > first and is_table_page(pages[k - 1]):
        k -= 1
    return k if last + 1 - k >= 2 else None


def _annex_pages(pages: list[str], first: int, last: int, current: int | None) -> list[Part]:
    out: list[Part] = []
    for p in range(first, last + 1):
        t = pages[p]
        if not t.strip():
            kind = PartKind.OTHER
        elif is_table_page(t):
            kind = PartKind.GRANT_ANNEX
        elif is_convention(t):
            kind = PartKind.CONVENTION
        else:
            kind = PartKind.NARRATIVE_ANNEX if current is not None else PartKind.OTHER
        out.append(Part(kind, Span(p, 0, p, len(t)), current, None))
    return out


def _merge(parts: list[Part]) -> list[Part]:
    """Join consecutive whole-page annex parts of the same kind and deliberation."""
    out: list[Part] = []
    for part in parts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and part.kind
            in (PartKind.NARRATIVE_ANNEX, PartKind.GRANT_ANNEX, PartKind.OTHER, PartKind.CONVENTION)
            and prev.kind == part.kind
            and prev.deliberation == part.deliberation
            and part.label is None
            and part.span.first_page == prev.span.last_page + 1
            and part.span.start == 0
        ):
            out[-1] = Part(
                prev.kind, Span(prev.span.first_page, prev.span.start, part.span.last_page, part.span.end),
                prev.deliberation, prev.label, prev.header,
            )  # fmt: skip
            continue
        out.append(part)
    return out
