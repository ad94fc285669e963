"""Click options that several commands share, so that they read and behave the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from delib.cli.inputs import InputPath

F = TypeVar("F", bound=Callable[..., Any])


def options(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """Several click options as one decorator; ``--help`` lists them in the order given."""

    def apply(func: F) -> F:
        for dec in reversed(decorators):
            func = dec(func)
        return func

    return apply


#: ``delib ingest`` and ``delib history`` re-resolve names with it
aliases_option = click.option(
    "--aliases",
    type=InputPath(dir_okay=False),
    default=None,
    help="Aliases file: `A = B` forces a merge, `A != B` forbids one (format: delib.warehouse.names).",
)
