"""The vote grammar of session minutes, pinned by strings printed in real minutes (../shared/real)
and in the two-engine fixtures (corpus/samples_minutes), grouped by wording.

Each case: the text as printed, then (for, against, abstention, not_voting, adopted, unanimous)
of the vote read from it; ``None`` where the document prints no count.
"""

from __future__ import annotations

import pytest

from delib.extract.votes import find_ballot, find_votes, merge_item_votes

Expected = tuple[int | None, int | None, int | None, int | None, bool | None, bool]


def _read(text: str) -> Expected:
    hit = merge_item_votes(find_votes(text))
    assert hit is not None, f"no vote read in {text!r}"
    c = hit.counts
    return (c.for_, c.against, c.abstention, c.not_voting, hit.adopted, hit.unanimous)


CASES: dict[str, list[tuple[str, Expected]]] = {
    # Montpellier CR 2011: a block of labelled counts, groups in parentheses, an empty count is 0
    "count block": [
        (
            "Pour : 48 \nContre : 8 (UMP + M. Viguié) \nAbstention : 4 (Verts) \nAdopté à la majorité",
            (48, 8, 4, None, True, False),
        ),
        ("Pour : 64\nContre : \nAbstentions : 1\nAdopté à l’unanimité.", (64, 0, 1, None, True, True)),
        ("Pour : 59 \nAdopté à l’unanimité", (59, None, None, None, True, True)),
    ],
    # Pierrefonds 2016/2018: "Vote :" heading, bullets, names after the count running over lines
    "nominative": [
        (
            "Vote : \n− Pour : 16 \n− Abstentions : 3, Monsieur GOSSOT, Madame DANAN, Madame HUDO ",
            (16, None, 3, None, True, False),
        ),
        (
            "Vote : \n• Pour : 9, Mme BOURBIER, M.LEBLANC, Mme DEMOUY, M.FRIEDRICH, Mme \nDEBUISSER, "
            "M.GAUTHIER, Mme SIGAUD, M.BARATTE, Mme LAMBRE \n• Contre : 4, M.ROBERT, Mme HEURTAULT, "
            "Mme SMESSAERT, M.TANGUY \n• Abstentions : 5, Mme SANTUNE, M.LAMAND, Mme DANAN, M.GOSSOT, Mme HUDO ",
            (9, 4, 5, None, True, False),
        ),
        ("Vote : Pour, 17", (17, None, None, None, True, False)),
    ],
    # Couthenans: counts in one line, "adopté" after them; "15 pour." alone
    "inline counts": [
        ("Vote : 14 pour / 0 contre / 0 abstention  adopté", (14, 0, 0, None, True, False)),
        (
            "DM1 pour budget communal approuvé : Vote : 14 pour / 0 contre / 0 abstention  adopté",
            (14, 0, 0, None, True, False),
        ),
        ("Vote des comptes de gestion 2020 :\n15 pour.", (15, None, None, None, True, False)),
        ("0 contre, 0 abstention, 11 pour", (11, 0, 0, None, True, False)),
        (
            "Adopté par 18 voix pour, 4 voix contre (Mme Agnès MICHEL, M. Paul ROUX)",
            (18, 4, None, None, True, False),
        ),
        ("Adopté à la majorité (19 voix pour, 4 contre, 0 abstention)", (19, 4, 0, None, True, False)),
        ("Pour le changement de prestataire : 13 votes", (13, None, None, None, True, False)),
    ],
    # Bourg-en-Bresse: unanimity of the votes cast, with the count in parentheses and abstentions
    "unanimity of the votes cast": [
        (
            "A L'UNANIMITE des votants (31 voix), 8 abstentions (groupe Bourg Demain)",
            (31, None, 8, None, True, True),
        ),
    ],
    # Ville (Oise), Pierrefonds: unanimity inside the decision sentence or on a vote line, no counts
    "declared": [
        (
            "Le conseil municipal approuve à l’unanimité le compte administratif",
            (None, None, None, None, True, True),
        ),
        (
            "Le conseil municipal, à l’unanimité, approuve le compte de gestion",
            (None, None, None, None, True, True),
        ),
        (
            "Après avoir délibéré, les Membres du Conseil Communautaire ont, à l’unanimité :",
            (None, None, None, None, True, True),
        ),
        ("Vote : Pour à l’unanimité", (None, None, None, None, True, True)),
        ("Vote : pour à l’unanimité", (None, None, None, None, True, True)),
        ("Le Conseil Adopte", (None, None, None, None, True, False)),
        ("Le projet est adopté à la majorité.", (None, None, None, None, True, False)),
    ],
    # verbatim minutes: the spoken vote, then the printed block
    "spoken then printed": [
        (
            "Je mets aux voix l'affaire 3. Qui est contre ? Qui s'abstient ? 3 abstentions. Adopté à \n"
            "l'unanimité. \nPour : 62\nContre : \nAbstentions : 3\nAdopté à l’unanimité.",
            (62, 0, 3, None, True, True),
        ),
    ],
    "rejection": [
        ("Pour : 5\nContre : 14\nAbstention : 0\nRejeté", (5, 14, 0, None, False, False)),
    ],
    # wordings of commune minutes not in ../shared/real: labelled counts on one line, and the
    # counts a majority prints in parentheses
    "labelled counts on one line": [
        ("POUR : 12    CONTRE : 0    ABSTENTIONS : 3", (12, 0, 3, None, True, False)),
        ("Votants : 15 Pour : 12 Contre : 2 Abstention : 1", (12, 2, 1, None, True, False)),
        ("VOTE : Pour 14 – Contre 0 – Abstention 1", (14, 0, 1, None, True, False)),
        ("Pour : 57 / Contre : / Abstention : 4 (Verts)", (57, 0, 4, None, True, False)),
    ],
    "unanimity alone on its line": [
        ("Vote à main levée : unanimité", (None, None, None, None, True, True)),
        ("ADOPTE\nUNANIMITE\n", (None, None, None, None, True, True)),
    ],
    "majority with its counts": [
        (
            "Adopté à la majorité (2 contre : M. DUPONT, Mme MARTIN ; 1 abstention : M. DURAND).",
            (None, 2, 1, None, True, False),
        ),
        (
            "Le conseil municipal, à la majorité (3 voix contre), approuve le budget.",
            (None, 3, None, None, True, False),
        ),
    ],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(t, e, id=f"{phen}-{i}") for phen, cases in CASES.items() for i, (t, e) in enumerate(cases)],
)
def test_vote_wordings(text: str, expected: Expected) -> None:
    assert _read(text) == expected


