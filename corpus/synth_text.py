"""Prose filler for synthetic narrative annexes and rapports.

Numbers in these paragraphs are deliberately *not* money (``2,5 ETP``,
``527 postes``, ``30 %``, ``1 475 personnes``): an extractor must not take them
for amounts.
"""

from __future__ import annotations

import random

SENTENCES = [
    "Ce dispositif s’adresse aux bénéficiaires du Revenu de Solidarité Active, aux jeunes de moins de 26 ans ainsi qu’aux personnes ne percevant plus le RSA mais étant toujours en suite de parcours d’insertion.",
    "Il s’agit de contribuer au retour à l’emploi des personnes qui en sont dépourvues et qui rencontrent des difficultés sociales et professionnelles particulières.",
    "La participation de la collectivité porte sur les charges directes et sur les charges indirectes, forfaitisées à hauteur de 20 % des dépenses directes (hors prestations externes).",
    "L’accompagnement est formalisé au travers d’un contrat d’engagements réciproques de 6 mois, renouvelable jusqu’à 24 mois.",
    "Les structures œuvrant sur le champ de l’insertion par l’activité économique mettent en œuvre des dispositifs qui répondent aux préoccupations de la collectivité.",
    "Au travers d’animations, d’ateliers et de techniques innovantes, l’objectif est de proposer aux bénéficiaires un accompagnement « cousu main » adapté à leur profil.",
    "Les freins à la mobilité, qu’ils soient économiques, matériels, sociaux ou psycho-sociaux, ont des conséquences non négligeables sur le retour à l’emploi.",
    "Les comités de pilotage permettront d’établir un bilan qualitatif et quantitatif pour chaque période et de suivre la progression de l’opération.",
    "La prise en charge est fixée par mois et par participant, dans la limite des dépenses effectivement supportées par la structure.",
    "Les éléments de bilan sont en cours de réception et de consolidation par les services ; les premiers éléments sont encourageants.",
    "Cette opération s’inscrit dans la stratégie de prévention et de lutte contre la pauvreté et dans le pacte des solidarités.",
    "Le partenariat local sera également mobilisé pour renforcer l’interconnaissance des professionnels et l’échange de pratiques.",
]


def filler(rng: random.Random) -> str:
    """A paragraph of 2-4 plausible sentences."""
    return " ".join(rng.sample(SENTENCES, rng.randint(2, 4)))


def narrative_numbers(rng: random.Random, year: int) -> str:
    """A 'Bilan' paragraph full of numbers that are not amounts."""
    posts = rng.randint(40, 900)
    people = rng.randint(100, 3000)
    thousands = f"{people // 1000} {people % 1000:03d}" if people >= 1000 else str(people)
    return (
        f"Ce dispositif a permis à {rng.randint(5, 60)} structures de bénéficier d’un financement en {year}. "
        f"Les premiers éléments de bilans indiquent {posts} postes en insertion financés, plus de {thousands} "
        f"participants concernés et {rng.randint(15, 70)} % de sorties dynamiques, avec "
        f"{rng.choice(['2,5', '1,5', '3', '0,8'])} ETP mobilisés."
    )
