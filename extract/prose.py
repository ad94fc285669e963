"""Amounts proposed in prose, in the narrative annexes and in the rapport.

"il est proposé de financer l'EPSM Val de Lys ... pour un montant total de 58 586 €",
"Le financement total de cette opération s'élève à 17 920 €", "4 dispositifs sont proposés
pour un total de 115 069 €": each becomes a ``Proposal`` with its amount, the sentence, the
theme and operation headings it sits under, and the organisation it goes to when the sentence
names one.

Cheap first: sentences are cut with regexes and only those holding an amount *and* a proposal
cue go to spaCy (``fr_core_news_sm``, loaded once per process, lazily, parser and lemmatizer
disabled, ``nlp.pipe`` over the selected sentences).  The recipient is the organisation named
right after a recipient marker (``au``, ``à l'``, ``financer``, ``le projet du`` ...) next to
the amount: a spaCy entity starting there, else the capitalised phrase starting there.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from delib.extract.amounts import AmountMatch, find_amounts
from delib.extract.document import Document, texts_and_locator
from delib.extract.locator import Locator
from delib.extract.parts import Part, PartKind, PartText, part_text
from delib.models import Proposal

__all__ = ["extract_proposals", "find_proposal_sentences", "known_themes", "load_nlp"]

_CUE = re.compile(
    r"\b(?:est|sont|sera|seront)\s+propos[ée]e?s?\b|\bpropose\b|\bproposons\b|s['’][ée]l[èe]ve(?:rait|nt|raient)?\b|\baccorder\b|\battribuer\b|\bfinancer\b|\ballouer\b"
    r"|\bpour\s+un\s+total\b",
    re.IGNORECASE,
)
_THEME = re.compile(
    r"^\s*(\d{1,2})\.\s+(?!Descriptif|Description|Bilan|Proposition|R[ée]capitulatif|Sp[ée]cificit)([A-ZÀ-Ü][^\n]{8,})$"
)
_OPERATION = re.compile(r"^\s*(Op[ée]rations?\s*\d+\s*:\s*[^\n]+)$", re.IGNORECASE)
_SUBHEADING = re.compile(r"^\s*\d\.\s+(?:Descriptif|Description|Bilan|Proposition|R[ée]capitulatif)", re.I)
_MARKER = re.compile(
    r"(?:\bfinancer\s+(?:le\s+projet\s+(?:du|de\s+la|de\s+l['’]|des)\s+|l['’]|le\s+|la\s+|les\s+)?"
    r"|\ble\s+projet\s+(?:du|de\s+la|de\s+l['’]|des)\s+|\bau\s+|\baux\s+|\bà\s+l['’]|\bà\s+la\s+|\bà\s+)"
    r"(?=[A-ZÀ-Ü])"
)
_CAP_PHRASE = re.compile(r"[A-ZÀ-Ü][\w'’&-]*(?:\s+(?:(?:de|du|des|d['’]|la|le|et)\s*)?[A-ZÀ-Ü0-9][\w'’&-]*)*")


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """spaCy ``fr_core_news_sm`` for entities only: loaded once per process."""
    import spacy

    return spacy.load("fr_core_news_sm", exclude=["parser", "lemmatizer", "morphologizer", "attribute_ruler"])


def _lines(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", text)]


_THEME_NAMED = re.compile(r"th[ée]matique\s+\d+\s*«\s*([^»]+?)\s*»", re.IGNORECASE)


def _squash(s: str) -> str:
    return re.sub(r"[\W_]+", "", s).casefold()


def known_themes(texts: list[str]) -> set[str]:
    """Squashed names of the themes the deliberation names (``thématique 1 « ... »``)."""
    return {_squash(m.group(1)) for t in texts for m in _THEME_NAMED.finditer(t)}


class _Sentences:
    """The sentences found so far, the current theme and operation, and the paragraph being read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[tuple[int, int, str | None, str | None]] = []
        self.theme: str | None = None
        self.operation: str | None = None
        self.buf_start: int | None = None

    def flush(self, end: int) -> None:
        """Close the paragraph being read at ``end`` and keep its sentences that propose an amount."""
        if self.buf_start is None:
            return
        start = self.buf_start
        seg = self.text[start:end]
        # split the paragraph into sentences (a full stop followed by a capital letter)
        pos = 0
        for m in re.finditer(r"(?<=[.!?;])\s+(?=[A-ZÀ-Ü«0-9])", seg):
            self._emit(start + pos, start + m.start())
            pos = m.end()
        self._emit(start + pos, end)
        self.buf_start = None

    def _emit(self, a: int, b: int) -> None:
        s = self.text[a:b]
        cue = _CUE.search(s)
        # the amount follows the proposal wording ("il est proposé ... 58 586 €", "s'élève à 17 920 €")
        if cue and any(cue.start() < m.span[0] <= cue.end() + 400 for m in find_amounts(s)):
            self.out.append((a, b, self.theme, self.operation))


