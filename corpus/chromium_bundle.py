"""Département-shape publications printed by a second engine: HTML laid out by Chromium.

The same ground truth as ``corpus/samples`` (values, wording from the render spec), but
every page is drawn by headless Chromium from HTML, so the geometry, the text layer and
the way merged and rotated cells come out are Chromium's, not reportlab's nor
LibreOffice's.  The grant annex is an HTML table written the way a web export or a
word processor writes one:

* the operation label in a cell spanning its rows (``rowspan``), its text rotated 90°
  by ``writing-mode: vertical-rl`` (read bottom to top
  with a ``transform``, as a spreadsheet prints a 90° rotation, or top to bottom);
* territories merged over consecutive equal rows (``rowspan``);
* a header cell spanning two columns (``OPERATION / TERRITOIRE(S)`` over the operation
  and territory columns) and a total label cell spanning operation + territory;
* the theme heading printed once, above the first table of the theme: later tables
  (one per operation, some starting on a new page) and later pages (the header row is
  repeated by Chromium, the theme is not) never repeat it;
* several deliberations in one bundle (each with its annexes, the second after the
  first's long annex), each with its ``Dans les conditions de vote ci-dessous :`` line.

Truth (``<name>.json`` beside ``<name>.pdf``) is the source samples' values; ``bbox``
null (Chromium decides the geometry), ``page`` recomputed from the printed PDF exactly as
:mod:`delib.corpus.office` does (grants and totals by their printed amounts in row
order, prose by its text).

Regenerate (needs ``chromium`` on PATH; CI uses the committed files)::

    python -m delib.corpus.chromium_bundle --out corpus/samples_chromium
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Literal

from delib.corpus.frenchfmt import format_amount
from delib.corpus.office import Part, load_samples, print_publication, printed_order
from delib.corpus.office_writer import PAGE_BREAK, PageStyle, back_html, front_html
from delib.corpus.spec import AmountStyle, GrantAnnexLayout
from delib.models import Deliberation, Grant, GrantTotal, Publication, TotalLevel

SAMPLES_DIR = Path(__file__).parent / "samples"


@dataclass(frozen=True)
class AnnexStyle:
    """How one publication's grant annex is written in HTML."""

    #: the operation label read bottom to top (as a spreadsheet's 90° rotation) or top to bottom
    rotate: Literal["up", "down"] = "up"
    #: one table per operation (header repeated, theme heading not), else one table per theme
    table_per_operation: bool = True
    #: every n-th operation table starts on a new page (0: never)
    break_every: int = 3
    #: the header's first cell spans the operation and territory columns
    header_span: bool = True
    #: (without header_span) a header on two rows: this group cell over the operation and
    #: territory columns, their own headers below it, the other headers over both rows
    header_group: str | None = None
    #: an operation total's label cell spans operation + territory (the operation cell stops
    #: above the total row); else the operation cell runs over the total row and the label
    #: spans territory + structure
    total_label_over_operation: bool = True
    font: str = "DejaVu Sans"
    size_pt: float = 7.5
    #: the operation label written across the operation and territory columns, on a row of
    #: its own above its grants (whose operation cells stay empty), not rotated beside them
    operation_row: bool = False
    #: (one table per operation) the first theme's total table starts a page, as a page break
    #: falling right before it leaves it: a table of one row with no header
    theme_total_on_new_page: bool = False


@dataclass(frozen=True)
class ChromiumSample:
    """One publication: the samples it is made of (a bundle when several), its looks."""

    name: str
    sources: tuple[str, ...]
    annex: AnnexStyle = field(default_factory=AnnexStyle)
    page: PageStyle = field(default_factory=PageStyle)
    #: the vote intro ("Dans les conditions de vote ci-dessous :") starts a page
    vote_on_new_page: bool = False


