"""Same organisation or not: real spellings from the guide and the corpus, grouped by phenomenon."""

from __future__ import annotations

import pytest

from delib.warehouse.names import (
    AliasesFileError,
    Spelling,
    compare,
    key,
    member_key,
    parse_aliases,
    resolve,
)

SAME = [
    # apostrophe, case
    ("RECUPAIRE", "Recup'aire", "same-key"),
    ("Recup aire", "Recup'aire", "same-key"),
    # space inside a name
    ("El FOUAD", "Elfouad", "same-key"),
    ("EL FOUAD", "El Fouad", "same-key"),
    # accents come and go
    ("Activ Cités", "ACTIV'CITES", "same-key"),
    ("Chenelet (EI)", "Chênelet", "same-key-without-legal-form"),
    # doubled letter typo
    ("ACTIV'CITES", "Acttiv'cites", "fuzzy-ratio"),
    # legal form / article dropped
    ("Habitat insertion", "Habitat et Insertion", "same-key-without-legal-form"),
    ("Association Recup'aire", "RECUPAIRE", "same-key-without-legal-form"),
    # action named in parentheses after the organisation
    ("AFP2I (Passerelle emploi)", "AFP2I", "same-key-without-legal-form"),
    # swapped letters in an acronym
    ("AFP2I", "APF2I", "transposition"),
    ("APF2I (Raid emploi)", "AFP2I (Clés en main pour les métiers au féminin)", "transposition"),
]

DIFFERENT = [
    # nothing in common
    ("TOUS PARRAINS", "CCAS ANNAY"),
    # short acronyms one or two letters apart are different organisations
    ("PIF", "PBI"),
    ("CAF", "CAP"),
    ("ADS", "ADSI"),
    ("AES", "RES"),
    # same kind of body, other town
    ("CCAS de Lens", "CCAS de Liévin"),
    ("Mission Locale de Arras", "Mission Locale de Lens"),
    ("Garage solidaire de Laon", "Garage solidaire de Lens"),
    # numbered entities
    ("Travail Partage 62", "Travail Partage 59"),
]


@pytest.mark.parametrize(("a", "b", "method"), SAME)
def test_same_organisation(a: str, b: str, method: str) -> None:
    m = compare(a, b)
    assert m.method == method, m.detail
    assert m.score >= 90
    assert compare(b, a).merged


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_organisations(a: str, b: str) -> None:
    m = compare(a, b)
    assert not m.merged, m.detail
    assert not compare(b, a).merged


def test_match_explains_itself() -> None:
    m = compare("ACTIV'CITES", "Acttiv'cites")
    assert m.score == 95.2
    assert "ratio 95.2" in m.detail and "token_set_ratio" in m.detail and "1 edits" in m.detail


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mme Mireille HINGREZ-CÉRÉDA", "Mireille HINGREZ-CEREDA"),
        ("M. Jean-Claude LEROY", "LEROY Jean-Claude"),
        ("Monsieur Frédéric DESCAMPS", "Frederic DESCAMPS"),
    ],
)
def test_member_key_ignores_accents_civility_and_order(a: str, b: str) -> None:
    assert member_key(a) == member_key(b)


def test_member_key_keeps_different_people_apart() -> None:
    assert member_key("Jérôme DUPONT") != member_key("Laëtitia DUPONT")


def test_resolve_groups_drifting_spellings_and_keeps_most_frequent_as_canonical() -> None:
    spellings = [Spelling("Recup'aire", 3), Spelling("RECUPAIRE", 1), Spelling("Recup aire", 1),
                 Spelling("PIF", 1), Spelling("PBI", 1)]  # fmt: skip
    clusters = resolve(spellings)
    by_name = {m: c for c in clusters for m in c.members}
    assert by_name["RECUPAIRE"] is by_name["Recup aire"] is by_name["Recup'aire"]
    assert by_name["RECUPAIRE"].canonical == "Recup'aire"
    assert by_name["PIF"] is not by_name["PBI"]
    assert len(clusters) == 3


def test_aliases_force_and_forbid() -> None:
    rules = parse_aliases(
        """
        # the acronym is the same organisation
        FJEP = FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)
        AFP2I != APF2I   # checked with the organisation: two different ones
        """
    )
    spellings = [Spelling("FJEP"), Spelling("FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)"),
                 Spelling("AFP2I"), Spelling("APF2I")]  # fmt: skip
    without = {m: c.cid for c in resolve(spellings) for m in c.members}
    assert without["FJEP"] != without["FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)"]
    assert without["AFP2I"] == without["APF2I"]
    clusters = resolve(spellings, rules)
    with_rules = {m: c for c in clusters for m in c.members}
    assert with_rules["FJEP"] is with_rules["FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)"]
    assert with_rules["FJEP"].canonical == "FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)"
    assert with_rules["FJEP"].members["FJEP"].method == "alias-force"
    assert with_rules["AFP2I"] is not with_rules["APF2I"]


def test_aliases_sections_quotes_and_comments() -> None:
    rules = parse_aliases('[beneficiaries]\n"A = B" = C  # note\n[members]\nJ-C LEROY = Jean-Claude LEROY\n')
    assert [(r.entity, r.kind, r.left, r.right, r.line) for r in rules] == [
        ("beneficiary", "force", "A = B", "C", 2),
        ("member", "force", "J-C LEROY", "Jean-Claude LEROY", 4),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [("A == \n", "line 1"), ("[grants]\n", "unknown section"), ("just a name\n", "line 1")],
)
def test_aliases_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(AliasesFileError, match=message):
        parse_aliases(text, "aliases.txt")


def test_key_folds_case_accents_and_punctuation() -> None:
    assert key("Épicerie sociale de Béthune") == "epiceriesocialedebethune"
    assert key("Mobil’Emploi") == key("MOBIL EMPLOI")


def test_near_misses_suggest_related_names_but_not_other_towns() -> None:
    from delib.warehouse.names import near_misses

    names = ["FJEP", "FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)", "IRAE", "IRAE Hauts-de-France",
             "CCAS de Lens", "CCAS de Laon", "Espace Learning Pro", "ELP ESPACE LEARNING PRO"]  # fmt: skip
    clusters = resolve([Spelling(n) for n in names])
    assert len(clusters) == len(names)  # the resolution itself merges none of them
    pairs = {frozenset((n.a, n.b)): n for n in near_misses(clusters)}
    assert frozenset(("FJEP", "FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)")) in pairs
    assert frozenset(("IRAE", "IRAE Hauts-de-France")) in pairs
    assert frozenset(("Espace Learning Pro", "ELP ESPACE LEARNING PRO")) in pairs
    assert frozenset(("CCAS de Lens", "CCAS de Laon")) not in pairs
    fjep = pairs[frozenset(("FJEP", "FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)"))]
    assert fjep.reason.startswith("acronym") and " = " in fjep.suggestion
