-- Session minutes (comptes rendus, procès-verbaux): the rapporteur of an item, budget
-- imputations printed in prose, a vote printed for one grant line, and the items of a session
-- that are not deliberations (agenda, minutes approval, secretary, information, questions
-- diverses, decisions taken under delegation).
ALTER TABLE deliberations ADD COLUMN rapporteur VARCHAR;
COMMENT ON COLUMN deliberations.rapporteur IS 'Rapporteur of the item as printed (never part of the title); NULL if not printed.';

ALTER TABLE grants ADD COLUMN nature VARCHAR;
ALTER TABLE grants ADD COLUMN in_kind BOOLEAN;
ALTER TABLE grants ADD COLUMN requested DECIMAL(18,2);
ALTER TABLE grants ADD COLUMN vote_for INTEGER;
ALTER TABLE grants ADD COLUMN vote_against INTEGER;
ALTER TABLE grants ADD COLUMN vote_abstention INTEGER;
ALTER TABLE grants ADD COLUMN vote_adopted BOOLEAN;
COMMENT ON COLUMN grants.nature IS 'fonctionnement / investissement / exceptionnelle / projet where printed.';
COMMENT ON COLUMN grants.in_kind IS 'A valued in-kind grant (aide en nature).';
COMMENT ON COLUMN grants.requested IS 'Amount requested, where printed beside the grant (never summed into it).';
COMMENT ON COLUMN grants.vote_for IS 'Votes for this grant line alone, where the minutes print a vote per grant.';
COMMENT ON COLUMN grants.vote_against IS 'Votes against this grant line alone.';
COMMENT ON COLUMN grants.vote_abstention IS 'Abstentions on this grant line alone.';
COMMENT ON COLUMN grants.vote_adopted IS 'Outcome of the vote on this grant line alone.';

CREATE TABLE imputations (
    row_id BIGINT NOT NULL,
    deliberation_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    budget VARCHAR,
    section VARCHAR,
    chapter VARCHAR,
    nature VARCHAR,
    fonction VARCHAR,
    credit_line VARCHAR,
    operation VARCHAR,
    amount DECIMAL(18,2),
    text VARCHAR NOT NULL,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE imputations IS 'One row per budget imputation printed for a deliberation ("chapitre 920, nature 6574, ligne de crédit 17566", "compte 1068").';
COMMENT ON COLUMN imputations.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN imputations.deliberation_id IS 'deliberations.deliberation_id.';
COMMENT ON COLUMN imputations.document_id IS 'documents.document_id.';
COMMENT ON COLUMN imputations.ordinal IS 'Position of the imputation in the deliberation.';
COMMENT ON COLUMN imputations.budget IS '''principal'' or the budget annexe named in the sentence.';
COMMENT ON COLUMN imputations.section IS 'fonctionnement / investissement where printed next to it.';
COMMENT ON COLUMN imputations.chapter IS 'Chapitre code as printed (text: 920, 002, 928241).';
COMMENT ON COLUMN imputations.nature IS 'Nature / compte / article code as printed (6574, 1068).';
COMMENT ON COLUMN imputations.fonction IS 'Fonction code where printed.';
COMMENT ON COLUMN imputations.credit_line IS 'Ligne de crédit where printed.';
COMMENT ON COLUMN imputations.operation IS 'Opération code where printed.';
COMMENT ON COLUMN imputations.amount IS 'Amount printed with the imputation (EUR), NULL if none.';
COMMENT ON COLUMN imputations.text IS 'The imputation as printed.';
COMMENT ON COLUMN imputations.sha256 IS 'SHA-256 of the source file.';
COMMENT ON COLUMN imputations.page IS '1-based page.';
COMMENT ON COLUMN imputations.bbox_x0 IS 'Left of the box (PDF points).';
COMMENT ON COLUMN imputations.bbox_top IS 'Top of the box (PDF points, from the top).';
COMMENT ON COLUMN imputations.bbox_x1 IS 'Right of the box (PDF points).';
COMMENT ON COLUMN imputations.bbox_bottom IS 'Bottom of the box (PDF points, from the top).';
COMMENT ON COLUMN imputations.rule IS 'Rule that read it (name.version).';

CREATE TABLE other_items (
    row_id BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    number VARCHAR,
    title VARCHAR,
    session_date DATE,
    vote_for INTEGER,
    vote_against INTEGER,
    abstention INTEGER,
    adopted BOOLEAN,
    unanimous BOOLEAN,
    vote_text VARCHAR,
    sha256 VARCHAR, page INTEGER,
    bbox_x0 DOUBLE, bbox_top DOUBLE, bbox_x1 DOUBLE, bbox_bottom DOUBLE, rule VARCHAR
);
COMMENT ON TABLE other_items IS 'Items of a session that are not deliberations of this assembly: agenda, approval of the minutes, secretary, information (prend acte), questions diverses, decisions taken under delegation, withdrawn or unvoted items.';
COMMENT ON COLUMN other_items.row_id IS 'Surrogate key of the row.';
COMMENT ON COLUMN other_items.document_id IS 'documents.document_id.';
COMMENT ON COLUMN other_items.ordinal IS 'Position of the item among the other items of the document.';
COMMENT ON COLUMN other_items.kind IS 'agenda | minutes_approval | secretary | information | questions_diverses | delegation_decisions | debate | other.';
COMMENT ON COLUMN other_items.number IS 'Number as printed, NULL if none.';
COMMENT ON COLUMN other_items.title IS 'Title as printed.';
COMMENT ON COLUMN other_items.session_date IS 'Date of the session.';
COMMENT ON COLUMN other_items.vote_for IS 'Votes for, where a vote is printed (e.g. adoption of the agenda).';
COMMENT ON COLUMN other_items.vote_against IS 'Votes against.';
COMMENT ON COLUMN other_items.abstention IS 'Abstentions.';
COMMENT ON COLUMN other_items.adopted IS 'Outcome, where printed.';
COMMENT ON COLUMN other_items.unanimous IS 'Unanimity printed.';
COMMENT ON COLUMN other_items.vote_text IS 'The vote as printed.';
COMMENT ON COLUMN other_items.sha256 IS 'SHA-256 of the source file.';
COMMENT ON COLUMN other_items.page IS '1-based page.';
COMMENT ON COLUMN other_items.bbox_x0 IS 'Left of the box (PDF points).';
COMMENT ON COLUMN other_items.bbox_top IS 'Top of the box (PDF points, from the top).';
COMMENT ON COLUMN other_items.bbox_x1 IS 'Right of the box (PDF points).';
COMMENT ON COLUMN other_items.bbox_bottom IS 'Bottom of the box (PDF points, from the top).';
COMMENT ON COLUMN other_items.rule IS 'Rule that read it (name.version).';
-- the live-version view lists the columns of deliberations: rebuilt so that it has the new one
CREATE OR REPLACE VIEW current_deliberations AS
SELECT * FROM deliberations WHERE superseded_by IS NULL;
COMMENT ON VIEW current_deliberations IS 'Live version of each deliberation (superseded versions excluded). Columns as in deliberations.';
COMMENT ON COLUMN current_deliberations.rapporteur IS 'Rapporteur of the item as printed (never part of the title); NULL if not printed.';
