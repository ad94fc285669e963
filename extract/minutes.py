"""Session minutes (compte rendu, procès-verbal, CR) of communes and intercommunalités.

A session record holds many items.  It is read in four steps, each a phenomenon of real
minutes rather than one collectivity's layout:

1. **Is it one?**  The top of the first page names a compte rendu / procès-verbal / CR of a
   council or a session ("Séance du …", "Conseil Municipal du …") and the body holds several
   items (numbered headings or several votes).
2. **Items.**  Numbered headings (``1-``, ``1/``, ``1.``, ``1)``, ``D2018-66``, ``DEL2025-17``,
   ``2014/183``, ``2016.02.16``) at the start of a line, optionally after the rapporteur's name;
   plain numbers must form a run 1, 2, 3 … (the longest one wins, and an agenda that lists the
   same run first is left aside because its items hold no text); ``6.1``-style sub-numbers stay
   inside their parent.  Without numbers, headings are the short title lines (capitals, or a line
   with no sentence punctuation) followed by the decision sentence.
3. **Each item**: its title (the heading, wrapped lines joined), rapporteur, votes
   (``delib.extract.votes``), a ballot (``find_ballot``), grant lines with their own votes, and
   sub-decisions: an item holding several counted votes, each after its own sub-heading
   (``− Approbation du compte administratif``, ``Vote du budget primitif 2021 :``), is several
   decisions, numbered ``null`` (only a printed number is a number).
4. **Deliberation or other item.**  Agenda, minutes approval, secretary, information
   (``prend acte``), ``questions diverses``, decisions under delegation, items withdrawn or not
   voted (``Pas de vote``) go to ``Publication.other_items``.

Every deliberation keeps what the reader is unsure of as a problem (no vote found, a number
missing among numbered neighbours, a title that reads like a fragment), and the attendance
check compares each vote with the members present at that item.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from delib.extract.dates import civil_dates, parse_date
from delib.extract.deliberation import (
    _COLLECTIVITY,
    _INSTANCE,
    _SECRETARY,
    _Ctx,
    display_collectivity,
    display_instance,
    parse_attendance,
)
from delib.extract.locator import Locator, Prov, provenance
from delib.extract.names import split_names
from delib.extract.parts import PartText, Span, part_text
from delib.extract.votes import (
    VoteHit,
    column_counts,
    count_columns,
    find_ballot,
    find_votes,
    says_no_vote,
    takes_note,
)
from delib.models import Attendance, Ballot, OtherItem, OtherItemKind, Problem, Vote

RULE = "minutes.v1"

_MINUTES_HEAD = re.compile(
    r"compte[\s-]*rendu|proc[èe]s[\s-]*verbal|\bC\.?R\.?\s+(?:du|de\s+la)\s+(?:conseil|r[ée]union|s[ée]ance)"
    r"|\bPV\s+(?:du|de\s+la)\b|conseil\s+(?:municipal|communautaire|syndical|m[ée]tropolitain)\s+du\b"
    r"|s[ée]ance\s+(?:publique\s+|ordinaire\s+)?du\b|r[ée]union\s+du\s+conseil"
    r"|liste\s+des\s+d[ée]lib[ée]rations",  # posted within a week of the session since July 2022
    re.IGNORECASE,
)
_EXTRACT_HEAD = re.compile(r"extrait\s+du\s+registre|^\s*D[ÉE]LIB[ÉE]RATION\s+(?:DE\s+LA|DU)\b", re.I | re.M)

_SP = r"[ \t\u00a0]"
_CODE = (
    r"(?:DEL|DCM|DCC|DC|CM|CC|D|DE)" + _SP + r"*-?" + _SP + r"*\d{4}" + _SP + r"*[-–_/.]" + _SP + r"*\d{1,4}"
    r"|\d{4}"
    + _SP
    + r"*/"
    + _SP
    + r"*\d{1,4}|\d{1,4}"
    + _SP
    + r"*/"
    + _SP
    + r"*(?:19|20)\d\d(?!\d)|\d{4}\.\d{2}\.\d{1,3}|(?:19|20)\d\d-\d{2}-\d{1,3}(?![\d-])|\d{4}-\d{2,4}(?="
    + _SP
    + r"|$)"
)
_RAPPORTEUR_PREFIX = (
    r"(?P<rap>(?:M(?:me|lle|\.)?|Mme|Madame|Monsieur)?"
    + _SP
    + r"*(?:le|la)?"
    + _SP
    + r"*(?:Maire|MAIRE|Pr[ée]sidente?)"
    r"|(?:Monsieur|Madame|M\.|Mme)"
    + _SP
    + r"+[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?(?:"
    + _SP
    + r"+[A-ZÀ-Ý][A-ZÀ-Ý'’\-]{1,})?"
    r"|(?:[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?"
    + _SP
    + r"+){1,3}(?:(?:de|De|DE|d['’]|le|La|LE)"
    + _SP
    + r"+)?"
    r"[A-ZÀ-Ý][A-ZÀ-Ý'’\-]{1,}(?:" + _SP + r"+[A-ZÀ-Ý][A-ZÀ-Ý'’\-]+)?)"
)
_NUM_HEAD = re.compile(
    r"^[ \t]*(?:" + _RAPPORTEUR_PREFIX + r"[ \t]+)?(?:(?:Point|Question|Affaire|Item)" + _SP + r"+)?"
    r"(?:[nN][°º]"
    + _SP
    + r"*)?(?P<num>\d{1,3})(?:"
    + _SP
    + r"*(?P<p>°"
    + _SP
    + r"*\)|[-–/.)°:])|"
    + _SP
    + r"+(?=[A-ZÀ-Ý]))"
    r"(?!\d)[ \t]*(?P<title>[A-Za-zÀ-ÿ«\"“'(][^\n]*)$",
    re.M,
)
_ROMAN_HEAD = re.compile(r"^[ \t]*(?P<num>[IVX]{1,5})[ \t]*[-–.)][ \t]*(?P<title>[A-ZÀ-Ý«\"“][^\n]*)$", re.M)
_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(s: str) -> int | None:
    """I … XXXIX as a number; None if it is not written as one."""
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total if total and _to_roman(total) == s else None


def _to_roman(n: int) -> str:
    out = ""
    for v, r in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + r, n - v
    return out


_SUB_HEAD = re.compile(
    r"^[ \t]*(?P<num>\d{1,2}\.\d{1,2})(?:[ \t]*[-–/.)])?[ \t]+(?P<title>[A-Za-zÀ-ÿ«\"“][^\n]*)$", re.M
)
_CODE_HEAD = re.compile(
    r"^[ \t]*(?:[.,'·][ \t]*)?(?:(?:D[ée]lib[ée]ration|DELIBERATION|D[ÉE]LIB[ÉE]RATION)"
    + _SP
    + r"+)?(?:n[°º]"
    + _SP
    + r"*)?"
    r"(?P<num>" + _CODE + r")(?![\d/])" + _SP + r"*[-–:.)]?[ \t]*(?P<title>[^\n]*)$",
    re.M | re.I,
)
_WORDS = re.compile(r"[A-Za-zÀ-ÿ]{2,}")


@dataclass
class Heading:
    start: int  # offset of the heading line
    body: int  # offset where the item's text starts (after the title)
    number: str | None
    title: str
    rapporteur: str | None = None
    value: int | None = None  # plain number value
    sub: bool = False


@dataclass
class Item:
    heading: Heading
    start: int
    end: int
    parent_number: str | None = None
    votes: list[VoteHit] = field(default_factory=list)


def is_minutes(pages: list[str]) -> bool:
    """A session record: its first page's top names a compte rendu / PV / session of a council."""
    if not pages:
        return False
    first = "\n".join(ln for ln in "\n".join(pages[:2]).split("\n") if ln.strip())
    top = "\n".join(first.split("\n")[:25])
    if _EXTRACT_HEAD.search(top) and not re.search(r"compte[\s-]*rendu|proc[èe]s[\s-]*verbal", top, re.I):
        return False
    return bool(_MINUTES_HEAD.search(top))


