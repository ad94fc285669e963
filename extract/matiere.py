"""The ACTES matière of a deliberation, read from its title and text.

Every act sent to the préfecture carries a matière of the ACTES nomenclature (levels 1 and 2 in
``actes_matieres.json`` beside this module, the official list of ``standards/actes-matieres.tsv``);
SCDL Délibérations must fill ``DELIB_MATIERE_CODE``/``NOM``.  Publications almost never print it,
so :func:`classify` chooses it from what they do print, in this order:

1. a matière printed in the text ("Matière : 7.5", "Nomenclature ACTES 3.1"): confidence 1.0;
2. the title, against ordered keyword rules (:data:`RULES`).  The rules of the *nature of the
   act* come first (commande publique, urbanisme, domaine, personnel, institutions, finances: a
   grant is 7.5 whatever its theme, a works contract 1.1 even for a school), then the *themes*
   of 8.x and 9.x (école 8.1, assainissement 8.8, ...), as the ACTES guide files an act under a
   theme only when no nature fits.  Within each group, specific wordings come before general ones
   (garantie d'emprunt before emprunt, avenant de maîtrise d'oeuvre before avenant); a ZAC (8.4)
   sits with the natures, after the contracts and before rentals.  Confidence 0.8 for a nature
   rule, 0.6 for a theme rule;
3. a deliberation that attributes grant lines is 7.5 when the title matched nothing, or only a
   theme, a convention or "participations" (``matiere.grants``, 0.7);
4. the same rules on the text (articles, the decision), confidence 0.5 / 0.4;
5. nothing matched: 9.1 (9.2 for a Département, 9.3 for a Région), ``matiere.fallback``, 0.1.

The confidences are priors for the kind of evidence, not calibrated probabilities; the accuracy
measured on hand-labelled real publications is in the README (SCDL export).  The rule that chose
the matière (``matiere.title.<rule>.v1`` ...) is kept with it as provenance.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from delib.base.text import strip_accents

VERSION = "v1"


@dataclass(frozen=True)
class Matiere:
    """An ACTES level-2 matière and why it was chosen."""

    code: str  # level-2 code, '7.5'
    name: str  # its label in the nomenclature, 'Subventions'
    rule: str  # the rule that chose it, 'matiere.title.subvention.v1'
    confidence: float  # prior of that kind of evidence, 0-1 (see the module docstring)

    @property
    def level1(self) -> str:
        return self.code.split(".")[0]


@dataclass(frozen=True)
class Rule:
    name: str
    code: str
    pattern: re.Pattern[str]
    nature: bool  # a rule of the nature of the act (else a theme of 8.x/9.x)


@cache
def nomenclature() -> dict[str, str]:
    """ACTES code -> label, levels 1 and 2 ('7' -> 'Finances locales', '7.5' -> 'Subventions')."""
    path = Path(__file__).with_name("actes_matieres.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(m["code"]): str(m["label"]) for m in data["matieres"]}


def _r(name: str, code: str, pattern: str, *, nature: bool = True) -> Rule:
    return Rule(name, code, re.compile(pattern), nature)


# Patterns run on the folded text: no accents, lower case, ’ as ', one space between words.

RULES: tuple[Rule, ...] = (
    _r("voeu", "9.4", r"\bvoeux?\b|\bmotions?\b"),
    _r("adhesion", "5.7", r"\badhesion\b"),
    _r("participation-sem", "7.9", r"augmentation de capital|capital social|prise de participation|statuts.{0,60}\b(?:spl|sem|saem|societe)\b"),
    _r("designation", "5.3", r"designation (?:d'un |d'une |des |du |de la |de )?(?:representants?|delegues?)|\brepresentants?\b|\bdelegues?\b"),
    _r("transfert-charges", "5.7", r"transferts? de (?:charges|competences?)|\bclect\b|intercommunal|statuts (?:de la |du |de l')?(?:communaute|syndicat|epci|metropole)"),
    _r("commission", "5.2", r"\bcommissions?\b|reglement interieur|conseil (?:municipal )?(?:de la |des )?jeune"),
    _r("delegation-signature", "5.5", r"delegations? de signature"),
    _r("delegation-maire", "5.4", r"delegations? (?:du conseil|d'attributions?|de pouvoirs?|de fonctions?|au maire|au president)"),
    _r("dsp", "1.2", r"delegations? de service public|\bdsp\b|affermage|concession de service public"),
    _r("election-executif", "5.1", r"election (?:du |d'un |d'une |des )?(?:\d+\S* )?(?:maire|adjoints?|president|vice)|adjoints? au maire|nombre d'adjoints"),
    _r("indemnites-elus", "5.6", r"indemnites? de fonctions?|frais de (?:mission|representation) des elus|formation des elus"),
    _r("ester", "5.8", r"ester en justice|\bcontentieux\b|action en justice|defendre (?:la commune|les interets)"),
    _r("maitrise-oeuvre", "1.6", r"maitrise d'(?:oe|œ)uvre"),
    _r("transaction", "1.5", r"protocole (?:d'accord )?transactionnel|\btransaction\b"),
    _r("emprunt", "7.3", r"garanties? d'emprunts?|\bemprunts?\b|ligne de tresorerie|renegociation (?:de|d'un) pret"),
    _r("aide-entreprises", "7.4", r"aides? (?:directes? )?aux entreprises|interventions? economiques?|immobilier d'entreprise"),
    _r("fonds-concours", "7.8", r"fonds de concours"),
    _r("subvention", "7.5", r"\bsubventions?\b|\bdotation d.{0,40}\bassociations?\b|aides? financieres?"),
    _r("mise-disposition-agent", "4.4", r"mise a disposition d'(?:un|une|des) agents?|agents? de l'etat"),
    _r("regime-indemnitaire", "4.5", r"regime indemnitaire|complement indemnitaire|\brifseep\b|\bprimes?\b"),
    _r("contractuels", "4.2", r"\bvacations?\b|\bvacataires?\b|contractuels?|apprentis?|saisonniers?"),
    _r("personnel", "4.1", r"tableau des effectifs|\bpersonnel\b|\bagents?\b|\bastreintes?\b|\bpostes?\b|instances paritaires|frais de deplacements?"),
    _r("cotisation", "7.6", r"\bcotisations?\b|\bparticipations? (?:de la ville|de la commune|communale|financiere|aux frais)|\bcontributions?\b"),
    _r("fiscalite", "7.2", r"taux (?:des|d'imposition|de la taxe|de fiscalite)|\btaxes? (?:fonciere|d'habitation|communales?|d'amenagement|de sejour)|fiscalite|etat 1259|\bimpots?\b|exonerations? de taxe"),
    _r("budget", "7.1", r"\bbudgets?\b|compte administratif|comptes? de gestion|affectations? (?:des |de |du )?resultats?|decisions? modificatives?|\bdm ?\d?\b|rattachement des charges|quart des depenses|amortissements?|virements? de credits?|orientations? budgetaires?"),
    _r("urbanisme-document", "2.1", r"\bplu\b|plan local d'urbanisme|\bpos\b|carte communale|\bscot\b|\bpae\b|programme d'amenagement d'ensemble|plan d'alignement"),
    _r("urbanisme-autorisation", "2.2", r"permis de (?:construire|demolir|amenager)|declaration prealable|autorisations? d'urbanisme"),
    _r("preemption", "2.3", r"preemption"),
    _r("domaine-public", "3.5", r"domaine public|concessions? d'exploitation|servitudes? d'ancrage|concessions? funeraires?"),
    _r("recettes-tarifs", "7.10", r"\btarifs?\b|tarification|redevances?|surtaxe|\brecettes?\b|\bregies? (?:de |d')?(?:recettes?|avances?)|regisseurs?|remboursement|indemnite de conseil|non.valeur|\bcreances?\b"),
    _r("domaine-prive", "3.6", r"servitudes?|sylvicol|\bonf\b|\bforets?\b|domaine prive"),
    _r("acquisition", "3.1", r"acquisitions?|\bfoncier\b|etablissement public foncier|\bepf\b"),
    _r("alienation", "3.2", r"\bcessions?\b|alienations?|(?<!apres )(?<!apres-)\bventes?\b|declassement"),
    _r("marche", "1.1", r"\bmarches?\b|appel d'offres|accords?.cadres?|groupement de commandes|\bavenants?\b|prestataires?|\bachats?\b|\bcommandes?\b|\bfournitures?\b|\btravaux\b|\bconcours\b"),
    _r("zac", "8.4", r"\bzac\b|zone d'amenagement concerte"),
    _r("location", "3.3", r"\bbail\b|\bbaux\b|\blocations?\b|\bloyers?\b|\bpret (?:de|d'une|d'un) (?:la )?(?:petite )?salle|mises? a disposition|occupation temporaire"),
    _r("convention", "1.4", r"\bconventions?\b|partenariat|\bcontrats?\b"),
    # themes (8.x, 9.x): only when no nature of act fits
    _r("enseignement", "8.1", r"\becoles?\b|scolaires?|enseignement|classes? de decouverte|\bcolleges?\b|\blycees?\b", nature=False),
    _r("social", "8.2", r"\bsocial(?:e|es)?\b|\bccas\b|\bcaf\b|allocations familiales|accueils? de loisirs|\balsh\b|\bcreches?\b|petite enfance|personnes agees|\baines\b|solidarite", nature=False),
    _r("voirie", "8.3", r"\bvoirie\b|denomination|\btrottoirs?\b|eclairage public|signalisation", nature=False),
    _r("amenagement", "8.4", r"amenagement|zones? d'activites?|itineraires?|randonnee|tourisme|revitalisation", nature=False),
    _r("habitat", "8.5", r"habitat|logements?|\bopah\b|politique de la ville|renovation urbaine", nature=False),
    _r("emploi", "8.6", r"\bemploi\b|insertion|formation professionnelle", nature=False),
    _r("transports", "8.7", r"transports?|tramway|mobilites?|stationnement|\bparkings?\b", nature=False),
    _r("environnement", "8.8", r"environnement|\beaux?\b|assainissement|dechets|ordures|\bspanc\b|\bstep\b|epuration|energie|\bvergers?\b|espaces? verts|biodiversite|climat", nature=False),
    _r("culture", "8.9", r"cultur|musee|bibliotheque|mediatheque|theatre|cinema|festival|spectacles?|patrimoine|litteraire", nature=False),
    _r("autres-communes", "9.1", r"numerique|logiciels? libres?|telecommunications?|\bantennes?\b|cimetiere|mariages?|mairie annexe|\bfetes?\b|ceremonies?|jumelage", nature=False),
)  # fmt: skip

#: title matières that grant lines outweigh: a convention or "participations financières" that
#: attribute grant lines are grants (7.5)
_GRANT_LIKE = frozenset({"1.4", "7.6"})

_PRINTED = re.compile(
    r"\b(?:mati[eè]re|nomenclature actes|classification actes)\s*(?:actes)?\s*:?\s*([1-9])\.(\d{1,2})\b"
)


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces: the text the rules read."""
    t = strip_accents(text.replace("’", "'").replace("œ", "oe").replace("Œ", "Oe")).casefold()
    return " ".join(t.split())


