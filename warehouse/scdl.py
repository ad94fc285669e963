"""Open-data exports: SCDL Délibérations 2.1.5 and Subventions 2.1.1 CSV, plus Parquet/CSV dumps.

Nothing is invented.  A value goes into an SCDL column only if the publication justifies it, or a
person supplied it as a collectivity-level fact (``--facts FILE``); every required value left
empty, and every value derived by a rule, is written to a report beside the CSV
(``OUT.report.csv``: row, id, field, kind, message), and the CSV is validated
(:mod:`delib.warehouse.scdl_validate`), errors going to the same report.

What the publications justify: collectivity, number, date, title, vote counts (recused members
taken out, see the ``scdl_deliberations`` view), ACTES matière 7.5 when the deliberation attributes
grant lines; per grant: beneficiary (resolved name), amount, ``nature`` = aide en numéraire (an
amount of money is granted) and ``pourcentageSubvention`` = 1.00 (one line, one beneficiary).
What they do not: SIRET/RNA, convention date, payment conditions and dates, EU notification,
prefecture receipt: empty unless supplied as facts, and reported.

Facts file (TOML, or JSON with the same structure)::

    [collectivity]                    # applies to every deliberation...
    name = "Département du Pas-de-Calais"   # COLL_NOM / nomAttribuant (official name)
    siret = "22620001200012"                 # COLL_SIRET / idAttribuant (14 digits, Luhn)
    prefecture = "PREF062"                   # PREF_ID
    url_template = "https://example.org/actes/{file_name}"   # DELIB_URL; {file_name} {number} {sha256}
                                             # (default: the http(s) address the file was fetched from)

    [collectivities."DEPARTEMENT DU PAS-DE-CALAIS"]   # ...or per collectivity as printed
    siret = "..."

    [matieres]                        # DELIB_ID -> ACTES level-2 code (overrides the grants rule)
    "2023-259" = "8.2"

    [grants]                          # Subventions facts true for every grant of the collectivity
    notification_ue = "non"           # notificationUE
    conditions_versement = "unique"   # conditionsVersement

    [beneficiaries."RECUPAIRE"]       # any spelling; applies to the resolved organisation
    siret = "..."
    rna = "W123456789"
"""

from __future__ import annotations

import csv
import json
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from delib.base.errors import DelibError
from delib.warehouse.names import key
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


@dataclass
class Facts:
    collectivity: dict[str, str] = field(default_factory=dict)
    collectivities: dict[str, dict[str, str]] = field(default_factory=dict)  # by collectivity key
    matieres: dict[str, str] = field(default_factory=dict)
    grants: dict[str, str] = field(default_factory=dict)
    beneficiaries: dict[str, dict[str, str]] = field(default_factory=dict)  # by spelling key
    source: str | None = None

    def for_collectivity(self, printed: str | None) -> dict[str, str]:
        out = dict(self.collectivity)
        out.update(self.collectivities.get(key(printed or ""), {}))
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
        raise FactsError(f"not valid {'JSON' if p.suffix.lower() == '.json' else 'TOML'}: {exc}", p) from exc
    known = {"collectivity", "collectivities", "matieres", "grants", "beneficiaries"}
    unknown = set(data) - known
    if unknown:
        raise FactsError(f"unknown section(s) {sorted(unknown)}; expected {sorted(known)}", p)

    def strs(d: Any, where: str) -> dict[str, str]:
        if not isinstance(d, dict):
            raise FactsError(f"[{where}] must be a table", p)
        return {str(k): str(v) for k, v in d.items()}

    facts = Facts(
        collectivity=strs(data.get("collectivity", {}), "collectivity"),
        collectivities={
            key(k): strs(v, f"collectivities.{k}") for k, v in data.get("collectivities", {}).items()
        },
        matieres=strs(data.get("matieres", {}), "matieres"),
        grants=strs(data.get("grants", {}), "grants"),
        beneficiaries={
            key(k): strs(v, f"beneficiaries.{k}") for k, v in data.get("beneficiaries", {}).items()
        },
        source=str(p),
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
) -> ExportResult:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(header), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    errors = validate(schema_name, header, rows)
    report = _report_path(out)
    ids = {i + 1: r for i, r in enumerate(rows)}
    id_field = "DELIB_ID" if schema_name == "deliberations" else "referenceDecision"
    with report.open("w", encoding="utf-8", newline="") as f:
        w2 = csv.writer(f, lineterminator="\n")
        w2.writerow(["row", "id", "field", "kind", "message"])
        for n in notes:
            w2.writerow(n)
        for e in errors:
            w2.writerow(
                [e.row, ids.get(e.row, {}).get(id_field, ""), e.field or "", f"error:{e.check}", e.message]
            )
    return ExportResult(
        out,
        report,
        len(rows),
        errors,
        sum(1 for n in notes if n[3] == "missing"),
        sum(1 for n in notes if n[3] == "derived"),
    )