# --------------------------------------------------------------------------- headings
#: a line that cannot end a title: it breaks after a preposition, an article, an open quote, a dash
_OPEN_END = re.compile(
    r"(?:\b(?:de|du|des|la|le|les|à|au|aux|et|ou|pour|par|en|sur|d['’]|l['’]|un|une)|[«\"“(,–-])$", re.I
)


def _title_continues(line: str, nxt: str) -> bool:
    """A heading wrapped over two lines: the first fills the width and ends without punctuation."""
    s, n = line.rstrip(), nxt.strip()
    if _decision_start(s) is not None or _CODE_HEAD.match(n) or re.match(r"N[°º][ \t]*\d", n):
        return False  # the line ends with its decision, or the next line is the next item
    if n and re.match(r"[a-zà-ÿ]{3}", n) and len(n) <= 30 and not s.endswith((".", ":", ";", "!", "?")):
        return True  # "1- Election du 3ème" / "adjoint": a short word pushed onto the next line
    if n and re.match(r"[a-zà-ÿ'’(«\"“]", n) and _OPEN_END.search(s):
        return True  # a short line (a table cell) cut after a word that cannot end a title
    if not n or len(s) < 55 or s.endswith((".", ":", ";", "!", "?")):
        return False
    if re.match(r"(?:Pour|Contre|Abstention|Vote|Adopt|Monsieur|Madame|M\.|Mme|Rapporteur)\b", n, re.I):
        return False
    if re.match(r"\d+\s*(?:voix\s+)?(?:pour|contre|abstentions?)\b", n, re.I):
        return False  # "11 pour." under the heading is its vote
    # the next line continues the title when it starts in lower case, or when the title breaks on
    # a word that cannot end it (a preposition, an article, an open quote, a dash)
    if re.match(r"[a-zà-ÿ'’(«\"“]", n):
        return True
    if len(n) <= 30 and not n.endswith((".", ":", ";", "!", "?")):
        # a name cut at the line's end ("… et l'Espace Jean" / "Legendre – 2026", "… et
        # l'Association" / "Les Tréteaux"), or a year pushed alone onto the next line ("2025")
        if re.fullmatch(r"(?:19|20)\d\d", n) or (
            re.search(r"\b[A-ZÀ-Ý][\wÀ-ÿ'’-]*$", s) and re.match(r"[A-ZÀ-Ý][a-zà-ÿ'’-]+\b", n)
        ):
            return True
    return bool(_OPEN_END.search(s))


#: the decision printed after an item's title, on its heading line: a liste des délibérations
#: ("N° 2022-085 Budget principal – DM n°3 : adoptée à l'unanimité", "… (rejetée par 12 voix contre,
#: 9 pour)", "… – Prend acte").  A verb of decision followed by how it was taken (unanimity,
#: majority, counts), a count block, or a noting; never a verb followed by anything else ("avenant
#: approuvé par délibération du …", "règlement adopté le 12 mars").
_DECISION_TAIL = re.compile(
    r"(?:^|(?<=[\s:(–—-]))(?:"
    r"(?:adopt|approuv|rejet|accept|refus)[ée]e?s?"
    r"(?=[ \t\n]*(?:[àa][ \t\n]+l['’][ \t\n]*unanimit|[àa][ \t\n]+la[ \t\n]+majorit|par[ \t\n]+\d+"
    r"|[(:]|[ \t.]*\)?[ \t.]*$))"
    r"|vot[ée]e?s?(?=[ \t\n]*(?:[àa][ \t\n]+l['’][ \t\n]*unanimit|[àa][ \t\n]+la[ \t\n]+majorit|par[ \t\n]+\d+))"
    r"|unanimit[ée](?=[ \t.)]*$)|[àa]\s+l['’]unanimit[ée]"
    r"|pour[ \t]*:[ \t]*\d+"
    r"|(?:le[ \t]+conseil[ \t\w]{0,30}?)?prend[ \t]+acte|pris[ \t]+acte|retir[ée]e?s?[ \t]+de[ \t]+l['’]ordre[ \t]+du[ \t]+jour"
    r"|ajourn[ée]e?s?(?=[ \t.)]*$))",
    re.IGNORECASE,
)


def _decision_start(line: str) -> int | None:
    """Where the decision printed at the end of a heading line starts (None if there is none): the
    title before it keeps at least two words, and the decision runs to the line's end (its counts
    and outcome only, at most 160 characters)."""
    for m in _DECISION_TAIL.finditer(line):
        before = line[: m.start()].rstrip(" \t:(–—-")
        if len(_WORDS.findall(before)) >= 2 and len(line) - m.start() <= 160:
            return m.start()
    return None


