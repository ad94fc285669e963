"""Damaged PDFs end in a record or one `Error:` line, never a traceback (issue 13: 7 of 151 did).

Mutants come from two real sample PDFs with a fixed seed (delib.corpus.mutate): truncations, byte
flips, broken xref tables and offsets, removed chunks and keywords, damaged page trees.  Each runs
through the real `delib extract` (click's runner, in this process, so spaCy loads once).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from delib.cli import cli
from delib.corpus.mutate import MUTATIONS, mutants

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"
SOURCES = ["nord_cd_2023-12-14_2023-88.pdf", "hauts-de-france_cp_2024-06-27_20241187.pdf"]
SEED = 13
PER_SOURCE = 2 * len(MUTATIONS)  # 18 per source, 36 in all: every kind of damage twice per file

CASES = [
    (f"{Path(src).stem[:12]}-{name}", src, i)
    for src in SOURCES
    for i, (name, _) in enumerate(mutants((SAMPLES / src).read_bytes(), PER_SOURCE, SEED))
]


def _mutant(src: str, index: int) -> bytes:
    for i, (_, blob) in enumerate(mutants((SAMPLES / src).read_bytes(), PER_SOURCE, SEED)):
        if i == index:
            return blob
    raise IndexError(index)


def _assert_record_or_one_line(pdf: Path, args: list[str]) -> str:
    r = CliRunner().invoke(cli, ["extract", str(pdf), *args])
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert "Traceback" not in r.output
    if r.exit_code == 0:
        assert json.loads(r.stdout)["file"]["pages"] >= 1
        return "record"
    assert r.exit_code == 1, (r.exit_code, r.stderr)
    assert r.stdout == ""
    assert r.stderr.startswith(f"Error: {pdf}: ") and r.stderr.count("\n") == 1, r.stderr
    return r.stderr


def test_mutants_are_reproducible_and_cover_every_kind_of_damage() -> None:
    data = (SAMPLES / SOURCES[0]).read_bytes()
    first = list(mutants(data, PER_SOURCE, SEED))
    assert first == list(mutants(data, PER_SOURCE, SEED))
    assert {name.split("-", 1)[1] for name, _ in first} == set(MUTATIONS)
    assert all(blob != data for _, blob in first)


@pytest.mark.parametrize(("src", "index"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_damaged_pdf_gives_a_record_or_one_error_line(tmp_path: Path, src: str, index: int) -> None:
    pdf = tmp_path / "mutant.pdf"
    pdf.write_bytes(_mutant(src, index))
    _assert_record_or_one_line(pdf, ["--json"])


def test_page_pdfium_cannot_load_is_named_by_its_number(tmp_path: Path) -> None:
    """Regression: the file opens, page 2's object is not a /Page, `Document.text` raised PdfiumError."""
    data = (SAMPLES / SOURCES[0]).read_bytes()
    second_page = list(re.finditer(rb"/Type\s*/Page(?!s)", data))[1]
    pdf = tmp_path / "page-2-not-a-page.pdf"
    pdf.write_bytes(data[: second_page.start()] + b"/Type /Pagx" + data[second_page.end() :])
    line = _assert_record_or_one_line(pdf, ["-t"])
    assert line.startswith(f"Error: {pdf}: page 2 could not be read (")
    assert "Failed to load page" in line
