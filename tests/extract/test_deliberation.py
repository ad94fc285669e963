"""Deliberation records read from the rendered sample (ground truth beside it) and real PDFs."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from delib.extract.deliberation import display_collectivity, display_instance, parse_deliberation, parse_vote
from delib.extract.document import Document
from delib.extract.names import match_names
from delib.extract.parts import PartKind, split_publication
from delib.models import Deliberation

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "corpus" / "samples" / "pas-de-calais_cp_2023-06-12_2023-259.pdf"
REAL = ROOT.parent / "shared" / "real"


def _delibs(pdf: Path) -> list[Deliberation]:
    if not pdf.exists():
        pytest.skip(f"{pdf} not available")
    with Document.open(pdf) as doc:
        parts = split_publication(doc.texts())
        return [parse_deliberation(doc, p) for p in parts if p.kind == PartKind.DELIBERATION]


@pytest.fixture(scope="module")
def sample() -> Deliberation:
    return _delibs(SAMPLE)[0]


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    path = SAMPLE.with_suffix(".json")
    if not path.exists():
        pytest.skip("ground truth not available")
    data: dict[str, Any] = json.loads(path.read_text())["deliberations"][0]
    return data


@pytest.mark.parametrize(
    "field",
    [
        "collectivity",
        "instance",
        "session_date",
        "number",
        "acts_id",
        "title",
        "president",
        "secretary",
        "place",
        "signed_date",
        "recused",
    ],
)
def test_sample_header_fields_match_ground_truth(
    sample: Deliberation, truth: dict[str, Any], field: str
) -> None:
    assert sample.model_dump(mode="json")[field] == truth[field]


def test_sample_attendance_counts_and_vote_reconcile(sample: Deliberation) -> None:
    att, vote = sample.attendance, sample.vote
    assert vote is not None
    assert (len(att.present), len(att.excused), len(att.absent)) == (37, 4, 2)
    members = len(att.present) + len(att.excused) + len(att.absent)
    assert (
        members
        == 43
        == (vote.for_ or 0) + (vote.against or 0) + (vote.abstention or 0) + (vote.absent_without_proxy or 0)
    )
    assert (vote.for_, vote.against, vote.abstention, vote.absent_without_proxy) == (28, 0, 13, 2)
    assert vote.adopted is True and vote.unanimous is False
    assert vote.groups["absent_without_proxy"] == [
        "Groupe Socialiste, Républicain et Citoyen",
        "Groupe Union pour le Pas-de-Calais",
    ]
    assert vote.page == 2 and vote.bbox is not None and vote.rule == "vote.counts.v1"


def test_sample_recused_are_all_present(sample: Deliberation) -> None:
    assert len(sample.recused) == 13
    matches = match_names(sample.recused, sample.attendance.present)
    assert all(m.member is not None for m in matches)
    assert matches[0].printed == "Mireille HINGREZ-CEREDA" and matches[0].member == "Mireille HINGREZ-CÉRÉDA"


def test_sample_articles_budget_and_citations(sample: Deliberation, truth: dict[str, Any]) -> None:
    assert [a.number for a in sample.articles] == [1, 2, 3, 4, 5]
    assert sample.articles[0].amounts == [Decimal("115069.00")]
    assert sample.articles[1].amounts == [Decimal("5234159.10")]
    lines = [(b.operation_code, b.imputation, b.ae, b.expense) for b in sample.budget_lines]
    assert lines == [
        ("C02-446A05", "6568/93446", Decimal("6801643.00"), Decimal("115069.00")),
        ("C01-444H02", "6568/93444", Decimal("7048182.00"), Decimal("5234159.10")),
    ]
    assert sample.model_dump(mode="json")["citations"][4]["refers_to"] == {
        "number": "2021-257",
        "date": "2021-07-01",
    }
    assert [c["text"] for c in truth["citations"]] == [c.text for c in sample.citations]
    assert sample.problems == []


def _iou(a: Any, b: Any) -> float:
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0.0, x1 - x0) * max(0.0, y1 - y0)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union else 0.0


def test_sample_provenance_boxes_overlap_ground_truth(sample: Deliberation, truth: dict[str, Any]) -> None:
    mine = sample.model_dump(mode="json")
    pairs = [(mine["vote"], truth["vote"]), (mine["attendance"], truth["attendance"])]
    pairs += list(zip(mine["budget_lines"], truth["budget_lines"], strict=True))
    pairs += list(zip(mine["articles"], truth["articles"], strict=True))
    for got, want in pairs:
        assert got["page"] == want["page"]
        assert _iou(got["bbox"], want["bbox"]) > 0.8


def test_montpellier_compte_rendu_items() -> None:
    items = _delibs(REAL / "montpellier_cm_2011-02-07_compte-rendu-votes.pdf")
    by_number = {d.number: d for d in items if d.number}
    item14 = by_number["14"]
    assert item14.vote is not None
    assert (item14.vote.for_, item14.vote.against, item14.vote.abstention) == (48, 8, 4)
    assert item14.vote.groups == {"against": ["UMP", "M. Viguié"], "abstention": ["Verts"]}
    assert item14.vote.adopted is True and item14.vote.unanimous is False
    assert item14.title is not None and item14.title.startswith("ZAC Port Marianne - Consuls de Mer")
    assert item14.session_date is not None and item14.session_date.isoformat() == "2011-02-07"
    # "prend acte": no vote taken, and no problem filed for it
    assert by_number["68"].vote is None and by_number["68"].problems == []
    # members of the GIP board do not take part in the vote on item 66
    assert "Capuozzi-Boualem" in by_number["66"].recused
    assert len(items[0].attendance.present) == 53


def test_pierrefonds_votes_with_names() -> None:
    items = _delibs(REAL / "pierrefonds_cm_2016-04-04_cr-budget-subventions.pdf")
    festival = next(d for d in items if d.title and d.title.startswith("Festival des Forêts"))
    assert festival.vote is not None
    assert (festival.vote.for_, festival.vote.against, festival.vote.abstention) == (11, 2, 6)
    assert festival.vote.groups["against"] == ["TANGUY", "SMESSAERT"]
    comite = next(d for d in items if d.title and d.title.startswith("Comité des Fêtes"))
    assert comite.recused == ["Laurent LAMAND"]
    assert comite.vote is not None and comite.vote.adopted is None  # no adoption word printed: not invented
    head = items[0]
    assert head.president == "Michèle BOURBIER" and head.secretary == "Michel LEBLANC"
    assert (head.attendance.proxies[0].from_, head.attendance.proxies[0].to) == (
        "Antonio MENDES",
        "Florence DEMOUY",
    )


def test_bourg_unanimity_of_voters() -> None:
    (d,) = _delibs(REAL / "bourg-en-bresse_cm_2016-02-01_delib-subvention-ban-doi.pdf")
    assert d.vote is not None
    assert (d.vote.for_, d.vote.abstention, d.vote.unanimous, d.vote.adopted) == (31, 8, True, True)
    assert (
        d.number == "2016.02.16" and d.session_date is not None and d.session_date.isoformat() == "2016-02-01"
    )
    assert len(d.attendance.present) == 35 and len(d.attendance.proxies) == 4
    assert [a.text.split()[0] for a in d.articles] == ["APPROUVE", "FIXE"]
    assert d.articles[1].amounts == [Decimal("4000.00")]


def test_montpellier_acts_id_and_dash_articles() -> None:
    (d,) = _delibs(REAL / "montpellier_cm_2014-04-24_delib-0000071276_subvention-avocats.pdf")
    assert d.acts_id == "034-213401722-20140424-0000071276-DE"
    assert d.number == "2014/171" and d.collectivity == "Ville de Montpellier"
    assert d.president == "Philippe SAUREL"  # as spelled in the attendance list
    assert d.vote is not None and d.vote.adopted is True
    assert d.articles[1].amounts == [Decimal("40000.00")]
    assert d.place is None  # "Salle du Conseil Municipal, le jeudi 24 avril 2014" is not a signature


VOTES = {
    "couthenans": (
        "Vote : 14 pour / 0 contre / 0 abstention  adopté",
        {"for": 14, "against": 0, "abstention": 0, "adopted": True},
    ),
    "montpellier": (
        "Pour : 48 \nContre : 8 (UMP + M. Viguié) \nAbstention : 4 (Verts) \nAdopté à la majorité",
        {"for": 48, "against": 8, "abstention": 4, "adopted": True},
    ),
    "bourg": (
        "A L'UNANIMITE des votants (31 voix), 8 abstentions (groupe X)",
        {"for": 31, "abstention": 8, "unanimous": True},
    ),
    "pierrefonds": (
        "Vote : \n− Pour : 16 \n− Abstentions : 3, Monsieur GOSSOT, Madame DANAN, Madame HUDO",
        {"for": 16, "abstention": 3},
    ),
    "rejected": ("Pour : 10\nContre : 20\n(Rejeté)", {"for": 10, "against": 20, "adopted": False}),
}


@pytest.mark.parametrize(("block", "expected"), list(VOTES.values()), ids=list(VOTES))
def test_parse_vote_wordings(block: str, expected: dict[str, Any]) -> None:
    got = parse_vote(block)
    for k, v in expected.items():
        assert (getattr(got, k) if k in ("adopted", "unanimous") else got.counts.get(k)) == v, k


def test_display_forms() -> None:
    assert display_collectivity("DEPARTEMENT DU PAS-DE-CALAIS") == "Département du Pas-de-Calais"
    assert display_collectivity("Ville de Montpellier") == "Ville de Montpellier"
    assert (
        display_instance("COMMISSION PERMANENTE DU CONSEIL DEPARTEMENTAL")
        == "Commission permanente du Conseil départemental"
    )
    assert display_instance("CONSEIL MUNICIPAL") == "Conseil municipal"


SEED = ROOT.parent / "shared" / "seeds" / "000_9ecb4cd3f23fd422.txt"


def test_seed_text_layout_pdftotext() -> None:
    """The guide's seed (pdftotext layout: blank lines, labels wrapped, a table's label around its codes)."""
    if not SEED.exists():
        pytest.skip("seed text not available")
    text = SEED.read_text()
    # three pseudo-pages: the deliberation, the annexes, the rapport
    annex = text.index(" 1. Accompagnement des bénéficiaires du RSA : dynamiser")
    report = text.index("DEPARTEMENT DU PAS-DE-CALAIS\n\nPôle")
    texts = [text[:annex], text[annex:report], text[report:]]
    parts = split_publication(texts)
    assert parts[0].kind == PartKind.DELIBERATION and parts[-1].kind == PartKind.REPORT
    d = parse_deliberation(None, parts[0], texts=texts, geometry=False)
    assert (
        d.number == "2023-259" and d.session_date is not None and d.session_date.isoformat() == "2023-06-12"
    )
    assert (len(d.attendance.present), len(d.attendance.excused), len(d.attendance.absent)) == (37, 4, 2)
    assert len(d.attendance.non_voting_present) == 4 and d.attendance.non_voting_excused == ["Michel DAGBERT"]
    assert len(d.recused) == 13
    assert d.vote is not None and (d.vote.for_, d.vote.abstention, d.vote.absent_without_proxy) == (28, 13, 2)
    assert [b.label for b in d.budget_lines] == [
        "Indemnisation des organismes référents",
        "Appui aux parcours intégrés 2021-2027",
    ]
    assert [a.amounts for a in d.articles[:2]] == [[Decimal("115069.00")], [Decimal("5234159.10")]]
    assert (d.place, d.signed_date.isoformat() if d.signed_date else None) == ("ARRAS", "2023-06-12")
    assert all(v.bbox is None and v.page == 1 for v in d.articles)  # text only: page, no box


def test_odd_parts_give_problems_not_crashes() -> None:
    texts = [
        "DELIBERATION DU CONSEIL MUNICIPAL\nSéance du 3 mars 2020\nPrésents :\n\nObjet : rien\n",
        "Pour :\n",
    ]
    parts = split_publication(texts)
    d = parse_deliberation(None, parts[0], texts=texts, geometry=False)
    assert d.session_date is not None and d.session_date.isoformat() == "2020-03-03"
    assert "vote_missing" in [p.kind for p in d.problems]
    assert d.vote is None and d.articles == []


def test_a_failing_header_reader_is_a_problem_not_a_lost_deliberation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from delib.extract import deliberation

    def broken(*_: object) -> None:
        raise IndexError("odd layout")

    monkeypatch.setattr(deliberation, "_officers", broken)
    (d,) = _delibs(SAMPLE)
    assert (d.president, d.secretary, d.acts_id) == (None, None, None)
    assert d.collectivity is not None and d.session_date is not None and d.title  # the other readers ran
    assert [(p.kind, p.rule) for p in d.problems if p.kind == "reader_error"] == [
        ("reader_error", "officers.header.v1")
    ]
