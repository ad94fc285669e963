"""The items of a session record, each read into a ``Deliberation`` or an ``OtherItem``.

``read_minutes(doc, texts, locator)`` is the reader of compte-rendus and procès-verbaux (see
``delib.extract.minutes`` for the headings and the session header): it returns ``None`` for a
publication that is not a session record, so that the deliberation reader takes it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from delib.extract.amounts import find_amounts
from delib.extract.checks import all_checks
from delib.extract.coverage import coverage_checks
from delib.extract.grant_lines import (
    find_block_rows,
    find_column_table,
    find_grant_lines,
    find_grant_sentences,
    find_single_grant,
    find_stated_total,
    find_title_grants,
    find_unit_grants,
    gives_grants,
    unread_rows,
)
from delib.extract.imputations import imputation_records
from delib.extract.locator import Locator, Prov
from delib.extract.minutes import (
    Heading,
    MinutesText,
    agenda_entries,
    agenda_key,
    classify,
    find_headings,
    is_minutes,
    minutes_text,
    new_other,
    read_header,
    to_ballot,
    to_vote,
)
from delib.extract.names import split_names
from delib.extract.parts import clean_page_text
from delib.extract.votes import VoteHit, column_votes, count_columns, find_votes, merge_item_votes
from delib.models import (
    Attendance,
    Check,
    Deliberation,
    Grant,
    GrantTotal,
    Imputation,
    OtherItem,
    OtherItemKind,
    Problem,
)

RULE = "items.v1"


@dataclass
class Decision:
    """One decision of an item (an item may hold several, each after its own sub-heading)."""

    title: str
    number: str | None
    start: int
    end: int
    votes: list[VoteHit] = field(default_factory=list)
    sub: bool = False


@dataclass
class MinutesResult:
    deliberations: list[Deliberation]
    other_items: list[OtherItem]
    problems: list[Problem]


_SUBHEAD = re.compile(r"^[ \t]*(?:[−\-–•▪➢]|[a-zA-Z][/)])[ \t]*(?P<t>[A-ZÀ-Ý][^\n]{2,100})$")
_LABEL = re.compile(r"^[ \t]*(?P<t>[A-ZÀ-Ý][^\n:]{3,110}?)[ \t]*:[ \t]*(?:Vote\s*:.*)?$")
#: how minutes say that members leave the session, and that they come (back) into it
_LEAVES = "|".join((r"sort(?:ent)?\s+de\s+(?:la\s+)?s[ée]ance", r"quitte(?:nt)?\s+(?:la\s+s[ée]ance|la\s+salle)",
                    r"sort(?:ent)?\s+de\s+la\s+salle"))  # fmt: skip
_COMES = "|".join((r"entre(?:nt)?\s+en\s+s[ée]ance", r"r[ée]int[èe]gre(?:nt)?\s+(?:la\s+)?s[ée]ance",
                   r"rejoin(?:t|gnent)\s+(?:la\s+)?s[ée]ance", r"arrive(?:nt)?\s+en\s+s[ée]ance",
                   r"revien(?:t|nent)\s+en\s+s[ée]ance"))  # fmt: skip
#: a movement, verb or noun ("départ de M. X", "arrivée de Mme Y")
_MOVES_OUT = re.compile(rf"\b(?:{_LEAVES}|d[ée]part\s+de)\b", re.I)
_MOVES_IN = re.compile(rf"\b(?:{_COMES}|arriv[ée]e\s+de)\b", re.I)


_SPEAKER = re.compile(
    r"^[ \t]*(?:M\.|Mme|Mmes|Monsieur|Madame|Mlle|Le\s+Maire|La\s+Maire|Le\s+Pr[ée]sident)\b|^[^\n]{0,60}:\s*$"
)


def _decisive(group: list[VoteHit]) -> bool:
    """A vote group that closes a decision: counts, or a vote line ("Vote : pour à l'unanimité")."""
    return any(h.counted or re.match(r"\s*(?:Vote|R[ée]sultat)", h.text, re.I) for h in group)


def _vote_groups(hits: list[VoteHit]) -> list[list[VoteHit]]:
    """Hits close to each other describe one vote (spoken then printed, block then 'Adopté')."""
    groups: list[list[VoteHit]] = []
    for h in hits:
        if (
            groups
            and h.start - groups[-1][-1].end < 250
            and not (h.counted and any(x.counted for x in groups[-1]))
        ):
            groups[-1].append(h)
        else:
            groups.append([h])
    return groups


def _heading_like(line: str) -> bool:
    from delib.extract.names import looks_like_names

    s = line.strip()
    return (
        4 <= len(s) <= 90
        and s[0].isupper()
        and not s.endswith((".", ",", ";"))
        and not _SPEAKER.match(s)
        and not re.match(r"(?:Pour|Contre|Abstentions?|Vote\s*:|Adopt|Total|Soit)\b", s, re.I)
        and not re.search(
            r"\b(?:présente|propose|rappelle|indique|donne|prend|quitte|réintègre|sort)\b", s, re.I
        )
        and not re.search(r"\d[\d  .]*(?:,\d\d)?\s*€", s)
        and not looks_like_names(s)
    )


def _agenda_key(line: str) -> str:
    return agenda_key(line)


def agenda_lines(text: str, first_item: int) -> set[str]:
    """The sub-items listed in the agenda (up to the first item): a body line that repeats one of
    them is a sub-heading."""
    entries, _ = agenda_entries(text[:first_item])
    return set(entries)


def _sub_title(text: str, start: int, vote_start: int, agenda: set[str] | None = None) -> str | None:
    """The sub-heading of a decision: a line the agenda lists, a dash-led or title line among its
    first lines (past a movement or speaker line), or the label printed right before its vote."""
    line_start = text.rfind("\n", 0, vote_start) + 1
    same = text[max(start, line_start) : vote_start].strip()
    if same and len(same) <= 110 and same.endswith(":") and not _SPEAKER.match(same[:-1] + " "):
        return re.sub(r"\s*:\s*$", "", same)  # "DM1 pour budget communal approuvé : Vote : …"
    seg = text[start:vote_start]
    lines = [ln for ln in seg.split("\n") if ln.strip()]
    if agenda:
        for ln in lines:
            key = _agenda_key(re.sub(r"^[ \t]*[−\-–•▪]", "", ln))
            if key in agenda:
                return ln.strip().lstrip("−-–•▪ ").strip()
    for ln in lines[:4]:
        m = _SUBHEAD.match(ln)
        if m:
            return m.group("t").strip()
    for k, ln in enumerate(lines[:3]):
        if _heading_like(ln) and k + 1 < len(lines):
            return ln.strip().rstrip(" :")
        if not (
            _SPEAKER.match(ln) or _MOVES_OUT.search(ln) or _MOVES_IN.search(ln) or ln.strip().endswith(",")
        ):
            break
    # "Vote du budget primitif 2021 :" right above the vote, or on the vote's own line
    line_start = text.rfind("\n", 0, vote_start) + 1
    same = text[line_start:vote_start].strip()
    if same and len(same) <= 110 and same.endswith(":"):
        return re.sub(r"\s*:\s*$", "", same)
    prev_end = line_start - 1
    prev_start = text.rfind("\n", 0, max(0, prev_end)) + 1
    prev = text[prev_start:prev_end].strip() if prev_end > 0 else ""
    m = _LABEL.match(prev)
    if m and len(prev) <= 110:
        return m.group("t").strip()
    return None


def _heading_run(text: str, start: int, vote_start: int, agenda: set[str] | None) -> list[str]:
    """Sub-headings printed one under the other at the start of a segment (dash-led or agenda lines)."""
    run = []
    for ln in [x for x in text[start:vote_start].split("\n") if x.strip()][:6]:
        m = _SUBHEAD.match(ln)
        key = _agenda_key(re.sub(r"^[ \t]*[−\-–•▪]", "", ln))
        if m or (agenda and key in agenda):
            run.append((m.group("t") if m else ln).strip().lstrip("−-–•▪ ").strip())
            continue
        if run:
            break
    return run


def _grant_vote_ids(text: str, start: int, hits: list[VoteHit]) -> set[int]:
    """The votes printed right under grant lines ("Judo 700 €" / "Vote : Pour : 16 …"): a list of at
    least two grants each with its own vote.  They belong to the grants, not to sub-decisions."""
    lines = [g for g in find_grant_lines(text) if not g.is_total]
    out: dict[int, int] = {}
    for gl in lines:
        for h in hits:
            gap = h.start - (start + gl.end)
            if id(h) in out or gap < 0:
                continue
            if (
                gap < 700
                and text[gl.end : h.start - start].count("\n") <= 10
                and not any(o.start > gl.end and o.start < h.start - start for o in lines)
            ):
                out[id(h)] = gl.start
            break
    return set(out) if len(out) >= 2 else set()


def split_decisions(text: str, head: Heading, end: int, agenda: set[str] | None = None) -> list[Decision]:
    """The decisions of one item: one, or one per vote that follows its own sub-heading."""
    body_start = head.body
    hits = find_votes(text[body_start:end])
    columns = count_columns(text, before=head.start)
    if columns and not any(h.counted for h in hits):
        # a table under "Pour Contre Abst." columns: the row's bare counts are its vote
        counted = column_votes(text[body_start:end], columns)[:1]
        hits = counted + [h for h in hits if not any(c.start <= h.start < c.end for c in counted)]
    for h in hits:
        h.start += body_start
        h.end += body_start
    grant_votes = _grant_vote_ids(text[body_start:end], body_start, hits)
    groups = _vote_groups([h for h in hits if id(h) not in grant_votes])
    # a list of grants each with its own vote is one decision (the grants' vote list)
    grant_run: list[VoteHit] = []
    for h in hits:
        if id(h) in grant_votes:
            grant_run.append(h)
            continue
        if grant_run:
            groups.append(grant_run)
            grant_run = []
    if grant_run:
        groups.append(grant_run)
    groups.sort(key=lambda g: g[0].start)
    whole = Decision(head.title, head.number, head.start, end, hits)
    if sum(1 for g in groups if _decisive(g) or id(g[0]) in grant_votes) < 2:
        return [whole]
    decisions: list[Decision] = []
    start = body_start
    queue: list[str] = []
    for g in groups:
        run = _heading_run(text, start, g[0].start, agenda)
        if len(run) >= 2:
            # "− Approbation du compte de gestion" / "− Approbation du compte administratif" printed
            # together, then their two votes in that order
            title: str | None = run[0]
            queue = run[1:]
        elif queue and not run:
            title = queue.pop(0)
        else:
            queue = []
            title = _sub_title(text, start, g[0].start, agenda)
        if title is None and decisions:
            decisions[-1].votes.extend(g)
            decisions[-1].end = g[-1].end
        else:
            decisions.append(Decision(title or head.title, None, start, g[-1].end, list(g), sub=True))
        start = g[-1].end
    if len(decisions) < 2:
        return [whole]
    decisions[-1].end = end
    return decisions


def _problem(kind: str, message: str, prov: Prov, raw: str | None = None) -> Problem:
    return Problem(kind=kind, message=message, raw=raw, **prov)


_PRINTED_COUNT = re.compile(r"\(\s*(\d{1,3})\s*\)\s*$")
_PROXY_LABEL = re.compile(
    r"^[ \t]*(?:Absents?\(?s?\)?\s+ayant\s+(?:vot[ée]|donn[ée])\s+(?:par\s+)?(?:procuration|pouvoir)|Pouvoirs?|Procurations?)[^:]{0,200}:",
    re.I | re.M,
)


def session_voters(head: str, att: Attendance | None) -> int | None:
    """Members who vote at the opening: present plus proxies (a proxy is a vote, CGCT L2121-20).

    Printed counts win ("… Mme Nicole TUAL (27)"); else the names: present, plus the proxies
    given ("X donne procuration à Y", "Pouvoirs : X à Y") or the list of "absents ayant voté par
    procuration", whichever names more givers."""
    if att is None or not att.present:
        return None
    present = len(att.present)
    lines = head.split("\n")
    counts = [int(m.group(1)) for ln in lines if (m := _PRINTED_COUNT.search(ln))]
    m = re.search(r"pr[ée]sents?\s*:?[^\n]*\n(?:[^\n]*\n){0,12}?[^\n]*\(\s*(\d{1,3})\s*\)\s*\n", head, re.I)
    if m and counts:
        present = int(m.group(1))
    givers = len(att.proxies)
    pm = _PROXY_LABEL.search(head)
    if pm:
        tail = head[pm.end() : pm.end() + 1500]
        block = re.split(
            r"\n[ \t]*(?:Absents?\b(?!\s*\(?s?\)?\s+ayant)|Excus|Secr[ée]taire|Ordre|_{3,}|-\s)",
            tail,
            maxsplit=1,
        )[0]
        pc = _PRINTED_COUNT.search(block.rstrip())
        named = len(
            re.findall(
                r"\b(?:procuration|pouvoir)\s+[àa]\b|\s[àa]\s+(?:M\.|Mme|Monsieur|Madame)", block, re.I
            )
        )
        if pc:
            givers = int(pc.group(1))
        elif named:
            givers = max(givers, named)
        else:
            givers = max(givers, len(split_names(block.replace("\n", " "))))
    return present + givers


