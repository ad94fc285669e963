"""`delib show` draws, on the page image, the boxes of the values read from that page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image

from delib.extract.debug import COLOURS
from delib.models import Publication

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "corpus" / "samples" / "pas-de-calais_cp_2023-06-12_2023-259.pdf"


def test_show_draws_grant_boxes_in_their_colour(
    tmp_path: Path, extracted_samples: dict[str, Publication]
) -> None:
    d = extracted_samples[SEED.name].deliberations[0]
    page = d.grants[0].page
    assert page is not None
    on_page = sum(1 for g in d.grants if g.page == page) + sum(1 for t in d.grant_totals if t.page == page)
    out = tmp_path / "page.png"
    r = subprocess.run(
        [sys.executable, "-m", "delib", "show", str(SEED), "--page", str(page), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    drawn = int(r.stderr.split(":")[1].split()[0])
    assert drawn >= on_page > 0
    img = Image.open(out).convert("RGB")
    stroke = COLOURS["grant"][0]
    colours = {c for _, c in img.getcolors(maxcolors=1 << 24) or []}
    assert stroke in colours, "no grant-coloured stroke on the image"


def test_show_rejects_a_page_out_of_range(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "delib", "show", str(SEED), "--page", "999", "-o", str(tmp_path / "x.png")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 2
    assert "page 999 out of range" in r.stderr
    assert not (tmp_path / "x.png").exists()


def _show(tmp_path: Path, page: int) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path / f"page{page}.png"
    r = subprocess.run(
        [sys.executable, "-m", "delib", "show", str(SEED), "--page", str(page), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    return out, r


def _stroke_rows(img: Image.Image, x: int, y_from: int, y_to: int, stroke: tuple[int, int, int]) -> list[int]:
    """The pixel rows between y_from and y_to where column x has the exact stroke colour."""
    return [y for y in range(y_from, y_to) if img.getpixel((x, y)) == stroke]


def test_a_drawn_box_sits_on_the_words_it_read(
    tmp_path: Path, extracted_samples: dict[str, Publication]
) -> None:
    """The vote box drawn on the PNG encloses the pdfplumber boxes of the vote's first and last words,
    and its edges are within one line of them (reported: boxes one line off the words)."""
    import pdfplumber

    vote = extracted_samples[SEED.name].deliberations[0].vote
    assert vote is not None and vote.page is not None and vote.bbox is not None
    with pdfplumber.open(SEED) as pdf:
        page = pdf.pages[vote.page - 1]
        words, page_width = page.extract_words(), float(page.width)
    first = next(w for w in words if w["text"] == "Pour" and w["top"] >= vote.bbox[1] - 12)
    last = next(w for w in words if w["text"] == "(Adopté)")
    out, _ = _show(tmp_path, vote.page)
    img = Image.open(out).convert("RGB")
    scale = img.width / page_width  # 110 dpi, rounded to whole pixels by the renderer
    stroke = COLOURS["vote"][0]
    x = round((first["x0"] + first["x1"]) / 2 * scale)
    line = (first["bottom"] - first["top"]) * scale  # one line of text, in pixels
    top, bottom = first["top"] * scale, last["bottom"] * scale
    # the box's edges: the vote-coloured rows of that column nearest to the first and last words
    above = _stroke_rows(img, x, round(top - 2 * line), round(top + line / 2), stroke)
    below = _stroke_rows(img, x, round(bottom - line / 2), round(bottom + 2 * line), stroke)
    assert above and below, "no vote-coloured edge near the first word or the last one"
    top_edge, bottom_edge = min(above), max(below)
    assert abs(top_edge - top) <= 3, (top_edge, top)  # on the first line's glyphs, not a line off
    assert abs(bottom_edge - bottom) <= 3, (bottom_edge, bottom)
    inner = _stroke_rows(img, x, top_edge + 1, bottom_edge, stroke)
    assert not inner, f"another vote edge inside the box at rows {inner[:3]}"


def test_show_draws_a_legend_of_the_kinds_on_the_page(tmp_path: Path) -> None:
    import pdfplumber

    out, r = _show(tmp_path, 9)
    with pdfplumber.open(SEED) as pdf:
        page_px = round(pdf.pages[8].height * 110 / 72)
    img = Image.open(out).convert("RGB")
    assert img.height > page_px + 30, "no legend band under the page"
    band = img.crop((0, page_px + 1, img.width, img.height))
    colours = {c for _, c in band.getcolors(maxcolors=1 << 24) or []}
    assert COLOURS["grant"][0] in colours and COLOURS["total"][0] in colours  # a swatch per kind drawn
    assert COLOURS["vote"][0] not in colours  # and none for a kind not on this page
    assert "boxes drawn on page 9" in r.stderr
