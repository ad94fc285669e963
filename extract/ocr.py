"""Scanned pages read through OCR (``--ocr``): OCRmyPDF + Tesseract ``fra``.

Which pages: a page has no usable text layer when images cover a large part of it and the
text it carries covers almost none of it (a préfecture's stamp, a few words of a header on a
scan).  The decision compares areas, never the mere presence of characters.

How: those pages (only those) are OCRed by OCRmyPDF in a temporary copy (deskew, rotation,
Tesseract's French model); the copy is read by the same extractor as any text PDF; the
original file's path and sha256 stay the identity of the document.

What the reader is told: every record read on an OCRed page gets ``+ocr(...)`` appended to its
``rule`` with the engine, its version, the language and a confidence (Tesseract's word
confidences, 0-100, from the hOCR OCRmyPDF wrote: the mean of the words inside the record's
box, or for a value with numbers, the lowest confidence of a word with a digit).  An amount or a
vote count read from words below :data:`LOW_CONFIDENCE` becomes an ``ocr_low_confidence``
problem on its page (``delib audit`` lists it).
"""

from __future__ import annotations

import contextlib
import ctypes
import html
import itertools
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from delib.base.errors import DelibError, NoTextLayerError
from delib.extract.scanned import scanned_pages
from delib.models import (
    Article,
    Ballot,
    BudgetLine,
    Deliberation,
    FileInfo,
    Grant,
    GrantTotal,
    Imputation,
    Located,
    Problem,
    Proposal,
    Publication,
    Vote,
)

RULE = "ocr.confidence.v1"
LANGUAGE = "fra"
#: a number whose characters Tesseract read below this word confidence (0-100) is flagged
LOW_CONFIDENCE = 75
#: seconds Tesseract may spend on one page before OCRmyPDF gives it up (the page stays empty)
TESSERACT_TIMEOUT_S = 180

INSTALL_HINT = (
    "install Tesseract with its French model and OCRmyPDF: "
    "apt-get install tesseract-ocr tesseract-ocr-fra; pip install 'delib[ocr]'"
)


class OcrUnavailableError(DelibError):
    """``--ocr`` was asked for and Tesseract, its French model or OCRmyPDF is missing."""


