"""Prose templates shared by the seed and the synthesiser: the model convention (annexe 4).

The model convention has its *own* ``Article 1..12`` and its *own*
``ANNEXE 1..3``: an extractor must not take them for the deliberation's.
"""

from __future__ import annotations

from delib.corpus.spec import Block


def _b(kind: str, text: str = "", **kw: object) -> Block:
    return Block.model_validate({"kind": kind, "text": text, **kw})


CONVENTION_ARTICLES = [
    (
        "Objet de la Convention",
        "La présente convention a pour objet de définir les modalités de partenariat entre {the} et le Nom structure, "
        "concourant à la mise en œuvre de la/des opération(s) citée(s) ci-dessous, dont les dispositions de mise en "
        "œuvre sont précisées en annexe. Durant la période d’exécution de la convention, l’organisme s’engage à "
        "réaliser la/les opération(s). Il bénéficie pour cela d’une participation financière de {the_short}.",
    ),
    (
        "Présentation de l’organisme",
        "Objectifs de l’organisme :\nChamps d’intervention :\nZone géographique d’intervention :",
    ),
    (
        "Période d’application de la convention",
        "La présente convention s’applique sur la période du XXXXXX au XXXXX inclus. La conclusion d’une nouvelle "
        "convention pourra être négociée à l’issue de la procédure d’évaluation. En aucun cas cette convention ne peut "
        "se poursuivre pour une nouvelle période par tacite reconduction.",
    ),
    (
        "Coût de l’opération",
        "Pour la durée de la convention le coût total de l’opération est estimé à un montant maximum de XXXX €. "
        "La contribution financière annuelle ne sera applicable que sous réserve du respect par la structure des "
        "clauses de la présente convention et de la transmission, dans les délais précisés en annexe, des documents de bilan.",
    ),
    (
        "Modalités de versement de la participation financière",
        "La participation financière, sous réserve du vote du budget, est versée selon les modalités reprises en annexe "
        "de la convention. Le montant maximal de la participation financière ne pourra être supérieur au total prévu à "
        "l’article 4 ou le cas échéant lors de la mise en œuvre d’un avenant émanant des modalités prévues à l’article 9.",
    ),
    (
        "Suivi de l’opération et bilans",
        "6-1 : Suivi de l’opération. La structure s’engage à mettre en œuvre les différents outils mis à sa disposition "
        "afin d’assurer le pilotage du dispositif.\n6-2 : Bilan. A l’issue de l’opération, l’organisme porteur du projet "
        "devra transmettre un bilan, défini en annexe de la convention, dans les 6 mois suivant la fin de l’exercice.",
    ),
    (
        "Modalités de contrôle",
        "Le contrôle de la mise en œuvre de la présente convention est exercé par les services. Ce contrôle peut "
        "s’effectuer sur pièces et/ou sur place. L’ensemble des documents devra être conservé jusqu’au 31 décembre {keep}.",
    ),
    (
        "Obligations de l’organisme",
        "8-1 : Obligations générales. 8-2 : Obligations liées au secret professionnel. 8-3 : Obligations liées à la "
        "propriété et utilisation des résultats. 8-4 : Obligations et contreparties en matière de communication.",
    ),
    ("Avenant", "La présente convention pourra être modifiée par voie d’avenant."),
    (
        "Résiliation et renonciation",
        "La convention pourra être résiliée unilatéralement notamment dans le cas où la mission confiée n’est pas "
        "exécutée dans les conditions prévues à la présente convention. La résiliation prend effet un mois franc après "
        "la réception de sa notification par lettre recommandée avec avis de réception.",
    ),
    (
        "Recours",
        "En cas de litige, les parties s’engagent à rechercher une solution amiable. À défaut, les litiges qui "
        "pourraient résulter de l’application des présentes seront portés devant le tribunal administratif de {court}.",
    ),
    ("Annexes", "Les annexes jointes à la présente convention sont :"),
]


