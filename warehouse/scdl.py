"""Open-data exports: SCDL Délibérations 2.1.5 and Subventions 2.1.1 CSV, plus Parquet/CSV dumps.

Nothing is invented.  A value goes into an SCDL column only if the publication justifies it, or a
person supplied it as a collectivity-level fact (``--facts FILE``); every required value left
empty, and every value derived by a rule, is written to a report beside the CSV
(``OUT.report.csv``: row, id, field, kind, message), and the CSV is validated
(:mod:`delib.warehouse.scdl_validate`), errors going to the same report.

What the publications justify: collectivity, number, date, title, vote counts (recused members
taken out, see the ``scdl_deliberations`` view); what rules derive from them, each reported with
its rule (:mod:`delib.warehouse.scdl_completion`): an id for an unnumbered deliberation, an object
for an untitled one, the ACTES matière (:mod:`delib.extract.matiere`), a VOTE_EFFECTIF not below
VOTE_REEL; per grant: beneficiary (resolved name), amount, ``nature`` = aide en numéraire (an
amount of money is granted) and ``pourcentageSubvention`` = 1.00 (one line, one beneficiary).
What they do not: SIRET/RNA, convention date, payment conditions and dates, EU notification,
prefecture receipt: empty unless supplied as facts, and reported.

Facts file (TOML, or JSON with the same structure)::

    [collectivities."Département du Pas-de-Calais"]   # the collectivity as printed (any case/accents)
    name = "Département du Pas-de-Calais"    # COLL_NOM / nomAttribuant (official spelling)
    siret = "22620001200012"                  # COLL_SIRET / idAttribuant (14 digits, Luhn)
    siren = "226200012"                       # optional; checked against the SIRET and the ACTES id
    prefecture = "PREF062"                    # PREF_ID (PREFNNN, SPREFNNNM or SGARNNN)
    url_template = "https://example.org/actes/{file_name}"   # DELIB_URL; {file_name} {number} {sha256}
                                              # (default: the http(s) address the file was fetched from)

    [collectivities."Ville de Montpellier"]   # one table per collectivity of the warehouse
    siret = "..."

    [collectivity]                    # unkeyed: only for a warehouse of ONE collectivity (else refused)
    siret = "..."

    [matieres]                        # DELIB_ID -> ACTES level-2 code (overrides the grants rule)
    "2023-259" = "8.2"

    [grants]                          # Subventions facts true for every grant of the collectivity
    notification_ue = "non"           # notificationUE (oui/non)
    conditions_versement = "unique"   # conditionsVersement

    [beneficiaries."RECUPAIRE"]       # any spelling; applies to the resolved organisation
    siret = "..."
    rna = "W123456789"

Facts fill gaps, they never overwrite (``Facts.for_row``): collectivity facts apply only to the rows
whose printed collectivity has the table's key; a value the document prints wins.  A ``name`` that
is not the printed collectivity (other words, not only other case or accents), a SIRET/SIREN whose
SIREN is not the one of an ACTES identifier printed for that collectivity (``062-226200012-...``, in
any of its deliberations), or a prefecture whose department is not the identifier's, is written on
none of its rows and is reported on each (``kind`` = ``conflict``).  An
unkeyed ``[collectivity]`` whose ``name`` is another collectivity's applies to nothing.  SIRET,
SIREN, prefecture, RNA and notification_ue are validated when the file is read
(``FactsError`` naming the file and the key), so nothing is written from an invalid file.
"""

from __future__ import annotations

import csv
import json
import re
import string
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import duckdb

from delib.base.errors import DelibError
from delib.base.files import replacing
from delib.warehouse.names import key
from delib.warehouse.scdl_completion import UNNUMBERED_RULE, complete_row, contexts, unnumbered_id
from delib.warehouse.scdl_validate import (
    ValidationError,
    load_schema,
    validate,
)

