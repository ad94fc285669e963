"""Errors that end a command with one readable line (csvkit-style)."""

from __future__ import annotations

from pathlib import Path


class DelibError(Exception):
    """Base error: ``str(err)`` is the one-line message shown to the user."""

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None, hint: str | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.reason = message
        self.hint = hint
        text = f"{self.path}: {message}" if self.path else message
        if hint:
            text = f"{text}. {hint}"
        super().__init__(text)


class BadInputError(DelibError):
    """The input file cannot be read as a deliberation publication."""


class NoTextLayerError(BadInputError):
    """The PDF has no text layer (scanned)."""


class UsageError(DelibError):
    exit_code = 2
