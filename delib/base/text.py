"""Text folding shared by the extractor and the warehouse."""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """``text`` without its diacritics (NFKD, combining marks dropped); case is kept."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
