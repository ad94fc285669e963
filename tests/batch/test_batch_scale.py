"""Done-criterion of the batch job: 200 files, 10 % broken.

The run loads every good file, quarantines every broken one with its
reason and exits 1; a second run loads nothing new and exits 0.  Files are
small metadata variants of real PDFs (distinct bytes), 2 workers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


@pytest.mark.slow
def test_200_files_10_percent_broken_then_rerun(
    tmp_path: Path, h: Any, gen: Any, real_pdfs: dict[str, Path]
) -> None:
    good, bad = gen.scale_corpus(tmp_path / "inbox", n_good=180, n_bad=20)
    (tmp_path / "sources.txt").write_text("inbox/  Commune de Test\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"

    first = h.run_delib(
        "batch", tmp_path / "sources.txt", "--db", db, "--workers", "2", "--report", tmp_path / "r1.json"
    )
    assert first.returncode == 1, first.stderr
    rep = h.report(tmp_path / "r1.json")
    files = h.by_name(rep)
    assert rep["counts"]["seen"] == 200 and rep["counts"]["new"] == 200
    assert rep["counts"]["loaded"] == 180 and rep["counts"]["quarantined"] == 20
    # metadata variants of one real deliberation legitimately supersede each other
    not_loaded = [files[p.name] for p in good if files[p.name]["status"] not in ("loaded", "superseded")]
    assert not not_loaded, [(f["location"], f["status"], f["kind"], f["reason"]) for f in not_loaded[:3]]
    for p in bad:
        f = files[p.name]
        assert f["status"] == "quarantined" and f["kind"] in ("bad_input", "no_text_layer"), f
        assert f["reason"] and "\n" not in f["reason"]
        assert (tmp_path / "quarantine" / f"{f['sha256']}.reason.txt").is_file()
    assert h.row_counts(db)["documents"] == 180
    assert h.duplicate_documents(db) == 0

    second = h.run_delib("batch", tmp_path / "sources.txt", "--db", db, "--workers", "2", "--json")
    assert second.returncode == 1, second.stderr  # the 20 quarantined files are still not loaded
    rep2 = json.loads(second.stdout)
    assert rep2["counts"]["new"] == 0 and rep2["counts"]["loaded"] == 0 and rep2["counts"]["skipped"] == 200
    assert h.row_counts(db)["documents"] == 180
    print(
        f"\nscale: run 1 {rep['duration_s']} s (extract+load {rep['timings_s']['extract_and_load']} s),"
        f" run 2 {rep2['duration_s']} s"
    )
