"""Prose of the seed publication: narrative annexes 1-2, proposals, rapport N°42 (condensed from the seed)."""

from __future__ import annotations

from typing import Any

from delib.corpus import seed_grants as sg
from delib.corpus.spec import Block


def _b(kind: str, text: str = "", **kw: object) -> Block:
    return Block.model_validate({"kind": kind, "text": text, **kw})


def _op(theme_ops: list[sg.Operation], n: int) -> str:
    return theme_ops[n - 1][0]


# (text, amount, beneficiary, theme number, operation number)
PROPOSALS: list[tuple[str, str, str | None, int, int | None]] = [
    ("Le financement total de cette opération s’élève à 17 920 €.", "17920.00", None, 1, 1),
    ("Le financement total de cette opération s’élève à 28 250 €.", "28250.00", None, 1, 2),
    (
        "Suite aux dépôts des demandes de participation financière et à l’instruction réalisée par les services du "
        "Département, il est proposé de financer l’EPSM Val de Lys pour la mise en œuvre des formations sur le domaine "
        "de la santé mentale, pour un montant total de 58 586 €.",
        "58586.00",
        "EPSM Val de Lys",
        1,
        3,
    ),
    (
        "Tout comme pour les dispositifs référent solidarité et socioprofessionnel, il est proposé d’attribuer un "
        "portefeuille Accompagnement Global au CCAS de Bruay-la-Buissière pour la période du 1er avril 2023 au 31 "
        "décembre 2023, pour un total de 10 313 € (annexe 3).",
        "10313.00",
        "CCAS de Bruay-la-Buissière",
        1,
        4,
    ),
    (
        "Pour l’année 2023, et afin de continuer à soutenir les associations intermédiaires et les personnes en "
        "parcours d’insertion, il est proposé de financer 26 structures, correspondant à 527 postes et un montant de "
        "1 233 180 €.",
        "1233180.00",
        None,
        2,
        1,
    ),
    (
        "Pour l’année 2023, et afin de continuer à soutenir les entreprises d’insertion et les personnes en parcours "
        "d’insertion, il est proposé de financer 17 structures, correspondant à 161 postes et un montant de 483 000 €.",
        "483000.00",
        None,
        2,
        2,
    ),
    (
        "En 2023, afin de continuer à soutenir les chantiers d’insertion et les personnes en parcours d’insertion, il "
        "est proposé de financer 20 structures, correspondant à 295 postes et un montant de 1 303 656 €.",
        "1303656.00",
        None,
        2,
        3,
    ),
    (
        "Pour l’année 2023, et afin de continuer à soutenir les associations et les personnes en parcours "
        "d’insertion, il est proposé de financer 10 associations, correspondant à 56 postes et un montant de 243 000 €",
        "243000.00",
        None,
        2,
        4,
    ),
    (
        "Afin de poursuivre son action de soutien à l’Insertion par l’Activité Économique, il est proposé d’accorder "
        "une participation financière de 54 000 € à l’IRAE Hauts-de-France et de 15 000 € au COORACE Hauts-de-France.",
        "54000.00",
        "IRAE Hauts-de-France",
        2,
        5,
    ),
    ("", "15000.00", "COORACE Hauts-de-France", 2, 5),  # same sentence as the previous one
    (
        "Pour l’année 2023, il est proposé de financer 17 structures pour l’accompagnement de 600 participants et un "
        "montant de 328 556,21 €.",
        "328556.21",
        None,
        2,
        6,
    ),
    (
        "Pour l’année 2023, il est proposé de financer 7 structures pour l’accompagnement de 320 participants et un "
        "montant de 244 243,09 €.",
        "244243.09",
        None,
        2,
        7,
    ),
    (
        "Pour l’année 2023, il est proposé de financer 5 structures pour l’accompagnement de 200 participants et un "
        "montant de 385 095 €.",
        "385095.00",
        None,
        2,
        8,
    ),
    (
        "Pour l’année 2023, il est proposé de financer 8 structures pour l’intégration de 294 bénéficiaires du RSA et "
        "jeunes de moins de 26 ans en action préparatoire à l’emploi à l’échelle départementale. A cet effet, la "
        "participation du Département s’élèverait à 391 242,05€.",
        "391242.05",
        None,
        2,
        9,
    ),
    (
        "Pour l’année 2023, il est proposé de financer le projet du PBI pour un montant de 7 591,80€ pour 30 "
        "participants et le projet du GEIQ à hauteur de 15 000€ pour 500 participants.",
        "7591.80",
        "PBI",
        2,
        10,
    ),
    ("", "15000.00", "GEIQ", 2, 10),  # same sentence as the previous one
    (
        "Pour l’année 2023, il est proposé de financer 2 structures pour le financement de 2,5 ETP et un montant de "
        "142 594,95 €.",
        "142594.95",
        None,
        2,
        11,
    ),
    (
        "Pour l’année 2023, et afin de continuer de soutenir les structures de mobilité et les personnes en parcours "
        "d’insertion, il est proposé de financer 6 associations, correspondant à un montant de 306 000 €.",
        "306000.00",
        None,
        2,
        12,
    ),
    (
        "Il est proposé de renouveler cette action pour l’année 2023 pour un montant de participation financière de "
        "82 000 €.",
        "82000.00",
        None,
        2,
        13,
    ),
    ("4 dispositifs sont proposés pour un total de 115 069 € (Annexes 1 et 3).", "115069.00", None, 1, None),
    (
        "13 dispositifs sont proposés pour un total de 5 234 159.10 € (Annexes 2 et 3).",
        "5234159.10",
        None,
        2,
        None,
    ),
]
SHARED = {9: 8, 15: 14}  # proposal index -> index of the proposal whose sentence states it too
RAPPORT_T1, RAPPORT_T2 = 19, 20