#: ACTES level-2 names (level 1/level 2, lower case, accented, no comma or parenthesis)
ACTES_NAMES = {
    "1.1": "commande publique/marchés publics",
    "1.2": "commande publique/délégation de service public",
    "1.3": "commande publique/conventions de mandat",
    "1.4": "commande publique/autres types de contrats",
    "1.5": "commande publique/transactions protocole d'accord transactionnel",
    "1.6": "commande publique/actes relatifs à la maîtrise d'oeuvre",
    "1.7": "commande publique/actes spéciaux et divers",
    "2.1": "urbanisme/documents d'urbanisme",
    "2.2": "urbanisme/actes relatifs au droit d'occupation ou d'utilisation des sols",
    "2.3": "urbanisme/droit de préemption urbain",
    "3.1": "domaine et patrimoine/acquisitions",
    "3.2": "domaine et patrimoine/aliénations",
    "3.3": "domaine et patrimoine/locations",
    "3.4": "domaine et patrimoine/limites territoriales",
    "3.5": "domaine et patrimoine/actes de gestion du domaine public",
    "3.6": "domaine et patrimoine/autres actes de gestion du domaine privé",
    "4.1": "fonction publique/personnels titulaires et stagiaires de la fpt",
    "4.2": "fonction publique/personnels contractuels",
    "4.3": "fonction publique/fonction publique hospitalière",
    "4.4": "fonction publique/autres catégories de personnels",
    "4.5": "fonction publique/régime indemnitaire",
    "5.1": "institutions et vie politique/election exécutif",
    "5.2": "institutions et vie politique/fonctionnement des assemblées",
    "5.3": "institutions et vie politique/désignation de représentants",
    "5.4": "institutions et vie politique/délégation de fonctions",
    "5.5": "institutions et vie politique/délégation de signature",
    "5.6": "institutions et vie politique/exercice des mandats locaux",
    "5.7": "institutions et vie politique/intercommunalité",
    "5.8": "institutions et vie politique/décision d'ester en justice",
    "6.1": "libertés publiques et pouvoirs de police/police municipale",
    "6.2": "libertés publiques et pouvoirs de police/pouvoir du président du conseil général",
    "6.3": "libertés publiques et pouvoirs de police/pouvoir du président du conseil régional",
    "6.4": "libertés publiques et pouvoirs de police/autres actes réglementaires",
    "6.5": "libertés publiques et pouvoirs de police/actes pris au nom de l'etat",
    "7.1": "finances locales/décisions budgétaires",
    "7.2": "finances locales/fiscalité",
    "7.3": "finances locales/emprunts",
    "7.4": "finances locales/interventions économiques",
    "7.5": "finances locales/subventions",
    "7.6": "finances locales/contributions budgétaires",
    "7.7": "finances locales/avances",
    "7.8": "finances locales/fonds de concours",
    "7.9": "finances locales/prise de participation",
    "7.10": "finances locales/divers",
    "8.1": "domaines de compétences par thèmes/enseignement",
    "8.2": "domaines de compétences par thèmes/aide sociale",
    "8.3": "domaines de compétences par thèmes/voirie",
    "8.4": "domaines de compétences par thèmes/aménagement du territoire",
    "8.5": "domaines de compétences par thèmes/politique de la ville-habitat-logement",
    "8.6": "domaines de compétences par thèmes/emploi-formation professionnelle",
    "8.7": "domaines de compétences par thèmes/transports",
    "8.8": "domaines de compétences par thèmes/environnement",
    "8.9": "domaines de compétences par thèmes/culture",
    "9.1": "autres domaines de compétences/autres domaines de compétences des communes",
    "9.2": "autres domaines de compétences/autres domaines de compétences des départements",
    "9.3": "autres domaines de compétences/autres domaines de compétences des régions",
    "9.4": "autres domaines de compétences/voeux et motions",
}


class FactsError(DelibError):
    """The facts file cannot be used."""


#: keys each section of a facts file accepts (a typo is refused rather than ignored)
COLLECTIVITY_KEYS = frozenset({"name", "siret", "siren", "prefecture", "url_template"})
BENEFICIARY_KEYS = frozenset({"siret", "rna"})
GRANT_KEYS = frozenset({"notification_ue", "conditions_versement"})
#: PREFNNN / SGARNNN / SPREFNNNM; NNN = the department on 3 characters (001-095, 02A, 02B, 971-976)
_DEPT = r"(?:0(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])|97[1-6])"
_PREFECTURE = re.compile(rf"(?:PREF|SGAR)(?P<dept>{_DEPT})|SPREF(?P<sdept>{_DEPT})\d")
_ACTS_ID = re.compile(r"(?P<dept>\d{3}|02[AB])-(?P<siren>\d{9})-")
_URL_FIELDS = frozenset({"file_name", "number", "sha256"})