def export_deliberations(
    con: duckdb.DuckDBPyConnection, out: Path, facts: Facts | None = None
) -> ExportResult:
    """Current deliberations as SCDL Délibérations 2.1.5 CSV + report."""
    facts = facts or Facts()
    header = [f["name"] for f in load_schema("deliberations")["fields"]]
    cur = con.execute(
        """SELECT s.*, doc.file_name, doc.sha256 AS file_sha256, doc.source AS file_source FROM scdl_deliberations s
           JOIN deliberations d USING (deliberation_id) JOIN documents doc ON doc.document_id = d.document_id
           ORDER BY s.DELIB_DATE, s.DELIB_ID, s.deliberation_id"""
    )
    cols = [c[0] for c in cur.description or ()]
    rows: list[dict[str, str]] = []
    notes: list[tuple[int, str, str, str, str]] = []
    for n, rec in enumerate((dict(zip(cols, r, strict=True)) for r in cur.fetchall()), start=1):
        fc = facts.for_collectivity(rec["COLL_NOM"])
        ident = _s(rec["DELIB_ID"])

        def note(fld: str, kind: str, msg: str, n: int = n, ident: str = ident) -> None:
            notes.append((n, ident, fld, kind, msg))

        row = {h: _s(rec.get(h)) for h in header}
        if fc.get("name"):
            row["COLL_NOM"] = fc["name"]
        if fc.get("siret"):
            row["COLL_SIRET"] = fc["siret"]
        if fc.get("prefecture"):
            row["PREF_ID"] = fc["prefecture"]
        if fc.get("url_template"):
            row["DELIB_URL"] = fc["url_template"].format(
                file_name=rec["file_name"], number=ident, sha256=rec["file_sha256"]
            )
        elif str(rec["file_source"] or "").startswith(("http://", "https://")):
            row["DELIB_URL"] = str(rec["file_source"])  # the address the file was fetched from
        code = facts.matieres.get(ident)
        if code:
            row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"] = code, ACTES_NAMES[code]
        elif row["DELIB_MATIERE_CODE"]:
            note(
                "DELIB_MATIERE_CODE",
                "derived",
                "7.5 finances locales/subventions: the deliberation attributes grant lines",
            )
        if rec["VOTE_REEL"] is not None and "counted as abstentions" in str(rec["vote_note"]):
            note("VOTE_ABSTENTION", "derived", str(rec["vote_note"]))
        elif rec["VOTE_REEL"] is not None and rec["vote_note"] != "counts as printed":
            note("VOTE_ABSTENTION", "note", str(rec["vote_note"]))
        elif rec["VOTE_REEL"] is None and rec["vote_note"]:
            note("VOTE_EFFECTIF", "empty", str(rec["vote_note"]))
        reasons = {
            "COLL_NOM": "no collectivity name read and none in --facts",
            "COLL_SIRET": "the publication does not print the collectivity SIRET; supply it with --facts ([collectivity] siret)",
            "DELIB_ID": "no deliberation number read",
            "DELIB_DATE": "no meeting date read",
            "DELIB_MATIERE_CODE": "no ACTES matière printed and no grant line to justify 7.5; supply it with --facts ([matieres])",
            "DELIB_MATIERE_NOM": "follows DELIB_MATIERE_CODE",
            "DELIB_OBJET": "no title read",
        }
        for fld, why in reasons.items():
            if not row[fld]:
                note(fld, "missing", why)
        rows.append(row)
    return _write(out, header, rows, notes, "deliberations")


def export_subventions(con: duckdb.DuckDBPyConnection, out: Path, facts: Facts | None = None) -> ExportResult:
    """Grant lines of current deliberations as SCDL Subventions 2.1.1 CSV + report."""
    facts = facts or Facts()
    header = [f["name"] for f in load_schema("subventions")["fields"]]
    cur = con.execute(
        """SELECT g.collectivity, g.deliberation_number, g.beneficiary_name, g.printed_beneficiary, g.theme,
                  g.operation, g.description, g.amount, g.beneficiary_id, g.period_start, g.period_end
           FROM current_grants g ORDER BY g.session_date, g.deliberation_number, g.grant_row_id"""
    )
    grant_rows = cur.fetchall()  # before the next execute on this connection replaces the result
    spellings: dict[int, list[str]] = {}
    for bid, alias in con.execute("SELECT beneficiary_id, alias FROM beneficiary_merges").fetchall():
        spellings.setdefault(int(bid), []).append(str(alias))
    rows: list[dict[str, str]] = []
    notes: list[tuple[int, str, str, str, str]] = []
    for n, (coll, number, bname, printed, theme, operation, descr, amount, bid, _ps, _pe) in enumerate(
        grant_rows, start=1
    ):
        fc = facts.for_collectivity(coll)
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
            nomAttribuant=fc.get("name") or _s(coll),
            idAttribuant=fc.get("siret", ""),
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
        if printed != bname:
            note(
                "nomBeneficiaire",
                "derived",
                f"printed {printed!r}; resolved to {bname!r} (beneficiary_merges)",
            )
        reasons = {
            "nomAttribuant": "no collectivity name read and none in --facts",
            "idAttribuant": "the publication does not print the collectivity SIRET; supply it with --facts ([collectivity] siret)",
            "dateConvention": "the deliberation approves the convention; its signature date is not in the publication",
            "idBeneficiaire": 'no SIRET printed for the beneficiary; supply it with --facts ([beneficiaries."name"] siret or rna)',
            "objet": "no theme, operation or description read for the line",
            "conditionsVersement": "payment conditions are not printed; supply them with --facts ([grants] conditions_versement)",
            "datesPeriodeVersement": "payment dates are not printed (a period printed is the action's, not the payment's)",
            "notificationUE": 'not printed; supply it with --facts ([grants] notification_ue = "oui"/"non")',
        }
        for fld, why in reasons.items():
            if not row[fld] and not (fld == "idBeneficiaire" and row["rnaBeneficiaire"]):
                note(fld, "missing", why)
        rows.append(row)
    return _write(out, header, rows, notes, "subventions")


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
