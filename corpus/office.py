"""Publications printed by office software (LibreOffice), not by our reportlab renderer.

From a sample's ground truth (``<name>.json``) and its render spec
(``<name>.render.json``, for the wording only), build what a collectivity's
staff actually print:

* the grant annex as an ``.xlsx`` workbook (:mod:`delib.corpus.office_sheet`),
  printed to PDF by LibreOffice Calc;
* the deliberation, narrative annexes, model convention and rapport as HTML
  (:mod:`delib.corpus.office_writer`), laid out and printed by LibreOffice
  Writer;

then merge the parts (pikepdf) in publication order and write the ground truth
beside the PDF: the same values, ``bbox`` set to null everywhere (LibreOffice
decides the geometry and we do not measure it), ``page`` recomputed from the
PDF's text layer (grants and totals by their printed amounts in row order,
prose records by their text), ``file`` rewritten.

LibreOffice runs with a private profile whose locale is fr-FR, so number
formats print French separators (``54 000,00 €-``) whatever the machine's
locale.  Output bytes are not reproducible (LibreOffice stamps dates); values
are.

Regenerate (needs ``soffice`` on PATH; CI has none and uses the committed PDFs)::

    python -m delib.corpus.office --out corpus/samples_office
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2 as pdfium

from delib.corpus.office_sheet import SheetStyle, grant_workbook
from delib.corpus.office_writer import PageStyle, back_html, front_html
from delib.corpus.render import dump_json, load_specs
from delib.corpus.spec import RenderSpec
from delib.models import Deliberation, FileInfo, Publication

SAMPLES_DIR = Path(__file__).parent / "samples"

_PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">
<value>fr-FR</value></prop></item>
</oor:items>
"""


@dataclass(frozen=True)
class OfficeSample:
    """One publication to print with office software, and how it is formatted."""

    source: str  # stem of a sample in corpus/samples
    sheet: SheetStyle = field(default_factory=SheetStyle)
    page: PageStyle = field(default_factory=PageStyle)


SAMPLES: list[OfficeSample] = [
    # the seed's data: trailing-minus negatives, operation label merged over its TOTAL row
    OfficeSample("pas-de-calais_cp_2023-06-12_2023-259"),
    # leading-minus negatives, condensed font, operation label stops above the TOTAL row,
    # TOTAL label in the STRUCTURE column only
    OfficeSample(
        "nord_cp_2021-11-22_dsti-2021-1045",
        sheet=SheetStyle(
            font="DejaVu Sans Condensed",
            size=8.5,
            amount_format='#,##0.00\\ "€";\\-#,##0.00\\ "€"',
            op_span_includes_total=False,
            total_label_cols="C",
            footer="Annexe - &P",
        ),
        page=PageStyle(font="DejaVu Sans", size_pt=10.0, margin_cm=2.5),
    ),
    # a Région, 4 themes; euro sign from a locale currency code, negatives in red with a leading minus
    OfficeSample(
        "hauts-de-france_cp_2024-06-27_20241187",
        sheet=SheetStyle(
            size=7.5,
            amount_format="#,##0.00\\ [$€-40C];[Red]\\-#,##0.00\\ [$€-40C]",
            header_fill="BDD7EE",
            total_fill="FFF2CC",
        ),
        page=PageStyle(font="DejaVu Sans", size_pt=9.5, margin_cm=1.8, table_size_pt=8.0),
    ),
]


class OfficeError(RuntimeError):
    """LibreOffice is missing or a conversion produced no PDF."""


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise OfficeError("soffice not found: apt-get install libreoffice-calc libreoffice-writer")
    return exe


