"""The ``delib`` command line: a thin layer over the library.

Each subcommand parses its arguments, calls one library function, formats
the result and maps errors to exit codes: 0 ok, 1 error or rejected input,
2 usage.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from typing import Any

import click

from delib.base.errors import DelibError
from delib.base.version import __version__

#: third-party loggers that talk at INFO level (a Dask cluster logs every worker start); WARNING
#: unless -v.  Dask's own processes read DASK_LOGGING__DISTRIBUTED from the environment.
_CHATTY_LOGGERS = ("distributed", "dask", "tornado", "asyncio", "bokeh", "httpx", "httpcore")


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(format="%(levelname)s %(message)s")  # a no-op if the root logger has handlers
    logging.getLogger().setLevel(logging.DEBUG if verbose else logging.WARNING)
    # with -v they say what they hid (INFO); their DEBUG would drown ours.  Without it a Dask
    # cluster says nothing at all: a worker that dies is the file's own one-line outcome
    # (worker_crash), and the race of a cluster closing ("Failed to communicate with scheduler
    # during heartbeat", an ERROR from a worker process) is no news for the user
    os.environ["DASK_LOGGING__DISTRIBUTED"] = "info" if verbose else "critical"
    for name in _CHATTY_LOGGERS:
        quiet = logging.CRITICAL if name in ("distributed", "tornado", "asyncio") else logging.WARNING
        logging.getLogger(name).setLevel(logging.INFO if verbose else quiet)


def _set_verbose(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """-v/--verbose after the subcommand: the same as before it."""
    if value:
        ctx.ensure_object(dict)["verbose"] = True
        _configure_logging(True)


_VERBOSE_HELP = "Show tracebacks and debug logging on stderr."


def _one_line_exit(ctx: click.Context, message: str, code: int) -> None:
    if ctx.obj and ctx.obj.get("verbose"):
        traceback.print_exc()
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DelibError as err:
            _one_line_exit(ctx, str(err), err.exit_code)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # no traceback reaches a user without -v
            text = str(exc).strip()
            reason = text.splitlines()[0] if text else ""
            _one_line_exit(
                ctx, f"unexpected {type(exc).__name__}: {reason} (run with -v for the traceback)", 1
            )
        return None


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="delib")
@click.option("-v", "--verbose", is_flag=True, help=_VERBOSE_HELP + " Also accepted after the subcommand.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Turn French deliberation PDFs into clean, checked, queryable data.

    Example: delib extract corpus/samples/pas-de-calais_cp_2023-06-12_2023-259.pdf -t
    """
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    _configure_logging(verbose)


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
            if not any("-v" in p.opts for p in command.params):
                command.params.append(
                    click.Option(
                        ["-v", "--verbose"],
                        is_flag=True,
                        expose_value=False,
                        callback=_set_verbose,
                        help=_VERBOSE_HELP,
                    )
                )
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="delib")
