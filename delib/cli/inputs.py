"""Input paths with the same error everywhere: a missing file is one line and exit 1.

click's own ``Path(exists=True)`` reports a missing file as a usage error (exit 2) while the
extractor reports it as rejected input (exit 1); every command taking an input file or folder uses
:class:`InputPath` so that the same mistake gives the same exit code in every command.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from delib.base.errors import BadInputError


class InputPath(click.Path):
    """An existing file or folder; a missing one raises :class:`BadInputError` (exit 1)."""

    def __init__(self, *, file_okay: bool = True, dir_okay: bool = True) -> None:
        super().__init__(file_okay=file_okay, dir_okay=dir_okay, path_type=Path)
        self.exists = True

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, (str, os.PathLike)) and not os.path.exists(value):
            what = "folder" if not self.file_okay else "file"
            raise BadInputError(f"no such {what}", os.fspath(value))
        return super().convert(value, param, ctx)


class OutputFile(click.Path):
    """A file to write whose folder must exist; a missing folder raises :class:`BadInputError`."""

    def __init__(self) -> None:
        super().__init__(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = Path(os.fspath(value))
        parent = path.parent
        if not parent.is_dir():
            raise BadInputError(f"cannot write there: folder {parent} does not exist", path)
        return super().convert(value, param, ctx)