def _checked(where: str, name: str, value: str, path: Path) -> str:
    """One fact value, validated and normalised; FactsError naming the file and the key."""
    from stdnum.exceptions import ValidationError as NumberError
    from stdnum.fr import siren, siret

    label = f"[{where}] {name} = {value!r}"
    if name in ("siret", "siren"):
        module, what = (
            (siret, "a SIRET (14 digits, Luhn check digit)")
            if name == "siret"
            else (
                siren,
                "a SIREN (9 digits, Luhn check digit)",
            )
        )
        try:
            return str(module.validate(value))
        except NumberError as exc:
            raise FactsError(f"{label} is not {what}: {str(exc).rstrip('.').lower()}", path) from None
    if name == "prefecture":
        if not _PREFECTURE.fullmatch(value.strip().upper()):
            raise FactsError(f"{label} is not a prefecture code (PREF062, SPREF0621, SGAR075)", path)
        return value.strip().upper()
    if name == "rna" and not re.fullmatch(r"W\d{9}", value.strip()):
        raise FactsError(f"{label} is not an RNA number (W and 9 digits)", path)
    if name == "notification_ue" and value.strip().lower() not in ("oui", "non"):
        raise FactsError(f"{label} must be oui or non", path)
    if name == "url_template":
        try:
            fields = {f for _, f, _, _ in string.Formatter().parse(value) if f is not None}
        except ValueError as exc:
            raise FactsError(f"{label} is not a template: {exc}", path) from None
        if fields - _URL_FIELDS:
            raise FactsError(
                f"{label} uses {sorted(fields - _URL_FIELDS)}; known: {sorted(_URL_FIELDS)}", path
            )
    return value.strip()


def _prefecture_dept(code: str) -> str:
    m = _PREFECTURE.fullmatch(code)
    return (m.group("dept") or m.group("sdept")) if m else ""


@dataclass
class RowFacts:
    """The collectivity facts that apply to one row, and the disagreements with the document."""

    values: dict[str, str] = field(default_factory=dict)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (field key, message)


@dataclass
class Facts:
    collectivity: dict[str, str] = field(default_factory=dict)  # unkeyed: one-collectivity warehouse
    collectivities: dict[str, dict[str, str]] = field(default_factory=dict)  # by collectivity key
    matieres: dict[str, str] = field(default_factory=dict)
    grants: dict[str, str] = field(default_factory=dict)
    beneficiaries: dict[str, dict[str, str]] = field(default_factory=dict)  # by spelling key
    source: str | None = None
    labels: dict[str, str] = field(default_factory=dict)  # collectivity key -> name as in the file

    def check_scope(self, printed: Iterable[str | None]) -> None:
        """Refuse an unkeyed ``[collectivity]`` on rows of several collectivities (listed)."""
        if not self.collectivity:
            return
        names: dict[str, str] = {}
        for name in printed:
            if name and key(name) not in names:
                names[key(name)] = name
        if len(names) > 1:
            raise FactsError(
                f"[collectivity] has no key but the warehouse holds {len(names)} collectivities "
                f'({"; ".join(sorted(names.values()))}): write one [collectivities."NAME"] table each',
                self.source,
            )

    def unmatched(self, printed: Iterable[str | None]) -> list[str]:
        """Keyed collectivity tables that match no row (a misspelt key applies to nothing)."""
        seen = {key(p) for p in printed if p}
        return [self.labels.get(k, k) for k in self.collectivities if k not in seen]

    def for_row(self, printed: str | None, witnesses: Mapping[str | None, Sequence[str]]) -> RowFacts:
        """Facts for a row of the collectivity ``printed``; the document's own values win.

        ``witnesses``: the ACTES ids printed for each collectivity (as printed).  A SIREN or a
        department printed in any ACTES id of the collectivity contradicts a fact for all its rows.
        """
        out = RowFacts()
        if not printed:
            return out  # the collectivity was not read: whose facts they are cannot be told
        keyed = self.collectivities.get(key(printed))
        facts = keyed if keyed is not None else dict(self.collectivity)
        official = facts.get("name")
        if official and key(official) != key(printed):
            if keyed is None:  # the unkeyed table is about another collectivity: none of it applies
                out.conflicts.append(
                    ("name", f"document prints {printed!r}; [collectivity] is {official!r}: no fact applied")
                )
                return out
            out.conflicts.append(
                ("name", f"document prints {printed!r}; facts say {official!r}: printed kept")
            )
            facts = {k: v for k, v in facts.items() if k != "name"}
        ids = [a for c, acts in witnesses.items() if c and key(c) == key(printed) for a in acts]
        for acts_id, m in ((a, _ACTS_ID.match(a)) for a in ids):
            if m is None:
                continue
            for k in ("siret", "siren"):
                if facts.get(k) and facts[k][:9] != m.group("siren"):
                    msg = (
                        f"ACTES id {acts_id} prints SIREN {m.group('siren')}; facts {k} {facts[k]}: not used"
                    )
                    out.conflicts.append((k, msg))
                    facts = {x: v for x, v in facts.items() if x not in ("siret", "siren")}
            pref = facts.get("prefecture")
            if pref and _prefecture_dept(pref) != m.group("dept"):
                msg = f"ACTES id {acts_id} is of department {m.group('dept')}; facts {pref}: not used"
                out.conflicts.append(("prefecture", msg))
                facts = {x: v for x, v in facts.items() if x != "prefecture"}
        out.values = facts
        return out


