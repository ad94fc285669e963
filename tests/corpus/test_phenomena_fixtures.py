"""Phenomena of session minutes, printed by two engines, read by the real extractor.

``corpus/samples_phenomena`` holds short comptes rendus written by ``delib.corpus.phenomena`` from
data and printed by LibreOffice and by Chromium; each ``NAME.ENGINE.json`` says, from the data,
what the phenomenon's item gives (grants, grant totals, imputations; for the later kinds also its
number as printed, heading, vote counts and the session date, and each grant's nature and request).  The fixtures are checked
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

from delib.corpus.minutes_gen import page_texts, squash
from delib.extract import extract_publication
from delib.models import Publication

SAMPLES = Path(__file__).parents[2] / "corpus" / "samples_phenomena"
EXPECTED = sorted(SAMPLES.glob("*.json"))
#: the kinds whose JSON also says the item's heading and vote counts and each grant's nature/request
NEW_PHENOMENA = {"column_tables", "grant_sentences", "vote_lines", "headings"}
PHENOMENA = {"block_rows", "unit_grants", "vote_du_quart", "dotted_codes", *NEW_PHENOMENA}
NEW = [p for p in EXPECTED if json.loads(p.read_text(encoding="utf-8"))["phenomenon"] in NEW_PHENOMENA]
PRODUCERS = {"lo": "LibreOffice", "chr": "Skia/PDF"}

#: what the reader gets wrong on a fixture, as seen on its text (pypdfium2 lines quoted); the
#: first readings got 13 of the first 22 wrong (grant lines before per-unit grants, wrapped cost
#: cells, amounts at the end of an address line, headings cut at their line break) and 10 of the
#: next 34 (a "Montant demandé | Montant accordé" header, a name cell wrapped above its amounts, a
#: name wrapped in a grant sentence, the convocation date under the title), all read now
XFAIL: dict[str, str] = {}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _pdf(path: Path) -> Path:
    return path.parent / _load(path)["pdf"]


def _engine(path: Path) -> str:
    return path.name.rsplit(".", 2)[1]


def _producer(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return str(doc.get_metadata_dict().get("Producer", ""))
    finally:
        doc.close()


def test_each_phenomenon_is_printed_by_two_engines_in_two_wordings_and_styles() -> None:
    assert len(EXPECTED) >= 16 + 2 * 2 * len(NEW_PHENOMENA), f"fixtures missing in {SAMPLES}"
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
    names = {_load(p)["pdf"] for p in EXPECTED}
    for xfails in (XFAIL, XFAIL_TITLE, XFAIL_NUMBER, XFAIL_VOTE, XFAIL_DATE):
        assert set(xfails) <= names
    # the later kinds in several wordings: heading, date sentence, vote, grant columns
    styles: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for path in NEW:
        data = _load(path)
        st = data["style"]
        styles[data["phenomenon"]].add((st["heading"], str(st["date_line"]), st["vote"]))
    assert len(styles["headings"]) >= 4 and {s[1] for s in styles["headings"]} == {"an_figures", "words"}
    assert {s[2] for s in styles["vote_lines"]} == {"labels", "dashes", "majority", "table"}


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name)
def test_the_fixture_prints_what_its_json_says(path: Path) -> None:
    data = _load(path)
    pdf = _pdf(path)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    pages = page_texts(pdf)
    text = squash("".join(pages))
    item = data["item"]
    heading = squash(item.get("heading", f"{item['number']}- {item['title']}"))
    assert heading in squash(
        pages[item["page"] - 1] + (pages[item["page"]] if item["page"] < len(pages) else "")
    )
    pos = text.find(heading)
    for printed in data["printed"][1:]:  # in printed order after the heading
        at = text.find(squash(printed), pos)
        assert at >= 0, printed
        pos = at
    if "printed_date" in data:  # the session date is the sentence before the items
        assert text.find(squash(data["printed_date"])) < text.find(heading)
    if "vote_printed" in item:
        assert squash(item["vote_printed"]) in text[pos:], item["vote_printed"]
    else:
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
            forms |= {f"{units}€", f"{units}euros"}
        assert any(x in text.replace("’", "") for x in forms), v
    if data["phenomenon"] == "dotted_codes":
        for imp in data["imputations"]:
            ch, nature = imp["chapter"], imp["nature"]
            assert re.search(rf"(?<!\d){ch}\.{nature[len(ch) :]}(?!\d)", text), imp


@functools.cache
def _read(pdf: Path) -> Publication:
    return extract_publication(pdf)


def _marked(xfails: dict[str, str], paths: list[Path]) -> list[Any]:
    """*paths* as test parameters, a strict xfail on those whose PDF *xfails* names (with the reason)."""
    return [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=xfails[p.name[:-5] + ".pdf"]))
        if p.name[:-5] + ".pdf" in xfails
        else p
        for p in paths
    ]


@pytest.mark.parametrize("path", _marked(XFAIL, EXPECTED), ids=lambda p: p.name)
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
    if data["phenomenon"] in NEW_PHENOMENA:  # the column a grant comes from: its nature, its request
        assert [(g.nature, g.requested) for g in d.grants] == [
            (g["nature"], None if g["requested"] is None else Decimal(g["requested"])) for g in data["grants"]
        ]
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


@pytest.mark.parametrize("path", _marked(XFAIL_TITLE, EXPECTED), ids=lambda p: p.name)
def test_the_item_title_is_read_whole(path: Path) -> None:
    data = _load(path)
    pub = _read(_pdf(path))
    titles = [" ".join(d.title.split()) for d in pub.deliberations if d.number == data["item"]["number"]]
    assert titles == [data["item"]["title"]]


def _wrapped(pdf: Path, printed: str) -> bool:
    """Whether ``printed`` runs over a line end in the PDF's text (not found within one line)."""
    lines = [ln for page in page_texts(pdf) for ln in re.split(r"[\r\n]+", page)]
    return not any(squash(printed) in squash(ln) for ln in lines)


