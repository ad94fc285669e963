"""The Chromium-printed corpus (corpus/samples_chromium): ground truth and PDFs agree.

The PDFs were printed by headless Chromium (``python -m delib.corpus.chromium_bundle``) and are
committed; only ``test_annex_html_prints_with_chromium`` needs ``chromium`` and is skipped
without it (CI).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from delib.corpus.chromium_bundle import SAMPLES, AnnexStyle, annex_html, print_pdf
from delib.corpus.office import amount_pattern, page_texts
from delib.corpus.render import load_specs
from delib.models import Publication, TotalLevel

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = ROOT / "corpus" / "samples_chromium"
SOURCES = ROOT / "corpus" / "samples"
NAMES = [s.name for s in SAMPLES]


def _truth(name: str) -> Publication:
    return Publication.model_validate(json.loads((CHROMIUM / f"{name}.json").read_text(encoding="utf-8")))


def test_every_sample_is_printed_and_small() -> None:
    assert sorted(p.stem for p in CHROMIUM.glob("*.pdf")) == sorted(NAMES)
    assert sum(p.stat().st_size for p in CHROMIUM.glob("*.pdf")) < 2_000_000


@pytest.mark.parametrize("name", NAMES)
def test_truth_names_its_pdf(name: str) -> None:
    truth = _truth(name)
    pdf = CHROMIUM / f"{name}.pdf"
    assert truth.file.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
    doc = pdfium.PdfDocument(str(pdf))
    try:
        assert truth.file.pages == len(doc)
        assert "Chromium" in str(doc.get_metadata_dict().get("Producer", ""))
    finally:
        doc.close()


@pytest.mark.parametrize("name", NAMES)
def test_truth_is_the_source_samples_values(name: str) -> None:
    """Same grants and totals as the samples it was printed from (bbox and page aside)."""
    sample = next(s for s in SAMPLES if s.name == name)
    sources = [
        Publication.model_validate(json.loads((SOURCES / f"{s}.json").read_text(encoding="utf-8")))
        for s in sample.sources
    ]
    want = [d for p in sources for d in p.deliberations]
    got = _truth(name).deliberations
    assert len(got) == len(want)
    for g, w in zip(got, want, strict=True):
        strip = {"page": None, "bbox": None}
        assert [x.model_copy(update=strip) for x in g.grants] == [
            x.model_copy(update=strip) for x in w.grants
        ]
        assert [x.model_copy(update=strip) for x in g.grant_totals] == [
            x.model_copy(update=strip) for x in w.grant_totals
        ]
        assert g.number == w.number and g.vote == w.vote.model_copy(
            update={"page": g.vote.page, "bbox": None}
        )


@pytest.mark.parametrize("name", NAMES)
def test_every_amount_printed_on_its_page(name: str) -> None:
    truth = _truth(name)
    pages = sorted({(x.page or 0) - 1 for d in truth.deliberations for x in [*d.grants, *d.grant_totals]})
    texts = page_texts(CHROMIUM / f"{name}.pdf", pages)
    for d in truth.deliberations:
        for x in [*d.grants, *d.grant_totals]:
            assert x.page is not None
            assert amount_pattern(x.amount).search(texts[x.page - 1]), (x.page, x.amount)


@pytest.mark.parametrize("name", NAMES)
def test_operation_lines_sum_to_their_totals(name: str) -> None:
    for d in _truth(name).deliberations:
        sums: dict[tuple[str | None, str | None], Decimal] = defaultdict(Decimal)
        for g in d.grants:
            sums[(g.theme, g.operation)] += g.amount
        for t in d.grant_totals:
            if t.level == TotalLevel.OPERATION:
                assert sums[(t.theme, t.operation)] == t.amount, (t.theme, t.operation)


def test_bundle_second_deliberation_after_the_first_annex() -> None:
    truth = _truth("aisne_cp_bundle_cp-2021-233_cp-2024-007")
    first, second = truth.deliberations
    assert max(g.page or 0 for g in first.grants) < (second.page or 0)
    assert len({g.page for g in first.grants}) >= 8


def test_annex_html_spans_and_rotation() -> None:
    """The annex is written with the cells the phenomena need: operation cells over rows, a
    header over operation + territory, labels rotated, an operation as a row of its own."""
    pub = Publication.model_validate(
        json.loads((SOURCES / "pas-de-calais_cp_2023-06-12_2023-259.json").read_text(encoding="utf-8"))
    )
    spec = load_specs(SOURCES / "pas-de-calais_cp_2023-06-12_2023-259.render.json")[0]
    html = annex_html(pub.deliberations[0], spec.grant_annex, AnnexStyle())
    assert '<th colspan="2">OPERATION / TERRITOIRE(S)</th>' in html
    assert 'rowspan="' in html and "writing-mode: vertical-rl" in html
    assert html.count("<h2") == 2  # each theme's heading once
    rows = annex_html(pub.deliberations[0], spec.grant_annex, AnnexStyle(operation_row=True))
    assert '<tr class="o"><td colspan="2">Opération 1' in rows


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed (CI)")
def test_annex_html_prints_with_chromium(tmp_path: Path) -> None:
    pub = Publication.model_validate(
        json.loads((SOURCES / "nord_cd_2023-12-14_2023-88.json").read_text(encoding="utf-8"))
    )
    spec = load_specs(SOURCES / "nord_cd_2023-12-14_2023-88.render.json")[0]
    src = tmp_path / "annex.html"
    src.write_text(annex_html(pub.deliberations[0], spec.grant_annex, AnnexStyle()), encoding="utf-8")
    pdf = print_pdf(src, tmp_path / "annex.pdf")
    doc = pdfium.PdfDocument(str(pdf))
    try:
        assert len(doc) >= 2
        page = doc[0]
        assert page.get_width() > page.get_height()  # landscape A4
    finally:
        doc.close()
