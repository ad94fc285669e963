"""One command benchmarking delib against the alternatives on the same files.

    .venv/bin/python -m bench.run            # full: 40 publications, ~1,500 pages, 500-page file
    .venv/bin/python -m bench.run --quick    # 6 publications, to try it
    make bench BENCH_ARGS="--quick --camelot-sample 40"

Every measurement runs in its own subprocess (wall time, peak RSS); a
measurement that cannot be made prints one line saying why, never a figure.
Writes bench/out/results.json.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import corpus as corpus_mod
from bench import measure
from bench.measure import REPO, Measured, task_cmd
from bench.report import Result, render, targets, unavailable, write_json

OUT = REPO / "bench" / "out"


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- what is there ----------------------------------------------------------
def delib_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "delib"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "delib"]


def cli_help(sub: str) -> tuple[bool, str]:
    out = subprocess.run([*delib_cmd(), sub, "--help"], capture_output=True, text=True, cwd=REPO)
    if out.returncode != 0:
        return False, f"`delib {sub}` is not there yet ({(out.stderr.strip().splitlines() or ['?'])[-1]})"
    return True, out.stdout


def extract_available() -> tuple[bool, str]:
    try:
        from delib.extract import extract_publication
    except ImportError as exc:
        return False, f"delib.extract.extract_publication not importable ({exc})"
    if "timer" not in inspect.signature(extract_publication).parameters:
        return False, "extract_publication() has no timer= parameter"
    return True, ""


# -- measurements -----------------------------------------------------------
def from_measured(name: str, m: Measured, pages: int | None, use_wall: bool) -> Result:
    if not m.ok:
        return unavailable(name, f"run failed ({m.failure()})")
    if m.report.get("unavailable"):
        return unavailable(name, str(m.report["unavailable"]))
    seconds = m.wall_s if use_wall else float(m.report["seconds"])
    r: Result = {
        "name": name,
        "available": True,
        "pages": pages if pages is not None else m.report.get("pages"),
        "seconds": seconds,
        "wall_s": m.wall_s,
        "peak_rss_mb": m.peak_rss_mb,
        "maxrss_mb": m.maxrss_mb,
        "hwm_mb": m.hwm_mb,
        "tree_peak_mb": m.tree_peak_mb,
        "cpu_s": m.cpu_s if use_wall else float(m.report.get("cpu_seconds", m.cpu_s)),
        "load_1min": list(m.load),
        "contended": m.contended,
        "basis": "command wall time" if use_wall else "work time inside the subprocess",
        "report": m.report,
        "cmd": " ".join(m.cmd[:6]) + (" ..." if len(m.cmd) > 6 else ""),
    }
    if r["pages"] and seconds:
        r["pages_per_s"] = r["pages"] / seconds
    return r


def ingest(name: str, files: list[Path], pages: int, db: Path, fresh: bool, timeout: float) -> Result:
    ok, why = cli_help("ingest")
    if not ok:
        return unavailable(name, why)
    if fresh:
        for p in (db, db.with_suffix(db.suffix + ".wal")):
            p.unlink(missing_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    log(f"{name}: delib ingest {len(files)} files, {pages} pages")
    m = measure.run([*delib_cmd(), "ingest", *map(str, files), "--db", str(db), "--json"], timeout_s=timeout)
    note = ""
    if m.returncode == 1 and m.stdout.lstrip().startswith("["):
        # exit 1 = some file could not be loaded; the run itself completed
        m.returncode = 0
        note = "exit 1: some file not loaded"
    r = from_measured(name, m, pages, use_wall=True)
    if r.get("available"):
        r["statuses"] = ingest_statuses(m.stdout)
        r["note"] = "; ".join(x for x in (note, _status_line(r["statuses"])) if x)
    return r


def ingest_statuses(stdout: str) -> dict[str, int]:
    """Count of files per status in `delib ingest --json` output (empty if unparsable)."""
    try:
        rows = json.loads(stdout)
    except ValueError:
        return {}
    counts: dict[str, int] = {}
    for row in rows if isinstance(rows, list) else []:
        status = str(row.get("status", "?")) if isinstance(row, dict) else "?"
        counts[status] = counts.get(status, 0) + 1
    return counts


def _status_line(counts: dict[str, int]) -> str:
    return "files: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) if counts else ""


def baseline(task: str, files: list[Path], pages: int, timeout: float, *extra: str) -> Result:
    log(f"{task}: {len(files)} files, {pages} pages")
    m = measure.run(task_cmd(task, *map(str, files), *extra), timeout_s=timeout)
    r = from_measured(task, m, pages, use_wall=False)
    if task == "pdftotext" and r.get("available"):
        r["note"] = "one pdftotext process per file; their start-up is inside the time"
    return r


def camelot(c: corpus_mod.Corpus, sample: int | None, engine: str, name: str, timeout: float) -> Result:
    """camelot lattice on every page, or on an evenly spaced sample of pages, extrapolated."""
    all_pages = [(f, p) for f, n in zip(c.files, c.pages, strict=True) for p in range(1, n + 1)]
    chosen = all_pages
    if sample is not None and sample < len(all_pages):
        step = len(all_pages) / sample
        chosen = [all_pages[int(i * step + step / 2)] for i in range(sample)]
    plan: dict[str, list[int]] = {}
    for f, p in chosen:
        plan.setdefault(f, []).append(p)
    plan_file = OUT / f"camelot-plan-{engine}.json"
    plan_file.parent.mkdir(parents=True, exist_ok=True)
    plan_file.write_text(json.dumps(plan))
    log(f"{name}: camelot lattice engine={engine} on {len(chosen)} of {len(all_pages)} pages")
    m = measure.run(task_cmd("camelot", "--plan", str(plan_file), "--engine", engine), timeout_s=timeout)
    r = from_measured(name, m, len(chosen), use_wall=False)
    if r.get("available") and len(chosen) < len(all_pages):
        r["sampled"] = {"pages": len(chosen), "of_pages": len(all_pages)}
        r["estimated_seconds"] = r["seconds"] / len(chosen) * len(all_pages)
        r["pages"] = len(all_pages)
        r["note"] = f"sample of {len(chosen)} pages, extrapolated to {len(all_pages)}"
    return r


def stages(files: list[Path], timeout: float, profile: Path | None) -> dict[str, Any]:
    ok, why = extract_available()
    if not ok:
        return {"note": why, "result": unavailable("extract_inproc", why)}
    log(f"stages: extract_publication + load in-process, {len(files)} files")
    extra = ["--profile", str(profile)] if profile else []
    m = measure.run(task_cmd("stages", *map(str, files), *extra), timeout_s=timeout)
    r = from_measured("extract_inproc", m, None, use_wall=False)
    if not r.get("available"):
        return {"note": r["note"], "result": r}
    rep = m.report
    secs: dict[str, float] = dict(rep["stages"])
    total = float(rep["seconds"])
    accounted = sum(secs.values())
    secs["other"] = max(0.0, total - accounted)
    notes = []
    if rep.get("load_unavailable"):
        notes.append(f"load not measured: {rep['load_unavailable']}")
    if profile:
        notes.append(f"run under cProfile (times inflated); profile in {profile.relative_to(REPO)}")
    notes.append("'other' = time inside extract_publication not wrapped in any stage")
    shares = {k: (v, v / total if total else 0.0) for k, v in secs.items()}
    return {
        "pages": rep["pages"],
        "seconds": total,
        "shares": shares,
        "notes": notes,
        "result": r,
    }


def scaling(c: corpus_mod.Corpus, full: Result, timeout: float, quarter: bool) -> Result:
    """ingest of N and 2N (= the whole corpus, already measured) publications, fresh DB each.

    With ``quarter``, also N/2 (three points: the fit can then show curvature).
    """
    if not full.get("available"):
        return {"note": f"full ingest not available ({full.get('note')})"}
    n2 = len(c.files)
    if n2 < 4:
        return {"note": f"corpus too small ({n2} files) for N/2N"}
    points = []
    for n in (n2 // 4, n2 // 2) if quarter else (n2 // 2,):
        files, pages = c.subset(n)
        r = ingest(f"ingest_{n}", files, pages, OUT / "db" / f"scale-{n}.duckdb", True, timeout)
        if not r.get("available"):
            return {"note": f"ingest of {n} files failed: {r['note']}"}
        points.append(
            {
                "files": n,
                "pages": pages,
                "wall_s": r["wall_s"],
                "cpu_s": r["cpu_s"],
                "peak_rss_mb": r["peak_rss_mb"],
                "load_1min": r["load_1min"],
            }
        )
    points.append(
        {
            "files": n2,
            "pages": c.total_pages,
            "wall_s": full["wall_s"],
            "cpu_s": full["cpu_s"],
            "peak_rss_mb": full["peak_rss_mb"],
            "load_1min": full["load_1min"],
        }
    )
    xs = [float(p["pages"]) for p in points]
    a, b, dev = _fit(xs, [float(p["wall_s"]) for p in points])
    ac, bc, _ = _fit(xs, [float(p["cpu_s"]) for p in points])
    n_pt, two_n = points[-2], points[-1]
    p_ratio = two_n["pages"] / n_pt["pages"]
    t_ratio = two_n["wall_s"] / n_pt["wall_s"]
    c_ratio = two_n["cpu_s"] / n_pt["cpu_s"]
    busy = any(max(p["load_1min"]) > (os.cpu_count() or 1) for p in points[-2:])
    verdict = c_ratio if busy else t_ratio
    basis = "CPU time (machine busy)" if busy else "wall time"
    return {
        "points": points,
        "fit": {
            "fixed_s": a,
            "ms_per_page": b * 1000.0,
            "max_dev": dev,
            "cpu_fixed_s": ac,
            "cpu_ms_per_page": bc * 1000,
        },
        "time_ratio": t_ratio,
        "cpu_ratio": c_ratio,
        "pages_ratio": p_ratio,
        "verdict_ratio": verdict / p_ratio,
        "note": f"N={n_pt['files']} ({n_pt['pages']} p) -> 2N={two_n['files']} ({two_n['pages']} p): "
        f"pages x{p_ratio:.2f}, wall x{t_ratio:.2f}, CPU x{c_ratio:.2f}; verdict on {basis}",
    }


def _fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least squares y = a + b x: (a, b, largest relative deviation of a point from the line)."""
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0
    a = my - b * mx
    dev = max(abs(y - (a + b * x)) / y for x, y in zip(xs, ys, strict=True))
    return a, b, dev


