"""Parts of a synthetic deliberation: vote block, articles and budget lines, render spec.

Functions of a :class:`delib.corpus.synth.Synth` (they draw from its RNG in a
fixed order, so a plan always gives the same publication).
"""

from __future__ import annotations

import random
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from delib.corpus import synth_vocab as V
from delib.corpus.frenchfmt import format_amount, format_date, long_upper_date
from delib.corpus.prose import convention_blocks
from delib.corpus.spec import AmountStyle, Block, GrantAnnexLayout, RenderSpec, ThemeLayout
from delib.corpus.synth_text import filler

if TYPE_CHECKING:
    from delib.corpus.synth import Synth


def _b(kind: str, text: str = "", **kw: object) -> Block:
    return Block.model_validate({"kind": kind, "text": text, **kw})


def strip_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


def slug(text: str) -> str:
    return strip_accents(text).lower().replace("/", "-").replace(" ", "-")


def _prose_amount(rng: random.Random, value: Decimal) -> str:
    """An amount as written in prose, varying as real documents do."""
    styles = [
        AmountStyle(cents="if_needed"),
        AmountStyle(),
        AmountStyle(thousands="\u00a0", cents="if_needed"),
        AmountStyle(thousands="\u202f"),
        AmountStyle(euro="€"),
        AmountStyle(decimal=".", cents="if_needed"),
        AmountStyle(euro=" euros", cents="if_needed"),
    ]
    return format_amount(value, rng.choice(styles))


def vote(
    s: Synth,
    present: list[tuple[str, str]],
    excused: list[tuple[str, str]],
    absent: list[tuple[str, str]],
    recused: list[str],
    proxies: list[dict[str, str]],
) -> dict[str, Any]:
    rng, style, groups = s.rng, s.plan.vote_style, s.profile.groups
    if style in ("unanimity", "unanimity_present"):
        text = (
            "Adopté à l'unanimité"
            if style == "unanimity"
            else "Adopté à l’unanimité des membres présents et représentés"
        )
        return {"adopted": True, "unanimous": True, "text": text}
    members = len(present) + len(excused) + len(absent)
    if style in ("slash", "majority", "votants"):
        return _municipal_vote(s, style, len(present) + len(proxies), len(recused))
    if style == "counts":
        against = rng.randint(0, 4)
        abst = rng.randint(0, 5)
        not_voting = len(recused)
        voters = len(present) + len(proxies) - not_voting
        for_ = voters - against - abst
        lines = [
            f"Pour : {for_}",
            f"Contre : {against}",
            f"Abstention : {abst}",
            f"Ne prend pas part au vote : {not_voting}",
            "(Adopté)",
        ]
        return {
            "for": for_,
            "against": against,
            "abstention": abst,
            "not_voting": not_voting,
            "adopted": True,
            "text": "\n".join(lines),
        }
    against = rng.choice([0, 0, 0, rng.randint(1, 6)])
    abst = len(recused) + rng.randint(0, 4)
    absent_wo = len(absent)
    for_ = members - against - abst - absent_wo
    g_for = sorted(rng.sample(groups, rng.randint(2, len(groups))), key=groups.index)
    g_abs = sorted(rng.sample(groups, rng.randint(1, len(groups))), key=groups.index) if abst else []
    g_ag = sorted(rng.sample(groups, 1), key=groups.index) if against else []
    g_absent = (
        sorted(rng.sample(groups, min(len(groups), max(1, absent_wo))), key=groups.index) if absent_wo else []
    )

    def line(label: str, n: int, gs: list[str], unit: str = " voix") -> str:
        return f"{label} : {n}{unit}" + (f" ({' ; '.join(gs)})" if gs else "")

    lines = [line("Pour", for_, g_for), line("Contre", against, g_ag), line("Abstention", abst, g_abs)]
    lines.append(line("Absents sans délégation de vote", absent_wo, g_absent, unit=""))
    lines.append("(Adopté)")
    groups_out = {"for": g_for}
    if g_ag:
        groups_out["against"] = g_ag
    if g_abs:
        groups_out["abstention"] = g_abs
    if g_absent:
        groups_out["absent_without_proxy"] = g_absent
    return {
        "for": for_,
        "against": against,
        "abstention": abst,
        "absent_without_proxy": absent_wo,
        "adopted": True,
        "groups": groups_out,
        "text": "\n".join(lines),
    }


