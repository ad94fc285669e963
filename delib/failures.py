"""Unexpected exceptions from reading one file, as one-line errors naming the file.

The extractor turns the damage it knows into :class:`~delib.base.errors.BadInputError` when it opens a
PDF.  Some damage only shows later, in a library deep inside the extraction: pypdfium2 opens the
file but ``PdfiumError: Failed to load page.`` when a page object is broken; pdfminer or zlib
choke on a damaged stream.  Every caller that extracts a file (``delib extract``, ``delib show``,
``delib ingest``, the batch worker) passes such an exception through :func:`as_input_error`, so
the user reads ``FILE: page N could not be read (...)`` instead of a traceback, and a batch
quarantines the file as bad input with that reason.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from delib.base.errors import BadInputError, DelibError


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def first_unloadable_page(path: str | Path) -> int | None:
    """1-based number of the first page pdfium cannot load, or None if every page loads."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError):
        return None
    try:
        for i in range(len(pdf)):
            try:
                page = pdf[i]
            except pdfium.PdfiumError:
                return i + 1
            page.close()
        return None
    finally:
        pdf.close()


def _is_pdf_library_error(exc: BaseException) -> bool:
    """An exception raised by a PDF library (pypdfium2, pdfminer, pdfplumber, pypdf) or zlib."""
    module = type(exc).__module__ or ""
    return isinstance(exc, zlib.error) or module.split(".")[0] in {
        "pypdfium2",
        "pdfminer",
        "pdfplumber",
        "pypdf",
    }


def as_input_error(exc: BaseException, path: str | Path) -> DelibError:
    """A one-line error naming ``path`` for an exception raised while extracting it.

    Damage a PDF library reports becomes :class:`BadInputError` (with the page that does not load
    when pdfium says so); anything else becomes a :class:`DelibError` that says it is unexpected.
    """
    if isinstance(exc, DelibError):
        return exc
    reason = first_line(exc)
    if "Failed to load page" in reason:
        page = first_unloadable_page(path)
        where = f"page {page}" if page is not None else "a page"
        return BadInputError(f"{where} could not be read (damaged PDF: pdfium: {reason})", path)
    if _is_pdf_library_error(exc):
        return BadInputError(f"damaged PDF ({type(exc).__name__}: {reason})", path)
    return DelibError(
        f"unexpected {type(exc).__name__}: {reason}", path, hint="run with -v for the traceback"
    )