def split_decision(text: str, h: Heading, columns: int = 0, liste: bool = False) -> Heading:
    """A heading whose title ends with the decision (a liste des délibérations): the title without
    it, and the item's text starting at the decision, so that its vote is read with the item.
    Under count columns (``columns`` of them, ``votes.count_columns``), the bare counts at the
    end of the title are the start of the decision ("… comptable public 26 0 0").  In a ``liste``,
    a title may run on to the line that opens its decision (``_title_to_decision``)."""
    seg = text[h.start : h.body]
    at, cut = _decision_start(seg.replace("\n", " ")), _decision_start(h.title)
    if columns:
        counts = column_counts(columns)
        m_seg = [
            m for m in counts.finditer(seg.replace("\n", " ")) if len(_WORDS.findall(seg[: m.start()])) >= 2
        ]
        m_title = [m for m in counts.finditer(h.title) if len(_WORDS.findall(h.title[: m.start()])) >= 2]
        if m_seg and m_title:
            at, cut = m_seg[-1].start(), m_title[-1].start()
    if at is None or cut is None:
        return _title_to_decision(text, h, columns) if liste else h
    title = h.title[:cut].rstrip(" \t:(–—-.,;")
    return replace(h, title=title, body=h.start + at)


def _opens_decision(line: str) -> bool:
    """Does this line (bullets stripped) open a decision: a decision phrase at its start
    ("Adoptée à l'unanimité", "Pour : 19 ; …") or a label ("Résultat : …", "Décision : …")?"""
    return bool(
        _DECISION_TAIL.match(line) or re.match(r"(?:Vote|D[ée]cision|R[ée]sultat)\b[^:\n]{0,20}:", line, re.I)
    )


def _title_to_decision(text: str, h: Heading, columns: int = 0) -> Heading:
    """In a liste, the lines between a heading and the line that opens its decision are the rest
    of its title ("… à la coopérative scolaire de l'école" / "Jean Moulin pour une classe de
    découverte" / "Adoptée par 31 voix pour …"): at most two, none a vote or a heading."""
    pos, extra = h.body, list[str]()
    for _ in range(3):
        if pos >= len(text):
            return h
        nl = text.find("\n", pos + 1)
        nl = len(text) if nl < 0 else nl
        line = text[pos + 1 : nl] if text[pos : pos + 1] == "\n" else text[pos:nl]
        stripped = line.strip().lstrip("→>•–- ")
        if not stripped:
            return h
        if _opens_decision(stripped) or (columns and column_counts(columns).match(stripped)):
            if not extra:
                return h
            title = " ".join([h.title, *extra])
            return replace(
                h, title=" ".join(title.split()), body=pos + (1 if text[pos : pos + 1] == "\n" else 0)
            )
        if (
            _CODE_HEAD.match(line)
            or _NUM_HEAD.match(line)
            or re.search(r"\d\s*(?:voix|pour|contre)\b", line, re.I)
        ):
            return h
        extra.append(stripped)
        pos = nl
    return h


def _join_title(text: str, line_end: int, first: str) -> tuple[str, int]:
    title, pos = first.strip(), line_end
    for _ in range(3):
        if pos >= len(text):
            break
        nxt_end = text.find("\n", pos + 1)
        nxt_end = len(text) if nxt_end < 0 else nxt_end
        nxt = text[pos + 1 : nxt_end]
        if not _title_continues(
            title.split("\n")[-1] if "\n" in title else first if title == first.strip() else title, nxt
        ):
            break
        title = f"{title} {nxt.strip()}"
        first = nxt
        pos = nxt_end
    return re.sub(r"\s+", " ", title).strip(), pos


def _rapporteur_before(text: str, start: int) -> str | None:
    """A name printed on the one or two lines just above a heading (``Serge`` / ``FLEURENCE``)."""
    before = text[max(0, start - 120) : start].rstrip("\n").split("\n")[-2:]
    cand = " ".join(x.strip() for x in before if x.strip())
    if not cand or len(cand) > 50:
        return None
    m = re.fullmatch(
        r"(?:[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)? ){1,2}[A-ZÀ-Ý][A-ZÀ-Ý'’\- ]{1,30}", cand
    )
    if m and not re.search(r"\b(?:ADOPT|UNANIM|POUR|CONTRE|TOTAL)\b", cand):
        return cand.strip()
    # only the last line may be the name
    last = before[-1].strip() if before else ""
    if last and re.fullmatch(
        r"(?:[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)? ){1,2}[A-ZÀ-Ý][A-ZÀ-Ý'’\-]{1,30}", last
    ):
        return last
    return None


def _plain_chain(cands: list[Heading], text: str) -> list[Heading]:
    """The longest run 1, 2, 3 … of plain-numbered headings.

    Between runs of the same length, the one whose headings hold the most text wins: an agenda
    printed before the items lists the same numbers with nothing under them.
    """
    # an agenda's line ("3- Adhésion …") directly followed by the next one, whose number comes
    # again further on, is not the item: left out, so one item heading misread in the body (OCR)
    # does not hand the run over to the agenda
    later = [{h.value for h in cands[i + 1 :]} for i in range(len(cands))]
    cands = [
        h
        for i, h in enumerate(cands)
        if not (
            i + 1 < len(cands)
            and not text[h.body : cands[i + 1].start].strip()
            and h.value is not None
            and h.value in later[i]
        )
    ]
    n = len(cands)
    if not n:
        return []
    held = [(cands[i + 1].start if i + 1 < n else len(text)) - cands[i].start for i in range(n)]
    best: list[tuple[int, int, int]] = [(1, held[i], -1) for i in range(n)]  # (length, text held, previous)
    for i in range(n):
        for j in range(i):
            vi, vj = cands[i].value, cands[j].value
            step = None if vi is None or vj is None else vi - vj
            # one number skipped: a heading the page lost (OCR), or an item withdrawn
            if step == 1 or (step == 2 and j + 1 < n and i == j + 1):
                length, size, _ = best[j]
                cand = (length + 1, size + held[i], j)
                if cand[:2] > best[i][:2]:
                    best[i] = cand
    end = max(range(n), key=lambda i: (best[i][0], best[i][1], cands[i].start))
    chain = []
    while end >= 0:
        chain.append(cands[end])
        end = best[end][2]
    return chain[::-1]


#: a margin column's name run into the heading's line: "Yves 3- Tarifs …", "Jean-Pierre 12-
#: …" (a given name alone, which the rapporteur grammar does not take for a name); on a scan
#: the dash may be read as a colon or lost ("Marc 12: Réfection", "Agnès 14 Modification")
_MARGIN_HEAD = re.compile(
    r"^[ \t]*(?P<rap>(?:[A-ZÀ-Ý][^\s\d:;,.]*[ \t]+){1,3})(?P<num>\d{1,3})(?:[ \t]*[-–/.)°:]|(?=[ \t]+[A-ZÀ-Ý]))[ \t]*"
    r"(?P<title>[A-ZÀ-Ý«\"“][^\n]{8,})$",
    re.M,
)
#: words that number things other than items ("Article 3 - …", "Annexe 2 - …")
_NOT_MARGIN = re.compile(
    r"(?:Articles?|Annexes?|Chapitres?|Comptes?|Sections?|Titres?|Tableaux?|[ÉE]tapes?|Phases?|Lots?"
    r"|Tranches?|Pages?|Points?|Questions?|Affaires?|Items?|Op[ée]rations?|Actions?|Axes?|Programmes?)\b",
    re.I,
)


