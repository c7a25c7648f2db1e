// Released migration: never edit. Add a new numbered file instead.
// Full-text search over sentence originals and translation-memory English (SQLite FTS5).
//
// Two contentless indexes (they store only the index, not a second copy of the text):
// sentence_search (rowid = sentences.id) and english_search (rowid = translations.id). Which
// English a sentence shows is decided at query time (src/store/search.ts), so every translation
// is indexed and a human edit or an undo only changes its own row.
//
// Folding: the unicode61 tokenizer lowercases and removes diacritics (remove_diacritics 2:
// "Pjongjang" finds "Pjöngjang", "Reykjavik" finds "Reykjavík"). Letters that are not a base
// letter plus a mark are spelled out before indexing, as analysts type them on a keyboard without
// them: ß → ss ("Aussenminister" finds "Außenminister"), þ → th, ð → d, æ → ae, ø → o, œ → oe.
// The query side folds the same letters (src/store/search-fold.ts; test/store/search.test.ts
// checks that both agree).
//
// Triggers keep both indexes in step with every write, whichever code path makes it: ingest,
// source edits and splits in review, document deletes (the sentences' ON DELETE CASCADE fires
// them), memory imports, model output, post-edits and undo. Existing rows are indexed here.
const fold = (expr: string) =>
  [['ß', 'ss'], ['ẞ', 'ss'], ['þ', 'th'], ['Þ', 'th'], ['ð', 'd'], ['Ð', 'd'], ['æ', 'ae'], ['Æ', 'ae'], ['ø', 'o'], ['Ø', 'o'], ['œ', 'oe'], ['Œ', 'oe']]
    .reduce((sql, [from, to]) => `replace(${sql}, '${from}', '${to}')`, expr);

export const sql = `
CREATE VIRTUAL TABLE sentence_search USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE english_search USING fts5(english, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');

INSERT INTO sentence_search (rowid, text) SELECT id, ${fold('text')} FROM sentences;
INSERT INTO english_search (rowid, english) SELECT id, ${fold('english')} FROM translations;

CREATE TRIGGER sentence_search_insert AFTER INSERT ON sentences BEGIN
  INSERT INTO sentence_search (rowid, text) VALUES (new.id, ${fold('new.text')});
END;
CREATE TRIGGER sentence_search_update AFTER UPDATE OF text ON sentences BEGIN
  DELETE FROM sentence_search WHERE rowid = old.id;
  INSERT INTO sentence_search (rowid, text) VALUES (new.id, ${fold('new.text')});
END;
CREATE TRIGGER sentence_search_delete AFTER DELETE ON sentences BEGIN
  DELETE FROM sentence_search WHERE rowid = old.id;
END;

CREATE TRIGGER english_search_insert AFTER INSERT ON translations BEGIN
  INSERT INTO english_search (rowid, english) VALUES (new.id, ${fold('new.english')});
END;
CREATE TRIGGER english_search_update AFTER UPDATE OF english ON translations BEGIN
  DELETE FROM english_search WHERE rowid = old.id;
  INSERT INTO english_search (rowid, english) VALUES (new.id, ${fold('new.english')});
END;
CREATE TRIGGER english_search_delete AFTER DELETE ON translations BEGIN
  DELETE FROM english_search WHERE rowid = old.id;
END;
`;