def _municipal_vote(s: Synth, style: str, expressed: int, recused: int) -> dict[str, Any]:
    """Wordings seen in municipal minutes: every present or represented member votes."""
    rng, groups = s.rng, s.profile.groups
    abst = recused + rng.randint(0, 4)
    if style == "votants":
        for_ = expressed - abst
        g_abs = sorted(rng.sample(groups, 1), key=groups.index) if abst else []
        text = f"A L'UNANIMITE des votants ({for_} voix), {abst} abstentions" + (
            f" ({g_abs[0]})" if g_abs else ""
        )
        out: dict[str, Any] = {
            "for": for_,
            "against": None,  # implied by "à l'unanimité des votants" but not printed
            "abstention": abst,
            "adopted": True,
            "unanimous": True,
            "text": text,
        }
        if g_abs:
            out["groups"] = {"abstention": g_abs}
        return out
    against = rng.randint(1, 8)
    for_ = expressed - abst - against
    if style == "slash":
        text = f"Vote : {for_} pour / {against} contre / {abst} abstention{'s' if abst > 1 else ''}\nadopté"
        return {"for": for_, "against": against, "abstention": abst, "adopted": True, "text": text}
    g_ag = sorted(rng.sample(groups, 1), key=groups.index)
    g_abs = sorted(rng.sample(groups, min(2, len(groups))), key=groups.index) if abst else []
    lines = [f"Pour : {for_}", f"Contre : {against} ({' + '.join(g_ag)})"]
    lines.append(f"Abstention : {abst}" + (f" ({' + '.join(g_abs)})" if g_abs else ""))
    lines.append("Adopté à la majorité")
    groups_out = {"against": g_ag} | ({"abstention": g_abs} if g_abs else {})
    return {
        "for": for_,
        "against": against,
        "abstention": abst,
        "adopted": True,
        "groups": groups_out,
        "text": "\n".join(lines),
    }


