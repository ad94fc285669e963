"""Loading publications: exact rows, provenance, idempotence, supersession, issues."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from delib.models import Check, Problem, Publication
from delib.warehouse import connect, has_document, load_publication, record_failure


def _changed(
    pub: Publication, sha: str, delta: Decimal, extra: dict[str, object] | None = None
) -> Publication:
    """The same publication re-published with the first grant's amount corrected (new file bytes)."""
    d = pub.deliberations[0]
    grants = [d.grants[0].model_copy(update={"amount": d.grants[0].amount + delta}), *d.grants[1:]]
    d2 = d.model_copy(update={"grants": grants, **(extra or {})})
    return pub.model_copy(
        update={
            "file": pub.file.model_copy(update={"sha256": sha}),
            "deliberations": [d2, *pub.deliberations[1:]],
        }
    )


def test_rows_match_the_publication(tmp_path: Path, seed_pub: Publication) -> None:
    con = connect(tmp_path / "w.duckdb")
    res = load_publication(con, seed_pub)
    d = seed_pub.deliberations[0]
    assert res.status == "loaded"
    assert res.rows["grants"] == len(d.grants)
    assert res.rows["recusals"] == len(d.recused)
    assert res.rows["grant_totals"] == len(d.grant_totals)
    total = con.execute("SELECT sum(amount) FROM grants").fetchone()
    assert total == (sum((g.amount for g in d.grants), Decimal("0.00")),)
    row = con.execute("SELECT number, session_date, collectivity FROM deliberations").fetchone()
    assert row == (d.number, d.session_date, d.collectivity)
    con.close()


def test_every_grant_row_keeps_file_page_bbox(tmp_path: Path, seed_pub: Publication) -> None:
    con = connect(tmp_path / "w.duckdb")
    load_publication(con, seed_pub)
    rows = con.execute(
        "SELECT sha256, page, bbox_x0, bbox_top, bbox_x1, bbox_bottom FROM grants ORDER BY ordinal"
    ).fetchall()
    con.close()
    expected = [
        (seed_pub.file.sha256, g.page, *(g.bbox or (None,) * 4)) for g in seed_pub.deliberations[0].grants
    ]
    assert rows == expected


def test_recused_members_spelled_without_accents_are_found_present(
    tmp_path: Path, seed_pub: Publication
) -> None:
    """The recusal paragraph writes HINGREZ-CEREDA for the present member HINGREZ-CÉRÉDA."""
    con = connect(tmp_path / "w.duckdb")
    load_publication(con, seed_pub)
    rows = con.execute(
        """SELECT r.name, r.was_present, a.name FROM recusals r
           LEFT JOIN attendance a ON a.member_id = r.member_id AND a.status = 'present'"""
    ).fetchall()
    con.close()
    assert len(rows) == len(seed_pub.deliberations[0].recused)
    assert all(was_present for _, was_present, _ in rows)
    hingrez = [r for r in rows if "HINGREZ" in r[0]]
    assert hingrez and hingrez[0][0] != hingrez[0][2]  # different spellings, one person


def test_same_bytes_again_is_a_no_op(
    tmp_path: Path, seed_pub: Publication, table_counts: Callable[[Any], dict[str, int]]
) -> None:
    con = connect(tmp_path / "w.duckdb")
    first = load_publication(con, seed_pub)
    before = table_counts(con)
    again = load_publication(con, seed_pub)
    after = table_counts(con)
    assert has_document(con, seed_pub.file.sha256)
    con.close()
    assert again.status == "unchanged" and again.document_id == first.document_id and again.rows == {}
    assert before == after


def test_changed_file_supersedes_and_keeps_history(tmp_path: Path, seed_pub: Publication) -> None:
    con = connect(tmp_path / "w.duckdb")
    old = load_publication(con, seed_pub)
    new_pub = _changed(seed_pub, "f" * 64, Decimal("-1000.00"))
    new = load_publication(con, new_pub)
    assert new.status == "superseded" and new.document_id != old.document_id
    versions = con.execute(
        "SELECT deliberation_id, version, valid_to IS NOT NULL, superseded_by FROM deliberations ORDER BY version"
    ).fetchall()
    assert [v[1] for v in versions] == [1, 2]
    assert versions[0][2] is True and versions[0][3] == versions[1][0]
    assert versions[1][2] is False and versions[1][3] is None
    current = con.execute("SELECT sum(amount) FROM current_grants").fetchone()
    history = con.execute(
        "SELECT sum(amount) FROM grants WHERE deliberation_id = ?", [versions[0][0]]
    ).fetchone()
    n_current = con.execute("SELECT count(*) FROM current_deliberations").fetchone()
    con.close()
    base = sum((g.amount for g in seed_pub.deliberations[0].grants), Decimal("0.00"))
    assert current == (base - Decimal("1000.00"),)
    assert history == (base,)
    assert n_current == (1,)


