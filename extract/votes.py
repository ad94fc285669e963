"""The vote grammar of session minutes: every wording of a vote, and what is not one.

``find_votes(text)`` returns the votes printed in a piece of text, in order, each with
its offsets, counts, outcome and the rule (wording family) that read it:

* count blocks: ``Pour : 57 / Contre : / Abstention : 4 (Verts)`` (a category printed
  empty is 0), with names or groups after a count (``Abstentions : 3, Mme X, M. Y``,
  names running over lines);
* inline counts: ``Vote : 14 pour / 0 contre / 0 abstention  adopté``, the reversed
  ``0 contre, 0 abstention, 11 pour``, ``15 pour.``, ``Pour le changement : 13 votes``;
* a table of POUR / CONTRE / ABSTENTION columns with the counts on the next line;
* unanimity or majority declared: ``Adopté à l'unanimité``, ``Vote : pour à l'unanimité``,
  ``Le conseil municipal, à l'unanimité, approuve …`` (any person and number of the verb),
  ``A L'UNANIMITE des votants (31 voix), 8 abstentions``, ``à la majorité``;
* rejections (``rejeté``, ``n'est pas adopté``).

Not votes: ``prend acte`` (taken note), a vote of an earlier session quoted in the text
(a date or "avait voté" nearby), polls (``sondage``), ``Pas de vote``.  Ballots with results
per candidate are read by ``find_ballot``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from delib.extract.names import split_names
from delib.models import Vote

if TYPE_CHECKING:
    from delib.extract.locator import Prov

RULE = "votes.minutes.v1"

_APOS = "['’]"
_COUNT_LINE = re.compile(
    r"^[ \t]*[−\-–•▪➢o]?[ \t]*(?P<label>Pour|Contre|Abstentions?|Absentions?|Ne\s+prend(?:nent)?\s+pas\s+part(?:\s+au\s+vote)?"
    r"|Non[\s-]participation|Refus\s+de\s+vote|Nuls?|Blancs?)\b[ \t]*(?:\([^)\n]*\))?"
    r"(?:[ \t]*:[ \t]*(?P<n>\d+)?|[ \t]+(?P<n2>\d{1,3})[ \t]*$)",  # "Pour 3": the colon lost (OCR)
    re.IGNORECASE | re.MULTILINE,
)
_LABEL_KEY = {
    "pour": "for",
    "contre": "against",
    "abstention": "abstention",
    "abstentions": "abstention",
    "absention": "abstention",
    "absentions": "abstention",
}
_INLINE = re.compile(
    r"(?<![\w.,])(?P<n>\d+|O(?=[ \t]+(?:voix[ \t]+)?(?:contre|abstention)))[ \t]*(?:voix[ \t]+)?"
    r"(?P<label>pour|contre|abstentions?|absentions?)\b(?![ \t]*:)",
    re.IGNORECASE,
)
_FOR_VOTES = re.compile(
    r"^[ \t]*(?:Pour\b[^:\n]{0,80}:[ \t]*(?P<n>\d+)[ \t]*(?:votes?|voix)\b|Vote\s*:\s*Pour\s*,\s*(?P<n2>\d+)\b)",
    re.IGNORECASE | re.MULTILINE,
)
_TABLE_HEAD = re.compile(
    r"^[ \t]*POUR[ \t]+CONTRE[ \t]+ABSTENTIONS?\b.*\n[ \t]*(\d+)[ \t]+(\d+)[ \t]+(\d+)",
    re.IGNORECASE | re.MULTILINE,
)
_UNANIMOUS = re.compile(
    r"(?:[àa]|A)\s+l" + _APOS + r"\s*unanimit[ée]|\bunanimement\b|A\s+L" + _APOS + r"UNANIMIT[ÉE]"
    # a line that is only "Unanimité", or "Vote à main levée : unanimité"
    r"|(?<![^\n])[ \t]*(?:[→>•▪➢–-][ \t]*)?(?:(?:Vote|D[ée]cision|R[ée]sultat)[^\n:]{0,30}:[ \t]*)?unanimit[ée][ \t.]*"
    r"(?:\([^()]{0,200}\)[ \t.]*|;[^\n]*)?(?![^\n])",
    re.IGNORECASE,
)
_MAJORITY = re.compile(r"(?:[àa]|A)\s+la\s+majorit[ée]\b", re.IGNORECASE)
_ADOPTED = re.compile(
    r"\b(?:adopt[ée]e?s?|approuv[ée]e?s?)\b|\ble\s+conseil\s+(?:municipal\s+|communautaire\s+)?adopte\b",
    re.IGNORECASE,
)
_REJECTED = re.compile(
    r"\brejet[ée]e?s?\b|\bn" + _APOS + r"est\s+pas\s+(?:adopt|approuv)|\brefus[ée]e?s?\b", re.IGNORECASE
)
_DECISION_VERB = re.compile(
    r"\b(?:approuv|d[ée]cid|adopt|vot|d[ée]sign|accept|autoris|[ée]m[eè]t|fix|affect|valid|accord|attribu|sollicit"
    r"|donn|[ée]li[st]|arr[êe]t|cr[ée]|prononc|confi|charg|renouvel|d[ée]lib[èe]r|agr[ée]|opt|retien|retient|inscri"
    r"|proc[èe]d|acquier|c[èe]d|constat|dit\b|d[ée]cident|approuvent|d[ée]lib[éèe]r)",
    re.IGNORECASE,
)
_TAKE_NOTE = re.compile(r"\bpren(?:d|nent)\s+acte\b|\bprise?\s+d" + _APOS + r"acte\b", re.IGNORECASE)
_NO_VOTE = re.compile(
    r"\bpas\s+de\s+vote\b|\bsans\s+vote\b"
    # an item put off: "Ajournée", "Retirée de l'ordre du jour", "reporté à une prochaine séance"
    r"|\bajourn[ée]e?s?\b|\bretir[ée]e?s?\s+de\s+l['’]ordre\s+du\s+jour|\b(?:point|affaire|question|dossier)\s+retir[ée]e?\b"
    r"|\breport[ée]e?s?\s+(?:[àa]|au)\s+(?:une\s+|la\s+|un\s+)?(?:prochaine?|ult[ée]rieur|s[ée]ance|conseil)",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\bavait\s+(?:vot|approuv|adopt|d[ée]cid)|\bavaient\s+(?:vot|approuv)|\blors\s+de\s+la\s+s[ée]ance\s+du"
    r"|\bpar\s+d[ée]lib[ée]ration\s+(?:n°\s*\S+\s+)?(?:du|en\s+date)",
    re.IGNORECASE,
)
_POLL = re.compile(r"\bsondages?\b|\bconsultation\s+des\s+habitants\b", re.IGNORECASE)


@dataclass
class Counts:
    """How many voted in each category, as printed: ``None`` where a category is not printed.  A
    category is named by its key in the ``Vote`` record (``"for"``, ``"against"``, ``"abstention"``,
    ``"absent_without_proxy"``, ``"not_voting"``); ``for`` is ``for_`` in Python."""

    for_: int | None = None
    against: int | None = None
    abstention: int | None = None
    absent_without_proxy: int | None = None
    not_voting: int | None = None

    def get(self, key: str) -> int | None:
        return getattr(self, "for_" if key == "for" else key)  # type: ignore[no-any-return]

    def put(self, key: str, n: int) -> None:
        setattr(self, "for_" if key == "for" else key, n)

    def first(self, key: str, n: int) -> None:
        """Count ``n`` in a category unless a count was read for it already."""
        if self.get(key) is None:
            self.put(key, n)

    def printed(self) -> int:
        """How many categories have a count."""
        return sum(
            x is not None
            for x in (self.for_, self.against, self.abstention, self.absent_without_proxy, self.not_voting)
        )

    def total(self) -> int:
        """The votes cast or declined (for, against, abstention, not taking part)."""
        return sum(x or 0 for x in (self.for_, self.against, self.abstention, self.not_voting))


@dataclass
class VoteHit:
    """A vote read from text: its offsets, counts, outcome, the names or groups printed per
    category and the rule (wording family) that read it."""

    start: int
    end: int
    counts: Counts = field(default_factory=Counts)
    adopted: bool | None = None
    unanimous: bool = False
    counted: bool = False  # counts printed
    names: dict[str, list[str]] = field(default_factory=dict)
    rule: str = RULE
    text: str = ""

    def record(self, prov: Prov, kind: str = "vote", named: bool = True) -> Vote:
        """The ``Vote`` record of this vote (``named``: with the names or groups read per category)."""
        c = self.counts
        return Vote(
            for_=c.for_, against=c.against, abstention=c.abstention, absent_without_proxy=c.absent_without_proxy,
            not_voting=c.not_voting, adopted=self.adopted, unanimous=self.unanimous,
            groups={k: v for k, v in self.names.items() if v} if named else {}, text=self.text, kind=kind, **prov,
        )  # fmt: skip


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return a, len(text) if b < 0 else b


def _names_after(text: str, pos: int, stop: int) -> list[str]:
    """Names printed after a count (``, Mme X, M. Y``), running over lines while a line ends open
    (a comma, ``et``) or the next one reads as names; never into the next label or heading."""
    from delib.extract.names import looks_like_names

    m = re.match(r"[ \t]*(?:voix|votes?)?[ \t]*[,(]", text[pos:stop])
    if not m:
        return []
    lines = text[pos + m.end() : stop].split("\n")
    kept = [lines[0]]
    for nxt in lines[1:]:
        cur = kept[-1].rstrip()
        if re.match(r"[ \t]*[−\-–•▪]|[ \t]*(?:Pour|Contre|Abst|Ne\s+prend|Vote|Adopt|Rejet)\b", nxt, re.I):
            break
        if cur.endswith((",", " et")) or (looks_like_names(nxt) and not nxt.rstrip().endswith((".", ":"))):
            kept.append(nxt)
            continue
        break
    rest = " ".join(kept).strip()
    rest = re.sub(r"\)\s*$", "", rest)
    rest = re.sub(r"\ben\s+raison\b.*$", "", rest)
    return [n for n in split_names(rest, cut_qualifiers=True) if n]


def _count_blocks(text: str) -> list[VoteHit]:
    """Runs of ``Label : N`` lines (and a ``Vote :`` heading or an outcome line around them)."""
    hits: list[VoteHit] = []
    # without its colon, a label is one only in capitals ("Pour 3", not a sentence's "pour 2016")
    ms = [m for m in _COUNT_LINE.finditer(text) if not (m.group("n2") and m.group("label")[0].islower())]
    i = 0
    while i < len(ms):
        group = [ms[i]]
        j = i + 1
        while j < len(ms):
            between = text[group[-1].end() : ms[j].start()]
            seen = {_LABEL_KEY.get(g.group("label").lower(), g.group("label").lower()[:6]) for g in group}
            again = _LABEL_KEY.get(ms[j].group("label").lower(), ms[j].group("label").lower()[:6]) in seen
            # next label within a few lines, only names / groups / blank between; a label seen
            # already, an amount or a "Vote :" line starts the next vote
            if (
                between.count("\n") <= 4
                and not again
                and "€" not in between
                and not re.search(r"\n[ \t]*Vote\s*:", between, re.I)
                and not re.search(r"\.\s*\n\s*[A-Z][a-z]+\s+[a-z]", between)
            ):
                group.append(ms[j])
                j += 1
                continue
            break
        labels = [re.sub(r"\s+", " ", g.group("label").lower()) for g in group]
        if any(lb.startswith(("nul", "blanc")) for lb in labels) or not any(
            lb in _LABEL_KEY or lb.startswith(("ne prend", "non")) for lb in labels
        ):
            i = j
            continue
        if labels[0] not in _LABEL_KEY and not labels[0].startswith(("ne prend", "non")):
            i = j
            continue
        hit = VoteHit(start=_line_bounds(text, group[0].start())[0], end=group[-1].end(), counted=True)
        for k, g in enumerate(group):
            lb = labels[k]
            key = _LABEL_KEY.get(lb, "not_voting" if lb.startswith(("ne prend", "non", "refus")) else None)
            if key is None:
                continue
            n = int(g.group("n") or g.group("n2") or 0)
            hit.counts.first(key, n)
            stop = group[k + 1].start() if k + 1 < len(group) else min(len(text), g.end() + 400)
            names = _names_after(text, g.end(), stop)
            if names:
                hit.names[key] = names
                # the names may run over lines: the block ends after them
                last = names[-1].split()[-1]
                at = text.find(last, g.end(), stop)
                if at >= 0:
                    hit.end = max(hit.end, at + len(last))
        # "Vote :" heading just above, outcome line just below
        a, _ = _line_bounds(text, hit.start)
        prev_a, _ = _line_bounds(text, max(0, a - 1))
        if a > 0 and re.match(
            r"^[ \t]*(?:Vote|R[ée]sultat\s+du\s+vote)\s*:?\s*$", text[prev_a : a - 1], re.I
        ):
            hit.start = prev_a
        _, le = _line_bounds(text, hit.end)
        nxt_a = le + 1
        nxt_b = _line_bounds(text, nxt_a)[1] if nxt_a < len(text) else nxt_a
        tail = text[hit.end : nxt_b]
        if re.search(r"^\s*\(?\s*(?:Adopt|Rejet|Approuv)", text[nxt_a:nxt_b], re.I) or re.search(
            r"adopt|rejet|unanimit|majorit", text[hit.end : le], re.I
        ):
            hit.end = (
                nxt_b if re.search(r"^\s*\(?\s*(?:Adopt|Rejet|Approuv)", text[nxt_a:nxt_b], re.I) else le
            )
        _outcome(hit, text[hit.start : hit.end] + " " + (tail if "adopt" in tail.lower() else ""))
        hits.append(hit)
        i = j
    return hits


def _outcome(hit: VoteHit, block: str) -> None:
    hit.unanimous = hit.unanimous or bool(_UNANIMOUS.search(block))
    if _REJECTED.search(block):
        hit.adopted = False
    elif _ADOPTED.search(block) or _UNANIMOUS.search(block) or _MAJORITY.search(block):
        hit.adopted = True
    elif hit.counted and hit.counts.for_ is not None:
        hit.adopted = hit.counts.for_ > (hit.counts.against or 0)


def _n(m: re.Match[str]) -> int:
    """A count as printed; a letter O before "contre"/"abstention" is a zero read by OCR."""
    return 0 if m.group("n") == "O" else int(m.group("n"))


_COUNTED = re.compile(r"\d+[ \t]+(?:voix[ \t]+)?(?:pour|contre)\b", re.I)
_CIVILITY = r"(?:M\.|Mme|Mlle|Monsieur|Madame)[ \t]+"
#: members named as not taking part, after the counts of the same sentence
_NOT_PART_NAMED = re.compile(
    r"(?P<who>"
    + _CIVILITY
    + r"[^,;()\n]{2,40}?(?:(?:,[ \t]*|[ \t]+et[ \t]+)"
    + _CIVILITY
    + r"[^,;()\n]{2,40}?)*)"
    r"[ \t]+ne[ \t]+(?:prend|prennent)[ \t]+pas[ \t]+part[ \t]+(?:au[ \t]+vote|[àa][ \t]+la[ \t]+d[ée]lib)",
    re.IGNORECASE,
)


def _names_joined(text: str, most: int = 4) -> str:
    """``text`` with the line ends inside a vote line's parenthesis, or after its "et" or comma,
    made spaces: "4 voix contre (Mme Claire FAURE, Mme Agnès" / "MICHEL) et 3 abstentions (…)"
    and "… GUÉRIN) et" / "3 abstentions (…)" are one sentence each, the abstentions after the
    names part of it (same length: offsets stay valid)."""
    chars = list(text)
    pos = 0
    for ln in re.finditer(r"[^\n]*\n?", text):
        if ln.start() < pos or not _COUNTED.search(ln.group(0)):
            continue
        depth, end, joins = 0, ln.start(), 0
        while end < len(text):
            c = text[end]
            if c == "(":
                depth += 1
            elif c == ")":
                depth = max(0, depth - 1)
            elif c == "\n":
                # inside the parenthesis, or after a word that goes on ("… GUÉRIN) et" / "3 abstentions")
                open_end = depth > 0 or re.search(r"(?:\bet|,)[ \t]*$", text[ln.start() : end])
                if not open_end or joins == most:
                    break
                chars[end] = " "
                joins += 1
            end += 1
        pos = end
    return "".join(chars)


def _inline_votes(text: str, taken: list[tuple[int, int]]) -> list[VoteHit]:
    """``14 pour / 0 contre / 0 abstention``, reversed order, ``15 pour.``, ``Pour … : 13 votes``."""
    hits: list[VoteHit] = []
    # a count broken from its word at a line end ("décide à 12" / "voix pour et 1 voix contre"):
    # read as one line (same length, offsets stay valid)
    joined = _names_joined(
        re.sub(
            r"(?:(?<=\d)|(?<=\d[ \t]voix))[ \t]*\n(?=[ \t]*(?:voix|pour|contre|abstentions?)\b)"
            # "… 42 voix pour, 3 contre" / "et 3 abstentions": the last count on the next line
            r"|[ \t]*\n(?=[ \t]*(?:et|,)[ \t]+\d+[ \t]+(?:voix[ \t]+)?(?:pour|contre|abstentions?)\b)",
            lambda m: " " * len(m.group(0)),
            text,
            flags=re.IGNORECASE,
        )
    )
    for ln_m in re.finditer(r"[^\n]+", joined):
        a, b = ln_m.start(), ln_m.end()
        if any(s <= a < e or s < b <= e for s, e in taken):
            continue
        line = ln_m.group(0)
        vm = re.search(r"\bVote\s*:", line, re.I)
        if (
            vm
        ):  # "DM1 pour budget communal approuvé : Vote : 14 pour / 0 contre …": the vote is after "Vote :"
            a, line = a + vm.start(), line[vm.start() :]
        found = list(_INLINE.finditer(line))
        fv = _FOR_VOTES.search(line)
        if not found and not fv:
            continue
        if found and not fv:
            # a sentence that happens to hold "2025 pour le budget" is not a vote: several categories
            # ("14 pour / 0 contre"), a line that is only the count ("15 pour."), or a "Vote :" line
            labels = {m.group("label").lower()[:4] for m in found}
            alone = re.fullmatch(r"[ \t]*\d+[ \t]*pour[ \t]*\.?[ \t]*", line, re.I) or re.match(
                r"[ \t]*(?:Adopt|Approuv|Rejet)[^\n]{0,30}\d+\s+voix\s+pour", line, re.I
            )
            if len(labels) < 2 and not alone and not vm:
                continue
            if any(_n(m) >= 1900 for m in found) and len(labels) < 2:
                continue
        hit = VoteHit(start=a, end=b, counted=True, rule=RULE + ".inline")
        if fv:
            hit.counts.for_ = int(fv.group("n") or fv.group("n2"))
        for m in found:
            hit.counts.first(_LABEL_KEY.get(m.group("label").lower(), "abstention"), _n(m))
        nxt = joined[b : b + 160].split("\n")[:3]  # the names may follow over two lines
        named = _NOT_PART_NAMED.search(" ".join([line, *nxt]))
        if named and hit.counts.not_voting is None:
            # "… et 2 contre ; Mme Christine MICHEL ne prend pas part au vote": one per name
            who = re.findall(r"\b(?:M\.|Mme|Mlle|Monsieur|Madame)[ \t]", named.group("who"))
            hit.counts.not_voting = len(who) or None
        _outcome(hit, line)
        hits.append(hit)
    return hits


_DECIDES_NOW = re.compile(
    r",\s*(?:d[ée]cide|approuve|adopte|vote|accepte|autorise|d[ée]signe|fixe)\b", re.IGNORECASE
)


def _recalled(sentence: str, at: int) -> bool:
    """Is the vote at ``at`` a past decision the sentence recalls ("avait approuvé à l'unanimité",
    "adopté à l'unanimité lors de la séance du …")?  Not when the council decides now after the
    reference: "vu la création d'un poste par délibération en date du 15 janvier, décide à
    l'unanimité"."""
    refs = list(_PAST.finditer(sentence))
    if not refs:
        return False
    before = [r for r in refs if r.start() < at]
    if len(before) < len(refs) or not before:
        return True
    return not _DECIDES_NOW.search(sentence, before[-1].end(), at)


