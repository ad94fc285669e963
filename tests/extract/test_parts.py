"""Splitting publications into parts, on the rendered sample and on real council documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from delib.extract.document import Document
from delib.extract.page_kinds import is_table_page as _is_table_page
from delib.extract.parts import PartKind, Span, part_text, running_lines, split_publication
from delib.extract.votes import find_vote_blocks

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "corpus" / "samples" / "pas-de-calais_cp_2023-06-12_2023-259.pdf"
REAL = ROOT.parent / "shared" / "real"


def _texts(pdf: Path) -> list[str]:
    if not pdf.exists():
        pytest.skip(f"{pdf} not available")
    with Document.open(pdf) as doc:
        return doc.texts()


def test_sample_deliberation_annexes_convention_report() -> None:
    parts = split_publication(_texts(SAMPLE))
    kinds = [(p.kind, p.pages, p.label) for p in parts]
    assert kinds == [
        (PartKind.DELIBERATION, (0, 1), "DEPARTEMENT DU PAS-DE-CALAIS"),
        (PartKind.NARRATIVE_ANNEX, (2, 3), "Annexe 1"),
        (PartKind.NARRATIVE_ANNEX, (4, 5, 6, 7), "Annexe 2"),
        (PartKind.GRANT_ANNEX, (8, 9, 10, 11, 12), "Annexe 3"),
        # the model convention keeps its own "ANNEXE 1" (page 16)
        (PartKind.CONVENTION, (13, 14, 15), "Annexe 4"),
        (PartKind.REPORT, (16, 17), "RAPPORT N°42"),
    ]
    assert all(p.deliberation == 0 for p in parts)


def test_convention_articles_do_not_leak_into_the_deliberation() -> None:
    texts = _texts(SAMPLE)
    delib = split_publication(texts)[0]
    text = part_text(texts, delib.span).text
    assert "Article 5" in text
    assert "Article 6" not in text and "Objet de la convention" not in text


def test_montpellier_compte_rendu_one_part_per_item() -> None:
    parts = split_publication(_texts(REAL / "montpellier_cm_2011-02-07_compte-rendu-votes.pdf"))
    delibs = [p for p in parts if p.kind == PartKind.DELIBERATION]
    # ordre du jour, procès-verbal, then items 1..96 (each with its own vote or "prend acte")
    assert len(delibs) == 98
    assert all(p.header is not None for p in delibs)
    assert [p.deliberation for p in delibs] == list(range(98))
    # two items share page 1 (0-based 0): told apart by character offsets
    assert delibs[0].span.first_page == delibs[1].span.first_page == 0
    assert delibs[0].span.end <= delibs[1].span.start


def test_pierrefonds_one_vote_per_grant() -> None:
    texts = _texts(REAL / "pierrefonds_cm_2016-04-04_cr-budget-subventions.pdf")
    delibs = [p for p in split_publication(texts) if p.kind == PartKind.DELIBERATION]
    titles = [part_text(texts, p.span).text for p in delibs]
    assert any("Amitié Loisirs Aînés 610 €" in t and "Vote" in t for t in titles)
    assert sum("Vote" in t for t in titles) == len(delibs)
    assert len(delibs) >= 25


def test_montpellier_grant_tables_inside_the_deliberation() -> None:
    parts = split_publication(
        _texts(REAL / "montpellier_cm_2014-02-17_delib-2014-121_attributions-subventions-2014.pdf")
    )
    assert [p.kind for p in parts] == [PartKind.DELIBERATION, PartKind.GRANT_ANNEX]
    assert parts[0].pages == tuple(range(30))
    assert parts[1].pages == tuple(range(1, 30))


def test_single_deliberation_real_pdfs() -> None:
    for name in (
        "bourg-en-bresse_cm_2016-02-01_delib-subvention-ban-doi.pdf",
        "montpellier_cm_2014-04-24_delib-0000071276_subvention-avocats.pdf",
    ):
        parts = split_publication(_texts(REAL / name))
        assert [p.kind for p in parts] == [PartKind.DELIBERATION], name
        assert parts[0].pages == (0, 1)


def test_scanned_pdf_gives_other_part() -> None:
    parts = split_publication(_texts(REAL / "ville-oise_cm_2016-04-01_cr_SCANNED-no-text.pdf"))
    assert [p.kind for p in parts] == [PartKind.OTHER]


VOTE_BLOCKS = [
    ("Pour : 58 \nContre : 1 (M. Viguié) \nAdopté à la majorité\n \nMme X sort de séance.", 1),
    (
        "a : Vote : 14 pour / 0 contre / 0 abstention  adopté\nb : Vote : 14 pour / 0 contre / 0 abstention  adopté",
        2,
    ),
    (
        "Pour  :  28  voix  (Groupe A ;\nGroupe B)\nContre : 0 voix \nAbstention : 13 voix (Groupe A)\n\n(Adopté)",
        1,
    ),
    ("Adopté en décembre 2022, il est l’un des volets constitutifs du projet", 0),
]


@pytest.mark.parametrize(("text", "n"), VOTE_BLOCKS)
def test_find_vote_blocks(text: str, n: int) -> None:
    assert len(find_vote_blocks(text)) == n


def test_unknown_header_with_a_decision_is_still_a_deliberation() -> None:
    texts = [
        "Mairie de X\nObjet : travaux\nLe conseil, après en avoir délibéré,\nDECIDE :\nArticle 1 : de payer 300 €\n"
    ]
    assert [p.kind for p in split_publication(texts)] == [PartKind.DELIBERATION]
    assert [p.kind for p in split_publication(["Note de service\nRien à voir ici\n"])] == [PartKind.OTHER]


def test_running_header_does_not_glue_into_the_text() -> None:
    header = (
        "Commission permanente du Conseil départemental du 25/11/2024 - Délibération n°2024-301 - Page {}"
    )
    texts = [header.format(i + 1) + f"\nbody {i}\nArticle {i} : texte\n" for i in range(4)]
    keys = running_lines(texts)
    assert len(keys) == 1
    text = part_text(texts, Span(0, 0, 3, len(texts[3]))).text
    assert "Page 2" not in text and "Article 3 : texte" in text
    assert len(text) == sum(len(t) for t in texts) + 3  # offsets unchanged: blanked, not removed


# --------------------------------------------------------------------------- office-printed samples
OFFICE = ROOT / "corpus" / "samples_office"


def test_convention_word_in_table_header_is_not_a_convention() -> None:
    """Calc wraps the grant table's header cell 'Avenant/convention' so that 'convention' stands alone
    on a line of p.12-15: the grant annex stays a grant annex, the model convention (Annexe 4:
    'CONVENTION' title, 'Il a été convenu ce qui suit') stays a convention."""
    parts = split_publication(_texts(OFFICE / "pas-de-calais_cp_2023-06-12_2023-259.pdf"))
    kinds = [(p.kind, p.pages, p.label) for p in parts]
    assert (PartKind.GRANT_ANNEX, (10, 11, 12, 13, 14), "Annexe 3") in kinds
    assert (PartKind.CONVENTION, (15, 16, 17), "Annexe 4") in kinds


def test_annexe_word_continuing_a_sentence_is_not_an_annex_heading() -> None:
    """Writer wraps Article 2 so that p.2 opens '... reprises en' / 'annexe 3 à la présente
    délibération.': p.2 stays in the deliberation (articles 2-5, budget table, vote, signature)."""
    texts = _texts(OFFICE / "nord_cp_2021-11-22_dsti-2021-1045.pdf")
    parts = split_publication(texts)
    assert (parts[0].kind, parts[0].pages) == (PartKind.DELIBERATION, (0, 1))
    text = part_text(texts, parts[0].span).text
    assert "Article 5 :" in text and "LILLE, le 22 novembre 2021" in text
    assert [(p.kind, p.label) for p in parts[1:3]] == [
        (PartKind.NARRATIVE_ANNEX, "Annexe 1"),
        (PartKind.NARRATIVE_ANNEX, "Annexe 2"),
    ]