def convert(sources: list[Path], outdir: Path, profile: Path) -> list[Path]:
    """Print each source (.xlsx, .html) to PDF with LibreOffice headless, fr-FR locale."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    xcu = user / "registrymodifications.xcu"
    if not xcu.exists():
        xcu.write_text(_PROFILE_XCU, encoding="utf-8")
    out: list[Path] = []
    for src in sources:
        cmd = [_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless"]
        if src.suffix == ".html":
            cmd += ["--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export"]
        else:
            cmd += ["--convert-to", "pdf:calc_pdf_Export"]
        cmd += ["--outdir", str(outdir), str(src)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        pdf = outdir / (src.stem + ".pdf")
        if not pdf.exists():
            raise OfficeError(f"LibreOffice produced no PDF for {src.name}")
        out.append(pdf)
    return out


def merge(
    parts: list[Path],
    target: Path,
    producer: str,
    *,
    deterministic_id: bool = False,
) -> list[int]:
    """Concatenate *parts* into *target*, stamped with *producer*; return each part's page count."""
    counts: list[int] = []
    with pikepdf.Pdf.new() as dst:
        for p in parts:
            with pikepdf.open(p) as src:
                counts.append(len(src.pages))
                dst.pages.extend(src.pages)
        dst.docinfo["/Producer"] = producer
        dst.save(target, deterministic_id=deterministic_id)
    return counts


def _squash(text: str) -> str:
    """Text without any whitespace, NFC, for locating printed strings across line breaks."""
    return "".join(unicodedata.normalize("NFC", text).split())


def page_texts(pdf: Path, ordered: Iterable[int] = ()) -> list[str]:
    """Squashed text of every page; pages in *ordered* (0-based) read by pdfplumber in top-down order,
    whitespace runs kept as one space (cells of a row would otherwise glue their numbers).

    LibreOffice writes a sheet's cell texts in drawing order, not row order, so
    the raw text layer of an annex page cannot be scanned row by row; pdfplumber
    sorts characters by position (rotated labels left out, they would glue
    their digits to the amounts beside them).
    """
    texts = _raw_texts(pdf)
    wanted = set(ordered)
    if wanted:
        with pdfplumber.open(pdf) as doc:
            for i in sorted(wanted):
                upright = doc.pages[i].filter(
                    lambda o: o.get("object_type") != "char" or o.get("upright", True)
                )
                texts[i] = " ".join((upright.extract_text() or "").split())
    return texts