def articles(
    s: Synth,
    themes: list[str],
    theme_totals: dict[str, Decimal],
    annex_no: str,
    op_info: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    rng = s.rng
    articles = []
    budget = []
    report = []
    for i, theme in enumerate(themes, start=1):
        total = theme_totals[theme]
        n_ops = sum(1 for o in op_info if o["theme"] == theme)
        name = theme.split(". ", 1)[-1]
        text = (
            f"De valider le financement des {n_ops} opérations de la thématique {i} « {name} », telles que "
            f"présentées en annexe {i}, pour un montant total de {_prose_amount(rng, total)}, aux structures et "
            f"selon la répartition financière reprises en annexe {annex_no} à la présente délibération."
        )
        articles.append({"number": i, "text": text, "amounts": [format(total, "f")]})
        ae = (total * Decimal(str(round(rng.uniform(1.2, 3.0), 2)))).quantize(Decimal("1"))
        available = (total + (ae - total) * Decimal(str(round(rng.uniform(0.2, 1.0), 2)))).quantize(
            Decimal("0.01")
        )
        code = f"C0{rng.randint(1, 9)}-{rng.randint(400, 499)}{rng.choice('ABH')}0{rng.randint(1, 9)}"
        imputation = f"{rng.choice(['6568', '6574', '65734'])}/93{rng.randint(400, 599)}"
        label = rng.choice(
            [
                "Appui aux parcours intégrés",
                "Indemnisation des organismes référents",
                "Insertion professionnelle",
                "Actions jeunesse",
            ]
        )
        label = f"{label} {s.year}-{s.year + rng.randint(1, 6)}" if rng.random() < 0.4 else label
        budget.append(
            {
                "operation_code": code,
                "imputation": imputation,
                "label": label,
                "ae": format(ae, "f") + ".00",
                "expense": format(total, "f"),
            }
        )
        report.append(
            {
                "operation_code": code,
                "imputation": imputation,
                "label": label,
                "ae": format(ae, "f") + ".00",
                "available": format(available, "f"),
                "proposed": format(total, "f"),
                "balance": format(available - total, "f"),
            }
        )
    k = len(themes)
    articles.append(
        {
            "number": k + 1,
            "text": f"De valider la convention jointe en annexe {int(annex_no) + 1} à la présente délibération en tant que convention type.",
            "amounts": [],
        }
    )
    articles.append(
        {
            "number": k + 2,
            "text": "D’autoriser le Président à signer, au nom et pour le compte de la collectivité, avec les structures "
            f"citées en annexe {annex_no}, les conventions de partenariat.",
            "amounts": [],
        }
    )
    articles.append(
        {
            "number": k + 3,
            "text": "Les dépenses versées en application de la présente délibération sont imputées sur le budget comme suit :",
            "amounts": [],
        }
    )
    return articles, budget, report


def render_spec(
    s: Synth,
    delib: dict[str, Any],
    civility: dict[str, str],
    recused_people: list[tuple[str, str]],
    recused: list[str],
    narrative: list[list[Block]],
    layouts: list[ThemeLayout],
    themes: list[str],
    theme_totals: dict[str, Decimal],
    annex_no: str,
) -> RenderSpec:
    rng, prof, p = s.rng, s.profile, s.plan
    pres_name, pres_civ = prof.president
    women = [n for (n, c), r in zip(recused_people, recused, strict=True) if c == "Mme" for n in [r]]
    men = [r for (n, c), r in zip(recused_people, recused, strict=True) if c != "Mme"]
    recusal = None
    if recused:
        parts = []
        if women:
            parts.append(("Mesdames " if len(women) > 1 else "Madame ") + _join(women))
        if men:
            parts.append(("Messieurs " if len(men) > 1 else "Monsieur ") + _join(men))
        who = ", ainsi que ".join(parts)
        plural = "intéressés" if len(recused) > 1 else ("intéressée" if women else "intéressé")
        verb = "n’ont" if len(recused) > 1 else "n’a"
        recusal = f"{who}, {plural} à l’affaire, {verb} pris part ni au débat, ni au vote ;"
        if p.recusal_style == "npp":  # "M. X et Mme Y ne prennent pas part au vote."
            named = [f"{'Mme' if n in women else 'M.'} {n}" for n in recused]
            verb = "ne prennent" if len(recused) > 1 else "ne prend"
            recusal = f"{_join(named)} {verb} pas part au vote."
    amount_style = rng.choice(
        [
            AmountStyle(),
            AmountStyle(thousands="\u00a0"),
            AmountStyle(thousands="\u202f", euro="\u00a0€"),
            AmountStyle(euro="€", negative="prefix"),
            AmountStyle(cents="if_needed", negative="paren"),
        ]
    )
    if p.hard:
        amount_style = rng.choice(
            [AmountStyle(thousands=".", negative="prefix"), AmountStyle(thousands=".", euro=" EUR")]
        )
    if p.amount_thousands is not None:  # e.g. "'" as in "8'355,59€"
        amount_style = amount_style.model_copy(update={"thousands": p.amount_thousands})
    first_prop = len(delib["proposals"]) - len(themes)
    rapport = [
        _b("title", prof.header),
        _b("title", f"RAPPORT N°{delib['report']['number']}"),
        _b("title", delib["instance"].upper()),
        _b("title", f"REUNION DU {long_upper_date(p.session)}"),
        _b("title", delib["title"]),
        _b("para", filler(rng)),
    ]
    for k, theme in enumerate(themes):
        rapport += [
            _b("heading", theme),
            _b("para", filler(rng)),
            Block(kind="proposal", index=first_prop + k),
        ]
    rapport.append(_b("para", "La dépense serait imputée sur le budget comme suit :"))
    instance_lines = (
        ["DELIBERATION DE LA COMMISSION PERMANENTE", f"DU {prof.assembly.upper()}"]
        if p.instance == "cp"
        else [f"DELIBERATION DU {prof.assembly.upper()}", "SEANCE PLENIERE"]
    )
    return RenderSpec(
        font=rng.choice(["DejaVuSans", "DejaVuSerif", "Vera"]),
        size=rng.choice([9.0, 9.5, 10.0]),
        header_lines=[prof.header, "", *instance_lines],
        session_line=f"REUNION DU {long_upper_date(p.session)}",
        presidency_line=f"PRESIDENCE DE {'MONSIEUR' if pres_civ == 'M.' else 'MADAME'} {strip_accents(pres_name).upper()}",
        secretary_line=f"Secrétaire : {civility.get(delib['secretary'], '')} {delib['secretary']}",
        civility=civility,
        number_line=f"(N°{p.number})",
        preamble=f"La {delib['instance']},",
        recusal_text=recusal,
        budget_after_article=len(delib["articles"]),
        signature_lines=[f"LE PRESIDENT DU {prof.assembly.upper()},", "", pres_name],
        place_date_line=f"{prof.city}, le {format_date(p.session, 'long')}",
        delegate_lines=[
            "Pour le Président,",
            "Le Directeur général des services,",
            "",
            "Signé",
            "",
            prof.dgs[0],
        ],
        narrative=narrative,
        grant_annex=GrantAnnexLayout(
            title=f"Annexe {annex_no}",
            font=rng.choice(["DejaVuSansCondensed", "DejaVuSerifCondensed", "Vera", "DejaVuSansCondensed"]),
            size=rng.choice([6.5, 7.0, 7.0, 7.5]),
            amount=amount_style,
            borders=p.borders,  # type: ignore[arg-type]
            themes=layouts,
        ),
        convention=convention_blocks(
            title=f"Annexe {int(annex_no) + 1}",
            the=prof.name.replace("Département", "le Département").replace("Région", "la Région"),
            the_short=prof.short,
            seat=prof.seat,
            president=pres_name,
            city=prof.city.title(),
            court=prof.court,
            keep=s.year + 10,
            signer=f"le Directeur, {rng.choice(V.FIRST_M)} {rng.choice(V.LAST)}",
        ),
        rapport=rapport,
        rapport_after_table=[
            _b("para", "Je vous prie de bien vouloir en délibérer."),
            _b("para", pres_name),
        ],
        budget_amount=AmountStyle(euro="", thousands=rng.choice([" ", "\u00a0"])),
        footer=f"{delib['instance']} du {p.session:%d/%m/%Y} - Délibération n°{p.number}" if p.hard else None,
    )


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}"
