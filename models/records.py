"""Typed records at the boundary between ``delib.extract`` and ``delib.warehouse``.

No I/O here.  Every record is a frozen pydantic model so that it can be
validated, serialised to the JSON contract of ``delib extract --json`` and
published as a JSON Schema (``delib schema``).

Conventions of the JSON contract:

* amounts are ``Decimal`` quantised to the cent and serialised as strings
  with a dot (``"-54000.00"``);
* dates are ISO (``"2023-06-12"``);
* an absent value is ``null``: nothing is invented;
* every extracted value carries its provenance: ``page`` (1-based),
  ``bbox`` (x0, top, x1, bottom in PDF points, origin top-left, as
  pdfplumber gives them) and ``rule`` (name and version of the rule that
  produced it, e.g. ``"grants.lattice.v1"``).  The file sha256 is on the
  publication (``file.sha256``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

CENT = Decimal("0.01")

#: record format version; bump on any change of meaning of a field.
SCHEMA_VERSION = "1.1.0"


def to_cents(value: Decimal | int | str) -> Decimal:
    """Quantise an amount to the cent (exact, never via float)."""
    if isinstance(value, float):  # pragma: no cover - defensive
        raise TypeError("amounts must never be floats")
    return Decimal(value).quantize(CENT)


def _ser_amount(value: Decimal) -> str:
    return format(value.quantize(CENT), "f")


def _quantise(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float):
        raise ValueError("amounts must be Decimal or decimal strings, never float")
    return Decimal(str(v)).quantize(CENT)


#: an amount of money: quantised to the cent when a record is built, a string with a dot in JSON
Amount = Annotated[
    Decimal, BeforeValidator(_quantise), PlainSerializer(_ser_amount, return_type=str, when_used="json")
]
BBox = tuple[float, float, float, float]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Located(_Record):
    """Provenance shared by every extracted record."""

    page: int | None = Field(default=None, description="1-based page number in the PDF")
    bbox: BBox | None = Field(default=None, description="x0, top, x1, bottom in PDF points (top-left origin)")
    rule: str | None = Field(default=None, description="name.version of the extraction rule")


class FileInfo(_Record):
    path: str
    sha256: str
    pages: int


class Proxy(_Record):
    from_: str = Field(alias="from")
    to: str


class Attendance(Located):
    present: list[str] = Field(default_factory=list)
    excused: list[str] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list)
    non_voting_present: list[str] = Field(default_factory=list)
    non_voting_excused: list[str] = Field(default_factory=list)
    proxies: list[Proxy] = Field(default_factory=list)


class Reference(_Record):
    number: str | None = None
    date: dt.date | None = None


class Citation(Located):
    text: str
    refers_to: Reference | None = None


class Article(Located):
    number: int
    text: str
    amounts: list[Amount] = Field(default_factory=list)


class BudgetLine(Located):
    operation_code: str | None = None
    imputation: str | None = None
    label: str | None = None
    ae: Amount | None = None
    available: Amount | None = None
    proposed: Amount | None = None
    expense: Amount | None = None
    balance: Amount | None = None


class Vote(Located):
    for_: int | None = Field(default=None, alias="for")
    against: int | None = None
    abstention: int | None = None
    absent_without_proxy: int | None = None
    not_voting: int | None = None
    adopted: bool | None = None
    unanimous: bool = False
    groups: dict[str, list[str]] = Field(
        default_factory=dict, description="vote category (for, against, ...) -> political groups named"
    )
    text: str | None = Field(default=None, description="the vote block as printed")
    kind: str = Field(
        default="vote",
        description="'vote' (for/against counted or declared), 'unanimous' (declared, no counts)",
    )


class Ballot(Located):
    """An election or designation by ballot: results per candidate, not a for/against vote."""

    results: dict[str, int] = Field(default_factory=dict, description="candidate (or 'Blanc') -> votes")
    elected: list[str] = Field(default_factory=list)
    text: str | None = None


class Imputation(Located):
    """A budget imputation printed for a decision (chapitre, nature/compte/article, fonction...)."""

    budget: str | None = Field(default=None, description="'principal' or the annexe's name as printed")
    section: str | None = Field(
        default=None, description="'fonctionnement' or 'investissement' where printed"
    )
    chapter: str | None = None
    nature: str | None = Field(default=None, description="nature / compte / article code (6574, 1068, 002)")
    fonction: str | None = None
    credit_line: str | None = None
    operation: str | None = None
    amount: Amount | None = None
    text: str = Field(description="the imputation as printed")


class Instrument(StrEnum):
    CONVENTION = "Convention"
    AVENANT = "Avenant"


class Grant(Located):
    annex: str | None = None
    theme: str | None = None
    operation: str | None = None
    territory: str | None = None
    beneficiary: str
    places: int | None = None
    description: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    amount: Amount
    instrument: str | None = None
    nature: str | None = Field(default=None, description="fonctionnement / investissement / exceptionnelle")
    in_kind: bool = Field(default=False, description="a valued in-kind grant (aide en nature)")
    requested: Amount | None = Field(default=None, description="amount requested, printed beside the grant")
    vote: Vote | None = Field(default=None, description="a vote printed for this grant line alone")


class TotalLevel(StrEnum):
    OPERATION = "operation"
    THEME = "theme"
    SUBTOTAL = "subtotal"


class GrantTotal(Located):
    theme: str | None = None
    operation: str | None = None
    label: str | None = None
    level: TotalLevel = TotalLevel.OPERATION
    places: int | None = None
    amount: Amount


class Report(Located):
    number: str | None = None
    budget_lines: list[BudgetLine] = Field(default_factory=list)


class Proposal(Located):
    """An amount proposed in prose (narrative annex or rapport)."""

    text: str
    amount: Amount
    beneficiary: str | None = None
    operation: str | None = None
    theme: str | None = None


class Check(_Record):
    name: str
    passed: bool
    expected: str | None = None
    found: str | None = None
    page: int | None = None
    detail: str | None = None


class Problem(Located):
    """Something that could not be read: kept as data, never dropped."""

    kind: str
    message: str
    raw: str | None = None


class Deliberation(Located):
    collectivity: str | None = None
    instance: str | None = None
    session_date: dt.date | None = None
    number: str | None = None
    acts_id: str | None = None
    title: str | None = None
    rapporteur: str | None = None
    president: str | None = None
    secretary: str | None = None
    place: str | None = None
    signed_date: dt.date | None = None
    attendance: Attendance = Field(default_factory=Attendance)
    recused: list[str] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    budget_lines: list[BudgetLine] = Field(default_factory=list)
    vote: Vote | None = None
    ballot: Ballot | None = None
    grants: list[Grant] = Field(default_factory=list)
    grant_totals: list[GrantTotal] = Field(default_factory=list)
    report: Report | None = None
    proposals: list[Proposal] = Field(default_factory=list)
    imputations: list[Imputation] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)


class OtherItemKind(StrEnum):
    AGENDA = "agenda"
    MINUTES_APPROVAL = "minutes_approval"
    SECRETARY = "secretary"
    INFORMATION = "information"
    QUESTIONS_DIVERSES = "questions_diverses"
    DELEGATION_DECISIONS = "delegation_decisions"
    DEBATE = "debate"
    OTHER = "other"


class OtherItem(Located):
    """An item of a session that is not a decision of this assembly (procedural, information...)."""

    kind: OtherItemKind = OtherItemKind.OTHER
    number: str | None = None
    title: str | None = None
    session_date: dt.date | None = None
    vote: Vote | None = None
    problems: list[Problem] = Field(default_factory=list)


class Publication(_Record):
    schema_version: str = SCHEMA_VERSION
    extractor_version: str | None = None
    file: FileInfo
    deliberations: list[Deliberation] = Field(default_factory=list)
    other_items: list[OtherItem] = Field(
        default_factory=list, description="procedural and information items, never deliberations"
    )
    problems: list[Problem] = Field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    @classmethod
    def from_json_dict(cls, data: dict[str, Any]) -> Publication:
        return cls.model_validate(data)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``delib extract --json`` output."""
    schema = Publication.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://delib.example/schema/publication-{SCHEMA_VERSION}.json"
    return schema