# --------------------------------------------------------------------------
# the engine
# --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def engine() -> str:
    """``tesseract 5.3.0`` (what the hOCR says), or raise OcrUnavailableError with what to install."""
    if find_spec("ocrmypdf") is None:
        raise OcrUnavailableError(f"--ocr needs OCRmyPDF, not installed: {INSTALL_HINT}")
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrUnavailableError(f"--ocr needs Tesseract, not found on PATH: {INSTALL_HINT}")
    try:
        langs = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.split()
        version = subprocess.run(
            [exe, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrUnavailableError(f"--ocr: Tesseract does not run ({exc}): {INSTALL_HINT}") from exc
    if LANGUAGE not in langs:
        raise OcrUnavailableError(f"--ocr needs Tesseract's French model ('{LANGUAGE}'): {INSTALL_HINT}")
    return f"tesseract {version[1]}" if len(version) > 1 else "tesseract"


def require_engine() -> str:
    """Check before a run that --ocr can work (one-line error otherwise)."""
    return engine()


def _jobs() -> int:
    env = os.environ.get("DELIB_OCR_JOBS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    if multiprocessing.parent_process() is not None:
        return 1  # a batch worker: the pool runs one file per core already
    return max(1, os.cpu_count() or 1)


def _die_with_parent() -> None:  # pragma: no cover - runs in the OCRmyPDF child
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def _settings() -> list[str]:
    """OCRmyPDF's options that decide what is read (the cache key holds them)."""
    return [
        "-l",
        LANGUAGE,
        "--deskew",
        "--rotate-pages",
        "--force-ocr",  # a scan's stamp or header text is rasterised and read with the rest
        "--tesseract-pagesegmode",  # one column of text of varying sizes: a margin column
        "4",  # (rapporteurs beside the headings) read with its row, not as a column of its own
        "--tesseract-thresholding",  # a local threshold: grain and JPEG noise broke Otsu's on
        "sauvola",  # 300-dpi scans ("Pour : 18" read "Pour 15", "Pour : 6" read "BOUr E")
        "--plugin",  # Tesseract's specks and look-alike glyphs undone in the hOCR (ocr_words.py)
        "delib.extract.ocr_plugin",
        "--output-type",
        "pdf",
        "-O",
        "0",
    ]


def run_ocrmypdf(src: Path, dst: Path, pages: Iterable[int], workdir: Path) -> None:
    """OCR ``pages`` (0-based) of ``src`` into ``dst``; the hOCR files stay under ``workdir``."""
    listed = ",".join(str(i + 1) for i in pages)
    cmd = [
        sys.executable,
        "-m",
        "ocrmypdf",
        *_settings(),
        "--pages",
        listed,
        "-k",  # keep the hOCR (word confidences) in workdir, removed with it
        "-j",
        str(_jobs()),
        "--tesseract-timeout",
        str(TESSERACT_TIMEOUT_S),
        "-q",
        str(src),
        str(dst),
    ]
    env = dict(os.environ, TMPDIR=str(workdir))
    proc = subprocess.run(
        cmd, capture_output=True, text=True, env=env, check=False, preexec_fn=_die_with_parent
    )
    if proc.returncode != 0 or not dst.exists():
        lines = [ln for ln in (proc.stderr or "").splitlines() if ln.strip()]
        why = lines[-1].strip() if lines else f"exit code {proc.returncode}"
        raise DelibError(f"OCR failed ({why})", src)


# --------------------------------------------------------------------------
# word confidences (hOCR)
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Word:
    text: str
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points
    conf: int


_WORD = re.compile(
    r"<span class=['\"]ocrx_word['\"][^>]*title=['\"]bbox (\d+) (\d+) (\d+) (\d+); x_wconf (\d+)['\"][^>]*>(.*?)</span>",
    re.S,
)
_PAGE_BOX = re.compile(r"class=['\"]ocr_page['\"][^>]*bbox 0 0 (\d+) (\d+)")
_TAG = re.compile(r"<[^>]+>")


def read_hocr(text: str, page_width: float, page_height: float) -> list[Word]:
    """The words of one hOCR page, their boxes scaled from image pixels to PDF points."""
    m = _PAGE_BOX.search(text)
    if m is None:
        return []
    sx, sy = page_width / int(m.group(1)), page_height / int(m.group(2))
    words = []
    for w in _WORD.finditer(text):
        x0, y0, x1, y1, conf = (int(w.group(i)) for i in range(1, 6))
        word = html.unescape(_TAG.sub("", w.group(6))).strip()
        if word:
            words.append(Word(word, (x0 * sx, y0 * sy, x1 * sx, y1 * sy), conf))
    return words


@dataclass
class OcrPages:
    """What OCR read, page by page (1-based page numbers)."""

    engine: str
    words: dict[int, list[Word]] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def pages(self) -> list[int]:
        return sorted(self.words)

    def inside(self, page: int, bbox: tuple[float, float, float, float] | None) -> list[Word]:
        words = self.words.get(page, [])
        if bbox is None:
            return []
        x0, top, x1, bottom = bbox
        return [
            w
            for w in words
            if x0 - 1 <= (w.box[0] + w.box[2]) / 2 <= x1 + 1
            and top - 1 <= (w.box[1] + w.box[3]) / 2 <= bottom + 1
        ]

    def page_confidence(self, page: int) -> int | None:
        words = self.words.get(page, [])
        return round(sum(w.conf for w in words) / len(words)) if words else None


def _hocr_files(workdir: Path) -> dict[int, Path]:
    out = {}
    for f in [*workdir.glob("ocrmypdf.io.*/*_ocr_hocr.hocr"), *workdir.glob("hocr/*_ocr_hocr.hocr")]:
        m = re.match(r"(\d+)_ocr_hocr\.hocr$", f.name)
        if m:
            out[int(m.group(1))] = f
    return out


# --------------------------------------------------------------------------
# provenance and confidence on the records
# --------------------------------------------------------------------------
M = TypeVar("M", bound=BaseModel)


def _numbers(rec: Located) -> bool:
    """Does this record carry an amount or a count read from the page?"""
    if isinstance(rec, Vote):
        return any(x is not None for x in (rec.for_, rec.against, rec.abstention, rec.not_voting))
    if isinstance(rec, Imputation):
        return rec.amount is not None
    if isinstance(rec, Article):
        return bool(rec.amounts)
    if isinstance(rec, Ballot):
        return bool(rec.results)
    return isinstance(rec, Grant | GrantTotal | BudgetLine | Proposal)


def _what(rec: Located) -> str:
    if isinstance(rec, Vote):
        counts = (rec.for_, rec.against, rec.abstention, rec.not_voting)
        return "vote count " + "/".join("-" if c is None else str(c) for c in counts)
    if isinstance(rec, Grant | GrantTotal | Imputation):
        return f"amount {rec.amount}"
    if isinstance(rec, Article):
        return "amounts " + ", ".join(str(a) for a in rec.amounts)
    return type(rec).__name__.lower()


class _Marker:
    def __init__(self, ocr: OcrPages, low: int) -> None:
        self.ocr = ocr
        self.low = low
        self.problems: list[Problem] = []

    def value(self, val: Any) -> Any:
        if isinstance(val, BaseModel):
            return self.record(val)
        if isinstance(val, list):
            new = [self.value(v) for v in val]
            return new if any(a is not b for a, b in zip(new, val, strict=True)) else val
        return val

    def record(self, rec: M) -> M:
        updates: dict[str, Any] = {}
        for name in type(rec).model_fields:
            old = getattr(rec, name)
            new = self.value(old)
            if new is not old:
                updates[name] = new
        if isinstance(rec, Located) and rec.page in self.ocr.words:
            updates["rule"] = self._rule(rec)
        return rec.model_copy(update=updates) if updates else rec

    def _rule(self, rec: Located) -> str:
        assert rec.page is not None
        words = self.ocr.inside(rec.page, rec.bbox)
        conf: int | None
        if _numbers(rec):
            digits = [w for w in words if any(ch.isdigit() for ch in w.text)]
            conf = min((w.conf for w in digits), default=None)
            if conf is not None and conf < self.low and not isinstance(rec, Problem):
                shaky = " ".join(f"{w.text}({w.conf})" for w in digits if w.conf < self.low)
                self.problems.append(
                    Problem(
                        kind="ocr_low_confidence",
                        message=(
                            f"{_what(rec)} read by OCR with low confidence ({conf} < {self.low}): "
                            "check it on the page image"
                        ),
                        raw=shaky,
                        page=rec.page,
                        bbox=rec.bbox,
                        rule=RULE,
                    )
                )
            if isinstance(rec, Grant):
                self._shaky_name(rec, words)
        else:
            conf = round(sum(w.conf for w in words) / len(words)) if words else None
        if conf is None:
            conf = self.ocr.page_confidence(rec.page)
        return f"{rec.rule or 'unknown'}+ocr({self.ocr.engine}/{LANGUAGE},conf={conf if conf is not None else '?'})"

    def _shaky_name(self, grant: Grant, words: list[Word]) -> None:
        """A beneficiary read from words below the threshold (``Judo club ....`` read ``OO CU anus``
        at 15-28): said, as its amount would be."""
        name = [
            w for w in words if any(ch.isalpha() for ch in w.text) and not any(ch.isdigit() for ch in w.text)
        ]
        shaky = [w for w in name if w.conf < self.low and w.text != "€"]
        if not shaky:
            return
        self.problems.append(
            Problem(
                kind="ocr_low_confidence",
                message=(
                    f"beneficiary {grant.beneficiary!r} read by OCR with low confidence "
                    f"({min(w.conf for w in shaky)} < {self.low}): check it on the page image"
                ),
                raw=" ".join(f"{w.text}({w.conf})" for w in shaky),
                page=grant.page,
                bbox=grant.bbox,
                rule=RULE,
            )
        )


def low_confidence() -> int:
    """The threshold: ``DELIB_OCR_MIN_CONFIDENCE`` (0-100) if set, else :data:`LOW_CONFIDENCE`."""
    env = os.environ.get("DELIB_OCR_MIN_CONFIDENCE", "")
    return int(env) if env.isdigit() else LOW_CONFIDENCE


def _number_gaps(pub: Publication, ocr: OcrPages) -> list[Problem]:
    """Items numbered 11 and 13 but no 12, on OCRed pages: the heading of 12 may be one OCR
    misread (``Madamé Isabelle 12°``), its decision then read as part of 11's.  Said as a problem
    on the page of the item before the gap, so a lost item is never silent."""
    pages: dict[int, int | None] = {}  # item number -> its page
    numbered: list[tuple[str | None, int | None]] = [(d.number, d.page) for d in pub.deliberations]
    numbered += [(o.number, o.page) for o in pub.other_items]
    for number, page_of in numbered:
        if number and number.isdigit() and len(number) <= 3:
            pages.setdefault(int(number), page_of)
    nums = sorted(pages)
    out: list[Problem] = []
    for a, b in itertools.pairwise(nums):
        page = pages[a]
        if b - a > 1 and (page in ocr.words or pages[b] in ocr.words):
            missing = f"{a + 1}" if b - a == 2 else f"{a + 1} to {b - 1}"
            out.append(
                Problem(
                    kind="ocr_item_missing",
                    message=f"items numbered {a} then {b}: no item {missing} read (a heading OCR may have lost)",
                    raw=f"{a} → {b}",
                    page=page,
                    rule=RULE,
                )
            )
    return out


def mark_publication(pub: Publication, ocr: OcrPages, low: int | None = None) -> Publication:
    """Every record read on an OCRed page says so; low-confidence numbers become problems."""
    low = low_confidence() if low is None else low
    delibs: list[Deliberation] = []
    for d in pub.deliberations:
        marker = _Marker(ocr, low)
        nd = marker.record(d)
        if marker.problems:
            nd = nd.model_copy(update={"problems": [*nd.problems, *marker.problems]})
        delibs.append(nd)
    marker = _Marker(ocr, low)
    rest = {
        "other_items": marker.value(pub.other_items),
        "problems": [*marker.value(pub.problems), *_number_gaps(pub, ocr)],
    }
    return pub.model_copy(update={"deliberations": delibs, **rest})


# --------------------------------------------------------------------------
# the --ocr path
# --------------------------------------------------------------------------
def _cache_dir(path: Path, pages: list[int], name: str) -> Path | None:
    """Where ``DELIB_OCR_CACHE`` (a directory, unset by default) keeps this file's OCR output.

    The key is the file's bytes, the pages, the engine, the OCR settings and the word rules
    (``ocr_words.py``), so a change to any of them reads the pages again.  Meant for iterating on
    the reader over the same scans.
    """
    root = os.environ.get("DELIB_OCR_CACHE", "")
    if not root:
        return None
    import hashlib

    key = hashlib.sha256()
    key.update(path.read_bytes())
    key.update(repr((pages, name, _settings())).encode())
    from delib.extract import ocr_words

    key.update(Path(ocr_words.__file__).read_bytes())  # the plugin's rules
    key.update(Path(ocr_words.__file__).with_name("ocr_plugin.py").read_bytes())
    key.update(Path(ocr_words.__file__).with_name("ocr_image.py").read_bytes())
    key.update(Path(ocr_words.__file__).with_name("ocr_margin.py").read_bytes())
    return Path(root) / key.hexdigest()[:32]


def _fill_cache(cached: Path, workdir: Path) -> None:
    tmp = cached.with_name(cached.name + f".{os.getpid()}.tmp")
    (tmp / "hocr").mkdir(parents=True, exist_ok=True)
    for f in _hocr_files(workdir).values():
        shutil.copy(f, tmp / "hocr" / f.name)
    shutil.copy(workdir / "ocr.pdf", tmp / "ocr.pdf")
    with contextlib.suppress(OSError):  # another process filled it first
        tmp.rename(cached)
    shutil.rmtree(tmp, ignore_errors=True)


def ocr_copy(path: Path, pages: list[int], workdir: Path) -> tuple[Path, OcrPages]:
    """OCR ``pages`` (0-based) of ``path`` into a copy under ``workdir``; the words it read."""
    import time

    import pypdfium2 as pdfium

    name = engine()
    dst = workdir / "ocr.pdf"
    t0 = time.perf_counter()
    cached = _cache_dir(path, pages, name)
    if cached is not None and (cached / "ocr.pdf").exists():
        shutil.copytree(cached, workdir, dirs_exist_ok=True)
    else:
        run_ocrmypdf(path, dst, pages, workdir)
        if cached is not None:
            _fill_cache(cached, workdir)
    seconds = time.perf_counter() - t0
    ocr = OcrPages(engine=name, seconds=seconds)
    hocr = _hocr_files(workdir)
    pdf = pdfium.PdfDocument(str(dst))
    try:
        for i in pages:
            f = hocr.get(i + 1)
            page = pdf[i]
            try:
                w, h = page.get_size()
            finally:
                page.close()
            ocr.words[i + 1] = read_hocr(f.read_text(encoding="utf-8"), w, h) if f else []
    finally:
        pdf.close()
    return dst, ocr


def extract_with_ocr(
    path: str | Path,
    extract: Callable[[Path], Publication],
    *,
    max_pages: int | None = None,
    on_ocr: Callable[[OcrPages], None] | None = None,
) -> Publication:
    """``extract`` the publication, reading its scanned pages through OCR first.

    ``extract`` is the text extractor (``extract_publication`` without OCR).  The record keeps
    the original file's path and sha256.
    """
    from delib.extract.document import MAX_PAGES_DEFAULT, Document

    src = Path(path)
    with Document.open(src, max_pages=max_pages or MAX_PAGES_DEFAULT) as doc:
        sha, n_pages = doc.sha256, doc.n_pages
        pages = scanned_pages(doc.pdfium, doc.texts())
    if not pages:
        return extract(src)
    engine()  # fail with what to install before any work
    with tempfile.TemporaryDirectory(prefix="delib-ocr-") as tmp:
        copy, ocr = ocr_copy(src, pages, Path(tmp))
        if on_ocr is not None:
            on_ocr(ocr)
        try:
            pub = extract(copy)
        except NoTextLayerError as exc:  # OCR found no text either (a blank or a photo)
            raise NoTextLayerError(f"{exc.reason} even after OCR", src) from exc
    pub = pub.model_copy(update={"file": FileInfo(path=str(path), sha256=sha, pages=n_pages)})
    return mark_publication(pub, ocr)
