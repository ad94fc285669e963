"""The minutes fixtures (corpus/samples_minutes) say what their PDFs print.

Each ``NAME.lo.pdf`` / ``NAME.chr.pdf`` was printed from one session's data by LibreOffice or
Chromium, and its ``.gold.json`` written from the same data.  These tests read the PDFs with
pypdfium2 (never with the extractor) and check the truth against the printed text: the item
titles on their pages, the vote counts, the grant lines and totals, the imputation codes; and that
both engines' truths describe the same session.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

SAMPLES = Path(__file__).parents[2] / "corpus" / "samples_minutes"
GOLDS = sorted(SAMPLES.glob("*.gold.json"))


def _squash(text: str) -> str:
    # whitespace and line-end hyphens (pdfium prints them as U+FFFE / U+0002) do not count
    return re.sub(r"[\s\-\ufffe\x02]+", "", text).casefold()


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


_TEXTS: dict[Path, list[str]] = {}


def _pages(pdf: Path) -> list[str]:
    if pdf not in _TEXTS:
        doc = pdfium.PdfDocument(str(pdf))
        try:
            _TEXTS[pdf] = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
        finally:
            doc.close()
    return _TEXTS[pdf]


def _pdf(gold: Path) -> Path:
    return gold.parent / _load(gold)["pdf"]


def _span(pages: list[str], page: int, extra: int = 1) -> str:
    """The text of *page* (1-based) and the *extra* pages after it, squashed."""
    return _squash("".join(pages[page - 1 : page + extra]))


def _amount_printed(value: str, text: str) -> bool:
    """*value* ("1200.00") printed in *text* (squashed) in one of the French styles."""
    d = Decimal(value)
    units, cents = f"{d:.2f}".split(".")
    grouped = re.sub(r"(?<=\d)(?=(\d{3})+$)", ".", units)
    forms = {f"{units},{cents}", f"{grouped},{cents}"}
    if cents == "00":
        forms |= {f"{units}€", f"{grouped}€"}
    return any(f in text for f in forms)


def test_the_series_is_there() -> None:
    assert len(GOLDS) >= 12, f"expected about 6 sessions x 2 engines in {SAMPLES}"
    engines = {p.name.rsplit(".", 3)[1] for p in GOLDS}
    assert engines == {"lo", "chr"}


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name)
def test_gold_names_its_own_pdf(gold: Path) -> None:
    data = _load(gold)
    assert data["pdf"] == gold.name.replace(".gold.json", ".pdf")
    pdf = _pdf(gold)
    assert pdf.exists()
    assert pdf.read_bytes()[:5] == b"%PDF-"
    pages = _pages(pdf)
    last = max(it["page"] for it in data["deliberations"] + data["other_items"])
    assert last == len(pages) or last == len(pages) - 1, "the last item starts on one of the last two pages"


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name)
def test_titles_printed_on_their_page(gold: Path) -> None:
    data = _load(gold)
    pages = _pages(_pdf(gold))
    for it in data["deliberations"] + data["other_items"]:
        head = _squash(" ".join(it["title"].split()[:5]))
        assert head in _squash(pages[it["page"] - 1]), f"{it['title']!r} not on page {it['page']}"
        if it.get("number"):
            assert _squash(it["number"]) + "" in _squash(pages[it["page"] - 1])


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name)
def test_session_date_and_header_printed_on_page_one(gold: Path) -> None:
    data = _load(gold)
    first = _squash(_pages(_pdf(gold))[0])
    assert _squash(data["collectivity"]) in first
    day = data["session_date"]
    year = int(day[:4])
    assert str(year) in first or "deuxmille" in first


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name)
def test_votes_printed_as_in_the_truth(gold: Path) -> None:
    data = _load(gold)
    pages = _pages(_pdf(gold))
    for it in data["deliberations"] + data["other_items"]:
        v = it.get("vote")
        if v is None:
            continue
        text = _span(pages, it["page"])
        first_line = v["text"].split(" / ")[0]
        assert _squash(first_line) in text, f"vote {first_line!r} of {it['title']!r} not printed"
        printed = _squash(v["text"])
        for key in ("for", "against", "abstention", "not_voting"):
            if v[key]:  # a printed count is in the printed vote
                assert str(v[key]) in printed, f"{key}={v[key]} not in {v['text']!r}"
        if v["unanimous"]:
            assert "unanimit" in printed
        if v["adopted"] is False:
            assert "rejet" in printed
        if v.get("names"):
            for who in v["names"]["against"] + v["names"]["abstention"]:
                assert _squash(who) in printed


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name)
def test_grants_totals_and_imputations_printed(gold: Path) -> None:
    data = _load(gold)
    pages = _pages(_pdf(gold))
    n_grants = 0
    for it in data["deliberations"]:
        for g in it["grants"]:
            n_grants += 1
            page = _squash(pages[g["page"] - 1])
            assert _squash(g["beneficiary"]) in page
            assert _amount_printed(g["amount"], page), f"{g} not printed on its page"
        if it["grants"]:
            total = sum(Decimal(g["amount"]) for g in it["grants"])
            (t,) = it["grant_totals"]
            assert Decimal(t["amount"]) == total, "the printed total is the sum of the lines"
            assert _amount_printed(t["amount"], _squash(pages[t["page"] - 1]))
        for imp in it["imputations"]:
            page = _squash(pages[imp["page"] - 1])
            assert _squash(imp["text"]) in _span(pages, imp["page"], 0) or _squash(imp["text"])[:40] in page
            assert f"chapitre{imp['chapter']}" in page
            assert imp["nature"] in page
            if imp["amount"] is not None:  # printed in the sentence, or the list's total above it
                in_sentence = _amount_printed(imp["amount"], _squash(imp["text"]))
                totals = [t["amount"] for t in it["grant_totals"]]
                assert in_sentence or imp["amount"] in totals, (
                    f"{imp['amount']} neither in {imp['text']!r} nor a total"
                )
    assert n_grants >= 4, "each session has an association list"


@pytest.mark.parametrize("gold", sorted(SAMPLES.glob("*.lo.gold.json")), ids=lambda p: p.name)
def test_both_engines_print_the_same_session(gold: Path) -> None:
    other = gold.with_name(gold.name.replace(".lo.gold.json", ".chr.gold.json"))
    assert other.exists()

    def without_pages(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: without_pages(v) for k, v in x.items() if k not in ("page", "pdf")}
        if isinstance(x, list):
            return [without_pages(v) for v in x]
        return x

    assert without_pages(_load(gold)) == without_pages(_load(other))


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name)
def test_votes_add_up_to_the_voters(gold: Path) -> None:
    data = _load(gold)
    att = data["attendance"]
    if att["present"] is None:
        pytest.skip("attendance counts not printed in this session")
    voters = att["present"] + att["proxies"]
    for it in data["deliberations"] + data["other_items"]:
        v = it.get("vote")
        if v and v["for"] is not None and v["against"] is not None and v["abstention"] is not None:
            total = v["for"] + v["against"] + v["abstention"] + (v["not_voting"] or 0)
            assert total == voters, f"{it['title']!r}: {total} votes for {voters} voters"