NOT_VOTES = {
    "taken note": "Le conseil municipal prend acte de cette communication.",
    "earlier session": "Par délibération, le conseil municipal avait voté le 25/07/2021 la dissolution du CCAS.",
    "a year before pour": "Considérant le montant des dépenses d’investissement inscrites au BP\n2025 pour le budget principal,",
    "a number in a name": "DM1 pour le budget communal",
    "pour and contre in prose": "il a voté pour 3 ans contre 2 ans",
    "unanimity as a rule": "La règle de l'unanimité est requise pour ce type de vote.",
}


@pytest.mark.parametrize("text", list(NOT_VOTES.values()), ids=list(NOT_VOTES))
def test_what_is_not_a_vote(text: str) -> None:
    assert [h for h in find_votes(text) if h.counted or h.adopted is not None] == []


def test_a_ballot_is_results_per_candidate_not_a_vote() -> None:
    # Couthenans 26 Nov 2021, election of the 3rd deputy
    text = " Résultat du vote :\n- Anne-Marie : 11 votes,  Elue\n- Agnès : 1 vote\n- Blanc : 1 vote\n"
    ballot = find_ballot("Election du 3ème adjoint\n" + text)
    assert ballot is not None
    results, elected, _ = ballot
    assert results == {"Anne-Marie": 11, "Agnès": 1, "Blanc": 1}
    assert elected == ["Anne-Marie"]
    assert not any(h.counted for h in find_votes(text))


