-- Scanned publications read through OCR (issue 14): where each page's text came from.
-- Every value read from OCR text carries '+ocr(<engine> <version>/<language>,conf=<0-100>)' at the
-- end of its rule (extract/ocr.py); this view gathers it per page, from every table whose rows
-- carry a file, a page and a rule.  A page on which nothing was read has no row.
CREATE OR REPLACE VIEW page_text_layers AS
WITH located AS (
    SELECT sha256, page, rule FROM deliberations
    UNION ALL SELECT sha256, page, rule FROM attendance
    UNION ALL SELECT sha256, page, rule FROM citations
    UNION ALL SELECT sha256, page, rule FROM articles
    UNION ALL SELECT sha256, page, rule FROM budget_lines
    UNION ALL SELECT sha256, page, rule FROM votes
    UNION ALL SELECT sha256, page, rule FROM grants
    UNION ALL SELECT sha256, page, rule FROM grant_totals
    UNION ALL SELECT sha256, page, rule FROM proposals
    UNION ALL SELECT sha256, page, rule FROM imputations
    UNION ALL SELECT sha256, page, rule FROM other_items
    UNION ALL SELECT sha256, page, rule FROM issues
)
SELECT
    l.sha256,
    doc.path,
    l.page,
    CASE WHEN bool_or(l.rule LIKE '%+ocr(%') THEN 'ocr' ELSE 'text layer' END AS origin,
    max(nullif(regexp_extract(l.rule, '\+ocr\(([^/]+)/', 1), '')) AS engine,
    max(nullif(regexp_extract(l.rule, '\+ocr\([^/]+/([a-z+]+),', 1), '')) AS language,
    round(avg(TRY_CAST(regexp_extract(l.rule, '\+ocr\([^)]*conf=([0-9]+)\)', 1) AS INTEGER)), 1) AS mean_confidence,
    min(TRY_CAST(regexp_extract(l.rule, '\+ocr\([^)]*conf=([0-9]+)\)', 1) AS INTEGER)) AS min_confidence,
    count(*) AS values_read
FROM located l
LEFT JOIN documents doc ON doc.sha256 = l.sha256
WHERE l.sha256 IS NOT NULL AND l.page IS NOT NULL
GROUP BY l.sha256, doc.path, l.page;
COMMENT ON VIEW page_text_layers IS 'Where the text of each page came from: its text layer, or OCR (engine, language, confidence), from the rules of the values read on it.';
COMMENT ON COLUMN page_text_layers.sha256 IS 'File sha256 (the original file, also when it was OCRed).';
COMMENT ON COLUMN page_text_layers.path IS 'File.';
COMMENT ON COLUMN page_text_layers.page IS '1-based page number.';
COMMENT ON COLUMN page_text_layers.origin IS '''ocr'' when the page was read through OCR, else ''text layer''.';
COMMENT ON COLUMN page_text_layers.engine IS 'OCR engine and version (e.g. tesseract 5.3.0), NULL for a text layer.';
COMMENT ON COLUMN page_text_layers.language IS 'OCR language model (fra).';
COMMENT ON COLUMN page_text_layers.mean_confidence IS 'Mean of the OCR confidences (0-100) of the values read on the page.';
COMMENT ON COLUMN page_text_layers.min_confidence IS 'Lowest OCR confidence (0-100) of a value read on the page.';
COMMENT ON COLUMN page_text_layers.values_read IS 'Rows read on the page (deliberations, votes, grants, imputations, problems...).';
