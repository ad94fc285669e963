-- Migration 002: views answering the cross-year questions.
-- "year" is the year of the meeting that adopted the deliberation (decision year).
-- Every view reads current versions only (superseded deliberations are history).

CREATE VIEW current_deliberations AS
SELECT * FROM deliberations WHERE superseded_by IS NULL;
COMMENT ON VIEW current_deliberations IS 'Live version of each deliberation (superseded versions excluded). Columns as in deliberations.';

CREATE VIEW current_grants AS
SELECT
    g.row_id AS grant_row_id,
    g.deliberation_id,
    d.number AS deliberation_number,
    d.collectivity,
    d.session_date,
    CAST(year(coalesce(d.session_date, d.signed_date)) AS INTEGER) AS year,
    g.beneficiary_id,
    coalesce(b.name, g.beneficiary) AS beneficiary_name,
    g.beneficiary AS printed_beneficiary,
    g.theme,
    g.operation,
    g.territory,
    g.places,
    g.description,
    g.period_start,
    g.period_end,
    g.amount,
    g.instrument,
    doc.path,
    g.sha256, g.page, g.bbox_x0, g.bbox_top, g.bbox_x1, g.bbox_bottom, g.rule
FROM grants g
JOIN deliberations d ON d.deliberation_id = g.deliberation_id AND d.superseded_by IS NULL
JOIN documents doc ON doc.document_id = g.document_id
LEFT JOIN beneficiaries b ON b.beneficiary_id = g.beneficiary_id;
COMMENT ON VIEW current_grants IS 'Grant lines of current deliberations with the resolved beneficiary, decision year and source file/page.';
COMMENT ON COLUMN current_grants.grant_row_id IS 'grants.row_id.';
COMMENT ON COLUMN current_grants.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN current_grants.deliberation_number IS 'Deliberation number as printed.';
COMMENT ON COLUMN current_grants.collectivity IS 'Collectivity granting the money.';
COMMENT ON COLUMN current_grants.session_date IS 'Date of the meeting that decided the grant.';
COMMENT ON COLUMN current_grants.year IS 'Decision year (year of the meeting).';
COMMENT ON COLUMN current_grants.beneficiary_id IS 'Resolved organisation (beneficiaries.beneficiary_id).';
COMMENT ON COLUMN current_grants.beneficiary_name IS 'Canonical name of the organisation.';
COMMENT ON COLUMN current_grants.printed_beneficiary IS 'Beneficiary as printed on this line.';
COMMENT ON COLUMN current_grants.theme IS 'Theme of the line.';
COMMENT ON COLUMN current_grants.operation IS 'Operation label of the line.';
COMMENT ON COLUMN current_grants.territory IS 'Territory of the line.';
COMMENT ON COLUMN current_grants.places IS 'Places.';
COMMENT ON COLUMN current_grants.description IS 'Description of the action.';
COMMENT ON COLUMN current_grants.period_start IS 'Start of the action period.';
COMMENT ON COLUMN current_grants.period_end IS 'End of the action period.';
COMMENT ON COLUMN current_grants.amount IS 'Amount in euros.';
COMMENT ON COLUMN current_grants.instrument IS 'Convention or Avenant.';
COMMENT ON COLUMN current_grants.path IS 'File the line was read from.';

CREATE VIEW funding_by_beneficiary_year AS
SELECT
    beneficiary_id,
    beneficiary_name AS beneficiary,
    year,
    count(*) AS n_grants,
    sum(amount) AS total,
    list(DISTINCT printed_beneficiary ORDER BY printed_beneficiary) AS spellings,
    list(DISTINCT path || ' p.' || coalesce(CAST(page AS VARCHAR), '?') ORDER BY path || ' p.' || coalesce(CAST(page AS VARCHAR), '?')) AS sources
FROM current_grants
GROUP BY beneficiary_id, beneficiary_name, year;
COMMENT ON VIEW funding_by_beneficiary_year IS 'Funding history: total granted to each resolved beneficiary per decision year, with the spellings met and the pages it comes from.';
COMMENT ON COLUMN funding_by_beneficiary_year.beneficiary_id IS 'Resolved organisation.';
COMMENT ON COLUMN funding_by_beneficiary_year.beneficiary IS 'Canonical name.';
COMMENT ON COLUMN funding_by_beneficiary_year.year IS 'Decision year.';
COMMENT ON COLUMN funding_by_beneficiary_year.n_grants IS 'Number of grant lines.';
COMMENT ON COLUMN funding_by_beneficiary_year.total IS 'Sum of the amounts, euros (negative lines included).';
COMMENT ON COLUMN funding_by_beneficiary_year.spellings IS 'Distinct spellings printed for these lines.';
COMMENT ON COLUMN funding_by_beneficiary_year.sources IS 'Files and pages the lines come from (path p.N).';

