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


def cpu_of(r: Result | None) -> float | None:
    """CPU seconds (user+system), extrapolated like seconds_of when sampled."""
    if not r or not r.get("available") or r.get("cpu_s") is None:
        return None
    cpu = float(r["cpu_s"])
    if r.get("estimated_seconds") is not None and r.get("seconds"):
        cpu *= float(r["estimated_seconds"]) / float(r["seconds"])
    return cpu


def _fmt(x: float | None, spec: str = ".2f") -> str:
    return "n/a" if x is None else format(x, spec)


def _ratio(a: Result | None, b: Result | None) -> tuple[float | None, str]:
    """a/b by wall time, or by CPU time when the machine was busy during either run."""
    wa, wb = seconds_of(a), seconds_of(b)
    ca, cb = cpu_of(a), cpu_of(b)
    if not (wa and wb):
        return None, ""
    wall = wa / wb
    cpu = (ca / cb) if (ca and cb) else None
    if (a or {}).get("contended") or (b or {}).get("contended"):
        if cpu is not None:
            return cpu, f"machine busy: ratio of CPU times (wall-time ratio {wall:.2f}x)"
        return wall, "machine busy: wall-time ratio, unreliable"
    return wall, (f"CPU-time ratio {cpu:.2f}x" if cpu is not None else "")