def _sentences(text: str) -> list[str]:
    return [x for x in re.split(r"(?<=[a-zà-ÿ]{2}[.!?])\s+|\n", text) if x.strip()]


def _surnames(sentence: str) -> list[str]:
    """Surnames named in a sentence ("Madame DASYLVA entre en séance", "M. Vignal sort de séance")."""
    from delib.base.text import strip_accents

    out = re.findall(
        r"(?:M\.|Mme|Mmes|Monsieur|Madame|Mlle)\s*(?:[A-ZÀ-Ý][a-zà-ÿ]+\s+)?([A-ZÀ-Ý][\wÀ-ÿ'’-]{2,})", sentence
    )
    return [strip_accents(x).casefold() for x in out]


def late_arrivals(text: str, att: Attendance | None) -> int:
    """Members listed present who are recorded arriving later (no departure before): they did not
    vote on the first items."""
    from delib.base.text import strip_accents

    if att is None:
        return 0
    present = [strip_accents(n).casefold() for n in att.present]
    left: set[str] = set()
    late = 0
    for sentence in _sentences(text):
        names = _surnames(sentence)
        if _MOVES_OUT.search(sentence):
            left.update(names)
        elif _MOVES_IN.search(sentence):
            for n in names:
                if n not in left and any(n in p.split() or p.endswith(n) for p in present):
                    late += 1
                    left.add(n)
    return late


