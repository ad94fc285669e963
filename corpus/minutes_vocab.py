"""Words of French municipal session minutes (comptes rendus), for :mod:`delib.corpus.minutes_gen`.

Drawn from what real minutes print (../shared/real: Pierrefonds, Couthenans, Montpellier 2011,
Ville-Oise): headers, attendance wordings, item subjects, association names, the sentences that
carry a vote.  Data only; the choices are made by the generator with its seeded ``random.Random``.
"""

from __future__ import annotations

COMMUNES = (
    "Saint-Aubin-sur-Loire",
    "Villeneuve-les-Prés",
    "Montigny-le-Vieux",
    "Chaumont-sur-Vesle",
    "Bréval",
    "La Roche-Bernard",
    "Sainte-Colombe",
    "Fontaine-Guérin",
    "Laval-en-Brie",
    "Coulanges",
    "Mareuil-la-Motte",
    "Bois-d'Arcy-le-Haut",
)

FIRST_NAMES_F = (
    "Anne-Marie", "Hélène", "Florence", "Delphine", "Karine", "Nathalie", "Sophie", "Agnès",
    "Maryline", "Élodie", "Claire", "Josette", "Valérie", "Christine", "Laetitia", "Isabelle",
)  # fmt: skip
FIRST_NAMES_M = (
    "Jean-Pierre", "Gilles", "Yves", "Mathieu", "Patrick", "Stéphane", "Romain", "Philippe",
    "Michel", "Jean-Claude", "Gérard", "Thierry", "Olivier", "Marc", "Bruno", "François",
)  # fmt: skip
SURNAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
    "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément",
)  # fmt: skip

# Subjects of decided items: (title, kind).  kind drives the body and the money printed:
# "plain" (no money), "works" (an amount and an imputation), "budget", "grants" (an association list).
SUBJECTS: tuple[tuple[str, str], ...] = (
    ("Tarifs de la cantine scolaire pour l'année {year}", "plain"),
    ("Réfection de la toiture de l'église : demande de subvention au titre de la DETR {year}", "works"),
    ("Convention de mise à disposition de la salle polyvalente avec le comité des fêtes", "plain"),
    ("Budget primitif {year} de la commune", "budget"),
    ("Décision modificative n° 1 du budget principal", "works"),
    ("Création d'un poste d'adjoint technique territorial", "plain"),
    ("Recours à du personnel vacataire pour l'accueil périscolaire", "plain"),
    ("Travaux d'accessibilité de la mairie : choix de l'entreprise", "works"),
    ("Tarifs des concessions du cimetière communal", "plain"),
    ("Adhésion au groupement de commandes pour l'achat d'électricité", "plain"),
    ("Acquisition d'un tracteur tondeuse pour les services techniques", "works"),
    ("Dénomination de la place du marché", "plain"),
    ("Renouvellement de la convention de fourrière animale", "plain"),
    ("Vote des taux des taxes locales {year}", "taxes"),
    ("Remplacement de l'éclairage public par des lampes à LED", "works"),
    ("Rapport annuel sur le prix et la qualité du service de l'eau potable", "plain"),
    ("Cession d'une parcelle communale cadastrée AB 112", "plain"),
    ("Indemnité de conseil allouée au comptable public", "plain"),
    ("Participation aux frais de fonctionnement de l'école de musique intercommunale", "works"),
    ("Modification des statuts de la communauté de communes", "plain"),
    ("Programme de voirie {year} : rue des Tilleuls et chemin du Moulin", "works"),
    ("Règlement intérieur de la bibliothèque municipale", "plain"),
)
GRANT_SUBJECTS = (
    "Subventions aux associations {year}",
    "Attribution des subventions aux associations locales pour l'année {year}",
    "Subventions de fonctionnement aux associations",
)

ASSOCIATIONS = (
    "Comité des fêtes", "Amicale des sapeurs-pompiers", "ACCA", "Club du troisième âge",
    "Coopérative scolaire", "Association sportive de football", "Banque alimentaire",
    "Cyclo club", "Les Amis de la bibliothèque", "Association des parents d'élèves",
    "Union nationale des combattants", "Tennis club", "Harmonie municipale",
    "Gymnastique volontaire", "Restos du cœur", "Judo club", "Handy-up",
    "Société de chasse", "Association Familles rurales", "Club de l'amitié",
)  # fmt: skip

# Imputations: (chapter, nature, wording of the service).
WORKS_IMPUTATIONS = (
    ("21", "2152", "installations de voirie"),
    ("21", "21318", "autres bâtiments publics"),
    ("23", "2313", "constructions"),
    ("011", "615231", "entretien de voiries"),
    ("21", "2182", "matériel de transport"),
    ("65", "6558", "autres contributions obligatoires"),
    ("011", "6156", "maintenance"),
)

GROUPS = ("groupe Agir ensemble", "groupe Vivre notre commune", "opposition", "liste Demain")

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_UNITS = (
    "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
)  # fmt: skip
_TENS = {20: "vingt", 30: "trente"}


def day_in_words(day: int) -> str:
    """1..31 as printed in an act's preamble ("le vingt et un mars"); 1 is "premier"."""
    if day == 1:
        return "premier"
    if day < 20:
        return _UNITS[day]
    tens, unit = divmod(day, 10)
    word = _TENS[tens * 10]
    if unit == 0:
        return word
    return f"{word} et un" if unit == 1 else f"{word}-{_UNITS[unit]}"


def year_in_words(year: int) -> str:
    """2000..2039 in words: "deux mille vingt-quatre"."""
    rest = year - 2000
    return "deux mille" if rest == 0 else f"deux mille {day_in_words(rest) if rest != 1 else 'un'}"


# Body sentences before a vote (the item's exposé); {who} is the speaker.
EXPOSES = (
    "{who} expose au conseil municipal le projet et en rappelle le contexte.",
    "{who} présente le dossier. Après en avoir délibéré,",
    "{who} rappelle que ce point a été examiné en commission des finances le {prev}.",
    "Vu le Code général des collectivités territoriales, et notamment son article L. 2121-29 ; "
    "vu l'avis de la commission réunie le {prev} ;",
    "{who} donne lecture du rapport. Plusieurs conseillers demandent des précisions sur le calendrier.",
)
SPEAKERS = ("Monsieur le Maire", "Madame le Maire", "Le Maire", "M. le Maire")
