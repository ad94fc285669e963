"""Bad input ends with one readable line naming the file, a non-zero exit, and nothing half-printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parents[3] / "shared" / "real"
SCANNED = REAL / "ville-oise_cm_2016-04-01_cr_SCANNED-no-text.pdf"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "delib", *args], capture_output=True, text=True, check=False)


@pytest.mark.skipif(not SCANNED.exists(), reason="shared/real not beside the checkout")
def test_scanned_pdf_is_one_line_error_exit_1() -> None:
    r = run("extract", str(SCANNED))
    assert r.returncode == 1
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(SCANNED) in lines[0] and "no text layer" in lines[0]


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty file"), (b"hello, not a pdf\n", "not a PDF"), (b"%PDF-1.4\n1 0 obj\n<<", "damaged PDF")],
    ids=["zero-byte", "not-a-pdf", "truncated"],
)
def test_bad_files_are_named_with_their_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    f = tmp_path / "bad.pdf"
    f.write_bytes(content)
    r = run("extract", str(f))
    assert r.returncode == 1, r.stderr
    assert r.stdout == ""
    assert r.stderr.count("\n") == 1
    assert str(f) in r.stderr and reason in r.stderr


def test_usage_error_exits_2(tmp_path: Path) -> None:
    r = run("eval", str(tmp_path), "--min", "nonsense=1")
    assert r.returncode == 2
    assert "nonsense" in r.stderr


def test_every_command_has_help_with_an_example_and_is_in_the_readme() -> None:
    from delib.cli import cli

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert len(cli.commands) >= 10
    for name, command in cli.commands.items():
        assert command.help and "Example: delib " in command.help, f"{name} has no example in its help"
        assert f"delib {name}" in readme, f"{name} is not in the README"
        r = run(name, "--help")
        assert r.returncode == 0, name
        assert "Usage:" in r.stdout
