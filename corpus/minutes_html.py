"""HTML of generated municipal minutes (:mod:`delib.corpus.minutes_data`), for LibreOffice and Chromium.

``render_html`` returns the page and its *anchors*: the printed strings (item headings, grant
lines, totals, imputation sentences, first vote lines) in printed order, so that the page of each
can be found in whatever PDF an engine makes of it.
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from typing import Protocol

from delib.corpus import minutes_vocab as V
from delib.corpus.minutes_data import Item, Session, fmt_amount, fmt_date, person, with_apostrophe


def paragraph(text: str, cls: str = "") -> str:
    """``<p>`` of *text*, escaped, with an optional class."""
    return f"<p{f' class={cls!r}' if cls else ''}>{html.escape(text)}</p>"


_p = paragraph


class PageLook(Protocol):
    """What the page rules read from a document's style (minutes and phenomena alike)."""

    @property
    def font(self) -> str: ...
    @property
    def size_pt(self) -> float: ...
    @property
    def line_height(self) -> float: ...
    @property
    def margin_cm(self) -> float: ...


def base_css(st: PageLook) -> str:
    """The rules every generated page starts with: A4 and its margin, the font, paragraph spacing, the
    collectivity line, the title and the item headings."""
    return (
        f"@page {{ size: A4; margin: {st.margin_cm}cm; }}\n"
        f"body {{ font-family: '{st.font}'; font-size: {st.size_pt}pt; line-height: {st.line_height}; }}\n"
        f"p {{ margin: 0 0 {round(st.size_pt * 0.45, 1)}pt 0; }}\n"
        "p.coll { font-size: 130%; font-weight: bold; text-align: center; }\n"
        "p.title { font-size: 115%; font-weight: bold; text-align: center; }\n"
        f"p.h {{ font-weight: bold; margin-top: {st.size_pt}pt; }}\n"
    )


def html_page(title: str, css: str, blocks: list[str]) -> str:
    """A whole HTML document: *blocks* one a line under a head with *title* and *css*."""
    return (
        f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{css}</style></head><body>\n" + "\n".join(blocks) + "\n</body></html>\n"
    )


def _attendance(s: Session) -> list[str]:
    out: list[str] = []
    st = s.style
    present = ", ".join(person(s, i) for i in s.present)
    out.append(_p(f"Présents : {present}."))
    if s.proxies:
        word = "Pouvoirs :" if st.names != "first" else "Procurations :"
        out.append(_p(word))
        out += [_p(f"- {person(s, g)} à {person(s, h)}", "ind") for g, h in s.proxies]
    if s.absent:
        out.append(_p("Absent(s) excusé(s) : " + ", ".join(person(s, i) for i in s.absent)))
    if st.counts_printed:
        n = len(s.members)
        out.append(
            _p(
                f"Membres en exercice : {n} – Présents : {len(s.present)} – Pouvoirs : {len(s.proxies)} – "
                f"Absents : {len(s.absent)} – Votants : {s.voters}"
            )
        )
    out.append(_p(f"Secrétaire de séance : {person(s, s.secretary)}"))
    return out


def _date_lines(s: Session) -> list[str]:
    d, kind = s.date, s.style.date_line
    conv = fmt_date(d - dt.timedelta(days=6))
    if kind == "seance":
        return [_p(f"Séance du {fmt_date(d)}", "title")]
    if kind == "cm_du":
        return [_p(f"Conseil municipal du {fmt_date(d)}", "title")]
    if kind == "cr_reunion":
        return [_p(f"Compte rendu de la réunion du Conseil Municipal du {fmt_date(d)}", "title")]
    words = f"L'an {V.year_in_words(d.year)}, le {V.day_in_words(d.day)} {V.MONTHS[d.month - 1]} à 19 heures"
    return [
        _p("Compte rendu du conseil municipal", "title"),
        _p(
            with_apostrophe(
                s,
                f"{words}, le conseil municipal de {s.commune}, dûment convoqué le {conv}, s'est réuni en "
                f"séance publique à la mairie, sous la présidence de {person(s, s.present[0])}, maire.",
            )
        ),
    ]