def test_problems_and_failed_checks_become_issues_until_superseded(
    tmp_path: Path, seed_pub: Publication
) -> None:
    con = connect(tmp_path / "w.duckdb")
    problem = Problem(kind="unreadable_cell", message="amount cell unreadable", raw="1 2O0,00", page=9,
                      bbox=(10.0, 20.0, 30.0, 40.0), rule="grants.lattice.v1")  # fmt: skip
    check = Check(
        name="grants.operation_total", passed=False, expected="115069.00", found="114069.00", page=9
    )
    bad = _changed(seed_pub, "e" * 64, Decimal("0.00"), {"problems": [problem], "checks": [check]})
    load_publication(con, bad)
    items = con.execute(
        "SELECT origin, kind, page, rule, raw, path FROM audit_items ORDER BY origin"
    ).fetchall()
    assert items == [
        ("check", "grants.operation_total", 9, None, None, bad.file.path),
        ("deliberation", "unreadable_cell", 9, "grants.lattice.v1", "1 2O0,00", bad.file.path),
    ]
    failed = con.execute("SELECT name, expected, found FROM failed_checks").fetchall()
    assert failed == [("grants.operation_total", "115069.00", "114069.00")]
    load_publication(con, seed_pub)  # a clean version of the same deliberation supersedes it
    left = con.execute("SELECT count(*) FROM audit_items").fetchone()
    kept = con.execute("SELECT count(*) FROM issues").fetchone()
    con.close()
    assert left == (0,) and kept == (2,)


def test_record_failure_once_and_cleared_when_the_file_loads(tmp_path: Path, seed_pub: Publication) -> None:
    con = connect(tmp_path / "w.duckdb")
    sha = seed_pub.file.sha256
    for _ in range(2):
        record_failure(
            con, path="in/x.pdf", sha256=sha, kind="timeout", reason="extraction took more than 60 s"
        )
    items = con.execute("SELECT origin, path, kind, message FROM audit_items").fetchall()
    assert items == [("ingest", "in/x.pdf", "timeout", "extraction took more than 60 s")]
    load_publication(con, seed_pub)
    assert con.execute("SELECT count(*) FROM audit_items").fetchone() == (0,)
    con.close()


def test_a_failing_load_leaves_nothing_half_written(
    tmp_path: Path, seed_pub: Publication, table_counts: Callable[[Any], dict[str, int]]
) -> None:
    con = connect(tmp_path / "w.duckdb")
    before = table_counts(con)
    # grant rows that cannot be stored (amounts above 99.99 overflow the narrowed column): the
    # failure comes after documents, deliberations and attendance rows were inserted
    con.execute("ALTER TABLE grants ALTER COLUMN amount SET DATA TYPE DECIMAL(4,2)")
    with pytest.raises(Exception, match=r"(?i)overflow|out of range|decimal"):
        load_publication(con, seed_pub)
    after = table_counts(con)
    con.close()
    assert before == after


def test_unnumbered_deliberation_is_superseded_on_date_and_title(
    tmp_path: Path, seed_pub: Publication
) -> None:
    """Some collectivities print no number: same collectivity, meeting date and title identify it."""
    d = seed_pub.deliberations[0]
    unnumbered = seed_pub.model_copy(update={"deliberations": [d.model_copy(update={"number": None})]})
    con = connect(tmp_path / "w.duckdb")
    load_publication(con, unnumbered)
    retitled = _changed(
        unnumbered, "d" * 64, Decimal("0.00"), {"number": None, "title": d.title.lower() if d.title else None}
    )
    res = load_publication(con, retitled)
    other = _changed(unnumbered, "c" * 64, Decimal("0.00"), {"number": None, "title": "UN AUTRE OBJET"})
    res2 = load_publication(con, other)
    n_current = con.execute("SELECT count(*) FROM current_deliberations").fetchall()
    con.close()
    assert res.status == "superseded"  # same title up to case
    assert res2.status == "loaded"  # another title on the same day is another deliberation
    assert n_current == [(2,)]
