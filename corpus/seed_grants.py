"""Annexe 3 of the seed publication (Pas-de-Calais, CP 12/06/2023, N°2023-259), transcribed.

Transcribed from the text layer of the real PDF (``shared/seeds/000_*.txt``),
spelling and typos kept as printed (``insertio``, ``di 01/01/2023``,
``01/01/2023au``, ``Acttiv'cites``/``ACTIV'CITES``, ``RECUPAIRE``/``Recup'aire``,
``El FOUAD``/``Elfouad``, ``AFP2I``/``APF2I``).  Where the text layer lost which
territory a row belongs to (merged cells), a plausible territory was assigned.
The rotated operation labels the text layer shows are kept as printed
(``opération 4 : Pacte Ambition IAE``); the others (theme 1, theme 2
operations 5-13) are named after the narrative annexes' headings.

Each operation: (label as printed in the rotated cell, total label, total places,
printed total, rows); a row: (territory, structure, places-or-description,
amount, instrument).
"""

from __future__ import annotations

THEME_1 = "1. Accompagnement des bénéficiaires du RSA : dynamiser les parcours dans un objectif d’insertion professionnelle"
THEME_2 = "2. Développement des compétences et accès à l’emploi"

Row = tuple[str, str, str, str, str]
Operation = tuple[str, str | None, int | None, str, list[Row]]

C = "Convention"
P23 = "postes en insertion du 01/01/2023 au 31/12/2023"

T1_OPERATIONS: list[Operation] = [
    (
        "Opération 1 : Dispositif référent solidarité",
        "TOTAL",
        112,
        "17920.00",
        [
            ("Arrageois", "CC SUD ARTOIS", "90", "14400.00", C),
            ("Boulonnais", "CCAS Wimereux", "22", "3520.00", C),
            ("Artois", "SIVOM de la Communauté du Bruaysis", "-450", "-54000.00", C),
            ("Artois", "CCAS de Bruay-la-Buissière", "450", "54000.00", C),
        ],
    ),
    (
        "Opération 2 : Accompagnement socioprofessionnel des bénéficiaires du RSA",
        "TOTAL",
        113,
        "28250.00",
        [
            ("Arrageois", "CC SUD ARTOIS", "80", "20000.00", C),
            ("Boulonnais", "CCAS Wimereux", "33", "8250.00", C),
            ("Artois", "SIVOM de la Communauté du Bruaysis", "-180", "-33750.00", C),
            ("Artois", "CCAS de Bruay-la-Buissière", "180", "33750.00", C),
        ],
    ),
    (
        "Opération 3 : Interconnaissance des professionnels et échanges de pratiques",
        "TOTAL",
        0,
        "58586.00",
        [("Département", "EPSM Val de Lys-Artois", "", "58586.00", C)],
    ),
    (
        "Opération 4 : Accompagnement Global",
        "TOTAL",
        90,
        "10313.00",
        [("Artois", "CCAS de Bruay-la-Buissière", "90", "10313.00", C)],
    ),
]
T1_TOTAL = "115069.00"


def _ai(territory: str, name: str, posts: int, amount: str) -> Row:
    return (territory, name, f"{posts} {P23}", amount, C)