#: a movement as a verb, whose subject (on its line) says who moves
_VERB = re.compile(rf"(?P<out>\b(?:{_LEAVES}))|(?P<inn>\b(?:{_COMES}))", re.I)


def _people(subject: str) -> int:
    """How many votes a subject names: "Messieurs Vignal, Sudres, et Aslanian avec Mme Bigas" is 4,
    "M. Passet avec sa procuration (H. Martin)" is 2 (a member leaving with the proxy he holds)."""
    proxies = len(re.findall(r"avec\s+(?:sa|leur|son)\s+(?:procuration|pouvoir)", subject, re.I))
    subject = re.sub(
        r"avec\s+(?:sa|leur|son)\s+(?:procuration|pouvoir)\s*(?:\([^)]*\))?", " ", subject, flags=re.I
    )
    chunks = [
        c for c in re.split(r",|\bet\b|\bavec\b", subject) if re.search(r"[A-ZÀ-Ý][a-zà-ÿA-ZÀ-Ý'’-]{2,}", c)
    ]
    return max(1, len(chunks)) + proxies


def _movement(text: str, a: int, b: int) -> int:
    """Votes arriving (+) and leaving (-) between offsets a and b; a member who leaves and gives a
    proxy still votes.  The subject of a movement is on its own line (or, when that line starts
    with the verb, the line above): minutes print movements between items."""
    delta = 0
    seg = text[a:b]
    for m in _VERB.finditer(seg):
        ls = seg.rfind("\n", 0, m.start()) + 1
        prev_verb = [x for x in _VERB.finditer(seg, ls, m.start())]
        start = prev_verb[-1].end() if prev_verb else ls
        subject = seg[start : m.start()]
        if not re.search(r"[A-ZÀ-Ý][a-zà-ÿA-ZÀ-Ý'’-]{2,}", subject) and ls > 0:
            pl = seg.rfind("\n", 0, ls - 1) + 1
            subject = seg[pl : ls - 1] + " " + subject
        subject = re.split(r"(?<=[a-zà-ÿ]{2}[.:;])\s", subject)[-1]
        if re.search(
            r"\bdonnen?t?\s+(?:sa|leur|son)\s+(?:procuration|pouvoir)", seg[m.end() : m.end() + 60], re.I
        ):
            continue
        n = _people(subject)
        delta += n if m.group("inn") else -n
    return delta