def _named_theme(lines: list[tuple[int, str]], i: int, s: str, themes: set[str]) -> str | None:
    """The theme the line ``s`` (or it and the next line) repeats from the deliberation."""
    if not themes or len(s) >= 200:
        return None
    two = s + (" " + lines[i + 1][1].strip() if i + 1 < len(lines) else "")
    if _squash(s) in themes:
        return s
    if _squash(two) in themes:
        return two
    return None


def _numbered_theme(th: re.Match[str], lines: list[tuple[int, str]], i: int) -> str:
    """A numbered theme heading, with its title's wrapped second line."""
    title = th.group(2).strip()
    nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
    if nxt[:1].islower() and not (_OPERATION.match(nxt) or _SUBHEADING.match(nxt)):
        title += " " + lines[i + 1][1].strip()
    return f"{th.group(1)}. " + " ".join(title.split()).rstrip(" .;")


def _is_table_line(s: str, open_sentence: bool) -> bool:
    """A table row or a total under a table, not prose."""
    lowercase_words = len(re.findall(r"(?<![\w’'])[a-zà-ÿ]{3,}\b", s))
    return (len(find_amounts(s)) >= 2 and lowercase_words < 3) or bool(
        re.fullmatch(r"[\d\s  ,.€-]+", s) and not open_sentence
    )


def find_proposal_sentences(
    text: str, themes: set[str] | None = None
) -> list[tuple[int, int, str | None, str | None]]:
    """(start, end, theme, operation) of the sentences of ``text`` holding an amount and a cue.

    Theme headings are numbered lines (``1. Accompagnement des ...``) or, unnumbered, lines
    that repeat a theme named in the deliberation (``themes``, see ``known_themes``).
    """
    themes = themes or set()
    st = _Sentences(text)
    lines = _lines(text)
    skip_next = False
    for i, (off, line) in enumerate(lines):
        s = line.strip()
        th = _THEME.match(line)
        op = _OPERATION.match(line)
        named = None if (th or op) else _named_theme(lines, i, s, themes)
        if named is not None:
            st.flush(off)
            st.theme = " ".join(named.split())
            st.operation = None
            skip_next = named != s
            continue
        if skip_next:
            skip_next = False
            continue
        if op or th or _SUBHEADING.match(line):
            st.flush(off)
            if op:
                st.operation = " ".join(op.group(1).split())
            elif th:
                st.theme = _numbered_theme(th, lines, i)
                st.operation = None
            continue
        if not s:
            st.flush(off)
            continue
        prev = lines[i - 1][1].strip() if i else ""
        open_sentence = st.buf_start is not None and not prev.endswith((".", ":", ";"))
        if _is_table_line(s, open_sentence):
            st.flush(off)
            continue
        if st.buf_start is None:
            st.buf_start = off
        if s.endswith(":"):
            st.flush(off + len(line))  # what follows a colon is a list or a table, not this sentence
    st.flush(len(text))
    return st.out


