"""delib: French local deliberation PDFs to clean, checked, queryable data."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("delib")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"