_NOT_VOTING = re.compile(
    r"ne\s+(?:prend|prennent)\s+pas\s+part\s+au\s+vote|ne\s+participen?t?\s+pas\s+au\s+vote", re.I
)


def _not_voting(text: str) -> int:
    """Members named as not taking part in this vote ("X, président de l'association, ne prend pas part au vote")."""
    n = 0
    for sentence in _sentences(text):
        if _NOT_VOTING.search(sentence):
            n += max(1, len(re.findall(r"\b(?:M\.|Mme|Mmes|Monsieur|Madame|Mlle)\s?", sentence)))
    return n


@dataclass
class _State:
    mt: MinutesText
    fields: dict[str, Any]
    attendance: Attendance | None
    #: the last count of voters the document gave (the opening, or the last vote that disagreed
    #: with the tracking) and where it stands: each vote is checked against it plus the movements since
    anchor_voters: int | None
    anchor_pos: int


def _count_check(d_vote: VoteHit | None, voters: int | None, page: int | None) -> Check | None:
    if d_vote is None or not d_vote.counted or voters is None:
        return None
    total = d_vote.counts.total()
    return Check(
        name="vote_count_matches_members_present",
        passed=total <= voters and (total == voters or d_vote.counts.not_voting is None),
        expected=str(voters),
        found=str(total),
        page=page,
        detail="members present + proxies at this item (arrivals and departures printed before it counted)",
    )


def _grants(
    st: _State, text: str, a: int, b: int, title: str, hits: list[VoteHit]
) -> tuple[list[Grant], list[GrantTotal], set[int], list[tuple[int, int]]]:
    """Grant lines of a decision; a vote printed right under a grant line is that grant's vote.
    Also the rows of the list or table that no grant line took (offsets in ``text``)."""
    body = text[a:b]
    if not gives_grants(title, body):
        return [], [], set(), []
    grants: list[Grant] = []
    totals: list[GrantTotal] = []
    used: set[int] = set()
    lines = (
        find_column_table(body)
        or find_unit_grants(title, body)
        or find_grant_lines(body)
        or find_block_rows(body)
    )
    own = _grant_vote_ids(body, a, hits)  # a vote per grant line only where the list prints one each
    for gl in lines:
        prov = st.mt.prov(a + gl.start, a + gl.end, gl.rule)
        if gl.is_total:
            totals.append(GrantTotal(amount=gl.amount, label=gl.beneficiary, level="subtotal", **prov))
            continue
        vote = None
        for h in hits:
            if id(h) in used or id(h) not in own:
                continue
            gap = text[a + gl.end : h.start]
            if (
                0 <= h.start - (a + gl.end) < 700
                and not any(
                    a + x.start > a + gl.end and a + x.start < h.start for x in lines if not x.is_total
                )
                and gap.count("\n") <= 10
            ):
                vote = to_vote(h, st.mt)
                used.add(id(h))
                break
        grants.append(
            Grant(
                beneficiary=gl.beneficiary,
                amount=gl.amount,
                requested=gl.requested,
                in_kind=gl.in_kind,
                nature="en nature" if gl.in_kind else gl.nature,
                vote=vote,
                **prov,
            )
        )
    if not grants:
        for gs in find_grant_sentences(body):
            prov = st.mt.prov(a + gs.start, a + gs.end, gs.rule)
            grants.append(Grant(beneficiary=gs.beneficiary, amount=gs.amount, **prov))
    stated = find_stated_total(body) if grants else None
    if stated is not None and all(t.amount != stated.amount for t in totals):
        prov = st.mt.prov(a + stated.start, a + stated.end, stated.rule)
        totals.append(GrantTotal(amount=stated.amount, label=stated.beneficiary, level="subtotal", **prov))
    if not grants:
        single = find_single_grant(title, body)
        if single is not None:
            prov = st.mt.prov(a + single.start, a + single.end, single.rule)
            grants.append(
                Grant(
                    beneficiary=single.beneficiary, amount=single.amount, requested=single.requested, **prov
                )
            )
            stated = find_stated_total(body)
            if stated is not None:
                sprov = st.mt.prov(a + stated.start, a + stated.end, stated.rule)
                totals.append(
                    GrantTotal(amount=stated.amount, label=stated.beneficiary, level="subtotal", **sprov)
                )
    if not grants and find_amounts(body) == []:
        # the title names the grants and their amounts and the text prints no other amount (a
        # liste des délibérations): located on the heading, where the title starts
        at = text.rfind(title[:12], max(0, a - 600), a)
        at = at if at >= 0 else a
        for titled in find_title_grants(title):
            prov = st.mt.prov(at, at + 1, titled.rule)
            grants.append(Grant(beneficiary=titled.beneficiary, amount=titled.amount, **prov))
    unread = [(a + x, a + y) for x, y in unread_rows(body, lines)]
    return grants, totals, used, unread