ANNEX_HEADINGS = [
    # a title standing alone, or followed by its title after a dash / colon
    ("Annexe 3\nTERRITOIRE(S) STRUCTURE", "Annexe 3"),
    ("ANNEXE 1 - OBLIGATIONS LIEES A LA PROTECTION DES DONNEES A", "Annexe 1"),
    ("ANNEXE 2 : Intitulé de l’opération", "Annexe 2"),
    ("Annexe n°4\nConvention type", "Annexe 4"),
    ("ANNEXE N° 2", "Annexe 2"),
    ("Annexe 1 à la délibération n°2014/121", "Annexe 1"),
    # a sentence that a word processor wrapped just before "annexe"
    ("annexe 3 à la présente délibération.\nArticle 3 :", None),
    ("annexe 3 ;\n• De valider la convention", None),
    ("Annexe 3 à la présente délibération, aux structures citées.", None),
    # a spreadsheet's running header naming the sheet: no number after the word
    ("Annexe - 1\nAnnexe 3", "Annexe 3"),
]


@pytest.mark.parametrize(("head", "label"), ANNEX_HEADINGS)
def test_annex_heading_is_a_title_not_a_sentence(head: str, label: str | None) -> None:
    from delib.extract.page_kinds import annex_label as _annex_label

    assert _annex_label(head) == label