def workers(files: list[Path], pages: int, timeout: float) -> Result:
    """1 vs 2 workers: `delib batch --workers K` when it exists, else a ProcessPoolExecutor."""
    ok, help_text = cli_help("batch")
    runs: dict[int, Measured] = {}
    notes: list[str] = []
    counts: dict[int, Any] = {}
    timings: dict[int, Any] = {}
    if ok and "--workers" in help_text:
        how = "delib batch --workers K"
        for k in (1, 2):
            d = OUT / "db" / f"batch-w{k}"
            shutil.rmtree(d, ignore_errors=True)
            d.mkdir(parents=True)
            sources = d / "sources.txt"
            sources.write_text("".join(f"{f}\n" for f in files))
            report = d / "report.json"
            log(f"workers: delib batch --workers {k}")
            runs[k] = measure.run(
                [
                    *delib_cmd(),
                    "batch",
                    str(sources),
                    "--db",
                    str(d / "batch.duckdb"),
                    "--workers",
                    str(k),
                    "--report",
                    str(report),
                    # a generous per-file limit: a file timing out on a busy machine would
                    # shorten the run and fake a speed-up
                    "--timeout",
                    "1800",
                ],
                timeout_s=timeout,
            )
            if report.exists():
                rep = json.loads(report.read_text())
                counts[k] = rep.get("counts", {})
                timings[k] = rep.get("timings_s", {})
            if runs[k].returncode == 1 and report.exists():
                # exit 1 = some file quarantined: the run is complete, say how many
                runs[k].returncode = 0
                notes.append(f"{k} worker(s): exit 1, some file quarantined (see {report.relative_to(REPO)})")
    else:
        ok2, why = extract_available()
        if not ok2:
            return {"note": f"no `delib batch --workers` and {why}"}
        how = "ProcessPoolExecutor over extract_publication (delib batch --workers not there)"
        for k in (1, 2):
            log(f"workers: ProcessPoolExecutor max_workers={k}")
            runs[k] = measure.run(task_cmd("pool", *map(str, files), "--workers", str(k)), timeout_s=timeout)
    batch_failed = ""
    for k, m in runs.items():
        if not m.ok:
            batch_failed = f"{how} with {k} worker(s) failed ({m.failure()})"
    if batch_failed and how.startswith("delib batch"):
        ok2, why = extract_available()
        if not ok2:
            return {"note": f"{batch_failed}; and {why}"}
        how = "ProcessPoolExecutor over extract_publication (delib batch failed, see note)"
        notes.append(batch_failed)
        for k in (1, 2):
            log(f"workers: ProcessPoolExecutor max_workers={k}")
            runs[k] = measure.run(task_cmd("pool", *map(str, files), "--workers", str(k)), timeout_s=timeout)
    for k, m in runs.items():
        if not m.ok:
            return {"note": f"{how} with {k} worker(s) failed ({m.failure()})", "how": how}
    return {
        "how": how,
        "files": len(files),
        "pages": pages,
        "w1_s": runs[1].wall_s,
        "w2_s": runs[2].wall_s,
        "w1_rss_mb": runs[1].peak_rss_mb,
        "w2_rss_mb": runs[2].peak_rss_mb,
        "w1_cpu_s": runs[1].cpu_s,
        "w2_cpu_s": runs[2].cpu_s,
        "load_1min": [*runs[1].load, *runs[2].load],
        "contended": runs[1].contended or runs[2].contended,
        "speedup": runs[1].wall_s / runs[2].wall_s,
        "basis": "command wall time",
        "note": "; ".join(notes),
        "batch_counts": counts,
        "batch_timings_s": timings,
    }


