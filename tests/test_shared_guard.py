"""No silent skips (issue 13): a test skipped for want of ../shared is counted in the summary, and
with DELIB_REQUIRE_SHARED=1 it fails instead.  The hooks of tests/conftest.py run here in a real
pytest subprocess on a small test module (one skip for ../shared, one for another reason)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parent / "conftest.py"

TESTS = """
import pytest

def test_needs_real_pdfs():
    pytest.skip("../shared/real not beside the checkout")

def test_skips_for_another_reason():
    pytest.skip("needs a GPU")

def test_passes():
    assert 1 + 1 == 2
"""

PLUGIN = f"""
import importlib.util

_spec = importlib.util.spec_from_file_location("delib_tests_conftest", {str(CONFTEST)!r})
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
pytest_runtest_makereport = _mod.pytest_runtest_makereport
pytest_runtest_logreport = _mod.pytest_runtest_logreport
pytest_terminal_summary = _mod.pytest_terminal_summary
pytest_report_header = _mod.pytest_report_header
"""


def _run(tmp_path: Path, require: str | None, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_sample.py").write_text(TESTS, encoding="utf-8")
    (tmp_path / "conftest.py").write_text(PLUGIN, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DELIB_REQUIRE_SHARED"}
    if require is not None:
        env["DELIB_REQUIRE_SHARED"] = require
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-ra",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            *args,
            str(tmp_path),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("args", [(), ("-n", "2")], ids=["one process", "pytest-xdist"])
def test_skip_for_shared_is_named_in_the_summary(tmp_path: Path, args: tuple[str, ...]) -> None:
    # with pytest-xdist (make test runs -n auto) the skip is seen in a worker, said by the controller
    r = _run(tmp_path, None, *args)
    assert r.returncode == 0, r.stdout
    assert "1 passed, 2 skipped" in r.stdout
    assert "1 test(s) skipped because ../shared is not beside the checkout" in r.stdout
    assert "test_needs_real_pdfs: ../shared/real not beside the checkout" in r.stdout
    assert "DELIB_REQUIRE_SHARED=unset" in r.stdout


@pytest.mark.parametrize("args", [(), ("-n", "2")], ids=["one process", "pytest-xdist"])
def test_skip_for_shared_fails_when_shared_is_required(tmp_path: Path, args: tuple[str, ...]) -> None:
    r = _run(tmp_path, "1", *args)
    assert r.returncode == 1, r.stdout
    assert "1 failed, 1 passed, 1 skipped" in r.stdout
    assert "DELIB_REQUIRE_SHARED=1 but this test needs ../shared and skipped" in r.stdout
    assert "FAILED test_sample.py::test_needs_real_pdfs" in r.stdout
