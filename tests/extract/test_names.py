"""Names in attendance lists and recusal paragraphs (strings from the seed and the real PDFs)."""

from __future__ import annotations

import pytest

from delib.extract.names import looks_like_names, match_names, name_key, split_names, split_proxies

PRESENT = (
    "M. Jean-Claude LEROY, Mme Mireille HINGREZ-CÉRÉDA, M. Daniel\nMACIEJASZ, Mme Valérie CUVILLIER, M.\n"
    "Ludovic LOQUET, M. Laurent  DUPORGE, Mme Karine GAUTHIER,  M. Alain\nMEQUIGNON, M.  André  KUCHCINSKI,  Mme\n"
    "Fatima  AIT-CHIKHEBBIH, M. François LEMAIRE, M. René HOCQ."
)


def test_split_names_civility_line_breaks_and_spaces() -> None:
    names = split_names(PRESENT)
    assert names[:3] == ["Jean-Claude LEROY", "Mireille HINGREZ-CÉRÉDA", "Daniel MACIEJASZ"]
    assert "Ludovic LOQUET" in names and "André KUCHCINSKI" in names and "Fatima AIT-CHIKHEBBIH" in names
    assert names[-1] == "René HOCQ"
    assert len(names) == 12


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mesdames  Mireille  HINGREZ-CEREDA,  Karine  GAUTHIER et Marie-Line PLOUVIEZ,  ainsi  que  Messieurs  François  LEMAIRE,\nLaurent DUPORGE et Ludovic PAJOT",
         ["Mireille HINGREZ-CEREDA", "Karine GAUTHIER", "Marie-Line PLOUVIEZ", "François LEMAIRE", "Laurent DUPORGE", "Ludovic PAJOT"]),
        ("Monsieur GOSSOT, Madame DANAN, Madame HUDO, et Monsieur\nLAMAND, Monsieur ROBERT", ["GOSSOT", "DANAN", "HUDO", "LAMAND", "ROBERT"]),
        ("Mmes Capuozzi-Boualem, Prunier, Fourteau, M. Bouillé", ["Capuozzi-Boualem", "Prunier", "Fourteau", "Bouillé"]),
        ("MM. Dupont et Durand", ["Dupont", "Durand"]),
    ],
)  # fmt: skip
def test_split_names_plural_civilities_and_connectors(text: str, expected: list[str]) -> None:
    assert split_names(text) == expected


def test_cut_qualifiers() -> None:
    text = "Monsieur GOSSOT, Madame HEURTAULT en raison du montant"
    assert split_names(text, cut_qualifiers=True) == ["GOSSOT", "HEURTAULT"]


def test_name_key_accents_case_punctuation() -> None:
    assert name_key("Mme Mireille HINGREZ-CEREDA") == name_key("Mireille HINGREZ-CÉRÉDA")
    assert name_key("Maïté MULOT-FRISCOURT") == name_key("maite mulot friscourt")
    assert name_key("Karine GAUTHIER") != name_key("Karine GAUTIER")


def test_match_recused_to_present() -> None:
    present = split_names(PRESENT)
    recused = ["Mireille HINGREZ-CEREDA", "Karine GAUTHIER", "François LEMAIRE", "Nobody ELSE"]
    matches = match_names(recused, present)
    assert [m.member for m in matches[:3]] == [
        "Mireille HINGREZ-CÉRÉDA",
        "Karine GAUTHIER",
        "François LEMAIRE",
    ]
    assert matches[0].method == "key"
    assert matches[3].member is None and matches[3].method == "none"


def test_match_by_surname_when_unique() -> None:
    members = ["Jean-Marc GOSSOT", "Emmanuelle DANAN", "Dolorès HUDO"]
    assert [m.member for m in match_names(["GOSSOT", "DANAN"], members)] == members[:2]


def test_split_proxies_forms() -> None:
    assert split_proxies("Guillaume LACROIX à Sylviane CHENE, Abdallah CHIBI à\nVasilica CHARNAY") == [
        ("Guillaume LACROIX", "Sylviane CHENE"),
        ("Abdallah CHIBI", "Vasilica CHARNAY"),
    ]
    assert split_proxies(
        "\n− Monsieur Antonio MENDES à Madame Florence DEMOUY \n− Madame Dolorès HUDO à Monsieur Jean-Marc GOSSOT"
    ) == [
        ("Antonio MENDES", "Florence DEMOUY"),
        ("Dolorès HUDO", "Jean-Marc GOSSOT"),
    ]
    assert split_proxies("M. Pierre DURAND représenté par Mme Anne MARTIN") == [
        ("Pierre DURAND", "Anne MARTIN")
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Audrey DE LA GRANGE, Gabrielle DELONCLE, Fanny DOMBRE-COSTE,", True),
        ("Cédric DE SAINT JOUAN, Henri DE VERBIZIER,Jean-Marc DI RUGGIERO,Jacques", True),
        ("Mme  Sophie  WAROT-LEMAIRE,  M.  André  KUCHCINSKI,  Mme", True),
        ("Attributions de subventions", False),
        ("Secrétaire de séance : Charline LIOTIER", False),
    ],
)
def test_looks_like_names(line: str, expected: bool) -> None:
    assert looks_like_names(line) is expected