def render_html(s: Session) -> tuple[str, list[tuple[str, str]]]:
    """The HTML page and its anchors in printed order: (key, printed text), key "" for skipped ones."""
    st = s.style
    anchors: list[tuple[str, str]] = []
    body: list[str] = [_p(s.collectivity, "coll")]
    body += _date_lines(s)
    body += _attendance(s)
    if st.agenda:
        body.append(_p("Ordre du jour :", "h"))
        for it in s.items:
            line = f"{it.label} {it.title}".strip()
            body.append(_p(line, "ind"))
            anchors.append(("", line))
        body.append(_p("*  *  *", "sep"))
    for k, it in enumerate(s.items):
        if st.layout == "columns":
            body.append(_columns_item(s, it, k, anchors))
            continue
        head = f"{it.label} {it.title}".strip()
        body.append(_p(head, "h"))
        anchors.append((f"item{k}", head))
        if it.rapporteur:
            body.append(_p(f"Rapporteur : {it.rapporteur}"))
        body += [_p(b) for b in it.body]
        body += _grant_lines(s, it, k, anchors)
        for j, a in enumerate(it.after):
            body.append(_p(a))
            if j == len(it.after) - 1 and it.imputations:
                anchors.append((f"imp{k}", a))
        if it.vote:
            cls = "vote" if len(it.vote.lines) > 1 else ""
            for j, line in enumerate(it.vote.lines):
                body.append(_p(line, cls))
                if j == 0:
                    anchors.append((f"vote{k}", line))
    css = base_css(st) + (
        "p.ind { margin-left: 1.2cm; } p.sep { text-align: center; } p.vote { margin: 0 0 0 1cm; }\n"
        "p.total { font-weight: bold; } td { padding: 0 8pt; } td.amt { text-align: right; }\n"
        "table.cols { width: 100%; margin-top: 6pt; } td { vertical-align: top; }\n"
        "td.who { width: 18%; } td.num { width: 7%; } td.obj { width: 75%; }\n"
    )
    return html_page(s.name, css, body), anchors


def _columns_item(s: Session, it: Item, k: int, anchors: list[tuple[str, str]]) -> str:
    """One item as a row of three cells: who reports, the number, the object with its vote."""
    who = it.rapporteur or ("Mme le Maire" if s.members[s.present[0]][0] == "Mme" else "M. le Maire")
    anchors.append((f"item{k}", f"{it.label} {it.title}".strip()))
    inner = [f"<p><b>{html.escape(it.title)}</b></p>"]
    inner += _grant_lines(s, it, k, anchors)
    for j, a in enumerate(it.after):
        inner.append(_p(a))
        if j == len(it.after) - 1 and it.imputations:
            anchors.append((f"imp{k}", a))
    for j, line in enumerate(it.vote.lines if it.vote else []):
        inner.append(_p(line))
        if j == 0:
            anchors.append((f"vote{k}", line))
    if it.vote is None:
        inner += [_p(b) for b in it.body[-1:]]
    return (
        f'<table class="cols"><tr><td class="who" valign="top" width="18%">{html.escape(who)}</td>'
        f'<td class="num" valign="top" width="7%">{html.escape(it.label)}</td>'
        f'<td class="obj" valign="top">{"".join(inner)}</td></tr></table>'
    )


def _grant_lines(s: Session, it: Item, k: int, anchors: list[tuple[str, str]]) -> list[str]:
    if not it.table:
        return []
    lay = s.style.grant_layout
    out: list[str] = []
    total_label, total = it.total or ("Total", Decimal(0))
    total_amt = fmt_amount(total, s.style.amount)
    if lay == "table":
        rows = "".join(
            f'<tr><td>{html.escape(n)}</td><td class="amt">{html.escape(a)}</td></tr>' for n, a in it.table
        )
        rows += f'<tr><td><b>{html.escape(total_label)}</b></td><td class="amt"><b>{html.escape(total_amt)}</b></td></tr>'
        out.append(f"<table>{rows}</table>")
        for j, (n, a) in enumerate(it.table):
            anchors.append((f"grant{k}.{j}", f"{n} {a}"))
        anchors.append((f"total{k}", f"{total_label} {total_amt}"))
        return out
    for j, (n, a) in enumerate(it.table):
        line = {"colon": f"{n} : {a}", "dash": f"- {n} {a}", "dots": f"{n} {'.' * max(4, 40 - len(n))} {a}"}[
            lay
        ]
        out.append(_p(line, "ind"))
        anchors.append((f"grant{k}.{j}", line))
    line = (
        f"{total_label} : {total_amt}"
        if not total_label.startswith("Soit")
        else f"{total_label} {total_amt}."
    )
    out.append(_p(line, "ind total"))
    anchors.append((f"total{k}", line))
    return out