def _margin_headings(text: str, plain: list[Heading]) -> list[Heading]:
    """Numbered headings behind a margin name that no other heading grammar took; they count only
    inside a run 1, 2, 3 … (:func:`_plain_chain`), never alone."""
    taken = {h.start for h in plain}
    out = []
    for m in _MARGIN_HEAD.finditer(text):
        if m.start() in taken or _NOT_MARGIN.match(m.group("rap")) or m.group("num").startswith("0"):
            continue
        if len(_WORDS.findall(m.group("title"))) < 2:
            continue
        title, body = _join_title(text, m.end(), m.group("title"))
        rap = " ".join(m.group("rap").split())
        out.append(Heading(m.start(), body, m.group("num"), title, rapporteur=rap, value=int(m.group("num"))))
    seen = Counter(h.value for h in out)
    return [h for h in out if seen[h.value] == 1]  # a number twice behind margin words: neither


def _voted(text: str, heads: list[Heading]) -> int:
    """How many of ``heads`` hold a vote in their text."""
    n = 0
    for i, h in enumerate(heads):
        end = heads[i + 1].start if i + 1 < len(heads) else min(len(text), h.body + 6000)
        if find_votes(text[h.body : end]):
            n += 1
    return n


_LISTE_TITLE = re.compile(r"\bliste\s+des\s+d[ée]lib[ée]rations\b", re.I)


def liste_paragraphs(text: str, start: int) -> list[Heading]:
    """The items of a liste des délibérations printed without numbers, one paragraph each that
    ends with its decision ("Programme local de l'habitat : avis … (adoptée à l'unanimité)").  A
    paragraph runs on while its lines fill the width (wrapped), over at most four lines, to the
    line that closes its decision (parentheses balanced); header and preamble lines hold no
    decision and are passed over."""
    lines = [
        (start + m.start(), start + m.end())
        for m in re.finditer(r"[^\n]+", text[start:])
        if m.group(0).strip()
    ]
    if not lines:
        return []
    width = max(len(text[a:b].rstrip()) for a, b in lines)
    out: list[Heading] = []
    para: int | None = None
    prev_len = 0
    for a, b in lines:
        opening = text[a:b].strip().lstrip("→>•–- ")
        above = text[para:a] if para is not None else ""
        if para is not None and above.count("(") == above.count(")") and _opens_decision(opening):
            # the decision on a line of its own ("Résultat : adoptée …") closes the title above it
            title = " ".join(text[para:a].split()).rstrip(" \t:(–—-.,;")
            if len(_WORDS.findall(title)) >= 2 and re.match(r"[A-ZÀ-Ý«\"“]", title):
                out.append(Heading(para, a, None, title))
            para, prev_len = None, width
            continue
        if para is None and re.match(
            r"(?:(?:Pour|Contre|Abstentions?|Vote|D[ée]cision|R[ée]sultat)\s*:|Ne\s+prend\s+pas)",
            opening,
            re.I,
        ):
            continue  # the rest of the decision above ("Contre : 5 ; Abstentions : 3 …"), no item
        if para is None or text[para:a].count("\n") >= 4 or prev_len < 0.6 * width:
            para = a  # a new paragraph: the first, or the line before did not fill the width
        prev_len = len(text[a:b].rstrip())
        flat = text[para:b].replace("\n", " ").rstrip()
        at = _decision_start(flat)
        if at is None or flat.count("(") != flat.count(")"):
            continue
        title = " ".join(flat[:at].split()).rstrip(" \t:(–—-.,;")
        if len(_WORDS.findall(title)) >= 2 and re.match(r"[A-ZÀ-Ý«\"“]", title):
            out.append(Heading(para, para + at, None, title))
        para = None
    return out


def find_headings(text: str, start: int = 0) -> list[Heading]:
    """The item headings of a session record, in order (numbered ones, else titled ones)."""
    columns = count_columns(text)
    liste = bool(_LISTE_TITLE.search(text[:1500]))
    numbered = [split_decision(text, h, columns, liste) for h in find_numbered_headings(text)]
    titled = [split_decision(text, h, columns, liste) for h in find_unnumbered_headings(text, start)]
    n_voted, t_voted = _voted(text, [h for h in numbered if not h.sub]), _voted(text, titled)
    plain = [h for h in numbered if h.value is not None]
    trusted = (
        len(numbered) >= 3
        and n_voted >= 0.5 * len([h for h in numbered if not h.sub])
        and (not plain or len(plain) >= 3)
    )
    if liste and not trusted:
        listed = liste_paragraphs(text, start)
        if _voted(text, listed) > max(n_voted, t_voted):
            return listed  # a liste whose items carry no number
    if not trusted and (t_voted > n_voted or (len(numbered) < 2 and t_voted >= n_voted and titled)):
        return titled
    if liste and trusted:
        numbered = sorted(numbered + _unnumbered_between(text, numbered, start), key=lambda h: h.start)
    return _with_procedural(text, numbered)


def _unnumbered_between(text: str, heads: list[Heading], start: int) -> list[Heading]:
    """In a liste whose items are numbered, the items printed without a number between them
    (an information, a debate, the minutes' approval: "Débat d'orientation budgétaire 2026" /
    "Débat tenu – prend acte"): in the gap after a numbered item's own decision, the lines up to
    a decision (its title; a theme line in capitals is not part of it) and that decision."""
    out = []
    for i, h in enumerate(heads):
        stop = heads[i + 1].start if i + 1 < len(heads) else len(text)
        votes = find_votes(text[h.body : stop])
        if not votes:
            continue
        gap = h.body + votes[0].end
        gap = text.find("\n", gap) + 1 if text.find("\n", gap) >= 0 else stop
        first: int | None = None
        for m in re.finditer(r"[^\n]+", text[gap:stop]):
            a, line = gap + m.start(), m.group(0).strip()
            if not line or re.fullmatch(r"(?:[IVX]+\.?\s+)?[^a-zà-ÿ]+", line):
                continue  # a theme line ("II. FINANCES")
            if first is None:
                if _DECISION_TAIL.match(line.lstrip("→>•–- ")):
                    continue  # the rest of the item's own decision
                first = a
            flat = " ".join(text[first : a + m.end() - m.start()].split())
            at = _decision_start(flat)
            if at is None or flat.count("(") != flat.count(")"):
                continue
            title = flat[:at].rstrip(" \t:(–—-.,;")
            if len(_WORDS.findall(title)) >= 2 and not re.match(
                r"(?:D[ée]cision|Vote|R[ée]sultat|Pour)\b", title, re.I
            ):
                body = text.find(flat[at : at + 12], first)
                out.append(Heading(first, body if body >= 0 else a, None, title))
            first = None
    return out