SAMPLES: list[ChromiumSample] = [
    # the seed's data: one table per operation, the theme printed once; writing-mode labels;
    # header and total label cells over operation + territory
    ChromiumSample("pas-de-calais_cp_2023-06-12_2023-259", ("pas-de-calais_cp_2023-06-12_2023-259",)),
    # one long table per theme over several pages (header repeated, theme not), a header on
    # two rows (LOCALISATION over OPERATION | TERRITOIRE(S)), operation cells running over
    # their TOTAL row
    ChromiumSample(
        "nord_cd_2023-12-14_2023-88",
        ("nord_cd_2023-12-14_2023-88",),
        annex=AnnexStyle(
            rotate="up",
            table_per_operation=False,
            header_span=False,
            header_group="LOCALISATION",
            total_label_over_operation=False,
            font="DejaVu Sans Condensed",
            size_pt=8.0,
        ),
        page=PageStyle(font="DejaVu Sans", size_pt=10.0, margin_cm=2.2),
    ),
    # labels read top to bottom (vertical-rl, as a word processor's "text direction"), long
    # tables per theme whose operation cells run over page breaks, a header over two columns
    ChromiumSample(
        "pas-de-calais_cp_2022-05-16_2022-198",
        ("pas-de-calais_cp_2022-05-16_2022-198",),
        annex=AnnexStyle(rotate="down", table_per_operation=False, size_pt=7.5),
        page=PageStyle(font="DejaVu Sans", size_pt=10.0, margin_cm=2.0),
    ),
    # a Région, unnumbered theme titles, large type: operation cells of 20+ rows cut by page
    # breaks (Chromium prints the rotated label in one fragment of the cut cell)
    ChromiumSample(
        "hauts-de-france_cp_2024-06-27_20241187",
        ("hauts-de-france_cp_2024-06-27_20241187",),
        annex=AnnexStyle(table_per_operation=False, header_span=False, size_pt=10.0),
        page=PageStyle(font="DejaVu Sans", size_pt=9.5, margin_cm=1.8, table_size_pt=8.0),
    ),
    # operation labels written across the operation and territory columns on rows of their
    # own, one table per theme over several pages, header over two columns
    ChromiumSample(
        "somme_cp_2023-05-22_2023-152",
        ("somme_cp_2023-05-22_2023-152",),
        annex=AnnexStyle(table_per_operation=False, operation_row=True, size_pt=8.0),
        page=PageStyle(font="DejaVu Serif", size_pt=10.0, margin_cm=2.0),
    ),
    # a bundle: two deliberations of the same collectivity, the second after the first's long
    # annex, convention and rapport
    ChromiumSample(
        "aisne_cp_bundle_cp-2021-233_cp-2024-007",
        ("aisne_cp_2021-09-20_cp-2021-233", "aisne_cp_2024-01-29_cp-2024-007"),
        annex=AnnexStyle(break_every=2, size_pt=7.0, theme_total_on_new_page=True),
        vote_on_new_page=True,
        page=PageStyle(font="DejaVu Serif", size_pt=10.0, margin_cm=1.8),
    ),
]


class ChromiumError(RuntimeError):
    """Chromium is missing or a conversion produced no PDF."""


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if exe is None:
        raise ChromiumError("chromium not found on PATH")
    return exe


def print_pdf(html: Path, pdf: Path) -> Path:
    """Print *html* to *pdf* with headless Chromium (no header or footer of its own)."""
    cmd = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        html.resolve().as_uri(),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    if not pdf.exists():
        raise ChromiumError(f"Chromium produced no PDF for {html.name}")
    return pdf


# --------------------------------------------------------------------------
# the grant annex as HTML
# --------------------------------------------------------------------------


def _amount_style(layout: GrantAnnexLayout) -> AmountStyle:
    """The sample's sign and euro wording, always with cents and a space between thousands."""
    return layout.amount.model_copy(
        update={"cents": "always", "zero_dash": False, "thousands": "\u00a0", "decimal": ","}
    )


def _headers(layout: GrantAnnexLayout, theme: str | None, grants: list[Grant]) -> tuple[str, list[str]]:
    tl = next((t for t in layout.themes if t.theme == theme), None)
    columns = tl.columns if tl else ("places" if any(g.places is not None for g in grants) else "description")
    if tl and tl.headers:
        return columns, list(tl.headers)
    third = layout.places_header if columns == "places" else layout.description_header
    return columns, ["OPERATION", "TERRITOIRE(S)", "STRUCTURE", third, "MONTANT RETENU", "Avenant/convention"]


def _css(style: AnnexStyle) -> str:
    rot = (
        "writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap;"
        if style.rotate == "up"
        else "writing-mode: vertical-rl; white-space: nowrap;"
    )
    return f"""
@page {{ size: A4 landscape; margin: 1.2cm 1cm; }}
body {{ font-family: "{style.font}"; font-size: {style.size_pt}pt; }}
h1 {{ font-size: {style.size_pt + 5}pt; margin: 0 0 8pt 0; }}
h2 {{ font-size: {style.size_pt + 2.5}pt; margin: 10pt 0 6pt 0; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 10pt; table-layout: fixed; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
th, td {{ border: 0.8pt solid #000; padding: 2pt 3pt; vertical-align: middle; }}
th {{ background: #d9d9d9; text-align: center; overflow-wrap: anywhere; }}
td.op {{ text-align: center; font-weight: bold; }}
td.op span {{ {rot} }}
td.n {{ text-align: right; white-space: nowrap; }}
td.c {{ text-align: center; }}
tr.t td {{ background: #ededed; font-weight: bold; }}
tr.o td {{ font-weight: bold; background: #f2f2f2; }}
.newpage {{ break-before: page; }}
"""


