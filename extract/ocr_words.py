"""What Tesseract makes of a scan's specks and glyphs, undone word by word in its hOCR.

A scanned page carries dust, toner dots and JPEG grain; Tesseract reads many of them as
punctuation and it mistakes a few glyphs for their look-alikes.  These rules fix the words of one
hOCR line before OCRmyPDF writes the text layer from them (``extract/ocr_plugin.py``), so the text
the extractor reads, the hOCR the confidences come from and the PDF's words stay the same:

* a word made only of punctuation (``.``, ``:``, ``;`` …) that opens a line, is a lone quote, follows a word
  ending with punctuation, or ends a line with a low confidence is a speck: dropped (a colon
  before a value stays, however shaky: ``Foncier Bâti : 35.13``);
* a single letter ending a line, read with a low confidence (``Pour : 20 à``), is a speck;
* a letter or digit read with a low confidence in a box under half as tall as the line's words
  (``Contre : 5`` where the page prints ``Contre :`` and a dot of grain below it) is a speck;
* punctuation or underscores glued before a word (``.N° 2021/129``, ``‘au``,
  ``_Association``, ``-__Imputation``) are specks: cut;
* inside a number, the letters ``O``/``o`` are the digit 0 and ``l``/``I``/``|`` the digit 1
  (``1O0,00``); a lone ``O`` next to a count (``O contre``, ``Contre : O``) is 0;
* a lone ``Ê`` (or ``É``, ``£``) after an amount is its euro sign;
* a dash read twice before a number (``—-51.750``: the spaced en dash of ``2182 – 51.750 €``
  and a hyphen) is one dash and a space, not a minus sign.

Nothing else is touched: words are never guessed from a dictionary.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

RULE = "ocr.words.v1"
#: a punctuation-only word read below this confidence (0-100) at the end of a line is a speck;
#: Tesseract reads real colons and semicolons at 85-96 on these scans, specks at 0-64
SPECK_CONFIDENCE = 70

#: a word read below this confidence after an amount and its euro sign, ending the line, is a speck
#: (Tesseract reads a real "HT", "TTC" or ")" there at 85-96)
AFTER_AMOUNT_CONFIDENCE = 40

_SPECK_CHARS = ".,:;‘’'`"
_SPECK = re.compile(rf"[{re.escape(_SPECK_CHARS)}]+")
_GLUED = re.compile(r"^(?:[.,:;‘`]|-?_+)(?=[^\W_]|[(«\"])")
_NUMBER = re.compile(r"^(?P<n>[0-9OoIl|]+(?:[.,\u00a0\u202f][0-9OoIl|]+)*)(?P<tail>[.,;:)€%]*)$")
_COUNT_LABEL = re.compile(r"^(?:pour|contre|abstentions?|voix|votants?|absents?|pr[ée]sents?)\b", re.I)
#: what Tesseract makes of a euro sign standing after an amount (``1 200 Ê``)
_EURO_LOOKALIKES = frozenset({"Ê", "É", "Ë", "£", "€É"})
_DOUBLE_DASH = re.compile(r"^([—–-])[—–-]+(?=\d)")


@dataclass
class HocrWord:
    text: str
    conf: int
    height: int = 0  # of its box, in pixels (0: not known)


def _tiny(w: HocrWord, words: list[HocrWord]) -> bool:
    """A word of one or two characters, read with a low confidence, in a box under half as tall
    as the median word of its line: a dot of grain, not a glyph."""
    heights = sorted(x.height for x in words if len(x.text) > 2 and x.height)
    if len(w.text) > 2 or not w.height or not heights or w.conf >= SPECK_CONFIDENCE:
        return False
    return w.height * 2 < heights[len(heights) // 2]


_AS_DIGIT = str.maketrans("OoIl|", "00111")


def _digits_in(token: str) -> str:
    return token.translate(_AS_DIGIT)


def fix_line(words: list[HocrWord]) -> list[str | None]:
    """Each word of one line as the page printed it, or None for a speck (see the module's
    docstring); aligned with ``words``."""
    out: list[str | None] = []
    prev = ""  # the last word kept
    for i, w in enumerate(words):
        t = w.text
        if t not in ("-", "–", "—") and _tiny(w, words):
            out.append(None)  # a digit, a letter, a "!" from a dot of grain (a list's dash is short too)
            continue
        if i == len(words) - 1 and prev.endswith("€") and w.conf < AFTER_AMOUNT_CONFIDENCE:
            out.append(None)  # "250€ 5;": what follows a closed amount at a line's end, barely read
            continue
        if _SPECK.fullmatch(t) and t not in ("...", "…"):
            last = i == len(words) - 1
            quote = t in ("‘", "’", "'", "`")  # an apostrophe is glued to its words, never alone
            if (
                not prev
                or quote
                or prev.endswith(tuple(_SPECK_CHARS))
                or (last and w.conf < SPECK_CONFIDENCE)
            ):
                out.append(None)
                continue
        t = _GLUED.sub("", t)
        t = _DOUBLE_DASH.sub(r"\1 ", t)
        m = _NUMBER.match(t)
        if m and any(c.isdigit() for c in m.group("n")) and not m.group("n").isdigit():
            t = _digits_in(m.group("n")) + m.group("tail")
        elif t.rstrip(").,;:") in _EURO_LOOKALIKES and _NUMBER.match(prev):
            t = "€" + t[len(t.rstrip(").,;:")) :]  # "(46 300 £)": the sign and what closes it
        elif t == "O":
            nxt = words[i + 1].text if i + 1 < len(words) else ""
            if _COUNT_LABEL.match(nxt) or prev in (":", "/") or _COUNT_LABEL.match(prev.rstrip(":")):
                t = "0"
        if i == len(words) - 1 and len(t) == 1 and t.isalpha() and w.conf < SPECK_CONFIDENCE - 10:
            t = ""  # a speck read as a letter at the end of a line ("Pour : 20 à")
        out.append(t or None)
        if t:
            prev = t
    return out


# --------------------------------------------------------------------------- hOCR files
_WORD = re.compile(
    r"^(?P<head>\s*<span class=['\"]ocrx_word['\"][^>]*bbox (?P<box>\d+ \d+ \d+ \d+)[^>]*x_wconf (?P<conf>\d+)[^>]*>)(?P<inner>.*?)(?P<tail></span>\s*)$",
    re.S,
)
_TAG = re.compile(r"<[^>]+>")


def hocr_text(markup: str) -> str:
    """The text of a piece of hOCR: its tags dropped, its entities read (``d&#39;un`` -> ``d'un``)."""
    return html.unescape(_TAG.sub("", markup)).strip()


def _height(m: re.Match[str]) -> int:
    _, top, _, bottom = (int(v) for v in m.group("box").split())
    return bottom - top


def fix_hocr(text: str) -> tuple[str, int]:
    """The hOCR ``text`` with every line's words fixed, and how many words changed or went."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    changed = 0
    group: list[tuple[str, re.Match[str]]] = []

    def flush() -> None:
        nonlocal changed
        words = [HocrWord(hocr_text(m.group("inner")), int(m.group("conf")), _height(m)) for _, m in group]
        for (raw, m), w, new in zip(group, words, fix_line(words), strict=True):
            if new == w.text:
                out.append(raw)
                continue
            changed += 1
            if new is not None:  # else a speck: its word is left out
                out.append(f"{m.group('head')}{html.escape(new, quote=False)}{m.group('tail')}")
        group.clear()

    for raw in lines:
        m = _WORD.match(raw)
        if m:
            group.append((raw, m))
            continue
        flush()  # a line, paragraph or block boundary
        out.append(raw)
    flush()
    return "".join(out), changed