def test_names_of_a_nominative_vote_are_kept() -> None:
    hit = merge_item_votes(
        find_votes("Vote : \n− Pour : 16 \n− Abstentions : 3, Monsieur GOSSOT, Madame DANAN, Madame HUDO ")
    )
    assert hit is not None
    assert hit.names["abstention"] == ["GOSSOT", "DANAN", "HUDO"] or len(hit.names["abstention"]) == 3


def test_a_count_broken_from_its_word_at_a_line_end() -> None:
    # Ville (Oise) 2016, read through OCR: "décide à 12" / "voix pour et 1 voix contre"
    hit = merge_item_votes(
        find_votes("Le conseil municipal décide à 12\nvoix pour et 1 voix contre d'instaurer la surtaxe.")
    )
    assert hit is not None and (hit.counts.for_, hit.counts.against) == (12, 1)


def test_a_letter_o_read_for_a_zero_before_contre() -> None:
    hit = merge_item_votes(find_votes("Vote : 22 pour / O contre / O abstention adopté"))
    assert hit is not None and (hit.counts.for_, hit.counts.against, hit.counts.abstention) == (22, 0, 0)


def test_a_vote_whose_named_members_wrap_over_lines_keeps_the_counts_after_them() -> None:
    # held-out generated minutes (seed 606): "et 3 abstentions" after a wrapped list of names was
    # lost, 10/4/None read for 10/4/3, and no check failed (no attendance count printed)
    text = (
        "Adopté par 10 voix pour, 4 voix contre (Mme Claire FAURE, Mme Laetitia DUBOIS, Mme Agnès \n"
        "MICHEL, Mme Karine LAMBERT) et 3 abstentions (M. Yves PETIT, Mme Anne-Marie GUÉRIN, Mme \n"
        "Florence FOURNIER).\n"
        "7/ Recours à du personnel vacataire (2 postes)\n"
    )
    hit = merge_item_votes(find_votes(text))
    assert hit is not None
    assert (hit.counts.for_, hit.counts.against, hit.counts.abstention) == (10, 4, 3)
    assert hit.adopted is True


def test_a_count_the_vote_prints_and_the_reading_missed_is_a_problem() -> None:
    from delib.extract.items import _unread_counts
    from delib.extract.votes import VoteHit

    text = "Adopté par 10 voix pour, 4 voix contre et 3 abstentions.\nSuite du texte : 2 contre.\n"
    hit = VoteHit(0, 40, counted=True)
    hit.counts.for_, hit.counts.against = 10, 4
    prov = {"page": 1, "bbox": None, "rule": "t"}
    problems = _unread_counts(text, hit, prov)
    assert [p.kind for p in problems] == ["vote_count_unread"] and "3 abstentions" in problems[0].message
    hit.counts.abstention = 3
    assert (
        _unread_counts(text, hit, prov) == []
    )  # read whole: nothing said (the next sentence is not the vote's)


def test_a_vote_sentence_wrapped_after_its_et_keeps_the_abstentions() -> None:
    # held-out generated minutes (seed 3005): "… Mme Agnès GUÉRIN) et" / "3 abstentions (…)."
    text = (
        "Adopté par 16 voix pour, 4 voix contre (M. Stéphane SIMON, Mme Agnès GUÉRIN) et\n"
        "3 abstentions (M. Jean-Claude ROUSSEAU, Mme Josette DUPONT).\n"
    )
    hit = merge_item_votes(find_votes(text))
    assert hit is not None
    assert (hit.counts.for_, hit.counts.against, hit.counts.abstention) == (16, 4, 3)


def test_two_counted_votes_that_disagree_in_one_item_are_a_problem() -> None:
    from delib.extract.items import _several_votes

    hits = find_votes(
        "Vote : 11 pour / 0 contre / 3 abstentions adopté\nVote : 12 pour / 2 contre / 0 abstention adopté\n"
    )
    prov = {"page": 3, "bbox": None, "rule": "t"}
    (problem,) = _several_votes(hits, prov)
    assert problem.kind == "votes_several" and "11/0/3" in problem.message and "12/2/0" in problem.message
    same = find_votes("Pour : 14\nContre : 0\nAbstention : 0\nVote : 14 pour / 0 contre / 0 abstention\n")
    assert _several_votes(same, prov) == []  # the same count printed twice says nothing