def _imputations(st: _State, text: str, a: int, b: int) -> list[Imputation]:
    return imputation_records(text[a:b], lambda s, e: st.mt.prov(a + s, a + e, "imputations.prose.v1"))


_PRINTED_COUNT = re.compile(r"(?<![\d,.])(\d+)[ \t]+(?:voix[ \t]+)?(contre|abstentions?)\b", re.I)


def _unread_counts(text: str, hit: VoteHit, prov: Prov) -> list[Problem]:
    """A count the vote prints that the reading left empty: "… et 3 abstentions" after names
    wrapped over lines, a wording not known, or numbers no category took ("Vote : 23 pour / 0 0
    13 A", OCR).  ``text`` ends where the item does."""
    if not hit.counted:
        return []
    stop = re.compile(r"\.[ \t]*(?:\n|$)").search(text, hit.start, min(len(text), hit.start + 800))
    sentence = text[hit.start : stop.end() if stop else hit.end]
    missed = [
        f"{m.group(1)} {m.group(2)}"
        for m in _PRINTED_COUNT.finditer(sentence)
        if hit.counts.get("against" if m.group(2).lower() == "contre" else "abstention") is None
    ]
    # the numbers of the vote's own lines, names in brackets aside, against the counts read
    first = hit.start
    above = text.rfind("\n", 0, max(0, hit.start - 1)) + 1
    if re.match(r"[ \t]*[−\-–•]?[ \t]*(?:Pour|Contre|Abstentions?)\b[^\n]*\d", text[above : hit.start]):
        first = above  # a count line just above the block that the block grammar did not take
    own = re.sub(r"\([^()]*\)", " ", text[first : hit.end])
    numbers = re.findall(r"(?<![\d,.:/])\d{1,3}(?![\d,./:h])", own)
    read = hit.counts.printed()
    if len(numbers) > read and not missed:
        missed = [f"{len(numbers)} numbers ({' '.join(numbers)}) for {read} count(s)"]
    if not missed:
        return []
    return [
        _problem(
            "vote_count_unread",
            f"the vote prints {', '.join(missed)} and the count read has none",
            prov,
            " ".join(sentence.split())[:200],
        )
    ]


def _several_votes(hits: list[VoteHit], prov: Prov) -> list[Problem]:
    """Two counted votes that disagree in one item: the last is kept, but an item heading may
    have been missed between them (its vote then given to this one), or an amendment was voted."""
    counted = {(h.counts.for_, h.counts.against, h.counts.abstention) for h in hits if h.counted}
    if len(counted) < 2:
        return []
    shown = " ; ".join(f"{f}/{a}/{b}" for f, a, b in sorted(counted, key=str))
    return [
        _problem(
            "votes_several",
            f"{len(counted)} different counted votes in one item (for/against/abstention: {shown});"
            " the last is kept",
            prov,
        )
    ]


def _decision_problems(
    st: _State,
    dec: Decision,
    prov: Prov,
    no_vote: bool,
    grants: list[Grant],
    unread: list[tuple[int, int]],
    prev_numbered: bool,
) -> list[Problem]:
    """What the reader is unsure of in one decision, said so that ``delib audit`` lists it."""
    mt, text = st.mt, st.mt.text
    body = text[dec.start : dec.end]
    problems: list[Problem] = []
    if no_vote and not grants:
        problems.append(_problem("vote_missing", "a decision with no vote found", prov, dec.title[:120]))
    if no_vote and grants and not any(g.vote for g in grants):
        problems.append(_problem("vote_missing", "grants with no vote found", prov, dec.title[:120]))
    if unread:
        problems.append(
            _problem(
                "grant.unread_amounts",
                f"{len(unread)} row(s) of the grant list with an amount read as no grant or total",
                mt.prov(unread[0][0], unread[0][1], "coverage.unread_list_rows.v1"),
                " ; ".join(" ".join(text[x:y].split()) for x, y in unread[:10]),
            )
        )
    if not grants and gives_grants(dec.title, body) and (find_amounts(body) or find_amounts(dec.title)):
        problems.append(
            _problem(
                "grants_not_read", "an item that gives grants and prints amounts, no grant line read", prov
            )
        )
    if dec.number is None and prev_numbered and not dec.sub:
        problems.append(
            _problem("number_missing", "no number printed where the neighbouring items have one", prov)
        )
    if re.match(r"[a-zà-ÿ]", dec.title) or len(dec.title) < 4:
        problems.append(_problem("title_fragment", "the title reads like a fragment", prov, dec.title[:120]))
    return problems


