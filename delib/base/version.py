"""The installed version of delib: stamped on every publication it reads and every batch report."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("delib")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = ["__version__"]