_PROC_HEAD = re.compile(
    r"^[ \t]*(?P<t>(?:Questions?|Affaires?)\s+diverses|Informations?(?:\s+diverses|\s+du\s+(?:maire|pr[ée]sident))?(?:\s*:\s*[^\n]{0,80})?"
    r"|Informations?\s+(?:sur|concernant|relatives?\s+[àa])\s[^\n]{0,90}|Rapport\s+(?:annuel\s+)?d['’]activit[ée]s?\b[^\n]{0,100}"
    r"|Communications?(?:\s+du\s+(?:maire|pr[ée]sident))?|Compte[\s-]*rendu\s+des\s+d[ée]cisions[^\n]{0,100}"
    r"|D[ée]cisions?\s+(?:du\s+(?:maire|pr[ée]sident)|prises?\s+(?:par|en\s+vertu))[^\n]{0,100}"
    r"|Articles?\s+L\.?\s*2122-2[23]\b[^\n]{0,200}|[^\n]{0,100}\bLecture\s+des\s+d[ée]cisions\b[^\n]{0,160})[ \t]*:?[ \t]*$",
    re.M | re.I,
)


def _with_procedural(text: str, heads: list[Heading]) -> list[Heading]:
    """Unnumbered procedural headings between numbered items ("Questions diverses", "Informations :
    PLU …", "Compte rendu des décisions prises par le Maire par délégation") end the item above."""
    if not heads:
        return heads
    taken = {h.start for h in heads}
    extra = []
    for m in _PROC_HEAD.finditer(text, heads[0].start):
        ls = m.start()
        if any(abs(ls - t) < 3 for t in taken) or not m.group("t")[0].isupper():
            continue  # "informations sur …" in lower case continues a sentence
        extra.append(Heading(ls, m.end(), None, " ".join(m.group("t").split())))
    return sorted(heads + extra, key=lambda h: h.start)


_SURNAME_LINE = re.compile(
    r"[ \t]*([A-ZÀ-Ý][A-ZÀ-Ý'’\-]{1,}(?:[ \t]+[A-ZÀ-Ý][A-ZÀ-Ý'’\-]{1,})?)[ \t.:=]*$", re.M
)


def _once_each(heads: list[Heading], text: str) -> list[Heading]:
    """Each code heading once: an agenda that lists the items with their codes ("Délibération
    n° DEL2023-62 : …") prints each code again above its item; of two, the one holding the most
    text before the next heading is the item."""
    n = len(heads)
    held = [(heads[i + 1].start if i + 1 < n else len(text)) - heads[i].start for i in range(n)]
    best: dict[str | None, int] = {}
    for i, h in enumerate(heads):
        j = best.get(h.number)
        if j is None or held[i] > held[j]:
            best[h.number] = i
    return [h for i, h in enumerate(heads) if best[h.number] == i]


#: the header of a liste des délibérations printed as a table: "N° | Objet | Décision", "N° | Titre
#: de la délibération | Vote"
_LISTE_TABLE_HEAD = re.compile(
    r"^[ \t]*(?:N[°º]|Num[ée]ro|N\.)[ \t]+(?:Objet|Titre|Intitul[ée]|Libell[ée])\b[^\n]*?\b(?:D[ée]cision|Vote|R[ée]sultat|Pour)\b",
    re.M | re.I,
)
_NUMBER_CELL = re.compile(r"^[ \t]*(?P<num>\d{1,3})[ \t]*\n[ \t]*(?P<title>[A-ZÀ-Ý«\"“][^\n]*)$", re.M)


_NO_ALONE = re.compile(
    r"^[ \t]*N[°º][ \t]*(?P<num>\d{1,3})[ \t]*\n[ \t]*(?P<title>[A-ZÀ-Ý«\"“][^\n]*)$", re.M
)


def _cell_numbers(text: str) -> list[Heading]:
    """A number printed alone on its line with the title on the next: ``N° 1`` / ``Approbation …``
    anywhere; a bare ``1`` only in a table under a liste header (``N° | Objet | Décision``, a cell
    the text layer gives a line of its own)."""
    pats = [_NO_ALONE, _NUMBER_CELL] if _LISTE_TABLE_HEAD.search(text) else [_NO_ALONE]
    out = []
    for m in (m for pat in pats for m in pat.finditer(text)):
        title, body = _join_title(text, m.end(), m.group("title"))
        out.append(Heading(m.start(), body, m.group("num"), title, value=int(m.group("num"))))
    return out


