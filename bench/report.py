"""Turn measurements into the printed table, the target verdicts and results.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Result = dict[str, Any]

# (key, label, basis of the pages/s figure)
ROWS = [
    ("ingest", "delib ingest, end to end (fresh DB)"),
    ("reingest", "delib ingest again, unchanged corpus"),
    ("extract_inproc", "extract_publication + load, in-process"),
    ("plumber", "pdfplumber extract_text, every page"),
    ("pdfium", "pypdfium2 text, every page"),
    ("pdftotext", "pdftotext -layout, every file"),
    ("camelot", "camelot lattice, every page"),
    ("camelot_vector", "camelot lattice engine=vector"),
]


def unavailable(name: str, why: str) -> Result:
    return {"name": name, "available": False, "note": why}


def seconds_of(r: Result | None) -> float | None:
    """The figure compared: extrapolated seconds when sampled, else the work seconds."""
    if not r or not r.get("available"):
        return None
    if r.get("estimated_seconds") is not None:
        return float(r["estimated_seconds"])
    return float(r["seconds"])


def _fmt(x: float | None, spec: str = ".2f") -> str:
    return "n/a" if x is None else format(x, spec)


def targets(res: dict[str, Result], quick: bool, big_pages: int) -> list[Result]:
    """The six targets of issue 5, each met / not met / not measured, with its figure."""
    out: list[Result] = []
    ingest, plumber = seconds_of(res.get("ingest")), seconds_of(res.get("plumber"))
    camelot, reingest = seconds_of(res.get("camelot")), seconds_of(res.get("reingest"))

    def add(
        name: str, goal: str, figure: float | None, met: bool | None, why: str = "", unit: str = ""
    ) -> None:
        out.append(
            {
                "target": name,
                "goal": goal,
                "figure": figure,
                "unit": unit,
                "met": met,
                "note": why,
            }
        )

    if ingest and plumber:
        r = ingest / plumber
        add("pipeline vs pdfplumber text pass", "<= 1.0x its time", r, r <= 1.0, unit="x")
    else:
        add(
            "pipeline vs pdfplumber text pass", "<= 1.0x its time", None, None, "ingest or pdfplumber missing"
        )
    if ingest and camelot:
        r = camelot / ingest
        sampled = (res.get("camelot") or {}).get("sampled")
        add(
            "faster than camelot lattice on every page",
            ">= 5x",
            r,
            r >= 5.0,
            "camelot figure extrapolated from a sample" if sampled else "",
            "x",
        )
    else:
        add("faster than camelot lattice on every page", ">= 5x", None, None, "ingest or camelot missing")
    if ingest and reingest:
        r = ingest / reingest
        add("re-ingest of the unchanged corpus", ">= 50x faster than first ingest", r, r >= 50.0, unit="x")
    else:
        add("re-ingest of the unchanged corpus", ">= 50x faster", None, None, "ingest or re-ingest missing")
    w = res.get("workers") or {}
    if w.get("speedup") is not None:
        add("speed-up on 2 workers", ">= 1.7x", w["speedup"], w["speedup"] >= 1.7, w.get("how", ""), "x")
    else:
        add("speed-up on 2 workers", ">= 1.7x", None, None, w.get("note", "not measured"))
    big = res.get("big") or {}
    if big.get("available"):
        rss = float(big["peak_rss_mb"])
        note = f"{big['pages']}-page publication"
        if big["pages"] < 500:
            note += f" (quick mode: the target is for 500 pages, this is {big_pages})"
        add("peak RSS, one 500-page publication", "<= 600 MB", rss, rss <= 600.0, note, "MB")
    else:
        add("peak RSS, one 500-page publication", "<= 600 MB", None, None, big.get("note", "not measured"))
    sc = res.get("scaling") or {}
    if sc.get("time_ratio_per_page_ratio") is not None:
        r = sc["time_ratio_per_page_ratio"]
        add(
            "time linear in corpus size",
            "t(2N)/t(N) <= 1.15 x pages(2N)/pages(N)",
            r,
            r <= 1.15,
            sc.get("note", ""),
            "x",
        )
    else:
        add(
            "time linear in corpus size",
            "t(2N)/t(N) ~ pages ratio",
            None,
            None,
            sc.get("note", "not measured"),
        )
    if quick:
        for t in out:
            t["note"] = ("quick mode; " + t["note"]).rstrip("; ")
    return out


def render(results: dict[str, Any]) -> str:
    """The human-readable report (also quoted in bench/README.md)."""
    res: dict[str, Result] = results["measurements"]
    lines: list[str] = []
    c = results["corpus"]
    lines.append(
        f"corpus: {c['n_files']} publications, {c['total_pages']} pages ({c['source']}: {c['directory']})"
        + (
            f"; annex-table pages in camelot sample: {results['annex_share']}"
            if results.get("annex_share")
            else ""
        )
    )
    if c.get("note"):
        lines.append(f"  note: {c['note']}")
    ingest_s = seconds_of(res.get("ingest"))
    lines.append("")
    head = (
        f"{'measurement':42} {'pages':>6} {'seconds':>9} {'pages/s':>9} {'peak RSS MB':>11} {'vs ingest':>10}"
    )
    lines.append(head)
    lines.append("-" * len(head))
    for key, label in ROWS:
        r = res.get(key)
        if r is None:
            continue
        if not r.get("available"):
            lines.append(f"{label:42} not available: {r.get('note', '')}")
            continue
        secs = seconds_of(r)
        pages = r.get("pages")
        pps = (pages / secs) if (pages and secs) else None
        ratio = (secs / ingest_s) if (secs and ingest_s) else None
        mark = "*" if r.get("sampled") else " "
        lines.append(
            f"{label:42} {pages if pages is not None else 'n/a':>6} {_fmt(secs):>8}{mark} {_fmt(pps, '.1f'):>9} "
            f"{_fmt(r.get('peak_rss_mb'), '.0f'):>11} {_fmt(ratio, '.2f') + 'x' if ratio else 'n/a':>10}"
        )
    lines.append("")
    lines.append(
        "seconds: delib ingest rows = wall time of the command (interpreter start-up, imports, spaCy"
    )
    lines.append("load included); other rows = the tool's own work in its subprocess (start-up excluded).")
    lines.append("'vs ingest' = that row's seconds / delib ingest seconds (>1: slower than the pipeline).")
    for key in ("camelot", "camelot_vector"):
        r = res.get(key) or {}
        if r.get("sampled"):
            s = r["sampled"]
            lines.append(
                f"* {key}: SAMPLE of {s['pages']} of {s['of_pages']} pages (evenly spaced), measured "
                f"{r['seconds']:.2f} s, extrapolated to all pages."
            )
    st = results.get("stages") or {}
    if st.get("shares"):
        lines.append("")
        lines.append(f"time per stage (in-process run, {st['pages']} pages, {st['seconds']:.2f} s):")
        for name, (secs, share) in st["shares"].items():
            lines.append(f"  {name:8} {secs:8.2f} s  {share * 100:5.1f} %")
        for n in st.get("notes", []):
            lines.append(f"  note: {n}")
    elif st.get("note"):
        lines.append("")
        lines.append(f"time per stage: not available: {st['note']}")
    sc = res.get("scaling") or {}
    lines.append("")
    if sc.get("points"):
        lines.append("scaling (delib ingest, fresh DB each):")
        for p in sc["points"]:
            lines.append(
                f"  {p['files']:3} publications {p['pages']:5} pages  {p['wall_s']:8.2f} s  "
                f"{p['pages'] / p['wall_s']:7.1f} pages/s  peak {p['peak_rss_mb']:.0f} MB"
            )
        if sc.get("fit"):
            f = sc["fit"]
            lines.append(
                f"  fit t = {f['fixed_s']:.2f} s + {f['ms_per_page']:.2f} ms/page  (max deviation {f['max_dev'] * 100:.1f} %)"
            )
    else:
        lines.append(f"scaling: not available: {sc.get('note', '')}")
    w = res.get("workers") or {}
    if w.get("speedup") is not None:
        lines.append(
            f"workers ({w['how']}): 1 -> {w['w1_s']:.2f} s (peak {w['w1_rss_mb']:.0f} MB), "
            f"2 -> {w['w2_s']:.2f} s (peak {w['w2_rss_mb']:.0f} MB), speed-up {w['speedup']:.2f}x "
            f"on {results['meta']['cpus']} CPUs"
        )
        if w.get("note"):
            lines.append(f"  note: {w['note']}")
    else:
        lines.append(f"workers: not available: {w.get('note', '')}")
    big = res.get("big") or {}
    if big.get("available"):
        lines.append(
            f"one {big['pages']}-page publication: {big['wall_s']:.2f} s, peak RSS {big['peak_rss_mb']:.0f} MB "
            f"(largest process {big['maxrss_mb']:.0f} MB, polled tree {big['tree_peak_mb']:.0f} MB)"
        )
    else:
        lines.append(f"one 500-page publication: not available: {big.get('note', '')}")
    lines.append("")
    lines.append("targets:")
    for t in results["targets"]:
        verdict = {True: "MET    ", False: "NOT MET", None: "n/a    "}[t["met"]]
        fig = "n/a" if t["figure"] is None else f"{t['figure']:.2f}{t['unit']}"
        note = f"  ({t['note']})" if t["note"] else ""
        lines.append(f"  [{verdict}] {t['target']}: {fig} (goal {t['goal']}){note}")
    return "\n".join(lines)


def write_json(results: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, sort_keys=True, default=str) + "\n")
