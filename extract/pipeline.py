"""The one call everything uses: ``extract_publication(path) -> Publication``.

Open the PDF once, split it into parts from the fast text layer, then read
each part with the reader that fits it (pdfplumber geometry only on the
pages that need it), and compute every cross-check.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from delib.base.version import __version__
from delib.extract.checks import all_checks
from delib.extract.coverage import coverage_checks, unread_table_amounts
from delib.extract.deliberation import locator_for, parse_deliberation
from delib.extract.document import Document
from delib.extract.grant_lines import (
    find_grant_lines,
    find_grant_sentences,
    find_single_grant,
    find_stated_total,
    gives_grants,
)
from delib.extract.grants import extract_grants
from delib.extract.imputations import read_imputations
from delib.extract.items import read_minutes
from delib.extract.locator import Locator, provenance
from delib.extract.parts import Part, PartKind, PartText, part_text, split_publication
from delib.extract.prose import extract_proposals
from delib.extract.report import parse_report
from delib.extract.table_text import Char
from delib.extract.tables import read_geometry
from delib.extract.timing import StageTimer
from delib.models import Deliberation, FileInfo, Grant, GrantTotal, Problem, Publication, TotalLevel

RULE = "pipeline.v1"


def _annex_label(part: Part) -> str | None:
    label = part.label or ""
    return label.strip() or None


def _sentence_grant(body: PartText, texts: list[str], locator: Locator, title: str) -> list[Grant]:
    """A deliberation with no grant table that grants one amount to one beneficiary in a sentence."""
    found = find_single_grant(title, body.text)
    if found is None:
        # an extract that lists its grants in its text ("d'attribuer les subventions suivantes :" /
        # "Comité des fêtes 600 €"), or gives them in sentences: the readers of minutes
        lines = (
            [g for g in find_grant_lines(body.text) if not g.is_total]
            if gives_grants(title, body.text)
            else []
        )
        lines = lines or find_grant_sentences(body.text)
        return [
            Grant(
                beneficiary=g.beneficiary, amount=g.amount, requested=g.requested, in_kind=g.in_kind,
                **provenance(body, texts, locator, g.start, g.end, g.rule),
            )
            for g in lines
        ]  # fmt: skip
    prov = provenance(body, texts, locator, found.start, found.end, found.rule)
    return [Grant(beneficiary=found.beneficiary, amount=found.amount, requested=found.requested, **prov)]


def _stated_total(body: PartText, texts: list[str], locator: Locator) -> list[GrantTotal]:
    """The total a deliberation without a grant table states for its grants ("pour un montant total de …")."""
    found = find_stated_total(body.text)
    if found is None:
        return []
    prov = provenance(body, texts, locator, found.start, found.end, found.rule)
    return [GrantTotal(amount=found.amount, label=found.beneficiary, level=TotalLevel.SUBTOTAL, **prov)]


def _words(doc: Document, page: int) -> list[dict[str, Any]]:
    """The words of a 1-based page (text and box, as pdfplumber names them), from pypdfium2's
    characters (pdfplumber would parse the page again: three times the cost of the whole reading
    on a grant annex), computed once per document."""

    def compute() -> list[dict[str, Any]]:
        chars = [c for c in read_geometry(doc.pdfium, page - 1).chars if not c.hidden and abs(c.angle) < 1]
        chars.sort(key=lambda c: (round(c.top), c.x0))
        words: list[dict[str, Any]] = []
        run: list[Char] = []

        def flush() -> None:
            if run:
                words.append(
                    {"text": "".join(c.text for c in run), "x0": run[0].x0, "x1": run[-1].x1,
                     "top": min(c.top for c in run), "bottom": max(c.bottom for c in run)}
                )  # fmt: skip
                run.clear()

        for c in chars:
            if c.text.isspace():
                flush()
                continue
            if run and (abs(c.top - run[-1].top) > 2 or c.x0 - run[-1].x1 > 0.3 * max(c.size, 1.0)):
                flush()
            run.append(c)
        flush()
        return words

    return doc.memo(f"words:{page}", compute)


def _read_deliberation(doc: Document, texts: list[str], parts: list[Part], timer: StageTimer) -> Deliberation:
    """Read one deliberation and everything attached to it (annexes, rapport)."""
    locator = locator_for(doc)
    main = next(p for p in parts if p.kind == PartKind.DELIBERATION)
    with timer.stage("prose"):
        d = parse_deliberation(doc, main, texts=texts, locator=locator)
    problems = list(d.problems)
    grants, totals = [], []
    with timer.stage("tables"):
        for p in parts:
            if p.kind != PartKind.GRANT_ANNEX:
                continue
            gt = extract_grants(doc, list(p.pages), annex=_annex_label(p))
            grants.extend(gt.grants)
            totals.extend(gt.totals)
            problems.extend(gt.problems)
        problems.extend(unread_table_amounts(lambda page: _words(doc, page), grants, totals))
    report = None
    with timer.stage("prose"):
        for p in parts:
            if p.kind == PartKind.REPORT:
                report = parse_report(doc, p, texts=texts, locator=locator, problems=problems)
                break
    with timer.stage("spacy"):
        proposals = extract_proposals(doc, parts, texts=texts, locator=locator)
    with timer.stage("prose"):
        body = part_text(texts, main.span)
        if not grants:
            grants = _sentence_grant(body, texts, locator, d.title or "")
            totals = _stated_total(body, texts, locator) if grants else totals
        else:
            # grant tables, and the decision states the total of all of them ("pour un montant
            # total de 2 907 824 €"): kept, and checked against every grant line (coverage.list_totals)
            totals += [
                t for t in _stated_total(body, texts, locator) if all(t.amount != o.amount for o in totals)
            ]
        imputations = read_imputations(body, texts, locator)
    d = d.model_copy(
        update={
            "grants": grants,
            "grant_totals": totals,
            "report": report,
            "proposals": proposals,
            "imputations": imputations,
            "problems": problems,
        }
    )
    with timer.stage("checks"):
        checks = all_checks(d) + coverage_checks(d, body.text, lambda pos: body.locate(pos)[0] + 1)
    return d.model_copy(update={"checks": checks})


def extract_publication(
    path: str | Path, *, timer: StageTimer | None = None, max_pages: int | None = None, ocr: bool = False
) -> Publication:
    """Extract one publication.  Raises delib.base.errors.BadInputError on unreadable input.

    ``ocr``: pages without a usable text layer are read through OCR first (extract/ocr.py).
    """
    timer = timer or StageTimer()
    if ocr:
        from delib.extract.ocr import extract_with_ocr

        return extract_with_ocr(
            path, lambda p: extract_publication(p, timer=timer, max_pages=max_pages), max_pages=max_pages
        )
    with timer.stage("open"):
        doc = Document.open(path) if max_pages is None else Document.open(path, max_pages=max_pages)
    with doc:
        with timer.stage("text"):
            doc.require_text_layer()
            texts = doc.texts()
        with timer.stage("prose"):
            minutes = read_minutes(texts, locator_for(doc))
        if minutes is not None and minutes.deliberations:
            return Publication(
                extractor_version=__version__,
                file=FileInfo(path=str(path), sha256=doc.sha256, pages=doc.n_pages),
                deliberations=minutes.deliberations,
                other_items=minutes.other_items,
                problems=minutes.problems,
            )
        with timer.stage("text"):
            parts = split_publication(texts)
        by_delib: dict[int, list[Part]] = defaultdict(list)
        for p in parts:
            if p.deliberation is not None:
                by_delib[p.deliberation].append(p)
        deliberations = [
            _read_deliberation(doc, texts, group, timer)
            for _, group in sorted(by_delib.items())
            if any(p.kind == PartKind.DELIBERATION for p in group)
        ]
        problems: list[Problem] = []
        if not deliberations:
            problems.append(
                Problem(
                    kind="no_deliberation",
                    rule=RULE,
                    page=1,
                    message="no deliberation found in this PDF (no header, articles or vote)",
                )
            )
        return Publication(
            extractor_version=__version__,
            file=FileInfo(path=str(path), sha256=doc.sha256, pages=doc.n_pages),
            deliberations=deliberations,
            problems=problems,
        )