def proposals(theme1: str, theme2: str) -> list[dict[str, Any]]:
    out = []
    for i, (text, amount, who, theme_no, op_no) in enumerate(PROPOSALS):
        ops = sg.T1_OPERATIONS if theme_no == 1 else sg.T2_OPERATIONS
        printed = text or PROPOSALS[SHARED[i]][0]
        out.append(
            {
                "text": printed,
                "amount": amount,
                "beneficiary": who,
                "operation": _op(ops, op_no) if op_no else None,
                "theme": theme1 if theme_no == 1 else theme2,
            }
        )
    return out


def _prop(i: int) -> Block:
    also = [k for k, v in SHARED.items() if v == i]
    return Block(kind="proposal", index=i, also=also)


def _op_section(
    title: str, description: str, bilan: str, props: list[int], extra: list[Block] | None = None
) -> list[Block]:
    out = [
        _b("heading", title),
        _b("heading", "1. Descriptif de l’opération :"),
        _b("para", description),
        _b("heading", "2. Bilan 2022 :"),
        _b("para", bilan),
        _b("heading", "3. Proposition 2023 :"),
    ]
    out += extra or []
    out += [_prop(i) for i in props]
    return out


def _bruay_table(initial: str, sivom: list[str], ccas: list[str]) -> list[list[str]]:
    """The Bruay places table: the conventioned places and amounts of SIVOM Bruaysis and the CCAS over the
    year's two periods, under a two-row header, the initial amount repeated on the last row."""
    periods = [
        "Conventionnement initial",
        "Du 1er janvier au 31 mars 2023",
        "Du 1er avril au 31 décembre 2023",
    ]
    return [
        ["", *(cell for period in periods for cell in (period, "")), "Montant Total"],
        ["", "Place", "Montant", "Places", "Montant", "Place", "Montant", ""],
        ["SIVOM Bruaysis", *sivom],
        ["CCAS de Bruay", *ccas],
        ["", "", initial, "", "", "", "", ""],
    ]


BRUAY_TABLE_1 = _bruay_table(
    "99 200,00 €",
    ["620", "99 200,00 €", "620", "24 800,00 €", "170", "20 400,00 €", "45 200,00 €"],
    ["0", "- €", "0", "- €", "450", "54 000,00 €", "54 000,00 €"],
)
BRUAY_TABLE_2 = _bruay_table(
    "140 000,00 €",
    ["560", "140 000,00 €", "560", "35 000,00 €", "380", "71 250,00 €", "106 250,00 €"],
    ["0", "- €", "0", "- €", "180", "33 750,00 €", "33 750,00 €"],
)


IAE_BILAN = (
    "Ce dispositif a permis à {n} structures de bénéficier d’un financement départemental en 2022. Les éléments de "
    "bilan sont en cours de réception et de consolidation par les services départementaux."
)