T2_OPERATIONS: list[Operation] = [
    (
        "Opération 1 : Aide à l'encadrement dans les Associations Intermédiaires",
        None,
        None,
        "1233180.00",
        [
            _ai("Artois", "Unartois Insertion", 8, "18720.00"),
            _ai("Artois", "ATS", 20, "46800.00"),
            _ai("Artois", "ADSI", 15, "35100.00"),
            _ai("Artois", "ADS", 21, "49140.00"),
            _ai("Arrageois", "MSD", 20, "46800.00"),
            _ai("Arrageois", "REA", 20, "46800.00"),
            _ai("Audomarois", "Le relais vervellois", 24, "56160.00"),
            _ai("Audomarois", "TTS", 32, "74880.00"),
            _ai("Boulonnais", "Espoir Littoral Services", 19, "44460.00"),
            _ai("Boulonnais", "Interm'aides", 15, "35100.00"),
            _ai("Calaisis", "Travail Partage 62", 15, "35100.00"),
            _ai("Calaisis", "Calaisis Travail services", 16, "37440.00"),
            _ai("Hénin-Carvin", "SAPIH Insertion", 15, "35100.00"),
            _ai("Hénin-Carvin", "AIAAC", 5, "11700.00"),
            _ai("Lens-Liévin", "Partenaires Action", 20, "46800.00"),
            _ai("Lens-Liévin", "APSA Coup d'main", 30, "70200.00"),
            _ai("Lens-Liévin", "Relais Travail", 15, "35100.00"),
            _ai("Lens-Liévin", "SAPI", 21, "49140.00"),
            _ai("Lens-Liévin", "Interrelais", 35, "81900.00"),
            _ai("Montreuillois", "Espoir Hucqueliers", 45, "105300.00"),
            _ai("Montreuillois", "RES", 38, "88920.00"),
            _ai("Ternois", "AGIR", 15, "35100.00"),
            _ai("Ternois", "BASE", 18, "42120.00"),
            _ai("Arrageois", "ACTE+", 12, "28080.00"),
            _ai("Arrageois", "APARDE", 15, "35100.00"),
            _ai("Arrageois", "Solidarité Travail", 18, "42120.00"),
        ],
    ),
    (
        "Opération 2 : Aide à l'encadrement dans les entreprises d'insertion",
        None,
        None,
        "483000.00",
        [
            _ai("Artois", "Technique Services", 3, "9000.00"),
            _ai("Artois", "Les jardins de la sensée", 8, "24000.00"),
            _ai("Artois", "Le relais", 12, "36000.00"),
            ("Artois", "Recup'aire", "59 postes en insertio du 01/01/2023 au 31/12/2023", "177000.00", C),
            _ai("Artois", "D'MULTIPLES", 7, "21000.00"),
            _ai("Audomarois", "AUDOTRI", 10, "30000.00"),
            _ai("Boulonnais", "Chenelet", 6, "18000.00"),
            _ai("Calaisis", "Régie de Quartier de Calais", 3, "9000.00"),
            _ai("Hénin-Carvin", "Dynamique Insertion Emploi", 3, "9000.00"),
            _ai("Lens-Liévin", "Impulsion Régie de quartier", 8, "24000.00"),
            _ai("Lens-Liévin", "Main forte", 6, "18000.00"),
            _ai("Lens-Liévin", "Les cousalis", 2, "6000.00"),
            _ai("Lens-Liévin", "Acttiv'cites", 6, "18000.00"),
            _ai("Lens-Liévin", "Gohelle environnement", 4, "12000.00"),
            _ai("Montreuillois", "Alpha", 20, "60000.00"),
            _ai("Ternois", "Abbaye de Belval", 2, "6000.00"),
            ("Ternois", "Ailes", "2 postes en insertion di 01/01/2023 au 31/12/2023", "6000.00", C),
        ],
    ),
    (
        "Opération 3 : Aide à l'encadrement dans les Ateliers et chantiers d'Insertion",
        "TOTAL",
        None,
        "1303656.00",
        [
            _ai("Arrageois", "EVE", 32, "132000.00"),
            _ai("Arrageois", "4AJ", 8, "36000.00"),
            _ai("Artois", "Le Coin familial", 30, "135000.00"),
            (
                "Artois",
                "Le Coin familial",
                "Chantier école de Vendin lez Béthune - 8 postes du 01/04/2023 au 31/03/2024",
                "36000.00",
                C,
            ),
            (
                "Artois",
                "Le Coin familial",
                "Chantier école de Vermelles - 8 postes du 01/04/2023 au 31/03/2024",
                "36000.00",
                C,
            ),
            _ai("Audomarois", "Audotri", 18, "69000.00"),
            _ai("Audomarois", "SM EDEN 62", 8, "78156.00"),
            _ai("Artois", "RECUPAIRE", 10, "45000.00"),
            _ai("Boulonnais", "AAEPM", 8, "36000.00"),
            _ai("Calaisis", "Régie de Quartier de Calais", 16, "72000.00"),
            _ai("Calaisis", "SOLEIL", 8, "33000.00"),
            _ai("Calaisis", "OPUR", 20, "84000.00"),
            _ai("Calaisis", "OPALE TOUR", 4, "18000.00"),
            _ai("Calaisis", "FACE VALO", 8, "33000.00"),
            _ai("Lens-Liévin", "ACTIV'CITES", 16, "66000.00"),
            _ai("Lens-Liévin", "3ID", 48, "198000.00"),
            _ai("Lens-Liévin", "El FOUAD", 16, "66000.00"),
            _ai("Montreuillois", "Il était deux fois", 5, "22500.00"),
            _ai("Ternois", "MAS", 16, "72000.00"),
            _ai("Ternois", "Au fil des ressources", 8, "36000.00"),
        ],
    ),
    (
        "opération 4 : Pacte Ambition IAE",
        None,
        None,
        "243000.00",
        [
            (
                "Artois",
                "Habitat insertion",
                "4 postes en insertion du 01/01/2022 au 31/12/2023",
                "18000.00",
                C,
            ),
            (
                "Boulonnais",
                "Creactif biosol",
                "10 postes en insertion du 01/01/2023au 31/12/2023",
                "45000.00",
                C,
            ),
            _ai("Lens-Liévin", "Elfouad", 8, "36000.00"),
            _ai("Hénin/carvin", "DIE", 4, "18000.00"),
            _ai("Montreuillois", "Eureka", 4, "18000.00"),
            (
                "Calaisis",
                "AES",
                "Nettoyage des plages - 6 places - du 01/01/2023 au 31/12/2023",
                "27000.00",
                C,
            ),
            ("Calaisis", "AES", "Brigade verte - 6 places - du 01/01/2023 au 31/12/2023", "27000.00", C),
            (
                "Calaisis",
                "Face valo",
                "8 postes en insertion du 01/01/2023 au 31/12/2023 (report d'opération)",
                "0.00",
                C,
            ),
            _ai("Boulonnais", "Chenelet (EI)", 6, "18000.00"),
            _ai("Audomarois", "Les anges gardins", 8, "36000.00"),
        ],
    ),
    (
        "Opération 5 : Soutien aux têtes de réseau de l'IAE",
        "Total",
        None,
        "69000.00",
        [
            ("Département", "Coorace", "OpératIon du 01/01/2023 au 31/12/2023", "15000.00", C),
            ("Département", "IRAE", "OpératIon du 01/01/2023 au 31/12/2023", "54000.00", C),
        ],
    ),
    (
        "Opération 6 : Actions d'insertion innovantes",
        "Total",
        None,
        "328556.21",
        [
            ("Arrageois", "FJEP", "Opération du 05/04/23 au 04/04/24", "45106.00", C),
            ("Arrageois", "DEMAIN", "Opération du 01/01/23 au 31/12/23", "16000.00", C),
            ("Artois", "PASSEPORT FORMA", "Opération du 02/01/23 au 31/12/23", "9786.00", C),
            ("Artois", "MAISON DE LA DIVERSITE", "Opération du 01/03/23 au 31/01/24", "12311.40", C),
            ("Boulonnais", "COMMUNITY", "Opération du 01/07/23 au 30/06/24", "49500.00", C),
            ("Boulonnais", "TREMPLIN FORMATION", "Opération du 03/04/23 au 31/12/23", "7285.04", C),
            ("Boulonnais", "ACTISHOP", "Opération du 01/01/23 au 31/12/23", "8143.06", C),
            ("Boulonnais", "TOUS PARRAINS", "Opération du 01/07/23 au 31/12/23", "8136.89", C),
            ("Calaisis", "IMPROACTIF", "Opération du 01/03/23 au 31/12/23", "16561.00", C),
            ("CALL/CAHC", "LA CRAVATE SOLIDAIRE", "Opération du 01/01/23 au 31/12/23", "7330.00", C),
            ("Lens-Liévin", "PAGE", "Opération du 01/06/23 au 31/05/24", "29231.42", C),
            ("Lens-Liévin", "CCAS ANNAY", "Opération du 01/04/23 au 31/12/23", "8000.00", C),
            ("Lens-Liévin", "SIVOM WINGLES", "Opération du 01/01/23 au 31/12/23", "17645.70", C),
            (
                "Montreuillois",
                "MAISON ACCUEIL SOLIDARITE",
                "opération du 01/03/23 au 29/02/24",
                "13089.61",
                C,
            ),
            ("Montreuillois", "TOUS PARRAINS", "Opération du 01/07/23 au 31/12/23", "18822.00", C),
            (
                "Montreuillois",
                "TOUS PARRAINS",
                'opération "Bien être vers l\'emploi" du 01/01/23 au 31/12/23',
                "6500.00",
                C,
            ),
            ("Ternois", "K D ABRA", "opération du 01/03/23 au 29/02/24", "55108.09", C),
        ],
    ),
    (
        "Opération 7 : Préparatoires adaptées",
        "Total",
        None,
        "244243.09",
        [
            ("Artois", "PBI", "Opération du 01/06/23 au 31/05/24", "7745.10", C),
            ("Boulonnais", "AMIE", "Opération du 01/01/23 au 31/12/23", "23922.00", C),
            ("Calaisis", "PIF", "opération du 01/03/23 au 29/02/24", "37457.52", C),
            ("Ternois", "K D ABRA", "opération du 01/03/23 au 29/02/24", "40214.47", C),
            ("Inter-territoires", "ASSIFEP", "Opération du 03/04/23 au 30/03/24", "16934.40", C),
            ("Inter-territoires", "ELFE FORMATION BTP", "opération du 01/03/23 au 29/02/24", "15000.00", C),
            ("Inter-territoires", "CMA REGION HDF", "Opération du 03/04/23 au 31/03/24", "102969.60", C),
        ],
    ),
    (
        "Opération 8 : Accompagner autrement",
        "Total",
        None,
        "385095.00",
        [
            ("Arrageois", "AU BORD DE LA LIGNE", "Opération du 01/06/23 au 31/12/23", "34216.00", C),
            ("Artois", "HABITAT ET INSERTION", "Opération du 01/01/23 au 31/12/23", "15000.00", C),
            ("Artois", "APF2I (Raid emploi)", "Opération du 01/07/23 au 31/12/23", "19800.00", C),
            ("Artois", "AFP2I (Passerelle emploi)", "Opération du 01/03/23 au 31/12/23", "25856.00", C),
            (
                "Artois",
                "AFP2I (Clés en main pour les métiers au féminin)",
                "Opération du 01/03/23 au 31/12/23",
                "55000.00",
                C,
            ),
            ("Audomarois", "MAHRA", "Opération du 01/01/23 au 31/12/23", "201957.00", C),
            ("Calaisis", "PIF", "Opération du 01/03/23 au 29/02/24", "33266.00", C),
        ],
    ),
    (
        "Opération 9 : Préparatoires à l'emploi",
        "Total",
        None,
        "391242.05",
        [
            (
                "Inter-territoires",
                "ELP ESPACE LEARNING PRO",
                "Opération du 01/01 au 31/12/2023",
                "87750.00",
                C,
            ),
            (
                "Inter-territoires",
                "DIALOGUE & COMPETENCES",
                "Opération du 17/04 au 15/12/2023",
                "88935.00",
                C,
            ),
            ("Inter-territoires ERBM", "ASSIFEP", "Opération du 03/04 au 31/12/2023", "20371.20", C),
            ("Lens-Liévin / Hénin-Carvin", "ASSIFEP", "Opération du 27/03 au 30/06/2023", "54432.00", C),
            (
                "Inter-territoires CNSE",
                "ELFE FORMATION BTP",
                "Opération du 01/09/23 au 31/08/24",
                "47000.00",
                C,
            ),
            ("Audomarois", "CCIR - STARTEVO", "Opération du 27/02 au 17/04/2023", "24000.00", C),
            ("Boulonnais", "SARL RESTHO FORMATION", "Opération du 17/04 au 07/07/2023", "41824.86", C),
            ("Boulonnais", "AFCI", "Opération du 02/05 au 31/12/2023", "13805.76", C),
            (
                "Calaisis",
                "ASSOCIATION BOULONNAISE DE FORMATION CONTINUE",
                "Opération du 01/01 au 31/12/2023",
                "13123.23",
                C,
            ),
        ],
    ),
    (
        "Opération 10 : Evaluation des compétences",
        "Total",
        None,
        "22591.80",
        [
            (
                "Département du Pas-de-Calais",
                "GRPT EMPLOY COOP INSERTION QUALIFICATION",
                "Opération du 01/09/2023 au 31/08/2024",
                "15000.00",
                C,
            ),
            (
                "Artois",
                "ASSO PLAN BETHUNOIS INSERTION (PLIE)",
                "Opération du 01/02 au 31/12/2023",
                "7591.80",
                C,
            ),
        ],
    ),
    (
        "Opération 11 : Mobiliser et développer les clauses",
        "Total",
        None,
        "142594.95",
        [
            (
                "Artois",
                "ASSO PLAN BETHUNOIS INSERTION (PLIE)",
                "Opération du 01/02/ 2023 au 31/01/2024",
                "56369.95",
                C,
            ),
            (
                "Lens-Liévin / Hénin-Carvin",
                "GESTION ANIMATION PLIE LENS LIEVIN",
                "Opération du 01/02/ 2023 au 31/01/2024",
                "86225.00",
                C,
            ),
        ],
    ),
    (
        "Opération 12 : Actions en faveur de la Mobilité Inclusive",
        "Total",
        None,
        "306000.00",
        [
            (
                "Arrageois - Ternois",
                "FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)",
                "Soutien au fonctionnement du Taxi Solidaire - 01/01/2023 au 31/12/2023",
                "150000.00",
                C,
            ),
            (
                "Audomarois",
                "DEFI MOBILITE",
                "Soutien au fonctionnement de l'activité de location solidiaire 2-4 roues - 01/01/2023 au 31/12/2023",
                "60000.00",
                C,
            ),
            (
                "Boulonnais",
                "CAP'MOBIL",
                "Auto- école sociale : 10 places pour passage du permis de conduire - 01/04/2023 au 31/03/2024",
                "18500.00",
                C,
            ),
            (
                "Hénin-Carvin",
                "AFEJI",
                "Soutien au fonctionnement du garage solidaire de Courrières- 01/06/2023 au 31/05/2024",
                "44500.00",
                C,
            ),
            (
                "Montreuillois",
                "ACCESS'AUTO62",
                "Soutien au fonctionnement du garage solidaire d'Auchy-les-Hesdin- 01/01/2023 au 31/12/2023",
                "15000.00",
                C,
            ),
            (
                "Ternois",
                "ATRE",
                "Soutien au fonctionnement de l'actvité de location de cyclomoteurs- 01/01/2023 au 31/12/2023",
                "18000.00",
                C,
            ),
        ],
    ),
    (
        "Opération 13 : Actions spécifiques Handicap",
        "Total",
        None,
        "82000.00",
        [
            (
                "Département du Pas-de-Calais",
                "MAISON DEPARTEMENTALE DES PERSONNES HANDICAPEES (MDPH)",
                "Diagnostic Employabilité des Travailleurs Handicapés_ 300 places",
                "82000.00",
                C,
            ),
        ],
    ),
]
T2_TOTAL = "5234159.10"