def _match(text: str) -> Rule | None:
    folded = fold(text)
    for rule in RULES:
        if rule.pattern.search(folded):
            return rule
    return None


def _make(code: str, rule: str, confidence: float) -> Matiere:
    return Matiere(code, nomenclature()[code], f"{rule}.{VERSION}", confidence)


def classify(
    title: str | None, text: str = "", *, grants: int = 0, collectivity: str | None = None
) -> Matiere:
    """The ACTES level-2 matière of a deliberation (rules and confidences: module docstring).

    ``title``: its printed object; ``text``: what else of it was read (articles, the decision);
    ``grants``: how many grant lines it attributes; ``collectivity``: as printed, for the fallback
    (9.2 for a Département, 9.3 for a Région, else 9.1).
    """
    m = _PRINTED.search(strip_accents(text).casefold())
    if m:
        code = f"{m.group(1)}.{int(m.group(2))}"
        if code in nomenclature():
            return _make(code, "matiere.printed", 1.0)
    by_title = _match(title or "")
    if by_title is not None and by_title.nature and not (grants > 0 and by_title.code in _GRANT_LIKE):
        return _make(by_title.code, f"matiere.title.{by_title.name}", 0.8)
    if grants > 0:
        return _make("7.5", "matiere.grants", 0.7)
    if by_title is not None:
        return _make(by_title.code, f"matiere.title.{by_title.name}", 0.8 if by_title.nature else 0.6)
    by_text = _match(text) if text else None
    if by_text is not None:
        return _make(by_text.code, f"matiere.text.{by_text.name}", 0.5 if by_text.nature else 0.4)
    coll = fold(collectivity or "")
    code = "9.2" if "departement" in coll else "9.3" if re.search(r"\bregion\b", coll) else "9.1"
    return _make(code, "matiere.fallback", 0.1)


__all__ = ["RULES", "Matiere", "classify", "fold", "nomenclature"]
