"""Fixtures shared by every test folder, and the guard against silent skips of ../shared tests.

Tests that read ../shared (real PDFs, the seed text, the SCDL standards) skip with a reason when it
is not beside the checkout; the summary counts them.  With ``DELIB_REQUIRE_SHARED=1`` (CI sets it)
such a skip is a failure instead, so a green run always means the real-document tests ran.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from delib.models import Publication

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "corpus" / "samples"
SEED_PDF = SAMPLES / "pas-de-calais_cp_2023-06-12_2023-259.pdf"
SHARED = ROOT.parent / "shared"
SHARED_PARTS = ("real", "seeds", "standards")
REQUIRE_SHARED_ENV = "DELIB_REQUIRE_SHARED"


def shared_is_complete() -> bool:
    return all((SHARED / part).is_dir() and any((SHARED / part).iterdir()) for part in SHARED_PARTS)


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr or "")


def _module_reads_shared(item: pytest.Item) -> bool:
    try:
        return '"shared"' in Path(str(item.fspath)).read_text(encoding="utf-8")
    except OSError:
        return False


def _skipped_for_shared(item: pytest.Item, report: pytest.TestReport) -> bool:
    """A skip because ../shared (or a file in it) is missing: its reason names it, or the test's
    module reads ../shared and ../shared is not all there."""
    return "shared" in _skip_reason(report).lower() or (
        not shared_is_complete() and _module_reads_shared(item)
    )


_SHARED_SKIPS: list[str] = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    if not report.skipped or not _skipped_for_shared(item, report):
        return
    reason = _skip_reason(report)
    if os.environ.get(REQUIRE_SHARED_ENV) == "1":
        report.outcome = "failed"
        report.longrepr = (
            f"{REQUIRE_SHARED_ENV}=1 but this test needs ../shared and skipped: {reason}"
            f" (expected {SHARED} with {', '.join(SHARED_PARTS)})"
        )
    else:  # said in the summary; the mark travels with the report from a pytest-xdist worker
        report.user_properties.append(("shared_skip", reason))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for key, reason in report.user_properties:
        if key == "shared_skip":
            _SHARED_SKIPS.append(f"{report.nodeid}: {reason}")


def pytest_report_header(config: pytest.Config) -> str:
    state = "complete" if shared_is_complete() else "ABSENT or incomplete: the real-document tests will skip"
    required = os.environ.get(REQUIRE_SHARED_ENV) == "1"
    return f"../shared ({SHARED}): {state}; {REQUIRE_SHARED_ENV}={'1 (skips fail)' if required else 'unset'}"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _SHARED_SKIPS:
        terminalreporter.write_line(
            f"{len(_SHARED_SKIPS)} test(s) skipped because ../shared is not beside the checkout"
            f" ({SHARED}); set {REQUIRE_SHARED_ENV}=1 to make that a failure:",
            yellow=True,
        )
        for line in _SHARED_SKIPS[:20]:
            terminalreporter.write_line(f"  {line}")


@pytest.fixture(scope="session")
def extracted_samples() -> dict[str, Publication]:
    """Every corpus sample PDF through the real extractor, by file name (extracted once)."""
    from delib.extract import extract_publication

    return {pdf.name: extract_publication(pdf) for pdf in sorted(SAMPLES.glob("*.pdf"))}


BLOCK = 262144  # DuckDB's block size; data blocks start after three 4 KiB headers
FIRST_BLOCK = 3 * 4096


def _flip(path: Path, offset: int, n: int = 64) -> None:
    with path.open("r+b") as f:
        f.seek(offset)
        data = f.read(n)
        f.seek(offset)
        f.write(bytes(b ^ 0xFF for b in data))


def damage_warehouse(src: Path, out: Path, when: str = "open") -> tuple[Path, str | None]:
    """A copy of a real warehouse with bytes flipped so that DuckDB's block checksum fails.

    ``when="open"``: the database header is damaged (connect fails).  ``when="read"``: the first data
    block whose damage lets the file open but fails a full scan of some table; returns that table.
    """
    import shutil

    import duckdb

    if when == "open":
        shutil.copyfile(src, out)
        _flip(out, 4096 + 16)
        _flip(out, 8192 + 16)
        return out, None
    size = src.stat().st_size
    for offset in range(FIRST_BLOCK, size, BLOCK):
        shutil.copyfile(src, out)
        _flip(out, offset + 100)  # the start of a block: always inside its checksummed data
        try:
            con = duckdb.connect(str(out), read_only=True)
        except duckdb.Error:
            continue
        try:
            tables = [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
            for t in tables:
                try:
                    con.execute(f'SELECT * FROM "{t}"').fetchall()
                except duckdb.Error as exc:
                    if "Corrupt database file" in str(exc):
                        return out, str(t)
        finally:
            con.close()
    raise AssertionError(f"no block of {src} could be damaged so that it opens but fails a scan")


@pytest.fixture
def damaged_warehouse() -> object:
    """``damage_warehouse`` as a fixture (see its docstring)."""
    return damage_warehouse


def page_fails_to_load(out: Path, source: Path = SAMPLES / "nord_cd_2023-12-14_2023-88.pdf") -> Path:
    """A real sample PDF whose 2nd page object is no longer a /Page: pypdfium2 opens the file,
    then raises ``PdfiumError: Failed to load page.`` for page 2 (issue 13: a traceback)."""
    import re

    data = source.read_bytes()
    second = list(re.finditer(rb"/Type\s*/Page(?!s)", data))[1]
    out.write_bytes(data[: second.start()] + b"/Type /Pagx" + data[second.end() :])
    return out


@pytest.fixture
def broken_page_pdf(tmp_path: Path) -> Path:
    """``page_fails_to_load`` in a folder of its own (``tmp_path/broken/page-2-not-a-page.pdf``)."""
    (tmp_path / "broken").mkdir()
    return page_fails_to_load(tmp_path / "broken" / "page-2-not-a-page.pdf")