def narrative_annexes() -> list[list[Block]]:
    a1: list[Block] = [
        _b("title", "Annexe 1"),
        _b("heading", sg.THEME_1),
        _b(
            "para",
            "Le Revenu de Solidarité Active (RSA), dont le Département est chef de file, prévoit la mise en œuvre d’un "
            "accompagnement personnalisé et adapté à destination des bénéficiaires du RSA sans activité ou ne tirant de "
            "leur activité que des ressources limitées.",
        ),
    ]
    a1 += _op_section(
        "Opération 1 : dispositif référent solidarité",
        "Le dispositif référent solidarité a évolué dès juillet 2022, réduisant la cible des bénéficiaires accompagnés. "
        "L’accompagnement solidarité est formalisé au travers d’un contrat d’engagements réciproques de 6 mois.",
        "Sur le 1er semestre 2022, 89 structures représentées à 72% par des CCAS/CIAS ont mené la mission référent "
        "solidarité. Pas loin de 250 référents solidarité ont accompagné 29 660 bénéficiaires du RSA sur une base de "
        "23 568 places conventionnées. 1 419 sorties positives ont été comptabilisées.",
        [0],
        [
            _b(
                "para",
                "Afin d’assurer la continuité du suivi de ces bénéficiaires et à la demande du CCAS, il est donc proposé "
                "de contractualiser avec le CCAS de Bruay-la-Buissière et de lui réorienter 450 accompagnements "
                "solidarité sur les 620 accompagnements conventionnés avec le Sivom du Bruaysis :",
            ),
            _b("table", rows=BRUAY_TABLE_1, size=6.5),
            _b(
                "para",
                "La convention du CCAS de Bruay-la-Buissière s’applique sur la période du 1er avril 2023 au 31 décembre 2023.",
            ),
        ],
    )
    a1 += _op_section(
        "Opération 2 : Accompagnement socioprofessionnel des bénéficiaires du RSA",
        "Cet accompagnement s’adresse principalement à des bénéficiaires du RSA pouvant rencontrer plusieurs freins "
        "périphériques et pour lesquels un projet à visée d’insertion professionnelle sera envisagé.",
        "Sur le second semestre 2022, 69 structures représentées à 57% par des CCAS/CIAS ont mené la mission de "
        "référent socioprofessionnel. Le Département a conventionné sur une base de 12 497 places.",
        [1],
        [
            _b(
                "para",
                "Tout comme pour le dispositif référent solidarité, il est proposé de réorienter au CCAS de "
                "Bruay-la-Buissière 180 accompagnements socioprofessionnels sur les 560 accompagnements conventionnés :",
            ),
            _b("table", rows=BRUAY_TABLE_2, size=6.5),
        ],
    )
    a1 += _op_section(
        "Opération 3 : Interconnaissances",
        "C’est ainsi environ 400 professionnels que le Département se propose d’outiller et d’accompagner dans leur "
        "montée en compétences, notamment sur l’accompagnement en santé mentale.",
        "Il s’agit d’une nouvelle action.",
        [2],
        [
            _b(
                "para",
                "Il est proposé la mise en place d’une convention allant du 1er juin 2023 au 31 décembre 2024.",
            )
        ],
    )
    a1 += [
        _b("heading", "Opération 4 : Accompagnement Global"),
        _b(
            "para",
            "Depuis 2015, près de 7 000 demandeurs d’emploi, à 80 % Bénéficiaires du RSA, ont bénéficié de ce dispositif "
            "avec un taux de sorties positives moyen de 30 %. Il est proposé de s’appuyer sur 24 structures partenaires "
            "représentant 29 binômes pour compléter l’existant.",
        ),
        _b("heading", "2. Proposition 2023 :"),
        _prop(3),
    ]
    a2: list[Block] = [_b("title", "Annexe 2"), _b("heading", sg.THEME_2)]
    sections = [
        ("Opération 1 : Aide à l’encadrement dans les Associations Intermédiaires", 26, [4]),
        ("Opération 2 : Aide à l’encadrement dans les Entreprises d’insertion", 17, [5]),
        (
            "Opérations 3 : Aide à l’encadrement dans les Chantiers d’Insertion : Chantiers permanents, chantiers écoles et un emploi un toit",
            49,
            [6],
        ),
        ("Opération 4 : Pacte Ambition pour l’Insertion par l’Activité Économique", 17, [7]),
        ("Opération 5 : Soutien aux têtes de Réseau de l’Insertion par l’Activité Economique", 2, [8]),
        ("Opération 6 : Actions d’insertion innovantes", 17, [10]),
        ("Opération 7 : Préparatoires adaptées", 7, [11]),
        ("Opération 8 : Accompagner autrement", 5, [12]),
        ("Opération 9 : Préparatoires à l’emploi", 8, [13]),
        ("Opération 10 : Evaluation des compétences", 2, [14]),
        ("Opération 11 : Mobiliser et développer les clauses", 2, [16]),
        ("Opération 12 : Actions en faveur de la Mobilité Inclusive", 10, [17]),
        ("Opération 13: Actions spécifiques Handicap", 1, [18]),
    ]
    descriptions = {
        0: "La prise en charge départementale est fixée à 195 € par mois et par participant maximum, et ce, dans la "
        "limite des dépenses effectivement supportées. Les charges indirectes sont forfaitisées à hauteur de 20% des "
        "dépenses directes (hors prestations externes).",
        1: "La prise en charge est fixée à 250,00 € par mois et par participant maximum, et ce, dans la limite des "
        "dépenses effectivement supportées.",
        10: "C’est dans ce contexte que le Département a souhaité renforcer l’assistance à maîtrise d’ouvrage "
        "d’insertion, avec 2,5 ETP pour les PLIE de Lens-Liévin Hénin-Carvin et de l’arrondissement de Béthune.",
    }
    for k, (title, n, props) in enumerate(sections):
        a2 += _op_section(
            title,
            descriptions.get(
                k,
                "Le Département du Pas-de-Calais participe au financement des charges directes et des charges "
                "indirectes, forfaitisées à hauteur de 20% des dépenses directes (hors prestations externes).",
            ),
            IAE_BILAN.format(n=n),
            props,
        )
    return [a1, a2]