#: what may stand before a declared decision at the start of its own line
_DECISION_LINE_HEAD = (
    r"[ \t]*(?:[→>•–-][ \t]*)?(?:(?:Vote|D[ée]cision|R[ée]sultat)[^:\n]{0,30}:[ \t]*)?"
    r"(?:(?:adopt|approuv|rejet)\w*[ \t]+)?"
)


def _declared(text: str, taken: list[tuple[int, int]]) -> list[VoteHit]:
    """Unanimity / majority / adoption declared in a sentence, without counts."""
    hits: list[VoteHit] = []
    pat = re.compile(
        r"(?:"
        + _UNANIMOUS.pattern
        + r")|(?:"
        + _MAJORITY.pattern
        + r")|\b(?:Adopt[ée]e?s?|ADOPT[ÉE]E?S?|Rejet[ée]e?s?)\b"
        r"|\ble\s+conseil\s+(?:municipal\s+|communautaire\s+)?adopte\b",
        re.IGNORECASE,
    )
    for m in pat.finditer(text):
        if any(s - 2 <= m.start() <= e + 2 for s, e in taken):
            continue
        # the sentence around it
        s0 = max(
            text.rfind(".", 0, m.start()), text.rfind("\n\n", 0, m.start()), text.rfind(":\n", 0, m.start())
        )
        s0 = 0 if s0 < 0 else s0 + 1
        e0 = text.find(".", m.end())
        e0 = len(text) if e0 < 0 else e0 + 1
        closed = re.search(r"\)[ \t\r]*\n", text[m.end() : e0])
        if closed:
            e0 = m.end() + closed.start() + 1  # "(adoptés à l'unanimité)" closes its line's statement
        ls = text.rfind("\n", 0, m.start()) + 1
        le = text.find("\n", m.end())
        le = len(text) if le < 0 else le
        if (
            re.fullmatch(_DECISION_LINE_HEAD, text[ls : m.start()], re.I)
            and text[ls:le].count("(") == text[ls:le].count(")")
            and re.match(r"\n[ \t]*[A-ZÀ-Ý]", text[le : le + 3])
            and not re.match(r"\n[ \t]*(?:unanimit|majorit|[àa][ \t]+l)", text[le : le + 20], re.I)
        ):
            # a decision line ("Décision : approuvé à l'unanimité …") that the next line does not
            # continue is its own statement
            e0 = min(e0, le)
        sentence = text[s0:e0]
        word = m.group(0).lower()
        alone = re.fullmatch(
            r"[\s→>•▪➢–-]*(?:(?:vote|d[ée]cision|r[ée]sultat)[^:]{0,30}:\s*)?unanimit[ée][\s.]*"
            r"(?:\([^()]*\)[\s.]*|;.*)?",
            word,
            re.S,
        )
        if alone:
            sentence = m.group(0)  # a decision cell is its own statement: "Unanimité" / "Débat … prend acte"
        if _recalled(sentence, m.start() - s0) or _TAKE_NOTE.search(sentence) or _POLL.search(sentence):
            continue
        if re.search(r"unanimit|majorit", word):
            # a decision cell: "Unanimité", "→ Unanimité", "Unanimité (…)"
            if not (
                alone
                or _DECISION_VERB.search(sentence)
                or re.search(r"\bvote\b|\bpour\b|adopt", sentence, re.I)
            ):
                continue
        elif word.startswith(("adopt", "rejet")):
            # "Adopté." / "(Adopté)" / "Il est adopté" / "le conseil adopte": not "le règlement adopté le ..."
            before = text[max(0, m.start() - 40) : m.start()]
            if (
                not re.search(r"(?:^|\n|\(|\.|est\s+|sont\s+|:\s*)\s*$", before, re.I)
                and "conseil" not in word
            ):
                continue
            after = text[m.end() : m.end() + 25]
            if re.match(r"\s+(?:le|du|par\s+d[ée]lib|en\s+date|lors)\b", after, re.I):
                continue
        hit = VoteHit(
            start=m.start(), end=m.end() if alone else min(e0, m.end() + 80), rule=RULE + ".declared"
        )
        ls = text.rfind("\n", 0, m.start()) + 1
        if re.match(r"[ \t]*(?:Vote|R[ée]sultat\s+du\s+vote)\b", text[ls : m.start()], re.I):
            hit.start = ls  # "Vote : Pour à l'unanimité": the vote line is the block
            le = text.find("\n", m.end())
            hit.end = len(text) if le < 0 else min(hit.end, le)
        fm = re.search(r"des\s+votants\s*\(\s*(\d+)\s*voix\s*\)", sentence, re.I)
        if fm:
            hit.counts.for_ = int(fm.group(1))
            hit.counted = True
            am = re.search(r"(\d+)\s+abstentions?", sentence, re.I)
            if am:
                hit.counts.abstention = int(am.group(1))
            cm = re.search(r"(\d+)\s+contre\b", sentence, re.I)
            if cm:
                hit.counts.against = int(cm.group(1))
        mj = _MAJORITY.search(text, m.start(), hit.end)
        un = _UNANIMOUS.search(text, m.start(), hit.end) if mj is None and not fm else None
        detail = mj or un
        if detail is not None:
            # "à la majorité (2 contre, 1 abstention)", "à l'unanimité des suffrages exprimés (3
            # abstentions)", "à l'unanimité (15 voix)"
            _majority_detail(hit, text[detail.end() :], unanimous=un is not None)
        after = text[m.start() : m.end() + 200]
        named = _NOT_PART_NAMED.search(after.replace("\n", " "))
        if named and hit.counts.not_voting is None and "\n\n" not in after[: named.start()]:
            # "à l'unanimité (14 voix) ; Mme Christine LEFÈVRE ne prend pas part au vote",
            # "Unanimité (M. Stéphane" / "MARTIN ne prend pas part au vote)"
            hit.counts.not_voting = len(re.findall(_CIVILITY, named.group("who")))
            hit.end = max(hit.end, m.start() + named.end())
        _outcome(hit, sentence)
        hits.append(hit)
        taken.append((hit.start, hit.end))
    return hits


