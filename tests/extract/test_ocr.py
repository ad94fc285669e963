"""Scanned publications read through OCR (issue 14): which pages, provenance, confidence, eval.

The tests that run Tesseract skip with a reason when it (or its French model, or OCRmyPDF) is not
installed: `make install` installs OCRmyPDF (the `ocr` extra); Tesseract comes from apt
(`apt-get install tesseract-ocr tesseract-ocr-fra`).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from delib.base.errors import NoTextLayerError
from delib.extract import extract_publication
from delib.extract.document import Document
from delib.extract.evaluate_gold import evaluate_gold
from delib.extract.ocr import OcrUnavailableError, engine, mark_publication, read_hocr
from delib.extract.scanned import page_layers
from delib.models import Problem, Publication, Vote

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real"
SCAN = REAL / "ville-oise_cm_2016-04-01_cr_SCANNED-no-text.pdf"
GOLD_DIR = ROOT / "tests" / "real"
RENDERED = ROOT / "corpus" / "samples_scanned"
TEXT_PDF = ROOT / "corpus" / "samples_minutes" / "breval_cm_2023-07-08_minutes-70.lo.pdf"


def _tesseract_missing() -> str | None:
    try:
        engine()
    except OcrUnavailableError as exc:
        return str(exc)
    return None


needs_tesseract = pytest.mark.skipif(
    _tesseract_missing() is not None,
    reason=f"OCR engine not installed, OCR tests not run: {_tesseract_missing()}",
)


def _page_image() -> ImageReader:
    """A page of the rendered scan, as a scanner's image."""
    pdf = pdfium.PdfDocument(str(RENDERED / "breval_cm_2023-07-08_minutes-70.lo.scan.pdf"))
    try:
        pil = pdf[0].render(scale=100 / 72).to_pil()
    finally:
        pdf.close()
    buf = io.BytesIO()
    pil.save(buf, format="PNG")
    buf.seek(0)
    return ImageReader(buf)


def _stamped_scan(path: Path, stamp_lines: list[str]) -> Path:
    """A scanned page (a full-page image) with a préfecture's stamp in a real text layer."""
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    c.drawImage(_page_image(), 0, 0, width=w, height=h)
    c.setFont("Helvetica", 7)
    for n, line in enumerate(stamp_lines):
        c.drawString(w - 190, h - 30 - 9 * n, line)
    c.showPage()
    c.save()
    return path


STAMP = [
    "Accusé de réception en préfecture",
    "060-216000000-20160407-DELIB-2016-04-DE",
    "Date de télétransmission : 07/04/2016",
    "Date de réception préfecture : 07/04/2016",
]


# -- which pages have no usable text layer: by area, never by the presence of characters ---------
def test_a_prefecture_stamp_on_a_scan_is_not_a_text_layer(tmp_path: Path) -> None:
    pdf_path = _stamped_scan(tmp_path / "stamped.pdf", STAMP)
    with Document.open(pdf_path) as doc:
        assert "préfecture" in doc.text(0)  # characters are there...
        layer = page_layers(doc.pdfium)[0]
        assert layer.image_share > 0.95 and layer.text_share < 0.01
        assert layer.needs_ocr  # ...but they are not the page's text
        with pytest.raises(NoTextLayerError, match="--ocr"):
            doc.require_text_layer()


def test_text_pages_never_need_ocr() -> None:
    for pdf in (TEXT_PDF, ROOT / "corpus" / "samples" / "pas-de-calais_cp_2023-06-12_2023-259.pdf"):
        with Document.open(pdf) as doc:
            assert not any(p.needs_ocr for p in page_layers(doc.pdfium)), pdf.name
            doc.require_text_layer()


def test_rendered_scans_have_no_text_layer_at_all() -> None:
    for pdf in sorted(RENDERED.glob("*.scan.pdf")):
        with Document.open(pdf) as doc:
            assert all(p.needs_ocr for p in page_layers(doc.pdfium))
            assert not any(doc.text(i).strip() for i in range(doc.n_pages))


