"""Validation of SCDL CSV rows against a Table Schema, with Validata's custom checks.

validata-core (the official validator) is unmaintained since 2023, so the checks are implemented
here from the schema JSON: header, ``required``, types (string/uri, integer, number, date,
boolean with trueValues/falseValues), ``pattern`` (whole value), ``enum``, ``maxLength``,
``minimum``/``maximum``, and the ``custom_checks`` the SCDL schemas declare:

* ``french-siret-value``: 14 digits passing the Luhn checksum (La Poste establishments, SIREN
  356000000, use the digit sum modulo 5 instead);
* ``year-interval-value``: ``AAAA`` (if allowed) or ``AAAA/AAAA`` with the first year earlier;
* ``cohesive-columns-value``: the column and the other columns all filled or all empty;
* ``compare-columns-value``: ``column op column2`` when both are filled (numbers or ISO dates);
* ``sum-columns-value``: column = sum of the columns when all are filled;
* ``nomenclature-actes-value``: ``niveau 1/niveau 2`` with a known ACTES level-1 name, no space
  around the slash;
* ``one-of-required``: at least one of two columns filled.

Two checks are ours (``delib-*``), from the Délibérations schema's prose: DELIB_MATIERE_CODE is an
ACTES level-2 code ('1.1'-'1.7', '2.1'-'2.3', ... '9.1'-'9.4'), and a DELIB_MATIERE_NOM taken
from the ACTES nomenclature names the same level-1 matter as the code.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from delib.base.text import strip_accents

SCHEMAS = {
    "deliberations": Path(__file__).with_name("scdl-deliberations-2.1.5.schema.json"),
    "subventions": Path(__file__).with_name("scdl-subventions-2.1.1.schema.json"),
}

#: ACTES level 1 -> number of level-2 matters (from the Délibérations schema description)
ACTES_LEVEL2 = {1: 7, 2: 3, 3: 6, 4: 5, 5: 8, 6: 5, 7: 10, 8: 9, 9: 4}
ACTES_LEVEL1_NAMES = {
    1: "commande publique",
    2: "urbanisme",
    3: "domaine et patrimoine",
    4: "fonction publique",
    5: "institutions et vie politique",
    6: "libertes publiques et pouvoirs de police",
    7: "finances locales",
    8: "domaines de competences par themes",
    9: "autres domaines de competences",
}


@dataclass(frozen=True)
class ValidationError:
    row: int  # 1-based data row; 0 for the header
    field: str | None
    check: str
    message: str

    COLUMNS = ("row", "field", "check", "message")

    def as_tuple(self) -> tuple[Any, ...]:
        return (self.row, self.field, self.check, self.message)


def load_schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMAS[name].read_text(encoding="utf-8"))
    return data


def _norm(text: str) -> str:
    return strip_accents(text.strip().casefold())


def siret_ok(value: str) -> bool:
    """14 digits with a valid Luhn checksum (La Poste: digit sum divisible by 5)."""
    if not re.fullmatch(r"\d{14}", value):
        return False
    if value.startswith("356000000"):
        return sum(int(c) for c in value) % 5 == 0
    total = 0
    for i, ch in enumerate(reversed(value)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def actes_code_ok(code: str) -> bool:
    m = re.fullmatch(r"(\d)\.(\d{1,2})", code)
    if not m:
        return False
    level1, level2 = int(m.group(1)), int(m.group(2))
    return level1 in ACTES_LEVEL2 and 1 <= level2 <= ACTES_LEVEL2[level1] and not m.group(2).startswith("0")


def _type_error(field: Mapping[str, Any], value: str) -> str | None:
    ftype = field.get("type", "string")
    if ftype == "integer":
        return None if re.fullmatch(r"[+-]?\d+", value) else f"{value!r} is not an integer"
    if ftype == "number":
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", value):
            return f"{value!r} is not a number (decimal point '.')"
        return None
    if ftype == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return f"{value!r} is not a date AAAA-MM-JJ"
        return None if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else f"{value!r} is not a date AAAA-MM-JJ"
    if ftype == "boolean":
        trues = field.get("trueValues", ["true", "True", "TRUE", "1"])
        falses = field.get("falseValues", ["false", "False", "FALSE", "0"])
        return None if value in trues or value in falses else f"{value!r} is not one of {trues + falses}"
    if ftype == "string" and field.get("format") == "uri":
        return None if re.fullmatch(r"[a-zA-Z][a-zA-Z0-9+.-]*://\S+", value) else f"{value!r} is not a URI"
    return None


def _as_number(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _comparable(value: str) -> Any:
    n = _as_number(value)
    if n is not None:
        return n
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


_OPS = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "==": lambda a, b: a == b,
}


def _cell_errors(field: Mapping[str, Any], value: str) -> list[str]:
    c = field.get("constraints", {})
    if value == "":
        return ["required value is missing"] if c.get("required") else []
    errs = []
    te = _type_error(field, value)
    if te:
        errs.append(te)
    if "pattern" in c and not re.fullmatch(c["pattern"], value):
        errs.append(f"{value!r} does not match {c['pattern']}")
    if "enum" in c and value not in c["enum"]:
        errs.append(f"{value!r} is not one of {c['enum']}")
    if "maxLength" in c and len(value) > int(c["maxLength"]):
        errs.append(f"longer than {c['maxLength']} characters ({len(value)})")
    if te is None and ("minimum" in c or "maximum" in c):
        n = _as_number(value)
        if n is not None and "minimum" in c and n < Decimal(str(c["minimum"])):
            errs.append(f"{value} is below the minimum {c['minimum']}")
        if n is not None and "maximum" in c and n > Decimal(str(c["maximum"])):
            errs.append(f"{value} is above the maximum {c['maximum']}")
    return errs


def _custom(check: Mapping[str, Any], row: Mapping[str, str]) -> list[tuple[str | None, str]]:
    name, p = check["name"], check.get("params", {})

    def val(col: str) -> str:
        return row.get(col, "") or ""

    out: list[tuple[str | None, str]] = []
    if name == "french-siret-value":
        v = val(p["column"])
        if v and not siret_ok(v):
            out.append((p["column"], f"{v!r} is not a valid SIRET (14 digits, Luhn checksum)"))
    elif name == "year-interval-value":
        v = val(p["column"])
        if v:
            m = re.fullmatch(r"(\d{4})(?:/(\d{4}))?", v)
            if not m:
                out.append((p["column"], f"{v!r} is not AAAA or AAAA/AAAA"))
            elif m.group(2) is None and p.get("allow-year-only") != "yes":
                out.append((p["column"], f"{v!r}: a single year is not allowed"))
            elif m.group(2) is not None and int(m.group(1)) >= int(m.group(2)):
                out.append((p["column"], f"{v!r}: the first year must be earlier than the second"))
    elif name == "cohesive-columns-value":
        cols = [p["column"], *p["othercolumns"]]
        filled = [bool(val(c)) for c in cols]
        if any(filled) and not all(filled):
            empty = [c for c, f in zip(cols, filled, strict=True) if not f]
            out.append(
                (p["column"], f"{', '.join(cols)} must be all filled or all empty; empty: {', '.join(empty)}")
            )
    elif name == "compare-columns-value":
        a, b = val(p["column"]), val(p["column2"])
        if a and b:
            ca, cb = _comparable(a), _comparable(b)
            try:
                ok = type(ca) is type(cb) and _OPS[p["op"]](ca, cb)
            except TypeError:
                ok = False
            if not ok:
                out.append(
                    (p["column"], f"{p['column']} {p['op']} {p['column2']} does not hold ({a} vs {b})")
                )
    elif name == "sum-columns-value":
        total, parts = val(p["column"]), [val(c) for c in p["columns"]]
        if total and all(parts):
            nums = [_as_number(x) for x in [total, *parts]]
            if any(n is None for n in nums) or nums[0] != sum(n for n in nums[1:] if n is not None):
                out.append(
                    (
                        p["column"],
                        f"{p['column']} = {' + '.join(p['columns'])} does not hold ({total} vs {parts})",
                    )
                )
    elif name == "nomenclature-actes-value":
        v = val(p["column"])
        if v:
            if "/" not in v:
                out.append((p["column"], f"{v!r}: the slash '/' between the two levels is missing"))
            else:
                prefix = v[: v.index("/")]
                if _norm(prefix) not in ACTES_LEVEL1_NAMES.values():
                    out.append((p["column"], f"{v!r}: ACTES prefix {prefix!r} is not recognised"))
                elif "/ " in v or " /" in v:
                    out.append((p["column"], f"{v!r}: no space before or after the slash"))
    elif name == "one-of-required":
        if not val(p["column1"]) and not val(p["column2"]):
            out.append((p["column1"], f"one of {p['column1']} or {p['column2']} is required"))
    else:
        out.append((None, f"unknown custom check {name!r} (not verified)"))
    return out


def _delib_checks(schema_name: str, row: Mapping[str, str]) -> list[tuple[str | None, str, str]]:
    if schema_name != "deliberations":
        return []
    out: list[tuple[str | None, str, str]] = []
    code, nom = row.get("DELIB_MATIERE_CODE", "") or "", row.get("DELIB_MATIERE_NOM", "") or ""
    if code and not actes_code_ok(code):
        out.append(
            ("DELIB_MATIERE_CODE", "delib-actes-level2-code", f"{code!r} is not an ACTES level-2 code")
        )
    if code and nom and "/" in nom and actes_code_ok(code):
        level1 = _norm(nom[: nom.index("/")])
        expected = ACTES_LEVEL1_NAMES[int(code.split(".")[0])]
        if level1 in ACTES_LEVEL1_NAMES.values() and level1 != expected:
            out.append(
                (
                    "DELIB_MATIERE_NOM",
                    "delib-actes-code-matches-name",
                    f"{nom!r} is not under {code} ({expected})",
                )
            )
    return out


def validate(
    schema_name: str,
    header: Sequence[str],
    rows: Sequence[Mapping[str, str]],
    schema: Mapping[str, Any] | None = None,
) -> list[ValidationError]:
    """Validate CSV-shaped rows (strings; '' for empty). Returns every error found."""
    schema = schema or load_schema(schema_name)
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    errors: list[ValidationError] = []
    missing = [n for n in names if n not in header]
    extra = [h for h in header if h not in names]
    for n in missing:
        errors.append(ValidationError(0, n, "missing-label", f"column {n} is missing"))
    for h in extra:
        errors.append(ValidationError(0, h, "extra-label", f"column {h} is not in the schema"))
    if not missing and not extra and list(header) != names:
        errors.append(ValidationError(0, None, "incorrect-label", "columns are not in the schema order"))
    for i, row in enumerate(rows, start=1):
        for f in fields:
            for msg in _cell_errors(f, row.get(f["name"], "") or ""):
                check = "required" if msg.startswith("required") else "constraint"
                errors.append(ValidationError(i, f["name"], check, msg))
        for check in schema.get("custom_checks", []):
            for fld, msg in _custom(check, row):
                errors.append(ValidationError(i, fld, check["name"], msg))
        for fld, cname, msg in _delib_checks(schema_name, row):
            errors.append(ValidationError(i, fld, cname, msg))
    return errors


def validate_csv(schema_name: str, path: str | Path) -> list[ValidationError]:
    import csv

    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        header = reader.fieldnames or []
    return validate(schema_name, header, rows)
