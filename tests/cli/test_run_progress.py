"""`delib ingest` and `delib batch` on a terminal: a progress bar, then a short summary (issue 13:
ingest printed a 250-column table and no progress on a long run)."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "corpus" / "samples"
TWO = ["nord_cp_2022-04-11_2022-0412.pdf", "hauts-de-france_cp_2024-06-27_20241187.pdf"]


def _on_a_terminal(args: list[str]) -> tuple[int, str]:
    """Run delib with stderr on a pseudo-terminal (stdout piped away); its exit code and stderr."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "delib", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO once the child side is closed
            break
        if not data:
            break
        chunks.append(data)
    code = proc.wait()
    os.close(master)
    return code, b"".join(chunks).decode(errors="replace")


def test_ingest_shows_a_progress_bar_on_a_terminal_and_a_short_summary(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in TWO:
        shutil.copyfile(SAMPLES / name, inbox / name)
    code, text = _on_a_terminal(["ingest", str(inbox), "--db", str(tmp_path / "w.duckdb")])
    assert code == 0, text
    assert "extracting" in text and "2/2" in text, text
    lines = [ln for ln in text.replace("\r", "\n").splitlines() if ln.startswith("delib ingest:")]
    assert lines and lines[-1].startswith("delib ingest: 2 files seen, 2 new, 2 loaded"), text
    assert max(len(ln) for ln in text.replace("\r", "\n").splitlines()) <= 120  # no wide table


def test_ingest_piped_has_no_progress_bar(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "delib", "ingest", str(SAMPLES / TWO[0]), "--db", str(tmp_path / "w.duckdb")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert "\r" not in r.stderr and "extracting" not in r.stderr
    assert r.stdout == "" and r.stderr.count("\n") == 1


def test_batch_help_shows_its_default_database() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "delib", "batch", "--help"], capture_output=True, text=True, check=False
    )
    assert r.returncode == 0
    assert "[default: $DELIB_DB, else ./delib.duckdb]" in " ".join(r.stdout.split())
