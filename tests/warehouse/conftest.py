"""Fixtures of the warehouse tests.

The publications are the corpus generator's ground truth (corpus/samples/*.json beside each PDF):
real records of real generated PDFs, valid ``Publication`` JSON.  ``truth_extractor`` reads the
ground truth beside a PDF; it stands in for ``delib.extract.extract_publication`` only where a
test is about the warehouse and needs full records (the end-to-end CLI tests use the real
extractor).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from delib.models import Publication
from delib.warehouse import connect, load_publication

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "corpus" / "samples"
SEED = "pas-de-calais_cp_2023-06-12_2023-259"


def truth_files() -> list[Path]:
    return sorted(p for p in SAMPLES.glob("*.json") if not p.name.endswith(".render.json"))


def read_truth(path: Path) -> Publication:
    with path.open(encoding="utf-8") as f:
        return Publication.model_validate(json.load(f))


def truth_extractor(pdf: Path) -> Publication:
    """Ground truth beside the PDF, with the path as given (the records of that very file)."""
    pub = read_truth(pdf.with_suffix(".json"))
    return pub.model_copy(update={"file": pub.file.model_copy(update={"path": str(pdf)})})


@pytest.fixture(scope="session")
def truth_pubs() -> list[Publication]:
    files = truth_files()
    if not files:
        pytest.skip("corpus/samples has no ground-truth JSON yet (run the corpus generator)")
    return [read_truth(p) for p in files]


@pytest.fixture(scope="session")
def seed_pub() -> Publication:
    path = SAMPLES / f"{SEED}.json"
    if not path.exists():
        pytest.skip(f"{path.name} not generated yet")
    return read_truth(path)


@pytest.fixture(scope="session")
def truth_db(tmp_path_factory: pytest.TempPathFactory, truth_pubs: list[Publication]) -> Path:
    """A warehouse holding every ground-truth publication (read-only use in tests)."""
    db = tmp_path_factory.mktemp("truth") / "truth.duckdb"
    con = connect(db)
    try:
        for pub in truth_pubs:
            load_publication(con, pub, source="ground truth")
    finally:
        con.close()
    return db


@pytest.fixture
def ro(truth_db: Path) -> Iterator[object]:
    con = connect(truth_db, read_only=True)
    yield con
    con.close()


def _table_counts(con: object) -> dict[str, int]:
    tables = [
        t
        for (t,) in con.execute(  # type: ignore[attr-defined]
            "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY 1"
        ).fetchall()
    ]
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # type: ignore[attr-defined]


@pytest.fixture
def table_counts() -> object:
    """Row count of every table (to show that an operation changed nothing)."""
    return _table_counts


@pytest.fixture
def truth() -> object:
    """The ground-truth extractor (reads the JSON beside a PDF)."""
    return truth_extractor
