// Released migration: never edit. Add a new numbered file instead.
// Review operations beyond accept/reject/merge/split: shifting a sentence across a row boundary,
// inserting or removing an empty cell, splitting a source sentence at a caret and editing the
// source text. A sentence the analyst split or edited keeps the text it was ingested with and
// who changed it, when and why; the document's text (which the offsets point into) is never
// changed. review_log is rebuilt because its CHECK lists the actions (SQLite cannot alter one).
export const sql = `
ALTER TABLE sentences ADD COLUMN original_text TEXT;     -- the ingested sentence this text came from; null when unchanged
ALTER TABLE sentences ADD COLUMN revision TEXT CHECK (revision IN ('split', 'edit'));
ALTER TABLE sentences ADD COLUMN revised_by TEXT;
ALTER TABLE sentences ADD COLUMN revised_at TEXT;
ALTER TABLE sentences ADD COLUMN revised_why TEXT;

CREATE TABLE review_log_0005 (
  id           INTEGER PRIMARY KEY,
  alignment_id INTEGER NOT NULL REFERENCES alignments (id) ON DELETE CASCADE,
  action       TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'reset', 'edit', 'merge', 'split',
                 'shift-up', 'shift-down', 'insert-gap', 'remove-gap', 'split-sentence', 'edit-source')),
  before       TEXT NOT NULL,
  after        TEXT NOT NULL,
  undone       INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
INSERT INTO review_log_0005 (id, alignment_id, action, before, after, undone, created_at)
  SELECT id, alignment_id, action, before, after, undone, created_at FROM review_log;
DROP TABLE review_log;
ALTER TABLE review_log_0005 RENAME TO review_log;
CREATE INDEX review_log_alignment ON review_log (alignment_id, id);
`;