def _recipient(
    sentence: str, amount: AmountMatch, previous_end: int, ents: list[tuple[int, int, str]]
) -> str | None:
    """The organisation an amount goes to: after the amount (``... 54 000 € à l'IRAE``), else before it."""
    after = sentence[amount.span[1] :]
    nxt = find_amounts(after)
    after = after[: nxt[0].span[0]] if nxt else after
    m = _MARKER.match(after.lstrip(" ,")) if after.lstrip(" ,")[:1] else None
    candidates: list[int] = []
    if m:
        candidates.append(amount.span[1] + (len(after) - len(after.lstrip(" ,"))) + m.end())
    else:
        before = sentence[previous_end : amount.span[0]]
        for mm in _MARKER.finditer(before):
            candidates.append(previous_end + mm.end())
        candidates = candidates[-1:]
    for start in candidates:
        found = [" ".join(sentence[a:b].split()) for a, b, _label in ents if a == start]
        cm = _CAP_PHRASE.match(sentence, start)
        if cm:
            found.append(cm.group(0).rstrip(" -"))
        found = [f for f in found if len(f) >= 2 and not re.match(r"(?:Annexes?|Article|Opération)\b", f)]
        if found:
            return max(found, key=len)  # the entity or the capitalised phrase, whichever is whole
    return None


def extract_proposals(
    doc: Document | None,
    parts: list[Part],
    *,
    texts: list[str] | None = None,
    locator: Locator | None = None,
    geometry: bool = True,
) -> list[Proposal]:
    """Proposals of the narrative annexes and rapports among ``parts``, in document order.

    When ``parts`` hold no rapport, the deliberation parts are read too (a municipal
    deliberation prints its exposé before the decision).
    """
    texts, locator = texts_and_locator(doc, texts, locator, geometry)
    themes = known_themes(texts)
    selected: list[tuple[PartText, int, int, str | None, str | None]] = []
    # without a rapport, the exposé printed in the deliberation itself plays its part
    # ("la Ville de Montpellier propose d'attribuer une subvention de 40 000 €")
    kinds = {PartKind.NARRATIVE_ANNEX, PartKind.REPORT}
    if not any(p.kind == PartKind.REPORT for p in parts):
        kinds.add(PartKind.DELIBERATION)
    for part in parts:
        if part.kind not in kinds:
            continue
        pt = part_text(texts, part.span)
        for a, b, theme, operation in find_proposal_sentences(pt.text, themes):
            selected.append((pt, a, b, theme, operation))
    if not selected:
        return []
    sentences = [" ".join(pt.text[a:b].split()) for pt, a, b, _, _ in selected]
    nlp = load_nlp()
    out: list[Proposal] = []
    for (pt, a, b, theme, operation), sentence, sdoc in zip(
        selected, sentences, nlp.pipe(sentences), strict=True
    ):
        ents = [
            (e.start_char, e.end_char, e.label_)
            for e in sdoc.ents
            if e.label_ in ("ORG", "MISC", "PER", "LOC")
        ]
        page, off = pt.locate(a)
        bbox = None
        if locator is not None:
            bbox = locator.bbox(page, pt.text[a:b], hint=off / max(1, len(texts[page])))
        prev_end = 0
        cue = _CUE.search(sentence)
        for amt in find_amounts(sentence):
            if cue is None or amt.span[0] < cue.start():
                continue  # an amount before the proposal wording is context, not the proposal
            out.append(
                Proposal(
                    text=sentence,
                    amount=amt.value,
                    beneficiary=_recipient(sentence, amt, prev_end, ents),
                    operation=operation,
                    theme=theme,
                    page=page + 1,
                    bbox=bbox,
                    rule="prose.proposal.spacy.v1",
                )
            )
            prev_end = amt.span[1]
    return out
