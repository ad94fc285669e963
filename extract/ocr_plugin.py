"""OCRmyPDF plugin: Tesseract on the page without its dot leaders, then the specks and
look-alike glyphs of its hOCR undone.

Loaded by ``ocrmypdf --plugin delib.extract.ocr_plugin`` (``extract/ocr.py``).  Tesseract reads a
copy of the page image whose dot leaders are erased (``ocr_image.py``); the page itself is kept
as scanned.  The words are
fixed by :func:`delib.extract.ocr_words.fix_hocr` before OCRmyPDF writes the text layer from the
hOCR, so the PDF's words and the confidences read later are the same words; a margin column
Tesseract ran into the rows is put back before its rows (``ocr_margin.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ocrmypdf import hookimpl
from ocrmypdf.builtin_plugins.tesseract_ocr import TesseractOcrEngine

from delib.extract.ocr_image import without_leaders
from delib.extract.ocr_margin import split_margin
from delib.extract.ocr_words import fix_hocr


class FixedWordsTesseract(TesseractOcrEngine):
    """Tesseract whose hOCR words are fixed before the text layer is drawn from them."""

    @staticmethod
    def generate_hocr(input_file: Path, output_hocr: Path, output_text: Path, options: Any) -> None:
        src = Path(input_file)
        cleaned = src.with_name(src.stem + ".noleaders.png")
        if without_leaders(src, cleaned):
            src = cleaned
        TesseractOcrEngine.generate_hocr(src, output_hocr, output_text, options)  # type: ignore[no-untyped-call]
        hocr = Path(output_hocr)
        fixed, changed = fix_hocr(hocr.read_text(encoding="utf-8"))
        fixed, split = split_margin(fixed)
        if changed or split:
            hocr.write_text(fixed, encoding="utf-8")


@hookimpl
def get_ocr_engine(options: Any = None) -> TesseractOcrEngine:  # ``options``: OCRmyPDF 17's hook
    return FixedWordsTesseract()
