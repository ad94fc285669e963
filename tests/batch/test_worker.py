"""One file, one disposable child: limits and one-line reasons (real extractor, real PDFs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from delib import worker
from delib.worker import Limits, run_isolated


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory, gen: Any) -> Path:
    p = tmp_path_factory.mktemp("bomb") / "bomb.pdf"
    p.write_bytes(gen.decompression_bomb_pdf(4))
    return p


def test_good_file_returns_publication_records(real_pdfs: dict[str, Path], gen: Any) -> None:
    path = real_pdfs[gen.GOOD_REAL[0]]
    out = run_isolated(str(path), Limits(timeout_s=60))
    assert out.ok, out.reason
    assert out.publication is not None
    assert out.publication["file"]["pages"] == 2
    assert len(out.publication["file"]["sha256"]) == 64


def test_decompression_bomb_is_stopped_by_the_memory_limit(bomb: Path) -> None:
    out = run_isolated(str(bomb), Limits(timeout_s=120, max_memory_mb=1500))
    # pdfium aborts when an allocation fails under RLIMIT_AS; Python code gets MemoryError
    assert out.kind in (worker.CRASH, worker.MEMORY), (out.kind, out.reason)
    assert out.reason is not None and "1500 MB" in out.reason and "\n" not in out.reason
    assert out.duration_s < 120


def test_decompression_bomb_is_stopped_by_the_time_limit(bomb: Path) -> None:
    # with a generous memory limit, inflating 4 GiB takes longer than 0.5 s: the parent kills the child
    out = run_isolated(str(bomb), Limits(timeout_s=0.5, max_memory_mb=16000))
    assert out.kind == worker.TIMEOUT
    assert out.reason == "timed out after 0.5 s (--timeout)"


def test_page_limit_is_checked_before_extraction(tmp_path: Path, gen: Any) -> None:
    p = tmp_path / "thousand.pdf"
    p.write_bytes(gen.thousand_pages_pdf())
    out = run_isolated(str(p), Limits(timeout_s=60, max_pages=600))
    assert out.kind == worker.TOO_MANY_PAGES
    assert out.reason == "PDF has 1000 pages, over the limit of 600 (--max-pages)"


def test_subprocess_fallback_gives_the_same_outcome(
    real_pdfs: dict[str, Path], gen: Any, tmp_path: Path
) -> None:
    """Where multiprocessing children are forbidden (daemonic Dask workers): ``python -m delib.worker``."""
    good = worker._subprocess_isolated(str(real_pdfs[gen.GOOD_REAL[1]]), Limits(timeout_s=60))
    assert good.ok and good.publication is not None and good.publication["file"]["pages"] == 2
    scanned = worker._subprocess_isolated(str(real_pdfs[gen.SCANNED_REAL]), Limits(timeout_s=60))
    assert scanned.kind == worker.NO_TEXT_LAYER and "no text layer" in (scanned.reason or "")
