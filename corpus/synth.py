"""Synthesise publications (ground truth + render spec + PDF) from a seeded RNG.

Deterministic: the same ``--seed`` gives the same data and the same PDFs.

    python -m delib.corpus.synth --out DIR --count 40 --seed 7 --pages-target 1500
    python -m delib.corpus.synth --out DIR --count 1 --seed 3 --pages-target 500   # one 500-page publication
    python -m delib.corpus.synth --samples corpus/samples                          # the committed samples

Each publication is shaped like the seed: deliberation (attendance, citations,
recusals, articles, budget table, vote), one narrative annex per theme with
proposals in prose, the grant annex (spreadsheet grid, 2-4 themes), a model
convention with its own articles, and the rapport with its budget table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from delib.corpus import synth_parts
from delib.corpus import synth_vocab as V
from delib.corpus.frenchfmt import format_date, format_period
from delib.corpus.render import SPEC_SUFFIX, dump_json, render_file
from delib.corpus.spec import Block, RenderSpec, ThemeLayout
from delib.corpus.synth_parts import _b, _prose_amount, slug, strip_accents
from delib.corpus.synth_text import filler, narrative_numbers

D0 = Decimal(0)


@dataclass(frozen=True)
class Plan:
    """What one synthetic publication looks like (everything else comes from the RNG)."""

    profile: str
    session: dt.date
    number: str
    instance: str = "cp"  # cp | cd
    themes: int = 2
    grant_rows: int = 60
    narrative_paras: int = 8
    vote_style: str = "groups"  # groups | unanimity | unanimity_present | counts | slash | majority | votants
    typo_total: bool = False
    recurring: bool = False
    proxies: bool = False
    target_pages: int = 0  # when set, the narrative is resized once to land within 3 % of it
    own_text_rng: bool = False  # filler prose from its own RNG: resizing it changes nothing else
    recusal_style: str = "seed"  # "npp": "M. X et Mme Y ne prennent pas part au vote."
    borders: str = "stroke"  # "filled": table borders as thin filled rectangles (word processors)
    amount_thousands: str | None = None  # force the grid's thousands separator (e.g. "'")
    hard: bool = False  # header wordings, horizontal labels, running footer, "54.000,00", month-name periods


class Synth:
    def __init__(self, plan: Plan, seed: int) -> None:
        self.plan = plan
        self.rng = random.Random(f"{seed}:{plan.profile}:{plan.session.isoformat()}:{plan.number}")
        self.profile = V.PROFILES[plan.profile]
        self.year = plan.session.year
        self.text_rng = random.Random(f"{seed}:text:{plan.number}") if plan.own_text_rng else None

    # ---------------------------------------------------------------- people
    def people(self, n: int, taken: set[str]) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        while len(out) < n:
            female = self.rng.random() < 0.5
            first = self.rng.choice(V.FIRST_F if female else V.FIRST_M)
            name = f"{first} {self.rng.choice(V.LAST)}"
            if name in taken:
                continue
            taken.add(name)
            out.append((name, "Mme" if female else "M."))
        return out

    # ---------------------------------------------------------------- grants
    def grants(
        self, themes: list[str], annex_no: str
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[ThemeLayout], list[dict[str, Any]]]:
        rng, p = self.rng, self.plan
        ops_pool = list(V.OPERATIONS)
        rng.shuffle(ops_pool)
        grants: list[dict[str, Any]] = []
        totals: list[dict[str, Any]] = []
        layouts: list[ThemeLayout] = []
        op_info: list[dict[str, Any]] = []
        rows_left = p.grant_rows
        typo_done = not p.typo_total
        theme_weights = [rng.uniform(0.5, 1.5) for _ in themes]
        for t_i, theme in enumerate(themes):
            n_rows = max(2, round(p.grant_rows * theme_weights[t_i] / sum(theme_weights)))
            if t_i == len(themes) - 1:
                n_rows = max(2, rows_left)
            rows_left -= n_rows
            places_mode = rng.random() < 0.35
            n_ops = max(1, min(len(ops_pool), rng.randint(2, 6), n_rows))
            ops = (
                [ops_pool.pop() for _ in range(n_ops)]
                if len(ops_pool) >= n_ops
                else rng.sample(V.OPERATIONS, n_ops)
            )
            label_fmt = rng.choice(
                ["Opération {k} : {op}", "Opération {k} - {op}", "opération {k} : {op}", "Op. {k} : {op}"]
            )
            weights = [rng.uniform(0.3, 2.0) for _ in ops]
            counts = [max(1, round(n_rows * w / sum(weights))) for w in weights]
            theme_total = D0
            base = 1 + len(V.THEMES)
            del base
            for k, (op, count) in enumerate(zip(ops, counts, strict=True), start=1):
                label = label_fmt.format(k=k, op=op)
                lines = self.op_lines(theme, label, count, places_mode, annex_no)
                if p.recurring and t_i == 0 and k == 1:
                    lines += self.recurring_lines(theme, label, places_mode, annex_no, lines[-1]["territory"])
                s = sum((Decimal(g["amount"]) for g in lines), D0)
                theme_total += s
                printed = s
                if not typo_done and len(lines) >= 3:
                    printed = s + Decimal("1000.00")  # a real-world typo: the TOTAL row does not add up
                    typo_done = True
                places_total = sum(g["places"] or 0 for g in lines) if places_mode else None
                grants += lines
                totals.append(
                    {
                        "theme": theme,
                        "operation": label,
                        "label": rng.choice(["TOTAL", "Total", "TOTAL", None]),
                        "level": "operation",
                        "places": places_total,
                        "amount": format(printed, "f"),
                    }
                )
                op_info.append(
                    {
                        "theme": theme,
                        "operation": label,
                        "amount": s,
                        "n": len({g["beneficiary"] for g in lines}),
                    }
                )
            totals.append(
                {
                    "theme": theme,
                    "operation": None,
                    "label": rng.choice(["TOTAL", "TOTAL GENERAL", "Total thématique"]),
                    "level": "theme",
                    "amount": format(theme_total, "f"),
                }
            )
            cols = "places" if places_mode else "description"
            jitter = [rng.uniform(0.9, 1.1) for _ in range(6)]
            from delib.corpus.grantsheet import DEFAULT_WIDTHS

            widths = [round(w * j, 1) for w, j in zip(DEFAULT_WIDTHS[cols], jitter, strict=True)]
            scale = min(1.0, 786.0 / sum(widths))
            widths = [round(w * scale, 1) for w in widths]
            if p.hard:
                layouts.append(self.hard_layout(theme, cols, widths))
            else:
                layouts.append(ThemeLayout(theme=theme, columns=cols, widths=widths))
        return grants, totals, layouts, op_info

    def hard_layout(self, theme: str, cols: str, widths: list[float]) -> ThemeLayout:
        """Other spreadsheets' headers, and operation labels written horizontally in a wider cell."""
        rng = self.rng
        third = "Nombre de places" if cols == "places" else "Objet de la demande"
        headers = rng.choice(
            [
                ["Opération", "Territoire", "Bénéficiaire", third, "Montant proposé", "Type d'acte"],
                [
                    "DISPOSITIF",
                    "TERRITOIRES",
                    "PORTEUR DE PROJET",
                    third.upper(),
                    "PARTICIPATION",
                    "CONVENTION / AVENANT",
                ],
                ["Action", "Territoire(s)", "Structure porteuse", third, "Montant attribué", "Acte"],
            ]
        )
        rotate = rng.random() < 0.5
        if not rotate:
            widths = [110.0, widths[1], widths[2], max(120.0, widths[3] - 68.0), widths[4], widths[5]]
            scale = min(1.0, 786.0 / sum(widths))
            widths = [round(w * scale, 1) for w in widths]
        return ThemeLayout(
            theme=theme,
            columns=cols,  # type: ignore[arg-type]
            widths=widths,
            headers=headers,
            rotate=rotate,
        )

    def beneficiary(self, op_label: str) -> str:
        rng = self.rng
        if rng.random() < 0.45:
            return rng.choice(V.BENEFICIARIES)
        return rng.choice(V.BENEFICIARY_STEMS).format(c=rng.choice(self.profile.communes))

    def recurring_lines(
        self, theme: str, label: str, places_mode: bool, annex_no: str, territory: str
    ) -> list[dict[str, Any]]:
        """One line per recurring beneficiary, spelled as this year spells it (see corpus/README.md)."""
        out = []
        for canonical in sorted(V.RECURRING):
            who = V.RECURRING[canonical].get(self.year, canonical)
            start, end = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
            posts = self.rng.randint(3, 40)
            amount = Decimal(3000 * posts)
            if places_mode:
                g = self.grant(theme, label, territory, who, posts, None, None, None, amount, annex_no)
            else:
                desc = f"{posts} postes en insertion {format_period(start, end, 'du_dmy')}"
                g = self.grant(theme, label, territory, who, None, desc, start, end, amount, annex_no)
            out.append(g)
        return out

    def op_lines(
        self, theme: str, label: str, count: int, places_mode: bool, annex_no: str
    ) -> list[dict[str, Any]]:
        rng = self.rng
        territories = sorted(
            rng.sample(self.profile.territories, min(len(self.profile.territories), rng.randint(2, 6)))
        )
        rate = Decimal(rng.choice([160, 195, 250, 2340, 3000, 4500]))
        out: list[dict[str, Any]] = []
        per_terr = [max(1, count // len(territories))] * len(territories)
        per_terr[-1] += max(0, count - sum(per_terr))
        for terr, n in zip(territories, per_terr, strict=True):
            for _ in range(n):
                if len(out) >= count:
                    break
                who = self.beneficiary(label)
                start, end = self.period()
                places: int | None = None
                description: str | None = None
                if places_mode:
                    places = rng.randint(5, 150)
                    amount = rate * places
                    period_start = period_end = None
                else:
                    posts = rng.randint(1, 40)
                    kind = rng.random()
                    wordings = ["du_dmy", "du_dmy", "du_dmy2", "du_short_start", "long_er", "dash_dmy", "gap"]
                    if self.plan.hard:
                        wordings += ["long_short_start", "long_short_start", "glued"]
                    wording = rng.choice(wordings)
                    period = format_period(start, end, wording)  # type: ignore[arg-type]
                    if kind < 0.5:
                        description = f"{posts} postes en insertion {period}"
                        amount = rate * posts
                    elif kind < 0.85:
                        description = f"Opération {period}"
                        amount = Decimal(rng.randint(300_000, 25_000_000)) / 100
                    else:
                        description = f"Soutien au fonctionnement - {posts} places - {period}"
                        amount = Decimal(rng.randint(10, 300)) * 500
                    if rng.random() < 0.04:
                        description = rng.choice(
                            [
                                description.replace("insertion", "insertio", 1),
                                description.replace("du ", "di ", 1),
                            ]
                        )
                    period_start, period_end = start, end
                out.append(
                    self.grant(
                        theme,
                        label,
                        terr,
                        who,
                        places,
                        description,
                        period_start,
                        period_end,
                        amount,
                        annex_no,
                    )
                )
        if places_mode and len(out) >= 2 and rng.random() < 0.4:
            # money moved from one beneficiary to another: printed "54 000,00 €-" and "-450"
            k = rng.randint(10, 200)
            moved = rate * k
            terr = out[-1]["territory"]
            out.append(
                self.grant(
                    theme, label, terr, self.beneficiary(label), -k, None, None, None, -moved, annex_no
                )
            )
            out.append(
                self.grant(theme, label, terr, self.beneficiary(label), k, None, None, None, moved, annex_no)
            )
        if not places_mode and rng.random() < 0.15:
            start, end = self.period()
            desc = f"{rng.randint(2, 12)} postes en insertion {format_period(start, end, 'du_dmy')} (report d'opération)"
            out.append(
                self.grant(
                    theme,
                    label,
                    out[-1]["territory"],
                    self.beneficiary(label),
                    None,
                    desc,
                    start,
                    end,
                    D0,
                    annex_no,
                )
            )
        return out[: max(count, len(out))]

    def grant(
        self,
        theme: str,
        label: str,
        territory: str,
        who: str,
        places: int | None,
        description: str | None,
        start: dt.date | None,
        end: dt.date | None,
        amount: Decimal,
        annex_no: str,
    ) -> dict[str, Any]:
        return {
            "annex": annex_no,
            "theme": theme,
            "operation": label,
            "territory": territory,
            "beneficiary": who,
            "places": places,
            "description": description,
            "period_start": start.isoformat() if start else None,
            "period_end": end.isoformat() if end else None,
            "amount": format(amount.quantize(Decimal("0.01")), "f"),
            "instrument": "Avenant" if self.rng.random() < 0.15 else "Convention",
        }

    def period(self) -> tuple[dt.date, dt.date]:
        y, rng = self.year, self.rng
        start = dt.date(y, rng.choice([1, 1, 1, 2, 3, 4, 6, 9]), rng.choice([1, 1, 1, 2, 15]))
        if rng.random() < 0.6:
            return start, dt.date(y, 12, 31)
        end_month = start.month - 1 or 12
        end_year = y + 1 if start.month > 1 else y
        last = (dt.date(end_year + (end_month == 12), end_month % 12 + 1, 1) - dt.timedelta(days=1)).day
        return start, dt.date(end_year, end_month, last)

    # ---------------------------------------------------------------- the deliberation
    def build(self) -> tuple[dict[str, Any], RenderSpec]:
        rng, p, prof, y = self.rng, self.plan, self.profile, self.year
        taken = {prof.president[0]}
        members = [prof.president, *self.people(rng.randint(28, 60), taken)]
        n_abs = rng.randint(0, 3)
        n_exc = rng.randint(1, 5)
        present = members[: len(members) - n_abs - n_exc]
        excused = members[len(present) : len(present) + n_exc]
        absent = members[len(present) + n_exc :]
        nv_present = self.people(rng.randint(0, 4), taken)
        nv_excused = self.people(rng.randint(0, 2), taken)
        proxies = []
        if p.proxies:
            for name, _civ in excused[: rng.randint(1, len(excused))]:
                proxies.append({"from": name, "to": rng.choice(present[1:])[0]})
        secretary = rng.choice(present[1:])
        recused_people = rng.sample(present[1:], rng.randint(0, min(8, len(present) - 2)))
        recused = [strip_accents(n) if rng.random() < 0.3 else n for n, _ in recused_people]
        n_themes = p.themes
        themes_raw = rng.sample(V.THEMES, n_themes)
        numbered = rng.random() < 0.7
        themes = [f"{i}. {t}" if numbered else t for i, t in enumerate(themes_raw, start=1)]
        grant_annex_no = str(n_themes + 1)
        grants, totals, layouts, op_info = self.grants(themes, grant_annex_no)
        theme_totals = {t["theme"]: Decimal(t["amount"]) for t in totals if t["level"] == "theme"}
        title = rng.choice(
            [
                f"APPELS À PROJETS DES POLITIQUES D'INCLUSION {y}",
                f"Programme départemental d’insertion {y} - attribution de participations financières",
                f"SOUTIEN AUX ACTEURS DE L’INSERTION ET DE L’EMPLOI - PROGRAMMATION {y}",
                f"Pacte des solidarités : répartition des crédits {y}",
            ]
        )
        proposals, narrative = self.narrative(themes, op_info, theme_totals)
        articles, budget, report_lines = synth_parts.articles(
            self, themes, theme_totals, grant_annex_no, op_info
        )
        vote = synth_parts.vote(self, present, excused, absent, recused, proxies)
        deleg_year = rng.choice([2015, 2017, 2021])
        deleg_date = dt.date(deleg_year, 7, 1)
        deleg_no = f"{deleg_year}-{rng.randint(100, 400)}"
        citations: list[dict[str, Any]] = [
            {
                "text": "Vu le Code Général des Collectivités Territoriales et, notamment, ses articles L.3211-1 et L.3211-2 ;"
            },
            {
                "text": "Vu le Code de l’Action Sociale et des Familles et notamment ses articles L.115-1 et suivants ;"
            },
            {
                "text": f"Vu la délibération n°{deleg_no} du {prof.assembly} en date du "
                f"{format_date(deleg_date, rng.choice(['dmy', 'long_er', 'long']))} « Délégation d’attributions à la "
                "Commission Permanente » ;",
                "refers_to": {"number": deleg_no, "date": deleg_date.isoformat()},
            },
            {"text": f"Vu le rapport du Président du {prof.assembly}, ci-annexé ;"},
        ]
        avis = p.session - dt.timedelta(days=rng.randint(7, 20))
        citations.append(
            {
                "text": f"Vu l’avis de la commission « Solidarités humaines » rendu lors de sa réunion en date du {avis:%d/%m/%Y} ;"
            }
        )
        instance = (
            f"Commission permanente du {prof.assembly}"
            if p.instance == "cp"
            else f"{prof.assembly} (séance plénière)"
        )
        delib = {
            "collectivity": prof.name,
            "instance": instance,
            "session_date": p.session.isoformat(),
            "number": p.number,
            "title": title,
            "president": prof.president[0],
            "secretary": secretary[0],
            "place": prof.city,
            "signed_date": p.session.isoformat(),
            "attendance": {
                "present": [n for n, _ in present],
                "excused": [n for n, _ in excused],
                "absent": [n for n, _ in absent],
                "non_voting_present": [n for n, _ in nv_present],
                "non_voting_excused": [n for n, _ in nv_excused],
                "proxies": proxies,
            },
            "recused": recused,
            "citations": citations,
            "articles": articles,
            "budget_lines": budget,
            "vote": vote,
            "grants": grants,
            "grant_totals": totals,
            "report": {"number": str(rng.randint(1, 140)), "budget_lines": report_lines},
            "proposals": proposals,
        }
        pub = {
            "schema_version": "1.0.0",
            "file": {"path": f"{self.stem()}.pdf", "sha256": "0" * 64, "pages": 0},
            "deliberations": [delib],
        }
        civility = dict(members + nv_present + nv_excused)
        spec = synth_parts.render_spec(
            self,
            delib,
            civility,
            recused_people,
            recused,
            narrative,
            layouts,
            themes,
            theme_totals,
            grant_annex_no,
        )
        return pub, spec

    def stem(self) -> str:
        p = self.plan
        return f"{p.profile}_{p.instance}_{p.session.isoformat()}_{slug(p.number)}"

    def narrative(
        self, themes: list[str], op_info: list[dict[str, Any]], theme_totals: dict[str, Decimal]
    ) -> tuple[list[dict[str, Any]], list[list[Block]]]:
        rng, y = self.rng, self.year
        proposals: list[dict[str, Any]] = []
        annexes: list[list[Block]] = []
        ops_by_theme = {t: [o for o in op_info if o["theme"] == t] for t in themes}
        n_ops = max(1, len(op_info))
        per_op = max(1, self.plan.narrative_paras // n_ops)
        for i, theme in enumerate(themes, start=1):
            blocks = [_b("title", f"Annexe {i}"), _b("heading", theme)]
            for o in ops_by_theme[theme]:
                amount = _prose_amount(rng, o["amount"])
                text = rng.choice(
                    [
                        f"Pour l’année {y}, il est proposé de financer {o['n']} structures pour un montant de {amount}.",
                        f"Le financement total de cette opération s’élève à {amount}.",
                        f"Il est proposé d’accorder une participation financière de {amount} aux {o['n']} structures reprises en annexe.",
                    ]
                )
                proposals.append(
                    {
                        "text": text,
                        "amount": format(o["amount"], "f"),
                        "operation": o["operation"],
                        "theme": theme,
                    }
                )
                blocks += [_b("heading", o["operation"]), _b("heading", "1. Descriptif de l’opération :")]
                text_rng = self.text_rng or rng
                blocks += [_b("para", filler(text_rng)) for _ in range(per_op)]
                blocks += [_b("heading", f"2. Bilan {y - 1} :"), _b("para", narrative_numbers(rng, y - 1))]
                blocks += [
                    _b("heading", f"3. Proposition {y} :"),
                    Block(kind="proposal", index=len(proposals) - 1),
                ]
            annexes.append(blocks)
        for theme in themes:
            n = len(ops_by_theme[theme])
            amount = _prose_amount(rng, theme_totals[theme])
            proposals.append(
                {
                    "text": f"{n} dispositifs sont proposés pour un total de {amount} (Annexes {themes.index(theme) + 1} et {len(themes) + 1}).",
                    "amount": format(theme_totals[theme], "f"),
                    "theme": theme,
                }
            )
        return proposals, annexes


def write(plan: Plan, seed: int, out: Path) -> Path:
    synth = Synth(plan, seed)
    pub, spec = synth.build()
    out.mkdir(parents=True, exist_ok=True)
    json_path = out / f"{synth.stem()}.json"
    json_path.write_text(dump_json(pub), encoding="utf-8")
    (out / f"{synth.stem()}{SPEC_SUFFIX}").write_text(
        dump_json(spec.model_dump(mode="json")), encoding="utf-8"
    )
    out_pub = render_file(json_path)
    if plan.target_pages and abs(out_pub.file.pages - plan.target_pages) > 0.03 * plan.target_pages:
        grant_pages = len({g.page for d in out_pub.deliberations for g in d.grants})
        fixed = 9
        have = max(1, out_pub.file.pages - grant_pages - fixed)
        want = max(1, plan.target_pages - grant_pages - fixed)
        paras = max(4, round(plan.narrative_paras * want / have))
        return write(replace(plan, narrative_paras=paras, target_pages=0), seed, out)
    return json_path


#: the committed synthetic samples (besides the seed), their plans in synth_samples.json; see corpus/README.md
SAMPLES = [
    Plan(**{**p, "session": dt.date.fromisoformat(p["session"])})
    for p in json.loads(Path(__file__).with_name("synth_samples.json").read_text(encoding="utf-8"))["plans"]
]
SAMPLES_SEED = 2023


def plans(count: int, seed: int, pages_target: int) -> list[Plan]:
    """*count* plans summing to about *pages_target* pages, grant annexes on about a third of them."""
    rng = random.Random(seed)
    per_pub = max(12, pages_target // max(1, count))
    out = []
    for i in range(count):
        profile = rng.choice(sorted(V.PROFILES))
        year = rng.choice([2021, 2022, 2023, 2024])
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(10, 350))
        pages = max(12, round(per_pub * rng.uniform(0.7, 1.3))) if count > 1 else per_pub
        grant_pages = pages / 3
        out.append(
            Plan(
                profile=profile,
                session=day,
                number=f"{year}-{i + 1:04d}",
                themes=rng.randint(2, 4),
                grant_rows=max(10, round(grant_pages * 38)),
                narrative_paras=max(4, round((pages * 2 / 3 - 9) * 11.0)),
                vote_style=rng.choice(
                    [
                        "groups",
                        "groups",
                        "unanimity",
                        "unanimity_present",
                        "counts",
                        "slash",
                        "majority",
                        "votants",
                    ]
                ),
                recurring=profile == "pas-de-calais",
                proxies=rng.random() < 0.4,
                hard=rng.random() < 0.3,
                target_pages=pages if count == 1 else 0,
                borders="filled" if rng.random() < 0.25 else "stroke",
                recusal_style=rng.choice(["seed", "seed", "npp"]),
                own_text_rng=count == 1,
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m delib.corpus.synth", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, help="output folder")
    ap.add_argument("--count", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--pages-target", type=int, default=0, help="total pages over all publications (0: ~30 each)"
    )
    ap.add_argument(
        "--samples", type=Path, help="regenerate the committed synthetic samples into this folder"
    )
    a = ap.parse_args(argv)
    if a.samples:
        for plan in SAMPLES:
            path = write(plan, SAMPLES_SEED, a.samples)
            sys.stderr.write(f"{path}\n")
        return 0
    if a.out is None:
        ap.error("--out is required (or --samples DIR)")
    target = a.pages_target or 30 * a.count
    for plan in plans(a.count, a.seed, target):
        path = write(plan, a.seed, a.out)
        sys.stderr.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
