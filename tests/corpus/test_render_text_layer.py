"""Rendering reproduces the committed PDFs, and what the ground truth says is printed is printed where it says."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from delib.corpus.frenchfmt import format_amount
from delib.corpus.pen import printable, register_family
from delib.corpus.render import SPEC_SUFFIX, ground_truth_files, load_specs, render_file
from delib.models import Publication

SAMPLES = Path(__file__).resolve().parents[2] / "corpus" / "samples"
SAMPLE_FILES = ground_truth_files(SAMPLES)
SEED = SAMPLES / "pas-de-calais_cp_2023-06-12_2023-259.json"


def _squash(text: str) -> str:
    """Compare text layers without whitespace (wrapping and no-break spaces differ from the data)."""
    return re.sub(r"\s+", "", text.replace("\u00a0", " ").replace("\u202f", " "))


def _load(path: Path) -> Publication:
    return Publication.model_validate_json(path.read_text(encoding="utf-8"))


def _copy(path: Path, tmp: Path) -> Path:
    spec = path.with_name(path.name.removesuffix(".json") + SPEC_SUFFIX)
    shutil.copy(path, tmp / path.name)
    shutil.copy(spec, tmp / spec.name)
    return tmp / path.name


def _pdfium_text(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_rerender_reproduces_committed_text_layer_and_ground_truth(path: Path, tmp_path: Path) -> None:
    copy = _copy(path, tmp_path)
    out = render_file(copy).to_json_dict()
    committed = _load(path).to_json_dict()
    # same bytes with the same reportlab; the text layer and every provenance field must match regardless
    out["file"].pop("sha256")
    committed["file"].pop("sha256")
    assert out == committed, "re-rendering changed the ground truth (pages or provenance)"
    assert _pdfium_text(copy.with_suffix(".pdf")) == _pdfium_text(path.with_suffix(".pdf"))


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_every_grant_amount_and_beneficiary_is_printed_in_its_row(path: Path) -> None:
    d = _load(path).deliberations[0]
    spec = load_specs(path.with_name(path.name.removesuffix(".json") + SPEC_SUFFIX))[0]
    font = register_family(spec.grant_annex.font)[0]
    merged = set()
    offset = 0
    for tl in spec.grant_annex.themes:
        theme_idx = [i for i, g in enumerate(d.grants) if g.theme == tl.theme]
        for first, count in tl.merge_structure:
            merged.update(theme_idx[first + 1 : first + count])
        offset += len(theme_idx)
    with pdfplumber.open(path.with_suffix(".pdf")) as pdf:
        for i, g in enumerate(d.grants):
            assert g.page is not None and g.bbox is not None
            page = pdf.pages[g.page - 1]
            row = _squash(page.crop(g.bbox).extract_text())
            amount = printable(format_amount(g.amount, spec.grant_annex.amount), font)
            assert _squash(amount) in row, (g.beneficiary, amount, row)
            where = _squash(page.extract_text()) if i in merged else row
            assert all(_squash(w) in where for w in g.beneficiary.split()), (g.beneficiary, row)
            if g.description:  # a wrapped cell interleaves with its neighbours in reading order
                assert all(_squash(w) in row for w in g.description.split()), (g.description, row)
            if g.places is not None:
                assert str(g.places) in row


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_grant_pages_are_landscape_with_rotated_operation_labels(path: Path) -> None:
    d = _load(path).deliberations[0]
    grant_pages = sorted({g.page for g in d.grants if g.page is not None})
    with pdfplumber.open(path.with_suffix(".pdf")) as pdf:
        assert pdf.pages[0].width < pdf.pages[0].height, "the deliberation is portrait"
        rotated_text = ""
        for n in grant_pages:
            page = pdf.pages[n - 1]
            assert page.width > page.height
            assert page.lines or page.rects, "the grid is drawn with lines"
            rotated_text += "".join(c["text"] for c in page.chars if not c["upright"])
        assert rotated_text, "operation labels are rotated 90°"
        ops = {g.operation for g in d.grants if g.operation}
        assert any(_squash(op)[:12] in _squash(rotated_text) for op in ops)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.stem for p in SAMPLE_FILES])
def test_prose_records_are_printed_on_their_page(path: Path) -> None:
    d = _load(path).deliberations[0]
    text = {n: _squash(t) for n, t in enumerate(_pdfium_text(path.with_suffix(".pdf")), start=1)}
    for c in d.citations:
        assert c.page is not None and _squash(c.text)[:40] in text[c.page]
    for a in d.articles:
        assert a.page is not None and _squash(a.text)[:40] in text[a.page]
    for p in d.proposals:
        assert p.page is not None, p.text
        assert _squash(p.text)[:60] in text[p.page]
    assert d.vote is not None and d.vote.page is not None
    assert _squash((d.vote.text or "").split("\n")[0])[:20] in text[d.vote.page]


def test_seed_grant_table_breaks_over_pages_with_header_repeated() -> None:
    d = _load(SEED).deliberations[0]
    pages = sorted({g.page for g in d.grants if g.page is not None})
    assert len(pages) >= 4
    with pdfplumber.open(SEED.with_suffix(".pdf")) as pdf:
        for n in pages:
            assert "MONTANTRETENU" in _squash(pdf.pages[n - 1].extract_text())
    # an operation whose rows sit on two pages: its merged cell is cut by the page break
    by_op: dict[str | None, set[int]] = {}
    for g in d.grants:
        by_op.setdefault(g.operation, set()).add(g.page or 0)
    assert any(len(p) > 1 for p in by_op.values())


def test_seed_negative_amounts_print_with_trailing_minus() -> None:
    d = _load(SEED).deliberations[0]
    negative = [g for g in d.grants if g.amount < 0]
    assert [g.places for g in negative] == [-450, -180]
    with pdfplumber.open(SEED.with_suffix(".pdf")) as pdf:
        for g in negative:
            assert g.page is not None and g.bbox is not None
            row = pdf.pages[g.page - 1].crop(g.bbox).extract_text()
            assert re.search(r"\d{2}\s\d{3},00 €-", row), row


def test_seed_rerender_text_layer_identical_with_pdfplumber(tmp_path: Path) -> None:
    copy = _copy(SEED, tmp_path)
    render_file(copy)
    with (
        pdfplumber.open(SEED.with_suffix(".pdf")) as committed,
        pdfplumber.open(copy.with_suffix(".pdf")) as fresh,
    ):
        assert len(committed.pages) == len(fresh.pages) == 18
        for a, b in zip(committed.pages, fresh.pages, strict=True):
            assert a.extract_text() == b.extract_text()
            assert len(a.chars) == len(b.chars)


def test_other_software_sample_has_horizontal_labels_header_wordings_and_footer() -> None:
    path = SAMPLES / "somme_cp_2024-11-25_2024-301.json"
    d = _load(path).deliberations[0]
    spec = load_specs(path.with_name(path.name.removesuffix(".json") + SPEC_SUFFIX))[0]
    horizontal = [t for t in spec.grant_annex.themes if not t.rotate]
    assert horizontal and all(t.headers for t in spec.grant_annex.themes)
    ops = {g.operation for g in d.grants if g.theme == horizontal[0].theme}
    first_page = min(g.page for g in d.grants if g.theme == horizontal[0].theme and g.page is not None)
    with pdfplumber.open(path.with_suffix(".pdf")) as pdf:
        page = pdf.pages[first_page - 1]
        upright = _squash("".join(c["text"] for c in page.chars if c["upright"]))
        assert any(_squash(op or "")[:15] in upright for op in ops)
        for n, p in enumerate(pdf.pages, start=1):
            assert f"Page {n}" in p.extract_text()
