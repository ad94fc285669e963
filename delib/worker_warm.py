"""Imported once by the extraction forkserver, never by the batch's parent.

Every per-file child is forked from the forkserver, so whatever is loaded
here is paid once per run instead of once per file, and shared
copy-on-write: the extractor's lazily imported libraries (pdfplumber,
dateparser) and its models (``delib.extract.warm_up()`` when it offers one,
else the spaCy pipeline of ``delib.extract.prose.load_nlp``; ~2.5-12 s to
load, which a fresh process per file would pay for every file).

Nothing here may raise: a failing preload would take the forkserver, and so
every extraction of the run, down.  A warm-up that fails is simply skipped;
the child then loads what it needs itself.
"""

from __future__ import annotations

import contextlib
import importlib
import os

from delib.worker import die_with_parent

# first of all: if the batch dies (kill -9) while we warm up, do not finish loading models for nobody
die_with_parent()
if os.getppid() == 1:  # the batch died before the line above ran: we were handed to init
    os._exit(0)

with contextlib.suppress(Exception):
    import pdfplumber  # noqa: F401
with contextlib.suppress(Exception):
    import dateparser  # noqa: F401


def _warm() -> None:
    extract = importlib.import_module("delib.extract")
    hook = getattr(extract, "warm_up", None)
    if callable(hook):
        hook()
        return
    with contextlib.suppress(ImportError):
        prose = importlib.import_module("delib.extract.prose")
        load_nlp = getattr(prose, "load_nlp", None)
        if callable(load_nlp):
            load_nlp()


with contextlib.suppress(Exception):
    _warm()
