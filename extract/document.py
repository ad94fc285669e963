"""One open PDF: read once, cheaply, and handed to every reader.

The fast path is pypdfium2's text layer (hundreds of pages per second);
pdfplumber (chars, words, ruling lines) is opened lazily and only for the
pages that need geometry (deliberation pages, grant tables, the rapport's
budget table).  A PDF is opened once per extraction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar, cast

import pypdfium2 as pdfium

from delib.base.errors import BadInputError, NoTextLayerError
from delib.base.files import sha256_file
from delib.extract.locator import Locator
from delib.extract.scanned import scanned_pages

_T = TypeVar("_T")

MAX_PAGES_DEFAULT = 2000


@dataclass
class Document:
    """An opened publication.  Use as a context manager or call close()."""

    path: Path
    sha256: str
    n_pages: int
    _pdfium: Any = field(repr=False)
    _texts: dict[int, str] = field(default_factory=dict, repr=False)
    _plumber: Any = field(default=None, repr=False)
    _locator: Locator | None = field(default=None, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def locator(self) -> Locator:
        """This document's line boxes, for provenance (each page's lines read once)."""
        if self._locator is None:
            self._locator = Locator(self)
        return self._locator

    def memo(self, key: str, compute: Callable[[], _T]) -> _T:
        """A value computed once per open document (e.g. the vocabulary of its whole text layer)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(_T, self._memo[key])

    @classmethod
    def open(cls, path: str | Path, max_pages: int = MAX_PAGES_DEFAULT) -> Document:
        """Open and validate a PDF; raises BadInputError with a one-line reason."""
        p = Path(path)
        if not p.exists():
            raise BadInputError("no such file", p)
        if p.is_dir():
            raise BadInputError("is a directory, not a PDF", p)
        size = p.stat().st_size
        if size == 0:
            raise BadInputError("empty file (0 bytes)", p)
        with p.open("rb") as fh:
            head = fh.read(1024)
        if b"%PDF-" not in head:
            raise BadInputError("not a PDF (no %PDF- header)", p)
        try:
            pdf = pdfium.PdfDocument(str(p))
        except pdfium.PdfiumError as exc:
            msg = str(exc)
            if "password" in msg.lower():
                raise BadInputError("encrypted PDF that needs a password", p) from exc
            raise BadInputError(f"damaged PDF ({msg.strip() or 'unreadable'})", p) from exc
        n = len(pdf)
        if n == 0:
            pdf.close()
            raise BadInputError("PDF has no pages", p)
        if n > max_pages:
            pdf.close()
            raise BadInputError(
                f"PDF has {n} pages, over the limit of {max_pages}", p, "Use --max-pages to raise it"
            )
        return cls(path=p, sha256=sha256_file(p), n_pages=n, _pdfium=pdf)

    @property
    def pdfium(self) -> Any:
        """The open pypdfium2 ``PdfDocument`` (for geometry readers: paths, char boxes)."""
        return self._pdfium

    # -- text (fast path) -------------------------------------------------
    def text(self, index: int) -> str:
        """Text layer of page ``index`` (0-based) as pypdfium2 reads it."""
        cached = self._texts.get(index)
        if cached is not None:
            return cached
        page = self._pdfium[index]
        try:
            tp = page.get_textpage()
            try:
                txt: str = tp.get_text_range()
            finally:
                tp.close()
        finally:
            page.close()
        txt = txt.replace("\r\n", "\n").replace("\r", "\n")
        self._texts[index] = txt
        return txt

    def texts(self) -> list[str]:
        return [self.text(i) for i in range(self.n_pages)]

    def require_text_layer(self) -> None:
        """Raise NoTextLayerError when no page has a usable text layer (a scan, maybe stamped).

        A page whose text covers almost none of its scanned image (a préfecture's stamp) has no
        usable text layer: decided by area (extract/ocr.py), not by the presence of characters.
        """
        texts = self.texts()
        if any(t.strip() for t in texts):
            if len(scanned_pages(self._pdfium, texts)) < self.n_pages:
                return
        raise NoTextLayerError(
            f"no text layer on any of its {self.n_pages} pages (scanned?); read it with --ocr", self.path
        )

    # -- geometry (slow path, lazily) -------------------------------------
    def plumber_page(self, index: int) -> Any:
        """The pdfplumber page ``index`` (0-based); the PDF is opened once."""
        if self._plumber is None:
            import pdfplumber

            try:
                self._plumber = pdfplumber.open(str(self.path))
            except Exception as exc:  # pdfminer raises many types on damaged files
                raise BadInputError(
                    f"pdfplumber cannot read it ({type(exc).__name__}: {exc})", self.path
                ) from exc
        return self._plumber.pages[index]

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
            self._plumber = None
        self._pdfium.close()

    def __enter__(self) -> Document:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def texts_and_locator(
    doc: Document | None, texts: list[str] | None, locator: Locator | None, geometry: bool
) -> tuple[list[str], Locator | None]:
    """What a part reader reads: ``texts`` (by default the page texts of ``doc``) and the
    ``locator`` that places its values (by default the document's own; none when ``geometry`` is
    False: values then have a page but no bbox).  A reader runs on texts alone (``doc`` None)
    when its texts are given; it then places no value on the page."""
    if texts is None:
        if doc is None:
            raise ValueError("a part reader needs a document or its page texts")
        texts = doc.texts()
    if not geometry:
        return texts, None
    if locator is None and doc is not None:
        locator = doc.locator
    return texts, locator