def test_a_count_line_whose_colon_ocr_lost_is_read_a_sentence_is_not() -> None:
    # an unseen 150-dpi scan (seed 3004): "Pour : 3" read "Pour 3", the for count lost silently;
    # a wrapped sentence's "pour" / "2016" (Pierrefonds) is no count
    (hit,) = [
        h for h in find_votes("Le Maire présente.\nPour 3\nContre : 4\nAbstention : 3\nAdopté\n") if h.counted
    ]
    assert (hit.counts.for_, hit.counts.against, hit.counts.abstention) == (3, 4, 3)
    wrapped = [h for h in find_votes("les impositions à établir pour\npour 2016 \nContre : 4\n") if h.counted]
    assert all(h.counts.for_ is None for h in wrapped)


def test_numbers_of_a_vote_line_no_count_took_are_a_problem() -> None:
    # an unseen scan (seed 2020): "Vote : 23 pour / 0 contre / 3 abstentions" read "Vote : 23 pour
    # / 0 0 13 A adopté": 23 for and nothing else, silently
    from delib.extract.items import _unread_counts

    prov = {"page": 5, "bbox": None, "rule": "t"}
    text = "Vote : 23 pour / 0 0 13 A adopté\n"
    (hit,) = [h for h in find_votes(text) if h.counted]
    (problem,) = _unread_counts(text, hit, prov)
    assert problem.kind == "vote_count_unread" and "4 numbers" in problem.message
    whole = "Vote : 23 pour / 0 contre / 3 abstentions adopté\n"
    (hit,) = [h for h in find_votes(whole) if h.counted]
    assert _unread_counts(whole, hit, prov) == []
    named = "Adopté par 10 voix pour, 4 voix contre (M. A, M. B) et 3 abstentions (M. C).\n"
    (hit,) = [h for h in find_votes(named) if h.counted]
    assert _unread_counts(named, hit, prov) == []  # the names in brackets hold no count


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # a labelled line wrapped after a label's colon, or after a count's separator
        ("Pour : 29 ; Contre :\n3 ; Abstention : 0\n", (29, 3, 0, None)),
        ("Pour : 30 ; Contre : 1 ; \nAbstention : 1\n", (30, 1, 1, None)),
        # "25 voix" / "pour" wrapped in a parenthesis
        ("(adoptée par 25 voix\npour, 3 contre et 2 abstentions)\n", (25, 3, 2, None)),
        # a member named as not taking part is counted
        ("(adoptée par 27 voix pour et 2 contre ; Mme Christine MICHEL ne prend pas part au vote)\n", (27, 2, None, 1)),
        ("Adopté par 20 voix pour, 1 contre ; M. Paul ROUX et Mme Anne PETIT ne prennent pas part au vote\n",
         (20, 1, None, 2)),
    ],
)  # fmt: skip
def test_counts_that_wrap_or_name_who_does_not_vote(text: str, counts: tuple[int | None, ...]) -> None:
    (hit,) = find_votes(text)
    c = hit.counts
    assert (c.for_, c.against, c.abstention, c.not_voting) == counts
    assert hit.adopted is True