def convention_blocks(
    *,
    title: str,
    the: str,
    the_short: str,
    seat: str,
    president: str,
    city: str,
    court: str,
    keep: int,
    signer: str,
) -> list[Block]:
    """The model convention (annexe 4) with its own articles 1..12 and annexes 1..3."""
    out = [
        _b("title", title),
        _b("para", "Pôle Solidarités"),
        _b("para", "Direction des Politiques d’Inclusion Durable"),
        _b("spacer", size=12),
        _b("para", "N° XXXX"),
        _b(
            "para",
            "Objet : Définition du partenariat entre la collectivité et la structure - intitulé du dispositif",
        ),
        _b(
            "para",
            f"Entre {the}, dont le siège est {seat}, représenté par son Président, {president}, dûment autorisé par "
            "délibération de la Commission Permanente en date du XXXX.",
        ),
        _b("para", f"ci-après désigné par « {the_short} » d’une part,"),
        _b("para", "Et"),
        _b(
            "para",
            "Le XXXXXXXXXXXXXXXXXXXXXXXXX, « XXXXXXXXX » dont le siège social se situe XXXXXXXXXXXXXXXXXXXXXXXXX, "
            "identifié(e) au répertoire SIRET sous le n° XXXXXXXXX, représenté(e) par XXXXXXXXXXXXXXX, Président(e).",
        ),
        _b("para", "ci-après désigné par « l’organisme » d’autre part."),
        _b("para", "Vu : le Code de l’Action Sociale et des Familles ;"),
        _b("para", "Vu : le Code Général des Collectivités Territoriales ;"),
        _b("para", "Vu : la délibération de la Commission Permanente réunie le XXXXXXXX ;"),
        _b("para", "Il a été convenu ce qui suit,"),
        _b("title", "CONVENTION"),
        _b("heading", "Préambule"),
        _b(
            "para",
            "Depuis de nombreuses années, la collectivité s’appuie sur plusieurs leviers d’intervention pour mener à bien "
            "sa mission dans le domaine de l’inclusion. Ces conventions permettent d’établir les relations sur la base "
            "d’une démarche volontariste et conjointe de transparence et d’engagements réciproques.",
        ),
    ]
    for i, (head, body) in enumerate(CONVENTION_ARTICLES, start=1):
        out.append(_b("heading", f"Article {i} : {head}"))
        out.append(_b("para", body.format(the=the, the_short=the_short, keep=keep, court=court)))
    out += [
        _b("para", "ANNEXE 1 : Obligations liées à la protection des données à caractère personnel"),
        _b("para", "ANNEXE 2 : Intitulé de l’opération"),
        _b("para", "ANNEXE 3 : Intitulé de l’opération"),
        _b("para", "Fait en trois exemplaires originaux. Ce document comprend XX pages."),
        _b("para", f"A {city}, le"),
        _b("para", f"Pour {the_short}, et par délégation, {signer}."),
        _b("pagebreak"),
        _b("heading", "ANNEXE 1 - OBLIGATIONS LIEES A LA PROTECTION DES DONNEES A CARACTERE PERSONNEL"),
        _b(
            "para",
            "1- Description du traitement faisant l’objet de la prestation. L’organisme est autorisé à traiter pour le "
            "compte de la collectivité les données à caractère personnel nécessaires pour fournir le service suivant : "
            "accompagnement des bénéficiaires du Revenu de Solidarité Active.",
        ),
        _b(
            "para",
            "2- Obligations de l’organisme : a) traiter les données uniquement pour la ou les seule(s) finalité(s) qui "
            "fait/font l’objet de la prestation ; b) garantir la confidentialité des données ; c) notifier toute "
            "violation de données dans un délai maximum de 24 heures.",
        ),
        _b("heading", "« Nom dispositif » Annexe N°X - structure"),
        _b(
            "table",
            rows=[
                ["Rubrique", "Contenu"],
                ["Durée", "Du XXXX au XXXX"],
                ["Coût", "XXXXXX €"],
                ["Public-Cible", "A COMPLETER"],
                [
                    "Modalités de versement",
                    "Versement d’une avance de XXXX euros, à la signature de la convention.",
                ],
            ],
        ),
    ]
    return out
