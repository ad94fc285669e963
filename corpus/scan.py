"""Scans rendered from the fixture generator's PDFs: what a scanner gives of a printed page.

Each page of a text PDF (one of ``corpus/samples_minutes``, printed from data with its
``.gold.json``) is rasterised at ``dpi`` in grey, turned by a small angle (a sheet fed askew),
noised (sensor grain and dust specks, fixed seed) and saved as JPEG in an image-only PDF: no
text layer at all.  The ground truth is the source's, with ``"scanned": true``, so
``delib eval DIR --ocr`` scores the OCR path against the data the page was printed from.

    python -m delib.corpus.scan corpus/samples_minutes/breval_cm_2023-07-08_minutes-70.lo.pdf \
        corpus/samples_scanned --angle 0.8 --noise 14 --seed 70
"""

from __future__ import annotations

import argparse
import io
import json
import random
from pathlib import Path

GOLD_SUFFIX = ".gold.json"


def _noised(img: object, angle: float, noise: float, specks: int, rng: random.Random) -> object:
    import numpy as np
    from PIL import Image

    assert isinstance(img, Image.Image)
    grey = img.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    a = np.asarray(grey, dtype=np.float64)
    gen = np.random.default_rng(rng.randrange(2**32))
    a = a + gen.normal(0.0, noise, a.shape)
    h, w = a.shape
    for _ in range(specks):  # dust: small dark dots
        y, x, r = gen.integers(0, h), gen.integers(0, w), int(gen.integers(1, 3))
        a[max(0, y - r) : y + r, max(0, x - r) : x + r] = gen.uniform(0, 90)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), mode="L")


def render_scan(
    src: Path, out_dir: Path, *, dpi: int = 200, angle: float = 0.7, noise: float = 12.0, seed: int = 1
) -> Path:
    """Write ``<stem>.scan.pdf`` (and its ``.scan.gold.json`` when ``src`` has one) under ``out_dir``."""
    import pypdfium2 as pdfium
    from PIL import Image

    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages: list[Image.Image] = []
    pdf = pdfium.PdfDocument(str(src))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                pil = page.render(scale=dpi / 72, grayscale=True).to_pil()
            finally:
                page.close()
            img = _noised(pil, rng.uniform(-1, 1) * angle, noise, specks=80, rng=rng)
            assert isinstance(img, Image.Image)
            buf = io.BytesIO()  # JPEG, as scanners and office copiers save
            img.save(buf, format="JPEG", quality=50)
            pages.append(Image.open(io.BytesIO(buf.getvalue())))
    finally:
        pdf.close()
    out = out_dir / f"{src.stem}.scan.pdf"
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))
    gold = src.with_name(src.stem + GOLD_SUFFIX)
    if gold.exists():
        data = json.loads(gold.read_text(encoding="utf-8"))
        data["pdf"] = out.name
        data["scanned"] = True
        data["written_by"] = (
            f"{data.get('written_by', '')}; scanned by delib.corpus.scan from {src.name} "
            f"({dpi} dpi, grey, up to {angle}° askew, noise {noise}, seed {seed}, JPEG, no text layer)"
        )
        out.with_name(out.stem + GOLD_SUFFIX).write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m delib.corpus.scan", description=__doc__.split("\n")[0])
    ap.add_argument("src", type=Path, nargs="+", help="text PDFs (with a .gold.json beside them)")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--angle", type=float, default=0.7, help="largest skew, degrees")
    ap.add_argument("--noise", type=float, default=12.0, help="grain: standard deviation in grey levels")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    for n, src in enumerate(args.src):
        render_scan(src, args.out_dir, dpi=args.dpi, angle=args.angle, noise=args.noise, seed=args.seed + n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
