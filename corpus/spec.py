"""How a publication is printed: the render spec stored beside its ground truth.

The ground truth (``<name>.json``) is a :class:`delib.models.Publication`: only
what is printed and can be read back.  Everything that is *presentation* (fonts,
column widths, amount formats, the prose of the narrative annexes, the model
convention, the rapport's context) lives in ``<name>.render.json``, validated by
:class:`RenderSpec`.  The renderer needs both; an extractor is judged on the
first only.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Spec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AmountStyle(_Spec):
    """How an amount is written: ``54 000,00 €-``, ``115 069 €``, ``7 591,80€``."""

    thousands: str = " "
    decimal: str = ","
    cents: Literal["always", "if_needed"] = "always"
    euro: str = " €"
    negative: Literal["suffix", "prefix", "paren"] = "suffix"
    zero_dash: bool = False


class Block(_Spec):
    """One block of prose in a narrative annex, the convention or the rapport."""

    kind: Literal["title", "heading", "para", "bullet", "proposal", "table", "spacer", "pagebreak"]
    text: str = ""
    index: int | None = Field(default=None, description="proposal index (kind=proposal)")
    also: list[int] = Field(default_factory=list, description="other proposals stated by the same sentence")
    rows: list[list[str]] = Field(default_factory=list, description="kind=table: first row is the header")
    size: float | None = None


class ThemeLayout(_Spec):
    theme: str
    columns: Literal["places", "description"] = "description"
    widths: list[float] = Field(default_factory=list, description="6 column widths in points")
    merge_structure: list[list[int]] = Field(
        default_factory=list, description="[first grant index within theme, row count]: structure cell merged"
    )
    headers: list[str] | None = Field(default=None, description="6 header labels, if not the seed's")
    rotate: bool = Field(default=True, description="operation label rotated 90° (else horizontal, wrapped)")


class GrantAnnexLayout(_Spec):
    title: str = "Annexe 3"
    font: str = "DejaVuSansCondensed"
    size: float = 7.0
    amount: AmountStyle = AmountStyle()
    themes: list[ThemeLayout] = Field(default_factory=list)
    header_fill: float = 0.85
    borders: Literal["stroke", "filled"] = "stroke"
    total_fill: float = 0.93
    places_header: str = "PLACES D'ACCOMPAGNEMENT"
    description_header: str = "DESCRIPTION ACTION / COMPLEMENT D'INFORMATION"


class RenderSpec(_Spec):
    font: str = "DejaVuSans"
    size: float = 10.0
    header_lines: list[str]
    session_line: str
    presidency_line: str
    secretary_line: str
    civility: dict[str, str] = Field(default_factory=dict, description="name -> 'M.' / 'Mme'")
    attendance_labels: list[str] = Field(
        default_factory=lambda: [
            "Étaient présents",
            "Excusé(s)",
            "Absent(s)",
            "Assistant également sans voix délibérative",
            "Excusé(s) sans voix délibérative",
        ]
    )
    number_line: str
    preamble: str
    recusal_text: str | None = None
    after_citations: str = "Après en avoir délibéré,"
    decide: str = "DECIDE :"
    budget_intro: str = ""
    budget_after_article: int | None = Field(default=None, description="table printed after this article")
    vote_intro: str = "Dans les conditions de vote ci-dessous :"
    signature_lines: list[str] = Field(default_factory=list)
    place_date_line: str
    delegate_lines: list[str] = Field(default_factory=list)
    narrative: list[list[Block]] = Field(default_factory=list, description="annexes 1..n, portrait")
    grant_annex: GrantAnnexLayout = GrantAnnexLayout()
    convention_title: str = "Annexe 4"
    convention: list[Block] = Field(default_factory=list)
    rapport: list[Block] = Field(default_factory=list, description="rapport prose before its budget table")
    rapport_after_table: list[Block] = Field(default_factory=list)
    budget_amount: AmountStyle = AmountStyle(euro="")
    footer: str | None = Field(default=None, description="running footer printed on every page with 'Page n'")
