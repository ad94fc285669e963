"""``delib eval`` on hand-written ground truth of real publications (``*.gold.json``).

A gold file (format in ``tests/real/README.md``) names its PDF by a path relative to
itself and lists, per decided item, the number as printed, the title, the page, the vote
and the grants and imputations; procedural and information items apart.  Real documents
have no stable identifiers, so extracted deliberations are first *aligned* with the gold
items (same printed number, close title, near page), then each family is scored on the
aligned pairs:

* ``items``: deliberations found (recall) and not spurious (precision);
* ``numbers``, ``titles``, ``dates``: the aligned item's printed number, title, session date;
* ``vote_counts``: for / against / abstention / not voting exact (a category the document does
  not print and an empty one both count as 0 once a count is printed); precision counts every
  aligned item that prints counts, so a wrong count lowers it;
* ``outcome``: adopted or rejected;
* ``other_items``: procedural / information items kept apart;
* ``grants`` (beneficiary + amount), ``totals``, ``imputations``: multisets per document;
* ``amounts``: every amount of the document (grants, totals, imputations) as a multiset of
  numbers, whoever the beneficiary: the figures themselves, read right or wrong (a scan's
  beneficiary may lose a letter while its amount is exact).

``silent_wrong`` counts the items read wrong (spurious, or aligned with a wrong number, vote
or date) that carry no failed check and no problem, plus the missed items, and the grant lines
missed or not printed so, on whose page nothing is flagged: what an auditor could not tell from
a right one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from delib.base.text import strip_accents
from delib.extract.evaluate import EvalReport, Score, families_json
from delib.models import Deliberation, Publication, Vote

GOLD_SUFFIX = ".gold.json"
FAMILIES = (
    "header",
    "items",
    "numbers",
    "titles",
    "dates",
    "vote_counts",
    "outcome",
    "other_items",
    "other_as_deliberation",
    "grants",
    "totals",
    "imputations",
    "imputation_amounts",
    "amounts",
)


def _key(text: str | None) -> str:
    if not text:
        return ""
    return re.sub(r"[^0-9a-z]+", " ", strip_accents(text).casefold()).strip()


def _number_key(text: str | None) -> str | None:
    if text is None:
        return None
    s = re.sub(r"^\s*n\s*[°º o]\s*", "", text.strip(), flags=re.I)
    s = re.sub(r"[\s]+", "", s).rstrip("-/.)").replace("–", "-").replace("_", "-")
    return s.casefold() or None


def _amount(value: Any) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


@dataclass
class GoldFile:
    path: Path
    pdf: Path
    data: dict[str, Any]

    @property
    def items(self) -> list[dict[str, Any]]:
        return list(self.data.get("deliberations") or [])

    @property
    def others(self) -> list[dict[str, Any]]:
        return list(self.data.get("other_items") or [])


def load_gold(path: Path) -> GoldFile:
    data = json.loads(path.read_text(encoding="utf-8"))
    pdf = (path.parent / data["pdf"]).resolve()
    return GoldFile(path, pdf, data)


def gold_files(directory: Path) -> list[Path]:
    return sorted(directory.rglob(f"*{GOLD_SUFFIX}"))


# --------------------------------------------------------------------------- alignment
def _title_sim(a: str | None, b: str | None) -> float:
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return 0.0
    return max(fuzz.token_set_ratio(ka, kb) if min(len(ka), len(kb)) >= 12 else 0.0, fuzz.ratio(ka, kb))


def _pair_score(g: dict[str, Any], page: int | None, number: str | None, title: str | None) -> float:
    sim = _title_sim(g.get("title"), title)
    gn = _number_key(g.get("number"))
    same_number = gn is not None and gn == _number_key(number)
    near = page is not None and g.get("page") is not None and abs(int(g["page"]) - page) <= 1
    if same_number and (near or sim >= 50):
        return 100.0 + sim
    if sim >= 70 and (near or page is None):
        return sim
    if sim >= 85:
        return sim - 10
    return 0.0


def align(gold: list[dict[str, Any]], got: list[Any], by_kind: bool = False) -> dict[int, int]:
    """gold index -> extracted index, best pairs first, each used once.

    ``by_kind``: other items (whose titles the minutes often do not print) also pair by kind
    on the same or the next page.
    """
    pairs = []
    for gi, g in enumerate(gold):
        for ei, e in enumerate(got):
            s = _pair_score(g, e.page, getattr(e, "number", None), e.title)
            if not s and by_kind and g.get("kind") == str(getattr(e, "kind", "")) and e.page is not None:
                s = 60.0 if abs(int(g.get("page") or 0) - e.page) <= 1 else 0.0
            if s > 0:
                pairs.append((s, -abs(gi - ei), gi, ei))
    pairs.sort(reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, _, gi, ei in pairs:
        if gi not in out and ei not in used:
            out[gi] = ei
            used.add(ei)
    return out


# --------------------------------------------------------------------------- per-item comparisons
def _counts(v: dict[str, Any] | Vote | None) -> tuple[int, int, int, int] | None:
    if v is None:
        return None
    if isinstance(v, Vote):
        raw = (v.for_, v.against, v.abstention, v.not_voting)
    else:
        raw = (v.get("for"), v.get("against"), v.get("abstention"), v.get("not_voting"))
    if all(x is None for x in raw):
        return None
    f, a, ab, nv = raw
    return (f or 0, a or 0, ab or 0, nv or 0)


def _adopted(v: dict[str, Any] | Vote | None) -> bool | None:
    if v is None:
        return None
    return v.adopted if isinstance(v, Vote) else v.get("adopted")


def _flagged(d: Deliberation) -> bool:
    return bool(d.problems) or any(not c.passed for c in d.checks)


@dataclass
class GoldReport:
    files: list[str] = field(default_factory=list)
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in FAMILIES})
    silent_wrong: int = 0
    silent: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    per_file: dict[str, dict[str, tuple[int, int, int]]] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, int, int, int, float, float]]:
        return EvalReport(self.files, self.scores, self.errors).rows()

    def below(self, thresholds: dict[str, float]) -> list[str]:
        """Families below their minimum; ``silent_wrong`` is a maximum count."""
        bad = EvalReport(self.files, self.scores, self.errors).below(
            {f: m for f, m in thresholds.items() if f != "silent_wrong"}
        )
        if "silent_wrong" in thresholds and self.silent_wrong > thresholds["silent_wrong"]:
            bad.append(f"silent_wrong: {self.silent_wrong} > {thresholds['silent_wrong']:g}")
        return bad


def _bump(s: Score, expected: int = 0, found: int = 0, matched: int = 0) -> None:
    s.expected += expected
    s.found += found
    s.matched += matched


def _multiset(s: Score, truth: Counter[Any], got: Counter[Any], where: str) -> None:
    s.add(truth, got, where)


def _grant_keys(items: Iterable[dict[str, Any]]) -> Counter[Any]:
    c: Counter[Any] = Counter()
    for it in items:
        for g in it.get("grants") or []:
            c[(_key(g["beneficiary"]), _amount(g["amount"]))] += 1
    return c


def _imputation_key(i: dict[str, Any] | Any, with_amount: bool = False) -> tuple[Any, ...]:
    """Where the money goes: chapter, nature and credit line (the amount is scored apart, on the
    imputations that print one in both)."""
    get = i.get if isinstance(i, dict) else lambda k: getattr(i, k, None)
    key = (
        (get("chapter") or "").strip() or None,
        (get("nature") or "").strip() or None,
        (get("credit_line") or "").strip() or None,
    )
    return (*key, _amount(get("amount"))) if with_amount else key


def _missed(rep: GoldReport, g: dict[str, Any], where: str, pub: Publication, top_date: str | None) -> None:
    """A gold item no extracted item aligns with: counted missing in every family it has."""
    sc = rep.scores
    sc["items"].misses.append(f"{where}: not found")
    flagged = any(p.page == g.get("page") for d in pub.deliberations for p in d.problems) or any(
        p.page == g.get("page") for p in pub.problems
    )
    if not flagged:
        rep.silent_wrong += 1
        rep.silent.append(f"{where}: missed, nothing flagged on its page")
    _bump(sc["numbers"], expected=1)
    _bump(sc["titles"], expected=1)
    if g.get("session_date") or top_date:
        _bump(sc["dates"], expected=1)
    if _counts(g.get("vote")) is not None:
        _bump(sc["vote_counts"], expected=1)
    if _adopted(g.get("vote")) is not None:
        _bump(sc["outcome"], expected=1)


def _compare_item(
    rep: GoldReport, g: dict[str, Any], e: Deliberation, where: str, top_date: str | None
) -> None:
    """One aligned pair: number, title, date, counts and outcome; a wrong one unflagged is silent."""
    sc = rep.scores
    bad: list[tuple[str, str]] = []

    def score(fam: str, expected: bool, found: bool, ok: bool, why: str) -> None:
        _bump(sc[fam], int(expected), int(found), int(ok))
        if not ok:
            bad.append((fam, why))

    ok = _number_key(g.get("number")) == _number_key(e.number)
    score("numbers", True, True, ok, f"number {e.number!r} != {g.get('number')!r}")
    ok = _title_sim(g.get("title"), e.title) >= 85
    _bump(sc["titles"], 1, 1, int(ok))
    if not ok:
        sc["titles"].misses.append(f"{where}: title read {str(e.title)[:80]!r}")
    gdate = g.get("session_date") or top_date
    if gdate or e.session_date:
        ok = bool(gdate) and e.session_date is not None and e.session_date.isoformat() == gdate
        score("dates", bool(gdate), e.session_date is not None, ok, f"date {e.session_date} != {gdate}")
    gc, ec = _counts(g.get("vote")), _counts(e.vote)
    if gc is not None or ec is not None:
        score(
            "vote_counts", gc is not None, ec is not None, gc is not None and gc == ec, f"counts {ec} != {gc}"
        )
    ga, ea = _adopted(g.get("vote")), _adopted(e.vote)
    if ga is not None or ea is not None:
        score("outcome", ga is not None, ea is not None, ga is not None and ga == ea, f"adopted {ea} != {ga}")
    for fam, b in bad:
        sc[fam].misses.append(f"{where}: {b}")
    if bad and not _flagged(e):
        rep.silent_wrong += 1
        rep.silent.append(f"{where}: {'; '.join(b for _, b in bad)} (no failed check, no problem)")


def _score_items(gf: GoldFile, pub: Publication, rep: GoldReport) -> dict[int, int]:
    name, gold, got = gf.pdf.name, gf.items, list(pub.deliberations)
    top_date = gf.data.get("session_date")
    pairs = align(gold, got)
    _bump(rep.scores["items"], len(gold), len(got), len(pairs))
    for gi, g in enumerate(gold):
        where = f"{name} p.{g.get('page')} item {g.get('number')!r} {str(g.get('title'))[:50]!r}"
        if gi in pairs:
            _compare_item(rep, g, got[pairs[gi]], where, top_date)
        else:
            _missed(rep, g, where, pub, top_date)
    matched = set(pairs.values())
    other_pairs = align(
        gf.others,
        [e if i not in matched else e.model_copy(update={"title": None}) for i, e in enumerate(got)],
    )
    for ei, e in enumerate(got):
        if ei in matched:
            continue
        tag = " (an other item)" if ei in other_pairs.values() else ""
        rep.scores["items"].misses.append(
            f"{name} p.{e.page}: spurious {e.number!r} {str(e.title)[:60]!r}{tag}"
        )
        if not _flagged(e):
            rep.silent_wrong += 1
            rep.silent.append(f"{name} p.{e.page}: spurious item {str(e.title)[:60]!r}, nothing flagged")
    return pairs


def _score_others(gf: GoldFile, pub: Publication, rep: GoldReport, matched: set[int]) -> None:
    """Other items kept apart, and never among the deliberations (``matched``: the extracted
    deliberations already paired with a gold deliberation)."""
    sc, name = rep.scores, gf.pdf.name
    op = align(gf.others, list(pub.other_items), by_kind=True)
    _bump(sc["other_items"], len(gf.others), len(pub.other_items), len(op))
    for gi, g in enumerate(gf.others):
        if gi not in op:
            sc["other_items"].misses.append(
                f"{name} p.{g.get('page')}: other item {g.get('title')!r} not kept"
            )
    as_delib = align(gf.others, [d for i, d in enumerate(pub.deliberations) if i not in matched])
    _bump(sc["other_as_deliberation"], len(gf.others), len(gf.others), len(gf.others) - len(as_delib))
    for gi in as_delib:
        sc["other_as_deliberation"].misses.append(
            f"{name}: other item {gf.others[gi].get('title')!r} read as a deliberation"
        )


def _score_money(
    gf: GoldFile, pub: Publication, rep: GoldReport, pairs: dict[int, int] | None = None
) -> tuple[int, int, int]:
    """Grants, totals and imputations as multisets of the document; returns the grant counts."""
    sc, name, gold, got = rep.scores, gf.pdf.name, gf.items, pub.deliberations
    gold_grants = _grant_keys(gold)
    got_grants: Counter[Any] = Counter((_key(x.beneficiary), x.amount) for d in got for x in d.grants)
    _multiset(sc["grants"], gold_grants, got_grants, name)
    gold_totals: Counter[Any] = Counter(
        _amount(t["amount"]) for it in gold for t in it.get("grant_totals") or []
    )
    _multiset(sc["totals"], gold_totals, Counter(t.amount for d in got for t in d.grant_totals), name)
    gold_imp = [i for it in gold for i in it.get("imputations") or []]
    got_imp = [i for d in got for i in d.imputations]
    _multiset(
        sc["imputations"],
        Counter(_imputation_key(i) for i in gold_imp),
        Counter(_imputation_key(i) for i in got_imp),
        name,
    )
    _multiset(
        sc["imputation_amounts"],
        Counter(_imputation_key(i, True) for i in gold_imp if i.get("amount") is not None),
        Counter(_imputation_key(i, True) for i in got_imp if i.amount is not None),
        name,
    )
    gold_amounts: Counter[Any] = Counter(a for _, a in gold_grants.elements())
    gold_amounts.update(gold_totals.elements())
    gold_amounts.update(_amount(i.get("amount")) for i in gold_imp if i.get("amount") is not None)
    got_amounts: Counter[Any] = Counter(x.amount for d in got for x in d.grants)
    got_amounts.update(t.amount for d in got for t in d.grant_totals)
    got_amounts.update(i.amount for i in got_imp if i.amount is not None)
    _multiset(sc["amounts"], gold_amounts, got_amounts, name)
    _silent_money(rep, name, pub, gold, got_grants, pairs or {})
    return sum(gold_grants.values()), sum(got_grants.values()), sum((gold_grants & got_grants).values())


def _silent_money(
    rep: GoldReport,
    name: str,
    pub: Publication,
    gold: list[dict[str, Any]],
    got_grants: Counter[Any],
    pairs: dict[int, int],
) -> None:
    """Grant lines missed or read wrong (a wrong amount or beneficiary shows as one missed and one
    unexpected) where nothing is flagged: a failed check or a problem on that page, or on the
    deliberation the gold item was read as (a list total that fails on the next page), tells the
    auditor; otherwise it is silent."""
    flagged_pages = {c.page for d in pub.deliberations for c in d.checks if not c.passed}
    flagged_pages |= {p.page for d in pub.deliberations for p in d.problems} | {p.page for p in pub.problems}
    ds = pub.deliberations
    flagged_items = {
        gi for gi, di in pairs.items() if any(not c.passed for c in ds[di].checks) or ds[di].problems
    }
    left = Counter(got_grants)
    for gi, it in enumerate(gold):
        for g in it.get("grants") or []:
            k = (_key(g["beneficiary"]), _amount(g["amount"]))
            if left[k] > 0:
                left[k] -= 1
            elif g.get("page") not in flagged_pages and gi not in flagged_items:
                rep.silent_wrong += 1
                rep.silent.append(
                    f"{name} p.{g.get('page')}: grant {g['beneficiary']!r} {g['amount']} missed, nothing flagged"
                )
    extra = got_grants - _grant_keys(gold)
    for d in pub.deliberations:
        for x in d.grants:
            k = (_key(x.beneficiary), x.amount)
            if extra[k] > 0:
                extra[k] -= 1
                if x.page not in flagged_pages:
                    rep.silent_wrong += 1
                    rep.silent.append(
                        f"{name} p.{x.page}: grant {x.beneficiary!r} {x.amount} not printed so, nothing flagged"
                    )


def _coll_key(name: str | None) -> str:
    k = _key(name)
    return re.sub(r"^(?:ville|commune|mairie)\s+(?:de\s+|d\s+)?", "", k)


def _score_header(gf: GoldFile, pub: Publication, rep: GoldReport) -> None:
    """The session's collectivity and instance (null where the document does not print them)."""
    got = pub.deliberations[0] if pub.deliberations else None
    for field_, norm in (("collectivity", _coll_key), ("instance", _key)):
        g = gf.data.get(field_)
        e = getattr(got, field_, None) if got is not None else None
        if g is None and e is None:
            continue
        ok = g is not None and e is not None and norm(g) == norm(e)
        _bump(rep.scores["header"], int(g is not None), int(e is not None), int(ok))
        if not ok:
            rep.scores["header"].misses.append(f"{gf.pdf.name}: {field_} read {e!r}, printed {g!r}")


