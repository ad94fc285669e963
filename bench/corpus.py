"""The bench corpus: rendered by delib's fixture generator, or the real PDFs as a stand-in.

The generator (``python -m delib.corpus.synth``) is called once per set of
parameters; the result is cached under bench/out/corpus-<params>/ with a
stamp file, so a second bench run measures the same files without
re-rendering them.  When the generator is not available the harness falls
back to ../shared/real/*.pdf (only the files with a text layer) and says so.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from bench.measure import REPO

REAL_DIR = REPO.parent / "shared" / "real"
SYNTH = "delib.corpus.synth"


@dataclass
class Corpus:
    """The PDFs measured, with their page counts."""

    source: str  # "synth" | "real" | "dir"
    directory: str
    files: list[str]
    pages: list[int]
    note: str = ""
    build_seconds: float | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def paths(self) -> list[Path]:
        return [Path(f) for f in self.files]

    @property
    def total_pages(self) -> int:
        return sum(self.pages)

    def subset(self, n_files: int) -> tuple[list[Path], int]:
        """The first ``n_files`` files (generator order) and their page total."""
        return self.paths[:n_files], sum(self.pages[:n_files])

    def summary(self) -> dict[str, Any]:
        d = asdict(self)
        d["n_files"] = len(self.files)
        d["total_pages"] = self.total_pages
        return d


def page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def has_text_layer(path: Path) -> bool:
    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            txt = tp.get_text_range()
            tp.close()
            page.close()
            if txt.strip():
                return True
        return False
    finally:
        pdf.close()


def synth_available() -> tuple[bool, str]:
    """Is the generator importable, and what does its --help say (for option discovery)?"""
    try:
        spec = importlib.util.find_spec(SYNTH)
    except ModuleNotFoundError as exc:
        return False, f"{SYNTH} not importable ({exc})"
    if spec is None:
        return False, f"{SYNTH} does not exist yet"
    out = subprocess.run([sys.executable, "-m", SYNTH, "--help"], capture_output=True, text=True, cwd=REPO)
    if out.returncode != 0:
        return False, f"`python -m {SYNTH} --help` failed: {(out.stderr.strip().splitlines() or ['?'])[-1]}"
    return True, out.stdout


def _from_dir(directory: Path, source: str, note: str, **kw: Any) -> Corpus:
    files = sorted(directory.glob("*.pdf"))
    return Corpus(
        source=source,
        directory=str(directory),
        files=[str(f) for f in files],
        pages=[page_count(f) for f in files],
        note=note,
        **kw,
    )


def real_corpus(reason: str) -> Corpus:
    files = [f for f in sorted(REAL_DIR.glob("*.pdf")) if has_text_layer(f)]
    return Corpus(
        source="real",
        directory=str(REAL_DIR),
        files=[str(f) for f in files],
        pages=[page_count(f) for f in files],
        note=(
            f"fixture generator not available ({reason}); measured on ../shared/real/*.pdf with a "
            "text layer instead: NOT the target corpus (40 publications / ~1,500 pages)"
        ),
    )


def _run_synth(out: Path, args: list[str]) -> tuple[float, str]:
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    res = subprocess.run(
        [sys.executable, "-m", SYNTH, "--out", str(out), *args], capture_output=True, text=True, cwd=REPO
    )
    dt = time.perf_counter() - t0
    if res.returncode != 0:
        tail = (res.stderr.strip().splitlines() or ["?"])[-1]
        return dt, f"generator failed (exit {res.returncode}): {tail[:300]}"
    return dt, ""


def synth_corpus(base: Path, count: int, seed: int, pages_target: int | None) -> Corpus:
    """Render (or reuse) a generated corpus; fall back to the real PDFs when impossible."""
    ok, help_or_reason = synth_available()
    if not ok:
        return real_corpus(help_or_reason)
    params: dict[str, Any] = {"count": count, "seed": seed, "pages_target": pages_target}
    args = ["--count", str(count), "--seed", str(seed)]
    if pages_target is not None:
        if "--pages-target" not in help_or_reason:
            return real_corpus("the generator has no --pages-target option yet")
        args += ["--pages-target", str(pages_target)]
    out = base / f"corpus-n{count}-s{seed}-p{pages_target or 'default'}"
    stamp = out / ".bench-params.json"
    if stamp.exists() and json.loads(stamp.read_text()).get("params") == params:
        cached = json.loads(stamp.read_text())
        return _from_dir(
            out, "synth", "reused from an earlier bench run", build_seconds=cached["seconds"], params=params
        )
    for old in out.glob("*.pdf"):
        old.unlink()
    seconds, err = _run_synth(out, args)
    if err:
        return real_corpus(err)
    stamp.write_text(json.dumps({"params": params, "seconds": seconds}))
    c = _from_dir(out, "synth", "", build_seconds=seconds, params=params)
    if not c.files:
        return real_corpus(f"the generator wrote no PDF into {out}")
    return c


def big_publication(base: Path, pages: int, seed: int) -> tuple[Path | None, str]:
    """One generated publication of about ``pages`` pages, or (None, why not)."""
    ok, help_or_reason = synth_available()
    if not ok:
        return None, help_or_reason
    option = next(
        (o for o in ("--single-pages", "--big-pages", "--one-publication-pages") if o in help_or_reason), None
    )
    if option is not None:
        args = ["--count", "1", "--seed", str(seed), option, str(pages)]
    elif "--pages-target" in help_or_reason:
        # one publication carrying the whole page target
        args = ["--count", "1", "--seed", str(seed), "--pages-target", str(pages)]
    else:
        return None, "the generator has no option for one large publication yet"
    out = base / f"big-p{pages}-s{seed}"
    stamp = out / ".bench-params.json"
    pdfs = sorted(out.glob("*.pdf"))
    if not (stamp.exists() and json.loads(stamp.read_text()).get("pages") == pages and pdfs):
        for old in pdfs:
            old.unlink()
        _, err = _run_synth(out, args)
        if err:
            return None, err
        stamp.write_text(json.dumps({"pages": pages}))
        pdfs = sorted(out.glob("*.pdf"))
    if len(pdfs) != 1:
        return None, f"expected one PDF in {out}, found {len(pdfs)}"
    return pdfs[0], ""
