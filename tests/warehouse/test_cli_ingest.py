"""End to end through the CLI with the real extractor: ingest the corpus while queries run.

One ingest of corpus/samples runs in a subprocess (the expensive part, shared by the module);
meanwhile this process keeps querying the same database read-only.  Then: re-ingest is a no-op,
audit, query, history, export.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from delib.cli import cli
from delib.warehouse import connect

pytestmark = pytest.mark.slow  # one real extraction of the whole corpus, shared by the module

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "corpus" / "samples"


def delib(
    *args: str, env: dict[str, str] | None = None, timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "delib", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@dataclass
class Run:
    db: Path
    proc: subprocess.CompletedProcess[str]
    outcomes: list[dict[str, Any]]
    counts_during: list[int] = field(default_factory=list)
    query_errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Run:
    pdfs = sorted(SAMPLES.glob("*.pdf"))
    if not pdfs:
        pytest.skip("corpus/samples has no PDF yet")
    db = tmp_path_factory.mktemp("e2e") / "corpus.duckdb"
    connect(db).close()  # the schema exists before the first query
    proc = subprocess.Popen(
        [sys.executable, "-m", "delib", "ingest", str(SAMPLES), "--db", str(db), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    counts: list[int] = []
    errors: list[str] = []
    while proc.poll() is None:
        try:
            con = connect(db, read_only=True, wait=60)
            try:
                counts.append(con.execute("SELECT count(*) FROM documents").fetchall()[0][0])
            finally:
                con.close()
        except Exception as exc:  # any failure to answer during the ingest is a defect
            errors.append(f"{type(exc).__name__}: {exc}")
        time.sleep(0.2)
    out, err = proc.communicate()
    done = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    return Run(db, done, json.loads(out) if out.strip() else [], counts, errors)


def test_queries_answer_while_the_corpus_is_ingested(ingested: Run) -> None:
    assert ingested.proc.returncode in (0, 1), ingested.proc.stderr
    assert ingested.query_errors == []
    assert len(ingested.counts_during) >= 2, "the queries ran while the ingest was running"
    assert ingested.counts_during == sorted(ingested.counts_during)  # readers see whole documents only


def test_every_pdf_is_loaded_or_recorded_as_an_issue(ingested: Run) -> None:
    assert ingested.outcomes and all(o["path"].endswith(".pdf") for o in ingested.outcomes)
    con = connect(ingested.db, read_only=True)
    try:
        n_docs = con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
        failed = con.execute("SELECT count(*) FROM issues WHERE origin = 'ingest'").fetchall()[0][0]
    finally:
        con.close()
    statuses = [o["status"] for o in ingested.outcomes]
    assert n_docs == sum(s in ("loaded", "superseded") for s in statuses)
    assert failed == statuses.count("quarantined")  # the batch's statuses: one ingest path
    assert ingested.proc.returncode == (1 if failed else 0)


def test_reingest_changes_no_row(ingested: Run, table_counts: Any) -> None:
    con = connect(ingested.db, read_only=True)
    try:
        before = table_counts(con)
    finally:
        con.close()
    paths = [o["path"] for o in ingested.outcomes]  # the same files (the corpus may grow meanwhile)
    r = delib("ingest", *paths, "--db", str(ingested.db), "--json")
    outcomes = json.loads(r.stdout)
    con = connect(ingested.db, read_only=True)
    try:
        after = table_counts(con)
    finally:
        con.close()
    assert before == after
    loaded_before = [o["path"] for o in ingested.outcomes if o["status"] != "quarantined"]
    skipped = [o["path"] for o in outcomes if (o["status"], o["kind"]) == ("skipped", "already_loaded")]
    assert skipped == loaded_before
    assert f", 0 new, 0 loaded (0 unchanged), {len(paths)} skipped, 0 quarantined in " in r.stderr


def test_a_second_writer_waits_then_gives_up_with_a_clear_message(ingested: Run) -> None:
    from delib.warehouse import writer_lock

    with writer_lock(ingested.db, wait=5):
        r = delib("ingest", str(next(SAMPLES.glob("*.pdf"))), "--db", str(ingested.db), "--wait", "0.5")
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1
    assert f"another writer (pid {os.getpid()})" in r.stderr


def test_query_waits_for_a_writer_and_answers(ingested: Run) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from delib.warehouse import connect; c = connect(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(3); c.close()", str(ingested.db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    impatient = delib("query", "SELECT 1 AS x", "--db", str(ingested.db), "--wait", "0.2")
    patient = delib("query", "SELECT count(*) AS n FROM documents", "--db", str(ingested.db), "--wait", "60")
    holder.wait()
    assert impatient.returncode == 1 and "held by another process" in impatient.stderr
    assert patient.returncode == 0 and json.loads(patient.stdout)[0]["n"] >= 1


def test_query_is_read_only(ingested: Run) -> None:
    r = CliRunner().invoke(cli, ["query", "DELETE FROM grants", "--db", str(ingested.db)])
    assert r.exit_code == 1
    assert "read-only" in r.output.lower() or "read only" in r.output.lower()


def test_query_output_formats(ingested: Run) -> None:
    runner = CliRunner()
    sql = "SELECT count(*) AS n FROM documents"
    as_json = runner.invoke(cli, ["query", sql, "--db", str(ingested.db), "--json"])
    as_csv = runner.invoke(cli, ["query", sql, "--db", str(ingested.db), "--csv", "--excel"])
    n = json.loads(as_json.output)[0]["n"]
    assert as_csv.output == f"\ufeffn\n{n}\n"


def test_db_from_the_environment(ingested: Run) -> None:
    r = CliRunner().invoke(
        cli, ["query", "SELECT count(*) AS n FROM documents"], env={"DELIB_DB": str(ingested.db)}
    )
    assert r.exit_code == 0 and json.loads(r.output)[0]["n"] >= 1


def test_missing_database_is_one_line_exit_1(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 1 and "no warehouse" in r.output


def test_ingest_without_paths_is_a_usage_error() -> None:
    r = CliRunner().invoke(cli, ["ingest"])
    assert r.exit_code == 2


def test_unreadable_file_is_an_issue_and_audit_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-pdf.pdf"
    bad.write_bytes(b"this is not a PDF at all\n")
    db = tmp_path / "w.duckdb"
    runner = CliRunner()
    r = runner.invoke(cli, ["ingest", str(bad), "--db", str(db), "--json"])
    assert r.exit_code == 1
    outcome = json.loads(r.stdout)
    assert (outcome[0]["status"], outcome[0]["kind"]) == ("quarantined", "bad_input")
    a = runner.invoke(cli, ["audit", "--db", str(db), "--json"])
    assert a.exit_code == 1
    items = json.loads(a.stdout)
    assert "1 item(s) to review" in a.stderr
    assert items[0]["origin"] == "ingest" and items[0]["path"] == str(bad) and items[0]["message"]


def test_export_scdl_deliberations_of_the_extracted_corpus_reports_missing_facts(
    ingested: Run, tmp_path: Path
) -> None:
    out = tmp_path / "d.csv"
    r = CliRunner().invoke(
        cli, ["export", "scdl-deliberations", str(out), "--db", str(ingested.db), "--strict"]
    )
    report = (tmp_path / "d.report.csv").read_text(encoding="utf-8")
    assert out.exists() and "COLL_SIRET,missing" in report
    assert r.exit_code == 1  # --strict: COLL_SIRET is required and no facts were given