_LABELLED = re.compile(
    r"\b(?P<label>Pour|Contre|Abstentions?|Absentions?|Ne\s+prend(?:nent)?\s+pas\s+part(?:\s+au\s+vote)?)\b"
    r"[ \t]*(?P<colon>:)?[ \t]*"
    r"(?:(?P<n>\d+)\b(?![ \t]*(?:€|%|\d))|(?=[/–-]|$|(?:Pour|Contre|Abst)\w*[ \t]*:))",
    re.IGNORECASE,
)


#: a labelled count line that goes on over the next line: after a count of its own, it ends with a
#: label and its colon ("… Pour : 29 ; Contre :" / "3 ; Abstention : 0") or with a separator ("…
#: Contre : 1 ;" / "Abstention : 1"); a label alone on its line ("Contre :" / "Abstentions : 1") is
#: a count block's line
_LABELS_GO_ON = re.compile(
    r"\b(?:Pour|Contre|Abstentions?)[ \t]*:[ \t]*\d+[^\n]*?"
    r"(?:\b(?:Pour|Contre|Abstentions?)[ \t]*:|[;/–,-])[ \t]*\n"
    r"(?=[ \t]*(?:\d+\b|(?:Pour|Contre|Abstentions?|Ne\s+prend(?:nent)?\s+pas\s+part(?:\s+au\s+vote)?)\b[ \t]*:))"
    # "(Pour :" / "52 – Contre : 0 – …": the first count pushed onto the next line
    r"|\b(?:Pour|Contre|Abstentions?)[ \t]*:[ \t]*\n(?=[ \t]*\d+[ \t]*[;/–,-][ \t]*(?:Pour|Contre|Abst))"
    # "… Contre : 1" / "; Abstentions : 2": the separator pushed onto the next line
    r"|\b(?:Pour|Contre|Abstentions?)[ \t]*:[ \t]*\d+[ \t]*\n(?=[ \t]*[;/–,-][ \t]*(?:Pour|Contre|Abst))"
    # "… Contre : 0 ; Abstention" / ": 0 ; Approuvée)": the label's colon pushed onto the next line
    r"|\b(?:Pour|Contre|Abstentions?)[ \t]*:[ \t]*\d+[^\n]*?\b(?:Pour|Contre|Abstentions?)[ \t]*\n(?=[ \t]*:[ \t]*\d)",
    re.IGNORECASE,
)