def rapport_blocks() -> list[Block]:
    return [
        _b("title", "DEPARTEMENT DU PAS-DE-CALAIS"),
        _b("para", "Pôle Solidarités"),
        _b("para", "Direction des Politiques d'Inclusion Durable"),
        _b("para", "Mission Budget, Coordination et Evaluation"),
        _b("title", "RAPPORT N°42"),
        _b("para", "Territoire(s): Tous les territoires"),
        _b("para", "Canton(s): Tous les cantons des territoires"),
        _b("para", "EPCI(s): Tous les EPCI des territoires"),
        _b("title", "COMMISSION PERMANENTE DU CONSEIL DEPARTEMENTAL"),
        _b("title", "REUNION DU 12 JUIN 2023"),
        _b("title", "APPELS À PROJETS DES POLITIQUES D'INCLUSION DURABLE 2023 - PHASE 2"),
        _b(
            "para",
            "L’appel à projets mis en œuvre par la Direction des Politiques d’Inclusion Durable s’inscrit pleinement "
            "dans le Pacte des Solidarités Humaines 2022-2027 qui pose, à travers 16 ambitions, les axes d’une politique "
            "forte visant à faire reconnaître la place de chacun dans la société.",
        ),
        _b("bullet", "Ambition 2 : Aller au-devant des personnes les plus vulnérables ;"),
        _b(
            "bullet",
            "Ambition 9 : Accompagner les plus précaires vers l’emploi et les métiers qui recrutent ;",
        ),
        _b("heading", sg.THEME_1),
        _b(
            "para",
            "Les opérations proposées concernent l’accompagnement des bénéficiaires du RSA résidant dans le département "
            "du Pas-de-Calais.",
        ),
        _prop(RAPPORT_T1),
        _b("heading", sg.THEME_2),
        _b(
            "para",
            "Les actions proposées illustrent une partie de l’offre de services du Département pour favoriser le retour "
            "à l’emploi des bénéficiaires.",
        ),
        _prop(RAPPORT_T2),
        _b("para", "Il convient de statuer sur cette affaire et, le cas échéant :"),
        _b(
            "bullet",
            "De valider le financement des 4 dispositifs de la thématique 1 repris en annexe 1 pour un montant total de "
            "115 069 €, ainsi que la répartition financière proposée en annexe 3 ;",
        ),
        _b(
            "bullet",
            "De valider le financement des 13 opérations de la thématique 2 reprises en annexe 2 pour un montant total "
            "de 5 234 159.10 €, ainsi que la répartition financière proposée en annexe 3 ;",
        ),
        _b("bullet", "De valider la convention jointe en annexe 4 en tant que convention type ;"),
        _b("para", "La dépense serait imputée sur le budget départemental comme suit :"),
    ]


def rapport_after() -> list[Block]:
    return [
        _b(
            "para",
            "La 1ère Commission - Attractivité départementale et emploi a émis un avis favorable sur ce rapport lors "
            "de sa réunion du 30/05/2023.",
        ),
        _b(
            "para",
            "La 2ème Commission - Solidarités Humaines a émis un avis favorable sur ce rapport lors de sa réunion du "
            "30/05/2023.",
        ),
        _b("para", "Je vous prie de bien vouloir en délibérer."),
        _b("para", "Le Président du Conseil Départemental"),
        _b("para", "SIGNE"),
        _b("para", "Jean-Claude LEROY"),
    ]
