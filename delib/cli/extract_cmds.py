"""CLI: extract, eval, show, schema (each one call into delib.extract)."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from delib.base.errors import UsageError
from delib.cli.extract_rows import COLUMNS, publication_rows, vote_text
from delib.cli.inputs import InputPath, OutputFile
from delib.cli.output import emit_rows, output_options

if TYPE_CHECKING:
    from delib.models import Deliberation, Publication


def _q(value: object) -> str:
    """A value for the summary: '?' where the document does not say (never "None")."""
    return "?" if value is None else str(value)


def _summary(pub: Publication) -> str:
    """The readable summary of ``delib extract -t``: each deliberation, other items, problems."""
    lines = [f"{pub.file.path}  ({pub.file.pages} pages, sha256 {pub.file.sha256[:12]})"]
    for d in pub.deliberations:
        lines += ["", *_deliberation_summary(d)]
    if pub.other_items:
        lines.append("")
        lines.append(f"Other items (not deliberations): {len(pub.other_items)}")
        for o in pub.other_items:
            vote = f" — vote: {vote_text(o.vote)}" if o.vote else ""
            lines.append(f"  [{o.kind}] {o.number or ''} {o.title or '?'}{vote}".replace("  ", " ", 1))
    if pub.problems:
        lines.append(f"problems: {len(pub.problems)}")
        for p in pub.problems[:10]:
            lines.append(f"  p.{_q(p.page)} {p.kind}: {p.message}")
    return "\n".join(lines)


def _deliberation_summary(d: Deliberation) -> list[str]:
    """One deliberation's block: what it is, who attended, what it read, its checks."""
    a = d.attendance
    lines = [
        f"Deliberation {d.number or '?'}: {d.title or '?'}",
        f"  {d.collectivity or '?'} / {d.instance or '?'} / session {d.session_date or '?'}",
        f"  attendance: {len(a.present)} present, {len(a.excused)} excused, {len(a.absent)} absent,"
        f" {len(a.proxies)} proxies, {len(d.recused)} recused",
    ]
    if d.rapporteur:
        lines.append(f"  rapporteur: {d.rapporteur}")
    if d.vote:
        lines.append(f"  vote: {vote_text(d.vote)}")
    if d.ballot:
        results = ", ".join(f"{k} {v}" for k, v in d.ballot.results.items())
        lines.append(f"  ballot: {results}; elected {', '.join(d.ballot.elected) or 'not printed'}")
    for imp in d.imputations:
        lines.append(f"  imputation {imp.text}: {_q(imp.amount)} ({imp.budget or 'principal'})")
    for art in d.articles:
        amounts = ", ".join(format(x, "f") for x in art.amounts)
        lines.append(f"  article {art.number}: {amounts or '-'}")
    for b in d.budget_lines:
        lines.append(
            f"  budget {_q(b.operation_code)} {_q(b.imputation)}: AE {_q(b.ae)} expense {_q(b.expense)}"
        )
    if d.grants:
        total = sum((g.amount for g in d.grants), Decimal("0.00"))
        lines.append(f"  grants: {len(d.grants)} lines, sum {total}; {len(d.grant_totals)} printed totals")
    if d.report:
        for b in d.report.budget_lines:
            lines.append(
                f"  rapport {_q(d.report.number)} {_q(b.operation_code)}: available {_q(b.available)}"
                f" proposed {_q(b.proposed)} balance {_q(b.balance)}"
            )
    lines += _checks_summary(d)
    if d.problems:
        lines.append(f"  problems: {len(d.problems)}")
    return lines


def _checks_summary(d: Deliberation) -> list[str]:
    """How many checks passed and failed, then each failed one."""
    failed = [c for c in d.checks if not c.passed]
    return [f"  checks: {len(d.checks) - len(failed)} passed, {len(failed)} failed"] + [
        f"    FAILED {c.name} p.{_q(c.page)}: expected {_q(c.expected)}, found {_q(c.found)} ({c.detail or ''})"
        for c in failed
    ]


def _extract(pdf: Path, ocr: bool = False) -> Publication:
    """extract_publication, with any failure reading the file as one line naming it."""
    from delib.extract import extract_publication
    from delib.failures import as_input_error

    try:
        return extract_publication(pdf, ocr=ocr)
    except Exception as exc:
        raise as_input_error(exc, pdf) from exc


