-- Migration 001: the warehouse tables.
--
-- Conventions
--  * one row of an extracted table = one record of delib.models, with its provenance:
--    sha256 (file), page (1-based), bbox_x0/bbox_top/bbox_x1/bbox_bottom (PDF points,
--    top-left origin, as pdfplumber gives them) and rule (name.version of the extraction rule).
--    Their comments are set by the migrator (warehouse/migrate.py, PROVENANCE_COMMENTS) so that
--    they are written once.
--  * identifiers (SIRET, INSEE, deliberation numbers) are text; amounts are DECIMAL(18,2).
--  * a deliberation re-published in a changed file is not deleted: the old row gets valid_to and
--    superseded_by; the current_* views show the live versions only.

CREATE SEQUENCE seq_document_id START 1;
CREATE SEQUENCE seq_session_id START 1;
CREATE SEQUENCE seq_deliberation_id START 1;
CREATE SEQUENCE seq_row_id START 1;
CREATE SEQUENCE seq_issue_id START 1;

CREATE TABLE documents (
    document_id BIGINT PRIMARY KEY,
    sha256 VARCHAR NOT NULL UNIQUE,
    path VARCHAR,
    file_name VARCHAR,
    pages INTEGER,
    size_bytes BIGINT,
    record_schema_version VARCHAR,
    extractor_version VARCHAR,
    source VARCHAR,
    n_deliberations INTEGER,
    n_problems INTEGER,
    loaded_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE documents IS 'One row per PDF file loaded (by content): the unit of loading, one transaction each. Re-ingesting the same bytes is a no-op.';
COMMENT ON COLUMN documents.document_id IS 'Surrogate key of the loaded file.';
COMMENT ON COLUMN documents.sha256 IS 'SHA-256 of the file bytes (hex); identifies the document, checked before extraction.';
COMMENT ON COLUMN documents.path IS 'Path of the file as given when it was ingested.';
COMMENT ON COLUMN documents.file_name IS 'Base name of the file.';
COMMENT ON COLUMN documents.pages IS 'Number of pages of the PDF.';
COMMENT ON COLUMN documents.size_bytes IS 'File size in bytes when ingested (NULL if the file was not on disk).';
COMMENT ON COLUMN documents.record_schema_version IS 'Version of the delib.models record format the extractor produced.';
COMMENT ON COLUMN documents.extractor_version IS 'Version of the extractor that read the file.';
COMMENT ON COLUMN documents.source IS 'Where the file came from (URL or path given by the caller of load_publication).';
COMMENT ON COLUMN documents.n_deliberations IS 'Number of deliberations the extractor found in the file.';
COMMENT ON COLUMN documents.n_problems IS 'Number of problems (unread items) the extractor reported for the file.';
COMMENT ON COLUMN documents.loaded_at IS 'When the file was loaded (UTC).';

CREATE TABLE sessions (
    session_id BIGINT PRIMARY KEY,
    collectivity VARCHAR,
    collectivity_key VARCHAR,
    instance VARCHAR,
    instance_key VARCHAR,
    session_date DATE,
    first_document_id BIGINT,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE sessions IS 'One row per meeting (collectivity, instance, date), shared by the deliberations adopted in it.';
COMMENT ON COLUMN sessions.session_id IS 'Surrogate key of the meeting.';
COMMENT ON COLUMN sessions.collectivity IS 'Collectivity as first printed (e.g. DEPARTEMENT DU PAS-DE-CALAIS).';
COMMENT ON COLUMN sessions.collectivity_key IS 'Accent-, case- and punctuation-insensitive key of the collectivity name.';
COMMENT ON COLUMN sessions.instance IS 'Deliberating body as printed (Commission permanente du Conseil départemental, Conseil municipal...).';
COMMENT ON COLUMN sessions.instance_key IS 'Accent-, case- and punctuation-insensitive key of the instance.';
COMMENT ON COLUMN sessions.session_date IS 'Date of the meeting (REUNION DU ...).';
COMMENT ON COLUMN sessions.first_document_id IS 'Document in which the meeting was first seen.';

CREATE TABLE deliberations (
    deliberation_id BIGINT PRIMARY KEY,
    document_id BIGINT NOT NULL,
    session_id BIGINT,
    ordinal INTEGER NOT NULL,
    collectivity VARCHAR,
    collectivity_key VARCHAR,
    instance VARCHAR,
    session_date DATE,
    number VARCHAR,
    acts_id VARCHAR,
    title VARCHAR,
    president VARCHAR,
    secretary VARCHAR,
    place VARCHAR,
    signed_date DATE,
    report_number VARCHAR,
    n_present INTEGER,
    n_excused INTEGER,
    n_absent INTEGER,
    n_recused INTEGER,
    n_grants INTEGER,
    version INTEGER NOT NULL,
    valid_from TIMESTAMP NOT NULL,
    valid_to TIMESTAMP,
    superseded_by BIGINT,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE deliberations IS 'One row per version of a deliberation. A changed file for the same (collectivity, number) supersedes the older row (valid_to, superseded_by) which stays queryable; see view current_deliberations.';
COMMENT ON COLUMN deliberations.deliberation_id IS 'Surrogate key of this version of the deliberation.';
COMMENT ON COLUMN deliberations.document_id IS 'File the deliberation was read from (documents.document_id).';
COMMENT ON COLUMN deliberations.session_id IS 'Meeting that adopted it (sessions.session_id).';
COMMENT ON COLUMN deliberations.ordinal IS 'Position of the deliberation in its file (0-based).';
COMMENT ON COLUMN deliberations.collectivity IS 'Collectivity as printed in the header.';
COMMENT ON COLUMN deliberations.collectivity_key IS 'Accent-, case- and punctuation-insensitive key of the collectivity; with number, identifies a deliberation across versions.';
COMMENT ON COLUMN deliberations.instance IS 'Deliberating body as printed.';
COMMENT ON COLUMN deliberations.session_date IS 'Date of the meeting that adopted the deliberation.';
COMMENT ON COLUMN deliberations.number IS 'Deliberation number as printed (e.g. 2023-259), text.';
COMMENT ON COLUMN deliberations.acts_id IS 'ACTES identifier when printed (e.g. 062-226200012-20230612-2023_259-DE).';
COMMENT ON COLUMN deliberations.title IS 'Title (object) of the deliberation.';
COMMENT ON COLUMN deliberations.president IS 'President of the meeting as printed.';
COMMENT ON COLUMN deliberations.secretary IS 'Secretary of the meeting as printed.';
COMMENT ON COLUMN deliberations.place IS 'Place of signature as printed.';
COMMENT ON COLUMN deliberations.signed_date IS 'Date of signature.';
COMMENT ON COLUMN deliberations.report_number IS 'Number of the rapport presented to the assembly (RAPPORT N°...).';
COMMENT ON COLUMN deliberations.n_present IS 'Members listed present (with deliberative voice).';
COMMENT ON COLUMN deliberations.n_excused IS 'Members listed excused (with deliberative voice).';
COMMENT ON COLUMN deliberations.n_absent IS 'Members listed absent (with deliberative voice).';
COMMENT ON COLUMN deliberations.n_recused IS 'Members who took part neither in the debate nor in the vote.';
COMMENT ON COLUMN deliberations.n_grants IS 'Number of grant lines read for the deliberation.';
COMMENT ON COLUMN deliberations.version IS '1 for the first version loaded, +1 for each superseding file.';
COMMENT ON COLUMN deliberations.valid_from IS 'When this version was loaded (UTC).';
COMMENT ON COLUMN deliberations.valid_to IS 'When a newer version superseded this one; NULL while current.';
COMMENT ON COLUMN deliberations.superseded_by IS 'deliberation_id of the version that replaced this one; NULL while current.';

CREATE TABLE members (
    member_id BIGINT NOT NULL,
    name VARCHAR NOT NULL,
    name_key VARCHAR NOT NULL
);
COMMENT ON TABLE members IS 'Council members resolved across sessions: one row per person whatever the spelling (accents, order, civility). Rebuilt by re-resolution.';
COMMENT ON COLUMN members.member_id IS 'Key of the person (stable until re-resolution).';
COMMENT ON COLUMN members.name IS 'Canonical spelling (the most frequent, accented form preferred).';
COMMENT ON COLUMN members.name_key IS 'Accent-, case-, civility- and word-order-insensitive key of the canonical name.';

CREATE TABLE member_merges (
    alias VARCHAR NOT NULL,
    alias_key VARCHAR NOT NULL,
    canonical VARCHAR NOT NULL,
    member_id BIGINT NOT NULL,
    score DOUBLE NOT NULL,
    method VARCHAR NOT NULL,
    detail VARCHAR
);
COMMENT ON TABLE member_merges IS 'Every spelling of a member name and the person it was attached to, with the score and method (same-key, alias-force) that justify it.';
COMMENT ON COLUMN member_merges.alias IS 'A spelling as printed.';
COMMENT ON COLUMN member_merges.alias_key IS 'Normalised key of the spelling.';
COMMENT ON COLUMN member_merges.canonical IS 'Canonical name it was attached to.';
COMMENT ON COLUMN member_merges.member_id IS 'members.member_id.';
COMMENT ON COLUMN member_merges.score IS 'Similarity 0-100 that justified the attachment (100 for identical keys).';
COMMENT ON COLUMN member_merges.method IS 'canonical, same-key or alias-force.';
COMMENT ON COLUMN member_merges.detail IS 'Human-readable explanation of the decision.';

CREATE TABLE attendance (
    row_id BIGINT NOT NULL,
    deliberation_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    name_key VARCHAR NOT NULL,
    member_id BIGINT,
    proxy_to VARCHAR,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE attendance IS 'One row per person listed in the attendance block of a deliberation.';
COMMENT ON COLUMN attendance.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN attendance.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN attendance.document_id IS 'documents.document_id.';
COMMENT ON COLUMN attendance.ordinal IS 'Position of the name in its list.';
COMMENT ON COLUMN attendance.status IS 'present, excused, absent, non_voting_present, non_voting_excused, or proxy (a proxy giver not otherwise listed).';
COMMENT ON COLUMN attendance.name IS 'Name as printed (civility included when printed).';
COMMENT ON COLUMN attendance.name_key IS 'Accent-, case-, civility- and word-order-insensitive key of the name.';
COMMENT ON COLUMN attendance.member_id IS 'Resolved person (members.member_id).';
COMMENT ON COLUMN attendance.proxy_to IS 'Member who received this person''s proxy (pouvoir), when printed.';

CREATE TABLE recusals (
    row_id BIGINT NOT NULL,
    deliberation_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    name_key VARCHAR NOT NULL,
    member_id BIGINT,
    was_present BOOLEAN,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE recusals IS 'Members who "n''ont pris part ni au débat, ni au vote" (interested in the matter): not voters, kept out of the SCDL vote counts.';
COMMENT ON COLUMN recusals.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN recusals.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN recusals.document_id IS 'documents.document_id.';
COMMENT ON COLUMN recusals.ordinal IS 'Position of the name in the recusal paragraph.';
COMMENT ON COLUMN recusals.name IS 'Name as printed in the recusal paragraph.';
COMMENT ON COLUMN recusals.name_key IS 'Accent-, case-, civility- and word-order-insensitive key (HINGREZ-CEREDA = HINGREZ-CÉRÉDA).';
COMMENT ON COLUMN recusals.member_id IS 'Resolved person (members.member_id).';
COMMENT ON COLUMN recusals.was_present IS 'True if the same person is in the present list of the deliberation.';

CREATE TABLE citations (
    row_id BIGINT NOT NULL,
    deliberation_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    refers_to_number VARCHAR,
    refers_to_date DATE,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE citations IS 'The "Vu ..." visas of a deliberation (codes, earlier deliberations).';
COMMENT ON COLUMN citations.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN citations.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN citations.document_id IS 'documents.document_id.';
COMMENT ON COLUMN citations.ordinal IS 'Position of the visa in the deliberation.';
COMMENT ON COLUMN citations.text IS 'Text of the visa as printed.';
COMMENT ON COLUMN citations.refers_to_number IS 'Number of the deliberation cited, when the visa cites one.';
COMMENT ON COLUMN citations.refers_to_date IS 'Date of the deliberation cited.';

CREATE TABLE articles (
    row_id BIGINT NOT NULL,
    deliberation_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    number INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    amounts DECIMAL(18,2)[],
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE articles IS 'Numbered articles after DECIDE (the deliberation''s own, not the model convention''s).';
COMMENT ON COLUMN articles.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN articles.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN articles.document_id IS 'documents.document_id.';
COMMENT ON COLUMN articles.number IS 'Article number.';
COMMENT ON COLUMN articles.text IS 'Text of the article.';
COMMENT ON COLUMN articles.amounts IS 'Amounts of money written in the article, in euros, in order.';

CREATE TABLE budget_lines (
    row_id BIGINT NOT NULL,
    deliberation_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    part VARCHAR NOT NULL,
    report_number VARCHAR,
    operation_code VARCHAR,
    imputation VARCHAR,
    label VARCHAR,
    ae DECIMAL(18,2),
    available DECIMAL(18,2),
    proposed DECIMAL(18,2),
    expense DECIMAL(18,2),
    balance DECIMAL(18,2),
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE budget_lines IS 'Budget-imputation table lines (Code Opération / Imputation budgétaire / Libellé / amounts), from the deliberation and from the rapport.';
COMMENT ON COLUMN budget_lines.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN budget_lines.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN budget_lines.document_id IS 'documents.document_id.';
COMMENT ON COLUMN budget_lines.ordinal IS 'Position of the line in its table.';
COMMENT ON COLUMN budget_lines.part IS 'deliberation (table of the deliberation) or report (table of the rapport).';
COMMENT ON COLUMN budget_lines.report_number IS 'Rapport number when part = report.';
COMMENT ON COLUMN budget_lines.operation_code IS 'Code Opération as printed (e.g. C02-446A05).';
COMMENT ON COLUMN budget_lines.imputation IS 'Imputation budgétaire as printed (e.g. 6568/93446), text.';
COMMENT ON COLUMN budget_lines.label IS 'Libellé of the line.';
COMMENT ON COLUMN budget_lines.ae IS 'Autorisation d''engagement (AE), euros.';
COMMENT ON COLUMN budget_lines.available IS 'Disponible, euros (rapport tables).';
COMMENT ON COLUMN budget_lines.proposed IS 'Proposition, euros (rapport tables).';
COMMENT ON COLUMN budget_lines.expense IS 'Dépense, euros.';
COMMENT ON COLUMN budget_lines.balance IS 'Solde, euros (rapport tables).';

CREATE TABLE votes (
    row_id BIGINT NOT NULL,
    deliberation_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    vote_for INTEGER,
    vote_against INTEGER,
    abstention INTEGER,
    absent_without_proxy INTEGER,
    not_voting INTEGER,
    adopted BOOLEAN,
    unanimous BOOLEAN NOT NULL,
    text VARCHAR,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE votes IS 'The vote block of a deliberation, counts as printed (the SCDL view removes recused members).';
COMMENT ON COLUMN votes.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN votes.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN votes.document_id IS 'documents.document_id.';
COMMENT ON COLUMN votes.vote_for IS 'Pour, as printed.';
COMMENT ON COLUMN votes.vote_against IS 'Contre, as printed.';
COMMENT ON COLUMN votes.abstention IS 'Abstention, as printed (may include recused members, see scdl_deliberations).';
COMMENT ON COLUMN votes.absent_without_proxy IS 'Absents sans délégation de vote, as printed.';
COMMENT ON COLUMN votes.not_voting IS 'Members printed as not taking part in the vote, when the block says so.';
COMMENT ON COLUMN votes.adopted IS 'True if printed adopted (Adopté), false if rejected, NULL if not printed.';
COMMENT ON COLUMN votes.unanimous IS 'True if printed unanimous.';
COMMENT ON COLUMN votes.text IS 'The vote block as printed.';

CREATE TABLE vote_groups (
    row_id BIGINT NOT NULL,
    deliberation_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    category VARCHAR NOT NULL,
    ordinal INTEGER NOT NULL,
    group_name VARCHAR NOT NULL,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE vote_groups IS 'Political groups named in each vote category (Pour : 28 voix (groups...)).';
COMMENT ON COLUMN vote_groups.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN vote_groups.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN vote_groups.document_id IS 'documents.document_id.';
COMMENT ON COLUMN vote_groups.category IS 'Vote category the group is named under (for, against, abstention, absent...).';
COMMENT ON COLUMN vote_groups.ordinal IS 'Position of the group in its category.';
COMMENT ON COLUMN vote_groups.group_name IS 'Group name as printed.';

CREATE TABLE beneficiaries (
    beneficiary_id BIGINT NOT NULL,
    name VARCHAR NOT NULL,
    name_key VARCHAR NOT NULL,
    n_spellings INTEGER NOT NULL
);
COMMENT ON TABLE beneficiaries IS 'Grant beneficiaries resolved across spellings and years: one row per organisation. Rebuilt by re-resolution (delib ingest --aliases FILE).';
COMMENT ON COLUMN beneficiaries.beneficiary_id IS 'Key of the organisation (stable until re-resolution).';
COMMENT ON COLUMN beneficiaries.name IS 'Canonical spelling (forced by the aliases file, else the most frequent spelling).';
COMMENT ON COLUMN beneficiaries.name_key IS 'Normalised key of the canonical spelling (casefold, no accents, punctuation or spaces).';
COMMENT ON COLUMN beneficiaries.n_spellings IS 'Number of distinct spellings attached.';

CREATE TABLE beneficiary_merges (
    alias VARCHAR NOT NULL,
    alias_key VARCHAR NOT NULL,
    canonical VARCHAR NOT NULL,
    beneficiary_id BIGINT NOT NULL,
    score DOUBLE NOT NULL,
    method VARCHAR NOT NULL,
    detail VARCHAR
);
COMMENT ON TABLE beneficiary_merges IS 'Every spelling of a beneficiary and the organisation it was attached to, with the score and method that justify it: the explainable record of the resolution.';
COMMENT ON COLUMN beneficiary_merges.alias IS 'A spelling as printed.';
COMMENT ON COLUMN beneficiary_merges.alias_key IS 'Normalised key of the spelling.';
COMMENT ON COLUMN beneficiary_merges.canonical IS 'Canonical name it was attached to.';
COMMENT ON COLUMN beneficiary_merges.beneficiary_id IS 'beneficiaries.beneficiary_id.';
COMMENT ON COLUMN beneficiary_merges.score IS 'Similarity 0-100 that justified the merge (100 for equal keys).';
COMMENT ON COLUMN beneficiary_merges.method IS 'canonical (the name itself), same-key, same-key-without-legal-form, transposition, fuzzy-ratio or alias-force.';
COMMENT ON COLUMN beneficiary_merges.detail IS 'Human-readable explanation (compared keys, ratio, token_set_ratio).';

CREATE TABLE alias_rules (
    entity VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    left_name VARCHAR NOT NULL,
    right_name VARCHAR NOT NULL,
    source_file VARCHAR,
    line INTEGER
);
COMMENT ON TABLE alias_rules IS 'Rules of the last aliases file applied (delib ingest --aliases FILE): force A = B, forbid A != B. Used by every later load.';
COMMENT ON COLUMN alias_rules.entity IS 'beneficiary or member.';
COMMENT ON COLUMN alias_rules.kind IS 'force (left is a spelling of right, right is canonical) or forbid (never merge left and right).';
COMMENT ON COLUMN alias_rules.left_name IS 'Left-hand name of the rule.';
COMMENT ON COLUMN alias_rules.right_name IS 'Right-hand name of the rule.';
COMMENT ON COLUMN alias_rules.source_file IS 'Aliases file the rule came from.';
COMMENT ON COLUMN alias_rules.line IS 'Line number in that file.';

CREATE TABLE grants (
    row_id BIGINT NOT NULL,
    deliberation_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    annex VARCHAR,
    theme VARCHAR,
    operation VARCHAR,
    territory VARCHAR,
    beneficiary VARCHAR NOT NULL,
    beneficiary_key VARCHAR NOT NULL,
    beneficiary_id BIGINT,
    places INTEGER,
    description VARCHAR,
    period_start DATE,
    period_end DATE,
    amount DECIMAL(18,2) NOT NULL,
    instrument VARCHAR,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE grants IS 'One row per grant line (beneficiary, amount) of a grant table. Negative amounts are transfers between beneficiaries, not typos.';
COMMENT ON COLUMN grants.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN grants.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN grants.document_id IS 'documents.document_id.';
COMMENT ON COLUMN grants.ordinal IS 'Position of the line in the deliberation''s grant list.';
COMMENT ON COLUMN grants.annex IS 'Annex holding the table (e.g. annexe 3).';
COMMENT ON COLUMN grants.theme IS 'Theme (thématique) the line belongs to.';
COMMENT ON COLUMN grants.operation IS 'Operation label (the merged, often rotated, first column).';
COMMENT ON COLUMN grants.territory IS 'Territory (merged cell spanning several rows).';
COMMENT ON COLUMN grants.beneficiary IS 'Beneficiary as printed.';
COMMENT ON COLUMN grants.beneficiary_key IS 'Normalised key of the printed name (casefold, no accents, punctuation or spaces).';
COMMENT ON COLUMN grants.beneficiary_id IS 'Resolved organisation (beneficiaries.beneficiary_id).';
COMMENT ON COLUMN grants.places IS 'Number of places (may be negative when moved).';
COMMENT ON COLUMN grants.description IS 'Description of the action as printed.';
COMMENT ON COLUMN grants.period_start IS 'Start of the period of the action.';
COMMENT ON COLUMN grants.period_end IS 'End of the period of the action.';
COMMENT ON COLUMN grants.amount IS 'Amount in euros (DECIMAL, exact; negative = money moved away).';
COMMENT ON COLUMN grants.instrument IS 'Convention or Avenant.';

CREATE TABLE grant_totals (
    row_id BIGINT NOT NULL,
    deliberation_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    theme VARCHAR,
    operation VARCHAR,
    label VARCHAR,
    level VARCHAR NOT NULL,
    places INTEGER,
    amount DECIMAL(18,2) NOT NULL,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE grant_totals IS 'TOTAL rows printed in grant tables (per operation, subtotal, theme), used to reconcile the lines.';
COMMENT ON COLUMN grant_totals.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN grant_totals.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN grant_totals.document_id IS 'documents.document_id.';
COMMENT ON COLUMN grant_totals.ordinal IS 'Position of the total in the deliberation.';
COMMENT ON COLUMN grant_totals.theme IS 'Theme the total belongs to.';
COMMENT ON COLUMN grant_totals.operation IS 'Operation the total belongs to.';
COMMENT ON COLUMN grant_totals.label IS 'Label of the TOTAL row as printed.';
COMMENT ON COLUMN grant_totals.level IS 'operation, subtotal or theme.';
COMMENT ON COLUMN grant_totals.places IS 'Total places printed.';
COMMENT ON COLUMN grant_totals.amount IS 'Total amount printed, euros.';

CREATE TABLE checks (
    row_id BIGINT NOT NULL,
    deliberation_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    passed BOOLEAN NOT NULL,
    expected VARCHAR,
    found VARCHAR,
    detail VARCHAR,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE checks IS 'Cross-checks the extractor ran on a deliberation (totals reconcile, votes add up...), passed or failed.';
COMMENT ON COLUMN checks.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN checks.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN checks.document_id IS 'documents.document_id.';
COMMENT ON COLUMN checks.ordinal IS 'Position of the check in the deliberation.';
COMMENT ON COLUMN checks.name IS 'Name of the check (e.g. grants.operation_total).';
COMMENT ON COLUMN checks.passed IS 'True if the check held.';
COMMENT ON COLUMN checks.expected IS 'Expected value, as text.';
COMMENT ON COLUMN checks.found IS 'Value found, as text.';
COMMENT ON COLUMN checks.detail IS 'Explanation of the check.';

CREATE TABLE proposals (
    row_id BIGINT NOT NULL,
    deliberation_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    amount DECIMAL(18,2) NOT NULL,
    beneficiary VARCHAR,
    beneficiary_key VARCHAR,
    beneficiary_id BIGINT,
    operation VARCHAR,
    theme VARCHAR,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE proposals IS 'Amounts proposed in prose (narrative annexes, rapport).';
COMMENT ON COLUMN proposals.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN proposals.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN proposals.document_id IS 'documents.document_id.';
COMMENT ON COLUMN proposals.ordinal IS 'Position of the proposal in the deliberation.';
COMMENT ON COLUMN proposals.text IS 'Sentence holding the amount.';
COMMENT ON COLUMN proposals.amount IS 'Amount proposed, euros.';
COMMENT ON COLUMN proposals.beneficiary IS 'Beneficiary named, as printed.';
COMMENT ON COLUMN proposals.beneficiary_key IS 'Normalised key of the beneficiary name.';
COMMENT ON COLUMN proposals.beneficiary_id IS 'Resolved organisation (beneficiaries.beneficiary_id).';
COMMENT ON COLUMN proposals.operation IS 'Operation the proposal belongs to.';
COMMENT ON COLUMN proposals.theme IS 'Theme the proposal belongs to.';

CREATE TABLE issues (
    issue_id BIGINT NOT NULL,
    document_id BIGINT,
    deliberation_id BIGINT,
    path VARCHAR,
    origin VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    raw VARCHAR,
    created_at TIMESTAMP NOT NULL,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE issues IS 'Everything that could not be read or failed: extractor problems, failed checks, and files that could not be loaded at all (quarantined by the batch job).';
COMMENT ON COLUMN issues.issue_id IS 'Surrogate key of the issue.';
COMMENT ON COLUMN issues.document_id IS 'documents.document_id, NULL for a file that could not be loaded.';
COMMENT ON COLUMN issues.deliberation_id IS 'deliberations.deliberation_id when the issue belongs to one.';
COMMENT ON COLUMN issues.path IS 'File path.';
COMMENT ON COLUMN issues.origin IS 'publication, deliberation (extractor problems), check (failed check) or ingest (file not loaded).';
COMMENT ON COLUMN issues.kind IS 'Kind of problem (extractor kind, check name, or error class for unloadable files).';
COMMENT ON COLUMN issues.message IS 'One-line explanation.';
COMMENT ON COLUMN issues.raw IS 'Raw text that could not be read, when any.';
COMMENT ON COLUMN issues.created_at IS 'When the issue was recorded (UTC).';