def read_facts(path: str | Path | None) -> Facts:
    """Read a facts file (TOML or JSON, format in this module's docstring); None gives no facts."""
    if path is None:
        return Facts()
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise FactsError(f"cannot read facts file: {exc.strerror}", p) from exc
    try:
        data: dict[str, Any] = json.loads(raw) if p.suffix.lower() == ".json" else tomllib.loads(raw.decode())
    except (ValueError, UnicodeDecodeError) as exc:
        text = " ".join(str(exc).split())
        raise FactsError(f"not valid {'JSON' if p.suffix.lower() == '.json' else 'TOML'}: {text}", p) from exc
    if not isinstance(data, dict):
        raise FactsError("the facts must be a table (TOML) or an object (JSON)", p)
    known = {"collectivity", "collectivities", "matieres", "grants", "beneficiaries"}
    unknown = set(data) - known
    if unknown:
        raise FactsError(f"unknown section(s) {sorted(unknown)}; expected {sorted(known)}", p)

    def table(d: Any, where: str, keys: frozenset[str] | None = None) -> dict[str, str]:
        if not isinstance(d, dict):
            raise FactsError(f"[{where}] must be a table", p)
        out: dict[str, str] = {}
        for k, v in d.items():
            if isinstance(v, (dict, list)):
                hint = (
                    f'; facts of one collectivity go in [collectivities."{k}"]'
                    if where == "collectivity"
                    else ""
                )
                raise FactsError(f"[{where}] {k} must be a value, not a table or a list{hint}", p)
            if keys is not None and k not in keys:
                raise FactsError(f"[{where}] unknown key {k!r}; expected {sorted(keys)}", p)
            out[str(k)] = _checked(where, str(k), str(v), p) if keys is not None else str(v)
        if keys is not None and out.get("siret") and out.get("siren") and out["siret"][:9] != out["siren"]:
            raise FactsError(
                f"[{where}] siret {out['siret']} is not an establishment of siren {out['siren']}", p
            )
        return out

    def tables(d: Any, where: str, keys: frozenset[str]) -> dict[str, dict[str, str]]:
        if not isinstance(d, dict):
            raise FactsError(f"[{where}] must be a table of tables", p)
        return {str(k): table(v, f'{where}."{k}"', keys) for k, v in d.items()}

    keyed = tables(data.get("collectivities", {}), "collectivities", COLLECTIVITY_KEYS)
    facts = Facts(
        collectivity=table(data.get("collectivity", {}), "collectivity", COLLECTIVITY_KEYS),
        collectivities={key(k): v for k, v in keyed.items()},
        matieres=table(data.get("matieres", {}), "matieres"),
        grants=table(data.get("grants", {}), "grants", GRANT_KEYS),
        beneficiaries={
            key(k): v
            for k, v in tables(data.get("beneficiaries", {}), "beneficiaries", BENEFICIARY_KEYS).items()
        },
        source=str(p),
        labels={key(k): k for k in keyed},
    )
    for number, code in facts.matieres.items():
        if code not in ACTES_NAMES:
            raise FactsError(f"[matieres] {number} = {code!r} is not an ACTES level-2 code", p)
    return facts


@dataclass
class ExportResult:
    path: Path
    report_path: Path
    rows: int
    errors: list[ValidationError]
    missing: int
    derived: int
    conflicts: int = 0  # facts the document contradicts (not written; see the report)
    unmatched_facts: list[str] = field(default_factory=list)  # [collectivities."X"] matching no row


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _report_path(out: Path) -> Path:
    return out.with_name(out.stem + ".report.csv")