#: the label of members not taking part cut over lines after a count's separator: "… Abstention : 0 ;
#: NE" / "PREND PAS PART AU" / "VOTE : 1"
_NOT_PART_GOES_ON = re.compile(
    r"(?<=[;/–,-])[ \t]*ne(?:[ \t]+prend)?(?:[ \t]+pas)?(?:[ \t]+part)?(?:[ \t]+au)?[ \t]*\n", re.IGNORECASE
)


def _labels_joined(text: str) -> str:
    """``text`` with the line end inside a labelled count line made a space (same length)."""
    text = _LABELS_GO_ON.sub(lambda m: m.group(0).replace("\n", " "), text)
    for _ in range(3):  # the label may run over three lines
        joined = _NOT_PART_GOES_ON.sub(lambda m: m.group(0).replace("\n", " "), text)
        if joined == text:
            break
        text = joined
    return text


def _labelled_key(label: str) -> str:
    """The count a label names: "Ne prend pas part au vote" is not voting."""
    return _LABEL_KEY.get(label.lower(), "not_voting")


def _labelled_lines(text: str) -> list[VoteHit]:
    """Several labelled counts on one line: ``POUR : 12    CONTRE : 0    ABSTENTIONS : 3``,
    ``Votants : 15 Pour : 12 Contre : 2 Abstention : 1``, ``Pour : 57 / Contre : / Abstention : 4``
    (a category printed empty is 0), ``VOTE : Pour 14 – Contre 0 – Abstention 1`` (without colons
    only on a line that starts with "Vote" or "Résultat")."""
    hits = []
    for ln in re.finditer(r"[^\n]+", _labels_joined(text)):
        line = ln.group(0)
        vote_line = re.match(r"[ \t]*(?:Vote|R[ée]sultat\s+du\s+vote)\b", line, re.I)
        found = [m for m in _LABELLED.finditer(line) if m.group("colon") or (vote_line and m.group("n"))]
        keys = {_labelled_key(m.group("label")) for m in found}
        if len(keys) < 2 or len(keys) < len(found) or not any(m.group("n") for m in found):
            continue
        hit = VoteHit(start=ln.start(), end=ln.end(), counted=True, rule=RULE + ".labelled_line")
        for m in found:
            hit.counts.put(_labelled_key(m.group("label")), int(m.group("n") or 0))
        named = _NOT_PART_NAMED.search(line)
        if named and hit.counts.not_voting is None:
            # "Pour : 19 ; Contre : 5 ; Abstentions : 3 ; M. X ne prend pas part au vote"
            hit.counts.not_voting = len(re.findall(_CIVILITY, named.group("who")))
        _outcome(hit, line)
        hits.append(hit)
    return hits


