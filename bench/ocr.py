"""OCR cost: pages per second of ``delib extract --ocr`` on scans, beside the text-layer path.

    python -m bench.ocr                      # the rendered scans + the shared real scan
    python -m bench.ocr --jobs 1 --out bench/out/ocr.json

For each scan: the OCR stage alone (OCRmyPDF + Tesseract fra, deskew, rotation) and the whole
extraction with ``--ocr``; for the text PDFs the rendered scans were printed from, the same
extraction on their text layer.  One process, warmed up first (spaCy loaded), so what is measured
is the per-file cost.  ``--jobs`` sets the OCR jobs per file (``DELIB_OCR_JOBS``): 1 is what each
batch worker uses.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ROOT / "corpus" / "samples_scanned"
MINUTES = ROOT / "corpus" / "samples_minutes"
REAL_SCAN = ROOT.parent / "shared" / "real" / "ville-oise_cm_2016-04-01_cr_SCANNED-no-text.pdf"


def _source_of(scan: Path) -> Path | None:
    src = MINUTES / scan.name.replace(".scan.pdf", ".pdf")
    return src if src.exists() else None


def _children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes: OCRmyPDF and Tesseract."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def measure(scans: list[Path], texts: list[Path]) -> dict[str, Any]:
    from delib.extract import extract_publication
    from delib.extract.ocr import OcrPages, engine, extract_with_ocr

    extract_publication(texts[0] if texts else scans[0], ocr=True)  # warm up: imports, spaCy
    rows: list[dict[str, Any]] = []
    for scan in scans:
        seen: list[OcrPages] = []
        c0 = _children_cpu()
        t0 = time.perf_counter()
        pub = extract_with_ocr(scan, extract_publication, on_ocr=seen.append)
        total = time.perf_counter() - t0
        cpu = _children_cpu() - c0
        ocr_s = seen[0].seconds if seen else 0.0
        pages = pub.file.pages
        rows.append(
            {
                "file": scan.name,
                "path": "ocr",
                "pages": pages,
                "ocr_pages": len(seen[0].pages) if seen else 0,
                "ocr_s": round(ocr_s, 2),
                "total_s": round(total, 2),
                "pages_per_s": round(pages / total, 3),
                "ocr_pages_per_s": round(pages / ocr_s, 3) if ocr_s else None,
                "ocr_cpu_s_per_page": round(cpu / pages, 2),
            }
        )
    for text in texts:
        t0 = time.perf_counter()
        pub = extract_publication(text)
        total = time.perf_counter() - t0
        rows.append(
            {
                "file": text.name,
                "path": "text",
                "pages": pub.file.pages,
                "total_s": round(total, 3),
                "pages_per_s": round(pub.file.pages / total, 2),
            }
        )

    def rate(path: str) -> float | None:
        sel = [r for r in rows if r["path"] == path]
        secs = sum(r["total_s"] for r in sel)
        return round(sum(r["pages"] for r in sel) / secs, 3) if secs else None

    return {
        "engine": engine(),
        "ocr_jobs_per_file": os.environ.get("DELIB_OCR_JOBS", "all cores"),
        "cpus": os.cpu_count(),
        "machine": platform.platform(),
        "rows": rows,
        "ocr_pages_per_s": rate("ocr"),
        "text_pages_per_s": rate("text"),
        "ocr_cpu_s_per_page": round(
            sum(r["ocr_cpu_s_per_page"] * r["pages"] for r in rows if r["path"] == "ocr")
            / max(1, sum(r["pages"] for r in rows if r["path"] == "ocr")),
            2,
        ),
        "load_average": os.getloadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ocr", description=__doc__.split("\n")[0])
    ap.add_argument("scans", nargs="*", type=Path, help="scanned PDFs [default: rendered + shared scan]")
    ap.add_argument("--jobs", type=int, help="OCR jobs per file (DELIB_OCR_JOBS) [default: all cores]")
    ap.add_argument("--out", type=Path, help="write the JSON here")
    args = ap.parse_args(argv)
    os.environ.pop("DELIB_OCR_CACHE", None)  # measure OCR, never a cached copy of it
    if args.jobs:
        os.environ["DELIB_OCR_JOBS"] = str(args.jobs)
    scans = list(args.scans) or [
        *sorted(SCANNED.glob("*.scan.pdf")),
        *([REAL_SCAN] if REAL_SCAN.exists() else []),
    ]
    texts = [s for s in (_source_of(p) for p in scans) if s is not None]
    res = measure(scans, texts)
    for r in res["rows"]:
        extra = (
            f"  (OCR alone {r['ocr_s']} s, {r['ocr_cpu_s_per_page']} CPU s/page)"
            if r["path"] == "ocr"
            else ""
        )
        print(
            f"{r['path']:4}  {r['file']:60} {r['pages']:3} p  {r['total_s']:8} s  {r['pages_per_s']} p/s{extra}"
        )
    print(
        f"delib extract --ocr: {res['ocr_pages_per_s']} pages/s; text layer: {res['text_pages_per_s']} pages/s"
        f" ({res['engine']}, OCR jobs per file: {res['ocr_jobs_per_file']}, {res['cpus']} CPUs,"
        f" OCR {res['ocr_cpu_s_per_page']} CPU s/page, load average {res['load_average'][0]:.1f})"
    )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
