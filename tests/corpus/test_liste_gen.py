"""The liste des délibérations generator (delib.corpus.liste_gen) prints what its gold says.

One seed is generated into a temporary folder, printed by LibreOffice and by Chromium; the PDFs are
read with pypdfium2 (never with the extractor): each gold item's number and first title words lie on
its gold page, its whole title and its decision on that page or the next (an item may run over a page
break), each grant's amount on its page; the vote counts fit the printed attendance; both engines'
golds describe the same list.  Needs soffice and chromium (skipped without them, as in CI).
"""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from delib.corpus import liste_gen
from delib.corpus.minutes_gen import page_texts, squash

SEED = 1

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("chromium") is None,
    reason="LibreOffice (soffice) and chromium are needed to print the lists (not in CI)",
)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("listes")
    assert liste_gen.main([str(out), "--seeds", str(SEED)]) == 0
    return out


def _golds(out: Path, seed: int) -> list[Path]:
    return sorted(out.glob(f"*_liste-{seed}.*.gold.json"))


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _items(gold: dict[str, Any]) -> list[dict[str, Any]]:
    return [*gold["deliberations"], *gold["other_items"]]


def check_printed(gold_path: Path, seed: int) -> None:
    """Every item of *gold_path* where its gold page says, with its decision as generated."""
    gold = _load(gold_path)
    pdf = gold_path.parent / gold["pdf"]
    pages = _pages(gold, pdf)
    decisions = {e.title: e for e in liste_gen.generate(seed).entries}
    assert len(decisions) == len(_items(gold))
    for it in _items(gold):
        page = it["page"]
        here, span = pages[page - 1], "".join(pages[page - 1 : page + 1])
        title = it["title"]
        words = " ".join(title.split()[:3])
        assert squash(words) in here, f"{gold_path.name} p.{page}: title start {words!r} not on its page"
        assert _in_order(title, span), f"{gold_path.name} p.{page}: title {title!r}"
        if it["number"]:
            assert squash(it["number"]) in here, f"{gold_path.name} p.{page}: number {it['number']!r}"
        entry = decisions[title]
        assert _in_order(entry.decision, span), f"{gold_path.name} p.{page}: decision {entry.decision!r}"
        if it["vote"]:
            assert _in_order(it["vote"]["text"], span), (
                f"{gold_path.name} p.{page}: vote {it['vote']['text']!r}"
            )
        for g in it.get("grants", []):
            assert squash(g["beneficiary"]) in squash(title), (
                f"{gold_path.name}: {g['beneficiary']!r} not in {title!r}"
            )
            # the amount starts on its page ("1 500,00 €" may end on the next one)
            assert _amount_on(g["amount"], "".join(pages[g["page"] - 1 : g["page"] + 1])), (
                f"{gold_path.name}: {g}"
            )


def _in_order(text: str, span: str) -> bool:
    """The words of *text* in *span* (squashed), in their order: a table row split over a page break
    prints the rest of its title after the other cells, so a cell's words need not be contiguous."""
    at = 0
    for word in text.replace(" | ", " ").split():
        at = span.find(squash(word), at)
        if at < 0:
            return False
        at += len(squash(word))
    return True


def _pages(gold: dict[str, Any], pdf: Path) -> list[str]:
    """The pages' text, squashed; a table header repeated at the top of a page is left out (LibreOffice
    splits a row over a page break: the header then cuts the row's text in two)."""
    texts = [squash(t) for t in page_texts(pdf)]
    st = gold["style"]
    head = squash("".join(st["columns"])) if st["repeat_header"] else ""
    return [t[len(head) :] if k and head and t.startswith(head) else t for k, t in enumerate(texts)]


def _amount_on(value: str, text: str) -> bool:
    """*value* ("1500.00") printed in *text* (squashed) as "1 500 €", "1.500,00 €", "1500 euros" …"""
    units, cents = f"{Decimal(value):.2f}".split(".")
    dotted = re.sub(r"(?<=\d)(?=(\d{3})+$)", ".", units)
    forms = {f"{units},{cents}", f"{dotted},{cents}"}
    if cents == "00":
        forms |= {f"{units}€", f"{units}euros"}
    return any(f in text for f in forms)


def check_counts(gold_path: Path, seed: int) -> None:
    """Counts within the voters: the printed ones (Votants : 21) or, unprinted, the generated ones."""
    gold = _load(gold_path)
    att = gold["attendance"]
    voters = gold["voters"] if gold["voters"] is not None else liste_gen.generate(seed).voters
    if att["members_in_office"] is not None:
        assert att["present"] is not None and att["present"] <= voters <= att["members_in_office"]
        if att["proxies"] is not None:
            assert att["present"] + att["proxies"] == voters
        if att["absent"] is not None:
            assert att["present"] + att["proxies"] + att["absent"] == att["members_in_office"]
    for it in _items(gold):
        v = it["vote"]
        if v is None:
            continue
        counted = [v[k] for k in ("for", "against", "abstention", "not_voting") if v[k] is not None]
        assert sum(counted) <= voters, f"{gold_path.name}: {v['text']!r} counts more than {voters} voters"
        if v["unanimous"]:
            assert not v["against"], v
        if v["adopted"] is False:
            assert v["for"] is not None and v["against"] is not None and v["against"] > v["for"], v
        elif v["for"] is not None and v["against"] is not None:
            assert v["for"] > v["against"], v


def test_both_engines_print_a_list(out_dir: Path) -> None:
    golds = _golds(out_dir, SEED)
    assert [p.name.rsplit(".", 3)[1] for p in golds] == ["chr", "lo"]
    for g in golds:
        pdf = out_dir / _load(g)["pdf"]
        assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"
        assert g.name == pdf.name.replace(".pdf", ".gold.json")


def test_items_titles_and_decisions_on_their_pages(out_dir: Path) -> None:
    for g in _golds(out_dir, SEED):
        check_printed(g, SEED)


def test_vote_counts_fit_the_attendance(out_dir: Path) -> None:
    for g in _golds(out_dir, SEED):
        check_counts(g, SEED)


def test_engines_agree_but_for_pages(out_dir: Path) -> None:
    chr_gold, lo_gold = (_load(p) for p in _golds(out_dir, SEED))

    def strip(gold: dict[str, Any]) -> Any:
        items = [{k: v for k, v in it.items() if k != "page"} for it in _items(gold)]
        for it in items:
            it["grants"] = [{k: v for k, v in g.items() if k != "page"} for g in it.get("grants", [])]
        return items, gold["attendance"], gold["session_date"], gold["collectivity"], gold["instance"]

    assert strip(chr_gold) == strip(lo_gold)
    assert _items(chr_gold), "an empty list"


def test_generation_is_deterministic() -> None:
    a, b = liste_gen.generate(SEED), liste_gen.generate(SEED)
    assert liste_gen.render_html(a) == liste_gen.render_html(b)
    assert 5 <= len(a.entries) <= 25
