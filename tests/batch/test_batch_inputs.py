"""The bad-input suite, end to end: ``delib batch`` on generated broken files beside good ones.

Each broken file has its expected outcome and one-line reason; the good
files of the same run are all loaded; the run exits 1; a second run loads
nothing and exits 0.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

#: file name -> (status, accepted kinds, words of the reason); () = loaded, whatever the extractor found
EXPECTED: dict[str, tuple[str, tuple[str, ...], str]] = {
    "zero-byte.pdf": ("quarantined", ("bad_input",), "empty file (0 bytes)"),
    "not-a-pdf.pdf": ("quarantined", ("bad_input",), "not a PDF (no %PDF- header)"),
    "truncated.pdf": ("quarantined", ("bad_input",), "damaged PDF"),
    "encrypted-user-password.pdf": ("quarantined", ("bad_input",), "encrypted PDF that needs a password"),
    "scanned-real.pdf": ("quarantined", ("no_text_layer",), "no text layer on any of its 3 pages"),
    "image-only.pdf": ("quarantined", ("no_text_layer",), "no text layer on any of its 1 page"),
    # pdfium aborts when an allocation fails under RLIMIT_AS (SIGABRT); Python code would get MemoryError
    "decompression-bomb.pdf": ("quarantined", ("worker_crash", "memory_limit"), "memory limit of 1500 MB"),
    "thousand-pages.pdf": ("quarantined", ("too_many_pages",), "PDF has 1000 pages, over the limit of 600"),
    # readable: an owner password only (empty user password) does not stop reading
    "encrypted-empty-user-password.pdf": ("loaded", (), ""),
    # pdfium rebuilds a cross-reference table whose offsets are wrong
    "broken-xref.pdf": ("loaded", (), ""),
    # a valid PDF holding no deliberation: loaded, zero deliberations, a no_deliberation issue row
    "no-deliberation.pdf": ("loaded", ("no_deliberation",), "loaded with zero deliberations"),
}


SEED = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "pas-de-calais_cp_2023-06-12_2023-259.pdf"
N_GOOD = 3 + 1  # ../shared/real files + the seed sample


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory, gen: Any, real_pdfs: dict[str, Path]) -> Path:
    root = tmp_path_factory.mktemp("bad-inputs")
    inbox = root / "inbox"
    inbox.mkdir()
    src = real_pdfs[gen.GOOD_REAL[0]]
    files = {
        "zero-byte.pdf": b"",
        "not-a-pdf.pdf": b"<html><body><h1>404 Not Found</h1></body></html>\n",
        "truncated.pdf": gen.truncated(src),
        "encrypted-user-password.pdf": gen.encrypted(src, user="secret"),
        "encrypted-empty-user-password.pdf": gen.encrypted(real_pdfs[gen.OWNER_ONLY_REAL], user=""),
        "scanned-real.pdf": real_pdfs[gen.SCANNED_REAL].read_bytes(),
        "image-only.pdf": gen.image_only_pdf(),
        "broken-xref.pdf": gen.broken_xref(real_pdfs[gen.XREF_REAL]),
        "decompression-bomb.pdf": gen.decompression_bomb_pdf(4),
        "thousand-pages.pdf": gen.thousand_pages_pdf(),
        "no-deliberation.pdf": gen.no_deliberation_pdf(),
    }
    for name, data in files.items():
        (inbox / name).write_bytes(data)
    good = root / "good"
    good.mkdir()
    for name in gen.GOOD_REAL:
        (good / name).write_bytes(real_pdfs[name].read_bytes())
    shutil.copyfile(SEED, good / SEED.name)
    # one line per collectivity: the label fills a collectivity the extractor did not find, and
    # deliberation numbers are only unique within one collectivity
    (root / "sources.txt").write_text(
        "inbox/\n"
        f"good/{gen.GOOD_REAL[0]}  Ville de Bourg-en-Bresse\n"
        f"good/{gen.GOOD_REAL[1]}  Ville de Montpellier\n"
        f"good/{gen.GOOD_REAL[2]}  Commune de Couthenans\n"
        f"good/{SEED.name}  Département du Pas-de-Calais\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def first_run(suite: Path, h: Any) -> tuple[Any, dict[str, Any]]:
    proc = h.run_delib(
        "batch",
        suite / "sources.txt",
        "--db",
        suite / "w.duckdb",
        "--workers",
        "2",
        "--report",
        suite / "run1.json",
    )
    return proc, h.report(suite / "run1.json")


def test_exit_status_is_1_when_some_file_is_quarantined(first_run: tuple[Any, dict[str, Any]]) -> None:
    proc, rep = first_run
    assert proc.returncode == 1, proc.stderr
    c = rep["counts"]
    assert c["seen"] == len(EXPECTED) + N_GOOD
    assert c["quarantined"] == sum(v[0] == "quarantined" for v in EXPECTED.values())
    assert c["loaded"] == c["seen"] - c["quarantined"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_input_has_its_outcome_and_a_one_line_reason(
    first_run: tuple[Any, dict[str, Any]], h: Any, name: str
) -> None:
    _proc, rep = first_run
    status, kinds, words = EXPECTED[name]
    got = h.by_name(rep)[name]
    assert got["status"] == status, got
    if kinds:
        assert got["kind"] in kinds, got
        assert words in got["reason"] and "\n" not in got["reason"], got
    if status == "loaded":
        assert got["sha256"] and got["deliberations"] is not None, got
    if name == "no-deliberation.pdf":
        assert got["deliberations"] == 0


def test_seed_sample_goes_in_with_its_records(
    suite: Path, first_run: tuple[Any, dict[str, Any]], h: Any
) -> None:
    """The records a worker returns reach the warehouse whole (deliberation, grants, checks)."""
    got = h.by_name(first_run[1])[SEED.name]
    assert got["status"] == "loaded" and got["deliberations"] >= 1, got
    truth = json.loads(SEED.with_suffix(".json").read_text(encoding="utf-8"))
    with duckdb.connect(str(suite / "w.duckdb"), read_only=True) as con:
        n_grants = con.execute("SELECT count(*) FROM grants WHERE sha256 = ?", [got["sha256"]]).fetchone()
        source = con.execute("SELECT source FROM documents WHERE sha256 = ?", [got["sha256"]]).fetchone()
    assert n_grants is not None and n_grants[0] > 0
    assert n_grants[0] <= sum(len(d["grants"]) for d in truth["deliberations"]) + 5
    assert source == (got["location"],)


def test_good_files_of_the_same_run_are_all_loaded(
    first_run: tuple[Any, dict[str, Any]], h: Any, gen: Any
) -> None:
    files = h.by_name(first_run[1])
    for name in gen.GOOD_REAL:
        assert files[name]["status"] == "loaded", files[name]


def test_quarantine_holds_each_failed_file_with_its_reason(
    suite: Path, first_run: tuple[Any, dict[str, Any]]
) -> None:
    _proc, rep = first_run
    failed = [f for f in rep["files"] if f["status"] == "quarantined"]
    for f in failed:
        pdf = suite / "quarantine" / f"{f['sha256']}.pdf"
        reason = suite / "quarantine" / f"{f['sha256']}.reason.txt"
        assert pdf.read_bytes() == Path(f["location"]).read_bytes()
        text = reason.read_text(encoding="utf-8")
        assert f"reason: {f['reason']}\n" in text and f"kind: {f['kind']}\n" in text
        assert f"source: {f['location']}\n" in text


def test_issues_table_has_one_ingest_row_per_quarantined_file(
    suite: Path, first_run: tuple[Any, dict[str, Any]]
) -> None:
    _proc, rep = first_run
    with duckdb.connect(str(suite / "w.duckdb"), read_only=True) as con:
        rows = con.execute(
            "SELECT path, kind, message FROM issues WHERE origin = 'ingest' ORDER BY path"
        ).fetchall()
        empty = con.execute(
            "SELECT d.n_deliberations, i.kind FROM documents d JOIN issues i USING (document_id)"
            " WHERE d.source LIKE '%no-deliberation.pdf'"
        ).fetchall()
        loaded = con.execute("SELECT count(*) FROM documents").fetchone()
    want = sorted(
        (f["location"], f["kind"], f["reason"]) for f in rep["files"] if f["status"] == "quarantined"
    )
    assert sorted(rows) == want
    assert empty == [(0, "no_deliberation")]
    assert loaded == (rep["counts"]["loaded"],)


def test_report_json_on_stdout_and_human_summary_on_stderr(first_run: tuple[Any, dict[str, Any]]) -> None:
    proc, rep = first_run
    assert proc.stdout == ""  # no --json: stdout stays clean
    first = proc.stderr.splitlines()[0]
    assert first.startswith(f"delib batch: {rep['counts']['seen']} files seen, {rep['counts']['new']} new,")
    assert "quarantined: " in proc.stderr and "decompression-bomb.pdf" in proc.stderr
    assert "\r" not in proc.stderr  # no progress bar when stderr is not a terminal
    assert rep["timings_s"]["extract_and_load"] > 0


def test_second_run_loads_nothing_and_exits_1_for_the_files_still_quarantined(
    suite: Path, first_run: tuple[Any, dict[str, Any]], h: Any
) -> None:
    before = h.row_counts(suite / "w.duckdb")
    proc = h.run_delib("batch", suite / "sources.txt", "--db", suite / "w.duckdb", "--json")
    assert proc.returncode == 1, proc.stderr  # skipped as quarantined before: still not loaded
    rep = json.loads(proc.stdout)
    assert rep["counts"]["new"] == 0 and rep["counts"]["skipped"] == rep["counts"]["seen"]
    kinds = {f["kind"] for f in rep["files"]}
    assert kinds == {"already_loaded", "quarantined_before"}
    assert h.row_counts(suite / "w.duckdb") == before


def test_retry_quarantined_extracts_them_again(
    suite: Path, first_run: tuple[Any, dict[str, Any]], h: Any
) -> None:
    proc = h.run_delib(
        "batch",
        suite / "sources.txt",
        "--db",
        suite / "w.duckdb",
        "--json",
        "--retry-quarantined",
        "--max-pages",
        "2000",
    )
    assert proc.returncode == 1, proc.stderr
    rep = json.loads(proc.stdout)
    files = h.by_name(rep)
    # the page limit was the only reason of thousand-pages.pdf: now it goes in
    assert files["thousand-pages.pdf"]["status"] == "loaded"
    assert files["zero-byte.pdf"]["status"] == "quarantined"
    assert rep["counts"]["quarantined"] == sum(v[0] == "quarantined" for v in EXPECTED.values()) - 1


@pytest.mark.parametrize(
    ("content", "message", "code"),
    [(None, "no such file or folder", 1), ("# only a comment\n", "no source listed", 1)],
)
def test_missing_or_malformed_sources_exit_1_with_one_line(
    tmp_path: Path, h: Any, content: str | None, message: str, code: int
) -> None:
    sources = tmp_path / "sources.txt"
    if content is not None:
        sources.write_text(content, encoding="utf-8")
    proc = h.run_delib("batch", sources, "--db", tmp_path / "w.duckdb")
    assert proc.returncode == code
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_missing_source_folder_is_reported_and_exits_1(tmp_path: Path, h: Any) -> None:
    (tmp_path / "sources.txt").write_text("nowhere/\n", encoding="utf-8")
    proc = h.run_delib("batch", tmp_path / "sources.txt", "--db", tmp_path / "w.duckdb", "--json")
    assert proc.returncode == 1
    rep = json.loads(proc.stdout)
    assert rep["source_problems"][0]["problem"].startswith("no such file or folder")


def test_a_document_the_warehouse_refuses_is_quarantined_and_the_run_goes_on(
    tmp_path: Path, h: Any, gen: Any
) -> None:
    """An amount of 10^20 EUR does not fit DECIMAL(18,2): that document's load fails, alone."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "absurd-amount.pdf").write_bytes(gen.absurd_amount_pdf())
    (inbox / "ordinary.pdf").write_bytes(gen.small_deliberation_pdf(1))
    (tmp_path / "sources.txt").write_text("inbox/\n", encoding="utf-8")
    proc = h.run_delib("batch", tmp_path / "sources.txt", "--db", tmp_path / "w.duckdb", "--json")
    assert proc.returncode == 1, proc.stderr
    files = h.by_name(json.loads(proc.stdout))
    assert files["ordinary.pdf"]["status"] == "loaded"
    bad = files["absurd-amount.pdf"]
    assert (bad["status"], bad["kind"]) == ("quarantined", "load_error"), bad
    assert bad["reason"].startswith("loading failed: ") and "\n" not in bad["reason"]
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        docs = con.execute("SELECT count(*) FROM documents").fetchone()
        delibs = con.execute("SELECT count(*) FROM deliberations WHERE number = '2023-999'").fetchone()
    assert docs == (1,) and delibs == (0,), "nothing of the refused document is left half-loaded"


def test_progress_bar_on_a_terminal(tmp_path: Path, h: Any, gen: Any) -> None:
    """stderr on a pseudo-terminal: a progress bar; on a pipe (every other test): none."""
    import os
    import pty
    import subprocess

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(2):
        (inbox / f"d{i}.pdf").write_bytes(gen.small_deliberation_pdf(500 + i))
    (tmp_path / "sources.txt").write_text("inbox/\n", encoding="utf-8")
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*h.DELIB, "batch", str(tmp_path / "sources.txt"), "--db", str(tmp_path / "w.duckdb")],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave,
    )  # fmt: skip
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
    assert proc.wait(timeout=120) == 0
    os.close(master)
    text = b"".join(chunks).decode(errors="replace")
    assert "extracting" in text and "2/2" in text, text
    assert "delib batch: 2 files seen, 2 new, 2 loaded" in text
