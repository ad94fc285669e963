-- Migration 003: organisations kept apart that look related, for the person editing the aliases file.

CREATE TABLE beneficiary_near_misses (
    beneficiary_a BIGINT NOT NULL,
    name_a VARCHAR NOT NULL,
    beneficiary_b BIGINT NOT NULL,
    name_b VARCHAR NOT NULL,
    score DOUBLE NOT NULL,
    reason VARCHAR NOT NULL,
    suggestion VARCHAR NOT NULL
);
COMMENT ON TABLE beneficiary_near_misses IS 'Pairs of organisations the conservative resolution kept apart but that look related (similar spelling below the merge threshold, or every word of one name in the other). Nothing is merged: copy a suggestion into the aliases file to merge, or a forbid to confirm.';
COMMENT ON COLUMN beneficiary_near_misses.beneficiary_a IS 'First organisation (beneficiaries.beneficiary_id).';
COMMENT ON COLUMN beneficiary_near_misses.name_a IS 'The spelling of the first organisation that looked related.';
COMMENT ON COLUMN beneficiary_near_misses.beneficiary_b IS 'Second organisation (beneficiaries.beneficiary_id).';
COMMENT ON COLUMN beneficiary_near_misses.name_b IS 'The spelling of the second organisation that looked related.';
COMMENT ON COLUMN beneficiary_near_misses.score IS 'Similarity 0-100 (Indel ratio of significant keys, or share of words included).';
COMMENT ON COLUMN beneficiary_near_misses.reason IS 'Why the pair is listed.';
COMMENT ON COLUMN beneficiary_near_misses.suggestion IS 'The aliases-file line that would merge them (A = B).';