def _read_decision(
    st: _State, dec: Decision, head: Heading, prev_numbered: bool, parent_kind: OtherItemKind | None = None
) -> Deliberation | OtherItem:
    mt, text = st.mt, st.mt.text
    prov = mt.prov(dec.start, dec.start + 1, RULE)
    grants, totals, used, unread = _grants(
        st, text, head.body if not dec.sub else dec.start, dec.end, dec.title, dec.votes
    )
    own_votes = [h for h in dec.votes if id(h) not in used]
    hit = merge_item_votes(own_votes)
    vote = to_vote(hit, mt) if hit is not None else None
    body = text[dec.start : dec.end]
    kind = classify(dec.title, body, hit)
    if kind is None and parent_kind is not None and hit is None:
        kind = parent_kind  # "6.2 Accueil du matin" under "6 Questions diverses", not voted
    if kind is not None:
        return new_other(kind, dec.number, dec.title, vote, prov)
    ballot = to_ballot(body, dec.start, mt)
    problems = _decision_problems(
        st, dec, prov, vote is None and ballot is None, grants, unread, prev_numbered
    )
    if hit is not None:
        problems.extend(_unread_counts(text[: dec.end], hit, prov))
    problems.extend(_several_votes(own_votes, prov))
    voters = None
    if st.anchor_voters is not None and hit is not None:
        # members present at this vote: the last count the document gave (the opening, or the
        # last vote read), plus the arrivals and departures printed since, minus the members
        # who do not take part in this one
        base = st.anchor_voters + _movement(text, st.anchor_pos, hit.start)
        named_out = _not_voting(text[dec.start : hit.start]) if hit.counts.not_voting is None else 0
        voters = base - named_out
        total = hit.counts.total()
        if hit.counted and hit.counts.for_ is not None and total != voters:
            # the document disagrees with itself here (an unrecorded arrival, a misprint): the
            # check fails on this item once, and the next items are counted from this one
            st.anchor_voters, st.anchor_pos = total + named_out, hit.start
    checks = []
    check = _count_check(hit, voters, prov.get("page"))
    if check is not None:
        checks.append(check)
    d = Deliberation(
        collectivity=st.fields.get("collectivity"),
        instance=st.fields.get("instance"),
        session_date=st.fields.get("session_date"),
        secretary=st.fields.get("secretary"),
        number=dec.number,
        title=dec.title,
        rapporteur=head.rapporteur or _rapporteur_line(text, head.body, dec.end),
        attendance=st.attendance or Attendance(),
        vote=vote,
        ballot=ballot,
        grants=grants,
        grant_totals=totals,
        imputations=_imputations(st, text, dec.start, dec.end),
        problems=problems,
        **prov,
    )
    if st.fields.get("session_date") is None:
        d = d.model_copy(
            update={"problems": [*d.problems, _problem("field_missing", "no session date found", prov)]}
        )
    # the session-level attendance check of a single deliberation does not hold item by item:
    # the check above uses the members present at this item
    generic = [c for c in all_checks(d) if c.name != "attendance_equals_vote_count"]
    cover = coverage_checks(d, body, lambda pos: mt.pt.locate(dec.start + pos)[0] + 1)
    return d.model_copy(update={"checks": checks + generic + cover})


def _rapporteur_line(text: str, start: int, end: int) -> str | None:
    m = _RAPPORTEUR.search(text, start, min(end, start + 400))
    return " ".join(m.group("n").split()).strip(" .") if m else None


