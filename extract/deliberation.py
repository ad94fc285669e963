"""Read one deliberation part into a ``Deliberation`` record.

The text of the part (pypdfium2, the same text ``split_publication`` used) is parsed with
rules named ``<field>.<how>.v1``; each value then gets its page and the bbox of its lines from
pdfplumber (``Locator``), so that a reader can go to the printed place.  What cannot be read
becomes a ``Problem``; absent fields stay null.

For an item of a compte rendu (``part.header`` set), collectivity, instance, session date,
president, secretary and the attendance lists come from the session header the items share
(rule names end in ``.session.v1``); title, number, recusals and the vote come from the item.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, NamedTuple, TypeVar

from delib.extract.amounts import find_amounts
from delib.extract.budget_table import parse_budget_table
from delib.extract.dates import civil_dates, find_dates, parse_date
from delib.extract.document import Document, texts_and_locator
from delib.extract.locator import Locator, Prov, provenance
from delib.extract.names import (
    clean_name,
    display_collectivity,
    display_instance,
    looks_like_names,
    match_names,
    name_key,
    split_names,
    split_proxies,
)
from delib.extract.parts import Part, PartText, Span, part_text
from delib.extract.votes import find_vote_blocks, find_votes, merge_item_votes, parse_vote
from delib.models import (
    Article,
    Attendance,
    BudgetLine,
    Citation,
    Deliberation,
    Problem,
    Proxy,
    Reference,
    Vote,
)

__all__ = ["display_collectivity", "display_instance", "locator_for", "parse_deliberation", "parse_vote"]


def locator_for(doc: Document) -> Locator:
    """The document's own locator (its line boxes are read once per page)."""
    return doc.locator


class _Ctx:
    """A part text plus the means to give a span its page and bbox."""

    def __init__(self, pt: PartText, texts: list[str], locator: Locator | None) -> None:
        self.pt = pt
        self.text = pt.text
        self.texts = texts
        self.locator = locator

    def prov(self, start: int, end: int, rule: str) -> Prov:
        return provenance(self.pt, self.texts, self.locator, start, end, rule)


def _ws(s: str) -> str:
    """Collapse runs of ordinary whitespace; keep printed no-break spaces (``391\xa0985 €``)."""
    return re.sub(r"[ \t\r\n\f\v]+", " ", s).strip()


# --------------------------------------------------------------------------- header fields
_COUNCIL_OF = re.compile(
    r"^\s*CONSEIL\s+(D[ÉE]PARTEMENTAL|R[ÉE]GIONAL)\s+((?:DE\s+LA|DU|DE\s+L['’]|DES|D['’]|DE)\s*[A-ZÀ-Ü][A-ZÀ-Ü' -]+?)\s*$",
    re.M,
)
_COLLECTIVITY = [
    re.compile(
        r"^\s*(D[ÉE]PARTEMENT\s+(?:DU|DE\s+LA|DE\s+L['’]|DES|D['’])\s*[A-ZÀ-Ü][A-ZÀ-Ü' -]+?)\s*$", re.M
    ),
    re.compile(r"^\s*(R[ÉE]GION\s+[A-ZÀ-Ü][A-ZÀ-Ü' -]+?)\s*$", re.M),
    re.compile(
        r"\b((?:Ville|Commune|VILLE|COMMUNE)\s+(?:de\s+|d['’]|DE\s+|D['’])[A-ZÀ-Ü][\w'’-]*(?:[ -](?:en|sur|le|la|les|lès|de|du|[A-ZÀ-Ü][\w'’-]*))*)"
    ),
    re.compile(
        # "Communauté de communes Terres de Champagne", "… des Portes de l'Oise", "… Cœur de Beauce"
        r"\b((?:Communaut[ée]\s+(?:de\s+communes|d['’]agglom[ée]ration|urbaine)|M[ée]tropole)\s+(?:de\s+|des\s+|d['’]|du\s+)?"
        r"[A-ZÀ-ÜŒ][\w'’-]*(?:[ -](?:(?:de|du|des|la|le|les|l['’]|d['’]|en|sur|et)[ ]?)*[A-ZÀ-ÜŒ][\w'’-]*)*)"
    ),
    re.compile(
        r"^[ \t]*((?:COMMUNAUT[ÉE]\s+(?:DE\s+COMMUNES|D['’]AGGLOM[ÉE]RATION|URBAINE)|M[ÉE]TROPOLE)[ \t]+[A-ZÀ-ÜŒ'’ -]+?)[ \t]*$",
        re.M,
    ),
    re.compile(
        r"^\s*(D[ée]partement\s+(?:du|de\s+la|de\s+l['’]|des|d['’])\s*[A-ZÀ-Ü][\w'’-]+(?:-[\w'’-]+)*)", re.M
    ),
]
_INSTANCE = re.compile(
    r"(COMMISSION\s+PERMANENTE(?:\s+DU\s+CONSEIL\s+(?:D[ÉE]PARTEMENTAL|R[ÉE]GIONAL))?"
    r"|CONSEIL\s+(?:MUNICIPAL|D[ÉE]PARTEMENTAL|R[ÉE]GIONAL|COMMUNAUTAIRE|M[ÉE]TROPOLITAIN|D['’]ADMINISTRATION)"
    r"|BUREAU\s+(?:COMMUNAUTAIRE|MUNICIPAL|M[ÉE]TROPOLITAIN))",
    re.IGNORECASE,
)
_SESSION_DATE = [
    re.compile(r"(?:R[ÉE]UNION|S[ÉE]ANCE(?:\s+PUBLIQUE)?)\s+DU\s+([^\n]{0,12}\n?[^\n]{0,40})", re.IGNORECASE),
    re.compile(
        r"(?:CONSEIL\s+MUNICIPAL|COMMISSION\s+PERMANENTE|CONSEIL\s+COMMUNAUTAIRE)\s+DU\s+([^\n]{0,40})",
        re.IGNORECASE,
    ),
    re.compile(r"L['’]an\s+[^\n]{0,60}?,\s*le\s+([^\n]{0,40})", re.IGNORECASE),
]
_NUMBER = [
    (re.compile(r"\(\s*N\s*[°º]\s*([\w][\w./ -]*?)\s*\)"), "number.paren.v1"),
    (re.compile(r"\bN\s*[°º]\s*(\d{2,4}\s*[./-]\s*\d+(?:\s*[./-]\s*\d+)*)", re.IGNORECASE), "number.no.v1"),
    (re.compile(r"\bD[ÉE]LIB[ÉE]RATION\s+N\s*[°º]?\s*([\w][\w./-]+)", re.IGNORECASE), "number.delib.v1"),
    # a code on its own line: "DCM 2024-15", "DEL2025-110", "D2024-015"
    (
        re.compile(
            r"^[ \t]*((?:DCM|DCC|DEL|DC|CM|CC|D)[ \t]*-?[ \t]*\d{4}[ \t]*[-–_/.][ \t]*\d{1,4})[ \t]*$", re.M
        ),
        "number.code.v1",
    ),
]
_ACTS_ID = re.compile(r"\b(\d{3}-\d{9}-\d{8}-[\w-]+?-(?:DE|AR|AI|CC|BF|AU))\b")
_PRESIDENT = [
    re.compile(r"PR[ÉE]SIDENCE\s+DE\s+(?:MONSIEUR|MADAME|M\.|MME)\s+([^\n]+)"),
    re.compile(
        r"sous\s+la\s+pr[ée]sidence\s+de\s+(?:Madame|Monsieur|M\.|Mme)\s+(?:(?:le|la)\s+(?:Maire|Pr[ée]sidente?),?\s*)?"
        r"([^,.\n]+(?:\n(?![^\n]*:)[^,.\n]+)?)",
        re.IGNORECASE,
    ),
]
_SECRETARY = re.compile(r"Secr[ée]taire(?:\s+de\s+(?:la\s+)?s[ée]ance)?\s*:\s*([^\n]+)", re.IGNORECASE)
_PLACE_DATE = re.compile(
    r"^\s*(?:Fait\s+[àa]\s+)?([A-ZÀ-Ü][A-Za-zÀ-ÿ'’ -]{1,40}?),?\s+le\s+((?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    r"\d{1,2}(?:er)?\s+[A-Za-zéû]+\.?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})[ \t.]*$",
    re.MULTILINE,
)


