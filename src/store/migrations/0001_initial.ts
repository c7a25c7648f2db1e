// Released migration: never edit. Add a new numbered file instead.
export const sql = `
CREATE TABLE documents (
  id              INTEGER PRIMARY KEY,
  content_hash    TEXT NOT NULL UNIQUE,      -- sha256 of the raw bytes: same bytes, same document
  path            TEXT NOT NULL,
  file_name       TEXT NOT NULL,
  format          TEXT NOT NULL CHECK (format IN ('text', 'html', 'lines')),
  encoding        TEXT NOT NULL,
  byte_size       INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('ingested', 'unsupported')),
  lang            TEXT,                      -- null when the language is not supported
  lang_confidence REAL NOT NULL,
  detected_lang   TEXT,                      -- what identification saw, also when unsupported
  title           TEXT,
  published       TEXT,                      -- ISO date the article states, if any
  text            TEXT NOT NULL,             -- decoded, normalized text; offsets point into it
  warnings        TEXT NOT NULL DEFAULT '[]',
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE paragraphs (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  idx         INTEGER NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  text        TEXT NOT NULL,
  dropped     TEXT,                          -- boilerplate reason; null for content
  UNIQUE (document_id, idx)
);

CREATE TABLE sentences (
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  paragraph_id INTEGER NOT NULL REFERENCES paragraphs (id) ON DELETE CASCADE,
  idx          INTEGER NOT NULL,             -- position in the document, content sentences only
  start        INTEGER NOT NULL,
  end          INTEGER NOT NULL,
  text         TEXT NOT NULL,
  memory_key   TEXT NOT NULL,                -- normalized text: the translation-memory key
  UNIQUE (document_id, idx)
);
CREATE INDEX sentences_memory_key ON sentences (memory_key);

CREATE TABLE dates (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  iso         TEXT NOT NULL,
  precision   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL,
  text        TEXT NOT NULL
);
CREATE INDEX dates_document ON dates (document_id);

-- The translation memory. One row per source text, language and origin; model rows also per
-- model id and revision, so a new model revision translates again but an old one never does.
CREATE TABLE translations (
  id             INTEGER PRIMARY KEY,
  source_lang    TEXT NOT NULL,
  memory_key     TEXT NOT NULL,
  source_text    TEXT NOT NULL,
  english        TEXT NOT NULL,
  origin         TEXT NOT NULL CHECK (origin IN ('human', 'imported', 'model')),
  model_id       TEXT NOT NULL DEFAULT '',
  model_revision TEXT NOT NULL DEFAULT '',
  provenance     TEXT,                       -- import file, or who edited
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (source_lang, memory_key, origin, model_id, model_revision)
);

CREATE TABLE jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  total       INTEGER NOT NULL DEFAULT 0,
  done        INTEGER NOT NULL DEFAULT 0,
  detail      TEXT,
  started_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  finished_at TEXT
);
`;
