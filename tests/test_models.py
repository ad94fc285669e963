"""The data model: exact amounts, the JSON contract, the published schema."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from delib.models import Grant, Publication, Vote, json_schema

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("raw", "json_value"),
    [("-54000", "-54000.00"), ("5234159.1", "5234159.10"), ("0", "0.00"), (Decimal("7591.80"), "7591.80")],
)
def test_amounts_serialise_as_two_decimal_strings(raw: object, json_value: str) -> None:
    g = Grant(beneficiary="CCAS de Bruay-la-Buissière", amount=raw)
    assert g.model_dump(mode="json")["amount"] == json_value
    assert isinstance(g.amount, Decimal)


def test_floats_are_refused_for_money() -> None:
    with pytest.raises(ValidationError):
        Grant(beneficiary="X", amount=0.1)


def test_vote_uses_the_contract_key_for() -> None:
    v = Vote.model_validate({"for": 28, "against": 0, "abstention": 13})
    assert v.for_ == 28
    assert v.model_dump(mode="json", by_alias=True)["for"] == 28


def test_published_schema_is_current() -> None:
    published = json.loads((ROOT / "models" / "publication.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(), "regenerate with: delib schema > models/publication.schema.json"


def test_a_record_validates_against_the_schema() -> None:
    pub = Publication.model_validate(
        {
            "file": {"path": "x.pdf", "sha256": "0" * 64, "pages": 1},
            "deliberations": [
                {
                    "number": "2023-259",
                    "session_date": "2023-06-12",
                    "vote": {"for": 28, "against": 0},
                    "grants": [{"beneficiary": "EVE", "amount": "132000"}],
                }
            ],
        }
    )
    jsonschema.validate(pub.to_json_dict(), json_schema())
    assert pub.to_json_dict()["deliberations"][0]["grants"][0]["amount"] == "132000.00"