def _majority_detail(hit: VoteHit, text: str, unanimous: bool = False) -> None:
    """``Adopté à la majorité (2 contre : M. DUPONT, Mme MARTIN ; 1 abstention : M. DURAND)``: the
    counts the parenthesis gives (the votes for are not printed); after a unanimity, also the
    votes cast (``à l'unanimité (15 voix)``: 15 for)."""
    m = re.match(r"[^()\n]{0,40}(?:\n[^()\n]{0,40})?\((?P<body>[^)]{0,300})\)", text)  # may wrap once
    if m is None:
        return
    for c in re.finditer(
        r"(?P<n>\d+)\s+(?:voix\s+)?(?P<label>pour|contre|abstentions?|absentions?)\b", m.group("body"), re.I
    ):
        hit.counts.put(_LABEL_KEY[c.group("label").lower()], int(c.group("n")))
        hit.counted = hit.counted or unanimous  # unanimity of the votes cast, abstentions apart
    cast = re.fullmatch(r"\s*(\d+)\s+(?:voix|votants|suffrages)\s*", m.group("body"), re.I)
    if cast and unanimous:
        # "adopté à l'unanimité (15 voix)": every vote cast was for
        hit.counts.put("for", int(cast.group(1)))
        hit.counted = True


# --------------------------------------------------------------------------- count columns
#: the header of a table whose columns count the votes: "N° Objet Pour Contre Abst. Décision"
#: (a liste des délibérations); the words stand side by side, no colon, no count
_COUNT_COLUMNS = re.compile(
    r"^[^\n:]*?\bPour[ \t]+Contre[ \t]+Abst(?:entions?\b|\.|\b)"
    r"(?P<more>[ \t]+(?:NPPV|Ne[ \t]+prend|Non[ \t-]participation))?[^\n:]*$",
    re.IGNORECASE | re.MULTILINE,
)
_COLUMN_KEYS = ("for", "against", "abstention", "not_voting")
#: what a decision cell holds
COLUMN_DECISION = r"(?:Adopt|Approuv|Rejet|Unanim|Accept|Refus)"


