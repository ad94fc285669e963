"""Run one measurement in its own subprocess: wall time and peak memory.

Peak memory is taken two ways, both polled every ``POLL_S``, and the larger
is reported:

* the kernel's high-water mark ``VmHWM`` (/proc/PID/status) of each process
  of the child's tree: exact for a single process (it can only miss growth in
  the last poll interval before exit);
* the RSS *summed* over the child and all its descendants, which is what
  matters when several worker processes run at once (sampled).

``wait4``'s ru_maxrss is recorded too but not used: on Linux a child that is
forked and exec'd inherits its parent's high-water mark (the harness's own
RSS), so it is a floor, not the child's figure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

POLL_S = 0.02
REPO = Path(__file__).resolve().parents[1]


@dataclass
class Measured:
    """Outcome of one subprocess run."""

    cmd: list[str]
    wall_s: float
    returncode: int
    maxrss_mb: float  # wait4 ru_maxrss (polluted by the parent's high-water mark; informational)
    hwm_mb: float  # largest polled VmHWM of any single process of the tree
    tree_peak_mb: float  # psutil-polled peak of the summed RSS of the tree
    cpu_s: float  # user+system CPU s: wait4 rusage, or the polled sum over the tree if larger
    load: tuple[float, float]  # 1-min load average at start and at end
    stdout: str
    stderr: str
    report: dict[str, Any] = field(default_factory=dict)  # JSON line a bench task printed

    @property
    def peak_rss_mb(self) -> float:
        return max(self.hwm_mb, self.tree_peak_mb)

    @property
    def contended(self) -> bool:
        """Was the machine busier than its CPUs at start or end (figures then run slow)?"""
        return max(self.load) > (os.cpu_count() or 1)

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def failure(self) -> str:
        """One line saying why the run failed (last stderr line)."""
        lines = [ln for ln in self.stderr.strip().splitlines() if ln.strip()]
        tail = lines[-1] if lines else "(no stderr)"
        return f"exit {self.returncode}: {tail[:300]}"


def _hwm_kib(pid: int) -> int:
    """VmHWM of a live process in KiB (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree_mem(proc: psutil.Process, cpu_seen: dict[int, float]) -> tuple[int, int]:
    """(summed RSS bytes of the tree, largest VmHWM KiB of one process of it).

    Also records in ``cpu_seen`` the latest user+system CPU seconds of each process of the tree:
    processes that are not the child's waited-for descendants (e.g. forked by a multiprocessing
    forkserver) are missing from wait4's rusage.
    """
    total = hwm = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    for p in procs:
        try:
            total += p.memory_info().rss
            t = p.cpu_times()
            cpu_seen[p.pid] = t.user + t.system
        except psutil.Error:
            continue
        hwm = max(hwm, _hwm_kib(p.pid))
    return total, hwm


def run(cmd: list[str], timeout_s: float | None = None, env: dict[str, str] | None = None) -> Measured:
    """Run ``cmd`` from the repo root, polling memory until it exits."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        load0 = os.getloadavg()[0]
        t0 = time.perf_counter()
        popen = subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=err, env=full_env)
        proc = psutil.Process(popen.pid)
        peak = hwm = 0
        cpu_seen: dict[int, float] = {}
        status = 0
        rusage: Any = None
        while True:
            pid, status, rusage = os.wait4(popen.pid, os.WNOHANG)
            if pid != 0:
                break
            rss, h = _tree_mem(proc, cpu_seen)
            peak, hwm = max(peak, rss), max(hwm, h)
            if timeout_s is not None and time.perf_counter() - t0 > timeout_s:
                popen.kill()
                _, status, rusage = os.wait4(popen.pid, 0)
                break
            time.sleep(POLL_S)
        wall = time.perf_counter() - t0
        popen.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    m = Measured(
        cmd=cmd,
        wall_s=wall,
        returncode=popen.returncode,
        maxrss_mb=rusage.ru_maxrss / 1024.0 if rusage is not None else 0.0,
        hwm_mb=hwm / 1024.0,
        tree_peak_mb=peak / (1024.0 * 1024.0),
        cpu_s=max(
            (rusage.ru_utime + rusage.ru_stime) if rusage is not None else 0.0,
            sum(cpu_seen.values()),
        ),
        load=(load0, os.getloadavg()[0]),
        stdout=stdout,
        stderr=stderr,
    )
    for line in reversed(stdout.splitlines()):
        if line.startswith("BENCH_JSON "):
            m.report = json.loads(line[len("BENCH_JSON ") :])
            break
    return m


def task_cmd(task: str, *args: str) -> list[str]:
    """Command running one bench task (bench/tasks.py) in a fresh interpreter."""
    return [sys.executable, "-m", "bench.tasks", task, *args]