def big(pages: int, seed: int, timeout: float) -> Result:
    path, why = corpus_mod.big_publication(OUT, pages, seed)
    if path is None:
        return unavailable("big", why)
    n = corpus_mod.page_count(path)
    r = ingest("big", [path], n, OUT / "db" / "big.duckdb", True, timeout)
    r["file"] = str(path)
    return r


# -- main -------------------------------------------------------------------
def meta(args: argparse.Namespace) -> dict[str, Any]:
    # versions from package metadata: importing camelot here would inflate the harness's RSS,
    # which every child would inherit as its initial high-water mark
    from importlib.metadata import version

    pdftotext = shutil.which("pdftotext")
    ptv = None
    if pdftotext:
        v = subprocess.run([pdftotext, "-v"], capture_output=True, text=True)
        ptv = (v.stderr or v.stdout).splitlines()[0] if (v.stderr or v.stdout) else "?"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO)
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "git": commit.stdout.strip(),
        "mode": "quick" if args.quick else "full",
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "cpus": os.cpu_count(),
        "machine": platform.platform(),
        "python": platform.python_version(),
        "versions": {
            "pdfplumber": version("pdfplumber"),
            "camelot": version("camelot-py"),
            "pypdfium2": version("pypdfium2"),
            "spacy": version("spacy"),
            "duckdb": version("duckdb"),
            "pdftotext": ptv,
        },
    }


