"""Fuzz the front door at scale: N damaged PDFs through the real ``delib extract``, counted.

Run from the repository root::

    .venv/bin/python -m bench.fuzz                       # 1,000 mutants (500 of each source)
    .venv/bin/python -m bench.fuzz --count 200 --seed 7

Mutants come from ``delib.corpus.mutate`` (truncations, byte flips, broken xref tables and
offsets, removed chunks and keywords, damaged page trees) of real sample PDFs, with a fixed seed.
Each one runs through the CLI in this process (click's runner, so spaCy loads once) under a
per-mutant alarm.  Every outcome is classed:

* ``record``: exit 0 and a JSON record with at least one page;
* ``one_line_error``: exit 1, nothing on stdout, exactly one ``Error: FILE: reason`` line;
* ``traceback``: anything else (an exception escaped, a traceback printed, another exit code);
* ``hang``: the alarm (``--timeout`` seconds) fired.

The issue's target is 0 tracebacks and 0 hangs; the run prints the counts per kind of damage and
writes them to ``bench/out/fuzz.json``.  (CI runs a few dozen of the same mutants:
tests/cli/test_fuzz_extract.py.)
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import FrameType

from click.testing import CliRunner

from delib.cli import cli
from delib.corpus.mutate import mutants

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    ROOT / "corpus" / "samples" / "nord_cd_2023-12-14_2023-88.pdf",
    ROOT / "corpus" / "samples" / "hauts-de-france_cp_2024-06-27_20241187.pdf",
]


class _Hang(Exception):
    pass


def _alarm(_sig: int, _frame: FrameType | None) -> None:
    raise _Hang


def classify(pdf: Path, timeout: float) -> str:
    """The outcome of ``delib extract PDF`` on one mutant (see the module docstring)."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        r = CliRunner().invoke(cli, ["extract", str(pdf)], catch_exceptions=True)
    except _Hang:
        return "hang"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if isinstance(r.exception, _Hang):
        return "hang"
    if (r.exception is not None and not isinstance(r.exception, SystemExit)) or "Traceback" in r.output:
        return "traceback"
    if r.exit_code == 0:
        try:
            return "record" if json.loads(r.stdout)["file"]["pages"] >= 1 else "traceback"
        except (ValueError, KeyError):
            return "traceback"
    one_line = r.stderr.startswith(f"Error: {pdf}: ") and r.stderr.count("\n") == 1
    return "one_line_error" if r.exit_code == 1 and r.stdout == "" and one_line else "traceback"


def run(count: int, seed: int, timeout: float) -> dict[str, object]:
    per_source = max(1, count // len(SOURCES))
    outcomes: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = {}
    bad: list[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "mutant.pdf"
        for src in SOURCES:
            for name, blob in mutants(src.read_bytes(), per_source, seed):
                pdf.write_bytes(blob)
                outcome = classify(pdf, timeout)
                outcomes[outcome] += 1
                by_kind.setdefault(name.split("-", 1)[1], Counter())[outcome] += 1
                if outcome in ("traceback", "hang"):
                    bad.append(f"{src.name} {name}: {outcome}")
    return {
        "mutants": sum(outcomes.values()),
        "seed": seed,
        "seconds": round(time.perf_counter() - start, 1),
        "outcomes": dict(outcomes),
        "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
        "failures": bad,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=1000, help="mutants in all (split over the sources)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before a mutant counts as a hang")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "fuzz.json")
    args = ap.parse_args(argv)
    res = run(args.count, args.seed, args.timeout)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2))
    print(f"{res['mutants']} mutants in {res['seconds']} s (seed {res['seed']})")
    for kind, c in res["by_kind"].items():  # type: ignore[attr-defined]
        print(f"  {kind:<14} " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
    out = res["outcomes"]
    assert isinstance(out, dict)
    print(f"tracebacks {out.get('traceback', 0)}, hangs {out.get('hang', 0)}")
    for line in res["failures"]:  # type: ignore[attr-defined]
        print("  " + line)
    return 1 if out.get("traceback", 0) or out.get("hang", 0) else 0


if __name__ == "__main__":
    sys.exit(main())
