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