def _colgroup(columns: str, style: AnnexStyle) -> str:
    widths = [6, 14, 27, 13, 13, 11] if columns == "places" else [6, 12, 22, 31, 13, 10]
    if style.size_pt >= 9.0:  # room for the OPERATION header word in large type
        widths = [9, 13, 25, 12, 13, 12] if columns == "places" else [9, 11, 21, 30, 13, 11]
    return "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>"


def _thead(headers: list[str], style: AnnexStyle) -> str:
    cells = [escape(h) for h in headers]
    if style.header_span:
        first = f'<th colspan="2">{cells[0]} / {cells[1]}</th>'
        rest = "".join(f"<th>{c}</th>" for c in cells[2:])
        return f"<thead><tr>{first}{rest}</tr></thead>"
    if style.header_group:
        group = f'<th colspan="2">{escape(style.header_group)}</th>'
        rest = "".join(f'<th rowspan="2">{c}</th>' for c in cells[2:])
        below = f"<tr><th>{cells[0]}</th><th>{cells[1]}</th></tr>"
        return f"<thead><tr>{group}{rest}</tr>{below}</thead>"
    return "<thead><tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr></thead>"


def _territory_runs(grants: list[Grant]) -> list[int]:
    """Rowspan of each grant's territory cell (0: covered by the cell above)."""
    spans = [1] * len(grants)
    start = 0
    for i in range(1, len(grants) + 1):
        same = i < len(grants) and grants[i].territory and grants[i].territory == grants[start].territory
        if not same:
            spans[start] = i - start
            for k in range(start + 1, i):
                spans[k] = 0
            start = i
    return spans


