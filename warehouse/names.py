"""Telling whether two printed names are the same organisation or person (pure, no database).

Beneficiaries
    ``key`` = casefold, accents stripped, everything but letters and digits removed
    (``Recup'aire`` and ``RECUPAIRE`` -> ``recupaire``; ``El FOUAD`` and ``Elfouad`` -> ``elfouad``).
    Two spellings are merged when, in this order:

    * their keys are equal (``same-key``, score 100);
    * their keys are equal once parenthesised remarks, legal forms and articles are dropped
      (``Association Recup'aire``, ``AFP2I (Passerelle emploi)``; ``same-key-without-legal-form``,
      score 100);
    * both significant keys are short (< 8 characters, acronyms): only an adjacent transposition of
      the same letters (``AFP2I`` / ``APF2I``, ``transposition``, score 90); any other difference
      keeps them apart (``PIF`` / ``PBI``);
    * otherwise: the same digits, Indel ``ratio`` of the significant keys >= 90 and at most two
      edits (``ACTIV'CITES`` / ``Acttiv'cites``: ratio 95.2, one edit; ``fuzzy-ratio``).
      ``token_set_ratio`` of the word lists is reported in the detail for the reader.

    These thresholds are conservative on purpose: a wrong merge moves money between organisations
    in every answer, a missed one shows up as two rows a person can fix with the aliases file.
    :func:`near_misses` lists the pairs kept apart that look related (table
    ``beneficiary_near_misses``, shown by ``delib history``) with the aliases line to merge them.

Members
    ``member_key`` = the words of the name without civility (M., Mme, Monsieur...), accent- and
    case-insensitive, sorted (``Mme Mireille HINGREZ-CÉRÉDA`` = ``HINGREZ-CEREDA Mireille``).  Only
    equal keys merge: two people's names often differ by one letter.

Aliases file (``--aliases FILE``), UTF-8 text, one rule a line::

    # comments start with '#'; blank lines are ignored
    [beneficiaries]              # the default section
    Recup Air = RECUPAIRE        # force: the left spelling is the organisation on the right,
                                 #        whose spelling becomes the canonical name
    PIF != PBI                   # forbid: never merge these two (whatever their score); compared
                                 #         on significant keys, so it also holds for "PBI (action)"
    [members]
    J-C LEROY = Jean-Claude LEROY

    Names may be quoted ("A = B" = "C") when they contain '=' or '#'.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from delib.base.errors import DelibError
from delib.base.text import strip_accents

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DIGITS = re.compile(r"\d+")

#: words dropped before comparing significant keys: legal forms and articles
LEGAL_WORDS = frozenset(
    """association asso assoc ass sarl sas sasu sa scic scop eurl eirl sci gip gie ste societe
    la le les l de du des d et en au aux""".split()
)
CIVILITIES = frozenset("m mr mme mlle mmes mm monsieur madame mademoiselle messieurs mesdames".split())

SHORT = 8
FUZZY_MIN_RATIO = 90.0
FUZZY_MAX_EDITS = 2


def fold(text: str) -> str:
    """Casefold and strip accents."""
    return strip_accents(text.casefold())


def words(text: str) -> list[str]:
    """Accent- and case-insensitive words (apostrophes and hyphens glue nothing: they split)."""
    return [w for w in _NON_ALNUM.split(fold(text)) if w]


def key(name: str) -> str:
    """The beneficiary key: casefold, no accents, no punctuation, no spaces."""
    return "".join(words(name))


_PAREN = re.compile(r"\([^()]*\)")


def significant_key(name: str) -> str:
    """The key without parenthesised remarks, legal forms and articles.

    ``AFP2I (Passerelle emploi)`` -> ``afp2i``; ``Association RECUP'AIRE`` -> ``recupaire``.  Falls
    back to the key if nothing is left.
    """
    kept = [w for w in words(_PAREN.sub(" ", name)) if w not in LEGAL_WORDS]
    return "".join(kept) if kept else key(name)


def member_key(name: str) -> str:
    """Person key: words without civility, accent- and case-insensitive, sorted."""
    return " ".join(sorted(w for w in words(name) if w not in CIVILITIES))


@dataclass(frozen=True)
class Match:
    score: float
    method: str
    detail: str

    @property
    def merged(self) -> bool:
        return self.method != "different"


def compare(a: str, b: str) -> Match:
    """Decide whether two beneficiary spellings are one organisation, and say why."""
    ka, kb = key(a), key(b)
    if ka == kb:
        return Match(100.0, "same-key", f"keys equal: {ka!r}")
    sa, sb = significant_key(a), significant_key(b)
    if sa == sb:
        return Match(100.0, "same-key-without-legal-form", f"keys equal without legal forms: {sa!r}")
    tsr = fuzz.token_set_ratio(" ".join(words(a)), " ".join(words(b)))
    ratio = fuzz.ratio(sa, sb)
    edits = Levenshtein.distance(sa, sb)
    facts = f"{sa!r} vs {sb!r}: ratio {ratio:.1f}, token_set_ratio {tsr:.1f}, {edits} edits"
    if min(len(sa), len(sb)) < SHORT:
        if sorted(sa) == sorted(sb) and OSA.distance(sa, sb) == 1:
            return Match(90.0, "transposition", f"{sa!r} vs {sb!r}: two adjacent characters swapped")
        return Match(ratio, "different", f"short names must match exactly or by one transposition; {facts}")
    if _DIGITS.findall(sa) != _DIGITS.findall(sb):
        return Match(ratio, "different", f"numbers differ; {facts}")
    if ratio >= FUZZY_MIN_RATIO and edits <= FUZZY_MAX_EDITS:
        return Match(round(ratio, 1), "fuzzy-ratio", facts)
    return Match(ratio, "different", facts)


def compare_members(a: str, b: str) -> Match:
    ka, kb = member_key(a), member_key(b)
    if ka == kb:
        return Match(100.0, "same-key", f"keys equal: {ka!r}")
    return Match(fuzz.ratio(ka, kb), "different", "person names merge only on equal keys")


# --------------------------------------------------------------------------- aliases file


@dataclass(frozen=True)
class AliasRule:
    entity: str  # "beneficiary" | "member"
    kind: str  # "force" | "forbid"
    left: str
    right: str
    source: str | None = None
    line: int | None = None


class AliasesFileError(DelibError):
    """The aliases file cannot be read."""


_SECTIONS = {
    "beneficiaries": "beneficiary",
    "beneficiary": "beneficiary",
    "members": "member",
    "member": "member",
}


def _split_rule(text: str) -> tuple[str, str, str] | None:
    m = re.match(
        r'^\s*(?:"((?:[^"\\]|\\.)*)"|([^"#!=]+?))\s*(!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^"#=]+?))\s*$', text
    )
    if not m:
        return None
    left = m.group(1) if m.group(1) is not None else m.group(2)
    right = m.group(4) if m.group(4) is not None else m.group(5)
    return left.strip(), m.group(3), right.strip()


def _strip_comment(line: str) -> str:
    out, quoted = [], False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        if ch == "#" and not quoted:
            break
        out.append(ch)
    return "".join(out).strip()


def parse_aliases(text: str, source: str | None = None) -> list[AliasRule]:
    """Parse the aliases format documented in this module."""
    rules: list[AliasRule] = []
    entity = "beneficiary"
    for n, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw)
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip().lower()
            if name not in _SECTIONS:
                raise AliasesFileError(
                    f"line {n}: unknown section [{name}] (use [beneficiaries] or [members])", source
                )
            entity = _SECTIONS[name]
            continue
        parts = _split_rule(line)
        if parts is None or not parts[0] or not parts[2]:
            raise AliasesFileError(f"line {n}: expected `A = B` or `A != B`, got {raw.strip()!r}", source)
        left, op, right = parts
        rules.append(AliasRule(entity, "force" if op == "=" else "forbid", left, right, source, n))
    return rules


def read_aliases(path: str | Path) -> list[AliasRule]:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise AliasesFileError(f"cannot read aliases file: {exc.strerror}", p) from exc
    return parse_aliases(text, str(p))


# --------------------------------------------------------------------------- clustering


@dataclass
class Cluster:
    cid: int
    canonical: str
    members: dict[str, Match] = field(default_factory=dict)  # spelling -> how it joined


@dataclass(frozen=True)
class Spelling:
    name: str
    count: int = 1


class _Resolution:
    """The clusters of one resolution, their index by key, and the candidate pool of spellings."""

    def __init__(self, entity: str, rules: list[AliasRule], existing: Sequence[Cluster]) -> None:
        self.kf = member_key if entity == "member" else key
        self.cmp = compare_members if entity == "member" else compare
        # forbid rules hold between significant keys: `AFP2I != APF2I` also keeps `APF2I (Raid emploi)` out
        self.sig = member_key if entity == "member" else significant_key
        self.forbid: set[frozenset[str]] = {
            frozenset((self.sig(r.left), self.sig(r.right))) for r in rules if r.kind == "forbid"
        }
        self.clusters: list[Cluster] = [Cluster(c.cid, c.canonical, dict(c.members)) for c in existing]
        self.by_key: dict[str, Cluster] = {self.kf(m): c for c in self.clusters for m in c.members}
        self.next_id = max((c.cid for c in self.clusters), default=0) + 1
        # candidates are pre-selected on the significant key with rapidfuzz's C scorer, then decided
        # by the full rule (cmp); a pre-selection cutoff of 60 keeps short transpositions (abc/bac).
        self.pool_keys: list[str] = []
        self.pool: list[tuple[str, Cluster]] = []

    def new_cluster(self, canonical: str) -> Cluster:
        c = Cluster(self.next_id, canonical)
        self.next_id += 1
        self.clusters.append(c)
        return c

    def allowed(self, c: Cluster, name: str) -> bool:
        k = self.sig(name)
        return not any(frozenset((k, self.sig(m))) in self.forbid for m in c.members)

    def force(self, r: AliasRule) -> None:
        """A forced rule: its right-hand side is canonical, its left-hand side joins it."""
        kf = self.kf
        target = self.by_key.get(kf(r.right))
        if target is None:
            target = self.new_cluster(r.right)
            self.by_key[kf(r.right)] = target
        target.canonical = r.right
        if r.right not in target.members:
            target.members[r.right] = Match(100.0, "alias-force", "canonical name set by the aliases file")
        src = f"{r.source}:{r.line}" if r.source else "aliases"
        forced = Match(100.0, "alias-force", f"forced by {src}: {r.left} = {r.right}")
        previous = self.by_key.get(kf(r.left))
        if previous is not None and previous is not target:
            for m in [m for m in previous.members if kf(m) == kf(r.left)]:
                del previous.members[m]
                target.members[m] = forced
        target.members[r.left] = forced
        self.by_key[kf(r.left)] = target

    def add_to_pool(self, name: str, c: Cluster) -> None:
        self.pool_keys.append(self.sig(name))
        self.pool.append((name, c))

    def best_match(self, name: str) -> tuple[Cluster, Match] | None:
        """The cluster holding the spelling ``name`` matches best, unless a forbid rule separates them."""
        best: tuple[Cluster, Match] | None = None
        for _, _, idx in process.extract(
            self.sig(name), self.pool_keys, scorer=fuzz.ratio, score_cutoff=60, limit=None
        ):
            m, c = self.pool[idx]
            if not self.allowed(c, name):
                continue
            match = self.cmp(name, m)
            if match.merged and (best is None or match.score > best[1].score):
                best = (c, Match(match.score, match.method, f"matched {m!r}: {match.detail}"))
        return best

    def attach(self, name: str) -> None:
        """Put a new spelling in the cluster of its key, of its best match, or in a new cluster."""
        k = self.kf(name)
        if k in self.by_key:
            c = self.by_key[k]
            if name not in c.members:
                c.members[name] = Match(100.0, "same-key", f"keys equal: {k!r}")
                self.add_to_pool(name, c)
            return
        best = self.best_match(name)
        if best is None:
            c = self.new_cluster(name)
            c.members[name] = Match(100.0, "canonical", "first (most frequent) spelling of this organisation")
        else:
            c = best[0]
            c.members[name] = best[1]
        self.by_key[k] = c
        self.add_to_pool(name, c)


def _frequency_rank(counts: dict[str, int]) -> Callable[[str], tuple[int, bool, int, int, str]]:
    def rank(name: str) -> tuple[int, bool, int, int, str]:
        # most frequent first; on ties, no parenthesised remark, more lower case, less punctuation
        punct = sum(not (ch.isalnum() or ch.isspace()) for ch in name)
        return (-counts[name], "(" in name, -sum(ch.islower() for ch in name), punct, name)

    return rank


def resolve(
    spellings: Sequence[Spelling],
    rules: Iterable[AliasRule] = (),
    *,
    entity: str = "beneficiary",
    existing: Sequence[Cluster] = (),
) -> list[Cluster]:
    """Group spellings into organisations (or persons), deterministically.

    ``existing`` clusters (from an earlier resolution) keep their ids and members; new spellings are
    attached to them or start new clusters.  Forced rules are applied first (their right-hand side
    becomes canonical), then the new spellings are taken by decreasing frequency and attached to the
    cluster holding the spelling they match best (:func:`compare`), unless a forbid rule separates
    them.  The canonical name of an unforced cluster is its most frequent spelling (ties: without a
    parenthesised remark, then most lower-case letters, then least punctuation, then alphabetical).
    """
    rules = [r for r in rules if r.entity == entity]
    counts: dict[str, int] = {}
    for s in spellings:
        counts[s.name] = counts.get(s.name, 0) + s.count
    res = _Resolution(entity, rules, existing)
    for r in rules:
        if r.kind == "force":
            res.force(r)
    for c in res.clusters:
        for m in c.members:
            res.add_to_pool(m, c)
    for name in sorted(counts, key=_frequency_rank(counts)):
        res.attach(name)
    return [c for c in res.clusters if c.members]


# --------------------------------------------------------------------------- near misses


@dataclass(frozen=True)
class NearMiss:
    """Two organisations kept apart that a person may want to merge (with the aliases file)."""

    a: str
    cid_a: int
    b: str
    cid_b: int
    score: float
    reason: str

    @property
    def suggestion(self) -> str:
        return f"{self.a} = {self.b}"


def _sig_words(name: str) -> list[str]:
    return [w for w in words(name) if w not in LEGAL_WORDS]


def _contains_run(small: list[str], big: list[str]) -> bool:
    n = len(small)
    return 0 < n < len(big) and any(big[i : i + n] == small for i in range(len(big) - n + 1))


def _acronym_of(small: list[str], big_name: str, big: list[str]) -> bool:
    if len(small) != 1 or len(small[0]) < 2:
        return False
    paren = [w for inner in re.findall(r"\(([^()]*)\)", big_name) for w in words(inner)]
    return small[0] in paren or small[0] == "".join(w[0] for w in big if w)


def _typo_only(a: list[str], b: list[str]) -> bool:
    """Same number of words, and every differing word has a close counterpart (ratio >= 80)."""
    if len(a) != len(b):
        return False
    diff_a = [w for w in a if w not in b]
    diff_b = [w for w in b if w not in a]
    return bool(diff_a) and all(max((fuzz.ratio(x, y) for y in diff_b), default=0) >= 80 for x in diff_a)


def near_misses(clusters: Sequence[Cluster], *, min_ratio: float = 75.0) -> list[NearMiss]:
    """Pairs of spellings in different clusters that look related, best reason per cluster pair.

    * ``typo``: the significant keys are similar (Indel ratio >= ``min_ratio``, below the merge
      rule) and the names differ only by words that are close to each other (``Recup'aire`` /
      ``Recupair``), not by a whole other word (``CCAS de Lens`` / ``CCAS de Laon`` are not listed);
    * ``included``: the significant words of one name appear, in order, inside the other
      (``IRAE`` / ``IRAE Hauts-de-France``, ``Espace Learning Pro`` / ``ELP ESPACE LEARNING PRO``);
    * ``acronym``: one name is the acronym of the other, or the acronym it gives in parentheses
      (``FJEP`` / ``FOYER DES JEUNES ET DE L'EDUCATION POPULAIRE (FJEP)``).

    Nothing is merged: these are suggestions for the aliases file.
    """
    names = [(m, c.cid) for c in clusters for m in c.members]
    sigs = [significant_key(n) for n, _ in names]
    wlists = [_sig_words(_PAREN.sub(" ", n)) or _sig_words(n) for n, _ in names]
    index: dict[str, list[int]] = {}
    for i, ws in enumerate(wlists):
        for w in set(ws):
            index.setdefault(w, []).append(i)
    initials: dict[str, list[int]] = {}
    for i, ws in enumerate(wlists):
        if len(ws) > 1:
            initials.setdefault("".join(w[0] for w in ws), []).append(i)
    best: dict[tuple[int, int], NearMiss] = {}

    def offer(i: int, j: int, score: float, reason: str) -> None:
        (a, ca), (b, cb) = names[i], names[j]
        if ca == cb:
            return
        if ca > cb:
            (a, ca), (b, cb) = (b, cb), (a, ca)
        pair = (ca, cb)
        if pair not in best or score > best[pair].score:
            best[pair] = NearMiss(a, ca, b, cb, round(score, 1), reason)

    for i, s in enumerate(sigs):
        for _, score, j in process.extract(s, sigs, scorer=fuzz.ratio, score_cutoff=min_ratio, limit=None):
            if j > i and _typo_only(wlists[i], wlists[j]):
                offer(i, j, score, f"typo: ratio {score:.1f} of {s!r} and {sigs[j]!r}")
    for i, ws in enumerate(wlists):
        if not ws:
            continue
        rarest = min(set(ws), key=lambda w: len(index[w]))
        for j in index[rarest]:
            if j != i and _contains_run(ws, wlists[j]):
                score = 100.0 * len(ws) / len(wlists[j])
                offer(i, j, score, f"included: the words of {names[i][0]!r} appear in {names[j][0]!r}")
        if len(ws) == 1:
            candidates = set(initials.get(ws[0], [])) | {
                j for j, (n, _) in enumerate(names) if "(" in n and ws[0] in words(n)
            }
            for j in candidates:
                if j != i and _acronym_of(ws, names[j][0], wlists[j]):
                    offer(i, j, 80.0, f"acronym: {names[i][0]!r} abbreviates {names[j][0]!r}")
    return sorted(best.values(), key=lambda n: (-n.score, n.a, n.b))
