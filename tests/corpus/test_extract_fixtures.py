"""Extracts of the registre des délibérations, printed by two engines, read by the real extractor.

``corpus/samples_phenomena/extracts`` holds single-deliberation PDFs ("EXTRAIT DU REGISTRE DES
DÉLIBÉRATIONS DU CONSEIL MUNICIPAL" / "… DU CONSEIL COMMUNAUTAIRE") written by
``delib.corpus.phenomena`` from data and printed by LibreOffice and by Chromium; each
``NAME.ENGINE.json`` says, from the data, the deliberation's number as printed, title, session date,
vote, attendance (names and the counts printed in the header), grants and imputations.  The fixtures
are checked against their own text (pypdfium2, never the extractor), then read with
``extract_publication`` and compared field by field.  A field one engine's print makes the reader
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
from delib.models import Deliberation, Publication

SAMPLES = Path(__file__).parents[2] / "corpus" / "samples_phenomena" / "extracts"
EXPECTED = sorted(SAMPLES.glob("*.json"))
PRODUCERS = {"lo": "LibreOffice", "chr": "Skia/PDF"}
FIELDS = ("number", "title", "session_date", "vote", "attendance", "counts", "grants", "imputations")

#: what the reader gets wrong, as seen on the pypdfium2 text (``Document.open(pdf).text(0)``);
#: the same on both engines unless said
_BOTH: dict[tuple[str, str], str] = {
    # the vote: find_vote_blocks finds no block in any of the three wordings (problem vote_missing)
    ("a", "vote"): "vote None (problem vote_missing): the unanimity is in the sentence before DÉCIDE, "
    "'Le Conseil Municipal, après en avoir délibéré, à l'unanimité, DÉCIDE :', which find_vote_blocks "
    "does not take for a vote block",
    ("d", "vote"): "vote None (problem vote_missing): 'Le Conseil Municipal, après en avoir délibéré, à "
    "l'unanimité, DÉCIDE :' is not taken for a vote block",
    (
        "b",
        "vote",
    ): "vote None (problem vote_missing): 'Le Conseil Communautaire, après en avoir délibéré, par "
    "13 voix pour, 2 voix contre et 1 abstention,⏎DÉCIDE :' (counts in a sentence before DÉCIDE) is not "
    "taken for a vote block",
    (
        "e",
        "vote",
    ): "vote None (problem vote_missing): 'Le Conseil Communautaire, après en avoir délibéré, par "
    "12 voix pour, 1 voix contre et 2 abstentions, DÉCIDE :' is not taken for a vote block",
    ("c", "vote"): "vote None (problem vote_missing): the line 'Votes : Pour : 11 Contre : 2 Abstention : 0' "
    "after the articles is not a vote block with 'Votes' plural (the same line with 'Vote :' is one)",
    ("f", "vote"): "vote None (problem vote_missing): the line 'Votes : Pour : 9 Contre : 0 Abstention : 2' "
    "after the articles is not a vote block with 'Votes' plural (the same line with 'Vote :' is one)",
    # the session date in words (the convocation's date, printed before it, is rightly not taken)
    ("b", "session_date"): "session_date None (problem date_unreadable): the date is only in words, "
    "'L'an deux mille vingt-quatre, le douze mars à vingt heures, le Conseil Communautaire de la', "
    "which the deliberation reader passes to parse_date (the minutes reader reads such dates)",
    ("d", "session_date"): "session_date None (problem date_unreadable): 'L'an deux mille vingt-quatre, le "
    "dix-huit juin à vingt heures, le Conseil Municipal de la Commune de Lachelle, …' is not read",
    ("f", "session_date"): "session_date None (problem date_unreadable): 'L'an deux mille vingt-quatre, le "
    "neuf avril à vingt heures, le Conseil Municipal de la Commune de⏎Verneuil-sous-Coucy, …' is not read",
    # attendance: the label 'Absents excusés :' is not one (only 'Excusés :', 'Absents :')
    ("b", "attendance"): "excused [] and proxies [] instead of ['Thierry ROUSSEL'] and Thierry ROUSSEL → "
    "Odile CARON: the line 'Absents excusés : M. Thierry ROUSSEL (pouvoir à Mme Odile CARON).' is not read "
    "('Absents excusés' is no attendance label; present and absent are right)",
    ("e", "attendance"): "excused [] and proxies [] instead of ['Xavier MICHEL', 'Anne LEROY'] and Xavier "
    "MICHEL → Juliette MARCHAND: 'Absents excusés : M. Xavier MICHEL (pouvoir à Mme Juliette MARCHAND), Mme "
    "Anne LEROY.' is not read ('Absents excusés' is no attendance label)",
    ("d", "attendance"): "excused [] instead of ['Florence DEMOUY']: 'Absents excusés : Mme Florence "
    "DEMOUY.' is not read ('Absents excusés' is no attendance label); present and absent are right",
    ("b", "counts"): "voters 15 (15 present + 0 proxies read) where the header prints 'Votants : 16': the "
    "proxy in 'Absents excusés : M. Thierry ROUSSEL (pouvoir à Mme Odile CARON).' is not read",
    ("e", "counts"): "voters 14 (14 present + 0 proxies read) where the header prints 'Votants : 15': the "
    "proxy in 'Absents excusés : M. Xavier MICHEL (pouvoir à Mme Juliette MARCHAND), …' is not read",
    # number, title, grants
    (
        "c",
        "number",
    ): "number None: the line 'DCM 2024-15' above 'Objet : Subvention exceptionnelle au Club de "
    "tennis de table' is not read as the number",
    (
        "b",
        "title",
    ): "title 'Attribution d'une subvention à l'association Les Tréteaux de l'Aisne pour sa saison' "
    "without its last word: the object wraps 'Objet : … pour sa saison⏎2024⏎Présents : M. Jean MARTIN, …' "
    "and the line '2024' is dropped",
    ("c", "grants"): "grants [] instead of Club de tennis de table 800 €: 'Article 1 : d'attribuer une "
    "subvention exceptionnelle de 800 € au Club de tennis de table ;' names the beneficiary after the amount "
    "with 'au', and the title 'Subvention exceptionnelle au Club de tennis de table' with 'au' too "
    "(find_single_grant takes 'subvention [exceptionnelle] à …' only)",
    (
        "f",
        "grants",
    ): "grants [] and grant_totals [] (check announced_grants_are_read failed) instead of Comité "
    "des fêtes 600 €, Association sportive de Verneuil 1 250 € and the stated total 1 850 €: the table is "
    "'Article 1 : d'attribuer les subventions suivantes :⏎Association Montant⏎Comité des fêtes 600 "
    "€⏎Association sportive de Verneuil 1 250 €⏎Article 2 : …, pour un montant total de …'; the stated "
    "total is only kept beside grants read",
}
_ENGINE: dict[tuple[str, str], str] = {
    ("f.lo", "imputations"): "amount 1250.00 (the table's last row, before the clause) instead of 1850.00 "
    "printed in the same sentence after the codes: '…Verneuil 1 250 €⏎Article 2 : les crédits sont inscrits "
    "au budget 2024, chapitre 65, article 6574, pour un montant total de 1 ⏎850 €.' (LibreOffice wraps "
    "the amount inside its digits: the part after the line end alone is 850.00)",
    ("f.chr", "imputations"): "amount 1250.00 (the table's last row, before the clause) instead of 1850.00 "
    "printed in the same sentence after the codes: '…Verneuil 1 250 €⏎Article 2 : les crédits sont inscrits "
    "au budget 2024, chapitre 65, article 6574, pour un montant total de⏎1 850 €.'",
}
#: (pdf, field) -> the reason of its strict xfail
_FIRST_READING: dict[tuple[str, str], str] = {
    **{(f"extracts-{v}.{e}.pdf", f): r for (v, f), r in _BOTH.items() for e in ("lo", "chr")},
    **{(f"extracts-{v}.pdf", f): r for (v, f), r in _ENGINE.items()},
}
#: read right since (the vote written in the decision sentence or as "Votes : Pour : 11 …", dates
#: in words, "Absents excusés :", a grant "au Club …", grants listed in the text of an extract, the
#: amount of "pour un montant total de 1 ⏎850 €" wrapped inside its digits)
_READ_NOW = {
    # a code on its own line keeps its printed space ("DCM 2024-15"); a stated total wrapped inside
    # its digits ("pour un montant total de 1" / "850 €")
    ("extracts-c.lo.pdf", "number"),
    ("extracts-c.chr.pdf", "number"),
    ("extracts-f.lo.pdf", "grants"),
    ("extracts-b.lo.pdf", "title"),  # an object wrapped before its year ("… pour sa saison" / "2024")
    ("extracts-b.chr.pdf", "title"),
    ("extracts-a.chr.pdf", "vote"),
    ("extracts-a.lo.pdf", "vote"),
    ("extracts-b.chr.pdf", "attendance"),
    ("extracts-b.chr.pdf", "counts"),
    ("extracts-b.chr.pdf", "session_date"),
    ("extracts-b.chr.pdf", "vote"),
    ("extracts-b.lo.pdf", "attendance"),
    ("extracts-b.lo.pdf", "counts"),
    ("extracts-b.lo.pdf", "session_date"),
    ("extracts-b.lo.pdf", "vote"),
    ("extracts-c.chr.pdf", "grants"),
    ("extracts-c.chr.pdf", "vote"),
    ("extracts-c.lo.pdf", "grants"),
    ("extracts-c.lo.pdf", "vote"),
    ("extracts-d.chr.pdf", "attendance"),
    ("extracts-d.chr.pdf", "session_date"),
    ("extracts-d.chr.pdf", "vote"),
    ("extracts-d.lo.pdf", "attendance"),
    ("extracts-d.lo.pdf", "session_date"),
    ("extracts-d.lo.pdf", "vote"),
    ("extracts-e.chr.pdf", "attendance"),
    ("extracts-e.chr.pdf", "counts"),
    ("extracts-e.chr.pdf", "vote"),
    ("extracts-e.lo.pdf", "attendance"),
    ("extracts-e.lo.pdf", "counts"),
    ("extracts-e.lo.pdf", "vote"),
    ("extracts-f.chr.pdf", "grants"),
    ("extracts-f.chr.pdf", "imputations"),
    ("extracts-f.chr.pdf", "session_date"),
    ("extracts-f.chr.pdf", "vote"),
    ("extracts-f.lo.pdf", "imputations"),
    ("extracts-f.lo.pdf", "session_date"),
    ("extracts-f.lo.pdf", "vote"),
}
XFAIL = {k: r for k, r in _FIRST_READING.items() if k not in _READ_NOW}


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


def _text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def _producer(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return str(doc.get_metadata_dict().get("Producer", ""))
    finally:
        doc.close()


def test_each_extract_is_printed_by_two_engines_in_several_wordings() -> None:
    assert len(EXPECTED) >= 12, f"fixtures missing in {SAMPLES}"
    engines: dict[str, set[str]] = defaultdict(set)
    styles: dict[str, set[Any]] = defaultdict(set)
    grants_per_variant: dict[str, int] = {}
    for path in EXPECTED:
        data = _load(path)
        engine = _engine(path)
        assert _producer(_pdf(path)).startswith(PRODUCERS[engine]), path.name
        engines[data["variant"]].add(engine)
        st = data["style"]
        for key in ("counts", "date", "number", "vote", "proxies"):
            styles[key].add(st[key])
        styles["font"].add((st["font"], st["size_pt"], st["line_height"]))
        styles["council"].add(data["council"])
        grants_per_variant[data["variant"]] = len(data["grants"])
    assert len(engines) >= 6 and all(e == {"lo", "chr"} for e in engines.values()), engines
    assert styles["counts"] == {"lines", "one_line", "table"}
    assert styles["date"] == {"seance", "words"}
    assert styles["vote"] == {"unanimity", "sentence", "votes_line"}
    assert len(styles["number"]) >= 3 and len(styles["font"]) >= 3
    assert styles["council"] == {"Conseil Municipal", "Conseil Communautaire"}
    assert sorted(grants_per_variant.values()).count(0) >= 1 and max(grants_per_variant.values()) >= 2
    assert {k for k, _f in XFAIL} <= {_load(p)["pdf"] for p in EXPECTED}
    assert {f for _k, f in XFAIL} <= set(FIELDS)


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.name)
def test_the_fixture_prints_what_its_json_says(path: Path) -> None:
    data = _load(path)
    pdf = _pdf(path)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    raw = _text(pdf)
    text = _squash(raw)
    council = "conseilmunicipal" if data["council"] == "Conseil Municipal" else "conseilcommunautaire"
    assert text.find(_squash("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU") + council) >= 0
    # header, number, object, in this order
    pos = 0
    for printed in (data["date_printed"], data["number_printed"], "Objet : " + data["title"]):
        at = text.find(_squash(printed), pos if printed != data["date_printed"] else 0)
        assert at >= 0, printed
        pos = max(pos, at)
    for printed in data["printed"]:
        assert _squash(printed) in text, printed
    c = data["counts"]
    labels = {"in_office": "exercice", "present": "présents", "voters": "votants"}
    if data["style"]["counts"] == "table":  # the header row, then the counts row
        assert _squash(f"En exercice Présents Votants {c['in_office']} {c['present']} {c['voters']}") in text
    else:
        for key, label in labels.items():
            assert re.search(rf"{label}:{c[key]}(?!\d)", text), (key, c[key])
    # the counts agree with the lists printed
    att = data["attendance"]
    assert c["present"] == len(att["present"])
    assert c["voters"] == len(att["present"]) + len(att["proxies"])
    assert c["in_office"] == len(att["present"]) + len(att["excused"]) + len(att["absent"])
    for name in [*att["present"], *att["excused"], *att["absent"]]:
        assert _squash(name) in text, name
    for p in att["proxies"]:
        assert re.search(rf"{_squash(p['from'])}\(?(?:pouvoir)?à(?:m\.|mme){_squash(p['to'])}", text), p
    vote = data["vote"]
    assert _squash(vote["printed"]) in text, vote["printed"]
    if not vote["unanimous"]:
        assert vote["for"] + vote["against"] + vote["abstention"] == c["voters"]
    for g in [*data["grants"], *({"amount": t} for t in data["grant_totals"])]:
        units, cents = f"{Decimal(g['amount']):,.2f}".replace(",", " ").split(".")
        assert _squash(f"{units} €" if cents == "00" else f"{units},{cents} €") in text, g
    # dates printed after the session (receipt, publication) are not the session's
    assert re.search(r"reçuenpréfecturele\d\d/\d\d/\d{4}", text) and "publiéle" in text


@functools.cache
def _read(pdf: Path) -> Publication:
    return extract_publication(pdf)


def _deliberation(path: Path) -> Deliberation:
    pub = _read(_pdf(path))
    assert len(pub.deliberations) == 1, [(d.number, d.title) for d in pub.deliberations]
    return pub.deliberations[0]


def _found(d: Deliberation, field: str) -> Any:
    """The field as the extractor gives it, in the JSON's terms."""
    if field == "number":
        return d.number
    if field == "title":
        return None if d.title is None else " ".join(d.title.split())
    if field == "session_date":
        return None if d.session_date is None else d.session_date.isoformat()
    if field == "vote":
        v = d.vote
        if v is None:
            return None
        return {"for": v.for_, "against": v.against, "abstention": v.abstention, "adopted": v.adopted,
                "unanimous": v.unanimous}  # fmt: skip
    if field == "attendance":
        a = d.attendance
        return {"present": a.present, "excused": a.excused, "absent": a.absent,
                "proxies": [{"from": p.from_, "to": p.to} for p in a.proxies]}  # fmt: skip
    if field == "counts":  # the model keeps names, not counts: the counts the lists give
        a = d.attendance
        return {"present": len(a.present), "voters": len(a.present) + len(a.proxies)}
    if field == "grants":
        return {
            "grants": [{"beneficiary": g.beneficiary, "amount": f"{g.amount:.2f}"} for g in d.grants],
            "grant_totals": [f"{t.amount:.2f}" for t in d.grant_totals],
        }
    assert field == "imputations"
    return [
        {"chapter": i.chapter, "nature": i.nature, "amount": None if i.amount is None else f"{i.amount:.2f}"}
        for i in d.imputations
    ]


def _wanted(data: dict[str, Any], field: str) -> Any:
    if field == "number":
        return data["number"]
    if field == "vote":
        return {k: v for k, v in data["vote"].items() if k != "printed"}
    if field == "counts":
        return {"present": data["counts"]["present"], "voters": data["counts"]["voters"]}
    if field == "grants":
        return {"grants": data["grants"], "grant_totals": data["grant_totals"]}
    return data[field]


def _cases() -> list[Any]:
    out = []
    for p in EXPECTED:
        pdf = _load(p)["pdf"]
        for f in FIELDS:
            reason = XFAIL.get((pdf, f))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(p, f, marks=marks, id=f"{pdf}-{f}"))
    return out


@pytest.mark.parametrize(("path", "field"), _cases())
def test_the_extractor_reads_the_extract(path: Path, field: str) -> None:
    data = _load(path)
    d = _deliberation(path)  # exactly one deliberation
    assert _found(d, field) == _wanted(data, field)