def _write(
    out: Path,
    header: Sequence[str],
    rows: list[dict[str, str]],
    notes: list[tuple[int, str, str, str, str]],
    schema_name: str,
    unmatched_facts: list[str],
) -> ExportResult:
    """Write the rows and their report (with the ``--facts`` collectivities matching no row)."""
    errors = validate(schema_name, header, rows)
    report = _report_path(out)
    ids = {i + 1: r for i, r in enumerate(rows)}
    id_field = "DELIB_ID" if schema_name == "deliberations" else "referenceDecision"
    report_rows: list[Sequence[Any]] = [["row", "id", "field", "kind", "message"], *notes]
    report_rows += [
        [e.row, ids.get(e.row, {}).get(id_field, ""), e.field or "", f"error:{e.check}", e.message]
        for e in errors
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    with _replacing(out) as f:
        w = csv.DictWriter(f, fieldnames=list(header), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with _replacing(report) as f:
        csv.writer(f, lineterminator="\n").writerows(report_rows)
    return ExportResult(
        out,
        report,
        len(rows),
        errors,
        sum(1 for n in notes if n[3] == "missing"),
        sum(1 for n in notes if n[3] == "derived"),
        sum(1 for n in notes if n[3] == "conflict"),
        unmatched_facts,
    )


@contextmanager
def _replacing(path: Path) -> Iterator[IO[str]]:
    """Write a text file whole or not at all (:func:`delib.base.files.replacing`)."""
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8", newline="") as f:
        yield f


def _collectivities(con: duckdb.DuckDBPyConnection) -> dict[str | None, list[str]]:
    """The collectivities of the current deliberations as printed, with the ACTES ids printed for them."""
    return {
        c: [str(a) for a in ids or ()]
        for c, ids in con.execute(
            """SELECT collectivity, list(acts_id ORDER BY acts_id) FILTER (WHERE acts_id IS NOT NULL)
               FROM current_deliberations GROUP BY collectivity"""
        ).fetchall()
    }


def export_deliberations(
    con: duckdb.DuckDBPyConnection, out: Path, facts: Facts | None = None
) -> ExportResult:
    """Current deliberations as SCDL Délibérations 2.1.5 CSV + report."""
    facts = facts or Facts()
    header = [f["name"] for f in load_schema("deliberations")["fields"]]
    cur = con.execute(
        """SELECT s.*, doc.file_name, doc.sha256 AS file_sha256, doc.source AS file_source
           FROM scdl_deliberations s
           JOIN deliberations d USING (deliberation_id) JOIN documents doc ON doc.document_id = d.document_id
           ORDER BY s.DELIB_DATE, s.DELIB_ID, s.deliberation_id"""
    )
    cols = [c[0] for c in cur.description or ()]
    records = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    printed = _collectivities(con)
    facts.check_scope(printed)  # before anything is written
    ctxs = contexts(con)
    rows: list[dict[str, str]] = []
    notes: list[tuple[int, str, str, str, str]] = []
    for n, rec in enumerate(records, start=1):
        rf = facts.for_row(rec["COLL_NOM"], printed)
        fc = rf.values
        ctx = ctxs[int(rec["deliberation_id"])]
        ident = _s(rec["DELIB_ID"]) or unnumbered_id(_s(rec["DELIB_DATE"]), ctx)

        def note(fld: str, kind: str, msg: str, n: int = n, ident: str = ident) -> None:
            notes.append((n, ident, fld, kind, msg))

        row = {h: _s(rec.get(h)) for h in header}
        if not row["DELIB_ID"]:
            row["DELIB_ID"] = ident
            note("DELIB_ID", "derived", UNNUMBERED_RULE)
        _apply_collectivity(
            row, rf, note, {"name": "COLL_NOM", "siret": "COLL_SIRET", "prefecture": "PREF_ID"}
        )
        if fc.get("url_template"):
            row["DELIB_URL"] = fc["url_template"].format(
                file_name=rec["file_name"], number=ident, sha256=rec["file_sha256"]
            )
        elif str(rec["file_source"] or "").startswith(("http://", "https://")):
            row["DELIB_URL"] = str(rec["file_source"])  # the address the file was fetched from
        complete_row(row, ctx, note, ACTES_NAMES, facts.matieres.get(ident))
        if rec["VOTE_REEL"] is not None and "counted as abstentions" in str(rec["vote_note"]):
            note("VOTE_ABSTENTION", "derived", str(rec["vote_note"]))
        elif rec["VOTE_REEL"] is not None and rec["vote_note"] != "counts as printed":
            note("VOTE_ABSTENTION", "note", str(rec["vote_note"]))
        elif rec["VOTE_REEL"] is None and rec["vote_note"]:
            note("VOTE_EFFECTIF", "empty", str(rec["vote_note"]))
        _note_gaps(row, _DELIBERATION_GAPS, note)
        rows.append(row)
    return _write(out, header, rows, notes, "deliberations", facts.unmatched(printed))


_DELIBERATION_GAPS = {
    "COLL_NOM": "no collectivity name read and none in --facts",
    "COLL_SIRET": 'the publication does not print the collectivity SIRET; supply it with --facts ([collectivities."NAME"] siret)',
    "DELIB_DATE": "no meeting date read",
}


def _note_gaps(
    row: Mapping[str, str],
    gaps: Mapping[str, str],
    note: Callable[[str, str, str], None],
    covered_by: Mapping[str, str] | None = None,
) -> None:
    """A ``missing`` note for each empty column of ``gaps`` (with why), unless the column that
    ``covered_by`` names for it is filled."""
    for fld, why in gaps.items():
        other = (covered_by or {}).get(fld)
        if not row[fld] and not (other is not None and row[other]):
            note(fld, "missing", why)


def _apply_collectivity(
    row: dict[str, str], rf: RowFacts, note: Callable[[str, str, str], None], columns: Mapping[str, str]
) -> None:
    """Fill the row's empty collectivity columns from the facts that apply; report disagreements.

    The printed name is replaced only by the same name (other case or accents: the official
    spelling), reported as derived; a fact the document contradicts is reported as a conflict.
    """
    for k, msg in rf.conflicts:
        col = columns.get("siret" if k == "siren" else k)
        if col:
            note(col, "conflict", msg)
    for k, col in columns.items():
        value = rf.values.get(k)
        if not value or value == row[col]:
            continue
        if row[col] and k != "name":
            continue  # the document printed a value: it wins
        if row[col]:
            note(col, "derived", f"official spelling from --facts; printed {row[col]!r}")
        row[col] = value


#: why a Subventions column an export row leaves empty is empty (one note per row and column)
_SUBVENTION_GAPS = {
    "nomAttribuant": "no collectivity name read and none in --facts",
    "idAttribuant": 'the publication does not print the collectivity SIRET; supply it with --facts ([collectivities."NAME"] siret)',
    "dateConvention": "the deliberation approves the convention; its signature date is not in the publication",
    "idBeneficiaire": 'no SIRET printed for the beneficiary; supply it with --facts ([beneficiaries."name"] siret or rna)',
    "objet": "no theme, operation or description read for the line",
    "conditionsVersement": "payment conditions are not printed; supply them with --facts ([grants] conditions_versement)",
    "datesPeriodeVersement": "payment dates are not printed (a period printed is the action's, not the payment's)",
    "notificationUE": 'not printed; supply it with --facts ([grants] notification_ue = "oui"/"non")',
}


def export_subventions(con: duckdb.DuckDBPyConnection, out: Path, facts: Facts | None = None) -> ExportResult:
    """Grant lines of current deliberations as SCDL Subventions 2.1.1 CSV + report."""
    facts = facts or Facts()
    header = [f["name"] for f in load_schema("subventions")["fields"]]
    cur = con.execute(
        """SELECT g.collectivity, g.deliberation_number, g.beneficiary_name, g.printed_beneficiary, g.theme,
                  g.operation, g.description, g.amount, g.beneficiary_id, g.period_start, g.period_end
           FROM current_grants g
           ORDER BY g.session_date, g.deliberation_number, g.grant_row_id"""
    )
    grant_rows = cur.fetchall()  # before the next execute on this connection replaces the result
    printed_colls = _collectivities(con)
    facts.check_scope(printed_colls)  # before anything is written
    spellings: dict[int, list[str]] = {}
    for bid, alias in con.execute("SELECT beneficiary_id, alias FROM beneficiary_merges").fetchall():
        spellings.setdefault(int(bid), []).append(str(alias))
    rows: list[dict[str, str]] = []
    notes: list[tuple[int, str, str, str, str]] = []
    for n, (
        coll,
        number,
        bname,
        printed,
        theme,
        operation,
        descr,
        amount,
        bid,
        _ps,
        _pe,
    ) in enumerate(grant_rows, start=1):
        rf = facts.for_row(coll, printed_colls)
        ident = _s(number)
        bfacts: dict[str, str] = {}
        for alias in spellings.get(int(bid), [printed]) if bid is not None else [printed]:
            bfacts.update(facts.beneficiaries.get(key(alias), {}))

        def note(fld: str, kind: str, msg: str, n: int = n, ident: str = ident) -> None:
            notes.append((n, ident, fld, kind, msg))

        objet = " - ".join(x for x in (theme, operation, descr) if x)
        if len(objet) > 256:
            objet = objet[:255] + "…"
            note("objet", "derived", "theme - operation - description cut to 256 characters")
        row = {h: "" for h in header}
        row.update(
            nomAttribuant=_s(coll),
            referenceDecision=ident,
            nomBeneficiaire=_s(bname),
            idBeneficiaire=bfacts.get("siret", ""),
            rnaBeneficiaire=bfacts.get("rna", ""),
            objet=objet,
            montant=_s(amount),
            nature="aide en numéraire",
            conditionsVersement=facts.grants.get("conditions_versement", ""),
            notificationUE=facts.grants.get("notification_ue", ""),
            pourcentageSubvention="1.00",
        )
        _apply_collectivity(row, rf, note, {"name": "nomAttribuant", "siret": "idAttribuant"})
        if printed != bname:
            note(
                "nomBeneficiaire",
                "derived",
                f"printed {printed!r}; resolved to {bname!r} (beneficiary_merges)",
            )
        _note_gaps(row, _SUBVENTION_GAPS, note, {"idBeneficiaire": "rnaBeneficiaire"})
        rows.append(row)
    return _write(out, header, rows, notes, "subventions", facts.unmatched(printed_colls))


def dump_tables(
    con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str, *, names: Sequence[str] | None = None
) -> list[tuple[str, int, Path]]:
    """Every table and view as ``OUT/<name>.<parquet|csv>``, plus ``data_dictionary.<fmt>``."""
    if fmt not in ("parquet", "csv"):
        raise DelibError(f"unknown dump format {fmt!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    objects = [
        str(t)
        for (t,) in con.execute(
            """SELECT table_name FROM duckdb_tables() WHERE NOT internal AND NOT temporary
               UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal AND NOT temporary
               ORDER BY 1"""
        ).fetchall()
    ]
    if names:
        unknown = set(names) - set(objects)
        if unknown:
            raise DelibError(f"no table or view named {', '.join(sorted(unknown))}")
        objects = [o for o in objects if o in names]
    options = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER true)"
    written = []
    queries: Mapping[str, str] = {o: f'SELECT * FROM "{o}"' for o in objects}
    queries = {
        **queries,
        "data_dictionary": """
            SELECT 'table' AS kind, table_name AS object, NULL AS column_name, NULL AS data_type, comment
            FROM duckdb_tables() WHERE NOT internal AND NOT temporary
            UNION ALL SELECT 'view', view_name, NULL, NULL, comment FROM duckdb_views() WHERE NOT internal AND NOT temporary
            UNION ALL SELECT 'column', table_name, column_name, data_type, comment FROM duckdb_columns()
            WHERE NOT internal AND schema_name = 'main'
            ORDER BY 2, 1 DESC, 3""",
    }
    # ``con`` is read-only with external access off (it cannot COPY to a file): its rows stream as
    # Arrow batches into a private in-memory DuckDB that runs only this fixed COPY, so the files
    # are written exactly as DuckDB writes Parquet/CSV while user SQL still cannot touch files.
    writer = duckdb.connect(":memory:")
    try:
        for name, sql in queries.items():
            target = out_dir / f"{name}.{fmt}"
            rows = con.sql(sql).to_arrow_reader()
            writer.register("_rows", rows)
            try:
                writer.execute(f"COPY _rows TO '{str(target).replace(chr(39), chr(39) * 2)}' {options}")
            finally:
                writer.unregister("_rows")
            count = con.execute(f"SELECT count(*) FROM ({sql})").fetchall()
            written.append((name, int(count[0][0]) if count else 0, target))
    finally:
        writer.close()
    return written
