"""What an SCDL Délibérations row gets where the publication does not print it, and why.

:func:`complete_row` fills, on a row built from the ``scdl_deliberations`` view, the required
columns a publication often leaves out, each with a note for the export report (``derived`` for a
value chosen by a rule, ``empty`` for a value left out):

* ``DELIB_ID`` when no number is printed: ``SN-AAAAMMJJ-<sha8>-NNN`` ("sans numéro"), the meeting
  date, the first 8 hex digits of the file's SHA-256 and the 1-based position of the
  deliberation in that file (``SN-<sha8>-NNN`` without a date).  The same file gives the same ids
  on every export; two unnumbered deliberations never share one.
* ``DELIB_OBJET`` when no title is read: the first article (cut to 256 characters), else
  "Délibération sans titre imprimé (FILE, page N)".
* ``DELIB_MATIERE_CODE``/``NOM``: :func:`delib.extract.matiere.classify` on the title, the text of
  the articles and the number of grant lines, all kept in the warehouse, so the matière is chosen
  at export time: the rules improve without re-ingesting, and the report row of every deliberation
  names the rule, its confidence and where the title was read (file SHA-256, page).  A
  ``[matieres]`` fact (``--facts``) still wins.
* Votes: ``VOTE_EFFECTIF`` must be at least ``VOTE_REEL``.  When the members listed in the
  attendance are fewer than the votes cast (a list printed incomplete), ``VOTE_EFFECTIF`` becomes
  the members present and proxies at that item, as the minutes' attendance check counted them
  (arrivals and departures before the item included); if that is missing or still too small, the
  five vote columns are left empty (they go together) and the report says why.  Nothing is
  invented: a count the document does not print stays empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import duckdb

from delib.extract.matiere import Matiere, classify

Note = Callable[[str, str, str], None]

VOTE_COLUMNS = ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION")


@dataclass(frozen=True)
class DelibContext:
    """What the row-completion rules read of one current deliberation."""

    deliberation_id: int
    ordinal: int
    title: str | None
    articles: str
    n_grants: int
    collectivity: str | None
    file_name: str
    sha256: str
    page: int | None
    item_voters: int | None  # members present + proxies at this item (minutes' attendance check)


def contexts(con: duckdb.DuckDBPyConnection) -> dict[int, DelibContext]:
    """The context of every current deliberation, by deliberation_id."""
    rows = con.execute(
        """SELECT d.deliberation_id, d.ordinal, d.title,
                  coalesce((SELECT string_agg(a.text, chr(10) ORDER BY a.number) FROM articles a
                            WHERE a.deliberation_id = d.deliberation_id), '') AS articles,
                  coalesce(d.n_grants, 0), d.collectivity, doc.file_name, doc.sha256, d.page,
                  (SELECT max(TRY_CAST(c.expected AS INTEGER)) FROM checks c
                   WHERE c.deliberation_id = d.deliberation_id
                     AND c.name = 'vote_count_matches_members_present') AS item_voters
           FROM current_deliberations d JOIN documents doc ON doc.document_id = d.document_id"""
    ).fetchall()
    out = {}
    for did, ordinal, title, arts, n_grants, coll, fname, sha, page, voters in rows:
        out[int(did)] = DelibContext(
            int(did),
            int(ordinal),
            title,
            str(arts),
            int(n_grants),
            coll,
            str(fname),
            str(sha),
            None if page is None else int(page),
            None if voters is None else int(voters),
        )
    return out


UNNUMBERED_RULE = (
    "no number printed: SN-<meeting date>-<first 8 hex of the file's SHA-256>-<position in the file>"
)


def unnumbered_id(date: str, ctx: DelibContext) -> str:
    """``SN-AAAAMMJJ-<sha8>-NNN`` (or ``SN-<sha8>-NNN`` without a date): see the module docstring."""
    parts = ["SN", date.replace("-", "")] if date else ["SN"]
    return "-".join([*parts, ctx.sha256[:8], f"{ctx.ordinal + 1:03d}"])


def matiere_of(ctx: DelibContext) -> Matiere:
    return classify(ctx.title, ctx.articles, grants=ctx.n_grants, collectivity=ctx.collectivity)


def _where(ctx: DelibContext) -> str:
    page = f"page {ctx.page} of " if ctx.page is not None else ""
    return f"{page}{ctx.file_name} (sha256 {ctx.sha256[:12]})"


def complete_objet(row: dict[str, str], ctx: DelibContext, note: Note) -> None:
    if row["DELIB_OBJET"]:
        return
    first = " ".join(ctx.articles.split("\n", 1)[0].split())
    if first:
        row["DELIB_OBJET"] = first if len(first) <= 256 else first[:255] + "…"
        note("DELIB_OBJET", "derived", "no title read: the first article's text")
    else:
        row["DELIB_OBJET"] = f"Délibération sans titre imprimé ({_where(ctx)})"
        note("DELIB_OBJET", "derived", "no title and no article read: a label naming the file and page")


def complete_matiere(
    row: dict[str, str], ctx: DelibContext, note: Note, names: Mapping[str, str], fact: str | None
) -> Matiere | None:
    """Set the matière from the ``[matieres]`` fact, else from the classifier; returns the latter."""
    if fact:
        row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"] = fact, names[fact]
        note("DELIB_MATIERE_CODE", "derived", f"{fact} {names[fact]}: from --facts [matieres]")
        return None
    m = matiere_of(ctx)
    row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"] = m.code, names[m.code]
    read = "the title" if ".title." in m.rule else "the articles" if ".text." in m.rule else "the row"
    note(
        "DELIB_MATIERE_CODE",
        "derived",
        f"{m.code} {names[m.code]}: rule {m.rule}, confidence {m.confidence:.1f}, on {read} read on {_where(ctx)}",
    )
    return m


def complete_votes(row: dict[str, str], ctx: DelibContext, note: Note) -> None:
    """``VOTE_EFFECTIF`` >= ``VOTE_REEL``, from the attendance of the item, else no vote columns."""
    eff, reel = row["VOTE_EFFECTIF"], row["VOTE_REEL"]
    if not eff or not reel or int(eff) >= int(reel):
        return
    voters = ctx.item_voters
    if voters is not None and voters >= int(reel):
        row["VOTE_EFFECTIF"] = str(voters)
        note(
            "VOTE_EFFECTIF",
            "derived",
            f"the attendance lists name {eff} members but {reel} voted: VOTE_EFFECTIF = members present "
            f"and proxies at this item ({voters})",
        )
        return
    for col in VOTE_COLUMNS:
        row[col] = ""
    at_item = f", {voters} present and proxies at this item" if voters is not None else ""
    note(
        "VOTE_EFFECTIF",
        "empty",
        f"the attendance lists name {eff} members{at_item}, but {reel} voted: the document's counts "
        "disagree with its attendance; vote columns left empty",
    )


def complete_row(
    row: dict[str, str],
    ctx: DelibContext,
    note: Note,
    names: Mapping[str, str],
    matiere_fact: str | None = None,
) -> Matiere | None:
    """Fill ``row``'s object, matière and vote columns; report each value chosen by a rule.

    (``DELIB_ID`` is set by the caller with :func:`unnumbered_id`, before its notes name the row.)
    """
    complete_objet(row, ctx, note)
    complete_votes(row, ctx, note)
    return complete_matiere(row, ctx, note, names, matiere_fact)


__all__ = [
    "UNNUMBERED_RULE",
    "DelibContext",
    "complete_matiere",
    "complete_objet",
    "complete_row",
    "complete_votes",
    "contexts",
    "matiere_of",
    "unnumbered_id",
]
