"""Imported once by the extraction forkserver, never by the batch's parent.

Every per-file child is forked from the forkserver, so whatever is loaded
here (imports, and the extractor's models if it offers ``warm_up()``) is
paid once per run instead of once per file, and shared copy-on-write.
"""

from __future__ import annotations

import delib.extract as _extract

_warm = getattr(_extract, "warm_up", None)
if callable(_warm):
    _warm()