CREATE VIEW funding_by_operation AS
SELECT
    year,
    operation,
    count(*) AS n_grants,
    count(DISTINCT beneficiary_id) AS n_beneficiaries,
    sum(amount) AS total
FROM current_grants
GROUP BY year, operation;
COMMENT ON VIEW funding_by_operation IS 'Grants per decision year and operation label.';
COMMENT ON COLUMN funding_by_operation.year IS 'Decision year.';
COMMENT ON COLUMN funding_by_operation.operation IS 'Operation label as printed in the grant table.';
COMMENT ON COLUMN funding_by_operation.n_grants IS 'Number of grant lines.';
COMMENT ON COLUMN funding_by_operation.n_beneficiaries IS 'Number of distinct resolved beneficiaries.';
COMMENT ON COLUMN funding_by_operation.total IS 'Sum of the amounts, euros.';

CREATE VIEW funding_by_operation_code AS
SELECT
    CAST(year(coalesce(d.session_date, d.signed_date)) AS INTEGER) AS year,
    b.operation_code,
    b.imputation,
    b.part,
    count(*) AS n_lines,
    sum(b.ae) AS ae,
    sum(b.expense) AS expense,
    sum(b.proposed) AS proposed,
    list(DISTINCT b.label ORDER BY b.label) AS labels,
    list(DISTINCT d.number ORDER BY d.number) AS deliberations,
    list(DISTINCT doc.path || ' p.' || coalesce(CAST(b.page AS VARCHAR), '?') ORDER BY doc.path || ' p.' || coalesce(CAST(b.page AS VARCHAR), '?')) AS sources
FROM budget_lines b
JOIN deliberations d ON d.deliberation_id = b.deliberation_id AND d.superseded_by IS NULL
JOIN documents doc ON doc.document_id = b.document_id
GROUP BY ALL;
COMMENT ON VIEW funding_by_operation_code IS 'Budget lines per decision year, operation code and budget imputation (deliberation and rapport tables kept apart by part).';
COMMENT ON COLUMN funding_by_operation_code.year IS 'Decision year.';
COMMENT ON COLUMN funding_by_operation_code.operation_code IS 'Code Opération (e.g. C02-446A05).';
COMMENT ON COLUMN funding_by_operation_code.imputation IS 'Imputation budgétaire (e.g. 6568/93446).';
COMMENT ON COLUMN funding_by_operation_code.part IS 'deliberation or report.';
COMMENT ON COLUMN funding_by_operation_code.n_lines IS 'Number of budget lines.';
COMMENT ON COLUMN funding_by_operation_code.ae IS 'Sum of AE, euros.';
COMMENT ON COLUMN funding_by_operation_code.expense IS 'Sum of Dépense, euros.';
COMMENT ON COLUMN funding_by_operation_code.proposed IS 'Sum of Proposition, euros.';
COMMENT ON COLUMN funding_by_operation_code.labels IS 'Distinct labels of the lines.';
COMMENT ON COLUMN funding_by_operation_code.deliberations IS 'Deliberation numbers the lines come from.';
COMMENT ON COLUMN funding_by_operation_code.sources IS 'Files and pages (path p.N).';

CREATE VIEW funding_by_territory AS
WITH t AS (
    SELECT year, territory, count(*) AS n_grants, count(DISTINCT beneficiary_id) AS n_beneficiaries,
           sum(amount) AS total
    FROM current_grants
    GROUP BY year, territory
)
SELECT year, territory, n_grants, n_beneficiaries, total,
       total - lag(total) OVER (PARTITION BY territory ORDER BY year) AS change_from_previous_year