def _first(patterns: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
    for pat in patterns:
        m = pat.search(text)
        if m:
            return m
    return None


# --------------------------------------------------------------------------- attendance
_ATT_LABELS: list[tuple[str, re.Pattern[str]]] = [
    (
        "non_voting_present",
        re.compile(
            r"Assist(?:ant|aient|ait)e?s?\s+[ée]galement\s+sans\s+voix\s+d[ée]lib[ée]rative\s*:", re.I
        ),
    ),
    ("non_voting_excused", re.compile(r"Excus[ée]e?\(?e?s?\)?\s+sans\s+voix\s+d[ée]lib[ée]rative\s*:", re.I)),
    ("excused_proxy", re.compile(r"Excus[ée]e?s?\s+ayant\s+donn[ée]\s+(?:procuration|pouvoir)\s*:", re.I)),
    (
        "absent_proxy",
        re.compile(
            r"Absents?\s+ayant\s+(?:vot[ée]|donn[ée])\s+(?:par\s+)?(?:procuration|pouvoir)[^:]{0,160}:", re.I
        ),
    ),
    ("proxies", re.compile(r"^[ \t]*(?:Pouvoirs?|Procurations?|Repr[ée]sent[ée]s?)\s*:", re.I | re.M)),
    ("present", re.compile(r"^[ \t]*(?:[ÉE]taient\s+)?Pr[ée]sents?\s*(?::|(?=\n))", re.I | re.M)),
    ("excused", re.compile(r"^[ \t]*(?:Absente?s?\s+)?Excus[ée]e?\(?e?s?\)?\s*:", re.I | re.M)),
    ("absent", re.compile(r"^[ \t]*Absente?\(?e?s?\)?\s*(?::|(?=\n))", re.I | re.M)),
]
_ATT_STOP = re.compile(
    r"^\s*(?:Secr[ée]taire|Rapporteur|Ordre\s+du\s+jour|EXPOSE|Vu\b|VU\b|Le\s+Conseil|La\s+Commission)", re.I
)
_INLINE_PROXY = re.compile(
    r"([^,;&()\n]+?(?:\n[^,;&()\n]+?)?)\s*\(\s*(?:procuration|pouvoir)\s+(?:[àa]|donn[ée]e?\s+[àa])\s+([^)]+)\)",
    re.I,
)
_SURNAME = re.compile(r"\b[A-ZÀ-Ý][A-ZÀ-Ý'’-]+\b")


def _giver(raw: str) -> str:
    """The member giving a proxy; a name wrapped before its surname (``Mme Marie`` / ``DELATTRE``)
    is joined, a line that holds a whole name of its own is another member's."""
    head, sep, tail = raw.rpartition("\n")
    if sep and _SURNAME.search(re.sub(r"\b(?:MM?|Mmes?)\.?", " ", head)):
        return clean_name(tail)
    return clean_name(" ".join(raw.split()))


def _list_text(text: str, start: int, limit: int) -> tuple[str, int]:
    """The names list after a label: lines while they read as names; returns (text, end)."""
    pos = start
    out: list[str] = []
    while pos < limit:
        nl = text.find("\n", pos)
        nl = limit if nl < 0 or nl > limit else nl
        line = text[pos:nl]
        stripped = line.strip()
        probe = re.sub(r"\([^)]*\)?", " ", stripped)
        if not stripped:
            if out and out[-1].rstrip().endswith("."):
                break
            pos = nl + 1
            continue
        # a proxy wrapped onto its own line ("(pouvoir à Mme Y)."), after the member who gave it
        wrapped_proxy = bool(out) and bool(re.match(r"\(\s*(?:procuration|pouvoir)\b", stripped, re.I))
        if _ATT_STOP.match(stripped) or not (
            wrapped_proxy
            or looks_like_names(probe)
            or (stripped.startswith(("−", "-", "–")) and " à " in stripped)
        ):
            if (
                not out
                and stripped
                and not _ATT_STOP.match(stripped)
                and re.search(r"[A-ZÀ-Ü]{2,}", stripped)
                and len(out) == 0
                and "," in stripped
            ):
                out.append(line)  # a first line with a stray lower-case word still belongs to the list
                pos = nl + 1
                continue
            break
        out.append(line)
        pos = nl + 1
        if stripped.endswith(".") and not re.search(r"\b(?:M|MM|Mme|Mmes)\.$", stripped):
            break
    return "\n".join(out), pos


def parse_attendance(
    ctx: _Ctx, rule_prefix: str = "attendance"
) -> tuple[Attendance | None, list[Problem], int]:
    """Attendance lists of ``ctx.text``; also returns the offset where the lists end."""
    text = ctx.text
    hits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, pat in _ATT_LABELS:
        for m in pat.finditer(text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            hits.append((m.start(), m.end(), kind))
            taken.append((m.start(), m.end()))
    if not hits:
        return None, [], 0
    hits.sort()
    lists: dict[str, list[str]] = {
        k: [] for k in ("present", "excused", "absent", "non_voting_present", "non_voting_excused")
    }
    proxies: list[Proxy] = []
    problems: list[Problem] = []
    end_all = 0
    first = hits[0][0]
    for i, (s, e, kind) in enumerate(hits):
        limit = hits[i + 1][0] if i + 1 < len(hits) else min(len(text), e + 4000)
        body, end = _list_text(text, e, limit)
        end_all = max(end_all, end)
        if kind in ("proxies", "excused_proxy"):
            for giver, holder in split_proxies(body):
                if holder:
                    proxies.append(Proxy.model_validate({"from": giver, "to": holder}))
                lists["excused"].append(giver)
            continue
        for m in _INLINE_PROXY.finditer(body):
            giver = _giver(m.group(1))
            proxies.append(Proxy.model_validate({"from": giver, "to": clean_name(m.group(2))}))
            if kind == "present":
                lists["excused"].append(giver)  # listed with the present, but absent: gave a proxy
        if kind == "present":
            body = _INLINE_PROXY.sub(",", body)
        else:
            body = _INLINE_PROXY.sub(lambda m: m.group(1), body)
        names = split_names(body)
        if kind == "absent_proxy":
            lists["excused"].extend(names)
        else:
            lists[kind].extend(names)
        if not names and kind == "present":
            prov = ctx.prov(s, e, f"{rule_prefix}.lists.v1")
            problems.append(
                Problem(
                    kind="attendance_unreadable",
                    message="no name read after the label",
                    raw=text[s:e],
                    **prov,
                )
            )
    prov = ctx.prov(first, end_all, f"{rule_prefix}.lists.v1")
    if ctx.locator is not None:
        # bbox of the whole block: union of its first and last lines
        last_page = ctx.pt.page_of(max(first, end_all - 1))
        if last_page + 1 == prov["page"] and prov["bbox"] is not None:
            tail = ctx.prov(max(first, end_all - 2), end_all, prov["rule"])
            if tail["bbox"] is not None:
                a, b = prov["bbox"], tail["bbox"]
                prov["bbox"] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
    # a member listed as excused and named again as a proxy's giver is one member
    lists = {k: list(dict.fromkeys(v)) for k, v in lists.items()}
    att = Attendance(proxies=proxies, **lists, **prov)
    return att, problems, end_all


# --------------------------------------------------------------------------- recusal
_RECUSAL = re.compile(
    r"int[ée]ress[ée]e?s?\s+[àa]\s+l['’]affaire|n['’]ont\s+pris\s+part\s+ni|n['’]a\s+pris\s+part\s+ni|n['’]a\s+pas\s+pris\s+part"
    r"|ne\s+(?:prend|prennent)\s+pas\s+part\s+au\s+(?:vote|d[ée]bat)|ne\s+participen?t?\s+pas\s+au\s+vote"
    r"|se\s+(?:sont\s+)?retir[ée]e?s?\s+(?:de\s+la\s+salle|au\s+moment\s+du\s+vote)",
    re.IGNORECASE,
)


def parse_recused(ctx: _Ctx) -> tuple[list[str], list[Problem], Prov | None]:
    text = ctx.text
    names: list[str] = []
    problems: list[Problem] = []
    prov: Prov | None = None
    seen_end = -1
    for m in _RECUSAL.finditer(text):
        if m.start() < seen_end or re.match(r"\s*:\s*\d", text[m.end() :]):
            continue  # "Ne prend pas part au vote : 0" is a vote count, not a recusal
        # walk back line by line to the start of the sentence
        line_start = text.rfind("\n", 0, m.start()) + 1
        start = line_start
        sentence_head = text[line_start : m.start()]
        cut = max(sentence_head.rfind(";"), sentence_head.rfind(":"))
        if cut >= 0:
            start = line_start + cut + 1
        else:
            pos = line_start
            for _ in range(8):
                if pos <= 0:
                    break
                prev_start = text.rfind("\n", 0, pos - 1) + 1
                prev = text[prev_start : pos - 1].rstrip()
                if (
                    not prev.strip()
                    or find_amounts(prev)
                    or prev.endswith((";", ":"))
                    or (prev.endswith(".") and not re.search(r"(?:\b[A-Z]|\bMM|\bMmes?)\.$", prev))
                    or re.search(r"^\s*[−\-–]?\s*(?:Pour\b|Contre\b|Abstentions?\b|Adopt|Vote\b)", prev, re.I)
                    or re.search(r"(?:unanimit|majorit)[ée]\s*$", prev, re.I)
                ):
                    break
                pos = prev_start
            start = pos
        seen_end = m.end()
        chunk = text[start : m.start()]
        chunk = re.sub(r"\([^)]*\)", " ", chunk)
        chunk = re.sub(
            r"\b(?:membres?|administrateurs?|pr[ée]sidente?|int[ée]ress[ée]e?s?)\b.*$",
            "",
            chunk,
            flags=re.I | re.S,
        )
        found = split_names(chunk, cut_qualifiers=True)
        found = [n for n in found if len(n) > 1 and not n.lower().startswith(("le ", "la "))]
        if not found:
            p = ctx.prov(start, m.end(), "recused.sentence.v1")
            problems.append(
                Problem(
                    kind="recusal_unreadable",
                    message="recusal wording without readable names",
                    raw=_ws(text[start : m.end()])[:300],
                    **p,
                )
            )
            continue
        keys = {name_key(n) for n in names}
        names.extend(n for n in found if name_key(n) not in keys)
        if prov is None:
            prov = ctx.prov(start, m.end(), "recused.sentence.v1")
    return names, problems, prov


# --------------------------------------------------------------------------- citations
_VU = re.compile(r"^[ \t]*(?:Vu|VU)\b[ \t]*:?", re.MULTILINE)
_CIT_STOP = re.compile(
    r"^\s*(?:Vu\b|VU\b|Consid[ée]rant|CONSID[ÉE]RANT|Apr[èe]s\s+en\s+avoir|APR[ÈE]S|D[ÉE]CIDE|Mesdames|Messieurs|Madame|Monsieur|M\.|Mme)"
)
_REF_NUMBER = re.compile(
    r"(?:d[ée]lib[ée]ration|loi|d[ée]cret|arr[êe]t[ée]|ordonnance)[^\n]{0,60}?\bn\s*[°º]\s*([\w][\w./-]*\w)",
    re.I,
)


def parse_citations(ctx: _Ctx) -> list[Citation]:
    text = ctx.text
    out: list[Citation] = []
    for m in _VU.finditer(text):
        end = m.end()
        pos = m.end()
        while pos < len(text):
            nl = text.find("\n", pos)
            nl = len(text) if nl < 0 else nl
            end = nl
            line = text[pos:nl]
            if line.rstrip().endswith(";") or (
                line.rstrip().endswith(".") and not re.search(r"\b[A-Z]\.$", line.rstrip())
            ):
                break
            nxt_end = text.find("\n", nl + 1)
            nxt = text[nl + 1 : len(text) if nxt_end < 0 else nxt_end]
            if not nxt.strip() or _CIT_STOP.match(nxt) or find_vote_blocks(nxt):
                break
            pos = nl + 1
        raw = _ws(text[m.start() : end]).rstrip(" ,")
        if len(raw) < 6:
            continue
        ref: Reference | None = None
        num = _REF_NUMBER.search(raw)
        dates = find_dates(raw)
        date_after = [d for d in dates if num is None or (d.span is not None and d.span[0] >= num.start())]
        if num or (
            dates and re.search(r"d[ée]lib[ée]ration|\bloi\b|d[ée]cret|arr[êe]t[ée]|ordonnance", raw, re.I)
        ):
            ref = Reference(
                number=num.group(1) if num else None, date=(date_after or dates)[0].value if dates else None
            )
        out.append(Citation(text=raw, refers_to=ref, **ctx.prov(m.start(), end, "citations.vu.v1")))
    return out


# --------------------------------------------------------------------------- articles
_ARTICLE = re.compile(
    r"^[ \t]*ARTICLE\s+(\d+|premier|1er)(?:\s*(?:er|ier))?\s*(?:[:.\-–]|$)", re.IGNORECASE | re.MULTILINE
)
_ARTICLE_STOP = re.compile(
    r"^\s*(?:Dans\s+les\s+conditions\s+de\s+vote|Code\s+Op[ée]ration|Pour\s*:|Vote\s*:|\(?Adopt[ée]|Le\s+Conseil\s+adopte|Pour\s+extrait"
    r"|[.…]{10,}|LE\s+PR[ÉE]SIDENT|Fait\s+et\s+d[ée]lib[ée]r[ée])",
    re.IGNORECASE | re.MULTILINE,
)
_VERBS = (
    r"APPROUVE|D[ÉE]CIDE|FIXE|AUTORISE|ACCORDE|ATTRIBUE|DIT|CHARGE|PR[ÉE]CISE|ADOPTE|VALIDE|DONNE|SOLLICITE|D[ÉE]SIGNE"
    r"|AFFECTE|PREND\s+ACTE|ABROGE|APPROUVENT|AUTORISENT|OCTROIE|ALLOUE|CONFIRME|ACCEPTE|RAPPORTE|MODIFIE|CR[ÉE]E"
)
_VERB_ARTICLE = re.compile(r"^[ \t]*(?:" + _VERBS + r")\b(?![ \t]*:?[ \t]*$)", re.MULTILINE)
_DASH_INTRO = re.compile(
    r"(?:il\s+est\s+(?:propos[ée]|demand[ée])\s+au\s+Conseil[^:\n]*|En\s+cons[ée]quence[^:\n]*):", re.I
)
_DASH_ITEM = re.compile(r"^[ \t]*(?:[−\-–•][ \t]*)?(?=D['’]|De\s|Des\s)", re.MULTILINE)


def _amounts(text: str) -> list[Any]:
    return [a.value for a in find_amounts(text)]


def parse_articles(ctx: _Ctx, vote_start: int | None) -> list[Article]:
    text = ctx.text
    stop_at = len(text)
    explicit = list(_ARTICLE.finditer(text))
    out: list[Article] = []
    if explicit:
        # articles come after DECIDE / "Après en avoir délibéré" when those are printed
        for i, m in enumerate(explicit):
            n_raw = m.group(1).lower()
            number = 1 if n_raw in ("premier", "1er") else int(n_raw)
            end = explicit[i + 1].start() if i + 1 < len(explicit) else stop_at
            s = _ARTICLE_STOP.search(text, m.end(), end)
            if s:
                end = s.start()
            if vote_start is not None and m.start() < vote_start < end:
                end = vote_start
            body = text[m.end() : end].strip().lstrip(":").strip()
            if out and number <= out[-1].number:
                break  # numbering restarts: another document (a convention) begins
            out.append(
                Article(
                    number=number,
                    text=_ws(body),
                    amounts=_amounts(body),
                    **ctx.prov(m.start(), end, "articles.numbered.v1"),
                )
            )
        return out
    verbs = [m for m in _VERB_ARTICLE.finditer(text)]
    if verbs:
        for i, m in enumerate(verbs):
            end = verbs[i + 1].start() if i + 1 < len(verbs) else stop_at
            s = _ARTICLE_STOP.search(text, m.end(), end)
            nxt_heading = re.search(
                r"^\s*(?:Impacts?\s+financiers?|Pour\s+extrait|Ville\s+de\s)",
                text[m.end() : end],
                re.M | re.I,
            )
            if nxt_heading:
                end = m.end() + nxt_heading.start()
            if s and s.start() < end:
                end = s.start()
            body = text[m.start() : end].strip()
            out.append(
                Article(
                    number=i + 1,
                    text=_ws(body),
                    amounts=_amounts(body),
                    **ctx.prov(m.start(), end, "articles.verbs.v1"),
                )
            )
        return out
    intros = list(_DASH_INTRO.finditer(text))
    intro = intros[-1] if intros else None
    if intro is not None:
        region_end = stop_at
        s = re.search(
            r"^\s*(?:Le\s+Conseil\s+(?:municipal\s+)?adopte|Pour\s+extrait|Vote\s*:)",
            text[intro.end() :],
            re.M | re.I,
        )
        if s:
            region_end = intro.end() + s.start()
        items = [m for m in _DASH_ITEM.finditer(text, intro.end(), region_end)]
        for i, m in enumerate(items):
            end = items[i + 1].start() if i + 1 < len(items) else region_end
            body = text[m.start() : end].strip(" \t\n−-–•")
            if not body:
                continue
            out.append(
                Article(
                    number=len(out) + 1,
                    text=_ws(body),
                    amounts=_amounts(body),
                    **ctx.prov(m.start(), end, "articles.dash_list.v1"),
                )
            )
    return out


# --------------------------------------------------------------------------- vote
def _vote(ctx: _Ctx, problems: list[Problem]) -> tuple[Vote | None, int | None]:
    blocks = [
        b
        for b in find_vote_blocks(ctx.text)
        if re.search(r"\d|unanimit|adopt|rejet", ctx.text[b[0] : b[1]], re.I)
    ]
    if not blocks:
        if re.search(r"prend\s+acte", ctx.text, re.I):
            return None, None  # the assembly takes note: no vote is taken
        spoken = _vote_in_words(ctx)
        if spoken is not None:
            return spoken
        problems.append(
            Problem(
                kind="vote_missing",
                message="no vote block found in the deliberation",
                page=ctx.pt.pieces[0][1] + 1,
                rule="vote.counts.v1",
            )
        )
        return None, None
    start, end = blocks[-1]
    # "Dans les conditions de vote ci-dessous :" introduces the block
    block = ctx.text[start:end]
    hit = parse_vote(block)
    c = hit.counts
    if (
        c.for_ is None
        and c.against is None
        and c.abstention is None
        and not hit.unanimous
        and hit.adopted is None
    ):
        problems.append(
            Problem(
                kind="vote_unreadable",
                message="vote block without counts nor outcome",
                raw=_ws(block)[:300],
                **ctx.prov(start, end, hit.rule),
            )
        )
        return None, start
    return hit.record(ctx.prov(start, end, hit.rule)), start


def _vote_in_words(ctx: _Ctx) -> tuple[Vote, int] | None:
    """A vote a commune's extract writes in its decision sentence rather than as a block ("après en
    avoir délibéré, à l'unanimité, DÉCIDE", "par 13 voix pour, 2 voix contre et 1 abstention",
    "Votes : Pour : 11 Contre : 2 Abstention : 0"): the vote grammar of minutes."""
    hit = merge_item_votes(find_votes(ctx.text))
    if hit is None or (
        hit.counted
        and not any((hit.counts.for_, hit.counts.against, hit.counts.abstention))
        and not hit.unanimous
    ):
        return None  # "Pour :" with nothing after it is no vote
    # the names the minutes grammar reads after a count are not kept from a decision sentence
    return hit.record(ctx.prov(hit.start, hit.end, hit.rule), named=False), hit.start


# --------------------------------------------------------------------------- title
_ITEM_HEADING = re.compile(
    r"^(?:[A-ZÀ-Ü][^\n]{0,40}?\s)?([1-9]\d{0,2})\.\s+([A-ZÀ-Ü«\"][^\n]*)$", re.MULTILINE
)
_MOVES = re.compile(
    r"(?:sort(?:ent)?|entre(?:nt)?|reviennent|revient|quitte|r[ée]int[èe]gre)\s+(?:de\s+|en\s+|la\s+)?s[ée]ance",
    re.I,
)


def _item_title(ctx: _Ctx, vote_start: int | None) -> tuple[str | None, str | None, int, str]:
    """(title, item number, offset, rule) of a compte-rendu item."""
    text = ctx.text
    limit = vote_start if vote_start is not None else len(text)
    m = None
    for cand in _ITEM_HEADING.finditer(text, 0, limit):
        if not find_amounts(cand.group(0)) or len(cand.group(2)) > 25:
            m = cand
            break
    if m:
        title_lines = [m.group(2)]
        pos = m.end() + 1
        while pos < limit:
            nl = text.find("\n", pos)
            nl = limit if nl < 0 or nl > limit else nl
            line = text[pos:nl].strip()
            if not line or find_vote_blocks(line) or _MOVES.search(line) or _ITEM_HEADING.match(line):
                break
            title_lines.append(line)
            pos = nl + 1
        return _ws(" ".join(title_lines)), m.group(1), m.start(2), "title.item_heading.v1"
    before = text[:limit]
    lines = [(mm.start(), mm.group(0)) for mm in re.finditer(r"[^\n]+", before)]
    # the text before "Vote :" on the vote line itself (Couthenans)
    if vote_start is not None:
        ls = text.rfind("\n", 0, vote_start) + 1
        head = text[ls:vote_start].strip(" :")
        if len(head) > 8:
            return _ws(head), None, ls, "title.vote_line.v1"
    for off, ln in reversed(lines[-6:]):
        s = ln.strip()
        if s and find_amounts(s) and len(s) < 80:
            return _ws(s), None, off, "title.grant_line.v1"
    for off, ln in reversed(lines):
        s = ln.strip()
        if s.startswith(("−", "- ", "–")) and len(s) < 120:
            return _ws(s.lstrip("−-– ")), None, off, "title.dash_heading.v1"
    for off, ln in reversed(lines):
        s = ln.strip()
        if s and not _MOVES.search(s) and not set(s) <= set("_-. "):
            return _ws(s), None, off, "title.last_line.v1"
    return None, None, 0, "title.none.v1"


_OBJET_STOP = re.compile(
    r"\s*(?:Pr[ée]sents?|Excus|Absents?|Pouvoirs?|Procurations?|Vu\b|VU\b|Consid[ée]rant|Le\s+Conseil|Rapporteur"
    r"|Secr[ée]taire|Nombre|En\s+exercice|Votants?|Monsieur|Madame|M\.|Mme)",
    re.I,
)


def _delib_title(ctx: _Ctx, number_match: re.Match[str] | None, att_end: int) -> tuple[str | None, int, str]:
    text = ctx.text
    if number_match is not None and text[number_match.start() : number_match.start() + 1] == "(":
        # title lines just above "(N°2023-259)"
        ls = text.rfind("\n", 0, number_match.start())
        lines: list[str] = []
        pos = ls
        start = ls
        while pos > 0 and len(lines) < 6:
            ps = text.rfind("\n", 0, pos) + 1
            line = text[ps:pos].strip()
            if not line:
                if lines:
                    break
                pos = ps - 1
                continue
            attendance_like = any(pat.search(line) for _, pat in _ATT_LABELS) or _ATT_STOP.match(line)
            if attendance_like or line.endswith(".") or ps < att_end:
                break
            lines.insert(0, line)
            start = ps
            pos = ps - 1
        if lines:
            return _ws(" ".join(lines)), start, "title.above_number.v1"
    m = re.search(r"\bN\s*[°º]\s*[\d./ ]+\s+-\s+([^\n]+(?:\n(?!\s*Pr[ée]sents?)[^\n]+){0,2})", text)
    if m:
        t = m.group(1)
        t = re.split(r"\n\s*(?:Pr[ée]sents?|Excus|Absent)", t)[0]
        return _ws(t), m.start(1), "title.after_number.v1"
    m = re.search(r"^\s*Objet\s*:\s*([^\n]+)", text, re.M | re.I)
    if m:
        title, end = m.group(1), m.end(1)
        # an object wrapped at the line's end ("… pour sa saison" / "2024"): a short next line that
        # is not an attendance list, a recital or the decision
        nxt = re.match(r"\n([^\n]{1,60})(?=\n)", text[end:])
        if (
            nxt
            and len(title.strip()) >= 60
            and not title.rstrip().endswith((".", ":", ";"))
            and not _OBJET_STOP.match(nxt.group(1))
        ):
            title = f"{title} {nxt.group(1)}"
        return _ws(title), m.start(1), "title.objet.v1"
    m = re.search(r"^[^\n]*\brapporte\s*:", text, re.M)
    if m and att_end and att_end < m.start():
        t = text[att_end : m.start()].strip()
        if t and len(t) < 400:
            return _ws(t), att_end, "title.before_rapporteur.v1"
    return None, 0, "title.none.v1"


# --------------------------------------------------------------------------- main entry
_T = TypeVar("_T")


def _guard(step: Callable[[], _T], fallback: _T, rule: str, problems: list[Problem], ctx: _Ctx) -> _T:
    """Run one reading step; an unexpected failure becomes a Problem (data), not a lost deliberation."""
    try:
        return step()
    except Exception as exc:  # a reader bug on an odd layout must not lose the other fields
        page = ctx.pt.pieces[0][1] + 1 if ctx.pt.pieces else None
        problems.append(
            Problem(kind="reader_error", message=f"{type(exc).__name__}: {exc}"[:300], page=page, rule=rule)
        )
        return fallback


def _ctx(texts: list[str], span: Span, locator: Locator | None) -> _Ctx:
    return _Ctx(part_text(texts, span), texts, locator)


class _Officers(NamedTuple):
    president: str | None
    secretary: str | None
    acts_id: str | None


class _BodyLists(NamedTuple):
    recused: list[str]
    citations: list[Citation]
    articles: list[Article]
    budget_lines: list[BudgetLine]


def _collectivity_and_instance(head: _Ctx, body: _Ctx, session: bool) -> tuple[str | None, str | None]:
    collectivity = instance = None
    m = _first(_COLLECTIVITY, head.text[:3000]) or (None if session else _first(_COLLECTIVITY, body.text))
    cm = _COUNCIL_OF.search(head.text[:600])
    if m:
        collectivity = display_collectivity(_ws(m.group(1)))
    elif cm:
        # "CONSEIL DÉPARTEMENTAL DE L'AISNE" names the collectivity through its council
        kind = "DÉPARTEMENT" if cm.group(1).upper().startswith("D") else "RÉGION"
        collectivity = display_collectivity(f"{kind} {_ws(cm.group(2))}")
    instances = list(_INSTANCE.finditer(head.text[:3000]))
    m = next((i for i in instances if "PERMANENTE" in i.group(1).upper() and i.start() < 600), None)
    m = m or (instances[0] if instances else None)
    if m:
        instance = display_instance(_ws(m.group(1)))
        if re.match(r"\s*S[ÉE]ANCE\s+PL[ÉE]NI[ÈE]RE", head.text[m.end() : m.end() + 40], re.I):
            instance += " (séance plénière)"
    return collectivity, instance


def _session_date(head: _Ctx, suffix: str, problems: list[Problem]) -> dt.date | None:
    """The first readable session date; a date wording with no date read is a problem."""
    unread: re.Match[str] | None = None
    for pat in _SESSION_DATE:
        for m in pat.finditer(head.text[:4000]):
            d = parse_date(m.group(1), fuzzy=False)
            if d is not None:
                return d.value
            unread = unread or m
    civil = civil_dates(head.text[:4000])  # "L'an deux mille vingt-quatre, le douze mars"
    if civil:
        return civil[0][1]
    if unread is not None:
        problems.append(
            Problem(
                kind="date_unreadable",
                message="session date wording found but no date read",
                raw=_ws(unread.group(0)),
                **head.prov(unread.start(), unread.end(), "session_date" + suffix),
            )
        )
    return None


def _first_name(m: re.Match[str] | None) -> str | None:
    names = split_names(m.group(1), cut_qualifiers=True) if m else []
    return names[0] if names else None


def _officers(head: _Ctx, body: _Ctx) -> _Officers:
    """President, secretary and the ACTES identifier."""
    president = _first_name(_first(_PRESIDENT, head.text[:4000]))
    secretary = _first_name(_SECRETARY.search(head.text))
    acts = _ACTS_ID.search(body.text) or _ACTS_ID.search(head.text)
    return _Officers(president, secretary, acts.group(1) if acts else None)


def _attendance(head: _Ctx, session: bool, problems: list[Problem]) -> tuple[Attendance | None, int]:
    """The attendance lists (from the session header for a compte-rendu item) and where they end."""
    no_attendance: tuple[Attendance | None, list[Problem], int] = (None, [], 0)
    att, att_problems, att_end = _guard(
        lambda: parse_attendance(head, "attendance" if not session else "attendance.session"),
        no_attendance,
        "attendance.lists.v1",
        problems,
        head,
    )
    problems.extend(att_problems)
    return att, 0 if session else att_end


def _as_listed(president: str | None, att: Attendance | None) -> str | None:
    """The president as spelled in the attendance list (the header often prints it in capitals)."""
    if att is None or not president:
        return president
    match = match_names([president], att.present, min_score=95.0)[0]
    if match.member is not None and match.method in ("key", "fuzzy"):
        return match.member
    return president


def _number_and_title(
    body: _Ctx, session: bool, vote_start: int | None, att_end: int
) -> tuple[str | None, str | None, Prov]:
    """Number and title, and the provenance of the deliberation itself (its title, or its start)."""
    if session:
        title, item_no, t_off, t_rule = _item_title(body, vote_start)
        return item_no or None, title or None, body.prov(t_off, t_off + 1, t_rule)
    number: str | None = None
    number_match: re.Match[str] | None = None
    for pat, rule in _NUMBER:
        number_match = pat.search(body.text[:6000])
        if number_match:
            # "N° 2014 / 121" is 2014/121; "DCM 2024-15" is a label and the number 2024-15, where
            # "DEL2025-110" is one code
            raw = number_match.group(1).strip()
            if rule == "number.code.v1":
                raw = re.sub(r"^(?:DCM|DCC|DEL|DC|CM|CC|D)[ \t]+(?=\d)", "", raw)
            number = re.sub(r"\s+", "", raw)
            break
    title, _t_off, _t_rule = _delib_title(body, number_match, att_end)
    return number, title or None, body.prov(0, 1, "deliberation.part.v1")


def _place_and_date(body: _Ctx, head: _Ctx, session: bool) -> tuple[str | None, dt.date | None]:
    """Place and signature date: the last "X, le <date>" of the body, else of the header."""
    pm = list(_PLACE_DATE.finditer(body.text)) or (list(_PLACE_DATE.finditer(head.text)) if session else [])
    if pm:
        last = pm[-1]
        d = parse_date(last.group(2))
        if d is not None:
            return _ws(last.group(1)), d.value
    return None, None


def _body_lists(
    body: _Ctx, locator: Locator | None, vote_start: int | None, problems: list[Problem]
) -> _BodyLists:
    """Recusals, citations, articles and the budget-imputation table of the body."""
    no_recusal: tuple[list[str], list[Problem], Prov | None] = ([], [], None)
    recused, rec_problems, _ = _guard(
        lambda: parse_recused(body), no_recusal, "recused.sentence.v1", problems, body
    )
    problems.extend(rec_problems)
    no_citations: list[Citation] = []
    no_articles: list[Article] = []
    no_budget: tuple[list[BudgetLine], list[Problem]] = ([], [])
    citations = _guard(lambda: parse_citations(body), no_citations, "citations.vu.v1", problems, body)
    articles = _guard(lambda: parse_articles(body, vote_start), no_articles, "articles.v1", problems, body)
    budget, budget_problems = _guard(
        lambda: parse_budget_table(body.pt, body.texts, locator, columns_hint=("ae", "expense")),
        no_budget,
        "budget.text.v1",
        problems,
        body,
    )
    problems.extend(budget_problems)
    return _BodyLists(recused, citations, articles, budget)


def parse_deliberation(
    doc: Document | None,
    part: Part,
    *,
    texts: list[str] | None = None,
    locator: Locator | None = None,
    geometry: bool = True,
) -> Deliberation:
    """Parse a deliberation part of ``doc`` (a ``Document``) into a ``Deliberation``.

    ``texts`` defaults to ``doc.texts()`` (``doc`` may be None when ``texts`` are given); ``geometry=False`` skips pdfplumber (values then
    have a page but no bbox).  Each reader runs under ``_guard``: a reader that fails leaves its
    fields null and a ``reader_error`` problem, never a lost deliberation.
    """
    texts, locator = texts_and_locator(doc, texts, locator, geometry)
    body = _ctx(texts, part.span, locator)
    head = _ctx(texts, part.header, locator) if part.header is not None else body
    session = part.header is not None
    problems: list[Problem] = []
    no_names: tuple[str | None, str | None] = (None, None)
    collectivity, instance = _guard(
        lambda: _collectivity_and_instance(head, body, session),
        no_names,
        "collectivity.header.v1",
        problems,
        head,
    )
    suffix = ".session.v1" if session else ".v1"
    session_date = _guard(
        lambda: _session_date(head, suffix, problems), None, "session_date" + suffix, problems, head
    )
    officers = _guard(
        lambda: _officers(head, body), _Officers(None, None, None), "officers.header.v1", problems, head
    )
    attendance, att_end = _attendance(head, session, problems)
    # vote first: it bounds the articles and, in a compte rendu, the item title
    no_vote: tuple[Vote | None, int | None] = (None, None)
    vote, vote_start = _guard(lambda: _vote(body, problems), no_vote, "vote.counts.v1", problems, body)
    no_title: tuple[str | None, str | None, Prov] = (None, None, body.prov(0, 1, "deliberation.part.v1"))
    number, title, start_prov = _guard(
        lambda: _number_and_title(body, session, vote_start, att_end),
        no_title,
        "title.v1",
        problems,
        body,
    )
    no_place: tuple[str | None, dt.date | None] = (None, None)
    place, signed_date = _guard(
        lambda: _place_and_date(body, head, session), no_place, "place_date.signature.v1", problems, body
    )
    lists = _body_lists(body, locator, vote_start, problems)
    if session_date is None:
        problems.append(Problem(kind="field_missing", message="no session date found", **start_prov))
    return Deliberation(
        collectivity=collectivity,
        instance=instance,
        session_date=session_date,
        number=number,
        acts_id=officers.acts_id,
        title=title,
        president=_as_listed(officers.president, attendance),
        secretary=officers.secretary,
        place=place,
        signed_date=signed_date,
        attendance=attendance or Attendance(),
        recused=lists.recused,
        citations=lists.citations,
        articles=lists.articles,
        budget_lines=lists.budget_lines,
        vote=vote,
        problems=problems,
        **start_prov,
    )
