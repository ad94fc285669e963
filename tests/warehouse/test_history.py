"""Cross-year questions: one beneficiary whatever the spelling, with its sources; aliases change it."""

from __future__ import annotations

import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from delib.models import Publication
from delib.warehouse import connect, load_publication
from delib.warehouse.names import key, parse_aliases, read_aliases, significant_key
from delib.warehouse.queries import NotFoundError, history
from delib.warehouse.resolve import reresolve


def _by_year(pubs: list[Publication], keys: set[str]) -> dict[int, Decimal]:
    """Independent oracle: sums straight from the ground truth."""
    out: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for pub in pubs:
        for d in pub.deliberations:
            assert d.session_date is not None
            for g in d.grants:
                if key(g.beneficiary) in keys:
                    out[d.session_date.year] += g.amount
    return dict(out)


def test_recupaire_spelled_three_ways_is_one_beneficiary_per_year(
    ro: Any, truth_pubs: list[Publication]
) -> None:
    h = history(ro, "RECUPAIRE", by="year")
    expected = _by_year(truth_pubs, {"recupaire"})
    assert len(expected) >= 2, "the corpus should carry Recup'aire over several years"
    got = {r[h.columns.index("year")]: r[h.columns.index("total")] for r in h.rows}
    assert got == expected
    spellings = {s for r in h.rows for s in r[h.columns.index("spellings")].split(" | ")}
    assert {"RECUPAIRE", "Recup'aire"} <= spellings
    assert len(spellings) >= 3
    for r in h.rows:
        sources = r[h.columns.index("sources")]
        assert ".pdf p." in sources  # every figure points at a file and page


def test_any_spelling_finds_the_same_beneficiary(ro: Any) -> None:
    ids = {
        history(ro, name).beneficiary_id for name in ("RECUPAIRE", "Recup'aire", "recup aire", "Récup'aire")
    }
    assert len(ids) == 1


def test_history_rows_per_year_and_operation_add_up_to_the_yearly_total(ro: Any) -> None:
    by_op = history(ro, "El FOUAD", by="operation")
    by_year = history(ro, "El FOUAD", by="year")
    yearly: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for r in by_op.rows:
        yearly[r[1]] += r[by_op.columns.index("total")]
    assert yearly == {r[1]: r[by_year.columns.index("total")] for r in by_year.rows}
    assert "operation" in by_op.columns


def test_unknown_name_says_what_is_close(ro: Any) -> None:
    with pytest.raises(NotFoundError, match="no beneficiary matches") as err:
        history(ro, "Zzyzx Quux")
    assert err.value.hint is None or "closest" in err.value.hint


def test_aliases_file_changes_the_answer_without_writing(ro: Any, truth_pubs: list[Publication]) -> None:
    """AFP2I / APF2I merge by transposition; an aliases file saying they differ splits them."""
    before = history(ro, "AFP2I", by="year")
    after = history(ro, "AFP2I", by="year", rules=parse_aliases("AFP2I != APF2I\n"))
    apf2i = sum(
        (g.amount for p in truth_pubs for d in p.deliberations for g in d.grants
         if significant_key(g.beneficiary) == "apf2i"),
        Decimal("0.00"),
    )  # fmt: skip
    assert apf2i > 0, "the corpus spells AFP2I as APF2I somewhere"
    total = before.columns.index("total")
    assert sum(r[total] for r in before.rows) - sum(r[total] for r in after.rows) == apf2i
    assert history(ro, "AFP2I", by="year").rows == before.rows  # nothing stored


def test_reresolve_with_aliases_is_stored_and_applies_to_later_loads(
    tmp_path: Path, truth_db: Path, truth_pubs: list[Publication]
) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(truth_db, db)
    aliases = tmp_path / "aliases.txt"
    aliases.write_text("FJEP = FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)\n", encoding="utf-8")
    con = connect(db)
    try:
        n_before = con.execute("SELECT count(*) FROM beneficiaries").fetchall()[0][0]
        reresolve(con, read_aliases(aliases))
        n_after = con.execute("SELECT count(*) FROM beneficiaries").fetchall()[0][0]
        merge = con.execute(
            "SELECT canonical, method, detail FROM beneficiary_merges WHERE alias = 'FJEP'"
        ).fetchall()
        fjep = history(con, "FJEP", by="year")
        # a later load of a new file keeps the stored rule
        pub = truth_pubs[0]
        changed = pub.model_copy(update={"file": pub.file.model_copy(update={"sha256": "a" * 64})})
        load_publication(con, changed)
        still = con.execute("SELECT method FROM beneficiary_merges WHERE alias = 'FJEP'").fetchall()
    finally:
        con.close()
    assert n_after == n_before - 1
    assert merge[0][0] == "FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)"
    assert merge[0][1] == "alias-force" and "aliases.txt:1" in merge[0][2]
    assert fjep.name == "FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)"
    assert still == [("alias-force",)]


def test_beneficiary_merges_record_every_non_trivial_merge(ro: Any) -> None:
    rows = ro.execute(
        "SELECT alias, canonical, score, method FROM beneficiary_merges WHERE method NOT IN ('canonical', 'same-key')"
    ).fetchall()
    transpositions = [(a, c, s) for a, c, s, m in rows if m == "transposition"]
    assert any(
        significant_key(a) == "apf2i" and significant_key(c) == "afp2i" and s == 90.0
        for a, c, s in transpositions
    )
    assert all(90 <= s <= 100 for _, _, s, _ in rows)
    names = {n for (n,) in ro.execute("SELECT name FROM beneficiaries").fetchall()}
    assert {"PIF", "PBI"} <= names  # acronyms two letters apart stay apart
    assert "Tous Parrains" in names and "CCAS ANNAY" in names


def test_members_are_one_person_across_sessions_and_spellings(ro: Any) -> None:
    rows = ro.execute(
        """SELECT m.name, count(DISTINCT a.name) AS spellings, count(DISTINCT d.session_id) AS sessions
           FROM attendance a JOIN members m USING (member_id) JOIN deliberations d USING (deliberation_id)
           GROUP BY m.name HAVING count(DISTINCT d.session_id) > 1"""
    ).fetchall()
    assert rows, "some members sit in several sessions of the corpus"
    orphans = ro.execute(
        "SELECT count(*) FROM recusals WHERE member_id IS NULL OR member_id NOT IN (SELECT member_id FROM attendance)"
    ).fetchall()
    assert orphans == [(0,)]


def test_views_answer_the_auditors_questions(ro: Any) -> None:
    big_abstentions = ro.execute(
        "SELECT count(*) FROM scdl_deliberations WHERE VOTE_ABSTENTION > 10"
    ).fetchall()
    assert big_abstentions[0][0] >= 0
    recusals = ro.execute("SELECT member, n_recusals, deliberations FROM recusals_by_member").fetchall()
    n_recused = ro.execute("SELECT count(*) FROM recusals").fetchall()[0][0]
    assert sum(r[1] for r in recusals) == n_recused
    territory = ro.execute(
        "SELECT territory, year, total, change_from_previous_year FROM funding_by_territory WHERE territory IS NOT NULL"
    ).fetchall()
    assert territory
    codes = ro.execute("SELECT operation_code, imputation, ae FROM funding_by_operation_code").fetchall()
    assert any(c[0] and c[1] for c in codes)