def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="6 publications, small sample sizes")
    ap.add_argument("--count", type=int, help="publications in the corpus (full 40, quick 6)")
    ap.add_argument("--pages-target", type=int, help="pages in the corpus (full 1500, quick 200)")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--corpus", type=Path, help="measure the PDFs of this folder instead of generating")
    ap.add_argument(
        "--camelot-sample",
        type=int,
        help="camelot on K evenly spaced pages, extrapolated (default: every page)",
    )
    ap.add_argument("--camelot-engine", default="combined", choices=["combined", "raster", "vector"])
    ap.add_argument("--no-vector", action="store_true", help="skip the extra camelot engine=vector row")
    ap.add_argument(
        "--stages-count", type=int, help="publications in the per-stage pass (full: 10, quick: all)"
    )
    ap.add_argument(
        "--workers-count", type=int, help="publications in the 1-vs-2 workers runs (default: all)"
    )
    ap.add_argument("--scaling-quarter", action="store_true", help="add an N/2 point to the N, 2N scaling")
    ap.add_argument("--big-pages", type=int, help="pages of the one large publication (full 500, quick 100)")
    ap.add_argument("--skip", default="", help="comma list: camelot,scaling,workers,big,stages,reingest")
    ap.add_argument("--profile", action="store_true", help="run the stage pass under cProfile")
    ap.add_argument("--timeout", type=float, default=3600.0, help="per measurement, seconds")
    ap.add_argument("--out", type=Path, default=OUT / "results.json")
    ap.add_argument(
        "--render", type=Path, metavar="JSON", help="only print the report of an earlier results.json"
    )
    a = ap.parse_args(argv)
    if a.count is None:
        a.count = 6 if a.quick else 40
    if a.pages_target is None:
        a.pages_target = 200 if a.quick else 1500
    if a.stages_count is None and not a.quick:
        a.stages_count = 10
    if a.big_pages is None:
        a.big_pages = 100 if a.quick else 500
    return a


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    if args.render:
        old = json.loads(args.render.read_text())
        old["targets"] = targets(
            old["measurements"], old["meta"]["mode"] == "quick", old["meta"]["args"]["big_pages"]
        )
        print(render(old))
        return
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    OUT.mkdir(parents=True, exist_ok=True)
    t_start = time.perf_counter()
    if args.corpus:
        c = corpus_mod._from_dir(args.corpus, "dir", "given with --corpus")
    else:
        log(f"corpus: generator, {args.count} publications, ~{args.pages_target} pages")
        c = corpus_mod.synth_corpus(OUT, args.count, args.seed, args.pages_target)
    if not c.files:
        sys.exit("bench: no PDF to measure")
    files, pages = c.paths, c.total_pages
    to = args.timeout
    res: dict[str, Result] = {}
    results: dict[str, Any] = {
        "meta": meta(args),
        "corpus": c.summary(),
        "annex_share": None,
        "measurements": res,
        "stages": {"note": "not measured yet"},
        "partial": True,
    }

    def save() -> None:
        """Results so far, so an interrupted run still leaves its figures."""
        results["targets"] = targets(res, args.quick, args.big_pages)
        results["bench_seconds"] = time.perf_counter() - t_start
        write_json(results, args.out)

    res["ingest"] = ingest("ingest", files, pages, OUT / "db" / "ingest.duckdb", True, to)
    save()
    if "reingest" not in skip:
        if res["ingest"].get("available"):
            res["reingest"] = ingest("reingest", files, pages, OUT / "db" / "ingest.duckdb", False, to)
        else:
            res["reingest"] = unavailable("reingest", "first ingest not available")
    res["plumber"] = baseline("plumber", files, pages, to)
    res["pdfium"] = baseline("pdfium", files, pages, to)
    if shutil.which("pdftotext"):
        res["pdftotext"] = baseline("pdftotext", files, pages, to)
    else:
        res["pdftotext"] = unavailable(
            "pdftotext", "not installed (apt-get install -y poppler-utils); skipped"
        )
    save()
    if "camelot" not in skip:
        res["camelot"] = camelot(c, args.camelot_sample, args.camelot_engine, "camelot", to)
        if not args.no_vector and args.camelot_engine != "vector":
            res["camelot_vector"] = camelot(c, args.camelot_sample, "vector", "camelot_vector", to)
        cam = res["camelot"]
        if cam.get("available") and "table_pages" in cam.get("report", {}):
            rep = cam["report"]
            results["annex_share"] = (
                f"{rep['table_pages']}/{rep['pages']} ({rep['table_pages'] / rep['pages'] * 100:.0f} %)"
            )
        save()
    skipped = {"note": "skipped (--skip)"}
    res["big"] = big(args.big_pages, args.seed, to) if "big" not in skip else skipped
    save()
    sub_files, sub_pages = c.subset(args.workers_count or len(files))
    res["workers"] = workers(sub_files, sub_pages, to) if "workers" not in skip else skipped
    save()
    res["scaling"] = scaling(c, res["ingest"], to, args.scaling_quarter) if "scaling" not in skip else skipped
    save()
    if "stages" not in skip:
        sub_files, _ = c.subset(args.stages_count or len(files))
        st = stages(sub_files, to, OUT / "profile.txt" if args.profile else None)
        res["extract_inproc"] = st.pop("result")
        if len(sub_files) < len(files):
            st.setdefault("notes", []).insert(0, f"first {len(sub_files)} of {len(files)} publications")
        results["stages"] = st
    else:
        results["stages"] = {"note": "skipped (--skip stages)"}
    results["partial"] = False
    save()
    text = render(results)
    results["printed"] = text
    write_json(results, args.out)
    print(text)
    print(f"\n(bench took {results['bench_seconds']:.0f} s; JSON: {args.out})")


if __name__ == "__main__":
    main()
