"""People's names in attendance lists, recusal paragraphs and vote lines.

* ``split_names`` turns a printed list into names without civility (M., Mme, Mmes, MM.,
  Monsieur, Madame, Mesdames, Messieurs ...), whatever the line breaks (``M. Daniel\\nMACIEJASZ``)
  and runs of spaces; connectors (``,`` ``;`` ``et`` ``ainsi que`` ``&``) separate names.
* ``split_proxies`` reads ``X à Y`` / ``X (procuration à Y)`` / ``X représenté par Y`` lists.
* ``name_key`` is an accent-, case- and punctuation-insensitive key: ``HINGREZ-CEREDA`` and
  ``HINGREZ-CÉRÉDA`` share one.
* ``match_names`` matches names as printed (recused members, voters) to the members present:
  same key, then same surname when unique, then a close fuzzy match (rapidfuzz).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from delib.base.text import strip_accents

__all__ = [
    "CIVILITY_RE",
    "NameMatch",
    "clean_name",
    "display_collectivity",
    "display_instance",
    "looks_like_names",
    "match_names",
    "name_key",
    "split_names",
    "split_proxies",
]

_CIVILITIES = (
    r"Mesdames|Messieurs|Monsieur|Madame|Mademoiselle|Mmes\.?|Mme\.?|Mlle\.?|MM\.|M\.|Mr\.?|Me\.?|Dr\.?"
    r"|Ma[iî]tre"
)
CIVILITY_RE = re.compile(r"^(?:(?:" + _CIVILITIES + r")(?=\s|$)\s*)+")
_CIVILITY_ANY = re.compile(r"(?<!\w)(?:" + _CIVILITIES + r")(?=\s|$)")
_SEPARATORS = re.compile(r"\s*(?:[,;]|\s/\s|\bainsi\s+que\b|\bet\b|&|\bainsi\b)\s*", re.IGNORECASE)
_PROXY_WORDS = re.compile(
    r"\s*(?:\(?\s*(?:ayant\s+donn[ée]\s+)?(?:pouvoir|procuration|d[ée]l[ée]gation)\s+(?:de\s+vote\s+)?(?:à|a|au|donn[ée]e?\s+à)"
    r"|repr[ée]sent[ée]e?\s+par|donne\s+(?:pouvoir|procuration)\s+à|\bà\b)\s*",
    re.IGNORECASE,
)
_PARTICLES = {"de", "du", "des", "le", "la", "les", "d'", "van", "von", "der", "di", "da", "el", "al", "ben"}


def _fold(s: str) -> str:
    return strip_accents(s)


def name_key(name: str) -> str:
    """Accent-, case- and punctuation-insensitive matching key (civility removed)."""
    s = CIVILITY_RE.sub("", " ".join(name.split()))
    s = _fold(s).casefold()
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return s.strip()


def clean_name(raw: str) -> str:
    """One name as printed, without civility, whitespace collapsed, trailing punctuation removed."""
    s = " ".join(raw.replace("\ufffe", "-").split()).strip(" /")
    s = CIVILITY_RE.sub("", s).strip()
    s = s.strip(" .;:,")
    return s


def _cut_qualifier(name: str) -> str:
    """Drop what follows a name: ``Laurent LAMAND, président de l'association`` -> ``Laurent LAMAND``.

    Keeps tokens while they look like parts of a name (capitalised, or a particle followed by a
    capitalised token); stops at the first lower-case word that is not a particle.
    """
    tokens = name.split()
    kept: list[str] = []
    for i, tok in enumerate(tokens):
        bare = tok.strip("().,;:")
        if not bare:
            continue
        if bare[0].isupper() or bare[0].isdigit():
            kept.append(tok)
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if bare.lower() in _PARTICLES and kept and nxt[:1].isupper():
            kept.append(tok)
            continue
        break
    return " ".join(kept).strip(" .,;:()")


def split_names(text: str, *, cut_qualifiers: bool = False) -> list[str]:
    """Names in a printed list, without civility, in order.

    ``"M. Jean-Claude LEROY, Mme Mireille HINGREZ-CÉRÉDA, M. Daniel\\nMACIEJASZ."`` ->
    ``["Jean-Claude LEROY", "Mireille HINGREZ-CÉRÉDA", "Daniel MACIEJASZ"]``.
    With ``cut_qualifiers`` trailing descriptions in lower case are dropped.
    """
    s = " ".join(text.replace("\ufffe", "-").split())
    s = s.strip(" .;")
    out: list[str] = []
    for part in _SEPARATORS.split(s):
        # a civility in the middle of a part starts a new name ("M. A M. B" after a lost comma)
        pieces = [p for p in _CIVILITY_ANY.split(part) if p.strip()] if _CIVILITY_ANY.search(part) else [part]
        for piece in pieces:
            name = clean_name(piece)
            if cut_qualifiers:
                name = _cut_qualifier(name)
            if name and any(c.isalpha() for c in name) and name.lower() not in {"et", "ainsi", "que"}:
                out.append(name)
    return out


def split_proxies(text: str) -> list[tuple[str, str | None]]:
    """``(giver, holder)`` pairs from a proxies list.

    Items are separated by commas, semicolons, line dashes or bullets; each item is ``X à Y``,
    ``X (procuration à Y)``, ``X pouvoir à Y`` or ``X représenté par Y``; an item with no
    holder gives ``(X, None)``.
    """
    s = text.replace("\ufffe", "-")
    items = re.split(r"\s*(?:[,;]|\n\s*[−\-–•]\s*|^\s*[−\-–•]\s*)\s*", s.strip())
    out: list[tuple[str, str | None]] = []
    for item in items:
        item = " ".join(item.split()).strip(" .−-–•")
        if not item:
            continue
        parts = _PROXY_WORDS.split(item, maxsplit=1)
        giver = clean_name(parts[0].rstrip("( "))
        holder = clean_name(parts[1].rstrip(") ")) if len(parts) > 1 else None
        if giver:
            out.append((giver, holder or None))
    return out


_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’\-.]*$|^[A-ZÀ-ÖØ-Þ]{1,3}\.$")
_CONNECTORS = {"et", "à", "&", "ainsi", "que", "-", "−", "–", "(", ")", "/"}


def looks_like_names(line: str) -> bool:
    """True when a line reads as (part of) a list of people's names.

    Civilities, capitalised tokens, particles and connectors only; a line with ordinary
    lower-case words (``Attributions de subventions``) is not a name line.
    """
    s = CIVILITY_RE.sub("", line.strip())
    s = _CIVILITY_ANY.sub(" ", s)
    tokens = [t.strip(",.;:()") for t in re.split(r"[\s,;]+", s)]
    tokens = [t for t in tokens if t]
    if not tokens:
        return False
    bad = 0
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if low in _CONNECTORS or _NAME_TOKEN.match(tok):
            continue
        if low in _PARTICLES and i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
            continue
        bad += 1
    return bad == 0 or (len(tokens) >= 6 and bad <= 1)


@dataclass(frozen=True)
class NameMatch:
    """A printed name and the member it designates (None when no member matches)."""

    printed: str
    member: str | None
    method: str  # "key", "surname", "fuzzy", "none"
    score: float = 100.0


def _surname_key(name: str) -> str:
    """Key of the upper-case part of a name (``Mireille HINGREZ-CÉRÉDA`` -> ``hingrez cereda``)."""
    tokens = [t for t in name.split() if len(t) > 1 and t.replace("-", "").replace("'", "").isupper()]
    return name_key(" ".join(tokens)) if tokens else name_key(name.split()[-1]) if name.split() else ""


def match_names(printed: list[str], members: list[str], *, min_score: float = 88.0) -> list[NameMatch]:
    """Match each printed name to one member (accent/case-insensitive, then surname, then fuzzy)."""
    by_key = {name_key(m): m for m in members}
    by_surname: dict[str, list[str]] = {}
    for m in members:
        by_surname.setdefault(_surname_key(m), []).append(m)
    out: list[NameMatch] = []
    for p in printed:
        k = name_key(p)
        if k in by_key:
            out.append(NameMatch(p, by_key[k], "key"))
            continue
        sk = _surname_key(p)
        cands = by_surname.get(sk, [])
        if len(cands) == 1:
            out.append(NameMatch(p, cands[0], "surname"))
            continue
        best: tuple[float, str | None] = (0.0, None)
        for m in members:
            score = float(fuzz.token_sort_ratio(k, name_key(m)))
            if score > best[0]:
                best = (score, m)
        if best[1] is not None and best[0] >= min_score:
            out.append(NameMatch(p, best[1], "fuzzy", best[0]))
        else:
            out.append(NameMatch(p, None, "none", best[0]))
    return out


# --------------------------------------------------------------------------- display forms
_ACCENTED = {
    "departement": "département", "departemental": "départemental", "region": "région", "regional": "régional",
    "metropole": "métropole", "metropolitain": "métropolitain", "communaute": "communauté",
    "agglomeration": "agglomération",
}  # fmt: skip
_SMALL = {"du", "de", "des", "la", "le", "les", "d", "l", "et", "en", "sur", "aux", "au", "lès"}


def _word(w: str, proper: bool) -> str:
    low = w.lower()
    low = _ACCENTED.get(low, low)
    if not proper or low in _SMALL:
        return low
    elided = re.match(r"^([ld][’'])(.+)$", low)
    if elided:  # "l’aisne" -> "l’Aisne"
        return elided.group(1) + _word(elided.group(2), True)
    return "-".join(p if p in _SMALL else p[:1].upper() + p[1:] for p in low.split("-"))


def display_collectivity(s: str) -> str:
    """``DEPARTEMENT DU PAS-DE-CALAIS`` -> ``Département du Pas-de-Calais`` (mixed-case input is kept)."""
    if not s.isupper():
        return s
    words = s.split()
    first = _word(words[0], False)
    return " ".join([first[:1].upper() + first[1:]] + [_word(w, True) for w in words[1:]])


def display_instance(s: str) -> str:
    """``COMMISSION PERMANENTE DU CONSEIL DEPARTEMENTAL`` -> ``Commission permanente du Conseil départemental``."""
    words = [_word(w, False) for w in s.split()]
    words = ["Conseil" if w == "conseil" else w for w in words]
    return words[0][:1].upper() + words[0][1:] + ("" if len(words) == 1 else " " + " ".join(words[1:]))
