"""``delib eval``: precision and recall of the extractor against ground truth.

A ground truth is the JSON data file the corpus generator rendered a PDF
from (same name, ``.json`` beside the ``.pdf``).  Each field family is a
multiset of tuples projected from both records; precision = matched /
extracted, recall = matched / expected.  A family with nothing expected and
nothing found is not reported.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from delib.base.errors import BadInputError
from delib.extract.pipeline import extract_publication
from delib.models import Deliberation, Publication

Key = tuple[Any, ...]


def _n(text: str | None) -> str:
    """Normalise whitespace only: names must be read as printed."""
    if text is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _grants(d: Deliberation) -> Iterable[Key]:
    return ((_n(g.beneficiary), g.amount) for g in d.grants)


def _amounts(d: Deliberation) -> Iterable[Key]:
    for g in d.grants:
        yield ("grant", g.amount)
    for t in d.grant_totals:
        yield ("total", t.amount)
    for a in d.articles:
        for x in a.amounts:
            yield ("article", a.number, x)
    for b in d.budget_lines:
        yield ("budget", b.ae, b.expense)
    if d.report:
        for b in d.report.budget_lines:
            yield ("report", b.ae, b.available, b.proposed, b.balance)


def _totals(d: Deliberation) -> Iterable[Key]:
    return ((str(t.level), t.amount) for t in d.grant_totals)


def _places(d: Deliberation) -> Iterable[Key]:
    return ((_n(g.beneficiary), g.amount, g.places) for g in d.grants)


def _territories(d: Deliberation) -> Iterable[Key]:
    return ((_n(g.beneficiary), g.amount, _n(g.territory)) for g in d.grants)


def _operations(d: Deliberation) -> Iterable[Key]:
    return ((_n(g.beneficiary), g.amount, _n(g.operation), _n(g.theme)) for g in d.grants)


def _instruments(d: Deliberation) -> Iterable[Key]:
    return ((_n(g.beneficiary), g.amount, _n(g.instrument)) for g in d.grants)


def _votes(d: Deliberation) -> Iterable[Key]:
    v = d.vote
    if v is None:
        return []
    return [(v.for_, v.against, v.abstention, v.absent_without_proxy, v.not_voting, v.adopted, v.unanimous)]


def _attendance(d: Deliberation) -> Iterable[Key]:
    a = d.attendance
    for kind in ("present", "excused", "absent", "non_voting_present", "non_voting_excused"):
        for name in getattr(a, kind):
            yield (kind, _n(name))
    for name in d.recused:
        yield ("recused", _n(name))
    for p in a.proxies:
        yield ("proxy", _n(p.from_), _n(p.to))


def _names(d: Deliberation) -> Iterable[Key]:
    yield from _attendance(d)
    for g in d.grants:
        yield ("beneficiary", _n(g.beneficiary))
    for key in ("president", "secretary"):
        if getattr(d, key):
            yield (key, _n(getattr(d, key)))


def _budget_lines(d: Deliberation) -> Iterable[Key]:
    for b in d.budget_lines:
        yield ("deliberation", b.operation_code, b.imputation, b.ae, b.expense)
    if d.report:
        for b in d.report.budget_lines:
            yield ("report", b.operation_code, b.ae, b.available, b.proposed, b.balance)


def _dates(d: Deliberation) -> Iterable[Key]:
    if d.session_date:
        yield ("session", d.session_date)
    if d.signed_date:
        yield ("signed", d.signed_date)
    for c in d.citations:
        if c.refers_to and c.refers_to.date:
            yield ("citation", c.refers_to.number, c.refers_to.date)
    for g in d.grants:
        if g.period_start or g.period_end:
            yield ("period", _n(g.beneficiary), g.amount, g.period_start, g.period_end)


def _header(d: Deliberation) -> Iterable[Key]:
    for key in ("collectivity", "instance", "number", "title", "place", "acts_id"):
        value = getattr(d, key)
        if value:
            yield (key, _n(value))


def _articles(d: Deliberation) -> Iterable[Key]:
    return ((a.number, tuple(a.amounts)) for a in d.articles)


def _citations(d: Deliberation) -> Iterable[Key]:
    return ((c.refers_to.number if c.refers_to else None,) for c in d.citations)


FAMILIES: dict[str, Callable[[Deliberation], Iterable[Key]]] = {
    "amounts": _amounts,
    "grants": _grants,
    "totals": _totals,
    "places": _places,
    "territories": _territories,
    "operations": _operations,
    "instruments": _instruments,
    "votes": _votes,
    "attendance": _attendance,
    "names": _names,
    "budget_lines": _budget_lines,
    "dates": _dates,
    "header": _header,
    "articles": _articles,
    "citations": _citations,
}


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def add(self, truth: Counter[Key], got: Counter[Key], where: str) -> None:
        self.expected += sum(truth.values())
        self.found += sum(got.values())
        self.matched += sum((truth & got).values())
        for k in (truth - got).elements():
            self.misses.append(f"{where}: missing {k}")
        for k in (got - truth).elements():
            self.misses.append(f"{where}: unexpected {k}")


def _project(pub: Publication, fn: Callable[[Deliberation], Iterable[Key]]) -> Counter[Key]:
    c: Counter[Key] = Counter()
    for d in pub.deliberations:
        c.update(fn(d))
    return c


def compare(truth: Publication, got: Publication, where: str = "") -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for fam, fn in FAMILIES.items():
        s = Score()
        s.add(_project(truth, fn), _project(got, fn), where or truth.file.path)
        scores[fam] = s
    return scores


@dataclass
class EvalReport:
    files: list[str]
    scores: dict[str, Score]
    errors: dict[str, str]

    def rows(self) -> list[tuple[str, int, int, int, float, float]]:
        return [
            (fam, s.expected, s.found, s.matched, round(s.precision, 4), round(s.recall, 4))
            for fam, s in self.scores.items()
            if s.expected or s.found
        ]

    def below(self, thresholds: dict[str, float]) -> list[str]:
        bad = []
        for fam, minimum in thresholds.items():
            s = self.scores.get(fam)
            if s is None:
                bad.append(f"{fam}: unknown family")
            elif min(s.precision, s.recall) < minimum:
                bad.append(f"{fam}: precision {s.precision:.4f} recall {s.recall:.4f} < {minimum}")
        return bad


def ground_truth_pairs(directory: Path) -> list[tuple[Path, Path]]:
    return [
        (pdf, pdf.with_suffix(".json"))
        for pdf in sorted(directory.rglob("*.pdf"))
        if pdf.with_suffix(".json").exists()
    ]


def _truth(path: Path) -> Publication:
    """The ground truth in ``path`` (a ``Publication`` as JSON), or a one-line error naming the file."""
    try:
        return Publication.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInputError(f"cannot read this ground truth ({exc})", path) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "the top level"
        raise BadInputError(
            f"not a ground truth beside its PDF: {exc.error_count()} fields do not fit a Publication "
            f"(first: {where}: {first['msg']}); hand-written truth is named *.gold.json",
            path,
        ) from exc


def evaluate(directory: str | Path) -> EvalReport:
    """Extract every PDF of ``directory`` that has a ground-truth JSON beside it and score it."""
    total: dict[str, Score] = {fam: Score() for fam in FAMILIES}
    files, errors = [], {}
    for pdf, truth_path in ground_truth_pairs(Path(directory)):
        truth = _truth(truth_path)
        files.append(str(pdf))
        try:
            got = extract_publication(pdf)
        except Exception as exc:  # an extraction error scores as nothing found, and is reported
            errors[str(pdf)] = f"{type(exc).__name__}: {exc}"
            got = Publication(file=truth.file, deliberations=[])
        for fam, s in compare(truth, got, pdf.name).items():
            t = total[fam]
            t.expected += s.expected
            t.found += s.found
            t.matched += s.matched
            t.misses.extend(s.misses)
    return EvalReport(files=files, scores=total, errors=errors)


def families_json(scores: dict[str, Score], misses: int = 50) -> dict[str, dict[str, Any]]:
    """Each scored family with its counts, precision, recall and its first misses (JSON-ready)."""
    return {
        fam: {
            "expected": s.expected,
            "found": s.found,
            "matched": s.matched,
            "precision": s.precision,
            "recall": s.recall,
            "misses": s.misses[:misses],
        }
        for fam, s in scores.items()
        if s.expected or s.found
    }


def report_json(rep: EvalReport) -> str:
    return json.dumps(
        {"files": rep.files, "errors": rep.errors, "families": families_json(rep.scores)},
        ensure_ascii=False,
        indent=2,
    )