def _operation_rows(
    op: str | None,
    grants: list[Grant],
    total: GrantTotal | None,
    columns: str,
    amount: AmountStyle,
    style: AnnexStyle,
) -> list[str]:
    rows: list[str] = []
    spans = _territory_runs(grants)
    over_total = total is not None and not style.total_label_over_operation
    op_rows = len(grants) + (1 if over_total else 0)
    if style.operation_row:
        rows.append(f'<tr class="o"><td colspan="2">{escape(op or "")}</td><td colspan="4"></td></tr>')
    for i, g in enumerate(grants):
        cells = []
        if i == 0:
            label = "" if style.operation_row else f"<span>{escape(op or '')}</span>"
            cells.append(f'<td class="op" rowspan="{op_rows}">{label}</td>')
        if spans[i]:
            cells.append(f'<td class="c" rowspan="{spans[i]}">{escape(g.territory or "")}</td>')
        cells.append(f"<td>{escape(g.beneficiary)}</td>")
        if columns == "places":
            cells.append(f'<td class="c">{"" if g.places is None else g.places}</td>')
        else:
            cells.append(f"<td>{escape(g.description or '')}</td>")
        cells.append(f'<td class="n">{escape(format_amount(g.amount, amount))}</td>')
        cells.append(f'<td class="c">{escape(g.instrument or "")}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if total is not None:
        places = str(total.places) if (total.places is not None and columns == "places") else ""
        label = escape(total.label or "")
        money = escape(format_amount(total.amount, amount))
        if over_total:  # the operation cell runs beside: the label spans territory + structure
            cells = [f'<td colspan="2">{label}</td>']
        else:  # the label spans operation + territory, the structure cell is empty
            cells = [f'<td colspan="2">{label}</td>', "<td></td>"]
        cells += [f'<td class="c">{places}</td>', f'<td class="n">{money}</td>', "<td></td>"]
        rows.append('<tr class="t">' + "".join(cells) + "</tr>")
    return rows


def annex_html(d: Deliberation, layout: GrantAnnexLayout, style: AnnexStyle) -> str:
    """The grant annex of one deliberation: each theme's heading printed once, then its tables."""
    amount = _amount_style(layout)
    out = [
        f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{escape(layout.title)}</title>',
        f"<style>{_css(style)}</style></head><body>",
        f"<h1>{escape(layout.title)}</h1>",
    ]
    themes: list[str | None] = []
    for g in d.grants:
        if g.theme not in themes:
            themes.append(g.theme)
    n_table = 0
    for t_i, theme in enumerate(themes):
        tg = [g for g in d.grants if g.theme == theme]
        columns, headers = _headers(layout, theme, tg)
        cls = ' class="newpage"' if t_i > 0 else ""
        out.append(f"<h2{cls}>{escape(theme or '')}</h2>")
        ops: list[str | None] = []
        for g in tg:
            if g.operation not in ops:
                ops.append(g.operation)
        body: list[str] = []
        for o_i, op in enumerate(ops):
            og = [g for g in tg if g.operation == op]
            total = next(
                (
                    t
                    for t in d.grant_totals
                    if t.level == TotalLevel.OPERATION and t.theme == theme and t.operation == op
                ),
                None,
            )
            rows = _operation_rows(op, og, total, columns, amount, style)
            if style.table_per_operation:
                brk = style.break_every and o_i > 0 and o_i % style.break_every == 0
                cls = ' class="newpage"' if brk else ""
                out.append(f"<table{cls}>{_colgroup(columns, style)}{_thead(headers, style)}<tbody>")
                out.extend(rows)
                out.append("</tbody></table>")
            else:
                body.extend(rows)
        theme_rows = []
        for t in d.grant_totals:
            if t.level == TotalLevel.OPERATION or t.theme != theme:
                continue
            money = escape(format_amount(t.amount, amount))
            theme_rows.append(
                f'<tr class="t"><td colspan="4">{escape(t.label or "")}</td>'
                f'<td class="n">{money}</td><td></td></tr>'
            )
        if style.table_per_operation:
            if theme_rows:
                cls = ' class="newpage"' if style.theme_total_on_new_page and t_i == 0 else ""
                out.append(
                    f"<table{cls}>{_colgroup(columns, style)}<tbody>{''.join(theme_rows)}</tbody></table>"
                )
        else:
            out.append(f"<table>{_colgroup(columns, style)}{_thead(headers, style)}<tbody>")
            out.extend(body + theme_rows)
            out.append("</tbody></table>")
        n_table += 1
    out.append("</body></html>\n")
    return "\n".join(out)


# --------------------------------------------------------------------------
# build
# --------------------------------------------------------------------------


def build(sample: ChromiumSample, out_dir: Path, samples_dir: Path = SAMPLES_DIR) -> Publication:
    """Print *sample* with Chromium into ``out_dir/<name>.pdf`` and write its truth ``.json``."""
    pubs, specs = load_samples(samples_dir, sample.sources)
    delibs_in = [d for p in pubs for d in p.deliberations]

    def write_parts(tmp: Path) -> list[Part]:
        parts: list[Part] = []
        for n, (d, spec) in enumerate(zip(delibs_in, specs, strict=True)):
            front = front_html(d, spec, sample.page)
            if sample.vote_on_new_page and spec.vote_intro:
                intro = f"<p>{escape(spec.vote_intro)}</p>"
                front = front.replace(intro, PAGE_BREAK + "\n" + intro, 1)
            pages: list[tuple[str, str | None]] = [("front", front)]
            if d.grants:
                pages.append(("annex", annex_html(d, spec.grant_annex, sample.annex)))
            pages.append(("back", back_html(d, spec, sample.page)))
            for kind, html in pages:
                if html is None:
                    continue
                src = tmp / f"{n:02d}_{kind}.html"
                src.write_text(html, encoding="utf-8")
                parts.append(((n, kind), src))
        return parts

    return print_publication(
        pubs[0],
        delibs_in,
        out_dir / f"{sample.name}.pdf",
        write_parts,
        lambda sources, _tmp: [print_pdf(src, src.with_suffix(".pdf")) for src in sources],
        "Chromium (delib.corpus.chromium_bundle)",
        deterministic_id=True,
    )


def unlocated(pub: Publication) -> int:
    """Grants and totals whose printed amount was not found on the annex pages."""
    return sum(g.page is None for d in pub.deliberations for g in d.grants) + sum(
        t.page is None for d in pub.deliberations for t in d.grant_totals
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m delib.corpus.chromium_bundle", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--out", type=Path, required=True, help="output folder (e.g. corpus/samples_chromium)")
    ap.add_argument("names", nargs="*", help="sample names to print (default: all of SAMPLES)")
    args = ap.parse_args(argv)
    for s in SAMPLES:
        if args.names and s.name not in args.names:
            continue
        pub = build(s, args.out)
        sys.stderr.write(
            f"{args.out / (s.name + '.pdf')}: {pub.file.pages} pages, "
            f"{len(pub.deliberations)} deliberation(s), {unlocated(pub)} grants/totals unlocated\n"
        )
    return 0


# printed_order is the order amounts are scanned in; kept importable from here for the tests
__all__ = ["SAMPLES", "AnnexStyle", "ChromiumSample", "annex_html", "build", "printed_order"]

if __name__ == "__main__":
    raise SystemExit(main())
