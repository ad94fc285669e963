"""PDF to records: ``extract_publication(path) -> Publication``."""

from delib.extract.pipeline import extract_publication

__all__ = ["extract_publication"]
