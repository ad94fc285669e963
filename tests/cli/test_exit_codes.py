"""The same kind of error gives the same exit code in every command (issue 13, README "exit codes").

A malformed input file, whatever it lists (sources, aliases, facts), is rejected input: one line
naming the file, exit 1.  Before, a malformed sources file exited 2 (a usage error) in `batch`
while a malformed aliases or facts file exited 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from delib.cli import cli
from delib.warehouse import connect


def _cases(tmp: Path, db: Path) -> dict[str, tuple[list[str], Path]]:
    sources = tmp / "sources.toml"
    sources.write_text("[[source]]\ncollectivity = 'no location'\n", encoding="utf-8")
    aliases = tmp / "aliases.txt"
    aliases.write_text("[beneficiaries]\nFJEP ~ FOYER\n", encoding="utf-8")
    facts = tmp / "facts.toml"
    facts.write_text("[collectivity\nname = 'x'\n", encoding="utf-8")
    out = tmp / "o.csv"
    return {
        "batch-sources": (["batch", str(sources), "--db", str(db)], sources),
        "ingest-sources": (["ingest", str(sources), "--db", str(db)], sources),
        "ingest-aliases": (["ingest", "--aliases", str(aliases), "--db", str(db)], aliases),
        "history-aliases": (["history", "X", "--aliases", str(aliases), "--db", str(db)], aliases),
        "export-facts": (
            ["export", "scdl-deliberations", str(out), "--facts", str(facts), "--db", str(db)],
            facts,
        ),
    }


@pytest.mark.parametrize(
    "case", ["batch-sources", "ingest-sources", "ingest-aliases", "history-aliases", "export-facts"]
)
def test_a_malformed_input_file_exits_1_with_one_line_naming_it(tmp_path: Path, case: str) -> None:
    db = tmp_path / "w.duckdb"
    connect(db).close()
    args, bad = _cases(tmp_path, db)[case]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 1, (case, r.exit_code, r.output)
    assert r.stderr.startswith(f"Error: {bad}: ") and r.stderr.count("\n") == 1, r.stderr
    assert "Traceback" not in r.output


@pytest.mark.parametrize(
    "command", ["extract", "ingest", "batch", "query", "history", "audit", "export", "show"]
)
def test_an_unknown_option_is_a_usage_error_exit_2_in_every_command(command: str) -> None:
    r = CliRunner().invoke(cli, [command, "--no-such-option"])
    assert r.exit_code == 2, (command, r.output)
    assert "No such option '--no-such-option'" in r.stderr