def _pre_items(st: _State, start: int, end: int) -> list[OtherItem]:
    """Procedural items before the first heading: secretary, agenda, minutes approval, votes on procedure."""
    mt, text = st.mt, st.mt.text
    out: list[OtherItem] = []
    region = text[start:end]
    for m in re.finditer(r"^[ \t]*Secr[ée]taire(?:\s+de\s+s[ée]ance)?\s*:[^\n]*", text[:end], re.M | re.I):
        out.append(_line_item(mt, OtherItemKind.SECRETARY, m))
    for h in find_votes(region):
        a, b = start + h.start, start + h.end
        before = text[max(start, a - 300) : a]
        lines = [ln.strip() for ln in before.split("\n") if ln.strip()]
        title = lines[-1] if lines else h.text
        window = " ".join(lines[-4:])
        kind = OtherItemKind.OTHER
        if re.search(r"ordre\s+du\s+jour", title, re.I):
            kind = OtherItemKind.AGENDA
        elif re.search(
            r"proc[èe]s[\s-]*verbal|compte[\s-]*rendu",
            title + " " + (window if "mode de vote" not in window else ""),
            re.I,
        ):
            kind = OtherItemKind.MINUTES_APPROVAL
        title = re.sub(r"^(?:M(?:me|\.)?|Madame|Monsieur)\s+(?:le\s+)?(?:Maire|Pr[ée]sident)\s+", "", title)
        if not _heading_like(title) and not re.search(
            r"ordre\s+du\s+jour|proc[èe]s|compte[\s-]*rendu", title, re.I
        ):
            # verbatim minutes: the last line before the vote is speech; name the item by what
            # was put to the vote, else by its kind
            put = re.findall(
                r"[^.?!]*(?:mets?\s+aux\s+voix|vote|voter)[^.?!]*[.?!]", " ".join(before.split()), re.I
            )
            title = " ".join(put[-1].split())[:120] if put else "Vote de procédure"
        out.append(new_other(kind, None, title, to_vote(h, mt), mt.prov(a, b, RULE)))
    out.extend(_dash_items(st, end, out))
    am = re.search(r"^[ \t]*ORDRE\s+DU\s+JOUR\b", region, re.M | re.I)
    if am and not any(o.kind == OtherItemKind.AGENDA for o in out):
        out.append(
            new_other(
                OtherItemKind.AGENDA,
                None,
                "Ordre du jour",
                None,
                mt.prov(start + am.start(), start + am.end(), RULE),
            )
        )
    cm = re.search(r"compte[\s-]*rendu\s+de\s+la\s+(?:s[ée]ance|r[ée]union)[^\n.]{0,60}", text[:end], re.I)
    if cm and not any(o.kind == OtherItemKind.MINUTES_APPROVAL for o in out):
        out.append(_line_item(mt, OtherItemKind.MINUTES_APPROVAL, cm))
    return out


def _line_item(mt: MinutesText, kind: OtherItemKind, m: re.Match[str]) -> OtherItem:
    """An item without a vote, named by the line ``m`` matched in the minutes' text."""
    return new_other(kind, None, " ".join(m.group(0).split()), None, mt.prov(m.start(), m.end(), RULE))


_DASH_ITEM = re.compile(
    r"^[ \t]*[-−–•][ \t]*(?P<t>[^\n]+?(?:\n(?![ \t]*[-−–•o])[^\n]+?){0,3}?)[ \t]*;[ \t]*$", re.M
)
_DELEGATED = re.compile(
    r"^[ \t]*[o•▪-][ \t]*(?P<num>(?:DE|DEC|D|DM|AR)[ \t]*\d{4}[ \t]*[-–_/][ \t]*\d{1,4})[ \t]*[:–-][ \t]*(?P<t>[^\n]+)$",
    re.M,
)


def _dash_kind(title: str) -> OtherItemKind:
    for kind, pat in (
        (OtherItemKind.MINUTES_APPROVAL, r"compte[\s-]*rendu|proc[èe]s[\s-]*verbal"),
        (OtherItemKind.SECRETARY, r"secr[ée]taire"),
        (OtherItemKind.AGENDA, r"ordre\s+du\s+jour"),
        (OtherItemKind.DELEGATION_DECISIONS, r"d[ée]cisions?\b.*d[ée]l[ée]gation"),
    ):
        if re.search(pat, title, re.I):
            return kind
    return OtherItemKind.OTHER


def _dash_items(st: _State, end: int, have: list[OtherItem]) -> list[OtherItem]:
    """Procedural items listed with dashes before the first item ("- Appel des délégués ;",
    "- Le compte-rendu de la séance du … a été approuvé ;") and the decisions taken under
    delegation listed with their codes ("o DE2025-07 : Décision autorisant …")."""
    mt, text = st.mt, st.mt.text
    out: list[OtherItem] = []
    kinds = {o.kind for o in have}
    for m in _DASH_ITEM.finditer(text, 0, end):
        title = " ".join(m.group("t").split())
        kind = _dash_kind(title)
        if kind in kinds and kind != OtherItemKind.OTHER:
            continue
        out.append(new_other(kind, None, title, None, mt.prov(m.start(), m.end(), RULE)))
    for m in _DELEGATED.finditer(text, 0, end):
        out.append(
            new_other(
                OtherItemKind.DELEGATION_DECISIONS, " ".join(m.group("num").split()), m.group("t").strip(), None,
                mt.prov(m.start(), m.end(), RULE),
            )
        )  # fmt: skip
    return out


_TABLE_WORDS = {
    "SECTION", "FONCTIONNEMENT", "INVESTISSEMENT", "EXPLOITATION", "TOTAL", "TOTAUX", "DEPENSES", "DÉPENSES",
    "RECETTES", "RESULTAT", "RÉSULTAT", "CHAPITRE", "ARTICLE", "MONTANT", "LIBELLE", "LIBELLÉ", "BUDGET", "VOTE",
    "REPORTS", "REPORT", "SOLDE", "CREDITS", "CRÉDITS", "NATURE", "EXERCICE",
}  # fmt: skip


