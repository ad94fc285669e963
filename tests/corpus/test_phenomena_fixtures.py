"""Four phenomena of session minutes, printed by two engines, read by the real extractor.

``corpus/samples_phenomena`` holds short comptes rendus written by ``delib.corpus.phenomena`` from
data and printed by LibreOffice and by Chromium; each ``NAME.ENGINE.json`` says, from the data,
what the phenomenon's item gives (grants, grant totals, imputations).  The fixtures are checked
against their own printed text (pypdfium2, never the extractor), then read with
``extract_publication`` and compared value for value.  What one engine's print makes the reader
get wrong is a strict xfail that says how.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from delib.extract import extract_publication
from delib.models import Publication

SAMPLES = Path(__file__).parents[2] / "corpus" / "samples_phenomena"
EXPECTED = sorted(SAMPLES.glob("*.json"))
PHENOMENA = {"block_rows", "unit_grants", "vote_du_quart", "dotted_codes"}
PRODUCERS = {"lo": "LibreOffice", "chr": "Skia/PDF"}

#: what the reader gets wrong on a fixture, as seen on its text (pypdfium2 lines quoted); the
#: first reading got 13 of these wrong (grant lines before per-unit grants, wrapped cost cells,
#: amounts at the end of an address line, headings cut at their line break), all read now
XFAIL: dict[str, str] = {}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _pdf(path: Path) -> Path:
    return path.parent / _load(path)["pdf"]


def _engine(path: Path) -> str:
    return path.name.rsplit(".", 2)[1]


def _squash(text: str) -> str:
    # whitespace and line-end hyphens (pdfium prints them as U+FFFE / U+0002) do not count
    return re.sub(r"[\s\-\ufffe\x02]+", "", text).casefold()


def _pages(pdf: Path) -> list[str]:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def _producer(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return str(doc.get_metadata_dict().get("Producer", ""))
    finally:
        doc.close()


def test_each_phenomenon_is_printed_by_two_engines_in_two_wordings_and_styles() -> None:
    assert len(EXPECTED) >= 16, f"fixtures missing in {SAMPLES}"
    engines: dict[str, set[str]] = defaultdict(set)
    variants: dict[str, set[str]] = defaultdict(set)
    fonts: dict[str, set[tuple[str, float, float]]] = defaultdict(set)
    per_variant: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in EXPECTED:
        data = _load(path)
        ph, st = data["phenomenon"], data["style"]
        engine = _engine(path)
        # the engine is the one that made the PDF, as the PDF itself says
        assert _producer(_pdf(path)).startswith(PRODUCERS[engine]), path.name
        engines[ph].add(engine)
        variants[ph].add(data["variant"])
        fonts[ph].add((st["font"], st["size_pt"], st["line_height"]))
        per_variant[(ph, data["variant"])].add(engine)
    assert set(engines) == PHENOMENA
    for ph in PHENOMENA:
        assert engines[ph] == {"lo", "chr"}, ph
        assert len(variants[ph]) >= 2, ph
        assert len(fonts[ph]) >= 2, ph
    assert all(e == {"lo", "chr"} for e in per_variant.values()), per_variant
    assert set(XFAIL) <= {_load(p)["pdf"] for p in EXPECTED}


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name)
def test_the_fixture_prints_what_its_json_says(path: Path) -> None:
    data = _load(path)
    pdf = _pdf(path)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    pages = _pages(pdf)
    text = _squash("".join(pages))
    item = data["item"]
    heading = _squash(f"{item['number']}- {item['title']}")
    assert heading in _squash(
        pages[item["page"] - 1] + (pages[item["page"]] if item["page"] < len(pages) else "")
    )
    pos = text.find(heading)
    for printed in data["printed"][1:]:  # in printed order after the heading
        at = text.find(_squash(printed), pos)
        assert at >= 0, printed
        pos = at
    f, c, a = item["vote"]
    vote = re.search(rf"vote:{f}pour[/,]{c}contre[/,]{a}abstentions?", text[pos:])
    assert vote is not None, item["vote"]
    # each expected amount is printed in the item (French grouping, comma or dot, or apostrophes)
    values = [*data["grants"], *data["grant_totals"], *data["imputations"]]
    for v in values:
        if v["amount"] is None:
            continue
        d = Decimal(v["amount"])
        units, cents = f"{abs(d):.2f}".split(".")
        forms = {f"{units},{cents}", f"{units}.{cents}"}
        if cents == "00":
            forms.add(f"{units}€")
        assert any(x in text.replace("’", "") for x in forms), v
    if data["phenomenon"] == "dotted_codes":
        for imp in data["imputations"]:
            ch, nature = imp["chapter"], imp["nature"]
            assert re.search(rf"(?<!\d){ch}\.{nature[len(ch) :]}(?!\d)", text), imp


@functools.cache
def _read(pdf: Path) -> Publication:
    return extract_publication(pdf)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=XFAIL[p.name[:-5] + ".pdf"]))
        if p.name[:-5] + ".pdf" in XFAIL
        else p
        for p in EXPECTED
    ],
    ids=lambda p: p.name,
)
def test_the_extractor_reads_the_phenomenon(path: Path) -> None:
    data = _load(path)
    pub = _read(_pdf(path))
    item = [d for d in pub.deliberations if d.number == data["item"]["number"]]
    assert len(item) == 1, [(d.number, d.title) for d in pub.deliberations]
    (d,) = item
    expected_grants = [(g["beneficiary"], Decimal(g["amount"])) for g in data["grants"]]
    expected_totals = [Decimal(t["amount"]) for t in data["grant_totals"]]
    expected_imputations = [
        (i["chapter"], i["nature"], None if i["amount"] is None else Decimal(i["amount"]))
        for i in data["imputations"]
    ]
    assert [(g.beneficiary, g.amount) for g in d.grants] == expected_grants
    assert [t.amount for t in d.grant_totals] == expected_totals
    assert [(i.chapter, i.nature, i.amount) for i in d.imputations] == expected_imputations
    # and nothing of the kind anywhere else in the session
    others = [x for x in pub.deliberations if x is not d]
    assert [(x.number, x.grants, x.grant_totals, x.imputations) for x in others] == [
        (x.number, [], [], []) for x in others
    ]
    assert not [p for p in d.problems if p.kind == "grants_not_read"]


#: item titles that wrap onto a second line starting with a capital or a digit
XFAIL_TITLE: dict[str, str] = {}


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=XFAIL_TITLE[p.name[:-5] + ".pdf"]))
        if p.name[:-5] + ".pdf" in XFAIL_TITLE
        else p
        for p in EXPECTED
    ],
    ids=lambda p: p.name,
)
def test_the_item_title_is_read_whole(path: Path) -> None:
    data = _load(path)
    pub = _read(_pdf(path))
    titles = [" ".join(d.title.split()) for d in pub.deliberations if d.number == data["item"]["number"]]
    assert titles == [data["item"]["title"]]
