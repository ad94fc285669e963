"""One CLI (issue 13): the same flags, the same exit code for the same mistake, no "None" shown.

Before: `extract` had no --csv; `-v` worked only before the subcommand; a missing file exited 2 in
`ingest` (and wherever click checked the path) but 1 in `extract`; `extract -t` printed
"for None / against None" for counts a document does not print; `show -o missing_dir/x.png`
ended in a traceback.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from delib.cli import cli

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "samples" / "nord_cd_2023-12-14_2023-88.pdf"
REAL = REPO.parent / "shared" / "real"
#: real deliberations whose vote prints some counts and not others (or none at all)
PARTIAL_VOTES = [
    "bourg-en-bresse_cm_2016-02-01_delib-subvention-ban-doi.pdf",  # for 31, 8 abstentions, no "contre"
    "montpellier_cm_2014-04-24_delib-0000071276_subvention-avocats.pdf",  # adopted, no counts
]
OUTPUT_FLAGS = {"--json", "--nl", "--csv", "--tsv", "-t", "--excel"}


def _invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _missing_cases(tmp: Path) -> dict[str, list[str]]:
    gone = str(tmp / "missing.pdf")
    gone_dir = str(tmp / "missing-folder")
    gone_txt = str(tmp / "missing.txt")
    db = str(tmp / "missing.duckdb")
    return {
        "extract": ["extract", gone],
        "show": ["show", gone, "--page", "1", "-o", str(tmp / "x.png")],
        "eval": ["eval", gone_dir],
        "ingest": ["ingest", gone, "--db", str(tmp / "w.duckdb")],
        "ingest-aliases": ["ingest", "--aliases", gone_txt, "--db", str(tmp / "w.duckdb")],
        "batch": ["batch", gone, "--db", str(tmp / "w.duckdb")],
        "history-aliases": ["history", "X", "--aliases", gone_txt, "--db", db],
        "export-facts": ["export", "scdl-deliberations", str(tmp / "o.csv"), "--facts", gone_txt, "--db", db],
        "query-db": ["query", "SELECT 1", "--db", db],
        "audit-db": ["audit", "--db", db],
    }


@pytest.mark.parametrize("case", list(_missing_cases(Path("/x"))))
def test_missing_input_exits_1_with_one_line_in_every_command(tmp_path: Path, case: str) -> None:
    args = _missing_cases(tmp_path)[case]
    r = _invoke(*args)
    assert r.exit_code == 1, (case, r.exit_code, r.output)
    err = r.stderr
    assert err.startswith("Error: ") and err.count("\n") == 1, err
    assert str(tmp_path / "missing") in err, err


def test_every_row_printing_command_has_the_same_output_flags() -> None:
    for name in ("extract", "ingest", "query", "history", "audit"):
        opts = {o for p in cli.commands[name].params for o in p.opts}
        assert OUTPUT_FLAGS <= opts, (name, OUTPUT_FLAGS - opts)


def test_extract_rows_as_csv_tsv_nl_carry_the_record_amounts_exactly() -> None:
    record = json.loads(_invoke("extract", SAMPLE, "--json").stdout)
    grants = [g for d in record["deliberations"] for g in d["grants"]]
    assert grants
    expected = sum(Decimal(g["amount"]) for g in grants)

    r = _invoke("extract", SAMPLE, "--csv")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    got = [row for row in rows if row["kind"] == "grant"]
    assert len(got) == len(grants)
    assert sum(Decimal(row["amount"]) for row in got) == expected
    assert all(row["page"] and row["rule"] and row["x0"] for row in got)
    assert {"deliberation", "check"} <= {row["kind"] for row in rows}

    tsv = _invoke("extract", SAMPLE, "--tsv").stdout
    assert tsv.splitlines()[0].split("\t")[:4] == ["deliberation", "kind", "name", "amount"]
    nl = [json.loads(line) for line in _invoke("extract", SAMPLE, "--nl").stdout.splitlines()]
    assert sum(Decimal(x["amount"]) for x in nl if x["kind"] == "grant") == expected

    excel = _invoke("extract", SAMPLE, "--csv", "--excel").stdout
    assert excel.startswith("\ufeffdeliberation;kind;name;amount;")


@pytest.mark.parametrize("name", PARTIAL_VOTES)
def test_summary_never_prints_none_for_what_the_document_does_not_say(name: str) -> None:
    pdf = REAL / name
    if not pdf.exists():
        pytest.skip(f"../shared/real/{name} not beside the checkout")
    r = _invoke("extract", pdf, "-t")
    assert r.exit_code == 0, r.output
    out = r.stdout
    vote = next(line for line in out.splitlines() if line.strip().startswith("vote:"))
    assert "None" not in out, vote
    assert "adopted" in vote and ("not printed" in vote or "no counts printed" in vote), vote


@pytest.mark.parametrize("where", ["before", "after"])
def test_verbose_works_before_or_after_the_subcommand(tmp_path: Path, where: str) -> None:
    missing = str(tmp_path / "missing.pdf")
    args = ["-v", "extract", missing] if where == "before" else ["extract", missing, "-v"]
    loud = _invoke(*args)
    quiet = _invoke("extract", missing)
    assert loud.exit_code == quiet.exit_code == 1
    assert "Traceback" in loud.stderr and "Traceback" not in quiet.stderr
    assert loud.stderr.rstrip().endswith(quiet.stderr.rstrip())


def test_show_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing_dir" / "x.png"
    r = _invoke("show", SAMPLE, "--page", "1", "-o", target)
    assert r.exit_code == 1, r.output
    assert r.stderr == f"Error: {target}: cannot write there: folder {target.parent} does not exist\n"
    assert not target.parent.exists()
