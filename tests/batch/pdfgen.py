"""Build the bad-input suite and the scale corpus in a temporary folder.

Every file is generated here from real PDFs (../shared/real) or from
scratch (reportlab, pikepdf, raw bytes), so the suite needs no binary
fixture in the repository.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pikepdf
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

REAL = Path(__file__).resolve().parents[3] / "shared" / "real"
GOOD_REAL = [
    "bourg-en-bresse_cm_2016-02-01_delib-subvention-ban-doi.pdf",
    "montpellier_cm_2014-04-24_delib-0000071276_subvention-avocats.pdf",
    "couthenans_cm_2021-06-04_cr-subventions-dm.pdf",
]
SCANNED_REAL = "ville-oise_cm_2016-04-01_cr_SCANNED-no-text.pdf"
#: sources of the readable-but-odd variants; not among GOOD_REAL, so that the variant is not a
#: re-publication of a deliberation loaded in the same run (which would supersede it)
XREF_REAL = "montpellier_cm_2011-02-07_compte-rendu-votes.pdf"
OWNER_ONLY_REAL = "pierrefonds_cm_2016-04-04_cr-budget-subventions.pdf"


def real(name: str) -> Path:
    return REAL / name


def text_pdf(lines: list[str], pages: int = 1, title: str | None = None) -> bytes:
    """A plain text PDF (reportlab), ``pages`` pages holding ``lines``."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True)
    if title:
        c.setTitle(title)
    for p in range(pages):
        y = 800
        for line in lines:
            c.drawString(60, y, line.replace("{page}", str(p + 1)))
            y -= 16
        c.showPage()
    c.save()
    return buf.getvalue()


def no_deliberation_pdf() -> bytes:
    """A valid PDF with a text layer that is not a deliberation (a canteen menu)."""
    return text_pdf(
        [
            "Restaurant scolaire - Menu de la semaine",
            "Lundi : carottes rapees, poisson pane, riz, yaourt",
            "Mardi : potage, poulet roti, haricots verts, fruit",
            "Mercredi : salade, lasagnes, fromage, compote",
        ]
    )


def thousand_pages_pdf() -> bytes:
    return text_pdf(
        ["Annexe budgetaire - page {page}", "Chapitre 011 - Charges a caractere general"], pages=1000
    )


def variant(src: Path, i: int) -> bytes:
    """The same PDF with a different /Title: same content, different sha256."""
    with pikepdf.open(src) as pdf:
        pdf.docinfo["/Title"] = f"delib batch test copy {i}"
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def encrypted(src: Path, user: str, owner: str = "owner-secret") -> bytes:
    with pikepdf.open(src) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user=user, owner=owner, R=6))
        return out.getvalue()


def truncated(src: Path, keep: float = 0.4) -> bytes:
    data = src.read_bytes()
    return data[: int(len(data) * keep)]


def broken_xref(src: Path) -> bytes:
    """A PDF whose cross-reference table points at wrong offsets."""
    with pikepdf.open(src) as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=True)
        data = bytearray(out.getvalue())
    start = data.rfind(b"\nxref")
    assert start > 0, "expected a classic xref table"
    end = data.find(b"trailer", start)
    table = data[start:end]
    # shift every in-use offset by 7 bytes: each entry now points into the middle of an object
    lines = table.split(b"\n")
    fixed = []
    for line in lines:
        parts = line.split()
        if len(parts) == 3 and parts[2] in (b"n",) and len(parts[0]) == 10:
            line = b"%010d %s n " % (int(parts[0]) + 7, parts[1])
        fixed.append(line)
    new_table = b"\n".join(fixed)
    assert len(new_table) == len(table)
    data[start:end] = new_table
    return bytes(data)