@click.command()
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@output_options
@click.option("--strict", is_flag=True, help="Exit 1 when a check failed or something could not be read.")
@click.option(
    "--ocr",
    is_flag=True,
    help="Read pages without a usable text layer (scans) through OCR (Tesseract fra, OCRmyPDF).",
)
def extract(pdf: Path, fmt: str | None, excel: bool, strict: bool, ocr: bool) -> None:
    """Extract one publication PDF into a checked, traceable record.

    --json prints the whole record (the default when piped), -t a readable summary (the default
    on a terminal); --csv, --tsv and --nl print one row per value read (grant, total, article,
    budget line, vote, check, problem) with its page, rule and box.

    Example: delib extract corpus/samples/pas-de-calais_cp_2023-06-12_2023-259.pdf --json > record.json
    Example: delib extract scanned.pdf --ocr -t
    """
    pub = _extract(pdf, ocr=ocr)
    fmt = fmt or ("csv" if excel else "table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        click.echo(json.dumps(pub.to_json_dict(), ensure_ascii=False, indent=2))
    elif fmt == "table":
        click.echo(_summary(pub))
    else:
        emit_rows(publication_rows(pub), COLUMNS, fmt, excel)
    if strict:
        failed = sum(1 for d in pub.deliberations for c in d.checks if not c.passed)
        unread = len(pub.problems) + sum(len(d.problems) for d in pub.deliberations)
        if failed or unread:
            click.echo(f"Error: {pdf}: {failed} failed checks, {unread} unread items (--strict)", err=True)
            sys.exit(1)


def _parse_thresholds(values: tuple[str, ...], families: tuple[str, ...] | None = None) -> dict[str, float]:
    from delib.extract.evaluate import FAMILIES as FIXTURE_FAMILIES

    FAMILIES = families or tuple(FIXTURE_FAMILIES)
    out = {}
    for v in values:
        fam, sep, num = v.partition("=")
        if not sep or fam not in FAMILIES:
            raise UsageError(
                f"bad --min {v!r}: expected FAMILY=FRACTION with FAMILY in {', '.join(FAMILIES)}"
            )
        try:
            out[fam] = float(num)
        except ValueError as exc:
            raise UsageError(f"bad --min {v!r}: {num!r} is not a number such as 0.99") from exc
    return out


@click.command(name="eval")
@click.argument("directory", type=InputPath(file_okay=False))
@click.option(
    "--min",
    "minimums",
    multiple=True,
    metavar="FAMILY=FRACTION",
    help="Exit 1 when precision or recall of FAMILY is below FRACTION (repeatable), e.g. amounts=1.0",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON, with the misses.")
@click.option("--misses", "show_misses", type=int, default=0, help="Print up to N misses per family.")
@click.option("--ocr", is_flag=True, help="Also score the ground truth of scans, read through OCR.")
def eval_(directory: Path, minimums: tuple[str, ...], as_json: bool, show_misses: int, ocr: bool) -> None:
    """Score the extractor on every PDF of DIRECTORY that has a ground-truth JSON beside it.

    Two kinds of ground truth: the JSON the fixture generator rendered a PDF from (same name,
    ``.json`` beside the ``.pdf``), and hand-written ``*.gold.json`` files of real publications,
    each naming its PDF (format: tests/real/README.md); a directory holding the latter is scored
    item by item (items, numbers, votes, other items, grants, imputations) and the report ends
    with the count of wrong items that carry no failed check (``--min silent_wrong=0``).

    Example: delib eval corpus/samples --min amounts=1.0 --min votes=1.0 --min names=0.99
    Example: delib eval tests/real --min items=0.98 --min vote_counts=0.98 --min silent_wrong=0
    """
    from delib.extract.evaluate import evaluate, report_json
    from delib.extract.evaluate_gold import gold_files

    if gold_files(directory):
        _eval_gold(directory, minimums, as_json, show_misses, ocr)
        return
    thresholds = _parse_thresholds(minimums)
    rep = evaluate(directory)
    if not rep.files:
        raise UsageError(f"no PDF with a ground-truth .json beside it in {directory}")
    _print_eval(rep, report_json(rep) if as_json else None, show_misses, [], thresholds)


def _print_eval(
    rep: Any, as_json: str | None, show_misses: int, extra: list[str], thresholds: dict[str, float]
) -> None:
    """The eval report (a table, or JSON), then the thresholds: exit 1 below one or on an error."""
    if as_json is not None:
        click.echo(as_json)
    else:
        emit_rows(rep.rows(), ["family", "expected", "found", "matched", "precision", "recall"], "table")
        click.echo(f"{len(rep.files)} files, {len(rep.errors)} extraction errors")
        for line in extra:
            click.echo(line)
        for f, e in rep.errors.items():
            click.echo(f"  error {f}: {e}")
        if show_misses:
            for fam, s in rep.scores.items():
                for m in s.misses[:show_misses]:
                    click.echo(f"  [{fam}] {m}")
            for m in getattr(rep, "silent", [])[:show_misses]:
                click.echo(f"  [silent] {m}")
    bad = rep.below(thresholds)
    for b in bad:
        click.echo(f"Error: below threshold: {b}", err=True)
    if bad or rep.errors:
        sys.exit(1)


def _eval_gold(
    directory: Path, minimums: tuple[str, ...], as_json: bool, show_misses: int, ocr: bool = False
) -> None:
    from delib.extract.evaluate_gold import FAMILIES, evaluate_gold, report_json

    thresholds = _parse_thresholds(minimums, (*FAMILIES, "silent_wrong"))
    if ocr:
        from delib.extract.ocr import require_engine

        require_engine()
    rep = evaluate_gold(directory, ocr=ocr)
    if not rep.files:
        raise UsageError(f"no *.gold.json naming a text PDF in {directory}")
    silent = f"silent wrong items (read wrong, no failed check or problem): {rep.silent_wrong}"
    _print_eval(rep, report_json(rep) if as_json else None, show_misses, [silent], thresholds)


@click.command()
@click.argument("pdf", type=InputPath(dir_okay=False))
@click.option("--page", "page", type=int, required=True, help="1-based page number to draw.")
@click.option(
    "-o",
    "--output",
    type=OutputFile(),
    required=True,
    help="PNG file to write.",
)
@click.option("--resolution", type=int, default=110, show_default=True, help="Pixels per inch.")
def show(pdf: Path, page: int, output: Path, resolution: int) -> None:
    """Draw the boxes of every value read on one page, coloured by kind.

    Example: delib show corpus/samples/pas-de-calais_cp_2023-06-12_2023-259.pdf --page 9 -o page9.png
    """
    from delib.extract.debug import draw_page

    pub = _extract(pdf)
    n = draw_page(pdf, pub, page, output, resolution=resolution)
    click.echo(f"{output}: {n} boxes drawn on page {page}", err=True)


@click.command()
def schema() -> None:
    """Print the JSON Schema of `delib extract --json` records.

    Example: delib schema > models/publication.schema.json
    """
    from delib.models import json_schema

    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


COMMANDS = [extract, eval_, show, schema]