def find_numbered_headings(text: str) -> list[Heading]:
    """Headings carrying a printed number: codes (DEL2025-17, 2014/183) or a run 1, 2, 3 …"""
    code: list[Heading] = []
    for m in _CODE_HEAD.finditer(text):
        title = m.group("title").strip()
        line_end = m.end()
        if not title or not _WORDS.search(title):
            nxt_end = text.find("\n", m.end() + 1)
            nxt_end = len(text) if nxt_end < 0 else nxt_end
            title = text[m.end() + 1 : nxt_end].strip()
            line_end = nxt_end
        if not _WORDS.search(title) or re.match(r"(?:du|en\s+date|portant)\b", title, re.I):
            continue
        title, body = _join_title(text, line_end, title)
        code.append(Heading(m.start(), body, re.sub(r"\s+", " ", m.group("num")).strip(), title))
    code = _once_each(code, text)
    plain: list[Heading] = []
    for m in _NUM_HEAD.finditer(text):
        title = m.group("title")
        if len(_WORDS.findall(title)) < 1 or re.match(r"(?:er|ère|e|ème)\b", title):
            continue
        if m.group("num").startswith("0"):
            continue  # "001 Solde d'exécution reporté": an account code, not an item number
        if (re.search(r"\d[\d  ]*,\d\d\s*€?\s*$", title) and len(title) < 40) or len(
            re.findall(r"\d[\d  ]*[,.]\d\d\b", title)
        ) >= 2:
            continue  # a table row ("1. Fournitures 1 200,00 €", "10 Dotations … 170 016,21 170 016,21")
        rap = m.group("rap")
        title, body = _join_title(text, m.end(), title)
        given_only = rap and re.fullmatch(
            r"(?:Monsieur|Madame|M\.|Mme)\s+[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý][a-zà-ÿ'’]+)?", rap.strip()
        )
        surname = _SURNAME_LINE.match(text, body + 1) if given_only else None
        if surname and rap:
            # read by rows, a margin column's "Monsieur Stéphane" / "BONNET" puts the surname
            # under the heading's line
            rap = f"{rap} {surname.group(1)}"
        plain.append(
            Heading(
                m.start(), body, m.group("num"), title,
                rapporteur=rap.strip() if rap else _rapporteur_before(text, m.start()),
                value=int(m.group("num")),
            )
        )  # fmt: skip
    cands = sorted(plain + _margin_headings(text, plain) + _cell_numbers(text), key=lambda h: h.start)
    chain = _plain_chain(cands, text)
    # items numbered I, II, III …: a run of their own (sections above arabic items lose to the
    # items, which hold the votes)
    roman = []
    for m in _ROMAN_HEAD.finditer(text):
        value = _roman(m.group("num"))
        if value is not None and len(_WORDS.findall(m.group("title"))) >= 1:
            title, body = _join_title(text, m.end(), m.group("title"))
            roman.append(Heading(m.start(), body, m.group("num"), title, value=value))
    roman_chain = _plain_chain(roman, text) if len(roman) >= 2 else []
    # numbered lists that are not the items (decisions taken under delegation listed with their
    # codes, an agenda): the items are the headings whose text holds the votes
    # a decision printed on the heading's line (a liste) belongs to the item's text
    columns, liste = count_columns(text), bool(_LISTE_TITLE.search(text[:1500]))
    code, chain = (
        [split_decision(text, h, columns, liste) for h in code],
        [split_decision(text, h, columns, liste) for h in chain],
    )
    heads = max((code, chain, roman_chain), key=lambda hs: (_voted(text, hs), len(hs)))
    if len(heads) < 2 and len(code) == 1 and not chain:
        heads = code
    # sub-numbered headings (6.1, 6.2 …) inside their parent
    subs = []
    for m in _SUB_HEAD.finditer(text):
        parent = m.group("num").split(".")[0]
        owner = [h for h in heads if h.start < m.start()]
        if owner and owner[-1].number == parent:
            t, body = _join_title(text, m.end(), m.group("title"))
            subs.append(Heading(m.start(), body, m.group("num"), t, sub=True))
    return sorted(heads + subs, key=lambda h: h.start)


_VOTE_LINE = re.compile(
    r"[ \t]*(?:Vote(?![ \t]+(?:des?|du|de[ \t]+la|de[ \t]+l['’]|d['’])\b)|R[ée]sultat\s+du\s+vote|Pour|Contre|Abstentions?|Adopt[ée]|Rejet[ée]|Unanimit[ée]|A\s+l['’]unanimit)\b",
    re.I,
)
_CAPS_HEAD = re.compile(r"^[ \t]*(?P<t>[A-ZÀ-Ý0-9][^\n]{3,150}?)[ \t]*$", re.M)
_DECISION_START = re.compile(
    r"\b(?:le\s+conseil|les\s+membres|l['’]assembl[ée]e|il\s+est\s+d[ée]cid|apr[èe]s\s+(?:avoir|en\s+avoir)"
    r"|pour\s+le\s+vote|monsieur\s+le\s+maire|madame\s+le\s+maire|sont\s+[ée]lue?s|est\s+[ée]lue?|sont\s+d[ée]sign[ée]e?s)",
    re.I,
)


def agenda_key(line: str) -> str:
    return re.sub(r"[^0-9a-zà-ÿ]+", " ", line.casefold()).strip()


_AGENDA = re.compile(r"^[ \t]*ORDRE\s+DU\s+JOUR\b[^\n]*$", re.M | re.I)


def agenda_entries(text: str) -> tuple[list[str], int]:
    """The entries of the agenda ("Ordre du jour :" and the lines under it, up to the line where the
    body repeats the first of them) and the offset where the body starts."""
    m = _AGENDA.search(text)
    if not m:
        return [], 0
    entries: list[str] = []
    pos = m.end()
    for lm in re.finditer(r"[^\n]*", text[m.end() :]):
        key = agenda_key(re.sub(r"^[ \t]*(?:[−\-–•▪o]|\d{1,2}[.)/-])?", "", lm.group(0)))
        if not key:
            continue
        if key in entries:
            return entries, m.end() + lm.start()
        if len(key) >= 4 and len(entries) < 60:
            entries.append(key)
        pos = m.end() + lm.end()
        if len(entries) >= 60:
            break
    return entries, pos