def _doubtful_headings(mt: MinutesText, heads: list[Heading]) -> list[Problem]:
    """Lines in capitals that read like an item's heading but were not taken as one (no decision
    found under them): the reader is unsure an item was not lost there, so it says so."""
    if any(h.number for h in heads) or not heads:
        return []
    text, taken = mt.text, {h.start for h in heads}
    out = []
    for m in re.finditer(
        r"^[ \t]*([A-ZÀ-Ý][A-ZÀ-Ý0-9 ’'\-–.,:()]{11,150})[ \t]*$", text[heads[0].start :], re.M
    ):
        start = heads[0].start + m.start()
        words = re.findall(r"[A-ZÀ-Ý]{3,}", m.group(1))
        if start in taken or len(words) < 3 or all(w in _TABLE_WORDS for w in words):
            continue
        if any(abs(start - t) < 200 for t in taken):
            continue  # the second line of a heading, or a line of the item's own text
        out.append(
            _problem(
                "heading_without_decision",
                "a line that reads like an item's heading, with no decision read under it",
                mt.prov(start, start + len(m.group(0)), RULE),
                m.group(1).strip()[:120],
            )
        )
    return out


_RAPPORTEUR = re.compile(r"^[ \t]*Rapporteur\s*:\s*(?P<n>[^\n]{3,80})$", re.M | re.I)


_SEQUENCE = re.compile(r"^(?P<stem>\D*(?:\d+\D+)*?)(?P<n>\d{1,4})$")


def number_gaps(
    numbered: list[tuple[str | None, int | None]], kind: str = "item_number_gap"
) -> list[Problem]:
    """Items numbered 11 and 13 but no 12 (plain numbers, or codes of one stem: 2022-104 and
    2022-106): an item lost under its neighbour, or withdrawn without a line.  Said on the pages
    from the one item to the other, so that a lost item is never silent."""
    seen: dict[str, list[tuple[int, int | None]]] = {}
    for number, page in numbered:
        m = _SEQUENCE.match(number or "")
        if m:
            seen.setdefault(m.group("stem"), []).append((int(m.group("n")), page))
    out: list[Problem] = []
    for stem, items in seen.items():
        items.sort(key=lambda x: x[0])
        for (a, pa), (b, pb) in itertools.pairwise(items):
            if not 1 < b - a <= 20:
                continue
            missing = f"{stem}{a + 1}" if b - a == 2 else f"{stem}{a + 1} to {stem}{b - 1}"
            on: list[int] = sorted({p for p in (pa, pb) if p is not None})
            pages: list[int | None] = [*on] if on else [None]
            for page in pages:
                out.append(
                    Problem(
                        kind=kind,
                        message=f"items numbered {stem}{a} then {stem}{b}: no item {missing} read",
                        raw=f"{stem}{a} → {stem}{b}",
                        page=page,
                        rule=RULE,
                    )
                )
    return out


def read_minutes(texts: list[str], locator: Locator | None) -> MinutesResult | None:
    """Read a compte rendu / procès-verbal into its deliberations and other items (None if not one)."""
    pages = [clean_page_text(t) for t in texts]
    if not is_minutes(pages):
        return None
    mt = minutes_text(texts, locator)
    text = mt.text
    att_end = 0
    for m in re.finditer(
        r"^[ \t]*(?:Secr[ée]taire|Absents?|Pouvoirs?|Procurations?|Excus|Pr[ée]sents?)[^\n]*",
        text[:4000],
        re.M | re.I,
    ):
        # an attendance line, not the end of a decision that wrapped ("… à l'unanimité des membres"
        # / "présents et représentés")
        if not re.match(r"[ \t]*pr[ée]sents?\s+et\s+repr[ée]sent", m.group(0), re.I):
            att_end = max(att_end, m.end())
    heads = find_headings(text, att_end)
    fields, att, att_problems = read_header(mt, heads[0].start if heads else 0)
    if not heads:
        return None
    heads = [h for h in heads if h.start >= att_end] or heads
    voters = session_voters(text[: heads[0].start], att)
    if voters is not None:
        voters -= late_arrivals(text, att)
    st = _State(mt, fields, att, voters, att_end)
    others = _pre_items(st, att_end, heads[0].start)
    delibs: list[Deliberation] = []
    prev_numbered = False
    agenda = agenda_lines(text, heads[0].start)
    parent_kind: OtherItemKind | None = None
    for i, head in enumerate(heads):
        end = heads[i + 1].start if i + 1 < len(heads) else len(text)
        for dec in split_decisions(text, head, end, agenda):
            item = _read_decision(st, dec, head, prev_numbered, parent_kind if head.sub else None)
            if isinstance(item, OtherItem):
                others.append(item)
            else:
                delibs.append(item)
            if not head.sub:
                parent_kind = item.kind if isinstance(item, OtherItem) else None
        prev_numbered = head.number is not None
    date = fields.get("session_date")
    others = [o.model_copy(update={"session_date": date}) for o in others]
    gaps = number_gaps([(h.number, mt.prov(h.start, h.start + 1, RULE)["page"]) for h in heads if not h.sub])
    return MinutesResult(delibs, others, att_problems + _doubtful_headings(mt, heads) + gaps)