FROM t;
COMMENT ON VIEW funding_by_territory IS 'Grants per territory and decision year, with the change from the previous year the territory appears in (who gained or lost funding).';
COMMENT ON COLUMN funding_by_territory.year IS 'Decision year.';
COMMENT ON COLUMN funding_by_territory.territory IS 'Territory as printed (NULL when the table has none).';
COMMENT ON COLUMN funding_by_territory.n_grants IS 'Number of grant lines.';
COMMENT ON COLUMN funding_by_territory.n_beneficiaries IS 'Number of distinct resolved beneficiaries.';
COMMENT ON COLUMN funding_by_territory.total IS 'Sum of the amounts, euros.';
COMMENT ON COLUMN funding_by_territory.change_from_previous_year IS 'total minus the total of the previous year with data for this territory (NULL for its first year).';

-- SCDL Délibérations shape.  Vote counts follow the standard: members who took part neither in the
-- debate nor in the vote are not voters.  When the printed counts add up to the whole membership
-- (Pour + Contre + Abstention + Absents = présents + excusés + absents), or the votes cast are at
-- least the members present, while n (present) members were recused, those n were counted inside
-- Abstention by the document (they cannot be in Pour or Contre): they are taken out.  VOTE_EFFECTIF = members with a deliberative voice minus the recused.  The five columns
-- are all filled or all empty (cohesive-columns-value); vote_note says which rule applied.
CREATE VIEW scdl_deliberations AS
WITH base AS (
    SELECT
        d.*,
        v.vote_for, v.vote_against, v.abstention, v.absent_without_proxy, v.not_voting, v.unanimous,
        CASE WHEN d.n_present IS NOT NULL AND d.n_present + coalesce(d.n_excused, 0) + coalesce(d.n_absent, 0) > 0
             THEN d.n_present + coalesce(d.n_excused, 0) + coalesce(d.n_absent, 0) END AS members_total,
        coalesce(d.n_recused, 0) AS recused
    FROM current_deliberations d
    LEFT JOIN votes v ON v.deliberation_id = d.deliberation_id
), adj AS (
    SELECT *,
        (recused > 0 AND members_total IS NOT NULL AND abstention >= recused
         AND (vote_for + vote_against + abstention + coalesce(absent_without_proxy, 0) = members_total
              OR vote_for + vote_against + abstention >= n_present)) AS recused_in_abstention
    FROM base
), counts AS (
    SELECT *,
        vote_for AS c_pour,
        vote_against AS c_contre,
        CASE WHEN recused_in_abstention THEN abstention - recused ELSE abstention END AS c_abst,
        CASE WHEN members_total IS NOT NULL THEN members_total - recused
             WHEN absent_without_proxy IS NOT NULL
             THEN vote_for + vote_against + abstention + absent_without_proxy END AS c_effectif
    FROM adj
)
SELECT
    deliberation_id,
    collectivity AS COLL_NOM,
    CAST(NULL AS VARCHAR) AS COLL_SIRET,
    number AS DELIB_ID,
    session_date AS DELIB_DATE,
    CASE WHEN n_grants > 0 THEN '7.5' END AS DELIB_MATIERE_CODE,
    CASE WHEN n_grants > 0 THEN 'finances locales/subventions' END AS DELIB_MATIERE_NOM,
    title AS DELIB_OBJET,
    CAST(NULL AS VARCHAR) AS BUDGET_ANNEE,
    CAST(NULL AS VARCHAR) AS BUDGET_NOM,
    CAST(NULL AS VARCHAR) AS PREF_ID,
    CAST(NULL AS DATE) AS PREF_DATE,
    CASE WHEN c_effectif IS NOT NULL AND c_pour IS NOT NULL AND c_contre IS NOT NULL AND c_abst IS NOT NULL
         THEN c_effectif END AS VOTE_EFFECTIF,
    CASE WHEN c_effectif IS NOT NULL AND c_pour IS NOT NULL AND c_contre IS NOT NULL AND c_abst IS NOT NULL
         THEN c_pour + c_contre + c_abst END AS VOTE_REEL,
    CASE WHEN c_effectif IS NOT NULL AND c_pour IS NOT NULL AND c_contre IS NOT NULL AND c_abst IS NOT NULL
         THEN c_pour END AS VOTE_POUR,
    CASE WHEN c_effectif IS NOT NULL AND c_pour IS NOT NULL AND c_contre IS NOT NULL AND c_abst IS NOT NULL
         THEN c_contre END AS VOTE_CONTRE,
    CASE WHEN c_effectif IS NOT NULL AND c_pour IS NOT NULL AND c_contre IS NOT NULL AND c_abst IS NOT NULL
         THEN c_abst END AS VOTE_ABSTENTION,
    CAST(NULL AS VARCHAR) AS DELIB_URL,
    CASE
        WHEN vote_for IS NULL AND vote_against IS NULL AND abstention IS NULL THEN 'no vote counts printed'
        WHEN c_pour IS NULL OR c_contre IS NULL OR c_abst IS NULL
            THEN 'vote counts incomplete (Pour/Contre/Abstention): vote columns left empty'
        WHEN c_effectif IS NULL
            THEN 'neither attendance nor absents printed: VOTE_EFFECTIF unknown, vote columns left empty'
        WHEN recused_in_abstention
            THEN 'the ' || recused || ' recused members were counted as abstentions by the document; removed from VOTE_ABSTENTION and VOTE_REEL'
        WHEN recused > 0 THEN recused || ' recused members already outside the printed counts'
        ELSE 'counts as printed'
    END AS vote_note,
    session_date AS session_date,
    page,
    sha256
