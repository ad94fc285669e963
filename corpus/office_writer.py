"""The portrait parts of a publication as HTML, to be laid out and printed by LibreOffice Writer.

Writer, not our renderer, decides line breaks, page breaks, table geometry and
fonts.  The wording comes from the sample's render spec (header lines,
attendance labels, recusal paragraph, vote block, signature) and the ground
truth (citations, articles, budget lines, proposals), so the printed values are
exactly those of the ground truth.

:func:`front_html`: deliberation (header, attendance lists, title, number,
citations, recusal, articles, budget table, vote block, signature) then the
narrative annexes.  :func:`back_html`: the model convention then the rapport
with its budget table.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from delib.corpus.parts import attendance_paragraphs, budget_rows
from delib.corpus.spec import Block, RenderSpec
from delib.models import Deliberation, Proposal


@dataclass(frozen=True)
class PageStyle:
    """Word-processor look of one publication (varies between samples)."""

    font: str = "DejaVu Serif"
    size_pt: float = 10.5
    margin_cm: float = 2.0
    table_size_pt: float = 8.5


def _p(text: str, *, cls: str = "", bold: bool = False) -> str:
    body = escape(text)
    if bold:
        body = f"<b>{body}</b>"
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{body}</p>"


def _table(rows: list[list[str]], numeric_from: int, widths: list[int] | None = None) -> str:
    """A ruled table; *widths* in percent (Writer otherwise squeezes amount columns and wraps digits)."""
    out = ['<table border="1" cellspacing="0" cellpadding="3" width="100%">']
    if widths:
        out.append("".join(f'<col width="{w}%">' for w in widths))
    for r, row in enumerate(rows):
        tag = "th" if r == 0 else "td"
        cells = []
        for c, text in enumerate(row):
            align = ' align="right"' if (r > 0 and c >= numeric_from) else ""
            width = f' width="{widths[c]}%"' if widths and r == 0 else ""
            cells.append(f"<{tag}{align}{width}>{escape(text)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _head(style: PageStyle, title: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>
@page {{ size: 21cm 29.7cm; margin: {style.margin_cm}cm; }}
body {{ font-family: "{style.font}"; font-size: {style.size_pt}pt; }}
p {{ margin-top: 0; margin-bottom: 6pt; text-align: justify; }}
p.c {{ text-align: center; }}
p.r {{ text-align: right; }}
p.ind {{ margin-left: 1cm; }}
table {{ font-size: {style.table_size_pt}pt; border-collapse: collapse; }}
th, td {{ font-family: "{style.font}"; font-size: {style.table_size_pt}pt; }}
</style></head><body>
"""


# Writer's HTML import honours an inline page-break-before, not one set through a class
PAGE_BREAK = '<p style="page-break-before: always; margin: 0"></p>'


def _blocks(blocks: list[Block], proposals: list[Proposal]) -> list[str]:
    out: list[str] = [PAGE_BREAK]
    for b in blocks:
        if b.kind == "pagebreak":
            out.append(PAGE_BREAK)
        elif b.kind == "spacer":
            out.append("<p>&nbsp;</p>")
        elif b.kind == "title":
            out.append(_p(b.text, cls="c", bold=True))
        elif b.kind == "heading":
            out.append(_p(b.text, bold=True))
        elif b.kind == "bullet":
            out.append(_p(f"•  {b.text}", cls="ind"))
        elif b.kind == "proposal" and b.index is not None:
            out.append(_p(proposals[b.index].text))
        elif b.kind == "table" and b.rows:
            out.append(_table(b.rows, numeric_from=len(b.rows[0])))
        elif b.text:
            out.append(_p(b.text))
    return out


def front_html(d: Deliberation, spec: RenderSpec, style: PageStyle) -> str:
    """Deliberation then narrative annexes."""
    out = [_head(style, d.title or "Délibération")]
    for line in spec.header_lines:
        out.append(_p(line, cls="c", bold=True) if line else "<p>&nbsp;</p>")
    out.append(_p(spec.session_line, cls="c", bold=True))
    out.append(_p(spec.presidency_line, cls="c", bold=True))
    out.append(_p(spec.secretary_line))
    out.extend(_p(p) for p in attendance_paragraphs(d.attendance, spec))
    if d.title:
        out.append(_p(d.title, cls="c", bold=True))
    out.append(_p(spec.number_line, cls="c", bold=True))
    out.append(_p(spec.preamble))
    out.extend(_p(c.text) for c in d.citations)
    if spec.recusal_text:
        out.append(_p(spec.recusal_text))
    out.append(_p(spec.after_citations))
    out.append(_p(spec.decide, cls="c", bold=True))
    for a in d.articles:
        out.append(_p(f"Article {a.number} :", bold=True))
        out.append(_p(a.text))
        if spec.budget_after_article == a.number and d.budget_lines:
            if spec.budget_intro:
                out.append(_p(spec.budget_intro))
            rows = budget_rows(d.budget_lines, spec, report=False)
            out.append(_table(rows, numeric_from=3, widths=[14, 14, 32, 20, 20]))
            out.append("<p>&nbsp;</p>")
    if d.vote is not None:
        out.append(_p(spec.vote_intro))
        out.extend(_p(line) for line in (d.vote.text or "").split("\n") if line.strip())
        out.append("<p>&nbsp;</p>")
    for line in spec.signature_lines:
        out.append(_p(line, cls="c") if line else "<p>&nbsp;</p>")
    out.append(_p(spec.place_date_line, cls="r"))
    for line in spec.delegate_lines:
        out.append(_p(line, cls="r") if line else "<p>&nbsp;</p>")
    for annex in spec.narrative:
        out.extend(_blocks(annex, d.proposals))
    out.append("</body></html>\n")
    return "\n".join(out)


def back_html(d: Deliberation, spec: RenderSpec, style: PageStyle) -> str | None:
    """Model convention then rapport (None when the publication has neither)."""
    if not spec.convention and not spec.rapport:
        return None
    out = [_head(style, "Convention et rapport")]
    body: list[str] = []
    if spec.convention:
        body.extend(_blocks(spec.convention, d.proposals))
    if spec.rapport:
        body.extend(_blocks(spec.rapport, d.proposals))
        if d.report is not None and d.report.budget_lines:
            rows = budget_rows(d.report.budget_lines, spec, report=True)
            body.append(_table(rows, numeric_from=3, widths=[11, 11, 22, 14, 14, 14, 14]))
            body.append("<p>&nbsp;</p>")
        for b in spec.rapport_after_table:
            if b.kind == "proposal" and b.index is not None:
                body.append(_p(d.proposals[b.index].text))
            elif b.text:
                body.append(_p(b.text, bold=b.kind in ("title", "heading")))
    if body and body[0] == PAGE_BREAK:
        body = body[1:]  # each HTML document starts on a fresh page anyway
    out.extend(body)
    out.append("</body></html>\n")
    return "\n".join(out)