def agenda_headings(text: str) -> list[Heading]:
    """Unnumbered items whose headings repeat the agenda, line for line."""
    entries, body = agenda_entries(text)
    if len(entries) < 3 or not body:
        return []
    from rapidfuzz import fuzz, process

    wanted = set(entries)
    out: list[Heading] = []
    for lm in re.finditer(r"[^\n]+", text[body:]):
        key = agenda_key(lm.group(0))
        if key not in wanted and len(key) >= 20 and wanted:
            # a letter misread in the agenda or the heading (OCR: "tomptable" for "comptable")
            near = process.extractOne(key, wanted, scorer=fuzz.ratio, score_cutoff=92)
            key = near[0] if near else key
        if key in wanted:
            wanted.discard(key)
            out.append(Heading(body + lm.start(), body + lm.end(), None, " ".join(lm.group(0).split())))
    return out if len(out) >= max(2, len(entries) // 2) else []


#: a budget act named by a heading, and the table that is all its text ("SERVICE ASSAINISSEMENT –
#: BUDGET PRIMITIF 2010" over "DEPENSES RECETTES" / "TOTAL …", no sentence: Ville 2010)
_BUDGET_ACT = re.compile(
    r"budget\s+(?:primitif|suppl[ée]mentaire|annexe)|compte\s+administratif|d[ée]cision\s+modificative", re.I
)
_BUDGET_TABLE = re.compile(r"d[ée]penses[ \t]+recettes|recettes[ \t]+d[ée]penses", re.I)


def find_unnumbered_headings(text: str, start: int) -> list[Heading]:
    """Title lines (no sentence punctuation, capitals or short) followed by a decision sentence;
    where the agenda lists the items, the body lines that repeat it."""
    by_agenda = agenda_headings(text)
    if by_agenda:
        return by_agenda
    out: list[Heading] = []
    for m in _CAPS_HEAD.finditer(text, start):
        line = m.group("t").strip()
        end, joined = m.end(), False
        before = text[max(0, m.start() - 200) : m.start()].rstrip()
        if before.endswith(":"):
            continue  # the value of a list ("Commission du budget :" / "Christophe Carton"), not a heading
        if line.endswith(",") and len(line) >= 60:
            # a title wrapped after a comma: "Avenant N° 2 au Marché … voirie," / "réseaux divers …"
            nxt_end = text.find("\n", m.end() + 1)
            nxt_end = len(text) if nxt_end < 0 else nxt_end
            nxt = text[m.end() + 1 : nxt_end].strip()
            if nxt and len(nxt) < 100 and not nxt.endswith((".", ",", ";", ":")):
                line, end, joined = f"{line} {nxt}", nxt_end, True
        if line.endswith((".", ",", ";", ":")) or re.search(r"\d[\d  .]*(?:,\d\d)?\s*€", line):
            continue
        if _VOTE_LINE.match(line):
            continue  # "Vote : 14 pour / 0 contre / 0 abstention" closes an item, it is not one
        words = _WORDS.findall(line)
        if len(words) < 1 or len(line) > 150:
            continue
        upper = sum(1 for w in words if w.isupper()) / len(words)
        following = text[end : end + 400]
        nxt_lines = [x for x in following.split("\n") if x.strip()][:3]
        if not nxt_lines:
            continue
        if re.match(
            r"^[ \t]*(?:Pr[ée]sents?|Absents?|Excus|Secr[ée]taire|Pouvoirs?|Articles?\s+\d|Vu\b|Consid[ée]rant)\b",
            line,
            re.I,
        ):
            continue
        caps = upper >= 0.8 and len(words) >= 1
        # a long title on one line (up to 120 characters) when the next line opens the decision
        opens = bool(nxt_lines[0].strip()[:1].isupper() and _DECISION_START.match(nxt_lines[0].strip()))
        titled = (
            len(line) <= (160 if joined else 120 if opens else 90)
            and line[0].isupper()
            and not re.search(r"\b(?:le|la|les|est|sont|a)\s*$", line)
        )
        decision_next = bool(_DECISION_START.search(" ".join(nxt_lines[:2])))
        if not (caps or (titled and decision_next)):
            continue
        if not decision_next and not caps:
            continue
        if (
            out
            and out[-1].body >= m.start() - 1
            and not re.search(r"\b(?:adopt|approuv)[ée]", out[-1].title, re.I)
        ):
            if caps:  # a heading wrapped over two capital lines
                out[-1].title = f"{out[-1].title} {line}"
                out[-1].body = end
            continue  # a sentence right under a heading is its text, not another heading
        out.append(Heading(m.start(), end, None, re.sub(r"^Objet\s*:\s*", "", line, flags=re.I)))
    # a heading must be followed by a decision within its item: keep those whose text decides
    kept = []
    for i, h in enumerate(out):
        end = out[i + 1].start if i + 1 < len(out) else len(text)
        seg = text[h.body : end]
        if (
            _DECISION_START.search(seg[:600])
            or find_votes(seg)
            or re.search(r"questions?\s+diverses|informations?", h.title, re.I)
            # its table's header line may have been taken for a heading: look past it
            or (_BUDGET_ACT.search(h.title) and _BUDGET_TABLE.search(text, h.body, h.body + 400))
        ):
            kept.append(h)
    return kept


# --------------------------------------------------------------------------- session header
_HEAD_DATE = [
    re.compile(r"(?:s[ée]ance|r[ée]union)(?:\s+publique|\s+ordinaire)?\s+du\s+([^\n]{0,60})", re.I),
    re.compile(
        r"conseil\s+(?:municipal|communautaire|syndical|m[ée]tropolitain)[ \t]+(?:du[ \t]+)?([^\n]{0,50})",
        re.I,
    ),
    re.compile(
        r"(?:compte[\s-]*rendu|proc[èe]s[\s-]*verbal|\bCR)\b[^\n]{0,60}?\b(\d{1,2}(?:er)?\s+[a-zéû]+\.?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4})",
        re.I,
    ),
    # a word of the line misread or unknown ("réunion du Conseil DEN du 12 octobre 2019"): the
    # first whole date after the council's word
    re.compile(r"\bconseil\b[^\n]{0,60}?\b(\d{1,2}(?:er)?[ \t]+[a-zéû]+\.?[ \t]+\d{4})", re.I),
]


#: a date that a line break cuts ("du 12 octobre" / "2019", "du 20" / "novembre 2023")
_WRAPPED_DATE = re.compile(
    r"\b\d{1,2}(?:er)?[ \t]*\r?\n?[ \t]*(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre"
    r"|octobre|novembre|d[ée]cembre)[ \t]*\r?\n?[ \t]*\d{4}\b",
    re.I,
)


def session_date(head: str) -> dt.date | None:
    """The session's own date, from the header ("Séance du …", "L'an deux mille dix-huit, le 10 avril")."""
    # a date wrapped over two lines ("… du Conseil Municipal du 12 octobre" / "2019"): one line
    head = _WRAPPED_DATE.sub(lambda m: m.group(0).replace("\r", " ").replace("\n", " "), head)
    found = []
    for pat in _HEAD_DATE:
        for m in pat.finditer(head):
            before = head[max(0, m.start() - 40) : m.start()]
            if re.search(r"(?:compte[\s-]*rendu|proc[èe]s[\s-]*verbal|PV)\s+de\s+la\s*$", before, re.I) or (
                re.search(
                    r"(?:de\s+la|du)\s+(?:s[ée]ance|r[ée]union|conseil)\s+(?:municipal\s+)?(?:pr[ée]c[ée]dente\s+)?du\b",
                    m.group(0),
                    re.I,
                )
                and re.search(
                    r"approbation|adoption|adopt|approuv|compte[\s-]*rendu\s+de",
                    head[max(0, m.start() - 60) : m.end() + 30],
                    re.I,
                )
            ):
                continue  # the minutes of an earlier session, approved at this one
            if re.search(r"convocation|convoqu", head[max(0, m.start() - 40) : m.end()], re.I):
                continue  # "Date de convocation : 5 mars 2024": the day the council was called
            d = parse_date(m.group(1), fuzzy=False)
            if d is not None:
                found.append((m.start(), d.value))
    found += civil_dates(head)
    return min(found)[1] if found else None


_EPCI = re.compile(
    r"\b((?:Communaut[ée]\s+(?:de\s+[Cc]ommunes|d['’][Aa]gglom[ée]ration|[Uu]rbaine)|M[ée]tropole|Syndicat\s+[Ii]ntercommunal)"
    r"(?:\s+(?:du|des|de\s+la|de\s+l['’]|de|d['’]|en|sur|et)?\s*[A-ZÀ-Ý][\wÀ-ÿ'’-]*)+)"
)


def header_fields(head: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for pat in _COLLECTIVITY:
        m = pat.search(head[:1500])
        if m:
            fields["collectivity"] = display_collectivity(" ".join(m.group(1).split()))
            break
    if "collectivity" not in fields:
        # "… de la Communauté de Communes des Lisières de L'Oise, légalement convoqués"
        m = _EPCI.search(head[:2500])
        if m:
            fields["collectivity"] = " ".join(m.group(1).split())
    if "collectivity" not in fields:
        m = re.search(
            r"^\s*(?:MAIRIE|Mairie)\s+(?:DE|D['’]|de|d['’])\s*([A-ZÀ-Ý][\wÀ-ÿ'’ -]+?)\s*$", head[:800], re.M
        )
        if m:
            town = m.group(1).title() if m.group(1).isupper() else m.group(1)
            fields["collectivity"] = display_collectivity(f"Commune de {town}")
    m = _INSTANCE.search(head[:1500])
    if m:
        fields["instance"] = display_instance(" ".join(m.group(1).split()))
    d = session_date(head[:2500])
    if d is not None:
        fields["session_date"] = d
    m = _SECRETARY.search(head)
    if m:
        names = split_names(m.group(1), cut_qualifiers=True)
        if names:
            fields["secretary"] = names[0]
    return fields


# --------------------------------------------------------------------------- classification
_OTHER_TITLE = [
    (
        OtherItemKind.QUESTIONS_DIVERSES,
        re.compile(r"questions?\s+diverses|^\s*divers\b|affaires?\s+diverses", re.I),
    ),
    (OtherItemKind.AGENDA, re.compile(r"ordre\s+du\s+jour", re.I)),
    (
        OtherItemKind.MINUTES_APPROVAL,
        re.compile(r"(?:approbation|adoption)\s+du\s+(?:proc[èe]s[\s-]*verbal|compte[\s-]*rendu|PV)\b", re.I),
    ),
    (OtherItemKind.SECRETARY, re.compile(r"secr[ée]taire\s+de\s+s[ée]ance", re.I)),
    (
        OtherItemKind.DELEGATION_DECISIONS,
        re.compile(
            r"d[ée]cisions?\s+(?:du\s+maire|du\s+pr[ée]sident|prises?)|L\.?\s*2122-2[23]|par\s+d[ée]l[ée]gation",
            re.I,
        ),
    ),
    (
        OtherItemKind.INFORMATION,
        re.compile(
            r"^\s*(?:informations?|communications?|compte[\s-]*rendu\s+d)|\bd[ée]mission\b|\binstallation\s+d[eu]s?\s+(?:nouve|conseill)",
            re.I,
        ),
    ),
    (OtherItemKind.OTHER, re.compile(r"affaire\s+retir[ée]e|retir[ée]e?\s+de\s+l['’]ordre", re.I)),
]


def classify(title: str, body: str, vote: VoteHit | None) -> OtherItemKind | None:
    """None for a decision of this assembly, else the kind of other item."""
    for kind, pat in _OTHER_TITLE:
        if pat.search(title):
            if kind == OtherItemKind.INFORMATION and vote is not None and vote.counted:
                return None
            return kind
    if re.search(r"\bsondages?\b|\bconsultation\s+(?:des\s+habitants|citoyenne)", title, re.I):
        return OtherItemKind.INFORMATION  # a poll of residents, not a vote of the council
    if vote is None:
        if says_no_vote(body):
            return OtherItemKind.OTHER
        if takes_note(body):
            return OtherItemKind.INFORMATION
        if not _DECIDES.search(body) and not _DECIDES.search(title):
            return OtherItemKind.OTHER  # nothing decided: an organisation or discussion item
    return None


_DECIDES = re.compile(
    r"d[ée]cid|d[ée]cision|approuv|adopt|d[ée]lib[ée]r|accept|autoris|fix[eé]|valid|retenu|[ée]tabli|accord|[ée]lu[e]?s?\b"
    r"|d[ée]sign|\bnomm|\bnomination|sollicit|attribu|renouvel|\bvend(?:re|u|ue|ent|ons)?\b|\bc[èe]d(?:e|er|é)\b|acqu[ié]|tarif|montant|€",
    re.I,
)


# --------------------------------------------------------------------------- reading
@dataclass
class MinutesText:
    pt: PartText
    texts: list[str]
    locator: Locator | None

    @property
    def text(self) -> str:
        return self.pt.text

    def prov(self, start: int, end: int, rule: str) -> Prov:
        return provenance(self.pt, self.texts, self.locator, start, end, rule)


#: symbol-font bullets (Wingdings, Symbol) land in the private use area: read them as bullets
_PUA = {c: "•" for c in range(0xF000, 0xF100)}


def minutes_text(texts: list[str], locator: Locator | None) -> MinutesText:
    n = len(texts)
    span = Span(0, 0, n - 1, len(texts[-1]))
    pt = part_text(texts, span)
    pt.text = pt.text.translate(_PUA)  # one character for one: offsets stay valid
    return MinutesText(pt, texts, locator)


def to_vote(hit: VoteHit, mt: MinutesText) -> Vote:
    kind = "unanimous" if hit.unanimous and not hit.counted else "vote"
    return hit.record(mt.prov(hit.start, hit.end, hit.rule), kind)


def to_ballot(text: str, offset: int, mt: MinutesText) -> Ballot | None:
    found = find_ballot(text)
    if found is None:
        return None
    results, elected, (a, b) = found
    prov = mt.prov(offset + a, offset + b, "votes.ballot.v1")
    return Ballot(results=results, elected=elected, text=" ".join(text[a:b].split())[:300], **prov)


def read_header(mt: MinutesText, first_item: int) -> tuple[dict[str, Any], Attendance | None, list[Problem]]:
    head = mt.text[:first_item] if first_item > 0 else mt.text[:3000]
    fields = header_fields(head)
    ctx = _Ctx(mt.pt, mt.texts, mt.locator)
    ctx.text = head  # the attendance lists are read in the header only; offsets are the same
    att, problems, _ = parse_attendance(ctx, "attendance.session")
    return fields, att, problems


def new_other(
    kind: OtherItemKind, number: str | None, title: str, vote: Vote | None, prov: Prov
) -> OtherItem:
    return OtherItem(kind=kind, number=number, title=title, vote=vote, **prov)
