"""A deliberation supersedes another only when it is the same one: same collectivity, meeting
date and number.  Compte-rendu items are numbered 1, 2, 3... again at every session, and a
commune's name is not always printed: two such items must never replace each other."""

from __future__ import annotations

from pathlib import Path

import pytest

from delib.extract import extract_publication
from delib.warehouse import connect, load_publication

REAL = Path(__file__).resolve().parents[3] / "shared" / "real"
CR = [
    "couthenans_cm_2021-06-04_cr-subventions-dm.pdf",
    "montpellier_cm_2011-02-07_compte-rendu-votes.pdf",
    "pierrefonds_cm_2016-04-04_cr-budget-subventions.pdf",
]


@pytest.mark.skipif(not REAL.exists(), reason="shared/real not beside the checkout")
def test_numbered_items_of_different_sessions_do_not_supersede_each_other(tmp_path: Path) -> None:
    pubs = [extract_publication(REAL / name) for name in CR]
    numbers = [{d.number for d in p.deliberations if d.number} for p in pubs]
    assert numbers[0] & numbers[1], "both comptes rendus number their items from 1"
    con = connect(tmp_path / "w.duckdb")
    try:
        for pub in pubs:
            assert load_publication(con, pub).status == "loaded"
        n_loaded = sum(len(p.deliberations) for p in pubs)
        total, superseded = con.execute(
            "SELECT count(*), count(superseded_by) FROM deliberations"
        ).fetchone() or (0, 0)
        assert (total, superseded) == (n_loaded, 0)
    finally:
        con.close()
