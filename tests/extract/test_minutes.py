"""Session minutes: item numbers as printed, session headers, other items, movements during the
session, imputations and grant lines in prose.  Strings are those of real minutes
(../shared/real) unless said otherwise."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from delib.extract.dates import day_in_words, year_in_words
from delib.extract.grant_lines import find_grant_lines, find_single_grant
from delib.extract.imputations import find_imputations, imputation_records
from delib.extract.items import _movement, split_decisions
from delib.extract.minutes import (
    classify,
    find_headings,
    find_numbered_headings,
    find_unnumbered_headings,
    session_date,
)
from delib.models import OtherItemKind

# --------------------------------------------------------------------------- numbers as printed
NUMBERED = [
    ("1- Election du 3ème adjoint\nx\n2- Déneigement\ny\n3- Vente des tables\nz", ["1", "2", "3"]),
    (
        "1/ Présentation du budget :\nx\n2/ Travaux sylvicoles ONF\ny\n3/ Annulation de régies\nz",
        ["1", "2", "3"],
    ),
    ("1. Budget - Commune\nx\n2. Indemnité de fonction\ny\n3. Admission en non-valeur\nz", ["1", "2", "3"]),
    (
        "1 Subventions associatives\nx\n2 Décisions modificatives\ny\n3 Tarification cimetière\nz",
        ["1", "2", "3"],
    ),
    (
        "Philippe SAUREL 5. Programme d'Aménagement\nx\nPhilippe SAUREL 6. ZAC Port Marianne\ny\n"
        "Jean-Louis GELY 7. Classes de Découverte\nz",
        ["5", "6", "7"],
    ),
    (
        "DEL2025-91 : Versement subvention\nx\nDEL2025-92 : Rattachement des charges\ny",
        ["DEL2025-91", "DEL2025-92"],
    ),
    (
        "D2018-66 – Tarifs\nx\nD 2018–67 – Cantine\ny\nD2018_68 – Voirie\nz",
        ["D2018-66", "D 2018–67", "D2018_68"],
    ),
    ("2014/183 Attribution\nx\n2014/184 Convention\ny", ["2014/183", "2014/184"]),
    (
        "n° 2014 / 183 Attribution de subventions\nx\nn° 2014 / 184 Convention\ny",
        ["2014 / 183", "2014 / 184"],
    ),
    ("2016.02.16 Subvention à l'association ECD\nx\n2016.02.17 Convention\ny", ["2016.02.16", "2016.02.17"]),
]


@pytest.mark.parametrize(("text", "numbers"), NUMBERED, ids=[n[1][0] for n in NUMBERED])
def test_item_numbers_as_printed(text: str, numbers: list[str]) -> None:
    assert [h.number for h in find_numbered_headings(text)] == numbers


def test_the_rapporteur_printed_before_the_number_is_not_in_the_title() -> None:
    heads = find_numbered_headings(
        "Philippe SAUREL 5. Programme d'Aménagement\nx\nPhilippe SAUREL 6. ZAC\ny\n"
    )
    assert heads[0].rapporteur == "Philippe SAUREL"
    assert heads[0].title == "Programme d'Aménagement"


@pytest.mark.parametrize(
    ("text", "numbers", "body_from"),
    [
        (  # Pierrefonds: the agenda lists 1..3, then the body repeats them with their text and votes
            "ORDRE DU JOUR\n1. Budget - Commune\n2. Repas des aînés\n3. Festival\n"
            "1. Budget - Commune\nLe maire présente le budget.\nVote : Pour à l’unanimité\n"
            "2. Repas des aînés\nLe repas aura lieu le 12 mars.\nVote : Pour à l’unanimité\n"
            "3. Festival\nLes tarifs sont fixés.\nVote : Pour à l’unanimité\n",
            ["1", "2", "3"],
            "Festival",
        ),
        (  # held-out generated minutes (seed 808): "Délibération n° DEL2023-62 : …" in the agenda
            # and again above its item; the agenda's copies were read as items without a vote
            "Ordre du jour :\n"
            "Délibération n° DEL2023-62 : Participation aux frais de l'école de musique\n"
            "Délibération n° DEL2023-63 : Rapport annuel sur le prix de l'eau potable\n"
            "DEL2023-64 – Dénomination de la place du marché\n"
            "* * *\n"
            "Délibération n° DEL2023-62 : Participation aux frais de l'école de musique\n"
            "Le conseil municipal, à l'unanimité, approuve cette proposition.\n"
            "Délibération n° DEL2023-63 : Rapport annuel sur le prix de l'eau potable\n"
            "Adopté par 12 voix pour, 1 voix contre (M. François ROUX).\n"
            "DEL2023-64 – Dénomination de la place du marché\n"
            "Vote : pour à l'unanimité\n",
            ["DEL2023-62", "DEL2023-63", "DEL2023-64"],
            "* * *",
        ),
    ],
)
def test_an_agenda_repeating_the_items_is_not_the_items(
    text: str, numbers: list[str], body_from: str
) -> None:
    heads = find_headings(text)
    assert [h.number for h in heads] == numbers
    assert all(h.start > text.index(body_from) for h in heads)


def test_account_codes_and_table_rows_are_not_item_numbers() -> None:
    text = "1. Budget\nx\n002 Résultat de fonctionnement reporté 223 221 €\n10 Dotations 170 016,21 170 016,21\n2. Tarifs\ny"
    assert [h.number for h in find_numbered_headings(text)] == ["1", "2"]


def test_unnumbered_items_whose_headings_repeat_the_agenda() -> None:
    # the headings of the two-engine fixtures (Bréval): title lines, a rapporteur, no number
    text = (
        "Ordre du jour :\nTarifs de la cantine\nRèglement de la bibliothèque\nQuestions diverses\n***\n"
        "Tarifs de la cantine\nRapporteur : M. Michel DUBOIS\nLe conseil municipal, à l'unanimité, approuve.\n"
        "Règlement de la bibliothèque\nRapporteur : M. Yves MARTIN\n23 pour.\n"
        "Questions diverses\nLe repas des aînés aura lieu le 16 décembre.\n"
    )
    heads = find_headings(text)
    assert [h.title for h in heads] == [
        "Tarifs de la cantine",
        "Règlement de la bibliothèque",
        "Questions diverses",
    ]


# --------------------------------------------------------------------------- session header
HEADERS = [
    ("Commune de Pierrefonds\nConseil Municipal du 4 avril 2016\n", dt.date(2016, 4, 4)),
    ("CR DU CONSEIL MUNICIPAL 26 NOVEMBRE 2021\nPrésents : Jean-Pierre", dt.date(2021, 11, 26)),
    ("Compte rendu de la réunion du Conseil Municipal du 26 mars 2010 \n", dt.date(2010, 3, 26)),
    ("Compte-rendu du Conseil municipal \nSéance publique du lundi 07 février 2011 \n", dt.date(2011, 2, 7)),
    ("L’an deux mille dix-huit, le 10 avril à 20h30, le Conseil Municipal", dt.date(2018, 4, 10)),
    ("L’an deux mille vingt-cinq, dix-huit décembre à dix-neuf heures", dt.date(2025, 12, 18)),
    ("L'an deux mille vingt-trois, le huit juillet à 19 heures", dt.date(2023, 7, 8)),
    # wordings not in ../shared/real: the year in figures, the day before the month and year
    ("Date de convocation : 05/03/2024\nL'an 2024, le 12 mars, le conseil municipal", dt.date(2024, 3, 12)),
    ("Le douze mars deux mil vingt-quatre, à 19 heures, le Conseil Municipal", dt.date(2024, 3, 12)),
    ("Le 1er avril deux mille vingt-trois à 20h30, le conseil municipal", dt.date(2023, 4, 1)),
    # the minutes approved at this session carry another date: never the session's
    (
        "Conseil Municipal du 4 avril 2016\nrappelle que chacun a été destinataire du compte rendu de la séance\n"
        "du 10 mars 2016",
        dt.date(2016, 4, 4),
    ),
]


@pytest.mark.parametrize(("head", "date"), HEADERS, ids=[str(h[1]) for h in HEADERS])
def test_session_date_from_the_session_header(head: str, date: dt.date) -> None:
    assert session_date(head) == date


def test_a_header_that_prints_no_date_gives_none() -> None:
    assert session_date("Approbation du compte rendu de la séance du 28 mai 2023") is None


def test_numbers_in_words() -> None:
    assert year_in_words("deux mille dix-huit") == 2018
    assert year_in_words("deux mil seize") == 2016
    assert [day_in_words(w) for w in ("premier", "huit", "dix-huit", "vingt et un", "trente")] == [
        1,
        8,
        18,
        21,
        30,
    ]


# --------------------------------------------------------------------------- other items
OTHERS = [
    ("Questions diverses", "", OtherItemKind.QUESTIONS_DIVERSES),
    ("Adoption de l’ordre du jour", "", OtherItemKind.AGENDA),
    ("Approbation du procès-verbal de la séance du 3 mars", "", OtherItemKind.MINUTES_APPROVAL),
    ("Désignation du secrétaire de séance", "", OtherItemKind.SECRETARY),
    (
        "Rapport d'activité du syndicat",
        "Le conseil municipal prend acte de cette communication.",
        OtherItemKind.INFORMATION,
    ),
    (
        "Renouvellement du contrat GRDF",
        "Pas de vote. Nous attendrons le prochain conseil.",
        OtherItemKind.OTHER,
    ),
    ("Résultats des sondages", "Pour : 49\nContre : 33", OtherItemKind.INFORMATION),
    ("AFFAIRE RETIREE", "", OtherItemKind.OTHER),
]


@pytest.mark.parametrize(("title", "body", "kind"), OTHERS, ids=[o[0][:20] for o in OTHERS])
def test_items_that_are_not_deliberations(title: str, body: str, kind: OtherItemKind) -> None:
    assert classify(title, body, None) == kind


def test_a_decision_is_a_deliberation() -> None:
    assert (
        classify("Tarification cimetière", "Vote pour la gratuité : Vote : 14 pour / 0 contre", None) is None
    )


# --------------------------------------------------------------------------- sub-decisions
def test_sub_decisions_each_after_its_sub_heading() -> None:
    # Pierrefonds 2016: one numbered heading, several decisions, each voted
    from delib.extract.minutes import Heading

    text = (
        "1. Budget – Commune\n− Approbation du compte de gestion 2015\nLe compte de gestion est conforme.\n"
        "Vote : \n− Pour : 16 \n− Abstentions : 3, Monsieur GOSSOT, Madame DANAN, Madame HUDO \n"
        "− Approbation du compte administratif 2015\nMadame le maire quitte la séance.\n"
        "Vote : \n− Pour : 15 \n− Contre : 3, Monsieur GOSSOT, Madame DANAN, Madame HUDO \n"
    )
    head = Heading(0, len("1. Budget – Commune"), "1", "Budget – Commune")
    decisions = split_decisions(text, head, len(text))
    assert [d.title for d in decisions] == [
        "Approbation du compte de gestion 2015",
        "Approbation du compte administratif 2015",
    ]
    assert [d.number for d in decisions] == [None, None]  # only a printed number is a number


# --------------------------------------------------------------------------- movements
MOVES = [
    ("Mme Benouargha-Jaffiol sort de séance.", -1),
    ("M. Vignal entre en séance.", 1),
    ("Mme Blanpied sort de séance, M. Sudres entre en séance.", 0),
    ("M. Passet avec sa procuration (H. Martin) sort de séance.", -2),
    ("M. Jacques Martin sort de séance et donne sa procuration à M. Lévita.", 0),
    (
        "Messieurs Vignal, Sudres, et Aslanian avec Mme Bigas sortent de séance, Mme le \nMaire, Mmes Beccaria, "
        "Benouargha-Jaffiol entrent en séance.",
        -1,
    ),
    ("Madame le maire quitte la séance.", -1),
]


@pytest.mark.parametrize(("text", "delta"), MOVES, ids=[m[0][:25] for m in MOVES])
def test_arrivals_and_departures_change_the_votes(text: str, delta: int) -> None:
    assert _movement(text, 0, len(text)) == delta


# --------------------------------------------------------------------------- imputations
IMPUTATIONS = [
    (
        "Crédits inscrits au chapitre 920, nature 6574, ligne de crédit 17566",
        ("920", "6574", None, "17566", None),
    ),
    (
        "sur le budget annexe de l’eau, chapitre 67 « charges exceptionnelles », compte 6742.",
        ("67", "6742", None, None, None),
    ),
    (
        "à savoir 198 883.73 € (recettes d’investissement, chapitre 10, compte 1068), de reporter",
        ("10", "1068", None, None, Decimal("198883.73")),
    ),
    (
        "- Report (article 002 de la section de fonctionnement) : 233 221€",
        (None, "002", None, None, Decimal("233221")),
    ),
    ("- Affectation au compte 1068 : 66 645.66 €", (None, "1068", None, None, Decimal("66645.66"))),
    (
        "sur les crédits inscrits au budget 2014 de la Ville au chapitre 928241.",
        ("928241", None, None, None, None),
    ),
    ("imputation 65-6574-025 pour 300 €", ("65", "6574", "025", None, Decimal("300"))),
    (
        "Les crédits seront prélevés sur la ligne 2375, nature 6574, chapitre 928.",
        ("928", "6574", None, "2375", None),
    ),
    (
        "Imputation budgétaire : chapitre 21, article 21318 – 40.400 €.",
        ("21", "21318", None, None, Decimal("40400")),
    ),
]


@pytest.mark.parametrize(("text", "expected"), IMPUTATIONS, ids=[i[0][:30] for i in IMPUTATIONS])
def test_imputations_in_prose(text: str, expected: tuple[object, ...]) -> None:
    found = find_imputations(text)
    assert len(found) == 1
    f = found[0]
    assert (f.codes.chapter, f.codes.nature, f.codes.fonction, f.codes.credit_line, f.amount) == expected


def test_the_annexe_budget_is_named() -> None:
    (f,) = find_imputations(
        "sur le budget annexe de l’eau, chapitre 67 « charges exceptionnelles », compte 6742."
    )
    assert f.budget is not None and f.budget.startswith("annexe") and "eau" in f.budget


def test_an_article_of_a_law_is_not_an_imputation() -> None:
    assert find_imputations("conformément à l'article 2 de la loi du 6 février 1992") == []


# --------------------------------------------------------------------------- grants in prose
def test_grant_lines_and_their_total() -> None:
    text = (
        "Cyclo club (demande non précisée) : Proposition initial d’attribution du conseil municipal  230€ \n"
        "Banque alimentaire (demande 380€) : Proposition initial d’attribution du conseil municipal  380€ \n"
        "Amitié Loisirs Aînés 610 € \n"
        "Association des parents d'élèves ........ 1.100 €\n"
        "Soit un total de 2320€ à ce jour\n"
    )
    lines = find_grant_lines(text)
    grants = [(g.beneficiary, g.amount, g.requested) for g in lines if not g.is_total]
    assert grants == [
        ("Cyclo club", Decimal("230"), None),
        ("Banque alimentaire", Decimal("380"), Decimal("380")),
        ("Amitié Loisirs Aînés", Decimal("610"), None),
        ("Association des parents d'élèves", Decimal("1100"), None),
    ]
    assert [g.amount for g in lines if g.is_total] == [Decimal("2320")]


def test_an_association_named_with_its_article_is_a_grant_line_a_sentence_is_not() -> None:
    # "Les Amis de la bibliothèque ...... 450 €" was dropped (a name may not start with an article,
    # which keeps "La dépense : 1.760 €" out); only the list's total then told (held-out minutes)
    text = (
        "Les Amis de la bibliothèque ............. 450 €\n"
        "LA BOULE CATALANE : 300 €\n"
        "L'Avitarelle ........ 120 €\n"
        "Le Conseil municipal décide d'attribuer 500 €\n"
        "Les crédits ouverts : 200 €\n"
        "La Région : 1 000 €\n"
    )
    grants = [(g.beneficiary, g.amount) for g in find_grant_lines(text) if not g.is_total]
    assert grants == [
        ("Les Amis de la bibliothèque", Decimal("450")),
        ("LA BOULE CATALANE", Decimal("300")),
        ("L'Avitarelle", Decimal("120")),
    ]
    # OCR of a scan whose leaders were erased: one space, no layout; beside another grant line
    # it is a list's row, alone (or a sentence with its verb) it is not
    ocr = (
        "Les Amis de la bibliothèque 450 €\n"
        "Restos du cœur 1.000 €\n"
        "Le Conseil municipal décide d'attribuer 500 €\n"
        "\n"
        "Les Amis du vin 300 €\n"
    )
    grants = [(g.beneficiary, g.amount) for g in find_grant_lines(ocr) if not g.is_total]
    assert grants == [("Les Amis de la bibliothèque", Decimal("450")), ("Restos du cœur", Decimal("1000"))]


def test_a_list_recalled_from_an_earlier_year_is_not_granted() -> None:
    text = "Rappel des demandes 2019, on a donné 3110€ : \nACCA : 60€ \nAmicale sportive 1220€ \n"
    assert [g for g in find_grant_lines(text) if not g.is_total] == []


def test_budget_presentation_lines_are_not_grants() -> None:
    assert find_grant_lines("Fonctionnement : 298 883.73 € \nInvestissement : 257 935.68 € \n") == []


def test_one_grant_in_a_sentence_not_the_amount_requested() -> None:
    # Montpellier 2014-04-24, deliberation 0000071276
    body = (
        "Pour cette édition l’association sollicite la Ville pour une subvention de 75 000 €. Considérant que "
        "le projet peut avoir des répercussions positives, la Ville de Montpellier propose d’attribuer une "
        "subvention de 40 000 € pour aider à l’organisation de la Convention Nationale des Avocats."
    )
    g = find_single_grant("Attribution d'une subvention à la Convention Nationale des Avocats", body)
    assert g is not None
    assert (g.beneficiary, g.amount, g.requested) == (
        "Convention Nationale des Avocats",
        Decimal("40000"),
        Decimal("75000"),
    )


def test_a_grant_request_to_the_state_is_not_a_grant_given() -> None:
    body = "Le conseil municipal sollicite une subvention de 20 000 € au titre de la DETR."
    assert find_single_grant("Demande de subvention DETR", body) is None


def test_a_budget_table_printed_as_text_gives_each_article_its_chapter() -> None:
    # Pierrefonds 13 Jan 2022, décision modificative
    text = (
        "Dépenses\nChapitre 012 – Charges de \npersonnel et frais assimilés\n"
        "Article 6413 - Personnel non titulaire + 6 500 €\nArticle 6451 - Cotisation à l’Urssaf + 3 200 €\n"
        "Article 6453 – Cotisations aux caisses \nde retraite + 11 600 €\nRecettes\n"
        "Chapitre 74 – Dotations et \nparticipations Article 74832 – Attribution du fonds \n"
        "départemental de péréquation + 12 700 €\n"
    )
    assert [(f.codes.chapter, f.codes.nature, f.amount) for f in find_imputations(text)] == [
        ("012", "6413", Decimal("6500")),
        ("012", "6451", Decimal("3200")),
        ("012", "6453", Decimal("11600")),
        ("74", "74832", Decimal("12700")),
    ]


IMPUTATION_ROWS = [
    # Couthenans 26 Nov 2021
    ("Cette ligne sera inscrite dans la partie dépense n°002 (déficit antérieur reporté).", [(None, "002")]),
    # CC des Lisières de l'Oise: two accounts, one under the other
    (
        "Budget principal\nCompte 65736212\nBudget annexe ZA\nCompte 7573622\n",
        [(None, "65736212"), (None, "7573622")],
    ),
    # Ville (Oise) 2010: the carried-over results in a budget table printed as text
    (
        "Reports Restes à réaliser 2009 0 € 0 € \n 002 Résultat de fonctionnement reporté 223 221 € \n",
        [(None, "002")],
    ),
    (" 001 Solde d’exécution d’investissement reporté 0 € 12 120 € \n", [(None, "001")]),
]


@pytest.mark.parametrize(
    ("text", "codes"), IMPUTATION_ROWS, ids=[r[1][0][1] + str(i) for i, r in enumerate(IMPUTATION_ROWS)]
)
def test_imputation_wordings_of_commune_budgets(text: str, codes: list[tuple[str | None, str]]) -> None:
    assert [(f.codes.chapter, f.codes.nature) for f in find_imputations(text)] == codes


def test_a_carried_over_result_keeps_the_amount_that_is_not_zero() -> None:
    (f,) = find_imputations(" 001 Solde d’exécution d’investissement reporté 0 € 12 120 € \n")
    assert f.amount == Decimal("12120")


def test_a_valued_in_kind_grant_is_marked() -> None:
    text = "Comité des fêtes (aide en nature) : mise à disposition de la salle valorisée 450 €\nJudo 700 €\n"
    lines = [g for g in find_grant_lines(text) if not g.is_total]
    assert [(g.beneficiary, g.amount, g.in_kind) for g in lines] == [
        ("Comité des fêtes", Decimal("450"), True),
        ("Judo", Decimal("700"), False),
    ]


def test_a_list_value_under_a_colon_is_not_a_heading() -> None:
    # Ville (Oise) 2016, read through OCR: the elected member under "Commission du budget :"
    text = (
        "Elections de nouveaux délégués aux commissions\nSont élus en remplacement de Madame X :\n"
        "Commission du budget :\nChristophe Carton\nCompte administratif 2015\n"
        "Pour le vote du compte administratif, le maire sort de la salle.\n"
        "Le conseil municipal, à l’unanimité, approuve le compte administratif.\n"
    )
    assert [h.title for h in find_headings(text)] == [
        "Elections de nouveaux délégués aux commissions",
        "Compte administratif 2015",
    ]


def test_a_resignation_is_information() -> None:
    body = "Monsieur le maire expose que Madame X lui a présenté sa démission et qu'il l'a acceptée."
    assert classify("Démission d’un conseiller", body, None) == OtherItemKind.INFORMATION


# --------------------------------------------------------------------------- imputations: what is one line
IMPUTATION_PHENOMENA = [
    # Couthenans 4 June 2021: comptes printed chapter-dot-rest; a movement keeps its amount on the
    # account it leaves
    (
        "CRPP Investissement Charges : +20’000 € au 21.32, vu les prix du bois travaillé\n",
        [("21", "2132", Decimal("20000"))],
    ),
    (
        "CRPA Investissement Recettes :\n   Mouvement de -8’355,59€ du 28.156 AU 28.13 et\n",
        [("28", "28156", Decimal("-8355.59")), ("28", "2813", None)],
    ),
    # CC des Lisières de l'Oise: a "vote du quart" table, the credits of last year then the quarter
    (
        "                 BP 2025                25%\nChapitre 20          675 000.00 €         168 750.00 €\n"
        "Chapitre 204         163 000.00 €          40 750.00 €\n",
        [("20", None, Decimal("168750.00")), ("204", None, Decimal("40750.00"))],
    ),
    # ... several chapters summed, and the chapter of a contract, are no budget line
    (
        "Considérant, le montant des dépenses d’investissement inscrites au BP 2025 pour les chapitres 20,\n"
        "204 et 21 du budget principal soit 5 177 000,00 €,\n",
        [],
    ),
    (
        "Vu le contrat de délégation de service public entré en vigueur le 01/01/2019 et notamment son "
        "chapitre 10 (relatif à la tarification du prix de l’eau).",
        [],
    ),
    # Couthenans 9 April 2021: a budget presentation by two-digit "comptes" (chapters, loosely)
    ("Augmentation du compte 11 de 15 000€ : Investissement ou dépenses de fonctionnement\n", []),
    # the amount of the sentence before, taken up by "Cette ligne", "Les crédits correspondants"
    (
        "le transfert dans le budget communal du déficit de 699.92€.\n"
        "Cette ligne sera inscrite dans la partie dépense n°002 (déficit antérieur reporté).\n",
        [(None, "002", Decimal("699.92"))],
    ),
    (
        "FIXE le montant de la subvention à 4 000 €HT.\nImpacts financiers\nLes crédits correspondants seront "
        "inscrits au budget annexe de l’eau, chapitre 67 « Charges exceptionnelles », compte 6742.",
        [("67", "6742", Decimal("4000"))],
    ),
    # Ville (Oise) 2016 (the scan): each row's own amount after its label, never the row above's
    (
        "Investissement - Article 1068 – excédent de fonctionnement capitalisé : 262 616.85 €\n"
        "Fonctionnement - Article 002 – excédent reporté : 193 019.04 €\n",
        [(None, "1068", Decimal("262616.85")), (None, "002", Decimal("193019.04"))],
    ),
    # Ville (Oise) 2010: the amount after the parenthesis that holds the article
    (
        "     - Réserves (article 1068 de la section d’investissement) : 37 063 €\n"
        "     - Report (article 002 de la section de fonctionnement) : 233 221€\n",
        [(None, "1068", Decimal("37063")), (None, "002", Decimal("233221"))],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), IMPUTATION_PHENOMENA, ids=[str(i) for i in range(len(IMPUTATION_PHENOMENA))]
)
def test_what_is_one_budget_line(
    text: str, expected: list[tuple[str | None, str | None, Decimal | None]]
) -> None:
    assert [(f.codes.chapter, f.codes.nature, f.amount) for f in find_imputations(text)] == expected


def _prov(a: int, b: int) -> dict[str, object]:
    return {"page": 1, "bbox": None, "rule": "test"}


def test_a_recital_of_last_years_credits_is_not_the_decided_line() -> None:
    # CC des Lisières de l'Oise, DEL 2025-96
    text = (
        "                 BP 2025                25%\nChapitre 21          336 900.00 €          84 225.00 €\n"
        "TOTAL                336 900.00 €          84 225.00 €\n\n"
        "Considérant, le montant des dépenses d’investissement inscrites au BP 2025 pour le chapitre 21 du\n"
        "budget annexe Collecte et Traitement des Déchets soit 336 900,00 €,\n"
    )
    assert [(r.chapter, r.amount) for r in imputation_records(text, _prov)] == [("21", Decimal("84225.00"))]


def test_the_sum_of_lines_printed_again_on_their_nature_is_not_a_line() -> None:
    # Montpellier 2014-121: each table's line, then the nature of all of them with their sum
    text = (
        "Total 14 000 €\nLes crédits seront prélevés sur la ligne 17566, nature 6574, chapitre 920 : 14 000 €.\n"
        "Total 6 000 €\nLes crédits seront prélevés sur la ligne 1776, nature 6574, chapitre 924 : 6 000 €.\n"
        "- De prélever ces sommes sur les imputations citées ci-dessus avec la nature 6574 pour un montant "
        "total de 20 000 €.\n"
    )
    assert [(r.credit_line, r.nature) for r in imputation_records(text, _prov)] == [
        ("17566", "6574"),
        ("1776", "6574"),
    ]


# CC des Lisières de l'Oise, DEL 2025-110 (text as the PDF's text layer gives it)
PER_UNIT_BODY = (
    "la participation de la Communauté de Communes des Lisières de l’Oise au financement des \n"
    "spectacles (subvention de 600 € par spectacle) et à l’accueil des équipes ; \n"
    "Le financement total pour l’année 2026 est fixé à 1 800 €, réparti par spectacle conformément au \n"
    "tableau ci-dessous : \nDate Spectacle Commune Lieu Horaire Jauge Détail des coûts Total par \nspectacle\n"
    "22/01/2026 « Le Silence \nde la Mer »\nSaint-Crépin-aux-Bois\n20h 44\n600 € (coût \nfixe) 600 €\n"
    "13/03/2026\n« Alerte \nBlaireau \nDégâts »\nCouloisy Salle Simone \nVeil\n600 € (coût \nfixe) 600 €\n"
    "Nov./Déc. 2026 Festival en \nVoix !\nChelles À préciser À \npréciser À préciser 600 € (coût \nfixe) 600 €\n"
    "TOTAL 2026 1 800 €\nVu le Code Général des Collectivités Territoriales,\n"
)
PER_UNIT_TITLE = (
    "Approbation de la convention de partenariat entre la Communauté de Communes des Lisières de l’Oise et "
    "l’Espace Jean Legendre – 2026"
)


def test_a_grant_per_unit_over_a_table_of_units_gives_one_line_per_row() -> None:
    from delib.extract.grant_lines import find_unit_grants, gives_grants

    assert gives_grants(PER_UNIT_TITLE, PER_UNIT_BODY)
    lines = find_unit_grants(PER_UNIT_TITLE, PER_UNIT_BODY)
    assert [(g.beneficiary, g.amount, g.is_total) for g in lines] == [
        ("Espace Jean Legendre", Decimal("600.00"), False),
        ("Espace Jean Legendre", Decimal("600.00"), False),
        ("Espace Jean Legendre", Decimal("600.00"), False),
        ("TOTAL", Decimal("1800.00"), True),
    ]
    assert all(PER_UNIT_BODY[g.start : g.end].startswith("600 €") for g in lines[:3])


def test_per_unit_rows_that_do_not_make_the_printed_total_give_nothing() -> None:
    from delib.extract.grant_lines import find_unit_grants

    assert (
        find_unit_grants(PER_UNIT_TITLE, PER_UNIT_BODY.replace("TOTAL 2026 1 800 €", "TOTAL 2026 2 400 €"))
        == []
    )


# Pierrefonds, 4 April 2016, item 5 (text as the PDF's text layer gives it)
BLOCK_ROWS = (
    "Il s’agit de : \nNom / Prénom / Adresse Montant des travaux Subvention de l’Agence de \nl’Eau \n"
    "M. Eric BURLET \n6, Sente Fontaine Vanière \n60350 PIERREFONDS \n4023.64 € TTC 3500 € TTC \n"
    "M. et Mme DELACOURT \n4, Sente Fontaine Vanière \n60350 PIERREFONDS \n2841.12 € TTC 2841.12 € TTC \n"
    "Le montant de la subvention est plafonné à 3500 € (4500 € en cas de nécessité de déconnexion de \n"
)


def test_a_table_printed_as_blocks_gives_the_column_named_as_the_grant() -> None:
    from delib.extract.grant_lines import find_block_rows, gives_grants

    rows = find_block_rows(BLOCK_ROWS)
    assert [(g.beneficiary, g.amount) for g in rows] == [
        ("M. Eric BURLET", Decimal("3500")),
        ("M. et Mme DELACOURT", Decimal("2841.12")),
    ]
    assert all(BLOCK_ROWS[g.start : g.end].endswith("€") for g in rows)
    assert gives_grants(
        "Raccordement au réseau – Bois d’Haucourt",
        "− Reversement aux particuliers de la subvention de l’Agence de l’Eau\n",
    )


def test_blocks_whose_amounts_do_not_fill_the_columns_give_nothing() -> None:
    from delib.extract.grant_lines import find_block_rows

    assert find_block_rows(BLOCK_ROWS.replace("4023.64 € TTC 3500 € TTC", "3500 € TTC")) == []
    # a first beneficiary with a short name is not taken for the end of a wrapped heading
    short = "Nom Subvention \nACCA \n60 € \nJudo club \n700 € \n"
    assert [(g.beneficiary, g.amount) for g in find_block_rows(short)] == [
        ("ACCA", Decimal("60")),
        ("Judo club", Decimal("700")),
    ]


# Grant tables printed as text under a header naming their amount columns (wordings of commune
# compte-rendus; not from ../shared/real, which prints none with several amount columns)
COLUMN_TABLES = [
    (
        "Associations Rappel 2023 Proposition 2024\nComité des fêtes 500 € 600 €\nACCA 150 € 150 €\n"
        "TOTAL 650 € 750 €\n",
        [("Comité des fêtes", "600.00", None), ("ACCA", "150.00", None)],
        "750.00",
    ),
    (
        "Association Demandé Accordé\nComité des fêtes 800 € 600 €\nACCA 200 € 150 €\n",
        [("Comité des fêtes", "600.00", "800.00"), ("ACCA", "150.00", "200.00")],
        None,
    ),
    (
        "Associations Montant 2023 Montant 2024\nComité des fêtes 600,00 700,00\nACCA 1 150 1 150\n"
        "Total 1 750 1 850\nLe conseil municipal, après en avoir délibéré, accepte à l’unanimité.\n",
        [("Comité des fêtes", "700.00", None), ("ACCA", "1150.00", None)],
        "1850.00",
    ),
    (
        "Associations Montant\nComité des fêtes 600,00\nACCA 150,00\nTotal 750,00\n",
        [("Comité des fêtes", "600.00", None), ("ACCA", "150.00", None)],
        "750.00",
    ),
]


@pytest.mark.parametrize(
    ("text", "grants", "total"), COLUMN_TABLES, ids=[str(i) for i in range(len(COLUMN_TABLES))]
)
def test_the_granted_column_of_a_text_table_is_the_grant(
    text: str, grants: list[tuple[str, str, str | None]], total: str | None
) -> None:
    from delib.extract.grant_lines import find_column_table

    rows = find_column_table(text)
    assert [
        (g.beneficiary, str(g.amount), str(g.requested) if g.requested else None)
        for g in rows
        if not g.is_total
    ] == grants
    assert [str(g.amount) for g in rows if g.is_total] == ([total] if total else [])


def test_fonctionnement_and_investissement_columns_are_two_grants_never_summed() -> None:
    from delib.extract.grant_lines import find_column_table

    rows = find_column_table(
        "Bénéficiaire Fonctionnement Investissement\nClub de football 1 200 € 3 000 €\nJudo 500 € 0 €\n"
    )
    assert [(g.beneficiary, str(g.amount), g.nature) for g in rows] == [
        ("Club de football", "1200.00", "fonctionnement"),
        ("Club de football", "3000.00", "investissement"),
        ("Judo", "500.00", "fonctionnement"),
    ]


def test_counts_under_a_one_column_header_are_not_grant_cells() -> None:
    from delib.extract.grant_lines import find_column_table

    # Pierrefonds 2018: each grant line of "ASSOCIATIONS Subventions 2018" has its vote under it
    assert (
        find_column_table(
            "ASSOCIATIONS Subventions 2018 \nAmitié Loisirs Aînés 610 € \nVote : \n Pour : 14 \n"
        )
        == []
    )


# Heading wordings of commune minutes not in ../shared/real (each item followed by its decision)
_BODY = "Le conseil municipal approuve.\nVote : 14 pour / 0 contre / 0 abstention\n"
HEADING_WORDINGS = {
    "Point n°1 :": (
        "".join(f"Point n°{i} : Objet numéro {i} du conseil\n{_BODY}" for i in range(1, 4)),
        ["1", "2", "3"],
    ),
    "1°)": ("".join(f"{i}°) Objet numéro {i} du conseil\n{_BODY}" for i in range(1, 4)), ["1", "2", "3"]),
    "roman": (
        "".join(
            f"{r}. Objet numéro {i} du conseil\n{_BODY}" for i, r in enumerate(["I", "II", "III", "IV"], 1)
        ),
        ["I", "II", "III", "IV"],
    ),
    "n°1/2024": (
        "".join(f"Délibération n°{i}/2024 – Objet numéro {i} du conseil\n{_BODY}" for i in range(1, 4)),
        ["1/2024", "2/2024", "3/2024"],
    ),
    "roman sections above numbered items": (
        "I. FINANCES\n"
        + "".join(f"{i}. Objet numéro {i} du conseil\n{_BODY}" for i in range(1, 3))
        + "II. URBANISME\n"
        + "".join(f"{i}. Objet numéro {i} du conseil\n{_BODY}" for i in range(3, 5)),
        ["1", "2", "3", "4"],
    ),
    "Objet :": (
        "".join(f"Objet : Objet numéro {i} du conseil\n{_BODY}" for i in range(1, 4)),
        [None, None, None],
    ),
}


@pytest.mark.parametrize(("text", "numbers"), list(HEADING_WORDINGS.values()), ids=list(HEADING_WORDINGS))
def test_heading_wordings(text: str, numbers: list[str | None]) -> None:
    heads = find_headings(text)
    assert [h.number for h in heads] == numbers
    assert all(h.title.startswith("Objet numéro") for h in heads)  # never "Vote : 14 pour …"


# A grant given in a sentence: the wordings of commune minutes (not in ../shared/real but the first)
GRANT_SENTENCES = [
    (
        "Le conseil municipal décide d'octroyer une subvention exceptionnelle de 500 € à l'association Les Amis "
        "de l'école pour son voyage.",
        [("Les Amis de l'école", "500.00")],
    ),
    (
        "Le conseil municipal décide d'attribuer à l'association sportive une subvention de 1 500 euros.",
        [("association sportive", "1500.00")],
    ),
    ("Le conseil municipal vote une subvention de 10 000 € au CCAS.", [("CCAS", "10000.00")]),
    (
        "Le conseil municipal attribue 300 € au Comité des fêtes et 200 € à l'ACCA.",
        [("Comité des fêtes", "300.00"), ("ACCA", "200.00")],
    ),
    (
        "Une aide financière de 250 € est accordée à M. Dupont pour l'achat d'un vélo électrique.",
        [("M. Dupont", "250.00")],
    ),
    # not given: a request to another body, a grant of an earlier year
    ("Le conseil municipal sollicite une subvention de 20 000 € auprès du Département.", []),
    ("Rappel : l'an dernier, le conseil a attribué une subvention de 300 € à l'ACCA.", []),
]


@pytest.mark.parametrize(
    ("text", "grants"), GRANT_SENTENCES, ids=[str(i) for i in range(len(GRANT_SENTENCES))]
)
def test_grant_sentences(text: str, grants: list[tuple[str, str]]) -> None:
    from delib.extract.grant_lines import find_grant_sentences

    assert [(g.beneficiary, str(g.amount)) for g in find_grant_sentences(text)] == grants


def test_a_row_of_a_grant_list_the_reader_skips_is_counted() -> None:
    from delib.extract.grant_lines import find_grant_lines, unread_rows

    text = (
        "Amitié Loisirs Aînés 610 €\nA.C.P.G. : 320 € \n"
        "U.N.C. pour la commémoration du 8 mai et du 11 novembre, 320 €\nComité des Fêtes 2000 €\n"
    )
    lines = find_grant_lines(text)
    assert "U.N.C." not in [g.beneficiary[:6] for g in lines]  # a row too wordy to be a grant line
    assert [text[a:b] for a, b in unread_rows(text, lines)] == [
        "U.N.C. pour la commémoration du 8 mai et du 11 novembre, 320 €"
    ]
    # every row read: nothing to say
    assert unread_rows(text, [g for g in find_grant_lines(text.replace("U.N.C. pour la", "U.N.C."))]) == []


def test_a_heading_behind_a_margin_name_misread_fills_the_gap_in_the_numbers() -> None:
    """Read by rows, a margin column puts the rapporteur before the heading; OCR misread a letter
    of it (``Madamé``), so the heading grammar did not know it and item 12 was lost into 11."""
    text = (
        "Madame Isabelle 11- Travaux de la salle des fêtes : choix de l'entreprise\n"
        "PERRIN\nLe conseil municipal, à l'unanimité, approuve.\n"
        "Madamé Isabelle 12- Programme de voirie 2021 : rue des Tilleuls\n"
        "PERRIN\nImputation budgétaire : chapitre 011, article 6156 — 89 650,00 €.\n"
        "Vote : pour à l'unanimité\n"
        "Monsieur Paul 13- Tarifs de la cantine scolaire\nDUPONT\nVote : pour à l'unanimité\n"
        "Monsieur Paul 14- Questions de la piscine intercommunale\nDUPONT\nVote : pour à l'unanimité\n"
    )
    heads = find_numbered_headings(text)
    assert [h.number for h in heads] == ["11", "12", "13", "14"]
    assert heads[1].title.startswith("Programme de voirie 2021")
    # a number that stands twice in the gap, or in a sentence, is no heading
    twice = text.replace("PERRIN\nImputation", "Madamé Isabelle 12- Voir aussi le Programme\nImputation")
    assert [h.number for h in find_numbered_headings(twice)] == ["11", "13", "14"]


def test_the_credits_are_inscribed_takes_the_amount_of_the_sentence_before() -> None:
    # held-out generated minutes (seeds 505, 606): the list's total, then a sentence of its own
    # naming the imputation; the amount was left empty
    text = (
        "Coopérative scolaire .................... 500 €\n"
        "Soit un total de 8.910 €.\n"
        "Les crédits sont inscrits au budget primitif 2022, chapitre 65, article 6574.\n"
    )
    assert [(f.codes.chapter, f.codes.nature, f.amount) for f in find_imputations(text)] == [
        ("65", "6574", Decimal("8910"))
    ]
    # credits with their own amount keep it
    own = "Les crédits nécessaires (2 700,00 €) sont inscrits au chapitre 21, compte 21318.\n"
    assert [f.amount for f in find_imputations("Total 9 000 €.\n" + own)] == [Decimal("2700")]


def test_a_given_name_in_the_margin_before_the_number_keeps_the_items_numbered() -> None:
    # held-out generated minutes (seed 2020): the rapporteur's given name alone in a margin column
    # printed on the heading's line ("Yves 3- Tarifs …"); only the "M. le Maire" ones were read,
    # the others fell to unnumbered headings, 24 items silently wrong
    text = (
        "Ordre du jour :\n1- Désignation du secrétaire\n2- Tarifs des concessions du cimetière\n"
        "3- Création d’un poste d’adjoint technique\n4- Questions diverses\n* * *\n"
        "M. le Maire 1- Désignation du secrétaire\nMathieu est désigné secrétaire de séance.\n"
        "Yves 2- Tarifs des concessions du cimetière\nPour : 19\nContre : 4\nAdopté à la majorité\n"
        "Jean-Pierre 3- Création d’un poste d’adjoint technique\nVote : 21 pour / 2 contre adopté\n"
        "Article 4 - Le Maire est chargé de l'exécution de la présente délibération.\n"
        "M. le Maire 4- Questions diverses\nRien.\n"
    )
    heads = [h for h in find_headings(text) if h.start > text.index("* * *")]
    assert [(h.number, h.rapporteur) for h in heads] == [
        ("1", "M. le Maire"),
        ("2", "Yves"),
        ("3", "Jean-Pierre"),
        ("4", "M. le Maire"),
    ]


def test_a_title_that_opens_with_vote_des_is_a_heading_not_a_vote_line() -> None:
    # held-out generated minutes (seed 3007): "VOTE DES TAUX DES TAXES LOCALES 2022" was taken for
    # a vote line, its item lost and its vote given to the item above (12/2/0 for 11/0/3)
    text = (
        "RÈGLEMENT INTÉRIEUR DE LA BIBLIOTHÈQUE MUNICIPALE\nRapporteur : M. Stéphane MOREAU\n"
        "Le conseil municipal examine le règlement.\nVote : 11 pour / 0 contre / 3 abstentions adopté\n"
        "VOTE DES TAUX DES TAXES LOCALES 2022\nRapporteur : M. Yves MARTINEZ\n"
        "Le Maire expose au conseil municipal le projet.\nVote : 12 pour / 2 contre / 0 abstention adopté\n"
        "ADHÉSION AU GROUPEMENT DE COMMANDES\nLe conseil municipal, à l'unanimité, approuve.\n"
    )
    titles = [h.title for h in find_headings(text)]
    assert titles == [
        "RÈGLEMENT INTÉRIEUR DE LA BIBLIOTHÈQUE MUNICIPALE",
        "VOTE DES TAUX DES TAXES LOCALES 2022",
        "ADHÉSION AU GROUPEMENT DE COMMANDES",
    ]


def test_a_session_date_wrapped_before_its_year_is_read() -> None:
    # held-out generated minutes (seed 3004, Chromium's print): "… du Conseil Municipal du 12
    # octobre" / "2019"; every item of the session had no date
    head = (
        "Commune de Fontaine-Guérin\r\nCompte rendu de la réunion du Conseil Municipal du 12 octobre\r\n"
        "2019\r\nPrésents : M. Gérard MATHIEU\r\n"
        "Approbation du compte rendu de la séance du 20 septembre 2019\r\n"
    )
    assert session_date(head) == dt.date(2019, 10, 12)
    # or between its day and its month (seed 4004)
    head = "Compte rendu de la réunion du Conseil Municipal du 20\r\nnovembre 2023\r\nPrésents : M. Patrick DAVID\r\n"
    assert session_date(head) == dt.date(2023, 11, 20)


def test_a_session_date_behind_a_misread_word_is_read() -> None:
    # an unseen scan (seed 3004): "Conseil Municipal" read "Conseil DEN"
    head = (
        "Commune de Fontaine-Guérin \r\nCompte rendu de la réunion du Conseil DEN du 12 octobre \r\n2019 \r\n"
    )
    assert session_date(head) == dt.date(2019, 10, 12)


def test_a_margin_heading_whose_dash_ocr_lost_or_read_as_a_colon_chains() -> None:
    # an unseen scan (seed 2020): "Agnès 14 Modification …", "Marc 12: Réfection …"
    text = (
        "Mathieu 11- Dénomination de la place du marché\nPour : 24\nAdopté à la majorité\n"
        "Marc 12: Réfection de la toiture de l’église\nPour : 2\nLa proposition est rejetée.\n"
        "Yves 13- Adhésion au groupement de commandes\nPour : 22\nAdopté à la majorité\n"
        "Agnès 14 Modification des statuts de la communauté\nPour : 21\nAdopté à la majorité\n"
    )
    assert [h.number for h in find_numbered_headings(text)] == ["11", "12", "13", "14"]


def test_a_budget_act_whose_text_is_only_its_table_is_an_item() -> None:
    # Ville 2010: "SERVICE ASSAINISSEMENT – BUDGET PRIMITIF 2010" over its table, no sentence;
    # its table's header line was taken for a heading and the item lost
    text = (
        "SERVICE ASSAINISSEMENT – AFFECTATION DES RESULTATS\n"
        "Le conseil municipal décide à l’unanimité d’affecter les résultats comme suit :\n"
        "- Déficit Reporté (article 002) : 3 644 €\n-\n"
        "SERVICE ASSAINISSEMENT – BUDGET PRIMITIF 2010\nSection de fonctionnement\n DEPENSES RECETTES \n"
        "Voté Crédits de fonctionnement 50 533 € 54 177 €\n TOTAL 54 177 € 54 177 €\n"
        "PRÊT DE LA PETITE SALLE\nLe conseil municipal, à l’unanimité, accepte.\n"
    )
    titles = [h.title for h in find_unnumbered_headings(text, 0)]
    assert titles == [
        "SERVICE ASSAINISSEMENT – AFFECTATION DES RESULTATS",
        "SERVICE ASSAINISSEMENT – BUDGET PRIMITIF 2010",
        "PRÊT DE LA PETITE SALLE",
    ]


LISTE_HEAD = (
    "COMMUNE DE SAINT-MARTIN\nLISTE DES DÉLIBÉRATIONS\nSéance du conseil municipal du 15 décembre 2022\n"
)


@pytest.mark.parametrize(
    ("line", "title", "counts", "adopted", "unanimous"),
    [
        ("N° 2022-085 Budget principal – Décision modificative n°3 : adoptée à l'unanimité",
         "Budget principal – Décision modificative n°3", (None, None, None), True, True),
        ("N° 2022-085 Subvention au Comité des fêtes : adoptée par 18 voix pour, 2 contre et 1 abstention",
         "Subvention au Comité des fêtes", (18, 2, 1), True, False),
        ("N° 2022-085 Tarifs communaux 2023 – Adoptés à l'unanimité", "Tarifs communaux 2023",
         (None, None, None), True, True),
        ("N° 2022-085 Convention avec le SDIS (rejetée par 12 voix contre, 9 pour)", "Convention avec le SDIS",
         (9, 12, None), False, False),
        ("N° 2022-085 Vente du terrain communal. Adopté à la majorité (18 pour, 3 contre)",
         "Vente du terrain communal", (18, 3, None), True, False),
    ],
)  # fmt: skip
def test_a_decision_printed_on_the_heading_line_is_the_items_vote(
    line: str, title: str, counts: tuple[int | None, ...], adopted: bool, unanimous: bool
) -> None:
    # a liste des délibérations prints each item's decision after its title, on one line
    from delib.extract.items import read_minutes

    nxt = "N° 2022-086 Désignation d'un délégué au syndicat des eaux : adoptée à l'unanimité\n"
    r = read_minutes([LISTE_HEAD + line + "\n" + nxt], None)
    assert r is not None
    first, second = r.deliberations
    assert (first.number, first.title) == ("2022-085", title)
    assert first.vote is not None and second.vote is not None
    assert (first.vote.for_, first.vote.against, first.vote.abstention) == counts
    assert (first.vote.adopted, first.vote.unanimous) == (adopted, unanimous)
    assert (second.number, second.title, second.vote.unanimous) == (
        "2022-086",
        "Désignation d'un délégué au syndicat des eaux",
        True,
    )


@pytest.mark.parametrize(
    "title",
    [
        "Avenant à la convention approuvée par délibération du 3 mai 2021",
        "Modification du règlement intérieur adopté le 12 mars 2020",
        "Compte administratif 2022 – vote",
        "Vote des taux d'imposition 2023",
    ],
)
def test_a_title_that_only_mentions_a_decision_keeps_it(title: str) -> None:
    from delib.extract.minutes import Heading, split_decision

    text = f"1. {title}\nPour : 15 – Contre : 0\n"
    h = Heading(0, len(f"1. {title}"), "1", title)
    assert split_decision(text, h) == h


@pytest.mark.parametrize(
    ("title", "grant"),
    [
        ("Subvention exceptionnelle de 2 500,00 € à l’association Les Amis de la bibliothèque",
         ("Les Amis de la bibliothèque", "2500.00")),
        ("Subvention à l'Association des parents d'élèves : 325 €", ("Association des parents d'élèves", "325.00")),
        ("Subvention au Comité des fêtes (800 €)", ("Comité des fêtes", "800.00")),
        ("Attribution d'une subvention de 1500 euros au club de football", ("club de football", "1500.00")),
        # not grants given: a request to another body, a loan, two amounts
        ("Demande de subvention auprès du Département pour le city-stade : 20.000,00 €", None),
        ("Réalisation d'un emprunt de 440 000 € auprès de la Caisse des dépôts", None),
        ("Subvention de 500 € au club de judo et de 300 € au club de tennis", None),
    ],
)  # fmt: skip
def test_a_grant_named_by_the_title(title: str, grant: tuple[str, str] | None) -> None:
    from delib.extract.grant_lines import find_title_grant

    found = find_title_grant(title)
    assert (None if found is None else (found.beneficiary, str(found.amount))) == grant


def test_a_liste_item_whose_title_gives_a_grant() -> None:
    from delib.extract.items import read_minutes

    text = (
        LISTE_HEAD + "N° 2022-085 Subvention au Comité des fêtes (800 €) : adoptée à l'unanimité\n"
        "N° 2022-086 Tarifs communaux 2023 : adoptés à l'unanimité\n"
    )
    r = read_minutes([text], None)
    assert r is not None
    first, second = r.deliberations
    assert [(g.beneficiary, g.amount) for g in first.grants] == [("Comité des fêtes", Decimal("800.00"))]
    assert first.grants[0].rule == "grants.title.v1" and first.grants[0].page == 1
    assert second.grants == []


def test_a_liste_table_whose_numbers_stand_alone_in_their_cells() -> None:
    from delib.extract.items import read_minutes

    text = (
        LISTE_HEAD + "N° Titre de la délibération Décision du conseil\n"
        "1\nRenouvellement de la convention de fourrière animale Unanimité\n"
        "2 Tarifs de la cantine scolaire pour l’année 2025 Adopté par 22 voix pour, 3 \ncontre et 1 abstention\n"
        "3\nSubvention de 2.000,00 € à la coopérative scolaire de \nl’école Jean Moulin pour une classe de découverte\n"
        "Unanimité\n"
    )
    r = read_minutes([text], None)
    assert r is not None
    got = [(d.number, d.title, d.vote.unanimous if d.vote else None) for d in r.deliberations]
    assert got == [
        ("1", "Renouvellement de la convention de fourrière animale", True),
        ("2", "Tarifs de la cantine scolaire pour l’année 2025", False),
        ("3", "Subvention de 2.000,00 € à la coopérative scolaire de l’école Jean Moulin pour une classe de découverte", True),
    ]  # fmt: skip
    assert [(g.beneficiary, str(g.amount)) for g in r.deliberations[2].grants] == [
        ("coopérative scolaire de l’école Jean Moulin", "2000.00")
    ]
    # without a liste header, a number alone on its line is no heading (a page number)
    plain = read_minutes([LISTE_HEAD + "1\nRenouvellement de la convention\n"], None)
    assert plain is None or all(d.number != "1" for d in plain.deliberations)


def test_a_liste_whose_items_carry_no_number() -> None:
    from delib.extract.items import read_minutes

    text = (
        "Communauté de communes Terres de Champagne\nLISTE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE\n"
        "Conseil communautaire du mardi 08/11/2022\n"
        "Secrétaire de séance : M. Marc MOREAU\n"
        "Rapport de la commission locale d'évaluation des charges transférées : approbation (adoptée à la \n"
        "majorité (36 pour, 1 contre, 3 abstentions))\n"
        "Programme local de l'habitat : avis sur le projet arrêté (adoptée à l'unanimité)\n"
        "Débat d'orientation budgétaire 2023 (le conseil prend acte de la tenue du débat)\n"
    )
    r = read_minutes([text], None)
    assert r is not None
    got = [(d.number, d.title, d.vote.for_ if d.vote else None) for d in r.deliberations]
    assert got == [
        (None, "Rapport de la commission locale d'évaluation des charges transférées : approbation", 36),
        (None, "Programme local de l'habitat : avis sur le projet arrêté", None),
    ]
    assert [o.title for o in r.other_items if o.kind != "secretary"] == [
        "Débat d'orientation budgétaire 2023"
    ]


def test_a_liste_title_running_on_to_its_decision_line_and_grants_listed_in_a_title() -> None:
    from delib.extract.grant_lines import find_title_grants
    from delib.extract.items import read_minutes

    text = (
        LISTE_HEAD
        + "Délibération n° 2025-087 : Subvention de 1 200,00 € à la coopérative scolaire de l'école \n"
        "Jean Moulin pour une classe de découverte\nAdoptée par 31 voix pour, 1 contre et 3 abstentions\n"
        "Délibération n° 2025-088 : Attribution de subventions au Tennis club (3.500,00 €) et à l'Amicale des\n"
        "sapeurs-pompiers (300 euros) (Pour : 32 ; Contre : 0\n; Abstentions : 1 ; Approuvée)\n"
    )
    r = read_minutes([text], None)
    assert r is not None
    first, second = r.deliberations
    assert first.title.endswith("de l'école Jean Moulin pour une classe de découverte")
    assert [(g.beneficiary, str(g.amount)) for g in first.grants] == [
        ("coopérative scolaire de l'école Jean Moulin", "1200.00")
    ]
    assert first.vote is not None and (first.vote.for_, first.vote.against, first.vote.abstention) == (
        31,
        1,
        3,
    )
    assert [(g.beneficiary, str(g.amount)) for g in second.grants] == [
        ("Tennis club", "3500.00"),
        ("Amicale des sapeurs-pompiers", "300.00"),
    ]
    assert second.vote is not None and (second.vote.for_, second.vote.abstention) == (32, 1)
    # an Association whose name is its noun keeps it; two amounts for one name give nothing
    assert [
        g.beneficiary for g in find_title_grants("Subvention de 750,00 € à l'Association Familles rurales")
    ] == ["Association Familles rurales"]
    assert find_title_grants("Subvention de 500 € au club de judo, montant porté à 800 €") == []


def test_an_unnumbered_item_between_numbered_ones_in_a_liste() -> None:
    from delib.extract.items import read_minutes

    text = (
        LISTE_HEAD + "N° 2025-076 : Rapport annuel sur le prix et la qualité de l'eau\nUnanimité\n"
        "Débat d'orientation budgétaire 2026\nDébat tenu – prend acte\n"
        "N° 2025-077 : Décision modificative n° 1 du budget principal\nAdoptée à la majorité\n"
        "N° 2025-078 : Tarifs communaux 2026\nAdoptés par 20 voix pour et 3 contre\n"
    )
    r = read_minutes([text], None)
    assert r is not None
    assert [d.number for d in r.deliberations] == ["2025-076", "2025-077", "2025-078"]
    assert [(o.kind, o.number) for o in r.other_items if o.title.startswith("Débat")] == [
        ("information", None)
    ]


def test_a_stated_total_wrapped_inside_its_digits() -> None:
    from delib.extract.grant_lines import find_stated_total

    found = find_stated_total("chapitre 65, article 6574, pour un montant total de 1 \n850 €.\n")
    assert found is not None and found.amount == Decimal("1850.00")
    assert find_stated_total("pour un montant total de 1 850 €.\n") is not None


def test_liste_decision_lines_that_close_their_statement() -> None:
    from delib.extract.items import read_minutes

    text = (
        LISTE_HEAD + "N° Objet Pour Contre Abst. Décision\n"
        "2023/93\nVersement d’une subvention de fonctionnement\nde 450 € au CCAS pour 2023\n13 1 1 Adoptée\n"
        "2023/94\nTarifs communaux 2024\nPour : 12 ; Contre : 0 ; Abstention : 0 ; Ne prend pas part au vote : 1\n"
        "2023/95\nDemande de subvention au titre de la DETR 2024 (88 000 euros)\n"
        "Décision : approuvé à l'unanimité des membres présents et représentés\n"
        "Débat d'orientation budgétaire 2024\nDécision : le conseil prend acte de la tenue du débat\n"
    )
    r = read_minutes([text], None)
    assert r is not None
    first, second, third = r.deliberations
    assert first.title == "Versement d’une subvention de fonctionnement de 450 € au CCAS pour 2023"
    assert [(g.beneficiary, str(g.amount)) for g in first.grants] == [("CCAS", "450.00")]
    assert second.vote is not None and (second.vote.for_, second.vote.not_voting) == (12, 1)
    assert third.vote is not None and third.vote.unanimous and third.grants == []
    assert [o.kind for o in r.other_items if o.title.startswith("Débat")] == ["information"]


def test_an_item_number_skipped_is_flagged_and_a_wrapped_decision_is_no_attendance_line() -> None:
    from delib.extract.items import number_gaps, read_minutes

    gaps = number_gaps([("2022-104", 1), ("2022-106", 2), ("1", 1), ("2", 1), ("5", 3)])
    assert {(p.raw, p.page) for p in gaps} == {
        ("2 → 5", 1),
        ("2 → 5", 3),
        ("2022-104 → 2022-106", 1),
        ("2022-104 → 2022-106", 2),
    }
    assert all(p.kind == "item_number_gap" for p in gaps)
    assert number_gaps([("1", 1), ("2", 1), ("3", 2), (None, 2), ("DEL2025-17", 2), ("DEL2025-18", 3)]) == []
    text = (
        LISTE_HEAD + "N°1 – Attribution des subventions aux associations locales. Ajournée\n"
        "N°2 – Adhésion au syndicat départemental d'énergie. Adoptée à l'unanimité des membres\n"
        "présents et représentés\n"
        "N°3 – Tarifs communaux 2025. Adoptée à l'unanimité des membres\nprésents et représentés\n"
    )
    r = read_minutes([text], None)
    assert r is not None
    assert [d.number for d in r.deliberations] == ["2", "3"]
    assert [o.number for o in r.other_items] == ["1"]


def test_an_unnumbered_liste_whose_decisions_stand_on_their_own_lines() -> None:
    from delib.extract.items import read_minutes

    text = (
        "Mairie de Montigny-le-Vieux\nLISTE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nRéunion du 12 juin 2023 à 19h00\n"
        "Participation aux frais de fonctionnement de l'école de musique \nintercommunale\n"
        "Résultat : reportée à une séance ultérieure\n"
        "Attribution d'une subvention de 1 000 euros au Comité de jumelage\n"
        "Résultat : adoptée à l'unanimité des votants\n"
        "Création d'un poste d'adjoint technique territorial\nRésultat : adoptée par 15 voix pour et 3 contre\n"
    )
    r = read_minutes([text], None)
    assert r is not None
    got = [(d.title, d.vote.for_ if d.vote else None) for d in r.deliberations]
    assert got == [
        ("Attribution d'une subvention de 1 000 euros au Comité de jumelage", None),
        ("Création d'un poste d'adjoint technique territorial", 15),
    ]
    assert [(g.beneficiary, str(g.amount)) for g in r.deliberations[0].grants] == [
        ("Comité de jumelage", "1000.00")
    ]
    assert [o.kind for o in r.other_items] == ["other"]


def test_a_grant_in_a_title_in_capitals_and_one_no_reading_takes_is_flagged() -> None:
    from delib.extract.grant_lines import find_title_grants
    from delib.extract.items import read_minutes

    assert [
        (g.beneficiary, str(g.amount)) for g in find_title_grants("SUBVENTION DE 1 200 EUROS AU JUDO CLUB")
    ] == [("JUDO CLUB", "1200.00")]
    # two amounts for one beneficiary: no grant read, and the item says so
    text = (
        LISTE_HEAD + "N° 2022-085 Subvention au club de judo : 500 € puis 800 € : adoptée à l'unanimité\n"
        "N° 2022-086 Tarifs communaux 2023 : adoptés à l'unanimité\n"
    )
    r = read_minutes([text], None)
    assert r is not None
    d = r.deliberations[0]
    assert d.grants == [] and [p.kind for p in d.problems] == ["grants_not_read"]


def test_n_degree_alone_on_its_line_and_a_parenthesis_closed_on_the_next() -> None:
    from delib.extract.items import read_minutes

    text = (
        LISTE_HEAD + "N° 1\nApprobation du procès-verbal de la séance précédente\nAdoptée à l'unanimité\n"
        "N° 2\nRecours à du personnel vacataire pour l'accueil périscolaire\nAdopté à l'unanimité\n"
        "N° 3\nInstauration du droit de préemption urbain (Pour : 17 / Contre : 3 / Abstention : 0 / \nAdopté)\n"
    )
    r = read_minutes([text], None)
    assert r is not None
    got = [(d.number, d.vote.for_ if d.vote else None) for d in r.deliberations]
    assert got == [("2", None), ("3", 17)]
    assert r.deliberations[1].title == "Instauration du droit de préemption urbain"


def test_an_unnumbered_liste_whose_counts_wrap_onto_the_next_line() -> None:
    from delib.extract.items import read_minutes

    text = (
        "Communauté de communes Terres de Champagne\nListe des délibérations examinées\nSéance du 12/06/2025\n"
        "Création d’un poste de chargé de mission mobilité : approuvée à l’unanimité des votants\n"
        "Subvention de 300 € à la coopérative scolaire de l’école Jean Moulin pour une classe de découverte : Pour : 19 ; \n"
        "Contre : 5 ; Abstentions : 3 ; M. Jean-Pierre MARTINEZ ne prend pas part au vote\n"
        "Adoption de la nomenclature budgétaire et comptable M57 au 1er janvier 2026 : approuvée à l’unanimité des votants\n"
    )
    r = read_minutes([text], None)
    assert r is not None
    votes = [
        (d.vote.for_, d.vote.against, d.vote.abstention, d.vote.not_voting) for d in r.deliberations if d.vote
    ]
    assert votes == [(None, None, None, None), (19, 5, 3, 1), (None, None, None, None)]
    assert r.deliberations[2].title.startswith("Adoption de la nomenclature")
