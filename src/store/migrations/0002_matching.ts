// Released migration: never edit. Add a new numbered file instead.
export const sql = `
-- What matching knows about a document, and the text it was computed from (to notice changes).
CREATE TABLE fingerprints (
  document_id  INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  source_hash  TEXT NOT NULL,
  data         TEXT NOT NULL
);

-- Document pairs that matched above 'unrelated'; a < b.
CREATE TABLE matches (
  a           INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  b           INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  score       REAL NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('duplicate', 'same_event', 'same_story', 'unrelated')),
  basis       TEXT NOT NULL,
  evidence    TEXT NOT NULL,
  computed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (a, b),
  CHECK (a < b)
);
CREATE INDEX matches_b ON matches (b);

-- Passages repeated within a document (a_doc = b_doc) or across two.
CREATE TABLE passages (
  id          INTEGER PRIMARY KEY,
  a_doc       INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  a_sentences TEXT NOT NULL,
  b_doc       INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  b_sentences TEXT NOT NULL,
  score       REAL NOT NULL
);
CREATE INDEX passages_a ON passages (a_doc);
CREATE INDEX passages_b ON passages (b_doc);

-- Story membership as last computed, per view: 'event' (same event or closer) and 'story'.
CREATE TABLE story_members (
  level       TEXT NOT NULL CHECK (level IN ('event', 'story')),
  story_id    TEXT NOT NULL,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  PRIMARY KEY (level, document_id)
);

-- Analyst decisions about stories. Matching reads them and never writes them.
CREATE TABLE story_decisions (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('confirm', 'reject', 'move')),
  a           INTEGER REFERENCES documents (id) ON DELETE CASCADE,
  b           INTEGER REFERENCES documents (id) ON DELETE CASCADE,
  story_id    TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((kind = 'move' AND a IS NOT NULL AND story_id IS NOT NULL) OR (kind <> 'move' AND a IS NOT NULL AND b IS NOT NULL))
);

-- Sentence alignments: two documents (monotonic beads or passage links), or one document with
-- its own English (mode 'translation', a_doc = b_doc) for single-article bilingual review.
CREATE TABLE alignments (
  id          INTEGER PRIMARY KEY,
  a_doc       INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  b_doc       INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  mode        TEXT NOT NULL CHECK (mode IN ('monotonic', 'passages', 'translation')),
  source_hash TEXT NOT NULL,
  reviewed    INTEGER NOT NULL DEFAULT 0,    -- 1 once an analyst decided anything: never recomputed then
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (a_doc, b_doc, mode)
);

-- Beads in reading order (pos); merges and splits change rows without renumbering the rest.
CREATE TABLE beads (
  id           INTEGER PRIMARY KEY,
  alignment_id INTEGER NOT NULL REFERENCES alignments (id) ON DELETE CASCADE,
  pos          REAL NOT NULL,
  a_sentences  TEXT NOT NULL,                -- JSON array of sentence indices in a_doc
  b_sentences  TEXT NOT NULL,
  score        REAL NOT NULL,
  kind         TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  origin       TEXT NOT NULL DEFAULT 'auto' CHECK (origin IN ('auto', 'human')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (alignment_id, pos)
);

-- Every analyst action on an alignment, with what it replaced, so it can be undone.
CREATE TABLE review_log (
  id           INTEGER PRIMARY KEY,
  alignment_id INTEGER NOT NULL REFERENCES alignments (id) ON DELETE CASCADE,
  action       TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'reset', 'edit', 'merge', 'split')),
  before       TEXT NOT NULL,
  after        TEXT NOT NULL,
  undone       INTEGER NOT NULL DEFAULT 0,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX review_log_alignment ON review_log (alignment_id, id);
`;