def test_without_ocr_the_error_names_the_option() -> None:
    pdf = RENDERED / "breval_cm_2023-07-08_minutes-70.lo.scan.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "delib", "extract", str(pdf)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no text layer" in lines[0] and "--ocr" in lines[0]


def test_with_ocr_and_no_tesseract_one_line_says_what_to_install(tmp_path: Path) -> None:
    pdf = RENDERED / "breval_cm_2023-07-08_minutes-70.lo.scan.pdf"
    env = dict(os.environ, PATH=str(tmp_path))  # nothing on PATH: no tesseract
    proc = subprocess.run(
        [sys.executable, "-m", "delib", "extract", "--ocr", str(pdf)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "apt-get install tesseract-ocr tesseract-ocr-fra" in lines[0]


# -- hOCR: word boxes scaled from image pixels to PDF points -----------------------------------
HOCR = """<div class='ocr_page' id='page_1' title='image "x.png"; bbox 0 0 1654 2338; ppageno 0'>
<span class='ocrx_word' id='word_1_1' title='bbox 665 152 778 174; x_wconf 96'>MAIRIE</span>
<span class='ocrx_word' id='word_1_2' title='bbox 100 200 160 230; x_wconf 41'><strong>12</strong></span>
<span class='ocrx_word' id='word_1_3' title='bbox 170 200 240 230; x_wconf 93'>pour&#39;</span>
</div>"""


def test_hocr_words_are_scaled_to_the_pdf_page() -> None:
    words = read_hocr(HOCR, 595.0, 842.0)
    assert [w.text for w in words] == ["MAIRIE", "12", "pour'"]
    assert [w.conf for w in words] == [96, 41, 93]
    x0, _top, _x1, bottom = words[1].box
    assert x0 == pytest.approx(100 * 595 / 1654) and bottom == pytest.approx(230 * 842 / 2338)


# -- the OCR path on real scans ---------------------------------------------------------------
@pytest.fixture(scope="module")
def shared_scan_record() -> Publication:
    if not SCAN.exists():
        pytest.skip(f"../shared/real scan absent: {SCAN}")
    if _tesseract_missing():
        pytest.skip(f"OCR engine not installed: {_tesseract_missing()}")
    return extract_publication(SCAN, ocr=True)


@needs_tesseract
def test_ocr_record_keeps_the_original_identity(shared_scan_record: Publication) -> None:
    with Document.open(SCAN) as doc:
        assert shared_scan_record.file.sha256 == doc.sha256
    assert shared_scan_record.file.path == str(SCAN) and shared_scan_record.file.pages == 3


@needs_tesseract
def test_every_value_read_from_ocr_says_so(shared_scan_record: Publication) -> None:
    ds = shared_scan_record.deliberations
    assert len(ds) >= 12
    rules = (
        [d.rule for d in ds]
        + [d.vote.rule for d in ds if d.vote]
        + [i.rule for d in ds for i in d.imputations]
    )
    assert rules and all(r and "+ocr(tesseract " in r and "/fra,conf=" in r for r in rules)
    confs = [int(r.rsplit("conf=", 1)[1].rstrip(")")) for r in rules if r and not r.endswith("conf=?)")]
    assert confs and all(0 <= c <= 100 for c in confs)


@needs_tesseract
def test_a_number_read_with_low_confidence_becomes_a_problem_on_its_page(
    shared_scan_record: Publication,
) -> None:
    """A digit word read at 50 inside an amount's box is flagged, with the page, the box and the word
    (and what the scan flags by itself is only digits read below 75)."""
    from delib.extract.ocr import OcrPages, Word

    def flagged(pub: Publication) -> list[Problem]:
        return [p for d in pub.deliberations for p in d.problems if p.kind == "ocr_low_confidence"]

    for p in flagged(shared_scan_record):  # what the scan itself flags: digits below 75, on a page
        assert p.page in (1, 2, 3) and p.bbox is not None and p.raw
        assert all(int(w.rsplit("(", 1)[1].rstrip(")")) < 75 for w in p.raw.split())
    target = next(i for d in shared_scan_record.deliberations for i in d.imputations if i.amount)
    assert target.bbox is not None and target.page is not None
    x0, top, _x1, bottom = target.bbox
    shaky = Word("262", (x0 + 1, top + 1, x0 + 9, bottom - 1), 50)
    marked = mark_publication(shared_scan_record, OcrPages("tesseract 5.3.0", {target.page: [shaky]}), low=75)
    problems = [p for p in flagged(marked) if p.raw == "262(50)"]
    assert len(problems) == 1 and problems[0].page == target.page and problems[0].bbox == target.bbox
    assert str(target.amount) in problems[0].message


@needs_tesseract
@pytest.mark.slow
def test_batch_over_text_and_scans_loads_all_of_them(tmp_path: Path) -> None:
    """`delib batch --ocr` over a folder mixing a text PDF and a scan: both loaded, in the workers."""
    import shutil

    from delib.batch import BatchConfig, run_batch
    from delib.fetch import sources_from_args
    from delib.warehouse import connect
    from delib.worker import Limits

    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(TEXT_PDF, src)
    shutil.copy(RENDERED / "breval_cm_2023-07-08_minutes-70.lo.scan.pdf", src)
    db = tmp_path / "d.duckdb"
    cfg = BatchConfig(
        sources=sources_from_args((str(src),)),
        db_path=db,
        store=tmp_path / "store",
        quarantine=tmp_path / "q",
        limits=Limits(timeout_s=300, ocr=True),
        workers=2,
    )
    report = run_batch(cfg)
    assert report.ok and report.counts()["loaded"] == 2, report.summary_lines()
    con = connect(db, read_only=True)
    try:
        origins = con.execute("SELECT DISTINCT rule LIKE '%+ocr(tesseract%' FROM votes").fetchall()
        layers = con.execute(
            "SELECT path LIKE '%' || sha256 || '%', page, origin, engine, language, mean_confidence"
            " FROM page_text_layers ORDER BY origin, page"
        ).fetchall()
    finally:
        con.close()
    assert {o[0] for o in origins} == {True, False}  # votes from OCR and from a text layer
    ocr_pages = [r for r in layers if r[2] == "ocr"]
    assert [r[1] for r in ocr_pages] == [1, 2, 3]  # the scan's three pages, kept per page
    assert all(r[3].startswith("tesseract ") and r[4] == "fra" and 0 < r[5] <= 100 for r in ocr_pages)
    assert {r[1] for r in layers if r[2] == "text layer"} == {1, 2, 3}


@needs_tesseract
@pytest.mark.slow
def test_audit_lists_low_confidence_values_with_file_and_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a threshold no word reaches (DELIB_OCR_MIN_CONFIDENCE=101) every number read by OCR is
    listed by `delib audit`, with its file and page."""
    from delib.batch import ingest
    from delib.warehouse import connect
    from delib.warehouse.queries import audit

    monkeypatch.setenv("DELIB_OCR_MIN_CONFIDENCE", "101")
    scan = RENDERED / "breval_cm_2023-07-08_minutes-70.lo.scan.pdf"
    db = tmp_path / "d.duckdb"
    report = ingest([scan], db, ocr=True)
    assert [f.status for f in report.files] == ["loaded"], [f.reason for f in report.files]
    con = connect(db, read_only=True)
    try:
        rows = audit(con)
    finally:
        con.close()
    low = [r for r in rows if r[3] == "ocr_low_confidence"]
    assert len(low) >= 5
    assert all(r[1] == str(scan) and r[2] in (1, 2, 3) for r in low)


@needs_tesseract
def test_delib_eval_scores_the_shared_scan_through_ocr() -> None:
    if not SCAN.exists():
        pytest.skip(f"../shared/real scan absent: {SCAN}")
    without = evaluate_gold(GOLD_DIR)
    assert not any("SCANNED" in f for f in without.files)  # skipped without --ocr, as before
    tmp_gold = GOLD_DIR / "ville-oise_cm_2016-04-01_cr_SCANNED-no-text.gold.json"
    assert tmp_gold.exists()
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        data = tmp_gold.read_text(encoding="utf-8")
        import json

        gold = json.loads(data)
        gold["pdf"] = str(SCAN)
        (d / tmp_gold.name).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        rep = evaluate_gold(d, ocr=True)
    assert [Path(f).resolve() for f in rep.files] == [SCAN.resolve()] and not rep.errors
    items = rep.scores["items"]
    # measured: 15 of 15 items, 13 of 13 outcomes, the one vote count printed, 0 silent
    assert items.expected == 15 and items.matched == 15 and items.found == 15
    assert rep.scores["outcome"].matched == 13
    assert rep.scores["vote_counts"].matched == rep.scores["vote_counts"].expected == 1
    assert rep.silent_wrong == 0


@needs_tesseract
@pytest.mark.slow
def test_rendered_scans_amounts_exact_and_wrong_counts_flagged() -> None:
    rep = evaluate_gold(RENDERED, ocr=True)
    assert len(rep.files) == 7 and not rep.errors
    assert rep.scores["totals"].recall == 1.0
    # measured on the seven scans: 79/79 items, 62/62 vote counts, 77/77 amounts, 42/42 grants,
    # 26/28 imputations (two natures garbled in a long line: chapter kept, nature null) and no
    # silent wrong value; thresholds a little below: a change of a pixel changes some of
    # Tesseract's words
    assert rep.scores["items"].recall >= 0.98
    assert rep.scores["vote_counts"].matched >= 61 and rep.scores["vote_counts"].precision >= 0.98
    assert rep.scores["amounts"].precision == 1.0 and rep.scores["amounts"].recall >= 0.98
    assert rep.scores["grants"].precision == 1.0 and rep.scores["grants"].recall >= 0.97
    assert rep.silent_wrong == 0


@needs_tesseract
def test_vote_counts_on_a_rendered_scan_match_the_text_reading() -> None:
    """The same session, read from its text layer and through OCR of its scan: same counts where read."""
    text = extract_publication(TEXT_PDF)
    scan = extract_publication(RENDERED / "breval_cm_2023-07-08_minutes-70.lo.scan.pdf", ocr=True)
    by_title = {d.title: d.vote for d in text.deliberations}
    compared = 0
    for d in scan.deliberations:
        v = d.vote
        if v is None or v.for_ is None or d.title not in by_title:
            continue
        t = by_title[d.title]
        assert isinstance(t, Vote)
        low = [p for p in d.problems if p.kind == "ocr_low_confidence"]
        # a category not printed and an empty one are both 0 once a count is printed ("O abstention")
        if [x or 0 for x in (v.for_, v.against, v.abstention)] != [
            x or 0 for x in (t.for_, t.against, t.abstention)
        ]:
            assert low or any(not c.passed for c in d.checks), d.title  # a wrong count is never silent
        compared += 1
    assert compared >= 4


@needs_tesseract
def test_ocr_stays_inside_the_workers_time_limit() -> None:
    """A scan that OCR cannot finish in time costs its file (timeout), not the run; OCRmyPDF dies
    with the worker (the kernel is asked to: PR_SET_PDEATHSIG)."""
    import time

    import psutil

    from delib.worker import OK, TIMEOUT, Limits, Running, run_isolated

    assert run_isolated(str(TEXT_PDF), Limits(timeout_s=120)).kind == OK  # the forkserver is up
    scan = RENDERED / "coulanges_cm_2021-02-28_minutes-64.chr.scan.pdf"
    r = Running(str(scan), Limits(timeout_s=8, ocr=True))
    seen: set[int] = set()
    out = r.poll()
    while out is None:
        time.sleep(0.2)
        try:
            kids = psutil.Process(r.process.pid).children(recursive=True)
            seen |= {k.pid for k in kids if "ocrmypdf" in " ".join(k.cmdline())}
        except psutil.Error:  # the worker ended between two looks
            pass
        out = r.poll()
    assert out.kind == TIMEOUT and "--timeout" in (out.reason or "")
    assert seen  # OCRmyPDF was running when the worker was killed

    def alive(pid: int) -> bool:
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    # OCRmyPDF and its pool go down with the worker; on a loaded machine a child may take a few
    # seconds to see its parent gone, so wait for it (up to a minute, far above any normal exit)
    # rather than looking once after a fixed pause
    for _ in range(300):
        if not [pid for pid in seen if alive(pid)]:
            break
        time.sleep(0.2)
    assert not [pid for pid in seen if alive(pid)]


# -- specks and look-alike glyphs undone in the hOCR (extract/ocr_words.py) --------------------
def _line(*words: tuple[str, int]) -> list[str | None]:
    from delib.extract.ocr_words import HocrWord, fix_line

    return fix_line([HocrWord(t, c) for t, c in words])


def test_specks_read_as_punctuation_are_dropped() -> None:
    """Lines as Tesseract read them on the rendered scans (word, confidence)."""
    assert _line((":", 39), ("Pour", 92), (":", 92), ("22", 96)) == [None, "Pour", ":", "22"]
    assert _line(("Contre", 93), (":", 64), (":", 0), (";", 20)) == ["Contre", ":", None, None]
    assert _line(("MATHIEU", 95), (":", 0)) == ["MATHIEU", None]
    assert _line(("40.400", 96), ("€.", 92), (".", 88)) == ["40.400", "€.", None]
    # a real colon read with no confidence stays when a value follows it
    assert _line(("Bâti", 96), (":", 0), ("35.13", 96)) == ["Bâti", ":", "35.13"]
    assert _line((".N°", 65), ("2021/129", 87)) == ["N°", "2021/129"]
    assert _line(("imputée", 89), ("‘au", 72), ("chapitre", 95)) == ["imputée", "au", "chapitre"]
    assert _line(("_Association", 80), ("Familles", 96)) == ["Association", "Familles"]
    assert _line(("-__Imputation", 60), ("budgétaire", 90)) == ["Imputation", "budgétaire"]
    assert _line(("-", 92), ("Coopérative", 96)) == ["-", "Coopérative"]  # a list's dash stays


def test_look_alike_glyphs_in_numbers_and_counts() -> None:
    assert _line(("2", 96), ("contre", 93), ("/", 92), ("O", 79), ("abstention", 92)) == [
        "2",
        "contre",
        "/",
        "0",
        "abstention",
    ]
    assert _line(("Contre", 93), (":", 92), ("O", 80)) == ["Contre", ":", "0"]
    assert _line(("1O0,00", 80), ("€", 90)) == ["100,00", "€"]
    assert _line(("l0", 70), ("voix", 90)) == ["10", "voix"]
    assert _line(("O", 90), ("Maire", 90)) == ["O", "Maire"]  # not a number: left as read
    assert _line(("Ill", 90)) == ["Ill"]  # no digit: a word
    # the spaced en dash of "article 2182 – 51.750 €" read with a hyphen: not a minus sign
    assert _line(("2182", 92), ("—-51.750", 38), ("€.", 96)) == ["2182", "— 51.750", "€."]
    assert _line(("total", 90), ("-8", 90)) == ["total", "-8"]  # a real minus stays
    # a euro sign read £ inside its bracket ("(46 300 £)", an unseen scan)
    assert _line(("(46", 90), ("300", 90), ("£)", 60)) == ["(46", "300", "€)"]


def test_fix_hocr_rewrites_only_the_words_it_fixes() -> None:
    from delib.extract.ocr_words import fix_hocr

    hocr = (
        "<span class='ocr_line' id='line_1_1' title=\"bbox 10 10 400 40\">\n"
        "<span class='ocrx_word' id='word_1_1' title='bbox 10 10 20 40; x_wconf 39'>:</span>\n"
        "<span class='ocrx_word' id='word_1_2' title='bbox 30 10 90 40; x_wconf 92'>Pour</span>\n"
        "<span class='ocrx_word' id='word_1_3' title='bbox 100 10 110 40; x_wconf 92'>:</span>\n"
        "<span class='ocrx_word' id='word_1_4' title='bbox 120 10 150 40; x_wconf 79'><strong>O</strong></span>\n"
        "</span>\n"
    )
    fixed, changed = fix_hocr(hocr)
    assert changed == 2
    assert "word_1_1" not in fixed and ">Pour</span>" in fixed
    assert "id='word_1_4' title='bbox 120 10 150 40; x_wconf 79'>0</span>" in fixed
    words = read_hocr("<div class='ocr_page' title='bbox 0 0 400 400'>" + fixed + "</div>", 400.0, 400.0)
    assert [w.text for w in words] == ["Pour", ":", "0"]


def test_a_lone_shaky_letter_ending_a_line_is_a_speck() -> None:
    assert _line(("Pour", 92), (":", 92), ("20", 96), ("à", 41)) == ["Pour", ":", "20", None]
    assert _line(("BONNET", 95), ("n", 15)) == ["BONNET", None]
    assert _line(("par", 96), ("mètre", 96), ("cube", 96), ("à", 96)) == ["par", "mètre", "cube", "à"]
    assert _line(("1", 96), ("200", 93), ("Ê", 4)) == ["1", "200", "€"]  # a euro sign, not a speck


def test_a_lost_numbered_heading_is_said_on_its_page() -> None:
    """Items 11 and 13 read from OCRed pages, no 12 (its heading misread, 'Madamé Isabelle 12°'):
    an ocr_item_missing problem on the page of 11.  The session's text layer, item 12 taken out."""
    from delib.extract.ocr import OcrPages, Word

    text_pdf = ROOT / "corpus" / "samples_minutes" / "saint-aubin-sur-loire_cm_2021-05-15_minutes-23.lo.pdf"
    pub = extract_publication(text_pdf)
    assert {d.number for d in pub.deliberations} >= {"10", "12"}
    without = pub.model_copy(update={"deliberations": [d for d in pub.deliberations if d.number != "12"]})
    on_pages = OcrPages("tesseract 5.3.0", {p: [Word("x", (0, 0, 1, 1), 90)] for p in (1, 2, 3)})
    gaps = [p for p in mark_publication(without, on_pages).problems if p.kind == "ocr_item_missing"]
    eleven = next(x for x in [*pub.deliberations, *pub.other_items] if x.number == "11")
    assert [(p.raw, p.page) for p in gaps] == [("11 → 13", eleven.page)]
    assert not [p for p in mark_publication(pub, on_pages).problems if p.kind == "ocr_item_missing"]


def test_a_beneficiary_read_with_low_confidence_is_flagged_like_an_amount() -> None:
    """'Cyclo club ....' read 'CYCIO CIUD- Rens' at 59 and 0 on the rendered Bréval scan, its
    amount exact at 95: the name is said to be shaky, on the grant's page and box."""
    from delib.extract.ocr import OcrPages, Word

    pub = extract_publication(TEXT_PDF)
    grant = next(g for d in pub.deliberations for g in d.grants if g.beneficiary.startswith("Cyclo"))
    assert grant.bbox is not None and grant.page is not None
    x0, top, x1, bottom = grant.bbox
    mid = (top + bottom) / 2

    def word(text: str, at: float, conf: int) -> Word:
        x = x0 + at * (x1 - x0)
        return Word(text, (x - 2, mid - 2, x + 2, mid + 2), conf)

    shaky = [word("CYCIO", 0.05, 59), word("CIUD-", 0.2, 40), word("1.250", 0.9, 95), word("€", 0.97, 96)]
    clean = [word("Cyclo", 0.05, 93), word("club", 0.2, 91), word("1.250", 0.9, 95), word("€", 0.97, 96)]

    def flagged(words: list[Word]) -> list[Problem]:
        marked = mark_publication(pub, OcrPages("tesseract 5.3.0", {grant.page: words}), low=75)
        return [p for d in marked.deliberations for p in d.problems if p.kind == "ocr_low_confidence"]

    problems = flagged(shaky)
    assert [(p.raw, p.page, p.bbox) for p in problems] == [("CYCIO(59) CIUD-(40)", grant.page, grant.bbox)]
    assert "beneficiary" in problems[0].message and grant.beneficiary in problems[0].message
    assert flagged(clean) == []


def test_a_digit_read_from_a_dot_of_grain_is_a_speck() -> None:
    """Bois-d'Arcy's scan prints ``Contre :`` with no count; Tesseract read a 3-pixel dot below
    it as ``5`` (confidence 46), which made the count 21/5/1 for 21/0/1."""
    from delib.extract.ocr_words import HocrWord, fix_line

    def line(*words: tuple[str, int, int]) -> list[str | None]:
        return fix_line([HocrWord(t, c, h) for t, c, h in words])

    assert line(("Contre", 93, 22), (":", 92, 15), ("5", 46, 3)) == ["Contre", ":", None]
    # a real digit, as tall as its line, stays however shaky; so does a sure small one
    assert line(("Contre", 93, 22), (":", 92, 15), ("5", 46, 20)) == ["Contre", ":", "5"]
    assert line(("Contre", 93, 22), (":", 92, 15), ("2", 97, 9)) == ["Contre", ":", "2"]


def test_grain_after_an_amount_and_before_a_total_is_dropped() -> None:
    """La Roche-Bernard's 150-dpi scan: ``ACCA 250€`` read ``ACCA 250€ 5;`` (33) and ``Montant
    total : 1.760 €`` read with a ``!`` (0) of a 3-pixel dot before it; both lost the line."""
    from delib.extract.ocr_words import HocrWord, fix_line

    def line(*words: tuple[str, int, int]) -> list[str | None]:
        return fix_line([HocrWord(t, c, h) for t, c, h in words])

    assert line(("ACCA", 89, 16), ("250€", 69, 16), ("5;", 33, 12)) == ["ACCA", "250€", None]
    assert line(("!", 0, 3), ("Montant", 93, 16), ("total", 96, 16), (":", 92, 11)) == [
        None, "Montant", "total", ":",
    ]  # fmt: skip
    # what a page prints after an amount stays; so does a list's dash, short as it is
    assert line(("soit", 95, 16), ("1.760", 94, 16), ("€", 93, 16), ("TTC", 91, 16)) == [
        "soit",
        "1.760",
        "€",
        "TTC",
    ]
    assert line(("-", 60, 3), ("Tennis", 95, 16), ("club", 95, 16)) == ["-", "Tennis", "club"]


# -- dot leaders erased from the image Tesseract reads (extract/ocr_image.py) -------------------
def _scan_image(pdf_path: Path, page: int) -> np.ndarray:
    """The page's scanned image itself, as the scanner's grey pixels."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        image = next(o for o in pdf[page].get_objects() if o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE)
        return np.asarray(image.get_bitmap().to_pil().convert("L"))
    finally:
        pdf.close()


def test_dot_leaders_of_a_grant_list_are_erased_and_nothing_else() -> None:
    """Chaumont's list (``Judo club ....... 800 €``, five rows): Tesseract garbled the names beside
    the dots. Only dots go: the page's other ink, and pages without leaders, are left as they are."""
    from delib.extract.ocr_image import erase_leaders

    grey = _scan_image(RENDERED / "chaumont-sur-vesle_cm_2024-05-13_minutes-37.chr.scan.pdf", 1)
    cleaned, erased = erase_leaders(grey)
    assert erased >= 100  # five rows of 15 to 35 dots
    changed = np.argwhere(cleaned != grey)
    rows = sorted({int(y) // 40 for y, _ in changed})  # the bands of 40 pixels that changed
    assert 5 <= len(rows) <= 10  # the five list rows (a row may straddle two bands)
    assert (cleaned[cleaned != grey] == 255).all()  # painted white, never darkened
    for pdf, page in (("bois-d-arcy-le-haut_cm_2024-03-04_minutes-11.lo.scan.pdf", 2),
                      ("chaumont-sur-vesle_cm_2024-05-13_minutes-37.chr.scan.pdf", 0)):  # fmt: skip
        assert erase_leaders(_scan_image(RENDERED / pdf, page))[1] == 0


@pytest.mark.skipif(not SCAN.exists(), reason="../shared/real not present beside the project")
def test_the_broken_serifs_of_faint_capitals_are_not_leaders() -> None:
    """The shared scan's table headers (``RECETTES``, ``INVESTISSEMENT`` in light grey) break into
    dots along their tops, evenly spaced: their letters stand below them, so they stay."""
    from delib.extract.ocr_image import erase_leaders

    for page in range(3):
        assert erase_leaders(_scan_image(SCAN, page))[1] == 0


# -- a margin column run into the rows (extract/ocr_margin.py) ---------------------------------
# Tesseract's hOCR of real scans (psm 4, leaders erased, words fixed: what the plugin hands to
# split_margin), kept in tests/extract/hocr/
HOCR_PAGES = Path(__file__).with_name("hocr")


def _hocr_lines(hocr: str) -> list[str]:
    import html
    import re

    lines = re.findall(r"<span class='ocr_line'[^>]*>\n(.*?)\n\s*</span>\n", hocr, re.S)
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", w)).strip() for w in ln.splitlines()) for ln in lines
    ]


def test_a_margin_column_of_rapporteurs_goes_before_its_rows() -> None:
    """Bois-d'Arcy 202 (200 dpi): ``Monsieur 2- Création …`` / ``Olivier Le conseil …`` / ``ANDRE``
    read across the page; the reader then found no number at the start of a heading line."""
    from delib.extract.ocr_margin import split_margin

    before = (HOCR_PAGES / "margin-column_bois-d-arcy-202_p2.hocr").read_text(encoding="utf-8")
    assert "Monsieur 2- Création" in _hocr_lines(before)[5]
    after, n = split_margin(before)
    assert n >= 10
    lines = _hocr_lines(after)
    heading = next(i for i, ln in enumerate(lines) if ln.startswith("2- Création d'un poste"))
    assert lines[heading - 3 : heading] == ["Monsieur", "Olivier", "ANDRE"]  # the block, before its row
    assert lines[heading + 1].startswith("Le conseil municipal")
    assert (
        lines.index("Madame")
        < lines.index("DURAND")
        < next(i for i, ln in enumerate(lines) if ln.startswith("3- Programme de voirie"))
    )
    assert any(ln.startswith("- Restos du cœur 150,00") for ln in lines)
    assert sorted(" ".join(_hocr_lines(before)).split()) == sorted(" ".join(lines).split())  # no word lost


@pytest.mark.parametrize(
    "name",
    [
        "number-column_saint-aubin-23_p1.hocr",  # names, then a column of numbers, then titles
        "budget-table_ville-2016_p2.hocr",  # a table's row labels beside its figures
        "grant-list_la-roche-bernard-303_p2.hocr",  # a grant list's amounts at a tab stop
    ],
)
def test_pages_without_a_margin_column_stay_as_read(name: str) -> None:
    from delib.extract.ocr_margin import split_margin

    before = (HOCR_PAGES / name).read_text(encoding="utf-8")
    assert split_margin(before) == (before, 0)