def _raw_pdf(objects: list[bytes]) -> bytes:
    """Serialise numbered objects (1..n) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _deflate_bomb(gigabytes: int) -> bytes:
    """A valid zlib stream of ``gigabytes`` GiB of spaces, about 1 MB per GiB.

    Built from one full-flushed block repeated (the dictionary is reset at
    each full flush, so the compressed bytes of identical chunks are equal).
    """
    chunk = b" " * (1 << 24)
    c = zlib.compressobj(9)
    first = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    n = gigabytes * 64
    adler = 1
    for _ in range(n):
        adler = zlib.adler32(chunk, adler)
    return first + again * (n - 1) + b"\x03\x00" + struct.pack(">I", adler)


def decompression_bomb_pdf(gigabytes: int = 4) -> bytes:
    """One page whose FlateDecode content stream inflates to ``gigabytes`` GiB."""
    stream = _deflate_bomb(gigabytes)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _raw_pdf(objects)


def image_only_pdf() -> bytes:
    """A page holding only a raster image (what a scanner produces): no text layer."""
    from reportlab.lib.utils import ImageReader

    size = 64
    # a grey PGM-like raster via a tiny PNG written by zlib (no PIL needed)
    raw = b"".join(b"\x00" + bytes((x * 4) % 256 for x in range(size)) for _ in range(size))
    png = b"\x89PNG\r\n\x1a\n"

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    png += chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True)
    c.drawImage(ImageReader(io.BytesIO(png)), 50, 300, width=500, height=500)
    c.showPage()
    c.save()
    return buf.getvalue()


SMALL_REAL = [
    "bourg-en-bresse_cm_2016-02-01_delib-subvention-ban-doi.pdf",
    "montpellier_cm_2014-04-24_delib-0000071276_subvention-avocats.pdf",
]


def broken_variant(kind: str, i: int, src: Path) -> bytes:
    """A broken file, distinct for each ``i`` (distinct bytes, so none is skipped as a duplicate)."""
    if kind == "not_pdf":
        return f"<html><body>erreur {i} : document introuvable</body></html>\n".encode()
    if kind == "truncated":
        return variant(src, 10_000 + i)[: 2000 + 97 * i]
    if kind == "encrypted":
        return encrypted_bytes(variant(src, 20_000 + i), user=f"secret-{i}")
    if kind == "image_only":
        with pikepdf.open(io.BytesIO(image_only_pdf())) as pdf:
            pdf.docinfo["/Title"] = f"scan {i}"
            out = io.BytesIO()
            pdf.save(out, deterministic_id=True)
            return out.getvalue()
    if kind == "zero":
        return b""
    raise ValueError(kind)


def encrypted_bytes(data: bytes, user: str, owner: str = "owner-secret") -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, encryption=pikepdf.Encryption(user=user, owner=owner, R=6))
        return out.getvalue()


BROKEN_KINDS = ("not_pdf", "truncated", "encrypted", "image_only")


def scale_corpus(folder: Path, n_good: int, n_bad: int, n_real: int = 10) -> tuple[list[Path], list[Path]]:
    """``n_good`` distinct good PDFs and ``n_bad`` broken ones.

    The first ``n_real`` good files are metadata variants of small real PDFs
    (2 pages, ~2 s of extraction each); the others are one-page generated
    deliberations (~0.1 s each), so that hundreds of files fit in CI time.
    """
    folder.mkdir(parents=True, exist_ok=True)
    srcs = [real(n) for n in SMALL_REAL]
    good, bad = [], []
    for i in range(n_good):
        p = folder / f"good-{i:04d}.pdf"
        p.write_bytes(variant(srcs[i % len(srcs)], i) if i < n_real else small_deliberation_pdf(i))
        good.append(p)
    for i in range(n_bad):
        kind = "zero" if i == 0 else BROKEN_KINDS[i % len(BROKEN_KINDS)]
        p = folder / f"broken-{i:04d}-{kind}.pdf"
        p.write_bytes(broken_variant(kind, i, srcs[i % len(srcs)]))
        bad.append(p)
    return good, bad


def small_deliberation_pdf(i: int) -> bytes:
    """A one-page deliberation in the usual wording, numbered ``i`` (distinct bytes per ``i``)."""
    n = 100 + i
    return text_pdf(
        [
            "DEPARTEMENT DU PAS-DE-CALAIS",
            "Commission permanente du Conseil departemental",
            f"REUNION DU {5 + i % 4} JUIN 2023",
            f"DELIBERATION N°2023-{n}",
            f"Subvention a l'association numero {i} pour l'annee 2023",
            "La Commission permanente du Conseil departemental,",
            "Vu le Code General des Collectivites Territoriales ;",
            "Apres en avoir delibere,",
            "DECIDE :",
            f"Article 1 : d'attribuer une subvention de {1000 + 10 * i} EUR a l'association.",
            "Pour : 28 voix",
            "Contre : 0 voix",
            "Abstention : 13 voix",
            "(Adopte)",
        ],
        title=f"deliberation {n}",
    )


def absurd_amount_pdf() -> bytes:
    """A deliberation granting 10^20 EUR: readable, but beyond the warehouse's DECIMAL(18,2)."""
    return text_pdf(
        [
            "DEPARTEMENT DU PAS-DE-CALAIS",
            "Commission permanente du Conseil departemental",
            "REUNION DU 12 JUIN 2023",
            "DELIBERATION N°2023-999",
            "Subvention hors norme",
            "DECIDE :",
            "Article 1 : d'attribuer une subvention de 100 000 000 000 000 000 000,00 EUR a l'association.",
            "Pour : 28 voix",
            "Contre : 0 voix",
            "Abstention : 13 voix",
            "(Adopte)",
        ]
    )