def targets(res: dict[str, Result], quick: bool, big_pages: int) -> list[Result]:
    """The six targets of issue 5, each met / not met / not measured, with its figure."""
    out: list[Result] = []

    def add(
        name: str, goal: str, figure: float | None, met: bool | None, why: str = "", unit: str = ""
    ) -> None:
        out.append({"target": name, "goal": goal, "figure": figure, "unit": unit, "met": met, "note": why})

    def join(*parts: str) -> str:
        return "; ".join(p for p in parts if p)

    ingest, plumber, camelot, reingest = (res.get(k) for k in ("ingest", "plumber", "camelot", "reingest"))
    r, basis = _ratio(ingest, plumber)
    name = "pipeline time vs bare pdfplumber text pass"
    if r is None:
        add(name, "<= 1.0x", None, None, "ingest or pdfplumber not measured")
    else:
        add(name, "<= 1.0x", r, r <= 1.0, basis, "x")
    r, basis = _ratio(camelot, ingest)
    name = "faster than camelot lattice on every page"
    if r is None:
        add(name, ">= 5x", None, None, "ingest or camelot not measured")
    else:
        sampled = "camelot extrapolated from a sample" if (camelot or {}).get("sampled") else ""
        add(name, ">= 5x", r, r >= 5.0, join(sampled, basis), "x")
    r, basis = _ratio(ingest, reingest)
    name = "re-ingest of the unchanged corpus faster than first ingest"
    if r is None:
        add(name, ">= 50x", None, None, "ingest or re-ingest not measured")
    else:
        add(name, ">= 50x", r, r >= 50.0, basis, "x")
    w = res.get("workers") or {}
    name = "speed-up on 2 workers"
    if w.get("speedup") is not None:
        busy = "machine busy: wall times unreliable" if w.get("contended") else ""
        add(name, ">= 1.7x", w["speedup"], w["speedup"] >= 1.7, join(w.get("how", ""), busy), "x")
    else:
        add(name, ">= 1.7x", None, None, w.get("note", "not measured"))
    big = res.get("big") or {}
    name = "peak RSS, one 500-page publication"
    if big.get("available"):
        rss = float(big["peak_rss_mb"])
        note = f"{big['pages']}-page publication"
        if big_pages < 500:
            note += " (the target is for 500 pages)"
        add(name, "<= 600 MB", rss, rss <= 600.0, note, " MB")
    else:
        add(name, "<= 600 MB", None, None, big.get("note", "not measured"))
    sc = res.get("scaling") or {}
    name = "time linear in corpus size"
    goal = "t(2N)/t(N) <= 1.15 x pages(2N)/pages(N)"
    if sc.get("verdict_ratio") is not None:
        r = sc["verdict_ratio"]
        add(name, goal, r, r <= 1.15, sc.get("note", ""), "x")
    else:
        add(name, goal, None, None, sc.get("note", "not measured"))
    if quick:
        for t in out:
            t["note"] = join("quick mode", t["note"])
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
    busy = [
        (k, max(v["load_1min"]))
        for k, v in res.items()
        if isinstance(v, dict) and v.get("contended") and v.get("load_1min")
    ]
    if busy:
        lines.append(
            f"  WARNING: machine busy with other work (1-min load above {results['meta']['cpus']} CPUs) during: "
            + ", ".join(f"{k} ({ld:.1f})" for k, ld in busy)
            + "; wall times there are inflated, compare CPU s"
        )
    ingest_s = seconds_of(res.get("ingest"))
    lines.append("")
    head = (
        f"{'measurement':40} {'pages':>5} {'wall s':>8} {'CPU s':>8} {'pages/s':>8} {'peak MB':>7} "
        f"{'vs ingest':>9} {'load':>9}"
    )
    lines.append(head)
    lines.append("-" * len(head))
    for key, label in ROWS:
        r = res.get(key)
        if r is None:
            continue
        if not r.get("available"):
            lines.append(f"{label:40} not available: {r.get('note', '')}")
            continue
        secs, cpu = seconds_of(r), cpu_of(r)
        pages = r.get("pages")
        pps = (pages / secs) if (pages and secs) else None
        ratio = (secs / ingest_s) if (secs and ingest_s) else None
        mark = "*" if r.get("sampled") else " "
        load = r.get("load_1min") or [0.0, 0.0]
        lines.append(
            f"{label:40} {pages if pages is not None else 'n/a':>5} {_fmt(secs, '.1f'):>7}{mark} "
            f"{_fmt(cpu, '.1f'):>8} {_fmt(pps, '.1f'):>8} {_fmt(r.get('peak_rss_mb'), '.0f'):>7} "
            f"{_fmt(ratio, '.2f') + 'x' if ratio else 'n/a':>9} {load[0]:4.1f}-{load[1]:<4.1f}"
        )
    lines.append("")
    lines.append("wall s: delib ingest rows = wall time of the command (interpreter start-up, imports,")
    lines.append(
        "spaCy load included); other rows = the tool's own work in its subprocess (start-up excluded)."
    )
    lines.append(
        "'vs ingest' = that row's wall seconds / delib ingest wall seconds (>1: slower than the pipeline)."
    )
    lines.append(
        f"CPU s = user+system CPU of the same span; load = 1-min load average at start-end "
        f"({results['meta']['cpus']} CPUs): above the CPU count, wall times are inflated by other work."
    )
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
        lines.append(
            f"time per stage (extract_publication + load in one process, {st['pages']} pages, "
            f"{st['seconds']:.2f} s):"
        )
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
                f"{p['pages'] / p['wall_s']:7.1f} pages/s  CPU {p['cpu_s']:7.1f} s  peak {p['peak_rss_mb']:.0f} MB"
            )
        if sc.get("fit"):
            f = sc["fit"]
            lines.append(
                f"  fit: wall = {f['fixed_s']:.2f} s + {f['ms_per_page']:.1f} ms/page; "
                f"CPU = {f['cpu_fixed_s']:.2f} s + {f['cpu_ms_per_page']:.1f} ms/page"
            )
    else:
        lines.append(f"scaling: not available: {sc.get('note', '')}")
    w = res.get("workers") or {}
    if w.get("speedup") is not None:
        lines.append(
            f"workers ({w['how']}; {w.get('files', '?')} publications, {w['pages']} pages): 1 -> {w['w1_s']:.2f} s (peak {w['w1_rss_mb']:.0f} MB), "
            f"2 -> {w['w2_s']:.2f} s (peak {w['w2_rss_mb']:.0f} MB), speed-up {w['speedup']:.2f}x "
            f"on {results['meta']['cpus']} CPUs (load {max(w['load_1min']):.1f} max)"
        )
        if w.get("w1_cpu_s") is not None:
            u1, u2 = w["w1_cpu_s"] / w["w1_s"], w["w2_cpu_s"] / w["w2_s"]
            lines.append(
                f"  CPU used: 1 worker {w['w1_cpu_s']:.1f} s ({u1:.2f} cores busy on average), "
                f"2 workers {w['w2_cpu_s']:.1f} s ({u2:.2f} cores): a speed-up needs the 2nd worker to get a free core"
            )
        if w.get("note"):
            lines.append(f"  note: {w['note']}")
        for k, cnt in sorted((w.get("batch_counts") or {}).items()):
            if cnt:
                lines.append(
                    f"  {k} worker(s): {cnt.get('loaded', '?')} loaded, {cnt.get('quarantined', '?')} quarantined"
                )
    else:
        lines.append(f"workers: not available: {w.get('note', '')}")
    big = res.get("big") or {}
    if big.get("available"):
        lines.append(
            f"one {big['pages']}-page publication: {big['wall_s']:.2f} s, peak RSS {big['peak_rss_mb']:.0f} MB "
            f"(largest process VmHWM {big['hwm_mb']:.0f} MB, polled tree RSS {big['tree_peak_mb']:.0f} MB)"
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
