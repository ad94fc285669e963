"""The same output flags on every command that prints rows (sqlite-utils style)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import IO, Any, TypeVar

import click

from delib.cli.options import options

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "json", "nl", "csv", "tsv")


def output_options(func: F) -> F:
    """Add --json/--nl/--csv/--tsv/-t/--table and --excel to a command.

    The command receives ``fmt`` (one of FORMATS, or None for the default)
    and ``excel`` (bool).
    """
    return options(
        click.option("--json", "fmt", flag_value="json", help="Output a JSON array."),
        click.option("--nl", "fmt", flag_value="nl", help="Output newline-delimited JSON."),
        click.option("--csv", "fmt", flag_value="csv", help="Output CSV."),
        click.option("--tsv", "fmt", flag_value="tsv", help="Output TSV."),
        click.option("-t", "--table", "fmt", flag_value="table", help="Output an aligned text table."),
        click.option(
            "--excel",
            is_flag=True,
            default=False,
            help=(
                "CSV as French Excel reads it: UTF-8 BOM, ';' separator, decimal comma, dates as"
                " dd/mm/yyyy (implies --csv unless --tsv is given)."
            ),
        ),
    )(func)


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _excel_cell(value: Any) -> Any:
    """A value as French Excel reads it: numbers with a decimal comma, dates as dd/mm/yyyy."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return _cell(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return _cell(value)


def emit_rows(
    rows: Iterable[Sequence[Any]],
    columns: Sequence[str],
    fmt: str | None,
    excel: bool = False,
    out: IO[str] | None = None,
) -> int:
    """Write rows in the chosen format; returns the number of rows written.

    ``excel`` (CSV or TSV): UTF-8 BOM, ``;`` between CSV fields, decimal comma, dates as
    dd/mm/yyyy, so that French Excel opens the file with numbers and dates, not text.
    """
    out = out or sys.stdout
    fmt = fmt or ("csv" if excel else "table" if out.isatty() else "json")
    n = 0
    if fmt in ("csv", "tsv"):
        if excel:
            out.write("\ufeff")
        delim = "\t" if fmt == "tsv" else (";" if excel else ",")
        cell = _excel_cell if excel else _cell
        writer = csv.writer(out, delimiter=delim, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else cell(v) for v in row])
            n += 1
    elif fmt == "nl":
        for row in rows:
            out.write(json.dumps(_jsonable(dict(zip(columns, row, strict=True))), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        items = [_jsonable(dict(zip(columns, row, strict=True))) for row in rows]
        n = len(items)
        out.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
    else:
        text_rows = [["" if v is None else str(_cell(v)) for v in row] for row in rows]
        n = len(text_rows)
        widths = [len(c) for c in columns]
        for r in text_rows:
            widths = [max(w, len(c)) for w, c in zip(widths, r, strict=True)]
        line = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
        out.write(line.rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for r in text_rows:
            out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
    return n
