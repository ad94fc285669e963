"""`--excel` writes what French Excel reads as numbers and dates (issue 13: it kept a decimal dot,
which French Excel reads as text): UTF-8 BOM, ';' between fields, decimal comma, dd/mm/yyyy."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from delib.cli import cli
from delib.warehouse import connect

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "samples" / "nord_cd_2023-12-14_2023-88.pdf"
SQL = (
    "SELECT DATE '2023-06-12' AS d, TIMESTAMP '2023-06-12 14:30:05' AS t, 1234567.89::DECIMAL(18,2) AS a,"
    " -54000.00::DECIMAL(18,2) AS neg, 2.5::DOUBLE AS f, 42 AS n, 'Recup''aire; \"62\"' AS s, NULL AS z"
)


def _read_back(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode()), "no UTF-8 BOM: Excel would read the accents wrong"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_query_excel_csv_has_decimal_commas_and_french_dates(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    connect(db).close()
    r = CliRunner().invoke(cli, ["query", SQL, "--db", str(db), "--csv", "--excel"])
    assert r.exit_code == 0, r.output
    out = tmp_path / "q.csv"
    out.write_bytes(r.stdout_bytes)
    header, row = _read_back(out)
    assert header == ["d", "t", "a", "neg", "f", "n", "s", "z"]
    assert row == [
        "12/06/2023",
        "12/06/2023 14:30:05",
        "1234567,89",
        "-54000,00",
        "2,5",
        "42",
        'Recup\'aire; "62"',
        "",
    ]


def test_excel_alone_means_csv_and_plain_csv_is_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    connect(db).close()
    runner = CliRunner()
    alone = runner.invoke(cli, ["query", "SELECT 1.5::DECIMAL(4,2) AS a", "--db", str(db), "--excel"])
    plain = runner.invoke(
        cli, ["query", "SELECT 1.5::DECIMAL(4,2) AS a, DATE '2024-01-02' AS d", "--db", str(db), "--csv"]
    )
    assert alone.stdout == "\ufeffa\n1,50\n"
    assert plain.stdout == "a,d\n1.50,2024-01-02\n"  # machines keep the dot and ISO dates


def test_extract_excel_amounts_read_back_exactly(tmp_path: Path) -> None:
    runner = CliRunner()
    record = json.loads(runner.invoke(cli, ["extract", str(SAMPLE), "--json"]).stdout)
    grants = [Decimal(g["amount"]) for d in record["deliberations"] for g in d["grants"]]
    assert grants
    r = runner.invoke(cli, ["extract", str(SAMPLE), "--csv", "--excel"])
    assert r.exit_code == 0, r.output
    out = tmp_path / "e.csv"
    out.write_bytes(r.stdout_bytes)
    rows = _read_back(out)
    col = rows[0].index("amount")
    amounts = [row[col] for row in rows[1:] if row[1] == "grant"]
    assert amounts and all("." not in a and "," in a for a in amounts), amounts[:5]
    assert [Decimal(a.replace(",", ".")) for a in amounts] == grants