FROM counts;
COMMENT ON VIEW scdl_deliberations IS 'Current deliberations in the SCDL Délibérations 2.1.5 shape; recused members are outside the vote counts. Collectivity facts (SIRET, prefecture) are added by delib export scdl-deliberations --facts.';
COMMENT ON COLUMN scdl_deliberations.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN scdl_deliberations.COLL_NOM IS 'Collectivity as printed (the export may replace it by the official name from --facts).';
COMMENT ON COLUMN scdl_deliberations.COLL_SIRET IS 'Always NULL here: the documents do not print it; supplied by --facts.';
COMMENT ON COLUMN scdl_deliberations.DELIB_ID IS 'Deliberation number as printed.';
COMMENT ON COLUMN scdl_deliberations.DELIB_DATE IS 'Date of the meeting.';
COMMENT ON COLUMN scdl_deliberations.DELIB_MATIERE_CODE IS 'ACTES level-2 code: 7.5 (finances locales/subventions) when the deliberation has grant lines, else NULL (--facts may set it).';
COMMENT ON COLUMN scdl_deliberations.DELIB_MATIERE_NOM IS 'ACTES level-1/level-2 name matching DELIB_MATIERE_CODE.';
COMMENT ON COLUMN scdl_deliberations.DELIB_OBJET IS 'Title of the deliberation.';
COMMENT ON COLUMN scdl_deliberations.BUDGET_ANNEE IS 'Not printed in a way we read: NULL.';
COMMENT ON COLUMN scdl_deliberations.BUDGET_NOM IS 'Not printed in a way we read: NULL.';
COMMENT ON COLUMN scdl_deliberations.PREF_ID IS 'Prefecture code, from --facts (PREF062...).';
COMMENT ON COLUMN scdl_deliberations.PREF_DATE IS 'Date of receipt by the prefecture: not read, NULL.';
COMMENT ON COLUMN scdl_deliberations.VOTE_EFFECTIF IS 'Members with a deliberative voice (présents + excusés + absents) minus the recused; or voters + absents when attendance is not printed.';
COMMENT ON COLUMN scdl_deliberations.VOTE_REEL IS 'VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION.';
COMMENT ON COLUMN scdl_deliberations.VOTE_POUR IS 'Pour, as printed.';
COMMENT ON COLUMN scdl_deliberations.VOTE_CONTRE IS 'Contre, as printed.';
COMMENT ON COLUMN scdl_deliberations.VOTE_ABSTENTION IS 'Abstention without the recused members (see vote_note).';
COMMENT ON COLUMN scdl_deliberations.DELIB_URL IS 'Link to the document: from --facts url_template, else NULL.';
COMMENT ON COLUMN scdl_deliberations.vote_note IS 'Which rule produced the vote columns (not an SCDL column).';
COMMENT ON COLUMN scdl_deliberations.session_date IS 'Date of the meeting (not an SCDL column).';

CREATE VIEW recusals_by_member AS
SELECT
    r.member_id,
    coalesce(m.name, any_value(r.name)) AS member,
    count(*) AS n_recusals,
    min(d.session_date) AS first_date,
    max(d.session_date) AS last_date,
    list(d.number ORDER BY d.session_date, d.number) AS deliberations,
    sum(d.n_grants) AS n_grant_lines_concerned,
    list(DISTINCT r.name ORDER BY r.name) AS spellings