def _raw_texts(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        texts = []
        for i in range(len(doc)):
            tp = doc[i].get_textpage()
            texts.append(_squash(tp.get_text_range()))
        return texts
    finally:
        doc.close()


def find_page(texts: list[str], needle: str, pages: Iterable[int]) -> int | None:
    """1-based page among *pages* (0-based indices) whose squashed text holds the squashed *needle*."""
    whole = _squash(needle)
    if not whole:
        return None
    where = list(pages)
    for n in (whole, whole[:60]):  # the whole text first: openings repeat ("Il est proposé ...")
        for i in where:
            if n in texts[i]:
                return i + 1
    return None


def amount_pattern(value: Decimal) -> re.Pattern[str]:
    """``Decimal("-54000")`` -> a pattern for ``54 000,00`` (any or no thousands space), not inside a number."""
    units, cents = format(abs(value).quantize(Decimal("0.01")), "f").split(".")
    groups: list[str] = []
    while len(units) > 3:
        groups.insert(0, units[-3:])
        units = units[:-3]
    groups.insert(0, units)
    body = r"\s?".join(groups) + "," + cents
    return re.compile(r"(?<![\d,])" + body + r"(?!\d)")


def sequential_pages(texts: list[str], amounts: list[Decimal], pages: range) -> list[int | None]:
    """Page of each amount, scanning *pages* in order (rows print in the order given)."""
    out: list[int | None] = []
    page_i = 0
    pos = 0
    plist = list(pages)
    for value in amounts:
        pat = amount_pattern(value)
        found: int | None = None
        k = page_i
        start = pos
        while k < len(plist):
            m = pat.search(texts[plist[k]], start)
            if m:
                found = plist[k] + 1
                page_i, pos = k, m.end()
                break
            k += 1
            start = 0
        out.append(found)
    return out


def printed_order(d: Deliberation) -> list[tuple[str, int]]:
    """Grants and totals in the order the workbook prints them: ('g', i) / ('t', i)."""
    order: list[tuple[str, int]] = []
    themes: list[str | None] = []
    for g in d.grants:
        if g.theme not in themes:
            themes.append(g.theme)
    for theme in themes:
        ops: list[str | None] = []
        for g in d.grants:
            if g.theme == theme and g.operation not in ops:
                ops.append(g.operation)
        for op in ops:
            order += [("g", i) for i, g in enumerate(d.grants) if g.theme == theme and g.operation == op]
            order += [
                ("t", i)
                for i, t in enumerate(d.grant_totals)
                if t.level == "operation" and t.theme == theme and t.operation == op
            ][:1]
        order += [
            ("t", i) for i, t in enumerate(d.grant_totals) if t.level != "operation" and t.theme == theme
        ]
    return order


def locate(d: Deliberation, texts: list[str], front: range, annex: range, back: range) -> Deliberation:
    """The deliberation with bbox nulled and pages recomputed from the printed PDF."""
    prose = range(front.start, back.stop)
    everything = [*front, *back]

    def pg(text: str | None, where: Iterable[int] = everything) -> int | None:
        return find_page(texts, text or "", where)

    order = printed_order(d)
    amounts = [d.grants[i].amount if k == "g" else d.grant_totals[i].amount for k, i in order]
    pages = sequential_pages(texts, amounts, annex)
    gpage = {i: p for (k, i), p in zip(order, pages, strict=True) if k == "g"}
    tpage = {i: p for (k, i), p in zip(order, pages, strict=True) if k == "t"}
    report = d.report
    if report is not None:
        lines = [
            b.model_copy(update={"bbox": None, "page": pg(b.operation_code, back) or pg(b.operation_code)})
            for b in report.budget_lines
        ]
        report = report.model_copy(
            update={
                "bbox": None,
                "page": pg(f"RAPPORT N°{report.number}", back) or pg("RAPPORT", back),
                "budget_lines": lines,
            }
        )
    vote = d.vote
    if vote is not None:
        first_line = (vote.text or "").split("\n")[0]
        vote = vote.model_copy(update={"bbox": None, "page": pg(first_line, front)})
    names = d.attendance.present[:1]
    update: dict[str, Any] = {
        "page": front.start + 1,
        "bbox": None,
        "attendance": d.attendance.model_copy(
            update={"bbox": None, "page": pg(names[0], front) if names else None}
        ),
        "citations": [c.model_copy(update={"bbox": None, "page": pg(c.text, front)}) for c in d.citations],
        "articles": [a.model_copy(update={"bbox": None, "page": pg(a.text, front)}) for a in d.articles],
        "budget_lines": [
            b.model_copy(update={"bbox": None, "page": pg(b.operation_code, front)}) for b in d.budget_lines
        ],
        "vote": vote,
        "grants": [g.model_copy(update={"bbox": None, "page": gpage.get(i)}) for i, g in enumerate(d.grants)],
        "grant_totals": [
            t.model_copy(update={"bbox": None, "page": tpage.get(i)}) for i, t in enumerate(d.grant_totals)
        ],
        "proposals": [p.model_copy(update={"bbox": None, "page": pg(p.text, prose)}) for p in d.proposals],
        "report": report,
    }
    return d.model_copy(update=update)


def ranges_of(kinds: list[tuple[int, str]], counts: list[int]) -> dict[tuple[int, str], range]:
    """0-based page range of each merged part."""
    ranges: dict[tuple[int, str], range] = {}
    at = 0
    for key, c in zip(kinds, counts, strict=True):
        ranges[key] = range(at, at + c)
        at += c
    return ranges


def load_samples(samples_dir: Path, names: Sequence[str]) -> tuple[list[Publication], list[RenderSpec]]:
    """The ground truth and the render specs (one per deliberation) of the named samples, in order."""
    pubs = [
        Publication.model_validate(json.loads((samples_dir / f"{s}.json").read_text(encoding="utf-8")))
        for s in names
    ]
    return pubs, [sp for s in names for sp in load_specs(samples_dir / f"{s}.render.json")]


#: a part of a printed publication: (deliberation index, "front" | "annex" | "back") and its source file
Part = tuple[tuple[int, str], Path]


def print_publication(
    pub: Publication,
    delibs: list[Deliberation],
    pdf_path: Path,
    write_parts: Callable[[Path], list[Part]],
    to_pdf: Callable[[list[Path], Path], list[Path]],
    producer: str,
    *,
    deterministic_id: bool = False,
) -> Publication:
    """Write the parts' sources into a scratch folder (``write_parts(folder)``), print them to PDF
    (``to_pdf(sources, folder)``), merge those in order into *pdf_path* and write its truth beside it."""
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="delib-print-") as tmp_s:
        tmp = Path(tmp_s)
        parts = write_parts(tmp)
        pdfs = to_pdf([src for _key, src in parts], tmp)
        counts = merge(pdfs, pdf_path, producer, deterministic_id=deterministic_id)
    return write_truth(pub, delibs, pdf_path, [key for key, _src in parts], counts)