CONVENTION_PAGES = [
    ("Il a été convenu ce qui suit,\nCONVENTION\nPréambule", True),
    ("Annexe 4\nPôle Solidarités\nCONVENTION\nPréambule\nLa présente convention a pour objet", True),
    ("CONVENTION DE PARTENARIAT\nArticle 1 : Objet", True),
    ("Direction de la Culture\nCONVENTION ATTRIBUTIVE DE SUBVENTION N° 2023-14\nArticle 1 : Objet", True),
    ("Le Département et la structure concluent la\nCONVENTION d'objectifs jointe.", False),
    # the header cell "Avenant/convention" wrapped by Calc, on a page of a grant table
    (
        "TERRITOIRE(S) STRUCTURE\nArtois\n"
        + "\n".join(f"Structure {i} {i * 100 + 50},00 €" for i in range(12))
        + "\nAvenant/\nconvention\nTOTAL 1 234,00 €",
        False,
    ),
    ("MONTANT RETENU\nAvenant/\nCONVENTION\n", False),
    ("Le Département signe une convention avec\nconvention\n", False),
]


@pytest.mark.parametrize(("text", "expected"), CONVENTION_PAGES)
def test_convention_title_is_a_heading_not_a_table_header_word(text: str, expected: bool) -> None:
    from delib.extract.page_kinds import is_convention as _is_convention

    assert _is_convention(text) is expected


def test_an_annex_whose_rows_print_a_count_before_the_amount_is_a_grant_annex() -> None:
    # a synthetic Région publication (seed 4242): "Nombre de places" then "Montant attribué" in
    # dot-thousands; "127 297.180,00 EUR" is one number of two separators to find_amounts, so the
    # page held no amount, its annex was read as prose and 77 grants were lost (checks failed)
    rows = [
        ("Centre social Arras Nord", 127, "297.180,00"),
        ("CCAS de Arras", 142, "332.280,00"),
        ("Garage solidaire de Laon", 19, "44.460,00"),
        ("Cœur de Femmes", 21, "49.140,00"),
        ("Garage solidaire de Lille", 45, "105.300,00"),
        ("Mobil’Emploi", 9, "21.060,00"),
        ("Envie", 111, "259.740,00"),
        ("Mission Locale de Lille", 56, "131.040,00"),
        ("Régie de Quartier de Laon", 131, "306.540,00"),
    ]
    page = (
        "Annexe 3\n1. Mobilité inclusive et levée des freins périphériques\n"
        "Action Territoire(s) Structure porteuse Nombre de places Montant attribué Acte\n"
        + "".join(f"{who} {n} {amount} EUR Convention\n" for who, n, amount in rows)
        + "Aisne\nNord\n"
    )
    assert _is_table_page(page)
    prose = (
        "Annexe 2\n"
        + "Cette opération s'inscrit dans la stratégie de prévention, 127 297.180 personnes.\n" * 9
    )
    assert not _is_table_page(prose)