@lru_cache(maxsize=4)
def _first_count_columns(text: str) -> re.Match[str] | None:
    return _COUNT_COLUMNS.search(text)


def count_columns(text: str, before: int | None = None) -> int:
    """How many vote-count columns a table header of ``text`` (printed before offset ``before``)
    names: 3 (Pour, Contre, Abst.), 4 with a column of members not taking part, 0 when no such
    header is printed.  The header is looked for once per text: every item of a session asks."""
    m = _first_count_columns(text)
    if m is None or (before is not None and m.end() > before):
        return 0
    return 4 if m.group("more") else 3


@lru_cache(maxsize=8)
def column_counts(n: int) -> re.Pattern[str]:
    """The ``n`` bare counts of a row under count columns, at the end of its line or before its
    decision ("… fourrière animale 23 3 0 Adopté", "26 0 0" / "Adoptée à l'unanimité")."""
    return re.compile(
        r"(?<![\d,.])\d{1,3}"
        + r"[ \t]+\d{1,3}" * (n - 1)
        + r"(?![\d,.])[ \t]*(?=\n|$|"
        + COLUMN_DECISION
        + ")",
        re.IGNORECASE,
    )


def column_votes(text: str, n: int) -> list[VoteHit]:
    """The votes of a table under count columns (``count_columns``): the counts in column order,
    the outcome from the decision cell beside or under them (up to three lines)."""
    hits = []
    for m in column_counts(n).finditer(text):
        hit = VoteHit(m.start(), m.end(), counted=True, rule=RULE + ".columns")
        for key, value in zip(_COLUMN_KEYS, m.group(0).split(), strict=False):
            hit.counts.put(key, int(value))
        cell = re.match(
            r"(?:[ \t]*\n?[ \t]*" + COLUMN_DECISION + r"[^\n]*)(?:\n[ \t]*[a-zà-ÿ'’][^\n]{0,40})*",
            text[m.end() :],
            re.I,
        )
        if cell:
            hit.end = m.end() + cell.end()
        _outcome(hit, text[m.end() : hit.end])
        hits.append(hit)
    return hits