def test_bare_counts_under_count_columns() -> None:
    from delib.extract.votes import column_votes, count_columns

    head = "N° Objet Pour Contre Abst. Décision\n"
    assert count_columns(head) == 3
    assert count_columns("N° Objet Pour Contre Abstention NPPV Décision\n") == 4
    assert count_columns("Pour : 12 Contre : 3 Abstention : 1\n") == 0  # labelled counts, not a header
    row = "Tarifs des concessions du cimetière communal 2026 23 2 1 Adoptés\n"
    (hit,) = column_votes(row, 3)
    assert (hit.counts.for_, hit.counts.against, hit.counts.abstention) == (23, 2, 1)
    assert hit.adopted is True and not hit.unanimous
    (hit,) = column_votes("publique 26 0 0\nAdoptée à\nl'unanimité\n", 3)
    assert (hit.counts.for_, hit.counts.against, hit.unanimous, hit.adopted) == (26, 0, True, True)
    (hit,) = column_votes("Convention avec le SDIS 9 12 0 Rejetée\n", 3)
    assert hit.adopted is False
    assert column_votes("Emprunt de 440 000,00 € sur 15 ans\n", 3) == []


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        # the votes cast after a unanimity, and the abstentions a unanimity of votes cast leaves out
        ("(adopté à l'unanimité (15 voix))\n", (15, None, None, None)),
        ("Adopté à l’unanimité des\nsuffrages exprimés (3\nabstentions)\n", (None, None, 3, None)),
        ("(adopté à\nl'unanimité (14 voix) ; Mme Christine LEFÈVRE ne prend pas part au vote)\n", (14, None, None, 1)),
        # a decision cell: "Unanimité" alone, or with who did not take part
        ("Unanimité\n", (None, None, None, None)),
        ("Unanimité (M. Stéphane \nMARTIN ne prend pas part au \nvote)\n", (None, None, None, 1)),
    ],
)  # fmt: skip
def test_unanimity_with_its_details(text: str, counts: tuple[int | None, ...]) -> None:
    (hit,) = find_votes(text)
    c = hit.counts
    assert (c.for_, c.against, c.abstention, c.not_voting) == counts
    assert hit.unanimous and hit.adopted is True


@pytest.mark.parametrize(
    ("text", "counts", "unanimous"),
    [
        ("ADOPTÉE PAR 27 VOIX POUR, 1 \nCONTRE ET 1 ABSTENTION\n", (27, 1, 1, None), False),
        ("Adoptée par 42 voix pour, 3 contre\net 3 abstentions\n", (42, 3, 3, None), False),
        ("(Pour :\n52 – Contre : 0 – Abstention : 0 – Approuvée)\n", (52, 0, 0, None), False),
        ("Approuvée à la majorité (23 \npour, 1 contre, 1 abstention)\n; Mme Josette RICHARD ne \nprend pas part au vote\n",
         (23, 1, 1, 1), False),
        ("→ Unanimité\n", (None, None, None, None), True),
        ("Décision : unanimité ; M. Mathieu BLANC ne prend pas part au vote\n", (None, None, None, 1), True),
        # the statement closes with its parenthesis: a noting on the next line is another item's
        ("(adoptés à \nl'unanimité des membres présents)\nDébat d'orientation budgétaire (le conseil prend acte)\n",
         (None, None, None, None), True),
    ],
)  # fmt: skip
def test_liste_decisions(text: str, counts: tuple[int | None, ...], unanimous: bool) -> None:
    hit = find_votes(text)[0]
    c = hit.counts
    assert (c.for_, c.against, c.abstention, c.not_voting) == counts
    assert hit.unanimous is unanimous and hit.adopted is True


def test_an_item_put_off_is_no_vote() -> None:
    from delib.extract.votes import says_no_vote

    for text in (
        "Ajournée",
        "Retirée de l'ordre du jour",
        "Reportée à une séance ultérieure",
        "– Point retiré",
    ):
        assert says_no_vote(text), text
    assert not says_no_vote("Le conseil retire sa délibération du 3 mai et adopte le nouveau règlement")


def test_the_not_voting_label_cut_over_lines_in_capitals() -> None:
    text = "POUR : 50 ; CONTRE : 0 ;\nABSTENTION : 0 ; NE \nPREND PAS PART AU \nVOTE : 1\nINTERCOMMUNALITÉ\n"
    (hit,) = find_votes(text)
    c = hit.counts
    assert (c.for_, c.against, c.abstention, c.not_voting) == (50, 0, 0, 1)


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("Pour : 19 ; \nContre : 5 ; Abstentions : 3 ; M. Jean-Pierre MARTINEZ ne prend pas part au vote\n", (19, 5, 3, 1)),
        ("(Pour : 14 ; Contre : 0 ; Abstention : 0 ; \nNe prend pas part au vote : 1 ; Adoptée)\n", (14, 0, 0, 1)),
    ],
)  # fmt: skip
def test_not_voting_in_a_labelled_line(text: str, counts: tuple[int | None, ...]) -> None:
    hit = find_votes(text)[0]
    c = hit.counts
    assert (c.for_, c.against, c.abstention, c.not_voting) == counts