def build(sample: OfficeSample, out_dir: Path, samples_dir: Path = SAMPLES_DIR) -> Publication:
    """Print *sample* with LibreOffice into ``out_dir/<source>.pdf`` + ``.json`` (+ the .xlsx/.html sources)."""
    (pub,), specs = load_samples(samples_dir, [sample.source])
    out_dir.mkdir(parents=True, exist_ok=True)

    def write_parts(tmp: Path) -> list[Part]:
        parts: list[Part] = []
        for n, (d, spec) in enumerate(zip(pub.deliberations, specs, strict=True)):
            front = tmp / f"{n:02d}a_deliberation.html"
            front.write_text(front_html(d, spec, sample.page), encoding="utf-8")
            parts.append(((n, "front"), front))
            if d.grants:
                xlsx = tmp / f"{n:02d}b_annexe.xlsx"
                grant_workbook(d.grants, d.grant_totals, spec.grant_annex, sample.sheet).save(xlsx)
                shutil.copy(xlsx, out_dir / f"{sample.source}.annexe{'' if n == 0 else n}.xlsx")
                parts.append(((n, "annex"), xlsx))
            back = back_html(d, spec, sample.page)
            if back is not None:
                bpath = tmp / f"{n:02d}c_rapport.html"
                bpath.write_text(back, encoding="utf-8")
                parts.append(((n, "back"), bpath))
        return parts

    return print_publication(
        pub,
        pub.deliberations,
        out_dir / f"{sample.source}.pdf",
        write_parts,
        lambda sources, tmp: convert(sources, tmp, tmp / "profile"),
        "LibreOffice (delib.corpus.office)",
    )


def write_truth(
    pub: Publication,
    delibs_in: list[Deliberation],
    pdf_path: Path,
    kinds: list[tuple[int, str]],
    counts: list[int],
) -> Publication:
    """The truth of the merged *pdf_path*: *pub* holding *delibs_in*, each record's page found in the
    printed text (parts *kinds* of *counts* pages each, in order), ``bbox`` null, ``file`` rewritten;
    written beside the PDF as ``.json``."""
    ranges = ranges_of(kinds, counts)
    annex_pages = [p for k, r in ranges.items() if k[1] == "annex" for p in r]
    texts = page_texts(pdf_path, annex_pages)
    if len(texts) != sum(counts):
        raise RuntimeError(f"merged PDF has {len(texts)} pages, parts have {sum(counts)}")
    delibs = []
    for n, d in enumerate(delibs_in):
        front_r = ranges[(n, "front")]
        annex_r = ranges.get((n, "annex"), range(front_r.stop, front_r.stop))
        back_r = ranges.get((n, "back"), range(annex_r.stop, annex_r.stop))
        delibs.append(locate(d, texts, front_r, annex_r, back_r))
    digest = hashlib.sha256(pdf_path.read_bytes()).hexdigest()
    out = pub.model_copy(
        update={
            "file": FileInfo(path=pdf_path.name, sha256=digest, pages=len(texts)),
            "deliberations": delibs,
        }
    )
    pdf_path.with_suffix(".json").write_text(dump_json(out.to_json_dict()), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m delib.corpus.office", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="output folder (e.g. corpus/samples_office)")
    ap.add_argument("names", nargs="*", help="sample stems to print (default: all of SAMPLES)")
    args = ap.parse_args(argv)
    chosen = [s for s in SAMPLES if not args.names or s.source in args.names]
    for s in chosen:
        pub = build(s, args.out)
        missing = sum(g.page is None for d in pub.deliberations for g in d.grants)
        sys.stderr.write(
            f"{args.out / (s.source + '.pdf')}: {pub.file.pages} pages, {missing} grants unlocated\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