def find_votes(text: str) -> list[VoteHit]:
    """Every vote printed in ``text``, in order (counted blocks first claim their lines)."""
    lines = _labelled_lines(text)
    hits = lines + [
        h
        for h in _count_blocks(text)
        if not any(x.start <= h.start < x.end or h.start <= x.start < h.end for x in lines)
    ]
    for m in _TABLE_HEAD.finditer(text):
        counts = Counts(for_=int(m.group(1)), against=int(m.group(2)), abstention=int(m.group(3)))
        h = VoteHit(m.start(), m.end(), counts, counted=True)
        h.rule = RULE + ".table"
        _outcome(h, text[m.start() : m.end() + 60])
        hits.append(h)
    taken = [(h.start, h.end) for h in hits]
    hits += _inline_votes(text, taken)
    taken = [(h.start, h.end) for h in hits]
    hits += _declared(text, taken)
    hits.sort(key=lambda h: h.start)
    for h in hits:
        h.text = " ".join(text[h.start : h.end].split())[:300]
    return hits


def merge_item_votes(hits: list[VoteHit]) -> VoteHit | None:
    """One item's vote from its hits: the last counted block, completed by a declared outcome.

    Verbatim minutes print the spoken vote ("Qui est contre ? … adopté à l'unanimité") and then
    the block; a compte rendu may print the block and then "Adopté à l'unanimité".
    """
    if not hits:
        return None
    counted = [h for h in hits if h.counted]
    base = counted[-1] if counted else hits[-1]
    for h in hits:
        if h is base:
            continue
        if abs(h.start - base.end) < 400 or abs(base.start - h.end) < 400:
            base.unanimous = base.unanimous or h.unanimous
            if base.adopted is None:
                base.adopted = h.adopted
    return base


def takes_note(text: str) -> bool:
    return bool(_TAKE_NOTE.search(text))


def says_no_vote(text: str) -> bool:
    return bool(_NO_VOTE.search(text))


# --------------------------------------------------------------------------- ballots
_BALLOT_LINE = re.compile(
    r"^[ \t]*[−\-–•]?[ \t]*(?P<who>[A-ZÀ-Ý][\wÀ-ÿ'’\- .]{1,60}?)[ \t]*:[ \t]*(?P<n>\d+)[ \t]*(?:votes?|voix)\b(?P<rest>[^\n]*)",
    re.MULTILINE,
)
_BALLOT_WORDS = re.compile(
    r"\b[ée]lue?s?\b|\b[ée]lection\b|\bbulletins?\b|\bscrutin\b|\bnuls?\s*:", re.IGNORECASE
)


def find_ballot(text: str) -> tuple[dict[str, int], list[str], tuple[int, int]] | None:
    """Results per candidate of an election (``Anne-Marie : 11 votes, Elue``), or None."""
    if not _BALLOT_WORDS.search(text):
        return None
    results: dict[str, int] = {}
    elected: list[str] = []
    span: tuple[int, int] | None = None
    for m in _BALLOT_LINE.finditer(text):
        who = m.group("who").strip()
        if re.match(r"(?i)pour\b|contre\b|abst", who):
            continue
        results[who] = int(m.group("n"))
        if re.search(r"\b[ée]lue?\b", m.group("rest"), re.I):
            elected.append(who)
        span = (m.start() if span is None else span[0], m.end())
    if not results or span is None:
        return None
    return results, elected, span


# --------------------------------------------------------------------------- vote blocks of a deliberation
# (the Département shape: a run of vote lines after the decision, read by ``parse_vote``)
_VOTE_LINE = re.compile(
    r"^\s*[−\-–•]?\s*(?:Pour\s*:\s*(?:\d+|[àa]\s+l['’]unanimit[ée])|Contre\s*:\s*\d+|Abstentions?\s*:\s*\d+"
    r"|Absents?\s+sans\s+d[ée]l[ée]gation|Ne\s+prend\s+pas\s+part|Vote\s*:"
    r"|\(?\s*(?:Adopt[ée]e?s?|Rejet[ée]e?s?)\s*(?:\)|$|[àa]\s+l|\.|,|par\b)"
    r"|Le\s+Conseil\s+(?:municipal\s+)?(?:adopte|prend\s+acte)|(?:Adopt[ée]e?\s+)?[àA]\s+L['’]UNANIMIT[ÉE])"
    r"|\bVote\s*:\s*(?:\d+\s*pour|Pour\b)",
    re.IGNORECASE,
)
_FOR_COUNT = re.compile(r"\bPour\s*:\s*\d+|\d+\s*pour\b|Pour\s+[àa]\s+l['’]unanimit", re.IGNORECASE)
_NOT_PART = re.compile(r"ne\s+prennent?\s+pas\s+part\s+au\s+vote|n['’]ont\s+pris\s+part\s+ni", re.IGNORECASE)
_TRAILING_OPEN = re.compile(r"(?:,|\bet|\bMonsieur|\bMadame|\bM\.|\bMme|\bMmes|;)\s*$", re.IGNORECASE)


