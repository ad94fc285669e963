"""Session minutes (comptes rendus de conseil municipal) generated from data, printed by two engines.

Issue 11, item 8 ("fixtures beyond one renderer"): the same session data is written to HTML with
wordings varied per document (numbering ``1.`` ``1-`` ``1/`` ``1)`` ``DEL2024-17`` ``2024/183`` or
none; vote blocks, ``Vote : 14 pour / 0 contre / 0 abstention adopté``, ``15 pour.``, unanimity
sentences, nominative votes; procedural items; an association list with its total; imputation
sentences), then printed to PDF by LibreOffice headless (``.lo.pdf``) and by Chromium headless
(``.chr.pdf``).  Each PDF gets its ``.gold.json`` in the format of ``tests/real/README.md``,
written from the data; only the page numbers come from the PDF (where each printed anchor lies).

    .venv/bin/python -m delib.corpus.minutes_gen corpus/samples_minutes
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from delib.corpus.minutes_data import Session, generate
from delib.corpus.minutes_html import render_html
from delib.corpus.office import convert

SEEDS = (11, 23, 37, 41, 58, 64, 70, 303, 606, 808, 2020, 3004, 3005, 3007, 4004)
ENGINES = ("lo", "chr")


# --------------------------------------------------------------------------- printing and pages
def squash(text: str) -> str:
    """*text* as compared with a printed page: no whitespace, no hyphens, casefolded (pdfium marks a
    hyphen at a line end as U+FFFE or U+0002: hyphens are left out of the comparison)."""
    return re.sub(r"[\s\-\ufffe\x02]+", "", text).casefold()


def page_texts(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def anchor_pages(texts: list[str], anchors: list[tuple[str, str]], name: str) -> dict[str, int]:
    """Page (1-based) of each keyed anchor in the squashed page ``texts``, searched in printed
    order; a missing anchor is an error naming the PDF."""
    joined = "".join(texts)
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t)
    cursor, pages = 0, {}
    for key, text in anchors:
        needle = squash(text)
        at = joined.find(needle, cursor)
        if at < 0:
            raise RuntimeError(f"{name}: printed anchor not found in order: {text!r}")
        cursor = at + len(needle)
        if key:
            pages[key] = max(i for i, st in enumerate(starts) if st <= at) + 1
    return pages


def locate(pdf: Path, anchors: list[tuple[str, str]]) -> dict[str, int]:
    """Page (1-based) of each anchor, searched in printed order; a missing anchor is an error."""
    return anchor_pages([squash(t) for t in page_texts(pdf)], anchors, pdf.name)


def print_chromium(src: Path, pdf: Path, profile: Path) -> None:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if exe is None:
        raise RuntimeError("chromium not found: apt-get install chromium")
    cmd = [
        exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", src.as_uri(),
    ]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    if not pdf.exists():
        raise RuntimeError(f"chromium produced no PDF for {src.name}")


def gold(s: Session, pdf_name: str, pages: dict[str, int]) -> dict[str, Any]:
    st = s.style
    delibs, others = [], []
    for k, it in enumerate(s.items):
        page = pages[f"item{k}"]
        vote = it.vote.gold() if it.vote else None
        if it.kind != "deliberation":
            others.append(
                {"kind": it.kind, "number": it.number, "title": it.title, "page": page, "vote": vote}
            )
            continue
        delibs.append(
            {
                "number": it.number,
                "title": it.title,
                "rapporteur": it.rapporteur,
                "page": page,
                "vote": vote,
                "ballot": None,
                "grants": [
                    {
                        "beneficiary": n,
                        "amount": f"{a:.2f}",
                        "page": pages[f"grant{k}.{j}"],
                        "nature": None,
                        "in_kind": False,
                        "requested": None,
                        "theme": None,
                        "operation": None,
                        "vote": None,
                    }
                    for j, (n, a) in enumerate(it.grants)
                ],
                "grant_totals": (
                    [{"label": it.total[0], "amount": f"{it.total[1]:.2f}", "page": pages[f"total{k}"]}]
                    if it.total
                    else []
                ),
                "imputations": [{**imp, "page": pages[f"imp{k}"]} for imp in it.imputations],
                "note": it.note,
            }
        )
    return {
        "pdf": pdf_name,
        "written_by": f"delib.corpus.minutes_gen seed {s.seed}, from the session data (pages located in the PDF)",
        "collectivity": s.collectivity,
        "instance": s.instance,
        "session_date": s.date.isoformat(),
        "attendance": {
            "members_in_office": len(s.members) if st.counts_printed else None,
            "present": len(s.present) if st.counts_printed else None,
            "proxies": len(s.proxies) if st.counts_printed else None,
            "absent": len(s.absent) if st.counts_printed else None,
        },
        "style": {
            "numbering": st.numbering,
            "votes": list(st.votes),
            "font": st.font,
            "size_pt": st.size_pt,
            "margin_cm": st.margin_cm,
            "line_height": st.line_height,
            "grant_layout": st.grant_layout,
            "amount": st.amount,
            "date_line": st.date_line,
        },
        "deliberations": delibs,
        "other_items": others,
    }


def print_engines(
    name: str, doc: str, out_dir: Path, work: Path, suffix: str, truth: Callable[[str, Path], dict[str, Any]]
) -> list[Path]:
    """Save *doc* as HTML in *work*, print it with each engine to ``out_dir/NAME.ENGINE.pdf`` and write
    beside each PDF, as ``NAME.ENGINE`` + *suffix*, the JSON that ``truth(engine, pdf)`` returns."""
    src = work / f"{name}.html"
    src.write_text(doc, encoding="utf-8")
    written: list[Path] = []
    for engine in ENGINES:
        pdf = out_dir / f"{name}.{engine}.pdf"
        if engine == "lo":
            (made,) = convert([src], work, work / "lo-profile")
            shutil.move(made, pdf)
        else:
            print_chromium(src, pdf, work / "chr-profile")
        path = out_dir / f"{name}.{engine}{suffix}"
        path.write_text(json.dumps(truth(engine, pdf), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written += [pdf, path]
    return written


def build(seed: int, k: int, out_dir: Path, work: Path) -> list[Path]:
    s = generate(seed, k)
    doc, anchors = render_html(s)
    return print_engines(
        s.name, doc, out_dir, work, ".gold.json", lambda _engine, pdf: gold(s, pdf.name, locate(pdf, anchors))
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--seeds", type=int, nargs="*", default=list(SEEDS))
    args = ap.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="minutes-") as tmp:
        for k, seed in enumerate(args.seeds):
            for path in build(seed, k, args.out_dir, Path(tmp)):
                sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
