"""delib: French local deliberation PDFs to clean, checked, queryable data."""

from delib.base.version import __version__

__all__ = ["__version__"]