def find_vote_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the vote blocks of ``text``, in order.

    A block is a run of vote lines (``Pour : 28 voix (...)``, ``Contre : 0``, ``Vote : 14 pour /
    0 contre``, ``(Adopté)``, ``A L'UNANIMITE ...``) with their continuation lines (an open
    parenthesis, a list ending with a comma, ``et`` or a civility); a ``... ne prennent pas part au
    vote`` sentence just after a block belongs to it.
    """
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for ln in text.split("\n"):
        lines.append((pos, pos + len(ln), ln))
        pos += len(ln) + 1
    blocks: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not _VOTE_LINE.search(lines[i][2]):
            i += 1
            continue
        start = lines[i][0]
        # a "Vote :" glued at the end of a sentence starts the block at "Vote"
        m = re.search(r"\bVote\s*:", lines[i][2], re.IGNORECASE)
        if m and not _VOTE_LINE.match(lines[i][2]):
            start = lines[i][0] + m.start()
        depth = 0
        j = i
        seen_for = bool(_FOR_COUNT.search(lines[i][2]))
        while j < len(lines):
            ln = lines[j][2]
            depth += ln.count("(") - ln.count(")")
            nxt = lines[j + 1][2] if j + 1 < len(lines) else ""
            if seen_for and _FOR_COUNT.search(nxt) and depth <= 0:
                break  # a second complete vote: the next item's
            seen_for = seen_for or bool(_FOR_COUNT.search(nxt))
            if j + 1 < len(lines) and (
                depth > 0 or _VOTE_LINE.search(nxt) or (_TRAILING_OPEN.search(ln) and nxt.strip())
            ):
                j += 1
                continue
            if not nxt.strip() and j + 2 < len(lines) and _VOTE_LINE.match(lines[j + 2][2]):
                j += 2
                continue
            break
        # a "... ne prennent pas part au vote" sentence within the next lines belongs to the block
        for k in range(j + 1, min(j + 5, len(lines))):
            if _VOTE_LINE.search(lines[k][2]):
                break
            if _NOT_PART.search(lines[k][2]):
                j = k
                break
        blocks.append((start, lines[j][1]))
        i = j + 1
    return blocks


def vote_counts_as_item(text: str, block: tuple[int, int]) -> bool:
    """A block with counts or an adoption word (not a lone ``Vote :`` heading)."""
    s = text[block[0] : block[1]]
    return bool(re.search(r"\d|unanimit|adopt|rejet|prend\s+acte", s, re.IGNORECASE))


# --------------------------------------------------------------------------- reading a vote block
def _ws(s: str) -> str:
    return re.sub(r"[ \t\r\n\f\v]+", " ", s).strip()


_COUNT = {
    "for": [
        r"\bPour\s*:\s*(\d+)",
        r"(?m)^[ \t]*[−\-–•]?[ \t]*(?-i:Pour)[ \t]+(\d{1,3})[ \t]*$",  # the colon lost (OCR): "Pour 3" alone on its line
        r"\b(\d+)\s*pour\b",
        r"UNANIMIT[ÉE]\s+des\s+(?:votants|suffrages\s+exprim[ée]s)\s*\(\s*(\d+)\s*voix",
    ],
    "against": [
        r"\bContre\s*:\s*(\d+)",
        r"\b(\d+)\s*contre\b",
        r"(?m)^[ \t]*[−\-–•]?[ \t]*(?-i:Contre)[ \t]+(\d{1,3})[ \t]*$",
    ],
    "abstention": [
        r"\bAbstentions?\s*:\s*(\d+)",
        r"\b(\d+)\s*abstentions?\b",
        r"(?m)^[ \t]*[−\-–•]?[ \t]*(?-i:Abstentions?)[ \t]+(\d{1,3})[ \t]*$",
    ],
    "absent_without_proxy": [r"Absents?\s+sans\s+d[ée]l[ée]gation(?:\s+de\s+vote)?\s*:\s*(\d+)"],
    "not_voting": [
        r"Ne\s+(?:prend|prennent)\s+pas\s+part(?:\s+au\s+vote)?\s*:\s*(\d+)",
        r"Non[\s-]participation\s*:\s*(\d+)",
    ],
}
_COUNT_RE = {k: [re.compile(p, re.IGNORECASE) for p in v] for k, v in _COUNT.items()}


def _groups_after(block: str, pos: int) -> list[str]:
    """Groups or names printed after a count: ``(G1 ; G2)``, ``(UMP + M. Viguié)``, ``, Monsieur X, Madame Y``."""
    rest = block[pos:]
    m = re.match(r"[ \t]*(?:voix|votes?)?[ \t]*\(", rest, re.IGNORECASE)
    if m:
        depth, i = 1, m.end()
        while i < len(rest) and depth:
            depth += {"(": 1, ")": -1}.get(rest[i], 0)
            i += 1
        inner = _ws(rest[m.end() : i - 1])
        sep = ";" if ";" in inner else "+" if "+" in inner else None
        parts = [p.strip(" .,") for p in inner.split(sep)] if sep else [inner.strip(" .,")]
        return [p for p in parts if p]
    m = re.match(
        r"\s*(?:voix)?\s*,\s*((?:[^\n]|\n(?![ \t]*[−\-–•]?[ \t]*(?:Pour|Contre|Abstention|Absent|Adopt|Vote)))+)",
        rest,
        re.IGNORECASE,
    )
    if m:
        return split_names(m.group(1), cut_qualifiers=True)
    return []


VOTE_LINE_START = re.compile(
    r"^\s*[−\-–•]?\s*(?:Pour|Contre|Abstentions?|Absents?|Ne\s+prend|Vote|\(?\s*Adopt|\(?\s*Rejet|Le\s+Conseil|[àA]\s+L['’]UNANIMIT)",
    re.IGNORECASE,
)


def parse_vote(block: str) -> VoteHit:
    """One vote block of a deliberation: counts, groups or names per category, adoption, unanimity,
    and the block as printed, one line per vote line (offsets are the block's)."""
    hit = VoteHit(0, len(block), rule="vote.counts.v1")
    for key, pats in _COUNT_RE.items():
        m = next((found for found in (pat.search(block) for pat in pats) if found), None)
        if m:
            hit.counts.put(key, int(m.group(1)))
            groups = _groups_after(block, m.end())
            if groups:
                hit.names[key] = groups
    hit.counted = any(hit.counts.get(key) is not None for key in _COUNT_RE)
    low = block.lower()
    hit.unanimous = "unanimit" in low
    if re.search(r"\brejet[ée]e?s?\b|\bn['’]est\s+pas\s+adopt", low):
        hit.adopted = False
    elif re.search(r"\badopt[ée]e?s?\b|\ble\s+conseil\s+(?:municipal\s+)?adopte\b|\bapprouv[ée]e?s?\b", low):
        hit.adopted = True
    elif "unanimit" in low and not re.search(r"\bcontre\s*:\s*[1-9]", low):
        hit.adopted = True
    logical: list[str] = []
    for ln in block.split("\n"):
        if not ln.strip():
            continue
        if not logical or VOTE_LINE_START.match(ln):
            logical.append(_ws(ln))
        else:
            logical[-1] += " " + _ws(ln)
    hit.text = "\n".join(logical)
    return hit
