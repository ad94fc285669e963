"""Budget-imputation tables: each ``Code Opération`` table of a part, read by the best of three
readings.

With a document, a table printed with its borders is read by its cells (``budget_ruled``, rule
``…ruled…``); a table printed without borders by the columns of its header's words
(``budget_words``, ``…words…``) when that gives every row whole; otherwise, and without a
document, by the text layer (``budget_text``, ``…text…``).  What the readings share (header
vocabulary, anchors, amounts, cell rows to ``BudgetLine``) is in ``budget_rows``.
"""

from __future__ import annotations

from delib.extract.budget_rows import AMOUNT_FIELDS, HEADER, cell_budget_lines, header_columns
from delib.extract.budget_ruled import ruled_budget_table
from delib.extract.budget_text import best_text_rows, first_row_at, text_reading
from delib.extract.budget_words import word_budget_table
from delib.extract.document import Document
from delib.extract.locator import Locator, provenance
from delib.extract.parts import PartText
from delib.models import BudgetLine, Problem

__all__ = ["parse_budget_table"]


def _geometry_reading(
    doc: Document,
    text: str,
    where: tuple[int, int, int],
    first_row: int | None,
    columns: list[str],
    rule: str,
) -> tuple[list[BudgetLine], list[Problem]] | None:
    """The table on ``where`` (page, nth table of the page, last page of the part) read by its
    cells when it has borders, else by its word columns; None when neither reading holds."""
    page, nth, last_page = where
    ruled = ruled_budget_table(doc, page, nth, last_page)
    if ruled:
        geo_columns = list(dict.fromkeys(f for f in ruled[0] if f in AMOUNT_FIELDS)) or columns
        ruled_rule = rule.replace(".text.", ".ruled.") if ".text." in rule else rule + ".ruled"
        lines, found = cell_budget_lines(ruled[1], geo_columns, ruled_rule)
        if lines:
            return lines, found
    words = word_budget_table(doc, page, nth) if first_row is not None else None
    if words:
        geo_columns = list(dict.fromkeys(f for f in words[0] if f in AMOUNT_FIELDS)) or columns
        words_rule = rule.replace(".text.", ".words.") if ".text." in rule else rule + ".words"
        lines, found = cell_budget_lines(words[1], geo_columns, words_rule)
        n_text = len(best_text_rows(text, first_row or 0, columns)) if columns else 0
        # every row whole, and none lost to a page break that the text reading runs over
        if lines and not found and len(lines) >= n_text:
            return lines, []
    return None


def parse_budget_table(
    pt: PartText,
    texts: list[str],
    locator: Locator | None,
    *,
    columns_hint: tuple[str, ...] = (),
    rule: str = "budget.text.v1",
) -> tuple[list[BudgetLine], list[Problem]]:
    """Budget lines of every ``Code Opération`` table in ``pt``.

    With a ``locator`` (hence a document), a table printed with its borders is read by its cells
    (rule ``rule`` with ``ruled`` for ``text``); otherwise, or when no ruled table is found where
    the header is, by the text layer.
    """
    text = pt.text
    out: list[BudgetLine] = []
    problems: list[Problem] = []
    seen_on_page: dict[int, int] = {}
    last_page = pt.page_of(max(0, len(text) - 1))
    for hm in HEADER.finditer(text):
        page = pt.page_of(hm.start())
        nth = seen_on_page.get(page, 0)
        seen_on_page[page] = nth + 1
        # the header runs until the first row anchor
        first_row = first_row_at(text, hm.start())
        columns = header_columns(text[hm.start() : first_row if first_row is not None else hm.end()]) or list(
            columns_hint
        )
        if locator is not None and columns:
            read = _geometry_reading(locator.doc, text, (page, nth, last_page), first_row, columns, rule)
            if read is not None:
                out.extend(read[0])
                problems.extend(read[1])
                continue
        if first_row is None:
            continue
        if not columns:
            problems.append(
                Problem(
                    kind="budget_table_unreadable",
                    message="no amount column in the table header",
                    raw=text[hm.start() : first_row][:200],
                    **provenance(pt, texts, locator, hm.start(), first_row, rule),
                )
            )
            continue
        lines, found = text_reading(pt, texts, locator, first_row, columns, rule)
        out.extend(lines)
        problems.extend(found)
    return out, problems