def test_long_titles_and_sentences_wrap_where_the_engine_and_font_put_it() -> None:
    """Headings long enough for one engine at least to wrap them; the grant sentences broken at
    different places by the two engines."""
    by_case: dict[tuple[str, str], dict[str, Path]] = defaultdict(dict)
    for path in NEW:
        data = _load(path)
        by_case[(data["phenomenon"], data["variant"])][_engine(path)] = path
    wrapped_by: list[list[str]] = []
    for (ph, variant), paths in by_case.items():
        if ph == "headings":
            wrapped = [e for e, p in paths.items() if _wrapped(_pdf(p), _load(p)["item"]["heading"])]
            assert wrapped, (ph, variant)
            wrapped_by.append(wrapped)
        if ph == "grant_sentences":
            breaks = {
                e: [
                    " ".join(ln.split())
                    for page in page_texts(_pdf(p))
                    for ln in re.split(r"[\r\n]+", page)
                    if re.search(r"€|euros", ln)
                ]
                for e, p in paths.items()
            }
            assert breaks["lo"] != breaks["chr"], (ph, variant, breaks)
    assert any(len(w) == 1 for w in wrapped_by), "no heading wrapped by one engine only"


#: the item found under another number than the one printed (or under none)
XFAIL_NUMBER: dict[str, str] = {}


@pytest.mark.parametrize("path", _marked(XFAIL_NUMBER, NEW), ids=lambda p: p.name)
def test_the_item_number_is_read_as_printed(path: Path) -> None:
    data = _load(path)
    pub = _read(_pdf(path))
    first_words = " ".join(data["item"]["title"].split()[:3])
    found = [(d.number, " ".join((d.title or "").split())[: len(first_words)]) for d in pub.deliberations]
    assert found.count((data["item"]["number"], first_words)) == 1, found


#: vote counts read wrong on the item
XFAIL_VOTE: dict[str, str] = {}


@pytest.mark.parametrize("path", _marked(XFAIL_VOTE, NEW), ids=lambda p: p.name)
def test_the_item_vote_is_read(path: Path) -> None:
    data = _load(path)
    pub = _read(_pdf(path))
    first_words = " ".join(data["item"]["title"].split()[:3])  # the item, however its title is read
    votes = [
        None if d.vote is None else (d.vote.for_, d.vote.against, d.vote.abstention, d.vote.adopted)
        for d in pub.deliberations
        if " ".join((d.title or "").split()).startswith(first_words)
    ]
    v = data["item"]["vote_counts"]
    assert votes == [(v["for"], v["against"], v["abstention"], v["adopted"])]


#: session date read wrong
XFAIL_DATE: dict[str, str] = {}


@pytest.mark.parametrize("path", _marked(XFAIL_DATE, NEW), ids=lambda p: p.name)
def test_the_session_date_is_read(path: Path) -> None:
    data = _load(path)
    pub = _read(_pdf(path))
    assert pub.deliberations, "no deliberation read"
    assert {str(d.session_date) for d in pub.deliberations} == {data["session_date"]}