def score_file(gf: GoldFile, pub: Publication, rep: GoldReport) -> None:
    _score_header(gf, pub, rep)
    pairs = _score_items(gf, pub, rep)
    _score_others(gf, pub, rep, set(pairs.values()))
    grants = _score_money(gf, pub, rep, pairs)
    rep.per_file[gf.pdf.name] = {
        "items": (len(gf.items), len(pub.deliberations), len(pairs)),
        "grants": grants,
    }


def evaluate_gold(
    directory: str | Path, extracted: dict[str, Publication] | None = None, *, ocr: bool = False
) -> GoldReport:
    """Score every ``*.gold.json`` of ``directory``; ``extracted`` (PDF name -> record) skips extraction.

    Gold files of scans (``"scanned": true``) are scored only with ``ocr=True``, and then every
    file is extracted with ``--ocr`` (text pages are read as without it).
    """
    from delib.extract.pipeline import extract_publication

    rep = GoldReport()
    for path in gold_files(Path(directory)):
        gf = load_gold(path)
        if gf.data.get("scanned") and not ocr:
            continue  # read through OCR only: scored with ocr=True (delib eval --ocr)
        rep.files.append(str(gf.pdf))
        pub = (extracted or {}).get(gf.pdf.name)
        if pub is None:
            try:
                pub = extract_publication(gf.pdf, ocr=ocr)
            except Exception as exc:  # an extraction error scores as nothing found, and is reported
                rep.errors[str(gf.pdf)] = f"{type(exc).__name__}: {exc}"
                pub = Publication.model_validate(
                    {"file": {"path": str(gf.pdf), "sha256": "", "pages": 0}, "deliberations": []}
                )
        score_file(gf, pub, rep)
    return rep


def report_json(rep: GoldReport) -> str:
    return json.dumps(
        {
            "files": rep.files,
            "errors": rep.errors,
            "silent_wrong": rep.silent_wrong,
            "silent": rep.silent,
            "per_file": rep.per_file,
            "families": families_json(rep.scores, 200),
        },
        ensure_ascii=False,
        indent=2,
    )