FROM recusals r
JOIN deliberations d ON d.deliberation_id = r.deliberation_id AND d.superseded_by IS NULL
LEFT JOIN members m ON m.member_id = r.member_id
GROUP BY r.member_id, m.name;
COMMENT ON VIEW recusals_by_member IS 'Which councillors recused themselves, how often, on which deliberations (and how many grant lines those carry).';
COMMENT ON COLUMN recusals_by_member.member_id IS 'Resolved person.';
COMMENT ON COLUMN recusals_by_member.member IS 'Canonical name.';
COMMENT ON COLUMN recusals_by_member.n_recusals IS 'Number of current deliberations the member took no part in.';
COMMENT ON COLUMN recusals_by_member.first_date IS 'First meeting date with a recusal.';
COMMENT ON COLUMN recusals_by_member.last_date IS 'Last meeting date with a recusal.';
COMMENT ON COLUMN recusals_by_member.deliberations IS 'Deliberation numbers, by date.';
COMMENT ON COLUMN recusals_by_member.n_grant_lines_concerned IS 'Grant lines carried by those deliberations.';
COMMENT ON COLUMN recusals_by_member.spellings IS 'Spellings of the name in the recusal paragraphs.';

CREATE VIEW failed_checks AS
SELECT
    c.row_id AS check_row_id,
    d.deliberation_id,
    d.number AS deliberation_number,
    d.session_date,
    doc.path,
    c.page,
    c.name,
    c.expected,
    c.found,
    c.detail,
    c.sha256
FROM checks c
JOIN deliberations d ON d.deliberation_id = c.deliberation_id AND d.superseded_by IS NULL
JOIN documents doc ON doc.document_id = c.document_id
WHERE NOT c.passed;
COMMENT ON VIEW failed_checks IS 'Checks that did not hold in current deliberations, with file and page.';
COMMENT ON COLUMN failed_checks.check_row_id IS 'checks.row_id.';
COMMENT ON COLUMN failed_checks.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN failed_checks.deliberation_number IS 'Deliberation number.';
COMMENT ON COLUMN failed_checks.session_date IS 'Date of the meeting.';
COMMENT ON COLUMN failed_checks.path IS 'File.';
COMMENT ON COLUMN failed_checks.name IS 'Check name.';
COMMENT ON COLUMN failed_checks.expected IS 'Expected value.';
COMMENT ON COLUMN failed_checks.found IS 'Value found.';
COMMENT ON COLUMN failed_checks.detail IS 'Explanation.';

CREATE VIEW audit_items AS
SELECT
    i.issue_id,
    i.origin,
    coalesce(i.path, doc.path) AS path,
    i.page,
    i.rule,
    i.kind,
    i.message,
    i.raw,
    d.number AS deliberation_number,
    i.sha256,
    i.bbox_x0, i.bbox_top, i.bbox_x1, i.bbox_bottom
FROM issues i
LEFT JOIN documents doc ON doc.document_id = i.document_id
LEFT JOIN deliberations d ON d.deliberation_id = i.deliberation_id
WHERE CASE
    WHEN i.deliberation_id IS NOT NULL THEN d.superseded_by IS NULL
    WHEN i.document_id IS NOT NULL THEN
        NOT EXISTS (SELECT 1 FROM deliberations x WHERE x.document_id = i.document_id)
        OR EXISTS (SELECT 1 FROM deliberations x WHERE x.document_id = i.document_id AND x.superseded_by IS NULL)
    ELSE i.sha256 IS NULL OR i.sha256 NOT IN (SELECT sha256 FROM documents)
END;
COMMENT ON VIEW audit_items IS 'What an auditor must look at: unread items, failed checks and unloadable files that still apply (superseded versions and files loaded later are left out).';
COMMENT ON COLUMN audit_items.issue_id IS 'issues.issue_id.';
COMMENT ON COLUMN audit_items.origin IS 'publication, deliberation, check or ingest.';
COMMENT ON COLUMN audit_items.path IS 'File.';
COMMENT ON COLUMN audit_items.kind IS 'Kind of problem or check name.';
COMMENT ON COLUMN audit_items.message IS 'One-line explanation.';
COMMENT ON COLUMN audit_items.raw IS 'Raw text, when any.';
COMMENT ON COLUMN audit_items.deliberation_number IS 'Deliberation number, when the item belongs to one.';
