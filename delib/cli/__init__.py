"""The ``delib`` command line: a thin layer over the library.

Each subcommand parses its arguments, calls one library function, formats
the result and maps errors to exit codes: 0 ok, 1 error or rejected input,
2 usage.
"""

from __future__ import annotations

import logging
import sys
import traceback
from typing import Any

import click

from delib import __version__
from delib.errors import DelibError


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DelibError as err:
            if ctx.obj and ctx.obj.get("verbose"):
                traceback.print_exc()
            click.echo(f"Error: {err}", err=True)
            sys.exit(err.exit_code)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="delib")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks and debug logging on stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Turn French deliberation PDFs into clean, checked, queryable data.

    Example: delib extract corpus/samples/pas-de-calais_cp_2023-06-12_2023-259.pdf -t
    """
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(message)s"
    )


def _register() -> None:
    import importlib

    for mod in ("extract_cmds", "warehouse_cmds", "batch_cmds"):
        try:
            m = importlib.import_module(f"delib.cli.{mod}")
        except ModuleNotFoundError as exc:  # a command module not written yet
            if exc.name != f"delib.cli.{mod}":
                raise
            continue
        for command in getattr(m, "COMMANDS", []):
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="delib")
